# bench/lib.sh - helpers shared by bench/run and the row scripts in
# bench/rows.d/ (sourced, not run).

# kv FILE KEY: the value of a key=value line
kv() { sed -n "s/^$2=//p" "$1" | head -n 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
calc() { awk "BEGIN { print $* }"; }
secs() { printf '%.3f s' "$1"; }
msecs() { awk -v s="$1" 'BEGIN { printf "%.2f ms", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if le "$1" "$2"; then echo PASS; else echo FAIL; fi; }   # VALUE LIMIT

# One line of the table: # measurement netcfg reference ratio target result
row() { printf '%-2s %-34s %-19s %-19s %-7s %-9s %s\n' "$@"; }
line() { printf '%.0s-' $(seq 104); echo; }

# The namespace recipe of linux-reference.md 7.3 for the linux rows, in $NS:
# lo up, veth v0/v1 up, 2001:db8:ffff::1/64 on v0 (the routes go via ::2).
# ns_drop flushes the routes of protocol $PROTO before the namespace goes:
# the kernel frees a deleted namespace in the background, and 100k routes
# freed behind the next run would slow it down.  ns_fresh drops the old one.
ns_drop() {
	[ -n "${PROTO:-}" ] && ip -n "$NS" -6 route flush proto "$PROTO" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
}
ns_fresh() {
	ns_drop
	ip netns add "$NS" &&
	ip -n "$NS" link set lo up &&
	ip -n "$NS" link add v0 type veth peer name v1 &&
	ip -n "$NS" link set v0 up && ip -n "$NS" link set v1 up &&
	ip -n "$NS" -6 addr add 2001:db8:ffff::1/64 dev v0 nodad
}

# row_tmp NAME: the row's scratch directory in $tmp: BENCH_TMP when
# bench/run gives one, else one of its own (/tmp/netcfg-bench-NAME.*, in
# $own_tmp too), which row_tmp_done removes.
row_tmp() {
	own_tmp=
	tmp=${BENCH_TMP:-}
	if [ -z "$tmp" ]; then
		tmp=$(mktemp -d "/tmp/netcfg-bench-$1.XXXXXX") || exit 1
		own_tmp=$tmp
	fi
}
row_tmp_done() {
	if [ -n "$own_tmp" ]; then rm -rf "$own_tmp"; fi
}
