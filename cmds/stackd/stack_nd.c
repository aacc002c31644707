/* SPDX-License-Identifier: MIT */
/*
 * stack_nd.c - the neighbor cache of the stack model.
 *
 * Entries are made for next hops: by routes through a next hop and by
 * destination cache entries, which hold references.  The model has no
 * wire, so an entry on a link that resolves with Neighbor Discovery stays
 * incomplete unless it was configured (static, permanent); on links that
 * need no resolution (the tunnel pseudo-interface, configured tunnels
 * without ND, loopback) the link-layer address is known at once and the
 * entry is permanent.  Unreferenced dynamic entries are kept on an idle
 * list, oldest first, from which the per-interface NeighborCacheLimit
 * evicts; a flush removes only unreferenced entries.
 */
#include "stack.h"

#include <stdlib.h>
#include <string.h>

static uint64_t nd_hash(uint32_t ifindex, const struct in6_addr *a)
{
	return hash_bytes(a, sizeof(*a), 0x6e64 ^ ifindex);
}

struct st_neighbor *stack_nd_find(const struct stack *st, uint32_t ifindex,
				  const struct in6_addr *a)
{
	uint64_t h = nd_hash(ifindex, a);
	for (struct hnode *n = htab_first(&st->neighbors, h); n; n = htab_next(n, h)) {
		struct st_neighbor *e = container_of(n, struct st_neighbor, h);
		if (e->ifindex == ifindex && IN6_ARE_ADDR_EQUAL(&e->addr, a))
			return e;
	}
	return NULL;
}

bool stack_tunnel_v4(const struct st_iface *ifp, const struct in6_addr *a, struct in_addr *v4)
{
	static const uint8_t sixtofour[2] = { 0x20, 0x02 };
	switch (ifp->info.kind) {
	case NETCFG_IF_TUNNEL:
		/* 6to4 carries the IPv4 address right after 2002::/16;
		 * IPv4-compatible (and ISATAP-like) addresses in the low 32 bits */
		memcpy(&v4->s_addr, memcmp(a->s6_addr, sixtofour, 2) == 0 ? &a->s6_addr[2]
									: &a->s6_addr[12], 4);
		return true;
	case NETCFG_IF_V6V4:
		*v4 = ifp->info.remote_v4;
		return true;
	default:
		return false;
	}
}

/* ---- lists ---------------------------------------------------------- */

static void idle_push(struct stack *st, struct st_neighbor *n)
{
	n->idle = true;
	n->idle_next = NULL;
	n->idle_prev = st->idle_tail;
	if (st->idle_tail)
		st->idle_tail->idle_next = n;
	else
		st->idle_head = n;
	st->idle_tail = n;
}

static void idle_pop(struct stack *st, struct st_neighbor *n)
{
	if (!n->idle)
		return;
	if (n->idle_prev)
		n->idle_prev->idle_next = n->idle_next;
	else
		st->idle_head = n->idle_next;
	if (n->idle_next)
		n->idle_next->idle_prev = n->idle_prev;
	else
		st->idle_tail = n->idle_prev;
	n->idle = false;
	n->idle_prev = n->idle_next = NULL;
}

static void nd_link(struct stack *st, struct st_neighbor *n)
{
	n->next = NULL;
	n->prev = st->nc_tail;
	if (st->nc_tail)
		st->nc_tail->next = n;
	else
		st->nc_head = n;
	st->nc_tail = n;
	htab_insert(&st->neighbors, &n->h, nd_hash(n->ifindex, &n->addr));
	st->n_neighbors++;
	struct st_iface *ifp = stack_iface(st, n->ifindex);
	if (ifp)
		ifp->n_neighbors++;
	if (!n->refs && !n->is_static)
		idle_push(st, n);
}

static void nd_unlink(struct stack *st, struct st_neighbor *n)
{
	idle_pop(st, n);
	if (n->prev)
		n->prev->next = n->next;
	else
		st->nc_head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		st->nc_tail = n->prev;
	htab_remove(&st->neighbors, &n->h);
	st->n_neighbors--;
	struct st_iface *ifp = stack_iface(st, n->ifindex);
	if (ifp && ifp->n_neighbors)
		ifp->n_neighbors--;
}

