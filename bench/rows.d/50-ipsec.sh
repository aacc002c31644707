#!/usr/bin/env bash
# bench/rows.d/50-ipsec.sh - rows of ipsec6 (bench/run runs it with BUILD
# and BENCH_TMP set).
#
#   P1  `ipsec6 a` of a file pair of BENCH_POLICIES (10000) APPLY policies
#       (plus the default one) and two SAs each (20000): read and parse
#       both files, check every rule, pass the key file to a fresh stackd
#       and apply everything as one transaction; wall time of the client,
#       process start to exit, median of BENCH_RUNS (3).  Beside it: the
#       same policies as the kernel takes them - `ipsec6 export
#       --format=ip-xfrm` (prepared untimed; a BIDIRECT policy is two xfrm
#       policies) installed by `ip -n NS -batch` into an empty namespace.
#       The kernel side installs policies only: this kernel may have no AH
#       state type (detected and said), so the SAs have no kernel
#       counterpart.  ipsec6 does more work here (SAs, and rules ip does
#       not check); target: no slower than ip installing the policies.
#   P2  `ipsec6 lookup -f` of one flow per policy against those databases:
#       flows per second, process start to exit (parse the flows, one
#       request, the daemon's lookups, printing).  Beside it: the kernel's
#       own per-packet lookup over the same xfrm policies - one sendto()
#       of a UDP datagram per flow in the namespace, each dropped by the
#       policy it matches for want of an SA (XfrmOutNoStates in
#       /proc/net/xfrm_stat counts them, which proves they were matched).
#       That includes the socket and route work of sending; it is the cost
#       of the lookup as the kernel pays it, not the lookup alone.
#       Target: at least half the kernel's rate (50k flows/s when the
#       kernel side cannot run).
# Exit status 1 when a target is missed or a count does not verify.
set -u
cd "$(dirname "$0")/../.." || exit 1
. bench/lib.sh

build=$(cd "${BUILD:-build}" && pwd) || exit 1
row_tmp ipsec
N=${BENCH_POLICIES:-10000}
RUNS=${BENCH_RUNS:-3}
LOOKUP_FLOOR=50000
B=$build/bench
dir=$tmp/ipsec-rows
NS=netcfg-bench-ipsec-$$
mkdir -p "$dir"
ns_made=0
dpid=
stop_daemon() {
	[ -n "$dpid" ] && { kill "$dpid" 2>/dev/null; wait "$dpid" 2>/dev/null; }
	dpid=
}
cleanup() {
	stop_daemon
	[ "$ns_made" = 1 ] && ip netns del "$NS" 2>/dev/null
	row_tmp_done
}
trap cleanup EXIT
fail() { echo "50-ipsec: $*" >&2; exit 1; }

# ---- the files (untimed) ---------------------------------------------------

cd "$dir" || exit 1
awk -v n="$N" 'BEGIN {
	for (p = n + 1; p >= 2; p--)
		printf "%d - 2001:db8::%x - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;\n", p, p
	print "1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;"
}' > bench.spd
awk -v n="$N" 'BEGIN {
	for (p = n + 1; p >= 2; p--) {
		printf "%d %d 2001:db8::%x POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 bench.key OUTBOUND %d ;\n", 2 * p - 2, 65536 + 2 * p, p, p
		printf "%d %d fe80::1 POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 bench.key INBOUND %d ;\n", 2 * p - 3, 65537 + 2 * p, p
	}
}' > bench.sad
printf '"a key for the benchmark"' > bench.key
chmod 600 bench.key
awk -v n="$N" 'BEGIN { for (p = n + 1; p >= 2; p--) printf "src fe80::1 dst 2001:db8::%x proto udp sport 1000 dport 9\n", p }' > flows
n_sp=$((N + 1)) n_sa=$((2 * N))
cd - >/dev/null || exit 1

# this script starts its daemons itself; a client must never start one
export NETCFG_SOCKET=$dir/stackd.sock NETCFG_STATE_DIR=$dir/state NETCFG_STACKD=/nonexistent/stackd
start_daemon() {
	rm -rf "$dir/state"
	"$build/bin/stackd" --foreground --socket "$NETCFG_SOCKET" --state-dir "$dir/state" \
		2> "$dir/stackd.log" &
	dpid=$!
	local _
	for _ in $(seq 100); do
		"$build/bin/ipsec6" sa >/dev/null 2>&1
		[ $? -le 1 ] && return 0
		sleep 0.05
	done
	fail "stackd did not answer"
}
proc_cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }

