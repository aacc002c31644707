#!/usr/bin/env bats
# catalog.bats - the provider catalog through the catalog tool: scenario I
# of the seed digest (I49-I56, I58, I59), the show layout field by field,
# description files and their errors, persistence, verify and reset.
# valgrind: yes

load helpers

PROVIDERS=$NETCFG_BUILD/tests/providers
KERNEL=$NETCFG_BUILD/lib/netcfg/providers/kernel.so
CAT=$BATS_TEST_DIRNAME/../fixtures/catalog

setup_file() {
	start_stackd --test-clock
}

teardown_file() {
	finish_stackd
}

# (lsp NAME GUID [CATEGORIES] [PATH], the description of a test LSP, is
# in helpers.bash)

# The ids of a provider's entries in catalog order.
ids_of() {
	catalog -v -j show ${2:+--catalog $2} | jq -r --arg g "$1" '[.entries[] | select(.provider_id == $g) | .id] | join(" ")'
}

all_ids() {
	catalog -v -j show | jq -r '[.entries[].id] | join(" ")'
}

generation() {
	catalog -j show | jq .generation
}

@test "I49: a fresh catalog has the kernel's six base entries, then namespace providers" {
	run catalog -j show
	[ "$status" -eq 0 ]
	[ "$(jq '.entries | length' <<<"$output")" -eq 6 ]
	[ "$(jq -r '[.entries[].description] | join(",")' <<<"$output")" = \
	  "Linux kernel [TCP/IP],Linux kernel [UDP/IP],Linux kernel [RAW/IP],Linux kernel [TCP/IPv6],Linux kernel [UDP/IPv6],Linux kernel [RAW/IPv6]" ]
	[ "$(jq -r '[.entries[] | "\(.id) \(.address_family) \(.socket_type) \(.protocol) \(.service_flags) \(.chain_length) \(.max_address_length)"] | join(",")' <<<"$output")" = \
	  "1001 2 1 6 131174 1 16,1002 2 2 17 132617 1 16,1003 2 3 0 132617 1 16,1004 23 1 6 131174 1 28,1005 23 2 17 132617 1 28,1006 23 3 0 132617 1 28" ]
	# raw entries: 65467 bytes, CONNECTIONLESS|MESSAGE_ORIENTED|SUPPORT_BROADCAST|SUPPORT_MULTIPOINT
	[ "$(jq '[.entries[] | select(.socket_type == 3) | .message_size] | unique' -c <<<"$output")" = "[65467]" ]
	# 0x20609 = CONNECTIONLESS|MESSAGE_ORIENTED|SUPPORT_BROADCAST|SUPPORT_MULTIPOINT|IFS_HANDLES
	[ "$(jq '[.entries[] | select(.socket_type == 3) | .service_flags] | unique' -c <<<"$output")" = "[132617]" ]
	[ "$(jq -r '.entries[0].path' <<<"$output")" = "$(realpath "$KERNEL")" ]
	# the namespace providers are what nsswitch.conf's hosts line names
	for svc in $(sed -n 's/^hosts:\s*//p' /etc/nsswitch.conf | sed 's/\[[^]]*\]//g'); do
		case $svc in files|dns|resolve|myhostname|mdns*) jq -e --arg s "[nss $svc]" '.namespaces[] | select(.description | endswith($s))' <<<"$output" >/dev/null ;; esac
	done
	run catalog show
	# every transport block comes before the first namespace block
	last_t=$(grep -n '^Winsock Catalog Provider Entry$' <<<"$output" | tail -1 | cut -d: -f1)
	first_n=$(grep -n '^Name Space Provider Entry$' <<<"$output" | head -1 | cut -d: -f1)
	[ "$last_t" -lt "$first_n" ]
	[ "$(grep -c '^Protocol Chain Length:              1$' <<<"$output")" -eq 6 ]
	[[ "$output" == *"Description:                        Linux kernel [RAW/IP]"* ]]
	[[ "$output" == *"Description:                        Linux kernel [RAW/IPv6]"* ]]
}

