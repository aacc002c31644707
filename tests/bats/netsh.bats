#!/usr/bin/env bats
# netsh.bats - the netsh shell (tables, abbreviations, tags, help, messages,
# aliases, contexts) and the interface ipv6 context, one-shot and piped.
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

# Everything a change could touch: the persistent store and the shows.
state() {
	netcfg-rpc store.list | jq -c .result
	local s
	for s in address interface routes prefixpolicy dns neighbors global privacy joins; do
		netsh interface ipv6 show $s 2>&1 || true
	done
	netsh interface ipv6 6to4 show relay 2>&1 || true
	netsh interface ipv6 isatap show router 2>&1 || true
}

# (refused, in helpers.bash, runs a bad command against this state)

reset_stack() {
	netsh interface ipv6 reset >/dev/null
}

@test "--help, --version, bad options and -r" {
	run netsh --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Usage: netsh [-a AliasFile] [-c Context] [-r RemoteMachine] [-j]" ]
	run netsh /?
	[ "$status" -eq 0 ]
	run netsh --version
	[ "$output" = "netsh (netcfg) 0.1.0" ]
	run netsh -x
	[ "$status" -eq 2 ]
	[ "$output" = 'netsh: unknown option "-x" (see netsh --help)' ]
	run netsh -r server1 interface ipv6 show route
	[ "$status" -eq 1 ]
	[[ "$output" == "netsh: -r server1: remote management is not supported yet"* ]]
	run netsh -f
	[ "$status" -eq 2 ]
	run netsh -f x interface
	[ "$status" -eq 2 ]
}

@test "root help has the Windows layout, generated from the tables" {
	run netsh ?
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "The following commands are available:" ]
	[ "${lines[1]}" = "Commands in this context:" ]
	[[ "$output" == *$'\n..            - Goes up one context level.\n?             - Displays a list of commands.\n'* ]]
	[[ "$output" == *"interface     - Changes to the \`netsh interface' context."* ]]
	[[ "$output" == *$'The following sub-contexts are available:\n interface winsock\n'* ]]
	[ "${lines[-1]}" = "To view help for a command, type the command, followed by a space, and then type ?." ]
	# every table entry is listed once, sorted
	names=$(sed -n '/^Commands in this context:/,/^$/p' <<<"$output" | sed -n 's/ *- .*//p')
	[ "$names" = "$(sort <<<"$names")" ]
	[ "$(netsh help)" = "$output" ]
	[ "$(netsh /?)" != "$output" ]   # /? as an option is the usage
}

@test "a context's help lists the inherited commands, its own and its sub-contexts" {
	run netsh interface ipv6 ?
	[ "$status" -eq 0 ]
	[[ "$output" == *$'Commands inherited from the netsh context:\n..'* ]]
	[[ "$output" == *$'Commands in this context:\n6to4          - Changes to the `netsh interface ipv6 6to4\' context.\nadd '* ]]
	[[ "$output" == *$'The following sub-contexts are available:\n isatap 6to4\n'* ]]
	run netsh interface ipv6 show
	[ "$status" -eq 0 ]
	[[ "$output" == *"show routes   - Shows the routing table."* ]]
	[[ "$output" == *"show alias    - Lists all defined aliases."* ]]   # inherited from the root
	[ "$(netsh interface ipv6 show ?)" = "$output" ]
}

@test "a command's help: usage, parameters, remarks, examples" {
	run netsh interface ipv6 add route ?
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Usage: add route [prefix=]<IPv6 address>/<integer> [interface=]<string>" ]
	[[ "$output" == *"[[publish=]no|age|yes]"* ]]
	[[ "$output" == *$'\nParameters:\n\n       Tag                 Value\n       prefix            - The prefix the route leads to.\n'* ]]
	[[ "$output" == *$'\nRemarks: Adds a route'* ]]
	[[ "$output" == *$'\nExamples:\n\n       add route 2001:db8:1::/64 "Local Area Connection"\n'* ]]
	[ "$(netsh interface ipv6 add route /?)" = "$output" ]
	[ "$(netsh int ipv6 a ro help)" = "$output" ]
}

