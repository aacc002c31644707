#!/usr/bin/env bats
# ipv6-tables.bats - the prefix policy table (ppt/ppu/ppd), global
# parameters (gp/gpu), persistence with -p, the JSON of every show, and
# the stack objects netsh shares (DNS servers, interfaces by name) through
# the daemon protocol.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

@test "ppt: the table starts with the RFC 3484 defaults" {
	run ipv6 ppt
	[ "$status" -eq 0 ]
	[ "$output" = "::1/128 -> precedence 50 srclabel 0 dstlabel 0
::/0 -> precedence 40 srclabel 1 dstlabel 1
2002::/16 -> precedence 30 srclabel 2 dstlabel 2
::/96 -> precedence 20 srclabel 3 dstlabel 3
::ffff:0.0.0.0/96 -> precedence 10 srclabel 4 dstlabel 4" ]
	run ipv6 -j ppt
	[ "$(jq -c '.[1]' <<<"$output")" = '{"prefix":"::/0","precedence":40,"srclabel":1,"dstlabel":1}' ]
}

@test "ppu adds and updates; dstlabel defaults to srclabel; ppd deletes" {
	ipv6 ppu 2001::/32 precedence 5 srclabel 5
	[ "$(ipv6 ppt | tail -n 1)" = "2001::/32 -> precedence 5 srclabel 5 dstlabel 5" ]
	ipv6 ppu 2001::/32 precedence 6 srclabel 7 dstlabel 8
	[ "$(ipv6 ppt | tail -n 1)" = "2001::/32 -> precedence 6 srclabel 7 dstlabel 8" ]
	ipv6 ppu ::/96 precedence 3 srclabel 4
	[[ "$(ipv6 ppt)" == *$'\n::/96 -> precedence 3 srclabel 4 dstlabel 4\n'* ]]
	ipv6 ppd 2001::/32
	[[ "$(ipv6 ppt)" != *"2001::/32"* ]]
	run ipv6 ppd 2001::/32
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: ppd: prefix policy 2001::/32 does not exist" ]
	ipv6 ppu ::/96 precedence 20 srclabel 3
}

@test "ppu and ppd bad input: one line naming the word, exit 2, nothing changed" {
	before=$(ipv6 ppt)
	run ipv6 ppu 2001::/32 precedence 5
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "ipv6: ppu: missing srclabel" ]
	[ "${lines[1]}" = "usage: ipv6 ppu prefix precedence P srclabel S [dstlabel D]" ]
	run ipv6 ppu 2001::/32 srclabel 5
	[ "${lines[0]}" = "ipv6: ppu: missing precedence" ]
	run ipv6 ppu 2001::/32 precedence high srclabel 5
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: ppu: "high" is not a number for precedence' ]
	run ipv6 ppu 2001::1/32 precedence 5 srclabel 5
	[ "${lines[0]}" = 'ipv6: ppu: "2001::1/32" is not an IPv6 prefix (address/length, host bits zero)' ]
	run ipv6 ppu 2001::/32 precedence 5 srclabel 5 colour 3
	[ "${lines[0]}" = 'ipv6: ppu: unknown keyword "colour"' ]
	run ipv6 ppu 2001::/32 precedence
	[ "${lines[0]}" = 'ipv6: ppu: "precedence" needs a value' ]
	run ipv6 ppd
	[ "${lines[0]}" = 'ipv6: ppd: missing prefix' ]
	run ipv6 ppt extra
	[ "$status" -eq 2 ]
	[ "$(ipv6 ppt)" = "$before" ]
}

