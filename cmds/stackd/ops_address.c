/* SPDX-License-Identifier: MIT */
/* ops_address.c - address.add and address.delete. */
#include "dispatch.h"

#include <stdio.h>

/* Decode the "address" member and resolve its interface. */
static int read_address(struct op_ctx *ctx, struct netcfg_address *a, struct st_iface **ifp)
{
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "address");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"address\"");
	if (codec_address_read(ctx->doc, o, a, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, a->ifindex, ifname, ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	a->ifindex = (*ifp)->info.index;
	a->origin = NETCFG_ORIGIN_MANUAL;
	return NETCFG_OK;
}

static void store_key(char *key, size_t size, const struct st_iface *ifp,
		      const struct netcfg_address *a)
{
	char buf[NETCFG_ADDRSTRLEN];
	snprintf(key, size, "address %s %s", ifp->info.name, netcfg_format_addr(&a->addr, buf));
}

int op_address_add(struct op_ctx *ctx)
{
	struct netcfg_address a;
	struct st_iface *ifp;
	int rc = read_address(ctx, &a, &ifp);
	if (rc)
		return rc;
	if ((rc = stack_addr_add(&ctx->d->stack, &a, op_flags(ctx))))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	/* The store keeps what was configured, by interface name, as an
	 * upsert so that replaying it is idempotent. */
	char key[256];
	struct jw w;
	store_key(key, sizeof(key), ifp, &a);
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "address");
	codec_address_write(&w, &a, ifp->info.name);
	codec_flags_write(&w, NETCFG_F_UPSERT);
	jw_obj_end(&w);
	rc = op_store_put(ctx, key, "address.add", &w);
	jw_free(&w);
	return rc;
}

int op_address_delete(struct op_ctx *ctx)
{
	struct netcfg_address a;
	struct st_iface *ifp;
	int rc = read_address(ctx, &a, &ifp);
	if (rc)
		return rc;
	struct st_addr *sa = stack_addr_find(ifp, &a.addr);
	bool system = sa && sa->origin == NETCFG_ORIGIN_SYSTEM;
	if ((rc = stack_addr_delete(&ctx->d->stack, a.ifindex, &a.addr)))
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	char key[256];
	store_key(key, sizeof(key), ifp, &a);
	if (!system)
		return op_store_del(ctx, key);
	/* The stack creates this address itself; remember to remove it. */
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "address");
	codec_address_write(&w, &a, ifp->info.name);
	jw_obj_end(&w);
	rc = op_store_put(ctx, key, "address.delete", &w);
	jw_free(&w);
	return rc;
}
