#!/usr/bin/env bash
# make test: host unit tests -> fuzz smoke -> firmware and images for every board -> image layout
# check -> in-target KTAP selftests under QEMU -> end-to-end tests at the UART -> the s3c6410
# image on the board model (tests/board_model: KTAP and UART tests). Ends with
# one line "N passed, N failed" summing them all; exits non-zero if anything failed or
# did not run.
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

echo "== end-to-end tests at the UART (pytest + pexpect)"
$PY -m pytest tests/e2e -q -p no:cacheprovider 2>&1 | tee build/e2e.log
count e2e build/e2e.log

echo "== S3C6410 board model (tests/board_model, Unicorn): KTAP selftests"
# The 128 MB image lives in its own build directory, next to the 256 MB one.
if ! make --no-print-directory BOARD=s3c6410 RAM_MB=128 BUILD=build/s3c6410-128m image \
		>build/model-build.log 2>&1; then
	cat build/model-build.log
	echo "== RAM_MB=128 s3c6410 build failed"
	total_f=$((total_f + 1))
fi
for cfg in "vendor bootm build/s3c6410/uImage 256" "mainline go build/s3c6410/firmware.bin 256" \
	   "vendor bootm build/s3c6410-128m/uImage 128"; do
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
