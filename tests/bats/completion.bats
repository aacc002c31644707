#!/usr/bin/env bats
# completion.bats - the bash completion of ipv6 (ip6), ipsec6, catalog,
# net6 and stackd, called as bash calls it (netsh's is tested in
# netsh-interactive.bats), and make install putting every one in place.

load helpers

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
}

teardown_file() {
	finish_stackd
}

# comp PROG WORD...: the candidates for the last word, a line each
comp() {
	local prog=$1
	source "$BATS_TEST_DIRNAME/../../cmds/$prog/$prog.bash-completion"
	COMP_WORDS=("${@:2}")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"_$prog"
	printf '%s\n' "${COMPREPLY[@]}"
}

@test "ipv6: commands from its help, interface numbers from the stack, keywords" {
	[ "$(comp ipv6 ipv6 rt)" = $'rt\nrtu' ]
	[ "$(comp ipv6 ipv6 -p pp)" = $'ppt\nppu\nppd' ]
	[ "$(comp ipv6 ipv6 if '' | sort -n)" = $'1\n2\n3\n4' ]
	[ "$(comp ipv6 ipv6 ifc 4 fo)" = forwards ]
	[ "$(comp ipv6 ipv6 rtu 2001:db8::/64 4 pu)" = publish ]
	[ "$(comp ipv6 ip6 ifcr '')" = $'v6v4\n6over4' ]
	[ "$(comp ipv6 ipv6 gpu DefaultCur)" = DefaultCurHopLimit ]
	# every command of the table is offered
	[ "$(comp ipv6 ipv6 '' | wc -l)" = "$(ipv6 --help | grep -c '^  ipv6 ')" ]
}

@test "ipsec6: commands, the .spd/.sad pairs by base name, options and values" {
	cd "$BATS_TEST_TMPDIR"
	touch host1.spd host1.sad other.txt
	mkdir sub
	[ "$(comp ipsec6 ipsec6 l)" = $'l\nlookup' ]
	[ "$(comp ipsec6 ipsec6 a h)" = host1 ]
	[ "$(comp ipsec6 ipsec6 a '' | sort)" = $'host1\nsub' ]
	[ "$(comp ipsec6 ipsec6 d '')" = $'sp\nsa' ]
	[ "$(comp ipsec6 ipsec6 export host1 --format=s)" = --format=setkey ]
	[ "$(comp ipsec6 ipsec6 lookup src ::1 dir '')" = $'in\nout' ]
}

@test "catalog: commands, sub-commands, options, --catalog values" {
	[ "$(comp catalog catalog re)" = $'remove\nresolve\nreset' ]
	[ "$(comp catalog catalog ns '')" = $'install\nremove\nenable\ndisable\norder' ]
	[ "$(comp catalog catalog category s)" = $'set\nshow' ]
	[ "$(comp catalog catalog --catalog 3)" = 32 ]
	[ "$(comp catalog catalog --catalog 32 show -)" = $'--catalog\n-v' ]
	[ "$(comp catalog catalog verify --r)" = --repair ]
}

@test "net6 and stackd" {
	[ "$(comp net6 net6 st)" = $'start\nstop' ]
	[ "$(comp net6 net6 stop '')" = tcpip6 ]
	[ "$(comp stackd stackd --data)" = --dataplane ]
	[ "$(comp stackd stackd --dataplane = l)" = linux ]
	[[ "$(comp stackd stackd --)" == *--netns* ]]
}

@test "make install puts every completion in place, ip6 with ipv6's" {
	sanitizer_build && skip "install is checked on the plain build"
	local root=$BATS_TEST_TMPDIR/root
	cd "$BATS_TEST_DIRNAME/../.."
	make -s install-completions PREFIX=/opt/t DESTDIR="$root" >/dev/null
	local d=$root/opt/t/share/bash-completion/completions
	for p in ipv6 ipsec6 catalog net6 stackd netsh; do
		cmp "$d/$p" "cmds/$p/$p.bash-completion"
	done
	[ "$(readlink "$d/ip6")" = ipv6 ]
}
