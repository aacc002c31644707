/* SPDX-License-Identifier: MIT */
/* ops_interface.c - interface.list. */
#include "dispatch.h"

#include <stdlib.h>

int op_interface_list(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	uint32_t only = 0;
	int t = j_get(ctx->doc, ctx->args, "ifindex");
	if (t >= 0 && !j_uint32(ctx->doc, t, &only))
		return op_fail(ctx, NETCFG_EPROTO, "interface.list: \"ifindex\" is not a number");
	if (only && !stack_iface(st, only))
		return op_fail(ctx, NETCFG_ENOENT, "interface %u does not exist", only);
	jw_arr_begin(ctx->out);
	/* descending index order, as ipv6 if lists them */
	for (size_t i = st->n_ifs; i-- > 0;) {
		const struct st_iface *ifp = st->ifs[i];
		if (only && ifp->info.index != only)
			continue;
		struct netcfg_interface snap;
		if (stack_iface_snapshot(st, ifp, &snap))
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		codec_interface_write(ctx->out, &snap);
		free(snap.addrs);
		free(snap.groups);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}
