/* SPDX-License-Identifier: MIT */
/*
 * dp_linux_realize.c - the linux dataplane's realizers: link settings,
 * addresses, routes, static neighbours and prefix policies in the kernel,
 * inside the request's transaction.
 *
 * Link settings, addresses, neighbours and address labels go to the
 * kernel at once, and each change records in the transaction's undo log
 * how to put the kernel back.  Routes are queued and go to the kernel in
 * commit() as one batch (lnx_route_batch: many messages per sendmsg(),
 * all or nothing, back once every route is in the kernel); a queued route
 * records only how far to cut the queue back when the transaction, or a
 * part of it, rolls back.  After the batch, a record that can undo it
 * stays in the log until the transaction ends, for a failure after the
 * kernel took it (writing the persistent store).
 *
 * Only what stackd installed is changed or removed by what stackd does on
 * its own (withdraw); an administrator's explicit delete of one route or
 * address removes it whoever made it, as `ip` would.  Neighbours are only
 * flushed, and a flush leaves others' static entries alone.
 */
#include "dp_linux.h"
#include "undo.h"

#include "../../libnetcfg/paths.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <linux/neighbour.h>

/* The kernel has no IPv6 route metric 0: it is its default, 1024. */
#define KERNEL_DEFAULT_METRIC 1024

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

/* Outside a transaction there is nothing to roll back. */
int dpl_record(struct dpl *x, struct stack *st, void (*undo_fn)(void *, void *), void *data)
{
	if (!st->undo) {
		free(data);
		return NETCFG_OK;
	}
	if (undo_push(st->undo, undo_fn, free_record, x, data) < 0) {
		undo_fn(x, data);
		return stack_nomem(st);
	}
	return NETCFG_OK;
}

void dpl_rollback_failed(struct dpl *x)
{
	log_msg(LOG_WARNING, "rolling back in the kernel: %s", lnx_error(x->nl));
}

/* ---- links ------------------------------------------------------------- */

int dpl_iface_create(struct dataplane *dp, struct stack *st, const struct netcfg_interface_create *c)
{
	(void)dp;
	return stack_fail(st, NETCFG_ENOTSUP,
			  "the linux dataplane does not create %s interfaces: create the link with "
			  "ip link add (type sit) and it becomes an interface of its own",
			  c->kind == NETCFG_IF_6OVER4 ? "6-over-4" : "tunnel");
}

int dpl_iface_delete(struct dataplane *dp, struct stack *st, const struct st_iface *ifp)
{
	(void)dp;
	return stack_fail(st, NETCFG_ENOTSUP, "interface %u (%s) is a kernel link: remove it with "
			  "ip link del; stackd does not delete links", ifp->info.index, ifp->info.name);
}

/* A setting of a link: its MTU (through netlink) or an IPv6 sysctl. */
#define KNOB_MTU (-1)

struct knob_undo {
	uint32_t ifindex;
	int key;                       /* enum lnx_sysctl, or KNOB_MTU */
	int32_t old;
};

static int knob_set(struct dpl *x, int key, uint32_t ifindex, int32_t v)
{
	return key == KNOB_MTU ? lnx_link_set_mtu(x->nl, ifindex, (uint32_t)v)
			       : lnx_sysctl_set(x->nl, ifindex, (enum lnx_sysctl)key, v);
}

static void undo_knob(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct knob_undo *u = data;
	if (knob_set(x, u->key, u->ifindex, u->old) != NETCFG_OK)
		dpl_rollback_failed(x);
	free(u);
}

static int set_knob(struct dpl *x, struct stack *st, const struct st_iface *ifp, int key, int32_t v)
{
	uint32_t index = ifp->info.index;
	int32_t old;
	int rc;
	if (key == KNOB_MTU) {
		struct lnx_link l;
		rc = lnx_link_get(x->nl, index, &l);
		old = (int32_t)l.mtu;
	} else {
		rc = lnx_sysctl_get(x->nl, index, (enum lnx_sysctl)key, &old);
	}
	if (rc == NETCFG_OK && old == v)
		return NETCFG_OK;
	if (rc == NETCFG_OK)
		rc = knob_set(x, key, index, v);
	if (rc)
		return stack_fail(st, rc, "interface %u (%s): %s", index, ifp->info.name,
				  lnx_error(x->nl));
	struct knob_undo *u = malloc(sizeof(*u));
	if (!u) {
		knob_set(x, key, index, old);
		return stack_nomem(st);
	}
	*u = (struct knob_undo){ index, key, old };
	return dpl_record(x, st, undo_knob, u);
}

