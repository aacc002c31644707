/* SPDX-License-Identifier: MIT */
/* stack.c - interfaces, multicast groups and aging of the stack model. */
#include "stack.h"
#include "undo.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASE_REACHABLE_MS 30000
#define SYSTEM_ROUTE_PREF 256
#define MIN_LINK_MTU 1280

int stack_fail(struct stack *st, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof(st->err), fmt, ap);
	va_end(ap);
	return status;
}

int stack_nomem(struct stack *st)
{
	return stack_fail(st, NETCFG_ENOMEM, "out of memory");
}

uint64_t stack_deadline(const struct stack *st, uint32_t lifetime)
{
	if (lifetime == NETCFG_INFINITE)
		return NEVER;
	return clock_now(st->clock) + lifetime;
}

uint32_t stack_remaining(const struct stack *st, uint64_t t)
{
	if (t == NEVER)
		return NETCFG_INFINITE;
	uint64_t now = clock_now(st->clock);
	if (t <= now)
		return 0;
	return t - now >= NETCFG_INFINITE ? NETCFG_INFINITE - 1 : (uint32_t)(t - now);
}

uint64_t stack_random(struct stack *st)
{
	/* xorshift64*: enough for reachable times and RA intervals, and
	 * reproducible under the test clock */
	uint64_t x = st->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	st->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* ---- interfaces ---------------------------------------------------- */

struct st_iface *stack_iface(const struct stack *st, uint32_t index)
{
	size_t lo = 0, hi = st->n_ifs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t k = st->ifs[mid]->info.index;
		if (k == index)
			return st->ifs[mid];
		if (k < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct st_iface *stack_iface_by_name(const struct stack *st, const char *name)
{
	for (size_t i = 0; i < st->n_ifs; i++)
		if (strcmp(st->ifs[i]->info.name, name) == 0)
			return st->ifs[i];
	return NULL;
}

int stack_iface_ref(struct stack *st, uint32_t index, const char *name, struct st_iface **out)
{
	if (name && *name) {
		*out = stack_iface_by_name(st, name);
		if (!*out)
			return stack_fail(st, NETCFG_ENOENT, "interface \"%s\" does not exist", name);
		return NETCFG_OK;
	}
	*out = stack_iface(st, index);
	if (!*out)
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", index);
	return NETCFG_OK;
}

static int iface_insert(struct stack *st, struct st_iface *ifp)
{
	struct st_iface **v = realloc(st->ifs, (st->n_ifs + 1) * sizeof(*v));
	if (!v)
		return -1;
	st->ifs = v;
	size_t i = st->n_ifs;
	while (i > 0 && st->ifs[i - 1]->info.index > ifp->info.index) {
		st->ifs[i] = st->ifs[i - 1];
		i--;
	}
	st->ifs[i] = ifp;
	st->n_ifs++;
	return 0;
}

static void iface_remove(struct stack *st, struct st_iface *ifp)
{
	size_t i = 0;
	while (i < st->n_ifs && st->ifs[i] != ifp)
		i++;
	if (i == st->n_ifs)
		return;
	memmove(&st->ifs[i], &st->ifs[i + 1], (st->n_ifs - i - 1) * sizeof(st->ifs[0]));
	st->n_ifs--;
}

static void iface_free(struct st_iface *ifp)
{
	while (ifp->addrs) {
		struct st_addr *a = ifp->addrs;
		ifp->addrs = a->next;
		free(a);
	}
	while (ifp->groups) {
		struct st_group *g = ifp->groups;
		ifp->groups = g->next;
		free(g);
	}
	free(ifp->dns);
	free(ifp);
}

static uint32_t random_reachable(struct stack *st)
{
	/* RFC 4861: uniformly between 0.5 and 1.5 times the base */
	return BASE_REACHABLE_MS / 2 + (uint32_t)(stack_random(st) % (BASE_REACHABLE_MS + 1));
}

static bool kind_uses_nd(enum netcfg_if_kind kind)
{
	return kind == NETCFG_IF_ETHERNET || kind == NETCFG_IF_6OVER4;
}

/* A new interface with the defaults of its kind, not yet in the table. */
static struct st_iface *iface_new(struct stack *st, const char *name, enum netcfg_if_kind kind,
				  bool nd)
{
	struct st_iface *ifp = calloc(1, sizeof(*ifp));
	if (!ifp)
		return NULL;
	struct netcfg_interface *in = &ifp->info;
	in->index = st->next_ifindex;
	snprintf(in->name, sizeof(in->name), "%s", name);
	in->kind = kind;
	in->hop_limit = st->global.default_hop_limit;
	ifp->ra_next = NEVER;
	switch (kind) {
	case NETCFG_IF_LOOPBACK:
		in->mtu = in->true_mtu = 1500;
		in->hop_limit = 1;
		break;
	case NETCFG_IF_ETHERNET:
		in->mtu = in->true_mtu = 1500;
		break;
	default:
		/* IPv4-based links: #2, 6-over-4 and configured tunnels */
		in->mtu = MIN_LINK_MTU;
		in->true_mtu = 65515;
		in->lladdr_len = 4;
		break;
	}
	if (nd) {
		in->uses_nd = true;
		in->router_discovery = true;
		in->site = 1;
		in->base_reachable_ms = BASE_REACHABLE_MS;
		in->reachable_ms = random_reachable(st);
		in->retrans_ms = 1000;
		in->dad_transmits = 1;
	} else if (kind == NETCFG_IF_V6V4) {
		in->site = 1;  /* a real link, although it needs no resolution */
	}
	return ifp;
}

bool stack_iface_iid(const struct st_iface *ifp, struct in6_addr *iid)
{
	memset(iid, 0, sizeof(*iid));
	switch (ifp->info.kind) {
	case NETCFG_IF_ETHERNET:
		netcfg_eui64_from_mac(ifp->info.lladdr, iid);
		return true;
	case NETCFG_IF_6OVER4:
	case NETCFG_IF_V6V4:
		memcpy(&iid->s6_addr[12], &ifp->v4.s_addr, 4);
		return true;
	default:
		return false;
	}
}

/* ---- multicast groups ---------------------------------------------- */

void stack_group_join(struct st_iface *ifp, const struct in6_addr *g, bool reportable)
{
	struct st_group **pp = &ifp->groups;
	for (; *pp; pp = &(*pp)->next) {
		if (IN6_ARE_ADDR_EQUAL(&(*pp)->addr, g)) {
			(*pp)->refs++;
			return;
		}
	}
	struct st_group *gr = calloc(1, sizeof(*gr));
	if (!gr)
		return;  /* the group is informational; the address still works */
	gr->addr = *g;
	gr->refs = 1;
	gr->reportable = reportable;
	gr->last_reporter = reportable;  /* we announced it when joining */
	*pp = gr;
}

void stack_group_leave(struct st_iface *ifp, const struct in6_addr *g)
{
	for (struct st_group **pp = &ifp->groups; *pp; pp = &(*pp)->next) {
		if (!IN6_ARE_ADDR_EQUAL(&(*pp)->addr, g))
			continue;
		if (--(*pp)->refs == 0) {
			struct st_group *dead = *pp;
			*pp = dead->next;
			free(dead);
		}
		return;
	}
}

/* ---- setup --------------------------------------------------------- */

static int add_system_addr(struct stack *st, struct st_iface *ifp, const struct in6_addr *a)
{
	struct netcfg_address na = {
		.ifindex = ifp->info.index,
		.addr = *a,
		.type = NETCFG_ADDR_UNICAST,
		.origin = NETCFG_ORIGIN_SYSTEM,
		.valid_lifetime = NETCFG_INFINITE,
		.preferred_lifetime = NETCFG_INFINITE,
	};
	if (stack_addr_find(ifp, a))
		return NETCFG_OK;
	return stack_addr_add(st, &na, NETCFG_F_ADD);
}

static int add_system_route(struct stack *st, const char *prefix, uint32_t ifindex)
{
	struct netcfg_route r;
	netcfg_route_init(&r);
	r.ifindex = ifindex;
	r.preference = SYSTEM_ROUTE_PREF;
	r.origin = NETCFG_ORIGIN_SYSTEM;
	netcfg_parse_prefix(prefix, &r.prefix);
	return stack_route_add(st, &r, NETCFG_F_ADD);
}

/* What every link interface gets: the all-nodes group (with ND), its
 * link-local address and the on-link fe80::/64 route. */
static int link_setup(struct stack *st, struct st_iface *ifp, const struct in6_addr *ll)
{
	if (ifp->info.uses_nd) {
		struct in6_addr all_nodes = { .s6_addr = { 0xff, 0x02, [15] = 0x01 } };
		stack_group_join(ifp, &all_nodes, false);
	}
	int rc = add_system_addr(st, ifp, ll);
	if (rc == NETCFG_OK)
		rc = add_system_route(st, "fe80::/64", ifp->info.index);
	return rc;
}

static int add_adapter(struct stack *st, const struct adapter_cfg *ad)
{
	struct st_iface *ifp = iface_new(st, ad->name, ad->kind, kind_uses_nd(ad->kind));
	if (!ifp || iface_insert(st, ifp) < 0) {
		free(ifp);
		return stack_nomem(st);
	}
	st->next_ifindex++;
	struct netcfg_interface *in = &ifp->info;
	struct in6_addr ll;
	if (ad->true_mtu)
		in->true_mtu = ad->true_mtu;
	if (ad->kind == NETCFG_IF_ETHERNET)
		in->mtu = in->true_mtu;
	else if (in->mtu > in->true_mtu)
		in->mtu = in->true_mtu;
	if (ad->reachable_ms)
		in->reachable_ms = ad->reachable_ms;
	if (ad->kind == NETCFG_IF_ETHERNET) {
		memcpy(in->lladdr, ad->mac, 6);
		in->lladdr_len = 6;
		netcfg_linklocal_from_mac(ad->mac, &ll);
	} else {
		memcpy(in->lladdr, &ad->v4.s_addr, 4);
		in->lladdr_len = 4;
		ifp->v4 = ad->v4;
		netcfg_linklocal_from_ipv4(ad->v4, &ll);
	}
	return link_setup(st, ifp, &ll);
}

int stack_init_base(struct stack *st, struct clock *clk)
{
	memset(st, 0, sizeof(*st));
	st->clock = clk;
	st->next_ifindex = 1;
	st->next_deadline = NEVER;
	st->rng = clk->test ? 0x9e3779b97f4a7c15ULL
			    : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid() ^ 0x5deece66dULL;
	htab_init(&st->routes);
	htab_init(&st->neighbors);
	htab_init(&st->dests);
	stack_global_default(&st->global);
	if (stack_policy_default(st) != NETCFG_OK)
		return stack_nomem(st);
	return NETCFG_OK;
}

int stack_init(struct stack *st, struct clock *clk, const struct adapter_cfg *ad, size_t n,
	       const struct in_addr *host_v4, size_t n_v4)
{
	if (stack_init_base(st, clk) != NETCFG_OK)
		return NETCFG_ENOMEM;
	struct st_iface *lo = iface_new(st, "Loopback Pseudo-Interface", NETCFG_IF_LOOPBACK, false);
	if (!lo || iface_insert(st, lo) < 0) {
		free(lo);
		return stack_nomem(st);
	}
	st->next_ifindex++;
	struct st_iface *tun = iface_new(st, "Tunnel Pseudo-Interface", NETCFG_IF_TUNNEL, false);
	if (!tun || iface_insert(st, tun) < 0) {
		free(tun);
		return stack_nomem(st);
	}
	st->next_ifindex++;
	int rc = add_system_addr(st, lo, &in6addr_loopback);
	if (rc == NETCFG_OK)
		rc = add_system_route(st, "::/96", tun->info.index);
	for (size_t i = 0; rc == NETCFG_OK && i < n; i++)
		rc = add_adapter(st, &ad[i]);
	/* Every IPv4 address of the host gives the tunnel pseudo-interface an
	 * IPv4-compatible address for automatic tunnelling. */
	for (size_t i = 0; rc == NETCFG_OK && i < n; i++) {
		if (ad[i].kind != NETCFG_IF_ETHERNET && ad[i].v4.s_addr) {
			struct in6_addr a;
			netcfg_v4compat(ad[i].v4, &a);
			rc = add_system_addr(st, tun, &a);
		}
	}
	for (size_t i = 0; rc == NETCFG_OK && i < n_v4; i++) {
		struct in6_addr a;
		netcfg_v4compat(host_v4[i], &a);
		rc = add_system_addr(st, tun, &a);
	}
	return rc;
}

void stack_free(struct stack *st)
{
	stack_dcache_free_all(st);
	while (st->rt_head) {
		struct st_route *r = st->rt_head;
		st->rt_head = r->next;
		free(r);
	}
	stack_nd_free_all(st);
	for (size_t i = 0; i < st->n_ifs; i++)
		iface_free(st->ifs[i]);
	free(st->ifs);
	while (st->sites) {
		struct st_site *s = st->sites;
		st->sites = s->next;
		free(s);
	}
	while (st->bindings) {
		struct st_binding *b = st->bindings;
		st->bindings = b->next;
		free(b);
	}
	free(st->policies);
	htab_free(&st->routes);
	htab_free(&st->neighbors);
	htab_free(&st->dests);
	memset(st, 0, sizeof(*st));
}

int stack_iface_snapshot(const struct stack *st, const struct st_iface *ifp,
			 struct netcfg_interface *out)
{
	*out = ifp->info;
	out->addrs = NULL;
	out->groups = NULL;
	out->n_addrs = out->n_groups = 0;
	size_t na = 0, ng = 0;
	for (const struct st_addr *a = ifp->addrs; a; a = a->next)
		na++;
	for (const struct st_group *g = ifp->groups; g; g = g->next)
		ng++;
	out->addrs = calloc(na + 1, sizeof(*out->addrs));
	out->groups = calloc(ng + 1, sizeof(*out->groups));
	if (!out->addrs || !out->groups) {
		free(out->addrs);
		free(out->groups);
		out->addrs = NULL;
		out->groups = NULL;
		return NETCFG_ENOMEM;
	}
	for (const struct st_addr *a = ifp->addrs; a; a = a->next)
		stack_addr_export(st, ifp, a, &out->addrs[out->n_addrs++]);
	for (const struct st_group *g = ifp->groups; g; g = g->next) {
		struct netcfg_mcast_group *o = &out->groups[out->n_groups++];
		o->addr = g->addr;
		o->refs = g->refs;
		o->reportable = g->reportable;
		o->last_reporter = g->last_reporter;
	}
	return NETCFG_OK;
}

/* ---- creating and deleting interfaces ------------------------------- */

struct iface_undo {
	struct stack *st;
	struct st_iface *ifp;
	uint32_t next_ifindex;
};

static void undo_created(void *ctx, void *data)
{
	(void)ctx;
	struct iface_undo *u = data;
	/* what lookups and routes made on it meanwhile (soft state) */
	stack_dcache_flush(u->st, u->ifp->info.index, NULL);
	stack_nd_forget_iface(u->st, u->ifp->info.index);
	iface_remove(u->st, u->ifp);
	iface_free(u->ifp);
	u->st->next_ifindex = u->next_ifindex;
	u->st->gen++;
	free(u);
}

static void undo_deleted(void *ctx, void *data)
{
	(void)ctx;
	struct iface_undo *u = data;
	/* the slot was reserved when it was deleted, so this cannot fail */
	iface_insert(u->st, u->ifp);
	u->st->gen++;
	free(u);
}

static void commit_deleted(void *ctx, void *data)
{
	(void)ctx;
	struct iface_undo *u = data;
	iface_free(u->ifp);
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

static const char *v4text(struct in_addr v4, char *buf)
{
	return inet_ntop(AF_INET, &v4, buf, INET_ADDRSTRLEN);
}

/* Configured tunnels are told apart by their end points, 6-over-4
 * interfaces by their IPv4 address. */
static struct st_iface *same_endpoints(const struct stack *st,
				       const struct netcfg_interface_create *c)
{
	for (size_t i = 0; i < st->n_ifs; i++) {
		const struct st_iface *o = st->ifs[i];
		if (o->info.kind != c->kind || o->v4.s_addr != c->local.s_addr)
			continue;
		if (c->kind == NETCFG_IF_6OVER4 || o->info.remote_v4.s_addr == c->remote.s_addr)
			return st->ifs[i];
	}
	return NULL;
}

int stack_iface_create(struct stack *st, const struct netcfg_interface_create *c,
		       struct st_iface **out)
{
	char name[NETCFG_NAME_MAX], l4[INET_ADDRSTRLEN], r4[INET_ADDRSTRLEN];
	if (c->kind != NETCFG_IF_V6V4 && c->kind != NETCFG_IF_6OVER4)
		return stack_fail(st, NETCFG_EINVAL, "only v6v4 tunnels and 6-over-4 interfaces can be created");
	v4text(c->local, l4);
	v4text(c->remote, r4);
	if (c->local.s_addr == 0)
		return stack_fail(st, NETCFG_EINVAL, "local IPv4 address 0.0.0.0 is not usable");
	if (c->kind == NETCFG_IF_V6V4 && c->remote.s_addr == 0)
		return stack_fail(st, NETCFG_EINVAL, "remote IPv4 address 0.0.0.0 is not usable");
	if (c->kind == NETCFG_IF_V6V4 && c->remote.s_addr == c->local.s_addr)
		return stack_fail(st, NETCFG_EINVAL, "a tunnel from %s to itself", l4);
	if (c->name && *c->name)
		snprintf(name, sizeof(name), "%s", c->name);
	else if (c->kind == NETCFG_IF_V6V4)
		snprintf(name, sizeof(name), "v6v4 %s %s", l4, r4);
	else
		snprintf(name, sizeof(name), "6over4 %s", l4);
	const struct st_iface *dup = same_endpoints(st, c);
	if (dup)
		return stack_fail(st, NETCFG_EEXIST, "interface %u (%s) already %s %s%s%s",
				  dup->info.index, dup->info.name,
				  c->kind == NETCFG_IF_V6V4 ? "tunnels from" : "runs over", l4,
				  c->kind == NETCFG_IF_V6V4 ? " to " : "",
				  c->kind == NETCFG_IF_V6V4 ? r4 : "");
	if (stack_iface_by_name(st, name))
		return stack_fail(st, NETCFG_EEXIST, "interface \"%s\" already exists", name);
	int rc = dp_iface_create(st, c);
	if (rc)
		return rc;

	bool nd = c->kind == NETCFG_IF_6OVER4 || c->nd;
	struct st_iface *ifp = iface_new(st, name, c->kind, nd);
	struct iface_undo *u = calloc(1, sizeof(*u));
	if (!ifp || !u || iface_insert(st, ifp) < 0) {
		free(ifp);
		free(u);
		return stack_nomem(st);
	}
	*u = (struct iface_undo){ st, ifp, st->next_ifindex };
	if (stack_record(st, undo_created, free_record, u) < 0) {
		iface_remove(st, ifp);
		iface_free(ifp);
		free(u);
		return stack_nomem(st);
	}
	st->next_ifindex++;
	st->gen++;
	ifp->created = true;
	ifp->v4 = c->local;
	memcpy(ifp->info.lladdr, &c->local.s_addr, 4);
	if (c->kind == NETCFG_IF_V6V4)
		ifp->info.remote_v4 = c->remote;
	struct in6_addr ll;
	netcfg_linklocal_from_ipv4(c->local, &ll);
	rc = link_setup(st, ifp, &ll);
	if (rc)
		return rc;
	*out = ifp;
	return NETCFG_OK;
}

int stack_iface_delete(struct stack *st, struct st_iface *ifp)
{
	uint32_t index = ifp->info.index;
	if (ifp->info.kind == NETCFG_IF_LOOPBACK || ifp->info.kind == NETCFG_IF_TUNNEL)
		return stack_fail(st, NETCFG_EINVAL,
				  "interface %u (%s) is a pseudo-interface and cannot be deleted",
				  index, ifp->info.name);
	int rc = dp_iface_delete(st, ifp);
	if (rc)
		return rc;
	/* Reserve the array slot a rollback needs, so undo cannot fail. */
	struct st_iface **v = realloc(st->ifs, (st->n_ifs + 1) * sizeof(*v));
	struct iface_undo *u = calloc(1, sizeof(*u));
	if (v)
		st->ifs = v;
	if (!v || !u) {
		free(u);
		return stack_nomem(st);
	}
	stack_dcache_flush(st, index, NULL);
	for (struct st_route *r = st->rt_head, *nx; r; r = nx) {
		nx = r->next;
		if (r->r.ifindex != index)
			continue;
		struct netcfg_route key = r->r;
		rc = stack_route_delete(st, &key);
		if (rc) {
			free(u);
			return rc;
		}
	}
	for (struct st_site *s = st->sites, *nx; s; s = nx) {
		nx = s->next;
		if (s->ifindex != index)
			continue;
		struct netcfg_prefix p = s->prefix;
		rc = stack_site_delete(st, &p, index);
		if (rc) {
			free(u);
			return rc;
		}
	}
	rc = stack_nd_flush(st, index, NULL, NULL);
	if (rc) {
		free(u);
		return rc;
	}
	*u = (struct iface_undo){ st, ifp, st->next_ifindex };
	iface_remove(st, ifp);
	/* outside a transaction this frees it at once */
	if (stack_record(st, undo_deleted, commit_deleted, u) < 0) {
		iface_insert(st, ifp);
		free(u);
		return stack_nomem(st);
	}
	st->gen++;
	st->ra_dirty = true;
	return NETCFG_OK;
}

/* ---- mirroring ------------------------------------------------------ */

int stack_iface_adopt(struct stack *st, const struct netcfg_interface *info, struct st_iface **out)
{
	if (stack_iface(st, info->index))
		return stack_fail(st, NETCFG_EEXIST, "interface %u already exists", info->index);
	struct st_iface *ifp = calloc(1, sizeof(*ifp));
	if (!ifp)
		return stack_nomem(st);
	ifp->info = *info;
	ifp->info.addrs = NULL;
	ifp->info.groups = NULL;
	ifp->info.n_addrs = ifp->info.n_groups = 0;
	ifp->ra_next = NEVER;
	if (iface_insert(st, ifp) < 0) {
		free(ifp);
		return stack_nomem(st);
	}
	if (ifp->info.uses_nd) {
		struct in6_addr all_nodes = { .s6_addr = { 0xff, 0x02, [15] = 0x01 } };
		stack_group_join(ifp, &all_nodes, false);
	}
	if (info->index >= st->next_ifindex && info->index < UINT32_MAX)
		st->next_ifindex = info->index + 1;
	st->gen++;
	if (out)
		*out = ifp;
	return NETCFG_OK;
}

void stack_iface_forget(struct stack *st, struct st_iface *ifp)
{
	uint32_t index = ifp->info.index;
	struct undo_log *u = st->undo;
	st->undo = NULL;   /* gone for good: nothing to roll back */
	stack_dcache_flush(st, index, NULL);
	for (struct st_route *r = st->rt_head, *nx; r; r = nx) {
		nx = r->next;
		if (r->r.ifindex == index)
			stack_route_forget(st, r);
	}
	for (struct st_site **pp = &st->sites; *pp;) {
		struct st_site *sp = *pp;
		if (sp->ifindex == index) {
			*pp = sp->next;
			free(sp);
		} else {
			pp = &sp->next;
		}
	}
	stack_nd_flush(st, index, NULL, NULL);
	iface_remove(st, ifp);
	iface_free(ifp);
	st->undo = u;
	st->gen++;
	st->ra_dirty = true;
}

/* ---- interface settings --------------------------------------------- */

int stack_iface_set(struct stack *st, struct st_iface *ifp,
		    const struct netcfg_interface_settings *s)
{
	struct netcfg_interface *in = &ifp->info;
	if ((s->mask & NETCFG_IFSET_ADVERTISES) && s->advertises && !in->uses_nd)
		return stack_fail(st, NETCFG_EINVAL,
				  "interface %u (%s) does not use Neighbor Discovery and cannot "
				  "send router advertisements", in->index, in->name);
	if ((s->mask & NETCFG_IFSET_MTU) && (s->mtu < MIN_LINK_MTU || s->mtu > in->true_mtu))
		return stack_fail(st, NETCFG_EINVAL,
				  "MTU %u is out of range for interface %u: %u to %u (its true link MTU)",
				  s->mtu, in->index, MIN_LINK_MTU, in->true_mtu);
	if ((s->mask & NETCFG_IFSET_SITE_PREFIX_LENGTH) && s->site_prefix_length > 128)
		return stack_fail(st, NETCFG_EINVAL, "site prefix length %u is longer than 128",
				  s->site_prefix_length);
	if ((s->mask & NETCFG_IFSET_HOP_LIMIT) && (s->hop_limit < 1 || s->hop_limit > 255))
		return stack_fail(st, NETCFG_EINVAL, "hop limit %u is out of range: 1 to 255",
				  s->hop_limit);
	if ((s->mask & NETCFG_IFSET_ROUTER_DISCOVERY) && s->router_discovery && !in->uses_nd)
		return stack_fail(st, NETCFG_EINVAL,
				  "interface %u (%s) does not use Neighbor Discovery and receives no "
				  "router advertisements", in->index, in->name);
	int rc = dp_iface_set(st, ifp, s);
	if (rc)
		return rc;
	if (stack_save(st, in, sizeof(*in)) < 0 || stack_save(st, &ifp->ra_next, sizeof(ifp->ra_next)) < 0 ||
	    stack_save(st, &ifp->hop_limit_set, sizeof(ifp->hop_limit_set)) < 0)
		return stack_nomem(st);
	if (s->mask & NETCFG_IFSET_FORWARDS)
		in->forwards = s->forwards;
	if (s->mask & NETCFG_IFSET_ADVERTISES)
		in->advertises = s->advertises;
	if (s->mask & NETCFG_IFSET_MTU)
		in->mtu = s->mtu;
	if (s->mask & NETCFG_IFSET_SITE)
		in->site = s->site;
	if (s->mask & NETCFG_IFSET_METRIC)
		in->metric = s->metric;
	if (s->mask & NETCFG_IFSET_FIREWALL)
		in->firewall = s->firewall;
	if (s->mask & NETCFG_IFSET_SITE_PREFIX_LENGTH)
		in->site_prefix_length = s->site_prefix_length;
	if (s->mask & NETCFG_IFSET_HOP_LIMIT) {
		in->hop_limit = s->hop_limit;
		ifp->hop_limit_set = true;
	}
	if (s->mask & NETCFG_IFSET_ROUTER_DISCOVERY)
		in->router_discovery = s->router_discovery;
	/* An interface that starts advertising (or changes what it
	 * advertises) sends at once. */
	ifp->ra_next = in->advertises ? clock_now(st->clock) : NEVER;
	st->ra_dirty = true;
	st->gen++;
	return NETCFG_OK;
}

void stack_renew(struct stack *st, struct st_iface *only)
{
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
		if (only && ifp != only)
			continue;
		stack_dcache_flush(st, ifp->info.index, NULL);
		stack_nd_forget_iface(st, ifp->info.index);
		/* where the kernel has the links, it runs duplicate address
		 * detection */
		if (dp_model_links(st))
			stack_addr_restart_dad(st, ifp);
		if (ifp->info.advertises)
			ifp->ra_next = clock_now(st->clock);
	}
	st->ra_dirty = true;
	st->gen++;
}

/* ---- aging --------------------------------------------------------- */

size_t stack_expire(struct stack *st)
{
	uint64_t now = clock_now(st->clock);
	uint64_t next = NEVER;
	size_t removed = 0;

	if (now < st->next_deadline && !st->ra_dirty)
		return 0;
	uint64_t last = st->last_expire;
	st->last_expire = now;
	/* Advertisements first: they refresh the lifetimes of what the
	 * interfaces configure from them. */
	stack_ra_run(st, false);
	for (struct st_route *r = st->rt_head; r;) {
		struct st_route *nx = r->next;
		if (r->expires <= now) {
			stack_route_unlink(st, r);
			free(r);
			removed++;
		} else if (r->expires < next) {
			next = r->expires;
		}
		r = nx;
	}
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
		for (struct st_addr **pp = &ifp->addrs; *pp;) {
			struct st_addr *a = *pp;
			if (a->valid_until <= now) {
				*pp = a->next;
				if (ifp->info.uses_nd) {
					struct in6_addr g;
					netcfg_solicited_node(&a->addr, &g);
					stack_group_leave(ifp, &g);
				}
				free(a);
				removed++;
				st->gen++;
				continue;
			}
			if (a->valid_until < next)
				next = a->valid_until;
			/* Deprecation and the end of DAD change which source
			 * addresses lookups may use. */
			if ((a->preferred_until > last && a->preferred_until <= now) ||
			    (a->dad_until > last && a->dad_until <= now))
				st->gen++;
			if (a->preferred_until > now && a->preferred_until < next)
				next = a->preferred_until;
			if (a->dad_until > now && a->dad_until < next)
				next = a->dad_until;
			pp = &a->next;
		}
		if (ifp->ra_next < next)
			next = ifp->ra_next;
	}
	for (struct st_site **pp = &st->sites; *pp;) {
		struct st_site *s = *pp;
		if (s->expires <= now) {
			*pp = s->next;
			free(s);
			removed++;
			continue;
		}
		if (s->expires < next)
			next = s->expires;
		pp = &s->next;
	}
	for (struct st_binding **pp = &st->bindings; *pp;) {
		struct st_binding *b = *pp;
		if (b->expires <= now) {
			*pp = b->next;
			free(b);
			removed++;
			continue;
		}
		if (b->expires < next)
			next = b->expires;
		pp = &b->next;
	}
	if (removed)
		st->gen++;
	st->next_deadline = next;
	return removed;
}
