#!/usr/bin/env bats
# events-linux.bats - change generations with the linux dataplane: what
# others change in the kernel (ip addr, ip route), mirrored by stackd,
# moves them and answers parked waits, down to a program's
# SIO_ADDRESS_LIST_CHANGE under `catalog run`; the views' own refreshes
# of the kernel are no change.  Needs root and ip netns.
# valgrind: yes

load helpers

export PATH=$NETCFG_BUILD/tests/providers:$PATH

setup_file() {
	netns_pair ev || return 0
	start_stackd --dataplane=linux --netns "$NS1"
	export VA=$(ip -n "$NS1" -j link show va | jq -r '.[0].ifindex')
}

setup() {
	netns_skip
	if [[ "$NETCFG_BUILD" == *-san ]]; then
		export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	fi
}

teardown_file() {
	[ -e "$BATS_FILE_TMPDIR/skip" ] && return 0
	local rc=0
	finish_stackd || rc=1
	ip netns del "$NS1" 2>/dev/null
	ip netns del "$NS2" 2>/dev/null
	return $rc
}

gens() {
	netcfg-rpc events.get | jq -c '[.result.address, .result.route]'
}

# eventually CMD...: CMD succeeds within 5 s (valgrind: 25 s)
eventually() {
	local tenths=50 i
	[ -n "${NETCFG_VALGRIND:-}" ] && tenths=250
	for ((i = 0; i < tenths; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

moved() {
	[ "$(gens | jq ".[$1]")" -gt "$2" ]
}

# The kernel's own address changes are over, and the daemon has them: no
# address of the namespace is tentative (the link-local address of va ends
# DAD a second or two after the link comes up, an address change too).
settled() {
	[ -z "$(ip -n "$NS1" -6 addr show tentative)" ] && ! ipv6 if | grep -q tentative
}

@test "views that refresh from the kernel are no change" {
	eventually settled
	before=$(gens)
	ipv6 if >/dev/null
	ipv6 rt >/dev/null
	ipv6 rc >/dev/null
	netsh interface ipv6 show interface >/dev/null
	[ "$(gens)" = "$before" ]
}

@test "an address added with ip moves both generations and answers a parked wait" {
	out=$BATS_TEST_TMPDIR/wait.out
	netcfg-rpc events.wait '{"kinds":["address"],"timeout_ms":20000}' > "$out" 3>&- &
	pid=$!
	wait_parked 1
	read -r a r < <(gens | jq -r '"\(.[0]) \(.[1])"')
	ip -n "$NS1" addr add 2001:db8:e::1/64 dev va nodad
	wait "$pid"
	[ "$(jq -c .result.changed "$out")" = '["address"]' ]
	eventually moved 0 "$a"
	eventually moved 1 "$r"
}

@test "a route added with ip moves the route generation only" {
	eventually [ "$(ipv6 if "$VA" | grep -c 'preferred address 2001:db8:e::1')" = 1 ]
	eventually settled
	read -r a r < <(gens | jq -r '"\(.[0]) \(.[1])"')
	ip -n "$NS1" -6 route add 2001:db8:ee::/64 dev va
	eventually moved 1 "$r"
	[ "$(gens | jq .[0])" = "$a" ]
}

@test "a program's SIO_ADDRESS_LIST_CHANGE completes on a change made in the kernel" {
	run catalog run -- sioprobe addrwait "ip -n $NS1 addr add 2001:db8:e::2/64 dev va nodad"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' "registered 10035" "change 0" "child 0")" ]
	run catalog run -- sioprobe list 6
	[[ "$output" == *"  2001:db8:e::2"* ]]
	# the answer of a route query is the kernel's address, bindable in the namespace
	run catalog run -- sioprobe route 2001:db8:e::99
	[[ "$output" == "route 0 28 2001:db8:e::"[12] ]]
}
