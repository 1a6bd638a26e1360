#!/usr/bin/env bash
# make test: layer, kernel-doc and format checks -> host unit tests -> fuzz smoke -> firmware and
# images for every board -> image layout check -> in-target KTAP selftests under QEMU ->
# the benchmark regression gate (exact instruction counts, tests/bench/baseline.txt) ->
# end-to-end tests at the UART -> the build-settings check -> KTAP (and the
# layout-dependent e2e tests) on other memory configurations, each in its own build
# directory -> the s3c6410 image on the board model (tests/board_model: KTAP and UART
# tests). Ends with one line "N passed, N failed" summing them all; exits non-zero if
# anything failed or did not run.
set -u
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
mkdir -p build
total_p=0
total_f=0

count() { # stage-name log: add the counts of the log's last summary line
	# Understands "N passed, N failed" (host, ktap) and pytest's "N failed, N passed, N error".
	local line p f e
	line=$(grep -E '^[a-z: =]*[0-9]+ (passed|failed)' "$2" | tail -1)
	p=$(printf '%s' "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(printf '%s' "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	e=$(printf '%s' "$line" | grep -oE '[0-9]+ errors?' | grep -oE '[0-9]+')
	if [ -z "$line" ]; then
		echo "== $1: no result line: counted as 1 failure"
		f=1
	fi
	total_p=$((total_p + ${p:-0}))
	total_f=$((total_f + ${f:-0} + ${e:-0}))
}

echo "== layer check (docs/design.md: no file includes from a layer above its own)"
$PY scripts/check-layers.py 2>&1 | tee build/layers.log
count layers build/layers.log

echo "== kernel-doc check (docs/design.md: every exported function documented on its definition)"
$PY scripts/check-kerneldoc.py 2>&1 | tee build/kerneldoc.log
count kerneldoc build/kerneldoc.log

echo "== format check (.clang-format: make format would change nothing)"
bash scripts/check-format.sh 2>&1 | tee build/format.log | grep -v "^format: .* passed" || true
tail -1 build/format.log
count format build/format.log

echo "== host unit tests (cmocka, ASan+UBSan)"
make --no-print-directory host-tests 2>&1 | tee build/host-tests.log
count host build/host-tests.log

echo "== fuzz smoke (libFuzzer, fixed seed, 20000 inputs per target)"
make --no-print-directory fuzz-smoke 2>&1 | tee build/fuzz-smoke.log
count fuzz build/fuzz-smoke.log

echo "== firmware build (all boards)"
if ! make --no-print-directory boards >build/firmware-build.log 2>&1; then
	cat build/firmware-build.log
	echo "== firmware build failed: KTAP and e2e cannot run"
	total_f=$((total_f + 1))
	echo "$total_p passed, $total_f failed"
	exit 1
fi

echo "== image check (ELF layout, U-Boot uImage, every board)"
bash scripts/check-images.sh 2>&1 | tee build/images.log
count images build/images.log

echo "== in-target KTAP selftests (QEMU)"
$PY tests/target/run_ktap.py build/qemu/firmware.elf 2>&1 | tee build/ktap.log
count ktap build/ktap.log

echo "== benchmark regression gate (qemu -icount: each row within 2% of tests/bench/baseline.txt)"
$PY tests/bench/run_bench.py --check tests/bench/baseline.txt build/qemu/firmware.elf 2>&1 |
	tee build/bench-gate.log
count bench-gate build/bench-gate.log

echo "== end-to-end tests at the UART (pytest + pexpect)"
$PY -m pytest tests/e2e -q -p no:cacheprovider 2>&1 | tee build/e2e.log
count e2e build/e2e.log

echo "== build settings check (refused and accepted combinations)"
bash scripts/test-check-config.sh 2>&1 | tee build/config-check.log
count config-check build/config-check.log

# Memory configurations besides the default (build/qemu, tested above): name, then the
# settings. The first three are issue 10's; then every minimum at once, and the smallest
# Normal zone at the largest RAM. README.md ("Build settings") lists what they verify.
CONFIGS=(
	"ram128 RAM_MB=128"
	"nohighmem LOWMEM_MB=256"
	"dma4 DMA_ZONE_MB=4"
	"minimum RAM_MB=16 LOWMEM_MB=4 DMA_ZONE_MB=1"
	"normal4 DMA_ZONE_MB=188"
	"slubdebug SLUB_DEBUG=FZPU,kmalloc-32"
	"hardened SLUB_DEBUG=FZPU INIT_ON_ALLOC=1 INIT_ON_FREE=1"
	"kmemleak KMEMLEAK=1"
)
# The e2e modules that depend on the layout; they run on the first three as well.
E2E_LAYOUT=(tests/e2e/test_page_alloc.py tests/e2e/test_vmalloc_dma.py)
for i in "${!CONFIGS[@]}"; do
	set -- ${CONFIGS[$i]}
	name=$1
	shift
	dir=build/qemu-$name
	echo "== configuration $name ($*): build, KTAP selftests"
	if ! make --no-print-directory -j"$(nproc)" BOARD=qemu BUILD=$dir "$@" firmware \
		>build/config-$name-build.log 2>&1; then
		cat build/config-$name-build.log
		echo "== configuration $name: build failed: counted as 1 failure"
		total_f=$((total_f + 1))
		continue
	fi
	$PY tests/target/run_ktap.py $dir/firmware.elf >build/config-$name-ktap.log 2>&1
	grep -E "^(not ok|    not ok|ktap: )" build/config-$name-ktap.log
	count "ktap $name" build/config-$name-ktap.log
	if [ "$i" -lt 3 ]; then
		echo "== configuration $name: e2e layout tests"
		FIRMWARE_ELF=$dir/firmware.elf $PY -m pytest "${E2E_LAYOUT[@]}" -q -p no:cacheprovider \
			2>&1 | tee build/config-$name-e2e.log | tail -1
		count "e2e $name" build/config-$name-e2e.log
	fi
	if [ "$name" = slubdebug ] || [ "$name" = kmemleak ]; then
		echo "== configuration $name: e2e $name tests"
		module=tests/e2e/test_slub_debug.py
		[ "$name" = kmemleak ] && module=tests/e2e/test_kmemleak.py
		FIRMWARE_ELF=$dir/firmware.elf $PY -m pytest $module -q \
			-p no:cacheprovider 2>&1 | tee build/config-$name-e2e.log | tail -1
		count "e2e $name" build/config-$name-e2e.log
	fi
done

echo "== the 128 MB S3C6410 boards' image (README: Real hardware)"
if make --no-print-directory -j"$(nproc)" BOARD=s3c6410 BUILD=build/s3c6410-ram128 RAM_MB=128 \
	image >build/config-s3c6410-ram128.log 2>&1 &&
	grep -q -- "-DRAM_MB=128 -DLOWMEM_MB=96 " build/s3c6410-ram128/config.defs &&
	mkimage -l build/s3c6410-ram128/uImage | grep -q "Load Address: 50008000"; then
	echo "ok - make BOARD=s3c6410 RAM_MB=128 image: low memory 96 MB, uImage at 0x50008000"
	total_p=$((total_p + 1))
else
	cat build/config-s3c6410-ram128.log
	echo "not ok - make BOARD=s3c6410 RAM_MB=128 image"
	total_f=$((total_f + 1))
fi

echo "== S3C6410 board model (tests/board_model, Unicorn): KTAP selftests"
# The 128 MB image is the one built above, in build/s3c6410-ram128.
for cfg in "vendor bootm build/s3c6410/uImage 256" "mainline go build/s3c6410/firmware.bin 256" \
	   "vendor bootm build/s3c6410-ram128/uImage 128"; do
	set -- $cfg
	echo "== model: $1 U-Boot preset, $2 $3, $4 MB"
	$PY tests/target/run_ktap.py --board-model --preset "$1" --"$2" "$3" --ram "$4" 2>&1 |
		tee build/model-ktap.log
	count model-ktap build/model-ktap.log
done

echo "== S3C6410 board model: boot, UART and broken-firmware tests (pytest)"
$PY -m pytest tests/board_model -q -p no:cacheprovider 2>&1 | tee build/model.log
count model build/model.log

echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
