/* SPDX-License-Identifier: MIT */
/* dispatch.c - request parsing, access control, transactions and batches. */
#include "catalog_host.h"
#include "dispatch.h"
#include "ops_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

static const struct op_def op_table[] = {
	{ "6to4.get", op_6to4_get, 0 },
	{ "6to4.reset", op_6to4_reset, OP_WRITE },
	{ "6to4.set", op_6to4_set, OP_WRITE },
	{ "address.add", op_address_add, OP_WRITE },
	{ "address.delete", op_address_delete, OP_WRITE },
	{ "address.sort", op_address_sort, 0 },
	{ "bench.route_lookup", op_bench_route_lookup, OP_WRITE | OP_TEST },
	{ "binding.list", op_binding_list, 0 },
	{ "binding.update", op_binding_update, OP_WRITE | OP_TEST },
	{ "catalog.app_categories", op_catalog_app_categories, 0 },
	{ "catalog.app_category_set", op_catalog_app_category_set, OP_WRITE },
	{ "catalog.category_set", op_catalog_category_set, OP_WRITE },
	{ "catalog.enable", op_catalog_enable, OP_WRITE },
	{ "catalog.events", op_catalog_events, 0 },
	{ "catalog.get", op_catalog_get, 0 },
	{ "catalog.install", op_catalog_install, OP_WRITE },
	{ "catalog.ns_enable", op_catalog_ns_enable, OP_WRITE },
	{ "catalog.ns_install", op_catalog_ns_install, OP_WRITE },
	{ "catalog.ns_order", op_catalog_ns_order, OP_WRITE },
	{ "catalog.ns_remove", op_catalog_ns_remove, OP_WRITE },
	{ "catalog.order", op_catalog_order, OP_WRITE },
	{ "catalog.plan", op_catalog_plan, 0 },
	{ "catalog.remove", op_catalog_remove, OP_WRITE },
	{ "catalog.repair", op_catalog_repair, OP_WRITE },
	{ "catalog.reset", op_catalog_reset, OP_WRITE },
	{ "catalog.resolve", op_catalog_resolve, 0 },
	{ "catalog.update", op_catalog_update, OP_WRITE },
	{ "catalog.update_entry", op_catalog_update_entry, OP_WRITE },
	{ "catalog.verify", op_catalog_verify, 0 },
	{ "clock.advance", op_clock_advance, OP_WRITE | OP_TEST },
	{ "daemon.info", op_daemon_info, 0 },
	{ "destcache.flush", op_destcache_flush, OP_WRITE },
	{ "destcache.list", op_destcache_list, 0 },
	{ "dns.add", op_dns_add, OP_WRITE },
	{ "dns.delete", op_dns_delete, OP_WRITE },
	{ "dns.flush", op_dns_flush, OP_WRITE },
	{ "dns.list", op_dns_list, 0 },
	{ "dns.set", op_dns_set, OP_WRITE },
	{ "events.get", op_events_get, 0 },
	{ "events.wait", op_events_wait, 0 },
	{ "global.get", op_global_get, 0 },
	{ "global.set", op_global_set, OP_WRITE },
	{ "interface.add", op_interface_add, OP_WRITE },
	{ "interface.delete", op_interface_delete, OP_WRITE },
	{ "interface.list", op_interface_list, 0 },
	{ "interface.set", op_interface_set, OP_WRITE },
	{ "isatap.get", op_isatap_get, 0 },
	{ "isatap.set", op_isatap_set, OP_WRITE },
	{ "neighbor.add", op_neighbor_add, OP_WRITE },
	{ "neighbor.flush", op_neighbor_flush, OP_WRITE },
	{ "neighbor.list", op_neighbor_list, 0 },
	{ "prefix_policy.add", op_prefix_policy_add, OP_WRITE },
	{ "prefix_policy.delete", op_prefix_policy_delete, OP_WRITE },
	{ "prefix_policy.list", op_prefix_policy_list, 0 },
	{ "ra.receive", op_ra_receive, OP_WRITE | OP_TEST },
	{ "ra.show", op_ra_show, 0 },
	{ "renew", op_renew, OP_WRITE },
	{ "route.add", op_route_add, OP_WRITE },
	{ "route.delete", op_route_delete, OP_WRITE },
	{ "route.list", op_route_list, 0 },
	{ "route.query", op_route_query, 0 },
	{ "sa.add", op_sa_add, OP_WRITE },
	{ "sa.delete", op_sa_delete, OP_WRITE },
	{ "sa.key_load", op_sa_key_load, 0 },
	{ "sa.list", op_sa_list, 0 },
	{ "site_prefix.add", op_site_prefix_add, OP_WRITE },
	{ "site_prefix.delete", op_site_prefix_delete, OP_WRITE },
	{ "site_prefix.list", op_site_prefix_list, 0 },
	{ "sp.add", op_sp_add, OP_WRITE },
	{ "sp.delete", op_sp_delete, OP_WRITE },
	{ "sp.list", op_sp_list, 0 },
	{ "sp.lookup", op_sp_lookup, 0 },
	{ "stack.default_policies", op_stack_default_policies, 0 },
	{ "stack.install", op_stack_install, OP_WRITE | OP_REBUILDS },
	{ "stack.reset", op_stack_reset, OP_WRITE | OP_REBUILDS },
	{ "stack.start", op_stack_start, OP_WRITE | OP_REBUILDS },
	{ "stack.status", op_stack_status, 0 },
	{ "stack.stop", op_stack_stop, OP_WRITE | OP_REBUILDS },
	{ "stack.uninstall", op_stack_uninstall, OP_WRITE | OP_REBUILDS },
	{ "store.list", op_store_list, 0 },
};

