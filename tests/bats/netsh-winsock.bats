#!/usr/bin/env bats
# netsh-winsock.bats - the winsock context of netsh: show catalog (the
# blocks of catalog show, scenario I49), reset (defaults back, LSPs gone,
# namespace providers kept, a backup, event 4), the informational dump,
# abbreviations, -j, scripts and bad input.
# valgrind: yes

load helpers
bats_require_minimum_version 1.5.0

PROVIDERS=$NETCFG_BUILD/tests/providers

setup_file() {
	start_stackd --test-clock
}

teardown_file() {
	finish_stackd
}

# Everything a winsock command could change: both catalogs, every entry
# and field, and the change events (for refused, helpers.bash).
state() {
	catalog -v -j show --catalog 64
	catalog -v -j show --catalog 32
	catalog -j events
}

@test "root help lists winsock as a sub-context; its own help lists reset and show" {
	run netsh ?
	[ "$status" -eq 0 ]
	[[ "$output" == *"winsock       - Changes to the \`netsh winsock' context."* ]]
	[[ "$output" == *$'The following sub-contexts are available:\n interface winsock\n'* ]]
	run netsh winsock ?
	[ "$status" -eq 0 ]
	[[ "$output" == *$'Commands inherited from the netsh context:\n..'* ]]
	[[ "$output" == *$'Commands in this context:\nreset         - Resets the Winsock Catalog to a clean state.\nshow          - Displays information.\n'* ]]
	[[ "$output" != *"sub-contexts"* ]]
	run netsh winsock show
	[[ "$output" == *"show catalog  - Displays the contents of the Winsock catalog."* ]]
	[[ "$output" == *"show alias    - Lists all defined aliases."* ]]   # inherited
	run netsh winsock show catalog ?
	[ "${lines[0]}" = "Usage: show catalog [[level=]normal|verbose]" ]
	run netsh show helper
	[ "${lines[-1]}" = "{C4F6C1D2-8E3B-4A57-9D0E-2B7A61F3E845}  netsh (built in)  winsock" ]
	[ "$(netsh -j show helper | jq -r '.[-1].context')" = "winsock" ]
}

@test "I49: show catalog prints exactly what catalog show prints" {
	run netsh winsock show catalog
	[ "$status" -eq 0 ]
	[ "$output" = "$(catalog show)" ]
	# six base entries, TCP, UDP and RAW for families 2 and 23, chain length 1
	[ "$(grep -c '^Winsock Catalog Provider Entry$' <<<"$output")" -eq 6 ]
	[ "$(grep -c '^Entry Type:                         Base Service Provider$' <<<"$output")" -eq 6 ]
	[ "$(grep -c '^Protocol Chain Length:              1$' <<<"$output")" -eq 6 ]
	[ "$(sed -n 's/^Address Family: *//p' <<<"$output" | tr '\n' ' ')" = "2 2 2 23 23 23 " ]
	[ "$(sed -n 's/^Socket Type: *//p' <<<"$output" | tr '\n' ' ')" = "1 2 3 1 2 3 " ]
	[ "$(sed -n 's/^Protocol: *//p' <<<"$output" | tr '\n' ' ')" = "6 17 0 6 17 0 " ]
	[ "$(sed -n 's/^Catalog Entry ID: *//p' <<<"$output" | tr '\n' ' ')" = "1001 1002 1003 1004 1005 1006 " ]
	[ "$(sed -n 's/^Service Flags: *//p' <<<"$output" | tr '\n' ' ')" = \
	  "0x20066 0x20609 0x20609 0x20066 0x20609 0x20609 " ]
	[[ "$output" == *"Description:                        Linux kernel [RAW/IP]"* ]]
	[[ "$output" == *"Description:                        Linux kernel [RAW/IPv6]"* ]]
	# namespace providers after the last transport entry, with id, namespace, active, version
	last_t=$(grep -n '^Winsock Catalog Provider Entry$' <<<"$output" | tail -1 | cut -d: -f1)
	first_n=$(grep -n '^Name Space Provider Entry$' <<<"$output" | head -1 | cut -d: -f1)
	[ -n "$first_n" ] && [ "$last_t" -lt "$first_n" ]
	transport=$(sed -n "1,$((first_n - 1))p" <<<"$output")
	for field in "Provider ID" "Provider Path" "Version" "Max Address Length" "Min Address Length"; do
		[ "$(grep -c "^$field: " <<<"$transport")" -eq 6 ]
	done
	n_ns=$(grep -c '^Name Space Provider Entry$' <<<"$output")
	for field in "Provider ID" "Name Space" "Active" "Version"; do
		[ "$(sed -n "$first_n,\$p" <<<"$output" | grep -c "^$field: ")" -eq "$n_ns" ]
	done
	# raw entries: 65467 bytes, flags CONNECTIONLESS|MESSAGE_ORIENTED|SUPPORT_BROADCAST|SUPPORT_MULTIPOINT
	run netsh winsock show catalog level=verbose
	[ "$output" = "$(catalog -v show)" ]
	[ "$(grep -c '^Max Message Size:                   65467$' <<<"$output")" -eq 4 ]   # UDP and RAW
	run netsh -j winsock show catalog
	[ "$(jq -c '[.entries[] | select(.socket_type == 3) | .message_size] | unique' <<<"$output")" = "[65467]" ]
	raw_flags=$(jq '.entries[] | select(.socket_type == 3) | .service_flags' <<<"$output")
	[ "$(wc -l <<<"$raw_flags")" -eq 2 ]
	for f in $raw_flags; do
		(( (f & 0x609) == 0x609 ))   # CONNECTIONLESS|MESSAGE_ORIENTED|SUPPORT_BROADCAST|SUPPORT_MULTIPOINT
	done
}

