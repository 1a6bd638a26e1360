"""Every way the image reaches the CPU: both U-Boot presets, `go` and `bootm`, 256 and
128 MB; and the loader's own checks of a uImage."""
import os
import re
import time

import pytest

from board_model.console import ROOT
from board_model.harness import BOOT_TIMEOUT, IMAGE_128, boot_model, start_model, stop_model

UIMAGE = os.path.join(ROOT, "build", "s3c6410", "uImage")


@pytest.mark.parametrize("preset,loader,apll", [
    ("vendor", "go", 532000000),
    ("mainline", "go", 666000000),     # entered with MMU, D-cache and alignment checks on
    ("mainline", "bootm", 666000000),
])
def test_boots_to_the_prompt(preset, loader, apll):
    b = boot_model(f"boot_{preset}_{loader}", preset=preset, loader=loader)
    try:
        assert f"board: PCLK 66500000 Hz (APLL {apll}, MPLL 266000000 Hz)" in b.boot_log
        assert "RAM 256 MB at 0x50000000" in b.boot_log
        # Mainline leaves prescaler 1 at 16 with timer 2 running: it must stay so.
        assert "board-model: warning" not in b.boot_log, b.boot_log
        first = int(re.search(r"jiffies (\d+)", b.cmd("uptime")).group(1))
        time.sleep(0.3)
        second = int(re.search(r"jiffies (\d+)", b.cmd("uptime")).group(1))
        assert 15 <= second - first <= 120, (first, second)
    finally:
        stop_model(b)


def test_128_mb_image_boots_with_96_mb_of_low_memory():
    if not os.path.exists(IMAGE_128):
        pytest.fail(f"{IMAGE_128} missing: make BOARD=s3c6410 RAM_MB=128 "
                    f"BUILD=build/s3c6410-ram128 image")
    b = boot_model("boot_128", image=IMAGE_128, ram=128)
    try:
        assert "RAM 128 MB at 0x50000000" in b.boot_log
        info = b.cmd("meminfo")
        high = re.search(r"^HighTotal:\s+(\d+) kB", info, re.M)
        low = re.search(r"^LowTotal:\s+(\d+) kB", info, re.M)
        assert high and int(high.group(1)) == 32 * 1024, info
        assert low and 90 * 1024 < int(low.group(1)) <= 96 * 1024, info
    finally:
        stop_model(b)


def _corrupt(tmp_path, offset):
    blob = bytearray(open(UIMAGE, "rb").read())
    blob[offset] ^= 0x01
    path = tmp_path / "uImage"
    path.write_bytes(blob)
    return str(path)


@pytest.mark.parametrize("offset,message", [(64 + 1000, "Bad Data CRC"),
                                            (20, "Bad Header Checksum"),
                                            (0, "Bad Magic Number")])
def test_bootm_refuses_a_damaged_uimage(tmp_path, offset, message):
    b = start_model(f"bootm_{message}", image=_corrupt(tmp_path, offset))
    try:
        out, status = b.model_exit(timeout=BOOT_TIMEOUT)
    finally:
        stop_model(b)
    assert f"   {message}\nERROR: can't get kernel image!" in out or message in out, out
    assert f"board-model: U-Boot refused the image: {message}" in out, out
    assert "mm-arm11 firmware" not in out and status == 4, (status, out)


def test_a_loader_that_left_vectored_interrupts_on_does_not_matter():
    # SCTLR.VE set at entry: without clearing it, the first tick jumps to VICVECTADDR28.
    b = boot_model("loader_vectored_irq", extra=("--loader-vectored-irq",))
    try:
        first = int(re.search(r"jiffies (\d+)", b.cmd("uptime")).group(1))
        time.sleep(0.3)
        second = int(re.search(r"jiffies (\d+)", b.cmd("uptime")).group(1))
        assert second > first, (first, second)
    finally:
        stop_model(b)
