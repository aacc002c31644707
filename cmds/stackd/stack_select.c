/* SPDX-License-Identifier: MIT */
/*
 * stack_select.c - default address selection: the prefix policy table,
 * the choice of a source address (RFC 6724 section 5) and the sort of a
 * destination list (section 6), which is what SIO_ADDRESS_LIST_SORT does.
 */
#include "stack.h"

#include <stdlib.h>
#include <string.h>

/* ---- the prefix policy table ------------------------------------------ */

/* RFC 3484 section 2.1 */
static const struct {
	const char *prefix;
	uint32_t precedence, label;
} default_policies[] = {
	{ "::1/128", 50, 0 },
	{ "::/0", 40, 1 },
	{ "2002::/16", 30, 2 },
	{ "::/96", 20, 3 },
	{ "::ffff:0:0/96", 10, 4 },
};
#define N_DEFAULT_POLICIES (sizeof(default_policies) / sizeof(default_policies[0]))

int stack_policy_default(struct stack *st)
{
	free(st->policies);
	st->policies = calloc(N_DEFAULT_POLICIES, sizeof(*st->policies));
	st->n_policies = 0;
	if (!st->policies)
		return NETCFG_ENOMEM;
	for (size_t i = 0; i < N_DEFAULT_POLICIES; i++) {
		struct netcfg_prefix_policy *p = &st->policies[st->n_policies++];
		netcfg_parse_prefix(default_policies[i].prefix, &p->prefix);
		p->precedence = default_policies[i].precedence;
		p->srclabel = p->dstlabel = default_policies[i].label;
	}
	return NETCFG_OK;
}

bool stack_policy_is_default(const struct netcfg_prefix_policy *p)
{
	for (size_t i = 0; i < N_DEFAULT_POLICIES; i++) {
		struct netcfg_prefix d;
		netcfg_parse_prefix(default_policies[i].prefix, &d);
		if (d.len == p->prefix.len && IN6_ARE_ADDR_EQUAL(&d.addr, &p->prefix.addr))
			return true;
	}
	return false;
}

static struct netcfg_prefix_policy *policy_find(const struct stack *st, const struct netcfg_prefix *p)
{
	for (size_t i = 0; i < st->n_policies; i++)
		if (st->policies[i].prefix.len == p->len &&
		    IN6_ARE_ADDR_EQUAL(&st->policies[i].prefix.addr, &p->addr))
			return &st->policies[i];
	return NULL;
}

const struct netcfg_prefix_policy *stack_policy_lookup(const struct stack *st,
						       const struct in6_addr *a)
{
	const struct netcfg_prefix_policy *best = NULL;
	for (size_t i = 0; i < st->n_policies; i++) {
		const struct netcfg_prefix_policy *p = &st->policies[i];
		if ((!best || p->prefix.len > best->prefix.len) &&
		    netcfg_prefix_match(a, &p->prefix.addr, p->prefix.len))
			best = p;
	}
	return best;
}

int stack_policy_add(struct stack *st, const struct netcfg_prefix_policy *p, unsigned flags)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct netcfg_prefix_policy *old = policy_find(st, &p->prefix);
	netcfg_format_prefix(&p->prefix, buf);
	if (old && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "prefix policy %s already exists", buf);
	if (!old && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "prefix policy %s does not exist", buf);
	if (old && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;
	struct netcfg_prefix_policy before, *prev = NULL;
	if (old) {
		before = *old;
		prev = &before;
	}
	if (stack_save_array(st, (void **)&st->policies, &st->n_policies, sizeof(*p)) < 0)
		return stack_nomem(st);
	if (!old) {
		struct netcfg_prefix_policy *v =
			realloc(st->policies, (st->n_policies + 1) * sizeof(*v));
		if (!v)
			return stack_nomem(st);
		st->policies = v;
		old = &v[st->n_policies++];
	}
	*old = *p;
	st->gen++;
	return dp_policy(st, prev, p);
}

int stack_policy_delete(struct stack *st, const struct netcfg_prefix *prefix)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct netcfg_prefix_policy *p = policy_find(st, prefix);
	if (!p)
		return stack_fail(st, NETCFG_ENOENT, "prefix policy %s does not exist",
				  netcfg_format_prefix(prefix, buf));
	size_t i = (size_t)(p - st->policies);
	struct netcfg_prefix_policy gone = *p;
	if (stack_save_array(st, (void **)&st->policies, &st->n_policies, sizeof(*p)) < 0)
		return stack_nomem(st);
	memmove(&st->policies[i], &st->policies[i + 1],
		(st->n_policies - i - 1) * sizeof(st->policies[0]));
	st->n_policies--;
	st->gen++;
	return dp_policy(st, &gone, NULL);
}

