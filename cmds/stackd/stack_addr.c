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

struct st_iface *stack_addr_owner(const struct stack *st, const struct in6_addr *a)
{
	for (size_t i = 0; i < st->n_ifs; i++)
		if (stack_addr_find(st->ifs[i], a))
			return st->ifs[i];
	return NULL;
}

/* Duplicate address detection: an address is tentative for DAD transmits
 * x retransmission interval after the stack starts checking it.  The
 * model has no link on which another node could answer, so DAD always
 * succeeds; what takes time is only the waiting. */
static uint64_t dad_end(const struct stack *st, const struct st_iface *ifp)
{
	uint64_t ms = (uint64_t)ifp->info.dad_transmits * ifp->info.retrans_ms;
	return ms ? clock_now(st->clock) + (ms + 999) / 1000 : 0;
}

enum netcfg_addr_state stack_addr_state(const struct stack *st, const struct st_addr *sa)
{
	uint64_t now = clock_now(st->clock);
	if (sa->dad_failed)
		return NETCFG_ADDR_DUPLICATE;
	if (sa->dad_until > now)
		return NETCFG_ADDR_TENTATIVE;
	return sa->preferred_until > now ? NETCFG_ADDR_PREFERRED : NETCFG_ADDR_DEPRECATED;
}

void stack_addr_export(const struct stack *st, const struct st_iface *ifp,
		       const struct st_addr *sa, struct netcfg_address *out)
{
	memset(out, 0, sizeof(*out));
	out->ifindex = ifp->info.index;
	out->addr = sa->addr;
	out->type = sa->type;
	out->origin = sa->origin;
	out->valid_lifetime = stack_remaining(st, sa->valid_until);
	out->preferred_lifetime = stack_remaining(st, sa->preferred_until);
	out->state = stack_addr_state(st, sa);
}

void stack_addr_restart_dad(struct stack *st, struct st_iface *ifp)
{
	uint64_t end = dad_end(st, ifp);
	for (struct st_addr *a = ifp->addrs; a; a = a->next)
		if (a->type == NETCFG_ADDR_UNICAST)
			a->dad_until = end;
	stack_note_deadline(st, end ? end : NEVER);
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
	rc = dp_addr(st, sa ? DP_REPLACE : DP_ADD, ifp, sa, a);
	if (rc)
		return rc;

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
		sa->plen = 128;
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
	st->gen++;
	return NETCFG_OK;
}

int stack_addr_autoconf(struct stack *st, struct st_iface *ifp, const struct in6_addr *a,
			uint32_t valid, uint32_t preferred, bool temporary)
{
	struct st_addr *sa = stack_addr_find(ifp, a);
	if (sa && sa->origin != NETCFG_ORIGIN_AUTOCONF)
		return NETCFG_OK;  /* configured by hand: that wins */
	if (!sa) {
		sa = calloc(1, sizeof(*sa));
		if (!sa)
			return stack_nomem(st);
		sa->addr = *a;
		sa->type = NETCFG_ADDR_UNICAST;
		sa->origin = NETCFG_ORIGIN_AUTOCONF;
		sa->plen = 128;
		sa->temporary = temporary;
		sa->dad_until = dad_end(st, ifp);
		struct st_addr **pp = &ifp->addrs;
		while (*pp)
			pp = &(*pp)->next;
		*pp = sa;
		sol_join(ifp, &sa->addr);
		if (sa->dad_until)
			stack_note_deadline(st, sa->dad_until);
	}
	sa->valid_until = stack_deadline(st, valid);
	sa->preferred_until = stack_deadline(st, preferred > valid ? valid : preferred);
	stack_note_deadline(st, sa->valid_until);
	st->gen++;
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
	int rc = dp_addr(st, DP_DELETE, ifp, sa, NULL);
	if (rc)
		return rc;
	struct addr_undo *u = calloc(1, sizeof(*u));
	if (!u)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	u->ifp = ifp;
	u->sa = sa;
	list_remove(ifp, sa, &u->prev);
	sol_leave(ifp, &sa->addr);
	st->gen++;
	if (record(st, undo_removed, commit_removed, u) < 0) {
		undo_removed(NULL, u);
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	}
	return NETCFG_OK;
}

/* ---- mirroring ------------------------------------------------------ */

int stack_addr_adopt(struct stack *st, struct st_iface *ifp, const struct st_addr *a)
{
	struct st_addr *sa = stack_addr_find(ifp, &a->addr);
	if (!sa) {
		sa = calloc(1, sizeof(*sa));
		if (!sa)
			return stack_nomem(st);
		struct st_addr **pp = &ifp->addrs;
		while (*pp)
			pp = &(*pp)->next;
		*pp = sa;
		sol_join(ifp, &a->addr);
	}
	struct st_addr *next = sa->next;
	*sa = *a;
	sa->next = next;
	stack_note_deadline(st, sa->valid_until);
	if (sa->dad_until)
		stack_note_deadline(st, sa->dad_until);
	if (sa->preferred_until != NEVER)
		stack_note_deadline(st, sa->preferred_until);
	st->gen++;
	return NETCFG_OK;
}

void stack_addr_forget(struct stack *st, struct st_iface *ifp, struct st_addr *sa)
{
	list_remove(ifp, sa, NULL);
	sol_leave(ifp, &sa->addr);
	free(sa);
	st->gen++;
}