@test "gp shows the global parameters with their defaults" {
	run ipv6 gp
	[ "$status" -eq 0 ]
	[ "$output" = "DefaultCurHopLimit = 128
UseTemporaryAddresses = yes
MaxTempDADAttempts = 5
MaxTempValidLifetime = 7d
MaxTempPreferredLifetime = 1d
TempRegenerateTime = 5s
MaxTempRandomTime = 10m
TempRandomTime = 0s
NeighborCacheLimit = 8
RouteCacheLimit = 32
BindingCacheLimit = 32
ReassemblyLimit = 262144
MobilitySecurity = on" ]
	run ipv6 -j gp
	[ "$(jq -c '[.default_hop_limit, .use_temporary_addresses, .max_temp_valid_lifetime, .mobility_security]' <<<"$output")" = '[128,"yes",604800,true]' ]
}

@test "gpu changes parameters (case-insensitive names, times with units)" {
	ipv6 gpu maxtemppreferredlifetime 12h UseTemporaryAddresses no MobilitySecurity off
	run ipv6 gp
	[[ "$output" == *$'\nMaxTempPreferredLifetime = 12h\n'* ]]
	[[ "$output" == *$'\nUseTemporaryAddresses = no\n'* ]]
	[[ "$output" == *$'\nMobilitySecurity = off'* ]]
	# the hop limit of interfaces still at the default follows it, unless
	# it was set on the interface
	ipv6 ifc 3 hoplimit 128
	ipv6 gpu DefaultCurHopLimit 64
	[[ "$(ipv6 if 4)" == *$'\n  current hop limit 64\n'* ]]
	[[ "$(ipv6 if 3)" == *$'\n  current hop limit 128\n'* ]]
	[[ "$(ipv6 if 1)" == *$'\n  current hop limit 1\n'* ]]
	ipv6 gpu DefaultCurHopLimit 128 MaxTempPreferredLifetime 1d UseTemporaryAddresses yes MobilitySecurity on
	[[ "$(ipv6 if 4)" == *$'\n  current hop limit 128\n'* ]]
}

@test "gpu bad input is refused with one line and changes nothing" {
	before=$(ipv6 gp)
	run ipv6 gpu Bogus 1
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipv6: gpu: unknown parameter "Bogus" (see ipv6 gp)' ]
	run ipv6 gpu RouteCacheLimit
	[ "${lines[0]}" = 'ipv6: gpu: "RouteCacheLimit" needs a value' ]
	run ipv6 gpu RouteCacheLimit many
	[ "${lines[0]}" = 'ipv6: gpu: "many" is not a number for RouteCacheLimit' ]
	run ipv6 gpu UseTemporaryAddresses maybe
	[ "${lines[0]}" = 'ipv6: gpu: "maybe" is not no, yes, always or counter for UseTemporaryAddresses' ]
	run ipv6 gpu TempRandomTime soon
	[ "${lines[0]}" = 'ipv6: gpu: "soon" is not a time for TempRandomTime (seconds, or units like 7d, 10m)' ]
	run ipv6 gpu RouteCacheLimit 5 RouteCacheLimit 6
	[ "${lines[0]}" = 'ipv6: gpu: parameter "RouteCacheLimit" is given twice' ]
	# rules between parameters are the stack's: exit 1, and the valid
	# parameter given with the bad one is not applied either
	run ipv6 gpu RouteCacheLimit 5 DefaultCurHopLimit 0
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: gpu: DefaultCurHopLimit 0 is out of range: 1 to 255" ]
	run ipv6 gpu MaxTempPreferredLifetime 8d
	[ "$status" -eq 1 ]
	[ "$output" = "ipv6: gpu: MaxTempPreferredLifetime 691200 is longer than MaxTempValidLifetime 604800" ]
	run ipv6 gpu TempRandomTime 11m
	[ "$output" = "ipv6: gpu: TempRandomTime 660 is longer than MaxTempRandomTime 600" ]
	run ipv6 gpu NeighborCacheLimit 0
	[ "$output" = "ipv6: gpu: NeighborCacheLimit must be at least 1" ]
	[ "$(ipv6 gp)" = "$before" ]
}

@test "every show has -j from the shared codec" {
	ipv6 rtu 2001:db8:9::/64 4/fe80::9
	ipv6 rq 2001:db8:9::1 >/dev/null
	ipv6 spu 2001:db8::/48 4
	for cmd in if rt nc rc bc spt ppt; do
		run ipv6 -j $cmd
		[ "$status" -eq 0 ]
		jq -e 'type == "array"' <<<"$output" >/dev/null
	done
	for cmd in gp "rq 2001:db8:9::1" "ra 4"; do
		run ipv6 -j $cmd
		[ "$status" -eq 0 ]
		jq -e 'type == "object"' <<<"$output" >/dev/null
	done
	[ "$(ipv6 -j nc | jq -c '.[0] | keys')" = '["address","ifindex","lladdr","refs","router","state","unreachable"]' ]
	[ "$(ipv6 -j rc | jq -c '.[0] | keys')" = '["destination","ifindex","interface_specific","nexthop","pmtu","source","source_ifindex"]' ]
	[ "$(ipv6 -j spt | jq -c '.[0]')" = '{"prefix":"2001:db8::/48","ifindex":4,"lifetime":"infinite","origin":"manual"}' ]
	[ "$(ipv6 -j sort 2001:db8:9::1 | jq -c '.[0] | keys')" = '["address","label","precedence","scope_id","source","source_ifindex","usable"]' ]
	# the -j output is what the daemon sends
	[ "$(ipv6 -j ppt)" = "$(netcfg-rpc prefix_policy.list | jq -c .result)" ]
	[ "$(ipv6 -j gp)" = "$(netcfg-rpc global.get | jq -c .result)" ]
	ipv6 spu 2001:db8::/48 4 life 0
	ipv6 rtu 2001:db8:9::/64 4/fe80::9 life 0
	ipv6 rcf
	ipv6 ncf
}

@test "ipv6 -p persists ppu, ppd, gpu, spu, rtu and adu; the rest is lost on restart" {
	ipv6 -p ppu 2001::/32 precedence 5 srclabel 5
	ipv6 -p ppd ::/96
	ipv6 ppu 3ffe::/16 precedence 1 srclabel 12
	ipv6 -p gpu RouteCacheLimit 64
	ipv6 -p gpu NeighborCacheLimit 16
	ipv6 gpu ReassemblyLimit 1000
	ipv6 -p spu 2002:836b:9820::/48 4
	ipv6 spu fec0::/48 3
	restart_stackd
	run ipv6 ppt
	[[ "$output" == *"2001::/32 -> precedence 5 srclabel 5 dstlabel 5"* ]]
	[[ "$output" != *"::/96 ->"* ]]
	[[ "$output" != *"3ffe::/16"* ]]
	run ipv6 gp
	[[ "$output" == *$'\nRouteCacheLimit = 64\n'* ]]
	[[ "$output" == *$'\nNeighborCacheLimit = 16\n'* ]]
	[[ "$output" == *$'\nReassemblyLimit = 262144\n'* ]]
	[ "$(ipv6 spt)" = "2002:836b:9820::/48 -> 4 (lifetime infinite)" ]
	# undo it all, persistently
	ipv6 -p ppd 2001::/32
	ipv6 -p ppu ::/96 precedence 20 srclabel 3
	ipv6 -p gpu RouteCacheLimit 32 NeighborCacheLimit 8
	ipv6 -p spu 2002:836b:9820::/48 4 life 0
	restart_stackd
	[ "$(ipv6 spt)" = "" ]
	[[ "$(ipv6 ppt)" != *"2001::/32"* ]]
	[ "$(ipv6 ppt | sed -n 4p)" = "::/96 -> precedence 20 srclabel 3 dstlabel 3" ]
}

@test "a batch that fails half-way changes nothing (new tables included)" {
	before=$(ipv6 ppt; ipv6 gp; ipv6 if; ipv6 spt; ipv6 nc)
	run netcfg-rpc batch '{"ops":[
		{"op":"prefix_policy.add","args":{"policy":{"prefix":"2001::/32","precedence":5,"srclabel":5}}},
		{"op":"global.set","args":{"global":{"route_cache_limit":7}}},
		{"op":"interface.add","args":{"interface":{"name":"t1","kind":"v6v4","local":"10.0.0.2","remote":"192.0.2.1"}}},
		{"op":"address.add","args":{"address":{"interface":"t1","address":"2001:db8:t::1"}}}]}'
	[ "$status" -ne 0 ]
	run netcfg-rpc batch '{"ops":[
		{"op":"prefix_policy.add","args":{"policy":{"prefix":"2001::/32","precedence":5,"srclabel":5}}},
		{"op":"global.set","args":{"global":{"route_cache_limit":7}}},
		{"op":"interface.add","args":{"interface":{"name":"t1","kind":"v6v4","local":"10.0.0.2","remote":"192.0.2.1"}}},
		{"op":"interface.set","args":{"settings":{"interface":"t1","forwards":true}}},
		{"op":"site_prefix.add","args":{"site_prefix":{"prefix":"2001:db8::/48","interface":"t1"}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:7::/48","interface":"t1","nexthop":"fe80::7"}}},
		{"op":"neighbor.add","args":{"neighbor":{"ifindex":4,"address":"fe80::44","lladdr":"00-00-00-00-00-44"}}},
		{"op":"interface.delete","args":{"ifindex":4}},
		{"op":"interface.set","args":{"settings":{"ifindex":3,"mtu":99}}}]}'
	[ "$status" -eq 1 ]
	[[ "$output" == *'"index":8'* ]]
	[[ "$output" == *"MTU 99 is out of range for interface 3"* ]]
	[ "$(ipv6 ppt; ipv6 gp; ipv6 if; ipv6 spt; ipv6 nc)" = "$before" ]
	# and the next interface gets the number the failed one would have had
	[ "$(ipv6 ifcr 6over4 10.9.9.9)" = "Created interface 5." ]
	ipv6 ifd 5
}

