/* SPDX-License-Identifier: MIT */
/*
 * winsock.c - the `winsock' context: the provider catalog the stack daemon
 * keeps (catalog(8)), as Windows XP SP2's netsh winsock shows it: show
 * catalog, reset and dump.
 *
 * show catalog prints with the printer of `catalog show` (catalog/show.c)
 * and -j with the catalog codec, so the two tools cannot drift apart.
 * netsh winsock has no command that installs a provider, so its dump
 * cannot recreate the catalog: it describes it in comments, and running
 * it leaves the catalog as it is (see netsh(8)).
 */
#include "netsh.h"

#include "../../catalog/catalog.h"

#include <limits.h>
#include <string.h>

static int winsock_show_catalog(struct netsh *sh, const struct args *a)
{
	struct netcfg_catalog c;
	const char *level = arg_enum(a, "level");
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_catalog_get(h, 64, &c) != NETCFG_OK)
		return netsh_stack_error(sh);
	sh->out->catalog(sh, &c, level && strcmp(level, "verbose") == 0);
	netcfg_catalog_free(&c);
	return NETSH_EXIT_OK;
}

/* Both catalogs, as a clean state means on a 64-bit system. */
static int winsock_reset(struct netsh *sh, const struct args *a)
{
	char backup[PATH_MAX + 64];
	(void)a;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_catalog_reset(h, NETCFG_CATALOG_BOTH, backup, sizeof(backup)) != NETCFG_OK)
		return netsh_stack_error(sh);
	/* inside a script the reset is part of the script's batch */
	if (!netsh_in_script(sh))
		catalog_print_reset(stdout, backup);
	return NETSH_EXIT_OK;
}

/* ---- dump ------------------------------------------------------------------ */

/* Text from a description file inside a comment: a line break would end
 * the comment and put the rest of the text on a line of its own, where a
 * replay of the dump would run it. */
static const char *comment_safe(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		buf[n++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
	buf[n] = '\0';
	return buf;
}

static void dump_catalog(const struct netcfg_catalog *c)
{
	size_t kinds[3] = { 0 };   /* layered, base, chain */
	for (size_t i = 0; i < c->n_entries; i++) {
		int len = c->entries[i].info.chain_len;
		kinds[len > NETCFG_BASE_PROTOCOL ? 2 : len == NETCFG_BASE_PROTOCOL]++;
	}
	printf("# %u-bit catalog: %zu transport entr%s (%zu base, %zu layered, %zu chain%s), "
	       "%zu namespace provider%s\n", c->catalog, c->n_entries, c->n_entries == 1 ? "y" : "ies",
	       kinds[1], kinds[0], kinds[2], kinds[2] == 1 ? "" : "s", c->n_ns, c->n_ns == 1 ? "" : "s");
	for (size_t i = 0; i < c->n_entries; i++) {
		const struct netcfg_catalog_entry *e = &c->entries[i];
		const struct netcfg_protocol_info *p = &e->info;
		char g[NETCFG_GUID_STRLEN], text[NETCFG_PROTOCOL_LEN];
		if (p->chain_len == NETCFG_BASE_PROTOCOL)
			continue;
		printf("#   %u %s", p->catalog_entry_id,
		       p->chain_len == NETCFG_LAYERED_PROTOCOL ? "layered" : "chain");
		for (int k = 0; p->chain_len > NETCFG_BASE_PROTOCOL && k < p->chain_len; k++)
			printf(" %u", p->chain[k]);
		printf(" %s \"%s\"%s\n", netcfg_guid_format(&p->provider_id, g),
		       comment_safe(p->description, text, sizeof(text)), e->enabled ? "" : " (disabled)");
	}
}

static int winsock_dump(struct netsh *sh)
{
	static const unsigned which[] = { 64, 32 };
	struct netcfg_catalog c[2];
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	for (size_t i = 0; i < 2; i++) {
		if (netcfg_catalog_get(h, which[i], &c[i]) != NETCFG_OK) {
			if (i)
				netcfg_catalog_free(&c[0]);
			return netsh_stack_error(sh);
		}
	}
	dump_block("Winsock", "winsock", true);
	printf("# The provider catalog is not recreated by this script: netsh winsock has\n"
	       "# no command that installs a provider, so running the script leaves the\n"
	       "# catalog as it is.  catalog(8) installs, orders and removes providers.\n"
	       "# What the catalogs hold, with their layered entries and chains in order:\n");
	for (size_t i = 0; i < 2; i++) {
		dump_catalog(&c[i]);
		netcfg_catalog_free(&c[i]);
	}
	dump_block("Winsock", NULL, false);
	return NETSH_EXIT_OK;
}

/* ---- tables ------------------------------------------------------------------ */

static const char *const level_values[] = { "normal", "verbose", NULL };

static const struct tag show_catalog_tags[] = {
	{ "level", VAL_ENUM, false, level_values, 0, 0,
	  "normal: the base entries and chains with the classic fields (the default).\n"
	  "verbose: every entry, layered ones included, with every field." },
	{ NULL },
};

static const struct command winsock_show[] = {
	{ "catalog", NULL, winsock_show_catalog, show_catalog_tags, CMD_SHOW,
	  "Displays the contents of the Winsock catalog.",
	  "Lists the transport entries of the 64-bit provider catalog in catalog order, then "
	  "the namespace providers, one block each, as catalog show prints them.  Layered "
	  "entries are left out, as an application enumerating the catalog sees it, unless "
	  "level=verbose is given.",
	  "show catalog\nshow catalog level=verbose" },
	{ NULL },
};

static const struct group winsock_groups[] = {
	{ "show", "Displays information.", winsock_show },
	{ NULL },
};

static const struct command winsock_commands[] = {
	{ "reset", NULL, winsock_reset, NULL, CMD_CHANGE | CMD_QUIET,
	  "Resets the Winsock Catalog to a clean state.",
	  "Restores the default transport entries of the 32-bit and the 64-bit catalogs and "
	  "removes every other entry, layered service providers included; namespace providers "
	  "are left as they are.  The previous catalogs are kept in a backup file whose path is "
	  "printed, and a catalog reset event is logged for each catalog.  Programs started "
	  "from now on use the reset catalog.",
	  "reset" },
	{ NULL },
};

const struct context ctx_winsock = {
	.name = "winsock",
	.path = "winsock",
	.commands = winsock_commands,
	.groups = winsock_groups,
	.dump = winsock_dump,
	.helper_guid = "{C4F6C1D2-8E3B-4A57-9D0E-2B7A61F3E845}",
};
