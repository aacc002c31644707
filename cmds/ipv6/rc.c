/* SPDX-License-Identifier: MIT */
/* rc.c - ipv6 rc [if# address] shows and ipv6 rcf [if# [address]]
 * flushes the route (destination) cache. */
#include "ipv6.h"

int cmd_rc(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t ifindex = 0;
	struct in6_addr a;
	if (argc == 1)
		return ipv6_usage_error(c, "if# %s needs an address too", argv[0]);
	if (argc > 2)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[2]);
	if (argc == 2 && (ipv6_ifnum_arg(c, argv[0], &ifindex) || ipv6_addr_arg(c, argv[1], &a, NULL)))
		return EXIT_SYNTAX;
	struct netcfg_destcache_list l;
	if (netcfg_destcache_list(ipv6_handle(c), ifindex, argc == 2 ? &a : NULL, &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->destcache(&l.v[i]);
	c->out->end();
	netcfg_destcache_list_free(&l);
	return 0;
}

int cmd_rcf(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t ifindex;
	struct in6_addr a;
	bool have_addr;
	if (ipv6_no_persist(c, "the route cache is not configuration") ||
	    ipv6_if_addr_args(c, argc, argv, &ifindex, &a, &have_addr))
		return EXIT_SYNTAX;
	return ipv6_result(c, netcfg_destcache_flush(ipv6_handle(c), ifindex, have_addr ? &a : NULL));
}
