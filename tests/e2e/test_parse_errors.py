"""Strict parsing at the shell: every rejected line answers exactly one 'error: ' line."""
import pytest

from e2e_helpers import error_lines


@pytest.mark.parametrize("line", [
    "md 0xzz",
    "md 12abc",
    "md 0x0 5Q",
    "mw 0x0",
    "md 0x",
    "md -4",
    "md +4",
    "md 4294967296",
    "md 0x100000000",
    "md 0xc0008000 4G",
    "md 0xc0008000 0",
    "md 0xc0008000 5000",
    "md 0xc0008002",
    "md 0xfffffff0 32",
    "mw 0x0 12abc",
    "mw 0x0 0x100000000",
    "pt 0xc000800g",
    "pt",
    "md",
    "version extra",
    "md 1 2 3",
    "selftest nosuchsuite",
    "help a b",
    "a b c d e f g h i j k l m n o p q r s t",
])
def test_malformed_input_answers_exactly_one_error_line(board, line):
    out = board.cmd(line)
    lines, errors = error_lines(out)
    assert lines == errors and len(errors) == 1, f"{line!r}:\n{out}"


def test_unknown_command_is_an_error(board):
    out = board.cmd("frobnicate 1 2")
    lines, errors = error_lines(out)
    assert lines == errors and len(errors) == 1, out
    assert "frobnicate" in errors[0]


def test_commands_are_case_sensitive(board):
    out = board.cmd("VERSION")
    assert out.strip().startswith("error: "), out


def test_blank_line_prints_nothing(board):
    assert board.cmd("").strip() == ""
    assert board.cmd("   \t  ").strip() == ""


def test_words_may_be_separated_by_several_spaces_and_tabs(board):
    out = board.cmd("  pt \t 0x0  ")
    assert "unmapped" in out and "error" not in out, out


def test_the_shell_still_works_after_the_errors(board):
    for line in ("md 0xzz", "mw 0x0", "nope"):
        board.cmd(line)
    assert board.alive()
