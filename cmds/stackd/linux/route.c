/* SPDX-License-Identifier: MIT */
/*
 * route.c - IPv6 routes: one message per change, dumps, and the kernel's
 * route lookup for a destination.
 *
 * Route messages are built with libnl's message API rather than its route
 * object: libnl has no setter for RTA_PREF (RFC 4191 preference) or
 * RTA_EXPIRES, and the batch path (route_batch.c) builds one message per
 * route of a 100k-route script, where the object's allocations would cost
 * more than the message.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include <netcfg/text.h>

const char *lnx_route_pref_name(enum lnx_route_pref p)
{
	switch (p) {
	case LNX_PREF_LOW:
		return "low";
	case LNX_PREF_MEDIUM:
		return "medium";
	case LNX_PREF_HIGH:
		return "high";
	}
	return "invalid";
}

int lnx_route_pref_parse(const char *s)
{
	if (strcmp(s, "low") == 0)
		return LNX_PREF_LOW;
	if (strcmp(s, "medium") == 0)
		return LNX_PREF_MEDIUM;
	if (strcmp(s, "high") == 0)
		return LNX_PREF_HIGH;
	return -1;
}

const char *lnx_route_format(const struct lnx_route *r, char *buf, size_t size)
{
	char p[NETCFG_ADDRSTRLEN], g[NETCFG_ADDRSTRLEN];
	int n = snprintf(buf, size, "%s", lnx_prefix_str(&r->dst, p));
	if (!lnx_addr_is_any(&r->gateway) && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " via %s", netcfg_format_addr(&r->gateway, g));
	if (r->ifindex && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " dev %u", r->ifindex);
	if (r->metric && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " metric %u", r->metric);
	return buf;
}

int lnx_route_check(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r)
{
	char what[160];
	lnx_route_format(r, what, sizeof(what));
	int st = lnx_check_prefix(ctx, &r->dst, what);
	if (st != NETCFG_OK)
		return st;
	if (r->pref != LNX_PREF_LOW && r->pref != LNX_PREF_MEDIUM && r->pref != LNX_PREF_HIGH)
		return lnx_fail(ctx, NETCFG_EINVAL, "route %s: preference %d is not low, medium or high",
				what, (int)r->pref);
	if (r->ifindex > INT32_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "route %s: bad interface index", what);
	/* a delete may name the prefix alone */
	if ((op == LNX_OP_ADD || op == LNX_OP_REPLACE) && !r->ifindex && lnx_addr_is_any(&r->gateway))
		return lnx_fail(ctx, NETCFG_EINVAL, "route %s: neither an interface nor a gateway", what);
	return NETCFG_OK;
}

struct nl_msg *lnx_route_msg(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r)
{
	bool del = op == LNX_OP_DELETE || op == LNX_OP_DELETE_ANY;
	uint32_t table = r->table ? r->table : RT_TABLE_MAIN;
	struct rtmsg rtm = {
		.rtm_family = AF_INET6,
		.rtm_dst_len = r->dst.len,
		.rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
		/* a delete with a protocol only matches routes of that
		 * protocol: this is what keeps us off others' routes */
		.rtm_protocol = op == LNX_OP_DELETE_ANY ? RTPROT_UNSPEC
				: op == LNX_OP_DELETE || !r->protocol ? LNX_PROTO : r->protocol,
		.rtm_scope = del ? RT_SCOPE_NOWHERE : RT_SCOPE_UNIVERSE,
		.rtm_type = del ? RTN_UNSPEC : RTN_UNICAST,
	};
	struct nl_msg *m = nlmsg_alloc_size(256);
	if (!m)
		goto nomem;
	if (!nlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, del ? RTM_DELROUTE : RTM_NEWROUTE, 0,
		       lnx_op_flags(op)) ||
	    nlmsg_append(m, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(m, RTA_DST, sizeof(r->dst.addr), &r->dst.addr) < 0 ||
	    nla_put_u32(m, RTA_TABLE, table) < 0)
		goto nomem;
	if (r->ifindex && nla_put_u32(m, RTA_OIF, r->ifindex) < 0)
		goto nomem;
	if (!lnx_addr_is_any(&r->gateway) && nla_put(m, RTA_GATEWAY, sizeof(r->gateway), &r->gateway) < 0)
		goto nomem;
	if (r->metric && nla_put_u32(m, RTA_PRIORITY, r->metric) < 0)
		goto nomem;
	if (!del && nla_put_u8(m, RTA_PREF, (uint8_t)r->pref) < 0)
		goto nomem;
	if (!del && r->expires && r->expires != NETCFG_INFINITE &&
	    nla_put_u32(m, RTA_EXPIRES, r->expires) < 0)
		goto nomem;
	return m;
nomem:
	if (m)
		nlmsg_free(m);
	lnx_fail(ctx, NETCFG_ENOMEM, "out of memory building a route message");
	return NULL;
}

