#!/usr/bin/env bats
# ipsec6-export.bats - ipsec6 export: the seeds' files as `ip -batch` and
# setkey text.  The ip-xfrm output is fed to iproute2 inside a network
# namespace of its own: the policies must be installed as written; the
# states are tried, and where the kernel has no AH/ESP state type the test
# says so and is skipped rather than faked.  Export needs no daemon.

load helpers

H1=fe80::2aa:ff:fe53:a92c
H2=fe80::2aa:ff:fe92:d0f1

setup_file() {
	export WORK=$BATS_FILE_TMPDIR
	# export must not need, nor start, a daemon
	export NETCFG_SOCKET=$WORK/no-daemon.sock NETCFG_STACKD=/nonexistent/stackd
	cd "$WORK"
	cat > seed.spd <<-'EOF'
	2 - FE80::2AA:FF:FE92:D0F1 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;
	1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;
	EOF
	cat > seed.sad <<-'EOF'
	2 3001 FE80::2AA:FF:FE92:D0F1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 2 ;
	1 3000 FE80::2AA:FF:FE53:A92C POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key INBOUND 2 ;
	EOF
	printf '"This is a test"' > Test.key
	chmod 600 Test.key
	# everything ip xfrm can say: discard with ports on an interface, a
	# prefix given as a range, an ESP+AH bundle, a tunnel
	cat > more.spd <<-'EOF'
	9 - * - * - TCP - 22 - * NONE * * NONE OUTBOUND DISCARD 1 ;
	8 - 2001:db8::-2001:db8::ffff - * - * - * - * ESP TRANSPORT * 7 OUTBOUND APPLY 0 ;
	7 - * - * - * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;
	6 - 2001:db8:6::/48 - * - * - * - * ESP TUNNEL 2001:db8::fe NONE BIDIRECT APPLY 0 ;
	EOF
	cat > more.sad <<-'EOF'
	4 0x2000 2001:db8::fe POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 Test.key OUTBOUND 6 ;
	3 4003 2001:db8::1 * * UDP 53 POLICY HMAC-SHA1-96 Test.key OUTBOUND 7 ;
	2 4002 2001:db8::1 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 8 ;
	EOF
	if [ "$(id -u)" = 0 ] && command -v ip >/dev/null; then
		export NS=netcfg-ipsec6-$$
		ip netns add "$NS" && ip -n "$NS" link set lo up && touch "$WORK/ns-made"
	fi
}

teardown_file() {
	[ -e "$WORK/ns-made" ] && ip netns del "$NS"
	return 0
}

need_netns() {
	[ -e "$WORK/ns-made" ] || skip "needs root and ip netns (to apply the export in a namespace)"
}

@test "export --format=ip-xfrm of Host 1's files" {
	cd "$WORK"
	run ipsec6 export seed --format=ip-xfrm
	[ "$status" -eq 0 ]
	diff <(echo "$output") - <<-EOF
	# ip -batch: seed.spd and seed.sad, exported by ipsec6
	# policy 2: APPLY BIDIRECT, line 1 of seed.spd
	xfrm policy add src ::/0 dst $H2/128 dir out priority 2147483646 tmpl proto ah mode transport level required
	xfrm policy add src $H2/128 dst ::/0 dir in priority 2147483646 tmpl proto ah mode transport level required
	# policy 1: BYPASS BIDIRECT, line 2 of seed.spd
	xfrm policy add src ::/0 dst ::/0 dir out priority 2147483647
	xfrm policy add src ::/0 dst ::/0 dir in priority 2147483647
	# SA 2: OUTBOUND HMAC-MD5 of policy 2, line 1 of seed.sad
	xfrm state add src :: dst $H2 proto ah spi 3001 mode transport auth-trunc hmac(md5) 0x5468697320697320612074657374 96
	# SA 1: INBOUND HMAC-MD5 of policy 2, line 2 of seed.sad
	xfrm state add src $H2 dst $H1 proto ah spi 3000 mode transport auth-trunc hmac(md5) 0x5468697320697320612074657374 96
	EOF
	# no daemon was needed or started
	[ ! -e "$NETCFG_SOCKET" ]
}

@test "ip accepts the exported policies: applied in a network namespace" {
	need_netns
	cd "$WORK"
	ipsec6 export seed --format=ip-xfrm | grep -v '^xfrm state' > seed.policies
	run ip -n "$NS" -batch seed.policies
	[ "$status" -eq 0 ]
	run ip -n "$NS" xfrm policy list
	[ "$(grep -c '^src' <<<"$output")" -eq 4 ]
	grep -qx "src ::/0 dst $H2/128 " <<<"$output"
	grep -q $'^\tdir out priority 2147483646 ' <<<"$output"
	grep -q $'^\tdir in priority 2147483646 ' <<<"$output"
	[ "$(grep -c $'^\t\tproto ah reqid 0 mode transport' <<<"$output")" -eq 2 ]
	ip -n "$NS" xfrm policy flush
}

