"""Boot the firmware under QEMU and talk to its UART shell (shared by the KTAP runner,
the end-to-end tests and the benchmarks)."""
import os
import re
import shlex

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMPT = "mm> "


def build_ram_mb(elf):
    """RAM_MB the firmware was built with, from the config stamp the Makefile writes next
    to it (config.defs); None when there is none."""
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(elf)), "config.defs")) as f:
            m = re.search(r"-DRAM_MB=(\d+)\b", f.read())
    except OSError:
        return None
    return m.group(1) if m else None


def qemu_command(elf=None, icount=False, extra=()):
    elf = elf or os.environ.get("FIRMWARE_ELF", os.path.join(ROOT, "build/qemu/firmware.elf"))
    # The machine gets the RAM the firmware was built for (it does not probe for it).
    ram = os.environ.get("RAM_MB") or build_ram_mb(elf) or "256"
    cmd = ["qemu-system-arm", "-M", "versatilepb", "-cpu", "arm1176", "-m", ram,
           "-nographic", "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0",
           "-kernel", elf]
    if icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    return cmd + list(extra)


class Board:
    """A booted firmware. cmd() types a line and returns what it printed before the
    next prompt (the echo of the line removed, CR LF turned into LF)."""

    def __init__(self, elf=None, icount=False, timeout=10, logfile=None, extra=()):
        cmd = qemu_command(elf, icount, extra)
        self.p = pexpect.spawn(cmd[0], cmd[1:], encoding="latin-1", timeout=timeout,
                               echo=False, logfile=logfile)
        self.p.delaybeforesend = None
        self.boot_log = ""

    def wait_prompt(self, timeout=None):
        self.p.expect_exact(PROMPT, timeout=timeout)
        # The pty adds its own CR to our CR LF: drop every CR.
        return self.p.before.replace("\r", "")

    def boot(self, timeout=5):
        self.boot_log = self.wait_prompt(timeout=timeout)
        return self.boot_log

    def send_raw(self, data):
        self.p.send(data)

    def cmd(self, line, timeout=None):
        self.p.send(line + "\r")
        out = self.wait_prompt(timeout=timeout)
        # The shell echoes the line, then CR LF.
        if out.startswith(line):
            out = out[len(line):]
        return out.lstrip("\r\n")

    def alive(self):
        return "Board:" in self.cmd("version")

    def close(self):
        if self.p.isalive():
            self.p.terminate(force=True)


def parse_ktap_counts(text):
    """Count top-level and nested test results in KTAP output."""
    ok = len(re.findall(r"^\s*ok \d+", text, re.M))
    not_ok = len(re.findall(r"^\s*not ok \d+", text, re.M))
    return ok, not_ok
