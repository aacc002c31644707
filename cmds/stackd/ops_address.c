/* SPDX-License-Identifier: MIT */
/* ops_address.c - address.add and address.delete. */
#include "dispatch.h"

#include <stdio.h>

static void write_address(struct jw *w, const void *obj, const char *ifname)
{
	codec_address_write(w, obj, ifname);
}

static const struct store_kind address_kind = {
	"address", "address.add", "address.delete", write_address,
};

/* Decode the "address" member and resolve its interface. */
static int read_address(struct op_ctx *ctx, struct netcfg_address *a, struct st_iface **ifp,
			char key[256])
{
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN], buf[NETCFG_ADDRSTRLEN];
	int o = j_get(ctx->doc, ctx->args, "address");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"address\"");
	if (codec_address_read(ctx->doc, o, a, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, a->ifindex, ifname, ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	a->ifindex = (*ifp)->info.index;
	a->origin = NETCFG_ORIGIN_MANUAL;
	snprintf(key, 256, "address %s %s", (*ifp)->info.name, netcfg_format_addr(&a->addr, buf));
	return NETCFG_OK;
}

int op_address_add(struct op_ctx *ctx)
{
	struct netcfg_address a;
	struct st_iface *ifp;
	char key[256];
	int rc = read_address(ctx, &a, &ifp, key);
	if (rc)
		return rc;
	if ((rc = stack_addr_add(&ctx->d->stack, &a, op_flags(ctx))))
		return op_stack_fail(ctx, rc);
	return op_persist_add(ctx, &address_kind, key, &a, ifp->info.name);
}

int op_address_delete(struct op_ctx *ctx)
{
	struct netcfg_address a;
	struct st_iface *ifp;
	char key[256];
	int rc = read_address(ctx, &a, &ifp, key);
	if (rc)
		return rc;
	struct st_addr *sa = stack_addr_find(ifp, &a.addr);
	bool stack_default = sa && sa->origin == NETCFG_ORIGIN_SYSTEM;
	if ((rc = stack_addr_delete(&ctx->d->stack, a.ifindex, &a.addr)))
		return op_stack_fail(ctx, rc);
	return op_persist_delete(ctx, &address_kind, key, stack_default, &a, ifp->info.name);
}
