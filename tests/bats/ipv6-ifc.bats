#!/usr/bin/env bats
# ipv6-ifc.bats - interfaces: ifc, ifd, ifcr, renew (seed-digest 10 B)
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

@test "B6: ifd refuses the pseudo-interfaces #1 and #2 and changes nothing" {
	before=$(ipv6 if)
	run ipv6 ifd 1
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifd: interface 1 (Loopback Pseudo-Interface) is a pseudo-interface and cannot be deleted" ]
	run ipv6 ifd 2
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifd: interface 2 (Tunnel Pseudo-Interface) is a pseudo-interface and cannot be deleted" ]
	run ipv6 ifd 9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifd: interface 9 does not exist" ]
	[ "$(ipv6 if)" = "$before" ]
}

@test "B7: advertising is refused on the pseudo-interfaces, forwarding is not" {
	for w in adv advertises advertisers; do
		run ipv6 ifc 2 $w
		[ "$status" -eq 1 ]
		[ "$output" = "ipv6: ifc: interface 2 (Tunnel Pseudo-Interface) does not use Neighbor Discovery and cannot send router advertisements" ]
	done
	run ipv6 ifc 1 adv
	[ "$status" -eq 1 ]
	[[ "$output" == "ipv6: ifc: interface 1 (Loopback Pseudo-Interface) does not use"* ]]
	run ipv6 ifc 2 forw
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run ipv6 if 2
	[ "${lines[2]}" = "  forwards packets" ]
	[[ "$output" != *"sends Router Advertisements"* ]]
	ipv6 ifc 2 -forw
	[[ "$(ipv6 if 2)" != *"forwards packets"* ]]
}

@test "B8: the MTU must be between 1280 and the true link MTU" {
	run ipv6 ifc 4 mtu 1279
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifc: MTU 1279 is out of range for interface 4: 1280 to 1500 (its true link MTU)" ]
	run ipv6 ifc 4 mtu 1501
	[ "$status" -eq 1 ]
	[[ "$(ipv6 if 4)" == *"  link MTU 1500 (true link MTU 1500)"* ]]
	ipv6 ifc 4 mtu 1280
	[[ "$(ipv6 if 4)" == *$'\n  link MTU 1280 (true link MTU 1500)\n'* ]]
	ipv6 ifc 4 mtu 1500
	run ipv6 ifc 4 mtu big
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: "big" is not an MTU in bytes' ]
	run ipv6 ifc 4 mtu
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: "mtu" needs a value' ]
}

@test "B9: site changes the site identifier" {
	ipv6 ifc 4 site 3
	run ipv6 if 4
	[ "${lines[0]}" = "Interface 4 (site 3): Local Area Connection" ]
	ipv6 ifc 4 site 1
	[ "$(ipv6 if 4 | head -n 1)" = "Interface 4 (site 1): Local Area Connection" ]
}

@test "B10: forw adv then -forw -adv; full and abbreviated keywords agree" {
	ipv6 ifc 3 forw adv
	run ipv6 if 3
	[ "${lines[1]}" = "  uses Neighbor Discovery" ]
	[ "${lines[2]}" = "  sends Router Advertisements" ]
	[ "${lines[3]}" = "  forwards packets" ]
	[ "$(ipv6 -j if 3 | jq -c '.[0] | [.forwards, .advertises]')" = "[true,true]" ]
	ipv6 ifc 3 -forw -adv
	[ "$(ipv6 -j if 3 | jq -c '.[0] | [.forwards, .advertises]')" = "[false,false]" ]
	short=$(ipv6 if 3)
	ipv6 ifc 3 forwards advertises
	ipv6 ifc 3 -forwards -advertises
	[ "$(ipv6 if 3)" = "$short" ]
	diff <(ipv6 if 3) <(if_block 3 < "$FIXTURES/ipv6-if.seed.txt")
}

