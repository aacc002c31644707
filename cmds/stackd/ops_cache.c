/* SPDX-License-Identifier: MIT */
/* ops_cache.c - neighbor.*, destcache.* and binding.*: the caches. */
#include "ops_util.h"

#include <stdio.h>
#include <string.h>

/* ---- neighbor cache ------------------------------------------------------ */

static void write_neighbor(struct jw *w, const void *obj, const char *ifname)
{
	codec_neighbor_write(w, obj, ifname);
}

static const struct store_kind neighbor_kind = {
	"neighbor", "neighbor.add", "neighbor.flush", write_neighbor,
};

static void neighbor_key(const char *ifname, const struct in6_addr *a, char key[OPS_KEYLEN])
{
	char buf[NETCFG_ADDRSTRLEN];
	snprintf(key, OPS_KEYLEN, "neighbor %s %s", ifname, netcfg_format_addr(a, buf));
}

static int write_neighbor_entry(void *arg, const struct netcfg_neighbor *n)
{
	codec_neighbor_write(arg, n, NULL);
	return NETCFG_OK;
}

int op_neighbor_list(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct st_iface *only;
	struct in6_addr a;
	bool have_addr;
	if (ops_iface_arg(ctx, false, &only))
		return NETCFG_ENOENT;
	if (ops_addr_arg(ctx, "address", &a, &have_addr))
		return NETCFG_EPROTO;
	jw_arr_begin(ctx->out);
	if (st->dp->ops->neigh_list) {
		/* the dataplane's own table, with its real states */
		int rc = st->dp->ops->neigh_list(st->dp, st, only ? only->info.index : 0,
						 have_addr ? &a : NULL, write_neighbor_entry, ctx->out);
		if (rc)
			return op_stack_fail(ctx, rc);
		jw_arr_end(ctx->out);
		return NETCFG_OK;
	}
	for (const struct st_neighbor *n = st->nc_head; n; n = n->next) {
		if ((only && n->ifindex != only->info.index) ||
		    (have_addr && !IN6_ARE_ADDR_EQUAL(&n->addr, &a)))
			continue;
		struct netcfg_neighbor nb;
		stack_nd_export(n, &nb);
		codec_neighbor_write(ctx->out, &nb, NULL);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_neighbor_add(struct op_ctx *ctx)
{
	struct netcfg_neighbor nb;
	struct st_iface *ifp;
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN], key[OPS_KEYLEN];
	int o = j_get(ctx->doc, ctx->args, "neighbor");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"neighbor\"");
	if (codec_neighbor_read(ctx->doc, o, &nb, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, nb.ifindex, ifname, &ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	nb.ifindex = ifp->info.index;
	int rc = stack_nd_add(&ctx->d->stack, &nb, op_flags(ctx));
	if (rc)
		return op_stack_fail(ctx, rc);
	nb.state = NETCFG_ND_PERMANENT;
	nb.refs = 0;
	neighbor_key(ifp->info.name, &nb.addr, key);
	return op_persist_add(ctx, &neighbor_kind, key, &nb, ifp->info.name);
}

int op_neighbor_flush(struct op_ctx *ctx)
{
	struct st_iface *ifp;
	struct in6_addr a;
	bool have_addr;
	if (ops_iface_arg(ctx, false, &ifp))
		return NETCFG_ENOENT;
	if (ops_addr_arg(ctx, "address", &a, &have_addr))
		return NETCFG_EPROTO;
	if (have_addr && !ifp)
		return op_fail(ctx, NETCFG_EINVAL, "a neighbor address needs its interface");
	size_t removed;
	int rc = stack_nd_flush(&ctx->d->stack, ifp ? ifp->info.index : 0, have_addr ? &a : NULL,
				&removed);
	if (rc)
		return op_stack_fail(ctx, rc);
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "removed", removed);
	jw_obj_end(ctx->out);
	if (!op_persist(ctx))
		return NETCFG_OK;
	/* the static entries recorded for what was selected */
	struct pstore *ps = &ctx->d->pstore;
	for (struct pstore_entry *e = ps->head, *nx; e; e = nx) {
		nx = e->next;
		if (strcmp(e->op, "neighbor.add") != 0)
			continue;
		struct jdoc d;
		int no = ops_persist_lookup(ctx, e->key, "neighbor", &d);
		struct netcfg_neighbor sn;
		char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN];
		bool match = no >= 0 && codec_neighbor_read(&d, no, &sn, ifname, err) == 0 &&
			     (!ifp || strcmp(ifname, ifp->info.name) == 0) &&
			     (!have_addr || IN6_ARE_ADDR_EQUAL(&sn.addr, &a));
		jdoc_free(&d);
		if (match && pstore_del(ps, &ctx->d->undo, e->key) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	return NETCFG_OK;
}

/* ---- destination cache ------------------------------------------------------ */

int op_destcache_list(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct st_iface *only;
	struct in6_addr a;
	bool have_addr;
	if (ops_iface_arg(ctx, false, &only))
		return NETCFG_ENOENT;
	if (ops_addr_arg(ctx, "destination", &a, &have_addr))
		return NETCFG_EPROTO;
	int rc = dp_refresh(st);
	if (rc)
		return op_stack_fail(ctx, rc);
	stack_dcache_refresh(st);
	jw_arr_begin(ctx->out);
	for (const struct st_dest *e = st->dc_head; e; e = e->next) {
		if ((only && e->ifindex != only->info.index) ||
		    (have_addr && !IN6_ARE_ADDR_EQUAL(&e->dest, &a)))
			continue;
		struct netcfg_destcache_entry x;
		stack_dcache_export(st, e, &x);
		codec_destcache_write(ctx->out, &x);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_destcache_flush(struct op_ctx *ctx)
{
	struct st_iface *ifp;
	struct in6_addr a;
	bool have_addr;
	if (ops_iface_arg(ctx, false, &ifp))
		return NETCFG_ENOENT;
	if (ops_addr_arg(ctx, "destination", &a, &have_addr))
		return NETCFG_EPROTO;
	size_t removed = stack_dcache_flush(&ctx->d->stack, ifp ? ifp->info.index : 0,
					    have_addr ? &a : NULL);
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "removed", removed);
	jw_obj_end(ctx->out);
	return NETCFG_OK;
}

/* ---- binding cache ------------------------------------------------------------ */

int op_binding_list(struct op_ctx *ctx)
{
	const struct stack *st = &ctx->d->stack;
	jw_arr_begin(ctx->out);
	for (const struct st_binding *b = st->bindings; b; b = b->next) {
		struct netcfg_binding x;
		stack_binding_export(st, b, &x);
		codec_binding_write(ctx->out, &x);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

/* A binding update as a correspondent node receives it from a mobile
 * node; the model has no wire to receive one on, so tests inject it. */
int op_binding_update(struct op_ctx *ctx)
{
	struct netcfg_binding b;
	char err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "binding");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"binding\"");
	if (codec_binding_read(ctx->doc, o, &b, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	int rc = stack_binding_update(&ctx->d->stack, &b);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}
