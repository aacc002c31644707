#!/usr/bin/env bats
# install.bats - make install honours PREFIX and DESTDIR, and what it installs
# works: the tools find the installed stackd, and a program builds against
# libnetcfg with pkg-config.

load helpers

# A sanitizer build cannot serve uninstrumented programs linking it.
sanitizer_build() { [[ "$NETCFG_BUILD" == *-san ]]; }

setup() {
	! sanitizer_build || skip "install is checked on the plain build"
}

setup_file() {
	sanitizer_build && return 0
	export ROOT=$BATS_FILE_TMPDIR/root
	export PREFIX=/opt/netcfg-test
	cd "$BATS_TEST_DIRNAME/../.."
	make -s install BUILD="$NETCFG_BUILD" PREFIX="$PREFIX" DESTDIR="$ROOT" >/dev/null
}

@test "programs, library, headers, pkg-config file and man pages are installed" {
	for f in bin/ipv6 sbin/stackd lib/libnetcfg.a lib/libnetcfg.so.1 include/netcfg/netcfg.h \
		 include/netcfg/errors.h include/netcfg/text.h include/netcfg/types.h \
		 lib/pkgconfig/netcfg.pc share/man/man8/stackd.8 share/man/man8/ipv6.8 \
		 share/man/man5/stackd.conf.5 share/man/man3/libnetcfg.3; do
		[ -e "$ROOT$PREFIX/$f" ] || { echo "missing $f"; return 1; }
	done
	[ "$(readlink "$ROOT$PREFIX/bin/ip6")" = ipv6 ]
	[ "$(readlink "$ROOT$PREFIX/lib/libnetcfg.so")" = libnetcfg.so.1 ]
	grep -q "^prefix=$PREFIX\$" "$ROOT$PREFIX/lib/pkgconfig/netcfg.pc"
}

@test "iproute2 learns the name of the daemon's route protocol, in /etc/iproute2 whatever the prefix" {
	f=$ROOT/etc/iproute2/rt_protos.d/netcfg.conf
	[ -e "$f" ]
	# the number the linux dataplane marks its routes with
	[ "$(awk '!/^#/ && $2 == "netcfg" { print $1 }' "$f")" = "$(nltool proto)" ]
}

@test "the shared library exports only the netcfg_ API" {
	run nm -D --defined-only "$ROOT$PREFIX/lib/libnetcfg.so.1"
	[ "$status" -eq 0 ]
	[ -z "$(awk '$2 ~ /[TDB]/ && $3 !~ /^netcfg_/' <<<"$output")" ]
	[[ "$output" == *" T netcfg_route_add"* ]]
	[ "$(objdump -p "$ROOT$PREFIX/lib/libnetcfg.so.1" | awk '/SONAME/ {print $2}')" = libnetcfg.so.1 ]
}

@test "an installed ipv6 starts the installed stackd from ../sbin" {
	local dir
	dir=$(mktemp -d)
	run env NETCFG_SOCKET="$dir/s.sock" NETCFG_STATE_DIR="$dir/state" "$ROOT$PREFIX/bin/ipv6" if 1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "netcfg: no stack daemon was running; started one (model dataplane) at $dir/s.sock" ]]
	pid=$(NETCFG_SOCKET=$dir/s.sock netcfg-rpc daemon.info | jq .result.pid)
	[ "$(readlink "/proc/$pid/exe")" = "$ROOT$PREFIX/sbin/stackd" ]
	kill "$pid"
	rm -rf "$dir"
}

@test "a program builds against the installed libnetcfg with pkg-config" {
	cat > "$BATS_TEST_TMPDIR/client.c" <<-'EOF'
	#include <netcfg/netcfg.h>
	#include <stdio.h>
	int main(void)
	{
		netcfg_t *h;
		char err[256];
		struct netcfg_route r = { .ifindex = 2, .lifetime = NETCFG_INFINITE };
		if (netcfg_open(&h, NETCFG_OPEN_NO_AUTOSTART, err, sizeof(err))) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		netcfg_parse_prefix("2001:db8:77::/48", &r.prefix);
		netcfg_batch_begin(h);
		netcfg_route_add(h, &r, NETCFG_F_ADD);
		netcfg_route_add(h, &r, NETCFG_F_ADD);   /* a duplicate: the batch fails */
		size_t failed;
		int rc = netcfg_batch_commit(h, &failed);
		printf("%s %zu %s\n", netcfg_status_name(rc), failed, netcfg_error(h));
		netcfg_close(h);
		return 0;
	}
	EOF
	export PKG_CONFIG_PATH=$ROOT$PREFIX/lib/pkgconfig
	cflags=$(pkg-config --cflags netcfg | sed "s|$PREFIX|$ROOT$PREFIX|g")
	libs=$(pkg-config --libs netcfg | sed "s|$PREFIX|$ROOT$PREFIX|g")
	cc $cflags -o "$BATS_TEST_TMPDIR/client" "$BATS_TEST_TMPDIR/client.c" $libs
	start_stackd --config "$SEED_CONF"
	run env LD_LIBRARY_PATH="$ROOT$PREFIX/lib" "$BATS_TEST_TMPDIR/client"
	finish_stackd
	[ "$status" -eq 0 ]
	[ "$output" = "EEXIST 1 route 2001:db8:77::/48 -> 2 already exists" ]
}
