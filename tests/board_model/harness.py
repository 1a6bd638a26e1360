"""Helpers for the board-model tests: boot, start and stop the model, logged to
build/s3c6410/model/<name>.log."""
import os
import re

from board_model.console import ROOT, ModelBoard

LOG_DIR = os.path.join(ROOT, "build", "s3c6410", "model")
BOOT_TIMEOUT = 30   # issue 14: boot to the prompt within a minute, on a loaded machine
IMAGE_128 = os.path.join(ROOT, "build", "s3c6410-128m", "uImage")


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
