/* SPDX-License-Identifier: MIT */
/*
 * neigh.c - IPv6 neighbours: static entries, and dumps with the kernel's
 * NUD states.
 *
 * Requests come from libnl's neighbour object; NDA_PROTOCOL (kernel 5.2),
 * which libnl 3.7 cannot set, is appended to the built message.  A delete
 * of ours first reads the entry back, since the kernel does not match the
 * protocol on delete.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/route/neighbour.h>

#include <netcfg/text.h>

const char *lnx_nud_name(uint16_t state, char *buf, size_t size)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
		{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
		{ NUD_STALE, "STALE" }, { NUD_DELAY, "DELAY" }, { NUD_PROBE, "PROBE" },
		{ NUD_FAILED, "FAILED" }, { NUD_NOARP, "NOARP" }, { NUD_PERMANENT, "PERMANENT" },
	};
	size_t n = 0;
	buf[0] = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(state & names[i].bit))
			continue;
		int w = snprintf(buf + n, size - n, "%s%s", n ? "," : "", names[i].name);
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
	if (n == 0)
		snprintf(buf, size, "NONE");
	return buf;
}

int lnx_parse_neigh(const struct nlmsghdr *h, struct lnx_neigh *n)
{
	struct nlattr *tb[NDA_MAX + 1];
	if (h->nlmsg_type != RTM_NEWNEIGH && h->nlmsg_type != RTM_DELNEIGH)
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)h, sizeof(struct ndmsg), tb, NDA_MAX, NULL) < 0)
		return -1;
	const struct ndmsg *nd = nlmsg_data(h);
	if (nd->ndm_family != AF_INET6)
		return 0;
	if (!tb[NDA_DST] || nla_len(tb[NDA_DST]) != sizeof(struct in6_addr))
		return -1;
	memset(n, 0, sizeof(*n));
	n->ifindex = (uint32_t)nd->ndm_ifindex;
	memcpy(&n->addr, nla_data(tb[NDA_DST]), sizeof(n->addr));
	if (tb[NDA_LLADDR]) {
		size_t len = (size_t)nla_len(tb[NDA_LLADDR]);
		n->lladdr_len = (uint8_t)(len < LNX_LLADDR_MAX ? len : LNX_LLADDR_MAX);
		memcpy(n->lladdr, nla_data(tb[NDA_LLADDR]), n->lladdr_len);
	}
	n->state = nd->ndm_state;
	n->flags = nd->ndm_flags;
	if (tb[NDA_CACHEINFO] && nla_len(tb[NDA_CACHEINFO]) >= (int)sizeof(struct nda_cacheinfo)) {
		/* clock ticks since the kernel last confirmed the neighbour */
		const struct nda_cacheinfo *ci = nla_data(tb[NDA_CACHEINFO]);
		long hz = sysconf(_SC_CLK_TCK);
		n->confirmed_ms = (uint32_t)((uint64_t)ci->ndm_confirmed * 1000 / (uint64_t)(hz > 0 ? hz : 100));
	}
	if (tb[NDA_PROTOCOL])
		n->proto = nla_get_u8(tb[NDA_PROTOCOL]);
	n->ours = n->proto == LNX_PROTO;
	return 1;
}

