#!/usr/bin/env bash
# Fails when clang-format (with the repository's .clang-format) would change a C file.
# Prints one line per such file, then "format: N passed, N failed". `make format` fixes.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
while IFS= read -r f; do
	if clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		passed=$((passed + 1))
	else
		echo "format: $f differs from .clang-format (run make format)"
		failed=$((failed + 1))
	fi
done < <(git ls-files '*.c' '*.h')
echo "format: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
