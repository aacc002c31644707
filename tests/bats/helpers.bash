# helpers.bash - shared set-up for the bats suites.
#
# Each suite starts its own stackd with its own socket and state directory
# (setup_file: start_stackd ...; teardown_file: stop_stackd).  With
# NETCFG_VALGRIND=1 the daemon runs under valgrind and stop_stackd fails on
# any memory error or leak.

NETCFG_BUILD=${NETCFG_BUILD:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/build}
export PATH="$NETCFG_BUILD/bin:$NETCFG_BUILD/tests/tools:$PATH"
FIXTURES=$(cd "$BATS_TEST_DIRNAME/../fixtures" && pwd)
SEED_CONF=$FIXTURES/seed-adapters.conf

# start_stackd [stackd options...]
# The daemon's pid, arguments and exit status live in $STACKD_DIR, because
# bats runs every test in its own subshell.
start_stackd() {
	export STACKD_DIR
	# under /tmp rather than bats' private directory, so that tests running
	# as another user can reach the socket
	STACKD_DIR=$(mktemp -d /tmp/netcfg-test.XXXXXX)
	chmod 755 "$STACKD_DIR"
	export NETCFG_SOCKET=$STACKD_DIR/stackd.sock
	export NETCFG_STATE_DIR=$STACKD_DIR/state
	# no arguments: an empty file (printf would write one empty argument)
	: > "$STACKD_DIR/args"
	[ $# -eq 0 ] || printf '%s\0' "$@" > "$STACKD_DIR/args"
	launch_stackd
}

launch_stackd() {
	local wrapper=() wait=10 args=()
	[ -s "$STACKD_DIR/args" ] && mapfile -d '' -t args < "$STACKD_DIR/args"
	if [ -n "${NETCFG_VALGRIND:-}" ]; then
		wrapper=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
			 --errors-for-leak-kinds=definite,indirect --error-exitcode=99
			 --log-file="$STACKD_DIR/valgrind.%p.log")
		wait=60
	fi
	rm -f "$STACKD_DIR/exit" "$STACKD_DIR/pid"
	# set +e: the status of a daemon killed on purpose is recorded too
	( set +e; "${wrapper[@]}" "$NETCFG_BUILD/bin/stackd" --foreground --socket "$NETCFG_SOCKET" \
		--state-dir "$NETCFG_STATE_DIR" --log "$STACKD_DIR/stackd.log" "${args[@]}"
	  echo $? > "$STACKD_DIR/exit" ) </dev/null >/dev/null 2>"$STACKD_DIR/stderr" 3>&- &
	local info
	if ! info=$(netcfg-rpc --wait "$wait"); then
		echo "stackd did not start:" >&2
		cat "$STACKD_DIR/stderr" >&2
		return 1
	fi
	jq -r .result.pid <<<"$info" > "$STACKD_DIR/pid"
}

# Wait for the daemon's wrapper to record its exit status; print it.
wait_exit() {
	local i
	for ((i = 0; i < 1200; i++)); do
		[ -s "$STACKD_DIR/exit" ] && { cat "$STACKD_DIR/exit"; return 0; }
		sleep 0.05
	done
	echo "timeout"
}

# stop_stackd: SIGTERM and the exit status (valgrind: 99 on errors or leaks).
stop_stackd() {
	[ -n "${STACKD_DIR:-}" ] && [ -s "$STACKD_DIR/pid" ] || return 0
	kill -TERM "$(cat "$STACKD_DIR/pid")" 2>/dev/null || true
	local rc
	rc=$(wait_exit)
	rm -f "$STACKD_DIR/pid"
	if [ "$rc" != 0 ]; then
		echo "stackd exited with status $rc" >&2
		cat "$STACKD_DIR"/valgrind.*.log "$STACKD_DIR/stderr" 2>/dev/null >&2
		return 1
	fi
}

# finish_stackd: for teardown_file.
finish_stackd() {
	stop_stackd
	local rc=$?
	[ -n "${STACKD_DIR:-}" ] && rm -rf "$STACKD_DIR"
	return $rc
}

# A directory any user can reach, removed with the suite's daemon.
public_dir() {
	local d="$STACKD_DIR/public.$1"
	mkdir -p "$d"
	chmod 755 "$d"
	echo "$d"
}

