#!/usr/bin/env bats
# ipv6-config2.bats - the seeds' Configuration 2 (a manual 6to4 gateway,
# seed-digest 2.11) end to end, router advertisements and route lifetimes
# (seed-digest 10 D).  Interface 3 is the 6-over-4 adapter (10.0.0.2),
# interface 4 the Ethernet adapter.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

@test "Configuration 2: the whole command sequence is accepted" {
	ipv6 rtu 2002::/16 2
	ipv6 adu 2/2002:ac1f:2aef::ac1f:2aef
	# ping6 2002:836b:9820::836b:9820: the model sends nothing, but the
	# lookup a ping makes is ipv6 rq
	ipv6 rq 2002:836b:9820::836b:9820 >/dev/null
	ipv6 rtu ::/0 2::131.107.152.32 pub life 1800
	ipv6 rq 3ffe:1cff:0:f5::1 >/dev/null
	ipv6 rtu 2002:ac1f:2aef:1::/64 3 pub life 1800
	ipv6 rtu 2002:ac1f:2aef:2::/64 4 pub life 1800
	ipv6 ifc 2 forw
	ipv6 ifc 3 forw adv
	ipv6 ifc 4 forw adv
}

@test "Configuration 2: the routing table" {
	run ipv6 rt
	[ "$status" -eq 0 ]
	[ "$output" = "::/96 -> 2 pref 256 (lifetime infinite)
fe80::/64 -> 3 pref 256 (lifetime infinite)
fe80::/64 -> 4 pref 256 (lifetime infinite)
2002::/16 -> 2 pref 0 (lifetime infinite)
::/0 -> 2/::131.107.152.32 pref 0 (lifetime 1800s, publish, no aging)
2002:ac1f:2aef:1::/64 -> 3 pref 0 (lifetime 1800s, publish, no aging)
2002:ac1f:2aef:2::/64 -> 4 pref 0 (lifetime 1800s, publish, no aging)" ]
}

@test "Configuration 2: the interfaces forward, 3 and 4 advertise and configure their subnet addresses" {
	run ipv6 if 2
	[ "${lines[2]}" = "  forwards packets" ]
	[ "${lines[4]}" = "    preferred address ::10.0.0.2, infinite/infinite" ]
	[ "${lines[5]}" = "    preferred address 2002:ac1f:2aef::ac1f:2aef, infinite/infinite" ]
	run ipv6 if 3
	[ "${lines[2]}" = "  sends Router Advertisements" ]
	[ "${lines[3]}" = "  forwards packets" ]
	# seed 2.8 rule 5: duplicate address detection first (1 transmit, 1 s)
	[ "${lines[6]}" = "    tentative address 2002:ac1f:2aef:1::a00:2, 1800s/1800s (addrconf)" ]
	run ipv6 if 4
	[ "${lines[6]}" = "    tentative address 2002:ac1f:2aef:2:210:5aff:feaa:20a2, 1800s/1800s (addrconf)" ]
	# both addresses joined the solicited-node group of their identifier
	[ "${lines[8]}" = "    multicast address ff02::1:ffaa:20a2, 2 refs, last reporter" ]
	advance_clock 1
	[ "$(ipv6 if 3 | sed -n 7p)" = "    preferred address 2002:ac1f:2aef:1::a00:2, 1799s/1799s (addrconf)" ]
	[ "$(ipv6 if 4 | sed -n 7p)" = "    preferred address 2002:ac1f:2aef:2:210:5aff:feaa:20a2, 1799s/1799s (addrconf)" ]
	[ "$(ipv6 -j if 4 | jq -r '.[0].addresses[1] | .origin + " " + .state')" = "autoconf preferred" ]
}

@test "Configuration 2: the router advertisement of interface 3" {
	run ipv6 ra 3
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^"Router advertisement of interface 3 (next in "[0-9]+"s)"$ ]]
	[ "${lines[1]}" = "  current hop limit 128, router lifetime 1800s" ]
	[ "${lines[2]}" = "  reachable time 0ms, retransmission timer 0ms" ]
	[ "${lines[3]}" = "  source link-layer address 10.0.0.2" ]
	[ "${lines[4]}" = "  MTU 1280" ]
	[ "${lines[5]}" = "  prefix 2002:ac1f:2aef:1::/64 onlink autonomous, lifetime 1800s/1800s" ]
	[ "${#lines[@]}" -eq 6 ]
	run ipv6 -j ra 3
	[ "$(jq -c '[.sent, .router_lifetime, .mtu, .source_lladdr]' <<<"$output")" = '[true,1800,1280,"10.0.0.2"]' ]
	[ "$(jq -c '.prefixes' <<<"$output")" = '[{"prefix":"2002:ac1f:2aef:1::/64","onlink":true,"autonomous":true,"valid_lifetime":1800,"preferred_lifetime":1800}]' ]
	run ipv6 ra 4
	[ "${lines[3]}" = "  source link-layer address 00-10-5a-aa-20-a2" ]
	[ "${lines[4]}" = "  MTU 1500" ]
	[ "${lines[5]}" = "  prefix 2002:ac1f:2aef:2::/64 onlink autonomous, lifetime 1800s/1800s" ]
}

