"""Fixtures for the end-to-end tests: boot the firmware under QEMU and type at its UART.

`board` gives each test a shell at a clean prompt. One QEMU runs per test module (a boot
takes well under a second); before each test the console is resynchronised, and a board
that stopped answering is replaced, so one failing test cannot take its neighbours down.
`fresh_board` boots a QEMU for one test alone. Transcripts: build/qemu/e2e/<name>.log.
"""
import os
import sys

import pexpect
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "lib"))

from e2e_helpers import ELF, boot_board, close_board, nm_symbols, resync  # noqa: E402


@pytest.fixture(scope="session")
def firmware_elf():
    if not os.path.exists(ELF):
        pytest.fail(f"{ELF} does not exist: run `make` first")
    return ELF


@pytest.fixture(scope="module")
def _module_board(request, firmware_elf):
    holder = {"board": None, "name": request.module.__name__}
    yield holder
    if holder["board"]:
        close_board(holder["board"])


@pytest.fixture
def board(_module_board):
    """The module's board at a clean prompt (rebooted if it stopped answering)."""
    b = _module_board["board"]
    if b is not None:
        try:
            resync(b)
        except (pexpect.TIMEOUT, pexpect.EOF):
            close_board(b)
            b = None
    if b is None:
        b = boot_board(_module_board["name"])
        _module_board["board"] = b
    return b


@pytest.fixture
def fresh_board(request, firmware_elf):
    """A board booted for this test alone."""
    b = boot_board(request.node.name)
    yield b
    close_board(b)


@pytest.fixture(scope="session")
def symbols(firmware_elf):
    """The firmware's symbols: {name: (address, nm type letter)}."""
    try:
        return nm_symbols(firmware_elf)
    except RuntimeError as e:
        pytest.fail(str(e))
