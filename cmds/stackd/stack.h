/* SPDX-License-Identifier: MIT */
/*
 * stack.h - the daemon's model of the IPv6 stack: interfaces with their
 * addresses and multicast groups, and the routing table.
 *
 * Every change goes through a stack_* function that validates, applies and
 * records how to undo itself in the transaction's undo log, so a batch can
 * be rolled back exactly.  Functions return a netcfg status and leave a
 * one-line message naming the offending value in st->err.
 */
#ifndef STACKD_STACK_H
#define STACKD_STACK_H

#include <netcfg/netcfg.h>

#include "../../common/htab.h"
#include "clock.h"

#define NEVER UINT64_MAX

struct undo_log;

struct st_addr {
	struct st_addr *next;
	struct in6_addr addr;
	enum netcfg_addr_type type;
	enum netcfg_origin origin;
	uint64_t valid_until;      /* clock second it disappears, or NEVER */
	uint64_t preferred_until;  /* clock second it deprecates, or NEVER */
};

struct st_group {
	struct st_group *next;
	struct in6_addr addr;
	uint32_t refs;
	bool reportable;
	bool last_reporter;
};

struct st_iface {
	/* Static and settable fields; addrs/groups of the embedded struct
	 * are unused (the lists below hold them). */
	struct netcfg_interface info;
	struct st_addr *addrs;      /* in the order they were added */
	struct st_group *groups;
	struct in_addr v4;          /* IPv4 address of IPv4-based links */
};

struct st_route {
	struct netcfg_route r;      /* r.lifetime: the configured lifetime */
	uint64_t expires;           /* clock second it disappears, or NEVER */
	struct hnode h;             /* in stack.routes, keyed by prefix */
	struct st_route *prev, *next; /* table order */
};

struct stack {
	struct st_iface **ifs;      /* sorted by index */
	size_t n_ifs;
	uint32_t next_ifindex;
	struct htab routes;         /* (prefix, len) -> routes with that prefix */
	struct st_route *rt_head, *rt_tail;
	size_t n_routes;
	uint32_t len_count[129];    /* routes per prefix length, for lookups */
	struct clock *clock;
	uint64_t next_deadline;     /* earliest expiry of anything, or NEVER */
	struct undo_log *undo;      /* current transaction, or NULL */
	char err[512];
};

/* An adapter the model declares at start (config file or host mirror). */
struct adapter_cfg {
	char name[NETCFG_NAME_MAX];
	enum netcfg_if_kind kind;
	uint8_t mac[6];
	struct in_addr v4;          /* 6over4: its IPv4 address; else 0 = none */
	uint32_t true_mtu;          /* 0 = the kind's default */
	uint32_t reachable_ms;      /* 0 = random in [0.5, 1.5] x base */
};

int stack_init(struct stack *st, struct clock *clk, const struct adapter_cfg *ad, size_t n,
	       const struct in_addr *host_v4, size_t n_v4);
void stack_free(struct stack *st);

/* Errors: set st->err and return status. */
int stack_fail(struct stack *st, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- interfaces ---------------------------------------------------- */
struct st_iface *stack_iface(const struct stack *st, uint32_t index);
struct st_iface *stack_iface_by_name(const struct stack *st, const char *name);
/* Resolve an interface reference (name preferred when given). */
int stack_iface_ref(struct stack *st, uint32_t index, const char *name, struct st_iface **out);
/* Snapshot of one interface with its addresses and groups (caller frees
 * out->addrs and out->groups). */
int stack_iface_snapshot(const struct stack *st, const struct st_iface *ifp,
			 struct netcfg_interface *out);

/* ---- addresses ----------------------------------------------------- */
struct st_addr *stack_addr_find(const struct st_iface *ifp, const struct in6_addr *a);
/* flags: NETCFG_F_CREATE / EXCL / REPLACE.  a->ifindex must be resolved. */
int stack_addr_add(struct stack *st, const struct netcfg_address *a, unsigned flags);
int stack_addr_delete(struct stack *st, uint32_t ifindex, const struct in6_addr *a);
void stack_addr_export(const struct stack *st, const struct st_iface *ifp,
		       const struct st_addr *sa, struct netcfg_address *out);

/* ---- routes -------------------------------------------------------- */
struct st_route *stack_route_find(const struct stack *st, const struct netcfg_prefix *p,
				  uint32_t ifindex, const struct in6_addr *nexthop);
int stack_route_add(struct stack *st, const struct netcfg_route *r, unsigned flags);
int stack_route_delete(struct stack *st, const struct netcfg_route *r);
/* The route as shown: remaining lifetime for aging routes. */
void stack_route_export(const struct stack *st, const struct st_route *sr, struct netcfg_route *out);
/* "2002::/16 -> 2" or "::/0 -> 2/::131.107.152.32", for messages. */
const char *stack_route_name(const struct netcfg_route *r, char *buf, size_t size);

/* ---- time ---------------------------------------------------------- */
/* Remove what expired by now; returns the number of objects removed. */
size_t stack_expire(struct stack *st);
/* Note a deadline so the event loop wakes for it. */
static inline void stack_note_deadline(struct stack *st, uint64_t t)
{
	if (t < st->next_deadline)
		st->next_deadline = t;
}

/* ---- internal, shared by stack*.c and undo.c ------------------------ */
void stack_route_link(struct stack *st, struct st_route *sr, struct st_route *after);
void stack_route_unlink(struct stack *st, struct st_route *sr);
void stack_group_join(struct st_iface *ifp, const struct in6_addr *g, bool reportable);
void stack_group_leave(struct st_iface *ifp, const struct in6_addr *g);
uint64_t stack_deadline(const struct stack *st, uint32_t lifetime);

#endif
