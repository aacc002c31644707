#!/usr/bin/env bats
# events.bats - change generations (events.get) and parked requests
# (events.wait): what counts as a change, answers at once and later, time
# limits, clients that go away while waiting, and the daemon serving
# everyone else meanwhile.  evwatch drives the libnetcfg calls.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

gens() {
	netcfg-rpc events.get | jq -c '[.result.address, .result.route]'
}

# changed ARGS: the kinds events.wait ARGS answers with
changed() {
	netcfg-rpc events.wait "$1" | jq -c .result.changed
}

# wait_error ARGS: the status and message events.wait ARGS is refused with
wait_error() {
	netcfg-rpc events.wait "$1" | jq -r '"\(.status) \(.error)"'
}

@test "events.get: the generations start at 1, with the daemon's epoch" {
	run netcfg-rpc events.get
	[ "$status" -eq 0 ]
	[ "$(jq -c '.result | [.address, .route, .changed, .waiting]' <<<"$output")" = '[1,1,[],0]' ]
	[ "$(jq '.result.epoch > 0' <<<"$output")" = true ]
	# the same epoch for every client of this daemon
	[ "$(netcfg-rpc events.get | jq .result.epoch)" = "$(jq .result.epoch <<<"$output")" ]
}

@test "a route moves the route generation; an address moves both; a batch counts once" {
	before=$(gens)
	ipv6 rtu 2001:db8:1::/64 4
	[ "$(gens)" = "$(jq -c '[.[0], .[1] + 1]' <<<"$before")" ]
	ipv6 adu 4/2001:db8:1::1
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 2]' <<<"$before")" ]
	before=$(gens)
	netcfg-rpc batch '{"ops":[
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:2::/64","ifindex":4}}},
		{"op":"address.add","args":{"address":{"ifindex":4,"address":"2001:db8:2::1"}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:3::/64","ifindex":3}}}]}' >/dev/null
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 1]' <<<"$before")" ]
	# prefix policies and interface settings change route queries too
	netsh interface ipv6 add prefixpolicy 2001:db8::/32 45 9 >/dev/null
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 2]' <<<"$before")" ]
	ipv6 ifc 4 mtu 1400
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 3]' <<<"$before")" ]
}

