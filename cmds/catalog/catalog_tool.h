/* SPDX-License-Identifier: MIT */
/* catalog_tool.h - shared pieces of the catalog tool: context, exit codes,
 * argument helpers, the description file reader. */
#ifndef CATALOG_TOOL_H
#define CATALOG_TOOL_H

#include <netcfg/netcfg.h>

#include "../../catalog/catalog.h"
#include "../../libnetcfg/json.h"

#include <stdbool.h>

#define EXIT_REFUSED 1   /* the catalog refused, or verify found problems */
#define EXIT_SYNTAX 2    /* bad command line or description file */
#define EXIT_NODAEMON 3  /* the stack daemon cannot be reached */

struct tool {
	const char *cmd;          /* "install", "ns remove", ... for messages */
	bool json;                /* -j */
	bool verbose;             /* -v */
	unsigned mask;            /* --catalog: NETCFG_CATALOG_* (0: not given) */
	const char *app;          /* --app NAME */
	netcfg_t *h;              /* opened on first use */
};

netcfg_t *tool_handle(struct tool *t);
int tool_syntax(const struct tool *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The daemon's message for a failed call; EXIT_REFUSED or EXIT_NODAEMON. */
int tool_refused(const struct tool *t);
/* The one catalog of a command that takes one (64 unless --catalog). */
unsigned tool_catalog(const struct tool *t);
/* The catalogs of a change (64 unless --catalog). */
unsigned tool_mask(const struct tool *t);

/* Take the common options (-j, -v, --catalog N, --app NAME) out of argv; the rest
 * stays in order.  Returns -1 after a syntax message.  allow_both: the
 * command takes --catalog both. */
int tool_options(struct tool *t, int *argc, char **argv, bool allow_both);
/* "GUID" or a catalog entry id. */
int tool_target(const struct tool *t, const char *s, struct netcfg_guid *g, bool *by_guid, uint32_t *id);
/* Print a JSON document (pretty on a terminal). */
void tool_print_json(struct jw *w);

/* ---- description files (descfile.c) -------------------------------- */

/* A chain element before it is resolved against the catalog. */
struct chain_ref {
	enum { REF_ID, REF_SELF, REF_GUID, REF_DESCRIPTION } kind;
	uint32_t id;
	struct netcfg_guid guid;
	char text[NETCFG_PROTOCOL_LEN];
};

struct desc_entry {
	struct netcfg_protocol_info info;
	struct chain_ref refs[NETCFG_MAX_PROTOCOL_CHAIN];
	unsigned given;           /* DESC_* fields the file set */
	char where[64];           /* "entries[2]" for messages */
};
#define DESC_FAMILY 0x1u
#define DESC_TYPE 0x2u
#define DESC_PROTOCOL 0x4u
#define DESC_FLAGS 0x8u
#define DESC_PFL 0x10u
#define DESC_ADDRLEN 0x20u
#define DESC_MSGSIZE 0x40u
#define DESC_OFFSET 0x80u

struct desc_provider {
	char name[NETCFG_PROTOCOL_LEN];   /* the provider key of imports */
	struct netcfg_provider_install p;
	struct desc_entry *e;
	size_t n;
	char notes[2048];                 /* what an import read, for --dry-run */
};

struct desc_file {
	const char *path;
	const char *format;               /* "json", "winsock2.ini", "registry" */
	struct desc_provider *prov;
	size_t n_prov;
	struct netcfg_ns_provider *ns;
	size_t n_ns;
};

/* Read FILE (any of the three formats); warnings go to stderr.  -1 after
 * printing "catalog: CMD: FILE[:LINE[:COL]]: message". */
int desc_load(const struct tool *t, const char *path, struct desc_file *out);
void desc_free(struct desc_file *f);
/* Turn the chain references of a provider into catalog entry ids, and
 * fill in a chain's fields from its base entry. */
int desc_resolve(const struct tool *t, const struct desc_file *f, struct desc_provider *p,
		 const struct netcfg_catalog *c);

/* ---- commands ------------------------------------------------------ */

int cmd_show(struct tool *t, int argc, char **argv);
int cmd_install(struct tool *t, int argc, char **argv);
int cmd_update(struct tool *t, int argc, char **argv);
int cmd_remove(struct tool *t, int argc, char **argv);
int cmd_order(struct tool *t, int argc, char **argv);
int cmd_enable(struct tool *t, int argc, char **argv);
int cmd_disable(struct tool *t, int argc, char **argv);
int cmd_ns(struct tool *t, int argc, char **argv);
int cmd_category(struct tool *t, int argc, char **argv);
int cmd_resolve(struct tool *t, int argc, char **argv);
int cmd_events(struct tool *t, int argc, char **argv);
int cmd_reset(struct tool *t, int argc, char **argv);
int cmd_verify(struct tool *t, int argc, char **argv);
int cmd_run(struct tool *t, int argc, char **argv);

#endif