@test "Configuration 2: the MTU option follows the current link MTU" {
	ipv6 ifc 4 mtu 1400
	[ "$(ipv6 ra 4 | sed -n 5p)" = "  MTU 1400" ]
	ipv6 ifc 4 mtu 1500
}

@test "D18: the default route reaches the relay through interface 2, from a 6to4 address" {
	run ipv6 rq 3ffe:1cff:0:f5::1
	[ "$status" -eq 0 ]
	[ "$output" = "3ffe:1cff:0:f5::1 via 2/::131.107.152.32
  route ::/0 -> 2/::131.107.152.32 pref 0: the only matching route
  src 2/2002:ac1f:2aef::ac1f:2aef: rule 8, the longest matching prefix (4 candidates)
  PMTU 1280
  tunnelled to IPv4 131.107.152.32" ]
	run ipv6 -j rq 3ffe:1cff:0:f5::1
	[ "$(jq -c '[.ifindex, .nexthop, .ipv4_destination, .source, .rule, .source_rule]' <<<"$output")" = '[2,"::131.107.152.32","131.107.152.32","2002:ac1f:2aef::ac1f:2aef","only","longest-prefix"]' ]
}

@test "D16: 6to4 takes the IPv4 destination from the 32 bits after 2002::/16" {
	run ipv6 rq 2002:836b:9820::836b:9820
	[ "${lines[0]}" = "2002:836b:9820::836b:9820 via 2/2002:836b:9820::836b:9820 (on-link)" ]
	[ "${lines[1]}" = "  route 2002::/16 -> 2 pref 0: the longest matching prefix (2 matching)" ]
	[ "${lines[2]}" = "  src 2/2002:ac1f:2aef::ac1f:2aef: rule 6, the destination's label (4 candidates)" ]
	[ "${lines[4]}" = "  tunnelled to IPv4 131.107.152.32" ]
	# automatic tunnelling: ::/96, the low 32 bits
	run ipv6 rq ::192.0.2.7
	[ "${lines[0]}" = "::192.0.2.7 via 2/::192.0.2.7 (on-link)" ]
	[ "${lines[1]}" = "  route ::/96 -> 2 pref 256: the longest matching prefix (2 matching)" ]
	[ "${lines[2]}" = "  src 2/::10.0.0.2: rule 6, the destination's label (4 candidates)" ]
	[ "${lines[4]}" = "  tunnelled to IPv4 192.0.2.7" ]
}

@test "D19: hosts on interface 3's subnet are reached on-link from the subnet address" {
	run ipv6 rq 2002:ac1f:2aef:1::99
	[ "${lines[0]}" = "2002:ac1f:2aef:1::99 via 3/2002:ac1f:2aef:1::99 (on-link)" ]
	[ "${lines[1]}" = "  route 2002:ac1f:2aef:1::/64 -> 3 pref 0: the longest matching prefix (3 matching)" ]
	# the link-local address of interface 3 is a candidate too (rule 2
	# passes it over)
	[ "${lines[2]}" = "  src 3/2002:ac1f:2aef:1::a00:2: rule 5, on the outgoing interface (5 candidates)" ]
	[ "${lines[3]}" = "  PMTU 1280" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "D20: without a published default route the router lifetime is 0; unpublished routes are not advertised" {
	ipv6 rtu ::/0 2/::131.107.152.32 life 0
	ipv6 rtu 2001:db8:1::/64 3 pub life 1800
	ipv6 rtu 2001:db8:9::/64 3
	run ipv6 ra 3
	[ "${lines[1]}" = "  current hop limit 128, router lifetime 0s" ]
	[ "${lines[6]}" = "  prefix 2001:db8:1::/64 onlink autonomous, lifetime 1800s/1800s" ]
	[[ "$output" != *"2001:db8:9::"* ]]
	# a published default route through the advertising interface itself
	# does not make it a default router
	ipv6 rtu ::/0 3/fe80::1 pub life 1800
	[ "$(ipv6 ra 3 | sed -n 2p)" = "  current hop limit 128, router lifetime 0s" ]
	ipv6 rtu ::/0 3/fe80::1 life 0
	# nor does one on an interface that does not forward
	ipv6 rtu ::/0 2/::131.107.152.32 pub life 1800
	ipv6 ifc 3 -forw
	[ "$(ipv6 ra 3 | sed -n 2p)" = "  current hop limit 128, router lifetime 0s" ]
	ipv6 ifc 3 forw
	[ "$(ipv6 ra 3 | sed -n 2p)" = "  current hop limit 128, router lifetime 1800s" ]
}

@test "D21: a published prefix that is not /64 is on-link but not autonomous" {
	ipv6 rtu 2001:db8:2::/48 3 pub life 1800
	run ipv6 ra 3
	[[ "$output" == *$'\n  prefix 2001:db8:2::/48 onlink, lifetime 1800s/1800s'* ]]
	[ "$(ipv6 -j ra 3 | jq -c '.prefixes[] | select(.prefix == "2001:db8:2::/48") | [.onlink, .autonomous]')" = "[true,false]" ]
	# and interface 3 configures no address from it
	[[ "$(ipv6 if 3)" != *"2001:db8:2:"* ]]
	[[ "$(ipv6 if 3)" == *"address 2001:db8:1::a00:2, "* ]]
}

@test "D22: spl puts the site prefix length into the PIO" {
	ipv6 rtu 2002:836b:9820:2::/64 4 pub life 1800 spl 48
	[[ "$(ipv6 rt)" == *"2002:836b:9820:2::/64 -> 4 pref 0 (lifetime 1800s, publish, no aging, spl 48)"* ]]
	run ipv6 ra 4
	[[ "$output" == *$'\n  prefix 2002:836b:9820:2::/64 onlink autonomous, lifetime 1800s/1800s, site prefix length 48'* ]]
	[ "$(ipv6 -j ra 4 | jq '.prefixes[] | select(.prefix == "2002:836b:9820:2::/64") | .site_prefix_length')" = 48 ]
	run ipv6 rtu 2002:836b:9820:3::/64 4 pub spl 65
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rtu: site prefix length 65 is longer than the prefix of route 2002:836b:9820:3::/64 -> 4" ]
}

@test "D23/D24: aging and published routes; a retracted route ages out of the table and the RA" {
	ipv6 rtu 2001:db8:3::/64 4 life 100
	ipv6 rtu 2001:db8:4::/64 4 pub life 100
	ipv6 rtu 2001:db8:5::/64 4 pub age life 100
	advance_clock 30
	run ipv6 rt
	[[ "$output" == *"2001:db8:3::/64 -> 4 pref 0 (lifetime 70s)"* ]]
	[[ "$output" == *"2001:db8:4::/64 -> 4 pref 0 (lifetime 100s, publish, no aging)"* ]]
	[[ "$output" == *"2001:db8:5::/64 -> 4 pref 0 (lifetime 70s, publish)"* ]]
	# an aging published route advertises what is left of its lifetime
	[[ "$(ipv6 ra 4)" == *"prefix 2001:db8:5::/64 onlink autonomous, lifetime 70s/70s"* ]]
	# retraction: make the published route age
	ipv6 rtu 2001:db8:4::/64 4 pub age life 100
	advance_clock 100
	run ipv6 rt
	[[ "$output" != *"2001:db8:3::/64"* ]]
	[[ "$output" != *"2001:db8:4::/64"* ]]
	[[ "$output" != *"2001:db8:5::/64"* ]]
	[[ "$(ipv6 ra 4)" != *"2001:db8:4::"* ]]
	# the address interface 4 configured from it ages out on its own
	[[ "$(ipv6 if 4)" != *"2001:db8:4:0:210:5aff:feaa:20a2"* ]]
}

@test "D25: lifetime 0 deletes; removing ::/96 turns automatic tunnelling off" {
	ipv6 rtu 2002::/16 2 life 0
	[[ "$(ipv6 rt)" != *"2002::/16"* ]]
	# 6to4 destinations now follow the default route to the relay
	[ "$(ipv6 rq 2002:836b:9820::1 | head -n 1)" = "2002:836b:9820::1 via 2/::131.107.152.32" ]
	ipv6 rtu ::/96 2 life 0
	[[ "$(ipv6 rt)" != *"::/96"* ]]
	# ::192.0.2.7 now follows the default route to the relay
	[ "$(ipv6 rq ::192.0.2.7 | head -n 1)" = "::192.0.2.7 via 2/::131.107.152.32" ]
	ipv6 rtu ::/96 2 pref 256
	ipv6 rtu 2002::/16 2
}

@test "D26: of two routes to one prefix the smaller preference wins, then table order" {
	ipv6 rtu 2001:db8:77::/64 3/fe80::10 pref 10
	ipv6 rtu 2001:db8:77::/64 4/fe80::5 pref 5
	run ipv6 rq 2001:db8:77::1
	[ "${lines[0]}" = "2001:db8:77::1 via 4/fe80::5" ]
	[ "${lines[1]}" = "  route 2001:db8:77::/64 -> 4/fe80::5 pref 5: the smallest preference among the longest prefixes (3 matching)" ]
	ipv6 rtu 2001:db8:77::/64 3/fe80::10 pref 5
	run ipv6 rq 2001:db8:77::1
	[ "${lines[0]}" = "2001:db8:77::1 via 3/fe80::10" ]
	[ "${lines[1]}" = "  route 2001:db8:77::/64 -> 3/fe80::10 pref 5: the first of equally preferred routes (3 matching)" ]
	# the interface metric adds to the preference
	run netcfg-rpc interface.set '{"settings":{"ifindex":3,"metric":1}}'
	[ "$status" -eq 0 ]
	[ "$(ipv6 rq 2001:db8:77::1 | head -n 1)" = "2001:db8:77::1 via 4/fe80::5" ]
	netcfg-rpc interface.set '{"settings":{"ifindex":3,"metric":0}}'
	ipv6 rtu 2001:db8:77::/64 3/fe80::10 life 0
	ipv6 rtu 2001:db8:77::/64 4/fe80::5 life 0
}

@test "D27: multicast default-interface routes" {
	ipv6 rtu ff02::5/128 3
	ipv6 rtu ff0e::/16 3
	ipv6 rtu ff00::/8 3
	run ipv6 rt
	[[ "$output" == *"ff02::5/128 -> 3 pref 0 (lifetime infinite)"* ]]
	[[ "$output" == *"ff0e::/16 -> 3 pref 0 (lifetime infinite)"* ]]
	[[ "$output" == *"ff00::/8 -> 3 pref 0 (lifetime infinite)"* ]]
	run ipv6 rq ff02::5
	[ "${lines[0]}" = "ff02::5%3 via 3/ff02::5 (on-link)" ]
	[ "${lines[1]}" = "  route ff02::5/128 -> 3 pref 0: the longest matching prefix (2 matching)" ]
	[[ "${lines[2]}" == "  src 3/fe80::a00:2: rule 2, the appropriate scope ("*" candidates)" ]]
	run ipv6 rq ff0e::1
	[ "${lines[0]}" = "ff0e::1 via 3/ff0e::1 (on-link)" ]
	[ "${lines[1]}" = "  route ff0e::/16 -> 3 pref 0: the longest matching prefix (2 matching)" ]
	# global scope, on interface 3, and the label of ::/0 (rule 6)
	[[ "${lines[2]}" == "  src 3/2001:db8:1::a00:2: rule 6, the destination's label ("* ]]
	[ "$(ipv6 rq ff05::2 | head -n 1)" = "ff05::2%1 via 3/ff05::2 (on-link)" ]
	# multicast is never sent to a neighbor: no neighbor cache entries
	[[ "$(ipv6 nc)" != *"ff0"* ]]
	run ipv6 rtu ff0e::/16 3/fe80::1
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rtu: multicast prefix ff0e::/16 is always on-link: it takes no next hop" ]
}

@test "D28: site prefixes by hand: add, show, update, delete" {
	run ipv6 spt
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ipv6 spu fec0:0:0:1::/64 4
	run ipv6 spt
	[ "$output" = "fec0:0:0:1::/64 -> 4 (lifetime infinite)" ]
	ipv6 spu 2002:836b:9820::/48 3 lifetime 600
	advance_clock 100
	run ipv6 spt
	[ "${lines[1]}" = "2002:836b:9820::/48 -> 3 (lifetime 500s)" ]
	run ipv6 -j spt
	[ "$(jq -c '.[1] | [.prefix, .ifindex, .lifetime, .origin]' <<<"$output")" = '["2002:836b:9820::/48",3,500,"manual"]' ]
	advance_clock 500
	[ "$(ipv6 spt)" = "fec0:0:0:1::/64 -> 4 (lifetime infinite)" ]
	ipv6 spu fec0:0:0:1::/64 4 life 0
	[ -z "$(ipv6 spt)" ]
	run ipv6 spu fec0:0:0:1::/64 4 life 0
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: spu: site prefix fec0:0:0:1::/64 on interface 4 does not exist" ]
	run ipv6 spu fec0:0:0:1::/64 9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: spu: interface 9 does not exist" ]
	run ipv6 spu fec0::1/64 4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: spu: "fec0::1/64" is not an IPv6 prefix (address/length, host bits zero)' ]
	run ipv6 spu fec0::/64 4 life forever
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: spu: "forever" is not a lifetime (infinite or seconds)' ]
	run ipv6 spu fec0::/64
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: spu: missing if#' ]
}

@test "D22: a host receiving interface 4's advertisement learns the site prefix, a default route and addresses" {
	# the model has no wire: interface 3 turns host and the advertisement
	# of interface 4 is delivered to it (test-clock only)
	ipv6 ifc 3 -forw -adv
	ipv6 gpu UseTemporaryAddresses counter
	run netcfg-rpc ra.receive '{"ifindex":3,"from":4}'
	[ "$status" -eq 0 ]
	[[ "$(ipv6 spt)" == *"2002:836b:9820::/48 -> 3 (lifetime 1800s)"* ]]
	[ "$(ipv6 -j spt | jq -r '.[] | select(.ifindex == 3) | .origin')" = autoconf ]
	run ipv6 rt
	[[ "$output" == *"::/0 -> 3/fe80::210:5aff:feaa:20a2 pref 256 (lifetime 1800s)"* ]]
	[[ "$output" == *"2002:836b:9820:2::/64 -> 3 pref 8 (lifetime 1800s)"* ]]
	run ipv6 if 3
	[[ "$output" == *"    tentative address 2002:836b:9820:2::a00:2, 1800s/1800s (addrconf)"* ]]
	# a temporary address beside each (counter: identifiers 1, 2, ...)
	[[ "$output" == *"    tentative address 2002:ac1f:2aef:2::1, 1800s/1800s (addrconf)"* ]]
	[[ "$output" == *"    tentative address 2002:836b:9820:2::2, 1800s/1800s (addrconf)"* ]]
	[ "$(ipv6 nc 3 fe80::210:5aff:feaa:20a2)" = "3: fe80::210:5aff:feaa:20a2 00-10-5a-aa-20-a2 stale (router)" ]
	# the learned default route and addresses age: they are not published
	advance_clock 100
	[[ "$(ipv6 rt)" == *"::/0 -> 3/fe80::210:5aff:feaa:20a2 pref 256 (lifetime 1700s)"* ]]
	# the temporary address is the source of choice over the public one
	# of the same prefix (rule 7), although the public one matches more
	# of the destination (rule 8); with temporary addresses off, rule 8
	[[ "$(ipv6 rq 2002:836b:9820:2::a00:5 3 | sed -n 3p)" == "  src 3/2002:836b:9820:2::2: "* ]]
	ipv6 gpu UseTemporaryAddresses no
	[[ "$(ipv6 rq 2002:836b:9820:2::a00:5 3 | sed -n 3p)" == "  src 3/2002:836b:9820:2::a00:2: rule 8, "* ]]
	# an advertising interface does not learn from others
	ipv6 ifc 3 adv
	run netcfg-rpc ra.receive '{"ifindex":3,"from":4}'
	[ "$status" -eq 1 ]
	[[ "$output" == *"interface 3 (6-over-4 Virtual Interface) advertises: a router does not configure itself from other routers' advertisements"* ]]
	ipv6 ifc 3 -adv
	run netcfg-rpc ra.receive '{"ifindex":2,"from":4}'
	[ "$status" -eq 1 ]
	[[ "$output" == *"interface 2 (Tunnel Pseudo-Interface) does not use Neighbor Discovery"* ]]
	# router lifetime 0 withdraws the default route
	run netcfg-rpc ra.receive '{"ifindex":3,"router":"fe80::210:5aff:feaa:20a2","ra":{"ifindex":4,"router_lifetime":0}}'
	[ "$status" -eq 0 ]
	[[ "$(ipv6 rt)" != *"::/0 -> 3/"* ]]
	ipv6 gpu UseTemporaryAddresses yes
}

@test "stackd exits cleanly" {
	stop_stackd
}
