/* SPDX-License-Identifier: MIT */
/*
 * ipv6_dump.c - `interface ipv6 dump`: the persistent configuration as a
 * netsh script.
 *
 * The script starts with reset, then recreates every entry of the
 * persistent store with every tag written out, kinds in dependency order
 * (interfaces before what lives on them).  Objects the stack creates by
 * itself (link-local addresses, the default routes) come back after the
 * reset, so a change to one is dumped as set and its removal as delete.
 * Within a kind, objects come in the order the stack lists them, so that
 * running the script reproduces every show exactly.
 */
#include "ipv6.h"

#include "../../libnetcfg/codec.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* What the dump needs of the running stack. */
struct active {
	struct netcfg_interface_list ifs;
	struct netcfg_route_list routes;
	size_t *route_order;          /* routes.v indexes sorted by key */
};

struct line {
	int kind;                     /* order of the kinds */
	size_t rank;                  /* order within the kind */
	size_t seq;                   /* then the order of the store */
	char *text;
};

struct dump {
	struct netsh *sh;
	struct active act;
	struct netcfg_prefix_policy_list defaults;  /* what reset restores */
	struct line *v;
	size_t n, cap;
};

static void emit(struct dump *d, int kind, size_t rank, const char *text)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct line *v = realloc(d->v, cap * sizeof(*v));
		if (!v)
			return;
		d->v = v;
		d->cap = cap;
	}
	char *t = strdup(text);
	if (t)
		d->v[d->n] = (struct line){ kind, rank, d->n, t }, d->n++;
}

static int line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- the active state, for origins and order --------------------------- */

static int route_key_cmp(const struct netcfg_route *a, const struct netcfg_route *b)
{
	int c = memcmp(&a->prefix.addr, &b->prefix.addr, sizeof(a->prefix.addr));
	if (c)
		return c;
	if (a->prefix.len != b->prefix.len)
		return a->prefix.len < b->prefix.len ? -1 : 1;
	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	return memcmp(&a->nexthop, &b->nexthop, sizeof(a->nexthop));
}

static int order_cmp(const void *a, const void *b, void *routes)
{
	const struct netcfg_route *v = routes;
	return route_key_cmp(&v[*(const size_t *)a], &v[*(const size_t *)b]);
}

/* The position of a route in the table, and whether the stack made it.
 * Unknown routes sort last. */
