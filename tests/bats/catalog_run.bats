#!/usr/bin/env bats
# catalog_run.bats - layered providers really loading into programs through
# `catalog run`: the test provider tests/providers/recorder.so records the
# calls it sees; chains, catalog order, application categories, disabled
# layers, version negotiation and extension functions (I57).
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

PROVIDERS=$NETCFG_BUILD/tests/providers
export PATH=$PROVIDERS:$PATH

setup_file() {
	# an ASan-built loader cannot be preloaded into uninstrumented programs
	if [[ "$NETCFG_BUILD" == *-san ]]; then
		return 0
	fi
	start_stackd --test-clock
	export GA="{AAAAAAAA-0000-4000-8000-000000000001}" GB="{BBBBBBBB-0000-4000-8000-000000000002}"
	local d=$STACKD_DIR
	# two LSPs from the same object: A over B over [TCP/IP], and A alone over [UDP/IP]
	cat > "$d/a.json" <<-EOF
	{ "name": "Recorder A", "guid": "$GA", "path": "$PROVIDERS/recorder.so", "categories": "LSP_INSPECTOR",
	  "entries": [ { "type": "layered", "description": "Recorder A" } ] }
	EOF
	cat > "$d/b.json" <<-EOF
	{ "name": "Recorder B", "guid": "$GB", "path": "$PROVIDERS/recorder.so", "categories": "LSP_FIREWALL",
	  "entries": [ { "type": "layered", "description": "Recorder B" } ] }
	EOF
	catalog install "$d/a.json" >/dev/null
	catalog install "$d/b.json" >/dev/null
	cat > "$d/chains.json" <<-EOF
	{ "name": "Recorder chains", "guid": "{CCCCCCCC-0000-4000-8000-000000000003}", "path": "$PROVIDERS/recorder.so",
	  "entries": [ { "type": "chain", "description": "A over B over [TCP/IP]", "chain": ["$GA", "$GB", "[TCP/IP]"] },
	               { "type": "chain", "description": "A over [UDP/IP]", "chain": ["$GA", "[UDP/IP]"] } ] }
	EOF
	catalog install "$d/chains.json" >/dev/null
}

teardown_file() {
	if [[ "$NETCFG_BUILD" != *-san ]]; then
		finish_stackd
	fi
}

setup() {
	if [[ "$NETCFG_BUILD" == *-san ]]; then
		skip "an ASan-built provider loader cannot be preloaded into uninstrumented programs"
	fi
	export NETCFG_RECORDER_LOG=$BATS_TEST_TMPDIR/calls.log
	A=$(catalog -v -j show | jq --arg g "$GA" '.entries[] | select(.provider_id == $g) | .id')
	B=$(catalog -v -j show | jq --arg g "$GB" '.entries[] | select(.provider_id == $g) | .id')
	read -r TCPC UDPC <<<"$(catalog -j show | jq -r '[.entries[] | select(.entry_type == "chain") | .id] | join(" ")')"
}

# Put the chains first, the rest after them in their order.
chains_first() {
	catalog order $TCPC $UDPC $(catalog -v -j show | jq -r --argjson t "$TCPC" --argjson u "$UDPC" \
		'[.entries[].id | select(. != $t and . != $u)] | join(" ")')
}

@test "installed at the end, the chains lose to the base entries: nothing loads" {
	run catalog run -- sockprobe echo
	[ "$status" -eq 0 ]
	[ "$output" = "echo ok pong" ]
	[ ! -e "$NETCFG_RECORDER_LOG" ]
}

@test "ordered first, both layers load in chain order and see the program's calls" {
	chains_first
	run catalog run -- sockprobe echo
	[ "$status" -eq 0 ]
	[ "$output" = "echo ok pong" ]
	log=$(cat "$NETCFG_RECORDER_LOG")
	# started from the base up: B (layer 1) before A (layer 0)
	[ "$(grep startup <<<"$log")" = "$B $TCPC startup layer 1"$'\n'"$A $TCPC startup layer 0" ]
	# A is on top: it sees connect first and passes it to B
	[ "$(grep connect <<<"$log")" = "$A $TCPC connect 127.0.0.1 $(grep -m1 connect <<<"$log" | awk '{print $5}')"$'\n'"$B $TCPC connect 127.0.0.1 $(grep -m1 connect <<<"$log" | awk '{print $5}')" ]
	for call in "socket 2 1 0" "socket 2 1 6" "bind 127.0.0.1 0" listen "accept = ok" "send 4" "recv 4" close; do
		[ "$(grep -c " $call" <<<"$log")" -ge 2 ] || { echo "missing: $call"; return 1; }
	done
	# every socket call of the program went through both layers
	[ "$(grep -c "^$A " <<<"$log")" -eq "$(grep -c "^$B " <<<"$log")" ]
}

@test "a real program: python3's sockets go through the layers too" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	chains_first
	run catalog run -- python3 -c '