@test "unknown commands and contexts" {
	refused 2 "The following command was not found: interface ipv6 frobnicate." interface ipv6 frobnicate
	refused 2 "The following command was not found: interface ipv7." interface ipv7
	refused 2 "The following command was not found: interface ipv6 show routez." interface ipv6 show routez
}

@test "ambiguous abbreviations name the candidates" {
	refused 2 'The command word "s" is ambiguous: it abbreviates set, show.' interface ipv6 s
	refused 2 'The command word "p" is ambiguous: it abbreviates prefixpolicy, privacy.' interface ipv6 show p
	refused 2 'add route: the tag "p" is ambiguous: it abbreviates prefix, publish, preferredlifetime.' \
		interface ipv6 add route p=2001:db8::/64 4
}

@test "unique prefixes abbreviate commands, tags and values" {
	run netsh int ipv6 sh add 4
	[ "$status" -eq 0 ]
	[[ "$output" == *"Interface 4: Local Area Connection"* ]]
	[ "$(netsh int ipv6 sh route)" = "$(netsh interface ipv6 show routes)" ]
	[ "$(netsh i ipv6 sh interfaces)" = "$(netsh interface ipv6 show interface)" ]
	netsh int ipv6 add ro 2001:db8:a::/64 4 pub=y met=7
	run netsh interface ipv6 show routes
	[[ "$output" == *$'\nYes\tManual\t7\t2001:db8:a::/64\t4\tLocal Area Connection'* ]]
	# XX-Net's line: set prefix = set prefixpolicy, positional prefix precedence label
	netsh int ipv6 set prefix 2002::/16 30 1
	run netsh interface ipv6 show prefixpolicy
	[[ "$output" == *$'\n        30      1  2002::/16\n'* ]]
	reset_stack
}

@test "tags, positions, quoting, names and indexes" {
	# Hexago's lines: positional prefix and interface, tagged options
	netsh interface ipv6 add route ::/0 "Tunnel Pseudo-Interface" publish=yes store=active
	netsh interface ipv6 add route prefix=2001:db8:1::/64 interface=2 nexthop=::192.0.2.1 publish=yes
	netsh interface ipv6 add address interface="Local Area Connection" address=2001:db8::5
	# names match in any case; the next unused tag takes a positional value
	netsh interface ipv6 add route 2001:db8:2::/64 "local area connection" metric=9 fe80::1
	run netsh interface ipv6 show routes
	[[ "$output" == *$'\nYes\tManual\t0\t::/0\t2\tTunnel Pseudo-Interface'* ]]
	[[ "$output" == *$'\nYes\tManual\t0\t2001:db8:1::/64\t2\t::192.0.2.1'* ]]
	[[ "$output" == *$'\nNo\tManual\t9\t2001:db8:2::/64\t4\tfe80::1'* ]]
	run netsh interface ipv6 show address "Local Area Connection"
	[[ "$output" == *"Public     Preferred      infinite     infinite 2001:db8::5"* ]]
	reset_stack
}

