/* SPDX-License-Identifier: MIT */
/* stack_addr.c - unicast and anycast addresses of the stack model. */
#include "stack.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

struct st_addr *stack_addr_find(const struct st_iface *ifp, const struct in6_addr *a)
{
	for (struct st_addr *sa = ifp->addrs; sa; sa = sa->next)
		if (IN6_ARE_ADDR_EQUAL(&sa->addr, a))
			return sa;
	return NULL;
}

static uint32_t remaining(uint64_t until, uint64_t now)
{
	if (until == NEVER)
		return NETCFG_INFINITE;
	if (until <= now)
		return 0;
	uint64_t left = until - now;
	return left >= NETCFG_INFINITE ? NETCFG_INFINITE - 1 : (uint32_t)left;
}

void stack_addr_export(const struct stack *st, const struct st_iface *ifp,
		       const struct st_addr *sa, struct netcfg_address *out)
{
	uint64_t now = clock_now(st->clock);
	memset(out, 0, sizeof(*out));
	out->ifindex = ifp->info.index;
	out->addr = sa->addr;
	out->type = sa->type;
	out->origin = sa->origin;
	out->valid_lifetime = remaining(sa->valid_until, now);
	out->preferred_lifetime = remaining(sa->preferred_until, now);
	out->state = sa->preferred_until > now ? NETCFG_ADDR_PREFERRED : NETCFG_ADDR_DEPRECATED;
}

/* ---- undo records -------------------------------------------------- */

struct addr_undo {
	struct st_iface *ifp;
	struct st_addr *sa;
	struct st_addr *prev;   /* predecessor in the list when removed */
	struct st_addr old;     /* values before a change */
};

static void sol_join(struct st_iface *ifp, const struct in6_addr *a)
{
	if (ifp->info.uses_nd) {
		struct in6_addr g;
		netcfg_solicited_node(a, &g);
		stack_group_join(ifp, &g, true);
	}
}

static void sol_leave(struct st_iface *ifp, const struct in6_addr *a)
{
	if (ifp->info.uses_nd) {
		struct in6_addr g;
		netcfg_solicited_node(a, &g);
		stack_group_leave(ifp, &g);
	}
}

static void list_remove(struct st_iface *ifp, struct st_addr *sa, struct st_addr **prev_out)
{
	struct st_addr *prev = NULL;
	for (struct st_addr **pp = &ifp->addrs; *pp; prev = *pp, pp = &(*pp)->next) {
		if (*pp == sa) {
			*pp = sa->next;
			break;
		}
	}
	if (prev_out)
		*prev_out = prev;
	sa->next = NULL;
}

static void list_insert_after(struct st_iface *ifp, struct st_addr *sa, struct st_addr *prev)
{
	if (prev) {
		sa->next = prev->next;
		prev->next = sa;
	} else {
		sa->next = ifp->addrs;
		ifp->addrs = sa;
	}
}

static void undo_added(void *ctx, void *data)
{
	(void)ctx;
	struct addr_undo *u = data;
	list_remove(u->ifp, u->sa, NULL);
	sol_leave(u->ifp, &u->sa->addr);
	free(u->sa);
	free(u);
}

static void undo_removed(void *ctx, void *data)
{
	(void)ctx;
	struct addr_undo *u = data;
	list_insert_after(u->ifp, u->sa, u->prev);
	sol_join(u->ifp, &u->sa->addr);
	free(u);
}

static void commit_removed(void *ctx, void *data)
{
	(void)ctx;
	struct addr_undo *u = data;
	free(u->sa);
	free(u);
}