@test "-j prints the catalog codec's JSON, the same as catalog -j show" {
	run netsh -j winsock show catalog
	[ "$status" -eq 0 ]
	[ "$output" = "$(catalog -j show)" ]
	[ "$(jq '.catalog' <<<"$output")" = 64 ]
	[ "$(jq '.entries | length' <<<"$output")" -eq 6 ]
	[ "$(netsh -j winsock show catalog level=verbose)" = "$(catalog -j -v show)" ]
}

@test "abbreviations, a context, pushd and positional values" {
	expected=$(catalog show)
	[ "$(netsh wins sh cat)" = "$expected" ]
	[ "$(netsh WINSOCK SHOW CATALOG)" = "$expected" ]
	[ "$(netsh winsock show catalog lev=norm)" = "$expected" ]
	[ "$(netsh -c winsock show catalog)" = "$expected" ]
	[ "$(netsh wins sh cat verb)" = "$(catalog -v show)" ]
	[ "$(printf 'winsock\nshow catalog\n' | netsh)" = "$expected" ]
	[ "$(printf 'pushd winsock\nsh cat\npopd\n' | netsh -f -)" = "$expected" ]
	# completion comes from the same table
	[ "$(netsh --complete 'winsock show ' | tail -n +2 | tr '\n' ' ')" = "alias catalog helper " ]
	[ "$(netsh --complete 'winsock show catalog level=' | tail -n +2 | tr '\n' ' ')" = "level=normal level=verbose " ]
	[[ "$(netsh --complete 'wins' | tail -n +2)" == winsock ]]
}

