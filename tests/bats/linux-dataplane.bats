#!/usr/bin/env bats
# linux-dataplane.bats - stackd --dataplane=linux: the stack realized in
# the kernel of a network namespace, driven with ipv6, netsh and ipsec6
# and checked with iproute2; and the reverse, what `ip` changes showing up
# in our shows.  Two namespaces joined by a veth pair, each with a daemon
# of its own (--netns): NS1 holds va, NS2 holds vb.  gai.conf goes to a
# file of the suite.  Needs root and ip netns; skips (saying why) only
# where the kernel lacks a feature.
# valgrind: yes

load helpers

PROTO=110

setup_file() {
	netns_pair dp || return 0
	export GAI=$BATS_FILE_TMPDIR/gai.conf
	printf '# the administrator'"'"'s line\nprecedence ::ffff:0:0/96 100\n' > "$GAI"
	printf 'gai-conf %s\n' "$GAI" > "$BATS_FILE_TMPDIR/a.conf"
	printf 'gai-conf %s\n' "$BATS_FILE_TMPDIR/gai-b.conf" > "$BATS_FILE_TMPDIR/b.conf"
	start_stackd --dataplane=linux --netns "$NS1" --config "$BATS_FILE_TMPDIR/a.conf"
	export DA=$STACKD_DIR
	start_stackd --dataplane=linux --netns "$NS2" --config "$BATS_FILE_TMPDIR/b.conf"
	export DB=$STACKD_DIR
	export VA=$(ip -n "$NS1" -j link show va | jq -r '.[0].ifindex')
	export VB=$(ip -n "$NS2" -j link show vb | jq -r '.[0].ifindex')
}

setup() {
	netns_skip
	# the daemon of NS1 unless a test says otherwise
	export STACKD_DIR=$DA NETCFG_SOCKET=$DA/stackd.sock NETCFG_STATE_DIR=$DA/state
}

teardown_file() {
	[ -e "$BATS_FILE_TMPDIR/skip" ] && return 0
	local rc=0
	STACKD_DIR=$DA finish_stackd || rc=1
	STACKD_DIR=$DB finish_stackd || rc=1
	# also after failures: nothing of the suite outlives it
	ip netns del "$NS1" 2>/dev/null
	ip netns del "$NS2" 2>/dev/null
	return $rc
}

# on DIR CMD...: run CMD against that daemon
on() {
	local dir=$1
	shift
	NETCFG_SOCKET=$dir/stackd.sock NETCFG_STATE_DIR=$dir/state "$@"
}

# eventually SECONDS CMD...: CMD succeeds within the time (valgrind: x5)
eventually() {
	local tenths=$(($1 * 10)) i
	shift
	[ -n "${NETCFG_VALGRIND:-}" ] && tenths=$((tenths * 5))
	for ((i = 0; i < tenths; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "not within the time: $*" >&2
	return 1
}

# the kernel's routes of ours, one "prefix via gateway metric M" line each
our_routes() {
	ip -n "$NS1" -j -6 route show proto "$PROTO" |
		jq -r '.[] | "\(.dst) \(.gateway // "-") \(.metric)"' | sort
}

has_route() { ipv6 rt | grep -qF -- "$1"; }
no_route() { ! ipv6 rt | grep -qF -- "$1"; }

@test "interfaces are the kernel's links: index, name, link-layer address, MTU, state" {
	local j
	j=$(ip -n "$NS1" -j link show va)
	run ipv6 -j if "$VA"
	[ "$status" -eq 0 ]
	[ "$(jq -r '.[0].name' <<<"$output")" = va ]
	[ "$(jq -r '.[0].kind' <<<"$output")" = ethernet ]
	[ "$(jq -r '.[0].lladdr' <<<"$output" | tr - :)" = "$(jq -r '.[0].address' <<<"$j")" ]
	[ "$(jq -r '.[0].mtu' <<<"$output")" = "$(jq -r '.[0].mtu' <<<"$j")" ]
	[ "$(jq -r '.[0].state' <<<"$output")" = connected ]
	[ "$(jq -r '.[0].hop_limit' <<<"$output")" = "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.hop_limit)" ]
	# interface 1 is the kernel's lo
	run ipv6 -j if 1
	[ "$(jq -r '.[0].name' <<<"$output")" = lo ]
	[ "$(jq -r '.[0].addresses[0].address' <<<"$output")" = ::1 ]
	# no sit0 here: the tunnel pseudo-interface is the daemon's alone
	run ipv6 if
	[[ "$output" == *$'Interface 2147483650 (site 0): Tunnel Pseudo-Interface\n  held by stackd only: the kernel has no link for it'* ]]
	[ "$(ipv6 -j if 2147483650 | jq -r '.[0].state')" = not-present ]
	# and what changes in the kernel shows: the link goes down
	ip -n "$NS1" link set va down
	[[ "$(ipv6 if "$VA")" == *$'\n  disconnected\n'* ]]
	# the index column widens for the daemon's big tunnel index
	netsh interface ipv6 show interface > "$BATS_TEST_TMPDIR/if.txt"
	grep -qxF "$(printf '%10s' "$VA")     0   1500  Disconnected  va" "$BATS_TEST_TMPDIR/if.txt"
	grep -qxF "2147483650     0   1280  Not Present   Tunnel Pseudo-Interface" "$BATS_TEST_TMPDIR/if.txt"
	ip -n "$NS1" link set va up
	eventually 3 bash -c "ipv6 -j if $VA | jq -e '.[0].state == \"connected\"'"
	run netcfg-rpc daemon.info
	[ "$(jq -r '.result.dataplane' <<<"$output")" = linux ]
	[ "$(jq -r '.result.linux.netns' <<<"$output")" = "$NS1" ]
	[ "$(jq -r '.result.linux.gai_conf' <<<"$output")" = "$GAI" ]
}

@test "set interface: MTU through netlink, forwarding, hop limit and RA acceptance through sysctl" {
	run netsh interface ipv6 set interface va mtu=1400 forwarding=enabled
	[ "$status" -eq 0 ]
	[ "$(ip -n "$NS1" -j link show va | jq -r '.[0].mtu')" = 1400 ]
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.forwarding)" = 1 ]
	run ipv6 ifc "$VA" hoplimit 33 -routerdiscovery
	[ "$status" -eq 0 ]
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.hop_limit)" = 33 ]
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.accept_ra)" = 0 ]
	run ipv6 if "$VA"
	[[ "$output" == *$'\n  ignores Router Advertisements\n'* ]]
	[[ "$output" == *$'\n  forwards packets\n'* ]]
	[[ "$output" == *$'\n  link MTU 1400 (true link MTU 65535)\n  current hop limit 33\n'* ]]
	# router discovery on a forwarding link takes accept_ra 2
	ipv6 ifc "$VA" routerdiscovery
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.accept_ra)" = 2 ]
	# what the model refuses never reaches the kernel
	run ipv6 ifc "$VA" mtu 70000
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifc: MTU 70000 is out of range for interface $VA: 1280 to 65535 (its true link MTU)" ]
	# a sysctl changed behind the daemon's back shows too
	ip netns exec "$NS1" sysctl -qw net.ipv6.conf.va.hop_limit=44
	[[ "$(ipv6 if "$VA")" == *"current hop limit 44"* ]]
	netsh interface ipv6 set interface va mtu=1500 forwarding=disabled store=active
	ipv6 ifc "$VA" hoplimit 64 routerdiscovery
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.accept_ra)" = 1 ]
}