@test "bad tags and values: one message and the usage, nothing changed" {
	refused 2 'add route: "bogus" is not a tag of this command (its tags: prefix, interface, nexthop, siteprefixlength, metric, publish, validlifetime, preferredlifetime, store).' \
		interface ipv6 add route 2001:db8::/64 4 bogus=1
	refused 2 'add route: "2001:db8::1/64" is not an acceptable value for prefix: expected an IPv6 prefix such as 2001:db8::/64 (address bits past the length zero).' \
		interface ipv6 add route 2001:db8::1/64 4
	refused 2 'add route: "10x" is not an acceptable value for validlifetime: expected infinite or a time in seconds, or with units such as 30m or 1d2h3m4s.' \
		interface ipv6 add route 2001:db8::/64 4 validlifetime=10x
	refused 2 'add route: "maybe" is not an acceptable value for publish: expected one of no, age, yes.' \
		interface ipv6 add route 2001:db8::/64 4 publish=maybe
	# what it quotes cannot break the message into two lines
	refused 2 'add route: "2001:db8::/64\nfoo\x07" is not an acceptable value for prefix: expected an IPv6 prefix such as 2001:db8::/64 (address bits past the length zero).' \
		interface ipv6 add route "$(printf '2001:db8::/64\nfoo\a')" 4
	refused 2 'set relay: "d" is ambiguous for state: it abbreviates disabled, default.' \
		interface ipv6 6to4 set relay state=d
	refused 2 'add route: a value for "interface" is required.' interface ipv6 add route 2001:db8::/64
	refused 2 'add route: the tag "metric" is given more than once.' interface ipv6 add route 2001:db8::/64 4 metric=1 metric=2
	refused 2 'delete route: "x" is one argument too many.' interface ipv6 delete route 2001:db8::/64 4 fe80::1 active x
	refused 2 'set interface: "1000" is not an acceptable value for mtu: expected a number from 1280 to 4294967295.' \
		interface ipv6 set interface 4 mtu=1000
	refused 2 'set interface: give at least one setting to change (forwarding, advertise, mtu, siteid, metric, firewall or siteprefixlength).' \
		interface ipv6 set interface 4
	run --separate-stderr netsh interface ipv6 add route 2001:db8::/64 4 bogus=1
	[ "${stderr_lines[1]}" = "Usage: add route [prefix=]<IPv6 address>/<integer> [interface=]<string>" ]
}

@test "refusals by the stack: unknown interface, duplicate, absent" {
	refused 1 'interface "Wireless" does not exist' interface ipv6 add address Wireless 2001:db8::1
	refused 1 'interface 9 does not exist' interface ipv6 add route 2001:db8::/64 9
	refused 1 'interface "Wireless" does not exist' interface ipv6 show address Wireless
	netsh interface ipv6 add route 2001:db8::/64 4
	refused 1 'route 2001:db8::/64 -> 4 already exists' interface ipv6 add route 2001:db8::/64 4
	refused 1 'route 2001:db8:7::/64 -> 4 does not exist' interface ipv6 delete route 2001:db8:7::/64 4
	refused 1 'route 2001:db8:7::/64 -> 4 does not exist' interface ipv6 set route 2001:db8:7::/64 4 metric=3
	refused 1 'address 2001:db8::77 does not exist on interface 4' interface ipv6 delete address 4 2001:db8::77
	reset_stack
}

@test "a change prints Ok. and a blank line" {
	run netsh interface ipv6 add address 4 2001:db8::9
	[ "$status" -eq 0 ]
	[ "$output" = "Ok." ]
	[ "$(netsh interface ipv6 add route 2001:db8:9::/64 4 | od -c | head -n 1)" = "0000000   O   k   .  \n  \n" ]
	reset_stack
}

@test "G39: show routes rows have the seed's tab-separated shape" {
	run netsh interface ipv6 show routes
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Querying active state..." ]
	[ "${lines[1]}" = $'Publish\tType\tMet\tPrefix\tIdx\tGateway/Interface Name' ]
	grep -qxF $'No\tManual\t256\tfe80::/64\t4\tLocal Area Connection' <<<"$output"
	grep -qxF $'No\tManual\t256\tfe80::/64\t3\t6-over-4 Virtual Interface' <<<"$output"
	# the fixture's shape, field by field
	fixture=$(head -n 1 "$FIXTURES/netsh-show-route.seed-rows.txt")
	row=$(grep -P '^No\tManual\t256\tfe80::/64\t4\t' <<<"$output")
	[ "$(cut -f1-4 <<<"$row")" = "$(cut -f1-4 <<<"$fixture")" ]
}

@test "show interface, address and joins" {
	run netsh interface ipv6 show interface
	[ "${lines[1]}" = "Idx   Met    MTU  State         Name" ]
	[ "${lines[3]}" = "  4     0   1500  Connected     Local Area Connection" ]
	[ "${lines[6]}" = "  1     0   1500  Connected     Loopback Pseudo-Interface" ]
	run netsh interface ipv6 show interface 4
	[[ "$output" == *"Link-Layer Address                  : 00-10-5a-aa-20-a2"* ]]
	[[ "$output" == *"Zone ID for Site                    : 1"* ]]
	run netsh interface ipv6 show address
	[[ "$output" == *$'Interface 1: Loopback Pseudo-Interface\n\nAddr Type  DAD State  Valid Life   Pref. Life   Address\n---------  ---------- ------------ ------------ -----------------------------\nLoopback   Preferred      infinite     infinite ::1'* ]]
	[[ "$output" == *"Link       Preferred      infinite     infinite fe80::210:5aff:feaa:20a2"* ]]
	run netsh interface ipv6 show joins 4
	[[ "$output" == *$'Scope       References  Last  Address\n'* ]]
	[[ "$output" == *"2                    1  No    ff02::1"* ]]
}

