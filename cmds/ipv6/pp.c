/* SPDX-License-Identifier: MIT */
/* pp.c - the prefix policy table: ipv6 ppt shows it, ipv6 ppu prefix
 * precedence P srclabel S [dstlabel D] adds or updates a policy (D
 * defaults to S), ipv6 ppd prefix deletes one. */
#include "ipv6.h"

#include <string.h>

int cmd_ppt(struct ipv6_ctx *c, int argc, char **argv)
{
	if (argc > 0)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_prefix_policy_list l;
	if (netcfg_prefix_policy_list(ipv6_handle(c), &l) != NETCFG_OK)
		return ipv6_stack_error(c);
	c->out->begin(true);
	for (size_t i = 0; i < l.n; i++)
		c->out->policy(&l.v[i]);
	c->out->end();
	netcfg_prefix_policy_list_free(&l);
	return 0;
}

int cmd_ppu(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_prefix_policy p = { 0 };
	bool have_prec = false, have_src = false, have_dst = false;
	if (argc < 1)
		return ipv6_usage_error(c, "missing prefix");
	if (ipv6_prefix_arg(c, argv[0], &p.prefix))
		return EXIT_SYNTAX;
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i], *v;
		uint32_t *field;
		if (strcmp(w, "precedence") == 0) {
			field = &p.precedence;
			have_prec = true;
		} else if (strcmp(w, "srclabel") == 0) {
			field = &p.srclabel;
			have_src = true;
		} else if (strcmp(w, "dstlabel") == 0) {
			field = &p.dstlabel;
			have_dst = true;
		} else {
			return ipv6_usage_error(c, "unknown keyword \"%s\"", w);
		}
		if (ipv6_value_arg(c, argc, argv, &i, &v))
			return EXIT_SYNTAX;
		if (netcfg_parse_uint(v, UINT32_MAX, field) != NETCFG_OK)
			return ipv6_usage_error(c, "\"%s\" is not a number for %s", v, w);
	}
	if (!have_prec)
		return ipv6_usage_error(c, "missing precedence");
	if (!have_src)
		return ipv6_usage_error(c, "missing srclabel");
	if (!have_dst)
		p.dstlabel = p.srclabel;
	return ipv6_result(c, netcfg_prefix_policy_add(ipv6_handle(c), &p,
						       NETCFG_F_UPSERT | ipv6_persist_flag(c)));
}

int cmd_ppd(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_prefix p;
	if (argc < 1)
		return ipv6_usage_error(c, "missing prefix");
	if (argc > 1)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[1]);
	if (ipv6_prefix_arg(c, argv[0], &p))
		return EXIT_SYNTAX;
	return ipv6_result(c, netcfg_prefix_policy_delete(ipv6_handle(c), &p, ipv6_persist_flag(c)));
}
