/* SPDX-License-Identifier: MIT */
/*
 * dataplane.h - where the stack's configuration is realized.
 *
 * The model (stack*.c, ipsec_db.c) is the one place that validates a
 * change and keeps the state.  A dataplane realizes each change:
 *
 *   model  nowhere else: the model is the whole stack (the default).  It
 *          realizes nothing, so all of its realizers are absent (NULL).
 *   linux  in the kernel of the daemon's network namespace (dp_linux*.c):
 *          interfaces are the kernel's links, and what others change in
 *          the kernel comes back into the model from netlink notifications.
 *
 * The model calls a realizer once it has validated a change, inside the
 * request's transaction.  A realizer does the kernel's part at once and
 * records in st->undo how to take it back, or queues it for commit(),
 * which dispatch.c calls before the transaction is made durable: a
 * script's routes reach the kernel there as one batch, and the reply waits
 * until every one of them is in the kernel.  A refusal (a status, with the
 * message in st->err) fails the request and the transaction rolls back,
 * model and kernel alike.
 *
 * While a dataplane brings the model in line with its own state
 * (dp->mirroring) no realizer runs: the change came from there.
 */
#ifndef STACKD_DATAPLANE_H
#define STACKD_DATAPLANE_H

#include <stdbool.h>
#include <stddef.h>

#include <netcfg/netcfg.h>

struct daemon;
struct stack;
struct st_iface;
struct st_addr;
struct st_route;
struct ipsec_db;
struct ipsec_key;
struct jw;

enum dp_change { DP_ADD = 0, DP_REPLACE, DP_DELETE };

struct dataplane;

typedef int (*dp_neigh_fn)(void *arg, const struct netcfg_neighbor *n);

struct dataplane_ops {
	const char *name;                      /* "model", "linux" */
	/* The model simulates the links itself: duplicate address detection
	 * and the router advertisements an interface sends (which configure
	 * its own addresses).  Where the kernel has the links, it does. */
	bool model_links;

	/* ---- life cycle -------------------------------------------------- */
	/* The stack a start or a rebuild begins with (st is the daemon's):
	 * the declared adapters, or the kernel's links with their addresses
	 * and routes.  The message goes to st->err. */
	int (*build)(struct dataplane *dp, struct stack *st);
	/* In a rebuild's transaction (reset, stop, ...), once st is the new
	 * stack: take out of the dataplane what the configuration put there,
	 * and out of st what build() read back of it. */
	int (*withdraw)(struct dataplane *dp, struct stack *st);
	void (*close)(struct dataplane *dp);
	/* Notifications: a descriptor for the event loop (-1: none) and the
	 * handler for when it polls readable, or when wakeup_ms() (NULL or
	 * -1: never) milliseconds have passed without. */
	int (*event_fd)(const struct dataplane *dp);
	void (*events)(struct dataplane *dp);
	int (*wakeup_ms)(const struct dataplane *dp);
	/* What the transaction queued, into the dataplane; the transaction
	 * rolls back on failure (st->err). */
	int (*commit)(struct dataplane *dp, struct stack *st);

	/* ---- realizers (NULL: nothing to do) ------------------------------ */
	int (*iface_create)(struct dataplane *dp, struct stack *st,
			    const struct netcfg_interface_create *c);
	int (*iface_delete)(struct dataplane *dp, struct stack *st, const struct st_iface *ifp);
	/* s->mask says what changes; ifp still has the old values. */
	int (*iface_set)(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
			 const struct netcfg_interface_settings *s);
	/* ADD: old is NULL; REPLACE: old is the address before; DELETE: a is
	 * NULL. */
	int (*addr)(struct dataplane *dp, struct stack *st, enum dp_change ch,
		    const struct st_iface *ifp, const struct st_addr *old,
		    const struct netcfg_address *a);
	/* The same shape; r may be adjusted to what the dataplane holds (the
	 * kernel has no IPv6 route metric 0: preference 0 becomes 1024). */
	int (*route)(struct dataplane *dp, struct stack *st, enum dp_change ch,
		     const struct st_route *old, struct netcfg_route *r);
	int (*neigh_add)(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
			 const struct netcfg_neighbor *n);
	/* Remove the entries of one interface (0: all) and address (NULL:
	 * all) that may go; *removed counts them. */
	int (*neigh_flush)(struct dataplane *dp, struct stack *st, uint32_t ifindex,
			   const struct in6_addr *a, size_t *removed);
	/* A prefix policy changed: old NULL = added, now NULL = deleted; st
	 * holds the table as it is with the change. */
	int (*policy)(struct dataplane *dp, struct stack *st, const struct netcfg_prefix_policy *old,
		      const struct netcfg_prefix_policy *now);
	/* An SPD or SAD entry, after db holds the change (so an SA's policy
	 * is there; key: the SA's key, NULL for the NULL algorithm). */
	int (*sp)(struct dataplane *dp, struct stack *st, enum dp_change ch,
		  const struct ipsec_db *db, const struct netcfg_sp *sp);
	int (*sa)(struct dataplane *dp, struct stack *st, enum dp_change ch,
		  const struct ipsec_db *db, const struct netcfg_sa *sa, const struct ipsec_key *key);
	/* The global parameters change from old to now: every field is
	 * valid in both, and now->mask names those the request gives (it may
	 * give a parameter its old value).  The interfaces that follow
	 * default_hop_limit have come to iface_set each; this realizes the
	 * rest. */
	int (*global_set)(struct dataplane *dp, struct stack *st, const struct netcfg_global *old,
			  const struct netcfg_global *now);

