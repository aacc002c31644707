/* SPDX-License-Identifier: MIT */
/* stack_route.c - the routing table of the stack model. */
#include "stack.h"
#include "undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t prefix_hash(const struct netcfg_prefix *p)
{
	return hash_bytes(&p->addr, sizeof(p->addr), p->len);
}

const char *stack_route_name(const struct netcfg_route *r, char *buf, size_t size)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	netcfg_format_prefix(&r->prefix, p);
	if (IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		snprintf(buf, size, "%s -> %u", p, r->ifindex);
	else
		snprintf(buf, size, "%s -> %u/%s", p, r->ifindex, netcfg_format_addr(&r->nexthop, nh));
	return buf;
}

struct st_route *stack_route_find(const struct stack *st, const struct netcfg_prefix *p,
				  uint32_t ifindex, const struct in6_addr *nexthop)
{
	uint64_t h = prefix_hash(p);
	for (struct hnode *n = htab_first(&st->routes, h); n; n = htab_next(n, h)) {
		struct st_route *sr = container_of(n, struct st_route, h);
		if (sr->r.prefix.len == p->len && sr->r.ifindex == ifindex &&
		    IN6_ARE_ADDR_EQUAL(&sr->r.prefix.addr, &p->addr) &&
		    IN6_ARE_ADDR_EQUAL(&sr->r.nexthop, nexthop))
			return sr;
	}
	return NULL;
}

void stack_route_link(struct stack *st, struct st_route *sr, struct st_route *after)
{
	sr->prev = after;
	sr->next = after ? after->next : st->rt_head;
	if (sr->next)
		sr->next->prev = sr;
	else
		st->rt_tail = sr;
	if (after)
		after->next = sr;
	else
		st->rt_head = sr;
	htab_insert(&st->routes, &sr->h, prefix_hash(&sr->r.prefix));
	st->len_count[sr->r.prefix.len]++;
	st->n_routes++;
	stack_note_deadline(st, sr->expires);
}

void stack_route_unlink(struct stack *st, struct st_route *sr)
{
	if (sr->prev)
		sr->prev->next = sr->next;
	else
		st->rt_head = sr->next;
	if (sr->next)
		sr->next->prev = sr->prev;
	else
		st->rt_tail = sr->prev;
	htab_remove(&st->routes, &sr->h);
	st->len_count[sr->r.prefix.len]--;
	st->n_routes--;
}

void stack_route_export(const struct stack *st, const struct st_route *sr, struct netcfg_route *out)
{
	*out = sr->r;
	if (sr->expires != NEVER) {
		uint64_t now = clock_now(st->clock);
		uint64_t left = sr->expires > now ? sr->expires - now : 0;
		out->lifetime = left >= NETCFG_INFINITE ? NETCFG_INFINITE - 1 : (uint32_t)left;
	}
}

/* ---- undo records -------------------------------------------------- */

struct route_undo {
	struct stack *st;
	struct st_route *sr;
	struct st_route *prev;          /* table neighbour when removed */
	struct netcfg_route old;
	uint64_t old_expires;
};

static void undo_added(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	stack_route_unlink(u->st, u->sr);
	free(u->sr);
	free(u);
}

static void undo_removed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	stack_route_link(u->st, u->sr, u->prev);
	free(u);
}

static void commit_removed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	free(u->sr);
	free(u);
}

static void undo_changed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	u->sr->r = u->old;
	u->sr->expires = u->old_expires;
	stack_note_deadline(u->st, u->old_expires);
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

/* ---- changes ------------------------------------------------------- */

static int validate(struct stack *st, const struct netcfg_route *r)
{
	char name[160], buf[NETCFG_ADDRSTRLEN];
	if (!stack_iface(st, r->ifindex))
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", r->ifindex);
	if (r->lifetime == 0)
		return stack_fail(st, NETCFG_EINVAL,
				  "lifetime 0 for route %s: a lifetime of 0 removes a route",
				  stack_route_name(r, name, sizeof(name)));
	if (IN6_IS_ADDR_MULTICAST(&r->nexthop))
		return stack_fail(st, NETCFG_EINVAL, "next hop %s is a multicast address",
				  netcfg_format_addr(&r->nexthop, buf));
	if (r->spl > r->prefix.len)
		return stack_fail(st, NETCFG_EINVAL,
				  "site prefix length %u is longer than the prefix of route %s",
				  r->spl, stack_route_name(r, name, sizeof(name)));
	return NETCFG_OK;
}

/* A replaced route keeps its origin: a system route edited by hand is
 * still the stack's own. */
static void apply_fields(struct stack *st, struct st_route *sr, const struct netcfg_route *r,
			 bool is_new)
{
	enum netcfg_origin origin = sr->r.origin;
	sr->r = *r;
	if (!is_new)
		sr->r.origin = origin;
	/* A route that is not published always ages. */
	sr->r.age = !r->publish || r->age;
	sr->expires = (sr->r.publish && !sr->r.age) ? NEVER : stack_deadline(st, r->lifetime);
}

int stack_route_add(struct stack *st, const struct netcfg_route *r, unsigned flags)
{
	char name[160];
	int rc = validate(st, r);
	if (rc)
		return rc;
	struct st_route *sr = stack_route_find(st, &r->prefix, r->ifindex, &r->nexthop);
	if (sr && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "route %s already exists",
				  stack_route_name(r, name, sizeof(name)));
	if (!sr && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "route %s does not exist",
				  stack_route_name(r, name, sizeof(name)));
	if (sr && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;

	struct route_undo *u = st->undo ? calloc(1, sizeof(*u)) : NULL;
	if (st->undo && !u)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	if (sr) {
		if (u) {
			u->st = st;
			u->sr = sr;
			u->old = sr->r;
			u->old_expires = sr->expires;
			if (undo_push(st->undo, undo_changed, free_record, NULL, u) < 0) {
				free(u);
				return stack_fail(st, NETCFG_ENOMEM, "out of memory");
			}
		}
		apply_fields(st, sr, r, false);
		stack_note_deadline(st, sr->expires);
		return NETCFG_OK;
	}
	sr = calloc(1, sizeof(*sr));
	if (!sr) {
		free(u);
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	}
	apply_fields(st, sr, r, true);
	if (u) {
		u->st = st;
		u->sr = sr;
		if (undo_push(st->undo, undo_added, free_record, NULL, u) < 0) {
			free(u);
			free(sr);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
	}
	stack_route_link(st, sr, st->rt_tail);
	return NETCFG_OK;
}

int stack_route_delete(struct stack *st, const struct netcfg_route *r)
{
	char name[160];
	struct st_route *sr = stack_route_find(st, &r->prefix, r->ifindex, &r->nexthop);
	if (!sr)
		return stack_fail(st, NETCFG_ENOENT, "route %s does not exist",
				  stack_route_name(r, name, sizeof(name)));
	struct route_undo *u = NULL;
	if (st->undo) {
		u = calloc(1, sizeof(*u));
		if (!u || undo_push(st->undo, undo_removed, commit_removed, NULL, u) < 0) {
			free(u);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
		u->st = st;
		u->sr = sr;
		u->prev = sr->prev;
	}
	stack_route_unlink(st, sr);
	if (!u)
		free(sr);
	return NETCFG_OK;
}
