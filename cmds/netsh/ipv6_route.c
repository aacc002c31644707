/* SPDX-License-Identifier: MIT */
/*
 * ipv6_route.c - add, set, delete and show routes.
 *
 * netsh words map onto the stack's route: metric is its preference,
 * publish=no|age|yes its publish and age flags, siteprefixlength its spl,
 * and the two lifetimes its lifetime and advertised preferred lifetime.
 */
#include "ipv6.h"

#include <string.h>

static void route_key(struct netsh *sh, const struct args *a, struct netcfg_route *r)
{
	netcfg_route_init(r);
	r->prefix = arg(a, "prefix")->prefix;
	ipv6_iface_ref(sh, arg(a, "interface"), &r->ifindex, &r->ifname);
	if (arg_set(a, "nexthop"))
		r->nexthop = arg(a, "nexthop")->addr;
}

static void apply_args(const struct args *a, struct netcfg_route *r)
{
	const struct value *v;
	if ((v = arg(a, "siteprefixlength"))->set)
		r->spl = (uint8_t)v->u;
	if ((v = arg(a, "metric"))->set)
		r->preference = v->u;
	if ((v = arg(a, "publish"))->set) {
		r->publish = v->u != 0;        /* no, age, yes */
		r->age = v->u != 2;
	}
	if ((v = arg(a, "validlifetime"))->set)
		r->lifetime = v->u;
	if ((v = arg(a, "preferredlifetime"))->set)
		r->preferred_lifetime = v->u;
}

int ipv6_add_route(struct netsh *sh, const struct args *a)
{
	struct netcfg_route r;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	route_key(sh, a, &r);
	apply_args(a, &r);
	return ipv6_done(sh, netcfg_route_add(h, &r, NETCFG_F_ADD | arg_store_flags(a)));
}

int ipv6_set_route(struct netsh *sh, const struct args *a)
{
	struct netcfg_route r;
	uint32_t index;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	route_key(sh, a, &r);
	/* What is not given stays as it is.  An interface unknown here may be
	 * created earlier in the same script; the stack checks it. */
	if (netsh_iface_lookup(sh, arg(a, "interface"), &index)) {
		const struct netcfg_route *cur = netsh_route_find(sh, &r.prefix, index, &r.nexthop);
		if (cur) {
			const char *ifname = r.ifname;
			uint32_t ifindex = r.ifindex;
			r = *cur;
			r.ifname = ifname;
			r.ifindex = ifindex;
		}
	}
	apply_args(a, &r);
	return ipv6_done(sh, netcfg_route_add(h, &r, NETCFG_F_SET | arg_store_flags(a)));
}

int ipv6_delete_route(struct netsh *sh, const struct args *a)
{
	struct netcfg_route r;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	route_key(sh, a, &r);
	return ipv6_done(sh, netcfg_route_delete(h, &r, arg_store_flags(a)));
}

int ipv6_show_routes(struct netsh *sh, const struct args *a)
{
	struct netcfg_route_list l;
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_route_list(h, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	/* names for the last column */
	if (!netsh_interfaces(sh)) {
		netcfg_route_list_free(&l);
		return NETSH_EXIT_NODAEMON;
	}
	sh->out->routes(sh, &l);
	netcfg_route_list_free(&l);
	return NETSH_EXIT_OK;
}