# ---- P1 ipsec6 a ---------------------------------------------------------------

status=0
verified=PASS
a_wall=() a_cpu=() a_hwm=()
for r in $(seq "$RUNS"); do
	start_daemon
	c0=$(proc_cpu "$dpid")
	(cd "$dir" && "$B/timeit" -o "$dir/a$r.time" -- "$build/bin/ipsec6" a bench) \
		> "$dir/a.out" || fail "ipsec6 a failed: $(cat "$dir/a.out")"
	a_cpu+=("$(calc "$(kv "$dir/a$r.time" cpu_median) + $(proc_cpu "$dpid") - $c0")")
	a_hwm+=("$(awk '/^VmHWM/ { print $2 }' "/proc/$dpid/status")")
	a_wall+=("$(kv "$dir/a$r.time" wall_median)")
	got_sp=$("$build/bin/ipsec6" sp | grep -c '^[0-9]')
	got_sa=$("$build/bin/ipsec6" sa | grep -c '^[0-9]')
	if [ "$got_sp" != "$n_sp" ] || [ "$got_sa" != "$n_sa" ]; then
		verified=FAIL
		echo "50-ipsec: run $r: the daemon holds $got_sp policies and $got_sa SAs" >&2
	fi
	[ "$r" -lt "$RUNS" ] && stop_daemon
done

# ---- P2 ipsec6 lookup (against the last run's databases) ------------------------

l_wall=() l_cpu=()
for r in $(seq "$RUNS"); do
	c0=$(proc_cpu "$dpid")
	"$B/timeit" -o "$dir/l$r.time" -- "$build/bin/ipsec6" lookup -f "$dir/flows" > "$dir/l.out" \
		|| fail "ipsec6 lookup failed"
	l_wall+=("$(kv "$dir/l$r.time" wall_median)")
	l_cpu+=("$(calc "$(kv "$dir/l$r.time" cpu_median) + $(proc_cpu "$dpid") - $c0")")
done
protected=$(grep -c '): SA [0-9]*, SPI ' "$dir/l.out")
[ "$protected" = "$N" ] || { verified=FAIL; echo "50-ipsec: $protected of $N flows found their SA" >&2; }
stop_daemon

# ---- the kernel side ---------------------------------------------------------------

k_skip= states_note=
k_wall=() k_cpu=() s_rate=()
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
	k_skip="needs root and iproute2"
elif ! ip netns add "$NS" 2> "$dir/ns.err"; then
	k_skip="ip netns add failed: $(head -n 1 "$dir/ns.err")"