@test "show: the block layout, field by field" {
	run catalog show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Winsock Catalog Provider Entry" ]   # bats drops the leading blank line
	expected="
Winsock Catalog Provider Entry
------------------------------------------------------
Entry Type:                         Base Service Provider
Description:                        Linux kernel [UDP/IP]
Provider ID:                        {3C8E0B62-91D4-4E1F-A8B5-6D27F4C9E013}
Provider Path:                      $(realpath "$KERNEL")
Catalog Entry ID:                   1002
Version:                            2
Address Family:                     2
Max Address Length:                 16
Min Address Length:                 16
Socket Type:                        2
Protocol:                           17
Service Flags:                      0x20609
Protocol Chain Length:              1"
	block=$(catalog show | awk 'BEGIN{RS=""} NR==2 {print "\n" $0}')
	diff <(echo "$block") <(echo "$expected")
	# labels are padded to 36 columns, the rule is 54 dashes
	[ -z "$(catalog show | grep ':' | grep -v '^[A-Za-z ]*: *' )" ]
	[ "$(catalog show | grep -c '^-\{54\}$')" -eq "$(catalog show | grep -c 'Entry$')" ]
	[ -z "$(catalog show | grep ':' | awk '{ i = index($0, ": "); v = substr($0, 37, 1); if (substr($0, 36, 1) != " " || v == " ") print }')" ]
	ns=$(catalog show | awk 'BEGIN{RS=""} /^Name Space Provider Entry/ {print; exit}')
	[ "$(sed -n 3,7p <<<"$ns" | cut -c1-36 | tr -s ' ')" = "$(printf 'Description: \nProvider ID: \nName Space: \nActive: \nVersion: ')" ]
}

@test "I50: the selection rule" {
	run catalog -j resolve 2 1 6
	[ "$(jq .entry_id <<<"$output")" = 1001 ]
	run catalog -j resolve 0 1 6
	[ "$(jq .entry_id <<<"$output")" = 1001 ]
	run catalog -j resolve inet dgram 0
	[ "$(jq .entry_id <<<"$output")" = 1002 ]
	run catalog -j resolve 2 0 17
	[ "$(jq .entry_id <<<"$output")" = 1002 ]
	run catalog -j resolve AF_INET6 SOCK_RAW IPPROTO_ICMPV6
	[ "$(jq .entry_id <<<"$output")" = 1006 ]
	run catalog resolve 2 1 0
	[ "$status" -eq 0 ]
	[[ "$output" == *"Catalog Entry ID:                   1001"* ]]
	[[ "$output" == *"protocol 0 matches it through PFL_MATCHES_PROTOCOL_ZERO"* ]]
	run catalog resolve 23 3 0
	[ "$status" -eq 1 ]
	[ "$output" = "catalog: resolve: error 10043 (WSAEPROTONOSUPPORT): (23, 3, 0) is refused: SOCK_RAW needs a protocol; 0 is not allowed with it" ]
	run catalog resolve 2 4 0
	[ "$status" -eq 1 ]
	[[ "$output" == "catalog: resolve: error 10044 (WSAESOCKTNOSUPPORT): "* ]]
	run catalog resolve 6 1 6
	[[ "$output" == "catalog: resolve: error 10047 (WSAEAFNOSUPPORT): "* ]]
	# without PFL_MATCHES_PROTOCOL_ZERO, protocol 0 finds no TCP entry
	catalog update 1001 --provider-flags 0
	run catalog resolve 2 1 0
	[ "$status" -eq 1 ]
	[[ "$output" == *"error 10043 (WSAEPROTONOSUPPORT)"*"matches only entries with PFL_MATCHES_PROTOCOL_ZERO" ]]
	catalog update 1001 --provider-flags 0x8
	run catalog -j resolve 2 1 0
	[ "$(jq .entry_id <<<"$output")" = 1001 ]
	run catalog resolve inet stream
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "catalog: resolve: give FAMILY TYPE PROTOCOL" ]
	run catalog resolve bogus stream tcp
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == 'catalog: resolve: "bogus" is not an address family'* ]]
}

@test "I51: a second base TCP/IPv4 provider, and ordering" {
	cat > "$BATS_TEST_TMPDIR/tcp2.json" <<-EOF
	{ "guid": "{A0000000-0000-4000-8000-000000000051}", "path": "$KERNEL",
	  "entries": [ { "type": "base", "description": "Second stack [TCP/IP]", "address_family": "AF_INET",
	                 "socket_type": "SOCK_STREAM", "protocol": "IPPROTO_TCP",
	                 "service_flags": ["XP1_GUARANTEED_DELIVERY", "XP1_GUARANTEED_ORDER"],
	                 "provider_flags": ["PFL_MATCHES_PROTOCOL_ZERO"] } ] }
	EOF
	run catalog install "$BATS_TEST_TMPDIR/tcp2.json"
	[ "$status" -eq 0 ]
	new=$(ids_of "{A0000000-0000-4000-8000-000000000051}")
	[ "$(catalog -j resolve 2 1 6 | jq .entry_id)" = 1001 ]
	old=$(all_ids)
	before=$(generation)
	run catalog order $old
	run catalog order 1001 1002
	[ "$status" -eq 1 ]
	[[ "$output" == "catalog: order: error 10022 (WSAEINVAL): the order names 2 entries, the 64-bit catalog has "* ]]
	run catalog order $(sed "s/1002/1001/" <<<"$old")
	[[ "$output" == "catalog: order: error 10022 (WSAEINVAL): catalog entry 1001 is named twice" ]]
	run catalog order $(sed "s/1002/9999/" <<<"$old")
	[[ "$output" == "catalog: order: error 10022 (WSAEINVAL): catalog entry 9999 is not in the 64-bit catalog" ]]
	[ "$(all_ids)" = "$old" ]
	catalog order $new $(sed "s/ *$new//" <<<"$old")
	[ "$(catalog -j resolve 2 1 6 | jq .entry_id)" = "$new" ]
	[ "$(all_ids | cut -d' ' -f1)" = "$new" ]
	[ "$(generation)" -gt "$before" ]
	catalog remove "{A0000000-0000-4000-8000-000000000051}"
	[ "$(catalog -j resolve 2 1 6 | jq .entry_id)" = 1001 ]
}

