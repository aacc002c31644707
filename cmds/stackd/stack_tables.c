/* SPDX-License-Identifier: MIT */
/*
 * stack_tables.c - the smaller tables of the stack model: global
 * parameters, the static DNS servers of each interface, the site prefix
 * table and the binding cache.
 */
#include "stack.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

/* ---- global parameters ------------------------------------------------ */

void stack_global_default(struct netcfg_global *g)
{
	memset(g, 0, sizeof(*g));
	g->mask = NETCFG_GLOBAL_ALL;
	g->default_hop_limit = 128;
	g->neighbor_cache_limit = 8;
	g->route_cache_limit = 32;
	g->binding_cache_limit = 32;
	g->reassembly_limit = 262144;
	g->mobility_security = true;
	g->use_temporary = NETCFG_TEMP_YES;
	g->max_temp_dad_attempts = 5;
	g->max_temp_valid_lifetime = 7 * 86400;
	g->max_temp_preferred_lifetime = 86400;
	g->temp_regenerate_time = 5;
	g->max_temp_random_time = 600;
	g->temp_random_time = 0;
}

/* The rules that involve a parameter the request gives (mask): the others
 * held before, or are the kernel's (linux dataplane), which a change of
 * something else must not trip over. */
static int global_check(struct stack *st, const struct netcfg_global *g, uint32_t mask)
{
#define GIVEN(bit) (mask & NETCFG_GLOBAL_##bit)
	if (GIVEN(DEFAULT_HOP_LIMIT) &&
	    (g->default_hop_limit < 1 || g->default_hop_limit > 255))
		return stack_fail(st, NETCFG_EINVAL, "DefaultCurHopLimit %u is out of range: 1 to 255",
				  g->default_hop_limit);
	if (GIVEN(NEIGHBOR_CACHE_LIMIT) && g->neighbor_cache_limit < 1)
		return stack_fail(st, NETCFG_EINVAL, "NeighborCacheLimit must be at least 1");
	if (GIVEN(ROUTE_CACHE_LIMIT) && g->route_cache_limit < 1)
		return stack_fail(st, NETCFG_EINVAL, "RouteCacheLimit must be at least 1");
	if (GIVEN(USE_TEMPORARY) && g->use_temporary > NETCFG_TEMP_COUNTER)
		return stack_fail(st, NETCFG_EINVAL, "UseTemporaryAddresses has an unknown value");
	if ((GIVEN(MAX_TEMP_PREFERRED) || GIVEN(MAX_TEMP_VALID)) &&
	    g->max_temp_preferred_lifetime > g->max_temp_valid_lifetime)
		return stack_fail(st, NETCFG_EINVAL,
				  "MaxTempPreferredLifetime %u is longer than MaxTempValidLifetime %u",
				  g->max_temp_preferred_lifetime, g->max_temp_valid_lifetime);
	if ((GIVEN(TEMP_REGENERATE) || GIVEN(MAX_TEMP_PREFERRED)) &&
	    g->temp_regenerate_time >= g->max_temp_preferred_lifetime)
		return stack_fail(st, NETCFG_EINVAL,
				  "TempRegenerateTime %u must be shorter than MaxTempPreferredLifetime %u",
				  g->temp_regenerate_time, g->max_temp_preferred_lifetime);
	if ((GIVEN(TEMP_RANDOM) || GIVEN(MAX_TEMP_RANDOM)) &&
	    g->temp_random_time > g->max_temp_random_time)
		return stack_fail(st, NETCFG_EINVAL,
				  "TempRandomTime %u is longer than MaxTempRandomTime %u",
				  g->temp_random_time, g->max_temp_random_time);
#undef GIVEN
	return NETCFG_OK;
}