static size_t route_rank(const struct active *act, const struct netcfg_route *r, bool *system)
{
	size_t lo = 0, hi = act->routes.n;
	*system = false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct netcfg_route *x = &act->routes.v[act->route_order[mid]];
		int c = route_key_cmp(r, x);
		if (c == 0) {
			*system = x->origin == NETCFG_ORIGIN_SYSTEM;
			return act->route_order[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return SIZE_MAX;
}

static const struct netcfg_interface *iface_named(const struct active *act, const char *name)
{
	for (size_t i = 0; i < act->ifs.n; i++)
		if (strcmp(act->ifs.v[i].name, name) == 0)
			return &act->ifs.v[i];
	return NULL;
}

static size_t address_rank(const struct active *act, const char *ifname,
			   const struct in6_addr *addr, bool *system)
{
	const struct netcfg_interface *ifp = iface_named(act, ifname);
	*system = false;
	for (size_t k = 0; ifp && k < ifp->n_addrs; k++) {
		if (IN6_ARE_ADDR_EQUAL(&ifp->addrs[k].addr, addr)) {
			*system = ifp->addrs[k].origin == NETCFG_ORIGIN_SYSTEM;
			return (size_t)ifp->index << 32 | k;
		}
	}
	return SIZE_MAX;
}

static int active_load(struct netsh *sh, struct active *act)
{
	memset(act, 0, sizeof(*act));
	if (netcfg_interface_list(sh->h, 0, &act->ifs) != NETCFG_OK ||
	    netcfg_route_list(sh->h, &act->routes) != NETCFG_OK)
		return netsh_stack_error(sh);
	act->route_order = malloc((act->routes.n + 1) * sizeof(size_t));
	if (!act->route_order)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	for (size_t i = 0; i < act->routes.n; i++)
		act->route_order[i] = i;
	qsort_r(act->route_order, act->routes.n, sizeof(size_t), order_cmp, act->routes.v);
	return NETSH_EXIT_OK;
}

static void active_free(struct active *act)
{
	netcfg_interface_list_free(&act->ifs);
	netcfg_route_list_free(&act->routes);
	free(act->route_order);
}

/* ---- one writer per kind of store entry ---------------------------------- */

/* The order of the kinds in the script: interfaces first. */
enum {
	K_IFDELETE, K_IFADD, K_IFSET, K_GLOBAL, K_ADDRESS, K_ROUTE, K_POLICY, K_DNS, K_NEIGHBOR,
	K_OTHER,
};

static const char *life(uint32_t secs, char *buf)
{
	return netcfg_format_duration(secs, buf);
}

static int dump_address(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
			bool deleting, char *err)
{
	struct netcfg_address a;
	char ifname[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2], ad[NETCFG_ADDRSTRLEN];
	char v[32], p[32], text[512];
	bool system;
	(void)e;
	if (codec_address_read(doc, j_get(doc, 0, "address"), &a, ifname, err))
		return -1;
	size_t rank = address_rank(&d->act, ifname, &a.addr, &system);
	dump_quote(ifname, q, sizeof(q));
	netcfg_format_addr(&a.addr, ad);
	if (deleting)
		snprintf(text, sizeof(text), "delete address interface=%s address=%s store=persistent",
			 q, ad);
	else
		snprintf(text, sizeof(text), "%s address interface=%s address=%s type=%s "
			 "validlifetime=%s preferredlifetime=%s store=persistent",
			 system ? "set" : "add", q, ad, netcfg_addr_type_name(a.type),
			 life(a.valid_lifetime, v), life(a.preferred_lifetime, p));
	emit(d, K_ADDRESS, rank, text);
	return 0;
}

static int dump_route(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		      bool deleting, char *err)
{
	struct netcfg_route r;
	char ifname[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2];
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN + 16], v[32], pl[32], text[768];
	bool system = false;
	(void)e;
	if (codec_route_read(doc, j_get(doc, 0, "route"), &r, ifname, err))
		return -1;
	const struct netcfg_interface *ifp = iface_named(&d->act, ifname);
	size_t rank = SIZE_MAX;
	if (ifp) {
		r.ifindex = ifp->index;
		rank = route_rank(&d->act, &r, &system);
	}
	dump_quote(ifname, q, sizeof(q));
	netcfg_format_prefix(&r.prefix, p);
	nh[0] = '\0';
	if (!IN6_IS_ADDR_UNSPECIFIED(&r.nexthop)) {
		char a[NETCFG_ADDRSTRLEN];
		snprintf(nh, sizeof(nh), " nexthop=%s", netcfg_format_addr(&r.nexthop, a));
	}
	if (deleting) {
		snprintf(text, sizeof(text), "delete route prefix=%s interface=%s%s store=persistent",
			 p, q, nh);
	} else {
		const char *publish = !r.publish ? "no" : r.age ? "age" : "yes";
		snprintf(text, sizeof(text), "%s route prefix=%s interface=%s%s siteprefixlength=%u "
			 "metric=%u publish=%s validlifetime=%s preferredlifetime=%s store=persistent",
			 system ? "set" : "add", p, q, nh, r.spl, r.preference, publish,
			 life(r.lifetime, v),
			 life(r.preferred_lifetime && r.preferred_lifetime < r.lifetime ?
			      r.preferred_lifetime : r.lifetime, pl));
	}
	emit(d, K_ROUTE, rank, text);
	return 0;
}

static const char *enabled(bool b)
{
	return b ? "enabled" : "disabled";
}

static int dump_ifadd(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		      bool deleting, char *err)
{
	struct netcfg_interface_create c;
	char name[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2], l4[16], r4[16], text[512];
	(void)e;
	(void)deleting;
	if (codec_ifcreate_read(doc, j_get(doc, 0, "interface"), &c, name, err))
		return -1;
	const struct netcfg_interface *ifp = iface_named(&d->act, name);
	dump_quote(name, q, sizeof(q));
	inet_ntop(AF_INET, &c.local, l4, sizeof(l4));
	if (c.kind == NETCFG_IF_V6V4)
		snprintf(text, sizeof(text), "add v6v4tunnel interface=%s localaddress=%s "
			 "remoteaddress=%s neighbordiscovery=%s store=persistent", q, l4,
			 inet_ntop(AF_INET, &c.remote, r4, sizeof(r4)), enabled(c.nd));
	else
		snprintf(text, sizeof(text), "add 6over4tunnel interface=%s localaddress=%s "
			 "store=persistent", q, l4);
	emit(d, K_IFADD, ifp ? ifp->index : SIZE_MAX, text);
	return 0;
}

static int dump_ifdelete(struct dump *d, const struct netcfg_store_entry *e,
			 const struct jdoc *doc, bool deleting, char *err)
{
	char name[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2], text[256];
	(void)e;
	(void)deleting;
	if (!j_str(doc, j_get(doc, 0, "interface"), name, sizeof(name))) {
		snprintf(err, CODEC_ERRLEN, "interface: name is missing");
		return -1;
	}
	snprintf(text, sizeof(text), "delete interface interface=%s store=persistent",
		 dump_quote(name, q, sizeof(q)));
	emit(d, K_IFDELETE, 0, text);
	return 0;
}

/* A command line built a tag at a time. */
struct cmdline {
	char text[512];
	size_t n;
};

static void add(struct cmdline *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct cmdline *c, const char *fmt, ...)
{
	va_list ap;
	if (c->n >= sizeof(c->text))
		return;
	va_start(ap, fmt);
	c->n += (size_t)vsnprintf(c->text + c->n, sizeof(c->text) - c->n, fmt, ap);
	va_end(ap);
}

static int dump_ifset(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		      bool deleting, char *err)
{
	struct netcfg_interface_settings s;
	struct cmdline c = { .n = 0 };
	char name[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2];
	(void)e;
	(void)deleting;
	if (codec_ifsettings_read(doc, j_get(doc, 0, "settings"), &s, name, err))
		return -1;
	const struct netcfg_interface *ifp = iface_named(&d->act, name);
	add(&c, "set interface interface=%s", dump_quote(name, q, sizeof(q)));
	if (s.mask & NETCFG_IFSET_FORWARDS)
		add(&c, " forwarding=%s", enabled(s.forwards));
	if (s.mask & NETCFG_IFSET_ADVERTISES)
		add(&c, " advertise=%s", enabled(s.advertises));
	if (s.mask & NETCFG_IFSET_MTU)
		add(&c, " mtu=%u", s.mtu);
	if (s.mask & NETCFG_IFSET_SITE)
		add(&c, " siteid=%u", s.site);
	if (s.mask & NETCFG_IFSET_METRIC)
		add(&c, " metric=%u", s.metric);
	if (s.mask & NETCFG_IFSET_FIREWALL)
		add(&c, " firewall=%s", enabled(s.firewall));
	if (s.mask & NETCFG_IFSET_SITE_PREFIX_LENGTH)
		add(&c, " siteprefixlength=%u", s.site_prefix_length);
	add(&c, " store=persistent");
	emit(d, K_IFSET, ifp ? ifp->index : SIZE_MAX, c.text);
	return 0;
}

/* One line per group of global parameters that has any set. */
static int dump_global(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		       bool deleting, char *err)
{
	static const char *const states[] = { "disabled", "enabled", "always", "counter" };
	struct netcfg_global g;
	char b[32];
	(void)e;
	(void)deleting;
	if (codec_global_read(doc, j_get(doc, 0, "global"), &g, err))
		return -1;
	if (g.mask & NETSH_GLOBAL_GENERAL) {
		struct cmdline c = { .n = 0 };
		add(&c, "set global");
		if (g.mask & NETCFG_GLOBAL_DEFAULT_HOP_LIMIT)
			add(&c, " defaultcurhoplimit=%u", g.default_hop_limit);
		if (g.mask & NETCFG_GLOBAL_NEIGHBOR_CACHE_LIMIT)
			add(&c, " neighborcachelimit=%u", g.neighbor_cache_limit);
		if (g.mask & NETCFG_GLOBAL_ROUTE_CACHE_LIMIT)
			add(&c, " routecachelimit=%u", g.route_cache_limit);
		if (g.mask & NETCFG_GLOBAL_REASSEMBLY_LIMIT)
			add(&c, " reassemblylimit=%u", g.reassembly_limit);
		add(&c, " store=persistent");
		emit(d, K_GLOBAL, 0, c.text);
	}
	if (g.mask & NETSH_GLOBAL_PRIVACY) {
		struct cmdline c = { .n = 0 };
		add(&c, "set privacy");
		if (g.mask & NETCFG_GLOBAL_USE_TEMPORARY)
			add(&c, " state=%s", states[g.use_temporary & 3]);
		if (g.mask & NETCFG_GLOBAL_MAX_TEMP_DAD_ATTEMPTS)
			add(&c, " maxdadattempts=%u", g.max_temp_dad_attempts);
		if (g.mask & NETCFG_GLOBAL_MAX_TEMP_VALID)
			add(&c, " maxvalidlifetime=%s", life(g.max_temp_valid_lifetime, b));
		if (g.mask & NETCFG_GLOBAL_MAX_TEMP_PREFERRED)
			add(&c, " maxpreferredlifetime=%s", life(g.max_temp_preferred_lifetime, b));
		if (g.mask & NETCFG_GLOBAL_TEMP_REGENERATE)
			add(&c, " regeneratetime=%s", life(g.temp_regenerate_time, b));
		if (g.mask & NETCFG_GLOBAL_MAX_TEMP_RANDOM)
			add(&c, " maxrandomtime=%s", life(g.max_temp_random_time, b));
		if (g.mask & NETCFG_GLOBAL_TEMP_RANDOM)
			add(&c, " randomtime=%s", life(g.temp_random_time, b));
		add(&c, " store=persistent");
		emit(d, K_GLOBAL, 1, c.text);
	}
	if (g.mask & NETSH_GLOBAL_MOBILITY) {
		struct cmdline c = { .n = 0 };
		add(&c, "set mobility");
		if (g.mask & NETCFG_GLOBAL_MOBILITY_SECURITY)
			add(&c, " security=%s", enabled(g.mobility_security));
		if (g.mask & NETCFG_GLOBAL_BINDING_CACHE_LIMIT)
			add(&c, " bindingcachelimit=%u", g.binding_cache_limit);
		add(&c, " store=persistent");
		emit(d, K_GLOBAL, 2, c.text);
	}
	return 0;
}

static bool default_policy(const struct dump *d, const struct netcfg_prefix *p)
{
	for (size_t i = 0; i < d->defaults.n; i++)
		if (d->defaults.v[i].prefix.len == p->len &&
		    IN6_ARE_ADDR_EQUAL(&d->defaults.v[i].prefix.addr, &p->addr))
			return true;
	return false;
}

static int dump_policy(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		       bool deleting, char *err)
{
	struct netcfg_prefix_policy p;
	char pfx[NETCFG_ADDRSTRLEN], text[256];
	(void)e;
	if (codec_policy_read(doc, j_get(doc, 0, "policy"), &p, err))
		return -1;
	netcfg_format_prefix(&p.prefix, pfx);
	if (deleting)
		snprintf(text, sizeof(text), "delete prefixpolicy prefix=%s store=persistent", pfx);
	else
		snprintf(text, sizeof(text), "%s prefixpolicy prefix=%s precedence=%u label=%u "
			 "store=persistent", default_policy(d, &p.prefix) ? "set" : "add", pfx,
			 p.precedence, p.srclabel);
	emit(d, K_POLICY, 0, text);
	return 0;
}

static int dump_dns(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		    bool deleting, char *err)
{
	char name[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2], a[NETCFG_ADDRSTRLEN], text[256];
	struct in6_addr addr;
	unsigned index = 0;
	(void)e;
	(void)deleting;
	int arr = j_get(doc, 0, "servers");
	if (!j_str(doc, j_get(doc, 0, "interface"), name, sizeof(name)) || j_type(doc, arr) != J_ARR) {
		snprintf(err, CODEC_ERRLEN, "dns: interface or servers missing");
		return -1;
	}
	const struct netcfg_interface *ifp = iface_named(&d->act, name);
	dump_quote(name, q, sizeof(q));
	for (int i = j_first(doc, arr); i >= 0; i = j_next(doc, i)) {
		if (!j_str(doc, i, a, sizeof(a)) || netcfg_parse_addr(a, &addr, NULL) != NETCFG_OK) {
			snprintf(err, CODEC_ERRLEN, "dns: a server is not an IPv6 address");
			return -1;
		}
		snprintf(text, sizeof(text), "add dns interface=%s address=%s index=%u store=persistent",
			 q, netcfg_format_addr(&addr, a), ++index);
		emit(d, K_DNS, ifp ? ifp->index : SIZE_MAX, text);
	}
	return 0;
}

static int dump_neighbor(struct dump *d, const struct netcfg_store_entry *e,
			 const struct jdoc *doc, bool deleting, char *err)
{
	struct netcfg_neighbor nb;
	char name[NETCFG_NAME_MAX], q[NETCFG_NAME_MAX + 2], a[NETCFG_ADDRSTRLEN], ll[32], text[256];
	(void)e;
	(void)deleting;
	if (codec_neighbor_read(doc, j_get(doc, 0, "neighbor"), &nb, name, err))
		return -1;
	const struct netcfg_interface *ifp = iface_named(&d->act, name);
	snprintf(text, sizeof(text), "add neighbors interface=%s address=%s neighbor=%s "
		 "store=persistent", dump_quote(name, q, sizeof(q)), netcfg_format_addr(&nb.addr, a),
		 codec_lladdr_any_format(nb.lladdr, nb.lladdr_len, ll));
	emit(d, K_NEIGHBOR, ifp ? ifp->index : SIZE_MAX, text);
	return 0;
}

static const struct {
	const char *op;
	bool deleting;
	int (*write)(struct dump *d, const struct netcfg_store_entry *e, const struct jdoc *doc,
		     bool deleting, char *err);
} writers[] = {
	{ "address.add", false, dump_address },
	{ "address.delete", true, dump_address },
	{ "dns.set", false, dump_dns },
	{ "global.set", false, dump_global },
	{ "interface.add", false, dump_ifadd },
	{ "interface.delete", true, dump_ifdelete },
	{ "interface.set", false, dump_ifset },
	{ "neighbor.add", false, dump_neighbor },
	{ "prefix_policy.add", false, dump_policy },
	{ "prefix_policy.delete", true, dump_policy },
	{ "route.add", false, dump_route },
	{ "route.delete", true, dump_route },
};

/* ---- the block ---------------------------------------------------------- */

static void block_begin(void)
{
	printf("\n# ----------------------------------\n"
	       "# IPv6 Configuration\n"
	       "# ----------------------------------\n"
	       "pushd interface ipv6\n\n");
}

static void block_end(void)
{
	printf("\n\npopd\n# End of IPv6 configuration\n");
}

static int write_entries(struct dump *d, const struct netcfg_store_list *store)
{
	char err[CODEC_ERRLEN], text[600];
	for (size_t i = 0; i < store->n; i++) {
		const struct netcfg_store_entry *e = &store->v[i];
		size_t w = 0;
		while (w < sizeof(writers) / sizeof(writers[0]) && strcmp(writers[w].op, e->op) != 0)
			w++;
		if (w == sizeof(writers) / sizeof(writers[0])) {
			/* the sub-contexts dump their own; stack state is the block itself */
			if (strncmp(e->op, "stack.", 6) != 0 && strncmp(e->op, "6to4.", 5) != 0 &&
			    strncmp(e->op, "isatap.", 7) != 0) {
				/* kept by the stack, but netsh has no command for it */
				snprintf(text, sizeof(text), "# not expressible as a netsh command: %s (%s)",
					 e->key, e->op);
				emit(d, K_OTHER, i, text);
			}
			continue;
		}
		struct jdoc doc = { 0 };
		int rc = jdoc_parse(&doc, e->args, e->args_len);
		if (rc == 0)
			rc = writers[w].write(d, e, &doc, writers[w].deleting, err);
		else
			snprintf(err, sizeof(err), "%s", doc.err ? doc.err : "malformed");
		jdoc_free(&doc);
		if (rc)
			return netsh_fail(d->sh, NETSH_EXIT_FAIL, "dump: persistent entry \"%s\": %s",
					  e->key, err);
	}
	return NETSH_EXIT_OK;
}

int ipv6_dump(struct netsh *sh)
{
	struct netcfg_store_list store;
	struct netcfg_stack_status st;
	struct dump d = { .sh = sh };
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_stack_status(h, &st) != NETCFG_OK)
		return netsh_stack_error(sh);
	if (!st.running)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "dump: the IPv6 stack is stopped; start it "
				  "with \"net6 start tcpip6\"");
	if (!st.installed) {
		block_begin();
		printf("uninstall\n");
		block_end();
		return NETSH_EXIT_OK;
	}
	if (netcfg_store_list(h, &store) != NETCFG_OK)
		return netsh_stack_error(sh);
	int rc = active_load(sh, &d.act);
	if (rc == NETSH_EXIT_OK && netcfg_stack_default_policies(h, &d.defaults) != NETCFG_OK)
		rc = netsh_stack_error(sh);
	if (rc == NETSH_EXIT_OK)
		rc = write_entries(&d, &store);
	if (rc == NETSH_EXIT_OK) {
		if (d.n)
			qsort(d.v, d.n, sizeof(*d.v), line_cmp);
		block_begin();
		printf("reset\n");
		for (size_t i = 0; i < d.n; i++)
			printf("%s\n", d.v[i].text);
		block_end();
	}
	for (size_t i = 0; i < d.n; i++)
		free(d.v[i].text);
	free(d.v);
	active_free(&d.act);
	netcfg_prefix_policy_list_free(&d.defaults);
	netcfg_store_list_free(&store);
	return rc;
}