@test "I52: chains need their parts, never repeat a layer, and show hides layered entries" {
	cat > "$BATS_TEST_TMPDIR/early.json" <<-EOF
	{ "guid": "{B0000000-0000-4000-8000-000000000052}", "path": "$PROVIDERS/recorder.so",
	  "entries": [ { "type": "chain", "description": "Early chain", "chain": [ 9999, 1001 ] } ] }
	EOF
	before=$(generation)
	run catalog install "$BATS_TEST_TMPDIR/early.json"
	[ "$status" -eq 1 ]
	[ "$output" = 'catalog: install: error 10022 (WSAEINVAL): chain "Early chain": element 0 (catalog entry 9999) is not installed; install the chain'"'"'s parts first' ]
	[ "$(generation)" = "$before" ]
	f=$(lsp "Chain LSP" "{B1000000-0000-4000-8000-000000000052}")
	catalog install "$f"
	read -r layer chain <<<"$(ids_of "{B1000000-0000-4000-8000-000000000052}")"
	[ "$(catalog -v -j show | jq --argjson c "$chain" '.entries[] | select(.id == $c) | .chain' -c)" = "[$layer,1001]" ]
	run catalog show
	[[ "$output" != *"Layered Service Provider"* ]]
	[[ "$output" == *"Entry Type:                         Layered Chain Entry"* ]]
	run catalog show -v
	[[ "$output" == *"Entry Type:                         Layered Service Provider"* ]]
	[[ "$output" == *"Protocol Chain:                     $layer 1001"* ]]
	[ "$(catalog -v -j show | jq -r '[.entries[].chain_length] | unique | join(",")')" = "0,1,2" ]
	cat > "$BATS_TEST_TMPDIR/twice.json" <<-EOF
	{ "guid": "{B2000000-0000-4000-8000-000000000052}", "path": "$PROVIDERS/recorder.so",
	  "entries": [ { "type": "chain", "description": "Twice", "chain": [ $layer, $layer, 1001 ] } ] }
	EOF
	run catalog install "$BATS_TEST_TMPDIR/twice.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"catalog entry $layer appears twice; a chain may not contain the same layer twice" ]]
	run catalog remove "$layer"
	[ "$status" -eq 1 ]
	[[ "$output" == *"entry $layer (Chain LSP) is part of chain $chain (Chain LSP over [TCP/IP]); remove that chain first, or use --force" ]]
	catalog remove "{B1000000-0000-4000-8000-000000000052}"
	[ -z "$(ids_of "{B1000000-0000-4000-8000-000000000052}")" ]
}

@test "I53: remove takes every entry of a provider; update keeps the ids" {
	f=$(lsp "Updated LSP" "{C0000000-0000-4000-8000-000000000053}")
	catalog install "$f"
	ids=$(ids_of "{C0000000-0000-4000-8000-000000000053}")
	read -r layer chain <<<"$ids"
	catalog update "$chain" --description "Renamed chain" --path /opt/lsp/recorder.so --message-size 1234
	[ "$(ids_of "{C0000000-0000-4000-8000-000000000053}")" = "$ids" ]
	run catalog -v -j show
	[ "$(jq -r --argjson c "$chain" '.entries[] | select(.id == $c) | "\(.description)|\(.path)|\(.message_size)"' <<<"$output")" = "Renamed chain|/opt/lsp/recorder.so|1234" ]
	# the file form updates every entry of the provider in place
	sed -i 's/"Updated LSP over \[TCP\/IP\]"/"From the file"/' "$f"
	catalog update "$f"
	[ "$(ids_of "{C0000000-0000-4000-8000-000000000053}")" = "$ids" ]
	[ "$(catalog -v -j show | jq -r --argjson c "$chain" '.entries[] | select(.id == $c) | .description')" = "From the file" ]
	run catalog update 4242 --description x
	[ "$status" -eq 1 ]
	[ "$output" = "catalog: update: error 10105 (WSAEINVALIDPROVIDER): no catalog entry 4242 in the 64-bit catalog" ]
	run catalog update "$chain"
	[ "$status" -eq 2 ]
	catalog remove "{C0000000-0000-4000-8000-000000000053}"
	[ -z "$(ids_of "{C0000000-0000-4000-8000-000000000053}")" ]
	run catalog remove "{C0000000-0000-4000-8000-000000000053}"
	[ "$status" -eq 1 ]
	[ "$output" = "catalog: remove: error 10105 (WSAEINVALIDPROVIDER): no provider {C0000000-0000-4000-8000-000000000053} in the 64-bit catalog" ]
}

