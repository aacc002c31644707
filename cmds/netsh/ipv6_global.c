/* SPDX-License-Identifier: MIT */
/*
 * ipv6_global.c - the stack's global parameters, shown and set in three
 * groups: global (hop limit and table limits), privacy (temporary
 * addresses) and mobility (the binding cache).
 */
#include "ipv6.h"

#include <string.h>

struct param {
	const char *tag;
	uint32_t bit;
	size_t offset;             /* of the uint32_t field in struct netcfg_global */
};

#define PARAM(tag, bit, field) { tag, NETCFG_GLOBAL_##bit, offsetof(struct netcfg_global, field) }

static const struct param global_params[] = {
	PARAM("defaultcurhoplimit", DEFAULT_HOP_LIMIT, default_hop_limit),
	PARAM("neighborcachelimit", NEIGHBOR_CACHE_LIMIT, neighbor_cache_limit),
	PARAM("routecachelimit", ROUTE_CACHE_LIMIT, route_cache_limit),
	PARAM("reassemblylimit", REASSEMBLY_LIMIT, reassembly_limit),
	{ NULL, 0, 0 },
};

static const struct param privacy_params[] = {
	PARAM("maxdadattempts", MAX_TEMP_DAD_ATTEMPTS, max_temp_dad_attempts),
	PARAM("maxvalidlifetime", MAX_TEMP_VALID, max_temp_valid_lifetime),
	PARAM("maxpreferredlifetime", MAX_TEMP_PREFERRED, max_temp_preferred_lifetime),
	PARAM("regeneratetime", TEMP_REGENERATE, temp_regenerate_time),
	PARAM("maxrandomtime", MAX_TEMP_RANDOM, max_temp_random_time),
	PARAM("randomtime", TEMP_RANDOM, temp_random_time),
	{ NULL, 0, 0 },
};

static const struct param mobility_params[] = {
	PARAM("bindingcachelimit", BINDING_CACHE_LIMIT, binding_cache_limit),
	{ NULL, 0, 0 },
};

/* The numeric parameters a command gives, into g. */
static void numbers(const struct args *a, const struct param *p, struct netcfg_global *g)
{
	for (; p->tag; p++) {
		const struct value *v = arg(a, p->tag);
		if (v->set) {
			g->mask |= p->bit;
			memcpy((char *)g + p->offset, &v->u, sizeof(uint32_t));
		}
	}
}

static int set(struct netsh *sh, const struct args *a, struct netcfg_global *g, const char *what)
{
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (!g->mask)
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "set %s: give at least one parameter to change.",
				  what);
	return ipv6_done(sh, netcfg_global_set(h, g, arg_store_flags(a)));
}

int ipv6_set_global(struct netsh *sh, const struct args *a)
{
	struct netcfg_global g = { 0 };
	numbers(a, global_params, &g);
	return set(sh, a, &g, "global");
}

int ipv6_set_privacy(struct netsh *sh, const struct args *a)
{
	struct netcfg_global g = { 0 };
	static const enum netcfg_temp_use uses[] = {
		NETCFG_TEMP_YES, NETCFG_TEMP_NO, NETCFG_TEMP_ALWAYS, NETCFG_TEMP_COUNTER,
	};
	const struct value *state = arg(a, "state");
	if (state->set) {
		g.mask |= NETCFG_GLOBAL_USE_TEMPORARY;
		g.use_temporary = uses[state->u];
	}
	numbers(a, privacy_params, &g);
	return set(sh, a, &g, "privacy");
}

int ipv6_set_mobility(struct netsh *sh, const struct args *a)
{
	struct netcfg_global g = { 0 };
	if (arg_set(a, "security")) {
		g.mask |= NETCFG_GLOBAL_MOBILITY_SECURITY;
		g.mobility_security = arg_enabled(a, "security");
	}
	numbers(a, mobility_params, &g);
	return set(sh, a, &g, "mobility");
}

static int show(struct netsh *sh, void (*print)(struct netsh *, const struct netcfg_global *))
{
	struct netcfg_global g;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_global_get(h, &g) != NETCFG_OK)
		return netsh_stack_error(sh);
	print(sh, &g);
	return NETSH_EXIT_OK;
}

int ipv6_show_global(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show(sh, sh->out->global);
}

int ipv6_show_privacy(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show(sh, sh->out->privacy);
}

int ipv6_show_mobility(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show(sh, sh->out->mobility);
}
