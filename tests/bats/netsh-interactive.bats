#!/usr/bin/env bats
# netsh-interactive.bats - the readline prompt driven through a
# pseudo-terminal (script(1)): prompts, tab completion, the history file,
# the progress indicator of long scripts; and completion as bash asks it.

load helpers
bats_require_minimum_version 1.5.0

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

setup() {
	cd "$BATS_TEST_TMPDIR"
	export NETSH_HISTFILE=$BATS_TEST_TMPDIR/history
	# plain terminal output: no bracketed-paste escapes
	printf 'set enable-bracketed-paste off\n' > inputrc
	export INPUTRC=$BATS_TEST_TMPDIR/inputrc
}

# Type the keys (printf format) into netsh on a pseudo-terminal; the
# screen, without carriage returns, is in $output.
on_tty() {
	local keys=$1
	shift
	run bash -c 'printf "$1" | script -qfec "$2" /dev/null | tr -d "\r"' _ "$keys" "netsh $*"
}

# Type each argument half a second after the one before: the terminal
# discards what is queued behind a Ctrl-C, as a real one does.
on_tty_paced() {
	run bash -c '{ for k in "$@"; do sleep 0.5; printf "$k"; done; } | script -qfec netsh /dev/null | tr -d "\r"' _ "$@"
}

@test "the prompt shows the context" {
	on_tty 'interface\nipv6\n..\n..\nexit\n'
	[ "$status" -eq 0 ]
	[[ "$output" == *$'netsh>interface\nnetsh interface>ipv6\nnetsh interface ipv6>..\nnetsh interface>..\nnetsh>exit'* ]]
	on_tty 'quit\n' -c '"interface ipv6"'
	[[ "$output" == *"netsh interface ipv6>quit"* ]]
}

@test "tab completes commands, group members, tags, values and interfaces" {
	on_tty 'int\tipv6\nsh ro\t\nsh joi\t4\nsh add "Loc\t\nbye\n'
	[[ "$output" == *"netsh>interface ipv6"* ]]
	[[ "$output" == *"netsh interface ipv6>sh routes "* ]]
	[[ "$output" == *$'Publish\tType'* ]]
	[[ "$output" == *"netsh interface ipv6>sh joins 4"* ]]
	[[ "$output" == *'netsh interface ipv6>sh add "Local Area Connection" '* ]]
	[[ "$output" == *"Interface 4: Local Area Connection"* ]]
	on_tty 'interface ipv6 add route 2001:db8:7::/64 Local\tpub\tag\t\nexit\n'
	grep -qxF 'interface ipv6 add route 2001:db8:7::/64 "Local Area Connection" publish=age ' history
	[[ "$(netsh interface ipv6 show routes)" == *$'Age\tManual\t0\t2001:db8:7::/64\t4'* ]]
	netsh interface ipv6 reset
}

@test "two tabs list the candidates" {
	on_tty 'interface ipv6 show pr\t\t\nexit\n'
	[[ "$output" == *"prefixpolicies  prefixpolicy    privacy"* ]]
}

@test "Ctrl-C drops the line being typed" {
	on_tty_paced 'interface ipv6 show rou' '\003' 'show helper\nexit\n'
	[ "$status" -eq 0 ]
	[[ "$output" == *"Helper GUID"* ]]
	[[ "$output" != *"Publish"* ]]
	[ "$(cat history)" = $'show helper\nexit' ]
}

@test "history is kept per user and read back" {
	on_tty 'interface ipv6 show interface\n  show helper\nshow alias\nshow alias\nexit\n'
	[ "$(cat history)" = $'interface ipv6 show interface\nshow alias\nexit' ]
	# three times back (C-p) is the first command of the last session
	on_tty '\020\020\020\nexit\n'
	[[ "$output" == *"interface ipv6 show interface"* ]]
	[[ "$output" == *"Idx   Met    MTU  State         Name"* ]]
	[ "$(head -n 1 history)" = "interface ipv6 show interface" ]
	# $XDG_STATE_HOME/netcfg/netsh_history without NETSH_HISTFILE
	unset NETSH_HISTFILE
	export XDG_STATE_HOME=$BATS_TEST_TMPDIR/state
	on_tty 'show helper\nexit\n'
	[ "$(cat state/netcfg/netsh_history)" = $'show helper\nexit' ]
}

