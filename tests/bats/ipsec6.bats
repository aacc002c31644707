#!/usr/bin/env bats
# ipsec6.bats - the seeds' Configuration 3 (scenario H) on Host 1: the
# files ipsec6 c writes, edited as the seed says, applied with ipsec6 a,
# shown with sp and sa; every negative case of the scenario; deletion,
# insertion, lookup, check and the keys' confinement to the daemon.
# valgrind: yes

load helpers

H1=fe80::2aa:ff:fe53:a92c
H2=fe80::2aa:ff:fe92:d0f1
POLICY2='2 - FE80::2AA:FF:FE92:D0F1 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;'
SA2='2 3001 FE80::2AA:FF:FE92:D0F1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 2 ;'
SA1='1 3000 FE80::2AA:FF:FE53:A92C POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key INBOUND 2 ;'


# A directory holding the Host 1 files as the seed's steps 1-4 make them
# from what `ipsec6 c test` wrote on the fresh stack.
host1_copy() {
	local d=$BATS_TEST_TMPDIR/$1
	mkdir -p "$d"
	cp "$BATS_FILE_TMPDIR"/host1/* "$d"/
	echo "$d"
}

setup_file() {
	start_stackd --config "$SEED_CONF" --test-clock
	mkdir -p "$BATS_FILE_TMPDIR/fresh" "$BATS_FILE_TMPDIR/host1"
	cd "$BATS_FILE_TMPDIR/fresh"
	ipsec6 c test > c.out
	cd "$BATS_FILE_TMPDIR/host1"
	cp ../fresh/test.spd ../fresh/test.sad .
	sed -i "/^1 /i $POLICY2" test.spd
	ipsec_insert_sas test.sad "$SA2" "$SA1"
	# the seed's Host 1 tables spell the column SDADestIPAddr
	sed -i 's/SADestIPAddr /SDADestIPAddr/' test.sad
	printf '"This is a test"' > Test.key
	chmod 600 Test.key
}

teardown_file() {
	finish_stackd
}

# the databases as the screens show them, for "nothing changed"
state() {
	ipsec6 sp || true
	ipsec6 sa || true
}

@test "H42: ipsec6 c test writes test.spd and test.sad; the SPD holds the default policy" {
	cd "$BATS_FILE_TMPDIR/fresh"
	[ "$(cat c.out)" = $'SPD -> test.spd\nSAD -> test.sad' ]
	# the XP layout: blank line, title, blank line, header, border ...
	[ "$(sed -n 2p test.spd)" = "Security Policy List" ]
	[ "$(sed -n 4p test.spd | cut -c1-24)" = "Policy      RemoteIPAddr" ]
	[ "$(sed -n 5p test.spd | tr -d _ | wc -c)" -eq 1 ]
	[ "$(sed -n 5p test.spd | wc -c)" -eq 274 ]
	grep -qx '1         - \*  *- \*  *- \*  *- \*  *- \*  *NONE  *\*  *\*  *NONE  *BIDIRECT  *BYPASS  *0  *;' test.spd
	[ "$(tail -n 2 test.spd)" = $'- = Take selector from policy.\n+ = Take selector from packet.' ]
	[ "$(sed -n 2p test.sad)" = "Security Association List" ]
	# no entries between the SAD's borders yet
	[ "$(grep -c '^_' test.sad)" -eq 2 ]
	[ "$(sed -n 6p test.sad | cut -c1)" = _ ]
}

@test "c never overwrites a file without -f" {
	cd "$BATS_TEST_TMPDIR"
	echo keep > mine.sad
	run ipsec6 c mine
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: c: mine.sad exists; use ipsec6 c -f mine to overwrite it" ]
	[ "$(cat mine.sad)" = keep ]
	[ ! -e mine.spd ]
	run ipsec6 c -f mine
	[ "$status" -eq 0 ]
	grep -q "Security Association List" mine.sad
	# no temporary file left behind
	[ "$(ls | sort | tr '\n' ' ')" = "mine.sad mine.spd " ]
}

# ---- H45: a bad file gets a precise error and changes nothing ----------

# expect_refused DIR MESSAGE: ipsec6 a test in DIR fails with MESSAGE and
# the databases are as they were.
expect_refused() {
	local before
	before=$(state)
	cd "$1"
	run ipsec6 a test
	echo "$output"
	[ "$status" -eq 1 ]
	[ "$output" = "$2" ]
	[ "$(state)" = "$before" ]
}

@test "H45: an SPD line without the trailing ; fails with its line number" {
	d=$(host1_copy nosemi)
	sed -i 's/APPLY 0 ;$/APPLY 0/' "$d/test.spd"
	expect_refused "$d" 'ipsec6: a: test.spd:6: policy 2: InterfaceIndex "0": missing ";" at the end of the entry'
}

@test "H45: policies in increasing order are refused" {
	d=$(host1_copy increasing)
	sed -i '/^2 - FE80/d' "$d/test.spd"
	sed -i "/^1 /a $POLICY2" "$d/test.spd"
	expect_refused "$d" 'ipsec6: a: test.spd:7: policy 2: Policy "2": policy entries must be in decreasing numerical order (policy 1 on line 6 comes before it)'
}

@test "H45: SA entries in increasing order are refused" {
	d=$(host1_copy sa-increasing)
	sed -i '/^2 3001/d' "$d/test.sad"
	sed -i "/^1 3000/a $SA2" "$d/test.sad"
	expect_refused "$d" 'ipsec6: a: test.sad:7: SA 2: SAEntry "2": SA entries must be in decreasing numerical order (SA 1 on line 6 comes before it)'
}

@test "H45: a key file without double quotes is refused" {
	d=$(host1_copy noquotes)
	printf 'This is a test\n' > "$d/Test.key"
	expect_refused "$d" 'ipsec6: a: test.sad:6: SA 2: KeyFile "Test.key": the key is not enclosed in double quotes (write it as "key text", or as 0x and hex digits)'
}

@test "H45: a KeyFile naming a missing file is refused" {
	d=$(host1_copy nokey)
	sed -i 's/Test.key OUTBOUND/Missing.key OUTBOUND/' "$d/test.sad"
	expect_refused "$d" 'ipsec6: a: test.sad:6: SA 2: KeyFile "Missing.key": cannot open Missing.key: No such file or directory'
}

@test "H45: a SecPolicyIndex naming no policy is refused" {
	d=$(host1_copy nopolicy)
	sed -i 's/INBOUND 2 ;/INBOUND 5 ;/' "$d/test.sad"
	expect_refused "$d" 'ipsec6: a: test.sad:7: SA 1: SecPolicyIndex "5": there is no policy 5'
}

@test "H45: an unknown AuthAlg is refused" {
	d=$(host1_copy badalg)
	sed -i 's/HMAC-MD5 Test.key INBOUND/HMAC-MD4 Test.key INBOUND/' "$d/test.sad"
	expect_refused "$d" 'ipsec6: a: test.sad:7: SA 1: AuthAlg "HMAC-MD4": not NULL, HMAC-MD5, HMAC-MD5-96, HMAC-SHA1, HMAC-SHA1-96 or HMAC-SHA256'
}

@test "H45: an error in the SAD keeps the good SPD from loading too" {
	d=$(host1_copy sad-only)
	sed -i 's/^2 3001 FE80::2AA:FF:FE92:D0F1/2 3001 FE80::2AA:FF:FE92:D0F1:/' "$d/test.sad"
	expect_refused "$d" 'ipsec6: a: test.sad:6: SA 2: SADestIPAddr "FE80::2AA:FF:FE92:D0F1:": not an IPv6 address (the address that receives the protected traffic)'
}

@test "a key file others may read is refused unless --allow-readable-keys" {
	d=$(host1_copy readable)
	chmod 644 "$d/Test.key"
	expect_refused "$d" 'ipsec6: a: test.sad:6: SA 2: KeyFile "Test.key": the key file is readable by group and others (mode 0644); make it private (chmod 600) or use --allow-readable-keys'
	run ipsec6 check --allow-readable-keys test
	[ "$status" -eq 0 ]
}

@test "a refusal by the daemon names the line and applies nothing of the file" {
	d=$(host1_copy noiface)
	# policy 3 is fine; policy 4 names an interface the stack does not have
	sed -i "/^2 - FE80/i 4 - 2001:db8::4 - * - * - * - * NONE * * NONE OUTBOUND DISCARD 9 ;" "$d/test.spd"
	sed -i "/^2 - FE80/i 3 - 2001:db8::3 - * - * - * - * NONE * * NONE OUTBOUND DISCARD 0 ;" "$d/test.spd"
	expect_refused "$d" 'ipsec6: a: test.spd:6: policy 4: InterfaceIndex "9": there is no interface 9'
}

# ---- H43: Host 1 applies its files ---------------------------------------

@test "H43: ipsec6 a test installs policy 2 and SAs 2 and 1 (the SDADestIPAddr spelling is accepted)" {
	cd "$BATS_FILE_TMPDIR/host1"
	grep -q '^SAEntry   SPI            SDADestIPAddr' test.sad
	run ipsec6 a test
	[ "$status" -eq 0 ]
	[ "$output" = $'1 new SP entries installed.\n2 new SA entries installed.' ]
}

@test "H43: ipsec6 sp shows policy 2 above the default policy" {
	run ipsec6 sp
	[ "$status" -eq 0 ]
	border=$(printf '_%.0s' $(seq 252))
	diff <(echo "$output") - <<-EOF

	All Security Policies
	$border
	Policy      RemoteIPAddr                                   LocalIPAddr                                    Protocol      RemotePort    LocalPort   IPSecProtocol  IPSecMode   RemoteGWIPAddr                               SABundleIndex  Direction   Action  
	$border
	2         - fe80::2aa:ff:fe92:d0f1                       - *                                            - *           - *           - *           AH             TRANSPORT   *                                            NONE           BIDIRECT    APPLY   
	1         - *                                            - *                                            - *           - *           - *           NONE           *           *                                            NONE           BIDIRECT    BYPASS  
	$border
	EOF
}

@test "H43: ipsec6 sa shows SAs 2 and 1 without their key" {
	run ipsec6 sa
	[ "$status" -eq 0 ]
	border=$(printf '_%.0s' $(seq 234))
	diff <(echo "$output") - <<-EOF

	Security Association List
	$border
	SAEntry   SPI            SADestIPAddr                                 DestIPAddr                                   SrcIPAddr                                    Protocol    DestPort    SrcPort     AuthAlg     Direction   SecPolicyIndex 
	$border
	2         3001           fe80::2aa:ff:fe92:d0f1                       POLICY                                       POLICY                                       POLICY      POLICY      POLICY      HMAC-MD5    OUTBOUND    2              
	1         3000           fe80::2aa:ff:fe53:a92c                       POLICY                                       POLICY                                       POLICY      POLICY      POLICY      HMAC-MD5    INBOUND     2              
	$border
	EOF
}

@test "ipsec6 -j sp and -j sa print the codec's JSON" {
	run ipsec6 -j sp
	[ "$status" -eq 0 ]
	[ "$(jq -r '.[0] | [.index, .remote_address, .ipsec_protocol, .mode, .direction, .action, .ifindex] | @tsv' <<<"$output")" = \
	  "$(printf '2\t%s\tAH\tTRANSPORT\tBIDIRECT\tAPPLY\t0' $H2)" ]
	[ "$(jq -r '.[1].action' <<<"$output")" = BYPASS ]
	run ipsec6 -j sa
	[ "$status" -eq 0 ]
	[ "$(jq -r '.[] | [.index, .spi, .sa_destination, .direction, .auth, .policy, .key_file] | @tsv' <<<"$output")" = \
	  "$(printf '2\t3001\t%s\tOUTBOUND\tHMAC-MD5\t2\tTest.key\n1\t3000\t%s\tINBOUND\tHMAC-MD5\t2\tTest.key' $H2 $H1)" ]
	# the same object on the wire
	[ "$(netcfg-rpc sa.list | jq -c .result)" = "$(ipsec6 -j sa)" ]
}

@test "the key never leaves the daemon: not in replies, output, files, logs or the store" {
	key_hex=5468697320697320612074657374
	for out in "$(ipsec6 sa)" "$(ipsec6 -j sa)" "$(netcfg-rpc sa.list)" "$(netcfg-rpc store.list)" \
		   "$(cd "$BATS_TEST_TMPDIR" && ipsec6 c dump && cat dump.spd dump.sad)"; do
		[[ "$out" != *"This is a test"* && "$out" != *"$key_hex"* ]]
	done
	! grep -rqa -e "This is a test" -e "$key_hex" "$STACKD_DIR/stackd.log" "$NETCFG_STATE_DIR"
	# and nothing of ipsec6 went to the persistent store
	[ "$(netcfg-rpc store.list | jq '[.result[] | select(.op | test("^s[pa]\\."))] | length')" -eq 0 ]
}

@test "applying the same files again installs nothing; a changed key is refused" {
	cd "$BATS_FILE_TMPDIR/host1"
	run ipsec6 a test
	[ "$status" -eq 0 ]
	[ "$output" = $'0 new SP entries installed.\n0 new SA entries installed.' ]
	d=$(host1_copy otherkey)
	printf '"Another key"' > "$d/Test.key"
	cd "$d"
	run ipsec6 a test
	[ "$status" -eq 1 ]
	[ "$output" = 'ipsec6: a: test.sad:6: SA 2: KeyFile "Test.key": the key differs from the key of the active SA 2' ]
}

@test "lookup: the policy and SA for each direction of Host 1's traffic" {
	run ipsec6 lookup src $H1 dst $H2 proto icmp
	[ "$status" -eq 0 ]
	[ "$output" = $'policy 2: APPLY\n  AH TRANSPORT (policy 2): SA 2, SPI 3001 to fe80::2aa:ff:fe92:d0f1, HMAC-MD5' ]
	run ipsec6 lookup src $H2 dst $H1 dir in
	[ "$output" = $'policy 2: APPLY\n  AH TRANSPORT (policy 2): SA 1, SPI 3000 to fe80::2aa:ff:fe53:a92c, HMAC-MD5' ]
	run ipsec6 lookup src $H1 dst fe80::99 proto tcp sport 1000 dport 80
	[ "$output" = "policy 1: BYPASS" ]
	run ipsec6 -j lookup src $H1 dst $H2
	[ "$(jq -c '.[0] | [.policy, .action, .protection[0].sa, .protection[0].spi]' <<<"$output")" = '[2,"APPLY",2,3001]' ]
	printf 'src %s dst %s\n# a comment\n\nsrc %s dst %s dir in\n' $H1 $H2 $H2 $H1 > "$BATS_TEST_TMPDIR/flows"
	run ipsec6 lookup -f "$BATS_TEST_TMPDIR/flows"
	[ "${lines[0]}" = "flow src $H1 dst $H2 dir out:" ]
	[ "${lines[3]}" = "flow src $H2 dst $H1 dir in:" ]
	[ "${lines[5]}" = "  AH TRANSPORT (policy 2): SA 1, SPI 3000 to $H1, HMAC-MD5" ]
	echo "src $H1 dst nowhere" >> "$BATS_TEST_TMPDIR/flows"
	run ipsec6 lookup -f "$BATS_TEST_TMPDIR/flows"
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: lookup: $BATS_TEST_TMPDIR/flows:5: dst \"nowhere\" is not an IPv6 address" ]
	run ipsec6 lookup src $H1
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "ipsec6: lookup: a flow needs src and dst" ]
}

@test "check validates without changing anything and prints entries that re-parse" {
	before=$(state)
	d=$(host1_copy check)
	cd "$d"
	sed -i "/^2 - FE80/i 3 - 2001:db8::/48 - * - TCP + 22 - * ESP TRANSPORT * 2 OUTBOUND APPLY 0 ;" test.spd
	ipsec_insert_sas test.sad '5 0x1000 2001:db8::1 POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 Test.key OUTBOUND 3 ;'
	run ipsec6 check test
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "# test.spd: 3 policies, 1 of them new; test.sad: 3 SAs, 1 of them new" ]
	[ "$(state)" = "$before" ]
	# split the output into the two files it shows and check them again
	echo "$output" | awk '/^Security Association List/ { sad = 1 } !sad' | head -n -1 > again.spd
	echo "$output" | awk '/^Security Association List/ { sad = 1; print "" } sad' > again.sad
	run ipsec6 check again
	[ "$status" -eq 0 ]
	diff <(ipsec6 check test | tail -n +2) <(echo "$output" | tail -n +2)
	grep -q '^3         - 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff - \*  *- TCP  *+ 22 ' again.spd
	grep -q '^5         4096 ' again.sad
	[ "$(state)" = "$before" ]
}

@test "round trip: c, edit, a, c reproduces the databases" {
	cd "$BATS_TEST_TMPDIR"
	ipsec6 c one
	sed -i "/^2 /i 7 - 2001:db8::7 - * - UDP - * - 53 NONE * * NONE INBOUND DISCARD 3 ;" one.spd
	ipsec_insert_sas one.sad '9 4000 2001:db8::9 POLICY POLICY POLICY POLICY POLICY HMAC-SHA1-96 Test.key OUTBOUND 2 ;'
	sed -i "/^9 4000/s/2001:db8::9/$H2/" one.sad
	cp "$BATS_FILE_TMPDIR/host1/Test.key" .
	run ipsec6 a one
	[ "$status" -eq 0 ]
	[ "$output" = $'1 new SP entries installed.\n1 new SA entries installed.' ]
	ipsec6 c two
	diff <(ipsec6 check one | tail -n +2) <(cat two.spd two.sad)
	ipsec6 d sa 9
	ipsec6 d sp 7
}

@test "an APPLY policy without an SA for a direction it covers is a warning, not a refusal" {
	cd "$BATS_TEST_TMPDIR"
	cp "$BATS_FILE_TMPDIR/fresh/test.spd" w.spd
	cp "$BATS_FILE_TMPDIR/fresh/test.sad" w.sad
	cp "$BATS_FILE_TMPDIR/host1/Test.key" .
	sed -i "/^1 /i 6 - 2001:db8::6 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;" w.spd
	ipsec_insert_sas w.sad '6 6000 2001:db8::6 POLICY POLICY POLICY POLICY POLICY HMAC-MD5-96 Test.key OUTBOUND 6 ;'
	run ipsec6 a w
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'ipsec6: a: warning: w.spd:6: policy 6: Direction "BIDIRECT": no INBOUND SA refers to this APPLY policy, so the inbound traffic it matches is dropped until one does' ]
	[ "${lines[1]}" = "1 new SP entries installed." ]
	run ipsec6 lookup src 2001:db8::6 dst 2001:db8::1 dir in
	[ "$output" = $'policy 6: APPLY\n  AH TRANSPORT (policy 6): no INBOUND SA; the packet would be dropped' ]
	ipsec6 d sa 6
	ipsec6 d sp 6
}

# ---- H46: show per interface, delete ----------------------------------------

@test "H46: ipsec6 sp 4 shows the policies of interface 4 and of all interfaces" {
	d=$(host1_copy iface)
	cd "$d"
	sed -i "/^2 - FE80/i 3 - 2001:db8::3 - * - * - * - * NONE * * NONE OUTBOUND DISCARD 3 ;" test.spd
	run ipsec6 a test
	[ "$output" = $'1 new SP entries installed.\n0 new SA entries installed.' ]
	run ipsec6 sp 4
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Security Policy List for Interface 4" ]
	[ "$(echo "$output" | grep -c '^[0-9]')" -eq 2 ]
	[[ "$output" != *"2001:db8::3"* ]]
	run ipsec6 sp 3
	[ "$(echo "$output" | grep -c '^[0-9]')" -eq 3 ]
	[ "$(ipsec6 -j sp 3 | jq -c '[.[].index]')" = "[3,2,1]" ]
	run ipsec6 sp 99
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: sp: there is no interface 99" ]
	run ipsec6 sp x
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipsec6: sp: "x" is not an interface number' ]
	ipsec6 d sp 3
}

@test "H46: d sp refuses a policy that SAs refer to, naming them; d sa and d sp delete" {
	run ipsec6 d sp 2
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: d: SP Entry 2 not deleted: SA entries 2, 1 still refer to policy 2; delete them first" ]
	run ipsec6 d sp all
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: d: SP Entries not deleted: 2 SA entries still refer to policies; delete them first" ]
	[ "$(ipsec6 sp | grep -c '^[0-9]')" -eq 2 ]
	run ipsec6 d sa 1
	[ "$status" -eq 0 ]
	[ "$output" = "SA Entry 1 deleted." ]
	run ipsec6 d sa 1
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: d: SA Entry 1 not deleted: there is no SA 1" ]
	run ipsec6 d sp 0
	[ "$output" = "ipsec6: d: SP Entry 0 not deleted: there is no policy 0" ]
	run ipsec6 d type=sa 2
	[ "$output" = "SA Entry 2 deleted." ]
	run ipsec6 d sp 2
	[ "$output" = "SP Entry 2 deleted." ]
	run ipsec6 sa
	[ "$status" -eq 1 ]
	[ "$output" = "***No SAs exist***" ]
	run ipsec6 d sp all
	[ "$output" = "1 SP Entries deleted." ]
	run ipsec6 sp
	[ "$status" -eq 1 ]
	[ "$output" = "No Policies exist." ]
	[ "$(ipsec6 -j sp)" = "[]" ]
	run ipsec6 d sq 1
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipsec6: d: "sq" is not sp or sa' ]
	# the default policy back, from the fresh stack's file
	cd "$BATS_FILE_TMPDIR/fresh" && ipsec6 a test
}

@test "H47: ipsec6 i 2 test adds only policy 2 and the SAs that refer to it" {
	d=$(host1_copy insert)
	cd "$d"
	sed -i "/^2 - FE80/i 3 - 2001:db8::3 - * - * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;" test.spd
	ipsec_insert_sas test.sad '3 3003 2001:db8::3 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 3 ;'
	run ipsec6 i 2 test
	[ "$status" -eq 0 ]
	[ "$output" = $'1 new SP entries inserted.\n2 new SA entries inserted.' ]
	[ "$(ipsec6 -j sp | jq -c '[.[].index]')" = "[2,1]" ]
	[ "$(ipsec6 -j sa | jq -c '[.[].index]')" = "[2,1]" ]
	run ipsec6 i 8 test
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: i: test.spd: Cannot find the SP specified: there is no policy 8 in the file" ]
}

@test "the protocol: keys come only as descriptors, and only for writers" {
	run netcfg-rpc sa.key_load '{"count":1}'
	[ "$status" -eq 7 ]
	[ "$(jq -r .error <<<"$output")" = "sa.key_load: 1 key files announced but 0 descriptors received" ]
	sa='{"index":9,"spi":9000,"sa_destination":"fe80::9","destination":"POLICY","source":"POLICY","protocol":"POLICY","destination_port":"POLICY","source_port":"POLICY","auth":"HMAC-MD5","key_file":"k","direction":"OUTBOUND","policy":2}'
	run netcfg-rpc sa.add "{\"sa\":$sa,\"key_handle\":1}"
	[ "$status" -eq 1 ]
	[ "$(jq -r .error <<<"$output")" = 'SA 9: KeyFile "k": key handle 1 is not one this connection loaded' ]
	run netcfg-rpc sp.add '{"sp":{"index":9,"remote_address":"*","local_address":"*","protocol":"*","remote_port":"*","local_port":"*","ipsec_protocol":"NONE","mode":"*","gateway":"*","direction":"BIDIRECT","action":"BYPASS","ifindex":0},"persist":true}'
	[ "$status" -eq 1 ]
	[ "$(jq -r .error <<<"$output")" = "sp.add: IPsec entries live in the active store only and cannot be made persistent" ]
	run setpriv --reuid=65534 --regid=65534 --clear-groups netcfg-rpc sa.key_load '{"count":0}'
	[ "$status" -eq 4 ]
	# readers may look
	run setpriv --reuid=65534 --regid=65534 --clear-groups ipsec6 -j sa
	[ "$status" -eq 0 ]
}

@test "hundreds of key files reach the daemon in one request" {
	cd "$BATS_TEST_TMPDIR"
	cp "$BATS_FILE_TMPDIR/fresh/test.spd" many.spd
	cp "$BATS_FILE_TMPDIR/fresh/test.sad" many.sad
	sed -i "/^1 /i 9 - 2001:db8:9::/48 - * - * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;" many.spd
	lines=()
	for i in $(seq 300 -1 1); do
		printf '"key number %d"' "$i" > "k$i.key"
		chmod 600 "k$i.key"
		lines+=("$((100 + i)) $((5000 + i)) 2001:db8:9::$i POLICY POLICY POLICY POLICY POLICY HMAC-SHA1 k$i.key OUTBOUND 9 ;")
	done
	ipsec_insert_sas many.sad "${lines[@]}"
	run ipsec6 a many
	[ "$status" -eq 0 ]
	[ "$output" = $'1 new SP entries installed.\n300 new SA entries installed.' ]
	# each SA got its own key: the same files again are identical, one changed is not
	run ipsec6 a many
	[ "$output" = $'0 new SP entries installed.\n0 new SA entries installed.' ]
	printf '"another"' > k250.key
	run ipsec6 a many
	[ "$status" -eq 1 ]
	[ "$output" = 'ipsec6: a: many.sad:56: SA 350: KeyFile "k250.key": the key differs from the key of the active SA 350' ]
	# take them out again as one batch
	ops=$(seq 101 400 | jq -cn '[inputs | {op: "sa.delete", args: {index: .}}]')
	netcfg-rpc batch "{\"ops\":$ops}" >/dev/null
	ipsec6 d sp 9
	[ "$(ipsec6 -j sa | jq -c '[.[].index]')" = "[2,1]" ]
}

# ---- H48: ipsec6 changes are lost when the stack restarts ------------------

@test "H48: after net6 stop / start tcpip6 only the default policy is left" {
	[ "$(ipsec6 -j sp | jq length)" -eq 2 ]
	# installing an installed stack rebuilds nothing, and keeps them
	netsh interface ipv6 install
	[ "$(ipsec6 -j sp | jq length)" -eq 2 ]
	[ "$(ipsec6 -j sa | jq length)" -eq 2 ]
	run net6 stop tcpip6
	[ "$status" -eq 0 ]
	run ipsec6 sp
	[ "$status" -eq 1 ]
	[ "$output" = 'ipsec6: sp: the IPv6 stack is stopped; start it with "net6 start tcpip6"' ]
	net6 start tcpip6
	run ipsec6 sp
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -c '^[0-9]')" -eq 1 ]
	[[ "$output" == *"BYPASS"* ]]
	run ipsec6 sa
	[ "$output" = "***No SAs exist***" ]
}

@test "H48: netsh interface ipv6 reset, and a restarted daemon, start with the default SPD and an empty SAD" {
	cd "$BATS_FILE_TMPDIR/host1"
	ipsec6 a test
	netsh interface ipv6 reset
	[ "$(ipsec6 -j sp | jq -c '[.[].index]')" = "[1]" ]
	[ "$(ipsec6 -j sa)" = "[]" ]
	ipsec6 a test
	restart_stackd
	[ "$(ipsec6 -j sp | jq -c '[.[].index]')" = "[1]" ]
	[ "$(ipsec6 -j sa)" = "[]" ]
}
