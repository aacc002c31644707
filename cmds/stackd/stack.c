/* SPDX-License-Identifier: MIT */
/* stack.c - interfaces, multicast groups and aging of the stack model. */
#include "stack.h"
#include "undo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASE_REACHABLE_MS 30000
#define SYSTEM_ROUTE_PREF 256

int stack_fail(struct stack *st, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof(st->err), fmt, ap);
	va_end(ap);
	return status;
}

uint64_t stack_deadline(const struct stack *st, uint32_t lifetime)
{
	if (lifetime == NETCFG_INFINITE)
		return NEVER;
	return clock_now(st->clock) + lifetime;
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

static uint32_t random_reachable(void)
{
	/* RFC 4861: uniformly between 0.5 and 1.5 times the base */
	return BASE_REACHABLE_MS / 2 + (uint32_t)(random() % (BASE_REACHABLE_MS + 1));
}

static struct st_iface *iface_new(struct stack *st, const char *name, enum netcfg_if_kind kind)
{
	struct st_iface *ifp = calloc(1, sizeof(*ifp));
	if (!ifp)
		return NULL;
	struct netcfg_interface *in = &ifp->info;
	in->index = st->next_ifindex++;
	snprintf(in->name, sizeof(in->name), "%s", name);
	in->kind = kind;
	in->hop_limit = 128;
	switch (kind) {
	case NETCFG_IF_LOOPBACK:
		in->mtu = in->true_mtu = 1500;
		in->hop_limit = 1;
		break;
	case NETCFG_IF_TUNNEL:
		in->lladdr_len = 4;  /* 0.0.0.0 */
		in->mtu = 1280;
		in->true_mtu = 65515;
		break;
	case NETCFG_IF_ETHERNET:
		in->mtu = in->true_mtu = 1500;
		break;
	case NETCFG_IF_6OVER4:
	case NETCFG_IF_V6V4:
		in->mtu = 1280;
		in->true_mtu = 65515;
		in->lladdr_len = 4;
		break;
	default:
		break;
	}
	if (kind == NETCFG_IF_ETHERNET || kind == NETCFG_IF_6OVER4) {
		in->uses_nd = true;
		in->site = 1;
		in->base_reachable_ms = BASE_REACHABLE_MS;
		in->reachable_ms = random_reachable();
		in->retrans_ms = 1000;
		in->dad_transmits = 1;
	}
	if (iface_insert(st, ifp) < 0) {
		free(ifp);
		return NULL;
	}
	return ifp;
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
	struct netcfg_route r = {
		.ifindex = ifindex,
		.preference = SYSTEM_ROUTE_PREF,
		.lifetime = NETCFG_INFINITE,
		.age = true,
		.origin = NETCFG_ORIGIN_SYSTEM,
	};
	netcfg_parse_prefix(prefix, &r.prefix);
	return stack_route_add(st, &r, NETCFG_F_ADD);
}

static int add_adapter(struct stack *st, const struct adapter_cfg *ad)
{
	struct st_iface *ifp = iface_new(st, ad->name, ad->kind);
	if (!ifp)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
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
	struct in6_addr all_nodes = { .s6_addr = { 0xff, 0x02, [15] = 0x01 } };
	stack_group_join(ifp, &all_nodes, false);
	int rc = add_system_addr(st, ifp, &ll);
	if (rc == NETCFG_OK)
		rc = add_system_route(st, "fe80::/64", in->index);
	return rc;
}

int stack_init(struct stack *st, struct clock *clk, const struct adapter_cfg *ad, size_t n,
	       const struct in_addr *host_v4, size_t n_v4)
{
	memset(st, 0, sizeof(*st));
	st->clock = clk;
	st->next_ifindex = 1;
	st->next_deadline = NEVER;
	htab_init(&st->routes);
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());

	struct st_iface *lo = iface_new(st, "Loopback Pseudo-Interface", NETCFG_IF_LOOPBACK);
	struct st_iface *tun = iface_new(st, "Tunnel Pseudo-Interface", NETCFG_IF_TUNNEL);
	if (!lo || !tun)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
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
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
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
		free(ifp);
	}
	free(st->ifs);
	while (st->rt_head) {
		struct st_route *r = st->rt_head;
		st->rt_head = r->next;
		free(r);
	}
	htab_free(&st->routes);
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

/* ---- aging --------------------------------------------------------- */

size_t stack_expire(struct stack *st)
{
	uint64_t now = clock_now(st->clock);
	uint64_t next = NEVER;
	size_t removed = 0;

	if (now < st->next_deadline)
		return 0;
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
				continue;
			}
			if (a->valid_until < next)
				next = a->valid_until;
			pp = &a->next;
		}
	}
	st->next_deadline = next;
	return removed;
}
