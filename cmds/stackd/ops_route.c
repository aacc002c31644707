/* SPDX-License-Identifier: MIT */
/* ops_route.c - route.add, route.delete and route.list. */
#include "dispatch.h"

#include <stdio.h>

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

static void store_key(char *key, size_t size, const struct st_iface *ifp,
		      const struct netcfg_route *r)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	snprintf(key, size, "route %s %s %s", netcfg_format_prefix(&r->prefix, p),
		 ifp->info.name, netcfg_format_addr(&r->nexthop, nh));
}

int op_route_add(struct op_ctx *ctx)
{
	struct netcfg_route r;
	struct st_iface *ifp;
	int rc = read_route(ctx, &r, &ifp);
	if (rc)
		return rc;
	if ((rc = stack_route_add(&ctx->d->stack, &r, op_flags(ctx))))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	char key[256];
	struct jw w;
	store_key(key, sizeof(key), ifp, &r);
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "route");
	codec_route_write(&w, &r, ifp->info.name);
	codec_flags_write(&w, NETCFG_F_UPSERT);
	jw_obj_end(&w);
	rc = op_store_put(ctx, key, "route.add", &w);
	jw_free(&w);
	return rc;
}

int op_route_delete(struct op_ctx *ctx)
{
	struct netcfg_route r;
	struct st_iface *ifp;
	int rc = read_route(ctx, &r, &ifp);
	if (rc)
		return rc;
	struct st_route *sr = stack_route_find(&ctx->d->stack, &r.prefix, r.ifindex, &r.nexthop);
	bool system = sr && sr->r.origin == NETCFG_ORIGIN_SYSTEM;
	if ((rc = stack_route_delete(&ctx->d->stack, &r)))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	char key[256];
	store_key(key, sizeof(key), ifp, &r);
	if (!system)
		return op_store_del(ctx, key);
	/* A default route of the stack: remember that it was removed. */
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "route");
	codec_route_write(&w, &r, ifp->info.name);
	jw_obj_end(&w);
	rc = op_store_put(ctx, key, "route.delete", &w);
	jw_free(&w);
	return rc;
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
