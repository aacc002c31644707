#!/bin/sh
# tests/deps.sh - install what netcfg needs to build, test and benchmark on
# Debian 12 (make deps).  Installs only what is missing.
set -eu
pkgs="build-essential pkg-config libnl-3-dev libnl-route-3-dev libnl-xfrm-3-dev
      libjansson-dev libreadline-dev bats jq iproute2 valgrind util-linux procps
      groff-base man-db iputils-ping"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "deps: everything is installed"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:$missing (run make deps as root)" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq $missing >/dev/null