static void undo_changed(void *ctx, void *data)
{
	(void)ctx;
	struct addr_undo *u = data;
	struct st_addr *next = u->sa->next;
	*u->sa = u->old;
	u->sa->next = next;
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

/* Record an undo entry; without a transaction nothing is recorded. */
static int record(struct stack *st, void (*undo)(void *, void *),
		  void (*commit)(void *, void *), struct addr_undo *u)
{
	if (!st->undo) {
		if (commit)
			commit(NULL, u);
		else
			free(u);
		return 0;
	}
	return undo_push(st->undo, undo, commit, NULL, u);
}

/* ---- changes ------------------------------------------------------- */

static int validate(struct stack *st, const struct st_iface *ifp, const struct netcfg_address *a)
{
	char buf[NETCFG_ADDRSTRLEN];
	netcfg_format_addr(&a->addr, buf);
	if (IN6_IS_ADDR_MULTICAST(&a->addr))
		return stack_fail(st, NETCFG_EINVAL, "%s is a multicast address", buf);
	if (IN6_IS_ADDR_UNSPECIFIED(&a->addr))
		return stack_fail(st, NETCFG_EINVAL, "the unspecified address :: cannot be assigned");
	if (a->valid_lifetime == 0)
		return stack_fail(st, NETCFG_EINVAL,
				  "valid lifetime 0 for %s: a lifetime of 0 removes an address", buf);
	if (a->preferred_lifetime > a->valid_lifetime) {
		char p[16], v[16];
		return stack_fail(st, NETCFG_EINVAL,
				  "preferred lifetime %s of %s is longer than its valid lifetime %s",
				  netcfg_format_lifetime(a->preferred_lifetime, p), buf,
				  netcfg_format_lifetime(a->valid_lifetime, v));
	}
	if (a->type == NETCFG_ADDR_ANYCAST &&
	    (a->valid_lifetime != NETCFG_INFINITE || a->preferred_lifetime != NETCFG_INFINITE))
		return stack_fail(st, NETCFG_EINVAL,
				  "anycast address %s takes only lifetime 0 or infinite", buf);
	(void)ifp;
	return NETCFG_OK;
}

int stack_addr_add(struct stack *st, const struct netcfg_address *a, unsigned flags)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct st_iface *ifp = stack_iface(st, a->ifindex);
	if (!ifp)
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", a->ifindex);
	int rc = validate(st, ifp, a);
	if (rc)
		return rc;
	struct st_addr *sa = stack_addr_find(ifp, &a->addr);
	if (sa && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "address %s already exists on interface %u",
				  netcfg_format_addr(&a->addr, buf), a->ifindex);
	if (!sa && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "address %s does not exist on interface %u",
				  netcfg_format_addr(&a->addr, buf), a->ifindex);
	if (sa && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;  /* create-only of an existing object: nothing to do */

	bool is_new = sa == NULL;
	struct addr_undo *u = NULL;
	if (st->undo) {
		u = calloc(1, sizeof(*u));
		if (!u)
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		u->ifp = ifp;
	}
	if (is_new) {
		sa = calloc(1, sizeof(*sa));
		if (!sa) {
			free(u);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
		sa->addr = a->addr;
		sa->origin = a->origin;
	}
	if (u) {
		u->sa = sa;
		u->old = *sa;
		if (undo_push(st->undo, is_new ? undo_added : undo_changed, free_record, NULL, u) < 0) {
			free(u);
			if (is_new)
				free(sa);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
	}
	if (is_new) {
		struct st_addr **pp = &ifp->addrs;
		while (*pp)
			pp = &(*pp)->next;
		*pp = sa;
		sol_join(ifp, &sa->addr);
	}
	sa->type = a->type;
	sa->valid_until = stack_deadline(st, a->valid_lifetime);
	sa->preferred_until = stack_deadline(st, a->preferred_lifetime);
	stack_note_deadline(st, sa->valid_until);
	return NETCFG_OK;
}

int stack_addr_delete(struct stack *st, uint32_t ifindex, const struct in6_addr *a)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct st_iface *ifp = stack_iface(st, ifindex);
	if (!ifp)
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", ifindex);
	struct st_addr *sa = stack_addr_find(ifp, a);
	if (!sa)
		return stack_fail(st, NETCFG_ENOENT, "address %s does not exist on interface %u",
				  netcfg_format_addr(a, buf), ifindex);
	struct addr_undo *u = calloc(1, sizeof(*u));
	if (!u)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	u->ifp = ifp;
	u->sa = sa;
	list_remove(ifp, sa, &u->prev);
	sol_leave(ifp, &sa->addr);
	if (record(st, undo_removed, commit_removed, u) < 0) {
		undo_removed(NULL, u);
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	}
	return NETCFG_OK;
}