int stack_global_set(struct stack *st, const struct netcfg_global *g)
{
	struct netcfg_global next = st->global;
	const char *src = (const char *)g;
	char *dst = (char *)&next;
	/* merge the masked fields: each field has one bit, in struct order */
	static const struct { uint32_t bit; size_t off, size; } fields[] = {
#define F(bit, m) { NETCFG_GLOBAL_##bit, offsetof(struct netcfg_global, m), sizeof(g->m) }
		F(DEFAULT_HOP_LIMIT, default_hop_limit),
		F(NEIGHBOR_CACHE_LIMIT, neighbor_cache_limit),
		F(ROUTE_CACHE_LIMIT, route_cache_limit),
		F(BINDING_CACHE_LIMIT, binding_cache_limit),
		F(REASSEMBLY_LIMIT, reassembly_limit),
		F(MOBILITY_SECURITY, mobility_security),
		F(USE_TEMPORARY, use_temporary),
		F(MAX_TEMP_DAD_ATTEMPTS, max_temp_dad_attempts),
		F(MAX_TEMP_VALID, max_temp_valid_lifetime),
		F(MAX_TEMP_PREFERRED, max_temp_preferred_lifetime),
		F(TEMP_REGENERATE, temp_regenerate_time),
		F(MAX_TEMP_RANDOM, max_temp_random_time),
		F(TEMP_RANDOM, temp_random_time),
#undef F
	};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (g->mask & fields[i].bit)
			memcpy(dst + fields[i].off, src + fields[i].off, fields[i].size);
	next.mask = NETCFG_GLOBAL_ALL;
	int rc = global_check(st, &next, g->mask);
	if (rc)
		return rc;
	/* Interfaces still at the old default hop limit follow the new one,
	 * unless an interface.set gave them that hop limit. */
	if (next.default_hop_limit != st->global.default_hop_limit) {
		for (size_t i = 0; i < st->n_ifs; i++) {
			struct st_iface *ifp = st->ifs[i];
			if (ifp->info.kind == NETCFG_IF_LOOPBACK || ifp->hop_limit_set ||
			    ifp->info.hop_limit != st->global.default_hop_limit)
				continue;
			struct netcfg_interface_settings hl = {
				.ifindex = ifp->info.index, .mask = NETCFG_IFSET_HOP_LIMIT,
				.hop_limit = next.default_hop_limit,
			};
			if ((rc = dp_iface_set(st, ifp, &hl)))
				return rc;
			if (stack_save(st, &ifp->info.hop_limit, sizeof(ifp->info.hop_limit)) < 0)
				return stack_nomem(st);
			ifp->info.hop_limit = next.default_hop_limit;
		}
	}
	/* the rest where the dataplane realizes it (the kernel's sysctls),
	 * told which parameters the request gives */
	struct netcfg_global given = next;
	given.mask = g->mask & NETCFG_GLOBAL_ALL;
	if ((rc = dp_global_set(st, &st->global, &given)))
		return rc;
	if (stack_save(st, &st->global, sizeof(st->global)) < 0)
		return stack_nomem(st);
	st->global = next;
	stack_dcache_trim(st);
	st->ra_dirty = true;
	st->gen++;
	return NETCFG_OK;
}

/* ---- DNS servers --------------------------------------------------------- */

static size_t dns_find(const struct st_iface *ifp, const struct in6_addr *a)
{
	size_t i = 0;
	while (i < ifp->n_dns && !IN6_ARE_ADDR_EQUAL(&ifp->dns[i], a))
		i++;
	return i;
}

static int dns_save(struct stack *st, struct st_iface *ifp)
{
	if (stack_save_array(st, (void **)&ifp->dns, &ifp->n_dns, sizeof(ifp->dns[0])) < 0)
		return stack_nomem(st);
	return NETCFG_OK;
}

int stack_dns_add(struct stack *st, struct st_iface *ifp, const struct in6_addr *a,
		  uint32_t position)
{
	char buf[NETCFG_ADDRSTRLEN];
	netcfg_format_addr(a, buf);
	if (IN6_IS_ADDR_MULTICAST(a) || IN6_IS_ADDR_UNSPECIFIED(a))
		return stack_fail(st, NETCFG_EINVAL, "%s is not a unicast address", buf);
	if (dns_find(ifp, a) < ifp->n_dns)
		return stack_fail(st, NETCFG_EEXIST, "DNS server %s is already configured on interface %u",
				  buf, ifp->info.index);
	if (dns_save(st, ifp))
		return NETCFG_ENOMEM;
	struct in6_addr *v = realloc(ifp->dns, (ifp->n_dns + 1) * sizeof(*v));
	if (!v)
		return stack_nomem(st);
	ifp->dns = v;
	size_t at = position == 0 || position > ifp->n_dns ? ifp->n_dns : position - 1;
	memmove(&v[at + 1], &v[at], (ifp->n_dns - at) * sizeof(*v));
	v[at] = *a;
	ifp->n_dns++;
	return NETCFG_OK;
}

