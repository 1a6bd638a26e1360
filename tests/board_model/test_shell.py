"""The s3c6410 image on the board model (vendor U-Boot, bootm, 256 MB): what a board owner
would check first at the UART."""
import re
import time


def test_boot_banner_names_the_board_and_its_ram(model):
    log = model.boot_log
    assert re.search(r"^mm-arm11 firmware \(board s3c6410, build \S+", log, re.M), log
    assert "Board: Samsung S3C6410" in log and "RAM 256 MB at 0x50000000" in log, log


def test_pclk_line_shows_what_the_vendor_uboot_set(model):
    assert "board: PCLK 66500000 Hz (APLL 532000000, MPLL 266000000 Hz)" in model.boot_log


def test_uptime_advances_with_the_pwm_tick(model):
    first = int(re.search(r"jiffies (\d+)", model.cmd("uptime")).group(1))
    time.sleep(0.5)
    second = int(re.search(r"jiffies (\d+)", model.cmd("uptime")).group(1))
    # Idle time follows the wall clock: half a second is about 50 ticks.
    assert 25 <= second - first <= 200, (first, second)


def test_interrupts_show_the_tick_uart0_and_dmac0(model):
    model.cmd("dma 4096")
    out = model.cmd("interrupts")
    counts = {m.group(2): int(m.group(1)) for m in
              re.finditer(r"^\s*\d+:\s+(\d+)\s+VIC\s+\d+\s+(\S+)", out, re.M)}
    assert re.search(r"^\s*28:\s+\d+\s+VIC\s+28\s+samsung-pwm", out, re.M), out
    assert re.search(r"^\s*37:\s+\d+\s+VIC\s+37\s+samsung-uart", out, re.M), out
    assert re.search(r"^\s*41:\s+\d+\s+VIC\s+41\s+pl080s", out, re.M), out
    assert counts["samsung-pwm"] > 0 and counts["samsung-uart"] > 0, out


def test_dma_copies_through_dmac0(model):
    out = model.cmd("dma 65536")
    assert "dma: engine pl080s" in out, out
    assert re.search(r"dma: coherent: 65536 bytes copied and verified", out), out
    assert re.search(r"dma: streaming: 65536 bytes copied and verified", out), out
    assert "error" not in out, out


def test_a_fault_in_a_command_is_survived(model):
    out = model.cmd("md 0x0")
    assert ("Unable to handle kernel data abort: translation fault (section) (fsr 0x005) "
            "at 0x00000000 [read]") in out, out
    assert "error: 'md' abandoned after a fault at 0x00000000" in out, out
    assert "Board: s3c6410" in model.cmd("version")


def test_a_write_to_read_only_text_is_a_permission_fault(model):
    out = model.cmd("mw 0xc0008000 0")
    assert "permission fault (page)" in out and "at 0xc0008000 [write]" in out, out
    assert "Board: s3c6410" in model.cmd("version")


def test_the_boot_leaves_the_model_nothing_to_warn_about(model):
    # e.g. "VICADDRESS written with no interrupt active": the PL192 handshake half done.
    assert "board-model: warning" not in model.boot_log, model.boot_log
    model.cmd("dma 4096")
    out = model.cmd("uptime")
    assert "board-model: warning" not in out, out
