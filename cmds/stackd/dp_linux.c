/* SPDX-License-Identifier: MIT */
/*
 * dp_linux.c - the linux dataplane: the stack realized in the kernel of
 * the daemon's network namespace, through the layer of linux/.
 *
 * The model mirrors the kernel.  Interfaces are its links (number =
 * ifindex, name = kernel name), with their link-layer address, MTU, state
 * and IPv6 settings; addresses are its IPv6 addresses; routes are the
 * unicast IPv6 routes of its main table.  A build (at start, and when the
 * stack is rebuilt) dumps all of that into a fresh model; afterwards the
 * kernel's notifications keep it current, and when the kernel dropped some
 * (ENOBUFS) the tables are dumped again and whatever the dump did not
 * deliver is taken out.  Notifications of our own route changes are
 * skipped (the model made those changes itself, and keeps attributes the
 * kernel has no place for, such as publish).  What others do with `ip`
 * shows up as soon as the notification is read.
 *
 * The kernel's neighbour table is not mirrored: neighbours are listed
 * from the kernel when asked, with its states.  Route queries ask the
 * kernel (RTM_GETROUTE).  Link settings the kernel does not notify
 * (sysctls) are read again before interfaces are shown, and the global
 * parameters (dp_linux_global.c) before they are shown or changed.
 *
 * Without sit0 the tunnel pseudo-interface has no kernel link: it is kept
 * by the daemon under a number no kernel link can have, and what is
 * configured on it stays in the daemon.
 */
#include "dp_linux.h"
#include "dispatch.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

/* IFA_PROTO values of the kernel's own addresses (kernel 6.0) */
#define IFAPROT_KERNEL_LO 1
#define IFAPROT_KERNEL_RA 2
#define IFAPROT_KERNEL_LL 3

#define MIRRORED_KINDS (LNX_EV_BIT(LNX_EV_LINK) | LNX_EV_BIT(LNX_EV_ADDR) | LNX_EV_BIT(LNX_EV_ROUTE))
/* How long the kernel must have been quiet before lost notifications
 * are made up for by a dump. */
#define RESYNC_QUIET_MS 200

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int dpl_fail(struct dpl *x, struct stack *st, int status)
{
	return stack_fail(st, status, "%s", lnx_error(x->nl));
}

/* ---- links ------------------------------------------------------------ */

static enum netcfg_if_kind link_kind(const struct lnx_link *l)
{
	switch (l->type) {
	case ARPHRD_LOOPBACK:
		return NETCFG_IF_LOOPBACK;
	case ARPHRD_ETHER:
		return NETCFG_IF_ETHERNET;
	case ARPHRD_SIT:
		/* sit0 is the kernel's automatic tunnelling device */
		return strcmp(l->name, "sit0") == 0 ? NETCFG_IF_TUNNEL : NETCFG_IF_OTHER;
	default:
		return NETCFG_IF_OTHER;
	}
}

/* The kernel's view of a link, as an interface. */
static void link_info(struct dpl *x, const struct lnx_link *l, struct netcfg_interface *in)
{
	memset(in, 0, sizeof(*in));
	in->index = l->ifindex;
	snprintf(in->name, sizeof(in->name), "%s", l->name);
	in->kind = link_kind(l);
	if (in->kind != NETCFG_IF_LOOPBACK && l->lladdr_len <= NETCFG_LLADDR_MAX) {
		memcpy(in->lladdr, l->lladdr, l->lladdr_len);
		in->lladdr_len = l->lladdr_len;
	}
	in->uses_nd = in->kind == NETCFG_IF_ETHERNET && !(l->flags & IFF_NOARP);
	in->site = in->uses_nd ? 1 : 0;
	in->state = (l->flags & IFF_UP) && (l->flags & IFF_RUNNING) ? NETCFG_IF_CONNECTED
								     : NETCFG_IF_DISCONNECTED;
	in->mtu = l->mtu;
	in->true_mtu = l->max_mtu > l->mtu ? l->max_mtu : l->mtu;
	if (!l->has_inet6)
		return;
	int32_t accept_ra = l->inet6[LNX_SYSCTL_ACCEPT_RA], mtu6 = l->inet6[LNX_SYSCTL_MTU];
	in->forwards = l->inet6[LNX_SYSCTL_FORWARDING] > 0;
	/* accept_ra 1 is for hosts: the kernel ignores RAs while forwarding */
	in->router_discovery = in->uses_nd && (accept_ra == 2 || (accept_ra == 1 && !in->forwards));
	in->hop_limit = l->inet6[LNX_SYSCTL_HOP_LIMIT] > 0 ? (uint32_t)l->inet6[LNX_SYSCTL_HOP_LIMIT] : 0;
	if (mtu6 > 0 && (uint32_t)mtu6 < in->mtu)
		in->mtu = (uint32_t)mtu6;
	in->dad_transmits = l->dad_transmits;
	in->reachable_ms = l->reachable_ms;
	in->retrans_ms = l->retrans_ms;
	uint32_t retrans;
	if (lnx_neigh_parms_get(x->nl, l->ifindex, &in->base_reachable_ms, &retrans) != NETCFG_OK)
		in->base_reachable_ms = 0;
}