@test "I54: change events for install, disable, remove and reset, with their fields" {
	f=$(lsp "Test LSP" "{D0000000-0000-4000-8000-000000000054}")
	n0=$(catalog -j events | jq length)
	catalog install "$f"
	read -r layer chain <<<"$(ids_of "{D0000000-0000-4000-8000-000000000054}")"
	run catalog -j events
	ev=$(jq -c --argjson c "$chain" '.[] | select(.category == $c and .event_id == 1)' <<<"$output")
	[ "$(jq -r '"\(.level) \(.lsp_name) \(.catalog) \(.guid)"' <<<"$ev")" = "4 Test LSP over [TCP/IP] 64 {3C8E0B62-91D4-4E1F-A8B5-6D27F4C9E013}" ]
	[ "$(jq -r .installer <<<"$ev")" = "$NETCFG_BUILD/bin/catalog" ]
	ev=$(jq -c --argjson c "$layer" '.[] | select(.category == $c and .event_id == 1)' <<<"$output")
	[ "$(jq -r '"\(.lsp_name) \(.guid)"' <<<"$ev")" = "Test LSP {D0000000-0000-4000-8000-000000000054}" ]
	catalog disable "$layer"
	catalog remove "{D0000000-0000-4000-8000-000000000054}"
	run catalog -j events
	[ "$(jq -r --argjson n "$n0" '.[$n:] | map("\(.event_id):\(.category)") | join(" ")' <<<"$output")" = \
	  "1:$layer 1:$chain 3:$layer 2:$layer 2:$chain" ]
	run catalog events
	[[ "$output" == *"Event ID:                           3 (LSP disable)"* ]]
	[[ "$output" == *"LSP Name:                           Test LSP"* ]]
	catalog install --catalog 32 "$f"
	run catalog -j events --catalog 32
	[ "$(jq -r '.[-1] | "\(.event_id) \(.catalog)"' <<<"$output")" = "1 32" ]
	catalog remove --catalog 32 "{D0000000-0000-4000-8000-000000000054}"
	run catalog disable 1001
	[ "$status" -eq 1 ]
	[[ "$output" == *"is a base provider; only layered providers and chains can be disabled" ]]
}

