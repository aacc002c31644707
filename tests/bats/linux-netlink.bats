#!/usr/bin/env bats
# linux-netlink.bats - the kernel layer of the linux dataplane
# (cmds/stackd/linux/) driven through tests/tools/nltool in network
# namespaces of its own, checked with iproute2 -- and the reverse: what
# `ip` changes shows up in the layer's dumps and notifications.
#
# NS1 holds va (2001:db8:a::1/64, set up with ip), whose veth peer vb lives
# in NS2.  Needs root and ip netns; skips (saying why) only where the
# kernel lacks a feature.

load helpers

GW=2001:db8:a::fe
PROTO=$(nltool proto)      # LNX_PROTO: what marks our routes, addresses, neighbours

setup_file() {
	netns_pair nltest || return 0
	ip -n "$NS1" -6 addr add 2001:db8:a::1/64 dev va nodad
}

setup() {
	netns_skip
}

teardown_file() {
	# also after failures: nothing of the suite outlives it
	if [ -e "$BATS_FILE_TMPDIR/skip" ]; then
		return 0
	fi
	ip netns del "$NS1" 2>/dev/null || true
	ip netns del "$NS2" 2>/dev/null || true
	rm -rf "/etc/netns/$NS2"
	if [ -e "$BATS_FILE_TMPDIR/made-etc-netns" ]; then
		rmdir /etc/netns 2>/dev/null || true
	fi
}

teardown() {
	if [ -n "${WATCH_PID:-}" ]; then
		kill "$WATCH_PID" 2>/dev/null || true
		wait "$WATCH_PID" 2>/dev/null || true
	fi
}

nl() { nltool -n "$NS1" "$@"; }

ifindex() { ip -n "$1" -j link show "$2" | jq -r '.[0].ifindex'; }

# Watch notifications in NS1 (extra nltool options first) into $WATCH_OUT.
start_watch() {
	WATCH_OUT=$BATS_TEST_TMPDIR/watch.out
	nltool -n "$NS1" "$@" watch seconds 20 > "$WATCH_OUT" 2>&1 3>&- &
	WATCH_PID=$!
	wait_for '^ready$'
}

# wait_for ERE [tenths]: a line of the watch output matches within a
# second (or the given tenths of a second).
wait_for() {
	local i
	for ((i = 0; i < ${2:-10} * 2; i++)); do
		grep -Eq -- "$1" "$WATCH_OUT" && return 0
		sleep 0.05
	done
	echo "not seen in time: $1" >&2
	cat "$WATCH_OUT" >&2
	return 1
}

@test "open: enters the named namespace, and names one that does not exist" {
	run nl open
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
	run nltool -n nltest-missing-$$ open
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: open: ENOENT: network namespace \"nltest-missing-$$\" does not exist (no /var/run/netns/nltest-missing-$$)" ]
}

@test "open: without CAP_NET_ADMIN the layer says what it needs" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	run setpriv --bounding-set=-net_admin --inh-caps=-net_admin -- nltool open
	[ "$status" -eq 1 ]
	[[ "$output" == "nltool: open: EPERM: the linux dataplane needs CAP_NET_ADMIN: run stackd as root or grant the capability"* ]]
}

@test "links: the kernel's index, name, link-layer address, MTU and state" {
	local j idx
	j=$(ip -n "$NS1" -j link show va)
	idx=$(jq -r '.[0].ifindex' <<<"$j")
	run nl link va
	[ "$status" -eq 0 ]
	[[ "$output" == "$idx va kind veth type 1 lladdr $(jq -r '.[0].address' <<<"$j") mtu $(jq -r '.[0].mtu' <<<"$j") up oper $(jq -r '.[0].operstate' <<<"$j") ipv6.forwarding 0 "* ]]
	run nl links
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq "$(ip -n "$NS1" -o link show | wc -l)" ]
	[[ "$output" == *$'\n'"$idx va kind veth "* ]]
	[[ "${lines[0]}" == "1 lo kind none type 772 lladdr 00:00:00:00:00:00 mtu 65536 up oper UNKNOWN "* ]]
}

@test "links: MTU through netlink, IPv6 settings through sysctl, read back from IFLA_INET6_CONF" {
	nl mtu va 1400
	[ "$(ip -n "$NS1" -j link show va | jq -r '.[0].mtu')" = 1400 ]
	nl sysctl va hop_limit 33
	nl sysctl va forwarding 1
	nl sysctl va accept_ra 0
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.hop_limit)" = 33 ]
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.forwarding)" = 1 ]
	run nl sysctl va hop_limit
	[ "$output" = 33 ]
	run nl link va
	[[ "$output" == *" mtu 1400 up oper UP ipv6.forwarding 1 ipv6.accept_ra 0 ipv6.hop_limit 33 ipv6.mtu 1400 ipv6.disable_ipv6 0" ]]
	# the kernel refuses an IPv6 MTU under 1280; the message names the setting
	run nl sysctl va mtu 1000
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: sysctl: EKERNEL: /proc/sys/net/ipv6/conf/va/mtu = 1000: the kernel refused the value" ]
	[ "$(ip netns exec "$NS1" sysctl -n net.ipv6.conf.va.mtu)" = 1400 ]
	run nl mtu va 70000
	[ "$status" -eq 1 ]
	[[ "$output" == "nltool: mtu: EKERNEL: MTU 70000 of interface "*": "*"(Invalid argument)" ]]
	nl mtu va 1500
	nl sysctl va forwarding 0
	nl sysctl va accept_ra 1
	nl sysctl va hop_limit 64
}

