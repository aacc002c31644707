/* SPDX-License-Identifier: MIT */
/* spt.c - ipv6 spt shows the site prefix table; ipv6 spu prefix if#
 * [lifetime L] adds, updates or (lifetime 0) removes a site prefix. */
#include "ipv6.h"

#include <string.h>

static const char *const lifetime[] = { "lifetime", "life", NULL };

int cmd_spt(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_site_prefix_list l;
	if (netcfg_site_prefix_list(ipv6_handle(c), &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->site_prefix(&l.v[i]);
	c->out->end();
	netcfg_site_prefix_list_free(&l);
	return 0;
}

int cmd_spu(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_site_prefix sp = { .lifetime = NETCFG_INFINITE };
	if (argc < 2)
		return ipv6_usage_error(c, argc < 1 ? "missing prefix" : "missing if#");
	if (ipv6_prefix_arg(c, argv[0], &sp.prefix) || ipv6_ifnum_arg(c, argv[1], &sp.ifindex))
		return EXIT_SYNTAX;
	for (int i = 2; i < argc; i++) {
		const char *v;
		if (!ipv6_word(argv[i], lifetime))
			return ipv6_usage_error(c, "unknown keyword \"%s\"", argv[i]);
		if (ipv6_value_arg(c, argc, argv, &i, &v))
			return EXIT_SYNTAX;
		if (netcfg_parse_lifetime(v, false, &sp.lifetime) != NETCFG_OK)
			return ipv6_usage_error(c, "\"%s\" is not a lifetime (infinite or seconds)", v);
	}
	netcfg_t *h = ipv6_handle(c);
	unsigned flags = ipv6_persist_flag(c);
	if (sp.lifetime == 0)
		return ipv6_result(c, netcfg_site_prefix_delete(h, &sp, flags));
	return ipv6_result(c, netcfg_site_prefix_add(h, &sp, flags | NETCFG_F_UPSERT));
}
