#!/usr/bin/python3
"""make bench-host: run the host benchmark binaries (one per allocator, built by the
Makefile from tests/bench/host/) and print one table, workload x allocator, of wall-clock
nanoseconds per operation (best of 3 runs), then user-space instructions per operation
where the kernel lets perf_event_open() count them, then exact instructions per
operation counted by valgrind's callgrind: each workload runs once, alone
(BENCH_WORKLOAD, BENCH_ITERS), and only the instructions executed inside its loop
function (--toggle-collect: the loop, the allocator, the tag writes and checks of the
mix) are counted, so they repeat exactly from run to run and machine to machine.

Usage: run_host_bench.py BINARY...   Exits non-zero if any binary failed."""
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

LABELS = {
    "hot-32": "alloc+free 32 B, hot loop",
    "hot-256": "alloc+free 256 B, hot loop",
    "hot-4096": "alloc+free 4096 B, hot loop",
    "hot-65536": "alloc+free 65536 B, hot loop",
    "mix": "random mix 16..4096 B, ~50% live, 1e6 ops",
    "page": "order-0 page / 4 KB aligned alloc+free",
}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def run(binary):
    """Return (allocator name, {workload: (ns, insn)}, ok)."""
    proc = subprocess.run([binary], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    name, results = binary, {}
    for line in proc.stdout.splitlines():
        f = line.split("\t")
        if f[0] == "allocator":
            name = f[1]
        elif f[0] == "result":
            results[f[1]] = (f[2], f[3])
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        print(f"error: {binary} exited with {proc.returncode}")
    elif proc.stderr:
        sys.stderr.write(proc.stderr)
    return name, results, proc.returncode == 0


def table(title, names, results, rows, col):
    print(title)
    print("| workload | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for w in rows:
        cells = [r.get(w, ("-", "-"))[col] for r in results]
        print(f"| {LABELS.get(w, w)} | " + " | ".join(cells) + " |")
    print()


# Workload -> (loop function for --toggle-collect, operations counted). Fewer operations
# than the timed runs: callgrind runs about 50 times slower.
CALLGRIND = {
    "hot-32": ("hot_loop", 200000),
    "hot-256": ("hot_loop", 200000),
    "hot-4096": ("hot_loop", 200000),
    "hot-65536": ("hot_loop", 200000),
    "mix": ("mix", 1000000),
    "page": ("page", 200000),
}


def callgrind_counts(binary, workloads):
    """{workload: instructions/op as text} for @binary, by callgrind."""
    out = {}
    for w in workloads:
        fn, iters = CALLGRIND[w]
        env = dict(os.environ, BENCH_WORKLOAD=w, BENCH_ITERS=str(iters))
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run(
                ["valgrind", "--tool=callgrind", "--toggle-collect=" + fn,
                 "--callgrind-out-file=" + os.path.join(tmp, "cg.out"), binary],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Collected : (\d+)", proc.stderr)
        if proc.returncode or not m:
            sys.stderr.write(proc.stderr[-2000:])
            out[w] = "error"
            continue
        out[w] = "%.1f" % (int(m.group(1)) / iters)
    return out


def main():
    names, results_by_name, ok = [], [], True
    for b in sys.argv[1:]:
        name, res, good = run(b)
        names.append(name)
        results_by_name.append(res)
        ok &= good
    rows = [w for w in LABELS if any(w in r for r in results_by_name)]
    print(f"== host benchmarks ({platform.machine()}, {cpu_model()}) ==")
    print("Same workloads, same random sequence for every allocator; single thread.\n")
    table("wall-clock ns/op, best of 3 (machine-dependent):", names, results_by_name, rows, 0)
    if any(v[1] != "-" for r in results_by_name for v in r.values()):
        table("user-space instructions/op (perf_event_open):", names, results_by_name, rows, 1)
    else:
        print("instructions/op: not available here (perf_event_open refused)")
    if shutil.which("valgrind"):
        counts = [callgrind_counts(b, rows) for b in sys.argv[1:]]
        ok &= not any(v == "error" for c in counts for v in c.values())
        table("instructions/op, valgrind callgrind (exact; loop and checks included):", names,
              [{w: (c[w], c[w]) for w in c} for c in counts], rows, 0)
    else:
        print("instructions/op by callgrind: valgrind not installed (scripts/deps.sh)")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
