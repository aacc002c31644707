/* SPDX-License-Identifier: MIT */
/* main.c - ipsec6: the IPv6 security policy and association tool. */
#include "ipsec6.h"

#include "../../libnetcfg/tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(struct ipsec6_ctx *, int, char **);
	const char *usage;
} commands[] = {
	{ "sp", cmd_sp, "sp [Interface]" },
	{ "sa", cmd_sa, "sa" },
	{ "c", cmd_c, "c [-f] FileName" },
	{ "a", cmd_a, "a [--allow-readable-keys] FileName" },
	{ "l", cmd_a, "l [--allow-readable-keys] FileName" },
	{ "i", cmd_i, "i [--allow-readable-keys] Policy FileName" },
	{ "d", cmd_d, "d sp|sa Index|all" },
	{ "check", cmd_check, "check [--allow-readable-keys] FileName" },
	{ "export", cmd_export, "export [--allow-readable-keys] FileName --format=ip-xfrm|setkey" },
	{ "lookup", cmd_lookup, "lookup src ADDR dst ADDR [proto P] [sport N] [dport N] [if N] [dir in|out]"
				"\n       ipsec6 lookup -f FILE" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: ipsec6 [-j] COMMAND [ARGS]\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  ipsec6 %s\n", commands[i].usage);
	fprintf(f,
		"\n"
		"  sp, sa     show the security policies (of one interface) or associations\n"
		"  c          write FileName.spd and FileName.sad holding the current databases\n"
		"  a, l       add the entries of FileName.spd and FileName.sad, all or nothing\n"
		"  i          add one policy of the files and the SAs that refer to it\n"
		"  d          delete a policy or SA by number, or all of them\n"
		"  check      validate the files and print the entries as they would be installed\n"
		"  export     print the files as ip -batch (ip xfrm) or setkey lines\n"
		"  lookup     the policy and SAs that would handle a flow\n"
		"\nOptions:\n"
		"  -j             print sp, sa and lookup as JSON\n"
		"  -h, --help     show this help\n"
		"  -V, --version  show the version\n"
		"\nChanges are made to the active stack only: they are lost when it restarts.\n"
		"Exit status: 0 ok, 1 refused, a bad file or nothing to show, 2 syntax error,\n"
		"3 no stack daemon.  See ipsec6(8), ipsec6-spd(5), ipsec6-sad(5).\n");
}

static void vmsg(const struct ipsec6_ctx *c, const char *fmt, va_list ap)
{
	fprintf(stderr, "ipsec6: %s%s", c->cmd ? c->cmd : "", c->cmd ? ": " : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int ipsec6_usage_error(const struct ipsec6_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, fmt, ap);
	va_end(ap);
	return EXIT_SYNTAX;
}

int ipsec6_fail(const struct ipsec6_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

int ipsec6_stack_error(const struct ipsec6_ctx *c, const char *prefix)
{
	fprintf(stderr, "ipsec6: %s: %s%s\n", c->cmd, prefix ? prefix : "", netcfg_error(c->h));
	return netcfg_last_status(c->h) == NETCFG_ENODAEMON ? EXIT_NODAEMON : EXIT_FAIL;
}

int ipsec6_print_msgs(const struct ipsec6_ctx *c, const struct ipsec_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		fprintf(stderr, "ipsec6: %s: %s%s\n", c->cmd, m->is_warning[i] ? "warning: " : "", m->v[i]);
	if (m->dropped)
		fprintf(stderr, "ipsec6: %s: and %zu more message%s\n", c->cmd, m->dropped,
			m->dropped == 1 ? "" : "s");
	return m->errors ? EXIT_FAIL : 0;
}

netcfg_t *ipsec6_handle(struct ipsec6_ctx *c)
{
	if (!c->h)
		c->h = tool_open("ipsec6", EXIT_NODAEMON);
	return c->h;
}

int main(int argc, char **argv)
{
	struct ipsec6_ctx c = { .out = &ipsec6_text_output };
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-j") == 0) {
			c.out = &ipsec6_json_output;
		} else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(o, "-V") == 0 || strcmp(o, "--version") == 0) {
			printf("ipsec6 (netcfg) %s\n", NETCFG_VERSION);
			return 0;
		} else {
			return ipsec6_usage_error(&c, "unknown option \"%s\" (see ipsec6 --help)", o);
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
		return tool_finish("ipsec6", commands[k].usage, rc, c.h, EXIT_SYNTAX, EXIT_FAIL);
	}
	return ipsec6_usage_error(&c, "unknown command \"%s\" (see ipsec6 --help)", argv[i]);
}
