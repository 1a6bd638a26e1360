#!/usr/bin/env bash
# make test: the build-settings check (scripts/check-config.sh, run by the Makefile).
# Impossible combinations must be refused by `make` with their reason before anything is
# built; the combinations README.md documents, and the edges of each range, must be
# accepted. Prints TAP-style lines, then "config check: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

result() { # ok(0/1) description [output]
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok - $2"
	else
		failed=$((failed + 1))
		echo "not ok - $2"
		[ -n "${3-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# refused "expected message" make-arguments...: make -n stops, prints the message.
refused() {
	local want=$1 out rc
	shift
	out=$(make -n --no-print-directory BUILD="$tmp/build" "$@" firmware 2>&1)
	rc=$?
	[ $rc -ne 0 ] && printf '%s\n' "$out" | grep -qF -- "$want" &&
		printf '%s\n' "$out" | grep -q "build settings refused\|no such board" &&
		! printf '%s\n' "$out" | grep -q "gcc"
	result $? "refused: $* ($want)" "$out"
}

# accepted make-arguments...: make -n goes on to the build commands, without a complaint.
accepted() {
	local out rc
	out=$(make -n --no-print-directory BUILD="$tmp/build" "$@" firmware 2>&1)
	rc=$?
	[ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q "error:" &&
		printf '%s\n' "$out" | grep -q "arm-none-eabi-gcc"
	result $? "accepted: ${*:-the defaults}" "$out"
	rm -rf "$tmp/build"
}

# The check alone, for a board this tree does not have (more RAM than 256 MB).
script_refuses() { # "expected message" VAR=value...
	local want=$1 out
	shift
	out=$(env BOARD=big RAM_MB_MIN=16 RAM_MB_MAX=4096 "$@" bash scripts/check-config.sh 2>&1)
	[ $? -eq 1 ] && printf '%s\n' "$out" | grep -qF -- "$want"
	result $? "check-config.sh refuses: $* ($want)" "$out"
}
script_accepts() {
	local out
	out=$(env BOARD=big RAM_MB_MIN=16 RAM_MB_MAX=4096 "$@" bash scripts/check-config.sh 2>&1)
	[ $? -eq 0 ] && [ -z "$out" ]
	result $? "check-config.sh accepts: $*" "$out"
}

echo "# impossible combinations (issue 10) and malformed values"
refused "ZONE_DMA needs at least 1 MB" DMA_ZONE_MB=0
refused "leaves no Normal zone" DMA_ZONE_MB=256
refused "leaves no Normal zone" DMA_ZONE_MB=192
refused "leave a Normal zone of 2 MB" DMA_ZONE_MB=190
refused "leave a Normal zone of 3 MB" RAM_MB=256 LOWMEM_MB=4 DMA_ZONE_MB=1
refused "this machine has at most 256 MB" LOWMEM_MB=800 RAM_MB=1024
refused "this machine has at most 256 MB" RAM_MB=512
refused "at least 16 MB" RAM_MB=8 LOWMEM_MB=8 DMA_ZONE_MB=1
refused "is more than RAM_MB=128" RAM_MB=128 LOWMEM_MB=192
refused "multiple of 4" LOWMEM_MB=190
refused "multiple of 4" LOWMEM_MB=0
refused "not a whole number" RAM_MB=abc
refused "not a whole number" RAM_MB=128M
refused "PAGE_OWNER='2' must be 0 or 1" PAGE_OWNER=2
refused "PAGE_OWNER='on' must be 0 or 1" PAGE_OWNER=on
refused "INIT_ON_ALLOC='yes' must be 0 or 1" INIT_ON_ALLOC=yes
refused "INIT_ON_FREE='2' must be 0 or 1" INIT_ON_FREE=2
refused "KMEMLEAK='2' must be 0 or 1" KMEMLEAK=2
refused "KMEMLEAK='yes' must be 0 or 1" KMEMLEAK=yes
refused "not a whole number" LOWMEM_MB=-4
refused "not a whole number" DMA_ZONE_MB=0x10
refused "not a whole number" DMA_ZONE_MB=016
refused "not a whole number" LOWMEM_MB=
refused "far more megabytes" RAM_MB=4294967296
refused "this board has 128 or 256 MB" BOARD=s3c6410 RAM_MB=64
refused "this board has 128 or 256 MB" BOARD=s3c6410 RAM_MB=192
refused "ZONE_DMA needs at least 1 MB" BOARD=s3c6410 RAM_MB=128 DMA_ZONE_MB=0
refused "no such board" BOARD=nosuch

echo "# a refused make writes nothing: no build directory, no config stamp"
out=$(make --no-print-directory BUILD="$tmp/refused" DMA_ZONE_MB=0 firmware 2>&1)
rc=$?
[ $rc -ne 0 ] && [ ! -e "$tmp/refused" ]
result $? "make DMA_ZONE_MB=0 firmware: exit $rc, $tmp/refused not created" "$out"

echo "# documented combinations and the edges of every range"
accepted
accepted RAM_MB=128
accepted SLUB_DEBUG=FZ,kmalloc-64
accepted KMEMLEAK=1
accepted KMEMLEAK=0
accepted "SLUB_DEBUG=FZPU;P,kmalloc-*,dma-kmalloc-32"
refused "SLUB_DEBUG='FX,kmalloc-64'" SLUB_DEBUG=FX,kmalloc-64
refused "SLUB_DEBUG='FZ kmalloc-64'" "SLUB_DEBUG=FZ kmalloc-64"
accepted KFENCE_NUM_OBJECTS=1
accepted KFENCE_NUM_OBJECTS=255 KFENCE_SAMPLE_INTERVAL=100
accepted KFENCE_SAMPLE_INTERVAL=0
refused "KFENCE_NUM_OBJECTS='0'" KFENCE_NUM_OBJECTS=0
refused "KFENCE_NUM_OBJECTS='256'" KFENCE_NUM_OBJECTS=256
refused "KFENCE_NUM_OBJECTS='x'" KFENCE_NUM_OBJECTS=x
refused "KFENCE_SAMPLE_INTERVAL='-1'" KFENCE_SAMPLE_INTERVAL=-1
refused "KFENCE_SAMPLE_INTERVAL='1000000'" KFENCE_SAMPLE_INTERVAL=1000000
accepted LOWMEM_MB=256
accepted RAM_MB=128 LOWMEM_MB=128
accepted DMA_ZONE_MB=4
accepted DMA_ZONE_MB=1
accepted DMA_ZONE_MB=188
accepted RAM_MB=16 LOWMEM_MB=4 DMA_ZONE_MB=1
accepted RAM_MB=16 LOWMEM_MB=16 DMA_ZONE_MB=13
accepted RAM_MB=200 LOWMEM_MB=100 DMA_ZONE_MB=8
accepted BOARD=s3c6410
accepted BOARD=s3c6410 RAM_MB=128
accepted BOARD=s3c6410 RAM_MB=128 LOWMEM_MB=128 DMA_ZONE_MB=4

echo "# the virtual map, for a board with more RAM than these (include/asm/memory.h)"
script_refuses "16 MB vmalloc area" RAM_MB=1024 LOWMEM_MB=956 DMA_ZONE_MB=16
script_accepts RAM_MB=1024 LOWMEM_MB=952 DMA_ZONE_MB=16
script_accepts RAM_MB=1024 LOWMEM_MB=800 DMA_ZONE_MB=16

echo "config check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
