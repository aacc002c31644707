/* SPDX-License-Identifier: MIT */
/* ops_interface.c - interface.list, interface.add (configured tunnels and
 * 6-over-4 interfaces), interface.delete, interface.set and renew. */
#include "dispatch.h"
#include "ops_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int op_interface_list(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct st_iface *only = NULL;
	int rc = dp_refresh(st);
	if (rc)
		return op_stack_fail(ctx, rc);
	if (ops_iface_arg(ctx, false, &only))
		return NETCFG_ENOENT;
	jw_arr_begin(ctx->out);
	/* descending index order, as ipv6 if lists them */
	for (size_t i = st->n_ifs; i-- > 0;) {
		const struct st_iface *ifp = st->ifs[i];
		if (only && ifp != only)
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

static void write_ifcreate(struct jw *w, const void *obj, const char *ifname)
{
	(void)ifname;
	codec_ifcreate_write(w, obj);
}

static const struct store_kind ifcreate_kind = {
	"interface", "interface.add", "interface.delete", write_ifcreate,
};

int op_interface_add(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct netcfg_interface_create c;
	char name[NETCFG_NAME_MAX], err[CODEC_ERRLEN], key[OPS_KEYLEN];
	int o = j_get(ctx->doc, ctx->args, "interface");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"interface\"");
	if (codec_ifcreate_read(ctx->doc, o, &c, name, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	unsigned flags = op_flags(ctx);
	struct st_iface *ifp = name[0] ? stack_iface_by_name(st, name) : NULL;
	if (ifp && ifp->info.kind == c.kind && !(flags & NETCFG_F_EXCL) && (flags & NETCFG_F_REPLACE)) {
		/* replaying the store over an existing interface: nothing to do */
	} else {
		int rc = stack_iface_create(st, &c, &ifp);
		if (rc)
			return op_stack_fail(ctx, rc);
	}
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "index", ifp->info.index);
	jw_kstr(ctx->out, "name", ifp->info.name);
	jw_obj_end(ctx->out);
	c.name = ifp->info.name;
	snprintf(key, sizeof(key), "interface %s", ifp->info.name);
	return op_persist_add(ctx, &ifcreate_kind, key, &c, NULL);
}

int op_interface_delete(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct st_iface *ifp;
	char name[NETCFG_NAME_MAX], key[OPS_KEYLEN];
	if (ops_iface_arg(ctx, true, &ifp))
		return NETCFG_ENOENT;
	snprintf(name, sizeof(name), "%s", ifp->info.name);
	bool created = ifp->created;
	int rc = stack_iface_delete(st, ifp);
	if (rc)
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	/* What the store says about the interface goes with it: its
	 * creation, or, for a declared adapter, a record that it is gone. */
	if ((rc = ops_persist_drop_iface(ctx, name)))
		return rc;
	snprintf(key, sizeof(key), "interface %s", name);
	if (created) {
		if (pstore_del(&ctx->d->pstore, &ctx->d->undo, key) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		return NETCFG_OK;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "interface", name);
	jw_obj_end(&w);
	return ops_persist_put(ctx, key, "interface.delete", &w);
}

/* ---- settings ----------------------------------------------------------- */

static void merge_settings(struct netcfg_interface_settings *into,
			   const struct netcfg_interface_settings *s)
{
	if (s->mask & NETCFG_IFSET_FORWARDS)
		into->forwards = s->forwards;
	if (s->mask & NETCFG_IFSET_ADVERTISES)
		into->advertises = s->advertises;
	if (s->mask & NETCFG_IFSET_MTU)
		into->mtu = s->mtu;
	if (s->mask & NETCFG_IFSET_SITE)
		into->site = s->site;
	if (s->mask & NETCFG_IFSET_METRIC)
		into->metric = s->metric;
	if (s->mask & NETCFG_IFSET_FIREWALL)
		into->firewall = s->firewall;
	if (s->mask & NETCFG_IFSET_SITE_PREFIX_LENGTH)
		into->site_prefix_length = s->site_prefix_length;
	into->mask |= s->mask;
}

int op_interface_set(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	struct netcfg_interface_settings s;
	struct st_iface *ifp;
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN], key[OPS_KEYLEN];
	int o = j_get(ctx->doc, ctx->args, "settings");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"settings\"");
	if (codec_ifsettings_read(ctx->doc, o, &s, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(st, s.ifindex, ifname, &ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	int rc = stack_iface_set(st, ifp, &s);
	if (rc)
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	/* One entry per interface holds every setting made persistent. */
	struct netcfg_interface_settings merged = { 0 };
	char stored_name[NETCFG_NAME_MAX];
	snprintf(key, sizeof(key), "interface-settings %s", ifp->info.name);
	struct jdoc d = { 0 };
	int so = ops_persist_lookup(ctx, key, "settings", &d);
	if (so >= 0 && codec_ifsettings_read(&d, so, &merged, stored_name, err))
		memset(&merged, 0, sizeof(merged));
	jdoc_free(&d);
	merge_settings(&merged, &s);
	merged.ifindex = ifp->info.index;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "settings");
	codec_ifsettings_write(&w, &merged, ifp->info.name);
	jw_obj_end(&w);
	return ops_persist_put(ctx, key, "interface.set", &w);
}

int op_renew(struct op_ctx *ctx)
{
	struct st_iface *ifp = NULL;
	if (ops_iface_arg(ctx, false, &ifp))
		return NETCFG_ENOENT;
	stack_renew(&ctx->d->stack, ifp);
	return NETCFG_OK;
}
