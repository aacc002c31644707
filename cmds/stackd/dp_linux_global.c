/* SPDX-License-Identifier: MIT */
/*
 * dp_linux_global.c - the global parameters in the kernel: IPv6 sysctls of
 * the daemon's network namespace, under /proc/sys/net/ipv6/.
 *
 *   DefaultCurHopLimit        conf/{all,default}/hop_limit (the links that
 *                             follow it come through iface_set)
 *   UseTemporaryAddresses     conf/{all,default,IF}/use_tempaddr: no 0,
 *                             yes and always 2 (temporary addresses, and
 *                             preferred); counter is refused
 *   MaxTempDADAttempts        conf/.../regen_max_retry
 *   MaxTempValidLifetime      conf/.../temp_valid_lft (infinite: INT_MAX)
 *   MaxTempPreferredLifetime  conf/.../temp_prefered_lft (the same)
 *   TempRegenerateTime        conf/.../regen_min_advance (Linux 6.9 on)
 *   MaxTempRandomTime         conf/.../max_desync_factor
 *   NeighborCacheLimit        neigh/default/gc_thresh3 (the neighbour
 *                             table is one for all namespaces: only the
 *                             initial namespace has it)
 *   ReassemblyLimit           ip6frag_high_thresh
 *
 * A temporary-address setting goes to conf/all, conf/default (what a link
 * that appears gets) and every link (but lo) still at the old
 * conf/default value: netcfg has no per-interface privacy settings, and
 * the kernel takes none of conf/all over to the links.  A link an
 * administrator set otherwise keeps its value.
 *
 * What this kernel has no file for, and RouteCacheLimit (route/max_size
 * has limited nothing since Linux 6.3 and was a hard limit on route
 * allocations before, not a cache), BindingCacheLimit, MobilitySecurity
 * and TempRandomTime (the kernel draws the desync factor itself), stay in
 * the daemon: global_held() names them.
 *
 * The values are read from the kernel when the stack is built and before
 * the parameters are shown or changed (refresh).  A value the kernel reads
 * back as the model's encodes (yes and always are both 2) leaves the
 * model's; another one replaces it.
 */
#include "dp_linux.h"

#include <net/if_arp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum gm_kind { GM_NUMBER, GM_LIFETIME, GM_TEMP_USE };

enum gm_scope {
	GM_DEFAULTS,                   /* conf/all/NAME and conf/default/NAME */
	GM_LINKS,                      /* the same, and the links at the old default */
	GM_NET,                        /* NAME under /proc/sys/net/ipv6 */
};

struct gmap {
	uint32_t bit;
	const char *param;             /* as ipv6 gpu names it, for messages */
	size_t off;                    /* in struct netcfg_global */
	enum gm_kind kind;
	enum gm_scope scope;
	const char *name;
};

#define GM(bit, param, member, kind, scope, name) \
	{ NETCFG_GLOBAL_##bit, param, offsetof(struct netcfg_global, member), kind, scope, name }
/* in the order they are written: a refusal names the first the kernel refuses */
static const struct gmap maps[] = {
	GM(DEFAULT_HOP_LIMIT, "DefaultCurHopLimit", default_hop_limit, GM_NUMBER, GM_DEFAULTS,
	   "hop_limit"),
	GM(USE_TEMPORARY, "UseTemporaryAddresses", use_temporary, GM_TEMP_USE, GM_LINKS,
	   "use_tempaddr"),
	GM(MAX_TEMP_DAD_ATTEMPTS, "MaxTempDADAttempts", max_temp_dad_attempts, GM_NUMBER, GM_LINKS,
	   "regen_max_retry"),
	GM(MAX_TEMP_VALID, "MaxTempValidLifetime", max_temp_valid_lifetime, GM_LIFETIME, GM_LINKS,
	   "temp_valid_lft"),
	GM(MAX_TEMP_PREFERRED, "MaxTempPreferredLifetime", max_temp_preferred_lifetime, GM_LIFETIME,
	   GM_LINKS, "temp_prefered_lft"),
	GM(TEMP_REGENERATE, "TempRegenerateTime", temp_regenerate_time, GM_NUMBER, GM_LINKS,
	   "regen_min_advance"),
	GM(MAX_TEMP_RANDOM, "MaxTempRandomTime", max_temp_random_time, GM_NUMBER, GM_LINKS,
	   "max_desync_factor"),
	GM(NEIGHBOR_CACHE_LIMIT, "NeighborCacheLimit", neighbor_cache_limit, GM_NUMBER, GM_NET,
	   "neigh/default/gc_thresh3"),
	GM(REASSEMBLY_LIMIT, "ReassemblyLimit", reassembly_limit, GM_NUMBER, GM_NET,
	   "ip6frag_high_thresh"),
};
#undef GM
#define N_MAPS (sizeof(maps) / sizeof(maps[0]))

/* Kept by the daemon whatever the kernel. */
#define ALWAYS_HELD (NETCFG_GLOBAL_ROUTE_CACHE_LIMIT | NETCFG_GLOBAL_BINDING_CACHE_LIMIT | \
		     NETCFG_GLOBAL_MOBILITY_SECURITY | NETCFG_GLOBAL_TEMP_RANDOM)

