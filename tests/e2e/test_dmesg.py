"""The kernel log: dmesg, dmesg -c, -C, -r, -n, timestamps, the oldest records dropped."""
import re

from e2e_helpers import error_lines

TIMESTAMP = r"\[\s*\d+\.\d{6}\] "


def dmesg_lines(board, args=""):
    out = board.cmd(f"dmesg {args}".strip()).replace("\r", "")
    return [l for l in out.splitlines() if l.strip()]


def test_dmesg_still_shows_the_boot_banner_after_100_other_commands(fresh_board):
    for i in range(100):
        fresh_board.cmd("uptime" if i % 2 else "meminfo")
    lines = dmesg_lines(fresh_board)
    assert re.match(TIMESTAMP + r"mm-arm11 firmware \(board ", lines[0]), lines[:3]
    for line in lines:
        assert re.match(TIMESTAMP, line), line
    assert sum("MemTotal:" in l for l in lines) == 50
    stamps = [float(re.match(r"\[\s*(\d+\.\d+)\]", l).group(1)) for l in lines]
    assert stamps == sorted(stamps) and stamps[-1] > 0


def test_dmesg_c_prints_then_clears_and_new_lines_follow(fresh_board):
    first = dmesg_lines(fresh_board, "-c")
    assert any("mm-arm11 firmware" in l for l in first), first
    assert dmesg_lines(fresh_board) == []
    fresh_board.cmd("version")
    after = dmesg_lines(fresh_board)
    assert any("Board: qemu" in l for l in after) and not any("Memory:" in l for l in after)


def test_dmesg_n_keeps_warnings_off_the_console_but_in_the_log(fresh_board):
    assert dmesg_lines(fresh_board, "-n 4") == []
    out = fresh_board.cmd("vmalloc 2000M")
    assert "out of range" not in out and "error: vmalloc(" in out, out
    raw = dmesg_lines(fresh_board, "-r")
    assert any(re.match(r"<4>" + TIMESTAMP + "vmalloc: size \\d+ is out of range", l)
               for l in raw), raw
    assert dmesg_lines(fresh_board, "-n debug") == []
    assert "out of range" in fresh_board.cmd("vmalloc 2000M")


def test_dmesg_refuses_bad_options_and_surplus_arguments(board):
    for args in ("-x", "-n", "-n 0", "-n 9", "-n loud", "-c extra", "-n 3 4"):
        out = board.cmd(f"dmesg {args}")
        lines, errors = error_lines(out)
        assert len(lines) == 1 and len(errors) == 1, f"dmesg {args}: {out}"


def test_dmesg_log_drops_the_oldest_records_and_counts_them(fresh_board):
    # 64 KB of log: each zoneinfo is well over 1 KB of records.
    for _ in range(80):
        fresh_board.cmd("zoneinfo")
    lines = dmesg_lines(fresh_board)
    m = re.match(r"dmesg: (\d+) older records lost \(the 64 KB log was full\)", lines[0])
    assert m and int(m.group(1)) > 0, lines[:2]
    assert not any("mm-arm11 firmware" in l for l in lines)
