#!/usr/bin/env bats
# stackd.bats - the daemon: options, protocol, concurrency, access, stores.
# valgrind: yes

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock --max-frame 65536
}

teardown_file() {
	finish_stackd
}

route_count() {
	netcfg-rpc route.list | jq '.result | length'
}

@test "--help, --version and bad options" {
	run stackd --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--dataplane=NAME"* ]]
	run stackd --version
	[ "$status" -eq 0 ]
	[[ "$output" == "stackd (netcfg) "* ]]
	run stackd --bogus
	[ "$status" -eq 2 ]
	[ "$output" = 'stackd: unknown option "--bogus" (see stackd --help)' ]
	run stackd --max-frame 10
	[ "$status" -eq 2 ]
}

@test "dataplane options that cannot go together are refused before anything starts" {
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --netns somewhere
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: --netns needs the linux dataplane (--dataplane=linux)" ]
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --dataplane=linux --test-clock
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: the test clock cannot drive the linux dataplane: the kernel's lifetimes run in real time" ]
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --dataplane=kernel
	[ "$status" -eq 2 ]
	[ "$output" = 'stackd: unknown dataplane "kernel" (model or linux)' ]
	[ ! -e "$BATS_TEST_TMPDIR/x.sock" ]
}

@test "a bad config file is reported with file and line, and nothing starts" {
	printf 'adapter "a" ethernet 00-11-22-33-44-55\nadapter "b" token-ring 1.2.3.4\n' > "$BATS_TEST_TMPDIR/bad.conf"
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --config "$BATS_TEST_TMPDIR/bad.conf"
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: $BATS_TEST_TMPDIR/bad.conf:2: unknown adapter kind \"token-ring\" (ethernet or 6over4)" ]
	[ ! -e "$BATS_TEST_TMPDIR/x.sock" ]
	printf 'adapter "a" ethernet 00-11-22-33-44-5\n' > "$BATS_TEST_TMPDIR/bad.conf"
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --config "$BATS_TEST_TMPDIR/bad.conf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"bad.conf:1: \"00-11-22-33-44-5\" is not a MAC address"* ]]
	# not a text file: a NUL byte, a line longer than 4096 bytes
	printf '# ok\nadapter "a\0b" ethernet 00-11-22-33-44-55\n' > "$BATS_TEST_TMPDIR/bad.conf"
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --config "$BATS_TEST_TMPDIR/bad.conf"
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: $BATS_TEST_TMPDIR/bad.conf:2: a NUL byte in the line (not a text file?)" ]
	{ printf '#'; head -c 5000 /dev/zero | tr '\0' x; echo; } > "$BATS_TEST_TMPDIR/bad.conf"
	run stackd --foreground --socket "$BATS_TEST_TMPDIR/x.sock" --config "$BATS_TEST_TMPDIR/bad.conf"
	[ "$status" -eq 2 ]
	[ "$output" = "stackd: $BATS_TEST_TMPDIR/bad.conf:1: line too long (more than 4096 bytes)" ]
}

@test "one daemon per socket: a second stackd on the same socket exits with status 3" {
	run stackd --foreground --socket "$NETCFG_SOCKET" --state-dir "$BATS_TEST_TMPDIR/s2"
	[ "$status" -eq 3 ]
	[ "$output" = "stackd: another stackd is already serving $NETCFG_SOCKET" ]
	netcfg-rpc daemon.info >/dev/null
}

@test "daemon.info describes the daemon" {
	run netcfg-rpc daemon.info
	[ "$status" -eq 0 ]
	[ "$(jq -r .result.dataplane <<<"$output")" = model ]
	[ "$(jq -r .result.test_clock <<<"$output")" = true ]
	[ "$(jq -r .result.interfaces <<<"$output")" = 4 ]
	[ "$(jq -r .result.socket <<<"$output")" = "$NETCFG_SOCKET" ]
}

@test "malformed frames and requests get error replies naming the problem" {
	run netcfg-rpc --raw 'this is not json'
	[ "$status" -eq 7 ]
	[ "$(jq -r .error <<<"$output")" = "malformed request: unexpected character at byte 0" ]
	run netcfg-rpc --raw '{"id":5,"args":{}}'
	[ "$status" -eq 7 ]
	[ "$(jq -c '[.id, .error]' <<<"$output")" = '[5,"malformed request: \"op\" is missing"]' ]
	run netcfg-rpc --raw '{"id":6,"op":"route.add","args":[]}'
	[ "$status" -eq 7 ]
	[ "$(jq -r .error <<<"$output")" = 'route.add: "args" is not an object' ]
	run netcfg-rpc no.such.op
	[ "$status" -eq 9 ]
	[ "$(jq -r .error <<<"$output")" = 'unknown operation "no.such.op"' ]
	run netcfg-rpc route.add '{"route":{"prefix":"2001:db8::/64","ifindex":"four"}}'
	[ "$status" -eq 7 ]
	[ "$(jq -r .error <<<"$output")" = "route: ifindex is not a number in range" ]
	run netcfg-rpc route.add '{"route":{"prefix":"banana","ifindex":4}}'
	[ "$status" -eq 7 ]
	[ "$(jq -r .error <<<"$output")" = "route: prefix is not an IPv6 prefix" ]
	# the daemon is still serving
	netcfg-rpc daemon.info >/dev/null
}