static void note_new_link(struct dpl *x, const char *name);

/* What the kernel holds of an interface; the daemon's own settings
 * (site, metric, firewall, advertising, site prefix length) stay.  A link
 * that comes (administratively) up gets its persistent configuration
 * again: the kernel drops IPv6 addresses (and the routes through them)
 * when a link goes down, and routes cannot go on a link that is down. */
static void link_update(struct dpl *x, struct stack *st, struct st_iface *ifp,
			const struct lnx_link *l, const struct netcfg_interface *in)
{
	struct netcfg_interface *o = &ifp->info;
	bool up = l->flags & IFF_UP;
	if (up && !ifp->up && x->started && !x->building)
		note_new_link(x, in->name);
	ifp->up = up;
	memcpy(o->name, in->name, sizeof(o->name));
	o->kind = in->kind;
	memcpy(o->lladdr, in->lladdr, sizeof(o->lladdr));
	o->lladdr_len = in->lladdr_len;
	o->uses_nd = in->uses_nd;
	o->state = in->state;
	o->mtu = in->mtu;
	o->true_mtu = in->true_mtu;
	o->forwards = in->forwards;
	o->router_discovery = in->router_discovery;
	o->hop_limit = in->hop_limit;
	o->reachable_ms = in->reachable_ms;
	o->base_reachable_ms = in->base_reachable_ms;
	o->retrans_ms = in->retrans_ms;
	o->dad_transmits = in->dad_transmits;
	st->gen++;
}

static void note_new_link(struct dpl *x, const char *name)
{
	for (size_t i = 0; i < x->n_new_links; i++)
		if (strcmp(x->new_links[i], name) == 0)
			return;
	char (*v)[NETCFG_NAME_MAX] = realloc(x->new_links, (x->n_new_links + 1) * sizeof(*v));
	if (!v) {
		log_msg(LOG_WARNING, "interface %s appeared; out of memory: its persistent "
			"configuration is not applied", name);
		return;
	}
	x->new_links = v;
	snprintf(v[x->n_new_links++], NETCFG_NAME_MAX, "%s", name);
}

static void mirror_link(struct dpl *x, struct stack *st, const struct lnx_event *ev)
{
	const struct lnx_link *l = &ev->u.link;
	struct st_iface *ifp = stack_iface(st, l->ifindex);
	if (ev->deleted) {
		if (dpl_kernel_iface(ifp)) {
			log_msg(LOG_INFO, "interface %u (%s) is gone from the kernel", l->ifindex,
				ifp->info.name);
			stack_iface_forget(st, ifp);
		}
		return;
	}
	struct netcfg_interface in;
	link_info(x, l, &in);
	if (in.kind == NETCFG_IF_TUNNEL)
		x->tunnel_index = in.index;
	if (ifp) {
		link_update(x, st, ifp, l, &in);
		ifp->mark = true;
		return;
	}
	if (stack_iface_adopt(st, &in, &ifp) != NETCFG_OK) {
		log_msg(LOG_WARNING, "interface %u (%s): %s", in.index, in.name, st->err);
		return;
	}
	ifp->mark = true;
	ifp->up = l->flags & IFF_UP;
	if (x->started && !x->building) {
		log_msg(LOG_INFO, "interface %u (%s) appeared in the kernel", in.index, in.name);
		if (ifp->up)
			note_new_link(x, in.name);
	}
}

