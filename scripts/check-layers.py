#!/usr/bin/python3
"""Check the layer rule of docs/design.md: a file includes headers of its own layer or of
layers below it, never above. Layers, lowest first:

  base     include/kernel/types.h, compiler.h: the C vocabulary every file shares;
           include/uapi/: the system-call ABI (numbers, flags, signals), included by
           the kernel as <uapi/...> and by the user programs (user/, -Iinclude/uapi)
  lib      lib/, include/lib/           depends on nothing of ours but base
  asm      include/asm/                 the CPU interface the portable code is written to
  kernel   kernel/, arch/, boot/,       core services (printk, irq, time, console, panic,
           include/kernel/              ktap) and the ARM code behind include/asm/
  mm       mm/, include/mm/             the memory-management core: no device, no shell
  drivers  drivers/, include/drivers/   one file per IP block
  board    board/                       wires a board's drivers
  shell    shell/, cmd/, include/shell/ the dispatcher, the ledger and every command
  init     init/                        start_kernel: brings everything up
  tests    tests/                       may use anything

Prints one line per violation, then "layers: N passed, N failed" (files checked).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORDER = ["base", "lib", "asm", "kernel", "mm", "drivers", "board", "shell", "init", "tests"]
RANK = {name: i for i, name in enumerate(ORDER)}

# Longest prefix wins.
PATH_LAYERS = [
    ("include/kernel/types.h", "base"), ("include/kernel/compiler.h", "base"),
    ("include/uapi/", "base"),
    ("include/lib/", "lib"), ("lib/", "lib"),
    ("include/asm/", "asm"),
    ("include/kernel/", "kernel"), ("kernel/", "kernel"), ("arch/", "kernel"),
    ("boot/", "kernel"),
    ("include/mm/", "mm"), ("mm/", "mm"),
    ("include/drivers/", "drivers"), ("drivers/", "drivers"),
    ("board/", "board"),
    ("include/shell/", "shell"), ("shell/", "shell"), ("cmd/", "shell"),
    ("init/", "init"),
    ("tests/", "tests"),
]

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def layer_of(path):
    best = None
    for prefix, layer in PATH_LAYERS:
        if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, layer)
    return best[1] if best else None


def header_layer(src, inc):
    """The layer of an included header: <x/y.h> names include/x/; "y.h" is beside src."""
    local = os.path.normpath(os.path.join(os.path.dirname(src), inc))
    if os.path.exists(os.path.join(ROOT, local)):
        return layer_of(local)
    if os.path.exists(os.path.join(ROOT, "include", inc)):
        return layer_of("include/" + inc)
    return None  # the C library, or a board header found through -Iboard/<board>


def main():
    passed = failed = 0
    for top in ("lib", "kernel", "arch", "boot", "mm", "drivers", "board", "shell", "cmd",
                "init", "include"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h", ".S")):
                    continue
                src = os.path.relpath(os.path.join(dirpath, f), ROOT)
                mine = layer_of(src)
                bad = []
                with open(os.path.join(ROOT, src), encoding="utf-8") as fh:
                    for n, line in enumerate(fh, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        theirs = header_layer(src, m.group(1))
                        if theirs and RANK[theirs] > RANK[mine]:
                            bad.append(f"{src}:{n}: {mine} includes {m.group(1)} ({theirs})")
                if bad:
                    failed += 1
                    for b in bad:
                        print("layers: " + b)
                else:
                    passed += 1
    print(f"layers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