int dpl_iface_set(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
		  const struct netcfg_interface_settings *s)
{
	struct dpl *x = dpl_of(dp);
	const struct netcfg_interface *in = &ifp->info;
	int rc = NETCFG_OK;
	/* the daemon's own settings (advertising, site, metric, firewall,
	 * site prefix length) have no place in the kernel */
	if (!dpl_kernel_iface(ifp))
		return NETCFG_OK;
	if ((s->mask & NETCFG_IFSET_MTU) && s->mtu != in->mtu)
		rc = set_knob(x, st, ifp, KNOB_MTU, (int32_t)s->mtu);
	if (rc == NETCFG_OK && (s->mask & NETCFG_IFSET_FORWARDS))
		rc = set_knob(x, st, ifp, LNX_SYSCTL_FORWARDING, s->forwards);
	if (rc == NETCFG_OK && (s->mask & NETCFG_IFSET_HOP_LIMIT))
		rc = set_knob(x, st, ifp, LNX_SYSCTL_HOP_LIMIT, (int32_t)s->hop_limit);
	if (rc == NETCFG_OK && (s->mask & NETCFG_IFSET_ROUTER_DISCOVERY)) {
		/* accept_ra 1 means "unless forwarding"; a forwarding
		 * interface needs 2 to take RAs in (the kernel's forwarding
		 * now: a notification may not have told the model yet) */
		int32_t forwards = s->forwards;
		if (!(s->mask & NETCFG_IFSET_FORWARDS) &&
		    lnx_sysctl_get(x->nl, in->index, LNX_SYSCTL_FORWARDING, &forwards) != NETCFG_OK)
			return stack_fail(st, NETCFG_EKERNEL, "interface %u (%s): %s", in->index, in->name,
					  lnx_error(x->nl));
		rc = set_knob(x, st, ifp, LNX_SYSCTL_ACCEPT_RA, !s->router_discovery ? 0 : forwards ? 2 : 1);
	}
	return rc;
}

/* ---- addresses ----------------------------------------------------------- */

struct addr_undo {
	enum lnx_op op;
	struct lnx_addr a;
};

static void undo_addr(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct addr_undo *u = data;
	if (lnx_addr_change(x->nl, u->op, &u->a) != NETCFG_OK)
		dpl_rollback_failed(x);
	free(u);
}

/* The kernel's form of an address the model holds. */
static void kernel_addr(const struct stack *st, const struct st_iface *ifp, const struct st_addr *sa,
			struct lnx_addr *k)
{
	memset(k, 0, sizeof(*k));
	k->ifindex = ifp->info.index;
	k->addr = sa->addr;
	k->prefixlen = sa->plen ? sa->plen : 128;
	k->valid_lft = stack_remaining(st, sa->valid_until);
	k->preferred_lft = stack_remaining(st, sa->preferred_until);
	if (k->valid_lft == 0)
		k->valid_lft = 1;
}

static int addr_change(struct dpl *x, struct stack *st, enum lnx_op op, const struct lnx_addr *k,
		       enum lnx_op undo_op, const struct lnx_addr *undo_a)
{
	struct addr_undo *u = malloc(sizeof(*u));
	if (!u)
		return stack_nomem(st);
	int rc = lnx_addr_change(x->nl, op, k);
	if (rc) {
		free(u);
		return dpl_fail(x, st, rc);
	}
	*u = (struct addr_undo){ undo_op, *undo_a };
	return dpl_record(x, st, undo_addr, u);
}