else
	ns_made=1
	ip -n "$NS" link set lo up
	ip -n "$NS" -6 route add 2001:db8::/32 dev lo
	ip netns exec "$NS" sysctl -qw net.core.xfrm_larval_drop=1
	(cd "$dir" && "$build/bin/ipsec6" export bench --format=ip-xfrm) > "$dir/export" 2>/dev/null \
		|| fail "ipsec6 export failed"
	grep -v '^xfrm state' "$dir/export" > "$dir/policies.batch"
	n_xfrm=$(grep -c '^xfrm policy' "$dir/policies.batch")
	if ! grep -m1 '^xfrm state' "$dir/export" | ip -n "$NS" -batch - 2> "$dir/state.err"; then
		states_note="kernel states not installed: $(head -n 1 "$dir/state.err") (no AH xfrm state type here)"
	fi
	ip -n "$NS" xfrm state flush
	${CC:-cc} -O2 -o "$dir/xfrm_send" -x c - <<-'EOF' || fail "cannot build the sender"
	/* One UDP datagram to each address of a file; prints the time the
	 * sends took. */
	#include <arpa/inet.h>
	#include <errno.h>
	#include <stdio.h>
	#include <string.h>
	#include <time.h>
	#include <unistd.h>
	int main(int argc, char **argv)
	{
		static struct sockaddr_in6 dst[1 << 20];
		char line[128];
		size_t n = 0;
		FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
		int s = socket(AF_INET6, SOCK_DGRAM, 0);
		if (!f || s < 0)
			return 1;
		while (n < sizeof(dst) / sizeof(dst[0]) && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			dst[n].sin6_family = AF_INET6;
			dst[n].sin6_port = htons(9);
			if (inet_pton(AF_INET6, line, &dst[n].sin6_addr) == 1)
				n++;
		}
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (size_t i = 0; i < n; i++)
			sendto(s, "x", 1, 0, (struct sockaddr *)&dst[i], sizeof(dst[i]));
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("flows=%zu\nseconds=%.6f\n", n,
		       (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
		return 0;
	}
	EOF
	sed 's/.* dst \([^ ]*\) .*/\1/' "$dir/flows" > "$dir/dests"
	for r in $(seq "$RUNS"); do
		"$B/timeit" -o "$dir/k$r.time" -- ip -n "$NS" -batch "$dir/policies.batch" \
			|| fail "ip -batch failed (run $r)"
		k_wall+=("$(kv "$dir/k$r.time" wall_median)")
		k_cpu+=("$(kv "$dir/k$r.time" cpu_median)")
		kc=$(ip -n "$NS" xfrm policy list | grep -c '^src')
		[ "$kc" = "$n_xfrm" ] || { verified=FAIL; echo "50-ipsec: the kernel holds $kc of $n_xfrm policies" >&2; }
		nostates() { ip netns exec "$NS" awk '$1 == "XfrmOutNoStates" { print $2 }' /proc/net/xfrm_stat; }
		before=$(nostates)
		ip netns exec "$NS" "$dir/xfrm_send" "$dir/dests" > "$dir/send.out"
		matched=$(( $(nostates) - before ))
		[ "$matched" = "$N" ] ||
			{ verified=FAIL; echo "50-ipsec: only $matched of $N sends met their policy" >&2; }
		s_rate+=("$(calc "$(kv "$dir/send.out" flows) / $(kv "$dir/send.out" seconds)")")
		ip -n "$NS" xfrm policy flush
	done
fi

# ---- rows ------------------------------------------------------------------------

aw=$(median "${a_wall[@]}")
lw=$(median "${l_wall[@]}")
lrate=$(calc "$N / $lw")
k=$(calc "$N / 1000")k
per_s() { awk -v r="$1" 'BEGIN { printf "%.0f k/s", r / 1000 }'; }
if [ -z "$k_skip" ]; then
	kw=$(median "${k_wall[@]}")
	v1=$(verdict "$(calc "$aw / $kw")" 1)
	[ "$v1" = FAIL ] && status=1
	kw_s=$(secs "$kw") r1=$(ratio "$aw" "$kw") kcpu_s=$(secs "$(median "${k_cpu[@]}")")
	srate=$(median "${s_rate[@]}")
	srate_s=$(per_s "$srate") r2=$(ratio "$lrate" "$srate") kcount="$n_xfrm xfrm policies"
	v2=$(verdict 0.5 "$(calc "$lrate / $srate")") t2=">= 0.5x"
else
	v1=SKIP kw_s=skipped r1=- kcpu_s=skipped srate_s=skipped r2=- kcount=skipped
	v2=$(verdict "$LOOKUP_FLOOR" "$lrate") t2=">= 50 k/s"
fi
[ "$v2" = FAIL ] && status=1
[ "$verified" = FAIL ] && status=1
row P1 "ipsec6 a: $k policies, $(calc "2 * $N / 1000")k SAs" "ipsec6 a" "ip -batch (SPD)"
row "" "  wall, process start to exit" "$(secs "$aw")" "$kw_s" "$r1" "<= 1x" "$v1"
row "" "  CPU: ipsec6 + stackd | ip" "$(secs "$(median "${a_cpu[@]}")")" "$kcpu_s" "" "" info
row "" "  peak RSS of stackd (VmHWM)" "$(mib "$(median "${a_hwm[@]}")")" "" "" "" info
row "" "  entries verified" "$n_sp SP, $n_sa SA" "$kcount" "" "" "$verified"
row P2 "lookup of $k flows, $k policies" "ipsec6 lookup -f" "kernel sendto()"
row "" "  flows per second" "$(per_s "$lrate")" "$srate_s" "$r2" "$t2" "$v2"
row "" "  CPU: ipsec6 + stackd" "$(secs "$(median "${l_cpu[@]}")")" "" "" "" info
[ -n "$k_skip" ] && echo "P1/P2: the kernel side was skipped: $k_skip"
[ -n "$states_note" ] && echo "P1: $states_note."
echo "P1: ipsec6 parses, checks and applies policies and SAs; ip -batch installs only the policies."
echo "P2: ipsec6 includes its start, the flow file and one request; the kernel figure is sendto()"
echo "    with route and xfrm policy lookup, each dropped for want of an SA."
exit $status
