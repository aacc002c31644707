/* SPDX-License-Identifier: MIT */
/*
 * ops_catalog.c - the catalog.* operations: decode with the catalog codec,
 * change the live catalog through the catalog model, answer with the
 * codec.  Refusals carry the Winsock code: "error N (NAME): message".
 */
#include "catalog_host.h"
#include "dispatch.h"

#include "../../libnetcfg/codec_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int status_of(int wsa)
{
	switch (wsa) {
	case NETCFG_WSAEINVALIDPROVIDER: return NETCFG_ENOENT;
	case NETCFG_WSA_NOT_ENOUGH_MEMORY: return NETCFG_ENOMEM;
	case NETCFG_WSAENOBUFS: return NETCFG_ELIMIT;
	default: return NETCFG_EINVAL;
	}
}

static int wsa_fail(struct op_ctx *ctx, int wsa, const char *msg)
{
	const char *name = netcfg_wsa_name(wsa);
	return op_fail(ctx, status_of(wsa), "error %d (%s): %s", wsa, name ? name : "?", msg);
}

static int bad_args(struct op_ctx *ctx, const char *op, const char *msg)
{
	return op_fail(ctx, NETCFG_EPROTO, "%s: %s", op, msg);
}

/* "catalogs": [32, 64] or "catalog": N; 64 when neither is given. */
static int read_catalogs(struct op_ctx *ctx, const char *op, unsigned *mask)
{
	const struct jdoc *d = ctx->doc;
	int a = j_get(d, ctx->args, "catalogs"), one = j_get(d, ctx->args, "catalog");
	uint32_t v;
	*mask = 0;
	if (a >= 0) {
		if (j_type(d, a) != J_ARR)
			return bad_args(ctx, op, "\"catalogs\" is not an array");
		for (int x = j_first(d, a); x >= 0; x = j_next(d, x)) {
			if (!j_uint32(d, x, &v) || !netcfg_catalog_bit(v))
				return bad_args(ctx, op, "\"catalogs\" may hold only 32 and 64");
			*mask |= netcfg_catalog_bit(v);
		}
	} else if (one >= 0) {
		if (!j_uint32(d, one, &v) || !netcfg_catalog_bit(v))
			return bad_args(ctx, op, "\"catalog\" is not 32 or 64");
		*mask = netcfg_catalog_bit(v);
	}
	if (!*mask)
		*mask = NETCFG_CATALOG_64;
	return 0;
}

/* One catalog for reads. */
static int read_one(struct op_ctx *ctx, const char *op, unsigned *which)
{
	unsigned mask;
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	if (mask == NETCFG_CATALOG_BOTH)
		return bad_args(ctx, op, "name one catalog");
	*which = mask == NETCFG_CATALOG_32 ? 32 : 64;
	return 0;
}

/* "provider_id" or "id": the target of remove, enable and category_set. */
static int read_target(struct op_ctx *ctx, const char *op, struct netcfg_guid *g, bool *by_guid,
		       uint32_t *id)
{
	char err[CODEC_ERRLEN];
	*by_guid = j_get(ctx->doc, ctx->args, "provider_id") >= 0;
	*id = 0;
	if (*by_guid)
		return codec_guid_read(ctx->doc, ctx->args, "provider_id", true, g, op, err)
			       ? op_fail(ctx, NETCFG_EPROTO, "%s", err) : 0;
	if (!j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "id"), id))
		return bad_args(ctx, op, "give \"provider_id\" or \"id\"");
	return 0;
}

static bool arg_bool(struct op_ctx *ctx, const char *key, bool dflt)
{
	bool v = dflt;
	j_bool(ctx->doc, j_get(ctx->doc, ctx->args, key), &v);
	return v;
}

/* The installing program, for the change events. */
static void actor_of(struct op_ctx *ctx, struct catalog_actor *a, char *buf, size_t size)
{
	char link[64];
	ssize_t n = -1;
	if (ctx->cl) {
		snprintf(link, sizeof(link), "/proc/%d/exe", (int)ctx->cl->pid);
		n = readlink(link, buf, size - 1);
	}
	if (n > 0)
		buf[n] = '\0';
	else
		snprintf(buf, size, "%s", ctx->cl ? "unknown" : "stackd");
	a->installer = buf;
	a->now = (uint64_t)time(NULL);
}

