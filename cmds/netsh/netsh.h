/* SPDX-License-Identifier: MIT */
/*
 * netsh.h - the netsh shell: static command tables, the shell state, bound
 * arguments and the output tables.
 *
 * The command tree is data.  A context (root, "interface", "interface
 * ipv6", its "6to4" and "isatap") is a table of commands, of groups of
 * commands (add, delete, set, show) and of sub-contexts.  Parsing, help,
 * completion (readline and bash) and the documentation in netsh(8) are all
 * driven from these tables, so a command exists everywhere or nowhere.
 * A new context (such as winsock, the provider catalog) is one more table
 * listed in the sub-contexts of its parent (root.c).
 */
#ifndef NETSH_NETSH_H
#define NETSH_NETSH_H

#include <netcfg/netcfg.h>

#include <stdbool.h>
#include <stdio.h>

/* exit statuses (netsh(8)) */
#define NETSH_EXIT_OK 0
#define NETSH_EXIT_FAIL 1      /* a command failed or the stack refused it */
#define NETSH_EXIT_SYNTAX 2    /* unknown command, bad tag or value */
#define NETSH_EXIT_NODAEMON 3  /* the stack daemon cannot be reached */

struct netsh;
struct args;

/* ---- tables -------------------------------------------------------- */

enum val_kind {
	VAL_STRING,        /* any text */
	VAL_IFACE,         /* an interface name or index */
	VAL_ADDR,          /* IPv6 address */
	VAL_ADDR_OR_ALL,   /* IPv6 address or "all" */
	VAL_PREFIX,        /* IPv6 prefix address/length */
	VAL_IPV4,          /* dotted-quad IPv4 address */
	VAL_UINT,          /* decimal between min and max */
	VAL_LIFETIME,      /* "infinite" or a duration: 90, 1d2h3m4s */
	VAL_ENUM,          /* one of values[] (unique prefixes accepted) */
	VAL_FILE,          /* a file name */
};

/* A tag: a named parameter of a command; positional arguments fill the
 * tags in table order. */
struct tag {
	const char *name;
	enum val_kind kind;
	bool required;
	const char *const *values;   /* VAL_ENUM: the words, NULL-terminated */
	uint32_t min, max;           /* VAL_UINT */
	const char *help;            /* what the value means */
};

#define MAX_TAGS 16

/* command flags */
#define CMD_CHANGE 0x1  /* changes the stack: "Ok.", batched inside scripts */
#define CMD_SHOW   0x2  /* prints the stack's state: -j; runs after a script's changes */
#define CMD_ANY_ARGS 0x4 /* takes free-form words (alias) instead of tags */
#define CMD_SHELL  0x8  /* about the shell itself: runs at once inside scripts */
#define CMD_QUIET  0x10 /* a change that says itself how it went: no "Ok." */

struct command {
	const char *name;
	const char *alias;           /* another accepted name, or NULL */
	int (*run)(struct netsh *sh, const struct args *a);
	const struct tag *tags;      /* terminated by an entry with name NULL */
	unsigned flags;
	const char *summary;         /* one line, for the command lists */
	const char *remarks;         /* a paragraph for its help, or NULL */
	const char *examples;        /* lines separated by '\n', or NULL */
};

struct group {
	const char *name;            /* "add" */
	const char *summary;
	const struct command *commands;  /* terminated by an entry with name NULL */
};

struct context {
	const char *name;            /* "ipv6" */
	const char *path;            /* "interface ipv6" ("" for the root) */
	const struct command *commands;      /* may be NULL */
	const struct group *groups;          /* may be NULL */
	const struct context *const *subs;   /* NULL-terminated, may be NULL */
	/* Print the context's configuration as a script (NULL: nothing of
	 * its own); its sub-contexts follow it in a dump. */
	int (*dump)(struct netsh *sh);
	const char *helper_guid;     /* show helper */
};

extern const struct context ctx_root;

/* ---- contexts at run time ------------------------------------------ */

#define MAX_DEPTH 8

/* A position in the tree: v[0] is the root, v[n-1] the current context. */
struct ctxpath {
	const struct context *v[MAX_DEPTH];
	int n;
};

static inline const struct context *ctx_top(const struct ctxpath *p) { return p->v[p->n - 1]; }

/* ---- bound arguments ----------------------------------------------- */

struct value {
	bool set;
	const char *text;            /* as given (unquoted) */
	uint32_t u;                  /* VAL_UINT, VAL_LIFETIME, VAL_ENUM (index) */
	bool all;                    /* VAL_ADDR_OR_ALL: "all" */
	struct in6_addr addr;
	struct netcfg_prefix prefix;
	struct in_addr v4;
	uint32_t ifindex;            /* VAL_IFACE given as a number */
};