@test "addresses: lifetimes, replace, delete; ours and others' told apart" {
	nl addr add va 2001:db8:b::1/64 valid 3600 preferred 1800 nodad
	local a
	a=$(ip -n "$NS1" -j -6 addr show dev va | jq -c '.[0].addr_info[] | select(.local == "2001:db8:b::1")')
	[ "$(jq -r .prefixlen <<<"$a")" = 64 ]
	[ "$(jq -r .valid_life_time <<<"$a")" -ge 3598 ]
	[ "$(jq -r .valid_life_time <<<"$a")" -le 3600 ]
	[ "$(jq -r .preferred_life_time <<<"$a")" -ge 1798 ]
	[ "$(jq -r .preferred_life_time <<<"$a")" -le 1800 ]
	ip -n "$NS1" -6 addr add 2001:db8:b::2/64 dev va nodad
	run nl addrs va
	[[ "$output" == *" 2001:db8:b::1/64 scope 0 valid 3"*" preferred 1"*" proto $PROTO ours"* ]]
	[[ "$output" == *" 2001:db8:b::2/64 scope 0 valid 4294967295 preferred 4294967295 "*" proto 0 theirs"* ]]
	# replace: new lifetimes on the same address
	nl addr replace va 2001:db8:b::1/64 valid 600 preferred 300 nodad
	a=$(ip -n "$NS1" -j -6 addr show dev va | jq -c '.[0].addr_info[] | select(.local == "2001:db8:b::1")')
	[ "$(jq -r .valid_life_time <<<"$a")" -le 600 ]
	[ "$(jq -r .preferred_life_time <<<"$a")" -le 300 ]
	# bad input changes nothing
	run nl addr add va 2001:db8:b::1/64 nodad
	[ "$status" -eq 1 ]
	[[ "$output" == "nltool: addr: EEXIST: address 2001:db8:b::1/64 on interface $(ifindex "$NS1" va): "*"(File exists)" ]]
	run nl addr add va 2001:db8:b::3/64 valid 100 preferred 200
	[ "$status" -eq 1 ]
	[[ "$output" == *"EINVAL: address 2001:db8:b::3/64 on interface "*": preferred lifetime 200 is longer than valid lifetime 100" ]]
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:b::3
	nl addr del va 2001:db8:b::1/64
	# a plain delete leaves others' addresses alone
	run nl addr del va 2001:db8:b::2/64
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: addr: ENOENT: address 2001:db8:b::2/64 on interface $(ifindex "$NS1" va): no address of ours (this one has protocol 0)" ]
	nl addr del-any va 2001:db8:b::2/64
	! ip -n "$NS1" -6 addr show dev va | grep -q 2001:db8:b::
}

@test "routes: metric, RFC 4191 preference, expiry and our protocol, as ip shows them" {
	nl route add 2001:db8:99::/48 via "$GW" dev va metric 256 pref high expires 600
	run ip -n "$NS1" -6 route show 2001:db8:99::/48
	[[ "$output" =~ ^"2001:db8:99::/48 via $GW dev va proto $PROTO metric 256 expires "(599|600)"sec pref high" ]]
	nl route add 2001:db8:98::/64 dev va pref low
	run ip -n "$NS1" -6 route show 2001:db8:98::/64
	[[ "$output" =~ ^"2001:db8:98::/64 dev va proto $PROTO metric 1024 pref low"" "?$ ]]
	# replace: same prefix and metric, new attributes
	nl route replace 2001:db8:98::/64 via "$GW" dev va metric 1024
	run ip -n "$NS1" -6 route show 2001:db8:98::/64
	[[ "$output" =~ ^"2001:db8:98::/64 via $GW dev va proto $PROTO metric 1024 pref medium"" "?$ ]]
	run nl routes ours
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[*]}" == *"2001:db8:99::/48 via $GW dev $(ifindex "$NS1" va) metric 256 pref high expires "*" proto $PROTO table 254 type 1 ours"* ]]
	run nl route add 2001:db8:99::/48 via "$GW" dev va metric 256
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: route: EEXIST: route 2001:db8:99::/48 via $GW dev $(ifindex "$NS1" va) metric 256: File exists" ]
	# the kernel's own explanation (extended ACK) is in the message
	run nl route add 2001:db8:97::/64 via fe80::1
	[ "$status" -eq 1 ]
	[[ "$output" =~ ^"nltool: route: EKERNEL: route 2001:db8:97::/64 via fe80::1: "[A-Z].*" (Invalid argument)"$ ]]
	nl route del 2001:db8:99::/48 via "$GW" dev va metric 256
	nl route del 2001:db8:98::/64
	[ -z "$(ip -n "$NS1" -6 route show proto $PROTO)" ]
}

