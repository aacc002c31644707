#!/usr/bin/env bats
# ipv6-caches.bats - neighbor, route and binding caches, the routing-
# interface query (ipv6 rq), scope ids and the destination sort (ipv6
# sort): seed-digest 10 E and F, and 38.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
	ipv6 adu 4/2001:db8:4::10
	ipv6 rtu 2001:db8:4::/64 4
	ipv6 rtu 2001:db8:99::/64 4/fe80::1
}

teardown_file() {
	finish_stackd
}

@test "a route through a next hop makes a neighbor entry that stays incomplete (no wire)" {
	run ipv6 nc
	[ "$status" -eq 0 ]
	[ "$output" = "4:            fe80::1                   incomplete" ]
	run ipv6 -j nc
	[ "$(jq -c '.[0] | [.ifindex, .address, .lladdr, .state, .refs]' <<<"$output")" = '[4,"fe80::1","","incomplete",1]' ]
}

@test "rq creates route cache entries and references their neighbors" {
	run ipv6 rq 2001:db8:4::5
	[ "$output" = "2001:db8:4::5 via 4/2001:db8:4::5 (on-link)
  route 2001:db8:4::/64 -> 4 pref 0: the only matching route
  src 4/2001:db8:4::10: rule 5, on the outgoing interface (3 candidates)
  PMTU 1500" ]
	ipv6 rq 2001:db8:99::7 >/dev/null
	ipv6 rq 2001:db8:99::7 4 >/dev/null
	ipv6 rq fe80::5%3 >/dev/null
	run ipv6 rc
	[ "$output" = "2001:db8:4::5 via 4/2001:db8:4::5
     src 4/2001:db8:4::10
     PMTU 1500
2001:db8:99::7 via 4/fe80::1
     src 4/2001:db8:4::10
     PMTU 1500
2001:db8:99::7 via 4/fe80::1 (interface-specific)
     src 4/2001:db8:4::10
     PMTU 1500
fe80::5 via 3/fe80::5
     src 3/fe80::a00:2
     PMTU 1280" ]
	run ipv6 nc
	[ "$output" = "4:            fe80::1                   incomplete
4:      2001:db8:4::5                   incomplete
3:            fe80::5                   incomplete" ]
	[ "$(ipv6 -j nc 4 fe80::1 | jq '.[0].refs')" = 3 ]
}

@test "E31: one entry per destination and interface named, at most one not interface-specific" {
	ipv6 rq 2001:db8:99::7 >/dev/null
	ipv6 rq 2001:db8:99::7 4 >/dev/null
	run ipv6 -j rc
	[ "$(jq '[.[] | select(.destination == "2001:db8:99::7")] | length' <<<"$output")" = 2 ]
	[ "$(jq '[.[] | select(.destination == "2001:db8:99::7" and (.interface_specific | not))] | length' <<<"$output")" = 1 ]
	[ "$(jq -c '.[0] | [.destination, .ifindex, .nexthop, .source_ifindex, .source, .pmtu, .interface_specific]' <<<"$output")" = '["2001:db8:4::5",4,"2001:db8:4::5",4,"2001:db8:4::10",1500,false]' ]
}

@test "E29: nc filters by interface and address" {
	run ipv6 nc 4
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = "4:      2001:db8:4::5                   incomplete" ]
	run ipv6 nc 4 2001:db8:4::5
	[ "$output" = "4:      2001:db8:4::5                   incomplete" ]
	run ipv6 nc 3 2001:db8:4::5
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# a static entry is permanent and shows its link-layer address
	netcfg-rpc neighbor.add '{"neighbor":{"ifindex":4,"address":"fe80::260:97ff:fe02:6ea5","lladdr":"00-60-97-02-6e-a5","router":true}}' >/dev/null
	run ipv6 nc 4 fe80::260:97ff:fe02:6ea5
	[ "$output" = "4: fe80::260:97ff:fe02:6ea5 00-60-97-02-6e-a5 permanent (router)" ]
	run ipv6 nc 9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: nc: interface 9 does not exist" ]
	run ipv6 nc 4 fe80::zz
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: nc: "fe80::zz" is not an IPv6 address' ]
	run ipv6 nc 4 fe80::1 extra
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: nc: unexpected argument "extra"' ]
}

@test "E30: ncf leaves referenced entries; after rcf it removes them" {
	ipv6 ncf 4 2001:db8:4::5
	[ "$(ipv6 nc 4 2001:db8:4::5)" = "4:      2001:db8:4::5                   incomplete" ]
	ipv6 rcf 4 2001:db8:4::5
	[[ "$(ipv6 rc)" != "2001:db8:4::5 via"* ]]
	ipv6 ncf 4 2001:db8:4::5
	[ -z "$(ipv6 nc 4 2001:db8:4::5)" ]
	# a route's next hop stays while the route holds it
	ipv6 rcf
	[ -z "$(ipv6 rc)" ]
	ipv6 ncf
	run ipv6 nc
	[ "$output" = "4:            fe80::1                   incomplete" ]
	# the static entry went with the flush: nothing referenced it
	ipv6 rtu 2001:db8:99::/64 4/fe80::1 life 0
	ipv6 ncf 4
	[ -z "$(ipv6 nc)" ]
}

@test "rc [if# address] selects one entry; rcf [if# [address]] flushes a selection" {
	ipv6 rq 2001:db8:4::7 >/dev/null
	ipv6 rq 2001:db8:4::8 >/dev/null
	ipv6 rq fe80::9%3 >/dev/null
	run ipv6 rc 4 2001:db8:4::8
	[ "$output" = "2001:db8:4::8 via 4/2001:db8:4::8
     src 4/2001:db8:4::10
     PMTU 1500" ]
	run ipv6 rc 3 2001:db8:4::8
	[ -z "$output" ]
	run ipv6 rc 4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rc: if# 4 needs an address too' ]
	[ "${lines[1]}" = 'usage: ipv6 rc [if# address]' ]
	ipv6 rcf 4
	[ "$(ipv6 -j rc | jq -r '.[].destination')" = "fe80::9" ]
	ipv6 rcf
	[ -z "$(ipv6 rc)" ]
	run ipv6 -p rcf
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rcf: -p does not apply: the route cache is not configuration' ]
}

@test "the route cache follows configuration changes and RouteCacheLimit" {
	ipv6 rq 2001:db8:4::7 >/dev/null
	ipv6 ifc 4 mtu 1400
	[ "$(ipv6 rc | sed -n 3p)" = "     PMTU 1400" ]
	ipv6 ifc 4 mtu 1500
	# the route goes: the entry goes with it
	ipv6 rtu 2001:db8:4::/64 4 life 0
	[ -z "$(ipv6 rc)" ]
	ipv6 rtu 2001:db8:4::/64 4
	ipv6 gpu RouteCacheLimit 2
	ipv6 rq 2001:db8:4::1 >/dev/null
	ipv6 rq 2001:db8:4::2 >/dev/null
	ipv6 rq 2001:db8:4::3 >/dev/null
	# least recently used first out
	[ "$(ipv6 -j rc | jq -r '.[].destination' | tr '\n' ' ')" = "2001:db8:4::2 2001:db8:4::3 " ]
	ipv6 rq 2001:db8:4::2 >/dev/null
	ipv6 rq 2001:db8:4::4 >/dev/null
	[ "$(ipv6 -j rc | jq -r '.[].destination' | tr '\n' ' ')" = "2001:db8:4::2 2001:db8:4::4 " ]
	ipv6 gpu RouteCacheLimit 32
	ipv6 rcf
}

@test "NeighborCacheLimit evicts the oldest unreferenced entries of an interface" {
	ipv6 ncf
	ipv6 gpu NeighborCacheLimit 2
	for i in 1 2 3; do ipv6 rq 2001:db8:4::$i >/dev/null; ipv6 rcf; done
	[ "$(ipv6 -j nc 4 | jq -r '.[].address' | tr '\n' ' ')" = "2001:db8:4::2 2001:db8:4::3 " ]
	ipv6 gpu NeighborCacheLimit 8
	ipv6 ncf
}

@test "E32: the binding cache is empty on a fresh stack; bindings show and age" {
	run ipv6 bc
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(ipv6 -j bc)" = "[]" ]
	# a mobile node's binding update (the model has no wire: injected)
	netcfg-rpc binding.update '{"binding":{"home":"2001:db8:4::77","careof":"2001:db8:99::77","seq":7,"lifetime":300}}' >/dev/null
	run ipv6 bc
	[ "$output" = "home: 2001:db8:4::77
 c/o: 2001:db8:99::77
 seq: 7   Lifetime: 300s" ]
	# the route cache shows the care-of address of a destination with a binding
	ipv6 rq 2001:db8:4::77 >/dev/null
	[ "$(ipv6 rc 4 2001:db8:4::77 | sed -n 4p)" = "     careof 2001:db8:99::77 seq 7 life 300s" ]
	run netcfg-rpc binding.update '{"binding":{"home":"2001:db8:4::77","careof":"2001:db8:99::78","seq":6,"lifetime":300}}'
	[ "$status" -eq 1 ]
	[[ "$output" == *"sequence number 6 is not newer than 7"* ]]
	advance_clock 300
	[ -z "$(ipv6 bc)" ]
	ipv6 rcf
	run ipv6 bc extra
	[ "$status" -eq 2 ]
}

@test "F33: scope ids: link-local destinations need their interface or a route" {
	run ipv6 rq fe80::10
	[ "$status" -eq 0 ]
	# fe80::/64 is on-link on 3 and 4 with the same preference
	[ "${lines[0]}" = "fe80::10%3 via 3/fe80::10 (on-link)" ]
	[ "${lines[1]}" = "  route fe80::/64 -> 3 pref 256: the first of equally preferred routes (2 matching)" ]
	run ipv6 rq fe80::10%4
	[ "${lines[0]}" = "fe80::10%4 via 4/fe80::10 (on-link)" ]
	[ "${lines[1]}" = "  route fe80::/64 -> 4 pref 256: the destination's scope id names the interface (1 matching)" ]
	[ "${lines[2]}" = "  src 4/fe80::210:5aff:feaa:20a2: rule 2, the appropriate scope (3 candidates)" ]
	run ipv6 rq fe80::10%9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: scope id 9 of fe80::10: interface 9 does not exist" ]
	run ipv6 rq fe80::10%4 3
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: fe80::10%4 is on interface 4, not on interface 3" ]
	# without the on-link routes an ambiguous link-local address has no route
	ipv6 rtu fe80::/64 3 life 0
	ipv6 rtu fe80::/64 4 life 0
	run ipv6 rq fe80::10
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: no route to fe80::10: give its interface as fe80::10%if#" ]
	[ "$(ipv6 rq fe80::10%4 | sed -n 2p)" = "  no route used: the destination's scope id names the interface" ]
	ipv6 rtu fe80::/64 3 pref 256
	ipv6 rtu fe80::/64 4 pref 256
	ipv6 rcf
}

@test "rq: the node's own addresses loop back; errors name the destination" {
	run ipv6 rq 2001:db8:4::10
	[ "$output" = "2001:db8:4::10 via 1/2001:db8:4::10 (on-link)
  no route used: the destination is an address of this node
  src 4/2001:db8:4::10: rule 1, the destination itself
  PMTU 1500" ]
	run ipv6 rq 2001:db8:5::1
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: no route to 2001:db8:5::1" ]
	run ipv6 rq 2001:db8:99::1 3
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: no route to 2001:db8:99::1 through interface 3" ]
	run ipv6 rq ::
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rq: the unspecified address :: is not a destination" ]
	run ipv6 rq 2001:db8::/64
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rq: "2001:db8::/64" is not an IPv6 address' ]
	run ipv6 rq
	[ "$status" -eq 2 ]
	run ipv6 -j rq 2001:db8:4::10
	[ "$(jq -c '[.rule, .ifindex, .source_rule, .source_ifindex]' <<<"$output")" = '["local",1,"same-address",4]' ]
	ipv6 rcf
}

@test "38: sort orders destinations by the policy table, fills in scope ids, drops other sites' site-locals" {
	ipv6 rtu ::/0 2/::131.107.152.32
	ipv6 rtu 2002::/16 2
	ipv6 adu 2/2002:ac1f:2aef::ac1f:2aef
	run ipv6 sort 2002:836b:9820::1 2001:db8::1 ::ffff:192.0.2.1 fe80::1 fec0::1
	[ "$status" -eq 0 ]
	# RFC 6724: matching scope and label first; then precedence; the
	# site-local address belongs to another site (the list's global
	# addresses match no site prefix) and is left out
	[ "$output" = "fe80::1%3 (src 3/fe80::a00:2, precedence 40, label 1)
2002:836b:9820::1 (src 2/2002:ac1f:2aef::ac1f:2aef, precedence 30, label 2)
::ffff:192.0.2.1 (src 2/::ffff:10.0.0.2, precedence 10, label 4)
2001:db8::1 (src 2/2002:ac1f:2aef::ac1f:2aef, precedence 40, label 1)" ]
	# a site prefix that matches a global address of the list keeps the
	# site-local one, in that site
	ipv6 spu 2001:db8::/48 4
	[[ "$(ipv6 sort 2001:db8::1 fec0::1)" == *"fec0::1%1 (unusable, precedence 40, label 1)"* ]]
	ipv6 spu 2001:db8::/48 4 life 0
	# alone, a site-local destination is placed by its route (interface 3
	# has no address of site scope or larger: rule 2 passes its link-local
	# one over, rule 6 takes the global one with the label of ::/0)
	ipv6 rtu fec0::/10 3
	[ "$(ipv6 sort fec0::1)" = "fec0::1%1 (src 4/2001:db8:4::10, precedence 40, label 1)" ]
	ipv6 rtu fec0::/10 3 life 0
	# changing a precedence changes the order
	ipv6 ppu ::ffff:0:0/96 precedence 100 srclabel 4
	[ "$(ipv6 sort 2002:836b:9820::1 ::ffff:192.0.2.1 | head -n 1)" = "::ffff:192.0.2.1 (src 2/::ffff:10.0.0.2, precedence 100, label 4)" ]
	ipv6 ppu ::ffff:0:0/96 precedence 10 srclabel 4
	# scope ids that name no zone drop the destination
	[ -z "$(ipv6 sort fe80::1%9 fec0::1%7)" ]
	run ipv6 -j sort fe80::1 2001:db8::1
	[ "$(jq -c '.[0] | [.address, .scope_id, .usable, .source]' <<<"$output")" = '["fe80::1",3,true,"fe80::a00:2"]' ]
	run ipv6 sort 2001:db8::1 bogus
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: sort: "bogus" is not an IPv6 address' ]
	# sorting creates no route cache entries
	[ -z "$(ipv6 rc)" ]
}

@test "lookups stay right while a prefix length gains and loses many routes" {
	# lengths with a few routes are searched directly, the others hashed
	for i in $(seq 1 12); do ipv6 rtu 2001:db8:$i::/48 4/fe80::$i; done
	for i in 1 6 12; do
		[ "$(ipv6 rq 2001:db8:$i::1 | head -n 1)" = "2001:db8:$i::1 via 4/fe80::$i" ]
	done
	for i in $(seq 3 12); do ipv6 rtu 2001:db8:$i::/48 4/fe80::$i life 0; done
	[ "$(ipv6 rq 2001:db8:2::1 | head -n 1)" = "2001:db8:2::1 via 4/fe80::2" ]
	# (the default route of the sort test above takes what is left)
	[ "$(ipv6 rq 2001:db8:7::1 | head -n 1)" = "2001:db8:7::1 via 2/::131.107.152.32" ]
	for i in $(seq 3 11); do ipv6 rtu 2001:db8:$i::/48 4/fe80::$i; done
	for i in 1 2 3 11; do
		[ "$(ipv6 rq 2001:db8:$i::1 | head -n 1)" = "2001:db8:$i::1 via 4/fe80::$i" ]
	done
	for i in $(seq 1 11); do ipv6 rtu 2001:db8:$i::/48 4/fe80::$i life 0; done
	ipv6 rcf
	ipv6 ncf
}

@test "stackd exits cleanly" {
	stop_stackd
}
