/* SPDX-License-Identifier: MIT */
/* main.c - ipv6 (also installed as ip6): the legacy IPv6 configuration tool. */
#include "ipv6.h"

#include "../../libnetcfg/tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(struct ipv6_ctx *, int, char **);
	const char *usage;
} commands[] = {
	{ "if", cmd_if, "if [if#]" },
	{ "ifc", cmd_ifc, "ifc if# [forwards] [advertises] [-forwards] [-advertises] [mtu #bytes] [site N]" },
	{ "ifd", cmd_ifd, "ifd if#" },
	{ "ifcr", cmd_ifcr, "ifcr v6v4 v4src v4dst [nd] | ifcr 6over4 v4src" },
	{ "adu", cmd_adu, "adu if#/address [lifetime VL[/PL]] [anycast] [unicast]" },
	{ "nc", cmd_nc, "nc [if# [address]]" },
	{ "ncf", cmd_ncf, "ncf [if# [address]]" },
	{ "rc", cmd_rc, "rc [if# address]" },
	{ "rcf", cmd_rcf, "rcf [if# [address]]" },
	{ "bc", cmd_bc, "bc" },
	{ "rt", cmd_rt, "rt" },
	{ "rtu", cmd_rtu, "rtu prefix if#[/nexthop] [lifetime L] [preference P] [publish] [age] [spl N]" },
	{ "spt", cmd_spt, "spt" },
	{ "spu", cmd_spu, "spu prefix if# [lifetime L]" },
	{ "ppt", cmd_ppt, "ppt" },
	{ "ppu", cmd_ppu, "ppu prefix precedence P srclabel S [dstlabel D]" },
	{ "ppd", cmd_ppd, "ppd prefix" },
	{ "gp", cmd_gp, "gp" },
	{ "gpu", cmd_gpu, "gpu Parameter value [Parameter value]..." },
	{ "renew", cmd_renew, "renew [if#]" },
	{ "rq", cmd_rq, "rq destination[%scope] [if#]" },
	{ "sort", cmd_sort, "sort destination[%scope]..." },
	{ "ra", cmd_ra, "ra if#" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: ipv6 [-p] [-j] COMMAND [ARGS]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  ipv6 %s\n", commands[i].usage);
	fprintf(f,
		"\nOptions:\n"
		"  -p             make the change persistent (it survives a stack restart)\n"
		"  -j             print shows as JSON\n"
		"  -h, --help     show this help\n"
		"  -V, --version  show the version\n"
		"\nAbbreviations: forw = forwards, adv = advertises, life = lifetime,\n"
		"pref = preference, pub = publish.\n"
		"Exit status: 0 ok, 1 refused by the stack, 2 syntax error, 3 no stack daemon.\n"
		"See ipv6(8).\n");
}

int ipv6_usage_error(const struct ipv6_ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "ipv6: %s%s", c->cmd ? c->cmd : "", c->cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_SYNTAX;
}

int ipv6_stack_error(const struct ipv6_ctx *c)
{
	fprintf(stderr, "ipv6: %s: %s\n", c->cmd, netcfg_error(c->h));
	return netcfg_last_status(c->h) == NETCFG_ENODAEMON ? EXIT_NODAEMON : EXIT_STACK;
}

int ipv6_result(const struct ipv6_ctx *c, int rc)
{
	return rc == NETCFG_OK ? 0 : ipv6_stack_error(c);
}

unsigned ipv6_persist_flag(const struct ipv6_ctx *c)
{
	return c->persist ? NETCFG_F_PERSIST : 0;
}

int ipv6_no_persist(const struct ipv6_ctx *c, const char *why)
{
	if (!c->persist)
		return 0;
	return ipv6_usage_error(c, "-p does not apply: %s", why);
}

netcfg_t *ipv6_handle(struct ipv6_ctx *c)
{
	if (!c->h)
		c->h = tool_open("ipv6", EXIT_NODAEMON);
	return c->h;
}

bool ipv6_parse_ifnum(const char *s, uint32_t *out)
{
	return netcfg_parse_uint(s, UINT32_MAX, out) == NETCFG_OK && *out > 0;
}

int ipv6_ifnum_arg(const struct ipv6_ctx *c, const char *s, uint32_t *out)
{
	if (!ipv6_parse_ifnum(s, out))
		return ipv6_usage_error(c, "\"%s\" is not an interface number", s);
	return 0;
}

int ipv6_sole_ifnum(const struct ipv6_ctx *c, int argc, char **argv, bool required, uint32_t *out)
{
	*out = 0;
	if (argc < 1)
		return required ? ipv6_usage_error(c, "missing if#") : 0;
	if (argc > 1)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[1]);
	return ipv6_ifnum_arg(c, argv[0], out);
}

int ipv6_if_addr_args(const struct ipv6_ctx *c, int argc, char **argv, uint32_t *ifindex,
		      struct in6_addr *addr, bool *have_addr)
{
	*ifindex = 0;
	*have_addr = false;
	if (argc > 2)
		return ipv6_usage_error(c, "unexpected argument \"%s\"", argv[2]);
	if (argc >= 1 && ipv6_ifnum_arg(c, argv[0], ifindex))
		return EXIT_SYNTAX;
	if (argc == 2) {
		if (ipv6_addr_arg(c, argv[1], addr, NULL))
			return EXIT_SYNTAX;
		*have_addr = true;
	}
	return 0;
}

int ipv6_addr_arg(const struct ipv6_ctx *c, const char *s, struct in6_addr *a, uint32_t *scope)
{
	if (netcfg_parse_addr(s, a, scope) != NETCFG_OK)
		return ipv6_usage_error(c, "\"%s\" is not an IPv6 address", s);
	return 0;
}

int ipv6_prefix_arg(const struct ipv6_ctx *c, const char *s, struct netcfg_prefix *p)
{
	if (netcfg_parse_prefix(s, p) != NETCFG_OK)
		return ipv6_usage_error(c, "\"%s\" is not an IPv6 prefix (address/length, host bits zero)", s);
	return 0;
}

int ipv6_value_arg(const struct ipv6_ctx *c, int argc, char **argv, int *i, const char **value)
{
	if (*i + 1 >= argc)
		return ipv6_usage_error(c, "\"%s\" needs a value", argv[*i]);
	*value = argv[++*i];
	return 0;
}

bool ipv6_word(const char *word, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(word, *names) == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct ipv6_ctx c = { .out = &ipv6_text_output };
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-p") == 0) {
			c.persist = true;
		} else if (strcmp(o, "-j") == 0) {
			c.out = &ipv6_json_output;
		} else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(o, "-V") == 0 || strcmp(o, "--version") == 0) {
			printf("ipv6 (netcfg) %s\n", NETCFG_VERSION);
			return 0;
		} else {
			return ipv6_usage_error(&c, "unknown option \"%s\" (see ipv6 --help)", o);
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_SYNTAX;
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(argv[i], commands[k].name) != 0)
			continue;
		c.cmd = commands[k].name;
		int rc = commands[k].fn(&c, argc - i - 1, argv + i + 1);
		return tool_finish("ipv6", commands[k].usage, rc, c.h, EXIT_SYNTAX, EXIT_STACK);
	}
	return ipv6_usage_error(&c, "unknown command \"%s\" (see ipv6 --help)", argv[i]);
}
