#!/usr/bin/env bash
# Link the firmware with its own symbol table, Linux's kallsyms way: link with an empty
# table, read the symbols of the result (nm), generate a table (scripts/kallsyms.py) and
# link again with it, until a link's table equals the one it was linked with. The table
# lives after all code (linker.ld), so code addresses are stable from the first link;
# only what follows the table moves, once, when its size becomes known.
#
# Usage: link-firmware.sh <out.elf> <nm> <assembler command> <link command> <objects...>
set -euo pipefail
out=$1 nm=$2 as=$3 link=$4
shift 4
dir=$(dirname "$out")/kallsyms
mkdir -p "$dir"
py=/usr/bin/python3
here=$(dirname "$0")

$py "$here/kallsyms.py" --empty >"$dir/kallsyms0.S"
for pass in 0 1 2 3; do
	$as -c "$dir/kallsyms$pass.S" -o "$dir/kallsyms$pass.o"
	$link "$@" "$dir/kallsyms$pass.o" -lc -lgcc -o "$dir/firmware.tmp$pass"
	next=$((pass + 1))
	$nm -n "$dir/firmware.tmp$pass" | $py "$here/kallsyms.py" >"$dir/kallsyms$next.S"
	if cmp -s "$dir/kallsyms$pass.S" "$dir/kallsyms$next.S"; then
		mv "$dir/firmware.tmp$pass" "$out"
		exit 0
	fi
done
echo "link-firmware.sh: the kallsyms table does not converge after 4 links" >&2
exit 1