@test "reads, refused changes and a failed batch are no change" {
	before=$(gens)
	ipv6 rt >/dev/null
	ipv6 if >/dev/null
	ipv6 rc >/dev/null
	netcfg-rpc route.query '{"destination":"2001:db8:1::5"}' >/dev/null
	run ipv6 adu 4/ff02::1
	[ "$status" -ne 0 ]
	run netcfg-rpc route.add '{"route":{"prefix":"2001:db8:1::/64","ifindex":4}}'
	[ "$status" -eq 3 ]
	run netcfg-rpc batch '{"ops":[
		{"op":"address.add","args":{"address":{"ifindex":4,"address":"2001:db8:4::1"}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:4::/64","ifindex":99}}}]}'
	[ "$status" -eq 2 ]
	[ "$(gens)" = "$before" ]
}

@test "time: the end of DAD and of a lifetime are changes; time without one is not" {
	before=$(gens)
	advance_clock 5
	[ "$(gens)" = "$before" ]
	ipv6 adu 4/2001:db8:5::1 life 10
	mid=$(gens)
	[ "$mid" = "$(jq -c '[.[0] + 1, .[1] + 1]' <<<"$before")" ]
	advance_clock 11
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 1]' <<<"$mid")" ]
	[[ "$(ipv6 if 4)" != *"2001:db8:5::1"* ]]
	# renew: the addresses are tentative again (a change), then preferred
	# when DAD ends (another)
	before=$(gens)
	ipv6 renew 4
	[[ "$(ipv6 if 4)" == *"tentative address fe80::210:5aff:feaa:20a2"* ]]
	[ "$(gens | jq .[0])" -eq "$(($(jq .[0] <<<"$before") + 1))" ]
	advance_clock 2
	[[ "$(ipv6 if 4)" == *"preferred address fe80::210:5aff:feaa:20a2"* ]]
	[ "$(gens | jq .[0])" -eq "$(($(jq .[0] <<<"$before") + 2))" ]
}

@test "events.wait answers at once when a kind is past since; timeout 0 never waits" {
	read -r epoch a r < <(netcfg-rpc events.get | jq -r '.result | "\(.epoch) \(.address) \(.route)"')
	[ "$(changed "{\"kinds\":[\"address\"],\"since\":{\"epoch\":$epoch,\"address\":$((a - 1)),\"route\":$r}}")" = '["address"]' ]
	# only the kinds asked for count
	[ "$(changed "{\"kinds\":[\"route\"],\"since\":{\"address\":$((a - 1))},\"timeout_ms\":0}")" = '[]' ]
	[ "$(changed "{\"since\":{\"epoch\":$epoch,\"address\":$a,\"route\":$((r - 1))}}")" = '["route"]' ]
	# generations of another daemon (another epoch) are all out of date
	[ "$(changed "{\"since\":{\"epoch\":1,\"address\":$a,\"route\":$r}}")" = '["address","route"]' ]
	run netcfg-rpc events.wait '{"timeout_ms":0}'
	[ "$status" -eq 0 ]
	[ "$(jq -c '.result.changed' <<<"$output")" = '[]' ]
}

@test "a parked events.wait is answered by the next change of its kind, while the daemon serves others" {
	out=$BATS_TEST_TMPDIR/wait.out
	netcfg-rpc events.wait '{"kinds":["address"]}' > "$out" 3>&- &
	pid=$!
	wait_parked 1
	# the daemon goes on serving everyone else
	[ "$(netcfg-rpc daemon.info | jq .status)" = 0 ]
	ipv6 rt >/dev/null
	# a route is not an address: still parked
	ipv6 rtu 2001:db8:6::/64 4
	sleep 0.2
	[ ! -s "$out" ]
	[ "$(netcfg-rpc events.get | jq .result.waiting)" = 1 ]
	ipv6 adu 4/2001:db8:6::1
	wait "$pid"
	[ "$(jq -c '[.id, .status, .result.changed, .result.waiting]' "$out")" = '[1,0,["address"],0]' ]
	[ "$(jq -c '[.result.address, .result.route]' "$out")" = "$(gens)" ]
	wait_parked 0
}

@test "several clients wait at once; one change answers all that asked for it" {
	d=$BATS_TEST_TMPDIR
	netcfg-rpc events.wait '{"kinds":["route"]}' > "$d/r1" 3>&- & p1=$!
	netcfg-rpc events.wait '{}' > "$d/r2" 3>&- & p2=$!
	netcfg-rpc events.wait '{"kinds":["address"],"timeout_ms":60000}' > "$d/a" 3>&- & p3=$!
	wait_parked 3
	ipv6 rtu 2001:db8:7::/64 4
	wait "$p1" "$p2"
	[ "$(jq -c .result.changed "$d/r1")" = '["route"]' ]
	[ "$(jq -c .result.changed "$d/r2")" = '["route"]' ]
	wait_parked 1
	ipv6 adu 4/2001:db8:7::1
	wait "$p3"
	[ "$(jq -c .result.changed "$d/a")" = '["address"]' ]
}

@test "a wait that runs out of time answers with nothing changed" {
	start=$(date +%s%N)
	run netcfg-rpc events.wait '{"timeout_ms":300}'
	took=$((($(date +%s%N) - start) / 1000000))
	[ "$status" -eq 0 ]
	[ "$(jq -c '[.result.changed, .result.waiting]' <<<"$output")" = '[[],0]' ]
	[ "$took" -ge 300 ]
	# the test clock does not drive the limit: it is real time
	run netcfg-rpc events.wait '{"kinds":["address"],"timeout_ms":100}'
	[ "$(jq -c .result.changed <<<"$output")" = '[]' ]
}

@test "a client that disconnects while parked is dropped with its request; the daemon goes on" {
	clients=$(netcfg-rpc daemon.info | jq .result.clients)
	netcfg-rpc events.wait '{}' >/dev/null 3>&- &
	pid=$!
	wait_parked 1
	kill "$pid"
	wait "$pid" || true
	wait_parked 0
	[ "$(netcfg-rpc daemon.info | jq .result.clients)" = "$clients" ]
	# changes and waits work as before
	ipv6 rtu 2001:db8:8::/64 4
	run netcfg-rpc events.wait '{"timeout_ms":0}'
	[ "$status" -eq 0 ]
}

@test "requests behind a parked one on the same connection wait for its answer, in order" {
	run netcfg-rpc --pipeline events.wait '{"timeout_ms":200}' daemon.info '{}' events.get '{}'
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(jq -c '[.id, .result.changed]' <<<"${lines[0]}")" = '[1,[]]' ]
	[ "$(jq .id <<<"${lines[1]}")" = 2 ]
	[ "$(jq -r .result.version <<<"${lines[1]}")" != null ]
	[ "$(jq -c '[.id, .result.waiting]' <<<"${lines[2]}")" = '[3,0]' ]
}

@test "the generations follow the stack through net6 stop and start; a parked request holds the stack" {
	out=$BATS_TEST_TMPDIR/wait.out
	netcfg-rpc events.wait '{"kinds":["address"]}' > "$out" 3>&- &
	pid=$!
	wait_parked 1
	# like a program with an open socket, a waiting connection holds the stack
	run net6 stop tcpip6
	[ "$status" -ne 0 ]
	[[ "$output" == *"in use by 1 other client (pid $pid)"* ]]
	kill "$pid"
	wait "$pid" || true
	wait_parked 0
	before=$(gens)
	net6 stop tcpip6 >/dev/null
	stopped=$(gens)
	[ "$stopped" = "$(jq -c '[.[0] + 1, .[1] + 1]' <<<"$before")" ]
	# events are no IPv6 operation: served while the stack is down
	run netcfg-rpc events.wait '{"timeout_ms":0}'
	[ "$status" -eq 0 ]
	netcfg-rpc events.wait '{"kinds":["route"]}' > "$out" 3>&- &
	pid=$!
	wait_parked 1
	net6 start tcpip6 >/dev/null
	wait "$pid"
	[ "$(jq -c .result.changed "$out")" = '["route"]' ]
	[ "$(gens)" = "$(jq -c '[.[0] + 1, .[1] + 1]' <<<"$stopped")" ]
}

@test "libnetcfg: netcfg_events_get and netcfg_events_wait" {
	run evwatch -t 100
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "now address=$(gens | jq .[0]) route=$(gens | jq .[1])" ]
	[[ "${lines[1]}" == "timeout address="* ]]
	out=$BATS_TEST_TMPDIR/evwatch.out
	evwatch -k route -n 2 > "$out" 3>&- &
	pid=$!
	wait_parked 1
	ipv6 rtu 2001:db8:9::/64 4
	wait_parked 1
	ipv6 adu 4/2001:db8:9::1
	wait "$pid"
	[ "$(sed -n 2p "$out" | cut -d' ' -f1-2)" = "changed route" ]
	[ "$(sed -n 3p "$out" | cut -d' ' -f1-2)" = "changed route" ]
	# an address kind is reported as such
	evwatch -k address,route > "$out" 3>&- &
	pid=$!
	wait_parked 1
	ipv6 adu 4/2001:db8:9::2
	wait "$pid"
	[ "$(sed -n 2p "$out" | cut -d' ' -f1-2)" = "changed address,route" ]
	run evwatch -k 4 -t 0
	[ "$status" -eq 1 ]
	[ "${lines[1]}" = "error 1: events.wait: unknown kinds 0x4" ]
}

@test "bad events.wait requests name the problem; events.wait cannot be batched" {
	[ "$(wait_error '{"kinds":["address","link"]}')" = '7 events.wait: kinds has an unknown kind "link" (address, route)' ]
	[ "$(wait_error '{"kinds":[]}')" = '7 events.wait: kinds is empty' ]
	[ "$(wait_error '{"since":[1]}')" = '7 events.wait: since is missing or not an object' ]
	[ "$(wait_error '{"since":{"route":-3}}')" = '7 events.wait: since: route is not a generation (a number from 0)' ]
	[ "$(wait_error '{"timeout_ms":-1}')" = '7 events.wait: "timeout_ms" is not a number of milliseconds (0 to 2147483647)' ]
	[ "$(wait_error '{"timeout_ms":"soon"}')" = '7 events.wait: "timeout_ms" is not a number of milliseconds (0 to 2147483647)' ]
	run netcfg-rpc batch '{"ops":[{"op":"events.wait","args":{}}]}'
	[ "$status" -eq 1 ]
	[ "$(jq -r .error <<<"$output")" = 'batch op 0: "events.wait" cannot be batched' ]
	# nothing was left parked
	[ "$(netcfg-rpc events.get | jq .result.waiting)" = 0 ]
}

@test "stackd exits cleanly with a request parked" {
	netcfg-rpc events.wait '{}' >/dev/null 3>&- &
	pid=$!
	wait_parked 1
	# teardown's stop_stackd checks the exit status (and valgrind's verdict)
	stop_stackd
	wait "$pid" || true
	launch_stackd
}