/* No policy matches (the ::/0 entry was deleted): precedence 0 and a
 * label that matches no other. */
static void policy_of(const struct stack *st, const struct in6_addr *a, uint32_t *precedence,
		      uint32_t *label, bool as_source)
{
	const struct netcfg_prefix_policy *p = stack_policy_lookup(st, a);
	*precedence = p ? p->precedence : 0;
	*label = p ? (as_source ? p->srclabel : p->dstlabel) : UINT32_MAX;
}

static unsigned common_prefix_len(const struct in6_addr *a, const struct in6_addr *b)
{
	unsigned n = 0;
	for (unsigned i = 0; i < 16; i++) {
		uint8_t x = a->s6_addr[i] ^ b->s6_addr[i];
		if (!x) {
			n += 8;
			continue;
		}
		while (!(x & 0x80)) {
			x <<= 1;
			n++;
		}
		break;
	}
	return n;
}

/* ---- source selection ---------------------------------------------------- */

struct src_cand {
	const struct st_addr *a;
	struct st_iface *ifp;
	unsigned scope;
	bool deprecated;
	uint32_t label;
	unsigned common;
};

/* <0: a is better, >0: b is better, 0: equal; *rule: the deciding rule. */
static int source_cmp(const struct stack *st, const struct src_cand *a, const struct src_cand *b,
		      const struct in6_addr *dest, unsigned dscope, uint32_t dlabel,
		      const struct st_iface *out_if, enum netcfg_source_rule *rule)
{
	/* 1: the destination itself */
	bool sa = IN6_ARE_ADDR_EQUAL(&a->a->addr, dest), sb = IN6_ARE_ADDR_EQUAL(&b->a->addr, dest);
	*rule = NETCFG_SRC_SAME;
	if (sa != sb)
		return sa ? -1 : 1;
	/* 2: a scope at least as large as the destination's, else the largest */
	*rule = NETCFG_SRC_SCOPE;
	if (a->scope != b->scope) {
		if (a->scope < b->scope)
			return a->scope < dscope ? 1 : -1;
		return b->scope < dscope ? -1 : 1;
	}
	/* 3: not deprecated */
	*rule = NETCFG_SRC_DEPRECATED;
	if (a->deprecated != b->deprecated)
		return a->deprecated ? 1 : -1;
	/* 4 (home addresses) never decides: the model has no mobile node */
	/* 5: on the outgoing interface */
	*rule = NETCFG_SRC_INTERFACE;
	bool oa = a->ifp == out_if, ob = b->ifp == out_if;
	if (oa != ob)
		return oa ? -1 : 1;
	/* 6: the destination's label */
	*rule = NETCFG_SRC_LABEL;
	bool la = a->label == dlabel, lb = b->label == dlabel;
	if (la != lb)
		return la ? -1 : 1;
	/* 7: temporary addresses, unless they are switched off */
	*rule = NETCFG_SRC_TEMPORARY;
	if (a->a->temporary != b->a->temporary && st->global.use_temporary != NETCFG_TEMP_NO)
		return a->a->temporary ? -1 : 1;
	/* 8: the longest prefix in common with the destination */
	*rule = NETCFG_SRC_PREFIX;
	if (a->common != b->common)
		return a->common > b->common ? -1 : 1;
	*rule = NETCFG_SRC_ORDER;
	return 0;
}

/* May sa on cif be the source of a packet leaving through out_if?  Scoped
 * addresses only within their zone; never tentative or anycast ones. */
static bool source_usable(const struct stack *st, const struct st_iface *cif, const struct st_addr *sa,
			  const struct st_iface *out_if)
{
	if (sa->type != NETCFG_ADDR_UNICAST)
		return false;
	enum netcfg_addr_state state = stack_addr_state(st, sa);
	if (state == NETCFG_ADDR_TENTATIVE || state == NETCFG_ADDR_DUPLICATE ||
	    state == NETCFG_ADDR_INVALID)
		return false;
	unsigned scope = netcfg_addr_scope(&sa->addr);
	if (scope <= 2)
		return cif == out_if;
	if (scope == 5)
		return cif->info.site == out_if->info.site;
	return true;
}