@test "ifc syntax: unknown keyword, missing if#, nothing to change" {
	before=$(ipv6 if)
	run ipv6 ifc 4 fast
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: unknown keyword "fast"' ]
	[[ "${lines[1]}" == "usage: ipv6 ifc if# "* ]]
	run ipv6 ifc
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: missing if#' ]
	run ipv6 ifc four forw
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: "four" is not an interface number' ]
	run ipv6 ifc 4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifc: nothing to change on interface 4' ]
	run ipv6 ifc 9 forw
	[ "$status" -eq 1 ]
	[ "$output" = 'ipv6: ifc: interface 9 does not exist' ]
	[ "$(ipv6 if)" = "$before" ]
}

@test "ifc in one call is all or nothing: a bad MTU keeps forw from applying" {
	run ipv6 ifc 4 forw mtu 9000
	[ "$status" -eq 1 ]
	[[ "$(ipv6 if 4)" != *"forwards packets"* ]]
}

@test "ifcr creates a configured tunnel and a 6-over-4 interface, numbered in creation order" {
	run ipv6 ifcr v6v4 10.0.0.2 192.0.2.9
	[ "$status" -eq 0 ]
	[ "$output" = "Created interface 5." ]
	run ipv6 ifcr 6over4 10.1.1.1
	[ "$output" = "Created interface 6." ]
	run ipv6 if 5
	[ "${lines[0]}" = "Interface 5 (site 1): v6v4 10.0.0.2 192.0.2.9" ]
	[ "${lines[1]}" = "  does not use Neighbor Discovery" ]
	[ "${lines[2]}" = "  link-level address: 10.0.0.2" ]
	[ "${lines[3]}" = "  tunnel end point: 192.0.2.9" ]
	[ "${lines[4]}" = "    preferred address fe80::a00:2, infinite/infinite" ]
	[[ "$output" == *"  link MTU 1280 (true link MTU 65515)"* ]]
	run ipv6 if 6
	[ "${lines[0]}" = "Interface 6 (site 1): 6over4 10.1.1.1" ]
	[ "${lines[1]}" = "  uses Neighbor Discovery" ]
	[[ "$output" == *"    preferred address fe80::a01:101, infinite/infinite"* ]]
	[[ "$output" == *"    multicast address ff02::1:ff01:101, 1 refs, last reporter"* ]]
	[[ "$(ipv6 rt)" == *"fe80::/64 -> 6 pref 256 (lifetime infinite)"* ]]
	[ "$(ipv6 -j if 5 | jq -r '.[0] | .kind + " " + .remote')" = "v6v4 192.0.2.9" ]
	# a tunnel needs no neighbor discovery: its neighbors resolve to the far end
	ipv6 rtu 2001:db8:55::/48 5/fe80::99
	run ipv6 nc 5
	[ "$output" = "5:           fe80::99 192.0.2.9         permanent" ]
}

@test "ifcr with nd uses neighbor discovery; duplicates and bad input are refused" {
	run ipv6 ifcr v6v4 10.0.0.2 192.0.2.10 nd
	[ "$output" = "Created interface 7." ]
	[ "$(ipv6 if 7 | sed -n 2p)" = "  uses Neighbor Discovery" ]
	before=$(ipv6 if)
	run ipv6 ifcr v6v4 10.0.0.2 192.0.2.9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifcr: interface 5 (v6v4 10.0.0.2 192.0.2.9) already tunnels from 10.0.0.2 to 192.0.2.9" ]
	run ipv6 ifcr 6over4 10.1.1.1
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifcr: interface 6 (6over4 10.1.1.1) already runs over 10.1.1.1" ]
	run ipv6 ifcr v6v4 10.0.0.2 10.0.0.2
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ifcr: a tunnel from 10.0.0.2 to itself" ]
	run ipv6 ifcr v6v4 10.0.0.256 1.2.3.4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifcr: "10.0.0.256" is not an IPv4 address' ]
	run ipv6 ifcr isatap 10.0.0.2
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifcr: unknown interface kind "isatap" (v6v4 or 6over4)' ]
	run ipv6 ifcr v6v4 10.0.0.2
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifcr: missing v4dst' ]
	run ipv6 ifcr 6over4 10.9.9.9 nd
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ifcr: unknown keyword "nd"' ]
	[ "$(ipv6 if)" = "$before" ]
}