int dpl_addr(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct st_iface *ifp,
	     const struct st_addr *old, const struct netcfg_address *a)
{
	struct dpl *x = dpl_of(dp);
	char buf[NETCFG_ADDRSTRLEN];
	struct lnx_addr k, was;
	if (!dpl_kernel_iface(ifp))
		return NETCFG_OK;
	if (ch == DP_DELETE) {
		kernel_addr(st, ifp, old, &k);
		/* a rollback puts it back as one of ours */
		return addr_change(x, st, old->foreign ? LNX_OP_DELETE_ANY : LNX_OP_DELETE, &k,
				   LNX_OP_ADD, &k);
	}
	netcfg_format_addr(&a->addr, buf);
	if (a->type == NETCFG_ADDR_ANYCAST)
		return stack_fail(st, NETCFG_ENOTSUP, "anycast address %s: Linux has no anycast "
				  "addresses to configure (the kernel joins them per socket)", buf);
	if (ch == DP_REPLACE && old->foreign)
		return stack_fail(st, NETCFG_EEXIST, "address %s on interface %u (%s) was not "
				  "configured by netcfg, which changes only its own: delete it and add "
				  "it again", buf, ifp->info.index, ifp->info.name);
	memset(&k, 0, sizeof(k));
	k.ifindex = ifp->info.index;
	k.addr = a->addr;
	k.prefixlen = old && old->plen ? old->plen : 128;
	k.valid_lft = a->valid_lifetime;
	k.preferred_lft = a->preferred_lifetime;
	if (ch == DP_ADD)
		return addr_change(x, st, LNX_OP_ADD, &k, LNX_OP_DELETE, &k);
	kernel_addr(st, ifp, old, &was);
	return addr_change(x, st, LNX_OP_REPLACE, &k, LNX_OP_REPLACE, &was);
}

/* ---- routes: queued for the transaction's batch ------------------------ */

static enum lnx_route_pref kernel_pref(enum netcfg_router_pref p)
{
	return p == NETCFG_ROUTER_PREF_HIGH ? LNX_PREF_HIGH
	       : p == NETCFG_ROUTER_PREF_LOW ? LNX_PREF_LOW : LNX_PREF_MEDIUM;
}

/* The kernel's form of a route; expires in seconds, 0 = never. */
static void kernel_route(const struct netcfg_route *r, uint32_t expires, uint8_t proto,
			 struct lnx_route *k)
{
	memset(k, 0, sizeof(*k));
	k->dst = r->prefix;
	k->ifindex = r->ifindex;
	k->gateway = r->nexthop;
	k->metric = r->preference;
	k->pref = kernel_pref(r->router_pref);
	k->expires = expires;
	k->protocol = proto;
}

/* How long a route given to the model lives in the kernel: as the model
 * ages it (a published route that does not age never expires). */
static uint32_t new_expiry(const struct netcfg_route *r)
{
	if ((r->publish && !r->age) || r->lifetime == NETCFG_INFINITE)
		return 0;
	return r->lifetime;
}

static uint32_t old_expiry(const struct stack *st, const struct st_route *sr)
{
	if (sr->expires == NEVER)
		return 0;
	uint32_t left = stack_remaining(st, sr->expires);
	return left ? left : 1;
}

static void truncate_routes(void *ctx, void *data)
{
	struct dpl *x = ctx;
	size_t n = (uintptr_t)data;
	if (x->n_routes > n)
		x->n_routes = n;
}

static int queue_route(struct dpl *x, struct stack *st, enum lnx_op op, const struct lnx_route *k)
{
	if (!st->undo) {
		/* no transaction to wait for */
		int rc = lnx_route_change(x->nl, op, k);
		return rc ? dpl_fail(x, st, rc) : NETCFG_OK;
	}
	if (x->n_routes == x->cap_routes) {
		size_t cap = x->cap_routes ? x->cap_routes * 2 : 256;
		struct lnx_route_change *v = realloc(x->routes, cap * sizeof(*v));
		if (!v)
			return stack_nomem(st);
		x->routes = v;
		x->cap_routes = cap;
	}
	x->routes[x->n_routes] = (struct lnx_route_change){ op, *k };
	if (undo_push(st->undo, truncate_routes, NULL, x, (void *)(uintptr_t)x->n_routes) < 0)
		return stack_nomem(st);
	x->n_routes++;
	return NETCFG_OK;
}

