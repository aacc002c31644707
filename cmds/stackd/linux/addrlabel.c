/* SPDX-License-Identifier: MIT */
/*
 * addrlabel.c - the kernel's IPv6 address-label table (RFC 6724 labels
 * for source address selection).  libnl has no object for it: the
 * messages are ifaddrlblmsg + IFAL_ADDRESS + IFAL_LABEL built with its
 * message API.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include <linux/if_addrlabel.h>
#include <linux/rtnetlink.h>

#include <netcfg/text.h>

/* The kernel refuses this label: it marks "no label" internally. */
#define ADDRLABEL_INVALID 0xffffffffu

int lnx_addrlabel_change(struct lnx *ctx, enum lnx_op op, const struct lnx_addrlabel *l)
{
	char what[NETCFG_ADDRSTRLEN + 64], p[NETCFG_ADDRSTRLEN];
	int n = snprintf(what, sizeof(what), "address label %s", lnx_prefix_str(&l->prefix, p));
	if (l->ifindex)
		snprintf(what + n, sizeof(what) - (size_t)n, " on interface %u", l->ifindex);
	int st = lnx_check_prefix(ctx, &l->prefix, what);
	if (st != NETCFG_OK)
		return st;
	if (l->label == ADDRLABEL_INVALID)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: label %u is reserved", what, l->label);
	bool del = op == LNX_OP_DELETE || op == LNX_OP_DELETE_ANY;
	struct ifaddrlblmsg ifal = {
		.ifal_family = AF_INET6,
		.ifal_prefixlen = l->prefix.len,
		.ifal_index = l->ifindex,
	};
	struct nl_msg *m = lnx_msg_new(ctx, del ? RTM_DELADDRLABEL : RTM_NEWADDRLABEL,
				       lnx_op_flags(op), &ifal, sizeof(ifal));
	if (!m)
		return NETCFG_ENOMEM;
	/* the kernel wants a label on delete too, and ignores its value */
	if (nla_put(m, IFAL_ADDRESS, sizeof(l->prefix.addr), &l->prefix.addr) < 0 ||
	    nla_put_u32(m, IFAL_LABEL, l->label) < 0) {
		nlmsg_free(m);
		return lnx_fail(ctx, NETCFG_ENOMEM, "%s: message too long", what);
	}
	return lnx_exchange(ctx, ctx->rt, m, NULL, NULL, what);
}

struct label_dump {
	lnx_addrlabel_fn fn;
	void *arg;
};

static int on_label(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct label_dump *d = arg;
	struct nlattr *tb[IFAL_MAX + 1];
	if (h->nlmsg_type != RTM_NEWADDRLABEL)
		return NETCFG_OK;
	if (nlmsg_parse(h, sizeof(struct ifaddrlblmsg), tb, IFAL_MAX, NULL) < 0 ||
	    !tb[IFAL_ADDRESS] || nla_len(tb[IFAL_ADDRESS]) != sizeof(struct in6_addr) || !tb[IFAL_LABEL])
		return lnx_fail(ctx, NETCFG_EKERNEL, "address label dump: malformed message from the kernel");
	const struct ifaddrlblmsg *ifal = nlmsg_data(h);
	if (ifal->ifal_family != AF_INET6)
		return NETCFG_OK;
	struct lnx_addrlabel l = {
		.prefix.len = ifal->ifal_prefixlen,
		.ifindex = ifal->ifal_index,
		.label = nla_get_u32(tb[IFAL_LABEL]),
	};
	memcpy(&l.prefix.addr, nla_data(tb[IFAL_ADDRESS]), sizeof(l.prefix.addr));
	return d->fn(d->arg, &l);
}

int lnx_addrlabel_dump(struct lnx *ctx, lnx_addrlabel_fn fn, void *arg)
{
	struct label_dump d = { .fn = fn, .arg = arg };
	struct ifaddrlblmsg ifal = { .ifal_family = AF_INET6 };
	return lnx_dump(ctx, ctx->rt, RTM_GETADDRLABEL, &ifal, sizeof(ifal), on_label, &d,
			"address label dump");
}
