/* SPDX-License-Identifier: MIT */
/* ops_daemon.c - daemon.info and clock.advance. */
#include "dispatch.h"

#include <unistd.h>

int op_daemon_info(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	struct jw *w = ctx->out;
	jw_obj_begin(w);
	jw_kstr(w, "version", NETCFG_VERSION);
	jw_kint(w, "protocol", NETCFG_PROTOCOL_VERSION);
	jw_kstr(w, "dataplane", d->dp.ops->name);
	if (d->dp.ops->info) {
		/* what the dataplane has to say, under its name */
		jw_key(w, d->dp.ops->name);
		jw_obj_begin(w);
		d->dp.ops->info(&d->dp, w);
		jw_obj_end(w);
	}
	jw_kint(w, "pid", getpid());
	jw_kuint(w, "uid", d->uid);
	jw_kbool(w, "test_clock", d->cfg.test_clock);
	jw_kuint(w, "clock", clock_now(&d->clock));
	jw_kuint(w, "clients", d->n_clients);
	jw_kstr(w, "socket", d->cfg.socket);
	jw_kstr(w, "state_dir", d->cfg.state_dir);
	jw_kuint(w, "interfaces", d->stack.n_ifs);
	jw_kuint(w, "routes", d->stack.n_routes);
	jw_kuint(w, "persistent_entries", d->pstore.n);
	jw_kuint(w, "persistent_writes", d->pstore.writes);
	jw_kuint(w, "max_frame", d->cfg.max_frame);
	jw_obj_end(w);
	return NETCFG_OK;
}

int op_clock_advance(struct op_ctx *ctx)
{
	uint32_t secs;
	if (!j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "seconds"), &secs))
		return op_fail(ctx, NETCFG_EINVAL, "clock.advance: \"seconds\" must be a number of seconds");
	clock_advance(&ctx->d->clock, secs);
	stack_expire(&ctx->d->stack);
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "clock", clock_now(&ctx->d->clock));
	jw_obj_end(ctx->out);
	return NETCFG_OK;
}
