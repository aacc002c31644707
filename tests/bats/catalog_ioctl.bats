#!/usr/bin/env bats
# catalog_ioctl.bats - the stack's Winsock ioctls through the base provider
# (scenario J of the seeds, items 60-62): sioprobe runs under `catalog run`
# and calls netcfg_socket_ioctl(); kernel.so answers IPv6 from this suite's
# stackd and IPv4 from the kernel.
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

export PATH=$NETCFG_BUILD/tests/providers:$PATH

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

setup() {
	if [[ "$NETCFG_BUILD" == *-san ]]; then
		# the ASan runtime must come first in the program; the loader,
		# preloaded, comes before it (see catalog_run.bats)
		export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	fi
}

probe() {
	catalog run -- sioprobe "$@"
}

# The source stackd's route query picks for a destination.
source_of() {
	netcfg-rpc route.query "{\"destination\":\"$1\"}" | jq -r .result.source
}

@test "without the provider loader the ioctls are WSANOTINITIALISED" {
	run sioprobe route 2001:db8:1::1
	[ "$output" = "route 10093 0" ]
}

@test "J60: SIO_ROUTING_INTERFACE_QUERY answers the source of stackd's route query" {
	# no route yet
	run probe route 2001:db8:1::1
	[ "$status" -eq 0 ]
	[ "$output" = "route 10051 0" ]
	ipv6 rtu ::/0 4/fe80::1
	ipv6 adu 4/2001:db8::10
	run probe route 2001:db8:1::1
	[ "$output" = "route 0 28 2001:db8::10" ]
	[ "$(source_of 2001:db8:1::1)" = 2001:db8::10 ]
	# a scoped destination: a scoped answer, with its zone
	run probe route fe80::99%4
	[ "$output" = "route 0 28 fe80::210:5aff:feaa:20a2%4" ]
	# D18: the default route through the tunnel gives an interface-2 address
	ipv6 rtu ::/0 4/fe80::1 life 0
	ipv6 rtu ::/0 2/::131.107.152.32 pub life 1800
	run probe route 3ffe:1cff:0:f5::1
	[ "$output" = "route 0 28 ::10.0.0.2" ]
	[ "$(ipv6 if 2 | grep -c 'preferred address ::10.0.0.2,')" -eq 1 ]
	# D27: multicast destinations follow the multicast routes
	ipv6 adu 3/2001:db8:3::3
	ipv6 rtu ff0e::/16 3
	run probe route ff0e::1
	[ "$output" = "route 0 28 2001:db8:3::3" ]
	run probe route ff02::5%3
	[ "$output" = "route 0 28 fe80::a00:2%3" ]
	ipv6 rtu ff0e::/16 3 life 0
	ipv6 rtu ::/0 2/::131.107.152.32 life 0
	ipv6 rtu ::/0 4/fe80::1
}

@test "J60: an output buffer of 4 bytes is WSAEFAULT with sizeof(sockaddr_in6); no route is WSAENETUNREACH" {
	run probe route 2001:db8:1::1 4
	[ "$output" = "route 10014 28" ]
	run probe route 2001:db8:1::1 27
	[ "$output" = "route 10014 28" ]
	run probe route 2001:db8:1::1 28
	[ "$output" = "route 0 28 2001:db8::10" ]
	# after deleting ::/0 the destination has no route
	ipv6 rtu ::/0 4/fe80::1 life 0
	run probe route 2001:db8:1::1
	[ "$output" = "route 10051 0" ]
	ipv6 rtu ::/0 4/fe80::1
	# IPv4 sockets ask the kernel
	run probe route 127.0.0.1
	[ "$output" = "route 0 16 127.0.0.1" ]
	run probe route 127.0.0.1 15
	[ "$output" = "route 10014 16" ]
}

@test "J61: SIO_ADDRESS_LIST_CHANGE on a non-blocking socket is WSAEWOULDBLOCK until ipv6 adu; the list then has the address" {
	# something for the exclusions: a link-local address on the loopback
	# pseudo-interface besides ::1
	ipv6 adu 1/fe80::1
	run probe addrchange "ipv6 adu 4/2001:db8::99"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "nonblocking 0" ]
	[ "${lines[1]}" = "change 10035" ]
	[ "${lines[2]}" = "again 10035" ]
	[ "${lines[3]}" = "ran 0" ]
	[ "${lines[4]}" = "change 0" ]
	[[ "${lines[5]}" == "list 0 "* ]]
	# completed: the next call is a new request
	[ "${lines[-1]}" = "next 10035" ]
	list=$(printf '%s\n' "${lines[@]:6}" | grep '^  ' | tr -d ' ')
	grep -qx '2001:db8::99' <<<"$list"
	! grep -qx '::1' <<<"$list"
	! grep -q '%1$' <<<"$list"
	! grep -qx 'fe80::1%1' <<<"$list"
	[ "$(wc -l <<<"$list")" -eq "$(awk '{print $4}' <<<"${lines[5]}")" ]
	# every entry points into the caller's buffer
	! grep -q outside <<<"$output"
}

