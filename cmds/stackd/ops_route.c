/* SPDX-License-Identifier: MIT */
/* ops_route.c - route.add, route.delete and route.list. */
#include "dispatch.h"

#include <stdio.h>

static void write_route(struct jw *w, const void *obj, const char *ifname)
{
	codec_route_write(w, obj, ifname);
}

static const struct store_kind route_kind = {
	"route", "route.add", "route.delete", write_route,
};

/* Decode the "route" member and resolve its interface. */
static int read_route(struct op_ctx *ctx, struct netcfg_route *r, struct st_iface **ifp)
{
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "route");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"route\"");
	if (codec_route_read(ctx->doc, o, r, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, r->ifindex, ifname, ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	r->ifindex = (*ifp)->info.index;
	r->origin = NETCFG_ORIGIN_MANUAL;
	return NETCFG_OK;
}

/* The persistent store's key; built only for changes that persist. */
static const char *route_key(const struct st_iface *ifp, const struct netcfg_route *r,
			     char key[256])
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	snprintf(key, 256, "route %s %s %s", netcfg_format_prefix(&r->prefix, p),
		 ifp->info.name, netcfg_format_addr(&r->nexthop, nh));
	return key;
}

int op_route_add(struct op_ctx *ctx)
{
	struct netcfg_route r;
	struct st_iface *ifp;
	char key[256];
	int rc = read_route(ctx, &r, &ifp);
	if (rc)
		return rc;
	if ((rc = stack_route_add(&ctx->d->stack, &r, op_flags(ctx))))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	return op_persist_add(ctx, &route_kind, route_key(ifp, &r, key), &r, ifp->info.name);
}

int op_route_delete(struct op_ctx *ctx)
{
	struct netcfg_route r;
	struct st_iface *ifp;
	char key[256];
	int rc = read_route(ctx, &r, &ifp);
	if (rc)
		return rc;
	struct st_route *sr = stack_route_find(&ctx->d->stack, &r.prefix, r.ifindex, &r.nexthop);
	bool stack_default = sr && sr->r.origin == NETCFG_ORIGIN_SYSTEM;
	if ((rc = stack_route_delete(&ctx->d->stack, &r)))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	return op_persist_delete(ctx, &route_kind, route_key(ifp, &r, key), stack_default, &r,
				 ifp->info.name);
}

int op_route_list(struct op_ctx *ctx)
{
	const struct stack *st = &ctx->d->stack;
	jw_arr_begin(ctx->out);
	for (const struct st_route *sr = st->rt_head; sr; sr = sr->next) {
		struct netcfg_route r;
		stack_route_export(st, sr, &r);
		codec_route_write(ctx->out, &r, NULL);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}
