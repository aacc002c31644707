/* SPDX-License-Identifier: MIT */
/* ifc.c - ipv6 ifc if# [forwards] [advertises] [routerdiscovery] [-forwards]
 * [-advertises] [-routerdiscovery] [mtu #bytes] [site N] [hoplimit N]:
 * change an interface's attributes. */
#include "ipv6.h"

#include <string.h>

static const char *const forwards[] = { "forwards", "forw", NULL };
static const char *const no_forwards[] = { "-forwards", "-forw", NULL };
/* "advertisers" is the seeds' spelling */
static const char *const advertises[] = { "advertises", "adv", "advertisers", NULL };
static const char *const no_advertises[] = { "-advertises", "-adv", "-advertisers", NULL };
static const char *const discovers[] = { "routerdiscovery", "rd", NULL };
static const char *const no_discovers[] = { "-routerdiscovery", "-rd", NULL };

int cmd_ifc(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_interface_settings s = { 0 };
	if (argc < 1)
		return ipv6_usage_error(c, "missing if#");
	if (ipv6_ifnum_arg(c, argv[0], &s.ifindex))
		return EXIT_SYNTAX;
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i], *v;
		if (ipv6_word(w, forwards) || ipv6_word(w, no_forwards)) {
			s.mask |= NETCFG_IFSET_FORWARDS;
			s.forwards = w[0] != '-';
		} else if (ipv6_word(w, advertises) || ipv6_word(w, no_advertises)) {
			s.mask |= NETCFG_IFSET_ADVERTISES;
			s.advertises = w[0] != '-';
		} else if (ipv6_word(w, discovers) || ipv6_word(w, no_discovers)) {
			s.mask |= NETCFG_IFSET_ROUTER_DISCOVERY;
			s.router_discovery = w[0] != '-';
		} else if (strcmp(w, "hoplimit") == 0) {
			if (ipv6_value_arg(c, argc, argv, &i, &v))
				return EXIT_SYNTAX;
			if (netcfg_parse_uint(v, 255, &s.hop_limit) != NETCFG_OK || s.hop_limit == 0)
				return ipv6_usage_error(c, "\"%s\" is not a hop limit (1 to 255)", v);
			s.mask |= NETCFG_IFSET_HOP_LIMIT;
		} else if (strcmp(w, "mtu") == 0) {
			if (ipv6_value_arg(c, argc, argv, &i, &v))
				return EXIT_SYNTAX;
			if (netcfg_parse_uint(v, UINT32_MAX, &s.mtu) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not an MTU in bytes", v);
			s.mask |= NETCFG_IFSET_MTU;
		} else if (strcmp(w, "site") == 0) {
			if (ipv6_value_arg(c, argc, argv, &i, &v))
				return EXIT_SYNTAX;
			if (netcfg_parse_uint(v, UINT32_MAX, &s.site) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not a site identifier", v);
			s.mask |= NETCFG_IFSET_SITE;
		} else {
			return ipv6_usage_error(c, "unknown keyword \"%s\"", w);
		}
	}
	if (!s.mask)
		return ipv6_usage_error(c, "nothing to change on interface %u", s.ifindex);
	return ipv6_result(c, netcfg_interface_set(ipv6_handle(c), &s, ipv6_persist_flag(c)));
}
