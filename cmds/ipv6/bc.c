/* SPDX-License-Identifier: MIT */
/* bc.c - ipv6 bc: the binding cache (mobile IPv6). */
#include "ipv6.h"

int cmd_bc(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_binding_list l;
	if (netcfg_binding_list(ipv6_handle(c), &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->binding(&l.v[i]);
	c->out->end();
	netcfg_binding_list_free(&l);
	return 0;
}
