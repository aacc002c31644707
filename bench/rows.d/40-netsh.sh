#!/usr/bin/env bash
# bench/rows.d/40-netsh.sh - rows of netsh (bench/run runs it with BUILD and
# BENCH_TMP set; it also runs on its own: bench/rows.d/40-netsh.sh).
#
#   S1  a BENCH_ROUTES-line (100k) `netsh -f` script of `add route` lines
#       into a fresh model stackd, persistent (the default: one batch, one
#       write of the store) and with store=active, beside `ip -6 -batch`
#       adding the same routes (bench_route() of route_batch) to the table
#       of a fresh network namespace.  Wall time of the client process,
#       stackd CPU, routes verified on both sides, persistent writes.
#       Target: netsh -f no slower than ip -6 -batch.
#   S2  `netsh interface ipv6 show routes` listing those routes.
#   S3  `netsh interface ipv6 dump` of those persistent routes.
#   S4  BENCH_ONESHOTS (1000) separate `netsh ... add route` processes beside
#       one `netsh -f` of the same lines: why scripts must use -f.
# Medians of BENCH_RUNS (3) runs, each with a fresh daemon.  Without root,
# iproute2 or network namespaces the ip side of S1 is skipped.
# Exit status 1 when a target is missed or a count does not verify.
set -u
cd "$(dirname "$0")/../.." || exit 1
. bench/lib.sh

build=${BUILD:-build}
row_tmp netsh
N=${BENCH_ROUTES:-100000}
RUNS=${BENCH_RUNS:-3}
ONESHOTS=${BENCH_ONESHOTS:-1000}
GW=2001:db8:ffff::2
NS=netcfg-bench-netsh-$$
B=$build/bench
NETSH=$build/bin/netsh
dir=$tmp/netsh-rows
mkdir -p "$dir"

