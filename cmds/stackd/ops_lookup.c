/* SPDX-License-Identifier: MIT */
/* ops_lookup.c - route.query (the routing-interface query), address.sort
 * (the destination-list sort), ra.show and bench.route_lookup. */
#include "ops_util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int op_route_query(struct op_ctx *ctx)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr dest;
	uint32_t scope = 0, given = 0;
	struct st_iface *ifp;
	if (ops_iface_arg(ctx, false, &ifp))
		return NETCFG_ENOENT;
	int t = j_get(ctx->doc, ctx->args, "destination");
	if (!j_str(ctx->doc, t, buf, sizeof(buf)) || netcfg_parse_addr(buf, &dest, &scope) != NETCFG_OK)
		return op_fail(ctx, NETCFG_EPROTO, "route.query: \"destination\" is missing or not an IPv6 address");
	t = j_get(ctx->doc, ctx->args, "scope_id");
	if (t >= 0 && !j_uint32(ctx->doc, t, &given))
		return op_fail(ctx, NETCFG_EPROTO, "route.query: \"scope_id\" is not a number");
	if (given && scope && given != scope)
		return op_fail(ctx, NETCFG_EINVAL, "%s names scope %u but scope_id is %u", buf, scope, given);
	struct netcfg_route_result r;
	int rc = stack_query(&ctx->d->stack, &dest, scope ? scope : given, ifp ? ifp->info.index : 0,
			     true, &r);
	if (rc)
		return op_stack_fail(ctx, rc);
	codec_route_result_write(ctx->out, &r);
	return NETCFG_OK;
}

#define SORT_MAX 4096

int op_address_sort(struct op_ctx *ctx)
{
	char err[CODEC_ERRLEN];
	int arr = j_get(ctx->doc, ctx->args, "destinations");
	if (j_type(ctx->doc, arr) != J_ARR)
		return op_fail(ctx, NETCFG_EPROTO, "address.sort: \"destinations\" is missing or not an array");
	size_t n = ctx->doc->t[arr].size;
	if (n > SORT_MAX)
		return op_fail(ctx, NETCFG_ELIMIT, "address.sort: %zu destinations; at most %d", n, SORT_MAX);
	struct netcfg_sort_entry *v = calloc(n + 1, sizeof(*v));
	if (!v)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	size_t k = 0;
	for (int e = j_first(ctx->doc, arr); e >= 0; e = j_next(ctx->doc, e), k++) {
		if (codec_sort_entry_read(ctx->doc, e, &v[k], err)) {
			free(v);
			return op_fail(ctx, NETCFG_EPROTO, "%s", err);
		}
	}
	int rc = stack_sort_destinations(&ctx->d->stack, v, &n);
	if (rc) {
		free(v);
		return op_stack_fail(ctx, rc);
	}
	jw_arr_begin(ctx->out);
	for (size_t i = 0; i < n; i++)
		codec_sort_entry_write(ctx->out, &v[i]);
	jw_arr_end(ctx->out);
	free(v);
	return NETCFG_OK;
}

int op_ra_show(struct op_ctx *ctx)
{
	struct st_iface *ifp;
	if (ops_iface_arg(ctx, true, &ifp))
		return NETCFG_ENOENT;
	if (!ifp->info.uses_nd)
		return op_fail(ctx, NETCFG_EINVAL,
			       "interface %u (%s) does not use Neighbor Discovery: it sends no router advertisements",
			       ifp->info.index, ifp->info.name);
	struct netcfg_ra ra;
	if (stack_ra_build(&ctx->d->stack, ifp, &ra))
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	codec_ra_write(ctx->out, &ra);
	codec_ra_free(&ra);
	return NETCFG_OK;
}

/*
 * Deliver a router advertisement to an interface, as if it came in on its
 * link: {"from": if#} takes what interface if# of this stack sends, from
 * its link-local address (the seeds' "loopback injection"); {"router":
 * address, "ra": {...}} any RA.  Only with --test-clock: the model has no
 * wire, this stands in for one.
 */
