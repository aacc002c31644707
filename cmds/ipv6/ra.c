/* SPDX-License-Identifier: MIT */
/* ra.c - ipv6 ra if#: the router advertisement the interface sends (or
 * would send), computed from the published routes. */
#include "ipv6.h"

int cmd_ra(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t index;
	if (ipv6_sole_ifnum(c, argc, argv, true, &index))
		return EXIT_SYNTAX;
	struct netcfg_ra ra;
	if (netcfg_ra_get(ipv6_handle(c), index, &ra) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(false);
	c->out->ra(&ra);
	c->out->end();
	netcfg_ra_free(&ra);
	return 0;
}