int lnx_route_change(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r)
{
	char what[200], b[160];
	int st = lnx_route_check(ctx, op, r);
	if (st != NETCFG_OK)
		return st;
	snprintf(what, sizeof(what), "route %s", lnx_route_format(r, b, sizeof(b)));
	struct nl_msg *m = lnx_route_msg(ctx, op, r);
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, ctx->rt, m, NULL, NULL, what);
}

int lnx_parse_route(const struct lnx *ctx, const struct nlmsghdr *h, lnx_route_emit emit, void *arg)
{
	struct nlattr *tb[RTA_MAX + 1];
	if (h->nlmsg_type != RTM_NEWROUTE && h->nlmsg_type != RTM_DELROUTE)
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)h, sizeof(struct rtmsg), tb, RTA_MAX, NULL) < 0)
		return -1;
	const struct rtmsg *rtm = nlmsg_data(h);
	if (rtm->rtm_family != AF_INET6 || rtm->rtm_dst_len > 128)
		return 0;
	struct lnx_route r;
	memset(&r, 0, sizeof(r));
	r.dst.len = rtm->rtm_dst_len;
	if (tb[RTA_DST]) {
		if (nla_len(tb[RTA_DST]) != sizeof(r.dst.addr))
			return -1;
		memcpy(&r.dst.addr, nla_data(tb[RTA_DST]), sizeof(r.dst.addr));
	}
	r.table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	r.protocol = rtm->rtm_protocol;
	r.type = rtm->rtm_type;
	r.ours = r.protocol == LNX_PROTO;
	if (tb[RTA_OIF])
		r.ifindex = nla_get_u32(tb[RTA_OIF]);
	if (tb[RTA_GATEWAY] && nla_len(tb[RTA_GATEWAY]) == sizeof(r.gateway))
		memcpy(&r.gateway, nla_data(tb[RTA_GATEWAY]), sizeof(r.gateway));
	if (tb[RTA_PRIORITY])
		r.metric = nla_get_u32(tb[RTA_PRIORITY]);
	if (tb[RTA_PREF])
		r.pref = (enum lnx_route_pref)nla_get_u8(tb[RTA_PREF]);
	if (tb[RTA_PREFSRC] && nla_len(tb[RTA_PREFSRC]) == sizeof(r.prefsrc))
		memcpy(&r.prefsrc, nla_data(tb[RTA_PREFSRC]), sizeof(r.prefsrc));
	if (tb[RTA_METRICS]) {
		struct nlattr *mx[RTAX_MAX + 1];
		if (nla_parse_nested(mx, RTAX_MAX, tb[RTA_METRICS], NULL) == 0 && mx[RTAX_MTU])
			r.mtu = nla_get_u32(mx[RTAX_MTU]);
	}
	if (tb[RTA_CACHEINFO] && nla_len(tb[RTA_CACHEINFO]) >= (int)sizeof(struct rta_cacheinfo)) {
		const struct rta_cacheinfo *ci = nla_data(tb[RTA_CACHEINFO]);
		/* clock ticks left; rounded up so that a route added with
		 * "expires 600" reads 600 at once */
		if (ci->rta_expires > 0)
			r.expires = (uint32_t)((ci->rta_expires + ctx->clk_tck - 1) / ctx->clk_tck);
	}
	if (!tb[RTA_MULTIPATH])
		return emit(arg, &r);

	const struct rtnexthop *nh = nla_data(tb[RTA_MULTIPATH]);
	int len = nla_len(tb[RTA_MULTIPATH]);
	while (RTNH_OK(nh, len)) {
		struct nlattr *nt[RTA_MAX + 1];
		struct lnx_route one = r;
		one.ifindex = (uint32_t)nh->rtnh_ifindex;
		memset(&one.gateway, 0, sizeof(one.gateway));
		if (nla_parse(nt, RTA_MAX, (struct nlattr *)RTNH_DATA(nh),
			      (int)nh->rtnh_len - (int)sizeof(*nh), NULL) < 0)
			return -1;
		if (nt[RTA_GATEWAY] && nla_len(nt[RTA_GATEWAY]) == sizeof(one.gateway))
			memcpy(&one.gateway, nla_data(nt[RTA_GATEWAY]), sizeof(one.gateway));
		int e = emit(arg, &one);
		if (e)
			return e;
		len -= (int)NLMSG_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	return 0;
}

