/* SPDX-License-Identifier: MIT */
/* gp.c - ipv6 gp shows the global parameters; ipv6 gpu Parameter value
 * ... changes them (names are case-insensitive; times take infinite,
 * seconds or units like 7d, 10m). */
#include "ipv6.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#define P(name, bit, member, kind) \
	{ name, NETCFG_GLOBAL_##bit, offsetof(struct netcfg_global, member), kind }
const struct ipv6_param ipv6_params[] = {
	P("DefaultCurHopLimit", DEFAULT_HOP_LIMIT, default_hop_limit, PARAM_NUMBER),
	P("UseTemporaryAddresses", USE_TEMPORARY, use_temporary, PARAM_TEMP_USE),
	P("MaxTempDADAttempts", MAX_TEMP_DAD_ATTEMPTS, max_temp_dad_attempts, PARAM_NUMBER),
	P("MaxTempValidLifetime", MAX_TEMP_VALID, max_temp_valid_lifetime, PARAM_TIME),
	P("MaxTempPreferredLifetime", MAX_TEMP_PREFERRED, max_temp_preferred_lifetime, PARAM_TIME),
	P("TempRegenerateTime", TEMP_REGENERATE, temp_regenerate_time, PARAM_TIME),
	P("MaxTempRandomTime", MAX_TEMP_RANDOM, max_temp_random_time, PARAM_TIME),
	P("TempRandomTime", TEMP_RANDOM, temp_random_time, PARAM_TIME),
	P("NeighborCacheLimit", NEIGHBOR_CACHE_LIMIT, neighbor_cache_limit, PARAM_NUMBER),
	P("RouteCacheLimit", ROUTE_CACHE_LIMIT, route_cache_limit, PARAM_NUMBER),
	P("BindingCacheLimit", BINDING_CACHE_LIMIT, binding_cache_limit, PARAM_NUMBER),
	P("ReassemblyLimit", REASSEMBLY_LIMIT, reassembly_limit, PARAM_NUMBER),
	P("MobilitySecurity", MOBILITY_SECURITY, mobility_security, PARAM_ONOFF),
};
const size_t ipv6_n_params = sizeof(ipv6_params) / sizeof(ipv6_params[0]);

int cmd_gp(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_global g;
	if (netcfg_global_get(ipv6_handle(c), &g) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(false);
	c->out->global(&g);
	c->out->end();
	return 0;
}

static const struct ipv6_param *param_find(const char *name)
{
	for (size_t i = 0; i < ipv6_n_params; i++)
		if (strcasecmp(ipv6_params[i].name, name) == 0)
			return &ipv6_params[i];
	return NULL;
}

static int param_value(const struct ipv6_ctx *c, const struct ipv6_param *p, const char *v,
		       struct netcfg_global *g)
{
	void *field = (char *)g + p->off;
	static const char *const on[] = { "on", "yes", "enabled", NULL };
	static const char *const off[] = { "off", "no", "disabled", NULL };
	int u;
	switch (p->kind) {
	case PARAM_NUMBER:
		if (netcfg_parse_uint(v, UINT32_MAX, field) != NETCFG_OK)
			return ipv6_usage_error(c, "\"%s\" is not a number for %s", v, p->name);
		return 0;
	case PARAM_TIME:
		if (netcfg_parse_lifetime(v, true, field) != NETCFG_OK)
			return ipv6_usage_error(c, "\"%s\" is not a time for %s (seconds, or units like 7d, 10m)",
						v, p->name);
		return 0;
	case PARAM_ONOFF:
		if (ipv6_word(v, on) || ipv6_word(v, off)) {
			*(bool *)field = ipv6_word(v, on);
			return 0;
		}
		return ipv6_usage_error(c, "\"%s\" is not on or off for %s", v, p->name);
	case PARAM_TEMP_USE:
		u = netcfg_temp_use_parse(v);
		if (u < 0)
			return ipv6_usage_error(c, "\"%s\" is not no, yes, always or counter for %s",
						v, p->name);
		*(enum netcfg_temp_use *)field = (enum netcfg_temp_use)u;
		return 0;
	}
	return EXIT_SYNTAX;
}

int cmd_gpu(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_global g = { 0 };
	if (argc < 1)
		return ipv6_usage_error(c, "missing a parameter name");
	for (int i = 0; i < argc; i++) {
		const struct ipv6_param *p = param_find(argv[i]);
		const char *v;
		if (!p)
			return ipv6_usage_error(c, "unknown parameter \"%s\" (see ipv6 gp)", argv[i]);
		if (g.mask & p->bit)
			return ipv6_usage_error(c, "parameter \"%s\" is given twice", argv[i]);
		if (ipv6_value_arg(c, argc, argv, &i, &v) || param_value(c, p, v, &g))
			return EXIT_SYNTAX;
		g.mask |= p->bit;
	}
	return ipv6_result(c, netcfg_global_set(ipv6_handle(c), &g, ipv6_persist_flag(c)));
}