@test "an oversized frame is refused and the connection closed; others keep working" {
	run netcfg-rpc --header 100000 '{"id":1'
	[ "$status" -eq 8 ]
	[ "$(jq -r .error <<<"$output")" = "request of 100000 bytes exceeds the limit of 65536 bytes" ]
	run netcfg-rpc --header 4294967295
	[ "$status" -eq 8 ]
	ipv6 rtu 2001:db8:f00::/48 4
	[[ "$(ipv6 rt)" == *"2001:db8:f00::/48 -> 4"* ]]
	ipv6 rtu 2001:db8:f00::/48 4 life 0
}

@test "garbage and half-sent frames do not stall another client's work" {
	# a client that sends half a frame and then waits
	netcfg-rpc --header 200 '{"id":1,"op":"daem' 3>&- &
	stalled=$!
	(for i in $(seq 1 40); do ipv6 rtu "2001:db8:cafe:$i::/64" 4 || exit 1; done) 3>&- &
	worker=$!
	for i in $(seq 1 20); do
		netcfg-rpc --raw "garbage $i" >/dev/null && false || true
	done
	wait "$worker"
	[ "$(ipv6 rt | grep -c '^2001:db8:cafe:')" -eq 40 ]
	kill "$stalled"
	wait "$stalled" || true
	for i in $(seq 1 40); do ipv6 rtu "2001:db8:cafe:$i::/64" 4 life 0; done
}

@test "two dozen concurrent clients adding routes lose none" {
	before=$(route_count)
	pids=()
	for c in $(seq 1 24); do
		(for i in $(seq 1 20); do ipv6 rtu "2001:db8:$c:$i::/64" 4 || exit 1; done) 3>&- &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	[ "$(route_count)" -eq $((before + 480)) ]
	for c in 1 12 24; do
		[ "$(ipv6 rt | grep -c "^2001:db8:$c:[0-9]*::/64 -> 4")" -eq 20 ]
	done
}

@test "a batch is all or nothing and reports the failing change" {
	before=$(ipv6 rt)
	run netcfg-rpc batch '{"ops":[
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:b1::/64","ifindex":4}}},
		{"op":"address.add","args":{"address":{"ifindex":4,"address":"2001:db8:b1::1"}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:b2::/64","ifindex":99}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:b3::/64","ifindex":4}}}]}'
	[ "$status" -eq 2 ]
	[ "$(jq -c '[.index, .error]' <<<"$output")" = '[2,"interface 99 does not exist"]' ]
	[ "$(ipv6 rt)" = "$before" ]
	[[ "$(ipv6 if 4)" != *"2001:db8:b1::1"* ]]
	run netcfg-rpc batch '{"ops":[{"op":"route.list","args":{}}]}'
	[ "$status" -eq 1 ]
	[ "$(jq -r .error <<<"$output")" = 'batch op 0: "route.list" cannot be batched' ]
	run netcfg-rpc batch '{"ops":[
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:b1::/64","ifindex":4}}},
		{"op":"route.delete","args":{"route":{"prefix":"2001:db8:b1::/64","ifindex":4}}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:b1::/64","ifindex":4,"preference":3}}}]}'
	[ "$status" -eq 0 ]
	[ "$(jq .result.applied <<<"$output")" -eq 3 ]
	[[ "$(ipv6 rt)" == *"2001:db8:b1::/64 -> 4 pref 3 (lifetime infinite)"* ]]
}

@test "a non-root client may read but is refused a change, and nothing changes" {
	nobody_bin=$(public_dir nobody)
	cp "$NETCFG_BUILD/bin/ipv6" "$nobody_bin/"
	before=$(ipv6 rt)
	run setpriv --reuid=nobody --regid=nogroup --clear-groups env NETCFG_SOCKET="$NETCFG_SOCKET" \
		"$nobody_bin/ipv6" rtu 2001:db8:bad::/64 4
	[ "$status" -eq 1 ]
	[[ "$output" == "ipv6: rtu: permission denied: uid "*" may read but not change the stack (allowed: root, uid 0)" ]]
	run setpriv --reuid=nobody --regid=nogroup --clear-groups env NETCFG_SOCKET="$NETCFG_SOCKET" \
		"$nobody_bin/ipv6" rt
	[ "$status" -eq 0 ]
	[ "$output" = "$before" ]
	[ "$(ipv6 rt)" = "$before" ]
}

@test "members of the configured group may change the stack" {
	local dir
	dir=$(public_dir group)
	cp "$NETCFG_BUILD/bin/ipv6" "$dir/"
	stackd --socket "$dir/s.sock" --state-dir "$dir/state" --config "$SEED_CONF" --group nogroup
	run setpriv --reuid=nobody --regid=nogroup --clear-groups env NETCFG_SOCKET="$dir/s.sock" \
		"$dir/ipv6" rtu 2001:db8:600d::/64 4
	[ "$status" -eq 0 ]
	[[ "$(NETCFG_SOCKET=$dir/s.sock ipv6 rt)" == *"2001:db8:600d::/64 -> 4"* ]]
	kill "$(NETCFG_SOCKET=$dir/s.sock netcfg-rpc daemon.info | jq .result.pid)"
}

