/* SPDX-License-Identifier: MIT */
/*
 * catalog.h - the provider catalog model (libcatalog, internal).
 *
 * Pure logic over the types of <netcfg/catalog.h>: the two catalogs with
 * their transport entries and namespace providers, the install rules of
 * layered entries and chains, ordering, the socket-creation selection
 * rule, LSP and application categories, change events, the defaults of
 * this host, verification, and the state's JSON form.  stackd hosts one
 * struct catalog_state; the provider loader uses the selection rule.
 *
 * Changing calls return 0 or a Winsock code (NETCFG_WSAE*) and leave a
 * one-line message in err (CATALOG_ERRLEN bytes); on failure nothing was
 * changed.
 */
#ifndef CATALOG_CATALOG_H
#define CATALOG_CATALOG_H

#include <netcfg/catalog.h>

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct jw;

#define CATALOG_ERRLEN 512
#define CATALOG_FIRST_ID 1001
#define CATALOG_EVENTS_MAX 1000

struct catalog {
	unsigned which;                        /* 32 or 64 */
	struct netcfg_catalog_entry *v;        /* catalog order */
	size_t n, cap;
	struct netcfg_ns_provider *ns;         /* namespace order */
	size_t n_ns, cap_ns;
	uint32_t next_id;
};

struct catalog_state {
	struct catalog cat[2];                 /* 32, 64 */
	struct netcfg_app_category *apps;
	size_t n_apps, cap_apps;
	struct netcfg_catalog_event *events;   /* oldest first */
	size_t n_events, cap_events;
	uint64_t next_seq;
	uint64_t generation;
};

/* Who makes a change, for the change events. */
struct catalog_actor {
	const char *installer;                 /* the program's path */
	uint64_t now;
};

/* Where this host's defaults come from. */
#define CATALOG_DIR_MAX 896             /* leaves room for a file name in a path */
struct catalog_env {
	char provider_dir[CATALOG_DIR_MAX];    /* the base provider's directory */
	char nsswitch[PATH_MAX];               /* /etc/nsswitch.conf */
	char nss_dir[CATALOG_DIR_MAX];         /* where libnss_*.so.2 live */
};
#define CATALOG_BASE_PROVIDER "kernel.so"
#define CATALOG_32_SUBDIR "32"             /* 32-bit providers: PROVIDER_DIR/32 */

void catalog_state_init(struct catalog_state *s);
void catalog_state_free(struct catalog_state *s);
/* Deep copy into an initialized, empty dst; -1 when out of memory. */
int catalog_state_copy(struct catalog_state *dst, const struct catalog_state *src);
struct catalog *catalog_of(struct catalog_state *s, unsigned which);
const struct catalog *catalog_of_const(const struct catalog_state *s, unsigned which);

/* ---- defaults (defaults.c) ----------------------------------------- */

/* The environment of this host: provider_dir as given, the resolver's
 * configuration and the directory of the running libc. */
void catalog_env_init(struct catalog_env *env, const char *provider_dir);
/* Both catalogs from scratch: the kernel's TCP, UDP and RAW entries for
 * IPv4 and IPv6, and the resolver's namespace providers. */
int catalog_state_defaults(struct catalog_state *s, const struct catalog_env *env);
/* The transport defaults of one catalog (replacing its entries). */
int catalog_default_entries(struct catalog *c, const struct catalog_env *env);
/* The namespace providers nsswitch.conf's hosts line names. */
int catalog_default_namespaces(struct catalog *c, const struct catalog_env *env);

/* ---- lookups (model.c) --------------------------------------------- */

ptrdiff_t catalog_index(const struct catalog *c, uint32_t id);
struct netcfg_catalog_entry *catalog_find(struct catalog *c, uint32_t id);
ptrdiff_t catalog_ns_index(const struct catalog *c, const struct netcfg_guid *g);
/* The categories of an application (by its name, or the last part of
 * its path); false when it is not categorized. */
bool catalog_app_lookup(const struct catalog_state *s, const char *app, uint32_t *categories);
/* Why entry e cannot serve a program with app_categories (NULL = any
 * program): a disabled or missing layer, or a layer whose categories
 * keep it out.  NULL when it can. */
const char *catalog_entry_unusable(const struct catalog *c, const struct netcfg_catalog_entry *e,
				   const uint32_t *app_categories, char *buf, size_t size);

/* ---- changes (model.c) --------------------------------------------- */

int catalog_install(struct catalog_state *s, unsigned which, const struct netcfg_provider_install *p,
		    const struct catalog_actor *a, uint32_t *ids, char *err);
int catalog_update(struct catalog_state *s, unsigned which, const struct netcfg_provider_install *p,
		   char *err);
int catalog_update_entry(struct catalog_state *s, unsigned which, uint32_t id, unsigned mask,
			 const struct netcfg_catalog_entry *values, char *err);
int catalog_remove(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, uint32_t id,
		   bool force, const struct catalog_actor *a, char *err);
int catalog_order(struct catalog_state *s, unsigned which, const uint32_t *ids, size_t n, char *err);
int catalog_enable(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, uint32_t id,
		   bool enable, const struct catalog_actor *a, char *err);
int catalog_set_categories(struct catalog_state *s, unsigned which, const struct netcfg_guid *g,
			   uint32_t id, uint32_t categories, char *err);