int stack_dns_delete(struct stack *st, struct st_iface *ifp, const struct in6_addr *a)
{
	char buf[NETCFG_ADDRSTRLEN];
	size_t i = dns_find(ifp, a);
	if (i == ifp->n_dns)
		return stack_fail(st, NETCFG_ENOENT, "DNS server %s is not configured on interface %u",
				  netcfg_format_addr(a, buf), ifp->info.index);
	if (dns_save(st, ifp))
		return NETCFG_ENOMEM;
	memmove(&ifp->dns[i], &ifp->dns[i + 1], (ifp->n_dns - i - 1) * sizeof(ifp->dns[0]));
	ifp->n_dns--;
	return NETCFG_OK;
}

int stack_dns_flush(struct stack *st, struct st_iface *ifp)
{
	return stack_dns_set(st, ifp, NULL, 0);
}

int stack_dns_set(struct stack *st, struct st_iface *ifp, const struct in6_addr *v, size_t n)
{
	if (dns_save(st, ifp))
		return NETCFG_ENOMEM;
	struct in6_addr *nv = malloc((n + 1) * sizeof(*nv));
	if (!nv)
		return stack_nomem(st);
	if (n)
		memcpy(nv, v, n * sizeof(*nv));
	free(ifp->dns);  /* a transaction keeps its own copy */
	ifp->dns = nv;
	ifp->n_dns = n;
	return NETCFG_OK;
}

/* ---- site prefixes -------------------------------------------------------- */

struct st_site *stack_site_find(const struct stack *st, const struct netcfg_prefix *p,
				uint32_t ifindex)
{
	for (struct st_site *s = st->sites; s; s = s->next)
		if (s->ifindex == ifindex && s->prefix.len == p->len &&
		    IN6_ARE_ADDR_EQUAL(&s->prefix.addr, &p->addr))
			return s;
	return NULL;
}

void stack_site_export(const struct stack *st, const struct st_site *s,
		       struct netcfg_site_prefix *out)
{
	memset(out, 0, sizeof(*out));
	out->prefix = s->prefix;
	out->ifindex = s->ifindex;
	out->lifetime = stack_remaining(st, s->expires);
	out->origin = s->origin;
}

struct site_undo {
	struct stack *st;
	struct st_site *s;
	struct st_site old;
};

static void site_unlink(struct stack *st, struct st_site *s)
{
	for (struct st_site **pp = &st->sites; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			return;
		}
	}
}

static void site_append(struct stack *st, struct st_site *s)
{
	struct st_site **pp = &st->sites;
	while (*pp)
		pp = &(*pp)->next;
	s->next = NULL;
	*pp = s;
}

static void undo_site_added(void *ctx, void *data)
{
	(void)ctx;
	struct site_undo *u = data;
	site_unlink(u->st, u->s);
	free(u->s);
	free(u);
}

static void undo_site_changed(void *ctx, void *data)
{
	(void)ctx;
	struct site_undo *u = data;
	struct st_site *next = u->s->next;
	*u->s = u->old;
	u->s->next = next;
	free(u);
}

static void undo_site_removed(void *ctx, void *data)
{
	(void)ctx;
	struct site_undo *u = data;
	site_append(u->st, u->s);
	free(u);
}

static void commit_site_removed(void *ctx, void *data)
{
	(void)ctx;
	struct site_undo *u = data;
	free(u->s);
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

int stack_site_add(struct stack *st, const struct netcfg_site_prefix *sp, unsigned flags)
{
	char buf[NETCFG_ADDRSTRLEN];
	netcfg_format_prefix(&sp->prefix, buf);
	if (!stack_iface(st, sp->ifindex))
		return stack_fail(st, NETCFG_ENOENT, "interface %u does not exist", sp->ifindex);
	if (IN6_IS_ADDR_MULTICAST(&sp->prefix.addr))
		return stack_fail(st, NETCFG_EINVAL, "%s is a multicast prefix", buf);
	if (sp->lifetime == 0)
		return stack_fail(st, NETCFG_EINVAL,
				  "lifetime 0 for site prefix %s: a lifetime of 0 removes it", buf);
	struct st_site *s = stack_site_find(st, &sp->prefix, sp->ifindex);
	if (s && (flags & NETCFG_F_EXCL))
		return stack_fail(st, NETCFG_EEXIST, "site prefix %s on interface %u already exists",
				  buf, sp->ifindex);
	if (!s && !(flags & NETCFG_F_CREATE))
		return stack_fail(st, NETCFG_ENOENT, "site prefix %s on interface %u does not exist",
				  buf, sp->ifindex);
	if (s && !(flags & NETCFG_F_REPLACE))
		return NETCFG_OK;
	struct site_undo *u = calloc(1, sizeof(*u));
	bool is_new = !s;
	if (is_new)
		s = calloc(1, sizeof(*s));
	if (!u || !s) {
		free(u);
		if (is_new)
			free(s);
		return stack_nomem(st);
	}
	*u = (struct site_undo){ st, s, *s };
	if (stack_record(st, is_new ? undo_site_added : undo_site_changed, free_record, u) < 0) {
		free(u);
		if (is_new)
			free(s);
		return stack_nomem(st);
	}
	s->prefix = sp->prefix;
	s->ifindex = sp->ifindex;
	s->origin = is_new ? sp->origin : s->origin;
	s->expires = stack_deadline(st, sp->lifetime);
	stack_note_deadline(st, s->expires);
	if (is_new)
		site_append(st, s);
	st->gen++;
	return NETCFG_OK;
}

int stack_site_delete(struct stack *st, const struct netcfg_prefix *p, uint32_t ifindex)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct st_site *s = stack_site_find(st, p, ifindex);
	if (!s)
		return stack_fail(st, NETCFG_ENOENT, "site prefix %s on interface %u does not exist",
				  netcfg_format_prefix(p, buf), ifindex);
	struct site_undo *u = calloc(1, sizeof(*u));
	if (!u)
		return stack_nomem(st);
	u->st = st;
	u->s = s;
	site_unlink(st, s);
	/* outside a transaction this frees it at once */
	if (stack_record(st, undo_site_removed, commit_site_removed, u) < 0) {
		site_append(st, s);
		free(u);
		return stack_nomem(st);
	}
	st->gen++;
	return NETCFG_OK;
}

