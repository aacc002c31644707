#!/usr/bin/env bats
# ipsec6-hosts.bats - scenario H with both hosts of the seeds' Configuration 3,
# each its own stackd: steps 1-10 as written, then the pairing of their
# SAs that makes the ping of step 11 carry AH both ways.
# valgrind: yes

load helpers

H1=fe80::2aa:ff:fe53:a92c
H2=fe80::2aa:ff:fe92:d0f1

setup_file() {
	start_stackd --test-clock
	export HOST1=$STACKD_DIR
	start_stackd --test-clock
	export HOST2=$STACKD_DIR
	export WORK=$BATS_FILE_TMPDIR
}

teardown_file() {
	local rc=0
	STACKD_DIR=$HOST1
	finish_stackd || rc=1
	STACKD_DIR=$HOST2
	finish_stackd || rc=1
	return $rc
}

# on HOST CMD...: run CMD against that host's daemon
on() {
	local dir=$1
	shift
	NETCFG_SOCKET=$dir/stackd.sock NETCFG_STATE_DIR=$dir/state "$@"
}


# step: HOST NAME REMOTE SA2-DIRECTION SA1-DIRECTION
edit_files() {
	sed -i "/^1 /i 2 - $2 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;" test.spd
	ipsec_insert_sas test.sad \
		"2 3001 FE80::2AA:FF:FE92:D0F1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key $3 2 ;" \
		"1 3000 FE80::2AA:FF:FE53:A92C POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key $4 2 ;"
	printf '"This is a test"' > Test.key
	chmod 600 Test.key
}

@test "steps 1-8: each host creates its files and edits them as the seed says" {
	mkdir -p "$WORK/host1" "$WORK/host2"
	cd "$WORK/host1"
	run on "$HOST1" ipsec6 c test
	[ "$output" = $'SPD -> test.spd\nSAD -> test.sad' ]
	edit_files 1 FE80::2AA:FF:FE92:D0F1 OUTBOUND INBOUND
	# Host 1's tables spell the column SDADestIPAddr
	sed -i 's/SADestIPAddr /SDADestIPAddr/' test.sad
	cd "$WORK/host2"
	run on "$HOST2" ipsec6 c test
	[ "$status" -eq 0 ]
	edit_files 2 FE80::2AA:FF:FE53:A92C INBOUND OUTBOUND
	run on "$HOST2" ipsec6 check test
	[ "$status" -eq 0 ]
}

@test "steps 9-10: ipsec6 a test on Host 1, then on Host 2" {
	cd "$WORK/host1"
	run on "$HOST1" ipsec6 a test
	[ "$output" = $'1 new SP entries installed.\n2 new SA entries installed.' ]
	cd "$WORK/host2"
	run on "$HOST2" ipsec6 a test
	[ "$output" = $'1 new SP entries installed.\n2 new SA entries installed.' ]
}

@test "H43/H44: each host shows its policy 2 and its mirror of the SAs" {
	run on "$HOST1" ipsec6 -j sp
	[ "$(jq -c '[.[] | [.index, .remote_address, .action]]' <<<"$output")" = "[[2,\"$H2\",\"APPLY\"],[1,\"*\",\"BYPASS\"]]" ]
	run on "$HOST2" ipsec6 -j sp
	[ "$(jq -c '[.[] | [.index, .remote_address, .action]]' <<<"$output")" = "[[2,\"$H1\",\"APPLY\"],[1,\"*\",\"BYPASS\"]]" ]
	run on "$HOST1" ipsec6 -j sa
	[ "$(jq -c '[.[] | [.index, .spi, .direction, .sa_destination]]' <<<"$output")" = \
	  "[[2,3001,\"OUTBOUND\",\"$H2\"],[1,3000,\"INBOUND\",\"$H1\"]]" ]
	run on "$HOST2" ipsec6 -j sa
	[ "$(jq -c '[.[] | [.index, .spi, .direction, .sa_destination]]' <<<"$output")" = \
	  "[[2,3001,\"INBOUND\",\"$H2\"],[1,3000,\"OUTBOUND\",\"$H1\"]]" ]
	run on "$HOST2" ipsec6 sa
	[ "${lines[4]}" = "2         3001           $H2                       POLICY                                       POLICY                                       POLICY      POLICY      POLICY      HMAC-MD5    INBOUND     2              " ]
}

# The SA a host would use for a flow: "policy spi destination algorithm".
sa_for() {
	on "$1" ipsec6 -j lookup src "$2" dst "$3" proto icmp dir "$4" |
		jq -r '.[0] | "\(.policy) \(.protection[0].spi) \(.protection[0].sa_destination) \(.protection[0].auth)"'
}

@test "step 11: the echo request of Host 2 leaves and arrives under the same AH SA" {
	out=$(sa_for "$HOST2" $H2 $H1 out)
	got=$(sa_for "$HOST1" $H2 $H1 in)
	[ "$out" = "2 3000 $H1 HMAC-MD5" ]
	[ "$got" = "$out" ]
}

@test "step 11: the echo reply of Host 1 leaves and arrives under the same AH SA" {
	out=$(sa_for "$HOST1" $H1 $H2 out)
	got=$(sa_for "$HOST2" $H1 $H2 in)
	[ "$out" = "2 3001 $H2 HMAC-MD5" ]
	[ "$got" = "$out" ]
}

@test "the two daemons are separate: deleting on Host 1 leaves Host 2 alone" {
	on "$HOST1" ipsec6 d sa all
	run on "$HOST1" ipsec6 sa
	[ "$output" = "***No SAs exist***" ]
	[ "$(on "$HOST2" ipsec6 -j sa | jq length)" -eq 2 ]
	run on "$HOST1" ipsec6 lookup src $H1 dst $H2
	[ "$output" = $'policy 2: APPLY\n  AH TRANSPORT (policy 2): no OUTBOUND SA; the packet would be dropped' ]
}