@test "routes: ip's routes show up in our dumps, and our delete leaves them alone" {
	ip -n "$NS1" -6 route add 2001:db8:96::/64 via "$GW" dev va metric 77
	run nl routes
	[[ "$output" == *"2001:db8:96::/64 via $GW dev $(ifindex "$NS1" va) metric 77 pref medium proto 3 table 254 type 1 theirs"* ]]
	run nl route del 2001:db8:96::/64
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: route: ENOENT: route 2001:db8:96::/64: not found" ]
	ip -n "$NS1" -6 route show 2001:db8:96::/64 | grep -q "metric 77"
	nl route del-any 2001:db8:96::/64
	[ -z "$(ip -n "$NS1" -6 route show 2001:db8:96::/64)" ]
	# a multipath route comes once per next hop
	ip -n "$NS1" -6 route add 2001:db8:94::/64 nexthop via "$GW" dev va nexthop via 2001:db8:a::fd dev va
	run nl routes
	[[ "$output" == *"2001:db8:94::/64 via $GW dev $(ifindex "$NS1" va) metric 1024 pref medium proto 3 "* ]]
	[[ "$output" == *"2001:db8:94::/64 via 2001:db8:a::fd dev $(ifindex "$NS1" va) metric 1024 pref medium proto 3 "* ]]
	ip -n "$NS1" -6 route del 2001:db8:94::/64
}

@test "route batch: 5000 routes in a few sendmsg() calls, all kernel-visible on return" {
	local f=$BATS_TEST_TMPDIR/add.batch i
	for ((i = 0; i < 5000; i++)); do
		printf 'add 2001:db8:5:%x::/64 via %s dev va metric 1024\n' "$i" "$GW"
	done > "$f"
	run nl batch "$f"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"changes 5000 applied 5000 failed 0 sendmsgs "[1-4]" rolled_back no"$ ]]
	[ "$(ip -n "$NS1" -6 route show root 2001:db8:5::/48 proto $PROTO | wc -l)" -eq 5000 ]
	sed -i 's/^add/del/' "$f"
	run nl batch "$f"
	[ "$status" -eq 0 ]
	[[ "$output" == "changes 5000 applied 5000 failed 0 "* ]]
	[ -z "$(ip -n "$NS1" -6 route show root 2001:db8:5::/48)" ]
}

@test "route batch: failures come back with their index, the others are applied" {
	local f=$BATS_TEST_TMPDIR/mixed.batch idx
	idx=$(ifindex "$NS1" va)
	ip -n "$NS1" -6 route add 2001:db8:6:1::/64 via "$GW" dev va metric 1024
	cat > "$f" <<-EOF
	add 2001:db8:6::/64 via $GW dev va metric 1024
	add 2001:db8:6:1::/64 via $GW dev va metric 1024
	add 2001:db8:6:2::/64 dev va
	add 2001:db8:6:3::/64 via fe80::1
	EOF
	run nl batch "$f"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "changes 4 applied 2 failed 2 sendmsgs 1 rolled_back no" ]
	[ "${lines[1]}" = "failure 1 EEXIST: route 1 (add 2001:db8:6:1::/64 via $GW dev $idx metric 1024): File exists" ]
	[[ "${lines[2]}" =~ ^"failure 3 EKERNEL: route 3 (add 2001:db8:6:3::/64 via fe80::1): "[A-Z].*" (Invalid argument)"$ ]]
	[ "${lines[3]}" = "nltool: batch: EEXIST: route 1 (add 2001:db8:6:1::/64 via $GW dev $idx metric 1024): File exists (and 1 more failed)" ]
	[ "$(ip -n "$NS1" -6 route show root 2001:db8:6::/48 proto $PROTO | wc -l)" -eq 2 ]
	nl route del 2001:db8:6::/64
	nl route del 2001:db8:6:2::/64
}

