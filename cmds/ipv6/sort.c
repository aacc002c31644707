/* SPDX-License-Identifier: MIT */
/* sort.c - ipv6 sort destination[%scope]...: sort destinations best
 * first as SIO_ADDRESS_LIST_SORT does (RFC 6724 with the prefix policy
 * table), filling in scope ids; unusable site-local ones are left out. */
#include "ipv6.h"

#include <stdlib.h>

int cmd_sort(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc < 1)
		return ipv6_usage_error(c, "missing destination");
	struct netcfg_sort_entry *v = calloc((size_t)argc, sizeof(*v));
	if (!v)
		return ipv6_usage_error(c, "out of memory");
	for (int i = 0; i < argc; i++) {
		if (ipv6_addr_arg(c, argv[i], &v[i].addr, &v[i].scope_id)) {
			free(v);
			return EXIT_SYNTAX;
		}
	}
	size_t n = (size_t)argc;
	if (netcfg_address_sort(ipv6_handle(c), v, &n) != NETCFG_OK) {
		free(v);
		return ipv6_stack_error(c);
	}
	c->out->begin(true);
	for (size_t i = 0; i < n; i++)
		c->out->sort_entry(&v[i]);
	c->out->end();
	free(v);
	return 0;
}