@test "every show has -j from the shared codec" {
	netsh interface ipv6 add dns 4 2001:db8::53
	netsh interface ipv6 add neighbors 4 fe80::9 00-11-22-33-44-55
	local s
	for s in address interface joins routes prefixpolicy global privacy mobility dns neighbors \
		 destinationcache siteprefixes bindingcacheentries; do
		run netsh -j interface ipv6 show $s
		[ "$status" -eq 0 ] || { echo "$s: $output"; false; }
		jq -e . <<<"$output" >/dev/null || { echo "$s: $output"; false; }
	done
	[ "$(netsh -j interface ipv6 show routes | jq -r '.[] | select(.prefix == "::/96") | .interface')" = "Tunnel Pseudo-Interface" ]
	[ "$(netsh -j interface ipv6 show routes | jq -c 'map(.prefix)')" = "$(netcfg-rpc route.list | jq -c '.result | map(.prefix)')" ]
	[ "$(netsh -j interface ipv6 show global | jq .default_hop_limit)" = 128 ]
	[ "$(netsh -j interface ipv6 show dns | jq -r '.[0].address')" = "2001:db8::53" ]
	[ "$(netsh -j interface ipv6 show neighbors 4 | jq -r '.[0].address')" = "fe80::9" ]
	[ "$(netsh -j interface ipv6 6to4 show relay | jq -r .relay_state)" = "default" ]
	[ "$(netsh -j interface ipv6 isatap show state | jq -r .state)" = "default" ]
	[ "$(netsh -j show helper | jq -r '.[1].context')" = "interface ipv6" ]
	reset_stack
}

@test "G37: prefix policy add, show (both spellings), set, delete and their errors" {
	# ::/96 is in the RFC 3484 default table: take it out to add it as the seed does
	netsh interface ipv6 delete prefixpolicy ::/96
	run netsh interface ipv6 add prefixpolicy ::/96 3 4
	[ "$output" = "Ok." ]
	for cmd in prefixpolicies prefixpolicy; do
		run netsh interface ipv6 show $cmd
		[ "${lines[1]}" = "Precedence  Label  Prefix" ]
		grep -qxF '         3      4  ::/96' <<<"$output"
	done
	run netsh interface ipv6 set prefixpolicy ::/96 3 4
	[ "$status" -eq 0 ]
	refused 1 "prefix policy ::/96 already exists" interface ipv6 add prefixpolicy ::/96 3 4
	netsh interface ipv6 delete prefixpolicy ::/96
	run netsh interface ipv6 show prefixpolicy
	[[ "$output" != *"::/96"* ]]
	refused 1 "prefix policy ::/96 does not exist" interface ipv6 delete prefixpolicy ::/96
	refused 1 "prefix policy ::/96 does not exist" interface ipv6 set prefixpolicy ::/96 3 4
	reset_stack
	[[ "$(netsh interface ipv6 show prefixpolicy)" == *"        20      3  ::/96"* ]]
}

@test "G40: set interface siteid shows in ipv6 if; set interface parameters" {
	netsh interface ipv6 set interface "Local Area Connection" siteid=3
	run ipv6 if 4
	[ "${lines[0]}" = "Interface 4 (site 3): Local Area Connection" ]
	netsh interface ipv6 set interface 4 forwarding=enabled advertise=en mtu=1400 metric=5
	run ipv6 if 4
	[[ "$output" == *"  sends Router Advertisements"* ]]
	[[ "$output" == *"  forwards packets"* ]]
	[[ "$output" == *"link MTU 1400 (true link MTU 1500)"* ]]
	[[ "$(netsh interface ipv6 show interface)" == *"  4     5   1400  Connected     Local Area Connection"* ]]
	refused 1 "MTU 1600 is out of range for interface 4: 1280 to 1500 (its true link MTU)" \
		interface ipv6 set interface 4 mtu=1600
	reset_stack
}

