/* SPDX-License-Identifier: MIT */
/* internal.h - shared by the files of the linux dataplane layer only. */
#ifndef STACKD_LINUX_INTERNAL_H
#define STACKD_LINUX_INTERNAL_H

#include "linux.h"

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

struct lnx {
	struct nl_sock *rt;            /* NETLINK_ROUTE requests */
	struct nl_sock *xf;            /* NETLINK_XFRM requests; NULL: see xfrm_missing */
	struct nl_sock *ev_rt;         /* notifications (lnx_options.events) */
	struct nl_sock *ev_xf;
	int epfd;                      /* polls ev_rt and ev_xf */
	long clk_tck;                  /* RTA_CACHEINFO expiry unit */
	int kerr;                      /* errno of the last kernel refusal */
	char kext[256];                /* and its extended-ACK text ("" if none) */
	char xfrm_missing[160];
	bool defer_resync;             /* lnx_options.defer_resync */
	unsigned resync_pending;       /* LNX_EV_BIT()s of the tables to dump */
	char err[LNX_ERR_MAX];
};

/* A message of a reply or dump, for the exchange's caller.  Returns 0 or
 * a status, which ends the exchange (the rest of the reply is drained). */
typedef int (*lnx_msg_fn)(struct lnx *ctx, struct nlmsghdr *h, void *arg);

/*
 * Send msg (consumed) on sk and read the reply: the ACK, the error, or the
 * messages of a dump until its end, each handed to on_msg.  On a kernel
 * error the message is "<what>: <extack or errno text>" with the status
 * lnx_kernel_status() gives; what may be NULL when on_msg failed.
 */
int lnx_exchange(struct lnx *ctx, struct nl_sock *sk, struct nl_msg *msg,
		 lnx_msg_fn on_msg, void *arg, const char *what);

/* A dump request: nlmsghdr of type with NLM_F_DUMP and the family header. */
int lnx_dump(struct lnx *ctx, struct nl_sock *sk, int type, const void *hdr, size_t hdrlen,
	     lnx_msg_fn on_msg, void *arg, const char *what);

/* A new request message of type and flags with its family header copied
 * in; NULL (and the context's message set) when out of memory. */
struct nl_msg *lnx_msg_new(struct lnx *ctx, int type, int flags, const void *hdr, size_t hdrlen);
/* NLM_F_* for an operation. */
int lnx_op_flags(enum lnx_op op);
/* A status for the message after a libnl call failed (NLE_* < 0). */
int lnx_nl_fail(struct lnx *ctx, int nlerr, const char *what);

/* Map a kernel errno to a status. */
int lnx_kernel_status(int err);
/* Format "<what>: <reason>" for a kernel errno and its extended ACK text
 * (may be ""); returns the status. */
int lnx_kernel_fail(struct lnx *ctx, int err, const char *ext, const char *what);
/* The extended-ACK message of an NLMSG_ERROR (or NLMSG_DONE) message into
 * buf ("" when none). */
void lnx_extack(const struct nlmsghdr *h, char *buf, size_t size);
/* The errno of an NLMSG_ERROR message (positive; 0 = ACK), -1 if malformed. */
int lnx_msg_errno(const struct nlmsghdr *h);

/* The parsers shared by dumps and notifications.  Return 1 when h held an
 * object of interest (filled in), 0 when it is to be skipped (another
 * family, another table type), -1 when it is malformed. */
int lnx_parse_link(const struct nlmsghdr *h, struct lnx_link *l);
int lnx_parse_addr(const struct nlmsghdr *h, struct lnx_addr *a);
int lnx_parse_neigh(const struct nlmsghdr *h, struct lnx_neigh *n);
int lnx_parse_xfrm_policy(const struct nlmsghdr *h, struct lnx_xfrm_policy *p);
/* Routes: one call of emit per next hop; returns emit's first non-zero
 * value, 0, or -1 when malformed. */
typedef int (*lnx_route_emit)(void *arg, const struct lnx_route *r);
int lnx_parse_route(const struct lnx *ctx, const struct nlmsghdr *h, lnx_route_emit emit, void *arg);

/* Build the RTM_NEWROUTE / RTM_DELROUTE message of one change. */
struct nl_msg *lnx_route_msg(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r);
/* Check a route before it goes to the kernel (NETCFG_EINVAL + message). */
int lnx_route_check(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r);

/* Copy src into dst of size bytes, cut short if need be. */
void lnx_copy(char *dst, size_t size, const char *src);
/* True when all 16 bytes are zero. */
bool lnx_addr_is_any(const struct in6_addr *a);
/* Validate a prefix (len <= 128, no bits beyond it). */
int lnx_check_prefix(struct lnx *ctx, const struct netcfg_prefix *p, const char *what);
/* "2001:db8::/32" */
const char *lnx_prefix_str(const struct netcfg_prefix *p, char *buf);

#endif