/* ---- addresses -------------------------------------------------------- */

static enum netcfg_origin addr_origin(const struct lnx_addr *a)
{
	if (a->ours)
		return NETCFG_ORIGIN_MANUAL;
	if (a->proto == IFAPROT_KERNEL_RA || !(a->flags & IFA_F_PERMANENT))
		return NETCFG_ORIGIN_AUTOCONF;
	if (a->proto == IFAPROT_KERNEL_LO || a->proto == IFAPROT_KERNEL_LL ||
	    IN6_IS_ADDR_LINKLOCAL(&a->addr) || IN6_IS_ADDR_LOOPBACK(&a->addr))
		return NETCFG_ORIGIN_SYSTEM;
	return NETCFG_ORIGIN_MANUAL;
}

static void mirror_addr(struct stack *st, const struct lnx_event *ev)
{
	const struct lnx_addr *a = &ev->u.addr;
	struct st_iface *ifp = stack_iface(st, a->ifindex);
	if (!dpl_kernel_iface(ifp))
		return;
	struct st_addr *sa = stack_addr_find(ifp, &a->addr);
	if (ev->deleted) {
		/* another prefix length of the same address may remain */
		if (sa && sa->plen == a->prefixlen)
			stack_addr_forget(st, ifp, sa);
		return;
	}
	uint64_t now = clock_now(st->clock);
	struct st_addr n = {
		.addr = a->addr,
		.type = NETCFG_ADDR_UNICAST,
		.origin = addr_origin(a),
		.temporary = a->flags & IFA_F_TEMPORARY,
		.valid_until = stack_deadline(st, a->valid_lft),
		.preferred_until = stack_deadline(st, a->preferred_lft),
		/* tentative until the kernel says otherwise */
		.dad_until = a->flags & IFA_F_TENTATIVE ? NEVER : 0,
		.plen = a->prefixlen,
		.foreign = !a->ours,
		.dad_failed = a->flags & IFA_F_DADFAILED,
		.mark = true,
	};
	if ((a->flags & IFA_F_DEPRECATED) && n.preferred_until > now)
		n.preferred_until = now;
	if (stack_addr_adopt(st, ifp, &n) != NETCFG_OK)
		log_msg(LOG_WARNING, "kernel address on interface %u: %s", a->ifindex, st->err);
}

/* ---- routes ----------------------------------------------------------- */

static enum netcfg_router_pref router_pref(enum lnx_route_pref p)
{
	return p == LNX_PREF_HIGH ? NETCFG_ROUTER_PREF_HIGH
	       : p == LNX_PREF_LOW ? NETCFG_ROUTER_PREF_LOW : NETCFG_ROUTER_PREF_MEDIUM;
}

static void mirror_route(struct stack *st, const struct lnx_event *ev)
{
	const struct lnx_route *r = &ev->u.route;
	if (r->table != RT_TABLE_MAIN || r->type != RTN_UNICAST || !r->ifindex)
		return;
	/* our own change: the model made it, and keeps what the kernel has
	 * no place for */
	if (ev->own)
		return;
	if (!dpl_kernel_iface(stack_iface(st, r->ifindex)))
		return;
	struct st_route *sr = stack_route_find(st, &r->dst, r->ifindex, &r->gateway);
	if (ev->deleted) {
		if (sr && sr->r.preference == r->metric)
			stack_route_forget(st, sr);
		return;
	}
	/* the model keys routes without their metric: of kernel routes that
	 * differ in it alone, it keeps the one the kernel prefers (in a
	 * resync, the one it keeps must be in the dump too) */
	if (sr && sr->r.preference < r->metric && (!ev->resync || sr->mark))
		return;
	struct netcfg_route nr;
	netcfg_route_init(&nr);
	nr.prefix = r->dst;
	nr.ifindex = r->ifindex;
	nr.nexthop = r->gateway;
	nr.preference = r->metric;
	nr.lifetime = r->expires ? r->expires : NETCFG_INFINITE;
	nr.router_pref = router_pref(r->pref);
	nr.origin = r->protocol == RTPROT_KERNEL || r->protocol == RTPROT_REDIRECT
		    ? NETCFG_ORIGIN_SYSTEM : r->protocol == RTPROT_RA ? NETCFG_ORIGIN_AUTOCONF
		    : NETCFG_ORIGIN_MANUAL;
	if (stack_route_adopt(st, &nr, !r->ours, &sr) != NETCFG_OK) {
		log_msg(LOG_WARNING, "kernel route: %s", st->err);
		return;
	}
	sr->proto = r->protocol;
	sr->mark = true;
}