@test "route batch with rollback: a failure leaves the table as it was" {
	local f=$BATS_TEST_TMPDIR/rollback.batch
	nl route add 2001:db8:7:9::/64 via "$GW" dev va
	ip -n "$NS1" -6 route add 2001:db8:7:1::/64 via "$GW" dev va metric 1024
	cat > "$f" <<-EOF
	add 2001:db8:7::/64 via $GW dev va metric 1024
	del 2001:db8:7:9::/64 via $GW dev va
	add 2001:db8:7:1::/64 via $GW dev va metric 1024
	add 2001:db8:7:2::/64 dev va
	EOF
	local before
	before=$(ip -n "$NS1" -6 route show root 2001:db8:7::/48)
	run nl batch "$f" rollback
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "changes 4 applied 0 failed 1 sendmsgs 2 rolled_back yes" ]
	[ "$(ip -n "$NS1" -6 route show root 2001:db8:7::/48)" = "$before" ]
	# a replace cannot be undone: refused before anything is sent
	echo "replace 2001:db8:7:3::/64 dev va" >> "$f"
	run nl batch "$f" rollback
	[ "$status" -eq 1 ]
	[ "${lines[1]}" = "nltool: batch: EINVAL: route 4: a replace cannot be undone; nothing was sent" ]
	[ "$(ip -n "$NS1" -6 route show root 2001:db8:7::/48)" = "$before" ]
	nl route del 2001:db8:7:9::/64
	nl route del-any 2001:db8:7:1::/64
}

@test "lookup: the route, next hop, interface and source the kernel would use" {
	nl route add 2001:db8:95::/48 via "$GW" dev va metric 300 pref high
	run nl lookup 2001:db8:95::1
	[ "$status" -eq 0 ]
	local idx src
	idx=$(ifindex "$NS1" va)
	src=$(ip -n "$NS1" -6 -j route get 2001:db8:95::1 | jq -r '.[0].prefsrc')
	[ "${lines[0]}" = "route 2001:db8:95::/48 via $GW dev $idx metric 300 pref high proto $PROTO table 254 type 1 ours" ]
	[ "${lines[1]}" = "dev $idx gateway $GW src $src" ]
	run nl lookup 2001:db8:a::33
	[ "${lines[0]}" = "route 2001:db8:a::/64 dev $idx metric 256 pref medium proto 2 table 254 type 1 theirs" ]
	[ "${lines[1]}" = "dev $idx gateway none src $(ip -n "$NS1" -6 -j route get 2001:db8:a::33 | jq -r '.[0].prefsrc')" ]
	run nl lookup 2001:db8:dead::1
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: lookup: ENOENT: route lookup for 2001:db8:dead::1: no route (Network is unreachable)" ]
	nl route del 2001:db8:95::/48
}

@test "neighbours: static entries as ip shows them; others' are listed but not ours to delete" {
	local idx
	idx=$(ifindex "$NS1" va)
	nl neigh add va 2001:db8:a::5 lladdr 02:00:00:00:00:05
	run ip -n "$NS1" -6 neigh show 2001:db8:a::5
	[ "$output" = "2001:db8:a::5 dev va lladdr 02:00:00:00:00:05 PERMANENT proto $PROTO " ]
	ip -n "$NS1" -6 neigh add 2001:db8:a::6 lladdr 02:00:00:00:00:06 dev va
	run nl neighs va
	[[ "$output" == *"$idx 2001:db8:a::5 lladdr 02:00:00:00:00:05 state PERMANENT proto $PROTO ours"* ]]
	[[ "$output" == *"$idx 2001:db8:a::6 lladdr 02:00:00:00:00:06 state PERMANENT proto 0 theirs"* ]]
	run nl neigh del va 2001:db8:a::6
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: neigh: ENOENT: neighbour 2001:db8:a::6 on interface $idx: no entry of ours (this one has protocol 0)" ]
	nl neigh del va 2001:db8:a::5
	nl neigh del-any va 2001:db8:a::6
	[ -z "$(ip -n "$NS1" -6 neigh show 2001:db8:a::5)$(ip -n "$NS1" -6 neigh show 2001:db8:a::6)" ]
}

@test "address labels: add, replace, delete and dump, as ip addrlabel shows them" {
	nl label add 2001:db8:77::/48 99
	ip -n "$NS1" addrlabel list | grep -qx 'prefix 2001:db8:77::/48 label 99 '
	run nl label add 2001:db8:77::/48 5
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: label: EEXIST: address label 2001:db8:77::/48: File exists" ]
	nl label replace 2001:db8:77::/48 100
	ip -n "$NS1" addrlabel list | grep -qx 'prefix 2001:db8:77::/48 label 100 '
	nl label add 2001:db8:78::/48 7 dev va
	ip -n "$NS1" addrlabel list | grep -qx 'prefix 2001:db8:78::/48 dev va label 7 '
	ip -n "$NS1" addrlabel add prefix 2001:db8:79::/48 label 12
	run nl labels
	[[ "$output" == *$'\n2001:db8:77::/48 dev 0 label 100\n'* ]]
	[[ "$output" == *$'\n'"2001:db8:78::/48 dev $(ifindex "$NS1" va) label 7"$'\n'* ]]
	[[ "$output" == *$'\n2001:db8:79::/48 dev 0 label 12\n'* ]]
	[[ "$output" == *$'\n::/0 dev 0 label 1'* ]]
	nl label del 2001:db8:77::/48 100
	nl label del 2001:db8:78::/48 7 dev va
	nl label del 2001:db8:79::/48 12
	! ip -n "$NS1" addrlabel list | grep -q '2001:db8:7[789]::'
}

