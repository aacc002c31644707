/* SPDX-License-Identifier: MIT */
/* if.c - ipv6 if [if#]: interfaces with their addresses and ND parameters. */
#include "ipv6.h"

int cmd_if(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t index;
	if (ipv6_sole_ifnum(c, argc, argv, false, &index))
		return EXIT_SYNTAX;

	struct netcfg_interface_list l;
	if (netcfg_interface_list(ipv6_handle(c), index, &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->interface(&l.v[i]);
	c->out->end();
	netcfg_interface_list_free(&l);
	return 0;
}