int dpl_route(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct st_route *old,
	      struct netcfg_route *r)
{
	struct dpl *x = dpl_of(dp);
	char name[160];
	struct lnx_route k, was;
	if (!dpl_kernel_iface(stack_iface(st, r ? r->ifindex : old->r.ifindex)))
		return NETCFG_OK;   /* the daemon keeps it */
	if (old)
		kernel_route(&old->r, old_expiry(st, old), old->proto, &was);
	if (ch == DP_DELETE)
		return queue_route(x, st, old->foreign ? LNX_OP_DELETE_ANY : LNX_OP_DELETE, &was);
	if (r->preference == 0)
		r->preference = KERNEL_DEFAULT_METRIC;
	kernel_route(r, new_expiry(r), 0, &k);
	if (ch == DP_ADD)
		return queue_route(x, st, LNX_OP_ADD, &k);
	/* a replace of what the kernel has no place for (publish, site
	 * prefix length) is the daemon's alone */
	if (k.metric == was.metric && k.pref == was.pref && !k.expires && !was.expires)
		return NETCFG_OK;
	if (old->foreign)
		return stack_fail(st, NETCFG_EEXIST, "route %s was not installed by netcfg (route "
				  "protocol %u), which changes only its own: delete it and add it again",
				  stack_route_name(&old->r, name, sizeof(name)), old->proto);
	/* the kernel keys IPv6 routes by metric: replace = delete + add */
	int rc = queue_route(x, st, LNX_OP_DELETE, &was);
	return rc ? rc : queue_route(x, st, LNX_OP_ADD, &k);
}

struct batch_revert {
	struct lnx_route_change *v;
	size_t n;
};

static void free_revert(void *ctx, void *data)
{
	struct batch_revert *b = data;
	(void)ctx;
	free(b->v);
	free(b);
}

/* The transaction failed after the kernel took its batch: the inverse
 * changes, newest first. */
static void undo_batch(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct batch_revert *b = data;
	for (size_t i = 0, j = b->n; i < j;) {
		struct lnx_route_change t = b->v[i];
		b->v[i++] = b->v[--j];
		b->v[j] = t;
	}
	for (size_t i = 0; i < b->n; i++) {
		struct lnx_route_change *c = &b->v[i];
		bool theirs = c->route.protocol && c->route.protocol != LNX_PROTO;
		c->op = c->op != LNX_OP_ADD ? LNX_OP_ADD : theirs ? LNX_OP_DELETE_ANY : LNX_OP_DELETE;
	}
	struct lnx_batch_report rep = { 0 };
	if (lnx_route_batch(x->nl, b->v, b->n, 0, &rep) != NETCFG_OK)
		dpl_rollback_failed(x);
	free_revert(ctx, data);
}

static int commit_routes(struct dpl *x, struct stack *st)
{
	struct batch_revert *b = malloc(sizeof(*b));
	if (!b)
		return stack_nomem(st);
	/* the queue is taken: the records that cut it back find it empty */
	*b = (struct batch_revert){ x->routes, x->n_routes };
	x->routes = NULL;
	x->n_routes = x->cap_routes = 0;
	struct lnx_batch_report rep = { 0 };
	int rc = lnx_route_batch(x->nl, b->v, b->n, LNX_BATCH_ROLLBACK, &rep);
	x->batches++;
	x->batch_routes += b->n;
	if (rc) {
		rc = stack_fail(st, rc, "the kernel refused %s%s", lnx_error(x->nl),
				rep.rolled_back || !rep.applied ? "; no route was changed" : "");
		free_revert(NULL, b);
		return rc;
	}
	if (undo_push(st->undo, undo_batch, free_revert, x, b) < 0) {
		undo_batch(x, b);
		return stack_nomem(st);
	}
	return NETCFG_OK;
}

int dpl_commit(struct dataplane *dp, struct stack *st)
{
	struct dpl *x = dpl_of(dp);
	int rc = x->n_routes ? commit_routes(x, st) : NETCFG_OK;
	return rc ? rc : dpl_xfrm_commit(x, st);
}

void dpl_queue_free(struct dpl *x)
{
	free(x->routes);
	x->routes = NULL;
	x->n_routes = x->cap_routes = 0;
}

