/* SPDX-License-Identifier: MIT */
/* dataplane.c - the model's calls into its dataplane, and the daemon's
 * (see dataplane.h). */
#include "stackd.h"

#include <string.h>

/* The realizer fn of st's dataplane, or NULL when there is nothing to
 * realize: no dataplane, none of that kind, or the change is the
 * dataplane's own (mirroring). */
#define REALIZER(st, fn) ((st)->dp && !(st)->dp->mirroring ? (st)->dp->ops->fn : NULL)

int dp_iface_create(struct stack *st, const struct netcfg_interface_create *c)
{
	return REALIZER(st, iface_create) ? st->dp->ops->iface_create(st->dp, st, c) : NETCFG_OK;
}

int dp_iface_delete(struct stack *st, const struct st_iface *ifp)
{
	return REALIZER(st, iface_delete) ? st->dp->ops->iface_delete(st->dp, st, ifp) : NETCFG_OK;
}

int dp_iface_set(struct stack *st, const struct st_iface *ifp,
		 const struct netcfg_interface_settings *s)
{
	return REALIZER(st, iface_set) ? st->dp->ops->iface_set(st->dp, st, ifp, s) : NETCFG_OK;
}

int dp_addr(struct stack *st, enum dp_change ch, const struct st_iface *ifp,
	    const struct st_addr *old, const struct netcfg_address *a)
{
	return REALIZER(st, addr) ? st->dp->ops->addr(st->dp, st, ch, ifp, old, a) : NETCFG_OK;
}

int dp_route(struct stack *st, enum dp_change ch, const struct st_route *old, struct netcfg_route *r)
{
	return REALIZER(st, route) ? st->dp->ops->route(st->dp, st, ch, old, r) : NETCFG_OK;
}

int dp_neigh_add(struct stack *st, const struct st_iface *ifp, const struct netcfg_neighbor *n)
{
	return REALIZER(st, neigh_add) ? st->dp->ops->neigh_add(st->dp, st, ifp, n) : NETCFG_OK;
}

int dp_neigh_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *a, size_t *removed)
{
	if (!REALIZER(st, neigh_flush))
		return NETCFG_OK;
	return st->dp->ops->neigh_flush(st->dp, st, ifindex, a, removed);
}

int dp_policy(struct stack *st, const struct netcfg_prefix_policy *old,
	      const struct netcfg_prefix_policy *now)
{
	return REALIZER(st, policy) ? st->dp->ops->policy(st->dp, st, old, now) : NETCFG_OK;
}

int dp_sp(struct stack *st, enum dp_change ch, const struct ipsec_db *db, const struct netcfg_sp *sp)
{
	return REALIZER(st, sp) ? st->dp->ops->sp(st->dp, st, ch, db, sp) : NETCFG_OK;
}

int dp_sa(struct stack *st, enum dp_change ch, const struct ipsec_db *db, const struct netcfg_sa *sa,
	  const struct ipsec_key *key)
{
	return REALIZER(st, sa) ? st->dp->ops->sa(st->dp, st, ch, db, sa, key) : NETCFG_OK;
}

int dp_global_set(struct stack *st, const struct netcfg_global *old, const struct netcfg_global *now)
{
	return REALIZER(st, global_set) ? st->dp->ops->global_set(st->dp, st, old, now) : NETCFG_OK;
}

int dp_refresh(struct stack *st)
{
	return st->dp && st->dp->ops->refresh ? st->dp->ops->refresh(st->dp, st) : NETCFG_OK;
}

uint32_t dp_global_held(const struct stack *st)
{
	return st->dp && st->dp->ops->global_held ? st->dp->ops->global_held(st->dp) : 0;
}

bool dp_model_links(const struct stack *st)
{
	return !st->dp || st->dp->ops->model_links;
}

/* ---- the daemon's side ------------------------------------------------ */

int dp_open(struct daemon *d, char *err, size_t errlen)
{
	memset(&d->dp, 0, sizeof(d->dp));
	if (d->cfg.dataplane == DATAPLANE_LINUX)
		return dp_linux_open(&d->dp, d, err, errlen);
	return dp_model_open(&d->dp, d, err, errlen);
}

int dp_build(struct daemon *d, struct stack *st)
{
	int rc = d->dp.ops->build(&d->dp, st);
	st->dp = &d->dp;
	return rc;
}
