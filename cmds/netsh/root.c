/* SPDX-License-Identifier: MIT */
/*
 * root.c - the root context ("netsh>"): the commands every context
 * inherits (.., ?, help, dump, exec, exit, pushd, popd, alias, unalias,
 * show alias, show helper) and the top-level sub-contexts.
 */
#include "netsh.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const struct context ctx_interface, ctx_winsock;

static int cmd_up(struct netsh *sh, const struct args *a)
{
	(void)a;
	if (sh->cur.n > 1)
		sh->cur.n--;
	return NETSH_EXIT_OK;
}

static int cmd_help(struct netsh *sh, const struct args *a)
{
	(void)sh;
	help_context(stdout, &a->ctx);
	return NETSH_EXIT_OK;
}

static int cmd_exit(struct netsh *sh, const struct args *a)
{
	(void)a;
	sh->done = true;
	return NETSH_EXIT_OK;
}

static int cmd_dump(struct netsh *sh, const struct args *a)
{
	return dump_context(sh, ctx_top(&a->ctx));
}

static int cmd_exec(struct netsh *sh, const struct args *a)
{
	return script_run(sh, arg(a, "filename")->text);
}

/* ---- the context stack ------------------------------------------------ */

static int cmd_pushd(struct netsh *sh, const struct args *a)
{
	if (sh->n_pushed == (int)(sizeof(sh->pushed) / sizeof(sh->pushed[0])))
		return netsh_fail(sh, NETSH_EXIT_FAIL, "pushd: the context stack is full (%d contexts).",
				  sh->n_pushed);
	struct ctxpath here = sh->cur;
	if (a->n_words) {
		int rc = netsh_enter(sh, a->words, a->n_words);
		if (rc)
			return rc;
	}
	sh->pushed[sh->n_pushed++] = here;
	return NETSH_EXIT_OK;
}

static int cmd_popd(struct netsh *sh, const struct args *a)
{
	(void)a;
	if (sh->n_pushed == 0)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "popd: the context stack is empty.");
	sh->cur = sh->pushed[--sh->n_pushed];
	return NETSH_EXIT_OK;
}

/* ---- aliases -------------------------------------------------------- */

static struct alias *alias_lookup(struct netsh *sh, const char *name, struct alias ***link)
{
	for (struct alias **pp = &sh->aliases; *pp; pp = &(*pp)->next) {
		if (strcasecmp((*pp)->name, name) == 0) {
			if (link)
				*link = pp;
			return *pp;
		}
	}
	return NULL;
}

static int alias_not_found(struct netsh *sh, const char *name)
{
	return netsh_fail(sh, NETSH_EXIT_FAIL, "The following alias was not found: %s.", name);
}

static int cmd_alias(struct netsh *sh, const struct args *a)
{
	if (a->n_words == 0) {
		sh->out->aliases(sh);
		return NETSH_EXIT_OK;
	}
	const char *name = a->words[0];
	struct alias *al = alias_lookup(sh, name, NULL);
	if (a->n_words == 1) {
		if (!al)
			return alias_not_found(sh, name);
		printf("%s\n", al->value);
		return NETSH_EXIT_OK;
	}
	if (strpbrk(name, " \t=\"") || name[0] == '#')
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "alias: \"%s\" cannot be an alias name.", name);
	char value[1024];
	size_t len = 0;
	for (int i = 1; i < a->n_words && len < sizeof(value); i++) {
		bool q = strpbrk(a->words[i], " \t") != NULL;
		len += (size_t)snprintf(value + len, sizeof(value) - len, "%s%s%s%s", i > 1 ? " " : "",
					q ? "\"" : "", a->words[i], q ? "\"" : "");
	}
	if (len >= sizeof(value))
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "alias: the value of %s is too long.", name);
	char *v = strdup(value);
	if (!v)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	if (al) {
		free(al->value);
		al->value = v;
		return NETSH_EXIT_OK;
	}
	al = calloc(1, sizeof(*al));
	if (!al || !(al->name = strdup(name))) {
		free(al);
		free(v);
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	}
	al->value = v;
	/* keep them sorted, as show alias lists them */
	struct alias **pp = &sh->aliases;
	while (*pp && strcasecmp((*pp)->name, name) < 0)
		pp = &(*pp)->next;
	al->next = *pp;
	*pp = al;
	return NETSH_EXIT_OK;
}

static int cmd_unalias(struct netsh *sh, const struct args *a)
{
	struct alias **link;
	const char *name = arg(a, "aliasname")->text;
	struct alias *al = alias_lookup(sh, name, &link);
	if (!al)
		return alias_not_found(sh, name);
	*link = al->next;
	free(al->name);
	free(al->value);
	free(al);
	return NETSH_EXIT_OK;
}

