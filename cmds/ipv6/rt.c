/* SPDX-License-Identifier: MIT */
/* rt.c - ipv6 rt: the routing table. */
#include "ipv6.h"

int cmd_rt(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_route_list l;
	if (netcfg_route_list(ipv6_handle(c), &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->route(&l.v[i]);
	c->out->end();
	netcfg_route_list_free(&l);
	return 0;
}