/* Run fn for every catalog of mask, inside the transaction's copy. */
#define FOR_CATALOGS(mask, which) \
	for (unsigned which = 32; which <= 64; which += 32) \
		if ((mask) & netcfg_catalog_bit(which))

static int begin(struct op_ctx *ctx)
{
	if (catalog_host_change(ctx->d) < 0)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	return 0;
}

/* Inside a batch the reply carries the batch's own result, so changes
 * answer only when they are sent alone (their args are then the
 * request's). */
static bool batched(const struct op_ctx *ctx)
{
	return ctx->args != j_get(ctx->doc, 0, "args");
}

static struct catalog_state *state(struct op_ctx *ctx)
{
	return &ctx->d->catalog->state;
}

/* ---- reads --------------------------------------------------------- */

int op_catalog_get(struct op_ctx *ctx)
{
	unsigned which;
	int rc = read_one(ctx, "catalog.get", &which);
	if (rc)
		return rc;
	/* encoded once per state: every change drops it (catalog_host.h) */
	size_t len;
	const char *kept = catalog_host_listing(ctx->d, which, &len);
	if (kept) {
		jw_raw(ctx->out, kept, len);
		return NETCFG_OK;
	}
	const struct catalog *c = catalog_of(state(ctx), which);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "catalog", which);
	jw_kuint(&w, "generation", state(ctx)->generation);
	jw_key(&w, "entries");
	jw_arr_begin(&w);
	for (size_t i = 0; i < c->n; i++)
		codec_catalog_entry_write(&w, &c->v[i]);
	jw_arr_end(&w);
	jw_key(&w, "namespaces");
	jw_arr_begin(&w);
	for (size_t i = 0; i < c->n_ns; i++)
		codec_ns_provider_write(&w, &c->ns[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	if (w.oom) {
		jw_free(&w);
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	jw_raw(ctx->out, w.buf, w.len);
	char *text = jw_take(&w, &len);
	catalog_host_keep_listing(ctx->d, which, text, len);
	return NETCFG_OK;
}

int op_catalog_events(struct op_ctx *ctx)
{
	uint32_t which = 0;
	int x = j_get(ctx->doc, ctx->args, "catalog");
	if (x >= 0 && (!j_uint32(ctx->doc, x, &which) || !netcfg_catalog_bit(which)))
		return bad_args(ctx, "catalog.events", "\"catalog\" is not 32 or 64");
	const struct catalog_state *s = state(ctx);
	jw_arr_begin(ctx->out);
	for (size_t i = 0; i < s->n_events; i++)
		if (!which || s->events[i].catalog == which)
			codec_catalog_event_write(ctx->out, &s->events[i]);
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_catalog_app_categories(struct op_ctx *ctx)
{
	const struct catalog_state *s = state(ctx);
	jw_arr_begin(ctx->out);
	for (size_t i = 0; i < s->n_apps; i++)
		codec_app_category_write(ctx->out, &s->apps[i]);
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_catalog_resolve(struct op_ctx *ctx)
{
	static const char op[] = "catalog.resolve";
	const struct jdoc *d = ctx->doc;
	unsigned which;
	long long af, type, proto;
	char app[NETCFG_APP_NAME_MAX] = "";
	int rc = read_one(ctx, op, &which);
	if (rc)
		return rc;
	if (!j_int(d, j_get(d, ctx->args, "address_family"), &af) ||
	    !j_int(d, j_get(d, ctx->args, "socket_type"), &type) ||
	    !j_int(d, j_get(d, ctx->args, "protocol"), &proto) || af < 0 || type < 0 || proto < 0 ||
	    af > 65535 || type > 65535 || proto > 65535)
		return bad_args(ctx, op, "\"address_family\", \"socket_type\" and \"protocol\" must be "
				"numbers from 0 to 65535");
	int a = j_get(d, ctx->args, "app");
	if (a >= 0 && (!j_str(d, a, app, sizeof(app)) || !app[0]))
		return bad_args(ctx, op, "\"app\" is not an application name");
	uint32_t cats = 0;
	bool categorized = app[0] && catalog_app_lookup(state(ctx), app, &cats);
	struct netcfg_catalog_resolution r;
	catalog_resolve(catalog_of(state(ctx), which), (int)af, (int)type, (int)proto,
			categorized ? &cats : NULL, &r);
	codec_resolution_write(ctx->out, &r);
	return NETCFG_OK;
}

int op_catalog_plan(struct op_ctx *ctx)
{
	unsigned which;
	char app[NETCFG_APP_NAME_MAX] = "";
	int rc = read_one(ctx, "catalog.plan", &which);
	if (rc)
		return rc;
	int a = j_get(ctx->doc, ctx->args, "app");
	if (a >= 0 && !j_str(ctx->doc, a, app, sizeof(app)))
		return bad_args(ctx, "catalog.plan", "\"app\" is not an application name");
	catalog_plan_write(ctx->out, state(ctx), which, app[0] ? app : NULL);
	return NETCFG_OK;
}

static int verify(struct op_ctx *ctx, const char *op, bool repair)
{
	unsigned mask;
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	if (repair && (rc = begin(ctx)))
		return rc;
	char installer[PATH_MAX];
	struct catalog_actor a;
	actor_of(ctx, &a, installer, sizeof(installer));
	struct catalog_findings f = { 0 };
	FOR_CATALOGS(mask, which)
		if (catalog_verify(state(ctx), which, repair, &a, &f) < 0) {
			catalog_findings_free(&f);
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		}
	if (!batched(ctx)) {
		jw_arr_begin(ctx->out);
		for (size_t i = 0; i < f.n; i++)
			codec_finding_write(ctx->out, &f.v[i]);
		jw_arr_end(ctx->out);
	}
	catalog_findings_free(&f);
	return NETCFG_OK;
}

int op_catalog_verify(struct op_ctx *ctx)
{
	return verify(ctx, "catalog.verify", false);
}

int op_catalog_repair(struct op_ctx *ctx)
{
	return verify(ctx, "catalog.repair", true);
}

/* ---- transport providers ------------------------------------------- */

/* {"provider_id", "path", "categories", "entries": [...]}; entries is
 * allocated. */
static int read_provider(struct op_ctx *ctx, const char *op, struct netcfg_provider_install *p,
			 struct netcfg_protocol_info **entries)
{
	static const char obj[] = "provider";
	const struct jdoc *d = ctx->doc;
	char err[CODEC_ERRLEN];
	int o = j_get(d, ctx->args, "provider");
	memset(p, 0, sizeof(*p));
	*entries = NULL;
	if (j_type(d, o) != J_OBJ)
		return bad_args(ctx, op, "\"provider\" is missing");
	int path = j_get(d, o, "path"), arr = j_get(d, o, "entries");
	if (codec_guid_read(d, o, "provider_id", true, &p->provider_id, obj, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (path < 0 || !j_str(d, path, p->path, sizeof(p->path)))
		return bad_args(ctx, op, "provider: \"path\" is missing or too long");
	int c = j_get(d, o, "categories");
	if (c >= 0 && !j_uint32(d, c, &p->categories))
		return bad_args(ctx, op, "provider: \"categories\" is not a number");
	if (j_type(d, arr) != J_ARR)
		return bad_args(ctx, op, "provider: \"entries\" is missing");
	*entries = calloc(d->t[arr].size + 1, sizeof(**entries));
	if (!*entries)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	for (int x = j_first(d, arr); x >= 0; x = j_next(d, x)) {
		struct netcfg_catalog_entry e;
		if (codec_catalog_entry_read(d, x, &e, err)) {
			free(*entries);
			*entries = NULL;
			return op_fail(ctx, NETCFG_EPROTO, "%s: %s", op, err);
		}
		(*entries)[p->n++] = e.info;
	}
	p->entries = *entries;
	return 0;
}

int op_catalog_install(struct op_ctx *ctx)
{
	static const char op[] = "catalog.install";
	struct netcfg_provider_install p;
	struct netcfg_protocol_info *entries;
	unsigned mask;
	char err[CATALOG_ERRLEN], installer[PATH_MAX];
	struct catalog_actor a;
	int rc = read_catalogs(ctx, op, &mask);
	if (rc || (rc = read_provider(ctx, op, &p, &entries)))
		return rc;
	uint32_t *ids = calloc(2 * p.n + 1, sizeof(*ids));
	if (!ids || (rc = begin(ctx))) {
		free(ids);
		free(entries);
		return rc ? rc : op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	actor_of(ctx, &a, installer, sizeof(installer));
	FOR_CATALOGS(mask, which) {
		int wsa = catalog_install(state(ctx), which, &p, &a, ids + (which == 32 ? p.n : 0), err);
		if (wsa) {
			rc = wsa_fail(ctx, wsa, err);
			break;
		}
	}
	if (!rc && !batched(ctx)) {
		jw_obj_begin(ctx->out);
		FOR_CATALOGS(mask, which) {
			jw_key(ctx->out, which == 32 ? "ids32" : "ids64");
			jw_arr_begin(ctx->out);
			for (size_t i = 0; i < p.n; i++)
				jw_uint(ctx->out, ids[(which == 32 ? p.n : 0) + i]);
			jw_arr_end(ctx->out);
		}
		jw_obj_end(ctx->out);
	}
	free(ids);
	free(entries);
	return rc;
}

int op_catalog_update(struct op_ctx *ctx)
{
	static const char op[] = "catalog.update";
	struct netcfg_provider_install p;
	struct netcfg_protocol_info *entries;
	unsigned mask;
	char err[CATALOG_ERRLEN];
	int rc = read_catalogs(ctx, op, &mask);
	if (rc || (rc = read_provider(ctx, op, &p, &entries)))
		return rc;
	if ((rc = begin(ctx))) {
		free(entries);
		return rc;
	}
	FOR_CATALOGS(mask, which) {
		int wsa = catalog_update(state(ctx), which, &p, err);
		if (wsa) {
			rc = wsa_fail(ctx, wsa, err);
			break;
		}
	}
	free(entries);
	return rc;
}

int op_catalog_update_entry(struct op_ctx *ctx)
{
	static const char op[] = "catalog.update_entry";
	const struct jdoc *d = ctx->doc;
	struct netcfg_catalog_entry v;
	unsigned mask, fields = 0;
	uint32_t id;
	char err[CATALOG_ERRLEN];
	memset(&v, 0, sizeof(v));
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	if (!j_uint32(d, j_get(d, ctx->args, "id"), &id))
		return bad_args(ctx, op, "\"id\" is missing");
	int x;
	if ((x = j_get(d, ctx->args, "path")) >= 0) {
		if (!j_str(d, x, v.path, sizeof(v.path)))
			return bad_args(ctx, op, "\"path\" is not a path");
		fields |= NETCFG_UPDATE_PATH;
	}
	if ((x = j_get(d, ctx->args, "description")) >= 0) {
		if (!j_str(d, x, v.info.description, sizeof(v.info.description)))
			return bad_args(ctx, op, "\"description\" is not a description");
		fields |= NETCFG_UPDATE_DESCRIPTION;
	}
	static const struct {
		const char *key;
		unsigned bit;
		size_t off;
	} nums[] = {
		{ "service_flags", NETCFG_UPDATE_SERVICE_FLAGS, offsetof(struct netcfg_protocol_info, service_flags) },
		{ "provider_flags", NETCFG_UPDATE_PROVIDER_FLAGS, offsetof(struct netcfg_protocol_info, provider_flags) },
		{ "message_size", NETCFG_UPDATE_MESSAGE_SIZE, offsetof(struct netcfg_protocol_info, message_size) },
	};
	for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
		if ((x = j_get(d, ctx->args, nums[k].key)) < 0)
			continue;
		uint32_t val;
		if (!j_uint32(d, x, &val))
			return op_fail(ctx, NETCFG_EPROTO, "%s: \"%s\" is not a number", op, nums[k].key);
		memcpy((char *)&v.info + nums[k].off, &val, sizeof(val));
		fields |= nums[k].bit;
	}
	if (!fields)
		return bad_args(ctx, op, "nothing to update");
	if ((rc = begin(ctx)))
		return rc;
	FOR_CATALOGS(mask, which) {
		int wsa = catalog_update_entry(state(ctx), which, id, fields, &v, err);
		if (wsa)
			return wsa_fail(ctx, wsa, err);
	}
	return NETCFG_OK;
}

/* The changes of one provider (by GUID) or one entry (by id). */
enum target_change { TARGET_REMOVE, TARGET_ENABLE, TARGET_CATEGORIES };

static int target_change(struct op_ctx *ctx, const char *op, enum target_change what)
{
	struct netcfg_guid g;
	bool by_guid;
	uint32_t id, cats = 0;
	unsigned mask;
	char err[CATALOG_ERRLEN], installer[PATH_MAX];
	struct catalog_actor a;
	int rc = read_catalogs(ctx, op, &mask);
	if (rc || (rc = read_target(ctx, op, &g, &by_guid, &id)))
		return rc;
	if (what == TARGET_CATEGORIES &&
	    !j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "categories"), &cats))
		return bad_args(ctx, op, "\"categories\" is missing");
	if ((rc = begin(ctx)))
		return rc;
	actor_of(ctx, &a, installer, sizeof(installer));
	const struct netcfg_guid *gp = by_guid ? &g : NULL;
	FOR_CATALOGS(mask, which) {
		int wsa = what == TARGET_REMOVE
			? catalog_remove(state(ctx), which, gp, id, arg_bool(ctx, "force", false), &a, err)
			: what == TARGET_ENABLE
			? catalog_enable(state(ctx), which, gp, id, arg_bool(ctx, "enable", true), &a, err)
			: catalog_set_categories(state(ctx), which, gp, id, cats, err);
		if (wsa)
			return wsa_fail(ctx, wsa, err);
	}
	return NETCFG_OK;
}

int op_catalog_remove(struct op_ctx *ctx)
{
	return target_change(ctx, "catalog.remove", TARGET_REMOVE);
}

int op_catalog_enable(struct op_ctx *ctx)
{
	return target_change(ctx, "catalog.enable", TARGET_ENABLE);
}

int op_catalog_category_set(struct op_ctx *ctx)
{
	return target_change(ctx, "catalog.category_set", TARGET_CATEGORIES);
}

int op_catalog_app_category_set(struct op_ctx *ctx)
{
	static const char op[] = "catalog.app_category_set";
	char app[NETCFG_APP_NAME_MAX], err[CATALOG_ERRLEN];
	uint32_t cats;
	if (!j_str(ctx->doc, j_get(ctx->doc, ctx->args, "app"), app, sizeof(app)))
		return bad_args(ctx, op, "\"app\" is missing or too long");
	if (!j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "categories"), &cats))
		return bad_args(ctx, op, "\"categories\" is missing");
	int rc = begin(ctx);
	if (rc)
		return rc;
	int wsa = catalog_set_app(state(ctx), app, cats, err);
	return wsa ? wsa_fail(ctx, wsa, err) : NETCFG_OK;
}

int op_catalog_order(struct op_ctx *ctx)
{
	static const char op[] = "catalog.order";
	const struct jdoc *d = ctx->doc;
	unsigned which;
	char err[CATALOG_ERRLEN];
	int rc = read_one(ctx, op, &which);
	if (rc)
		return rc;
	int a = j_get(d, ctx->args, "ids");
	if (j_type(d, a) != J_ARR)
		return bad_args(ctx, op, "\"ids\" is not an array");
	uint32_t *ids = calloc(d->t[a].size + 1, sizeof(*ids));
	size_t n = 0;
	if (!ids)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	for (int x = j_first(d, a); x >= 0; x = j_next(d, x))
		if (!j_uint32(d, x, &ids[n++])) {
			free(ids);
			return bad_args(ctx, op, "\"ids\" has an element that is not an entry id");
		}
	int wsa = 0;
	if (!(rc = begin(ctx)))
		wsa = catalog_order(state(ctx), which, ids, n, err);
	free(ids);
	return rc ? rc : wsa ? wsa_fail(ctx, wsa, err) : NETCFG_OK;
}

int op_catalog_reset(struct op_ctx *ctx)
{
	static const char op[] = "catalog.reset";
	unsigned mask;
	char err[CATALOG_ERRLEN + PATH_MAX], installer[PATH_MAX], backup[PATH_MAX + 64];
	struct catalog_actor a;
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	if (catalog_host_backup(ctx->d, backup, sizeof(backup), err, sizeof(err)) < 0)
		return op_fail(ctx, NETCFG_EIO, "the backup of the catalog could not be written (%s); "
			       "nothing was changed", err);
	if ((rc = begin(ctx)))
		return rc;
	actor_of(ctx, &a, installer, sizeof(installer));
	FOR_CATALOGS(mask, which) {
		int wsa = catalog_reset(state(ctx), which, &ctx->d->catalog->env, &a, err);
		if (wsa)
			return wsa_fail(ctx, wsa, err);
	}
	if (!batched(ctx)) {
		jw_obj_begin(ctx->out);
		jw_kstr(ctx->out, "backup", backup);
		jw_obj_end(ctx->out);
	}
	return NETCFG_OK;
}

/* ---- namespace providers ------------------------------------------- */

int op_catalog_ns_install(struct op_ctx *ctx)
{
	static const char op[] = "catalog.ns_install";
	struct netcfg_ns_provider p;
	unsigned mask;
	char err[CATALOG_ERRLEN];
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	int o = j_get(ctx->doc, ctx->args, "namespace");
	if (o < 0)
		return bad_args(ctx, op, "\"namespace\" is missing");
	if (codec_ns_provider_read(ctx->doc, o, &p, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s: %s", op, err);
	if ((rc = begin(ctx)))
		return rc;
	FOR_CATALOGS(mask, which) {
		int wsa = catalog_ns_install(state(ctx), which, &p, err);
		if (wsa)
			return wsa_fail(ctx, wsa, err);
	}
	return NETCFG_OK;
}

static int ns_change(struct op_ctx *ctx, const char *op, bool enable_op)
{
	struct netcfg_guid g;
	unsigned mask;
	char err[CATALOG_ERRLEN];
	int rc = read_catalogs(ctx, op, &mask);
	if (rc)
		return rc;
	if (codec_guid_read(ctx->doc, ctx->args, "provider_id", true, &g, op, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if ((rc = begin(ctx)))
		return rc;
	FOR_CATALOGS(mask, which) {
		int wsa = enable_op ? catalog_ns_enable(state(ctx), which, &g,
							arg_bool(ctx, "active", true), err)
				    : catalog_ns_remove(state(ctx), which, &g, err);
		if (wsa)
			return wsa_fail(ctx, wsa, err);
	}
	return NETCFG_OK;
}

int op_catalog_ns_remove(struct op_ctx *ctx)
{
	return ns_change(ctx, "catalog.ns_remove", false);
}

int op_catalog_ns_enable(struct op_ctx *ctx)
{
	return ns_change(ctx, "catalog.ns_enable", true);
}

int op_catalog_ns_order(struct op_ctx *ctx)
{
	static const char op[] = "catalog.ns_order";
	const struct jdoc *d = ctx->doc;
	unsigned which;
	char err[CATALOG_ERRLEN], buf[64];
	int rc = read_one(ctx, op, &which);
	if (rc)
		return rc;
	int a = j_get(d, ctx->args, "ids");
	if (j_type(d, a) != J_ARR)
		return bad_args(ctx, op, "\"ids\" is not an array");
	struct netcfg_guid *ids = calloc(d->t[a].size + 1, sizeof(*ids));
	size_t n = 0;
	if (!ids)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	for (int x = j_first(d, a); x >= 0; x = j_next(d, x))
		if (!j_str(d, x, buf, sizeof(buf)) || netcfg_guid_parse(buf, &ids[n++]) != NETCFG_OK) {
			free(ids);
			return bad_args(ctx, op, "\"ids\" has an element that is not a GUID");
		}
	int wsa = 0;
	if (!(rc = begin(ctx)))
		wsa = catalog_ns_order(state(ctx), which, ids, n, err);
	free(ids);
	return rc ? rc : wsa ? wsa_fail(ctx, wsa, err) : NETCFG_OK;
}
