/* SPDX-License-Identifier: MIT */
/* ops_tables.c - prefix_policy.*, global.*, dns.* and site_prefix.*. */
#include "ops_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- prefix policies ----------------------------------------------------- */

static void write_policy(struct jw *w, const void *obj, const char *ifname)
{
	(void)ifname;
	codec_policy_write(w, obj);
}

static const struct store_kind policy_kind = {
	"policy", "prefix_policy.add", "prefix_policy.delete", write_policy,
};

static void policy_key(const struct netcfg_prefix *p, char key[OPS_KEYLEN])
{
	char buf[NETCFG_ADDRSTRLEN];
	snprintf(key, OPS_KEYLEN, "prefixpolicy %s", netcfg_format_prefix(p, buf));
}

int op_prefix_policy_list(struct op_ctx *ctx)
{
	const struct stack *st = &ctx->d->stack;
	jw_arr_begin(ctx->out);
	for (size_t i = 0; i < st->n_policies; i++)
		codec_policy_write(ctx->out, &st->policies[i]);
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_prefix_policy_add(struct op_ctx *ctx)
{
	struct netcfg_prefix_policy p;
	char err[CODEC_ERRLEN], key[OPS_KEYLEN];
	int o = j_get(ctx->doc, ctx->args, "policy");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"policy\"");
	if (codec_policy_read(ctx->doc, o, &p, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	int rc = stack_policy_add(&ctx->d->stack, &p, op_flags(ctx));
	if (rc)
		return op_stack_fail(ctx, rc);
	policy_key(&p.prefix, key);
	return op_persist_add(ctx, &policy_kind, key, &p, NULL);
}

int op_prefix_policy_delete(struct op_ctx *ctx)
{
	struct netcfg_prefix_policy p = { 0 };
	char buf[NETCFG_ADDRSTRLEN], key[OPS_KEYLEN];
	/* {"prefix": ...} from clients, {"policy": {...}} from the store */
	int o = j_get(ctx->doc, ctx->args, "policy");
	int t = o >= 0 ? j_get(ctx->doc, o, "prefix") : j_get(ctx->doc, ctx->args, "prefix");
	if (!j_str(ctx->doc, t, buf, sizeof(buf)) || netcfg_parse_prefix(buf, &p.prefix) != NETCFG_OK)
		return op_fail(ctx, NETCFG_EPROTO, "prefix_policy.delete: \"prefix\" is missing or not a prefix");
	int rc = stack_policy_delete(&ctx->d->stack, &p.prefix);
	if (rc)
		return op_stack_fail(ctx, rc);
	policy_key(&p.prefix, key);
	return op_persist_delete(ctx, &policy_kind, key, stack_policy_is_default(&p), &p, NULL);
}

/* ---- global parameters ------------------------------------------------------ */

int op_global_get(struct op_ctx *ctx)
{
	struct stack *st = &ctx->d->stack;
	/* the kernel's values, where the dataplane has them */
	int rc = dp_refresh(st);
	if (rc)
		return op_stack_fail(ctx, rc);
	struct netcfg_global g = st->global;
	g.daemon_held = dp_global_held(st);
	codec_global_write(ctx->out, &g);
	return NETCFG_OK;
}

int op_global_set(struct op_ctx *ctx)
{
	struct netcfg_global g, stored;
	char err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "global");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"global\"");
	if (codec_global_read(ctx->doc, o, &g, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	/* the change starts from the kernel's values (and which interfaces
	 * are still at its default hop limit), where the dataplane has them */
	int rc = dp_refresh(&ctx->d->stack);
	if (rc == NETCFG_OK)
		rc = stack_global_set(&ctx->d->stack, &g);
	if (rc)
		return op_stack_fail(ctx, rc);
	if (!op_persist(ctx))
		return NETCFG_OK;
	/* one entry holds every parameter made persistent */
	struct jdoc d;
	int so = ops_persist_lookup(ctx, "global", "global", &d);
	if (so < 0 || codec_global_read(&d, so, &stored, err))
		memset(&stored, 0, sizeof(stored));
	jdoc_free(&d);
	uint32_t mask = stored.mask | g.mask;
	stored = ctx->d->stack.global;  /* the new values of both sets of fields */
	stored.mask = mask;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "global");
	codec_global_write(&w, &stored);
	jw_obj_end(&w);
	return ops_persist_put(ctx, "global", "global.set", &w);
}

/* ---- DNS servers --------------------------------------------------------------- */

int op_dns_list(struct op_ctx *ctx)
{
	const struct stack *st = &ctx->d->stack;
	struct st_iface *only;
	if (ops_iface_arg(ctx, false, &only))
		return NETCFG_ENOENT;
	jw_arr_begin(ctx->out);
	for (size_t i = st->n_ifs; i-- > 0;) {
		const struct st_iface *ifp = st->ifs[i];
		if (only && ifp != only)
			continue;
		for (size_t k = 0; k < ifp->n_dns; k++) {
			struct netcfg_dns_server s = { .ifindex = ifp->info.index, .addr = ifp->dns[k],
						       .position = (uint32_t)k + 1 };
			codec_dns_write(ctx->out, &s, NULL);
		}
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

/* Decode {"server": {...}} and resolve its interface. */
static int read_server(struct op_ctx *ctx, struct netcfg_dns_server *s, struct st_iface **ifp)
{
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "server");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"server\"");
	if (codec_dns_read(ctx->doc, o, s, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, s->ifindex, ifname, ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	return NETCFG_OK;
}

enum dns_change { DNS_ADD, DNS_DELETE, DNS_FLUSH };

/*
 * The persistent list of an interface is one entry, "dns <name>", that
 * sets the whole list at start; a persistent change applies the same edit
 * to the stored list (which may differ from the active one).
 */
static int persist_dns(struct op_ctx *ctx, const struct st_iface *ifp, enum dns_change what,
		       const struct in6_addr *a, uint32_t position)
{
	char key[OPS_KEYLEN], buf[NETCFG_ADDRSTRLEN];
	struct in6_addr *v = NULL;
	size_t n = 0;
	if (!op_persist(ctx))
		return NETCFG_OK;
	snprintf(key, sizeof(key), "dns %s", ifp->info.name);
	struct jdoc d;
	int arr = ops_persist_lookup(ctx, key, "servers", &d);
	if (j_type(&d, arr) == J_ARR) {
		v = calloc(d.t[arr].size + 2, sizeof(*v));
		if (!v) {
			jdoc_free(&d);
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		}
		for (int e = j_first(&d, arr); e >= 0; e = j_next(&d, e))
			if (j_str(&d, e, buf, sizeof(buf)) && netcfg_parse_addr(buf, &v[n], NULL) == 0)
				n++;
	} else {
		v = calloc(2, sizeof(*v));
		if (!v) {
			jdoc_free(&d);
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		}
	}
	jdoc_free(&d);
	size_t i = 0;
	while (a && i < n && !IN6_ARE_ADDR_EQUAL(&v[i], a))
		i++;
	if (what == DNS_FLUSH) {
		n = 0;
	} else if (what == DNS_DELETE && i < n) {
		memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof(*v));
		n--;
	} else if (what == DNS_ADD && i == n) {
		size_t at = position == 0 || position > n ? n : position - 1;
		memmove(&v[at + 1], &v[at], (n - at) * sizeof(*v));
		v[at] = *a;
		n++;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "interface", ifp->info.name);
	jw_key(&w, "servers");
	jw_arr_begin(&w);
	for (size_t k = 0; k < n; k++)
		jw_str(&w, netcfg_format_addr(&v[k], buf));
	jw_arr_end(&w);
	jw_obj_end(&w);
	free(v);
	if (n == 0) {
		jw_free(&w);
		if (pstore_del(&ctx->d->pstore, &ctx->d->undo, key) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		return NETCFG_OK;
	}
	return ops_persist_put(ctx, key, "dns.set", &w);
}

int op_dns_add(struct op_ctx *ctx)
{
	struct netcfg_dns_server s;
	struct st_iface *ifp;
	int rc = read_server(ctx, &s, &ifp);
	if (rc)
		return rc;
	if ((rc = stack_dns_add(&ctx->d->stack, ifp, &s.addr, s.position)))
		return op_stack_fail(ctx, rc);
	return persist_dns(ctx, ifp, DNS_ADD, &s.addr, s.position);
}

int op_dns_delete(struct op_ctx *ctx)
{
	struct netcfg_dns_server s;
	struct st_iface *ifp;
	int rc = read_server(ctx, &s, &ifp);
	if (rc)
		return rc;
	if ((rc = stack_dns_delete(&ctx->d->stack, ifp, &s.addr)))
		return op_stack_fail(ctx, rc);
	return persist_dns(ctx, ifp, DNS_DELETE, &s.addr, 0);
}

int op_dns_flush(struct op_ctx *ctx)
{
	struct st_iface *ifp;
	if (ops_iface_arg(ctx, true, &ifp))
		return NETCFG_ENOENT;
	int rc = stack_dns_flush(&ctx->d->stack, ifp);
	if (rc)
		return op_stack_fail(ctx, rc);
	return persist_dns(ctx, ifp, DNS_FLUSH, NULL, 0);
}

/* The whole list of an interface: what the store replays. */
int op_dns_set(struct op_ctx *ctx)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct st_iface *ifp;
	if (ops_iface_arg(ctx, true, &ifp))
		return NETCFG_ENOENT;
	int arr = j_get(ctx->doc, ctx->args, "servers");
	if (j_type(ctx->doc, arr) != J_ARR)
		return op_fail(ctx, NETCFG_EPROTO, "dns.set: \"servers\" is missing or not an array");
	struct in6_addr *v = calloc(ctx->doc->t[arr].size + 1, sizeof(*v));
	size_t n = 0;
	if (!v)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	for (int e = j_first(ctx->doc, arr); e >= 0; e = j_next(ctx->doc, e), n++) {
		if (!j_str(ctx->doc, e, buf, sizeof(buf)) || netcfg_parse_addr(buf, &v[n], NULL)) {
			free(v);
			return op_fail(ctx, NETCFG_EPROTO, "dns.set: server %zu is not an IPv6 address", n + 1);
		}
	}
	int rc = stack_dns_set(&ctx->d->stack, ifp, v, n);
	free(v);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

/* ---- site prefixes --------------------------------------------------------------- */

static void write_site_prefix(struct jw *w, const void *obj, const char *ifname)
{
	codec_site_prefix_write(w, obj, ifname);
}

static const struct store_kind site_kind = {
	"site_prefix", "site_prefix.add", "site_prefix.delete", write_site_prefix,
};

int op_site_prefix_list(struct op_ctx *ctx)
{
	const struct stack *st = &ctx->d->stack;
	jw_arr_begin(ctx->out);
	for (const struct st_site *s = st->sites; s; s = s->next) {
		struct netcfg_site_prefix sp;
		stack_site_export(st, s, &sp);
		codec_site_prefix_write(ctx->out, &sp, NULL);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

static int read_site(struct op_ctx *ctx, struct netcfg_site_prefix *sp, struct st_iface **ifp,
		     char key[OPS_KEYLEN])
{
	char ifname[NETCFG_NAME_MAX], err[CODEC_ERRLEN], buf[NETCFG_ADDRSTRLEN];
	int o = j_get(ctx->doc, ctx->args, "site_prefix");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"site_prefix\"");
	if (codec_site_prefix_read(ctx->doc, o, sp, ifname, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (stack_iface_ref(&ctx->d->stack, sp->ifindex, ifname, ifp))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	sp->ifindex = (*ifp)->info.index;
	sp->origin = NETCFG_ORIGIN_MANUAL;
	snprintf(key, OPS_KEYLEN, "siteprefix %s %s", netcfg_format_prefix(&sp->prefix, buf),
		 (*ifp)->info.name);
	return NETCFG_OK;
}

/* site_prefix.add and site_prefix.delete */
static int site_change(struct op_ctx *ctx, bool add)
{
	struct stack *st = &ctx->d->stack;
	struct netcfg_site_prefix sp;
	struct st_iface *ifp;
	char key[OPS_KEYLEN];
	int rc = read_site(ctx, &sp, &ifp, key);
	if (rc)
		return rc;
	rc = add ? stack_site_add(st, &sp, op_flags(ctx)) : stack_site_delete(st, &sp.prefix, sp.ifindex);
	if (rc)
		return op_stack_fail(ctx, rc);
	if (add)
		return op_persist_add(ctx, &site_kind, key, &sp, ifp->info.name);
	return op_persist_delete(ctx, &site_kind, key, false, &sp, ifp->info.name);
}

int op_site_prefix_add(struct op_ctx *ctx)
{
	return site_change(ctx, true);
}

int op_site_prefix_delete(struct op_ctx *ctx)
{
	return site_change(ctx, false);
}
