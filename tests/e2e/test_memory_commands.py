"""pt, md and mw against the live page tables, including faults the shell must survive."""
import re

from e2e_helpers import error_lines

TEXT = 0xC0008000


def attrs_line(out):
    """The attributes of the leaf descriptor (the last 'attrs:' line)."""
    lines = [l for l in out.splitlines() if "attrs:" in l]
    assert lines, out
    return lines[-1]


def test_pt_of_kernel_text_shows_phys_0x8000_read_only_executable(board):
    out = board.cmd("pt 0xc0008000")
    assert "phys 0x00008000" in out, out
    attrs = attrs_line(out)
    assert "read-only" in attrs, out
    assert "executable" in attrs and "execute-never" not in attrs, out


def test_pt_of_a_data_symbol_shows_execute_never(board, symbols):
    data = sorted((addr, name) for name, (addr, kind) in symbols.items()
                  if kind in "dD" and not name.startswith("_"))
    assert data, "no .data symbol in the firmware"
    addr, name = data[0]
    assert addr >= symbols["_etext"][0], f"{name} at 0x{addr:08x} is not past the text"
    out = board.cmd(f"pt 0x{addr:08x}")
    # the direct map is linear: same offset as the text's
    text_phys = int(re.search(r"phys 0x([0-9a-f]{8})", board.cmd("pt 0xc0008000")).group(1), 16)
    assert f"phys 0x{addr - TEXT + text_phys:08x}" in out, f"{name}:\n{out}"
    attrs = attrs_line(out)
    assert "execute-never" in attrs, f"{name}:\n{out}"
    assert "read-write" in attrs, f"{name}:\n{out}"


def test_pt_of_bss_shows_read_write_execute_never(board, symbols):
    addr = symbols["__bss_start"][0]
    out = board.cmd(f"pt 0x{addr:08x}")
    attrs = attrs_line(out)
    assert "read-write" in attrs and "execute-never" in attrs, out


def test_pt_of_null_says_unmapped(board):
    out = board.cmd("pt 0x0")
    assert "unmapped" in out, out
    assert "phys" not in out, out


def test_md_of_kernel_text_dumps_words(board):
    out = board.cmd("md 0xc0008000 32")
    rows = re.findall(r"^c00080[01]0:((?: [0-9a-f]{8}){4})", out, re.M)
    assert len(rows) == 2, out


def test_md_of_null_reports_a_translation_fault_and_the_shell_survives(board):
    out = board.cmd("md 0x0", timeout=5)
    assert "translation fault" in out, out
    _, errors = error_lines(out)
    assert len(errors) == 1, out
    assert board.alive()


def text_word(board):
    """The word at TEXT: what mw writes back, so that even a missing fault harms nothing."""
    return "0x" + board.cmd(f"md 0x{TEXT:08x} 4").split()[1]


def test_mw_to_kernel_text_reports_a_permission_fault_and_the_shell_survives(board):
    out = board.cmd(f"mw 0x{TEXT:08x} {text_word(board)}", timeout=5)
    assert "permission fault" in out, out
    _, errors = error_lines(out)
    assert len(errors) == 1, out
    assert board.alive()


def test_repeated_faults_are_each_survived(board):
    word = text_word(board)
    for _ in range(20):
        assert "translation fault" in board.cmd("md 0x0")
        assert "permission fault" in board.cmd(f"mw 0x{TEXT:08x} {word}")
    assert board.alive()