/* ---- resync: what a dump does not deliver is gone ----------------------- */

static void resync_begin(struct stack *st, unsigned kinds)
{
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
		if (!dpl_kernel_iface(ifp))
			continue;
		if (kinds & LNX_EV_BIT(LNX_EV_LINK))
			ifp->mark = false;
		if (kinds & LNX_EV_BIT(LNX_EV_ADDR))
			for (struct st_addr *a = ifp->addrs; a; a = a->next)
				a->mark = false;
	}
	if (kinds & LNX_EV_BIT(LNX_EV_ROUTE))
		for (struct st_route *r = st->rt_head; r; r = r->next)
			r->mark = false;
}

static void resync_end(struct stack *st, unsigned kinds)
{
	if (kinds & LNX_EV_BIT(LNX_EV_ROUTE)) {
		for (struct st_route *r = st->rt_head, *nx; r; r = nx) {
			nx = r->next;
			if (!r->mark && dpl_kernel_iface(stack_iface(st, r->r.ifindex)))
				stack_route_forget(st, r);
		}
	}
	for (size_t i = st->n_ifs; i-- > 0;) {
		struct st_iface *ifp = st->ifs[i];
		if (!dpl_kernel_iface(ifp))
			continue;
		if ((kinds & LNX_EV_BIT(LNX_EV_LINK)) && !ifp->mark) {
			log_msg(LOG_INFO, "interface %u (%s) is gone from the kernel", ifp->info.index,
				ifp->info.name);
			stack_iface_forget(st, ifp);
			continue;
		}
		if (!(kinds & LNX_EV_BIT(LNX_EV_ADDR)))
			continue;
		for (struct st_addr *a = ifp->addrs, *nx; a; a = nx) {
			nx = a->next;
			if (!a->mark)
				stack_addr_forget(st, ifp, a);
		}
	}
}

static void on_event(void *arg, const struct lnx_event *ev)
{
	struct dpl *x = arg;
	struct stack *st = &x->d->stack;
	x->events++;
	switch (ev->kind) {
	case LNX_EV_RESYNC_BEGIN:
		if (!x->building)
			x->resyncs++;
		resync_begin(st, ev->resync_kinds);
		break;
	case LNX_EV_RESYNC_END:
		resync_end(st, ev->resync_kinds);
		break;
	case LNX_EV_LINK:
		mirror_link(x, st, ev);
		break;
	case LNX_EV_ADDR:
		mirror_addr(st, ev);
		break;
	case LNX_EV_ROUTE:
		mirror_route(st, ev);
		break;
	case LNX_EV_NEIGH:
	case LNX_EV_XFRM_POLICY:
		/* neighbours are listed from the kernel when asked; xfrm
		 * policies are the SPD's, which the daemon keeps */
		break;
	}
}

/* ---- life cycle ---------------------------------------------------------- */

static void add_held_tunnel(struct stack *st)
{
	struct netcfg_interface in = {
		.index = DPL_TUNNEL_HELD_INDEX,
		.name = DPL_TUNNEL_HELD_NAME,
		.kind = NETCFG_IF_TUNNEL,
		.lladdr_len = 4,
		.mtu = 1280,
		.true_mtu = 65515,
		.hop_limit = st->global.default_hop_limit,
		.state = NETCFG_IF_NOT_PRESENT,
		.daemon_held = true,
	};
	stack_iface_adopt(st, &in, NULL);
}