@test "a long script shows its progress on a terminal, and not elsewhere" {
	for i in $(seq 1 25000); do printf 'add route 2001:db8:%x::/64 4 store=active\n' $i; done > long.netsh
	sed -i '1i pushd interface ipv6' long.netsh
	on_tty '' -f long.netsh
	[ "$status" -eq 0 ]
	[[ "$output" == *"netsh: reading the script: 20000 lines"* ]]
	[[ "$output" == *"netsh: applying 25000 changes"* ]]
	[ "$(tail -c 4 <<<"$output" | od -An -tx1 | tr -d " ")" = 1b5b4b0a ]  # the line is cleared at the end
	netsh interface ipv6 reset
	run --separate-stderr netsh -f long.netsh
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	netsh interface ipv6 reset
}

@test "-a runs an alias file, then the prompt" {
	printf 'alias si6 interface ipv6 show interface\n' > aliases.netsh
	on_tty 'si6\nexit\n' -a aliases.netsh
	[[ "$output" == *"netsh>si6"* ]]
	[[ "$output" == *"  4     0   1500  Connected     Local Area Connection"* ]]
}

@test "netsh --complete: the word, then the candidates, from the tables" {
	run netsh --complete 'interface ipv6 add '
	[ "$output" = $'\n6over4tunnel\naddress\ndns\nneighbors\nprefixpolicy\nroute\nv6v4tunnel' ]
	run netsh --complete 'interface ipv6 add route 2001:db8::/64 4 st'
	[ "$output" = $'st\nstore=' ]
	run netsh --complete 'interface ipv6 add route 2001:db8::/64 4 store='
	[ "$output" = $'store=\nstore=active\nstore=persistent' ]
	run netsh --complete 'int ipv6 set int 4 forw'
	[ "$output" = $'forw\nforwarding=' ]
	run netsh --complete 'int ipv6 delete dns 4 '
	[ "$output" = $'\naddress=\nall\nstore=' ]
	run netsh --complete 'int ipv6 show address 3'
	[ "$output" = $'3\n3' ]
	run netsh --complete 'pushd interface '
	[ "$output" = $'\nipv6' ]
	run netsh -c "interface ipv6" --complete '6'
	[ "$output" = $'6\n6to4' ]
	run netsh --complete 'interface ipv6 frobnicate '
	[ "$output" = "" ]
}

@test "the bash completion file completes like the prompt" {
	source "$BATS_TEST_DIRNAME/../../cmds/netsh/netsh.bash-completion"
	complete_words() {
		COMP_LINE=$1
		COMP_POINT=${#COMP_LINE}
		COMP_WORDS=("${@:2}")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_netsh
		printf '%s\n' "${COMPREPLY[@]}"
	}
	[ "$(complete_words 'netsh int' netsh int)" = "interface" ]
	[ "$(complete_words 'netsh -j interface ipv6 sh ro' netsh -j interface ipv6 sh ro)" = "routes" ]
	# bash breaks "publish=a" at the =
	[ "$(complete_words 'netsh interface ipv6 add route ::/0 2 publish=a' netsh interface ipv6 add route ::/0 2 publish = a)" = "age" ]
	[ "$(complete_words 'netsh -c "interface ipv6" sh ro' netsh -c '"interface ipv6"' sh ro)" = "routes" ]
	[ "$(complete_words 'netsh interface ipv6 show address Loo' netsh interface ipv6 show address Loo)" = '"Loopback Pseudo-Interface"' ]
	[ "$(complete_words 'netsh -' netsh -)" = "$(printf '%s\n' -a -c -f -j -r --help --version)" ]
}

@test "make install puts netsh, net6 and the bash completion in place" {
	[[ "$NETCFG_BUILD" != *-san ]] || skip "install is checked on the plain build"
	root=$BATS_TEST_TMPDIR/root
	make -s -C "$BATS_TEST_DIRNAME/../.." install BUILD="$NETCFG_BUILD" PREFIX=/opt/t \
		DESTDIR="$root" >/dev/null 2>&1 || true
	[ -x "$root/opt/t/bin/netsh" ]
	[ -x "$root/opt/t/bin/net6" ]
	[ -f "$root/opt/t/share/man/man8/netsh.8" ]
	cmp "$root/opt/t/share/bash-completion/completions/netsh" \
		"$BATS_TEST_DIRNAME/../../cmds/netsh/netsh.bash-completion"
}
