#!/bin/sh
# examples/demo.sh BUILD - the main job: start an embedded stackd on a
# private socket, apply an example configuration, show the result.
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

echo "== applying $here/6to4-gateway.ipv6"
n=0
while IFS= read -r line; do
	case "$line" in ''|'#'*) continue ;; esac
	echo "ipv6 $line"
	# shellcheck disable=SC2086
	"$bin/ipv6" $line
	n=$((n + 1))
done < "$here/6to4-gateway.ipv6"
echo "($n commands applied)"

echo
echo "== ipv6 if"
"$bin/ipv6" if
echo
echo "== ipv6 rt"
"$bin/ipv6" rt
