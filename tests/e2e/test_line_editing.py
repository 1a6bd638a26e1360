"""The line editor at the UART: long lines, garbage, Ctrl-C, backspace, history, Tab
completion, and escape sequences cut short."""
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


# ---- Tab completion and cut escape sequences (issue 10) ----

def type_and_run(board, keys, timeout=5):
    """Send @keys (ending in CR) and return everything up to the next prompt."""
    board.send_raw(keys)
    return board.wait_prompt(timeout=timeout)


def test_tab_completes_a_command_and_runs_it(board):
    out = type_and_run(board, "versi\t\r")
    # the completion is echoed: the line reads "version " when Enter is pressed
    assert out.startswith("version \n"), out
    assert "MIDR" in out and "error" not in out, out


def test_tab_after_a_whole_command_separates_its_argument(board):
    # it used to be dropped, so this ran "helpmd"
    out = type_and_run(board, "help\tmd\r")
    assert "usage: md" in out and "error" not in out, out


def test_second_tab_lists_the_candidates_and_redraws_the_line(board):
    board.send_raw("cache_\t\t")
    board.p.expect_exact("mm> cache_", timeout=5)
    listing = board.p.before.replace("\r", "")
    for name in ("cache_alloc", "cache_create", "cache_destroy", "cache_free",
                 "cache_shrink"):
        assert name in listing, listing
    assert "kmalloc" not in listing, listing
    # the redrawn line is still being edited: finish it and run it
    out = type_and_run(board, "create\r")
    assert "error: usage: cache_create" in out, out


def test_tab_lists_and_completes_subcommands(board):
    board.send_raw("mempool \t\t")
    board.p.expect_exact("mm> mempool ", timeout=5)
    listing = board.p.before
    for sub in ("create", "alloc", "free", "destroy", "info"):
        assert sub in listing, listing
    out = type_and_run(board, "in\t\r")
    assert out.startswith("info \n"), out
    assert "min_nr" in out and "error" not in out, out


def test_tab_completes_a_cache_made_by_cache_create(board):
    name = "tabcache%04d" % random.randrange(10**4)
    assert "error" not in board.cmd(f"cache_create {name} 96")
    try:
        out = type_and_run(board, "cache_alloc tabca\t\r")
        assert f"from '{name}'" in out and "error" not in out, out
        addr = out.split("cache_alloc: ")[1].split()[0]
        out = type_and_run(board, f"cache_free tabc\t{addr}\r")
        assert f"freed {addr}" in out and "error" not in out, out
    finally:
        out = type_and_run(board, "cache_destroy tabcac\t\r")
    assert f"'{name}' destroyed" in out, out
    # destroyed: nothing left to complete, the Tab adds nothing
    out = type_and_run(board, "cache_shrink tabc\t\r")
    assert "error: no cache named 'tabc'" in out, out


def test_tab_completes_a_mempool_name(board):
    name = "tabpool%04d" % random.randrange(10**4)
    assert "error" not in board.cmd(f"mempool create {name} 2 kmalloc 64")
    try:
        out = type_and_run(board, "mempool info tabp\t\r")
        assert name in out and "error" not in out, out
    finally:
        out = type_and_run(board, "mempool destroy tabpo\t\r")
    assert f"'{name}' destroyed" in out, out


def test_tab_completes_selftest_suites_and_bench_names(board):
    out = type_and_run(board, "selftest li\t\r")
    assert out.startswith("selftest list \n") and "error" not in out, out
    suite = out.split()[2]  # the first suite listed
    board.send_raw(f"selftest {suite[:-1]}\t")
    board.p.expect_exact(suite, timeout=5)
    board.send_raw("\x15\r")  # Ctrl-U: only the completion was under test
    board.wait_prompt(timeout=5)
    out = type_and_run(board, "bench li\t\r")
    assert out.startswith("bench list \n") and "boot" in out, out


def test_tab_with_no_candidate_inserts_nothing(board):
    # "vers" completes to "version "; "version" completes no argument: the Tabs add nothing
    out = type_and_run(board, "vers\t\tzz\t\t\r")
    assert out.startswith("version zz\n"), out
    assert "error: usage: version" in out, out
    out = type_and_run(board, "nosuch\t\t\r")
    assert out.startswith("nosuch\n"), out
    assert "error: unknown command 'nosuch'" in out, out


def test_cut_escape_sequence_then_enter_still_runs_the_line(board):
    out = type_and_run(board, "version\x1b[\r")
    assert "MIDR" in out and "error" not in out, out
    out = type_and_run(board, "uptime\x1b[1;5\r")
    assert "jiffies" in out and "error" not in out, out


def test_cut_escape_sequence_then_ctrl_c_still_cancels(board):
    board.send_raw("versi\x1b[2")
    board.send_raw("\x03")
    out = board.wait_prompt(timeout=5)
    assert "^C" in out and "MIDR" not in out and "error" not in out, out
    # the next line starts empty and the escape state is gone
    out = board.cmd("version")
    assert "MIDR" in out and "error" not in out, out


def test_cut_escape_sequence_then_backspace_and_ctrl_u_still_edit(board):
    out = type_and_run(board, "versionx\x1b[\x7f\r")
    assert "MIDR" in out and "error" not in out, out
    out = type_and_run(board, "garbage\x1bO\x15uptime\r")
    assert "jiffies" in out and "error" not in out, out
