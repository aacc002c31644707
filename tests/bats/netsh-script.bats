#!/usr/bin/env bats
# netsh-script.bats - netsh -f and exec: one transaction per script,
# file:line messages with nothing applied, and the dump round trip.
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

setup() {
	netsh interface ipv6 reset >/dev/null
	cd "$BATS_TEST_TMPDIR"
}

writes() {
	netcfg-rpc daemon.info | jq .result.persistent_writes
}

# Every show of the interface ipv6 contexts.
shows() {
	local s
	for s in address "interface level=verbose" routes prefixpolicy dns neighbors global privacy \
		 mobility joins siteprefixes; do
		netsh interface ipv6 show $s
	done
	for s in relay routing state interface; do
		netsh interface ipv6 6to4 show $s
	done
	netsh interface ipv6 isatap show router
	netsh interface ipv6 isatap show state
	netcfg-rpc store.list | jq -c '.result | map(.key) | sort'
}

@test "a script is one transaction, persisted once" {
	for i in $(seq 1 50); do echo "add route 2001:db8:$i::/64 4"; done > routes.netsh
	sed -i '1i pushd interface ipv6\n# fifty routes' routes.netsh
	before=$(writes)
	run netsh -f routes.netsh
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(writes)" -eq $((before + 1)) ]
	[ "$(netsh interface ipv6 show routes | grep -c $'\tManual\t0\t2001:db8:')" -eq 50 ]
}

@test "a failing line is reported as file:line and nothing of the script is applied" {
	cat > bad.netsh <<'EOF'
# a comment, then a blank line

pushd interface ipv6
add route 2001:db8:1::/64 4
add address 4 2001:db8::1
add route 2001:db8:1::/64 4
popd
EOF
	before=$(shows)
	w=$(writes)
	run --separate-stderr netsh -f bad.netsh
	[ "$status" -eq 1 ]
	[ "$stderr" = "bad.netsh:6: route 2001:db8:1::/64 -> 4 already exists" ]
	[ "$(shows)" = "$before" ]
	[ "$(writes)" -eq "$w" ]
	# a syntax error: the same, status 2, no usage in a script
	printf 'interface ipv6 add route 2001:db8:2::/64 4\ninterface ipv6 add route 2001:db8:3::/64 4 metric=-1\n' > syntax.netsh
	run --separate-stderr netsh -f syntax.netsh
	[ "$status" -eq 2 ]
	[ "$stderr" = 'syntax.netsh:2: add route: "-1" is not an acceptable value for metric: expected a number from 0 to 4294967295.' ]
	printf 'interface ipv6\nadd rute 2001:db8:2::/64 4\n' > unknown.netsh
	run --separate-stderr netsh -f unknown.netsh
	[ "$stderr" = "unknown.netsh:2: The following command was not found: add rute 2001:db8:2::/64 4." ]
	printf 'interface ipv6 add address "Local Area Connection 2001:db8::1\n' > quote.netsh
	run --separate-stderr netsh -f quote.netsh
	[ "$stderr" = 'quote.netsh:1: a quoted value is not closed (a " is missing)' ]
	[ "$(shows)" = "$before" ]
	run netsh -f missing.netsh
	[ "$status" -eq 1 ]
	[ "$output" = "missing.netsh: No such file or directory" ]
}

@test "exec reads another file into the same transaction; errors name the inner file" {
	printf 'add address 4 2001:db8::10\nadd address 4 2001:db8::11\n' > inner.netsh
	printf 'pushd interface ipv6\nexec inner.netsh\nadd route 2001:db8:5::/64 4\npopd\n' > outer.netsh
	run netsh -f outer.netsh
	[ "$status" -eq 0 ]
	[[ "$(netsh interface ipv6 show address 4)" == *"2001:db8::11"* ]]
	netsh interface ipv6 reset
	before=$(shows)
	printf 'add address 4 2001:db8::10\nadd address 4 2001:db8::10\n' > inner.netsh
	run --separate-stderr netsh -f outer.netsh
	[ "$stderr" = "inner.netsh:2: address 2001:db8::10 already exists on interface 4" ]
	printf 'add address 4 2001:db8::10\n' > inner.netsh
	printf 'pushd interface ipv6\nexec inner.netsh\nadd route 2001:db8:5::/64 99\n' > outer.netsh
	run --separate-stderr netsh -f outer.netsh
	[ "$stderr" = "outer.netsh:3: interface 99 does not exist" ]
	[ "$(shows)" = "$before" ]
	printf 'exec loop.netsh\n' > loop.netsh
	run --separate-stderr netsh -f loop.netsh
	[ "$status" -eq 1 ]
	[ "$stderr" = "loop.netsh:1: exec loop.netsh: scripts nest more than 16 deep" ]
	# exec from the prompt is a transaction too
	printf 'interface ipv6 add route 2001:db8:6::/64 4\n' > one.netsh
	run netsh <<<"exec one.netsh"
	[ "$status" -eq 0 ]
	[[ "$(netsh interface ipv6 show routes)" == *"2001:db8:6::/64"* ]]
}

@test "a script may create an interface and use it by name at once; exit stops reading" {
	cat > tunnel.netsh <<'EOF'
pushd interface ipv6
add v6v4tunnel tun6 192.0.2.1 198.51.100.1
add address tun6 2001:db8:66::1
add route ::/0 tun6 nexthop=2001:db8:66::2
set interface tun6 metric=4
show interface
exit
add route 2001:db8:67::/64 tun6
EOF
	run netsh -f tunnel.netsh
	[ "$status" -eq 0 ]
	[[ "$output" == *"  5     4   1280  Connected     tun6"* ]]
	[[ "$(netsh interface ipv6 show routes)" == *$'\t::/0\t5\t2001:db8:66::2'* ]]
	[[ "$(netsh interface ipv6 show routes)" != *"2001:db8:67::/64"* ]]
}

