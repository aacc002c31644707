/* SPDX-License-Identifier: MIT */
/* ifcr.c - ipv6 ifcr v6v4 v4src v4dst [nd] | ipv6 ifcr 6over4 v4src:
 * create a configured tunnel or a 6-over-4 interface; it gets the next
 * interface number, which is printed. */
#include "ipv6.h"

#include <stdio.h>
#include <string.h>

static int ipv4_arg(const struct ipv6_ctx *c, const char *s, struct in_addr *v4)
{
	if (netcfg_parse_ipv4(s, v4) != NETCFG_OK)
		return ipv6_usage_error(c, "\"%s\" is not an IPv4 address", s);
	return 0;
}

int cmd_ifcr(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_interface_create cr = { 0 };
	int need;
	if (argc < 1)
		return ipv6_usage_error(c, "missing the kind (v6v4 or 6over4)");
	if (strcmp(argv[0], "v6v4") == 0) {
		cr.kind = NETCFG_IF_V6V4;
		need = 3;
	} else if (strcmp(argv[0], "6over4") == 0) {
		cr.kind = NETCFG_IF_6OVER4;
		need = 2;
	} else {
		return ipv6_usage_error(c, "unknown interface kind \"%s\" (v6v4 or 6over4)", argv[0]);
	}
	if (argc < need)
		return ipv6_usage_error(c, need == 3 && argc == 2 ? "missing v4dst" : "missing v4src");
	if (ipv4_arg(c, argv[1], &cr.local) || (need == 3 && ipv4_arg(c, argv[2], &cr.remote)))
		return EXIT_SYNTAX;
	for (int i = need; i < argc; i++) {
		if (cr.kind == NETCFG_IF_V6V4 && strcmp(argv[i], "nd") == 0)
			cr.nd = true;
		else
			return ipv6_usage_error(c, "unknown keyword \"%s\"", argv[i]);
	}
	uint32_t index;
	int rc = netcfg_interface_add(ipv6_handle(c), &cr, ipv6_persist_flag(c), &index);
	if (rc)
		return ipv6_stack_error(c);
	printf("Created interface %u.\n", index);
	return 0;
}