@test "I55: LSP and application categories, the seeds' Foo.exe and Bar.exe" {
	for i in 1 2 3 4; do catalog install "$(lsp "LSP$i" "{E000000$i-0000-4000-8000-000000000055}")"; done
	catalog category set "{E0000001-0000-4000-8000-000000000055}" LSP_SYSTEM
	catalog category set "{E0000002-0000-4000-8000-000000000055}" none
	catalog category set "{E0000003-0000-4000-8000-000000000055}" firewall
	catalog category set "{E0000004-0000-4000-8000-000000000055}" "LSP_SYSTEM|LSP_FIREWALL|LSP_CRYPTO_COMPRESS|LSP_INSPECTOR"
	catalog category set --app Foo.exe system,firewall,crypto_compress
	catalog category set --app Bar.exe "LSP_FIREWALL+LSP_CRYPTO_COMPRESS"
	loads() { catalog -j category show --app "$1" | jq -r '.loads as $l | [$l[]] | length as $n | $l | map(tostring) | join(" ")'; }
	names() { local out=; for id in $(loads "$1"); do out+=" $(catalog -v -j show | jq -r --argjson i "$id" '.entries[] | select(.id == $i) | .description')"; done; echo "${out# }"; }
	[ "$(names Foo.exe)" = "LSP1" ]
	[ "$(names Bar.exe)" = "LSP3" ]
	[ "$(names /usr/bin/Other)" = "LSP1 LSP2 LSP3 LSP4" ]
	# a path ending in a categorized name is that application
	[ "$(names /opt/x/Foo.exe)" = "LSP1" ]
	run catalog category show --app Bar.exe
	[[ "$output" == *"Categories:                         LSP_FIREWALL LSP_CRYPTO_COMPRESS (0x48)"* ]]
	[[ "$output" == *"Loads:                              "*"(LSP3)"* ]]
	run catalog category show "{E0000004-0000-4000-8000-000000000055}"
	[[ "$output" == *"LSP4: LSP_INSPECTOR LSP_FIREWALL LSP_CRYPTO_COMPRESS LSP_SYSTEM (0x80000049)" ]]
	run catalog category show "{E0000009-0000-4000-8000-000000000055}"
	[ "$status" -eq 1 ]
	[ "$output" = "catalog: category show: error 10105 (WSAEINVALIDPROVIDER): no provider {E0000009-0000-4000-8000-000000000055} in the 64-bit catalog" ]
	run catalog category set "{E0000009-0000-4000-8000-000000000055}" firewall
	[ "$status" -eq 1 ]
	[[ "$output" == "catalog: category set: error 10105 (WSAEINVALIDPROVIDER): "* ]]
	run catalog category set 1001 firewall
	[ "$status" -eq 1 ]
	[[ "$output" == *"categories belong to layered providers; entry 1001 (Linux kernel [TCP/IP]) is a base provider" ]]
	run catalog category set --app Foo.exe bogus
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == 'catalog: category set: "bogus" is not a list of LSP categories'* ]]
	# resolve for an application skips chains whose layers stay out
	chain4=$(ids_of "{E0000004-0000-4000-8000-000000000055}" | cut -d' ' -f2)
	catalog order $chain4 $(all_ids | sed "s/ *\b$chain4\b//")
	[ "$(catalog -j resolve 2 1 6 --app Other | jq .entry_id)" = "$chain4" ]
	run catalog -j resolve 2 1 6 --app Bar.exe
	[ "$(jq .entry_id <<<"$output")" = 1001 ]
	[[ "$(jq -r '.passed_over[0]' <<<"$output")" == "$chain4 (LSP4 over [TCP/IP]): its layered entry"*"is not loaded into this application"* ]]
	catalog category set --app Foo.exe none
	catalog category set --app Bar.exe none
	for i in 1 2 3 4; do catalog remove "{E000000$i-0000-4000-8000-000000000055}"; done
}

@test "I56: namespace providers: install, disable, enable, order, remove" {
	G="{F0000000-0000-4000-8000-000000000056}"
	catalog ns install --guid "$G" --namespace 12 --version 1 --path /usr/lib/x.so --description X
	run catalog -j show
	[ "$(jq -r --arg g "$G" '.namespaces[] | select(.provider_id == $g) | "\(.description) \(.namespace) \(.active) \(.version)"' <<<"$output")" = "X 12 true 1" ]
	catalog ns disable "$G"
	run catalog show
	[[ "$output" == *$'Description:                        X\nProvider ID:                        '"$G"$'\nName Space:                         12\nActive:                             0'* ]]
	catalog ns enable "$G"
	[ "$(catalog -j show | jq --arg g "$G" '.namespaces[] | select(.provider_id == $g) | .active')" = true ]
	run catalog ns install --guid "$G" --namespace 12 --path /usr/lib/x.so --description X
	[ "$status" -eq 1 ]
	[ "$output" = "catalog: ns install: error 10022 (WSAEINVAL): namespace provider $G is already installed in the 64-bit catalog" ]
	order=$(catalog -j show | jq -r '[.namespaces[].provider_id] | reverse | join(" ")')
	catalog ns order $order
	[ "$(catalog -j show | jq -r '[.namespaces[].provider_id] | join(" ")')" = "$order" ]
	run catalog ns order "$G"
	[ "$status" -eq 1 ]
	catalog ns remove "$G"
	[ -z "$(catalog -j show | jq -r --arg g "$G" '.namespaces[] | select(.provider_id == $g)')" ]
	run catalog ns remove "$G"
	[ "$status" -eq 1 ]
	[[ "$output" == *"error 10105 (WSAEINVALIDPROVIDER): no namespace provider $G in the 64-bit catalog" ]]
	# from a description file, into both catalogs
	cat > "$BATS_TEST_TMPDIR/ns.json" <<-EOF
	{ "namespace_providers": [ { "guid": "$G", "namespace": "NS_NLA", "description": "Y",
	  "path": "/usr/lib/y.so", "stores_all": true, "blob": "00ff10" } ] }
	EOF
	catalog ns install --catalog both "$BATS_TEST_TMPDIR/ns.json"
	for c in 32 64; do
		[ "$(catalog -j show --catalog $c | jq -r --arg g "$G" '.namespaces[] | select(.provider_id == $g) | "\(.namespace) \(.stores_all) \(.blob)"')" = "15 true 00ff10" ]
	done
	catalog ns remove --catalog both "$G"
	order=$(catalog -j show | jq -r '[.namespaces[].provider_id] | reverse | join(" ")')
	catalog ns order $order
}