@test "persistent changes are durable before they are acknowledged and survive a crash" {
	netcfg-rpc route.add '{"route":{"prefix":"2001:db8:d0::/64","ifindex":4},"persist":true}' >/dev/null
	grep -q '"route 2001:db8:d0::/64 Local Area Connection ::"' "$NETCFG_STATE_DIR/persistent.json"
	netcfg-rpc route.add '{"route":{"prefix":"2001:db8:d1::/64","ifindex":4}}' >/dev/null
	crash_and_restart_stackd
	run ipv6 rt
	[[ "$output" == *"2001:db8:d0::/64 -> 4"* ]]
	[[ "$output" != *"2001:db8:d1::/64"* ]]
	# deleting persistently removes the entry
	netcfg-rpc route.delete '{"route":{"prefix":"2001:db8:d0::/64","ifindex":4},"persist":true}' >/dev/null
	! grep -q 'd0::/64' "$NETCFG_STATE_DIR/persistent.json"
	[ ! -e "$NETCFG_STATE_DIR/persistent.json.tmp" ]
}

@test "a batch persists once" {
	writes=$(netcfg-rpc daemon.info | jq .result.persistent_writes)
	ops=$(for i in $(seq 1 50); do
		printf '{"op":"route.add","args":{"route":{"prefix":"2001:db8:e%x::/64","ifindex":4},"persist":true}},' "$i"
	done)
	netcfg-rpc batch "{\"ops\":[${ops%,}]}" >/dev/null
	[ "$(netcfg-rpc daemon.info | jq .result.persistent_writes)" -eq $((writes + 1)) ]
	[ "$(grep -c '"route 2001:db8:e' "$NETCFG_STATE_DIR/persistent.json")" -eq 50 ]
}

@test "a failed batch leaves the persistent store untouched" {
	cp "$NETCFG_STATE_DIR/persistent.json" "$BATS_TEST_TMPDIR/before.json"
	run netcfg-rpc batch '{"ops":[
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:f1::/64","ifindex":4},"persist":true}},
		{"op":"route.delete","args":{"route":{"prefix":"2001:db8:e1::/64","ifindex":4},"persist":true}},
		{"op":"route.add","args":{"route":{"prefix":"2001:db8:f1::/64","ifindex":4},"persist":true}}]}'
	[ "$status" -eq 3 ]
	[ "$(jq .index <<<"$output")" -eq 2 ]
	cmp "$NETCFG_STATE_DIR/persistent.json" "$BATS_TEST_TMPDIR/before.json"
	restart_stackd
	[[ "$(ipv6 rt)" == *"2001:db8:e1::/64 -> 4"* ]]
	[[ "$(ipv6 rt)" != *"2001:db8:f1::/64"* ]]
}

@test "a corrupt persistent store stops the daemon from starting, naming file and line" {
	local dir=$BATS_TEST_TMPDIR/corrupt
	mkdir -p "$dir/state"
	printf '{"format":"netcfg-persistent-store","version":1,"entries":[\n{"key":"x","op":"route.add",\n' > "$dir/state/persistent.json"
	run stackd --foreground --socket "$dir/s.sock" --state-dir "$dir/state"
	[ "$status" -eq 1 ]
	[ "$output" = "stackd: persistent store unreadable, refusing to start: $dir/state/persistent.json:3: expected a string key" ]
}

@test "clock.advance needs --test-clock" {
	local dir=$BATS_TEST_TMPDIR/clock
	stackd --socket "$dir/s.sock" --state-dir "$dir/state" --config "$SEED_CONF"
	run env NETCFG_SOCKET="$dir/s.sock" netcfg-rpc clock.advance '{"seconds":5}'
	[ "$status" -eq 6 ]
	[ "$(jq -r .error <<<"$output")" = "clock.advance needs a daemon started with --test-clock" ]
	kill "$(NETCFG_SOCKET=$dir/s.sock netcfg-rpc daemon.info | jq .result.pid)"
}

@test "a tool starts an embedded daemon when none answers, and says so once" {
	local dir=$BATS_TEST_TMPDIR/auto
	mkdir -p "$dir"
	run env NETCFG_SOCKET="$dir/stackd.sock" NETCFG_STATE_DIR="$dir/state" ipv6 if 1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "netcfg: no stack daemon was running; started one (model dataplane) at $dir/stackd.sock" ]
	[ "${lines[1]}" = "Interface 1 (site 0): Loopback Pseudo-Interface" ]
	run env NETCFG_SOCKET="$dir/stackd.sock" ipv6 if 1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Interface 1 (site 0): Loopback Pseudo-Interface" ]
	pid=$(NETCFG_SOCKET=$dir/stackd.sock netcfg-rpc daemon.info | jq .result.pid)
	[ -d "$dir/state" ]
	kill "$pid"
}

@test "stackd exits cleanly" {
	stop_stackd
}