@test "gai.conf: the managed block is written atomically; the rest stays byte for byte" {
	local f=$BATS_TEST_TMPDIR/gai.conf orig=$BATS_TEST_TMPDIR/gai.orig
	printf '# the admin'"'"'s own\nreload yes\nprecedence ::ffff:0:0/96 100\n\n# end' > "$orig"
	cp "$orig" "$f"
	chmod 640 "$f"
	nltool gai-write "$f" ::1/128 50 0 ::/0 40 1 2002::/16 30 2
	[ "$(head -c "$(stat -c %s "$orig")" "$f")" = "$(cat "$orig")" ]
	grep -qx 'precedence 2002::/16 30' "$f"
	grep -qx 'label ::1/128 0' "$f"
	[ "$(stat -c %a "$f")" = 640 ]
	run nltool gai-read "$f"
	[ "$output" = $'::1/128 precedence 50 label 0\n::/0 precedence 40 label 1\n2002::/16 precedence 30 label 2' ]
	# rewriting replaces the block in place, text after it is kept
	echo "label fc00::/7 9" >> "$f"
	nltool gai-write "$f" ::/0 40 1 fc00::/7 45 13
	run nltool gai-read "$f"
	[ "$output" = $'::/0 precedence 40 label 1\nfc00::/7 precedence 45 label 13' ]
	[ "$(tail -n 1 "$f")" = "label fc00::/7 9" ]
	[ "$(grep -c 'BEGIN netcfg' "$f")" = 1 ]
	# no policies: the block goes, and the file is the admin's again
	sed -i '$d' "$f"
	nltool gai-write "$f"
	cmp "$f" <(cat "$orig"; echo)
	# no temporary files are left behind
	[ "$(ls "$BATS_TEST_TMPDIR" | grep -c gai)" = 2 ]
}

@test "gai.conf: a broken block is refused with its line, and the file is left alone" {
	local f=$BATS_TEST_TMPDIR/gai.conf
	printf 'reload no\n# BEGIN netcfg prefix policies\nlabel ::/0 1\n' > "$f"
	local before
	before=$(cat "$f")
	run nltool gai-write "$f" ::/0 40 1
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: gai-write: EINVAL: $f:2: the netcfg block begun here never ends" ]
	[ "$(cat "$f")" = "$before" ]
	printf '# END netcfg prefix policies\n' >> "$f"
	sed -i 's/^label ::\/0 1/label ::\/0 one/' "$f"
	run nltool gai-read "$f"
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: gai-read: EINVAL: $f:3: expected \"precedence|label PREFIX NUMBER\"" ]
	# a symbolic link is followed: its target is replaced
	ln -s "$f" "$BATS_TEST_TMPDIR/link.conf"
	sed -i '3d' "$f"
	nltool gai-write "$BATS_TEST_TMPDIR/link.conf" ::/0 40 1
	[ -L "$BATS_TEST_TMPDIR/link.conf" ]
	grep -qx 'precedence ::/0 40' "$f"
}

@test "gai.conf: getaddrinfo() orders destinations by the precedence the block holds" {
	# ip netns exec mounts /etc/netns/NS/* over /etc: a gai.conf and a
	# hosts file of NS2's own, where no destination is reachable, so
	# precedence (RFC 6724 rule 6) decides the order
	local etc=/etc/netns/$NS2
	[ -d /etc/netns ] || touch "$BATS_FILE_TMPDIR/made-etc-netns"
	mkdir -p "$etc"
	printf '2001:db8:1::1 multi\nfd00::1 multi\n' > "$etc/hosts"
	nltool gai-write "$etc/gai.conf" ::1/128 50 0 ::/0 40 1 fc00::/7 100 13
	run ip netns exec "$NS2" getent ahosts multi
	[[ "${lines[0]}" == "fd00::1 "* ]]
	nltool gai-write "$etc/gai.conf" ::1/128 50 0 ::/0 100 1 fc00::/7 10 13
	run ip netns exec "$NS2" getent ahosts multi
	[[ "${lines[0]}" == "2001:db8:1::1 "* ]]
}