@test "reset: defaults back in both catalogs, LSPs gone, namespace providers kept, a backup, event 4" {
	G="{A6000000-0000-4000-8000-000000000106}"
	catalog ns install --guid "$G" --namespace 12 --path /usr/lib/z.so --description Z
	catalog install --catalog both "$(lsp "Reset LSP" "{A6100000-0000-4000-8000-000000000106}")"
	catalog update 1001 --description "Changed"
	catalog order 1008 1001 1002 1003 1004 1005 1006 1007
	n0=$(catalog -j events | jq length)
	run --separate-stderr netsh winsock reset
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Successfully reset the Winsock Catalog." ]
	[[ "${lines[1]}" == "The previous catalog is kept in $NETCFG_STATE_DIR/catalog.json.backup-"*. ]]
	[ "${lines[2]}" = "Programs started from now on use the reset catalog." ]
	[ "${#lines[@]}" -eq 3 ]   # no "Ok."
	[ -z "$stderr" ]
	backup=$(sed -n 's/^The previous catalog is kept in \(.*\)\.$/\1/p' <<<"$output")
	[ "$(jq '[.catalogs[] | .entries[] | select(.description == "Reset LSP")] | length' "$backup")" -eq 2 ]
	for c in 64 32; do
		run catalog -v -j show --catalog $c
		[ "$(jq -r '[.entries[] | "\(.id) \(.description)"] | join(",")' <<<"$output")" = \
		  "1001 Linux kernel [TCP/IP],1002 Linux kernel [UDP/IP],1003 Linux kernel [RAW/IP],1004 Linux kernel [TCP/IPv6],1005 Linux kernel [UDP/IPv6],1006 Linux kernel [RAW/IPv6]" ]
	done
	[ "$(catalog -j show | jq -r --arg g "$G" '.namespaces[] | select(.provider_id == $g) | .description')" = Z ]
	# one reset event per catalog, carrying the catalog only
	run catalog -j events
	[ "$(jq -c --argjson n "$n0" '.[$n:] | map({event_id, level, catalog})' <<<"$output")" = \
	  '[{"event_id":4,"level":4,"catalog":32},{"event_id":4,"level":4,"catalog":64}]' ]
	[ "$(jq -c --argjson n "$n0" '.[$n:] | map(keys - ["seq", "time", "event_id", "level", "catalog"]) | add' <<<"$output")" = "[]" ]
	run catalog events --catalog 64
	block=$(awk '/^Winsock Catalog Change Event$/{b=""} {b = b $0 "\n"} END{printf "%s", b}' <<<"$output")
	[[ "$block" == *$'Event ID:                           4 (Winsock catalog reset)\nLevel:                              4 (Information)\nTime:'*$'\nCatalog:                            64' ]]
	[[ "$block" != *"LSP Name"* && "$block" != *"Installer"* && "$block" != *"GUID"* ]]
	# the reset is kept
	restart_stackd
	[ "$(catalog -v -j show | jq '.entries | length')" -eq 6 ]
	catalog ns remove "$G"
}