struct args {
	const struct command *cmd;
	const struct group *group;   /* NULL for a top-level command */
	struct ctxpath ctx;          /* the context the command was typed in */
	struct value v[MAX_TAGS];
	char **words;                /* CMD_ANY_ARGS: the words after the command */
	int n_words;
};

/* The value of a tag (never NULL for a tag of the command). */
const struct value *arg(const struct args *a, const char *tag);
bool arg_set(const struct args *a, const char *tag);
/* store=active|persistent: NETCFG_F_PERSIST unless store=active. */
unsigned arg_store_flags(const struct args *a);
/* The text of the tag's enum value ("enabled"); NULL when not given. */
const char *arg_enum(const struct args *a, const char *tag);
/* enabled/disabled */
bool arg_enabled(const struct args *a, const char *tag);

/* Bind words to the tags of cmd.  On error prints the message (and usage)
 * and returns NETSH_EXIT_SYNTAX. */
int args_bind(struct netsh *sh, struct args *a, char **words, int n);

/* ---- the shell ----------------------------------------------------- */

struct alias {
	struct alias *next;
	char *name;
	char *value;
};

struct script;   /* script.c */

struct netsh {
	netcfg_t *h;                 /* opened on first use */
	bool lost;                   /* h lost the daemon: the next command connects again */
	const struct netsh_output *out;
	bool json;
	struct ctxpath cur;
	struct ctxpath pushed[16];
	int n_pushed;
	struct alias *aliases;
	bool interactive;            /* reading a terminal: "Ok.", usage on errors */
	bool done;                   /* exit, quit, bye */
	struct script *script;       /* the script being read, or NULL */
	const char *where_file;      /* inside a script: where messages point */
	unsigned where_line;
	int last_status;             /* the last failure (0 if none) */
	struct netcfg_interface_list ifs;  /* cached for name resolution */
	bool have_ifs;
	struct netcfg_route_list routes;   /* cached for set route, sorted */
	bool have_routes;
	bool entered;                /* the last line only changed the context */
};

/* Connect (auto-starting an embedded stackd); NULL after printing why. */
netcfg_t *netsh_handle(struct netsh *sh);
/* A message about the command being run: "file:line: " first inside a
 * script.  Returns status. */
int netsh_fail(struct netsh *sh, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The stack's message for the last failed libnetcfg call. */
int netsh_stack_error(struct netsh *sh);
/* Forget cached state after a change. */
void netsh_changed(struct netsh *sh);
/* Free what the shell holds: caches, aliases, the handle. */
void netsh_free(struct netsh *sh);
/* The interface list (cached until the next change); NULL on failure. */
const struct netcfg_interface_list *netsh_interfaces(struct netsh *sh);
/* Resolve an interface value to an index (shows and merges): by name
 * (exact, then case-insensitive), else by index.  Prints the error. */
int netsh_iface_index(struct netsh *sh, const struct value *v, uint32_t *index);
/* The same without messages: false when the interface is not known. */
bool netsh_iface_lookup(struct netsh *sh, const struct value *v, uint32_t *index);
/* A route of the stack (cached until the next change), or NULL. */
const struct netcfg_route *netsh_route_find(struct netsh *sh, const struct netcfg_prefix *p,
					    uint32_t ifindex, const struct in6_addr *nexthop);
/* The canonical name of the interface a value names, for change requests
 * (NULL when given by index). */
const char *netsh_iface_name(struct netsh *sh, const struct value *v);
/* Name of an interface by index ("" when unknown). */
const char *netsh_ifname(struct netsh *sh, uint32_t index);

/* Run one command line (already split into words) in the current context. */
int netsh_run_words(struct netsh *sh, char **words, int n);
/* Split a line into words: blanks separate, double quotes group.  Returns
 * the count, or -1 with *why set.  The words point into buf (modified). */
int netsh_split(char *buf, char **words, int max, const char **why);
#define MAX_WORDS 128
/* Run one line of text. */
int netsh_run_line(struct netsh *sh, const char *line);
/* "netsh interface ipv6>" */
void netsh_prompt(const struct netsh *sh, char *buf, size_t size);
/* Resolve a context path typed as one string ("interface ipv6"), from
 * the root. */
int netsh_find_context(struct netsh *sh, const char *text, struct ctxpath *out);
/* Change to the context the words name (relative to the current one, as
 * if typed). */
int netsh_enter(struct netsh *sh, char **w, int n);

/* ---- matching ------------------------------------------------------ */

/* Case-insensitive: is word a prefix of name? */
bool word_prefix(const char *word, const char *name);

/* ---- help (help.c) -------------------------------------------------- */

void help_context(FILE *f, const struct ctxpath *p);
void help_group(FILE *f, const struct ctxpath *p, const struct group *g);
void help_command(FILE *f, const struct group *g, const struct command *c);
void help_usage(FILE *f, const struct group *g, const struct command *c);
/* "add address" */
const char *command_name(const struct group *g, const struct command *c, char *buf, size_t size);

/* ---- scripts (script.c) --------------------------------------------- */

/* Run a file as one batch.  Nested calls (exec inside a script) read the
 * file into the enclosing batch. */
int script_run(struct netsh *sh, const char *path);
/* Inside a script, around a command that changes the stack: open the
 * batch, then note where the changes it queued come from. */
int script_change_begin(struct netsh *sh);
int script_change_end(struct netsh *sh);
/* Before a message: the progress line of a long script goes away. */
void script_message(struct netsh *sh);
/* Inside a script: queue a show to run after the script's changes. */
bool script_defer(struct netsh *sh, const struct args *a, char **words, int n);
/* Whether a script is being read (changes are being queued). */
static inline bool netsh_in_script(const struct netsh *sh) { return sh->script != NULL; }

/* ---- interactive mode (interactive.c) ------------------------------- */

int interactive_run(struct netsh *sh);

/* ---- completion (complete.c) ------------------------------------------ */

struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *s, const char *str);
void strvec_free(struct strvec *s);

