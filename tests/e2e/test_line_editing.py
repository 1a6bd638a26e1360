"""The line editor at the UART: long lines, garbage, Ctrl-C, backspace, history."""
import os
import random

from e2e_helpers import error_lines

LINE_MAX = 256


def type_line(board, line, timeout=5):
    """Type @line and Enter; return what came before the next prompt, minus the echo
    (the editor echoes at most LINE_MAX characters)."""
    board.send_raw(line + "\r")
    out = board.wait_prompt(timeout=timeout)
    echo = line[:LINE_MAX]
    assert out.startswith(echo), f"echo missing for {line!r}:\n{out!r}"
    return out[len(echo):]


def test_300_character_line_is_refused_with_one_error_line(board):
    out = type_line(board, "v" * 300)
    lines, errors = error_lines(out)
    assert lines == errors and len(errors) == 1, out
    assert "too long" in errors[0]
    assert board.alive()


def test_256_character_line_is_accepted_and_run(board):
    # a command padded with spaces to exactly the limit is run, not refused
    line = "version" + " " * (LINE_MAX - len("version"))
    out = type_line(board, line)
    assert "MIDR" in out and "error" not in out, out


def random_garbage(rng, commands):
    """A line of random printable characters that cannot run a real command nor look like
    a prompt in its own echo."""
    while True:
        n = rng.choice([rng.randint(0, 40), rng.randint(0, 300)])
        line = "".join(chr(rng.randint(0x20, 0x7E)) for _ in range(n))
        words = line.split()
        if "mm>" in line or (words and words[0] in commands):
            continue
        return line


def test_100_lines_of_random_garbage_are_each_answered_and_the_shell_stays_responsive(board):
    seed = int(os.environ.get("E2E_SEED", random.randrange(2**32)))
    print(f"random garbage seed {seed} (E2E_SEED={seed} to repeat)")
    rng = random.Random(seed)
    commands = {l.split()[0] for l in board.cmd("help").splitlines() if l.strip()}
    for i in range(100):
        line = random_garbage(rng, commands)
        out = type_line(board, line)  # a pexpect.TIMEOUT here means no prompt came back
        lines, errors = error_lines(out)
        if not line.split():
            assert lines == [], f"seed {seed} line {i} {line!r}:\n{out}"
        else:
            assert lines == errors and len(errors) == 1, f"seed {seed} line {i} {line!r}:\n{out}"
    assert board.alive(), f"seed {seed}"


def test_ctrl_c_abandons_a_partly_typed_line(board):
    board.send_raw("versi")
    board.send_raw("\x03")
    out = board.wait_prompt(timeout=5)
    assert "^C" in out, out
    assert "error" not in out and "MIDR" not in out, out
    # the next line starts empty: "on" alone would be an unknown command
    out = board.cmd("version")
    assert "MIDR 0x410fb767" in out, out


def test_backspace_edits_the_line(board):
    board.send_raw("versiox")
    board.send_raw("\x7f")
    board.send_raw("n\r")
    out = board.wait_prompt(timeout=5)
    assert "MIDR 0x410fb767" in out, out
    assert "error" not in out, out


def test_ctrl_h_backspace_also_edits_the_line(board):
    board.send_raw("uptimee\x08\r")
    out = board.wait_prompt(timeout=5)
    assert "jiffies" in out and "error" not in out, out


def test_ctrl_u_clears_the_line(board):
    board.send_raw("garbage here\x15version\r")
    out = board.wait_prompt(timeout=5)
    assert "MIDR" in out and "error" not in out, out


def test_up_arrow_recalls_the_previous_command(board):
    board.cmd("uptime")
    board.cmd("version")
    board.send_raw("\x1b[A")
    board.send_raw("\r")
    out = board.wait_prompt(timeout=5)
    assert "MIDR 0x410fb767" in out, out
    # twice up: the command before that
    board.send_raw("\x1b[A\x1b[A\r")
    out = board.wait_prompt(timeout=5)
    assert "jiffies" in out and "MIDR" not in out, out


def test_up_then_down_returns_to_an_empty_line(board):
    board.cmd("version")
    board.send_raw("\x1b[A\x1b[B\r")
    out = board.wait_prompt(timeout=5)
    assert "MIDR" not in out and "error" not in out, out


def test_input_typed_in_one_burst_is_not_lost(board):
    # several lines queued at once all run, in order
    board.send_raw("uptime\rversion\rpt 0x0\r")
    outs = [board.wait_prompt(timeout=5) for _ in range(3)]
    assert "jiffies" in outs[0], outs
    assert "MIDR" in outs[1], outs
    assert "unmapped" in outs[2], outs
