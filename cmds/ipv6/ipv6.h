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

/* One printer per object per format; -j swaps the table. */
struct ipv6_output {
	void (*begin)(void);
	void (*interface)(const struct netcfg_interface *ifp);
	void (*route)(const struct netcfg_route *r);
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

/* "4" -> 4 (an interface number). */
bool ipv6_parse_ifnum(const char *s, uint32_t *out);

/* subcommands */
int cmd_if(struct ipv6_ctx *c, int argc, char **argv);
int cmd_adu(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rt(struct ipv6_ctx *c, int argc, char **argv);
int cmd_rtu(struct ipv6_ctx *c, int argc, char **argv);

#endif