void stack_nd_free_all(struct stack *st)
{
	while (st->nc_head) {
		struct st_neighbor *n = st->nc_head;
		st->nc_head = n->next;
		free(n);
	}
	st->nc_tail = st->idle_head = st->idle_tail = NULL;
	st->n_neighbors = 0;
}

/* Make room on ifp under the NeighborCacheLimit: drop its oldest idle
 * entry.  When every entry is in use the cache grows past the limit. */
static void nd_make_room(struct stack *st, const struct st_iface *ifp)
{
	if (ifp->n_neighbors < st->global.neighbor_cache_limit)
		return;
	for (struct st_neighbor *n = st->idle_head; n; n = n->idle_next) {
		if (n->ifindex == ifp->info.index) {
			nd_unlink(st, n);
			free(n);
			return;
		}
	}
}

static void nd_resolve_static_link(const struct st_iface *ifp, struct st_neighbor *n)
{
	struct in_addr v4;
	if (ifp->info.kind == NETCFG_IF_LOOPBACK) {
		n->state = NETCFG_ND_PERMANENT;
	} else if (!ifp->info.uses_nd && stack_tunnel_v4(ifp, &n->addr, &v4)) {
		memcpy(n->lladdr, &v4.s_addr, 4);
		n->lladdr_len = 4;
		n->state = NETCFG_ND_PERMANENT;
	} else {
		n->lladdr_len = 0;
		n->state = NETCFG_ND_INCOMPLETE;
	}
}

struct st_neighbor *stack_nd_ref(struct stack *st, const struct st_iface *ifp,
				 const struct in6_addr *a)
{
	struct st_neighbor *n = stack_nd_find(st, ifp->info.index, a);
	if (!n) {
		nd_make_room(st, ifp);
		n = calloc(1, sizeof(*n));
		if (!n)
			return NULL;
		n->ifindex = ifp->info.index;
		n->addr = *a;
		nd_resolve_static_link(ifp, n);
		n->refs = 1;
		nd_link(st, n);
		return n;
	}
	if (n->refs++ == 0)
		idle_pop(st, n);
	return n;
}

void stack_nd_unref(struct stack *st, struct st_neighbor *n)
{
	if (n->refs && --n->refs == 0 && !n->is_static)
		idle_push(st, n);
}

void stack_nd_export(const struct st_neighbor *n, struct netcfg_neighbor *out)
{
	memset(out, 0, sizeof(*out));
	out->ifindex = n->ifindex;
	out->addr = n->addr;
	memcpy(out->lladdr, n->lladdr, sizeof(out->lladdr));
	out->lladdr_len = n->lladdr_len;
	out->state = n->state;
	out->is_router = n->is_router;
	out->refs = n->refs;
}

void stack_nd_forget_iface(struct stack *st, uint32_t ifindex)
{
	const struct st_iface *ifp = stack_iface(st, ifindex);
	for (struct st_neighbor *n = st->nc_head, *nx; n; n = nx) {
		nx = n->next;
		if (n->ifindex != ifindex || n->is_static)
			continue;
		if (!n->refs) {
			nd_unlink(st, n);
			free(n);
		} else if (ifp) {
			nd_resolve_static_link(ifp, n);  /* to be resolved again */
			n->is_router = false;
		}
	}
}

/* ---- static entries (transactional) ---------------------------------- */

struct nd_undo {
	struct stack *st;
	struct st_neighbor *n;
	struct st_neighbor old;   /* fields before a change */
};

static void undo_added(void *ctx, void *data)
{
	(void)ctx;
	struct nd_undo *u = data;
	if (u->n->refs) {
		u->n->is_static = false;  /* still used: keep it, as learned */
	} else {
		nd_unlink(u->st, u->n);
		free(u->n);
	}
	free(u);
}

static void undo_changed(void *ctx, void *data)
{
	(void)ctx;
	struct nd_undo *u = data;
	struct st_neighbor *n = u->n;
	memcpy(n->lladdr, u->old.lladdr, sizeof(n->lladdr));
	n->lladdr_len = u->old.lladdr_len;
	n->state = u->old.state;
	n->is_router = u->old.is_router;
	n->is_static = u->old.is_static;
	if (!n->is_static && !n->refs && !n->idle)
		idle_push(u->st, n);
	free(u);
}

