/* SPDX-License-Identifier: MIT */
/* if.c - ipv6 if [if#]: interfaces with their addresses and ND parameters. */
#include "ipv6.h"

int cmd_if(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t index = 0;
	if (argc > 1)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[1]);
	if (argc == 1 && !ipv6_parse_ifnum(argv[0], &index))
		return ipv6_usage_error(c, "\"%s\" is not an interface number", argv[0]);

	struct netcfg_interface_list l;
	if (netcfg_interface_list(ipv6_handle(c), index, &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin();
	for (size_t i = 0; i < l.n; i++)
		c->out->interface(&l.v[i]);
	c->out->end();
	netcfg_interface_list_free(&l);
	return 0;
}