/* The table is searched by bisection, so it must stay sorted; main()
 * refuses to start otherwise rather than lose operations silently. */
const char *dispatch_check_table(void)
{
	for (size_t i = 1; i < sizeof(op_table) / sizeof(op_table[0]); i++)
		if (strcmp(op_table[i - 1].name, op_table[i].name) >= 0)
			return op_table[i].name;
	return NULL;
}

static const struct op_def *op_lookup(const char *name)
{
	size_t lo = 0, hi = sizeof(op_table) / sizeof(op_table[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, op_table[mid].name);
		if (c == 0)
			return &op_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Run an operation; one that rebuilds the stack also resets what lives
 * beside it (the SPD and SAD), in the same transaction. */
static int run_op(const struct op_def *def, struct op_ctx *ctx)
{
	/* a rebuild makes a new interface table while the old stack lives on
	 * until the commit, so the table's address tells whether one happened
	 * (installing an installed stack, say, does not) */
	const void *ifs = ctx->d->stack.ifs;
	int rc = def->fn(ctx);
	if (rc == NETCFG_OK && (def->flags & OP_REBUILDS) && ctx->d->stack.ifs != ifs)
		rc = ops_ipsec_stack_rebuilt(ctx);
	return rc;
}

int op_fail(struct op_ctx *ctx, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
	va_end(ap);
	return status;
}

int op_stack_fail(struct op_ctx *ctx, int status)
{
	snprintf(ctx->err, sizeof(ctx->err), "%s", ctx->d->stack.err);
	return status;
}

static bool flag(const struct op_ctx *ctx, const char *key, bool dflt)
{
	bool v = dflt;
	j_bool(ctx->doc, j_get(ctx->doc, ctx->args, key), &v);
	return v;
}

unsigned op_flags(const struct op_ctx *ctx)
{
	unsigned f = 0;
	if (flag(ctx, "create", true))
		f |= NETCFG_F_CREATE;
	if (flag(ctx, "excl", true))
		f |= NETCFG_F_EXCL;
	if (flag(ctx, "replace", false))
		f |= NETCFG_F_REPLACE;
	return f;
}

bool op_persist(const struct op_ctx *ctx)
{
	return !ctx->replay && flag(ctx, "persist", false);
}

static int store_entry(struct op_ctx *ctx, const struct store_kind *k, const char *key,
		       const char *op, unsigned flags, const void *obj, const char *ifname)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, k->member);
	k->write(&w, obj, ifname);
	if (flags)
		codec_flags_write(&w, flags);
	jw_obj_end(&w);
	int rc = NETCFG_OK;
	if (w.oom || pstore_put(&ctx->d->pstore, &ctx->d->undo, key, op, w.buf, w.len) < 0)
		rc = op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	jw_free(&w);
	return rc;
}

