/* SPDX-License-Identifier: MIT */
/*
 * addr.c - IPv6 addresses with lifetimes.
 *
 * Requests come from libnl's address object (it sets IFA_CACHEINFO from
 * the lifetimes and IFA_FLAGS for the flags that do not fit ifa_flags);
 * IFA_PROTO, which libnl 3.7 does not know, is appended to the built
 * message.  Kernels before 6.0 ignore it, and then no address reads back
 * as ours.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/route/addr.h>

#include <netcfg/text.h>

int lnx_parse_addr(const struct nlmsghdr *h, struct lnx_addr *a)
{
	struct nlattr *tb[IFA_MAX + 1];
	if (h->nlmsg_type != RTM_NEWADDR && h->nlmsg_type != RTM_DELADDR)
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)h, sizeof(struct ifaddrmsg), tb, IFA_MAX, NULL) < 0)
		return -1;
	const struct ifaddrmsg *ifa = nlmsg_data(h);
	if (ifa->ifa_family != AF_INET6)
		return 0;
	/* IFA_LOCAL is absent for IPv6 except on point-to-point links, where
	 * it is our side and IFA_ADDRESS the peer */
	struct nlattr *addr = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!addr || nla_len(addr) != sizeof(struct in6_addr))
		return -1;
	memset(a, 0, sizeof(*a));
	a->ifindex = ifa->ifa_index;
	memcpy(&a->addr, nla_data(addr), sizeof(a->addr));
	a->prefixlen = ifa->ifa_prefixlen;
	a->scope = ifa->ifa_scope;
	a->flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	a->valid_lft = NETCFG_INFINITE;
	a->preferred_lft = NETCFG_INFINITE;
	if (tb[IFA_CACHEINFO] && nla_len(tb[IFA_CACHEINFO]) >= (int)sizeof(struct ifa_cacheinfo)) {
		const struct ifa_cacheinfo *ci = nla_data(tb[IFA_CACHEINFO]);
		a->valid_lft = ci->ifa_valid;
		a->preferred_lft = ci->ifa_prefered;
	}
	if (tb[IFA_PROTO])
		a->proto = nla_get_u8(tb[IFA_PROTO]);
	a->ours = a->proto == LNX_PROTO;
	return 1;
}

static struct nl_addr *nl_addr6(const struct in6_addr *a, unsigned prefixlen)
{
	struct nl_addr *n = nl_addr_build(AF_INET6, a, sizeof(*a));
	if (n)
		nl_addr_set_prefixlen(n, (int)prefixlen);
	return n;
}

static struct nl_msg *addr_msg(struct lnx *ctx, enum lnx_op op, const struct lnx_addr *a)
{
	struct rtnl_addr *obj = rtnl_addr_alloc();
	struct nl_addr *local = nl_addr6(&a->addr, a->prefixlen);
	struct nl_msg *m = NULL;
	int r = -NLE_NOMEM;
	if (obj && local) {
		rtnl_addr_set_family(obj, AF_INET6);
		rtnl_addr_set_ifindex(obj, (int)a->ifindex);
		rtnl_addr_set_prefixlen(obj, a->prefixlen);
		r = rtnl_addr_set_local(obj, local);
	}
	if (r >= 0 && (op == LNX_OP_ADD || op == LNX_OP_REPLACE)) {
		if (a->flags)
			rtnl_addr_set_flags(obj, a->flags);
		rtnl_addr_set_valid_lifetime(obj, a->valid_lft);
		rtnl_addr_set_preferred_lifetime(obj, a->preferred_lft);
		r = rtnl_addr_build_add_request(obj, lnx_op_flags(op), &m);
		if (r >= 0 && nla_put_u8(m, IFA_PROTO, LNX_PROTO) < 0)
			r = -NLE_NOMEM;
	} else if (r >= 0) {
		r = rtnl_addr_build_delete_request(obj, 0, &m);
	}
	if (local)
		nl_addr_put(local);
	if (obj)
		rtnl_addr_put(obj);
	if (r < 0) {
		if (m)
			nlmsg_free(m);
		lnx_nl_fail(ctx, r, "address message");
		return NULL;
	}
	return m;
}

struct addr_dump {
	uint32_t ifindex;
	lnx_addr_fn fn;
	void *arg;
	const struct lnx_addr *find;   /* look for this one instead */
	bool found, found_ours;
	uint8_t found_proto;
};

static int on_addr(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct addr_dump *d = arg;
	struct lnx_addr a;
	int r = lnx_parse_addr(h, &a);
	if (r < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "address dump: malformed message from the kernel");
	if (r == 0 || (d->ifindex && a.ifindex != d->ifindex))
		return NETCFG_OK;
	if (d->find) {
		if (a.prefixlen == d->find->prefixlen && memcmp(&a.addr, &d->find->addr, sizeof(a.addr)) == 0) {
			d->found = true;
			d->found_ours = a.ours;
			d->found_proto = a.proto;
		}
		return NETCFG_OK;
	}
	return d->fn(d->arg, &a);
}

int lnx_addr_change(struct lnx *ctx, enum lnx_op op, const struct lnx_addr *a)
{
	char what[NETCFG_ADDRSTRLEN + 48], b[NETCFG_ADDRSTRLEN];
	snprintf(what, sizeof(what), "address %s/%u on interface %u",
		 netcfg_format_addr(&a->addr, b), a->prefixlen, a->ifindex);
	if (a->prefixlen > 128)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: prefix length over 128", what);
	if (a->ifindex == 0 || a->ifindex > INT32_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: no interface given", what);
	if ((op == LNX_OP_ADD || op == LNX_OP_REPLACE) && a->preferred_lft > a->valid_lft)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: preferred lifetime %u is longer than valid lifetime %u",
				what, a->preferred_lft, a->valid_lft);
	if ((op == LNX_OP_ADD || op == LNX_OP_REPLACE) && a->valid_lft == 0)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: valid lifetime 0 (delete it instead)", what);
	if (op == LNX_OP_DELETE) {
		/* the kernel does not match IFA_PROTO on delete: look first */
		struct addr_dump d = { .ifindex = a->ifindex, .find = a };
		struct ifaddrmsg ifa = { .ifa_family = AF_INET6 };
		int st = lnx_dump(ctx, ctx->rt, RTM_GETADDR, &ifa, sizeof(ifa), on_addr, &d, what);
		if (st != NETCFG_OK)
			return st;
		if (!d.found)
			return lnx_fail(ctx, NETCFG_ENOENT, "%s: no such address", what);
		if (!d.found_ours)
			return lnx_fail(ctx, NETCFG_ENOENT, "%s: no address of ours (this one has protocol %u)",
					what, d.found_proto);
	}
	struct nl_msg *m = addr_msg(ctx, op, a);
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, ctx->rt, m, NULL, NULL, what);
}


int lnx_addr_dump(struct lnx *ctx, uint32_t ifindex, lnx_addr_fn fn, void *arg)
{
	struct addr_dump d = { .ifindex = ifindex, .fn = fn, .arg = arg };
	struct ifaddrmsg ifa = { .ifa_family = AF_INET6 };
	return lnx_dump(ctx, ctx->rt, RTM_GETADDR, &ifa, sizeof(ifa), on_addr, &d, "address dump");
}
