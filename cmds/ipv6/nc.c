/* SPDX-License-Identifier: MIT */
/* nc.c - ipv6 nc [if# [address]] shows and ipv6 ncf [if# [address]]
 * flushes the neighbor cache (only entries nothing references). */
#include "ipv6.h"

int cmd_nc(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t ifindex;
	struct in6_addr a;
	bool have_addr;
	if (ipv6_if_addr_args(c, argc, argv, &ifindex, &a, &have_addr))
		return EXIT_SYNTAX;
	struct netcfg_neighbor_list l;
	if (netcfg_neighbor_list(ipv6_handle(c), ifindex, have_addr ? &a : NULL, &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->neighbor(&l.v[i]);
	c->out->end();
	netcfg_neighbor_list_free(&l);
	return 0;
}

int cmd_ncf(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t ifindex;
	struct in6_addr a;
	bool have_addr;
	if (ipv6_if_addr_args(c, argc, argv, &ifindex, &a, &have_addr))
		return EXIT_SYNTAX;
	return ipv6_result(c, netcfg_neighbor_flush(ipv6_handle(c), ifindex, NULL,
						    have_addr ? &a : NULL, ipv6_persist_flag(c)));
}