@test "I58: the 32-bit and 64-bit catalogs are independent; both installs go into each" {
	f=$(lsp "Both LSP" "{A5800000-0000-4000-8000-000000000058}")
	catalog install --catalog 32 "$f"
	[ -n "$(ids_of "{A5800000-0000-4000-8000-000000000058}" 32)" ]
	[ -z "$(ids_of "{A5800000-0000-4000-8000-000000000058}" 64)" ]
	run catalog show --catalog 32
	[[ "$output" == *"Entry Type:                         Base Service Provider(32)"* ]]
	[[ "$output" == *"Provider Path:                      $(realpath "$(dirname "$KERNEL")")/32/kernel.so"* ]]
	catalog remove --catalog 32 "{A5800000-0000-4000-8000-000000000058}"
	catalog install --catalog both "$f"
	[ "$(ids_of "{A5800000-0000-4000-8000-000000000058}" 32 | wc -w)" -eq 2 ]
	[ "$(ids_of "{A5800000-0000-4000-8000-000000000058}" 64 | wc -w)" -eq 2 ]
	catalog remove --catalog both "{A5800000-0000-4000-8000-000000000058}"
	[ -z "$(ids_of "{A5800000-0000-4000-8000-000000000058}" 32)$(ids_of "{A5800000-0000-4000-8000-000000000058}" 64)" ]
	run catalog show --catalog both
	[ "$status" -eq 2 ]
}

@test "I59: importing the seeds' WINSOCK2.INI and registry layouts" {
	run catalog install --dry-run "$CAT/winsock2.ini"
	[ "$status" -eq 0 ]
	[[ "$output" == *'warning: provider "FTP" has no [Provider-FTP] section; skipped'* ]]
	[[ "$output" == *"winsock2.ini:22: warning: MinimumAddressLength0 repeated after SocketType2; taken as socket 2's"* ]]
	[[ "$output" == *"import: key novlwp, filename novlwp.WPSP, description \"Novell LAN WorkPlace for DOS\", domain 2, address length 8, 3 socket types"* ]]
	[[ "$output" == *"socket 0: type 1, family 2, protocol 2, address length 16-16, attributes 0x00001066 (XP_GUARANTEED_DELIVERY|XP_GUARANTEED_ORDER|XP_GRACEFUL_CLOSE|XP_EXPEDITED_DATA|XP_FRAGMENTATION)"* ]]
	[ "$(grep -c '^Winsock Catalog Provider Entry$' <<<"$output")" -eq 3 ]
	[[ "$output" == *"Provider Path:                      $CAT/novlwp.WPSP"* ]]
	run catalog install --dry-run "$CAT/registry.txt"
	[ "$status" -eq 0 ]
	[[ "$output" == *"REG_DSZ is read as REG_SZ"* ]]
	[[ "$output" == *"socket 2: type 3, family 2, protocol 2, address length 16-16, attributes 0x00000109"* ]]
	[[ "$output" == *"Description:                        Stream socket in INET domain"* ]]
	# a real import installs 3 base entries under a GUID derived from the key
	before=$(catalog -j show | jq '.entries | length')
	catalog install "$CAT/winsock2.ini" 2>/dev/null
	[ "$(catalog -j show | jq '.entries | length')" -eq $((before + 3)) ]
	g=$(catalog -j show | jq -r '.entries[-1].provider_id')
	catalog remove "$g"
}

@test "description files: every mistake is one line naming file, place and what" {
	d=$BATS_TEST_TMPDIR
	before=$(generation)
	printf '{ "guid": "{A1000000-0000-4000-8000-000000000001}",\n  "path": "x.so", }\n' > "$d/syntax.json"
	run catalog install "$d/syntax.json"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "catalog: install: $d/syntax.json:2:"*": "* ]]
	echo '{ "guid": "{A1000000-0000-4000-8000-000000000001}", "path": "x.so", "entries": [ { "type": "base", "description": "B", "address_family": 2, "socket_type": "SOCK_FOO", "protocol": 6 } ] }' > "$d/type.json"
	run catalog install "$d/type.json"
	[ "$status" -eq 2 ]
	[ "$output" = "catalog: install: $d/type.json: entries[0].socket_type: \"SOCK_FOO\" is not a known name" ]
	echo '{ "guid": "{A1000000-0000-4000-8000-000000000001}", "path": "x.so", "colour": 1, "entries": [] }' > "$d/member.json"
	run catalog install "$d/member.json"
	[ "$output" = "catalog: install: $d/member.json: unknown member \"colour\"" ]
	echo '{ "guid": "{A1000000-0000-4000-8000-000000000001}", "path": "x.so", "entries": [ { "type": "chain", "description": "C", "chain": ["self", "[SPX]"] } ] }' > "$d/ref.json"
	run catalog install "$d/ref.json"
	[ "$status" -eq 2 ]
	[ "$output" = "catalog: install: $d/ref.json: entries[0].chain[1]: no base entry of the 64-bit catalog has \"[SPX]\" in its description" ]
	echo '{ "guid": "not-a-guid", "path": "x.so", "entries": [] }' > "$d/guid.json"
	run catalog install "$d/guid.json"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "catalog: install: $d/guid.json: provider.guid: is not a GUID"* ]]
	echo 'hello' > "$d/junk.txt"
	run catalog install "$d/junk.txt"
	[ "$output" = "catalog: install: $d/junk.txt: is neither a JSON provider description nor a WINSOCK2.INI or registry layout" ]
	run catalog install "$d/missing.json"
	[ "$output" = "catalog: install: $d/missing.json: No such file or directory" ]
	[ "$(generation)" = "$before" ]
}