static int cmd_show_alias(struct netsh *sh, const struct args *a)
{
	(void)a;
	sh->out->aliases(sh);
	return NETSH_EXIT_OK;
}

static int cmd_show_helper(struct netsh *sh, const struct args *a)
{
	(void)a;
	sh->out->helpers(sh);
	return NETSH_EXIT_OK;
}

/* ---- tables ------------------------------------------------------------ */

static const struct tag exec_tags[] = {
	{ "filename", VAL_FILE, true, NULL, 0, 0, "The script file to run." },
	{ NULL },
};

static const struct tag unalias_tags[] = {
	{ "aliasname", VAL_STRING, true, NULL, 0, 0, "The alias to delete." },
	{ NULL },
};

/* CMD_ANY_ARGS: these only document the words */
static const struct tag alias_words[] = {
	{ "[aliasname]", VAL_STRING, false, NULL, 0, 0, "The name of the alias." },
	{ "[string1 [string2 ...]]", VAL_STRING, false, NULL, 0, 0,
	  "What the alias stands for: the words that replace it when a line starts with it." },
	{ NULL },
};

static const struct tag pushd_words[] = {
	{ "[context]", VAL_STRING, false, NULL, 0, 0,
	  "The context to change to after the current one is saved, as words "
	  "(interface ipv6)." },
	{ NULL },
};

static const struct command root_commands[] = {
	{ "..", NULL, cmd_up, NULL, 0, "Goes up one context level.",
	  "Changes to the parent of the current context; in the root context it does nothing.",
	  NULL },
	{ "?", "/?", cmd_help, NULL, 0, "Displays a list of commands.",
	  "Lists the commands of the current context, the commands it inherits and its "
	  "sub-contexts.  A command followed by ? shows that command's help.", NULL },
	{ "alias", NULL, cmd_alias, alias_words, CMD_ANY_ARGS, "Adds an alias.",
	  "With a name and a string, makes the name stand for the string at the start of a "
	  "line.  With a name only, shows what it stands for; with nothing, lists every alias.",
	  "alias si6 interface ipv6 show interface\nalias si6\nalias" },
	{ "bye", NULL, cmd_exit, NULL, 0, "Exits the program.", NULL, NULL },
	{ "dump", NULL, cmd_dump, NULL, CMD_SHOW, "Displays a configuration script.",
	  "Prints the persistent configuration of the current context and its sub-contexts "
	  "as a script of netsh commands.  Running the script with netsh -f or exec "
	  "restores that configuration.", "dump\ninterface ipv6 dump > ipv6.netsh" },
	{ "exec", NULL, cmd_exec, exec_tags, 0, "Runs a script file.",
	  "Runs the commands of the file as one transaction: either every change is made, "
	  "or none is and the first failing line is reported as file:line.",
	  "exec ipv6.netsh" },
	{ "exit", NULL, cmd_exit, NULL, 0, "Exits the program.", NULL, NULL },
	{ "help", NULL, cmd_help, NULL, 0, "Displays a list of commands.",
	  "The same as ?.", NULL },
	{ "popd", NULL, cmd_popd, NULL, 0, "Pops a context from the stack.",
	  "Returns to the context saved by the last pushd.", NULL },
	{ "pushd", NULL, cmd_pushd, pushd_words, CMD_ANY_ARGS, "Pushes current context on stack.",
	  "Saves the current context so that popd returns to it, then changes to the "
	  "context given, if any.", "pushd interface ipv6\npopd" },
	{ "quit", NULL, cmd_exit, NULL, 0, "Exits the program.", NULL, NULL },
	{ "unalias", NULL, cmd_unalias, unalias_tags, 0, "Deletes an alias.", NULL,
	  "unalias si6" },
	{ NULL },
};

static const struct command root_show[] = {
	{ "alias", NULL, cmd_show_alias, NULL, CMD_SHOW | CMD_SHELL, "Lists all defined aliases.",
	  NULL, NULL },
	{ "helper", NULL, cmd_show_helper, NULL, CMD_SHOW | CMD_SHELL, "Lists all the top-level helpers.",
	  "Lists the helpers that provide the contexts, with their GUIDs; the contexts of "
	  "netsh are built into the program.", NULL },
	{ NULL },
};

static const struct group root_groups[] = {
	{ "show", "Displays information.", root_show },
	{ NULL },
};

/* in the order of the help and of a dump */
static const struct context *const root_subs[] = { &ctx_interface, &ctx_winsock, NULL };

const struct context ctx_root = {
	.name = "netsh",
	.path = "",
	.commands = root_commands,
	.groups = root_groups,
	.subs = root_subs,
	.helper_guid = NULL,
};