/* Candidates for the word that ends at the end of line.  *word_start is
 * the offset in line where that word begins. */
void complete_line(struct netsh *sh, const char *line, struct strvec *out, size_t *word_start);

/* ---- dump (dump.c) ----------------------------------------------------- */

/* Dump a context and its sub-contexts. */
int dump_context(struct netsh *sh, const struct context *c);
/* The comment lines and pushd/popd around a context's block in a dump:
 * title "6to4", path "interface ipv6 6to4". */
void dump_block(const char *title, const char *path, bool begin);
/* A value as a script writes it: quoted when it needs to be (into buf). */
const char *dump_quote(const char *s, char *buf, size_t size);

/* ---- outputs (output.c, output_json.c) ----------------------------- */

struct netsh_output {
	void (*interfaces)(struct netsh *sh, const struct netcfg_interface_list *l, bool detail);
	void (*addresses)(struct netsh *sh, const struct netcfg_interface_list *l);
	void (*joins)(struct netsh *sh, const struct netcfg_interface_list *l);
	void (*routes)(struct netsh *sh, const struct netcfg_route_list *l);
	void (*policies)(struct netsh *sh, const struct netcfg_prefix_policy_list *l);
	void (*global)(struct netsh *sh, const struct netcfg_global *g);
	void (*privacy)(struct netsh *sh, const struct netcfg_global *g);
	void (*mobility)(struct netsh *sh, const struct netcfg_global *g);
	/* only: the interface asked for (0: all) */
	void (*dns)(struct netsh *sh, const struct netcfg_dns_list *l, uint32_t only);
	void (*neighbors)(struct netsh *sh, const struct netcfg_neighbor_list *l);
	void (*destcache)(struct netsh *sh, const struct netcfg_destcache_list *l, bool verbose);
	void (*site_prefixes)(struct netsh *sh, const struct netcfg_site_prefix_list *l);
	void (*bindings)(struct netsh *sh, const struct netcfg_binding_list *l);
	/* the fields in s->mask; the interfaces when the mask is 0 */
	void (*sixtofour)(struct netsh *sh, const struct netcfg_6to4 *s);
	void (*isatap)(struct netsh *sh, const struct netcfg_isatap *s);
	/* netsh winsock show catalog: the layout of catalog(8)'s show */
	void (*catalog)(struct netsh *sh, const struct netcfg_catalog *c, bool verbose);
	void (*aliases)(struct netsh *sh);
	void (*helpers)(struct netsh *sh);
};
extern const struct netsh_output netsh_text_output;
extern const struct netsh_output netsh_json_output;

/* The global parameters in their three groups of commands. */
#define NETSH_GLOBAL_GENERAL (NETCFG_GLOBAL_DEFAULT_HOP_LIMIT | NETCFG_GLOBAL_NEIGHBOR_CACHE_LIMIT | \
			      NETCFG_GLOBAL_ROUTE_CACHE_LIMIT | NETCFG_GLOBAL_REASSEMBLY_LIMIT)
#define NETSH_GLOBAL_PRIVACY (NETCFG_GLOBAL_USE_TEMPORARY | NETCFG_GLOBAL_MAX_TEMP_DAD_ATTEMPTS | \
			      NETCFG_GLOBAL_MAX_TEMP_VALID | NETCFG_GLOBAL_MAX_TEMP_PREFERRED | \
			      NETCFG_GLOBAL_TEMP_REGENERATE | NETCFG_GLOBAL_MAX_TEMP_RANDOM | \
			      NETCFG_GLOBAL_TEMP_RANDOM)
#define NETSH_GLOBAL_MOBILITY (NETCFG_GLOBAL_MOBILITY_SECURITY | NETCFG_GLOBAL_BINDING_CACHE_LIMIT)

/* Helpers of the text tables. */
void out_querying(void);
const char *out_yes_no(bool b);

#endif
