/* SPDX-License-Identifier: MIT */
/* stack_route.c - the routing table of the stack model. */
#include "stack.h"
#include "undo.h"

#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The table is a hash of (prefix, length) -> the routes with that prefix,
 * plus the list of lengths in use.  A lookup masks the destination to each
 * length in use, longest first, and probes: for the tables people build
 * (a handful of distinct lengths) that is a few probes of a hash that
 * works on two machine words, which is what makes millions of lookups a
 * second over 100k routes possible.
 */

static void addr_words(const struct in6_addr *a, uint64_t *hi, uint64_t *lo)
{
	uint64_t h, l;
	memcpy(&h, &a->s6_addr[0], 8);
	memcpy(&l, &a->s6_addr[8], 8);
	*hi = be64toh(h);
	*lo = be64toh(l);
}

static void mask_words(uint64_t *hi, uint64_t *lo, unsigned len)
{
	if (len == 0) {
		*hi = *lo = 0;
	} else if (len < 64) {
		*hi &= ~0ULL << (64 - len);
		*lo = 0;
	} else if (len == 64) {
		*lo = 0;
	} else if (len < 128) {
		*lo &= ~0ULL << (128 - len);
	}
}

static uint64_t words_hash(uint64_t hi, uint64_t lo, unsigned len)
{
	return hash_mix(hi ^ hash_mix(lo ^ ((uint64_t)len << 56) ^ 0x9e3779b97f4a7c15ULL));
}

static uint64_t prefix_hash(const struct netcfg_prefix *p)
{
	uint64_t hi, lo;
	addr_words(&p->addr, &hi, &lo);
	return words_hash(hi, lo, p->len);
}

static void lens_add(struct stack *st, uint8_t len)
{
	unsigned i = st->n_lens;
	while (i > 0 && st->lens[i - 1] < len) {
		st->lens[i] = st->lens[i - 1];
		i--;
	}
	st->lens[i] = len;
	st->n_lens++;
}

static void lens_remove(struct stack *st, uint8_t len)
{
	unsigned i = 0;
	while (i < st->n_lens && st->lens[i] != len)
		i++;
	if (i == st->n_lens)
		return;
	memmove(&st->lens[i], &st->lens[i + 1], st->n_lens - i - 1);
	st->n_lens--;
}

const char *stack_route_name(const struct netcfg_route *r, char *buf, size_t size)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	netcfg_format_prefix(&r->prefix, p);
	if (IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		snprintf(buf, size, "%s -> %u", p, r->ifindex);
	else
		snprintf(buf, size, "%s -> %u/%s", p, r->ifindex, netcfg_format_addr(&r->nexthop, nh));
	return buf;
}

struct st_route *stack_route_find(const struct stack *st, const struct netcfg_prefix *p,
				  uint32_t ifindex, const struct in6_addr *nexthop)
{
	uint64_t h = prefix_hash(p);
	for (struct hnode *n = htab_first(&st->routes, h); n; n = htab_next(n, h)) {
		struct st_route *sr = container_of(n, struct st_route, h);
		if (sr->r.prefix.len == p->len && sr->r.ifindex == ifindex &&
		    IN6_ARE_ADDR_EQUAL(&sr->r.prefix.addr, &p->addr) &&
		    IN6_ARE_ADDR_EQUAL(&sr->r.nexthop, nexthop))
			return sr;
	}
	return NULL;
}

void stack_route_link(struct stack *st, struct st_route *sr, struct st_route *after)
{
	sr->prev = after;
	sr->next = after ? after->next : st->rt_head;
	if (sr->next)
		sr->next->prev = sr;
	else
		st->rt_tail = sr;
	if (after)
		after->next = sr;
	else
		st->rt_head = sr;
	addr_words(&sr->r.prefix.addr, &sr->key_hi, &sr->key_lo);
	sr->key_len = sr->r.prefix.len;
	sr->key_ifindex = sr->r.ifindex;
	sr->key_pref = sr->r.preference;
	htab_insert(&st->routes, &sr->h, words_hash(sr->key_hi, sr->key_lo, sr->r.prefix.len));
	uint32_t had = st->len_count[sr->key_len]++;
	if (had == 0)
		lens_add(st, sr->key_len);
	if (had < ST_FEW_ROUTES)
		st->few[sr->key_len][had] = sr;
	if (!sr->seq)
		sr->seq = ++st->route_seq;
	st->n_routes++;
	stack_note_deadline(st, sr->expires);
	if (!IN6_IS_ADDR_UNSPECIFIED(&sr->r.nexthop)) {
		const struct st_iface *ifp = stack_iface(st, sr->r.ifindex);
		if (ifp)
			sr->nce = stack_nd_ref(st, ifp, &sr->r.nexthop);
	}
	st->gen++;
	st->ra_dirty = true;
}

