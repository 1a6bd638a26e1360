"""Helpers for the board-model tests: boot, start and stop the model, logged to
build/s3c6410/model/<name>.log."""
import os
import re
import shutil
import struct
import subprocess

from board_model.console import ROOT, ModelBoard

LOG_DIR = os.path.join(ROOT, "build", "s3c6410", "model")
BOOT_TIMEOUT = 30   # issue 14: boot to the prompt within a minute, on a loaded machine
IMAGE_128 = os.path.join(ROOT, "build", "s3c6410-ram128", "uImage")


def _open_log(name):
    os.makedirs(LOG_DIR, exist_ok=True)
    return open(os.path.join(LOG_DIR, re.sub(r"[^\w.-]+", "_", name) + ".log"), "w",
                encoding="latin-1")


def start_model(name, **kw):
    """The model started (not yet booted): for tests that expect it to stop."""
    log = _open_log(name)
    board = ModelBoard(logfile=log, **kw)
    board.log = log
    return board


def boot_model(name, **kw):
    board = start_model(name, **kw)
    try:
        board.boot(timeout=BOOT_TIMEOUT)
    except Exception:
        stop_model(board)
        raise
    return board


def stop_model(board):
    board.close()
    board.log.close()


def resync(board, timeout=5):
    board.send_raw("\x03")
    board.send_raw("resync\r")
    board.p.expect_exact("unknown command 'resync'", timeout=timeout)
    board.p.expect_exact("mm> ", timeout=timeout)


ELF = os.path.join(ROOT, "build", "s3c6410", "firmware.elf")
BIN = os.path.join(ROOT, "build", "s3c6410", "firmware.bin")
TEXT_VIRT = 0xC0008000          # firmware.bin starts at stext
NOP = 0xE1A00000                # mov r0, r0


def symbol(name, elf=ELF):
    """(address, size) of @name in the firmware's symbol table."""
    out = subprocess.run(["arm-none-eabi-nm", "-S", elf], check=True, capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == name:
            return int(parts[0], 16), int(parts[1], 16)
    raise LookupError(f"{name} not in {elf}")


def patch_words(path, start, size, match, replace, what):
    """Rewrite, in the image at @path, the first word of [start, start+size) (virtual
    addresses) for which match(word) is true: replace(word). Returns the address."""
    blob = bytearray(open(path, "rb").read())
    for addr in range(start, start + size, 4):
        off = addr - TEXT_VIRT
        word = struct.unpack_from("<I", blob, off)[0]
        if match(word):
            struct.pack_into("<I", blob, off, replace(word))
            open(path, "wb").write(blob)
            return addr
    raise LookupError(f"{what} not found at 0x{start:08x}+0x{size:x}: has the code changed?")


def broken_image(tmp_path, name):
    """A copy of firmware.bin to break."""
    path = os.path.join(str(tmp_path), name + ".bin")
    shutil.copyfile(BIN, path)
    return path
