/* SPDX-License-Identifier: MIT */
/* test_catalog.c - the catalog model: defaults, install rules, ordering,
 * the selection rule, categories, events, verify's ELF reader, the state
 * document and the names and GUIDs of <netcfg/catalog.h>. */
#include "unit.h"

#include "../../catalog/catalog.h"
#include "../../libnetcfg/json.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static struct catalog_env env;
static const struct catalog_actor actor = { "/usr/bin/test-installer", 1000 };
static const struct netcfg_guid lsp_guid = {
	0x11111111, 0x2222, 0x3333, { 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 } };

static void fresh(struct catalog_state *s)
{
	char dir[] = "/tmp/netcfg-unit-XXXXXX";
	catalog_state_init(s);
	if (!env.provider_dir[0]) {
		catalog_env_init(&env, "/opt/netcfg/providers");
		snprintf(env.nsswitch, sizeof(env.nsswitch), "%s/nsswitch.conf", mkdtemp(dir));
		FILE *f = fopen(env.nsswitch, "w");
		fprintf(f, "passwd: files\nhosts:  files mdns4_minimal [NOTFOUND=return] dns myhostname bogus\n");
		fclose(f);
	}
	CHECK(catalog_state_defaults(s, &env) == 0);
}

/* Install a layered entry and a chain over base under guid. */
static uint32_t install_lsp(struct catalog_state *s, const struct netcfg_guid *g, uint32_t base,
			    uint32_t categories, uint32_t ids[2])
{
	struct netcfg_protocol_info e[2] = { 0 };
	snprintf(e[0].description, sizeof(e[0].description), "LSP");
	e[0].chain_len = 0;
	snprintf(e[1].description, sizeof(e[1].description), "LSP chain");
	e[1].chain_len = 2;
	e[1].chain[0] = NETCFG_CATALOG_SELF;
	e[1].chain[1] = base;
	const struct netcfg_catalog_entry *b = catalog_find(&s->cat[1], base);
	if (b) {
		e[1].address_family = b->info.address_family;
		e[1].socket_type = b->info.socket_type;
		e[1].protocol = b->info.protocol;
		e[1].provider_flags = b->info.provider_flags;
	}
	struct netcfg_provider_install p = { .provider_id = *g, .categories = categories,
					     .entries = e, .n = 2 };
	snprintf(p.path, sizeof(p.path), "/opt/lsp.so");
	char err[CATALOG_ERRLEN];
	return (uint32_t)catalog_install(s, 64, &p, &actor, ids, err);
}

TEST(defaults_are_the_kernels_six_entries_and_the_resolvers_services)
{
	struct catalog_state s;
	fresh(&s);
	const struct catalog *c = &s.cat[1];
	CHECK(c->n == 6);
	CHECK(c->v[0].info.catalog_entry_id == 1001 && c->v[5].info.catalog_entry_id == 1006);
	CHECK_STREQ(c->v[0].info.description, "Linux kernel [TCP/IP]");
	CHECK_STREQ(c->v[5].info.description, "Linux kernel [RAW/IPv6]");
	CHECK(c->v[0].info.service_flags == 0x20066 && c->v[1].info.service_flags == 0x20609);
	CHECK(c->v[2].info.message_size == 65467 && c->v[2].info.protocol_max_offset == 255);
	CHECK(c->v[3].info.address_family == 23 && c->v[3].info.max_sockaddr == 28);
	CHECK_STREQ(c->v[0].path, "/opt/netcfg/providers/kernel.so");
	CHECK_STREQ(s.cat[0].v[0].path, "/opt/netcfg/providers/32/kernel.so");
	/* files, mdns4_minimal, dns, myhostname; "bogus" and [NOTFOUND=return] skipped */
	CHECK(c->n_ns == 4);
	CHECK(c->ns[0].namespace_id == NETCFG_NS_TCPIP_HOSTS);
	CHECK(c->ns[2].namespace_id == NETCFG_NS_DNS);
	CHECK(c->ns[3].namespace_id == NETCFG_NS_TCPIP_LOCAL);
	CHECK(c->next_id == 1007);
	catalog_state_free(&s);
}

