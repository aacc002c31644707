/* SPDX-License-Identifier: MIT */
/*
 * main.c - netsh [-a AliasFile] [-c Context] [-r RemoteMachine] [-j]
 *                [Command | -f ScriptFile]
 *
 * A command on the command line runs once; -f runs a script as one
 * transaction; with neither, netsh reads commands interactively (with
 * readline on a terminal).
 */
#include "netsh.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: netsh [-a AliasFile] [-c Context] [-r RemoteMachine] [-j]\n"
		"             [Command | -f ScriptFile]\n"
		"\n"
		"  -a AliasFile    run AliasFile (aliases, or any commands), then continue\n"
		"  -c Context      start in Context, such as \"interface ipv6\"\n"
		"  -r Remote       configure another machine (not supported yet)\n"
		"  -j              print show commands as JSON\n"
		"  -f ScriptFile   run ScriptFile as one transaction and exit (- reads stdin)\n"
		"  Command         run one command and exit; a context alone starts there\n"
		"  -h, --help, /?  show this help;  -V, --version  show the version\n"
		"\n"
		"With no command and no -f, netsh reads commands: type ? for the commands of\n"
		"a context, a command followed by ? for its help, exit to leave.\n"
		"Exit status: 0 ok, 1 a command failed, 2 syntax error, 3 no stack daemon.\n"
		"See netsh(8).\n");
}

static int finish(struct netsh *sh, int rc)
{
	if (fflush(stdout) != 0 && rc == NETSH_EXIT_OK) {
		perror("netsh: standard output");
		rc = NETSH_EXIT_FAIL;
	}
	netsh_free(sh);
	return rc;
}

/* bash completion: the word being completed, then one candidate a line */
static int complete_main(struct netsh *sh, const char *line)
{
	struct strvec out = { 0 };
	size_t start = 0;
	complete_line(sh, line, &out, &start);
	printf("%s\n", line + start);
	for (size_t i = 0; i < out.n; i++)
		printf("%s\n", out.v[i]);
	strvec_free(&out);
	return finish(sh, NETSH_EXIT_OK);
}

static const char *need_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "netsh: option %s needs a value (see netsh --help)\n", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

int main(int argc, char **argv)
{
	struct netsh sh;
	const char *alias_file = NULL, *context = NULL, *script = NULL, *complete = NULL;
	int i = 1;

	memset(&sh, 0, sizeof(sh));
	sh.out = &netsh_text_output;
	sh.cur.v[0] = &ctx_root;
	sh.cur.n = 1;

	for (; i < argc; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-a") == 0) {
			if (!(alias_file = need_value(argc, argv, &i)))
				return NETSH_EXIT_SYNTAX;
		} else if (strcmp(o, "-c") == 0) {
			if (!(context = need_value(argc, argv, &i)))
				return NETSH_EXIT_SYNTAX;
		} else if (strcmp(o, "-f") == 0) {
			if (!(script = need_value(argc, argv, &i)))
				return NETSH_EXIT_SYNTAX;
		} else if (strcmp(o, "-r") == 0) {
			if (!need_value(argc, argv, &i))
				return NETSH_EXIT_SYNTAX;
			fprintf(stderr, "netsh: -r %s: remote management is not supported yet; "
				"netsh configures the stack daemon of this machine\n", argv[i]);
			return NETSH_EXIT_FAIL;
		} else if (strcmp(o, "-j") == 0) {
			sh.out = &netsh_json_output;
			sh.json = true;
		} else if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0 || strcmp(o, "/?") == 0 ||
			   strcmp(o, "-?") == 0) {
			usage(stdout);
			return NETSH_EXIT_OK;
		} else if (strcmp(o, "-V") == 0 || strcmp(o, "--version") == 0) {
			printf("netsh (netcfg) %s\n", NETCFG_VERSION);
			return NETSH_EXIT_OK;
		} else if (strcmp(o, "--complete") == 0) {
			if (!(complete = need_value(argc, argv, &i)))
				return NETSH_EXIT_SYNTAX;
		} else if (strcmp(o, "--") == 0) {
			i++;
			break;
		} else if (o[0] == '-' && o[1]) {
			fprintf(stderr, "netsh: unknown option \"%s\" (see netsh --help)\n", o);
			return NETSH_EXIT_SYNTAX;
		} else {
			break;
		}
	}
	if (script && i < argc) {
		fprintf(stderr, "netsh: give either a command or -f ScriptFile, not both\n");
		return NETSH_EXIT_SYNTAX;
	}
	if (context) {
		int rc = netsh_find_context(&sh, context, &sh.cur);
		if (rc)
			return finish(&sh, rc);
	}
	if (complete)
		return complete_main(&sh, complete);
	if (alias_file) {
		int rc = script_run(&sh, alias_file);
		if (rc || sh.done)
			return finish(&sh, rc);
	}
	if (script)
		return finish(&sh, script_run(&sh, script));
	if (i < argc) {
		int before = sh.cur.n;
		const struct context *top = ctx_top(&sh.cur);
		int rc = netsh_run_words(&sh, argv + i, argc - i);
		bool entered = rc == NETSH_EXIT_OK && sh.entered &&
			       (sh.cur.n != before || ctx_top(&sh.cur) != top);
		if (!entered || sh.done)
			return finish(&sh, rc);
	}
	return finish(&sh, interactive_run(&sh));
}