import socket
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
c = socket.create_connection(l.getsockname()); a, _ = l.accept()
c.sendall(b"hello"); print(a.recv(5).decode())
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b"x", ("127.0.0.1", 9)); u.close()
'
	[ "$status" -eq 0 ]
	[ "$output" = "hello" ]
	grep -q "^$A $TCPC connect 127.0.0.1" "$NETCFG_RECORDER_LOG"
	grep -q "^$B $TCPC connect 127.0.0.1" "$NETCFG_RECORDER_LOG"
	# the UDP socket took A's UDP chain, without B
	grep -q "^$A $UDPC send 1" "$NETCFG_RECORDER_LOG"
	! grep -q "^$B $UDPC" "$NETCFG_RECORDER_LOG"
}

@test "application categories decide which chains a program gets" {
	chains_first
	# A is an inspector, B a firewall: Insp.exe allows only inspectors
	catalog category set --app Insp.exe LSP_INSPECTOR
	catalog category set --app Both.exe "LSP_INSPECTOR|LSP_FIREWALL"
	run catalog run --app Insp.exe -- sockprobe echo
	[ "$output" = "echo ok pong" ]
	# TCP: the A-over-B chain is out (B is not allowed), so the base serves it
	! grep -q " $TCPC " "$NETCFG_RECORDER_LOG"
	rm -f "$NETCFG_RECORDER_LOG"
	run catalog run --app Both.exe -- sockprobe echo
	grep -q "^$B $TCPC connect" "$NETCFG_RECORDER_LOG"
	rm -f "$NETCFG_RECORDER_LOG"
	# the program's own path names it when --app is not given
	catalog category set --app sockprobe LSP_SYSTEM
	run catalog run -- sockprobe echo
	[ "$output" = "echo ok pong" ]
	[ ! -e "$NETCFG_RECORDER_LOG" ]
	for app in Insp.exe Both.exe sockprobe; do catalog category set --app $app none; done
}

@test "a disabled layer is not loaded; enabled again, it is" {
	chains_first
	catalog disable "$GB"
	run catalog run -- sockprobe echo
	[ "$output" = "echo ok pong" ]
	[ ! -e "$NETCFG_RECORDER_LOG" ]
	catalog enable "$GB"
	run catalog run -- sockprobe echo
	grep -q "^$B $TCPC" "$NETCFG_RECORDER_LOG"
}

@test "I53: a running program keeps the catalog it started with; a new one sees the change" {
	chains_first
	# the shell and what it starts share the plan taken when catalog run began
	run catalog run -- sh -c "catalog disable '$GB' && sockprobe echo"
	[ "$output" = "echo ok pong" ]
	grep -q "^$B $TCPC connect" "$NETCFG_RECORDER_LOG"
	rm -f "$NETCFG_RECORDER_LOG"
	run catalog run -- sockprobe echo
	[ ! -e "$NETCFG_RECORDER_LOG" ]
	catalog enable "$GB"
}

@test "a provider that speaks another version fails its sockets with WSAVERNOTSUPPORTED" {
	chains_first
	run env NETCFG_RECORDER_VERSION=2.0 catalog run -- sockprobe socket inet 1 6
	[ "$status" -eq 0 ]
	[[ "$output" == *"netcfg-preload: entry $TCPC (A over B over [TCP/IP]): $PROVIDERS/recorder.so failed to start: error 10092 (WSAVERNOTSUPPORTED)"* ]]
	[[ "$output" == *"socket failed: Accessing a corrupted shared library"* ]]
	# sockets of families outside the catalog are not touched
	run catalog run -- sockprobe socket 1 1 0
	[ "$output" = "socket ok" ]
}

@test "I57: extension functions: ConnectEx, unknown GUIDs, short buffers, a layer's own" {
	run sockprobe ext
	[ "${lines[0]}" = "connectex 10093 0" ]    # no loader: WSANOTINITIALISED
	chains_first
	run catalog run -- sockprobe ext
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "connectex 0 8 non-null" ]
	[ "${lines[1]}" = "small 10014" ]
	[ "${lines[2]}" = "unknown 10045" ]
	[ "${lines[3]}" = "transmitpackets 10045" ]
	[ "${lines[4]}" = "rdma 10045" ]
	[ "${lines[5]}" = "calls 0 counted" ]
	[ "${lines[6]}" = "connectex-call ok 5 hello" ]
	# the layer answered its own GUIDs and passed ConnectEx down
	grep -q "^$A $TCPC ioctl 0xc8000006 passed down" "$NETCFG_RECORDER_LOG"
	grep -q "^$A $TCPC ioctl rdma-read refused" "$NETCFG_RECORDER_LOG"
	# without the layers, the base provider does not know the layer's extension
	catalog disable "$GA"
	run catalog run -- sockprobe ext
	[ "${lines[0]}" = "connectex 0 8 non-null" ]
	[ "${lines[5]}" = "calls 10045" ]
	catalog enable "$GA"
}

@test "run: bad use is one line and a non-zero status" {
	run catalog run
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "catalog: run: give the PROGRAM to run" ]
	run -127 catalog run -- /nonexistent/program
	[ "$status" -eq 127 ]
	[ "$output" = "catalog: run: /nonexistent/program: No such file or directory" ]
	run catalog run --catalog 32 -- sockprobe echo
	[ "$status" -eq 1 ]
	[[ "$output" == "catalog: run: no 32-bit provider loader"* ]]
	run catalog run -v -- sockprobe echo
	[[ "$output" == *"netcfg-preload: socket(2, 1, 0) = "*": entry "* ]]
}