@test "G41: DNS servers, show address, show global, renew" {
	netsh interface ipv6 add dns "Local Area Connection" 2001:db8::53
	netsh interface ipv6 add dns 4 2001:db8::54 index=1
	run netsh interface ipv6 show dns
	[[ "$output" == *$'Index  DNS Server\n-----  ---------------------------------------\n    1  2001:db8::54\n    2  2001:db8::53'* ]]
	refused 1 "DNS server 2001:db8::53 is already configured on interface 4" \
		interface ipv6 add dns 4 2001:db8::53
	netsh interface ipv6 delete dns 4 2001:db8::53
	[[ "$(netsh interface ipv6 show dns 4)" != *"2001:db8::53"* ]]
	netsh interface ipv6 delete dns 4 all
	[[ "$(netsh interface ipv6 show dns 4)" == *"No DNS servers are configured."* ]]
	run netsh interface ipv6 show global
	[ "${lines[1]}" = "General Global Parameters" ]
	[ "${lines[3]}" = "Default Hop Limit                   : 128 hops" ]
	netsh interface ipv6 set global defaultcurhoplimit=64
	[[ "$(netsh interface ipv6 show global)" == *"Default Hop Limit                   : 64 hops"* ]]
	refused 2 'set global: "300" is not an acceptable value for defaultcurhoplimit: expected a number from 1 to 255.' interface ipv6 set global 300
	run netsh interface ipv6 renew
	[ "$output" = "Ok." ]
	run netsh interface ipv6 renew 4
	[ "$status" -eq 0 ]
	reset_stack
}

@test "privacy and mobility parameters" {
	run netsh interface ipv6 show privacy
	[ "${lines[4]}" = "Duplicate Address Detection Attempts: 5" ]
	[ "${lines[5]}" = "Maximum Valid Lifetime              : 7d" ]
	netsh interface ipv6 set privacy disabled maxvalidlifetime=2d
	run netsh interface ipv6 show privacy
	[ "${lines[3]}" = "Use Temporary Addresses             : disabled" ]
	[ "${lines[5]}" = "Maximum Valid Lifetime              : 2d" ]
	netsh interface ipv6 set mobility bindingcachelimit=64
	[[ "$(netsh interface ipv6 show mobility)" == *"Binding Cache Limit                 : 64 entries"* ]]
	run netsh interface ipv6 show bindingcacheentries
	[ "${lines[1]}" = "Home Address                    Care-of Address                 Sequence  Lifetime" ]
	[ "${#lines[@]}" -eq 3 ]
	reset_stack
}

@test "tunnels: add v6v4tunnel and 6over4tunnel, show and delete interface" {
	netsh interface ipv6 add v6v4tunnel "tunnel one" 192.0.2.1 198.51.100.1
	netsh interface ipv6 add 6over4tunnel six4 10.0.0.7
	run netsh interface ipv6 show interface
	[[ "$output" == *"  5     0   1280  Connected     tunnel one"* ]]
	[[ "$output" == *"  6     0   1280  Connected     six4"* ]]
	run netsh interface ipv6 show interface "tunnel one"
	[[ "$output" == *"Remote IPv4 Address                 : 198.51.100.1"* ]]
	netsh interface ipv6 add address "tunnel one" 2001:db8:77::1
	refused 1 'interface "six4" already exists' interface ipv6 add 6over4tunnel six4 10.0.0.8
	refused 2 'add v6v4tunnel: "300.1.1.1" is not an acceptable value for localaddress: expected an IPv4 address such as 192.0.2.1.' \
		interface ipv6 add v6v4tunnel t2 300.1.1.1 198.51.100.1
	netsh interface ipv6 delete interface "tunnel one"
	[[ "$(netsh interface ipv6 show interface)" != *"tunnel one"* ]]
	refused 1 'interface "tunnel one" does not exist' interface ipv6 delete interface "tunnel one"
	refused 1 "interface 1 (Loopback Pseudo-Interface) is a pseudo-interface and cannot be deleted" \
		interface ipv6 delete interface 1
	reset_stack
}

