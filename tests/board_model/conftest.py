"""Fixtures for the board-model tests: the s3c6410 image booted on tests/board_model.

`model` is one booted board per test module (vendor U-Boot preset, `bootm` of the
uImage, 256 MB) at a clean prompt; `boot_model(...)` boots any other configuration.
Transcripts go to build/s3c6410/model/<name>.log.
"""
import pexpect
import pytest

from board_model.harness import boot_model, resync, stop_model


@pytest.fixture(scope="module")
def _module_model(request):
    holder = {"board": None}
    yield holder
    if holder["board"]:
        stop_model(holder["board"])


@pytest.fixture
def model(request, _module_model):
    b = _module_model["board"]
    if b is not None:
        try:
            resync(b)
        except (pexpect.TIMEOUT, pexpect.EOF):
            stop_model(b)
            b = None
    if b is None:
        b = boot_model(request.module.__name__)
        _module_model["board"] = b
    return b