# restart_stackd: the seeds' net stop / net start: same socket, same state.
restart_stackd() {
	stop_stackd
	launch_stackd
}

# Kill without letting the daemon clean up (a crash), then start it again.
crash_and_restart_stackd() {
	kill -KILL "$(cat "$STACKD_DIR/pid")"
	wait_exit >/dev/null
	launch_stackd
}

advance_clock() {
	netcfg-rpc clock.advance "{\"seconds\":$1}" >/dev/null
}

# wait_parked N: until N requests are parked in events.wait (at most 10 s;
# valgrind: 50 s)
wait_parked() {
	local i tries=200
	[ -n "${NETCFG_VALGRIND:-}" ] && tries=1000
	for ((i = 0; i < tries; i++)); do
		[ "$(netcfg-rpc events.get | jq .result.waiting)" = "$1" ] && return 0
		sleep 0.05
	done
	echo "never $1 parked requests" >&2
	return 1
}

# The block of one interface from `ipv6 if` output on stdin.
if_block() {
	awk -v n="$1" '/^Interface /{p = ($2 == n)} p'
}

# ipsec_insert_sas FILE LINE...: put SA lines at the top of the entry
# section of an .sad file ipsec6 c wrote (below its first line of
# underscores), as the seeds' walk-through edits it.
ipsec_insert_sas() {
	local f=$1
	shift
	awk -v sas="$(printf '%s\n' "$@")" '/^_+$/ && !done { print; print sas; done = 1; next } { print }' \
		"$f" > "$f.new" && mv "$f.new" "$f"
}

# refused STATUS MESSAGE ARGS...: `netsh ARGS` fails with STATUS and
# MESSAGE as the first line on stderr, prints nothing on stdout, and
# changes nothing (the suite's state function prints what could change).
refused() {
	local want=$1 msg=$2
	shift 2
	local before
	before=$(state)
	run --separate-stderr netsh "$@"
	[ "$status" -eq "$want" ] || { echo "status $status, stderr: $stderr"; return 1; }
	[ -z "$output" ] || { echo "stdout: $output"; return 1; }
	[ "${stderr_lines[0]}" = "$msg" ] || { echo "stderr: $stderr"; return 1; }
	[ "$(state)" = "$before" ] || { echo "state changed"; return 1; }
}

# lsp NAME GUID [CATEGORIES] [PATH]: a provider description file of a
# layered provider (the test recorder by default) and its chain over
# [TCP/IP]; prints the file's path.
lsp() {
	local f=$BATS_TEST_TMPDIR/$1.json
	cat > "$f" <<-EOF
	{ "format": "netcfg-provider", "version": 1, "name": "$1", "guid": "$2",
	  "path": "${4:-$NETCFG_BUILD/tests/providers/recorder.so}", "categories": "${3:-none}",
	  "entries": [ { "type": "layered", "description": "$1" },
	               { "type": "chain", "description": "$1 over [TCP/IP]", "chain": ["self", "[TCP/IP]"] } ] }
	EOF
	echo "$f"
}

# For the linux suites, from setup_file: two namespaces NS1 and NS2 (named
# PREFIX-a-PID and PREFIX-b-PID, exported) with lo up, joined by the veth
# pair va (in NS1) - vb (in NS2), both up.  Without root it writes the
# reason to $BATS_FILE_TMPDIR/skip and returns 1 (bats 1.8 cannot skip from
# setup_file: netns_skip in setup() skips every test instead).
netns_pair() {
	export NS1=$1-a-$$ NS2=$1-b-$$
	if [ "$(id -u)" != 0 ]; then
		echo "needs root (network namespaces, CAP_NET_ADMIN)" > "$BATS_FILE_TMPDIR/skip"
		return 1
	fi
	ip netns add "$NS1"
	ip netns add "$NS2"
	ip -n "$NS1" link set lo up
	ip -n "$NS2" link set lo up
	ip -n "$NS1" link add va type veth peer name vb netns "$NS2"
	ip -n "$NS1" link set va up
	ip -n "$NS2" link set vb up
}

# From setup(): skip the test when netns_pair could not run.
netns_skip() {
	if [ -e "$BATS_FILE_TMPDIR/skip" ]; then
		skip "$(cat "$BATS_FILE_TMPDIR/skip")"
	fi
}