@test "neighbors and the destination cache" {
	netsh interface ipv6 add neighbors 4 fe80::2aa:ff:fe92:d0f1 00-aa-00-92-d0-f1
	run netsh interface ipv6 show neighbors 4
	[[ "$output" == *$'Internet Address                              Physical Address   Type\n'* ]]
	[[ "$output" == *"fe80::2aa:ff:fe92:d0f1                        00-aa-00-92-d0-f1  Permanent"* ]]
	refused 2 'add neighbors: "zz" is not an acceptable value for neighbor: expected a MAC address such as 00-10-5a-aa-20-a2 or an IPv4 address.' \
		interface ipv6 add neighbors 4 fe80::5 zz
	netsh interface ipv6 delete neighbors 4
	[[ "$(netsh interface ipv6 show neighbors 4)" != *"fe80::2aa:ff:fe92:d0f1"* ]]
	run netsh interface ipv6 show destinationcache
	[ "$status" -eq 0 ]
	run netsh interface ipv6 delete destinationcache
	[ "$output" = "Ok." ]
	run netsh interface ipv6 show siteprefixes
	[ "${lines[1]}" = "Prefix                                  Valid Life  Interface" ]
	reset_stack
}

@test "6to4 and isatap sub-contexts" {
	netsh interface ipv6 6to4 set relay 192.88.99.1
	run netsh interface ipv6 6to4 show relay
	[ "${lines[1]}" = "Relay Name                          : 192.88.99.1" ]
	[ "${lines[3]}" = "Resolution Interval                 : 1440 minutes (default)" ]
	netsh int ipv6 6to4 set routing routing=automatic sitelocals=disabled
	netsh int ipv6 6to4 set state undoonstop=enabled
	netsh int ipv6 6to4 set interface 4 routing=disabled
	[[ "$(netsh int ipv6 6to4 show routing)" == *"6to4 Routing                        : automatic"* ]]
	[[ "$(netsh int ipv6 6to4 show interface)" == *"Local Area Connection                 disabled"* ]]
	refused 2 'set state: "automatic" is not an acceptable value for state: expected one of enabled, disabled, default.' \
		interface ipv6 6to4 set state automatic
	refused 1 'interface "nowhere" does not exist' interface ipv6 6to4 set interface nowhere routing=enabled
	netsh interface ipv6 isatap set router 10.0.0.1
	netsh interface ipv6 isatap set state disabled
	run netsh interface ipv6 isatap show router
	[ "${lines[1]}" = "Router Name                         : 10.0.0.1" ]
	[[ "$(netsh interface ipv6 isatap show state)" == *"ISATAP State                        : disabled"* ]]
	netsh interface ipv6 6to4 reset
	[[ "$(netsh int ipv6 6to4 show relay)" == *"Relay Name                          : 6to4.ipv6.microsoft.com (default)"* ]]
	reset_stack
	[[ "$(netsh int ipv6 isatap show router)" == *"Router Name                         : ISATAP (default)"* ]]
}

@test "store=active changes are lost at a restart, persistent ones are not" {
	netsh interface ipv6 add address 4 2001:db8::a1 store=active
	netsh interface ipv6 add address 4 2001:db8::b1
	netsh interface ipv6 add route 2001:db8:a::/64 4 store=active
	netsh interface ipv6 add route 2001:db8:b::/64 4 store=persistent
	netsh interface ipv6 set interface 4 siteid=7 store=active
	restart_stackd
	run netsh interface ipv6 show address 4
	[[ "$output" != *"2001:db8::a1"* ]]
	[[ "$output" == *"2001:db8::b1"* ]]
	run netsh interface ipv6 show routes
	[[ "$output" != *"2001:db8:a::/64"* ]]
	[[ "$output" == *"2001:db8:b::/64"* ]]
	[[ "$(ipv6 if 4)" == *"(site 1)"* ]]
	# a persistent delete is remembered too
	netsh interface ipv6 delete route 2001:db8:b::/64 4
	restart_stackd
	[[ "$(netsh interface ipv6 show routes)" != *"2001:db8:b::/64"* ]]
	reset_stack
}

