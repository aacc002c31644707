/* SPDX-License-Identifier: MIT */
/*
 * stack_ra.c - router advertisements, computed from the published routes.
 *
 * An interface that advertises (it must use Neighbor Discovery) sends an
 * RA whose content follows from the routing table: a source link-layer
 * address option, an MTU option with the current link MTU, a router
 * lifetime that is non-zero only when the interface forwards and a
 * default route (::/0) through another interface is published, and one
 * prefix information option per published route that is on-link on the
 * interface: L and A set for /64 prefixes (hosts autoconfigure from
 * them), L only for other lengths, with the route's site prefix length
 * when it has one.  Published routes that do not age advertise their
 * configured lifetime; aging ones what is left of it.
 *
 * RAs go out when what they carry may have changed and then every 200 to
 * 600 seconds.  An interface that forwards and advertises configures
 * addresses for itself from the /64 prefixes it advertises, with the
 * advertised lifetimes, refreshed by every RA it sends.
 */
#include "stack.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROUTER_LIFETIME 9000   /* RFC 4861 AdvDefaultLifetime limit */
#define MIN_RA_INTERVAL 200
#define MAX_RA_INTERVAL 600

static bool advertising(const struct st_iface *ifp)
{
	return ifp->info.advertises && ifp->info.uses_nd;
}

static bool is_default_route(const struct st_route *r)
{
	return r->r.prefix.len == 0;
}

int stack_ra_build(const struct stack *st, const struct st_iface *ifp, struct netcfg_ra *out)
{
	memset(out, 0, sizeof(*out));
	out->ifindex = ifp->info.index;
	out->sent = advertising(ifp);
	out->next_in = out->sent ? stack_remaining(st, ifp->ra_next) : NETCFG_INFINITE;
	out->cur_hop_limit = ifp->info.hop_limit;
	memcpy(out->sll, ifp->info.lladdr, sizeof(out->sll));
	out->sll_len = ifp->info.lladdr_len;
	out->mtu = ifp->info.mtu;
	size_t n = 0;
	for (const struct st_route *r = st->rt_head; r; r = r->next)
		n += r->r.publish && r->r.ifindex == ifp->info.index;
	out->prefixes = calloc(n + 1, sizeof(*out->prefixes));
	if (!out->prefixes)
		return NETCFG_ENOMEM;
	for (const struct st_route *r = st->rt_head; r; r = r->next) {
		if (!r->r.publish)
			continue;
		struct netcfg_route adv;
		stack_route_export(st, r, &adv);
		if (is_default_route(r) && r->r.ifindex != ifp->info.index && ifp->info.forwards) {
			uint32_t life = adv.lifetime > MAX_ROUTER_LIFETIME ? MAX_ROUTER_LIFETIME
									   : adv.lifetime;
			if (life > out->router_lifetime)
				out->router_lifetime = life;
			continue;
		}
		if (r->r.ifindex != ifp->info.index || !IN6_IS_ADDR_UNSPECIFIED(&r->r.nexthop) ||
		    is_default_route(r) || IN6_IS_ADDR_LINKLOCAL(&r->r.prefix.addr))
			continue;
		struct netcfg_ra_prefix *p = &out->prefixes[out->n_prefixes++];
		p->prefix = r->r.prefix;
		p->onlink = true;
		p->autonomous = r->r.prefix.len == 64;
		p->valid_lifetime = adv.lifetime;
		p->preferred_lifetime = adv.preferred_lifetime;
		p->site_prefix_length = r->r.spl;
	}
	return NETCFG_OK;
}

