#!/usr/bin/python3
"""Check that every exported function carries kernel-doc on its definition.

An exported function is one declared (not `static`, not a macro) in a header under
include/ and defined, not `static`, in the firmware sources (lib/, boot/, arch/, kernel/,
mm/, drivers/, board/, shell/, cmd/, init/; a .S label counts as a definition). Its
kernel-doc is a comment opening `/**` whose first line of text is `name - summary` (or
`name() - summary`), directly above the definition, as Linux puts it (docs/design.md,
Kernel-doc). A function defined by each board (board/<name>/) needs it on every definition.

Prints one line per function without it, then "kerneldoc: N passed, N failed".
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_DIRS = ("lib", "boot", "arch", "kernel", "mm", "drivers", "board", "shell", "cmd",
               "init")
IDENT = r"[A-Za-z_]\w*"


def blank_comments_and_strings(text):
    """text with comments, strings and character constants replaced by spaces (lines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:j]))
        i = j
    return "".join(out)


def blank_preprocessor(code):
    """Preprocessor lines (with continuations) replaced by spaces."""
    lines = code.split("\n")
    out, cont = [], False
    for line in lines:
        is_pp = cont or line.lstrip().startswith("#")
        cont = is_pp and line.endswith("\\")
        out.append(" " * len(line) if is_pp else line)
    return "\n".join(out)


def top_level_functions(path):
    """(name, start offset, is_definition, is_static) for each top-level function in a C file."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    code = blank_preprocessor(blank_comments_and_strings(text))
    found = []
    depth = 0
    stmt_start = 0  # where the current top-level declaration begins
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                stmt_start = i + 1
        elif depth == 0 and c == ";":
            stmt_start = i + 1
        elif depth == 0 and c == "(":
            m = re.search(r"(" + IDENT + r")\s*$", code[stmt_start:i])
            head = code[stmt_start:i]
            # The parameter list: skip to the matching parenthesis.
            j, level = i, 0
            while j < n:
                if code[j] == "(":
                    level += 1
                elif code[j] == ")":
                    level -= 1
                    if level == 0:
                        break
                j += 1
            rest = code[j + 1:j + 200].lstrip()
            if m and "=" not in head and not re.search(r"\(\s*\*", head) and \
                    re.match(r"[^;{]*[;{]", rest):
                is_def = re.match(r"[^;{]*\{", rest) is not None
                is_static = re.search(r"\bstatic\b", head) is not None
                typedef = re.search(r"\btypedef\b", head) is not None
                if not typedef and m.group(1) not in ("if", "while", "for", "switch",
                                                      "return", "sizeof"):
                    start = stmt_start + len(head) - len(head.lstrip())
                    found.append((m.group(1), start, is_def, is_static, text))
            i = j
        i += 1
    return found


def exported_names():
    names = set()
    for dirpath, _, files in os.walk(os.path.join(ROOT, "include")):
        for f in files:
            if f.endswith(".h"):
                for name, _, is_def, is_static, _ in top_level_functions(
                        os.path.join(dirpath, f)):
                    if not is_def and not is_static:
                        names.add(name)
    return names


def has_kerneldoc(text, start, name):
    """True when a `/** name - ...` comment ends right above offset start."""
    before = text[:start].rstrip()
    if not before.endswith("*/"):
        return False
    open_at = before.rfind("/*")
    comment = before[open_at:]
    if not comment.startswith("/**"):
        return False
    first = re.sub(r"^/\*\*\s*(\*\s*)?", "", comment).lstrip()
    return re.match(re.escape(name) + r"(\(\))?\s+-\s+\S", first) is not None


def asm_definitions(path, names):
    """(name, offset of its label line) for each exported name defined as a .S label."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    out = []
    for m in re.finditer(r"^(" + IDENT + r"):", text, re.M):
        if m.group(1) in names:
            start = m.start()
            # The kernel-doc may sit above the .globl/ENTRY lines that precede the label.
            while True:
                prev = text.rfind("\n", 0, max(start - 1, 0))
                line = text[prev + 1:start].strip()
                if prev < 0 or not re.match(r"\.(globl|global|type|align|balign|p2align)\b",
                                            line):
                    break
                start = prev + 1
            out.append((m.group(1), start, text))
    return out


def main():
    names = exported_names()
    defs = {}
    for top in SOURCE_DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for f in sorted(files):
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, ROOT)
                if f.endswith(".c"):
                    for name, start, is_def, is_static, text in top_level_functions(path):
                        if is_def and not is_static and name in names:
                            defs.setdefault(name, []).append((rel, start, text))
                elif f.endswith(".S"):
                    for name, start, text in asm_definitions(path, names):
                        defs.setdefault(name, []).append((rel, start, text))
    passed = failed = 0
    for name in sorted(defs):
        missing = [rel + ":" + str(text.count("\n", 0, start) + 1)
                   for rel, start, text in defs[name] if not has_kerneldoc(text, start, name)]
        if missing:
            failed += 1
            print(f"kerneldoc: {name}: no kernel-doc on its definition ({', '.join(missing)})")
        else:
            passed += 1
    print(f"kerneldoc: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