static struct nl_msg *neigh_msg(struct lnx *ctx, enum lnx_op op, const struct lnx_neigh *n)
{
	struct rtnl_neigh *obj = rtnl_neigh_alloc();
	struct nl_addr *dst = nl_addr_build(AF_INET6, &n->addr, sizeof(n->addr));
	struct nl_addr *ll = NULL;
	struct nl_msg *m = NULL;
	bool add = op == LNX_OP_ADD || op == LNX_OP_REPLACE;
	int r = -NLE_NOMEM;
	if (add)
		ll = nl_addr_build(AF_UNSPEC, n->lladdr, n->lladdr_len);
	if (obj && dst && (ll || !add)) {
		rtnl_neigh_set_family(obj, AF_INET6);
		rtnl_neigh_set_ifindex(obj, (int)n->ifindex);
		r = rtnl_neigh_set_dst(obj, dst);
	}
	if (r >= 0 && add) {
		rtnl_neigh_set_lladdr(obj, ll);
		rtnl_neigh_set_state(obj, NUD_PERMANENT);
		if (n->flags & NTF_ROUTER)
			rtnl_neigh_set_flags(obj, NTF_ROUTER);
		r = rtnl_neigh_build_add_request(obj, lnx_op_flags(op), &m);
		if (r >= 0 && nla_put_u8(m, NDA_PROTOCOL, LNX_PROTO) < 0)
			r = -NLE_NOMEM;
	} else if (r >= 0) {
		r = rtnl_neigh_build_delete_request(obj, 0, &m);
	}
	if (ll)
		nl_addr_put(ll);
	if (dst)
		nl_addr_put(dst);
	if (obj)
		rtnl_neigh_put(obj);
	if (r < 0) {
		if (m)
			nlmsg_free(m);
		lnx_nl_fail(ctx, r, "neighbour message");
		return NULL;
	}
	return m;
}

struct neigh_dump {
	uint32_t ifindex;
	const struct in6_addr *addr;   /* find one entry */
	lnx_neigh_fn fn;
	void *arg;
	struct lnx_neigh found;
	bool have;
};

static int on_neigh(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct neigh_dump *d = arg;
	struct lnx_neigh n;
	int r = lnx_parse_neigh(h, &n);
	if (r < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "neighbour dump: malformed message from the kernel");
	if (r == 0 || (d->ifindex && n.ifindex != d->ifindex))
		return NETCFG_OK;
	if (d->addr) {
		if (memcmp(&n.addr, d->addr, sizeof(n.addr)) == 0) {
			d->found = n;
			d->have = true;
		}
		return NETCFG_OK;
	}
	return d->fn(d->arg, &n);
}

int lnx_neigh_dump(struct lnx *ctx, uint32_t ifindex, lnx_neigh_fn fn, void *arg)
{
	struct neigh_dump d = { .ifindex = ifindex, .fn = fn, .arg = arg };
	struct ndmsg nd = { .ndm_family = AF_INET6 };
	return lnx_dump(ctx, ctx->rt, RTM_GETNEIGH, &nd, sizeof(nd), on_neigh, &d, "neighbour dump");
}

int lnx_neigh_change(struct lnx *ctx, enum lnx_op op, const struct lnx_neigh *n)
{
	char what[NETCFG_ADDRSTRLEN + 48], b[NETCFG_ADDRSTRLEN];
	snprintf(what, sizeof(what), "neighbour %s on interface %u", netcfg_format_addr(&n->addr, b),
		 n->ifindex);
	if (n->ifindex == 0 || n->ifindex > INT32_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: no interface given", what);
	if ((op == LNX_OP_ADD || op == LNX_OP_REPLACE) && n->lladdr_len == 0)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: a static entry needs a link-layer address", what);
	if (op == LNX_OP_DELETE) {
		struct neigh_dump d = { .ifindex = n->ifindex, .addr = &n->addr };
		struct ndmsg nd = { .ndm_family = AF_INET6 };
		int st = lnx_dump(ctx, ctx->rt, RTM_GETNEIGH, &nd, sizeof(nd), on_neigh, &d, what);
		if (st != NETCFG_OK)
			return st;
		if (!d.have)
			return lnx_fail(ctx, NETCFG_ENOENT, "%s: no such entry", what);
		if (!d.found.ours)
			return lnx_fail(ctx, NETCFG_ENOENT, "%s: no entry of ours (this one has protocol %u)",
					what, d.found.proto);
	}
	struct nl_msg *m = neigh_msg(ctx, op, n);
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, ctx->rt, m, NULL, NULL, what);
}