@test "install, uninstall and reset" {
	netsh interface ipv6 add route 2001:db8:c::/64 4
	run netsh interface ipv6 uninstall
	[ "$output" = "Ok." ]
	refused 1 'IPv6 is not installed; install it with "netsh interface ipv6 install"' interface ipv6 show routes
	run ipv6 rt
	[ "$status" -eq 1 ]
	# uninstall lasts across restarts
	restart_stackd
	run netsh interface ipv6 show interface
	[ "$status" -eq 1 ]
	[[ "$(netsh interface ipv6 dump)" == *$'pushd interface ipv6\n\nuninstall\n'* ]]
	netsh interface ipv6 install
	run netsh interface ipv6 show routes
	[ "$status" -eq 0 ]
	[[ "$output" != *"2001:db8:c::/64"* ]]
	run netsh interface ipv6 install
	[ "$output" = "Ok." ]
	netsh interface ipv6 add route 2001:db8:c::/64 4
	netsh interface ipv6 reset
	[[ "$(netsh interface ipv6 show routes)" != *"2001:db8:c::/64"* ]]
	[ "$(netcfg-rpc store.list | jq -c .result)" = "[]" ]
}

@test "aliases: alias, show alias, unalias, expansion" {
	run netsh alias
	[ "$output" = "No aliases are defined." ]
	run netsh -f - <<'EOF'
alias sr interface ipv6 show routes
alias ipv6 interface ipv6
alias sr
show alias
sr
ipv6 show interface
unalias sr
show alias
EOF
	[ "$status" -eq 0 ]
	[[ "$output" == *$'interface ipv6 show routes\nAlias            Stands for\n---------------  ---------------------------------------\nipv6             interface ipv6\nsr               interface ipv6 show routes\nAlias'* ]]
	# shows of the stack run after the script's changes, in order
	[[ "$output" == *$'ipv6             interface ipv6\nQuerying active state...\n\nPublish\tType'* ]]
	[[ "$output" == *"Idx   Met    MTU  State         Name"* ]]
	run netsh <<<"unalias sr"
	[ "$status" -eq 1 ]
	[ "$output" = "The following alias was not found: sr." ]
	run netsh alias "bad name" x
	[ "$status" -eq 2 ]
	[ "$output" = 'alias: "bad name" cannot be an alias name.' ]
}

@test "contexts: -c, pushd and popd, .., a context on the command line" {
	run netsh -c "interface ipv6" show routes
	[ "$status" -eq 0 ]
	[[ "$output" == *$'Publish\tType'* ]]
	run netsh -c "interface ipv8" show routes
	[ "$status" -eq 2 ]
	[ "$output" = "The following context was not found: interface ipv8." ]
	# a context alone starts there and reads commands (not a terminal: no prompt)
	run netsh interface ipv6 <<<"show interface"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Idx   Met    MTU  State         Name"* ]]
	run netsh <<'EOF'
pushd interface ipv6 6to4
show relay
popd
popd
interface ipv6
..
show routes
EOF
	[ "$status" -eq 2 ]   # the worst failure of the session
	[[ "$output" == *"Relay Name"* ]]
	[[ "$output" == *"popd: the context stack is empty."* ]]
	[[ "$output" == *"The following command was not found: show routes."* ]]
}

@test "show helper lists the contexts as helpers" {
	run netsh show helper
	[ "${lines[0]}" = "Helper GUID                             DLL Name          Command" ]
	[ "${lines[2]}" = "{EE77B9AF-A460-45EE-A891-8ED983B8A7E7}  netsh (built in)  interface" ]
	[ "${lines[3]}" = "{2C3B978D-4722-4757-956F-F905A944CE94}  netsh (built in)    ipv6" ]
	[ "${lines[6]}" = "{C4F6C1D2-8E3B-4A57-9D0E-2B7A61F3E845}  netsh (built in)  winsock" ]
	[ "${#lines[@]}" -eq 7 ]
	# inherited: show helper works in every context
	[ "$(netsh interface ipv6 show helper)" = "$output" ]
}