@test "ip accepts the exported states' syntax; the kernel installs them where it has AH" {
	need_netns
	cd "$WORK"
	ipsec6 export seed --format=ip-xfrm | grep '^xfrm state' > seed.states
	[ "$(wc -l < seed.states)" -eq 2 ]
	run ip -n "$NS" -batch seed.states
	if [ "$status" -ne 0 ]; then
		# a syntax error would name an argument; only a missing kernel type may skip
		[[ "$output" == *"Requested type not found"* || "$output" == *"Protocol not supported"* ]] ||
			{ echo "$output"; return 1; }
		skip "this kernel has no AH xfrm state type (ip: ${output%%$'\n'*}); states not installed"
	fi
	run ip -n "$NS" xfrm state list
	[[ "$output" == *"proto ah spi 0x00000bb9"* && "$output" == *"auth-trunc hmac(md5) 0x5468697320697320612074657374 96"* ]]
	ip -n "$NS" xfrm state flush
}

@test "ip accepts discard, ports, interfaces, prefixes, bundles and tunnels" {
	need_netns
	cd "$WORK"
	run ipsec6 export more --format=ip-xfrm
	[ "$status" -eq 0 ]
	grep -qx 'xfrm policy add src ::/0 dst ::/0 proto 6 dport 22 dev if1 dir out priority 2147483639 action block' <<<"$output"
	grep -qx 'xfrm policy add src ::/0 dst 2001:db8::/112 dir out priority 2147483640 tmpl proto esp mode transport level required tmpl proto ah mode transport level required' <<<"$output"
	grep -qx 'xfrm policy add src 2001:db8:6::/48 dst ::/0 dir in priority 2147483642 tmpl src 2001:db8::fe proto esp mode tunnel level required' <<<"$output"
	grep -qx 'xfrm state add src :: dst 2001:db8::1 proto ah spi 4003 mode transport auth-trunc hmac(sha1) 0x5468697320697320612074657374 96 sel src ::/0 dst ::/0 proto 17 dport 53' <<<"$output"
	grep -qx 'xfrm state add src :: dst 2001:db8::fe proto esp spi 8192 mode tunnel enc cipher_null "" auth-trunc hmac(sha256) 0x5468697320697320612074657374 128' <<<"$output"
	[[ "${lines[0]}" == 'ipsec6: export: warning: more.spd:4: policy 6: Direction "BIDIRECT": no INBOUND SA refers to this APPLY policy'* ]]
	ipsec6 export more --format=ip-xfrm 2>/dev/null | grep -v '^xfrm state' > more.policies
	run ip -n "$NS" -batch more.policies
	[ "$status" -eq 0 ]
	run ip -n "$NS" xfrm policy list
	[ "$(grep -c '^src' <<<"$output")" -eq 5 ]
	[[ "$output" == *"proto tcp dport 22 dev lo"* ]]
	[[ "$output" == *"dir out action block priority 2147483639"* ]]
	[[ "$output" == *$'\ttmpl src :: dst 2001:db8::fe\n\t\tproto esp reqid 0 mode tunnel'* ]]
	ip -n "$NS" xfrm policy flush
	# the states parse too; the kernel may lack ESP and AH
	ipsec6 export more --format=ip-xfrm 2>/dev/null | grep '^xfrm state' > more.states
	run ip -n "$NS" -batch more.states
	[ "$status" -eq 0 ] || [[ "$output" == *"Requested type not found"* ]]
	ip -n "$NS" xfrm state flush
}

@test "export refuses what ip xfrm cannot say, entry by entry, and writes nothing" {
	cd "$WORK"
	cat > bad.spd <<-'EOF'
	5 - 2001:db8::1-2001:db8::5 - * - * - * - * NONE * * NONE OUTBOUND DISCARD 0 ;
	4 - * - * - TCP - 1-1023 - * NONE * * NONE OUTBOUND DISCARD 0 ;
	3 - * - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPCHOICE 0 ;
	EOF
	: > bad.sad
	run ipsec6 export bad --format=ip-xfrm
	[ "$status" -eq 1 ]
	diff <(echo "$output") - <<-'EOF'
	ipsec6: export: bad.spd:1: policy 5: RemoteIPAddr "2001:db8::1-2001:db8::5": ip xfrm selects addresses by prefix; this range is not one prefix
	ipsec6: export: bad.spd:2: policy 4: RemotePort "1-1023": ip xfrm selects one port or any; a port range cannot be exported
	ipsec6: export: bad.spd:3: policy 3: Action "APPCHOICE": ip xfrm has no policy that leaves the choice to the application
	EOF
	[ -z "$(ipsec6 export bad --format=ip-xfrm 2>/dev/null)" ]
}

