"""`stress` at the UART: verified random work over every allocator, progress, Ctrl-C."""
import time


def test_stress_runs_verified_and_returns_every_page(board):
    out = board.cmd("stress 50000 3", timeout=120)
    assert "50000/50000 ops" in out and "passed, no corruption" in out, out
    assert "error:" not in out


def test_stress_stops_on_ctrl_c_and_the_next_line_works(board):
    board.send_raw("stress 100000000\r")
    board.p.expect_exact("ops,", timeout=30)  # progress is printed while it runs
    time.sleep(0.2)
    board.send_raw("\x03")
    out = board.wait_prompt(timeout=60)
    assert "interrupted after" in out and "stopped, no corruption" in out, out
    assert "MIDR" in board.cmd("version")  # the Ctrl-C did not leak into this line


def test_stress_arguments_are_checked(board):
    assert board.cmd("stress 0").startswith("error:")
    assert board.cmd("stress 10 0").startswith("error:")
    assert board.cmd("stress x").startswith("error:")