int op_persist_add(struct op_ctx *ctx, const struct store_kind *k, const char *key,
		   const void *obj, const char *ifname)
{
	if (!op_persist(ctx))
		return NETCFG_OK;
	return store_entry(ctx, k, key, k->add_op, NETCFG_F_UPSERT, obj, ifname);
}

int op_persist_delete(struct op_ctx *ctx, const struct store_kind *k, const char *key,
		      bool stack_default, const void *obj, const char *ifname)
{
	if (!op_persist(ctx))
		return NETCFG_OK;
	if (stack_default)
		return store_entry(ctx, k, key, k->delete_op, 0, obj, ifname);
	if (pstore_del(&ctx->d->pstore, &ctx->d->undo, key) < 0)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	return NETCFG_OK;
}

/* ---- transactions -------------------------------------------------- */

static void tx_begin(struct daemon *d, bool *dirty_before)
{
	*dirty_before = d->pstore.dirty;
	d->stack.undo = &d->undo;
}

/* Make the transaction durable, or undo all of it. */
static int tx_end(struct daemon *d, struct op_ctx *ctx, int rc, bool dirty_before)
{
	/* the dataplane first: what the kernel refuses is not made durable */
	if (rc == NETCFG_OK && d->dp.ops->commit) {
		int st = d->dp.ops->commit(&d->dp, &d->stack);
		if (st)
			rc = op_stack_fail(ctx, st);
	}
	if (rc == NETCFG_OK && d->pstore.dirty) {
		char err[512];
		if (pstore_save(&d->pstore, err, sizeof(err)) < 0) {
			log_msg(LOG_ERR, "persistent store not written: %s", err);
			rc = op_fail(ctx, NETCFG_EIO, "the persistent store could not be written "
				     "(%s); nothing was changed", err);
		}
	}
	if (rc == NETCFG_OK && catalog_host_dirty(d)) {
		char err[PATH_MAX + 256];
		if (catalog_host_save(d, err, sizeof(err)) < 0) {
			log_msg(LOG_ERR, "catalog not written: %s", err);
			rc = op_fail(ctx, NETCFG_EIO, "the catalog could not be written (%s); "
				     "nothing was changed", err);
		}
	}
	if (rc == NETCFG_OK) {
		undo_commit(&d->undo);
	} else {
		undo_rollback(&d->undo);
		d->pstore.dirty = dirty_before;
	}
	d->stack.undo = NULL;
	return rc;
}

static int check_access(struct op_ctx *ctx, const struct op_def *def, const char *name)
{
	struct daemon *d = ctx->d;
	if ((def->flags & OP_TEST) && !d->cfg.test_clock)
		return op_fail(ctx, NETCFG_ENOTSUP, "%s needs a daemon started with --test-clock", name);
	if ((def->flags & OP_WRITE) && ctx->cl && !ctx->cl->may_write)
		return op_fail(ctx, NETCFG_EPERM,
			       "permission denied: uid %u may read but not change the stack "
			       "(allowed: root, uid %u%s)",
			       (unsigned)ctx->cl->uid, (unsigned)d->uid,
			       d->cfg.have_group ? " and the configured group" : "");
	return NETCFG_OK;
}

