#!/usr/bin/env bash
# Replays a fixed number of fuzzer-generated inputs (fixed seed) through each libFuzzer
# target given as an argument. Prints "fuzz: N passed, N failed" last (one per target).
set -u
passed=0
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	# A target's dictionary and seed corpus (tests/fuzz/), when it has them; the corpus is
	# copied, since libFuzzer adds what it finds to the first corpus directory.
	extra=()
	[ -f "tests/fuzz/$name.dict" ] && extra+=("-dict=tests/fuzz/$name.dict")
	if [ -d "tests/fuzz/corpus/$name" ]; then
		rm -rf "build/fuzz/smoke-corpus-$name"
		cp -r "tests/fuzz/corpus/$name" "build/fuzz/smoke-corpus-$name"
		extra+=("build/fuzz/smoke-corpus-$name")
	fi
	if "$bin" -seed=1 -runs=20000 -max_len=2048 -timeout=20 -artifact_prefix=build/fuzz/ \
		"${extra[@]}" >"build/fuzz/$name.log" 2>&1; then
		echo "fuzz: $name: 20000 inputs, no crash, no sanitizer report"
		passed=$((passed + 1))
	else
		tail -30 "build/fuzz/$name.log"
		echo "fuzz: $name FAILED (log: build/fuzz/$name.log)"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
