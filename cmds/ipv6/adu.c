/* SPDX-License-Identifier: MIT */
/* adu.c - ipv6 adu if#/address [lifetime VL[/PL]] [anycast] [unicast]:
 * add, update or (lifetime 0) remove an address. */
#include "ipv6.h"

#include <string.h>

int cmd_adu(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_address a = {
		.type = NETCFG_ADDR_UNICAST,
		.valid_lifetime = NETCFG_INFINITE,
		.preferred_lifetime = NETCFG_INFINITE,
	};
	if (argc < 1)
		return ipv6_usage_error(c, "missing if#/address");

	char ifpart[16];
	const char *slash = strchr(argv[0], '/');
	size_t n = slash ? (size_t)(slash - argv[0]) : 0;
	if (!slash || n == 0 || n >= sizeof(ifpart))
		return ipv6_usage_error(c, "\"%s\" is not if#/address", argv[0]);
	memcpy(ifpart, argv[0], n);
	ifpart[n] = '\0';
	if (!ipv6_parse_ifnum(ifpart, &a.ifindex))
		return ipv6_usage_error(c, "\"%s\" is not an interface number", ifpart);
	if (netcfg_parse_addr(slash + 1, &a.addr, NULL) != NETCFG_OK)
		return ipv6_usage_error(c, "\"%s\" is not an IPv6 address", slash + 1);

	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];
		if (strcmp(w, "lifetime") == 0 || strcmp(w, "life") == 0) {
			if (++i >= argc)
				return ipv6_usage_error(c, "\"%s\" needs a value (VL[/PL])", w);
			if (netcfg_parse_lifetime_pair(argv[i], &a.valid_lifetime,
						       &a.preferred_lifetime) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not a lifetime (infinite or seconds, VL[/PL])",
							argv[i]);
		} else if (strcmp(w, "anycast") == 0) {
			a.type = NETCFG_ADDR_ANYCAST;
		} else if (strcmp(w, "unicast") == 0) {
			a.type = NETCFG_ADDR_UNICAST;
		} else {
			return ipv6_usage_error(c, "unknown keyword \"%s\"", w);
		}
	}

	unsigned flags = c->persist ? NETCFG_F_PERSIST : 0;
	int rc;
	if (a.valid_lifetime == 0)
		rc = netcfg_address_delete(ipv6_handle(c), &a, flags);
	else
		rc = netcfg_address_add(ipv6_handle(c), &a, flags | NETCFG_F_UPSERT);
	return rc == NETCFG_OK ? 0 : ipv6_stack_error(c);
}