@test "command line: syntax errors exit 2 with one line" {
	run catalog frobnicate
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'catalog: unknown command "frobnicate" (see catalog --help)' ]
	run catalog show --catalog 48
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'catalog: show: --catalog "48": give 32 or 64' ]
	run catalog remove banana
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'catalog: remove: "banana" is neither a provider GUID nor a catalog entry id' ]
	run catalog order 1001 x
	[ "$status" -eq 2 ]
	run catalog ns frob
	[ "$status" -eq 2 ]
	run catalog --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"catalog run [--catalog 32|64] [--app NAME] [-v] -- PROGRAM [ARGS...]"* ]]
}

@test "persistence: the catalog survives a restart and a crash" {
	f=$(lsp "Durable LSP" "{A2000000-0000-4000-8000-000000000002}")
	catalog install "$f"
	ids=$(ids_of "{A2000000-0000-4000-8000-000000000002}")
	catalog order $(ids_of "{A2000000-0000-4000-8000-000000000002}" | cut -d' ' -f2) $(all_ids | sed "s/ *\b$(cut -d' ' -f2 <<<"$ids")\b//")
	ids=$(ids_of "{A2000000-0000-4000-8000-000000000002}")
	catalog category set --app Keeper.exe proxy
	order=$(all_ids)
	restart_stackd
	[ "$(ids_of "{A2000000-0000-4000-8000-000000000002}")" = "$ids" ]
	[ "$(all_ids)" = "$order" ]
	[ "$(catalog -j category show --app Keeper.exe | jq .categories)" = 4 ]
	crash_and_restart_stackd
	[ "$(all_ids)" = "$order" ]
	catalog remove "{A2000000-0000-4000-8000-000000000002}"
	catalog category set --app Keeper.exe none
	crash_and_restart_stackd
	[ -z "$(ids_of "{A2000000-0000-4000-8000-000000000002}")" ]
}

@test "verify finds a broken catalog and --repair fixes the safe problems" {
	run catalog verify
	[ "$status" -eq 0 ]
	[ "$output" = "No problems found." ]
	# a chain whose base goes away
	cat > "$BATS_TEST_TMPDIR/base2.json" <<-EOF
	{ "guid": "{A3000000-0000-4000-8000-000000000003}", "path": "$KERNEL",
	  "entries": [ { "type": "base", "description": "Doomed [TCP/IP]", "address_family": 2, "socket_type": 1, "protocol": 6 } ] }
	EOF
	catalog install "$BATS_TEST_TMPDIR/base2.json"
	base=$(ids_of "{A3000000-0000-4000-8000-000000000003}")
	cat > "$BATS_TEST_TMPDIR/dangling.json" <<-EOF
	{ "guid": "{A3100000-0000-4000-8000-000000000003}", "path": "$PROVIDERS/recorder.so",
	  "entries": [ { "type": "layered", "description": "Dangler" },
	               { "type": "chain", "description": "Dangler chain", "chain": ["self", $base] } ] }
	EOF
	catalog install "$BATS_TEST_TMPDIR/dangling.json"
	read -r dl dc <<<"$(ids_of "{A3100000-0000-4000-8000-000000000003}")"
	catalog remove --force "$base"
	# a layered provider whose file is gone, one that is no ELF object, one without the entry point
	catalog install "$(lsp Missing "{A3200000-0000-4000-8000-000000000003}" none /nonexistent/lsp.so)"
	catalog install "$(lsp Text "{A3300000-0000-4000-8000-000000000003}" none "$CAT/winsock2.ini")"
	catalog install "$(lsp NoEntry "{A3400000-0000-4000-8000-000000000003}" none "$(realpath "$NETCFG_BUILD/lib/libnetcfg.so.1")")"
	run catalog verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"entry $dc (Dangler chain): chain element 1 refers to catalog entry $base, which is not installed"* ]]
	[[ "$output" == *"(Missing): provider file /nonexistent/lsp.so does not exist"* ]]
	[[ "$output" == *"(Text): provider file $CAT/winsock2.ini is not an ELF file"* ]]
	[[ "$output" == *"(NoEntry): provider file $(realpath "$NETCFG_BUILD/lib/libnetcfg.so.1") does not export netcfg_provider_startup"* ]]
	[[ "$output" == *"repair: remove the chain entry (catalog remove $dc) (catalog verify --repair does this)"* ]]
	run catalog -j verify
	[ "$(jq '[.[] | select(.kind == "provider-file")] | length' <<<"$output")" -eq 6 ]
	run catalog verify --repair
	[ "$status" -eq 0 ]
	[[ "$output" == *"repaired: remove the chain entry"* ]]
	[ "$(ids_of "{A3100000-0000-4000-8000-000000000003}")" = "$dl" ]
	[ "$(catalog -v -j show | jq '[.entries[] | select(.enabled == false)] | length')" -eq 6 ]
	run catalog verify
	[ "$status" -eq 0 ]
	for g in A31 A32 A33 A34; do catalog remove "{${g}00000-0000-4000-8000-000000000003}"; done
}

