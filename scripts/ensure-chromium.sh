#!/usr/bin/env bash
# Prints the path of the Chromium the editor's browser test drives (CHROMIUM_PATH, or Debian's chromium at
# /usr/bin/chromium). When it is missing and we are root, installs Debian's `chromium` package with apt-get
# (running apt-get update first when the package lists do not know it); otherwise says what to install.
# No browser is downloaded from anywhere else.
set -euo pipefail

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
	echo "$path"
	exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
	echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "Chromium is missing: run \`apt-get install chromium\` as root (or set CHROMIUM_PATH)" >&2
	exit 1
fi
echo "Chromium is missing: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show chromium >/dev/null 2>&1; then
	apt-get update >&2
fi
apt-get install -y chromium >&2
if [ ! -x /usr/bin/chromium ]; then
	echo "apt-get install chromium did not give /usr/bin/chromium" >&2
	exit 1
fi
echo /usr/bin/chromium
