/* SPDX-License-Identifier: MIT */
/* show.c - ipsec6 sp [Interface] and ipsec6 sa. */
#include "ipsec6.h"

int cmd_sp(struct ipsec6_ctx *c, int argc, char **argv)
{
	uint32_t ifindex = 0;
	if (argc > 1)
		return ipsec6_usage_error(c, "unexpected argument \"%s\"", argv[1]);
	if (argc == 1 && netcfg_parse_uint(argv[0], UINT32_MAX, &ifindex) != NETCFG_OK)
		return ipsec6_usage_error(c, "\"%s\" is not an interface number", argv[0]);
	struct netcfg_sp_list l;
	if (netcfg_sp_list(ipsec6_handle(c), ifindex, &l) != NETCFG_OK)
		return ipsec6_stack_error(c, NULL);
	int rc = c->out->policies(&l, ifindex);
	netcfg_sp_list_free(&l);
	return rc;
}

int cmd_sa(struct ipsec6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipsec6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_sa_list l;
	if (netcfg_sa_list(ipsec6_handle(c), &l) != NETCFG_OK)
		return ipsec6_stack_error(c, NULL);
	int rc = c->out->sas(&l);
	netcfg_sa_list_free(&l);
	return rc;
}