@test "xfrm policies: selector, direction, priority, action and IPv6 templates, as ip xfrm shows them" {
	nl policy add 2001:db8:a::1/128 2001:db8:a::2/128 dir out proto 6 dport 80 priority 100 tmpl esp transport spi 0x1234 reqid 7
	run ip -n "$NS1" xfrm policy list dir out
	[ "${lines[0]}" = "src 2001:db8:a::1/128 dst 2001:db8:a::2/128 proto tcp dport 80 " ]
	[[ "${lines[1]}" == *"dir out priority 100 ptype main "* ]]
	[[ "${lines[2]}" == *"tmpl src :: dst ::"* ]]
	[[ "${lines[3]}" == *"proto esp spi 0x00001234 reqid 7 mode transport"* ]]
	nl policy add 2001:db8:a::/64 2001:db8:b::/64 dir fwd tmpl ah tunnel src 2001:db8:a::1 dst 2001:db8:b::1 use
	run ip -n "$NS1" xfrm policy list dir fwd
	[[ "$output" == *"tmpl src 2001:db8:a::1 dst 2001:db8:b::1"*"proto ah reqid 0 mode tunnel"*"level use"* ]]
	run nl policy add 2001:db8:a::1/128 2001:db8:a::2/128 dir out proto 6 dport 80
	[ "$status" -eq 1 ]
	[[ "$output" == "nltool: policy: EEXIST: xfrm policy 2001:db8:a::1/128 -> 2001:db8:a::2/128 proto 6 dir out: File exists" ]]
	nl policy replace 2001:db8:a::1/128 2001:db8:a::2/128 dir out proto 6 dport 80 priority 5 action block
	ip -n "$NS1" xfrm policy list dir out | grep -q 'dir out action block priority 5 '
	ip -n "$NS1" xfrm policy add src 2001:db8:c::1 dst 2001:db8:c::2 dir in priority 9
	run nl policies
	[ "${#lines[@]}" -eq 3 ]
	[[ "$output" == *"src 2001:db8:c::1/128 dst 2001:db8:c::2/128 proto 0 sport 0 dport 0 dev 0 dir in priority 9 action allow index "* ]]
	[[ "$output" == *"dir fwd priority 0 action allow index "*" tmpl ah tunnel src 2001:db8:a::1 dst 2001:db8:b::1 spi 0x0 reqid 0 use"* ]]
	nl policy del 2001:db8:a::1/128 2001:db8:a::2/128 dir out proto 6 dport 80
	nl policy del 2001:db8:a::/64 2001:db8:b::/64 dir fwd
	nl policy del 2001:db8:c::1/128 2001:db8:c::2/128 dir in
	[ -z "$(ip -n "$NS1" xfrm policy)" ]
}

@test "xfrm: install is all or nothing" {
	local f=$BATS_TEST_TMPDIR/install
	ip -n "$NS1" xfrm policy add src 2001:db8:d::/64 dst 2001:db8:e::/64 dir fwd
	cat > "$f" <<-EOF
	policy 2001:db8:a::1/128 2001:db8:a::2/128 dir out tmpl ah transport
	policy 2001:db8:a::2/128 2001:db8:a::1/128 dir in tmpl ah transport
	policy 2001:db8:d::/64 2001:db8:e::/64 dir fwd
	EOF
	run nl install "$f"
	[ "$status" -eq 1 ]
	[ "$output" = "nltool: install: EEXIST: xfrm policy 2001:db8:d::/64 -> 2001:db8:e::/64 dir fwd: File exists; nothing was installed" ]
	[ "$(ip -n "$NS1" xfrm policy | grep -c '^src')" -eq 1 ]
	ip -n "$NS1" xfrm policy flush
}

@test "xfrm states: a kernel without the state type gives a clear error and keeps nothing" {
	run nl probe
	[ "$status" -eq 0 ]
	[ -z "$(ip -n "$NS1" xfrm state)" ]      # the probe leaves nothing behind
	local esp=${lines[1]}
	[[ "${lines[0]}" == "ah no: "* ]] || skip "this kernel has AH states, so the missing-support path cannot be shown"
	printf 'policy 2001:db8:a::1/128 2001:db8:a::2/128 dir out tmpl ah transport\n' > "$BATS_TEST_TMPDIR/i"
	printf 'sa 2001:db8:a::1 2001:db8:a::2 ah 0x3001 auth HMAC-MD5 5468697320697320612074657374\n' >> "$BATS_TEST_TMPDIR/i"
	run nl install "$BATS_TEST_TMPDIR/i"
	[ "$status" -eq 1 ]
	[[ "$output" == "nltool: install: ENOTSUP: AH SA spi 0x3001 to 2001:db8:a::2: the kernel has no IPv6 AH state type (CONFIG_INET6_AH, module ah6): "*"; nothing was installed" ]]
	[ -z "$(ip -n "$NS1" xfrm state)$(ip -n "$NS1" xfrm policy)" ]
	if [[ "$esp" == "esp no: "* ]]; then
		run nl sa add 2001:db8:a::1 2001:db8:a::2 esp 0x3002 auth HMAC-SHA1 00112233445566778899aabbccddeeff00112233
		[ "$status" -eq 1 ]
		[[ "$output" == "nltool: sa: ENOTSUP: ESP SA spi 0x3002 to 2001:db8:a::2: the kernel has no IPv6 ESP state type (CONFIG_INET6_ESP, module esp6): "* ]]
		[ -z "$(ip -n "$NS1" xfrm state)" ]
	fi
	run nl sa add 2001:db8:a::1 2001:db8:a::2 ah 0x3003 auth HMAC-RIPEMD 00
	[ "$output" = "nltool: sa: EINVAL: AH SA spi 0x3003 to 2001:db8:a::2: unknown authentication algorithm \"HMAC-RIPEMD\"" ]
}