const struct st_addr *stack_select_source(const struct stack *st, const struct in6_addr *dest,
					  const struct st_iface *out_if, struct st_iface **src_if,
					  enum netcfg_source_rule *rule, uint32_t *candidates)
{
	uint32_t dprec, dlabel;
	policy_of(st, dest, &dprec, &dlabel, false);
	unsigned dscope = netcfg_addr_scope(dest);
	struct src_cand best = { 0 }, second = { 0 };
	*candidates = 0;
	*rule = NETCFG_SRC_NONE;
	for (size_t i = 0; i < st->n_ifs; i++) {
		struct st_iface *cif = st->ifs[i];
		for (const struct st_addr *sa = cif->addrs; sa; sa = sa->next) {
			if (!source_usable(st, cif, sa, out_if))
				continue;
			uint32_t prec;
			struct src_cand c = {
				.a = sa,
				.ifp = cif,
				.scope = netcfg_addr_scope(&sa->addr),
				.deprecated = stack_addr_state(st, sa) == NETCFG_ADDR_DEPRECATED,
				.common = common_prefix_len(&sa->addr, dest),
			};
			policy_of(st, &sa->addr, &prec, &c.label, true);
			(*candidates)++;
			enum netcfg_source_rule r;
			if (!best.a || source_cmp(st, &c, &best, dest, dscope, dlabel, out_if, &r) < 0) {
				second = best;
				best = c;
			} else if (!second.a ||
				   source_cmp(st, &c, &second, dest, dscope, dlabel, out_if, &r) < 0) {
				second = c;
			}
		}
	}
	if (!best.a)
		return NULL;
	if (!second.a)
		*rule = NETCFG_SRC_ONLY;
	else
		source_cmp(st, &best, &second, dest, dscope, dlabel, out_if, rule);
	*src_if = best.ifp;
	return best.a;
}

/* ---- destination sort ------------------------------------------------------ */

struct sort_item {
	struct netcfg_sort_entry e;
	size_t index;              /* position in the request: the last rule */
	bool drop;
	bool mapped;               /* IPv4-mapped */
	bool tunnelled;
	bool src_deprecated;
	unsigned dscope, sscope;
	uint32_t slabel;
	unsigned common;
};

static bool is_global_unicast(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_MULTICAST(a) && !IN6_IS_ADDR_V4MAPPED(a) && netcfg_addr_scope(a) == 14;
}

/* The node's IPv4 address for IPv4-mapped destinations: from the
 * IPv4-compatible addresses of the tunnel pseudo-interface, else from an
 * IPv4-based link. */
static const struct st_iface *host_ipv4(const struct stack *st, struct in_addr *v4)
{
	for (size_t i = 0; i < st->n_ifs; i++) {
		const struct st_iface *ifp = st->ifs[i];
		if (ifp->info.kind != NETCFG_IF_TUNNEL)
			continue;
		for (const struct st_addr *a = ifp->addrs; a; a = a->next) {
			if (IN6_IS_ADDR_V4COMPAT(&a->addr)) {
				memcpy(&v4->s_addr, &a->addr.s6_addr[12], 4);
				return ifp;
			}
		}
	}
	for (size_t i = 0; i < st->n_ifs; i++) {
		if (st->ifs[i]->v4.s_addr) {
			*v4 = st->ifs[i]->v4;
			return st->ifs[i];
		}
	}
	return NULL;
}

/* The site a site-local destination without a scope id belongs to:
 * given by a global address of the same list that matches the site
 * prefix table; if the list has global addresses and none matches, the
 * site-local ones belong to another site (0: drop them); with no global
 * address, the site the route to it leads into. */
static uint32_t site_of_list(const struct stack *st, const struct sort_item *v, size_t n,
			     bool *has_global)
{
	*has_global = false;
	for (size_t i = 0; i < n; i++) {
		if (!is_global_unicast(&v[i].e.addr))
			continue;
		*has_global = true;
		for (const struct st_site *s = st->sites; s; s = s->next) {
			if (netcfg_prefix_match(&v[i].e.addr, &s->prefix.addr, s->prefix.len)) {
				const struct st_iface *ifp = stack_iface(st, s->ifindex);
				if (ifp)
					return ifp->info.site;
			}
		}
	}
	return 0;
}

/* Whether the scope id of a scoped address names an interface (link
 * scope) or a site (site scope); other addresses have no zones. */
static bool zone_exists(const struct stack *st, const struct in6_addr *a, uint32_t scope)
{
	unsigned sc = netcfg_addr_scope(a);
	if (sc <= 2 && !IN6_IS_ADDR_LOOPBACK(a))
		return stack_iface(st, scope) != NULL;
	if (sc == 5) {
		for (size_t i = 0; i < st->n_ifs; i++)
			if (st->ifs[i]->info.site == scope)
				return true;
		return false;
	}
	return true;
}