void stack_route_unlink(struct stack *st, struct st_route *sr)
{
	if (sr->prev)
		sr->prev->next = sr->next;
	else
		st->rt_head = sr->next;
	if (sr->next)
		sr->next->prev = sr->prev;
	else
		st->rt_tail = sr->prev;
	htab_remove(&st->routes, &sr->h);
	uint8_t len = sr->key_len;
	uint32_t had = st->len_count[len]--;
	if (had == 1)
		lens_remove(st, len);
	if (had <= ST_FEW_ROUTES) {
		struct st_route **few = st->few[len];
		for (uint32_t i = 0; i < had; i++) {
			if (few[i] == sr) {
				few[i] = few[had - 1];
				break;
			}
		}
	} else if (had == ST_FEW_ROUTES + 1) {
		/* back to few: list them again (sr is out of the table list) */
		uint32_t k = 0;
		for (struct st_route *r = st->rt_head; r && k < ST_FEW_ROUTES; r = r->next)
			if (r->key_len == len)
				st->few[len][k++] = r;
	}
	st->n_routes--;
	if (sr->nce) {
		stack_nd_unref(st, sr->nce);
		sr->nce = NULL;
	}
	st->gen++;
	st->ra_dirty = true;
}

void stack_route_export(const struct stack *st, const struct st_route *sr, struct netcfg_route *out)
{
	*out = sr->r;
	out->ifname = NULL;
	if (sr->expires != NEVER) {
		/* an aging route: both lifetimes count down together */
		uint32_t left = stack_remaining(st, sr->expires);
		uint32_t spent = sr->r.lifetime - left;
		out->lifetime = left;
		out->preferred_lifetime = sr->r.preferred_lifetime > spent
			? sr->r.preferred_lifetime - spent : 0;
	}
}

/* ---- undo records -------------------------------------------------- */

struct route_undo {
	struct stack *st;
	struct st_route *sr;
	struct st_route *prev;          /* table neighbour when removed */
	struct netcfg_route old;
	uint64_t old_expires;
};

static void undo_added(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	stack_route_unlink(u->st, u->sr);
	free(u->sr);
	free(u);
}

static void undo_removed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	stack_route_link(u->st, u->sr, u->prev);
	free(u);
}

static void commit_removed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	free(u->sr);
	free(u);
}