/* ---- neighbours ------------------------------------------------------------ */

struct neigh_find {
	const struct in6_addr *addr;
	struct lnx_neigh found;
	bool have;
};

static int find_neigh(void *arg, const struct lnx_neigh *n)
{
	struct neigh_find *f = arg;
	if (IN6_ARE_ADDR_EQUAL(&n->addr, f->addr)) {
		f->found = *n;
		f->have = true;
	}
	return NETCFG_OK;
}

struct neigh_undo {
	enum lnx_op op;
	struct lnx_neigh n;
};

static void undo_neigh(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct neigh_undo *u = data;
	if (lnx_neigh_change(x->nl, u->op, &u->n) != NETCFG_OK)
		dpl_rollback_failed(x);
	free(u);
}

static bool static_of_others(const struct lnx_neigh *n)
{
	return (n->state & NUD_PERMANENT) && !n->ours;
}

int dpl_neigh_add(struct dataplane *dp, struct stack *st, const struct st_iface *ifp,
		  const struct netcfg_neighbor *nb)
{
	struct dpl *x = dpl_of(dp);
	char buf[NETCFG_ADDRSTRLEN];
	if (!dpl_kernel_iface(ifp))
		return NETCFG_OK;
	struct neigh_find f = { .addr = &nb->addr };
	int rc = lnx_neigh_dump(x->nl, ifp->info.index, find_neigh, &f);
	if (rc)
		return dpl_fail(x, st, rc);
	if (f.have && static_of_others(&f.found))
		return stack_fail(st, NETCFG_EEXIST, "neighbor %s on interface %u (%s) has a static "
				  "entry netcfg did not make; netcfg leaves it alone",
				  netcfg_format_addr(&nb->addr, buf), ifp->info.index, ifp->info.name);
	struct lnx_neigh k = { .ifindex = ifp->info.index, .addr = nb->addr,
			       .lladdr_len = nb->lladdr_len, .flags = nb->is_router ? NTF_ROUTER : 0 };
	memcpy(k.lladdr, nb->lladdr, nb->lladdr_len);
	struct neigh_undo *u = malloc(sizeof(*u));
	if (!u)
		return stack_nomem(st);
	if ((rc = lnx_neigh_change(x->nl, LNX_OP_REPLACE, &k))) {
		free(u);
		return dpl_fail(x, st, rc);
	}
	/* back to the static entry of ours that was there, or to none (the
	 * kernel learns a dynamic one again when it needs it) */
	if (f.have && (f.found.state & NUD_PERMANENT))
		*u = (struct neigh_undo){ LNX_OP_REPLACE, f.found };
	else
		*u = (struct neigh_undo){ LNX_OP_DELETE_ANY, k };
	return dpl_record(x, st, undo_neigh, u);
}

struct neigh_flush {
	const struct in6_addr *addr;
	struct lnx_neigh *v;
	size_t n, cap;
	bool oom;
};

