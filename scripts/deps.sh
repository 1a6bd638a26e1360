#!/usr/bin/env bash
# Installs the tools the build and the tests need, via apt-get, and only those that are
# missing. Idempotent and silent when everything is already present.
set -euo pipefail

pkgs=(gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm gdb-multiarch
      libcmocka-dev python3-pytest python3-pexpect python3-unicorn u-boot-tools make gcc pkg-config
      libjemalloc-dev libmimalloc-dev clang libclang-rt-14-dev clang-format git
      procps util-linux valgrind)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are absent or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
	$sudo apt-get update -qq
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
