"""Deliberately broken firmware: each must be stopped by the model with the diagnostic of
its own mistake (issue 14's acceptance list). The images are the real firmware.bin with
one instruction or constant changed, or the qemu build (linked for another address)."""
import os

from board_model.console import ROOT
from board_model.harness import (NOP, TEXT_VIRT, broken_image, patch_words, start_model,
                                 stop_model, symbol)

MCR_REMAP_MASK, MCR_REMAP = 0x0FFF0FFF, 0x0E0F0F92   # mcr p15, 0, rX, c15, c2, 4


def is_str_imm(word):
    """STR Rt, [Rn, #imm12] (any condition)."""
    return word & 0x0E500000 == 0x04000000


def run_until_exit(name, timeout=60, **kw):
    b = start_model(name, **kw)
    try:
        return b.model_exit(timeout=timeout)
    finally:
        stop_model(b)


def test_no_peripheral_port_remap_stops_at_the_first_device_access(tmp_path):
    img = broken_image(tmp_path, "no_remap")
    patch_words(img, TEXT_VIRT, 0x200, lambda w: w & MCR_REMAP_MASK == MCR_REMAP,
                lambda w: NOP, "the c15 remap")
    out, status = run_until_exit("broken_no_remap", image=img, loader="go")
    assert ("board-model: FATAL: device access at 0x7e004000 before the peripheral port "
            "remap") in out, out
    assert status == 2 and "mm> " not in out


def test_watchdog_left_running_resets_the_board(tmp_path):
    img = broken_image(tmp_path, "watchdog")
    remap = patch_words(img, TEXT_VIRT, 0x200, lambda w: w & MCR_REMAP_MASK == MCR_REMAP,
                        lambda w: w, "the c15 remap")
    # The reset hook's next store is WTCON = 0.
    patch_words(img, remap, 0x20, is_str_imm, lambda w: NOP, "the WTCON store")
    out, status = run_until_exit("broken_watchdog", image=img, loader="go")
    assert "mm> " in out, out  # it boots: nothing else is wrong
    assert "board-model: watchdog reset: WTCNT reached 0" in out, out
    assert status == 3


def test_wrong_baud_divisor_is_caught_at_the_first_byte_sent(tmp_path):
    img = broken_image(tmp_path, "baud")
    start, size = symbol("board_init")
    patch_words(img, start, size, lambda w: w == 115200, lambda w: 57600,
                "the literal 115200 in board_init")
    out, status = run_until_exit("broken_baud", image=img, loader="go")
    assert "board-model: FATAL: UART0: baud rate 57576 (PCLK 66500000 Hz, UBRDIV 71" in out, out
    assert "is not 115200 +-2%" in out and status == 2


def test_vic_never_acknowledged_blocks_the_tick(tmp_path):
    img = broken_image(tmp_path, "vic")
    start, size = symbol("vic_eoi")
    patch_words(img, start, size, lambda w: is_str_imm(w) and w & 0xFFF == 0xF00,
                lambda w: NOP, "the VICADDRESS write in vic_eoi")
    out, status = run_until_exit("broken_vic_eoi", image=img, loader="go")
    assert ("board-model: FATAL: VIC0: interrupt line 28 (priority 15) was acknowledged by "
            "a VICADDRESS read") in out, out
    assert "never ended by a write to VICADDRESS (0x71200f00)" in out and status == 2


def test_image_linked_for_another_address_stops_at_its_first_store():
    # The qemu build: linked for RAM at physical 0, loaded where the S3C6410 has its DRAM.
    img = os.path.join(ROOT, "build", "qemu", "firmware.bin")
    out, status = run_until_exit("broken_link_address", image=img, loader="go")
    assert "board-model: FATAL: write of physical 0x000" in out, out
    assert "no memory or device there (DRAM is 0x50000000-0x5fffffff)" in out, out
    assert status == 2 and "mm> " not in out
