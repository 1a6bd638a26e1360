#!/usr/bin/python3
"""Boot an s3c6410 image on the board model, with UART0 on this terminal.

  run.py --bootm build/s3c6410/uImage [--preset vendor|mainline] [--ram 256|128]
  run.py --go build/s3c6410/firmware.bin [--addr 0x50008000]

Quit with Ctrl-A then X. Model messages start with "board-model:"; a fatal one ends the
run with exit status 2 (3 for a watchdog reset, 4 when the loader refused the image).
"""
import argparse
import os
import queue
import sys
import termios
import threading
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from board_model import devices as D  # noqa: E402
from board_model import uboot  # noqa: E402
from board_model.s3c6410 import PRESETS, Board  # noqa: E402


class Host:
    """stdin in a reader thread; Ctrl-A X quits."""

    def __init__(self, fd):
        self.q = queue.Queue()
        self.fd = fd
        self.quit = False
        self.escape = False
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        while True:
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                data = b""
            if not data:
                return
            self.q.put(data)

    def _filter(self, data):
        out = bytearray()
        for b in data:
            if self.escape:
                self.escape = False
                if b in (ord("x"), ord("X")):
                    self.quit = True
                    break
                if b != 1:
                    out.append(1)
                out.append(b)
            elif b == 1:
                self.escape = True
            else:
                out.append(b)
        if self.quit:
            raise KeyboardInterrupt
        return bytes(out)

    def poll(self):
        data = b""
        while True:
            try:
                data += self.q.get_nowait()
            except queue.Empty:
                return self._filter(data) if data else b""

    def wait(self, seconds):
        try:
            data = self.q.get(timeout=seconds) if seconds > 0 else self.q.get_nowait()
        except queue.Empty:
            return b""
        return self._filter(data + self.poll())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    img = ap.add_mutually_exclusive_group(required=True)
    img.add_argument("--go", metavar="BIN", help="raw image: loaded at --addr, then `go`")
    img.add_argument("--bootm", metavar="UIMAGE", help="uImage: loaded at --at, then `bootm`")
    ap.add_argument("--addr", type=lambda s: int(s, 0), default=0x50008000)
    ap.add_argument("--at", type=lambda s: int(s, 0), default=0x50800000)
    ap.add_argument("--preset", choices=sorted(PRESETS), default="vendor")
    ap.add_argument("--ram", type=int, choices=(128, 256), default=256)
    ap.add_argument("--loader-vectored-irq", action="store_true",
                    help="the loader left SCTLR.VE (VIC port) set")
    ap.add_argument("--stats", action="store_true", help="print time and counts at exit")
    args = ap.parse_args(argv)

    out_fd = sys.stdout.fileno()

    def console(text):
        os.write(out_fd, text.encode("latin-1") if isinstance(text, str) else text)

    def warn(msg):
        console(f"\r\nboard-model: warning: {msg}\r\n")

    board = Board(preset=args.preset, ram_mb=args.ram, output=console, warn=warn,
                  loader_vectored_irq=args.loader_vectored_irq)
    console(f"board-model: S3C6410, {args.ram} MB, {args.preset} U-Boot preset, PCLK "
            f"{board.syscon.pclk_hz()} Hz\r\n")
    saved = None
    if os.isatty(0):
        saved = termios.tcgetattr(0)
        tty.setraw(0)
    status = 0
    t0 = time.monotonic()
    try:
        if args.go:
            with open(args.go, "rb") as f:
                uboot.go(board, f.read(), args.addr, console)
        else:
            with open(args.bootm, "rb") as f:
                uboot.bootm(board, f.read(), args.at, console)
        board.run(Host(0))
    except KeyboardInterrupt:
        pass
    except uboot.LoaderError as e:
        console(f"board-model: U-Boot refused the image: {e}\r\n")
        status = 4
    except D.WatchdogReset as e:
        console(f"\r\nboard-model: {e}\r\n")
        status = 3
    except D.ModelError as e:
        console(f"\r\nboard-model: FATAL: {e}\r\nboard-model: at {board.state()}\r\n")
        status = 2
    finally:
        if saved is not None:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
    if args.stats:
        console(f"board-model: {board.instructions} instructions, {board.now_ns / 1e6:.1f} ms "
                f"virtual, {time.monotonic() - t0:.2f} s real\r\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