@test "reset in a script is part of the script's one transaction" {
	catalog install "$(lsp "Script LSP" "{A6200000-0000-4000-8000-000000000106}")"
	before=$(state)
	# the daemon refuses the second line: the reset is not applied either
	printf 'winsock reset\ninterface ipv6 delete address 1 2001:db8::99\n' > "$BATS_TEST_TMPDIR/bad.netsh"
	run --separate-stderr netsh -f "$BATS_TEST_TMPDIR/bad.netsh"
	[ "$status" -eq 1 ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/bad.netsh:2: address 2001:db8::99 does not exist on interface 1" ]
	[ "$(state)" = "$before" ]
	# applied: the script prints nothing for it, and its shows run after it
	printf 'pushd winsock\nreset\nshow catalog level=verbose\npopd\n' > "$BATS_TEST_TMPDIR/good.netsh"
	run --separate-stderr netsh -f "$BATS_TEST_TMPDIR/good.netsh"
	[ "$status" -eq 0 ]
	[ "$output" = "$(catalog -v show)" ]
	[[ "$output" != *"Script LSP"* && "$output" != *Successfully* ]]
	[ "$(catalog -j events | jq -r '.[-1].event_id')" = 4 ]
}

@test "dump: a Windows-style winsock block that describes the catalog and changes nothing" {
	catalog install "$(lsp "Dump LSP" "{A6300000-0000-4000-8000-000000000106}")"
	read -r layer chain <<<"$(catalog -v -j show | jq -r '[.entries[] | select(.provider_id == "{A6300000-0000-4000-8000-000000000106}") | .id] | join(" ")')"
	catalog disable "$layer"
	run netsh winsock dump
	[ "$status" -eq 0 ]
	expected="# ----------------------------------
# Winsock Configuration
# ----------------------------------
pushd winsock

# The provider catalog is not recreated by this script: netsh winsock has
# no command that installs a provider, so running the script leaves the
# catalog as it is.  catalog(8) installs, orders and removes providers.
# What the catalogs hold, with their layered entries and chains in order:
# 64-bit catalog: 8 transport entries (6 base, 1 layered, 1 chain), 2 namespace providers
#   $layer layered {A6300000-0000-4000-8000-000000000106} \"Dump LSP\" (disabled)
#   $chain chain $layer 1001 {A6300000-0000-4000-8000-000000000106} \"Dump LSP over [TCP/IP]\"
# 32-bit catalog: 6 transport entries (6 base, 0 layered, 0 chains), 2 namespace providers


popd
# End of Winsock configuration"
	diff <(sed '/./,$!d' <<<"$output") <(echo "$expected")
	# it is the last block of the whole dump
	[ "$(netsh dump | tail -n "$(wc -l <<<"$expected")")" = "$expected" ]
	# the round trip: replaying the whole dump after a reset of the IPv6
	# configuration gives the same dump and leaves the catalog as it was
	netsh dump > "$BATS_TEST_TMPDIR/all.netsh"
	before=$(state)
	netsh interface ipv6 reset
	run netsh -f "$BATS_TEST_TMPDIR/all.netsh"
	[ "$status" -eq 0 ]
	[ "$(state)" = "$before" ]
	[ "$(netsh dump)" = "$(cat "$BATS_TEST_TMPDIR/all.netsh")" ]
	catalog remove "{A6300000-0000-4000-8000-000000000106}"
}

@test "dump: a description cannot break out of its comment" {
	f=$BATS_TEST_TMPDIR/evil.json
	cat > "$f" <<-EOF
	{ "format": "netcfg-provider", "version": 1, "name": "evil", "guid": "{A6400000-0000-4000-8000-000000000106}",
	  "path": "$PROVIDERS/recorder.so", "categories": "none",
	  "entries": [ { "type": "layered", "description": "evil\nreset" } ] }
	EOF
	catalog install "$f"
	run netsh winsock dump
	[ "$status" -eq 0 ]
	[[ "$output" == *'layered {A6400000-0000-4000-8000-000000000106} "evil?reset"'* ]]
	# every line between pushd and popd is a comment or blank
	[ -z "$(sed -n '/^pushd winsock$/,/^popd$/p' <<<"$output" | grep -v -e '^#' -e '^$' -e '^pushd' -e '^popd')" ]
	catalog remove "{A6400000-0000-4000-8000-000000000106}"
}

@test "bad input: one line, non-zero exit, nothing changed" {
	catalog install "$(lsp "Kept LSP" "{A6500000-0000-4000-8000-000000000106}")"
	refused 2 'show catalog: "bad" is not an acceptable value for level: expected one of normal, verbose.' \
		winsock show catalog bad
	refused 2 'show catalog: "colour" is not a tag of this command (its tags: level).' \
		winsock show catalog colour=red
	refused 2 'show catalog: "x" is one argument too many.' winsock show catalog verbose x
	refused 2 'reset: "now" is one argument too many.' winsock reset now
	refused 2 'reset: "all" is not a tag of this command (it takes none).' winsock reset all=yes
	refused 2 'The following command was not found: winsock foo.' winsock foo
	refused 2 'The following command was not found: winsock show routes.' winsock show routes
	refused 2 'The command word "e" is ambiguous: it abbreviates exec, exit.' winsock e
	refused 2 'show catalog: the tag "level" is given more than once.' \
		winsock show catalog level=verbose level=normal
	refused 2 'show catalog: "" is not an acceptable value for level: expected one of normal, verbose.' \
		winsock show catalog level=
	refused 2 'dump: "x" is one argument too many.' winsock dump x
	printf 'winsock reset\nwinsock show\n' > "$BATS_TEST_TMPDIR/group.netsh"
	refused 2 "$BATS_TEST_TMPDIR/group.netsh:2: \"show\" needs a command after it (see \"show ?\")." \
		-f "$BATS_TEST_TMPDIR/group.netsh"
	[ "$(catalog -v -j show | jq '[.entries[] | select(.description == "Kept LSP")] | length')" -eq 1 ]
	catalog remove "{A6500000-0000-4000-8000-000000000106}"
}

@test "netsh(8) documents the winsock context; catalog(8) points to it" {
	command -v man >/dev/null || skip "man is not installed"
	page=$(MANWIDTH=250 man -l "$BATS_TEST_DIRNAME/../../man/netsh.8" 2>/dev/null | tr -s ' ')
	[[ "$page" == *"WINSOCK COMMANDS"* ]]
	while read -r word; do
		case $word in
		show) while read -r cmd; do
			[[ "$page" == *"show $cmd"* ]] || { echo "show $cmd missing"; false; }
		      done < <(netsh -c winsock --complete "show " | tail -n +2) ;;
		*) [[ "$page" == *"$word"* ]] || { echo "$word missing"; false; } ;;
		esac
	done < <(netsh -c winsock --complete "" | tail -n +2)
	cpage=$(MANWIDTH=250 man -l "$BATS_TEST_DIRNAME/../../man/catalog.8" 2>/dev/null | tr -s ' ')
	[[ "$cpage" == *"netsh(8)"* && "$cpage" == *"netsh winsock reset"* ]]
}