/* What the interface configures for itself from the RA it sends. */
static void self_autoconf(struct stack *st, struct st_iface *ifp, const struct netcfg_ra *ra)
{
	struct in6_addr iid;
	/* where the kernel has the links, the daemon sends no advertisements */
	if (!dp_model_links(st) || !ifp->info.forwards || !stack_iface_iid(ifp, &iid))
		return;
	for (size_t i = 0; i < ra->n_prefixes; i++) {
		const struct netcfg_ra_prefix *p = &ra->prefixes[i];
		if (!p->autonomous || p->valid_lifetime == 0)
			continue;
		struct in6_addr a = p->prefix.addr;
		memcpy(&a.s6_addr[8], &iid.s6_addr[8], 8);
		stack_addr_autoconf(st, ifp, &a, p->valid_lifetime, p->preferred_lifetime, false);
	}
}

void stack_ra_run(struct stack *st, bool now_all)
{
	uint64_t now = clock_now(st->clock);
	bool all = now_all || st->ra_dirty;
	st->ra_dirty = false;
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
		if (!advertising(ifp)) {
			ifp->ra_next = NEVER;
			continue;
		}
		if (!all && ifp->ra_next > now) {
			stack_note_deadline(st, ifp->ra_next);
			continue;
		}
		struct netcfg_ra ra;
		if (stack_ra_build(st, ifp, &ra) == NETCFG_OK)
			self_autoconf(st, ifp, &ra);
		free(ra.prefixes);
		ifp->ra_next = now + MIN_RA_INTERVAL +
			       stack_random(st) % (MAX_RA_INTERVAL - MIN_RA_INTERVAL + 1);
		stack_note_deadline(st, ifp->ra_next);
	}
}

/* ---- receiving ------------------------------------------------------ */

#define AUTOCONF_DEFAULT_PREF 256  /* as Windows shows learned default routes */
#define AUTOCONF_ONLINK_PREF 8

static int learn_route(struct stack *st, const struct st_iface *rx, const struct netcfg_prefix *p,
		       const struct in6_addr *nexthop, uint32_t pref, uint32_t lifetime)
{
	struct netcfg_route r;
	netcfg_route_init(&r);
	r.prefix = *p;
	r.ifindex = rx->info.index;
	if (nexthop)
		r.nexthop = *nexthop;
	r.preference = pref;
	r.lifetime = lifetime;
	r.origin = NETCFG_ORIGIN_AUTOCONF;
	if (lifetime)
		return stack_route_add(st, &r, NETCFG_F_UPSERT);
	if (stack_route_find(st, &r.prefix, r.ifindex, &r.nexthop))
		return stack_route_delete(st, &r);
	return NETCFG_OK;
}

/* A temporary address for the prefix unless one is still preferred
 * (RFC 4941 3.3: lifetimes bounded by the Max* parameters, the preferred
 * one shortened by the desynchronisation time). */
static int temporary_address(struct stack *st, struct st_iface *rx, const struct netcfg_ra_prefix *p)
{
	const struct netcfg_global *g = &st->global;
	for (const struct st_addr *a = rx->addrs; a; a = a->next)
		if (a->temporary && netcfg_prefix_match(&a->addr, &p->prefix.addr, 64) &&
		    stack_addr_state(st, a) != NETCFG_ADDR_DEPRECATED)
			return NETCFG_OK;
	struct in6_addr a = p->prefix.addr;
	uint64_t iid = g->use_temporary == NETCFG_TEMP_COUNTER ? ++st->temp_counter : stack_random(st);
	for (int i = 0; i < 8; i++)
		a.s6_addr[8 + i] = (uint8_t)(iid >> (56 - 8 * i));
	a.s6_addr[8] &= (uint8_t)~0x02;  /* the universal/local bit says "local" */
	uint32_t valid = p->valid_lifetime < g->max_temp_valid_lifetime ? p->valid_lifetime
									: g->max_temp_valid_lifetime;
	uint32_t pref_max = g->max_temp_preferred_lifetime - g->temp_random_time;
	uint32_t preferred = p->preferred_lifetime < pref_max ? p->preferred_lifetime : pref_max;
	return stack_addr_autoconf(st, rx, &a, valid, preferred, true);
}