/* ---- bindings -------------------------------------------------------------- */

const struct st_binding *stack_binding_find(const struct stack *st, const struct in6_addr *home)
{
	for (const struct st_binding *b = st->bindings; b; b = b->next)
		if (IN6_ARE_ADDR_EQUAL(&b->home, home))
			return b;
	return NULL;
}

void stack_binding_export(const struct stack *st, const struct st_binding *b,
			  struct netcfg_binding *out)
{
	memset(out, 0, sizeof(*out));
	out->home = b->home;
	out->careof = b->careof;
	out->seq = b->seq;
	out->lifetime = stack_remaining(st, b->expires);
}

/* RFC 3775 9.5.1: sequence numbers compare modulo 2^16. */
static bool seq_newer(uint32_t a, uint32_t b)
{
	return (uint16_t)(a - b) != 0 && (uint16_t)(a - b) < 0x8000;
}

int stack_binding_update(struct stack *st, const struct netcfg_binding *nb)
{
	char buf[NETCFG_ADDRSTRLEN];
	netcfg_format_addr(&nb->home, buf);
	if (IN6_IS_ADDR_MULTICAST(&nb->home) || IN6_IS_ADDR_UNSPECIFIED(&nb->home) ||
	    IN6_IS_ADDR_MULTICAST(&nb->careof) || IN6_IS_ADDR_UNSPECIFIED(&nb->careof))
		return stack_fail(st, NETCFG_EINVAL, "home and care-of addresses must be unicast");
	if (nb->seq > 0xffff)
		return stack_fail(st, NETCFG_EINVAL, "sequence number %u is longer than 16 bits", nb->seq);
	struct st_binding **pp = &st->bindings;
	size_t n = 0;
	for (; *pp && !IN6_ARE_ADDR_EQUAL(&(*pp)->home, &nb->home); pp = &(*pp)->next)
		n++;
	struct st_binding *b = *pp;
	if (b && !seq_newer(nb->seq, b->seq))
		return stack_fail(st, NETCFG_EINVAL, "binding update for %s: sequence number %u is "
				  "not newer than %u", buf, nb->seq, b->seq);
	if (nb->lifetime == 0) {
		if (!b)
			return stack_fail(st, NETCFG_ENOENT, "no binding for home address %s", buf);
		*pp = b->next;
		free(b);
		st->gen++;
		return NETCFG_OK;
	}
	if (!b) {
		for (const struct st_binding *o = *pp; o; o = o->next)
			n++;
		if (n >= st->global.binding_cache_limit)
			return stack_fail(st, NETCFG_ELIMIT, "the binding cache is full "
					  "(BindingCacheLimit %u)", st->global.binding_cache_limit);
		b = calloc(1, sizeof(*b));
		if (!b)
			return stack_nomem(st);
		b->home = nb->home;
		*pp = b;
	}
	b->careof = nb->careof;
	b->seq = nb->seq;
	b->expires = stack_deadline(st, nb->lifetime);
	stack_note_deadline(st, b->expires);
	st->gen++;
	return NETCFG_OK;
}