dpid= ns_made=0
cleanup() {
	[ -n "$dpid" ] && { kill "$dpid" 2>/dev/null; wait "$dpid" 2>/dev/null; }
	[ "$ns_made" = 1 ] && ip netns del "$NS" 2>/dev/null
	row_tmp_done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

rpc() { "$build/tests/tools/netcfg-rpc" "$@"; }
info() { rpc daemon.info 2>/dev/null | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
hz=$(getconf CLK_TCK)
dcpu() { awk -v hz="$hz" '{ printf "%.3f\n", ($14 + $15) / hz }' "/proc/$dpid/stat"; }

# A fresh daemon (empty store) with the one adapter the routes go out of.
start_daemon() {
	local d=$dir/run$1
	rm -rf "$d"
	mkdir -p "$d/state"
	printf 'adapter "bench0" ethernet 02-00-00-00-00-01\n' > "$d/stackd.conf"
	export NETCFG_SOCKET=$d/stackd.sock NETCFG_STATE_DIR=$d/state
	"$build/bin/stackd" --foreground --socket "$NETCFG_SOCKET" --state-dir "$d/state" \
		--config "$d/stackd.conf" 2> "$d/stackd.log" &
	dpid=$!
	local _
	for _ in $(seq 100); do
		[ "$(info pid)" = "$dpid" ] && return 0
		sleep 0.05
	done
	echo "40-netsh: stackd did not start" >&2
	exit 1
}

stop_daemon() {
	kill "$dpid" 2>/dev/null
	wait "$dpid" 2>/dev/null
	dpid=
}

# The routes of route_batch's bench_route(i): 2001:db8:<i/65536>:<i%65536>::/64.
netsh_script() {   # COUNT [EXTRA TAGS]
	awk -v n="$1" -v gw="$GW" -v extra="${2:-}" 'BEGIN {
		print "pushd interface ipv6"
		for (i = 0; i < n; i++)
			printf "add route 2001:db8:%x:%x::/64 bench0 nexthop=%s metric=1024%s\n",
			       int(i / 65536), i % 65536, gw, extra
		print "popd"
	}'
}

ns_setup() {
	local e=$dir/ns.err
	[ "$(id -u)" = 0 ] || { ip_skip="not running as root"; return 1; }
	command -v ip >/dev/null || { ip_skip="ip (iproute2) is not installed"; return 1; }
	ip netns add "$NS" 2> "$e" || { ip_skip="ip netns add failed: $(head -n 1 "$e")"; return 1; }
	ns_made=1
	if ! { ip -n "$NS" link set lo up &&
	       ip -n "$NS" link add v0 type veth peer name v1 &&
	       ip -n "$NS" link set v0 up && ip -n "$NS" link set v1 up &&
	       ip -n "$NS" -6 addr add 2001:db8:ffff::1/64 dev v0 nodad; } 2> "$e"; then
		ip_skip="veth set-up in the namespace failed: $(head -n 1 "$e")"
		return 1
	fi
}

status=0
notes=()
ip_skip=
ip_ok=0
ns_setup && ip_ok=1
netsh_script "$N" > "$dir/routes.netsh"
netsh_script "$N" " store=active" > "$dir/routes-active.netsh"
"$B/route_batch" --ip-batch "$N" v0 "$GW" > "$dir/routes.batch" || { echo "40-netsh: no ip batch" >&2; exit 1; }

p_wall=() p_dcpu=() a_wall=() k_wall=() show=() dump=()
verified=PASS
for r in $(seq "$RUNS"); do
	# persistent: one batch, one write
	start_daemon "$r"
	w0=$(info persistent_writes) c0=$(dcpu)
	"$B/timeit" -o "$dir/p$r.time" -- "$NETSH" -f "$dir/routes.netsh" || { echo "40-netsh: netsh -f failed" >&2; exit 1; }
	p_wall+=("$(kv "$dir/p$r.time" wall_median)")
	p_dcpu+=("$(calc "$(dcpu) - $c0")")
	writes=$(( $(info persistent_writes) - w0 ))
	entries=$(info persistent_entries)
	routes=$(info routes)
	if [ "$writes" != 1 ] || [ "$entries" != "$N" ] || [ "$routes" -lt "$N" ]; then
		verified=FAIL
		notes+=("run $r: $routes routes, $entries persistent entries, $writes store writes (want $N, $N, 1)")
	fi
	"$B/timeit" -o "$dir/s$r.time" -- "$NETSH" interface ipv6 show routes > "$dir/show.out" || status=1
	show+=("$(kv "$dir/s$r.time" wall_median)")
	show_rows=$(grep -c $'^No\tManual\t1024\t2001:db8:' "$dir/show.out")
	"$B/timeit" -o "$dir/d$r.time" -- "$NETSH" interface ipv6 dump > "$dir/dump.out" || status=1
	dump+=("$(kv "$dir/d$r.time" wall_median)")
	dump_lines=$(grep -c '^add route ' "$dir/dump.out")
	[ "$show_rows" = "$N" ] && [ "$dump_lines" = "$N" ] || {
		verified=FAIL
		notes+=("run $r: show routes listed $show_rows, dump wrote $dump_lines of $N routes")
	}
	stop_daemon

	# active only
	start_daemon "$r"
	"$B/timeit" -o "$dir/a$r.time" -- "$NETSH" -f "$dir/routes-active.netsh" || status=1
	a_wall+=("$(kv "$dir/a$r.time" wall_median)")
	[ "$(info routes)" -ge "$N" ] && [ "$(info persistent_entries)" = 0 ] || {
		verified=FAIL
		notes+=("run $r: store=active left $(info persistent_entries) persistent entries")
	}
	stop_daemon

	if [ "$ip_ok" = 1 ]; then
		"$B/timeit" -o "$dir/k$r.time" -- ip -n "$NS" -6 -batch "$dir/routes.batch" || status=1
		k_wall+=("$(kv "$dir/k$r.time" wall_median)")
		kc=$(ip -n "$NS" -6 route show proto static | wc -l)
		[ "$kc" = "$N" ] || { verified=FAIL; notes+=("run $r: the kernel holds $kc of $N routes"); }
		ip -n "$NS" -6 route flush proto static
	fi
done

# S4: one-shot processes against one script of the same lines
start_daemon 0
netsh_script "$ONESHOTS" " store=active" | sed -n 's/^add route /interface ipv6 add route /p' > "$dir/oneshot.lines"
t0=$(date +%s.%N)
while read -r -a words; do
	"$NETSH" "${words[@]}" > /dev/null || { status=1; break; }
done < "$dir/oneshot.lines"
t1=$(date +%s.%N)
oneshot_wall=$(calc "$t1 - $t0")
"$NETSH" interface ipv6 reset > /dev/null
"$B/timeit" -o "$dir/o.time" -- "$NETSH" -f "$dir/oneshot.lines" || status=1
one_f=$(kv "$dir/o.time" wall_median)
stop_daemon

k=$(calc "$N / 1000")k
pw=$(median "${p_wall[@]}")
aw=$(median "${a_wall[@]}")
if [ "$ip_ok" = 1 ]; then
	kw=$(median "${k_wall[@]}")
	v1=$(verdict "$(calc "$pw / $kw")" 1)
	v2=$(verdict "$(calc "$aw / $kw")" 1)
	kw_s=$(secs "$kw") r1=$(ratio "$pw" "$kw") r2=$(ratio "$aw" "$kw")
else
	v1=SKIP v2=SKIP kw_s=skipped r1=- r2=-
fi
[ "$v1" = FAIL ] || [ "$v2" = FAIL ] && status=1
[ "$verified" = FAIL ] && status=1
row S1 "$k-line netsh -f of add route" "netsh -f" "ip -6 -batch"
row "" "  wall, persistent (1 store write)" "$(secs "$pw")" "$kw_s" "$r1" "<= 1x" "$v1"
row "" "  wall, store=active" "$(secs "$aw")" "$kw_s" "$r2" "<= 1x" "$v2"
row "" "  CPU: stackd, persistent run" "$(secs "$(median "${p_dcpu[@]}")")" "" "" "" info
row "" "  routes, entries, writes verified" "$N, $N, 1" "" "" "" "$verified"
row S2 "netsh show routes, $k routes" "$(secs "$(median "${show[@]}")")" "-" "" "" info
row S3 "netsh dump, $k routes" "$(secs "$(median "${dump[@]}")")" "-" "" "" info
row S4 "$ONESHOTS route adds" "netsh -f" "$ONESHOTS x netsh"
row "" "  wall" "$(secs "$one_f")" "$(secs "$oneshot_wall")" "$(ratio "$oneshot_wall" "$one_f")" "" info
[ "$ip_ok" = 1 ] || echo "S1: the ip -6 -batch side was skipped: $ip_skip"
for n in "${notes[@]}"; do echo "S: $n"; done
exit $status
