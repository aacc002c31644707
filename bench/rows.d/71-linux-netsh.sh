#!/usr/bin/env bash
# bench/rows.d/71-linux-netsh.sh - row 71 of `make bench`: the whole daemon
# path of the linux dataplane, `netsh -f` into the kernel, against
# `ip -6 -batch` (linux-reference.md 7.3 and 7.4).
#
# For each size in BENCH_LINUX_SIZES (1000 10000 100000), BENCH_RUNS (3)
# times and alternating the tools, each into a fresh network namespace
# (veth v0/v1, 2001:db8:ffff::1/64 on v0, the routes via 2001:db8:ffff::2,
# metric 1024, the same prefixes for both tools):
#   netsh -f FILE             `add route PREFIX v0 GW metric=1024` lines
#                             (store=persistent, netsh's default) to a
#                             stackd --dataplane=linux --netns NS started
#                             and connected before the clock starts
#   ip -n NS -6 -batch FILE   `route add PREFIX via GW dev v0 metric 1024
#                             proto 110`, 110 being stackd's protocol
# The same is measured once more with store=active (nothing persisted).
# netsh returns when the daemon has every route in the kernel: the count of
# the kernel's routes of protocol 110 is checked right after it returns,
# and must be N.  Daemon CPU is utime+stime from /proc/PID/stat around the
# run, its peak RSS is VmHWM; the store figure is the size of
# persistent.json afterwards.  A last line runs 1000 separate netsh
# processes (`netsh interface ipv6 add route ...`, beside as many
# `ip -6 route add`) to show why scripts use -f.
# Target: netsh -f at most 1.0x the wall time of ip -6 -batch at 100k.
#
# Run by bench/run (BUILD and BENCH_TMP set), or by hand:
#   BUILD=build bash bench/rows.d/71-linux-netsh.sh
# Exit status 1 when the target is missed or a count does not verify.
set -u
cd "$(dirname "$0")/../.." || exit 1
. bench/lib.sh

build=${BUILD:-build}
SIZES=${BENCH_LINUX_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-3}
PROCS=${BENCH_LINUX_PROCS:-1000}
GW=2001:db8:ffff::2
NS=netcfg-bench-netsh-$$
B=$build/bench
PROTO=110

row_tmp linux-netsh
tmp=$tmp/row71
mkdir -p "$tmp" || exit 1
dpid=