/* Bounds the high threshold from below; unused since Linux 4.17. */
#define FRAG_LOW_THRESH "ip6frag_low_thresh"

/* The file the kernel's value is read from (for GM_DEFAULTS and GM_LINKS,
 * conf/default/: what a new link gets) and the one of dir ("all",
 * "default"). */
static const char *map_path(const struct gmap *m, const char *dir, char *buf, size_t size)
{
	if (m->scope == GM_NET)
		return m->name;
	snprintf(buf, size, "conf/%s/%s", dir, m->name);
	return buf;
}

static uint32_t *u32_field(const struct gmap *m, const struct netcfg_global *g)
{
	return (uint32_t *)((char *)g + m->off);
}

/* The kernel's value for the model's. */
static int64_t encode(const struct gmap *m, const struct netcfg_global *g)
{
	switch (m->kind) {
	case GM_TEMP_USE:
		return g->use_temporary == NETCFG_TEMP_NO ? 0 : 2;
	case GM_LIFETIME:
		if (*u32_field(m, g) == NETCFG_INFINITE)
			return INT32_MAX;
		break;
	case GM_NUMBER:
		break;
	}
	return *u32_field(m, g);
}

/* The model's value for the kernel's k, into g; false if g had it. */
static bool decode(const struct gmap *m, int64_t k, struct netcfg_global *g)
{
	if (encode(m, g) == k)
		return false;
	switch (m->kind) {
	case GM_TEMP_USE:
		/* 1 (temporary addresses, public ones preferred) is a yes */
		g->use_temporary = k > 0 ? NETCFG_TEMP_YES : NETCFG_TEMP_NO;
		return true;
	case GM_LIFETIME:
		/* a negative one never ends either: the kernel adds it as unsigned */
		*u32_field(m, g) = k < 0 || k >= INT32_MAX ? NETCFG_INFINITE : (uint32_t)k;
		return true;
	case GM_NUMBER:
		*u32_field(m, g) = k < 0 ? 0 : k > UINT32_MAX ? UINT32_MAX : (uint32_t)k;
		return true;
	}
	return false;
}

static const char *param_value(const struct gmap *m, const struct netcfg_global *g, char *buf,
			       size_t size)
{
	if (m->kind == GM_TEMP_USE)
		return netcfg_temp_use_name(g->use_temporary);
	if (m->kind == GM_LIFETIME && *u32_field(m, g) == NETCFG_INFINITE)
		return "infinite";
	snprintf(buf, size, "%u", *u32_field(m, g));
	return buf;
}

void dpl_global_probe(struct dpl *x)
{
	char buf[64];
	x->global_held = ALWAYS_HELD;
	for (size_t i = 0; i < N_MAPS; i++)
		if (!lnx_ipv6_sysctl_exists(map_path(&maps[i], "default", buf, sizeof(buf))))
			x->global_held |= maps[i].bit;
}

uint32_t dpl_global_held(const struct dataplane *dp)
{
	return dpl_of(dp)->global_held;
}

int dpl_global_load(struct dpl *x, struct stack *st)
{
	char buf[64];
	bool changed = false;
	for (size_t i = 0; i < N_MAPS; i++) {
		const struct gmap *m = &maps[i];
		int64_t k;
		if (x->global_held & m->bit)
			continue;
		int rc = lnx_ipv6_sysctl_get(x->nl, map_path(m, "default", buf, sizeof(buf)), &k);
		if (rc)
			return dpl_fail(x, st, rc);
		changed |= decode(m, k, &st->global);
	}
	if (changed)
		st->gen++;
	return NETCFG_OK;
}

/* ---- changes, each with its undo record ---------------------------------- */

struct sysctl_undo {
	uint32_t ifindex;              /* 0: a setting of the namespace */
	int64_t old;
	char name[48];                 /* the key under conf/IF/, or the path */
};

static int sysctl_get(struct dpl *x, uint32_t ifindex, const char *name, int64_t *v)
{
	return ifindex ? lnx_link_conf_get(x->nl, ifindex, name, v)
		       : lnx_ipv6_sysctl_get(x->nl, name, v);
}

