/* SPDX-License-Identifier: MIT */
/* ipv6.h - shared pieces of the ipv6 tool: context, exit codes, output table. */
#ifndef IPV6_IPV6_H
#define IPV6_IPV6_H

#include <netcfg/netcfg.h>

#include <stdbool.h>

/* exit statuses (ipv6(8)) */
#define EXIT_STACK 1    /* the stack refused or failed */
#define EXIT_SYNTAX 2   /* bad command line */
#define EXIT_NODAEMON 3 /* the stack daemon cannot be reached */

struct ipv6_ctx {
	const char *cmd;          /* subcommand name, for messages */
	bool persist;             /* -p */
	const struct ipv6_output *out;
	netcfg_t *h;              /* opened on first use */
};

/*
 * One printer per object per format; -j swaps the table.  A show prints
 * a list (begin(true) ... end()) or one object (begin(false) ... end()).
 */
struct ipv6_output {
	void (*begin)(bool list);
	void (*interface)(const struct netcfg_interface *ifp);
	void (*route)(const struct netcfg_route *r);
	void (*neighbor)(const struct netcfg_neighbor *n);
	void (*destcache)(const struct netcfg_destcache_entry *e);
	void (*binding)(const struct netcfg_binding *b);
	void (*site_prefix)(const struct netcfg_site_prefix *sp);
	void (*policy)(const struct netcfg_prefix_policy *p);
	void (*global)(const struct netcfg_global *g);
	void (*route_result)(const struct netcfg_route_result *r);
	void (*sort_entry)(const struct netcfg_sort_entry *e);
	void (*ra)(const struct netcfg_ra *ra);
	void (*end)(void);
};
extern const struct ipv6_output ipv6_text_output;
extern const struct ipv6_output ipv6_json_output;

/* Connect (auto-starting an embedded stackd); exits on failure. */
netcfg_t *ipv6_handle(struct ipv6_ctx *c);
/* Print "ipv6: <cmd>: <message>" and return EXIT_SYNTAX. */
int ipv6_usage_error(const struct ipv6_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print the stack's message for a failed call and return EXIT_STACK (or
 * EXIT_NODAEMON when the daemon went away). */
int ipv6_stack_error(const struct ipv6_ctx *c);
/* The exit status of a change call. */
int ipv6_result(const struct ipv6_ctx *c, int rc);
/* The change flags -p adds. */
unsigned ipv6_persist_flag(const struct ipv6_ctx *c);
/* Commands that change nothing persistent refuse -p. */
int ipv6_no_persist(const struct ipv6_ctx *c, const char *why);

/* "4" -> 4 (an interface number). */
bool ipv6_parse_ifnum(const char *s, uint32_t *out);
/* Argument i as an interface number, or a usage error naming it. */
int ipv6_ifnum_arg(const struct ipv6_ctx *c, const char *s, uint32_t *out);
/* The one if# argument of a command (optional when !required: then
 * *out is 0 without it). */
int ipv6_sole_ifnum(const struct ipv6_ctx *c, int argc, char **argv, bool required, uint32_t *out);
/* The arguments [if# [address]] of nc, ncf and rcf. */
int ipv6_if_addr_args(const struct ipv6_ctx *c, int argc, char **argv, uint32_t *ifindex,
		      struct in6_addr *addr, bool *have_addr);
/* Argument as an IPv6 address (with %scope when scope is not NULL). */
int ipv6_addr_arg(const struct ipv6_ctx *c, const char *s, struct in6_addr *a, uint32_t *scope);
int ipv6_prefix_arg(const struct ipv6_ctx *c, const char *s, struct netcfg_prefix *p);
/* The value after keyword argv[*i], or a usage error. */
int ipv6_value_arg(const struct ipv6_ctx *c, int argc, char **argv, int *i, const char **value);
/* Whether word is name or one of its abbreviations (NULL-terminated). */
bool ipv6_word(const char *word, const char *const *names);

/* The global parameters as ipv6 gp shows and gpu takes them (gp.c). */
enum ipv6_param_kind { PARAM_NUMBER, PARAM_TIME, PARAM_ONOFF, PARAM_TEMP_USE };
struct ipv6_param {
	const char *name;          /* "DefaultCurHopLimit" */
	uint32_t bit;              /* NETCFG_GLOBAL_* */
	size_t off;                /* in struct netcfg_global */
	enum ipv6_param_kind kind;
};
extern const struct ipv6_param ipv6_params[];
extern const size_t ipv6_n_params;

/* subcommands */
int cmd_if(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ifc(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ifd(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ifcr(struct ipv6_ctx *c, int argc, char **argv);
int cmd_adu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_nc(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ncf(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rc(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rcf(struct ipv6_ctx *c, int argc, char **argv);
int cmd_bc(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rt(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rtu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_spt(struct ipv6_ctx *c, int argc, char **argv);
int cmd_spu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ppt(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ppu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ppd(struct ipv6_ctx *c, int argc, char **argv);
int cmd_gp(struct ipv6_ctx *c, int argc, char **argv);
int cmd_gpu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_renew(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rq(struct ipv6_ctx *c, int argc, char **argv);
int cmd_sort(struct ipv6_ctx *c, int argc, char **argv);
int cmd_ra(struct ipv6_ctx *c, int argc, char **argv);

#endif