@test "export --format=setkey: what setkey can say, and refusals for the rest" {
	cd "$WORK"
	run ipsec6 export seed --format=setkey
	[ "$status" -eq 0 ]
	diff <(echo "$output") - <<-EOF
	# setkey -f: seed.spd and seed.sad, exported by ipsec6
	# policy 2: APPLY BIDIRECT, line 1 of seed.spd
	spdadd ::/0[any] $H2/128[any] any -P out prio def + 2 ipsec ah/transport//require ;
	spdadd $H2/128[any] ::/0[any] any -P in prio def + 2 ipsec ah/transport//require ;
	# policy 1: BYPASS BIDIRECT, line 2 of seed.spd
	spdadd ::/0[any] ::/0[any] any -P out prio def + 1 none ;
	spdadd ::/0[any] ::/0[any] any -P in prio def + 1 none ;
	# SA 2: OUTBOUND HMAC-MD5 of policy 2, line 1 of seed.sad
	add :: $H2 ah 3001 -m transport -A hmac-md5 0x5468697320697320612074657374 ;
	# SA 1: INBOUND HMAC-MD5 of policy 2, line 2 of seed.sad
	add $H2 $H1 ah 3000 -m transport -A hmac-md5 0x5468697320697320612074657374 ;
	EOF
	run ipsec6 export more --format=setkey
	[ "$status" -eq 1 ]
	[[ "$output" == *'more.spd:1: policy 9: InterfaceIndex "1": setkey policies cannot be bound to an interface'* ]]
	[[ "$output" == *'more.spd:4: policy 6: IPSecMode "TUNNEL": setkey needs both ends of a tunnel'* ]]
	[[ "$output" == *'more.sad:1: SA 4: AuthAlg "HMAC-SHA256": setkey on Linux truncates hmac-sha256 to 96 bits'* ]]
}

@test "export reads the key files itself, under the same permission rule" {
	cd "$WORK"
	mkdir -p perm && cp seed.spd seed.sad Test.key perm/ && chmod 640 perm/Test.key
	run ipsec6 export perm/seed --format=ip-xfrm
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = 'ipsec6: export: perm/seed.sad:1: SA 2: KeyFile "Test.key": perm/Test.key: the key file is readable by its group (mode 0640); make it private (chmod 600) or use --allow-readable-keys' ]
	run ipsec6 export --allow-readable-keys perm/seed --format=ip-xfrm
	[ "$status" -eq 0 ]
	# file names are found ignoring case, as on Windows
	mv perm/seed.spd perm/SEED.SPD
	mv perm/Test.key perm/test.KEY
	run ipsec6 export --allow-readable-keys perm/Seed --format=ip-xfrm
	[ "$status" -eq 0 ]
	[[ "$output" == *"auth-trunc hmac(md5) 0x5468697320697320612074657374 96"* ]]
}

@test "HMAC-MD5 and HMAC-SHA1 are the 96-bit HMAC-MD5-96 and HMAC-SHA1-96 in both formats" {
	cd "$WORK"
	# the two spellings export the same lines; the comments keep what the file said
	sed 's/HMAC-MD5 /HMAC-MD5-96 /' seed.sad > seed96.sad
	cp seed.spd seed96.spd
	for fmt in ip-xfrm setkey; do
		[ "$(ipsec6 export seed96 --format=$fmt | grep -v '^#')" = "$(ipsec6 export seed --format=$fmt | grep -v '^#')" ]
	done
	[[ "$(ipsec6 export seed96 --format=setkey)" == *"# SA 2: OUTBOUND HMAC-MD5-96 of policy 2, line 1 of seed96.sad"* ]]
	sed 's/HMAC-MD5 /HMAC-SHA1 /' seed.sad > sha1.sad
	sed 's/HMAC-MD5 /HMAC-SHA1-96 /' seed.sad > sha196.sad
	cp seed.spd sha1.spd
	cp seed.spd sha196.spd
	run ipsec6 export sha1 --format=ip-xfrm
	[ "$status" -eq 0 ]
	grep -qx "xfrm state add src :: dst $H2 proto ah spi 3001 mode transport auth-trunc hmac(sha1) 0x5468697320697320612074657374 96" <<<"$output"
	[[ "$output" == *"# SA 2: OUTBOUND HMAC-SHA1 of policy 2"* ]]
	run ipsec6 export sha1 --format=setkey
	[ "$status" -eq 0 ]
	grep -qx "add :: $H2 ah 3001 -m transport -A hmac-sha1 0x5468697320697320612074657374 ;" <<<"$output"
	for fmt in ip-xfrm setkey; do
		[ "$(ipsec6 export sha196 --format=$fmt | grep -v '^#')" = "$(ipsec6 export sha1 --format=$fmt | grep -v '^#')" ]
	done
	# HMAC-SHA256 keeps RFC 4868's 128 bits
	grep -q 'auth-trunc hmac(sha256) 0x5468697320697320612074657374 128$' <(ipsec6 export more --format=ip-xfrm 2>/dev/null)
}

@test "export usage errors" {
	cd "$WORK"
	run ipsec6 export seed
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "ipsec6: export: missing --format=ip-xfrm or --format=setkey" ]
	run ipsec6 export seed --format=swanctl
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'ipsec6: export: unknown format "swanctl" (ip-xfrm or setkey)' ]
	run ipsec6 export nosuch --format=setkey
	[ "$status" -eq 1 ]
	[ "$output" = "ipsec6: export: cannot find nosuch.spd: No such file or directory" ]
}