@test "a failed script that starts with reset leaves the configuration as it was" {
	netsh interface ipv6 add route 2001:db8:8::/64 4
	netsh interface ipv6 6to4 set relay 192.88.99.1
	before=$(shows)
	printf 'interface ipv6 reset\ninterface ipv6 add route 2001:db8:9::/64 4\ninterface ipv6 add route 2001:db8:9::/64 nowhere\n' > reset.netsh
	run --separate-stderr netsh -f reset.netsh
	[ "$stderr" = 'reset.netsh:3: interface "nowhere" does not exist' ]
	[ "$(shows)" = "$before" ]
}

@test "-f - reads stdin; a script's changes survive a daemon restart" {
	run netsh -f - <<<'interface ipv6 add address 4 2001:db8::44'
	[ "$status" -eq 0 ]
	restart_stackd
	[[ "$(netsh interface ipv6 show address 4)" == *"2001:db8::44"* ]]
}

@test "dump has the Windows layout" {
	run netsh interface dump
	[ "$status" -eq 0 ]
	expected='
# ----------------------------------
# IPv6 Configuration
# ----------------------------------
pushd interface ipv6

reset


popd
# End of IPv6 configuration



# ----------------------------------
# ISATAP Configuration
# ----------------------------------
pushd interface ipv6 isatap



popd
# End of ISATAP configuration



# ----------------------------------
# 6to4 Configuration
# ----------------------------------
pushd interface ipv6 6to4

reset


popd
# End of 6to4 configuration'
	[ "$output" = "$expected" ]
	# the root's dump: the interface blocks, then winsock's (netsh-winsock.bats)
	[ "$(netsh dump | sed '/^# Winsock Configuration$/,$d' | head -n -4)" = "$output" ]
	[ "$(netsh dump | tail -n +$(($(wc -l <<<"$output") + 1)))" = "$(netsh winsock dump)" ]
	[ "$(netsh interface ipv6 isatap dump)" = "$(sed -n '/ISATAP Configuration/,/End of ISATAP/p' <<<"$output" | sed '1s/^/\n\n\n# ----------------------------------\n/')" ]
}

@test "G36: configure, dump, reset, replay: every show is the same" {
	cat > config.netsh <<'EOF'
pushd interface ipv6
set interface "Local Area Connection" siteid=3 forwarding=enabled advertise=enabled metric=5
set interface 3 mtu=1400 firewall=enabled siteprefixlength=48
add v6v4tunnel "tunnel one" 192.0.2.1 198.51.100.1 neighbordiscovery=enabled
add 6over4tunnel six4 10.0.0.9
add address "tunnel one" 2001:db8:99::1
add address 4 2001:db8::1 validlifetime=1d preferredlifetime=12h
add address 4 2001:db8::2 type=anycast
add route 2001:db8::/64 4 publish=yes siteprefixlength=48 metric=3
add route ::/0 "tunnel one" nexthop=2001:db8:99::2 publish=age validlifetime=30m
add route 2002::/16 2
set route ::/96 2 metric=7
delete route fe80::/64 3
set prefixpolicy 2002::/16 30 1
delete prefixpolicy ::/96
add prefixpolicy 2001:db8::/32 45 6
add dns 4 2001:db8::53
add dns 4 2001:db8::54 index=1
add neighbors 4 fe80::1 00-11-22-33-44-55
set global defaultcurhoplimit=64 routecachelimit=100
set privacy state=disabled maxvalidlifetime=2d
set mobility security=disabled
popd
pushd interface ipv6 6to4
set relay 192.88.99.1 state=enabled interval=60
set routing routing=automatic
set interface "Local Area Connection" routing=enabled
popd
interface ipv6 isatap set router isatap.example.net interval=30
interface ipv6 isatap set state disabled
EOF
	netsh -f config.netsh
	# an ipv6 -p change is persistent configuration too
	ipv6 -p rtu 2001:db8:70::/64 4 pub life 1800
	before=$(shows)
	netsh interface ipv6 dump > cfg.txt
	grep -qx 'add v6v4tunnel interface="tunnel one" localaddress=192.0.2.1 remoteaddress=198.51.100.1 neighbordiscovery=enabled store=persistent' cfg.txt
	grep -qx 'set route prefix=::/96 interface="Tunnel Pseudo-Interface" siteprefixlength=0 metric=7 publish=no validlifetime=infinite preferredlifetime=infinite store=persistent' cfg.txt
	grep -qx 'delete route prefix=fe80::/64 interface="6-over-4 Virtual Interface" store=persistent' cfg.txt
	grep -qx 'set relay name=192.88.99.1 state=enabled interval=60' cfg.txt
	netsh interface ipv6 reset
	[ "$(shows)" != "$before" ]
	run netsh -f cfg.txt
	[ "$status" -eq 0 ]
	diff <(echo "$before") <(shows)
	# exec replays it the same way
	netsh interface ipv6 reset
	netsh exec cfg.txt
	diff <(echo "$before") <(shows)
	# and so does a restart of the daemon
	restart_stackd
	diff <(echo "$before") <(shows)
}