static int linux_build(struct dataplane *dp, struct stack *st)
{
	struct dpl *x = dpl_of(dp);
	if (stack_init_base(st, &dp->d->clock) != NETCFG_OK)
		return NETCFG_ENOMEM;
	/* the kernel's global parameters first: the held tunnel takes the
	 * default hop limit */
	int rc = dpl_global_load(x, st);
	if (rc)
		return rc;
	/* the mirror works on the daemon's stack, which st is */
	bool was = dp->mirroring;
	dp->mirroring = true;
	x->building = true;
	x->tunnel_index = 0;
	rc = lnx_event_resync(x->nl, MIRRORED_KINDS, on_event, x);
	if (rc)
		rc = dpl_fail(x, st, rc);
	if (rc == NETCFG_OK && !x->tunnel_index) {
		add_held_tunnel(st);
		x->tunnel_index = DPL_TUNNEL_HELD_INDEX;
	}
	if (rc == NETCFG_OK)
		rc = dpl_policies_load(x, st);
	if (rc == NETCFG_OK && !x->started)
		dpl_xfrm_adopt(x);
	x->building = false;
	dp->mirroring = was;
	if (rc == NETCFG_OK)
		x->started = true;
	return rc;
}

static int linux_event_fd(const struct dataplane *dp)
{
	return lnx_event_fd(dpl_of(dp)->nl);
}

static void linux_events(struct dataplane *dp)
{
	struct dpl *x = dpl_of(dp);
	unsigned long long seen = x->events;
	dp->mirroring = true;
	int rc = lnx_event_process(x->nl, on_event, x);
	unsigned lost = lnx_event_pending(x->nl) & MIRRORED_KINDS;
	uint64_t now = now_ms();
	if (x->events != seen || rc)
		x->last_event_ms = now;
	else if (lost && now - x->last_event_ms >= RESYNC_QUIET_MS && rc == NETCFG_OK)
		rc = lnx_event_resync(x->nl, lost, on_event, x);
	dp->mirroring = false;
	if (rc)
		log_msg(LOG_WARNING, "kernel notifications: %s", lnx_error(x->nl));
	/* links that came (back): what the persistent store has for them */
	for (size_t i = 0; i < x->n_new_links; i++)
		dispatch_replay_iface(dp->d, x->new_links[i]);
	free(x->new_links);
	x->new_links = NULL;
	x->n_new_links = 0;
}

static int linux_wakeup_ms(const struct dataplane *dp)
{
	struct dpl *x = dpl_of(dp);
	if (!(lnx_event_pending(x->nl) & MIRRORED_KINDS))
		return -1;
	uint64_t since = now_ms() - x->last_event_ms;
	return since >= RESYNC_QUIET_MS ? 0 : (int)(RESYNC_QUIET_MS - since);
}

static void linux_close(struct dataplane *dp)
{
	struct dpl *x = dpl_of(dp);
	if (!x)
		return;
	lnx_close(x->nl);
	dpl_queue_free(x);
	dpl_xfrm_free(x);
	free(x->new_links);
	free(x);
	dp->priv = NULL;
}

/* ---- views -------------------------------------------------------------- */

static int refresh_link(void *arg, const struct lnx_link *l)
{
	struct dpl *x = arg;
	struct stack *st = &x->d->stack;
	struct st_iface *ifp = stack_iface(st, l->ifindex);
	if (dpl_kernel_iface(ifp)) {
		struct netcfg_interface in;
		link_info(x, l, &in);
		link_update(x, st, ifp, l, &in);
	}
	return NETCFG_OK;
}

static int linux_refresh(struct dataplane *dp, struct stack *st)
{
	struct dpl *x = dpl_of(dp);
	int rc = lnx_link_dump(x->nl, refresh_link, x);
	/* destination cache entries ask the kernel again */
	st->gen++;
	if (rc)
		return dpl_fail(x, st, rc);
	return dpl_global_load(x, st);
}

struct neigh_view {
	struct stack *st;
	const struct in6_addr *addr;
	dp_neigh_fn fn;
	void *arg;
};

