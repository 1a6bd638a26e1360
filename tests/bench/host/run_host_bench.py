#!/usr/bin/python3
"""make bench-host: run the host benchmark binaries (one per allocator, built by the
Makefile from tests/bench/host/) and print one table, workload x allocator, of wall-clock
nanoseconds per operation (best of 3 runs), then user-space instructions per operation
where the kernel lets perf_event_open() count them.

Usage: run_host_bench.py BINARY...   Exits non-zero if any binary failed."""
import platform
import subprocess
import sys

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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