TEST(selection_rule_follows_the_seeds)
{
	struct catalog_state s;
	struct netcfg_catalog_resolution r;
	fresh(&s);
	catalog_resolve(&s.cat[1], 2, 1, 6, NULL, &r);
	CHECK(r.wsa == 0 && r.entry_id == 1001);
	catalog_resolve(&s.cat[1], 0, 1, 6, NULL, &r);
	CHECK(r.entry_id == 1001);
	catalog_resolve(&s.cat[1], 2, 0, 17, NULL, &r);
	CHECK(r.entry_id == 1002);
	catalog_resolve(&s.cat[1], 23, 3, 58, NULL, &r);
	CHECK(r.entry_id == 1006);
	catalog_resolve(&s.cat[1], 23, 3, 0, NULL, &r);
	CHECK(r.wsa == NETCFG_WSAEPROTONOSUPPORT);
	catalog_resolve(&s.cat[1], 0, 1, 0, NULL, &r);
	CHECK(r.wsa == NETCFG_WSAEINVAL);
	catalog_resolve(&s.cat[1], 7, 1, 6, NULL, &r);
	CHECK(r.wsa == NETCFG_WSAEAFNOSUPPORT);
	catalog_resolve(&s.cat[1], 2, 5, 6, NULL, &r);
	CHECK(r.wsa == NETCFG_WSAESOCKTNOSUPPORT);
	s.cat[1].v[0].info.provider_flags = 0;
	catalog_resolve(&s.cat[1], 2, 1, 0, NULL, &r);
	CHECK(r.wsa == NETCFG_WSAEPROTONOSUPPORT);
	catalog_state_free(&s);
}

TEST(chain_rules_and_ordering)
{
	struct catalog_state s;
	char err[CATALOG_ERRLEN];
	uint32_t ids[2];
	fresh(&s);
	/* a chain over an id nobody has */
	struct netcfg_protocol_info e = { .chain_len = 2, .chain = { 4242, 1001 } };
	snprintf(e.description, sizeof(e.description), "early");
	struct netcfg_provider_install p = { .provider_id = lsp_guid, .entries = &e, .n = 1 };
	snprintf(p.path, sizeof(p.path), "/x.so");
	CHECK(catalog_install(&s, 64, &p, &actor, NULL, err) == NETCFG_WSAEINVAL);
	CHECK(strstr(err, "is not installed") != NULL);
	CHECK(s.cat[1].n == 6 && s.n_events == 0);
	CHECK(install_lsp(&s, &lsp_guid, 1001, 0, ids) == 0);
	CHECK(ids[0] == 1007 && ids[1] == 1008);
	CHECK(catalog_find(&s.cat[1], 1008)->info.chain[0] == 1007);
	/* the same GUID twice, a layer twice, a base in the middle */
	CHECK(install_lsp(&s, &lsp_guid, 1001, 0, NULL) == NETCFG_WSAEINVAL);
	struct netcfg_guid g2 = lsp_guid;
	g2.data1 = 2;
	e.chain_len = 3;
	e.chain[0] = 1007;
	e.chain[1] = 1007;
	e.chain[2] = 1001;
	p.provider_id = g2;
	CHECK(catalog_install(&s, 64, &p, &actor, NULL, err) == NETCFG_WSAEINVAL);
	CHECK(strstr(err, "appears twice") != NULL);
	e.chain[1] = 1002;
	CHECK(catalog_install(&s, 64, &p, &actor, NULL, err) == NETCFG_WSAEINVAL);
	/* order: a permutation only */
	uint32_t order[8] = { 1008, 1001, 1002, 1003, 1004, 1005, 1006, 1007 };
	CHECK(catalog_order(&s, 64, order, 7, err) == NETCFG_WSAEINVAL);
	order[7] = 1001;
	CHECK(catalog_order(&s, 64, order, 8, err) == NETCFG_WSAEINVAL);
	order[7] = 1007;
	CHECK(catalog_order(&s, 64, order, 8, err) == 0);
	struct netcfg_catalog_resolution r;
	catalog_resolve(&s.cat[1], 2, 1, 6, NULL, &r);
	CHECK(r.entry_id == 1008);
	/* removing a layer a chain uses needs force, and leaves the chain for verify */
	CHECK(catalog_remove(&s, 64, NULL, 1007, false, &actor, err) == NETCFG_WSAEINVAL);
	CHECK(catalog_enable(&s, 64, NULL, 1007, false, &actor, err) == 0);
	catalog_resolve(&s.cat[1], 2, 1, 6, NULL, &r);
	CHECK(r.entry_id == 1001 && r.n_notes == 1);
	catalog_state_free(&s);
}