static int view_neigh(void *arg, const struct lnx_neigh *k)
{
	struct neigh_view *v = arg;
	const struct st_iface *ifp = stack_iface(v->st, k->ifindex);
	/* NOARP entries (multicast, loopback) are no neighbours; ip neigh
	 * hides them too */
	if (!ifp || (k->state & (NUD_NOARP | NUD_NONE)) == k->state ||
	    (v->addr && !IN6_ARE_ADDR_EQUAL(v->addr, &k->addr)))
		return NETCFG_OK;
	struct netcfg_neighbor n = { .ifindex = k->ifindex, .addr = k->addr };
	if (k->lladdr_len <= NETCFG_LLADDR_MAX) {
		memcpy(n.lladdr, k->lladdr, k->lladdr_len);
		n.lladdr_len = k->lladdr_len;
	}
	n.is_router = k->flags & NTF_ROUTER;
	if (k->state & NUD_PERMANENT)
		n.state = NETCFG_ND_PERMANENT;
	else if (k->state & NUD_REACHABLE)
		n.state = NETCFG_ND_REACHABLE;
	else if (k->state & NUD_STALE)
		n.state = NETCFG_ND_STALE;
	else if (k->state & NUD_DELAY)
		n.state = NETCFG_ND_DELAY;
	else if (k->state & NUD_PROBE)
		n.state = NETCFG_ND_PROBE;
	else
		n.state = NETCFG_ND_INCOMPLETE;
	n.unreachable = k->state & NUD_FAILED;
	if (n.state == NETCFG_ND_REACHABLE && ifp->info.reachable_ms > k->confirmed_ms)
		n.reachable_ms = ifp->info.reachable_ms - k->confirmed_ms;
	return v->fn(v->arg, &n);
}

static int linux_neigh_list(struct dataplane *dp, struct stack *st, uint32_t ifindex,
			    const struct in6_addr *a, dp_neigh_fn fn, void *arg)
{
	struct dpl *x = dpl_of(dp);
	struct neigh_view v = { st, a, fn, arg };
	const struct st_iface *ifp = ifindex ? stack_iface(st, ifindex) : NULL;
	if (ifp && ifp->info.daemon_held)
		return NETCFG_OK;   /* the kernel has no link for it */
	int rc = lnx_neigh_dump(x->nl, ifindex, view_neigh, &v);
	return rc ? dpl_fail(x, st, rc) : NETCFG_OK;
}

static int linux_route_query(struct dataplane *dp, struct stack *st, const struct in6_addr *dest,
			     uint32_t zone_if, uint32_t only_if, struct netcfg_route_result *out)
{
	struct dpl *x = dpl_of(dp);
	char buf[NETCFG_ADDRSTRLEN];
	uint32_t oif = zone_if ? zone_if : only_if;
	const struct st_iface *oifp = oif ? stack_iface(st, oif) : NULL;
	if (oifp && oifp->info.daemon_held)
		return stack_fail(st, NETCFG_ENOENT, "interface %u (%s) is held by stackd only: the "
				  "kernel routes nothing through it", oif, oifp->info.name);
	struct lnx_lookup k;
	int rc = lnx_route_lookup(x->nl, dest, oif, &k);
	if (rc == NETCFG_ENOENT)
		return stack_fail(st, rc, "no route to %s%s (the kernel's lookup: %s)",
				  netcfg_format_addr(dest, buf), oif ? " through that interface" : "",
				  lnx_error(x->nl));
	if (rc)
		return dpl_fail(x, st, rc);
	const struct st_iface *ifp = stack_iface(st, k.ifindex);
	if (!ifp)
		return stack_fail(st, NETCFG_EKERNEL, "the kernel's route to %s leaves through "
				  "interface %u, which the daemon has not seen yet",
				  netcfg_format_addr(dest, buf), k.ifindex);
	struct route_match m;
	stack_route_lookup(st, dest, oif, 0, true, &m);
	out->candidates = m.candidates;
	out->pmtu = k.route.mtu ? k.route.mtu : ifp->info.mtu;
	if (k.route.type == RTN_LOCAL) {
		const struct st_iface *owner = stack_addr_owner(st, dest);
		out->rule = NETCFG_RULE_LOCAL;
		out->ifindex = k.ifindex;
		out->nexthop = *dest;
		out->onlink = true;
		out->source = *dest;
		out->source_ifindex = owner ? owner->info.index : k.ifindex;
		out->source_rule = NETCFG_SRC_SAME;
		out->source_candidates = 1;
		return NETCFG_OK;
	}
	const struct st_route *sr = stack_route_find(st, &k.route.dst, k.route.ifindex, &k.route.gateway);
	out->have_route = true;
	if (sr) {
		stack_route_export(st, sr, &out->route);
	} else {
		/* a route of another table: as the kernel has it */
		netcfg_route_init(&out->route);
		out->route.prefix = k.route.dst;
		out->route.ifindex = k.route.ifindex;
		out->route.nexthop = k.route.gateway;
		out->route.preference = k.route.metric;
		out->route.lifetime = k.route.expires ? k.route.expires : NETCFG_INFINITE;
		out->route.router_pref = router_pref(k.route.pref);
	}
	out->rule = NETCFG_RULE_KERNEL;
	out->ifindex = k.ifindex;
	out->onlink = IN6_IS_ADDR_UNSPECIFIED(&k.gateway);
	out->nexthop = out->onlink ? *dest : k.gateway;
	if (netcfg_addr_scope(dest) <= 2)
		out->scope_id = k.ifindex;
	/* the candidates the model would weigh; the kernel's choice */
	struct st_iface *src_if = NULL;
	enum netcfg_source_rule rule;
	stack_select_source(st, dest, ifp, &src_if, &rule, &out->source_candidates);
	if (k.has_prefsrc) {
		const struct st_iface *owner = stack_addr_owner(st, &k.prefsrc);
		out->source = k.prefsrc;
		out->source_ifindex = owner ? owner->info.index : k.ifindex;
		out->source_rule = NETCFG_SRC_KERNEL;
	} else {
		out->source_rule = NETCFG_SRC_NONE;
	}
	return NETCFG_OK;
}