int op_ra_receive(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct st_iface *rx;
	char err[CODEC_ERRLEN];
	if (ops_iface_arg(ctx, true, &rx))
		return NETCFG_ENOENT;
	struct netcfg_ra ra;
	struct in6_addr router;
	uint32_t from;
	int t = j_get(ctx->doc, ctx->args, "from");
	if (t >= 0) {
		if (!j_uint32(ctx->doc, t, &from))
			return op_fail(ctx, NETCFG_EPROTO, "ra.receive: \"from\" is not an interface number");
		const struct st_iface *tx = stack_iface(st, from);
		if (!tx)
			return op_fail(ctx, NETCFG_ENOENT, "interface %u does not exist", from);
		if (tx == rx)
			return op_fail(ctx, NETCFG_EINVAL, "interface %u does not receive its own advertisements", from);
		const struct st_addr *ll = tx->addrs;
		while (ll && !IN6_IS_ADDR_LINKLOCAL(&ll->addr))
			ll = ll->next;
		if (!ll || !tx->info.uses_nd)
			return op_fail(ctx, NETCFG_EINVAL, "interface %u sends no router advertisements", from);
		router = ll->addr;
		if (stack_ra_build(st, tx, &ra))
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	} else {
		bool have;
		if (ops_addr_arg(ctx, "router", &router, &have))
			return NETCFG_EPROTO;
		if (!have)
			return op_fail(ctx, NETCFG_EPROTO, "ra.receive: give \"from\" or \"router\" and \"ra\"");
		if (codec_ra_read(ctx->doc, j_get(ctx->doc, ctx->args, "ra"), &ra, err))
			return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	}
	int rc = stack_ra_receive(st, rx, &router, &ra);
	codec_ra_free(&ra);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

/* ---- benchmark ------------------------------------------------------------ */

#define BENCH_DESTS (1u << 20)

static double now_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A destination inside route r: its prefix with random host bits. */
static void dest_in(struct stack *st, const struct st_route *r, struct in6_addr *d)
{
	uint64_t x = stack_random(st), y = stack_random(st);
	memcpy(&d->s6_addr[0], &x, 8);
	memcpy(&d->s6_addr[8], &y, 8);
	unsigned len = r->r.prefix.len;
	for (unsigned i = 0; i < 16; i++) {
		unsigned bits = len > i * 8 ? len - i * 8 : 0;
		uint8_t keep = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));
		d->s6_addr[i] = (uint8_t)((r->r.prefix.addr.s6_addr[i] & keep) | (d->s6_addr[i] & ~keep));
	}
}

/*
 * Route lookups per second over the table as it is: destinations are
 * drawn inside randomly chosen unicast routes (prepared untimed), then
 * looked up with the same function every lookup uses.  "cache": N also
 * sends to N of them, filling the destination cache (bench of ipv6 rc).
 * Only with --test-clock: it is a measuring tool, not a stack operation.
 */
/* The most destinations a bench fills the destination cache with. */
#define BENCH_CACHE_MAX (1024u * 1024)

int op_bench_route_lookup(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	uint32_t lookups = 2000000, cache = 0;
	int t = j_get(ctx->doc, ctx->args, "lookups");
	if (t >= 0 && !j_uint32(ctx->doc, t, &lookups))
		return op_fail(ctx, NETCFG_EPROTO, "bench.route_lookup: \"lookups\" is not a number");
	t = j_get(ctx->doc, ctx->args, "cache");
	if (t >= 0 && !j_uint32(ctx->doc, t, &cache))
		return op_fail(ctx, NETCFG_EPROTO, "bench.route_lookup: \"cache\" is not a number");
	if (cache > BENCH_CACHE_MAX)
		return op_fail(ctx, NETCFG_EINVAL, "bench.route_lookup: \"cache\" %u is more than %u",
			       cache, BENCH_CACHE_MAX);
	size_t nr = 0;
	const struct st_route **routes = malloc((st->n_routes + 1) * sizeof(*routes));
	if (!routes)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	for (const struct st_route *r = st->rt_head; r; r = r->next)
		if (!IN6_IS_ADDR_MULTICAST(&r->r.prefix.addr))
			routes[nr++] = r;
	if (nr == 0) {
		free(routes);
		return op_fail(ctx, NETCFG_ENOENT, "bench.route_lookup: the routing table is empty");
	}
	size_t nd = lookups < BENCH_DESTS ? (lookups ? lookups : 1) : BENCH_DESTS;
	if (cache > nd)
		nd = cache;
	struct in6_addr *dests = malloc(nd * sizeof(*dests));
	if (!dests) {
		free(routes);
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nd; i++)
		dest_in(st, routes[stack_random(st) % nr], &dests[i]);
	free(routes);

	uint64_t matched = 0, check = 0;
	struct route_match m;
	double t0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
	for (uint32_t i = 0; i < lookups; i++) {
		stack_route_lookup(st, &dests[i % nd], 0, 0, false, &m);
		if (m.route) {
			matched++;
			check ^= m.route->seq;
		}
	}
	double secs = now_s(CLOCK_MONOTONIC) - t0, cpu = now_s(CLOCK_THREAD_CPUTIME_ID) - c0;
	uint32_t cached = 0;
	for (uint32_t i = 0; i < cache; i++) {
		struct netcfg_route_result r;
		if (stack_query(st, &dests[i], 0, 0, true, &r) == NETCFG_OK)
			cached++;
	}
	free(dests);
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "routes", st->n_routes);
	jw_kuint(ctx->out, "lookups", lookups);
	jw_kuint(ctx->out, "matched", matched);
	jw_kuint(ctx->out, "check", check & 0xffff);
	jw_kuint(ctx->out, "microseconds", (uint64_t)(secs * 1e6));
	jw_kuint(ctx->out, "cpu_microseconds", (uint64_t)(cpu * 1e6));
	jw_kuint(ctx->out, "per_second", secs > 0 ? (uint64_t)(lookups / secs) : 0);
	jw_kuint(ctx->out, "per_cpu_second", cpu > 0 ? (uint64_t)(lookups / cpu) : 0);
	jw_kuint(ctx->out, "cached", cached);
	jw_kuint(ctx->out, "destination_cache", st->n_dests);
	jw_obj_end(ctx->out);
	return NETCFG_OK;
}