TEST(lsp_load_rule_of_foo_and_bar)
{
	const uint32_t SYS = NETCFG_LSP_SYSTEM, FW = NETCFG_LSP_FIREWALL, CC = NETCFG_LSP_CRYPTO_COMPRESS;
	uint32_t foo = SYS | FW | CC, bar = FW | CC;
	uint32_t lsp[4] = { SYS, 0, FW, SYS | FW | CC | NETCFG_LSP_INSPECTOR };
	bool foo_loads[4], bar_loads[4];
	for (int i = 0; i < 4; i++) {
		foo_loads[i] = netcfg_lsp_loads(foo, lsp[i]);
		bar_loads[i] = netcfg_lsp_loads(bar, lsp[i]);
		CHECK(netcfg_lsp_loads(0, lsp[i]));
	}
	CHECK(foo_loads[0] && !foo_loads[1] && !foo_loads[2] && !foo_loads[3]);
	CHECK(!bar_loads[0] && !bar_loads[1] && bar_loads[2] && !bar_loads[3]);
	uint32_t v;
	CHECK(netcfg_lsp_categories_parse("LSP_INBOUND MODIFY|firewall", &v) == 0);
	CHECK(v == (NETCFG_LSP_INBOUND_MODIFY | NETCFG_LSP_FIREWALL));
	CHECK(netcfg_lsp_categories_parse("system, proxy", &v) == 0 && v == (SYS | NETCFG_LSP_PROXY));
	CHECK(netcfg_lsp_categories_parse("0x80000008", &v) == 0 && v == (SYS | FW));
	CHECK(netcfg_lsp_categories_parse("none", &v) == 0 && v == 0);
	CHECK(netcfg_lsp_categories_parse("firewal", &v) != 0);
	CHECK(netcfg_lsp_categories_parse("", &v) != 0);
}

TEST(events_carry_the_seeds_fields)
{
	struct catalog_state s;
	char err[CATALOG_ERRLEN];
	uint32_t ids[2];
	fresh(&s);
	install_lsp(&s, &lsp_guid, 1001, 0, ids);
	CHECK(s.n_events == 2);
	const struct netcfg_catalog_event *e = &s.events[1];
	CHECK(e->id == 1 && e->level == 4 && e->catalog == 64 && e->category == ids[1]);
	CHECK(netcfg_guid_equal(&e->guid, &s.cat[1].v[0].info.provider_id)); /* the base's */
	CHECK_STREQ(e->installer, "/usr/bin/test-installer");
	CHECK(catalog_enable(&s, 64, &lsp_guid, 0, false, &actor, err) == 0);
	CHECK(s.n_events == 4 && s.events[2].id == 3);
	CHECK(catalog_remove(&s, 64, &lsp_guid, 0, false, &actor, err) == 0);
	CHECK(s.n_events == 6 && s.events[5].id == 2);
	CHECK(catalog_reset(&s, 64, &env, &actor, err) == 0);
	CHECK(s.events[6].id == 4 && s.events[6].catalog == 64 && s.events[6].seq == 7);
	catalog_state_free(&s);
}

TEST(state_document_round_trips)
{
	struct catalog_state s, t;
	char err[256];
	uint32_t ids[2];
	fresh(&s);
	install_lsp(&s, &lsp_guid, 1002, NETCFG_LSP_PROXY, ids);
	CHECK(catalog_set_app(&s, "Foo.exe", NETCFG_LSP_SYSTEM, err) == 0);
	struct jw w;
	jw_init(&w);
	catalog_state_write(&w, &s);
	CHECK(catalog_state_read(w.buf, w.len, &t, err, sizeof(err)) == 0);
	CHECK(t.cat[1].n == 8 && t.cat[1].next_id == 1009 && t.n_apps == 1 && t.n_events == 2);
	CHECK(memcmp(t.cat[1].v, s.cat[1].v, 8 * sizeof(*s.cat[1].v)) == 0);
	CHECK(t.cat[1].v[6].categories == NETCFG_LSP_PROXY);
	struct jw w2;
	jw_init(&w2);
	catalog_state_write(&w2, &t);
	CHECK(w2.len == w.len && memcmp(w.buf, w2.buf, w.len) == 0);
	catalog_state_free(&t);
	/* a bad value is named with its line */
	char *at = strstr(w.buf, "\"socket_type\":1"), bad[1 << 16];
	snprintf(bad, sizeof(bad), "%.*s\"socket_type\":99999999%s", (int)(at - w.buf), w.buf, at + 15);
	CHECK(catalog_state_read(bad, strlen(bad), &t, err, sizeof(err)) < 0);
	CHECK(strstr(err, "socket_type is not a number in range") != NULL);
	jw_free(&w);
	jw_free(&w2);
	catalog_state_free(&s);
}

