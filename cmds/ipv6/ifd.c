/* SPDX-License-Identifier: MIT */
/* ifd.c - ipv6 ifd if#: delete an interface (never #1 or #2). */
#include "ipv6.h"

int cmd_ifd(struct ipv6_ctx *c, int argc, char **argv)
{
	uint32_t index;
	if (ipv6_sole_ifnum(c, argc, argv, true, &index))
		return EXIT_SYNTAX;
	return ipv6_result(c, netcfg_interface_delete(ipv6_handle(c), index, NULL,
						      ipv6_persist_flag(c)));
}