stop_daemon() {
	if [ -n "$dpid" ]; then
		kill "$dpid" 2>/dev/null
		wait "$dpid" 2>/dev/null
		dpid=
	fi
}
drop_ns() {
	stop_daemon
	ns_drop
}
fresh_ns() {
	stop_daemon
	ns_fresh
}
cleanup() {
	drop_ns
	row_tmp_done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

skip_row() {
	row 71 "linux dataplane: netsh -f" "netsh -f" "ip -6 -batch" "-" "<= 1.00x" SKIP
	echo "Row 71 skipped: $1"
	exit 0
}

for p in "$B/nlroute_bench" "$B/timeit" "$build/bin/stackd" "$build/bin/netsh"; do
	[ -x "$p" ] || { echo "71-linux-netsh.sh: $p is missing; run make bench" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || skip_row "not running as root"
command -v ip >/dev/null || skip_row "ip (iproute2) is not installed"

fresh_ns 2> "$tmp/ns.err" || skip_row "namespace set-up failed: $(head -n 1 "$tmp/ns.err")"

# A fresh namespace and a daemon in it, connected to netlink and answering.
export NETCFG_SOCKET=$tmp/stackd.sock
fresh_daemon() {
	fresh_ns || return 1
	rm -rf "$tmp/state" "$NETCFG_SOCKET" "$tmp/stackd.pid"
	mkdir -p "$tmp/state"
	: > "$tmp/empty.conf"
	"$build/bin/stackd" --foreground --dataplane=linux --netns "$NS" --socket "$NETCFG_SOCKET" \
		--state-dir "$tmp/state" --config "$tmp/empty.conf" --pid-file "$tmp/stackd.pid" \
		2> "$tmp/stackd.log" &
	dpid=$!
	local _
	for _ in $(seq 200); do
		[ -s "$tmp/stackd.pid" ] && return 0    # written once it serves
		kill -0 "$dpid" 2>/dev/null || break
		sleep 0.05
	done
	cat "$tmp/stackd.log" >&2
	echo "71-linux-netsh.sh: stackd --dataplane=linux did not answer" >&2
	return 1
}
daemon_cpu() { awk '{ printf "%.2f\n", ($14 + $15) / 100 }' "/proc/$dpid/stat"; }
daemon_hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$dpid/status"; }
count() { ip -n "$NS" -6 route show proto "$PROTO" | wc -l; }

status=0
verified=PASS
notes=()
declare -A n_wall ip_wall n_cpu d_cpu ip_cpu d_rss store a_wall a_dcpu
for n in $SIZES; do
	"$B/nlroute_bench" --ip-batch "$n" v0 "$GW" > "$tmp/r-$n.batch" || exit 1
	{
		echo "pushd interface ipv6"
		awk '{ print "add route " $3 " v0 " $5 " metric=1024" }' "$tmp/r-$n.batch"
	} > "$tmp/r-$n.netsh"
	sed 's/metric=1024$/metric=1024 store=active/' "$tmp/r-$n.netsh" > "$tmp/a-$n.netsh"
	w_n=() w_ip=() c_n=() c_d=() c_ip=() w_a=() c_a=() rss=()
	for r in $(seq "$RUNS"); do
		fresh_ns || exit 1
		"$B/timeit" -o "$tmp/ip.time" -- ip -n "$NS" -6 -batch "$tmp/r-$n.batch" \
			|| { echo "71-linux-netsh.sh: ip -6 -batch failed ($n routes)" >&2; exit 1; }
		k=$(count)
		[ "$k" = "$n" ] || { verified=FAIL; notes+=("ip -6 -batch left $k of $n routes"); }
		w_ip+=("$(kv "$tmp/ip.time" wall_median)")
		c_ip+=("$(kv "$tmp/ip.time" cpu_median)")

		for mode in persistent active; do
			fresh_daemon || exit 1
			f=$tmp/r-$n.netsh
			[ "$mode" = active ] && f=$tmp/a-$n.netsh
			c0=$(daemon_cpu)
			"$B/timeit" -o "$tmp/netsh.time" -- "$build/bin/netsh" -f "$f" > "$tmp/netsh.out" 2>&1 \
				|| { echo "71-linux-netsh.sh: netsh -f failed ($n routes)" >&2; head -n 3 "$tmp/netsh.out" >&2; exit 1; }
			k=$(count)
			c1=$(daemon_cpu)
			[ "$k" = "$n" ] || { verified=FAIL; notes+=("netsh -f ($mode) returned with $k of $n routes in the kernel"); }
			if [ "$mode" = persistent ]; then
				w_n+=("$(kv "$tmp/netsh.time" wall_median)")
				c_n+=("$(kv "$tmp/netsh.time" cpu_median)")
				c_d+=("$(calc "$c1 - $c0")")
				rss+=("$(daemon_hwm)")
				store[$n]=$(stat -c %s "$tmp/state/persistent.json")
			else
				w_a+=("$(kv "$tmp/netsh.time" wall_median)")
				c_a+=("$(calc "$c1 - $c0")")
			fi
		done
	done
	n_wall[$n]=$(median "${w_n[@]}")
	ip_wall[$n]=$(median "${w_ip[@]}")
	n_cpu[$n]=$(median "${c_n[@]}")
	d_cpu[$n]=$(median "${c_d[@]}")
	ip_cpu[$n]=$(median "${c_ip[@]}")
	d_rss[$n]=$(median "${rss[@]}")
	a_wall[$n]=$(median "${w_a[@]}")
	a_dcpu[$n]=$(median "${c_a[@]}")
done

# One process per command: PROCS routes, one netsh each.
fresh_daemon || exit 1
head -n $((PROCS + 1)) "$tmp/r-1000.netsh" 2>/dev/null | tail -n +2 > "$tmp/procs.netsh"
[ -s "$tmp/procs.netsh" ] || "$B/nlroute_bench" --ip-batch "$PROCS" v0 "$GW" |
	awk '{ print "add route " $3 " v0 " $5 " metric=1024" }' > "$tmp/procs.netsh"
procs=$(wc -l < "$tmp/procs.netsh")
t0=$(date +%s.%N)
while IFS= read -r l; do
	# shellcheck disable=SC2086  # the line is the command's words
	"$build/bin/netsh" interface ipv6 $l >/dev/null || { verified=FAIL; notes+=("netsh failed: $l"); break; }
done < "$tmp/procs.netsh"
procs_wall=$(calc "$(date +%s.%N) - $t0")
k=$(count)
[ "$k" = "$procs" ] || { verified=FAIL; notes+=("$procs netsh runs left $k routes"); }
fresh_ns || exit 1
head -n "$procs" "$tmp/r-1000.batch" 2>/dev/null > "$tmp/procs.batch"
[ -s "$tmp/procs.batch" ] || "$B/nlroute_bench" --ip-batch "$procs" v0 "$GW" > "$tmp/procs.batch"
t0=$(date +%s.%N)
while IFS= read -r l; do
	# shellcheck disable=SC2086
	ip -n "$NS" -6 $l || { verified=FAIL; notes+=("ip failed: $l"); break; }
done < "$tmp/procs.batch"
procs_ip=$(calc "$(date +%s.%N) - $t0")
k=$(count)
[ "$k" = "$procs" ] || { verified=FAIL; notes+=("$procs ip runs left $k routes"); }
drop_ns

label() { if [ "$1" -ge 1000 ] && [ $(($1 % 1000)) = 0 ]; then echo "$(($1 / 1000))k"; else echo "$1"; fi; }
[ "$verified" = FAIL ] && status=1
row 71 "linux dataplane: netsh -f" "netsh -f" "ip -6 -batch"
for n in $SIZES; do
	rt=$(calc "${n_wall[$n]} / ${ip_wall[$n]}")
	if [ "$n" = 100000 ]; then
		v=$(verdict "$rt" 1)
		[ "$v" = FAIL ] && status=1
		target="<= 1.00x"
	else
		v=info target=
	fi
	row "" "  $(label "$n") routes: wall" "$(secs "${n_wall[$n]}")" "$(secs "${ip_wall[$n]}")" \
		"$(ratio "${n_wall[$n]}" "${ip_wall[$n]}")" "$target" "$v"
	row "" "  $(label "$n") routes: routes/s" "$(calc "int($n / ${n_wall[$n]})")" \
		"$(calc "int($n / ${ip_wall[$n]})")" "" "" info
	row "" "  $(label "$n"): client CPU" "$(secs "${n_cpu[$n]}")" "$(secs "${ip_cpu[$n]}")" "" "" info
	row "" "  $(label "$n"): daemon CPU" "$(secs "${d_cpu[$n]}")" "-" "" "" info
	row "" "  $(label "$n"): daemon peak RSS" "$(mib "${d_rss[$n]}")" "-" "" "" info
	row "" "  $(label "$n"): persistent store" "$(mib "$(calc "${store[$n]} / 1024")")" "-" "" "" info
	row "" "  $(label "$n"), store=active: wall" "$(secs "${a_wall[$n]}")" "$(secs "${ip_wall[$n]}")" \
		"$(ratio "${a_wall[$n]}" "${ip_wall[$n]}")" "" info
	row "" "  $(label "$n"), store=active: daemon CPU" "$(secs "${a_dcpu[$n]}")" "-" "" "" info
done
row "" "  $procs processes, a route each" "$(secs "$procs_wall")" "$(secs "$procs_ip")" \
	"$(ratio "$procs_wall" "$procs_ip")" "" info
row "" "  routes in the kernel on return" "= N" "= N" "" "= N" "$verified"
echo "Row 71: medians of $RUNS runs a size, each tool into a fresh netns (veth, via $GW, metric"
echo "  1024); the daemon is started and connected before the clock starts.  netsh -f returns"
echo "  once every route is in the kernel (counted right after it returns); the persistent"
echo "  store is written once, at the end of the script's transaction."
for x in "${notes[@]}"; do echo "note: $x"; done
exit $status