static void undo_removed(void *ctx, void *data)
{
	(void)ctx;
	struct nd_undo *u = data;
	nd_link(u->st, u->n);
	free(u);
}

static void commit_removed(void *ctx, void *data)
{
	(void)ctx;
	struct nd_undo *u = data;
	free(u->n);
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

int stack_nd_add(struct stack *st, const struct netcfg_neighbor *nb, unsigned flags)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct st_iface *ifp = stack_iface(st, nb->ifindex);
	if (!ifp)
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", nb->ifindex);
	netcfg_format_addr(&nb->addr, buf);
	if (IN6_IS_ADDR_MULTICAST(&nb->addr) || IN6_IS_ADDR_UNSPECIFIED(&nb->addr))
		return stack_fail(st, NETCFG_EINVAL, "%s is not a unicast address", buf);
	unsigned want = ifp->info.kind == NETCFG_IF_ETHERNET ? 6 : 4;
	if (ifp->info.kind == NETCFG_IF_LOOPBACK)
		return stack_fail(st, NETCFG_EINVAL, "interface %u (%s) has no link-layer addresses",
				  ifp->info.index, ifp->info.name);
	if (nb->lladdr_len != want)
		return stack_fail(st, NETCFG_EINVAL,
				  "the link-layer address of %s on interface %u must be %s", buf,
				  ifp->info.index, want == 6 ? "a MAC address (aa-bb-cc-dd-ee-ff)"
							     : "an IPv4 address");
	struct st_neighbor *n = stack_nd_find(st, ifp->info.index, &nb->addr);
	if (n && n->is_static && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "neighbor %s on interface %u already exists",
				  buf, ifp->info.index);
	if (!(n && n->is_static) && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "neighbor %s on interface %u does not exist",
				  buf, ifp->info.index);
	if (n && n->is_static && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;
	int rc = dp_neigh_add(st, ifp, nb);
	if (rc)
		return rc;
	struct nd_undo *u = calloc(1, sizeof(*u));
	if (!u)
		return stack_nomem(st);
	bool is_new = n == NULL;
	if (is_new) {
		n = calloc(1, sizeof(*n));
		if (!n) {
			free(u);
			return stack_nomem(st);
		}
		n->ifindex = ifp->info.index;
		n->addr = nb->addr;
	}
	*u = (struct nd_undo){ st, n, *n };
	if (stack_record(st, is_new ? undo_added : undo_changed, free_record, u) < 0) {
		free(u);
		if (is_new)
			free(n);
		return stack_nomem(st);
	}
	idle_pop(st, n);
	memcpy(n->lladdr, nb->lladdr, sizeof(n->lladdr));
	n->lladdr_len = nb->lladdr_len;
	n->state = NETCFG_ND_PERMANENT;
	n->is_router = nb->is_router;
	n->is_static = true;
	if (is_new)
		nd_link(st, n);
	return NETCFG_OK;
}

int stack_nd_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *a, size_t *removed)
{
	/* a dataplane with a table of its own counts what left it */
	size_t k = 0, in_dataplane = SIZE_MAX;
	int rc = dp_neigh_flush(st, ifindex, a, &in_dataplane);
	if (rc)
		return rc;
	for (struct st_neighbor *n = st->nc_head, *nx; n; n = nx) {
		nx = n->next;
		if ((ifindex && n->ifindex != ifindex) || (a && !IN6_ARE_ADDR_EQUAL(&n->addr, a)) ||
		    n->refs)
			continue;
		if (n->is_static && st->undo) {
			struct nd_undo *u = calloc(1, sizeof(*u));
			if (!u)
				return stack_nomem(st);
			u->st = st;
			u->n = n;
			if (stack_record(st, undo_removed, commit_removed, u) < 0) {
				free(u);
				return stack_nomem(st);
			}
			nd_unlink(st, n);
		} else {
			nd_unlink(st, n);
			free(n);
		}
		k++;
	}
	if (removed)
		*removed = in_dataplane != SIZE_MAX ? in_dataplane : k;
	return NETCFG_OK;
}