static void undo_changed(void *ctx, void *data)
{
	(void)ctx;
	struct route_undo *u = data;
	u->sr->r = u->old;
	u->sr->key_pref = u->old.preference;
	u->sr->expires = u->old_expires;
	stack_note_deadline(u->st, u->old_expires);
	u->st->gen++;
	u->st->ra_dirty = true;
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

/* ---- changes ------------------------------------------------------- */

static int validate(struct stack *st, const struct netcfg_route *r)
{
	char name[160], buf[NETCFG_ADDRSTRLEN];
	if (!stack_iface(st, r->ifindex))
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", r->ifindex);
	if (r->lifetime == 0)
		return stack_fail(st, NETCFG_EINVAL,
				  "lifetime 0 for route %s: a lifetime of 0 removes a route",
				  stack_route_name(r, name, sizeof(name)));
	if (IN6_IS_ADDR_MULTICAST(&r->nexthop))
		return stack_fail(st, NETCFG_EINVAL, "next hop %s is a multicast address",
				  netcfg_format_addr(&r->nexthop, buf));
	if (r->spl > r->prefix.len)
		return stack_fail(st, NETCFG_EINVAL,
				  "site prefix length %u is longer than the prefix of route %s",
				  r->spl, stack_route_name(r, name, sizeof(name)));
	if (IN6_IS_ADDR_MULTICAST(&r->prefix.addr) && !IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		return stack_fail(st, NETCFG_EINVAL,
				  "multicast prefix %s is always on-link: it takes no next hop",
				  netcfg_format_prefix(&r->prefix, buf));
	if (IN6_IS_ADDR_MULTICAST(&r->prefix.addr) && r->publish)
		return stack_fail(st, NETCFG_EINVAL,
				  "multicast prefix %s cannot be published in router advertisements",
				  netcfg_format_prefix(&r->prefix, buf));
	return NETCFG_OK;
}

/* A replaced route keeps its origin: a system route edited by hand is
 * still the stack's own. */
static void apply_fields(struct stack *st, struct st_route *sr, const struct netcfg_route *r,
			 bool is_new)
{
	enum netcfg_origin origin = sr->r.origin;
	sr->r = *r;
	sr->r.ifname = NULL;
	if (!is_new)
		sr->r.origin = origin;
	if (!sr->r.preferred_lifetime || sr->r.preferred_lifetime > sr->r.lifetime)
		sr->r.preferred_lifetime = sr->r.lifetime;
	sr->key_pref = sr->r.preference;
	/* A route that is not published always ages. */
	sr->r.age = !r->publish || r->age;
	sr->expires = (sr->r.publish && !sr->r.age) ? NEVER : stack_deadline(st, r->lifetime);
}

int stack_route_add(struct stack *st, const struct netcfg_route *given, unsigned flags)
{
	char name[160];
	int rc = validate(st, given);
	if (rc)
		return rc;
	struct netcfg_route adjusted = *given;
	const struct netcfg_route *r = &adjusted;
	struct st_route *sr = stack_route_find(st, &r->prefix, r->ifindex, &r->nexthop);
	if (sr && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "route %s already exists",
				  stack_route_name(r, name, sizeof(name)));
	if (!sr && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "route %s does not exist",
				  stack_route_name(r, name, sizeof(name)));
	if (sr && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;
	if ((rc = dp_route(st, sr ? DP_REPLACE : DP_ADD, sr, &adjusted)))
		return rc;

	struct route_undo *u = st->undo ? calloc(1, sizeof(*u)) : NULL;
	if (st->undo && !u)
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	if (sr) {
		if (u) {
			u->st = st;
			u->sr = sr;
			u->old = sr->r;
			u->old_expires = sr->expires;
			if (undo_push(st->undo, undo_changed, free_record, NULL, u) < 0) {
				free(u);
				return stack_fail(st, NETCFG_ENOMEM, "out of memory");
			}
		}
		apply_fields(st, sr, r, false);
		stack_note_deadline(st, sr->expires);
		st->gen++;
		st->ra_dirty = true;
		return NETCFG_OK;
	}
	/* on a cache line of its own: see struct st_route */
	if (posix_memalign((void **)&sr, 64, sizeof(*sr)) != 0) {
		free(u);
		return stack_fail(st, NETCFG_ENOMEM, "out of memory");
	}
	memset(sr, 0, sizeof(*sr));
	apply_fields(st, sr, r, true);
	if (u) {
		u->st = st;
		u->sr = sr;
		if (undo_push(st->undo, undo_added, free_record, NULL, u) < 0) {
			free(u);
			free(sr);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
	}
	stack_route_link(st, sr, st->rt_tail);
	return NETCFG_OK;
}

int stack_route_delete(struct stack *st, const struct netcfg_route *r)
{
	char name[160];
	struct st_route *sr = stack_route_find(st, &r->prefix, r->ifindex, &r->nexthop);
	if (!sr)
		return stack_fail(st, NETCFG_ENOENT, "route %s does not exist",
				  stack_route_name(r, name, sizeof(name)));
	int rc = dp_route(st, DP_DELETE, sr, NULL);
	if (rc)
		return rc;
	struct route_undo *u = NULL;
	if (st->undo) {
		u = calloc(1, sizeof(*u));
		if (!u || undo_push(st->undo, undo_removed, commit_removed, NULL, u) < 0) {
			free(u);
			return stack_fail(st, NETCFG_ENOMEM, "out of memory");
		}
		u->st = st;
		u->sr = sr;
		u->prev = sr->prev;
	}
	stack_route_unlink(st, sr);
	if (!u)
		free(sr);
	return NETCFG_OK;
}

/* ---- mirroring ------------------------------------------------------ */

int stack_route_adopt(struct stack *st, const struct netcfg_route *r, bool foreign,
		      struct st_route **out)
{
	struct st_route *sr = stack_route_find(st, &r->prefix, r->ifindex, &r->nexthop);
	if (sr) {
		/* what the kernel keeps; the daemon's own attributes stay */
		sr->r.preference = sr->key_pref = r->preference;
		sr->r.router_pref = r->router_pref;
		sr->foreign = foreign;
		if (!sr->r.publish || sr->r.age) {
			sr->r.lifetime = r->lifetime;
			sr->expires = stack_deadline(st, r->lifetime);
			stack_note_deadline(st, sr->expires);
		}
		st->gen++;
		st->ra_dirty = true;
	} else {
		if (posix_memalign((void **)&sr, 64, sizeof(*sr)) != 0)
			return stack_nomem(st);
		memset(sr, 0, sizeof(*sr));
		apply_fields(st, sr, r, true);
		sr->foreign = foreign;
		stack_route_link(st, sr, st->rt_tail);
	}
	if (out)
		*out = sr;
	return NETCFG_OK;
}

void stack_route_forget(struct stack *st, struct st_route *sr)
{
	stack_route_unlink(st, sr);
	free(sr);
}

/* ---- lookup --------------------------------------------------------- */

static uint64_t effective_pref(const struct stack *st, const struct st_route *r)
{
	const struct st_iface *ifp = stack_iface(st, r->key_ifindex);
	return (uint64_t)r->key_pref + (ifp ? ifp->info.metric : 0);
}

void stack_route_lookup(const struct stack *st, const struct in6_addr *dest, uint32_t only_if,
			uint32_t site, bool count_all, struct route_match *m)
{
	uint64_t dhi, dlo;
	addr_words(dest, &dhi, &dlo);
	m->route = NULL;
	m->rule = NETCFG_RULE_ONLY;
	m->candidates = 0;
	/* The preference (with the interface metric) is worked out only
	 * when two routes of the longest length compete. */
	uint64_t best_pref = 0;
	bool best_pref_known = false;
	unsigned at_len = 0, at_pref = 0;
	/* Multicast follows multicast routes only (ff00::/8 and longer): a
	 * default route leads to a unicast next hop. */
	unsigned min_len = dest->s6_addr[0] == 0xff ? 8 : 0;
	for (unsigned li = 0; li < st->n_lens && st->lens[li] >= min_len; li++) {
		unsigned len = st->lens[li];
		uint64_t hi = dhi, lo = dlo;
		mask_words(&hi, &lo, len);
		uint32_t nfew = st->len_count[len];
		bool few = nfew <= ST_FEW_ROUTES;
		uint64_t h = few ? 0 : words_hash(hi, lo, len);
		struct hnode *n = few ? NULL : htab_first(&st->routes, h);
		for (uint32_t fi = 0; few ? fi < nfew : n != NULL;
		     few ? (void)fi++ : (void)(n = htab_next(n, h))) {
			struct st_route *r = few ? st->few[len][fi] : container_of(n, struct st_route, h);
			if (r->key_hi != hi || r->key_lo != lo || r->key_len != len)
				continue;
			if (only_if && r->key_ifindex != only_if)
				continue;
			if (site) {
				const struct st_iface *ifp = stack_iface(st, r->key_ifindex);
				if (!ifp || ifp->info.site != site)
					continue;
			}
			m->candidates++;
			if (m->route && m->route->key_len > len)
				continue;  /* a shorter prefix: counted, not chosen */
			at_len++;
			if (!m->route) {
				m->route = r;
				at_pref = 1;
				continue;
			}
			if (!best_pref_known) {
				best_pref = effective_pref(st, m->route);
				best_pref_known = true;
			}
			uint64_t pref = effective_pref(st, r);
			if (pref < best_pref) {
				m->route = r;
				best_pref = pref;
				at_pref = 1;
			} else if (pref == best_pref) {
				at_pref++;
				if (r->seq < m->route->seq)
					m->route = r;
			}
		}
		/* The longest matching length decides; shorter ones only
		 * matter to the diagnostic, which counts them. */
		if (m->route && !count_all)
			break;
	}
	if (!m->route)
		return;
	if (at_len > 1)
		m->rule = at_pref > 1 ? NETCFG_RULE_ORDER : NETCFG_RULE_PREFERENCE;
	else
		m->rule = m->candidates > 1 ? NETCFG_RULE_LONGEST_PREFIX : NETCFG_RULE_ONLY;
}