@test "xfrm states: ipsec6 algorithms map to kernel transforms (HMAC-MD5 -> hmac(md5) 96, ...)" {
	run nl probe
	[[ "${lines[0]}" == "ah yes" ]] || skip "${lines[0]#ah no: }"
	nl sa add 2001:db8:a::1 2001:db8:a::2 ah 0x3001 auth HMAC-MD5 5468697320697320612074657374
	nl sa add 2001:db8:a::1 2001:db8:a::2 ah 0x3002 auth HMAC-SHA256 00112233445566778899aabbccddeeff
	nl sa add 2001:db8:a::1 2001:db8:a::2 ah 0x3003 auth HMAC-SHA1-96 00112233445566778899aabbccddeeff00112233
	run ip -n "$NS1" xfrm state
	[[ "$output" == *"auth-trunc hmac(md5) 0x5468697320697320612074657374 96"* ]]
	[[ "$output" == *"auth-trunc hmac(sha256) 0x00112233445566778899aabbccddeeff 128"* ]]
	[[ "$output" == *"auth-trunc hmac(sha1) 0x00112233445566778899aabbccddeeff00112233 96"* ]]
	run nl sas
	[[ "$output" == *"proto ah spi 0x3001 mode transport reqid 0 auth hmac(md5) trunc 96 enc none"* ]]
	[[ "$output" != *5468697320* ]]               # no key material in dumps
	nl sa del 2001:db8:a::2 ah 0x3001
	nl sa del 2001:db8:a::2 ah 0x3002
	nl sa del 2001:db8:a::2 ah 0x3003
	[[ "${lines[1]}" == "esp yes" ]] || skip "no ESP states: ${lines[1]}"
	nl sa add 2001:db8:a::1 2001:db8:a::2 esp 0x3004 auth HMAC-SHA1 00112233445566778899aabbccddeeff00112233
	ip -n "$NS1" xfrm state | grep -q 'enc ecb(cipher_null)'
	nl sa del 2001:db8:a::2 esp 0x3004
	[ -z "$(ip -n "$NS1" xfrm state)" ]
}

@test "notifications: changes made with ip are seen within a second" {
	local idx
	idx=$(ifindex "$NS1" va)
	start_watch
	ip -n "$NS1" -6 addr add 2001:db8:c::1/64 dev va nodad
	wait_for "^addr new $idx 2001:db8:c::1/64 scope 0 .* proto 0 theirs$"
	ip -n "$NS1" -6 route add 2001:db8:c1::/64 via "$GW" dev va metric 55
	wait_for "^route new 2001:db8:c1::/64 via $GW dev $idx metric 55 pref medium proto 3 "
	ip -n "$NS1" -6 neigh add 2001:db8:a::77 lladdr 02:00:00:00:00:77 dev va
	wait_for "^neigh new $idx 2001:db8:a::77 lladdr 02:00:00:00:00:77 state PERMANENT"
	ip -n "$NS1" link set va mtu 1450
	wait_for "^link new $idx va kind veth .* mtu 1450 up "
	ip -n "$NS1" xfrm policy add src 2001:db8:c::1 dst 2001:db8:c::2 dir out
	wait_for "^policy new src 2001:db8:c::1/128 dst 2001:db8:c::2/128 .* dir out "
	ip -n "$NS1" -6 route del 2001:db8:c1::/64
	wait_for "^route del 2001:db8:c1::/64 via $GW dev $idx metric 55 "
	ip -n "$NS1" xfrm policy del src 2001:db8:c::1 dst 2001:db8:c::2 dir out
	wait_for "^policy del src 2001:db8:c::1/128 dst 2001:db8:c::2/128 "
	# and our own changes, marked as ours
	nl addr add va 2001:db8:c::2/64 nodad
	wait_for "^addr new $idx 2001:db8:c::2/64 .* proto $PROTO ours$"
	ip -n "$NS1" -6 addr del 2001:db8:c::1/64 dev va
	wait_for "^addr del $idx 2001:db8:c::1/64 "
	ip -n "$NS1" link set va mtu 1500
	ip -n "$NS1" -6 neigh del 2001:db8:a::77 dev va
	nl addr del va 2001:db8:c::2/64
}

