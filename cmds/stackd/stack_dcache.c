/* SPDX-License-Identifier: MIT */
/*
 * stack_dcache.c - the full route lookup (the routing-interface query)
 * and the destination cache that remembers its outcomes.
 *
 * A lookup resolves the destination's zone (a link-local destination
 * lives on one interface, a site-local one in one site), recognizes the
 * node's own addresses (sent through the loopback interface), consults the
 * routing table, works out the next hop, the IPv4 end point of tunnelled
 * routes and the source address, and says which rule decided each.  The
 * destination cache keeps one entry per (destination, zone, interface
 * named by the sender): so at most one entry that is not interface-
 * specific.  Entries hold a reference on the next hop's neighbor entry;
 * after a configuration change they are looked up again when next used or
 * shown, and dropped when the destination became unreachable.
 */
#include "stack.h"

#include <stdlib.h>
#include <string.h>

static uint64_t dest_hash(const struct in6_addr *d, uint32_t scope, uint32_t spec)
{
	return hash_bytes(d, sizeof(*d), ((uint64_t)scope << 32) ^ spec ^ 0xdc);
}

static struct st_dest *dest_find(const struct stack *st, const struct in6_addr *d, uint32_t scope,
				 uint32_t spec)
{
	uint64_t h = dest_hash(d, scope, spec);
	for (struct hnode *n = htab_first(&st->dests, h); n; n = htab_next(n, h)) {
		struct st_dest *e = container_of(n, struct st_dest, h);
		if (e->scope == scope && e->spec_ifindex == spec && IN6_ARE_ADDR_EQUAL(&e->dest, d))
			return e;
	}
	return NULL;
}

/* ---- the lookup ------------------------------------------------------ */

static bool link_scoped(const struct in6_addr *d)
{
	return netcfg_addr_scope(d) <= 2 && !IN6_IS_ADDR_LOOPBACK(d);
}

static bool site_scoped(const struct in6_addr *d)
{
	return netcfg_addr_scope(d) == 5;
}

static bool site_exists(const struct stack *st, uint32_t site)
{
	for (size_t i = 0; i < st->n_ifs; i++)
		if (st->ifs[i]->info.site == site)
			return true;
	return false;
}

/* The zone a scoped destination is in: an interface (link scope) or a
 * site; 0 when it has none or it is not given. */
static int resolve_zone(struct stack *st, const struct in6_addr *d, uint32_t scope, uint32_t only_if,
			uint32_t *zone_if, uint32_t *site)
{
	char buf[NETCFG_ADDRSTRLEN];
	*zone_if = *site = 0;
	if (link_scoped(d)) {
		if (scope && !stack_iface(st, scope))
			return stack_fail(st, NETCFG_ENOENT, "scope id %u of %s: interface %u does not exist",
					  scope, netcfg_format_addr(d, buf), scope);
		if (scope && only_if && scope != only_if)
			return stack_fail(st, NETCFG_EINVAL,
					  "%s%%%u is on interface %u, not on interface %u",
					  netcfg_format_addr(d, buf), scope, scope, only_if);
		*zone_if = scope ? scope : only_if;
	} else if (site_scoped(d) && scope) {
		if (!site_exists(st, scope))
			return stack_fail(st, NETCFG_ENOENT, "scope id %u of %s: no interface is in site %u",
					  scope, netcfg_format_addr(d, buf), scope);
		const struct st_iface *oif = only_if ? stack_iface(st, only_if) : NULL;
		if (oif && oif->info.site != scope)
			return stack_fail(st, NETCFG_EINVAL, "%s%%%u is in site %u; interface %u is in site %u",
					  netcfg_format_addr(d, buf), scope, scope, only_if, oif->info.site);
		*site = scope;
	}
	return NETCFG_OK;
}

/* Where a tunnelled packet goes: an on-link route on the tunnel
 * pseudo-interface takes the 32 bits after its prefix (::/96 automatic
 * tunnelling, 2002::/16 6to4); a next hop and a configured tunnel know
 * their end point. */
static bool tunnel_endpoint(const struct st_iface *ifp, const struct netcfg_route *r, bool onlink,
			    const struct in6_addr *dest, const struct in6_addr *nexthop,
			    struct in_addr *v4)
{
	if (ifp->info.kind == NETCFG_IF_TUNNEL && onlink && r && r->prefix.len <= 96) {
		*v4 = netcfg_embedded_ipv4(dest, r->prefix.len);
		return true;
	}
	if (ifp->info.kind == NETCFG_IF_TUNNEL || ifp->info.kind == NETCFG_IF_V6V4)
		return stack_tunnel_v4(ifp, nexthop, v4);
	return false;
}

