/* SPDX-License-Identifier: MIT */
/* renew.c - ipv6 renew [if#]: restart one interface or all of them. */
#include "ipv6.h"

int cmd_renew(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t index;
	if (ipv6_no_persist(c, "renewing changes no configuration") ||
	    ipv6_sole_ifnum(c, argc, argv, false, &index))
		return EXIT_SYNTAX;
	return ipv6_result(c, netcfg_renew(ipv6_handle(c), index));
}