int catalog_set_app(struct catalog_state *s, const char *app, uint32_t categories, char *err);
int catalog_ns_install(struct catalog_state *s, unsigned which, const struct netcfg_ns_provider *p,
		       char *err);
int catalog_ns_remove(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, char *err);
int catalog_ns_enable(struct catalog_state *s, unsigned which, const struct netcfg_guid *g,
		      bool active, char *err);
int catalog_ns_order(struct catalog_state *s, unsigned which, const struct netcfg_guid *ids, size_t n,
		     char *err);
int catalog_reset(struct catalog_state *s, unsigned which, const struct catalog_env *env,
		  const struct catalog_actor *a, char *err);
/* Append a change event (dropping the oldest beyond CATALOG_EVENTS_MAX). */
int catalog_log_event(struct catalog_state *s, const struct netcfg_catalog_event *e);

/* ---- the selection rule (select.c; also in the provider loader) ---- */

/* 0, or the code socket(af, type, protocol) fails with before any
 * entry is looked at (SOCK_RAW with protocol 0, family 0 with protocol 0). */
int catalog_select_precheck(int af, int type, int protocol, const char **why);
/* Does a base or chain entry match (af, type, protocol)?  0 is a wildcard
 * for af and type; protocol 0 matches only PFL_MATCHES_PROTOCOL_ZERO. */
bool catalog_entry_matches(const struct netcfg_protocol_info *p, int af, int type, int protocol);
/* The code for "nothing matched", from what came closest. */
struct catalog_nearest {
	bool family, type;                     /* some entry had the family / the type too */
};
void catalog_nearest_note(struct catalog_nearest *n, const struct netcfg_protocol_info *p, int af,
			  int type);
int catalog_nearest_code(const struct catalog_nearest *n);

/* The full rule over a catalog, with reasons. */
void catalog_resolve(const struct catalog *c, int af, int type, int protocol,
		     const uint32_t *app_categories, struct netcfg_catalog_resolution *r);

/* ---- verification (verify.c, elf.c) -------------------------------- */

struct catalog_findings {
	struct netcfg_catalog_finding *v;
	size_t n, cap;
};
/* Inspect one catalog; with repair, make the safe repairs (recording
 * them in the findings).  -1 when out of memory. */
int catalog_verify(struct catalog_state *s, unsigned which, bool repair,
		   const struct catalog_actor *a, struct catalog_findings *out);
void catalog_findings_free(struct catalog_findings *f);

/* Is path a shared object of this host's machine and of the catalog's
 * class that exports symbol as a defined function?  Reads the file's
 * headers and dynamic symbol table only; never maps it for execution.
 * 0, or -1 with the reason in why. */
int catalog_elf_check(const char *path, unsigned which, const char *symbol, char *why, size_t size);
/* 32 or 64 for an ELF file, 0 for anything else. */
unsigned catalog_elf_class(const char *path);

/* ---- JSON forms (state.c, plan.c) ---------------------------------- */

void catalog_state_write(struct jw *w, const struct catalog_state *s);
/* Parse a state document; err gets "LINE: message". */
int catalog_state_read(const char *text, size_t len, struct catalog_state *s, char *err, size_t errlen);

/* The load plan of a program: every entry it may be served by, in
 * catalog order, with the chain's providers (see netcfg-provider(7)). */
void catalog_plan_write(struct jw *w, const struct catalog_state *s, unsigned which, const char *app);

/* ---- text (show.c) ------------------------------------------------- */

/* The `netsh winsock show catalog` blocks: transport entries, then
 * namespace providers.  Without verbose, layered entries are left out
 * (as WSAEnumProtocols does) and only the classic fields are printed. */
void catalog_print(FILE *f, const struct netcfg_catalog *c, bool verbose);
/* The same blocks as the callbacks of netcfg_catalog_walk(), for a
 * listing printed as it arrives; a newline ends it, as catalog_print()
 * ends. */
struct catalog_printer {
	FILE *f;
	unsigned which;          /* 32 or 64 */
	bool verbose;
};
int catalog_printer_entry(void *printer, const struct netcfg_catalog_entry *e);
int catalog_printer_ns(void *printer, const struct netcfg_ns_provider *ns);
void catalog_print_entry(FILE *f, const struct netcfg_catalog_entry *e, unsigned which, bool verbose);
void catalog_print_ns(FILE *f, const struct netcfg_ns_provider *p, bool verbose);
/* The same listing as JSON (`catalog -j show`, `netsh -j winsock show
 * catalog`): {"catalog", "generation", "entries", "namespaces"}, each
 * object written by the catalog codec. */
void catalog_write_json(struct jw *w, const struct netcfg_catalog *c, bool verbose);
/* What `catalog reset` and `netsh winsock reset` say when they are done. */
void catalog_print_reset(FILE *f, const char *backup);
/* Should `show` without -v list this entry? */
bool catalog_entry_listed(const struct netcfg_catalog_entry *e, bool verbose);
/* One "%-36s%s" line. */
void catalog_print_field(FILE *f, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "LSP_SYSTEM LSP_FIREWALL" (or "none"), unknown bits as hex. */
const char *catalog_categories_text(uint32_t categories, char *buf, size_t size);

#endif