static int lookup(struct stack *st, const struct in6_addr *dest, uint32_t scope, uint32_t only_if,
		  struct netcfg_route_result *out)
{
	char buf[NETCFG_ADDRSTRLEN];
	uint32_t zone_if, site;
	memset(out, 0, sizeof(*out));
	out->dest = *dest;
	if (IN6_IS_ADDR_UNSPECIFIED(dest))
		return stack_fail(st, NETCFG_EINVAL, "the unspecified address :: is not a destination");
	if (only_if && !stack_iface(st, only_if))
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", only_if);
	int rc = resolve_zone(st, dest, scope, only_if, &zone_if, &site);
	if (rc)
		return rc;
	out->scope_id = zone_if ? zone_if : site;
	/* a dataplane with a kernel asks the kernel (which has no sites) */
	if (st->dp && st->dp->ops->route_query)
		return st->dp->ops->route_query(st->dp, st, dest, zone_if, only_if, out);

	/* The node's own addresses loop back. */
	struct st_iface *owner = zone_if ? stack_iface(st, zone_if) : NULL;
	if (owner ? stack_addr_find(owner, dest) != NULL
		  : (!link_scoped(dest) && (owner = stack_addr_owner(st, dest)) != NULL)) {
		const struct st_iface *lo = stack_iface(st, 1);
		out->rule = NETCFG_RULE_LOCAL;
		out->ifindex = lo ? lo->info.index : owner->info.index;
		out->nexthop = *dest;
		out->onlink = true;
		out->source = *dest;
		out->source_ifindex = owner->info.index;
		out->source_rule = NETCFG_SRC_SAME;
		out->source_candidates = 1;
		out->pmtu = lo ? lo->info.mtu : owner->info.mtu;
		return NETCFG_OK;
	}

	struct route_match m;
	stack_route_lookup(st, dest, zone_if ? zone_if : only_if, site, true, &m);
	out->candidates = m.candidates;
	const struct st_iface *ifp;
	if (m.route) {
		stack_route_export(st, m.route, &out->route);
		out->have_route = true;
		out->rule = zone_if && !only_if ? NETCFG_RULE_SCOPE : m.rule;
		ifp = stack_iface(st, m.route->r.ifindex);
		out->onlink = IN6_IS_ADDR_UNSPECIFIED(&m.route->r.nexthop) ||
			      IN6_IS_ADDR_MULTICAST(dest);
		out->nexthop = out->onlink ? *dest : m.route->r.nexthop;
	} else if (zone_if) {
		/* a link-scoped destination with its interface named is on
		 * that link, route or not */
		out->rule = NETCFG_RULE_SCOPE;
		ifp = stack_iface(st, zone_if);
		out->onlink = true;
		out->nexthop = *dest;
	} else {
		netcfg_format_addr(dest, buf);
		if (only_if)
			return stack_fail(st, NETCFG_ENOENT, "no route to %s through interface %u",
					  buf, only_if);
		if (link_scoped(dest))
			return stack_fail(st, NETCFG_ENOENT,
					  "no route to %s: give its interface as %s%%if#", buf, buf);
		return stack_fail(st, NETCFG_ENOENT, "no route to %s", buf);
	}
	if (!ifp)
		return stack_fail(st, NETCFG_EINTERNAL, "a route names a missing interface");
	out->ifindex = ifp->info.index;
	if (link_scoped(dest))
		out->scope_id = ifp->info.index;
	else if (site_scoped(dest))
		out->scope_id = ifp->info.site;
	out->tunnelled = tunnel_endpoint(ifp, out->have_route ? &out->route : NULL, out->onlink,
					 dest, &out->nexthop, &out->v4dest);
	out->pmtu = ifp->info.mtu;
	struct st_iface *src_if = NULL;
	const struct st_addr *src = stack_select_source(st, dest, ifp, &src_if, &out->source_rule,
							&out->source_candidates);
	if (src) {
		out->source = src->addr;
		out->source_ifindex = src_if->info.index;
	}
	return NETCFG_OK;
}

/* ---- the cache ------------------------------------------------------- */

static void dest_lru_unlink(struct stack *st, struct st_dest *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		st->dc_head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		st->dc_tail = e->prev;
}