@test "verify: a hand-edited catalog file with unknown bits and a duplicate GUID" {
	catalog install "$(lsp Edited "{A4000000-0000-4000-8000-000000000004}")"
	stop_stackd
	st=$NETCFG_STATE_DIR/catalog.json
	jq '(.catalogs[] | select(.catalog == 64) | .entries[] | select(.description == "Edited") | .categories) = 4096
	    | (.catalogs[] | select(.catalog == 64) | .entries[] | select(.id == 1002) | .provider_id) = "{A4000000-0000-4000-8000-000000000004}"' "$st" > "$st.new"
	mv "$st.new" "$st"
	launch_stackd
	run catalog verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"(Edited): categories 0x1000 have unknown bits 0x1000"* ]]
	[[ "$output" == *"provider GUID {A4000000-0000-4000-8000-000000000004} is also used by entry"* ]]
	run catalog verify --repair
	[ "$status" -eq 1 ]     # the duplicate GUID needs a person
	[[ "$output" == *"repaired: clear the unknown bits"* ]]
	[[ "$output" == *"repair: reinstall one of the providers under a GUID of its own"* ]]
	catalog reset
	run catalog verify
	[ "$status" -eq 0 ]
}

@test "a malformed catalog file stops the daemon from starting, with the line" {
	stop_stackd
	st=$NETCFG_STATE_DIR/catalog.json
	cp "$st" "$st.good"
	printf '{"format":"netcfg-catalog","version":1,\n"catalogs":[{"catalog":64,"entries":[{"id":1}]}]}\n' > "$st"
	run "$NETCFG_BUILD/bin/stackd" --foreground --socket "$NETCFG_SOCKET" --state-dir "$NETCFG_STATE_DIR"
	[ "$status" -eq 1 ]
	[[ "$output" == *"stackd: catalog unreadable, refusing to start: $st:2: catalog entry: entry_type is missing"* ]]
	mv "$st.good" "$st"
	launch_stackd
}

@test "reset: defaults back, LSPs gone, namespace providers kept, a backup, event 4" {
	G="{A6000000-0000-4000-8000-000000000006}"
	catalog ns install --guid "$G" --namespace 12 --path /usr/lib/z.so --description Z
	catalog install "$(lsp "Reset LSP" "{A6100000-0000-4000-8000-000000000006}")"
	catalog update 1001 --description "Changed"
	run catalog reset
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Successfully reset the Winsock Catalog." ]
	backup=$(sed -n 's/^The previous catalog is kept in \(.*\)\.$/\1/p' <<<"$output")
	[ -f "$backup" ]
	jq -e '.catalogs[] | .entries[] | select(.description == "Reset LSP")' "$backup" >/dev/null
	run catalog -j show
	[ "$(jq '.entries | length' <<<"$output")" -eq 6 ]
	[ "$(jq -r '.entries[0].description' <<<"$output")" = "Linux kernel [TCP/IP]" ]
	[ "$(jq -r --arg g "$G" '.namespaces[] | select(.provider_id == $g) | .description' <<<"$output")" = Z ]
	[ "$(catalog -j events | jq -r '.[-1] | "\(.event_id) \(.catalog) \(has("lsp_name"))"')" = "4 64 false" ]
	run catalog events
	[[ "$output" == *$'Event ID:                           4 (Winsock catalog reset)\nLevel:                              4 (Information)'* ]]
	catalog ns remove "$G"
}