static void linux_info(const struct dataplane *dp, struct jw *w)
{
	struct dpl *x = dpl_of(dp);
	jw_kstr(w, "netns", dp->d->cfg.netns);
	jw_kstr(w, "gai_conf", x->gai_path);
	jw_kuint(w, "tunnel_ifindex", x->tunnel_index);
	jw_kbool(w, "tunnel_held", x->tunnel_index == DPL_TUNNEL_HELD_INDEX);
	jw_kuint(w, "protocol", LNX_PROTO);
	jw_kuint(w, "events", x->events);
	jw_kuint(w, "resyncs", x->resyncs);
	jw_kuint(w, "route_batches", x->batches);
	jw_kuint(w, "batched_routes", x->batch_routes);
	dpl_xfrm_info(x, w);
}

static const struct dataplane_ops linux_ops = {
	.name = "linux",
	.model_links = false,
	.build = linux_build,
	.withdraw = dpl_withdraw,
	.close = linux_close,
	.event_fd = linux_event_fd,
	.events = linux_events,
	.wakeup_ms = linux_wakeup_ms,
	.commit = dpl_commit,
	.iface_create = dpl_iface_create,
	.iface_delete = dpl_iface_delete,
	.iface_set = dpl_iface_set,
	.addr = dpl_addr,
	.route = dpl_route,
	.neigh_add = dpl_neigh_add,
	.neigh_flush = dpl_neigh_flush,
	.policy = dpl_policy,
	.sp = dpl_sp,
	.sa = dpl_sa,
	.global_set = dpl_global_set,
	.refresh = linux_refresh,
	.neigh_list = linux_neigh_list,
	.route_query = linux_route_query,
	.global_held = dpl_global_held,
	.info = linux_info,
};

int dp_linux_open(struct dataplane *dp, struct daemon *d, char *err, size_t errlen)
{
	const struct stackd_config *c = &d->cfg;
	struct dpl *x = calloc(1, sizeof(*x));
	if (!x) {
		snprintf(err, errlen, "out of memory");
		return NETCFG_ENOMEM;
	}
	struct lnx_options o = { .netns = c->netns[0] ? c->netns : NULL, .events = true,
				 .defer_resync = true };
	int rc = lnx_open(&x->nl, &o, err, errlen);
	if (rc) {
		free(x);
		return rc;
	}
	x->dp = dp;
	x->d = d;
	/* with --netns, the file `ip netns exec NAME` shows as /etc/gai.conf */
	if (c->gai_conf[0])
		snprintf(x->gai_path, sizeof(x->gai_path), "%s", c->gai_conf);
	else if (c->netns[0])
		snprintf(x->gai_path, sizeof(x->gai_path), "/etc/netns/%s/gai.conf", c->netns);
	else
		snprintf(x->gai_path, sizeof(x->gai_path), "%s", LNX_GAI_CONF);
	snprintf(x->ipsec_record, sizeof(x->ipsec_record), "%s/linux-ipsec.json", c->state_dir);
	lnx_xfrm_probe(x->nl, &x->xfrm_support);
	dpl_global_probe(x);
	dp->ops = &linux_ops;
	dp->d = d;
	dp->priv = x;
	return NETCFG_OK;
}