@test "ifd drops the interface with its addresses, routes and neighbors; numbers are not reused" {
	ipv6 adu 6/2001:db8:6::1
	ipv6 rtu 2001:db8:66::/64 6/fe80::1
	ipv6 rq 2001:db8:66::5 >/dev/null
	[ -n "$(ipv6 nc 6)" ]
	[ -n "$(ipv6 rc 6 2001:db8:66::5)" ]
	run ipv6 ifd 6
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[[ "$(ipv6 if)" != *"Interface 6 "* ]]
	[[ "$(ipv6 rt)" != *" -> 6"* ]]
	[ -z "$(ipv6 nc 6 2>/dev/null)" ]
	[[ "$(ipv6 rc)" != *"2001:db8:66::5"* ]]
	run ipv6 nc 6
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: nc: interface 6 does not exist" ]
	run ipv6 ifcr 6over4 10.1.1.1
	[ "$output" = "Created interface 8." ]
}

@test "B6: ifd 4 deletes the seed's Ethernet adapter" {
	ipv6 ifd 4
	run ipv6 if
	[[ "$output" != *"Interface 4 "* ]]
	[[ "$(ipv6 rt)" != *"fe80::/64 -> 4 "* ]]
}

@test "renew restarts duplicate address detection on an interface" {
	ipv6 adu 3/2001:db8:3::1
	[[ "$(ipv6 if 3)" == *"    preferred address 2001:db8:3::1, infinite/infinite"* ]]
	run ipv6 renew 3
	[ "$status" -eq 0 ]
	run ipv6 if 3
	[[ "$output" == *"    tentative address fe80::a00:2, infinite/infinite"* ]]
	[[ "$output" == *"    tentative address 2001:db8:3::1, infinite/infinite"* ]]
	[ "$(ipv6 -j if 3 | jq -r '.[0].addresses[0].state')" = tentative ]
	# a tentative address is no source address: the only candidate left
	# is the tunnel pseudo-interface's global one
	run ipv6 rq fe80::1%3
	[[ "$output" == *$'\n  src 2/::10.0.0.2: the only candidate\n'* ]]
	# the pseudo-interfaces do no DAD
	ipv6 renew
	[[ "$(ipv6 if 2)" == *"    preferred address ::10.0.0.2, infinite/infinite"* ]]
	advance_clock 1
	run ipv6 if 3
	[[ "$output" == *"    preferred address fe80::a00:2, infinite/infinite"* ]]
	[[ "$output" == *"    preferred address 2001:db8:3::1, infinite/infinite"* ]]
	run ipv6 renew 99
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: renew: interface 99 does not exist" ]
	run ipv6 -p renew
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "ipv6: renew: -p does not apply: renewing changes no configuration" ]
}

@test "ipv6 -p keeps interfaces, tunnels and settings across a restart; plain changes are lost" {
	ipv6 -p ifcr v6v4 10.0.0.2 198.51.100.7
	ipv6 -p ifc 3 forw site 5
	ipv6 -p ifc 3 mtu 1400
	ipv6 ifc 3 adv
	ipv6 -p ifd 8
	restart_stackd
	run ipv6 if
	# the adapters come back from the configuration, renumbered from 3;
	# the deleted adapter #4 was not persistent
	[[ "$output" == *"Interface 4 (site 1): Local Area Connection"* ]]
	[[ "$output" == *"Interface 5 (site 1): v6v4 10.0.0.2 198.51.100.7"* ]]
	[[ "$output" != *"6over4 10.1.1.1"* ]]
	run ipv6 if 3
	[ "${lines[0]}" = "Interface 3 (site 5): 6-over-4 Virtual Interface" ]
	[ "${lines[2]}" = "  forwards packets" ]
	[[ "$output" != *"sends Router Advertisements"* ]]
	[[ "$output" == *"  link MTU 1400 (true link MTU 65515)"* ]]
	# deleting a created interface persistently forgets it and its settings
	ipv6 -p ifd 5
	ipv6 -p ifc 3 -forw mtu 1280 site 1
	restart_stackd
	[[ "$(ipv6 if)" != *"198.51.100.7"* ]]
	diff <(ipv6 if) "$FIXTURES/ipv6-if.seed.txt"
}

@test "stackd exits cleanly" {
	stop_stackd
}