static void dest_lru_append(struct stack *st, struct st_dest *e)
{
	e->next = NULL;
	e->prev = st->dc_tail;
	if (st->dc_tail)
		st->dc_tail->next = e;
	else
		st->dc_head = e;
	st->dc_tail = e;
}

static void dest_remove(struct stack *st, struct st_dest *e)
{
	dest_lru_unlink(st, e);
	htab_remove(&st->dests, &e->h);
	if (e->nce)
		stack_nd_unref(st, e->nce);
	st->n_dests--;
	free(e);
}

/* Copy a lookup's outcome into the entry, moving its neighbor reference. */
static void dest_fill(struct stack *st, struct st_dest *e, const struct netcfg_route_result *r)
{
	e->ifindex = r->ifindex;
	e->nexthop = r->nexthop;
	e->source_ifindex = r->source_ifindex;
	e->source = r->source;
	e->pmtu = r->pmtu;
	e->gen = st->gen;
	struct st_neighbor *old = e->nce;
	e->nce = NULL;
	const struct st_iface *ifp = stack_iface(st, r->ifindex);
	if (ifp && !IN6_IS_ADDR_MULTICAST(&r->nexthop))
		e->nce = stack_nd_ref(st, ifp, &r->nexthop);
	if (old)
		stack_nd_unref(st, old);
}

void stack_dcache_trim(struct stack *st)
{
	while (st->n_dests > st->global.route_cache_limit && st->dc_head)
		dest_remove(st, st->dc_head);
}

int stack_query(struct stack *st, const struct in6_addr *dest, uint32_t scope, uint32_t only_if,
		bool create, struct netcfg_route_result *out)
{
	int rc = lookup(st, dest, scope, only_if, out);
	if (rc || !create)
		return rc;
	struct st_dest *e = dest_find(st, dest, out->scope_id, only_if);
	if (e) {
		dest_lru_unlink(st, e);
	} else {
		e = calloc(1, sizeof(*e));
		if (!e)
			return stack_nomem(st);
		e->dest = *dest;
		e->scope = out->scope_id;
		e->spec_ifindex = only_if;
		htab_insert(&st->dests, &e->h, dest_hash(dest, e->scope, only_if));
		st->n_dests++;
	}
	dest_lru_append(st, e);
	dest_fill(st, e, out);
	stack_dcache_trim(st);
	return NETCFG_OK;
}

void stack_dcache_refresh(struct stack *st)
{
	char saved[sizeof(st->err)];
	memcpy(saved, st->err, sizeof(saved));
	for (struct st_dest *e = st->dc_head, *nx; e; e = nx) {
		nx = e->next;
		if (e->gen == st->gen)
			continue;
		struct netcfg_route_result r;
		if (lookup(st, &e->dest, e->scope, e->spec_ifindex, &r) != NETCFG_OK)
			dest_remove(st, e);
		else
			dest_fill(st, e, &r);
	}
	memcpy(st->err, saved, sizeof(saved));
}

void stack_dcache_export(const struct stack *st, const struct st_dest *e,
			 struct netcfg_destcache_entry *out)
{
	memset(out, 0, sizeof(*out));
	out->dest = e->dest;
	out->ifindex = e->ifindex;
	out->nexthop = e->nexthop;
	out->source_ifindex = e->source_ifindex;
	out->source = e->source;
	out->pmtu = e->pmtu;
	out->interface_specific = e->spec_ifindex != 0;
	const struct st_binding *b = stack_binding_find(st, &e->dest);
	if (b) {
		out->has_careof = true;
		out->careof = b->careof;
		out->careof_seq = b->seq;
		out->careof_lifetime = stack_remaining(st, b->expires);
	}
}

size_t stack_dcache_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *dest)
{
	size_t k = 0;
	for (struct st_dest *e = st->dc_head, *nx; e; e = nx) {
		nx = e->next;
		if ((ifindex && e->ifindex != ifindex && e->spec_ifindex != ifindex) ||
		    (dest && !IN6_ARE_ADDR_EQUAL(&e->dest, dest)))
			continue;
		dest_remove(st, e);
		k++;
	}
	return k;
}

void stack_dcache_free_all(struct stack *st)
{
	while (st->dc_head) {
		struct st_dest *e = st->dc_head;
		st->dc_head = e->next;
		free(e);
	}
	st->dc_tail = NULL;
	st->n_dests = 0;
}
