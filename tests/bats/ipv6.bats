#!/usr/bin/env bats
# ipv6.bats - the ipv6 tool against a model stack with the seeds' adapters.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

@test "ipv6 if reproduces the seed's sample byte for byte" {
	run ipv6 if
	[ "$status" -eq 0 ]
	diff <(echo "$output") "$FIXTURES/ipv6-if.seed.txt"
}

@test "ip6 is another name for ipv6" {
	run ip6 if
	[ "$status" -eq 0 ]
	diff <(echo "$output") "$FIXTURES/ipv6-if.seed.txt"
}

@test "ipv6 if 4 shows only interface 4" {
	run ipv6 if 4
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Interface 4 (site 1): Local Area Connection" ]
	[ "$(grep -c '^Interface' <<<"$output")" -eq 1 ]
	diff <(echo "$output") <(if_block 4 < "$FIXTURES/ipv6-if.seed.txt")
}

@test "ipv6 if 99 names the missing interface and fails" {
	run ipv6 if 99
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: if: interface 99 does not exist" ]
}

@test "C11: adu with no lifetime adds a preferred address with infinite lifetimes" {
	run ipv6 adu 4/2001:db8::1
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run ipv6 if 4
	[[ "$output" == *$'\n    preferred address 2001:db8::1, infinite/infinite\n'* ]]
	# the address joined its solicited-node group
	[[ "$output" == *"multicast address ff02::1:ff00:1, 1 refs, last reporter"* ]]
}

@test "C12: lifetimes VL and VL/PL; PL longer than VL is refused and changes nothing" {
	ipv6 adu 4/2001:db8::2 life 600
	ipv6 adu 4/2001:db8::3 lifetime 600/300
	run ipv6 if 4
	[[ "$output" == *"preferred address 2001:db8::2, 600s/600s"* ]]
	[[ "$output" == *"preferred address 2001:db8::3, 600s/300s"* ]]
	before=$(ipv6 if 4)
	run ipv6 adu 4/2001:db8::4 life 300/600
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: adu: preferred lifetime 600s of 2001:db8::4 is longer than its valid lifetime 300s" ]
	[ "$(ipv6 if 4)" = "$before" ]
}

@test "C13: lifetime 0 removes an address" {
	ipv6 adu 4/2001:db8::1 life 0
	run ipv6 if 4
	[[ "$output" != *"2001:db8::1,"* ]]
	[[ "$output" != *"ff02::1:ff00:1,"* ]]
	run ipv6 adu 4/2001:db8::1 life 0
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: adu: address 2001:db8::1 does not exist on interface 4" ]
}

@test "C14: anycast addresses take only lifetime 0 or infinite" {
	ipv6 adu 4/2001:db8::5 anycast
	run ipv6 if 4
	[[ "$output" == *$'\n    anycast address 2001:db8::5\n'* ]]
	run ipv6 adu 4/2001:db8::6 anycast life 600
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: adu: anycast address 2001:db8::6 takes only lifetime 0 or infinite" ]
	[[ "$(ipv6 if 4)" != *"2001:db8::6"* ]]
	ipv6 adu 4/2001:db8::5 anycast life 0
	[[ "$(ipv6 if 4)" != *"2001:db8::5"* ]]
}

@test "D15: a fresh stack tunnels ::/96 on interface 2 and has no 6to4 route" {
	run ipv6 rt
	[ "$status" -eq 0 ]
	[[ "$output" == *"::/96 -> 2 pref 256 (lifetime infinite)"* ]]
	[[ "$output" != *"2002::/16"* ]]
	[[ "$output" == *"fe80::/64 -> 4 pref 256 (lifetime infinite)"* ]]
	[[ "$output" == *"fe80::/64 -> 3 pref 256 (lifetime infinite)"* ]]
}

@test "D16: rtu 2002::/16 2 enables 6to4: pref 0, infinite, not published, aging" {
	ipv6 rtu 2002::/16 2
	run ipv6 rt
	[[ "$output" == *$'\n2002::/16 -> 2 pref 0 (lifetime infinite)'* ]]
	run ipv6 -j rt
	[ "$(jq -c '.[] | select(.prefix == "2002::/16") | [.ifindex, .preference, .lifetime, .publish, .age]' <<<"$output")" = '[2,0,"infinite",false,true]' ]
}

@test "the seed's next-hop spelling 2::131.107.152.32 means 2/::131.107.152.32" {
	ipv6 rtu ::/0 2::131.107.152.32 pub life 1800
	ipv6 rtu ::/0 2/::131.107.152.32 pub life 1800
	run ipv6 rt
	[ "$(grep -c '^::/0 -> ' <<<"$output")" -eq 1 ]
	[[ "$output" == *"::/0 -> 2/::131.107.152.32 pref 0 (lifetime 1800s, publish, no aging)"* ]]
}

@test "the seeds' Configuration 2 route with spl shows it" {
	ipv6 rtu 2002:836b:9820:2::/64 4 pub life 1800 spl 48
	run ipv6 rt
	[[ "$output" == *"2002:836b:9820:2::/64 -> 4 pref 0 (lifetime 1800s, publish, no aging, spl 48)"* ]]
}

@test "route lifetimes count down unless published without age, then expire" {
	ipv6 rtu 2001:db8:a::/64 4 life 100
	ipv6 rtu 2001:db8:b::/64 4 pub life 100
	ipv6 rtu 2001:db8:c::/64 4 pub age life 100
	advance_clock 40
	run ipv6 rt
	[[ "$output" == *"2001:db8:a::/64 -> 4 pref 0 (lifetime 60s)"* ]]
	[[ "$output" == *"2001:db8:b::/64 -> 4 pref 0 (lifetime 100s, publish, no aging)"* ]]
	[[ "$output" == *"2001:db8:c::/64 -> 4 pref 0 (lifetime 60s, publish)"* ]]
	advance_clock 60
	run ipv6 rt
	[[ "$output" != *"2001:db8:a::/64"* ]]
	[[ "$output" != *"2001:db8:c::/64"* ]]
	[[ "$output" == *"2001:db8:b::/64 -> 4 pref 0 (lifetime 100s, publish, no aging)"* ]]
	ipv6 rtu 2001:db8:b::/64 4 life 0
}

