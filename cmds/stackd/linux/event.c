/* SPDX-License-Identifier: MIT */
/*
 * event.c - kernel notifications, and the resync that follows a loss.
 *
 * Netlink notifications are lossy by design: when a socket's receive
 * buffer overflows, the kernel drops messages and the next read fails
 * with ENOBUFS (libnl reports it as NLE_NOMEM).  Then what is still queued
 * is thrown away, since a dump is about to supersede it, and the tables of
 * that socket are dumped afresh.  Notifications that arrive during the
 * dump stay queued and are delivered after it; each one carries the whole
 * object, so replaying them in order converges on the kernel's state.
 */
#include "internal.h"

#include <string.h>

#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

/* Messages read per socket and call, so a flood cannot starve the
 * daemon's other work (the descriptor stays readable). */
#define EVENTS_PER_CALL 1024
/* Dumps interrupted by concurrent changes are retried this often. */
#define RESYNC_TRIES 5

#define ROUTE_KINDS (LNX_EV_BIT(LNX_EV_LINK) | LNX_EV_BIT(LNX_EV_ADDR) | \
		     LNX_EV_BIT(LNX_EV_ROUTE) | LNX_EV_BIT(LNX_EV_NEIGH))
#define XFRM_KINDS LNX_EV_BIT(LNX_EV_XFRM_POLICY)

struct delivery {
	struct lnx *ctx;
	lnx_event_fn fn;
	void *arg;
	bool xfrm;                     /* messages of the xfrm socket */
	bool resync;
	bool deleted;
	bool discard;                  /* drain without delivering */
	bool flushed;                  /* an xfrm flush: resync the policies */
	uint32_t own_port;             /* notifications of our requests carry it */
	bool own;
};

static void deliver(struct delivery *d, struct lnx_event *ev)
{
	ev->resync = d->resync;
	ev->deleted = d->deleted;
	ev->own = d->own;
	d->fn(d->arg, ev);
}

static int deliver_link(void *arg, const struct lnx_link *l)
{
	struct lnx_event ev = { .kind = LNX_EV_LINK, .u.link = *l };
	deliver(arg, &ev);
	return 0;
}

static int deliver_addr(void *arg, const struct lnx_addr *a)
{
	struct lnx_event ev = { .kind = LNX_EV_ADDR, .u.addr = *a };
	deliver(arg, &ev);
	return 0;
}

static int deliver_route(void *arg, const struct lnx_route *r)
{
	struct lnx_event ev = { .kind = LNX_EV_ROUTE, .u.route = *r };
	deliver(arg, &ev);
	return 0;
}

static int deliver_neigh(void *arg, const struct lnx_neigh *n)
{
	struct lnx_event ev = { .kind = LNX_EV_NEIGH, .u.neigh = *n };
	deliver(arg, &ev);
	return 0;
}

static int deliver_policy(void *arg, const struct lnx_xfrm_policy *p)
{
	struct lnx_event ev = { .kind = LNX_EV_XFRM_POLICY, .u.policy = *p };
	deliver(arg, &ev);
	return 0;
}

/* A malformed notification is skipped: the next resync repairs it. */
static void dispatch_route(struct delivery *d, const struct nlmsghdr *h)
{
	struct lnx_event ev;
	memset(&ev, 0, sizeof(ev));
	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		d->deleted = h->nlmsg_type == RTM_DELLINK;
		if (lnx_parse_link(h, &ev.u.link) == 1)
			deliver_link(d, &ev.u.link);
		break;
	case RTM_NEWADDR:
	case RTM_DELADDR:
		d->deleted = h->nlmsg_type == RTM_DELADDR;
		if (lnx_parse_addr(h, &ev.u.addr) == 1)
			deliver_addr(d, &ev.u.addr);
		break;
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		d->deleted = h->nlmsg_type == RTM_DELROUTE;
		lnx_parse_route(d->ctx, h, deliver_route, d);
		break;
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		d->deleted = h->nlmsg_type == RTM_DELNEIGH;
		if (lnx_parse_neigh(h, &ev.u.neigh) == 1)
			deliver_neigh(d, &ev.u.neigh);
		break;
	}
}

static void dispatch_xfrm(struct delivery *d, const struct nlmsghdr *h)
{
	struct lnx_xfrm_policy p;
	if (h->nlmsg_type == XFRM_MSG_FLUSHPOLICY) {
		d->flushed = true;
		return;
	}
	d->deleted = h->nlmsg_type == XFRM_MSG_DELPOLICY;
	if (lnx_parse_xfrm_policy(h, &p) == 1)
		deliver_policy(d, &p);
}