@test "a batch can create an interface and configure it by name" {
	run netcfg-rpc batch '{"ops":[
		{"op":"interface.add","args":{"interface":{"name":"tunnel to hq","kind":"v6v4","local":"10.0.0.2","remote":"192.0.2.1"}}},
		{"op":"address.add","args":{"address":{"interface":"tunnel to hq","address":"2001:db8:1::2"}}},
		{"op":"route.add","args":{"route":{"prefix":"::/0","interface":"tunnel to hq","nexthop":"2001:db8:1::1"}}},
		{"op":"dns.add","args":{"server":{"interface":"tunnel to hq","address":"2001:db8:1::53"}}}]}'
	[ "$status" -eq 0 ]
	# interface.list by name is what netcfg_interface_index() asks
	index=$(netcfg-rpc interface.list '{"interface":"tunnel to hq"}' | jq '.result[0].index')
	[ "$index" = "$(ipv6 -j if | jq '.[] | select(.name == "tunnel to hq") | .index')" ]
	run netcfg-rpc interface.list '{"interface":"no such"}'
	[ "$status" -eq 2 ]
	[[ "$output" == *'interface \"no such\" does not exist'* ]]
	[[ "$(ipv6 if "$index")" == *"preferred address 2001:db8:1::2, infinite/infinite"* ]]
	[[ "$(ipv6 rt)" == *"::/0 -> $index/2001:db8:1::1 pref 0"* ]]
	[ "$(netcfg-rpc dns.list "{\"interface\":\"tunnel to hq\"}" | jq -c '.result')" = "[{\"ifindex\":$index,\"address\":\"2001:db8:1::53\",\"position\":1}]" ]
	netcfg-rpc interface.delete '{"interface":"tunnel to hq"}' >/dev/null
	[[ "$(ipv6 rt)" != *"::/0"* ]]
}

@test "DNS servers: insert at a position, delete one, flush, persist as a list" {
	rpc() { netcfg-rpc "$@" >/dev/null; }
	rpc dns.add '{"server":{"ifindex":4,"address":"2001:db8::53"}}'
	rpc dns.add '{"server":{"ifindex":4,"address":"2001:db8::54"}}'
	rpc dns.add '{"server":{"ifindex":4,"address":"2001:db8::52","position":1},"persist":true}'
	[ "$(netcfg-rpc dns.list '{"ifindex":4}' | jq -r '.result[].address' | tr '\n' ' ')" = "2001:db8::52 2001:db8::53 2001:db8::54 " ]
	run netcfg-rpc dns.add '{"server":{"ifindex":4,"address":"2001:db8::53"}}'
	[ "$status" -eq 3 ]
	[[ "$output" == *"DNS server 2001:db8::53 is already configured on interface 4"* ]]
	rpc dns.delete '{"server":{"ifindex":4,"address":"2001:db8::53"}}'
	[ "$(netcfg-rpc dns.list | jq -r '.result[].address' | tr '\n' ' ')" = "2001:db8::52 2001:db8::54 " ]
	restart_stackd
	# only the persistent one came back
	[ "$(netcfg-rpc dns.list | jq -r '.result[].address' | tr '\n' ' ')" = "2001:db8::52 " ]
	rpc dns.flush '{"ifindex":4,"persist":true}'
	restart_stackd
	[ "$(netcfg-rpc dns.list | jq -c .result)" = "[]" ]
	run netcfg-rpc dns.delete '{"server":{"ifindex":4,"address":"2001:db8::52"}}'
	[ "$status" -eq 2 ]
	[[ "$output" == *"DNS server 2001:db8::52 is not configured on interface 4"* ]]
}

@test "a static neighbor persists by interface name" {
	netcfg-rpc neighbor.add '{"neighbor":{"interface":"Local Area Connection","address":"fe80::1","lladdr":"00-10-5a-00-00-01"},"persist":true}' >/dev/null
	restart_stackd
	[ "$(ipv6 nc 4)" = "4:            fe80::1 00-10-5a-00-00-01 permanent" ]
	run netcfg-rpc neighbor.add '{"neighbor":{"ifindex":4,"address":"fe80::2","lladdr":"10.0.0.1"}}'
	[ "$status" -eq 1 ]
	[[ "$output" == *"the link-layer address of fe80::2 on interface 4 must be a MAC address (aa-bb-cc-dd-ee-ff)"* ]]
	ipv6 -p ncf 4
	restart_stackd
	[ -z "$(ipv6 nc)" ]
}

@test "bench.route_lookup (test clock): every lookup matches; the cache size is bounded" {
	run netcfg-rpc bench.route_lookup '{"lookups":1000,"cache":10}'
	[ "$(jq -r .status <<<"$output")" = 0 ]
	[ "$(jq -r .result.lookups <<<"$output")" = 1000 ]
	[ "$(jq -r .result.matched <<<"$output")" = 1000 ]
	[ "$(jq -r .result.cached <<<"$output")" = 10 ]
	run netcfg-rpc bench.route_lookup '{"lookups":10,"cache":4294967295}'
	[ "$(jq -r .status <<<"$output")" != 0 ]
	[ "$(jq -r .error <<<"$output")" = 'bench.route_lookup: "cache" 4294967295 is more than 1048576' ]
	ipv6 rcf
}

@test "stackd exits cleanly" {
	stop_stackd
}