@test "J61: only changes of what SIO_ADDRESS_LIST_QUERY reports complete the request" {
	# a deprecated address, an anycast address and a route are not in the list
	run probe addrchange "ipv6 adu 4/2001:db8::77 life infinite/0" "ipv6 adu 4/2001:db8::88 anycast" \
		"ipv6 rtu 2001:db8:77::/64 4" "ipv6 adu 4/2001:db8::99 life 0"
	[ "$(printf '%s\n' "${lines[@]:3:8}")" = "$(printf '%s\n' "ran 0" "change 10035" "ran 0" "change 10035" "ran 0" "change 10035" "ran 0" "change 0")" ]
	[[ "$output" != *"2001:db8::77"* ]]
	[[ "$output" != *"2001:db8::88"* ]]
	[[ "$output" != *"2001:db8::99"* ]]
	# nor do tentative addresses count until DAD ends
	run probe list 6
	before=$output
	ipv6 renew 3
	run probe list 6
	[[ "$output" != *"%3"* ]]
	advance_clock 2
	run probe list 6
	[ "$output" = "$before" ]
}

@test "J61: SIO_ADDRESS_LIST_QUERY: the socket's family, and WSAEFAULT with the size needed" {
	run probe list 6
	[[ "${lines[0]}" =~ ^list\ 0\ ([0-9]+)\ ([0-9]+)$ ]]
	size=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
	# SOCKET_ADDRESS_LIST: the count, the entries, the sockaddr_in6s
	[ "$size" -eq $((8 + n * (16 + 28))) ]
	[ "${lines[1]}" = "  ::10.0.0.2" ]
	run probe list 6 $((size - 1))
	[ "$output" = "list 10014 $size" ]
	run probe list 6 0
	[ "$output" = "list 10014 $size" ]
	run probe list 6 "$size"
	[[ "${lines[0]}" == "list 0 $size $n" ]]
	# IPv4: the kernel's addresses of the interfaces that are up, without loopback
	run probe list 4
	[[ "${lines[0]}" =~ ^list\ 0\ ([0-9]+)\ ([0-9]+)$ ]]
	[ "${BASH_REMATCH[1]}" -eq $((8 + BASH_REMATCH[2] * (16 + 16))) ]
	[[ "$output" != *"127.0.0.1"* ]]
}

@test "J61: a blocking SIO_ADDRESS_LIST_CHANGE waits for the change (after registering non-blocking)" {
	run probe addrwait "ipv6 adu 4/2001:db8::98"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' "registered 10035" "change 0" "child 0")" ]
}

@test "J61: a blocking SIO_ROUTING_INTERFACE_CHANGE waits in the daemon until the answer for its destination changes" {
	out=$BATS_TEST_TMPDIR/wait.out
	probe routewait 2001:db8:1::1 > "$out" 3>&- &
	pid=$!
	wait_parked 1
	# stackd serves others meanwhile; a route that does not change the
	# answer wakes the request, which waits on
	ipv6 rtu 2001:db8:66::/64 4
	[ "$(netcfg-rpc daemon.info | jq .status)" = 0 ]
	sleep 0.2
	wait_parked 1
	[ "$(cat "$out")" = waiting ]
	# a better route with another source does change it
	ipv6 adu 3/2001:db8:1::3
	ipv6 rtu 2001:db8:1::/64 3
	wait "$pid"
	[ "$(cat "$out")" = "$(printf '%s\n' waiting "change 0" "route 0 28 2001:db8:1::3")" ]
	ipv6 rtu 2001:db8:1::/64 3 life 0
}