static int on_event(struct nl_msg *m, void *arg)
{
	struct delivery *d = arg;
	if (d->discard)
		return NL_OK;
	/* the kernel notifies a change with the port and sequence number of
	 * the request that made it */
	d->own = nlmsg_hdr(m)->nlmsg_pid != 0 && nlmsg_hdr(m)->nlmsg_pid == d->own_port;
	if (d->xfrm)
		dispatch_xfrm(d, nlmsg_hdr(m));
	else
		dispatch_route(d, nlmsg_hdr(m));
	return NL_OK;
}

int lnx_event_resync(struct lnx *ctx, unsigned kinds, lnx_event_fn fn, void *arg)
{
	struct delivery d = { .ctx = ctx, .fn = fn, .arg = arg, .resync = true };
	int st = NETCFG_OK;
	if (!ctx->xf)
		kinds &= ~XFRM_KINDS;
	for (int tries = 0; tries < RESYNC_TRIES; tries++) {
		struct lnx_event ev = { .kind = LNX_EV_RESYNC_BEGIN, .resync = true, .resync_kinds = kinds };
		fn(arg, &ev);
		st = NETCFG_OK;
		if (kinds & LNX_EV_BIT(LNX_EV_LINK))
			st = lnx_link_dump(ctx, deliver_link, &d);
		if (st == NETCFG_OK && (kinds & LNX_EV_BIT(LNX_EV_ADDR)))
			st = lnx_addr_dump(ctx, 0, deliver_addr, &d);
		if (st == NETCFG_OK && (kinds & LNX_EV_BIT(LNX_EV_ROUTE)))
			st = lnx_route_dump(ctx, deliver_route, &d);
		if (st == NETCFG_OK && (kinds & LNX_EV_BIT(LNX_EV_NEIGH)))
			st = lnx_neigh_dump(ctx, 0, deliver_neigh, &d);
		if (st == NETCFG_OK && (kinds & XFRM_KINDS))
			st = lnx_xfrm_policy_dump(ctx, deliver_policy, &d);
		if (st == NETCFG_EBUSY)
			continue;
		if (st == NETCFG_OK) {
			ev.kind = LNX_EV_RESYNC_END;
			fn(arg, &ev);
			ctx->resync_pending &= ~kinds;
		}
		return st;
	}
	return st;
}

/* Throw away what is queued on sk. */
static void drain(struct nl_sock *sk, struct nl_cb *cb, struct delivery *d)
{
	d->discard = true;
	for (int i = 0; i < 1 << 20; i++) {
		int r = nl_recvmsgs(sk, cb);
		if (r == -NLE_AGAIN || (r < 0 && r != -NLE_NOMEM))
			break;
	}
	d->discard = false;
}

/* Notifications carry sequence number 0; a callback set of our own has
 * to say so, or libnl checks them against its request counter. */
static int any_seq(struct nl_msg *m, void *arg)
{
	(void)m;
	(void)arg;
	return NL_OK;
}

static int process_socket(struct lnx *ctx, struct nl_sock *sk, bool xfrm, lnx_event_fn fn, void *arg)
{
	struct delivery d = { .ctx = ctx, .fn = fn, .arg = arg, .xfrm = xfrm };
	d.own_port = nl_socket_get_local_port(xfrm ? ctx->xf : ctx->rt);
	struct nl_cb *cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!cb)
		return lnx_fail(ctx, NETCFG_ENOMEM, "notifications: out of memory");
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &d);
	int st = NETCFG_OK;
	for (int i = 0; i < EVENTS_PER_CALL && st == NETCFG_OK; i++) {
		int r = nl_recvmsgs(sk, cb);
		if (r == -NLE_AGAIN)
			break;
		if (r == -NLE_NOMEM) {
			/* ENOBUFS: the kernel dropped notifications */
			drain(sk, cb, &d);
			ctx->resync_pending |= xfrm ? XFRM_KINDS : ROUTE_KINDS;
			if (!ctx->defer_resync)
				st = lnx_event_resync(ctx, ctx->resync_pending, fn, arg);
		} else if (r < 0) {
			st = lnx_fail(ctx, NETCFG_EKERNEL, "%s notifications: %s", xfrm ? "xfrm" : "route",
				      nl_geterror(r));
		} else if (d.flushed) {
			d.flushed = false;
			ctx->resync_pending |= XFRM_KINDS;
			if (!ctx->defer_resync)
				st = lnx_event_resync(ctx, ctx->resync_pending, fn, arg);
		}
	}
	nl_cb_put(cb);
	return st;
}

unsigned lnx_event_pending(const struct lnx *ctx)
{
	return ctx->resync_pending;
}

int lnx_event_process(struct lnx *ctx, lnx_event_fn fn, void *arg)
{
	if (!ctx->ev_rt)
		return lnx_fail(ctx, NETCFG_EINVAL, "the context was opened without notifications");
	int st = process_socket(ctx, ctx->ev_rt, false, fn, arg);
	if (st == NETCFG_OK && ctx->ev_xf)
		st = process_socket(ctx, ctx->ev_xf, true, fn, arg);
	return st;
}