/* What a flush removes: learned entries, and static entries of ours. */
static int collect_neigh(void *arg, const struct lnx_neigh *n)
{
	struct neigh_flush *f = arg;
	if ((n->state & (NUD_NOARP | NUD_NONE)) == n->state || static_of_others(n) ||
	    (f->addr && !IN6_ARE_ADDR_EQUAL(&n->addr, f->addr)))
		return NETCFG_OK;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		struct lnx_neigh *v = realloc(f->v, cap * sizeof(*v));
		if (!v) {
			f->oom = true;
			return NETCFG_ENOMEM;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = *n;
	return NETCFG_OK;
}

int dpl_neigh_flush(struct dataplane *dp, struct stack *st, uint32_t ifindex,
		    const struct in6_addr *a, size_t *removed)
{
	struct dpl *x = dpl_of(dp);
	struct neigh_flush f = { .addr = a };
	*removed = 0;
	if (ifindex && !dpl_kernel_iface(stack_iface(st, ifindex)))
		return NETCFG_OK;
	int rc = lnx_neigh_dump(x->nl, ifindex, collect_neigh, &f);
	if (rc) {
		free(f.v);
		return f.oom ? stack_nomem(st) : dpl_fail(x, st, rc);
	}
	for (size_t i = 0; i < f.n && rc == NETCFG_OK; i++) {
		const struct lnx_neigh *n = &f.v[i];
		if (!stack_iface(st, n->ifindex))
			continue;
		/* the dump said which are ours: no second look per entry */
		rc = lnx_neigh_change(x->nl, LNX_OP_DELETE_ANY, n);
		if (rc == NETCFG_ENOENT) {
			rc = NETCFG_OK;   /* gone meanwhile */
			continue;
		}
		if (rc) {
			rc = dpl_fail(x, st, rc);
			break;
		}
		(*removed)++;
		/* learned entries are soft state; ours come back on rollback */
		if (n->state & NUD_PERMANENT) {
			struct neigh_undo *u = malloc(sizeof(*u));
			if (!u) {
				rc = stack_nomem(st);
				break;
			}
			*u = (struct neigh_undo){ LNX_OP_REPLACE, *n };
			rc = dpl_record(x, st, undo_neigh, u);
		}
	}
	free(f.v);
	return rc;
}

/* ---- prefix policies: address labels and the gai.conf block ------------- */

struct label_undo {
	enum lnx_op op;
	struct lnx_addrlabel l;
};

static void undo_label(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct label_undo *u = data;
	if (lnx_addrlabel_change(x->nl, u->op, &u->l) != NETCFG_OK)
		dpl_rollback_failed(x);
	free(u);
}

/* Set (label != NULL) or remove the kernel's label of prefix p; undo
 * puts back old (NULL: none). */
static int set_label(struct dpl *x, struct stack *st, const struct netcfg_prefix *p,
		     const uint32_t *label, const uint32_t *old)
{
	struct lnx_addrlabel l = { .prefix = *p, .label = label ? *label : (old ? *old : 0) };
	struct label_undo *u = malloc(sizeof(*u));
	if (!u)
		return stack_nomem(st);
	int rc = lnx_addrlabel_change(x->nl, label ? LNX_OP_REPLACE : LNX_OP_DELETE_ANY, &l);
	if (rc == NETCFG_ENOENT && !label)
		rc = NETCFG_OK;   /* there was none to remove */
	if (rc) {
		free(u);
		return dpl_fail(x, st, rc);
	}
	*u = (struct label_undo){ old ? LNX_OP_REPLACE : LNX_OP_DELETE_ANY,
				  { .prefix = *p, .label = old ? *old : l.label } };
	return dpl_record(x, st, undo_label, u);
}

struct gai_undo {
	struct dpl *x;
	size_t n;
	struct lnx_gai_policy v[];
};

static int gai_write(struct dpl *x, const struct lnx_gai_policy *v, size_t n, char *err, size_t errlen)
{
	/* with --netns the file lives under /etc/netns/NAME/, which
	 * `ip netns add` does not make */
	if (!x->d->cfg.gai_conf[0] && x->d->cfg.netns[0])
		netcfg_mkdir_parent(x->gai_path);
	return lnx_gai_write(x->gai_path, v, n, err, errlen);
}

static void undo_gai(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct gai_undo *u = data;
	char err[PATH_MAX + 128];
	if (gai_write(x, u->v, u->n, err, sizeof(err)) != NETCFG_OK)
		log_msg(LOG_WARNING, "rolling back %s: %s", x->gai_path, err);
	free(u);
}

static struct gai_undo *gai_table(struct dpl *x, const struct netcfg_prefix_policy *p, size_t n,
				  size_t extra)
{
	struct gai_undo *t = malloc(sizeof(*t) + (n + extra + 1) * sizeof(t->v[0]));
	if (!t)
		return NULL;
	t->x = x;
	t->n = n;
	for (size_t i = 0; i < n; i++)
		t->v[i] = (struct lnx_gai_policy){ p[i].prefix, p[i].precedence, p[i].srclabel };
	return t;
}

/* Write the block for table now (n entries); the undo writes before. */
static int set_gai(struct dpl *x, struct stack *st, const struct lnx_gai_policy *now, size_t n,
		   struct gai_undo *before)
{
	char err[PATH_MAX + 128];
	int rc = gai_write(x, now, n, err, sizeof(err));
	if (rc) {
		free(before);
		return stack_fail(st, rc, "prefix policies for getaddrinfo(): %s", err);
	}
	return dpl_record(x, st, undo_gai, before);
}

static bool same_prefix(const struct netcfg_prefix *a, const struct netcfg_prefix *b)
{
	return a->len == b->len && IN6_ARE_ADDR_EQUAL(&a->addr, &b->addr);
}

int dpl_policy(struct dataplane *dp, struct stack *st, const struct netcfg_prefix_policy *old,
	       const struct netcfg_prefix_policy *now)
{
	struct dpl *x = dpl_of(dp);
	char buf[NETCFG_ADDRSTRLEN];
	const struct netcfg_prefix *p = now ? &now->prefix : &old->prefix;
	if (now && now->srclabel != now->dstlabel)
		return stack_fail(st, NETCFG_ENOTSUP, "prefix policy %s: Linux has one label per "
				  "prefix (the kernel's address label and gai.conf's), not source "
				  "label %u and destination label %u", netcfg_format_prefix(p, buf),
				  now->srclabel, now->dstlabel);
	int rc = set_label(x, st, p, now ? &now->srclabel : NULL, old ? &old->srclabel : NULL);
	if (rc)
		return rc;
	/* the table before the change, for the undo: now's row back to old */
	struct gai_undo *before = gai_table(x, st->policies, st->n_policies, 1);
	struct gai_undo *after = gai_table(x, st->policies, st->n_policies, 0);
	if (!before || !after) {
		free(before);
		free(after);
		return stack_nomem(st);
	}
	size_t i = 0;
	while (i < before->n && !same_prefix(&before->v[i].prefix, p))
		i++;
	if (old)
		before->v[i] = (struct lnx_gai_policy){ old->prefix, old->precedence, old->srclabel };
	if (old && i == before->n)
		before->n++;
	else if (!old && i < before->n)
		memmove(&before->v[i], &before->v[i + 1], (--before->n - i) * sizeof(before->v[0]));
	rc = set_gai(x, st, after->v, after->n, before);
	free(after);
	return rc;
}

int dpl_policies_load(struct dpl *x, struct stack *st)
{
	char err[PATH_MAX + 128];
	struct lnx_gai_policy *v;
	size_t n;
	if (lnx_gai_read(x->gai_path, &v, &n, err, sizeof(err)) != NETCFG_OK) {
		/* the block is unreadable: the defaults, and say so */
		log_msg(LOG_WARNING, "prefix policies not read back: %s", err);
		return NETCFG_OK;
	}
	if (n == 0) {
		free(v);
		return NETCFG_OK;
	}
	struct netcfg_prefix_policy *p = calloc(n, sizeof(*p));
	if (!p) {
		free(v);
		return stack_nomem(st);
	}
	for (size_t i = 0; i < n; i++) {
		p[i] = (struct netcfg_prefix_policy){ v[i].prefix, v[i].precedence, v[i].label, v[i].label };
		struct lnx_addrlabel l = { .prefix = v[i].prefix, .label = v[i].label };
		/* the kernel's labels as the table says (they are gone after
		 * a reboot, the file is not) */
		if (lnx_addrlabel_change(x->nl, LNX_OP_REPLACE, &l) != NETCFG_OK)
			log_msg(LOG_WARNING, "prefix policy: %s", lnx_error(x->nl));
	}
	free(v);
	free(st->policies);
	st->policies = p;
	st->n_policies = n;
	st->gen++;
	return NETCFG_OK;
}

/* ---- withdraw: what stackd put in the kernel comes out ------------------- */

static int withdraw_routes(struct dpl *x, struct stack *st)
{
	for (struct st_route *r = st->rt_head, *nx; r; r = nx) {
		nx = r->next;
		if (r->foreign || !dpl_kernel_iface(stack_iface(st, r->r.ifindex)))
			continue;
		struct lnx_route k;
		kernel_route(&r->r, old_expiry(st, r), 0, &k);
		int rc = queue_route(x, st, LNX_OP_DELETE, &k);
		if (rc)
			return rc;
		stack_route_forget(st, r);
	}
	return NETCFG_OK;
}

static int withdraw_addrs(struct dpl *x, struct stack *st)
{
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *ifp = st->ifs[i];
		if (!dpl_kernel_iface(ifp))
			continue;
		for (struct st_addr *a = ifp->addrs, *nx; a; a = nx) {
			nx = a->next;
			if (a->foreign)
				continue;
			struct lnx_addr k;
			kernel_addr(st, ifp, a, &k);
			int rc = addr_change(x, st, LNX_OP_DELETE_ANY, &k, LNX_OP_ADD, &k);
			if (rc)
				return rc;
			stack_addr_forget(st, ifp, a);
		}
	}
	return NETCFG_OK;
}

