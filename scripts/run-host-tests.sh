#!/usr/bin/env bash
# Runs the host unit-test binaries given as arguments and sums cmocka's counts.
# Prints "host: N passed, N failed" last; exits non-zero on any failure.
set -u
passed=0
failed=0
for bin in "$@"; do
	out=$("$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	# A crash (sanitizer abort) or a non-zero exit without a count is one failure.
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "host: $bin exited with $rc"
		failed=$((failed + 1))
	fi
done
echo "host: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