struct route_dump {
	lnx_route_fn fn;
	void *arg;
};

static int on_route(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct route_dump *d = arg;
	int r = lnx_parse_route(ctx, h, d->fn, d->arg);
	if (r < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "route dump: malformed message from the kernel");
	return r;
}

int lnx_route_dump(struct lnx *ctx, lnx_route_fn fn, void *arg)
{
	struct route_dump d = { .fn = fn, .arg = arg };
	struct rtmsg rtm = { .rtm_family = AF_INET6 };
	return lnx_dump(ctx, ctx->rt, RTM_GETROUTE, &rtm, sizeof(rtm), on_route, &d, "route dump");
}

/* ---- lookup ----------------------------------------------------------- */

static int keep_route(void *arg, const struct lnx_route *r)
{
	*(struct lnx_route *)arg = *r;
	return 0;
}

static int on_lookup(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	if (lnx_parse_route(ctx, h, keep_route, arg) < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "route lookup: malformed reply from the kernel");
	return NETCFG_OK;
}

static int lookup_once(struct lnx *ctx, const struct in6_addr *dst, uint32_t oif, unsigned flags,
		       struct lnx_route *out, const char *what)
{
	struct rtmsg rtm = { .rtm_family = AF_INET6, .rtm_dst_len = 128, .rtm_flags = flags };
	struct nl_msg *m = lnx_msg_new(ctx, RTM_GETROUTE, 0, &rtm, sizeof(rtm));
	if (!m)
		return NETCFG_ENOMEM;
	if (nla_put(m, RTA_DST, sizeof(*dst), dst) < 0 || (oif && nla_put_u32(m, RTA_OIF, oif) < 0)) {
		nlmsg_free(m);
		return lnx_fail(ctx, NETCFG_ENOMEM, "%s: message too long", what);
	}
	memset(out, 0, sizeof(*out));
	out->type = RTN_UNSPEC;
	int st = lnx_exchange(ctx, ctx->rt, m, on_lookup, out, what);
	if (st != NETCFG_OK && (ctx->kerr == ENETUNREACH || ctx->kerr == EHOSTUNREACH))
		return lnx_fail(ctx, NETCFG_ENOENT, "%s: no route (%s)", what, strerror(ctx->kerr));
	if (st == NETCFG_OK && out->type == RTN_UNSPEC)
		return lnx_fail(ctx, NETCFG_EKERNEL, "%s: the kernel sent no route", what);
	return st;
}

int lnx_route_lookup(struct lnx *ctx, const struct in6_addr *dst, uint32_t oif,
		     struct lnx_lookup *out)
{
	char what[NETCFG_ADDRSTRLEN + 48], b[NETCFG_ADDRSTRLEN];
	struct lnx_route used;
	int n = snprintf(what, sizeof(what), "route lookup for %s", netcfg_format_addr(dst, b));
	if (oif)
		snprintf(what + n, sizeof(what) - (size_t)n, " via interface %u", oif);
	if (oif > INT32_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: bad interface index", what);
	memset(out, 0, sizeof(*out));
	/* the plain lookup gives what a packet would use (the next hop and
	 * the source address); RTM_F_FIB_MATCH the table entry itself */
	ctx->kerr = 0;
	int st = lookup_once(ctx, dst, oif, 0, &used, what);
	if (st == NETCFG_OK)
		st = lookup_once(ctx, dst, oif, RTM_F_FIB_MATCH, &out->route, what);
	if (st != NETCFG_OK)
		return st;
	/* such routes normally come back as errors already */
	if (out->route.type == RTN_UNREACHABLE || out->route.type == RTN_BLACKHOLE ||
	    out->route.type == RTN_PROHIBIT || out->route.type == RTN_THROW)
		return lnx_fail(ctx, NETCFG_ENOENT, "%s: no route (the matching route has type %u)",
				what, out->route.type);
	out->ifindex = used.ifindex;
	out->gateway = used.gateway;
	out->prefsrc = used.prefsrc;
	out->has_prefsrc = !lnx_addr_is_any(&used.prefsrc);
	return NETCFG_OK;
}