@test "netsh(8) documents every command of the tables" {
	command -v man >/dev/null || skip "man is not installed"
	page=$(MANWIDTH=250 man -l "$BATS_TEST_DIRNAME/../../man/netsh.8" 2>/dev/null | tr -s ' ')
	missing=()
	for ctx in "interface ipv6" "interface ipv6 6to4" "interface ipv6 isatap"; do
		prefix=
		[ "$ctx" = "interface ipv6 isatap" ] && prefix="isatap "
		while read -r word; do
			[ -n "$word" ] || continue
			case $word in add|delete|set|show)
				while read -r cmd; do
					[ -n "$cmd" ] || continue
					# (a sub-context also completes what it inherits)
					[[ "$page" == *"$prefix$word $cmd"* || "$page" == *"$word $cmd"* ]] ||
						missing+=("$ctx $word $cmd")
				done < <(netsh -c "$ctx" --complete "$word " | tail -n +2)
				;;
			6to4|isatap) ;;
			*) [[ "$page" == *"$word"* ]] || missing+=("$ctx $word") ;;
			esac
		done < <(netsh -c "$ctx" --complete "" | tail -n +2)
	done
	[ ${#missing[@]} -eq 0 ] || { printf 'not in netsh(8): %s\n' "${missing[@]}"; false; }
}

@test "set address keeps what it is not given; the rest of the bad input" {
	netsh interface ipv6 add address 4 2001:db8::31 validlifetime=2h preferredlifetime=1h
	netsh interface ipv6 set address 4 2001:db8::31 preferredlifetime=30m
	[[ "$(netsh interface ipv6 show address 4)" == *"Public     Preferred            2h          30m 2001:db8::31"* ]]
	refused 1 'address 2001:db8::32 does not exist on interface 4' interface ipv6 set address 4 2001:db8::32 validlifetime=1h
	refused 1 'preferred lifetime 10800s of 2001:db8::31 is longer than its valid lifetime 7200s' \
		interface ipv6 set address 4 2001:db8::31 preferredlifetime=3h
	refused 2 'set privacy: "sometimes" is not an acceptable value for state: expected one of enabled, disabled, always, counter.' \
		interface ipv6 set privacy sometimes
	refused 2 'set mobility: give at least one parameter to change.' interface ipv6 set mobility
	refused 2 'show siteprefixes: "4" is not a tag of this command (it takes none).' interface ipv6 show siteprefixes 4=1
	refused 2 'show siteprefixes: "4" is one argument too many.' interface ipv6 show siteprefixes 4
	refused 2 'dump: "all" is one argument too many.' interface ipv6 dump all
	refused 1 'interface 12 does not exist' interface ipv6 renew 12
	refused 1 'interface "eth9" does not exist' interface ipv6 delete destinationcache eth9
	refused 2 'show neighbors: "fe80::zz" is not an acceptable value for address: expected an IPv6 address such as 2001:db8::1.' \
		interface ipv6 show neighbors 4 fe80::zz
	netsh interface ipv6 reset
}

@test "a session connects again after the daemon restarts" {
	local flag=$BATS_TEST_TMPDIR/restarted out=$BATS_TEST_TMPDIR/out
	# the second and third commands wait until the daemon has restarted
	{
		echo "interface ipv6 show interface 1"
		for _ in $(seq 200); do [ -e "$flag" ] && break; sleep 0.05; done
		echo "interface ipv6 show interface 1"
		echo "interface ipv6 show interface 1"
	} | timeout 30 netsh > "$out" 2>&1 &
	local pid=$!
	for _ in $(seq 100); do grep -q Loopback "$out" && break; sleep 0.05; done
	restart_stackd
	touch "$flag"
	wait "$pid" || true
	# the connection was lost: that command fails, the next one connects again
	[ "$(grep -c '^Interface 1: Loopback Pseudo-Interface' "$out")" -eq 2 ]
	grep -q 'lost the stack daemon' "$out"
}
