#!/usr/bin/env bash
# bench/rows.d/60-catalog.sh - rows of the provider catalog (bench/run runs
# it with BUILD and BENCH_TMP set).
#
#   C1  `catalog show` of a catalog with BENCH_CATALOG (1000) installed
#       entries besides the six defaults: one process that fetches the
#       whole catalog from stackd and prints every block (~16 lines each).
#       Beside it: `getent services`, the nearest thing Linux lists - a
#       one-shot process printing a system table of about the same number
#       of rows (/etc/services through NSS).  Median of BENCH_ONESHOT (30)
#       runs, process start to exit.  Target: at most 5x getent (our rows
#       are 16 lines and come over a socket).
#   C2  `catalog resolve inet stream tcp` with the 1000 entries ordered
#       first and none of them matching, so the rule scans all of them
#       before it finds the kernel's TCP/IP entry.  Beside it: `getent
#       protocols tcp`, one lookup of the same protocol in the system's
#       protocol table; both answer "what serves TCP", and both are
#       dominated by starting a process.  Target: at most 3x getent.
# Exit status 1 when a target is missed or a count does not verify.
set -u
cd "$(dirname "$0")/../.." || exit 1
. bench/lib.sh

build=$(cd "${BUILD:-build}" && pwd) || exit 1
row_tmp catalog
N=${BENCH_CATALOG:-1000}
ONESHOT=${BENCH_ONESHOT:-30}
B=$build/bench
dir=$tmp/catalog-rows
mkdir -p "$dir/state"
dpid=
cleanup() {
	[ -n "$dpid" ] && { kill "$dpid" 2>/dev/null; wait "$dpid" 2>/dev/null; }
	row_tmp_done
}
trap cleanup EXIT
fail() { echo "60-catalog: $*" >&2; exit 1; }

export NETCFG_SOCKET=$dir/stackd.sock NETCFG_STATE_DIR=$dir/state
"$build/bin/stackd" --foreground --socket "$NETCFG_SOCKET" --state-dir "$NETCFG_STATE_DIR" \
	2> "$dir/stackd.log" &
dpid=$!
for _ in $(seq 100); do
	"$build/bin/catalog" events >/dev/null 2>&1 && break
	sleep 0.05
done
cat=$build/bin/catalog

# ---- N base entries that never match TCP (untimed) --------------------------
awk -v n="$N" -v so="$build/lib/netcfg/providers/kernel.so" 'BEGIN {
	printf "{ \"guid\": \"{BE4C0000-0000-4000-8000-000000000060}\", \"path\": \"%s\", \"entries\": [\n", so
	for (i = 0; i < n; i++)
		printf "%s{ \"type\": \"base\", \"description\": \"Bench %d [XYZ/IP]\", \"address_family\": 2, \"socket_type\": 1, \"protocol\": %d }\n",
			i ? "," : "", i, 100 + i % 100
	print "] }"
}' > "$dir/bench.json"
"$cat" install "$dir/bench.json" >/dev/null || fail "catalog install failed"
ids=$("$cat" -j show | jq -r '[.entries[].id] | join(" ")')
bench_ids=$("$cat" -j show | jq -r '[.entries[] | select(.description | startswith("Bench")) | .id] | join(" ")')
others=$("$cat" -j show | jq -r '[.entries[] | select(.description | startswith("Bench") | not) | .id] | join(" ")')
"$cat" order $bench_ids $others || fail "catalog order failed"

status=0
verified=PASS
blocks=$("$cat" show | grep -c '^Winsock Catalog Provider Entry$')
[ "$blocks" = $((N + 6)) ] || verified=FAIL
resolved=$("$cat" -j resolve inet stream tcp | jq .entry_id)
[ "$resolved" = 1001 ] || verified=FAIL
[ "$verified" = PASS ] || status=1

"$B/timeit" -n "$ONESHOT" -w 2 -o "$dir/show.time" -- "$cat" show > /dev/null || fail "catalog show failed"
"$B/timeit" -n "$ONESHOT" -w 2 -o "$dir/svc.time" -- getent services > /dev/null || fail "getent services failed"
"$B/timeit" -n "$ONESHOT" -w 2 -o "$dir/res.time" -- "$cat" resolve inet stream tcp > /dev/null || fail "catalog resolve failed"
"$B/timeit" -n "$ONESHOT" -w 2 -o "$dir/proto.time" -- getent protocols tcp > /dev/null || fail "getent protocols failed"

show=$(kv "$dir/show.time" wall_median) svc=$(kv "$dir/svc.time" wall_median)
res=$(kv "$dir/res.time" wall_median) proto=$(kv "$dir/proto.time" wall_median)
v1=$(verdict "$(calc "$show / $svc")" 5)
v2=$(verdict "$(calc "$res / $proto")" 3)
[ "$v1" = FAIL ] && status=1
[ "$v2" = FAIL ] && status=1
rows=$(getent services | wc -l)

row C1 "catalog show, $((N + 6)) entries" "catalog show" "getent services"
row "" "  wall, median of $ONESHOT runs" "$(msecs "$show")" "$(msecs "$svc")" "$(ratio "$show" "$svc")" "<= 5x" "$v1"
row "" "  blocks | rows printed" "$blocks" "$rows" "" "= $((N + 6))" "$verified"
row C2 "resolve past $N entries" "catalog resolve" "getent protocols"
row "" "  wall, median of $ONESHOT runs" "$(msecs "$res")" "$(msecs "$proto")" "$(ratio "$res" "$proto")" "<= 3x" "$v2"
row "" "  entry chosen" "$resolved" "-" "" "= 1001" "$verified"
exit $status
