/* SPDX-License-Identifier: MIT */
/* rq.c - ipv6 rq destination[%scope] [if#]: the routing-interface query.
 * Looks the destination up as the stack would send to it (through if#
 * only, when given) and shows the route, next hop, interface, source
 * address and path MTU with the rules that chose them.  Like sending, it
 * leaves a route cache entry (ipv6 rc). */
#include "ipv6.h"

int cmd_rq(struct ipv6_ctx *c, int argc, char **argv)
{
	struct in6_addr dest;
	uint32_t scope = 0, ifindex = 0;
	if (argc < 1)
		return ipv6_usage_error(c, "missing destination");
	if (argc > 2)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[2]);
	if (ipv6_addr_arg(c, argv[0], &dest, &scope) ||
	    (argc == 2 && ipv6_ifnum_arg(c, argv[1], &ifindex)))
		return EXIT_SYNTAX;
	struct netcfg_route_result r;
	if (netcfg_route_query(ipv6_handle(c), &dest, scope, ifindex, &r) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(false);
	c->out->route_result(&r);
	c->out->end();
	return 0;
}