static int run_batch(struct op_ctx *ctx, long *failed)
{
	const struct jdoc *doc = ctx->doc;
	int ops = j_get(doc, ctx->args, "ops");
	if (j_type(doc, ops) != J_ARR)
		return op_fail(ctx, NETCFG_EPROTO, "batch: \"ops\" is missing or not an array");
	int batch_args = ctx->args;
	struct jw *reply = ctx->out, discard;
	long k = 0;
	int rc = NETCFG_OK;
	/* the results of the batched operations are not part of the reply */
	jw_init(&discard);
	ctx->out = &discard;
	for (int e = j_first(doc, ops); rc == NETCFG_OK && e >= 0; e = j_next(doc, e), k++) {
		char name[64] = "";
		j_str(doc, j_get(doc, e, "op"), name, sizeof(name));
		const struct op_def *def = op_lookup(name);
		*failed = k;
		if (!def) {
			rc = op_fail(ctx, NETCFG_EUNKNOWNOP, "batch op %ld: unknown operation \"%s\"",
				     k, name);
		} else if (!(def->flags & OP_WRITE) || (def->flags & OP_TEST)) {
			rc = op_fail(ctx, NETCFG_EINVAL, "batch op %ld: \"%s\" cannot be batched",
				     k, name);
		} else {
			ctx->args = j_get(doc, e, "args");
			jw_reset(&discard);
			rc = op_stack_gate(ctx, name);
			if (rc == NETCFG_OK)
				rc = run_op(def, ctx);
			ctx->args = batch_args;
		}
	}
	ctx->out = reply;
	jw_free(&discard);
	if (rc)
		return rc;
	*failed = -1;
	jw_obj_begin(ctx->out);
	jw_kint(ctx->out, "applied", k);
	jw_obj_end(ctx->out);
	return NETCFG_OK;
}

/* Messages quote what the request said ("unknown operation \"%s\""),
 * which may hold control characters: a message is one line, so they are
 * shown escaped. */
