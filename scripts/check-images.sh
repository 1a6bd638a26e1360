#!/usr/bin/env bash
# Image check (make test): for every board under board/, the built firmware.elf is laid
# out as docs/memory-map.md says (entry and load segments at PHYS_OFFSET + 0x8000 linked at
# 0xc0008000, swapper_pg_dir 16 KB below, the vector table in rodata, at most a page),
# and U-Boot's mkimage accepts build/<board>/uImage with load = entry = the text's
# physical address. Prints TAP-style lines, then "images: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
READELF=${READELF:-arm-none-eabi-readelf}
NM=${NM:-arm-none-eabi-nm}
PAGE_OFFSET=0xc0000000
TEXT_OFFSET=0x8000
passed=0
failed=0

check() { # description, then a command: ok when the command succeeds
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $what"
	else
		failed=$((failed + 1))
		echo "not ok - $what"
	fi
}

eq() { # two numbers (decimal or 0x hex), equal
	[ -n "$1" ] && [ -n "$2" ] && [ $(($1)) -eq $(($2)) ]
}

sym() { # address of symbol $2 in ELF $1, as 0x...
	local a
	a=$("$NM" "$1" 2>/dev/null | awk -v s="$2" '$3 == s { print $1; exit }')
	[ -n "$a" ] && echo "0x$a"
}

# Every LOAD segment: physical = virtual - PAGE_OFFSET + PHYS_OFFSET; the first at the text.
segments_ok() { # elf phys_offset
	local first=1 ok=1 vaddr paddr
	while read -r vaddr paddr; do
		[ $((paddr - vaddr + PAGE_OFFSET)) -eq $(($2)) ] || ok=0
		if [ $first -eq 1 ]; then
			[ $((vaddr)) -eq $((PAGE_OFFSET + TEXT_OFFSET)) ] || ok=0
			first=0
		fi
	done < <("$READELF" -lW "$1" | awk '$1 == "LOAD" { print $3, $4 }')
	[ $first -eq 0 ] && [ $ok -eq 1 ]
}

vectors_ok() { # elf
	local vs ve etext erodata
	vs=$(sym "$1" __vectors_start)
	ve=$(sym "$1" __vectors_end)
	etext=$(sym "$1" _etext)
	erodata=$(sym "$1" __end_rodata)
	[ -n "$vs" ] && [ -n "$ve" ] && [ -n "$etext" ] && [ -n "$erodata" ] || return 1
	# Read-only, page-copied to 0xffff0000 by paging_init(): rodata, one page at most.
	[ $((vs)) -ge $((etext)) ] && [ $((ve)) -le $((erodata)) ] &&
		[ $((ve - vs)) -gt 0 ] && [ $((ve - vs)) -le 4096 ] && [ $((vs % 32)) -eq 0 ]
}

uimage_ok() { # uimage load_addr bin
	local out
	out=$(mkimage -l "$1" 2>&1) || return 1
	printf '%s\n' "$out" | grep -qi "ARM Linux Kernel Image (uncompressed)" &&
		eq "0x$(printf '%s\n' "$out" | awk '/^Load Address:/ { print $3 }')" "$2" &&
		eq "0x$(printf '%s\n' "$out" | awk '/^Entry Point:/ { print $3 }')" "$2" &&
		eq "$(printf '%s\n' "$out" | awk '/^Data Size:/ { print $3 }')" "$(stat -c %s "$3")"
}

for mk in board/*/board.mk; do
	b=$(basename "$(dirname "$mk")")
	elf=build/$b/firmware.elf
	phys=$(awk '$1 == "PHYS_OFFSET" { print $3 }' "$mk")
	load=$(printf '0x%08x' $((phys + TEXT_OFFSET)))
	echo "# $b: PHYS_OFFSET $phys, load and entry $load"
	if [ ! -f "$elf" ]; then
		check "$b: $elf exists" false
		continue
	fi
	check "$b: ELF entry is $load" \
		eq "$("$READELF" -h "$elf" | awk '/Entry point address:/ { print $4 }')" "$load"
	check "$b: load segments at PHYS_OFFSET + (virtual - 0xc0000000), text at 0xc0008000" \
		segments_ok "$elf" "$phys"
	check "$b: stext linked at 0xc0008000" eq "$(sym "$elf" stext)" 0xc0008000
	check "$b: swapper_pg_dir at 0xc0004000" eq "$(sym "$elf" swapper_pg_dir)" 0xc0004000
	check "$b: vector table in rodata, aligned, at most a page" vectors_ok "$elf"
	check "$b: mkimage -l accepts uImage, load/entry $load, size of firmware.bin" \
		uimage_ok "build/$b/uImage" "$load" "build/$b/firmware.bin"
done

echo "images: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