int stack_ra_receive(struct stack *st, struct st_iface *rx, const struct in6_addr *router,
		     const struct netcfg_ra *ra)
{
	char buf[NETCFG_ADDRSTRLEN];
	if (!rx->info.uses_nd)
		return stack_fail(st, NETCFG_EINVAL, "interface %u (%s) does not use Neighbor Discovery",
				  rx->info.index, rx->info.name);
	if (rx->info.advertises)
		return stack_fail(st, NETCFG_EINVAL, "interface %u (%s) advertises: a router does not "
				  "configure itself from other routers' advertisements",
				  rx->info.index, rx->info.name);
	if (!IN6_IS_ADDR_LINKLOCAL(router))
		return stack_fail(st, NETCFG_EINVAL, "router address %s is not link-local",
				  netcfg_format_addr(router, buf));
	/* router discovery switched off: the advertisement is ignored */
	if (!rx->info.router_discovery)
		return NETCFG_OK;
	if (ra->mtu && (ra->mtu < 1280 || ra->mtu > rx->info.true_mtu))
		return stack_fail(st, NETCFG_EINVAL, "MTU option %u is out of range for interface %u",
				  ra->mtu, rx->info.index);
	if (stack_save(st, &rx->info, sizeof(rx->info)) < 0)
		return stack_nomem(st);
	if (ra->cur_hop_limit)
		rx->info.hop_limit = ra->cur_hop_limit;
	if (ra->mtu)
		rx->info.mtu = ra->mtu;
	/* the router becomes a known neighbor (stale: learned, not confirmed) */
	struct st_neighbor *n = stack_nd_ref(st, rx, router);
	if (n) {
		if (!n->is_static && ra->sll_len) {
			memcpy(n->lladdr, ra->sll, sizeof(n->lladdr));
			n->lladdr_len = ra->sll_len;
			n->state = NETCFG_ND_STALE;
		}
		n->is_router = true;
		stack_nd_unref(st, n);
	}
	struct netcfg_prefix any = { 0 };
	int rc = learn_route(st, rx, &any, router, AUTOCONF_DEFAULT_PREF, ra->router_lifetime);
	for (size_t i = 0; rc == NETCFG_OK && i < ra->n_prefixes; i++) {
		const struct netcfg_ra_prefix *p = &ra->prefixes[i];
		if (IN6_IS_ADDR_LINKLOCAL(&p->prefix.addr) || p->preferred_lifetime > p->valid_lifetime)
			continue;  /* RFC 4862 5.5.3 a) and c) */
		if (p->onlink)
			rc = learn_route(st, rx, &p->prefix, NULL, AUTOCONF_ONLINK_PREF, p->valid_lifetime);
		struct in6_addr iid;
		if (rc == NETCFG_OK && p->autonomous && p->prefix.len == 64 && p->valid_lifetime &&
		    stack_iface_iid(rx, &iid)) {
			struct in6_addr a = p->prefix.addr;
			memcpy(&a.s6_addr[8], &iid.s6_addr[8], 8);
			rc = stack_addr_autoconf(st, rx, &a, p->valid_lifetime, p->preferred_lifetime, false);
			if (rc == NETCFG_OK && st->global.use_temporary != NETCFG_TEMP_NO)
				rc = temporary_address(st, rx, p);
		}
		uint8_t spl = p->site_prefix_length ? p->site_prefix_length
						    : (uint8_t)rx->info.site_prefix_length;
		if (rc == NETCFG_OK && spl && spl <= p->prefix.len) {
			struct netcfg_site_prefix sp = { .prefix = p->prefix, .ifindex = rx->info.index,
							 .lifetime = p->valid_lifetime,
							 .origin = NETCFG_ORIGIN_AUTOCONF };
			sp.prefix.len = spl;
			netcfg_prefix_mask(&sp.prefix.addr, spl);
			if (sp.lifetime)
				rc = stack_site_add(st, &sp, NETCFG_F_UPSERT);
			else if (stack_site_find(st, &sp.prefix, sp.ifindex))
				rc = stack_site_delete(st, &sp.prefix, sp.ifindex);
		}
	}
	st->gen++;
	return rc;
}