static void one_line(const char *msg, char *out, size_t size)
{
	size_t n = 0;
	for (; *msg && n + 5 < size; msg++) {
		unsigned char ch = (unsigned char)*msg;
		if (ch == '\n')
			n += (size_t)snprintf(out + n, size - n, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			n += (size_t)snprintf(out + n, size - n, "\\x%02x", ch);
		else
			out[n++] = (char)ch;
	}
	out[n] = '\0';
}

static void write_error(struct jw *reply, const struct jdoc *doc, int id_tok, int status,
			const char *msg, long index)
{
	char line[2 * sizeof(((struct op_ctx *)0)->err)];
	one_line(msg, line, sizeof(line));
	jw_reset(reply);
	jw_obj_begin(reply);
	jw_key(reply, "id");
	if (j_type(doc, id_tok) == J_NUM) {
		size_t n;
		const char *raw = j_raw(doc, id_tok, &n);
		jw_raw(reply, raw, n);
	} else {
		jw_null(reply);
	}
	jw_kint(reply, "status", status);
	jw_kstr(reply, "error", line);
	if (index >= 0)
		jw_kint(reply, "index", index);
	jw_obj_end(reply);
}

void dispatch_request(struct daemon *d, struct client *cl, const char *buf, size_t len,
		      struct jw *reply)
{
	struct jdoc doc = { 0 };
	struct op_ctx ctx = { .d = d, .cl = cl, .doc = &doc, .args = -1, .out = reply };
	int id_tok = -1;
	long failed = -1;
	int rc;

	jw_reset(reply);
	if (jdoc_parse(&doc, buf, len) < 0 || j_type(&doc, 0) != J_OBJ) {
		char msg[160];
		if (doc.err)
			snprintf(msg, sizeof(msg), "malformed request: %s at byte %zu", doc.err, doc.err_off);
		else
			snprintf(msg, sizeof(msg), "malformed request: not a JSON object");
		struct jdoc empty = { 0 };
		write_error(reply, &empty, -1, NETCFG_EPROTO, msg, -1);
		jdoc_free(&doc);
		return;
	}
	id_tok = j_get(&doc, 0, "id");
	int op_tok = j_get(&doc, 0, "op");
	ctx.args = j_get(&doc, 0, "args");
	char name[64] = "";
	if (!j_str(&doc, op_tok, name, sizeof(name))) {
		rc = op_fail(&ctx, NETCFG_EPROTO, "malformed request: \"op\" is missing");
		goto fail;
	}
	if (ctx.args >= 0 && j_type(&doc, ctx.args) != J_OBJ) {
		rc = op_fail(&ctx, NETCFG_EPROTO, "%s: \"args\" is not an object", name);
		goto fail;
	}
	bool is_batch = strcmp(name, "batch") == 0;
	static const struct op_def batch_def = { "batch", NULL, OP_WRITE };
	const struct op_def *def = is_batch ? &batch_def : op_lookup(name);
	if (!def) {
		rc = op_fail(&ctx, NETCFG_EUNKNOWNOP, "unknown operation \"%s\"", name);
		goto fail;
	}
	if ((rc = check_access(&ctx, def, name)) || (rc = op_stack_gate(&ctx, name)))
		goto fail;

	stack_expire(&d->stack);
	/* what changed before this request counts (events.h) */
	events_update(d);
	jw_obj_begin(reply);
	jw_key(reply, "id");
	if (j_type(&doc, id_tok) == J_NUM) {
		size_t n;
		const char *raw = j_raw(&doc, id_tok, &n);
		jw_raw(reply, raw, n);
	} else {
		jw_null(reply);
	}
	jw_kint(reply, "status", 0);
	jw_key(reply, "result");
	if (def->flags & OP_WRITE) {
		bool dirty_before;
		tx_begin(d, &dirty_before);
		rc = is_batch ? run_batch(&ctx, &failed) : run_op(def, &ctx);
		rc = tx_end(d, &ctx, rc, dirty_before);
	} else {
		rc = def->fn(&ctx);
	}
	/* reads refresh caches and refused changes were undone: neither
	 * is a change */
	if (rc || !(def->flags & OP_WRITE))
		events_absorb(d);
	if (rc)
		goto fail;
	if (reply->after_key)
		jw_null(reply);
	jw_obj_end(reply);
	if (reply->oom) {
		rc = op_fail(&ctx, NETCFG_ENOMEM, "%s: out of memory building the reply", name);
		goto fail;
	}
	jdoc_free(&doc);
	return;
fail:
	write_error(reply, &doc, id_tok, rc, ctx.err, failed);
	jdoc_free(&doc);
}

/* Apply the entries of the store that name ifname (NULL: all of them). */
static void replay(struct daemon *d, const char *ifname)
{
	size_t applied = 0, failed = 0;
	bool nested = d->stack.undo != NULL;
	for (struct pstore_entry *e = d->pstore.head; e; e = e->next) {
		if (ifname && !ops_entry_names_iface(e, ifname))
			continue;
		struct jdoc doc = { 0 };
		struct jw out;
		jw_init(&out);
		struct op_ctx ctx = { .d = d, .doc = &doc, .out = &out, .replay = true };
		int rc;
		if (jdoc_parse(&doc, e->args, e->args_len) < 0) {
			rc = op_fail(&ctx, NETCFG_EPROTO, "malformed arguments");
		} else {
			const struct op_def *def = op_lookup(e->op);
			ctx.args = 0;
			if (!def || !(def->flags & OP_WRITE) || (def->flags & OP_TEST)) {
				rc = op_fail(&ctx, NETCFG_EUNKNOWNOP, "unknown operation");
			} else if (nested) {
				/* the dataplane takes each entry on its own, so that
				 * one it refuses (a route whose gateway is gone) costs
				 * that entry only */
				size_t savepoint = d->undo.n;
				rc = run_op(def, &ctx);
				if (rc == NETCFG_OK && d->dp.ops->commit &&
				    (rc = d->dp.ops->commit(&d->dp, &d->stack)))
					op_stack_fail(&ctx, rc);
				if (rc)
					undo_rollback_to(&d->undo, savepoint);
			} else {
				bool dirty_before;
				tx_begin(d, &dirty_before);
				rc = tx_end(d, &ctx, run_op(def, &ctx), dirty_before);
			}
		}
		if (rc) {
			failed++;
			log_msg(LOG_WARNING, "persistent store: %s (%s) not applied: %s",
				e->key, e->op, ctx.err);
		} else {
			applied++;
		}
		jw_free(&out);
		jdoc_free(&doc);
	}
	if (ifname && (applied || failed))
		log_msg(failed ? LOG_WARNING : LOG_INFO,
			"persistent store: %zu entries for interface %s applied, %zu skipped",
			applied, ifname, failed);
	else if (applied || failed)
		log_msg(failed ? LOG_WARNING : LOG_INFO,
			"persistent store: %zu entries applied, %zu skipped", applied, failed);
}

void dispatch_replay(struct daemon *d)
{
	replay(d, NULL);
}

void dispatch_replay_iface(struct daemon *d, const char *ifname)
{
	replay(d, ifname);
}
