#!/usr/bin/env bats
# net6.bats - net6 start|stop tcpip6: the seeds' net start / net stop.
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

@test "usage, help and bad service names" {
	run net6
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "Usage: net6 start [tcpip6]" ]
	run net6 --help
	[ "$status" -eq 0 ]
	run net6 --version
	[ "$output" = "net6 (netcfg) 0.1.0" ]
	run net6 stop
	[ "$status" -eq 2 ]
	[ "$output" = "net6: stop takes one service name: tcpip6" ]
	run net6 stop tcpip
	[ "$status" -eq 2 ]
	[ "$output" = 'net6: the service name "tcpip" is invalid (the only service is tcpip6)' ]
	run net6 pause tcpip6
	[ "$status" -eq 2 ]
}

@test "G34: netsh changes come back after net6 stop and start, ipv6 changes do not" {
	netsh interface ipv6 add address "Local Area Connection" 2001:db8::10
	ipv6 adu 4/2001:db8::20
	run net6 start
	[ "$output" = $'These services are started:\n\n   tcpip6\n\nThe command completed successfully.' ]
	run net6 stop tcpip6
	[ "$status" -eq 0 ]
	[ "$output" = $'The tcpip6 service is stopping.\nThe tcpip6 service was stopped successfully.' ]
	run net6 start
	[ "$output" = "No services are started." ]
	run net6 start TCPIP6
	[ "$status" -eq 0 ]
	[ "$output" = $'The tcpip6 service is starting.\nThe tcpip6 service was started successfully.' ]
	run ipv6 if 4
	[[ "$output" == *"preferred address 2001:db8::10, infinite/infinite"* ]]
	[[ "$output" != *"2001:db8::20"* ]]
	netsh interface ipv6 reset
}

@test "G35: stop is refused while another client holds the stack" {
	netcfg-rpc --hold 30 > "$BATS_TEST_TMPDIR/hold" &
	holder=$!
	for _ in $(seq 100); do [ -s "$BATS_TEST_TMPDIR/hold" ] && break; sleep 0.05; done
	run --separate-stderr net6 stop tcpip6
	kill "$holder"
	wait "$holder" 2>/dev/null || true
	[ "$status" -eq 1 ]
	[[ "$stderr" == "The tcpip6 service could not be stopped: the IPv6 stack is in use by 1 other client (pid "*"); it was not stopped." ]]
	run netsh interface ipv6 show interface
	[ "$status" -eq 0 ]
	# once the holder is gone, stop works
	run net6 stop tcpip6
	[ "$status" -eq 0 ]
	net6 start tcpip6
}

@test "while stopped the stack refuses its operations; start and stop say when there is nothing to do" {
	net6 stop tcpip6
	run net6 stop tcpip6
	[ "$status" -eq 1 ]
	[ "$output" = "The tcpip6 service is not started." ]
	run netsh interface ipv6 show routes
	[ "$status" -eq 1 ]
	[ "$output" = 'the IPv6 stack is stopped; start it with "net6 start tcpip6"' ]
	run ipv6 rt
	[ "$status" -eq 1 ]
	run netsh interface ipv6 dump
	[ "$status" -eq 1 ]
	net6 start tcpip6
	run net6 start tcpip6
	[ "$status" -eq 1 ]
	[ "$output" = "The requested service has already been started." ]
}

@test "start renumbers as at boot and replays the persistent configuration" {
	netsh interface ipv6 add v6v4tunnel t1 192.0.2.1 198.51.100.1 store=active
	netsh interface ipv6 add v6v4tunnel t2 192.0.2.1 198.51.100.2
	netsh interface ipv6 add address t2 2001:db8:2::1
	[[ "$(netsh interface ipv6 show interface)" == *"  6     0   1280  Connected     t2"* ]]
	net6 stop tcpip6
	net6 start tcpip6
	run netsh interface ipv6 show interface
	[[ "$output" == *"  5     0   1280  Connected     t2"* ]]
	[[ "$output" != *"t1"* ]]
	[[ "$(netsh interface ipv6 show address t2)" == *"2001:db8:2::1"* ]]
	netsh interface ipv6 reset
}

@test "with no daemon, start starts one and stop says it is not started" {
	export NETCFG_SOCKET=$STACKD_DIR/other/stackd.sock NETCFG_STATE_DIR=$STACKD_DIR/other/state
	run net6 stop tcpip6
	[ "$status" -eq 1 ]
	[ "$output" = "The tcpip6 service is not started." ]
	run net6 start tcpip6
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "The tcpip6 service was started successfully." ]
	pid=$(netcfg-rpc daemon.info | jq .result.pid)
	run netsh interface ipv6 show interface
	[ "$status" -eq 0 ]
	kill "$pid"
}
