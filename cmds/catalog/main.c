/* SPDX-License-Identifier: MIT */
/* main.c - catalog: the provider catalog tool (catalog(8)). */
#include "catalog_tool.h"

#include "../../libnetcfg/tool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	int (*fn)(struct tool *, int, char **);
	const char *usage;
} commands[] = {
	{ "show", cmd_show, "show [-v] [--catalog 32|64]" },
	{ "install", cmd_install, "install [--catalog 32|64|both] [--dry-run] FILE" },
	{ "update", cmd_update, "update [--catalog 32|64|both] FILE | ID [--path P] [--description D] "
				"[--service-flags N] [--provider-flags N] [--message-size N]" },
	{ "remove", cmd_remove, "remove [--catalog 32|64|both] [--force] GUID|ID" },
	{ "order", cmd_order, "order [--catalog 32|64] ID..." },
	{ "enable", cmd_enable, "enable [--catalog 32|64|both] GUID|ID" },
	{ "disable", cmd_disable, "disable [--catalog 32|64|both] GUID|ID" },
	{ "ns", cmd_ns, "ns install FILE | ns install --guid G --namespace N --path P --description D "
			"[--version N] [--stores-all] [--inactive] [--blob HEX]\n"
			"  catalog ns remove|enable|disable GUID | ns order GUID...  "
			"[--catalog 32|64|both]" },
	{ "category", cmd_category, "category set GUID|ID|--app NAME CATEGORIES | "
				    "category show [GUID|ID|--app NAME]" },
	{ "resolve", cmd_resolve, "resolve [--catalog 32|64] [--app NAME] FAMILY TYPE PROTOCOL" },
	{ "events", cmd_events, "events [--catalog 32|64]" },
	{ "reset", cmd_reset, "reset [--catalog 32|64|both]" },
	{ "verify", cmd_verify, "verify [--catalog 32|64|both] [--repair]" },
	{ "run", cmd_run, "run [--catalog 32|64] [--app NAME] [-v] -- PROGRAM [ARGS...]" },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "Usage: catalog [-j] [--catalog 32|64|both] COMMAND [ARGS]\n\nCommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  catalog %s\n", commands[i].usage);
	fprintf(f,
		"\nOptions:\n"
		"  -j               print as JSON\n"
		"  -v               verbose: every entry and field (show), what loads (run)\n"
		"  --catalog N      the 32-bit or 64-bit catalog (default 64); both for changes\n"
		"  -h, --help       show this help\n"
		"  -V, --version    show the version\n"
		"\nExit status: 0 ok, 1 refused (or problems found), 2 syntax error, 3 no stack daemon.\n"
		"See catalog(8), catalog-provider(5) and netcfg-provider(7).\n");
}

netcfg_t *tool_handle(struct tool *t)
{
	if (!t->h)
		t->h = tool_open("catalog", EXIT_NODAEMON);
	return t->h;
}

/* The usage line follows errors in the command line, not those in a
 * description file (which exit with the same status). */
static bool bad_command_line;

int tool_syntax(const struct tool *t, const char *fmt, ...)
{
	va_list ap;
	bad_command_line = true;
	fprintf(stderr, "catalog: %s%s", t->cmd ? t->cmd : "", t->cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_SYNTAX;
}

int tool_refused(const struct tool *t)
{
	fprintf(stderr, "catalog: %s: %s\n", t->cmd, netcfg_error(t->h));
	return netcfg_last_status(t->h) == NETCFG_ENODAEMON ? EXIT_NODAEMON : EXIT_REFUSED;
}

unsigned tool_catalog(const struct tool *t)
{
	return t->mask == NETCFG_CATALOG_32 ? 32 : 64;
}

unsigned tool_mask(const struct tool *t)
{
	return t->mask ? t->mask : NETCFG_CATALOG_64;
}

static int parse_catalog(struct tool *t, const char *v, bool allow_both)
{
	if (strcmp(v, "32") == 0)
		t->mask = NETCFG_CATALOG_32;
	else if (strcmp(v, "64") == 0)
		t->mask = NETCFG_CATALOG_64;
	else if (strcmp(v, "both") == 0 && allow_both)
		t->mask = NETCFG_CATALOG_BOTH;
	else
		return tool_syntax(t, "--catalog \"%s\": give 32 or 64%s", v, allow_both ? " or both" : ""), -1;
	return 0;
}

int tool_options(struct tool *t, int *argc, char **argv, bool allow_both)
{
	int out = 0;
	if (t->mask == NETCFG_CATALOG_BOTH && !allow_both)
		return tool_syntax(t, "--catalog both: this command works on one catalog"), -1;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		} else if (strcmp(a, "-j") == 0) {
			t->json = true;
		} else if (strcmp(a, "-v") == 0) {
			t->verbose = true;
		} else if (strcmp(a, "--catalog") == 0) {
			if (i + 1 >= *argc)
				return tool_syntax(t, "--catalog needs 32 or 64"), -1;
			if (parse_catalog(t, argv[++i], allow_both) < 0)
				return -1;
		} else if (strcmp(a, "--app") == 0) {
			if (i + 1 >= *argc)
				return tool_syntax(t, "--app needs an application name"), -1;
			t->app = argv[++i];
		} else if (strncmp(a, "--catalog=", 10) == 0) {
			if (parse_catalog(t, a + 10, allow_both) < 0)
				return -1;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return 0;
}

int tool_target(const struct tool *t, const char *s, struct netcfg_guid *g, bool *by_guid, uint32_t *id)
{
	*by_guid = false;
	*id = 0;
	if (netcfg_guid_parse(s, g) == NETCFG_OK) {
		*by_guid = true;
		return 0;
	}
	if (netcfg_parse_uint(s, UINT32_MAX, id) == NETCFG_OK && *id > 0)
		return 0;
	return tool_syntax(t, "\"%s\" is neither a provider GUID nor a catalog entry id", s);
}

void tool_print_json(struct jw *w)
{
	if (json_print(w) < 0)
		fprintf(stderr, "catalog: out of memory\n");
}

int main(int argc, char **argv)
{
	struct tool t = { 0 };
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-j") == 0) {
			t.json = true;
		} else if (strcmp(o, "-v") == 0) {
			t.verbose = true;
		} else if (strcmp(o, "--catalog") == 0 || strncmp(o, "--catalog=", 10) == 0) {
			const char *v = o[9] == '=' ? o + 10 : i + 1 < argc ? argv[++i] : NULL;
			if (!v)
				return tool_syntax(&t, "--catalog needs 32, 64 or both");
			if (parse_catalog(&t, v, true) < 0)
				return EXIT_SYNTAX;
		} else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(o, "-V") == 0 || strcmp(o, "--version") == 0) {
			printf("catalog (netcfg) %s\n", NETCFG_VERSION);
			return 0;
		} else {
			return tool_syntax(&t, "unknown option \"%s\" (see catalog --help)", o);
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
	for (size_t k = 0; k < N_COMMANDS; k++) {
		if (strcmp(argv[i], commands[k].name) != 0)
			continue;
		t.cmd = commands[k].name;
		int rc = commands[k].fn(&t, argc - i - 1, argv + i + 1);
		return tool_finish("catalog", commands[k].usage, rc, t.h, bad_command_line ? EXIT_SYNTAX : -1,
				   EXIT_REFUSED);
	}
	return tool_syntax(&t, "unknown command \"%s\" (see catalog --help)", argv[i]);
}