/* The test program itself is an executable, not a shared object; the
 * shared objects of the C library are, but do not export the entry
 * point.  Damaged copies must be refused, never crash the reader. */
TEST(elf_reader_refuses_what_is_not_a_provider)
{
	char why[256], path[] = "/tmp/netcfg-unit-elf-XXXXXX";
	CHECK(catalog_elf_check("/nonexistent/x.so", 64, "x", why, sizeof(why)) < 0);
	CHECK_STREQ(why, "does not exist");
	CHECK(catalog_elf_check("relative.so", 64, "x", why, sizeof(why)) < 0);
	CHECK(catalog_elf_check("/proc/self/exe", 64, "main", why, sizeof(why)) < 0);
	CHECK(catalog_elf_class("/proc/self/exe") == 64);
	CHECK(catalog_elf_check(env.nss_dir[0] ? env.nss_dir : "/", 64, "x", why, sizeof(why)) < 0);
	char libc[1024];
	snprintf(libc, sizeof(libc), "%s/libc.so.6", env.nss_dir);
	CHECK(catalog_elf_check(libc, 64, "netcfg_provider_startup", why, sizeof(why)) < 0);
	CHECK_STREQ(why, "does not export netcfg_provider_startup");
	CHECK(catalog_elf_check(libc, 64, "socket", why, sizeof(why)) == 0);
	CHECK(catalog_elf_check(libc, 32, "socket", why, sizeof(why)) < 0);
	CHECK(strstr(why, "is a 64-bit object") != NULL);
	/* flip bytes all over a copy of the first 64 KiB: no crash, no success */
	FILE *in = fopen(libc, "rb");
	unsigned char *buf = malloc(65536);
	size_t n = in ? fread(buf, 1, 65536, in) : 0;
	if (in)
		fclose(in);
	srand(1);
	for (int round = 0; round < 200 && n; round++) {
		int fd = mkstemp(path);
		unsigned char *copy = malloc(n);
		memcpy(copy, buf, n);
		for (int k = 0; k < 8; k++)
			copy[rand() % (round < 100 ? 64 : (int)n)] ^= (unsigned char)(1 + rand() % 255);
		size_t cut = round % 3 == 0 ? (size_t)rand() % n : n;
		CHECK(write(fd, copy, cut) == (ssize_t)cut);
		close(fd);
		catalog_elf_check(path, 64, "netcfg_provider_startup", why, sizeof(why));
		unlink(path);
		strcpy(path, "/tmp/netcfg-unit-elf-XXXXXX");
		free(copy);
	}
	free(buf);
}

TEST(guids_parse_and_format)
{
	struct netcfg_guid g;
	char buf[NETCFG_GUID_STRLEN];
	CHECK(netcfg_guid_parse("{e70f1aa0-ab8b-11cf-8ca3-00805f48a192}", &g) == 0);
	CHECK_STREQ(netcfg_guid_format(&g, buf), "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}");
	CHECK(netcfg_guid_parse("E70F1AA0-AB8B-11CF-8CA3-00805F48A192", &g) == 0);
	CHECK(netcfg_guid_parse("{E70F1AA0-AB8B-11CF-8CA3-00805F48A19}", &g) != 0);
	CHECK(netcfg_guid_parse("{E70F1AA0AB8B-11CF-8CA3-00805F48A1923}", &g) != 0);
	CHECK(netcfg_guid_parse("{G70F1AA0-AB8B-11CF-8CA3-00805F48A192}", &g) != 0);
	CHECK_STREQ(netcfg_wsa_name(10105), "WSAEINVALIDPROVIDER");
	CHECK(netcfg_wsa_name(12345) == NULL);
	CHECK(netcfg_wsa_from_errno(ECONNREFUSED) == NETCFG_WSAECONNREFUSED);
	CHECK(netcfg_wsa_to_errno(NETCFG_WSAECONNREFUSED) == ECONNREFUSED);
	CHECK(netcfg_af_from_linux(10) == 23 && netcfg_af_to_linux(23) == 10);
}

int main(void)
{
	return unit_run();
}
