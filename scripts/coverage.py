#!/usr/bin/env python3
"""Line coverage of mm/ by the host unit tests (make coverage).

Reads the gcov data each coverage build of a host test left in its own directory under
the build directory given as the first argument, merges it (a line counts as covered when
any test ran it) and prints one line per mm/ file and the total. A file of mm/ that no
host test builds is listed as "not built"; its lines count as uncovered in the total only
when the source's instrumented lines are known, which they are not, so the total is over
the files that build and the list says which do not.
"""
import glob
import gzip
import json
import os
import subprocess
import sys


def gcov_json(gcda, cwd):
    out = subprocess.run(["gcov", "--json-format", "--stdout", gcda], cwd=cwd,
                         capture_output=True, check=True).stdout
    # gcov prints one JSON document per line (one per gcda).
    for line in out.splitlines():
        if line.strip():
            yield json.loads(line)


def main():
    build = sys.argv[1]
    lines = {}  # file -> {line: covered}
    for gcda in glob.glob(os.path.join(build, "**", "*.gcda"), recursive=True):
        for doc in gcov_json(os.path.abspath(gcda), os.getcwd()):
            for f in doc.get("files", []):
                path = os.path.relpath(os.path.abspath(f["file"]))
                if not path.startswith("mm/"):
                    continue
                per = lines.setdefault(path, {})
                for ln in f["lines"]:
                    n = ln["line_number"]
                    per[n] = per.get(n, False) or ln["count"] > 0
    total = covered = 0
    print("%-28s %7s %7s %7s" % ("mm/ file", "lines", "covered", "percent"))
    for src in sorted(glob.glob("mm/*.c")):
        per = lines.get(src)
        if per is None:
            print("%-28s %7s" % (src, "not built on the host"))
            continue
        n, c = len(per), sum(per.values())
        total += n
        covered += c
        print("%-28s %7d %7d %6.1f%%" % (src, n, c, 100.0 * c / n if n else 0))
    print("%-28s %7d %7d %6.1f%%" % ("total (files built)", total, covered,
                                      100.0 * covered / total if total else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