	/* ---- views (NULL: the model answers) ------------------------------ */
	/* Bring what the dataplane does not notify (link settings, global
	 * parameters) up to date before the interfaces, the destination
	 * cache or the global parameters are shown or the latter changed. */
	int (*refresh)(struct dataplane *dp, struct stack *st);
	int (*neigh_list)(struct dataplane *dp, struct stack *st, uint32_t ifindex,
			  const struct in6_addr *a, dp_neigh_fn fn, void *arg);
	/* The route, next hop and source for dest (zone_if: the interface a
	 * link-scoped destination is on; only_if: the interface to leave
	 * through; 0 = any). */
	int (*route_query)(struct dataplane *dp, struct stack *st, const struct in6_addr *dest,
			   uint32_t zone_if, uint32_t only_if, struct netcfg_route_result *out);
	/* The global parameters (NETCFG_GLOBAL_* bits) it does not realize:
	 * the daemon keeps them alone.  NULL: none (the model is the whole
	 * stack). */
	uint32_t (*global_held)(const struct dataplane *dp);
	/* Members of daemon.info's object named after the dataplane. */
	void (*info)(const struct dataplane *dp, struct jw *w);
};

struct dataplane {
	const struct dataplane_ops *ops;
	struct daemon *d;
	bool mirroring;
	void *priv;                            /* the dataplane's own state */
};

/* dp_model.c and dp_linux.c: open the daemon's dataplane (d->cfg says
 * which); err gets one line on failure. */
int dp_model_open(struct dataplane *dp, struct daemon *d, char *err, size_t errlen);
int dp_linux_open(struct dataplane *dp, struct daemon *d, char *err, size_t errlen);

/* ---- calls from the model ------------------------------------------- */

/* Each calls the realizer of st->dp, unless there is none or the
 * dataplane is mirroring; NETCFG_OK when nothing is to be done. */
int dp_iface_create(struct stack *st, const struct netcfg_interface_create *c);
int dp_iface_delete(struct stack *st, const struct st_iface *ifp);
int dp_iface_set(struct stack *st, const struct st_iface *ifp,
		 const struct netcfg_interface_settings *s);
int dp_addr(struct stack *st, enum dp_change ch, const struct st_iface *ifp,
	    const struct st_addr *old, const struct netcfg_address *a);
int dp_route(struct stack *st, enum dp_change ch, const struct st_route *old, struct netcfg_route *r);
int dp_neigh_add(struct stack *st, const struct st_iface *ifp, const struct netcfg_neighbor *n);
int dp_neigh_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *a, size_t *removed);
int dp_policy(struct stack *st, const struct netcfg_prefix_policy *old,
	      const struct netcfg_prefix_policy *now);
int dp_sp(struct stack *st, enum dp_change ch, const struct ipsec_db *db, const struct netcfg_sp *sp);
int dp_sa(struct stack *st, enum dp_change ch, const struct ipsec_db *db, const struct netcfg_sa *sa,
	  const struct ipsec_key *key);
int dp_global_set(struct stack *st, const struct netcfg_global *old, const struct netcfg_global *now);
/* The view calls: refresh (NETCFG_OK when there is nothing to do). */
int dp_refresh(struct stack *st);
/* The global parameters st's dataplane leaves to the daemon (0: none). */
uint32_t dp_global_held(const struct stack *st);
/* Whether the model simulates links (see dataplane_ops.model_links). */
bool dp_model_links(const struct stack *st);

#endif
