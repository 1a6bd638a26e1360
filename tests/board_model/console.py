"""Talk to firmware booted on the board model, through tests/board_model/run.py in a pty:
the same Board interface as tests/lib/qemu_console.py, so the KTAP runner and the e2e
helpers work unchanged."""
import os
import sys

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))

from qemu_console import Board  # noqa: E402

RUNNER = os.path.join(HERE, "run.py")
PYTHON = "/usr/bin/python3"


def model_command(image=None, preset="vendor", ram=256, loader="bootm", extra=()):
    image = image or os.path.join(ROOT, "build", "s3c6410",
                                  "uImage" if loader == "bootm" else "firmware.bin")
    return [PYTHON, RUNNER, f"--{loader}", image, "--preset", preset, "--ram", str(ram),
            *extra]


class ModelBoard(Board):
    """A firmware image running on the S3C6410 model (see model_command for arguments)."""

    def __init__(self, argv=None, timeout=30, logfile=None, **kw):
        # Not Board.__init__: that one starts QEMU. @argv: run.py's own arguments.
        cmd = [PYTHON, RUNNER, *argv] if argv else model_command(**kw)
        self.command = cmd
        self.p = pexpect.spawn(cmd[0], cmd[1:], encoding="latin-1", timeout=timeout,
                               echo=False, logfile=logfile)
        self.p.delaybeforesend = None
        self.boot_log = ""

    def model_exit(self, timeout=30):
        """Everything printed until the model exits, and its exit status."""
        self.p.expect(pexpect.EOF, timeout=timeout)
        out = self.p.before.replace("\r", "")
        self.p.close()
        return out, self.p.exitstatus