@test "notifications: after the kernel dropped some (ENOBUFS), the tables are dumped again" {
	local f=$BATS_TEST_TMPDIR/routes i
	for ((i = 0; i < 500; i++)); do
		printf 'route add 2001:db8:f:%x::/64 via %s dev va\n' "$i" "$GW"
	done > "$f"
	# a tiny receive buffer, and nothing read for a second
	WATCH_OUT=$BATS_TEST_TMPDIR/watch.out
	nltool -n "$NS1" --event-rcvbuf 4096 watch seconds 20 delay 1 > "$WATCH_OUT" 2>&1 3>&- &
	WATCH_PID=$!
	wait_for '^ready$'
	ip -n "$NS1" -6 -batch "$f"
	wait_for '^resync end link addr route neigh$' 30
	grep -qx 'resync begin link addr route neigh' "$WATCH_OUT"
	[ "$(grep -c '^route new resync 2001:db8:f:' "$WATCH_OUT")" -eq 500 ]
	grep -q "^link new resync [0-9]* va " "$WATCH_OUT"
	grep -q "^addr new resync [0-9]* 2001:db8:a::1/64 " "$WATCH_OUT"
	ip -n "$NS1" -6 route flush root 2001:db8:f::/48
}

@test "two namespaces joined by veth ping each other with addresses set through the layer" {
	command -v ping >/dev/null || skip "ping (iputils-ping) is not installed"
	nltool -n "$NS1" addr add va 2001:db8:ee::1/64 nodad
	nltool -n "$NS2" addr add vb 2001:db8:ee::2/64 nodad
	ip netns exec "$NS1" ping -6 -c 1 -W 2 2001:db8:ee::2
	ip netns exec "$NS2" ping -6 -c 1 -W 2 2001:db8:ee::1
	# the neighbour the ping resolved, with the kernel's own state
	local state
	state=$(ip -n "$NS1" -j -6 neigh show 2001:db8:ee::2 | jq -r '.[0].state[0]')
	run nl neighs va
	[[ "$output" == *" 2001:db8:ee::2 lladdr $(ip -n "$NS2" -j link show vb | jq -r '.[0].address') state $state proto 0 theirs"* ]]
	nltool -n "$NS1" addr del va 2001:db8:ee::1/64
	nltool -n "$NS2" addr del vb 2001:db8:ee::2/64
}

@test "nltool and the layer under valgrind: no memory errors, no leaks" {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	if ldd "$(command -v nltool)" | grep -q libasan; then
		skip "this nltool is built with ASan, which checks memory itself (valgrind cannot run it)"
	fi
	local vg=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
		  --errors-for-leak-kinds=definite,indirect --error-exitcode=99)
	local f=$BATS_TEST_TMPDIR/vg.batch i
	for ((i = 0; i < 300; i++)); do
		printf 'add 2001:db8:9:%x::/64 via %s dev va\n' "$i" "$GW"
	done > "$f"
	echo "add 2001:db8:9::/64 via fe80::1" >> "$f"
	run "${vg[@]}" nltool -n "$NS1" batch "$f" rollback
	[ "$status" -eq 1 ]
	run "${vg[@]}" nltool -n "$NS1" batch "$f"
	[ "$status" -eq 1 ]
	sed -i 's/^add/del/; $d' "$f"
	run "${vg[@]}" nltool -n "$NS1" batch "$f"
	[ "$status" -eq 0 ]
	for c in links addrs routes neighs labels policies sas probe "lookup 2001:db8:a::9" \
		 "route add 2001:db8:9::/64 via fe80::1" "neigh add va 2001:db8:a::9 lladdr 02:00:00:00:00:09" \
		 "neigh del va 2001:db8:a::9" "label add 2001:db8:76::/48 3" "label del 2001:db8:76::/48 3" \
		 "policy add 2001:db8:a::1/128 2001:db8:a::2/128 dir out tmpl esp transport" \
		 "policy del 2001:db8:a::1/128 2001:db8:a::2/128 dir out" \
		 "sa add ::1 ::1 ah 0x3001 auth HMAC-MD5 00" "sysctl va hop_limit" "link va"; do
		# shellcheck disable=SC2086
		run "${vg[@]}" nltool -n "$NS1" $c
		echo "$c: $status $output"
		[ "$status" -ne 99 ]
	done
	run "${vg[@]}" nltool gai-write "$BATS_TEST_TMPDIR/gai" ::/0 40 1
	[ "$status" -eq 0 ]
	run "${vg[@]}" nltool gai-read "$BATS_TEST_TMPDIR/gai"
	[ "$status" -eq 0 ]
	# notifications, an overrun and the resync after it
	local out=$BATS_TEST_TMPDIR/vg.watch pid rc
	"${vg[@]}" nltool -n "$NS1" --event-rcvbuf 4096 watch seconds 3 delay 1 > "$out" 2>&1 3>&- &
	pid=$!
	WATCH_OUT=$out wait_for '^ready$' 50
	ip -n "$NS1" -6 -batch <(sed 's/^del/route add/' "$f")
	rc=0
	wait "$pid" || rc=$?
	cat "$out"
	[ "$rc" -eq 0 ]
	grep -qx 'resync end link addr route neigh' "$out"
	ip -n "$NS1" -6 route flush root 2001:db8:9::/48
}