static int ours_only(void *arg, const struct lnx_neigh *n)
{
	if (!n->ours || !(n->state & NUD_PERMANENT))
		return NETCFG_OK;
	return collect_neigh(arg, n);
}

static int withdraw_neighs(struct dpl *x, struct stack *st)
{
	struct neigh_flush f = { 0 };
	int rc = lnx_neigh_dump(x->nl, 0, ours_only, &f);
	if (rc)
		rc = f.oom ? stack_nomem(st) : dpl_fail(x, st, rc);
	for (size_t i = 0; i < f.n && rc == NETCFG_OK; i++) {
		struct neigh_undo *u = malloc(sizeof(*u));
		if (!u) {
			rc = stack_nomem(st);
			break;
		}
		*u = (struct neigh_undo){ LNX_OP_REPLACE, f.v[i] };
		rc = lnx_neigh_change(x->nl, LNX_OP_DELETE_ANY, &f.v[i]);
		if (rc) {
			free(u);
			rc = rc == NETCFG_ENOENT ? NETCFG_OK : dpl_fail(x, st, rc);
			continue;
		}
		rc = dpl_record(x, st, undo_neigh, u);
	}
	free(f.v);
	return rc;
}

/* The kernel's labels back to the default table, and no gai.conf block. */
static int withdraw_policies(struct dpl *x, struct stack *st)
{
	size_t n_old = st->n_policies;
	struct netcfg_prefix_policy *old = st->policies;
	st->policies = NULL;
	st->n_policies = 0;
	if (stack_policy_default(st) != NETCFG_OK) {
		free(old);
		return stack_nomem(st);
	}
	int rc = NETCFG_OK;
	for (size_t i = 0; i < n_old && rc == NETCFG_OK; i++) {
		const struct netcfg_prefix_policy *d = NULL;
		for (size_t k = 0; k < st->n_policies; k++)
			if (same_prefix(&st->policies[k].prefix, &old[i].prefix))
				d = &st->policies[k];
		if (!d || d->srclabel != old[i].srclabel)
			rc = set_label(x, st, &old[i].prefix, d ? &d->srclabel : NULL, &old[i].srclabel);
	}
	for (size_t k = 0; k < st->n_policies && rc == NETCFG_OK; k++) {
		bool had = false;
		for (size_t i = 0; i < n_old; i++)
			had = had || same_prefix(&st->policies[k].prefix, &old[i].prefix);
		if (!had)
			rc = set_label(x, st, &st->policies[k].prefix, &st->policies[k].srclabel, NULL);
	}
	struct lnx_gai_policy *none = NULL;
	struct gai_undo *before = rc == NETCFG_OK ? gai_table(x, old, n_old, 0) : NULL;
	if (rc == NETCFG_OK && !before)
		rc = stack_nomem(st);
	if (rc == NETCFG_OK)
		rc = set_gai(x, st, none, 0, before);
	free(old);
	return rc;
}

int dpl_withdraw(struct dataplane *dp, struct stack *st)
{
	struct dpl *x = dpl_of(dp);
	int rc = withdraw_routes(x, st);
	if (rc == NETCFG_OK)
		rc = withdraw_addrs(x, st);
	if (rc == NETCFG_OK)
		rc = withdraw_neighs(x, st);
	if (rc == NETCFG_OK)
		rc = withdraw_policies(x, st);
	if (rc == NETCFG_OK)
		rc = dpl_xfrm_withdraw(x, st);
	return rc;
}