@test "address lifetimes deprecate at PL and disappear at VL" {
	ipv6 adu 4/2001:db8::7 life 600/300
	advance_clock 299
	[[ "$(ipv6 if 4)" == *"preferred address 2001:db8::7, 301s/1s"* ]]
	advance_clock 1
	[[ "$(ipv6 if 4)" == *"deprecated address 2001:db8::7, 300s/0s"* ]]
	run ipv6 -j if 4
	[ "$(jq -r '.[0].addresses[] | select(.address == "2001:db8::7") | .state' <<<"$output")" = deprecated ]
	advance_clock 300
	run ipv6 if 4
	[[ "$output" != *"2001:db8::7"* ]]
	[[ "$output" != *"ff02::1:ff00:7"* ]]
}

@test "rtu lifetime 0 deletes; deleting a missing route fails and names it" {
	ipv6 rtu 2001:db8:d::/64 3 pref 5
	ipv6 rtu 2001:db8:d::/64 3 life 0
	[[ "$(ipv6 rt)" != *"2001:db8:d::/64"* ]]
	run ipv6 rtu 2001:db8:d::/64 3 life 0
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rtu: route 2001:db8:d::/64 -> 3 does not exist" ]
}

@test "an unknown interface is an error and changes nothing" {
	before=$(ipv6 rt)
	run ipv6 rtu 2001:db8:e::/64 9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: rtu: interface 9 does not exist" ]
	run ipv6 adu 9/2001:db8::9
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: adu: interface 9 does not exist" ]
	[ "$(ipv6 rt)" = "$before" ]
}

@test "syntax errors name the offending word, exit 2 and change nothing" {
	before=$(ipv6 rt; ipv6 if)
	run ipv6 rtu 2001:db8::1/64 4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rtu: "2001:db8::1/64" is not an IPv6 prefix (address/length, host bits zero)' ]
	[[ "${lines[1]}" == "usage: ipv6 rtu prefix if#[/nexthop]"* ]]
	run ipv6 rtu 2001:db8::/64 x4
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rtu: "x4" is not if# or if#/nexthop' ]
	run ipv6 rtu 2001:db8::/64 4 colour blue
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rtu: unknown keyword "colour"' ]
	run ipv6 rtu 2001:db8::/64 4 life soon
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: rtu: "soon" is not a lifetime (infinite or seconds)' ]
	run ipv6 adu 4-2001:db8::1
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: adu: "4-2001:db8::1" is not if#/address' ]
	run ipv6 adu 4/2001:zz8::1
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: adu: "2001:zz8::1" is not an IPv6 address' ]
	run ipv6 frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = 'ipv6: unknown command "frobnicate" (see ipv6 --help)' ]
	run ipv6 if four
	[ "$status" -eq 2 ]
	[ "$(ipv6 rt; ipv6 if)" = "$before" ]
}

@test "ipv6 -j prints the interfaces and routes as JSON" {
	run ipv6 -j if
	[ "$status" -eq 0 ]
	[ "$(jq -r '.[].index' <<<"$output" | tr '\n' ' ')" = "4 3 2 1 " ]
	[ "$(jq -r '.[] | select(.index == 4) | .lladdr' <<<"$output")" = "00-10-5a-aa-20-a2" ]
	[ "$(jq -r '.[] | select(.index == 3) | .addresses[0].address' <<<"$output")" = "fe80::a00:2" ]
	[ "$(jq -r '.[] | select(.index == 1) | .hop_limit' <<<"$output")" = "1" ]
	run ipv6 -j rt
	[ "$(jq -r '.[] | select(.prefix == "::/0") | .nexthop' <<<"$output")" = "::131.107.152.32" ]
}

@test "ipv6 changes are lost when the stack restarts; ipv6 -p changes are kept" {
	ipv6 adu 4/2001:db8::100
	ipv6 rtu 2001:db8:100::/64 4
	ipv6 -p adu 4/2001:db8::101
	ipv6 -p rtu 2001:db8:101::/64 4 pref 7
	ipv6 -p rtu ::/96 2 life 0
	restart_stackd
	run ipv6 if 4
	[[ "$output" != *"2001:db8::100"* ]]
	[[ "$output" == *"preferred address 2001:db8::101, infinite/infinite"* ]]
	run ipv6 rt
	[[ "$output" != *"2001:db8:100::/64"* ]]
	[[ "$output" == *"2001:db8:101::/64 -> 4 pref 7 (lifetime infinite)"* ]]
	# the removed default route stays removed
	[[ "$output" != *"::/96 -> 2"* ]]
	# and the seed's routes from earlier tests were active-only
	[[ "$output" != *"2002::/16"* ]]
}

@test "--help and --version" {
	run ipv6 --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"ipv6 rtu prefix if#[/nexthop]"* ]]
	run ipv6 --version
	[ "$status" -eq 0 ]
	[[ "$output" == "ipv6 (netcfg) "* ]]
	run ipv6
	[ "$status" -eq 2 ]
	run ipv6 -x if
	[ "$status" -eq 2 ]
	[ "$output" = 'ipv6: unknown option "-x" (see ipv6 --help)' ]
}

@test "stackd exits cleanly" {
	stop_stackd
}
