#!/bin/sh
# examples/demo.sh BUILD - the main job: start an embedded stackd on a
# private socket, apply an example configuration as a netsh script, show
# the result.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$build/bin" && pwd)
demo=$(mktemp -d "${TMPDIR:-/tmp}/netcfg-demo.XXXXXX")
export NETCFG_SOCKET="$demo/stackd.sock" NETCFG_STATE_DIR="$demo/state"

stop() {
	[ -s "$demo/stackd.pid" ] && kill "$(cat "$demo/stackd.pid")" 2>/dev/null
	rm -rf "$demo"
}
trap stop EXIT
trap "exit 1" INT TERM HUP PIPE

echo "== starting stackd (model dataplane) with $here/seed-adapters.conf"
"$bin/stackd" --config "$here/seed-adapters.conf" --log "$demo/stackd.log" \
	--pid-file "$demo/stackd.pid"

echo "== netsh -f $here/6to4-gateway.netsh"
"$bin/netsh" -f "$here/6to4-gateway.netsh"
echo "(applied as one transaction)"

for show in "show interface" "show address" "show routes"; do
	echo
	echo "== netsh interface ipv6 $show"
	"$bin/netsh" interface ipv6 $show
done
echo
echo "== ipv6 rt"
"$bin/ipv6" rt
echo
echo "== netsh interface ipv6 dump"
"$bin/netsh" interface ipv6 dump
