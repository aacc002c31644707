#!/usr/bin/env bash
# bench/rows.d/30-ipv6.sh - rows of the ipv6 tool and its model stack
# (sourced into nothing: bench/run runs it with BUILD and BENCH_TMP set).
#
#   L1  route lookups per second over 100k routes, measured inside stackd
#       by bench.route_lookup (a --test-clock-only operation): destinations
#       drawn inside random routes of the table (prepared untimed), looked
#       up with the same function every lookup of the stack uses.  Median
#       of BENCH_LOOKUP_RUNS (5) runs of 2M lookups, per second of the
#       daemon's CPU time (the target's figure: on a busy machine the wall
#       clock also counts other programs' turns) and per wall second.
#       Target: >= 2 M per CPU second.
#   L2  `ipv6 rt` listing those 100k routes (wall, median of 3).
#   L3  `ipv6 rc` listing 100k destination cache entries, made by sending
#       to 100k destinations (RouteCacheLimit raised to 100000) (wall,
#       median of 3).
# Exit status 1 when the lookup target is missed or a count is wrong.
set -u
cd "$(dirname "$0")/../.." || exit 1
. bench/lib.sh

build=${BUILD:-build}
row_tmp ipv6
N=${BENCH_ROUTES:-100000}
RUNS=${BENCH_RUNS:-3}
LOOKUPS=${BENCH_LOOKUPS:-2000000}
TARGET=2000000
B=$build/bench
dir=$tmp/ipv6-rows
mkdir -p "$dir/state"

export NETCFG_SOCKET=$dir/stackd.sock NETCFG_STATE_DIR=$dir/state
printf 'adapter "bench0" ethernet 02-00-00-00-00-01\n' > "$dir/stackd.conf"
"$build/bin/stackd" --foreground --test-clock --socket "$NETCFG_SOCKET" --state-dir "$dir/state" \
	--config "$dir/stackd.conf" 2> "$dir/stackd.log" &
dpid=$!
trap 'kill $dpid 2>/dev/null; wait $dpid 2>/dev/null; row_tmp_done' EXIT
for _ in $(seq 100); do
	"$B/route_batch" --info >/dev/null 2>&1 && break
	sleep 0.05
done
rpc() { "$build/tests/tools/netcfg-rpc" "$@"; }
jget() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

status=0
ifindex=$("$build/bin/ipv6" if | sed -n 's/^Interface \([0-9]*\) .*: bench0$/\1/p')
# (route_batch verifies in a forked child: $(...) waits for its output)
out=$("$B/route_batch" "$N" "$ifindex" 2001:db8:ffff::2) || { echo "30-ipv6: route_batch failed" >&2; exit 1; }
printf '%s\n' "$out" > "$dir/batch.out"
[ "$(kv "$dir/batch.out" bench_routes)" = "$N" ] || status=1

rates=() walls=() rt=() rc=()
for _ in $(seq "${BENCH_LOOKUP_RUNS:-5}"); do
	out=$(rpc bench.route_lookup "{\"lookups\":$LOOKUPS}") || { echo "30-ipv6: $out" >&2; exit 1; }
	[ "$(jget matched <<<"$out")" = "$LOOKUPS" ] || status=1
	rates+=("$(jget per_cpu_second <<<"$out")")
	walls+=("$(jget per_second <<<"$out")")
done
rpc global.set '{"global":{"route_cache_limit":'"$N"'}}' >/dev/null
out=$(rpc bench.route_lookup "{\"lookups\":0,\"cache\":$N}")
cached=$(jget destination_cache <<<"$out")
[ "$cached" = "$N" ] || status=1
for r in $(seq "$RUNS"); do
	"$B/timeit" -o "$dir/rt$r.time" -- "$build/bin/ipv6" rt > "$dir/rt.out" || status=1
	rt+=("$(kv "$dir/rt$r.time" wall_median)")
	"$B/timeit" -o "$dir/rc$r.time" -- "$build/bin/ipv6" rc > "$dir/rc.out" || status=1
	rc+=("$(kv "$dir/rc$r.time" wall_median)")
done
rt_lines=$(wc -l < "$dir/rt.out")
rc_entries=$(grep -c ' via ' "$dir/rc.out")
[ "$rc_entries" = "$N" ] || status=1

rate=$(median "${rates[@]}")
v=$(verdict "$TARGET" "$rate")
[ "$v" = FAIL ] && status=1
k=$(calc "$N / 1000")k
mps() { awk -v r="$1" 'BEGIN { printf "%.2f M/s", r / 1e6 }'; }
row L1 "route lookups, $k routes (in stackd)" "" "" "" "" ""
row "" "  per second of CPU time" "$(mps "$rate")" "-" "" ">= 2 M/s" "$v"
row "" "  per second of wall time" "$(mps "$(median "${walls[@]}")")" "-" "" "" info
row L2 "ipv6 rt, $k routes" "$(secs "$(median "${rt[@]}")")" "-" "" "" info
row "" "  output lines" "$rt_lines" "" "" "" info
row L3 "ipv6 rc, $k cache entries" "$(secs "$(median "${rc[@]}")")" "-" "" "" info
row "" "  entries listed" "$rc_entries" "" "" "= $N" "$([ "$rc_entries" = "$N" ] && echo PASS || echo FAIL)"
exit $status
