/* SPDX-License-Identifier: MIT */
/*
 * dp_linux.h - shared by the files of the linux dataplane: dp_linux.c
 * (opening, building the stack from the kernel, notifications, the views),
 * dp_linux_realize.c (links, addresses, routes, neighbours, prefix
 * policies; the route batch of a transaction; withdraw),
 * dp_linux_global.c (the global parameters as sysctls) and
 * dp_linux_ipsec.c (the SPD and SAD as xfrm policies and states).
 */
#ifndef STACKD_DP_LINUX_H
#define STACKD_DP_LINUX_H

#include "stackd.h"
#include "linux/linux.h"

/* The tunnel pseudo-interface when the kernel has no sit0: a number no
 * kernel link can have (ifindexes are positive ints). */
#define DPL_TUNNEL_HELD_INDEX 0x80000002u
#define DPL_TUNNEL_HELD_NAME "Tunnel Pseudo-Interface"

struct dpl_xfrm_op;

struct dpl {
	struct lnx *nl;
	struct dataplane *dp;
	struct daemon *d;
	char gai_path[PATH_MAX];
	char ipsec_record[PATH_MAX + 32];
	uint32_t tunnel_index;         /* sit0's ifindex, or DPL_TUNNEL_HELD_INDEX */
	bool started;                  /* the first stack is built */
	bool building;                 /* a stack is being built from the kernel */
	/* the routes a transaction changes, for commit() */
	struct lnx_route_change *routes;
	size_t n_routes, cap_routes;
	/* the xfrm changes of a transaction (dp_linux_ipsec.c) */
	struct dpl_xfrm_op *xfrm;
	size_t n_xfrm, cap_xfrm;
	/* links that appeared since the last event round: their persistent
	 * configuration is applied once the round is over */
	char (*new_links)[NETCFG_NAME_MAX];
	size_t n_new_links;
	/* notifications were lost: the tables are dumped again once none
	 * came for a while (a dump of a table the kernel keeps changing
	 * restarts over and over, and slows down whoever changes it) */
	uint64_t last_event_ms;
	/* for daemon.info */
	unsigned long long events, resyncs, batches, batch_routes;
	struct lnx_xfrm_support xfrm_support;
	/* the global parameters the kernel has no place for (NETCFG_GLOBAL_*) */
	uint32_t global_held;
};

static inline struct dpl *dpl_of(const struct dataplane *dp)
{
	return dp->priv;
}

/* Whether ifp is a kernel link (not held by the daemon). */
static inline bool dpl_kernel_iface(const struct st_iface *ifp)
{
	return ifp && !ifp->info.daemon_held;
}

/* Take the layer's last message into st->err; returns status. */
int dpl_fail(struct dpl *x, struct stack *st, int status);
/* Record in the transaction how to put the kernel back: undo_fn reverses
 * and frees data (outside a transaction data is freed at once). */
int dpl_record(struct dpl *x, struct stack *st, void (*undo_fn)(void *, void *), void *data);
/* An undo record could not put the kernel back: say so in the log. */
void dpl_rollback_failed(struct dpl *x);

/* dp_linux_realize.c: the realizers and commit() of links, addresses,
 * routes, neighbours and prefix policies. */
int dpl_iface_create(struct dataplane *dp, struct stack *st, const struct netcfg_interface_create *c);
int dpl_iface_delete(struct dataplane *dp, struct stack *st, const struct st_iface *ifp);
int dpl_iface_set(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
		  const struct netcfg_interface_settings *s);
int dpl_addr(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct st_iface *ifp,
	     const struct st_addr *old, const struct netcfg_address *a);
int dpl_route(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct st_route *old,
	      struct netcfg_route *r);
int dpl_neigh_add(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
		  const struct netcfg_neighbor *n);
int dpl_neigh_flush(struct dataplane *dp, struct stack *st, uint32_t ifindex,
		    const struct in6_addr *a, size_t *removed);
int dpl_policy(struct dataplane *dp, struct stack *st, const struct netcfg_prefix_policy *old,
	       const struct netcfg_prefix_policy *now);
int dpl_commit(struct dataplane *dp, struct stack *st);
int dpl_withdraw(struct dataplane *dp, struct stack *st);
/* The policy table of the managed gai.conf block into st (at start), and
 * the kernel's labels as it says; NETCFG_OK when there is no block. */
int dpl_policies_load(struct dpl *x, struct stack *st);
void dpl_queue_free(struct dpl *x);

/* dp_linux_global.c: the global parameters as the namespace's IPv6
 * sysctls.  probe (at open) finds which the kernel has; load reads them
 * into st->global (at build and refresh). */
void dpl_global_probe(struct dpl *x);
int dpl_global_load(struct dpl *x, struct stack *st);
int dpl_global_set(struct dataplane *dp, struct stack *st, const struct netcfg_global *old,
		   const struct netcfg_global *now);
uint32_t dpl_global_held(const struct dataplane *dp);

/* dp_linux_ipsec.c */
int dpl_sp(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct ipsec_db *db,
	   const struct netcfg_sp *sp);
int dpl_sa(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct ipsec_db *db,
	   const struct netcfg_sa *sa, const struct ipsec_key *key);
/* The xfrm part of commit() and withdraw(). */
int dpl_xfrm_commit(struct dpl *x, struct stack *st);
int dpl_xfrm_withdraw(struct dpl *x, struct stack *st);
/* At start: take the SPD and SAD entries the previous run recorded, and
 * the kernel still holds, into the daemon's databases. */
void dpl_xfrm_adopt(struct dpl *x);
void dpl_xfrm_free(struct dpl *x);
void dpl_xfrm_info(struct dpl *x, struct jw *w);

#endif