# sc KEY...: the values of net.ipv6.KEY in NS1, one a line
sc() {
	local k
	for k; do
		ip netns exec "$NS1" sysctl -n "net.ipv6.$k"
	done
}

# every sysctl the global parameters touch, on every link of NS1
global_sysctls() {
	local f k
	for f in all default lo va vg; do
		for k in hop_limit use_tempaddr regen_max_retry temp_valid_lft temp_prefered_lft \
			 max_desync_factor regen_min_advance; do
			printf '%s.%s=%s\n' "$f" "$k" "$(sc "conf.$f.$k" 2>/dev/null)"
		done
	done
	printf 'frag=%s/%s max_size=%s\n' "$(sc ip6frag_high_thresh)" "$(sc ip6frag_low_thresh)" \
		"$(sc route.max_size)"
}

@test "global parameters are the namespace's IPv6 sysctls, through netsh and ipv6 gpu, both ways" {
	local lo_hop before
	# a link that follows the defaults; va's hop limit is set explicitly
	ip -n "$NS1" link add vg type veth peer name vh
	ip -n "$NS1" link set vg up
	eventually 1 bash -c "ipv6 if | grep -q ': vg$'"
	ipv6 ifc "$VA" hoplimit 64
	lo_hop=$(sc conf.lo.hop_limit)
	# at start the model holds the kernel's values
	[ "$(ipv6 -j gp | jq .default_hop_limit)" = "$(sc conf.default.hop_limit)" ]
	[ "$(ipv6 -j gp | jq .reassembly_limit)" = "$(sc ip6frag_high_thresh)" ]

	# netsh: the general parameters
	run netsh interface ipv6 set global defaultcurhoplimit=99 reassemblylimit=3000000 store=active
	[ "$status" -eq 0 ]
	[ "$(sc conf.all.hop_limit conf.default.hop_limit conf.vg.hop_limit conf.vh.hop_limit)" = $'99\n99\n99\n99' ]
	# set explicitly, and the loopback: they keep theirs
	[ "$(sc conf.va.hop_limit)" = 64 ]
	[ "$(sc conf.lo.hop_limit)" = "$lo_hop" ]
	[[ "$(ipv6 if "$VA")" == *$'\n  current hop limit 64\n'* ]]
	[[ "$(ipv6 if "$(ip -n "$NS1" -j link show vg | jq '.[0].ifindex')")" == *$'\n  current hop limit 99\n'* ]]
	# the obsolete low threshold makes room below the high one
	[ "$(sc ip6frag_high_thresh ip6frag_low_thresh)" = $'3000000\n3000000' ]
	# netsh: privacy, on every link still at the old default, and the
	# default a new link gets
	run netsh interface ipv6 set privacy state=enabled maxdadattempts=4 maxvalidlifetime=2d \
		maxpreferredlifetime=12h regeneratetime=3 maxrandomtime=300 store=active
	[ "$status" -eq 0 ]
	local f
	for f in all default va vg vh; do
		[ "$(sc conf.$f.use_tempaddr conf.$f.regen_max_retry conf.$f.temp_valid_lft conf.$f.temp_prefered_lft conf.$f.max_desync_factor)" = \
		  $'2\n4\n172800\n43200\n300' ]
	done
	[ "$(sc conf.lo.use_tempaddr)" = -1 ]
	if ip netns exec "$NS1" test -e /proc/sys/net/ipv6/conf/default/regen_min_advance; then
		[ "$(sc conf.default.regen_min_advance conf.va.regen_min_advance)" = $'3\n3' ]
	else
		[[ "$(ipv6 gp)" == *$'\nTempRegenerateTime = 3s (held by stackd only)\n'* ]]
	fi
	run netsh interface ipv6 show privacy
	[[ "$output" == *$'\nUse Temporary Addresses             : enabled\nDuplicate Address Detection Attempts: 4\nMaximum Valid Lifetime              : 2d\nMaximum Preferred Lifetime          : 12h\n'* ]]

	# ipv6 gpu: infinite is the kernel's INT_MAX
	run ipv6 gpu UseTemporaryAddresses no MaxTempDADAttempts 2 MaxTempValidLifetime infinite \
		DefaultCurHopLimit 64 ReassemblyLimit 4194304
	[ "$status" -eq 0 ]
	[ "$(sc conf.default.use_tempaddr conf.va.use_tempaddr conf.all.regen_max_retry conf.vg.temp_valid_lft)" = \
	  $'0\n0\n2\n2147483647' ]
	[ "$(sc conf.default.hop_limit conf.vg.hop_limit ip6frag_high_thresh)" = $'64\n64\n4194304' ]
	run ipv6 gp
	[[ "$output" == "DefaultCurHopLimit = 64
UseTemporaryAddresses = no
MaxTempDADAttempts = 2
MaxTempValidLifetime = infinite
MaxTempPreferredLifetime = 12h
"* ]]
	# a link that appears takes the kernel's defaults
	ip -n "$NS1" link add vi type veth peer name vj
	[ "$(sc conf.vi.regen_max_retry conf.vi.temp_valid_lft)" = $'2\n2147483647' ]
	ip -n "$NS1" link del vi

	# what others change in the kernel shows
	ip netns exec "$NS1" sysctl -qw net.ipv6.conf.default.hop_limit=42 \
		net.ipv6.conf.default.use_tempaddr=1 net.ipv6.conf.default.temp_prefered_lft=7200 \
		net.ipv6.conf.default.temp_valid_lft=3600 net.ipv6.ip6frag_high_thresh=5000000
	run ipv6 gp
	[[ "$output" == "DefaultCurHopLimit = 42
UseTemporaryAddresses = yes
MaxTempDADAttempts = 2
MaxTempValidLifetime = 1h
MaxTempPreferredLifetime = 2h
"* ]]
	[[ "$output" == *$'\nReassemblyLimit = 5000000\n'* ]]
	run netsh interface ipv6 show global
	[[ "$output" == *$'\nDefault Hop Limit                   : 42 hops\n'* ]]
	[[ "$output" == *$'\nReassembly Limit                    : 5000000 bytes' ]]
	[ "$(netsh -j interface ipv6 show privacy | jq -r .max_temp_preferred_lifetime)" = 7200 ]

	# what Linux has no place for stays in the daemon, and says so (the
	# neighbour table's limits are the initial namespace's alone)
	run ipv6 gp
	[[ "$output" == *$'\nTempRandomTime = 0s (held by stackd only)\nNeighborCacheLimit = 8 (held by stackd only)\nRouteCacheLimit = 32 (held by stackd only)\nBindingCacheLimit = 32 (held by stackd only)\n'* ]]
	[[ "$output" == *$'\nMobilitySecurity = on (held by stackd only)' ]]
	[ "$(ipv6 -j gp | jq -c '.daemon_held - ["temp_regenerate_time"]')" = \
	  '["neighbor_cache_limit","route_cache_limit","binding_cache_limit","mobility_security","temp_random_time"]' ]
	[[ "$(netsh interface ipv6 show global)" == *$'\nRoute Cache Limit                   : 32 entries (held by stackd only)\n'* ]]
	# a rule the kernel's values break (preferred longer than valid) holds
	# up the parameters it is about, not the others
	run ipv6 gpu MaxTempPreferredLifetime 2h
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: gpu: MaxTempPreferredLifetime 7200 is longer than MaxTempValidLifetime 3600" ]
	ipv6 gpu UseTemporaryAddresses no DefaultCurHopLimit 64
	[ "$(sc conf.default.use_tempaddr conf.default.hop_limit)" = $'0\n64' ]
	before=$(global_sysctls)
	ipv6 gpu RouteCacheLimit 5 NeighborCacheLimit 9
	[ "$(ipv6 -j gp | jq -c '[.route_cache_limit, .neighbor_cache_limit]')" = '[5,9]' ]
	[ "$(global_sysctls)" = "$before" ]

	# refused: nothing changes, in the kernel or the model
	local gp
	gp=$(ipv6 gp)
	run ipv6 gpu DefaultCurHopLimit 0
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: gpu: DefaultCurHopLimit 0 is out of range: 1 to 255" ]
	# the kernel refuses the last one: the hop limit of vg and vh and
	# use_tempaddr everywhere go back
	run ipv6 gpu UseTemporaryAddresses yes DefaultCurHopLimit 70 MaxTempDADAttempts 3000000000
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: gpu: MaxTempDADAttempts 3000000000: /proc/sys/net/ipv6/conf/all/regen_max_retry = 3000000000: the kernel refused the value" ]
	run netsh interface ipv6 set privacy state=counter store=active
	[ "$status" -eq 1 ]
	[ "$output" = "UseTemporaryAddresses counter: Linux has no temporary interface identifiers from a counter (the kernel draws random ones)" ]
	[ "$(global_sysctls)" = "$before" ]
	[ "$(ipv6 gp)" = "$gp" ]
	[ "$(grep -c 'rolling back in the kernel' "$STACKD_DIR/stackd.log")" = 0 ]

	# the kernel's defaults again for the tests that follow
	ip netns exec "$NS1" sysctl -qw net.ipv6.conf.all.hop_limit=64 net.ipv6.conf.default.hop_limit=64 \
		net.ipv6.conf.all.use_tempaddr=0 net.ipv6.conf.default.use_tempaddr=0 \
		net.ipv6.conf.all.temp_valid_lft=604800 net.ipv6.conf.default.temp_valid_lft=604800 \
		net.ipv6.conf.all.temp_prefered_lft=86400 net.ipv6.conf.default.temp_prefered_lft=86400 \
		net.ipv6.ip6frag_high_thresh=4194304 net.ipv6.ip6frag_low_thresh=3145728
	ipv6 gpu RouteCacheLimit 32 NeighborCacheLimit 8
	ip -n "$NS1" link del vg
}

@test "addresses: netsh and ipv6 add them to the kernel with their lifetimes, as ours" {
	run netsh interface ipv6 add address va 2001:db8:a::1
	[ "$status" -eq 0 ]
	local a
	a=$(ip -n "$NS1" -j -6 addr show dev va | jq -c '.[0].addr_info[] | select(.local == "2001:db8:a::1")')
	[ "$(jq -r .prefixlen <<<"$a")" = 128 ]
	[ "$(jq -r .valid_life_time <<<"$a")" = 4294967295 ]
	run ipv6 adu "$VA/2001:db8:b::2" life 600/300
	[ "$status" -eq 0 ]
	a=$(ip -n "$NS1" -j -6 addr show dev va | jq -c '.[0].addr_info[] | select(.local == "2001:db8:b::2")')
	[ "$(jq -r .valid_life_time <<<"$a")" -le 600 ]
	[ "$(jq -r .valid_life_time <<<"$a")" -ge 598 ]
	[ "$(jq -r .preferred_life_time <<<"$a")" -le 300 ]
	# the kernel marks them ours (IFA_PROTO, which iproute2 6.1 does not print)
	nltool -n "$NS1" addrs va | grep -q " 2001:db8:b::2/128 .* proto $PROTO ours"
	run ipv6 if "$VA"
	[[ "$output" =~ "address 2001:db8:b::2, "(600|599|598)s/(300|299|298)s ]]
	# a lifetime 0 removes it
	ipv6 adu "$VA/2001:db8:b::2" life 0
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:b::2
	# the kernel keeps the prefix route of an address with a lifetime
	# until it expires, and so does the model
	[[ "$(ip -n "$NS1" -6 route show 2001:db8:b::2)" == "2001:db8:b::2 dev va proto kernel metric 256 expires "* ]]
	has_route "2001:db8:b::2/128 -> $VA pref 256 (lifetime "
	ip -n "$NS1" -6 route del 2001:db8:b::2 dev va
	eventually 1 no_route "2001:db8:b::2/128"
	# Linux has no anycast addresses to configure: refused, nothing added
	run ipv6 adu "$VA/2001:db8:a::3" anycast
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: adu: anycast address 2001:db8:a::3: Linux has no anycast addresses to configure (the kernel joins them per socket)" ]
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:a::3
}

@test "routes: metric, expiry and RFC 4191 preference, with our protocol, as ip shows them" {
	netsh interface ipv6 add route 2001:db8:a::/64 va
	run netsh interface ipv6 add route 2001:db8:99::/48 va nexthop=2001:db8:a::fe metric=5
	[ "$status" -eq 0 ]
	run ipv6 rtu 2001:db8:98::/48 "$VA/2001:db8:a::fe" life 600
	[ "$status" -eq 0 ]
	run ip -n "$NS1" -6 route show 2001:db8:98::/48
	[[ "$output" =~ ^"2001:db8:98::/48 via 2001:db8:a::fe dev va proto $PROTO metric 1024 expires "(599|600)"sec pref medium" ]]
	netcfg-rpc route.add "{\"route\":{\"prefix\":\"2001:db8:97::/48\",\"ifindex\":$VA,\"nexthop\":\"2001:db8:a::fe\",\"preference\":300,\"router_pref\":\"high\"}}" >/dev/null
	[[ "$(ip -n "$NS1" -6 route show 2001:db8:97::/48)" == "2001:db8:97::/48 via 2001:db8:a::fe dev va proto $PROTO metric 300 pref high"* ]]
	[ "$(ipv6 -j rt | jq -r '.[] | select(.prefix == "2001:db8:97::/48") | .router_pref')" = high ]
	# the kernel has no metric 0: the route shows as it is, 1024
	run our_routes
	[ "$output" = "2001:db8:97::/48 2001:db8:a::fe 300
2001:db8:98::/48 2001:db8:a::fe 1024
2001:db8:99::/48 2001:db8:a::fe 5
2001:db8:a::/64 - 1024" ]
	has_route "2001:db8:99::/48 -> $VA/2001:db8:a::fe pref 5 (lifetime infinite)"
	# a new metric: delete and add in the kernel
	netsh interface ipv6 set route 2001:db8:99::/48 va nexthop=2001:db8:a::fe metric=7
	[ "$(ip -n "$NS1" -j -6 route show 2001:db8:99::/48 | jq -r '.[0].metric')" = 7 ]
	# publish is the daemon's own: the kernel route stays as it is
	netsh interface ipv6 set route 2001:db8:99::/48 va nexthop=2001:db8:a::fe publish=yes
	has_route "2001:db8:99::/48 -> $VA/2001:db8:a::fe pref 7 (lifetime infinite, publish, no aging)"
	[ "$(ip -n "$NS1" -j -6 route show 2001:db8:99::/48 | jq -r '.[0].metric')" = 7 ]
	netsh interface ipv6 delete route 2001:db8:99::/48 va nexthop=2001:db8:a::fe
	netcfg-rpc route.delete "{\"route\":{\"prefix\":\"2001:db8:97::/48\",\"ifindex\":$VA,\"nexthop\":\"2001:db8:a::fe\"}}" >/dev/null
	ipv6 rtu 2001:db8:98::/48 "$VA/2001:db8:a::fe" life 0
	[ "$(our_routes)" = "2001:db8:a::/64 - 1024" ]
	no_route 2001:db8:99::/48
}

@test "what ip changes shows in ipv6 rt and netsh show within a second" {
	ip -n "$NS1" -6 route add 2001:db8:77::/64 dev va metric 77
	eventually 1 has_route "2001:db8:77::/64 -> $VA pref 77"
	run netsh interface ipv6 show route
	[[ "$output" == *$'\t77\t2001:db8:77::/64\t'"$VA"$'\tva'* ]]
	ip -n "$NS1" -6 addr add 2001:db8:77::9/64 dev va nodad
	eventually 1 bash -c "ipv6 if $VA | grep -q 'preferred address 2001:db8:77::9, infinite/infinite'"
	run netsh interface ipv6 show address va
	[[ "$output" == *"2001:db8:77::9"* ]]
	ip -n "$NS1" -6 route del 2001:db8:77::/64 dev va metric 77
	eventually 1 no_route "2001:db8:77::/64 -> $VA pref 77"
	ip -n "$NS1" -6 addr del 2001:db8:77::9/64 dev va
	eventually 1 bash -c "! ipv6 if $VA | grep -q 2001:db8:77::9"
	# a link that comes is an interface at once, and goes again
	ip -n "$NS1" link add vc type veth peer name vd
	eventually 1 bash -c "ipv6 if | grep -q ': vc$'"
	ip -n "$NS1" link del vc
	eventually 1 bash -c "! ipv6 if | grep -q ': vc$'"
}

@test "a script is one transaction: the kernel's refusal rolls back the model and the kernel" {
	cat > "$BATS_TEST_TMPDIR/bad.netsh" <<-EOF
	interface ipv6 add address va 2001:db8:c::1
	interface ipv6 add route 2001:db8:c1::/64 va nexthop=2001:db8:a::fe
	interface ipv6 add route 2001:db8:c2::/64 va nexthop=2001:db8:ff::fe
	EOF
	run netsh -f "$BATS_TEST_TMPDIR/bad.netsh"
	[ "$status" -ne 0 ]
	[[ "$output" == *"the kernel refused route 1 (add 2001:db8:c2::/64 via 2001:db8:ff::fe dev $VA metric 1024): "*"; no route was changed"* ]]
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:c::1
	[ -z "$(ip -n "$NS1" -6 route show 2001:db8:c1::/64)" ]
	no_route 2001:db8:c1::/64
	! ipv6 if "$VA" | grep -q 2001:db8:c::1
	# 1000 routes: every one is in the kernel when netsh returns
	seq 0 999 | awk '{ printf "interface ipv6 add route 2001:db8:e:%x::/64 va nexthop=2001:db8:a::fe store=active\n", $1 }' \
		> "$BATS_TEST_TMPDIR/k.netsh"
	run netsh -f "$BATS_TEST_TMPDIR/k.netsh"
	[ "$status" -eq 0 ]
	[ "$(ip -n "$NS1" -6 route show proto "$PROTO" | grep -c '^2001:db8:e:')" = 1000 ]
	[ "$(ipv6 rt | grep -c '^2001:db8:e:')" = 1000 ]
	[ "$(netcfg-rpc daemon.info | jq -r .result.linux.route_batches)" -ge 1 ]
	seq 0 999 | awk '{ printf "interface ipv6 delete route 2001:db8:e:%x::/64 va nexthop=2001:db8:a::fe store=active\n", $1 }' \
		> "$BATS_TEST_TMPDIR/k.netsh"
	netsh -f "$BATS_TEST_TMPDIR/k.netsh"
	[ "$(ip -n "$NS1" -6 route show proto "$PROTO" | grep -c '^2001:db8:e:')" = 0 ]
}

@test "two namespaces configured through netsh ping each other" {
	on "$DB" netsh interface ipv6 add address vb 2001:db8:a::2
	on "$DB" netsh interface ipv6 add route 2001:db8:a::/64 vb
	# duplicate address detection takes the kernel a second
	eventually 5 bash -c "ip -n $NS2 -6 addr show dev vb | grep 2001:db8:a::2 | grep -vq tentative"
	eventually 5 bash -c "ip -n $NS1 -6 addr show dev va | grep 2001:db8:a::1 | grep -vq tentative"
	run ip netns exec "$NS1" ping -6 -c 2 -i 0.2 -W 2 2001:db8:a::2
	[ "$status" -eq 0 ]
	run ip netns exec "$NS2" ping -6 -c 1 -W 2 2001:db8:a::1
	[ "$status" -eq 0 ]
	# the kernel's neighbour entries, with their real states
	run ipv6 nc "$VA"
	[[ "$output" =~ "$VA:"" "+"2001:db8:a::2 "[0-9a-f-]{17}" "(reachable|stale|delay|probe) ]]
	run ipv6 rq 2001:db8:a::2
	[ "${lines[0]}" = "2001:db8:a::2 via $VA/2001:db8:a::2 (on-link)" ]
	[ "${lines[1]}" = "  route 2001:db8:a::/64 -> $VA pref 1024: the kernel's route lookup (1 matching)" ]
	[[ "${lines[2]}" == "  src $VA/2001:db8:a::1: the kernel's source address selection"* ]]
	run ipv6 rc
	[[ "$output" == *"2001:db8:a::2 via $VA/2001:db8:a::2"* ]]
}

@test "neighbours: static entries are ours; a flush keeps others' static entries" {
	run netsh interface ipv6 add neighbor va 2001:db8:a::fe 02-00-00-00-00-fe
	[ "$status" -eq 0 ]
	run ip -n "$NS1" -6 neigh show 2001:db8:a::fe
	[[ "$output" == "2001:db8:a::fe dev va lladdr 02:00:00:00:00:fe PERMANENT"* ]]
	[[ "$output" == *"proto $PROTO"* ]]
	run ipv6 nc "$VA"
	[[ "$output" == *"2001:db8:a::fe 02-00-00-00-00-fe permanent"* ]]
	ip -n "$NS1" -6 neigh add 2001:db8:a::fd lladdr 02:00:00:00:00:fd dev va nud permanent
	run netsh interface ipv6 add neighbor va 2001:db8:a::fd 02-00-00-00-00-01
	[ "$status" -eq 1 ]
	[ "$output" = "neighbor 2001:db8:a::fd on interface $VA (va) has a static entry netcfg did not make; netcfg leaves it alone" ]
	ipv6 ncf "$VA"
	! ip -n "$NS1" -6 neigh show | grep -q 2001:db8:a::fe
	ip -n "$NS1" -6 neigh show | grep -q "2001:db8:a::fd.*PERMANENT"
	ip -n "$NS1" -6 neigh del 2001:db8:a::fd dev va
}

@test "prefix policies: kernel address labels and a block of our own in gai.conf" {
	run netsh interface ipv6 add prefixpolicy 2001:db8:77::/48 45 99
	[ "$status" -eq 0 ]
	ip -n "$NS1" addrlabel | grep -qx 'prefix 2001:db8:77::/48 label 99 '
	grep -qx 'precedence 2001:db8:77::/48 45' "$GAI"
	grep -qx 'label 2001:db8:77::/48 99' "$GAI"
	grep -qx 'precedence ::1/128 50' "$GAI"
	# the rest of the file is the administrator's and stays
	[ "$(head -n 2 "$GAI")" = $'# the administrator\'s line\nprecedence ::ffff:0:0/96 100' ]
	netsh interface ipv6 set prefixpolicy 2001:db8:77::/48 46 98
	ip -n "$NS1" addrlabel | grep -qx 'prefix 2001:db8:77::/48 label 98 '
	grep -qx 'precedence 2001:db8:77::/48 46' "$GAI"
	# Linux has one label per prefix
	run ipv6 ppu 2001:db8:78::/48 precedence 1 srclabel 4 dstlabel 5
	[ "$status" -eq 1 ]
	[[ "$output" == *"prefix policy 2001:db8:78::/48: Linux has one label per prefix (the kernel's address label and gai.conf's), not source label 4 and destination label 5" ]]
	! ip -n "$NS1" addrlabel | grep -q 2001:db8:78
	netsh interface ipv6 delete prefixpolicy 2001:db8:77::/48
	! ip -n "$NS1" addrlabel | grep -q 2001:db8:77
	! grep -q 2001:db8:77 "$GAI"
}

@test "the SPD as xfrm policies; an SA the kernel cannot hold leaves nothing behind" {
	cd "$BATS_TEST_TMPDIR"
	ipsec6 c test >/dev/null
	sed -i "/^1 /i 2 - 2001:DB8:A::2 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;" test.spd
	cp test.sad empty.sad
	run ipsec6 a test
	[ "$status" -eq 0 ]
	run ip -n "$NS1" xfrm policy
	[[ "$output" == *$'src ::/0 dst 2001:db8:a::2/128 \n\tdir out priority 2147483646 ptype main \n\ttmpl src :: dst ::\n\t\tproto ah reqid 0 mode transport'* ]]
	[[ "$output" == *$'src 2001:db8:a::2/128 dst ::/0 \n\tdir in priority 2147483646 ptype main '* ]]
	ipsec6 d sp 2 >/dev/null
	[ -z "$(ip -n "$NS1" xfrm policy)" ]
	ipsec_insert_sas test.sad \
		"2 3001 2001:DB8:A::2 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 2 ;"
	printf '"This is a test"' > Test.key
	chmod 600 Test.key
	run ipsec6 a test
	if [ "$(netcfg-rpc daemon.info | jq -r .result.linux.xfrm.ah)" = true ]; then
		# HMAC-MD5 is the 96-bit truncation
		[ "$status" -eq 0 ]
		ip -n "$NS1" xfrm state | grep -q "auth-trunc hmac(md5) 0x5468697320697320612074657374 96"
		ipsec6 d sa all >/dev/null && ipsec6 d sp all >/dev/null
		skip "the kernel holds AH states: nothing to refuse here"
	fi
	[ "$status" -ne 0 ]
	[[ "$output" == *"AH SA spi 0xbb9 to 2001:db8:a::2: the kernel has no IPv6 AH state type (CONFIG_INET6_AH, module ah6): Requested type not found; nothing was installed" ]]
	[ -z "$(ip -n "$NS1" xfrm policy)" ]
	[ -z "$(ip -n "$NS1" xfrm state)" ]
	[ "$(ipsec6 -j sp | jq -c '[.[].index]')" = "[1]" ]
}

@test "reset takes out what netcfg installed and nothing of others'; net6 stop and start" {
	netsh interface ipv6 add route 2001:db8:5::/64 va nexthop=2001:db8:a::fe
	netsh interface ipv6 add prefixpolicy 2001:db8:55::/48 45 55
	ip -n "$NS1" -6 route add 2001:db8:6::/64 via 2001:db8:a::fe dev va
	ip -n "$NS1" -6 addr add 2001:db8:6::6/128 dev va nodad
	run net6 stop tcpip6
	[ "$status" -eq 0 ]
	[ -z "$(our_routes)" ]
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:a::1
	! ip -n "$NS1" addrlabel | grep -q 2001:db8:55
	! grep -q 2001:db8 "$GAI"
	# others' objects are left alone
	ip -n "$NS1" -6 route show 2001:db8:6::/64 | grep -q 'via 2001:db8:a::fe'
	ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:6::6
	# start: the persistent configuration again
	run net6 start tcpip6
	[ "$status" -eq 0 ]
	ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:a::1
	[ "$(our_routes)" = $'2001:db8:5::/64 2001:db8:a::fe 1024\n2001:db8:a::/64 - 1024' ]
	ip -n "$NS1" addrlabel | grep -qx 'prefix 2001:db8:55::/48 label 55 '
	run netsh interface ipv6 reset
	[ "$status" -eq 0 ]
	[ -z "$(our_routes)" ]
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:a::1
	ip -n "$NS1" -6 route show 2001:db8:6::/64 | grep -q 'via 2001:db8:a::fe'
	has_route "2001:db8:6::/64 -> $VA/2001:db8:a::fe pref 1024"
	ip -n "$NS1" -6 route del 2001:db8:6::/64 via 2001:db8:a::fe dev va
	ip -n "$NS1" -6 addr del 2001:db8:6::6/128 dev va
}

@test "a restart neither duplicates nor loses anything" {
	netsh interface ipv6 add address va 2001:db8:a::1
	netsh interface ipv6 add route 2001:db8:a::/64 va
	netsh interface ipv6 add route 2001:db8:8::/64 va nexthop=2001:db8:a::fe store=active
	ip -n "$NS1" -6 route add 2001:db8:9::/64 via 2001:db8:a::fe dev va metric 9
	eventually 1 has_route "2001:db8:9::/64"
	local kernel_before ours_before
	kernel_before=$(ip -n "$NS1" -6 route show | sort)
	ours_before=$(ipv6 rt | sort)
	restart_stackd
	[ "$(ip -n "$NS1" -6 route show | sort)" = "$kernel_before" ]
	[ "$(ipv6 rt | sort)" = "$ours_before" ]
	[ "$(ip -n "$NS1" -6 addr show dev va | grep -c 2001:db8:a::1)" = 1 ]
	# the persistent store is applied over the kernel's state: no change
	grep -Eq "persistent store: [0-9]+ entries applied, 0 skipped" "$STACKD_DIR/stackd.log"
	ip -n "$NS1" -6 route del 2001:db8:9::/64 via 2001:db8:a::fe dev va metric 9
	ipv6 rtu 2001:db8:8::/64 "$VA/2001:db8:a::fe" life 0
}

@test "a link that comes back gets its persistent configuration again" {
	ip -n "$NS1" link add vx type veth peer name vy
	ip -n "$NS1" link set vx up
	eventually 1 bash -c "ipv6 if | grep -q ': vx$'"
	netsh interface ipv6 add address vx 2001:db8:f::1
	netsh interface ipv6 add route 2001:db8:f::/64 vx
	ip -n "$NS1" link del vx
	eventually 1 bash -c "! ipv6 if | grep -q ': vx$'"
	ip -n "$NS1" link add vx type veth peer name vy
	ip -n "$NS1" link set vx up
	eventually 2 bash -c "ip -n $NS1 -6 addr show dev vx | grep -q 2001:db8:f::1"
	eventually 2 bash -c "ip -n $NS1 -6 route show proto $PROTO dev vx | grep -q '^2001:db8:f::/64'"
	netsh interface ipv6 delete address vx 2001:db8:f::1
	netsh interface ipv6 delete route 2001:db8:f::/64 vx
	ip -n "$NS1" link del vx
}

@test "what Linux cannot express is refused or kept by the daemon, and said so" {
	# the daemon-held tunnel pseudo-interface keeps its routes itself
	run ipv6 rtu 2002::/16 2147483650
	[ "$status" -eq 0 ]
	has_route "2002::/16 -> 2147483650 pref 0 (lifetime infinite)"
	! ip -n "$NS1" -6 route show | grep -q '^2002::/16'
	ipv6 rtu 2002::/16 2147483650 life 0
	run ipv6 rq 2002::1 2147483650
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: interface 2147483650 (Tunnel Pseudo-Interface) is held by stackd only: the kernel routes nothing through it" ]
	run netsh interface ipv6 add v6v4tunnel t1 192.0.2.1 198.51.100.1
	[ "$status" -eq 1 ]
	[[ "$output" == *"the linux dataplane does not create tunnel interfaces: create the link with ip link add (type sit) and it becomes an interface of its own"* ]]
	run netsh interface ipv6 delete interface va
	[ "$status" -eq 1 ]
	[[ "$output" == *"interface $VA (va) is a kernel link: remove it with ip link del; stackd does not delete links"* ]]
	# others' routes are not changed, only deleted when asked to
	ip -n "$NS1" -6 route add 2001:db8:3::/64 dev va metric 33
	eventually 1 has_route "2001:db8:3::/64 -> $VA pref 33"
	run netsh interface ipv6 set route 2001:db8:3::/64 va metric=34
	[ "$status" -eq 1 ]
	[[ "$output" == *"route 2001:db8:3::/64 -> $VA was not installed by netcfg (route protocol 3), which changes only its own: delete it and add it again"* ]]
	netsh interface ipv6 delete route 2001:db8:3::/64 va
	[ -z "$(ip -n "$NS1" -6 route show 2001:db8:3::/64)" ]
}

@test "without CAP_NET_ADMIN the daemon says what it needs; a missing namespace is named" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	run setpriv --bounding-set=-net_admin --inh-caps=-net_admin -- \
		stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --state-dir "$BATS_TEST_TMPDIR/s" \
		--dataplane=linux
	[ "$status" -eq 1 ]
	[ "$output" = "stackd: the linux dataplane needs CAP_NET_ADMIN: run stackd as root or grant the capability (e.g. AmbientCapabilities=CAP_NET_ADMIN)" ]
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --state-dir "$BATS_TEST_TMPDIR/s" \
		--netns "nowhere-$$"
	[ "$status" -eq 2 ]
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --state-dir "$BATS_TEST_TMPDIR/s" \
		--dataplane=linux --netns "nowhere-$$"
	[ "$status" -eq 1 ]
	[ "$output" = "stackd: network namespace \"nowhere-$$\" does not exist (no /var/run/netns/nowhere-$$)" ]
	# refused before anything is set up: no socket, no state directory
	[ ! -e "$BATS_TEST_TMPDIR/x.sock" ]
	[ ! -e "$BATS_TEST_TMPDIR/s" ]
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --dataplane=linux --netns ../x
	[ "$status" -eq 2 ]
	[ "$output" = 'stackd: --netns: "../x" is not a network namespace name' ]
	printf 'netns %s\n' "$NS1" > "$BATS_TEST_TMPDIR/n.conf"
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --config "$BATS_TEST_TMPDIR/n.conf"
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: $BATS_TEST_TMPDIR/n.conf: netns needs the linux dataplane (dataplane linux)" ]
}
