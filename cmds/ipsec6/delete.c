/* SPDX-License-Identifier: MIT */
/* delete.c - ipsec6 d sp|sa Index|all (also "type=sp"). */
#include "ipsec6.h"

#include <stdio.h>
#include <string.h>

int cmd_d(struct ipsec6_ctx *c, int argc, char **argv)
{
	if (argc < 1)
		return ipsec6_usage_error(c, "missing the type (sp or sa)");
	const char *type = argv[0];
	if (strncmp(type, "type=", 5) == 0)
		type += 5;
	bool sp = strcmp(type, "sp") == 0;
	if (!sp && strcmp(type, "sa") != 0)
		return ipsec6_usage_error(c, "\"%s\" is not sp or sa", argv[0]);
	if (argc < 2)
		return ipsec6_usage_error(c, "missing the index (a number, or all)");
	if (argc > 2)
		return ipsec6_usage_error(c, "unexpected argument \"%s\"", argv[2]);
	const char *what = sp ? "SP" : "SA";
	netcfg_t *h = ipsec6_handle(c);
	if (strcmp(argv[1], "all") == 0) {
		size_t n;
		int rc = sp ? netcfg_sp_delete_all(h, &n) : netcfg_sa_delete_all(h, &n);
		if (rc != NETCFG_OK) {
			char prefix[64];
			snprintf(prefix, sizeof(prefix), "%s Entries not deleted: ", what);
			return ipsec6_stack_error(c, prefix);
		}
		printf("%zu %s Entries deleted.\n", n, what);
		return 0;
	}
	uint32_t index;
	if (netcfg_parse_uint(argv[1], UINT32_MAX, &index) != NETCFG_OK)
		return ipsec6_usage_error(c, "\"%s\" is not an index (a number, or all)", argv[1]);
	if (index == 0 || index > NETCFG_IPSEC_INDEX_MAX)
		return ipsec6_fail(c, "%s Entry %u not deleted: there is no %s %u", what, index,
				   sp ? "policy" : "SA", index);
	int rc = sp ? netcfg_sp_delete(h, index) : netcfg_sa_delete(h, index);
	if (rc != NETCFG_OK) {
		char prefix[64];
		snprintf(prefix, sizeof(prefix), "%s Entry %u not deleted: ", what, index);
		return ipsec6_stack_error(c, prefix);
	}
	printf("%s Entry %u deleted.\n", what, index);
	return 0;
}