static void resolve_item(struct stack *st, struct sort_item *it, uint32_t list_site, bool has_global)
{
	struct netcfg_sort_entry *e = &it->e;
	uint32_t prec;
	policy_of(st, &e->addr, &e->precedence, &e->label, false);
	it->dscope = netcfg_addr_scope(&e->addr);
	if (IN6_IS_ADDR_V4MAPPED(&e->addr)) {
		struct in_addr v4;
		it->mapped = true;
		const struct st_iface *v4if = host_ipv4(st, &v4);
		if (!v4if)
			return;  /* no IPv4 here: unusable */
		e->usable = true;
		e->source_ifindex = v4if->info.index;
		memset(&e->source, 0, sizeof(e->source));
		e->source.s6_addr[10] = e->source.s6_addr[11] = 0xff;
		memcpy(&e->source.s6_addr[12], &v4.s_addr, 4);
		it->sscope = netcfg_addr_scope(&e->source);
		policy_of(st, &e->source, &prec, &it->slabel, true);
		it->common = common_prefix_len(&e->source, &e->addr);
		return;
	}
	bool site_local = it->dscope == 5 && !IN6_IS_ADDR_MULTICAST(&e->addr);
	if (site_local && !e->scope_id) {
		if (list_site) {
			e->scope_id = list_site;
		} else if (has_global) {
			it->drop = true;  /* another site's address */
			return;
		}
	}
	if (e->scope_id && !zone_exists(st, &e->addr, e->scope_id)) {
		it->drop = true;  /* a scope id that names no zone */
		return;
	}
	struct netcfg_route_result r;
	if (stack_query(st, &e->addr, e->scope_id, 0, false, &r) != NETCFG_OK) {
		/* unreachable: sorted last, unless it is site-local and no
		 * route says which site it is in */
		if (site_local && !e->scope_id)
			it->drop = true;
		return;
	}
	e->scope_id = r.scope_id;
	e->usable = !IN6_IS_ADDR_UNSPECIFIED(&r.source);
	e->source = r.source;
	e->source_ifindex = r.source_ifindex;
	it->tunnelled = r.tunnelled;
	if (!e->usable)
		return;
	const struct st_iface *sif = stack_iface(st, r.source_ifindex);
	const struct st_addr *sa = sif ? stack_addr_find(sif, &r.source) : NULL;
	it->src_deprecated = sa && stack_addr_state(st, sa) == NETCFG_ADDR_DEPRECATED;
	it->sscope = netcfg_addr_scope(&r.source);
	policy_of(st, &r.source, &prec, &it->slabel, true);
	it->common = common_prefix_len(&r.source, &e->addr);
}

/* RFC 6724 section 6: <0 when a goes first. */
static int dest_cmp(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	/* 1: usable destinations first */
	if (a->e.usable != b->e.usable)
		return a->e.usable ? -1 : 1;
	if (a->e.usable) {
		/* 2: matching scope */
		bool ma = a->dscope == a->sscope, mb = b->dscope == b->sscope;
		if (ma != mb)
			return ma ? -1 : 1;
		/* 3: avoid deprecated sources */
		if (a->src_deprecated != b->src_deprecated)
			return a->src_deprecated ? 1 : -1;
		/* 4 (home addresses) never decides here */
		/* 5: matching label */
		bool la = a->e.label == a->slabel, lb = b->e.label == b->slabel;
		if (la != lb)
			return la ? -1 : 1;
	}
	/* 6: higher precedence */
	if (a->e.precedence != b->e.precedence)
		return a->e.precedence > b->e.precedence ? -1 : 1;
	/* 7: native transport */
	if (a->tunnelled != b->tunnelled)
		return a->tunnelled ? 1 : -1;
	/* 8: smaller scope */
	if (a->dscope != b->dscope)
		return a->dscope < b->dscope ? -1 : 1;
	/* 9: longest matching prefix, for IPv6 destinations only */
	if (a->e.usable && b->e.usable && !a->mapped && !b->mapped && a->common != b->common)
		return a->common > b->common ? -1 : 1;
	/* 10: as given */
	return a->index < b->index ? -1 : (a->index > b->index);
}

int stack_sort_destinations(struct stack *st, struct netcfg_sort_entry *v, size_t *n)
{
	struct sort_item *items = calloc(*n + 1, sizeof(*items));
	if (!items)
		return stack_nomem(st);
	for (size_t i = 0; i < *n; i++) {
		items[i].e.addr = v[i].addr;
		items[i].e.scope_id = v[i].scope_id;
		items[i].index = i;
	}
	bool has_global;
	uint32_t list_site = site_of_list(st, items, *n, &has_global);
	for (size_t i = 0; i < *n; i++)
		resolve_item(st, &items[i], list_site, has_global);
	qsort(items, *n, sizeof(*items), dest_cmp);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!items[i].drop)
			v[k++] = items[i].e;
	*n = k;
	free(items);
	return NETCFG_OK;
}
