/* SPDX-License-Identifier: MIT */
/* ipsec6.h - shared pieces of the ipsec6 tool: context, exit codes, output
 * table and the loading of a .spd/.sad pair. */
#ifndef IPSEC6_IPSEC6_H
#define IPSEC6_IPSEC6_H

#include <netcfg/netcfg.h>

#include "../../ipsec/ipsec.h"

#include <stdbool.h>

/* exit statuses (ipsec6(8)) */
#define EXIT_FAIL 1      /* refused, a bad file, or nothing to show */
#define EXIT_SYNTAX 2    /* bad command line */
#define EXIT_NODAEMON 3  /* the stack daemon cannot be reached */

struct ipsec6_ctx {
	const char *cmd;          /* subcommand name, for messages */
	const struct ipsec6_output *out;
	netcfg_t *h;              /* opened on first use */
};

/* One printer per object per format; -j swaps the table.  The list
 * printers return the exit status (the text screens fail when empty,
 * as the Windows tool does). */
struct ipsec6_output {
	int (*policies)(const struct netcfg_sp_list *l, uint32_t ifindex);
	int (*sas)(const struct netcfg_sa_list *l);
	/* flows are labelled when there are several */
	void (*verdicts)(const struct netcfg_ipsec_flow *f, const struct netcfg_ipsec_verdict *v,
			 size_t n);
};
extern const struct ipsec6_output ipsec6_text_output;
extern const struct ipsec6_output ipsec6_json_output;

/* Connect (auto-starting an embedded stackd); exits on failure. */
netcfg_t *ipsec6_handle(struct ipsec6_ctx *c);
/* "ipsec6: <cmd>: <message>"; returns EXIT_SYNTAX. */
int ipsec6_usage_error(const struct ipsec6_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "ipsec6: <cmd>: <message>"; returns EXIT_FAIL. */
int ipsec6_fail(const struct ipsec6_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The stack's message for a failed call, optionally after a prefix;
 * returns EXIT_FAIL, or EXIT_NODAEMON when the daemon went away. */
int ipsec6_stack_error(const struct ipsec6_ctx *c, const char *prefix);
/* Print collected file messages; returns EXIT_FAIL when any is an error. */
int ipsec6_print_msgs(const struct ipsec6_ctx *c, const struct ipsec_msgs *m);

/* Options a file command accepts after its name. */
struct file_opts {
	bool allow_readable;      /* --allow-readable-keys */
	bool force;               /* -f (c) */
	const char *format;       /* --format= (export) */
};
/* Split argv into options and positional arguments (at most max_pos);
 * returns EXIT_SYNTAX on a bad option, else 0. */
int ipsec6_file_args(const struct ipsec6_ctx *c, int argc, char **argv, const char *allowed,
		     struct file_opts *o, const char **pos, int max_pos, int *n_pos);

/* "dir/name" without a .spd/.sad extension -> the paths of the pair;
 * the names are found ignoring case, as on Windows. */
struct pair_paths {
	char spd[4096], sad[4096];
	char dir[4096];           /* of the .sad file, for its key files */
};
/* Read and parse both files into p (messages into m); 0, or an exit
 * status after printing why. */
int ipsec6_load_pair(const struct ipsec6_ctx *c, const char *name, struct pair_paths *pp,
		     struct ipsec_plan *p, struct ipsec_msgs *m);
/* The path of an SA's key file (relative to the .sad's folder). */
int ipsec6_key_path(const struct pair_paths *pp, const char *key_file, char *out, size_t size);

/* subcommands */
int cmd_sp(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_sa(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_c(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_a(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_i(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_check(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_d(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_export(struct ipsec6_ctx *c, int argc, char **argv);
int cmd_lookup(struct ipsec6_ctx *c, int argc, char **argv);

#endif