static int sysctl_put(struct dpl *x, uint32_t ifindex, const char *name, int64_t v)
{
	return ifindex ? lnx_link_conf_set(x->nl, ifindex, name, v)
		       : lnx_ipv6_sysctl_set(x->nl, name, v);
}

static void undo_sysctl(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct sysctl_undo *u = data;
	if (sysctl_put(x, u->ifindex, u->name, u->old) != NETCFG_OK)
		dpl_rollback_failed(x);
	free(u);
}

/* Write v where the kernel has another value (old: it); the status is the
 * layer's, with its message. */
static int put(struct dpl *x, struct stack *st, uint32_t ifindex, const char *name, int64_t old,
	       int64_t v)
{
	if (old == v)
		return NETCFG_OK;
	struct sysctl_undo *u = malloc(sizeof(*u));
	if (!u)
		return stack_nomem(st);
	int rc = sysctl_put(x, ifindex, name, v);
	if (rc) {
		free(u);
		return rc;
	}
	*u = (struct sysctl_undo){ .ifindex = ifindex, .old = old };
	snprintf(u->name, sizeof(u->name), "%s", name);
	return dpl_record(x, st, undo_sysctl, u);
}

static int set(struct dpl *x, struct stack *st, uint32_t ifindex, const char *name, int64_t v)
{
	int64_t old;
	int rc = sysctl_get(x, ifindex, name, &old);
	return rc ? rc : put(x, st, ifindex, name, old, v);
}

struct follow {
	struct dpl *x;
	struct stack *st;
	const struct gmap *m;
	int64_t old_default, v;
};

/* A link (lo aside) whose value is still the old default follows it.  The
 * kernel's links rather than the model's interfaces: one that appeared a
 * moment ago is not left out. */
static int follow_link(void *arg, const struct lnx_link *l)
{
	struct follow *f = arg;
	int64_t cur;
	if (l->type == ARPHRD_LOOPBACK)
		return NETCFG_OK;
	int rc = lnx_link_conf_get(f->x->nl, l->ifindex, f->m->name, &cur);
	if (rc == NETCFG_ENOENT)
		return NETCFG_OK;   /* no IPv6 on it, or gone meanwhile */
	if (rc == NETCFG_OK && cur == f->old_default)
		rc = put(f->x, f->st, l->ifindex, f->m->name, cur, f->v);
	return rc;
}

static int realize(struct dpl *x, struct stack *st, const struct gmap *m, int64_t v)
{
	char all[64], def[64];
	int64_t old_default, low;
	int rc = NETCFG_OK;
	if (m->scope == GM_NET) {
		/* the high threshold cannot go below the low one */
		if (m->bit == NETCFG_GLOBAL_REASSEMBLY_LIMIT &&
		    (rc = lnx_ipv6_sysctl_get(x->nl, FRAG_LOW_THRESH, &low)) == NETCFG_OK && low > v)
			rc = put(x, st, 0, FRAG_LOW_THRESH, low, v);
		return rc ? rc : set(x, st, 0, m->name, v);
	}
	map_path(m, "all", all, sizeof(all));
	map_path(m, "default", def, sizeof(def));
	rc = lnx_ipv6_sysctl_get(x->nl, def, &old_default);
	if (rc == NETCFG_OK)
		rc = set(x, st, 0, all, v);
	if (rc == NETCFG_OK)
		rc = put(x, st, 0, def, old_default, v);
	if (rc == NETCFG_OK && m->scope == GM_LINKS) {
		struct follow f = { x, st, m, old_default, v };
		rc = lnx_link_dump(x->nl, follow_link, &f);
	}
	return rc;
}

int dpl_global_set(struct dataplane *dp, struct stack *st, const struct netcfg_global *old,
		   const struct netcfg_global *now)
{
	struct dpl *x = dpl_of(dp);
	char buf[16];
	(void)old;   /* the kernel's values are the old ones: refresh read them */
	if ((now->mask & NETCFG_GLOBAL_USE_TEMPORARY) && now->use_temporary == NETCFG_TEMP_COUNTER)
		return stack_fail(st, NETCFG_ENOTSUP, "UseTemporaryAddresses counter: Linux has no "
				  "temporary interface identifiers from a counter (the kernel draws "
				  "random ones)");
	for (size_t i = 0; i < N_MAPS; i++) {
		const struct gmap *m = &maps[i];
		if (!(now->mask & m->bit) || (x->global_held & m->bit))
			continue;
		int rc = realize(x, st, m, encode(m, now));
		if (rc == NETCFG_ENOMEM)
			return stack_nomem(st);
		if (rc)
			return stack_fail(st, rc, "%s %s: %s", m->param,
					  param_value(m, now, buf, sizeof(buf)), lnx_error(x->nl));
	}
	return NETCFG_OK;
}
