"""Symbolized oopses (kallsyms, %pS, frame-pointer backtraces).

Every symbol the firmware prints is checked against the ELF's own symbols (nm): the
address it names must lie inside the function at the printed offset and size.
"""
import re

from e2e_helpers import error_lines

SYM = r"([A-Za-z_][\w.]*)\+0x([0-9a-f]+)/0x([0-9a-f]+)"


def function_ranges(symbols):
    """{name: (start, end)} of the text symbols, end being the next text symbol."""
    text = sorted((addr, name) for name, (addr, kind) in symbols.items()
                  if kind in "tTwW" and not name.startswith("$"))
    ranges = {}
    for i, (addr, name) in enumerate(text):
        end = text[i + 1][0] if i + 1 < len(text) else symbols["_etext"][0]
        if end > addr:
            ranges.setdefault(name, (addr, end))
    return ranges


def check_symbolized(symbols, addr, name, off, size):
    start = symbols[name][0]
    assert start + off == addr, f"{name}+{off:#x} is {start + off:#x}, printed {addr:#x}"
    assert 0 <= off < size, f"{name}+{off:#x}/{size:#x}"


def test_oops_names_the_function_and_backtraces_to_the_command_handler(board, symbols):
    out = board.cmd("md 0x0", timeout=5).replace("\r", "")
    pc_at = re.search(r"^PC is at " + SYM + "$", out, re.M)
    assert pc_at and pc_at.group(1) == "cmd_md", out
    pc = int(re.search(r"^pc : \[<([0-9a-f]{8})>\]", out, re.M).group(1), 16)
    check_symbolized(symbols, pc, pc_at.group(1), int(pc_at.group(2), 16),
                     int(pc_at.group(3), 16))
    # The lr is the real return address: in the function the backtrace says called cmd_md.
    lr_at = re.search(r"^LR is at " + SYM + "$", out, re.M)
    lr = int(re.search(r"lr : \[<([0-9a-f]{8})>\]", out).group(1), 16)
    assert lr_at, out
    check_symbolized(symbols, lr, lr_at.group(1), int(lr_at.group(2), 16),
                     int(lr_at.group(3), 16))
    assert "Backtrace:" in out, out
    frames = re.findall(r"^\[<([0-9a-f]{8})>\] \((\w+)\) from \[<([0-9a-f]{8})>\] \(" + SYM
                        + r"\)$", out, re.M)
    assert frames, out
    assert frames[0][1] == "cmd_md" and int(frames[0][0], 16) == pc, out
    assert frames[0][3] == lr_at.group(1), out
    callers = [f[3] for f in frames]
    assert "shell_exec" in callers and "shell_run" in callers, out
    for where, name, ret, caller, off, size in frames:
        check_symbolized(symbols, int(ret, 16), caller, int(off, 16), int(size, 16))
    _, errors = error_lines(out)
    assert len(errors) == 1 and "abandoned" in errors[0], out
    assert board.alive()


def test_failed_allocation_names_its_caller_as_function_offset_size(board, symbols):
    out = board.cmd("vmalloc 2000M").replace("\r", "")
    m = re.search(r"out of range \(caller " + SYM + r"\)", out)
    assert m and m.group(1) == "cmd_vmalloc", out
    assert int(m.group(2), 16) < int(m.group(3), 16)


def test_vmallocinfo_names_the_caller_of_each_area(board, symbols):
    ranges = function_ranges(symbols)
    out = board.cmd("vmallocinfo").replace("\r", "")
    rows = re.findall(r"^0x[0-9a-f]{8}-0x[0-9a-f]{8}\s+\d+ " + SYM, out, re.M)
    assert rows, out
    for name, off, size in rows:
        start, end = ranges[name]
        assert int(size, 16) == end - start, f"{name}: size {size}, nm says {end - start:#x}"