@test "J61: SIO_ROUTING_INTERFACE_CHANGE on a non-blocking socket; the wildcard address takes any routing change" {
	run probe routepoll 2001:db8:1::1 "ipv6 rtu 2001:db8:55::/64 3"
	[ "$output" = "$(printf '%s\n' "change 10035" "ran 0" "change 10035")" ]
	run probe routepoll 2001:db8:1::1 "ipv6 rtu ::/0 4/fe80::1 life 0"
	[ "$output" = "$(printf '%s\n' "change 10035" "ran 0" "change 0")" ]
	ipv6 rtu ::/0 4/fe80::1
	run probe routepoll :: "ipv6 rtu 2001:db8:55::/64 3 life 0"
	[ "$output" = "$(printf '%s\n' "change 10035" "ran 0" "change 0")" ]
}

@test "J62: an unknown code is WSAEINVAL; SIO_GET_BROADCAST_ADDRESS on AF_INET6 is WSAENOPROTOOPT" {
	run probe code 4800ffff
	[ "$output" = "code 10022" ]
	run probe code 0
	[ "$output" = "code 10022" ]
	run probe broadcast 6
	[ "$output" = "broadcast 10042 0" ]
	run probe broadcast 4
	[ "$output" = "broadcast 0 16 255.255.255.255" ]
}

@test "J62: SIO_GET_INTERFACE_LIST on AF_INET: an INTERFACE_INFO array; too small is WSAEFAULT" {
	run probe iflist
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^iflist\ 0\ ([0-9]+)\ 76\ ([0-9]+)$ ]]
	bytes=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
	[ "$n" -ge 1 ]
	[ "$bytes" -eq $((n * 76)) ]
	[ "${#lines[@]}" -eq $((n + 1)) ]
	[[ "$output" == *"  127.0.0.1/255.0.0.0 up loopback"* ]]
	run probe iflist 10
	[ "$output" = "iflist 10014 $bytes 76 0" ]
	run probe iflist $((bytes - 1))
	[[ "$output" == "iflist 10014 "* ]]
}

@test "a layered provider passes the stack's ioctls down to the base provider" {
	export NETCFG_RECORDER_LOG=$BATS_TEST_TMPDIR/calls.log
	g="{DDDDDDDD-0000-4000-8000-000000000004}"
	cat > "$BATS_TEST_TMPDIR/lsp.json" <<-EOF
	{ "name": "Recorder", "guid": "$g", "path": "$NETCFG_BUILD/tests/providers/recorder.so",
	  "entries": [ { "type": "layered", "description": "Recorder" },
	               { "type": "chain", "description": "Recorder over [UDP/IPv6]", "chain": ["self", "[UDP/IPv6]"] } ] }
	EOF
	catalog install "$BATS_TEST_TMPDIR/lsp.json" >/dev/null
	chain=$(catalog -j show | jq '.entries[] | select(.entry_type == "chain") | .id')
	catalog order $chain $(catalog -v -j show | jq -r --argjson c "$chain" '[.entries[].id | select(. != $c)] | join(" ")')
	run probe route 2001:db8:1::1
	[ "$output" = "route 0 28 2001:db8::10" ]
	run probe addrchange "ipv6 adu 4/2001:db8::97"
	[ "${lines[1]}" = "change 10035" ]
	[ "${lines[4]}" = "change 0" ]
	grep -q " ioctl 0xc8000014 passed down" "$NETCFG_RECORDER_LOG"
	grep -q " ioctl 0x28000017 passed down" "$NETCFG_RECORDER_LOG"
	catalog remove "$g" >/dev/null
}

@test "J60: with the IPv6 stack stopped, or the daemon gone: WSAENETDOWN" {
	net6 stop tcpip6 >/dev/null
	run probe route 2001:db8:1::1
	[ "$output" = "route 10050 0" ]
	run probe list 6
	[ "$output" = "list 10050 0" ]
	net6 start tcpip6 >/dev/null
	# the program keeps its catalog; the daemon stops under it
	run catalog run -- sh -c "kill -TERM $(cat "$STACKD_DIR/pid"); \
		until [ -s '$STACKD_DIR/exit' ]; do sleep 0.05; done; \
		sioprobe route 2001:db8:1::1; sioprobe list 6; sioprobe addrchange true; \
		sioprobe route 127.0.0.1"
	[ "$(cat "$STACKD_DIR/exit")" = 0 ]
	rm -f "$STACKD_DIR/pid"
	launch_stackd
	[ "${lines[0]}" = "route 10050 0" ]
	[ "${lines[1]}" = "list 10050 0" ]
	[ "${lines[2]}" = "nonblocking 0" ]
	[ "${lines[3]}" = "change 10050" ]
	# IPv4 does not need the daemon
	[ "${lines[-1]}" = "route 0 16 127.0.0.1" ]
}
