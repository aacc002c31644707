/* SPDX-License-Identifier: MIT */
/* api_catalog.c - the catalog calls of <netcfg/catalog.h>: one small
 * function per operation, each encoding with the catalog codec. */
#include "api.h"
#include "codec_catalog.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "catalogs": [32, 64] */
static void w_catalogs(struct jw *w, unsigned mask)
{
	jw_key(w, "catalogs");
	jw_arr_begin(w);
	if (mask & NETCFG_CATALOG_32)
		jw_uint(w, 32);
	if (mask & NETCFG_CATALOG_64)
		jw_uint(w, 64);
	jw_arr_end(w);
}

static int check_mask(netcfg_t *h, unsigned mask)
{
	if (!mask || (mask & ~NETCFG_CATALOG_BOTH))
		return nc_fail(h, NETCFG_EINVAL, "catalog: name the 32-bit or the 64-bit catalog, or both");
	return NETCFG_OK;
}

/* The target of a change: a provider GUID, or one entry id. */
static void w_target(struct jw *w, const struct netcfg_guid *g, uint32_t id)
{
	if (g)
		codec_kguid(w, "provider_id", g);
	else
		jw_kuint(w, "id", id);
}

/* Send a change (queued when a batch is open) unless rc says the args
 * were refused already; w is freed. */
static int send_change(netcfg_t *h, int rc, const char *op, struct jw *w)
{
	if (rc) {
		jw_free(w);
		return rc;
	}
	jw_obj_end(w);
	rc = nc_change(h, op, w);
	jw_free(w);
	return rc;
}

/* Begin the args of a change on mask. */
static int start(netcfg_t *h, struct jw *w, unsigned mask)
{
	jw_init(w);
	jw_obj_begin(w);
	w_catalogs(w, mask);
	return check_mask(h, mask);
}

int netcfg_catalog_wsa_error(const netcfg_t *h)
{
	int code = 0;
	if (netcfg_last_status(h) != NETCFG_OK && sscanf(netcfg_error(h), "error %d (", &code) == 1)
		return code;
	return 0;
}

/* ---- the catalog --------------------------------------------------- */

void netcfg_catalog_free(struct netcfg_catalog *c)
{
	free(c->entries);
	free(c->ns);
	memset(c, 0, sizeof(*c));
}

int netcfg_catalog_walk(netcfg_t *h, unsigned catalog, const struct netcfg_catalog_walk *walk)
{
	static const char op[] = "catalog.get";
	struct jw w;
	struct nc_reply r;
	char err[CODEC_ERRLEN];
	if (!netcfg_catalog_bit(catalog))
		return nc_fail(h, NETCFG_EINVAL, "catalog: %u is not 32 or 64", catalog);
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "catalog", catalog);
	jw_obj_end(&w);
	int rc = nc_call(h, op, w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	int o = r.result, e = j_get(d, o, "entries"), n = j_get(d, o, "namespaces");
	long long gen = 0;
	if (j_type(d, e) != J_ARR || j_type(d, n) != J_ARR)
		return api_bad_reply(h, &r, op, "no entries or namespaces");
	j_int(d, j_get(d, o, "generation"), &gen);
	if (walk->begin && (rc = walk->begin(walk->arg, (uint64_t)gen, d->t[e].size, d->t[n].size)))
		goto stopped;
	/* one entry at a time: a thousand of them are 1.4 MB as structs */
	struct netcfg_catalog_entry entry;
	for (int x = j_first(d, e); x >= 0; x = j_next(d, x)) {
		if (codec_catalog_entry_read(d, x, &entry, err))
			return api_bad_reply(h, &r, op, err);
		if (walk->entry && (rc = walk->entry(walk->arg, &entry)))
			goto stopped;
	}
	struct netcfg_ns_provider ns;
	for (int x = j_first(d, n); x >= 0; x = j_next(d, x)) {
		if (codec_ns_provider_read(d, x, &ns, err))
			return api_bad_reply(h, &r, op, err);
		if (walk->ns && (rc = walk->ns(walk->arg, &ns)))
			goto stopped;
	}
	nc_reply_free(&r);
	return nc_ok(h);
stopped:
	nc_reply_free(&r);
	return nc_fail(h, rc, "%s: %s", op, netcfg_status_text(rc));
}

/* netcfg_catalog_get: the walk, into arrays. */
static int get_begin(void *arg, uint64_t generation, size_t n_entries, size_t n_ns)
{
	struct netcfg_catalog *c = arg;
	c->generation = generation;
	c->entries = malloc((n_entries + 1) * sizeof(*c->entries));
	c->ns = malloc((n_ns + 1) * sizeof(*c->ns));
	return c->entries && c->ns ? NETCFG_OK : NETCFG_ENOMEM;
}

static int get_entry(void *arg, const struct netcfg_catalog_entry *e)
{
	struct netcfg_catalog *c = arg;
	c->entries[c->n_entries++] = *e;
	return NETCFG_OK;
}

static int get_ns(void *arg, const struct netcfg_ns_provider *p)
{
	struct netcfg_catalog *c = arg;
	c->ns[c->n_ns++] = *p;
	return NETCFG_OK;
}

int netcfg_catalog_get(netcfg_t *h, unsigned catalog, struct netcfg_catalog *out)
{
	const struct netcfg_catalog_walk walk = { get_begin, get_entry, get_ns, out };
	memset(out, 0, sizeof(*out));
	out->catalog = catalog;
	int rc = netcfg_catalog_walk(h, catalog, &walk);
	if (rc)
		netcfg_catalog_free(out);
	return rc;
}

/* ---- transport providers ------------------------------------------- */

static void w_provider(struct jw *w, const struct netcfg_provider_install *p)
{
	jw_key(w, "provider");
	jw_obj_begin(w);
	codec_kguid(w, "provider_id", &p->provider_id);
	jw_kstr(w, "path", p->path);
	jw_kuint(w, "categories", p->categories);
	jw_key(w, "entries");
	jw_arr_begin(w);
	for (size_t i = 0; i < p->n; i++) {
		struct netcfg_catalog_entry e = { .info = p->entries[i], .enabled = true };
		e.info.provider_id = p->provider_id;
		codec_catalog_entry_write(w, &e);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static int read_ids(const struct jdoc *d, int o, const char *key, uint32_t *ids, size_t n)
{
	int a = j_get(d, o, key);
	size_t k = 0;
	if (!ids)
		return 0;
	if (j_type(d, a) != J_ARR || d->t[a].size != n)
		return -1;
	for (int x = j_first(d, a); x >= 0; x = j_next(d, x))
		if (!j_uint32(d, x, &ids[k++]))
			return -1;
	return 0;
}

int netcfg_catalog_install(netcfg_t *h, unsigned mask, const struct netcfg_provider_install *p,
			   uint32_t *ids64, uint32_t *ids32)
{
	static const char op[] = "catalog.install";
	struct jw w;
	struct nc_reply r;
	int rc = start(h, &w, mask);
	w_provider(&w, p);
	if (rc || netcfg_batch_active(h)) {
		/* in a batch the ids are known only once it commits */
		if (ids64)
			memset(ids64, 0, p->n * sizeof(*ids64));
		if (ids32)
			memset(ids32, 0, p->n * sizeof(*ids32));
		return send_change(h, rc, op, &w);
	}
	jw_obj_end(&w);
	rc = w.oom ? nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op)
		   : nc_call(h, op, w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	if (read_ids(&r.doc, r.result, "ids64", (mask & NETCFG_CATALOG_64) ? ids64 : NULL, p->n) ||
	    read_ids(&r.doc, r.result, "ids32", (mask & NETCFG_CATALOG_32) ? ids32 : NULL, p->n))
		return api_bad_reply(h, &r, op, "no entry ids");
	nc_reply_free(&r);
	return NETCFG_OK;
}

int netcfg_catalog_update(netcfg_t *h, unsigned mask, const struct netcfg_provider_install *p)
{
	struct jw w;
	int rc = start(h, &w, mask);
	w_provider(&w, p);
	return send_change(h, rc, "catalog.update", &w);
}

int netcfg_catalog_update_entry(netcfg_t *h, unsigned mask, uint32_t id, unsigned fields,
				const struct netcfg_catalog_entry *v)
{
	struct jw w;
	int rc = start(h, &w, mask);
	jw_kuint(&w, "id", id);
	if (fields & NETCFG_UPDATE_PATH)
		jw_kstr(&w, "path", v->path);
	if (fields & NETCFG_UPDATE_DESCRIPTION)
		jw_kstr(&w, "description", v->info.description);
	if (fields & NETCFG_UPDATE_SERVICE_FLAGS)
		jw_kuint(&w, "service_flags", v->info.service_flags);
	if (fields & NETCFG_UPDATE_PROVIDER_FLAGS)
		jw_kuint(&w, "provider_flags", v->info.provider_flags);
	if (fields & NETCFG_UPDATE_MESSAGE_SIZE)
		jw_kuint(&w, "message_size", v->info.message_size);
	return send_change(h, rc, "catalog.update_entry", &w);
}

int netcfg_catalog_remove(netcfg_t *h, unsigned mask, const struct netcfg_guid *g, uint32_t id,
			  bool force)
{
	struct jw w;
	int rc = start(h, &w, mask);
	w_target(&w, g, id);
	jw_kbool(&w, "force", force);
	return send_change(h, rc, "catalog.remove", &w);
}

int netcfg_catalog_enable(netcfg_t *h, unsigned mask, const struct netcfg_guid *g, uint32_t id,
			  bool enable)
{
	struct jw w;
	int rc = start(h, &w, mask);
	w_target(&w, g, id);
	jw_kbool(&w, "enable", enable);
	return send_change(h, rc, "catalog.enable", &w);
}

int netcfg_catalog_set_categories(netcfg_t *h, unsigned mask, const struct netcfg_guid *g,
				  uint32_t id, uint32_t categories)
{
	struct jw w;
	int rc = start(h, &w, mask);
	w_target(&w, g, id);
	jw_kuint(&w, "categories", categories);
	return send_change(h, rc, "catalog.category_set", &w);
}

int netcfg_catalog_order(netcfg_t *h, unsigned catalog, const uint32_t *ids, size_t n)
{
	struct jw w;
	int rc = start(h, &w, netcfg_catalog_bit(catalog));
	jw_key(&w, "ids");
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		jw_uint(&w, ids[i]);
	jw_arr_end(&w);
	return send_change(h, rc, "catalog.order", &w);
}

/* ---- applications -------------------------------------------------- */

int netcfg_catalog_set_app_categories(netcfg_t *h, const char *app, uint32_t categories)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "app", app);
	jw_kuint(&w, "categories", categories);
	return send_change(h, NETCFG_OK, "catalog.app_category_set", &w);
}

static int rd_app(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_app_category_read(d, i, elem, err);
}

int netcfg_catalog_app_categories(netcfg_t *h, struct netcfg_app_category_list *out)
{
	void *v = NULL;
	size_t n = 0;
	int rc = api_list(h, "catalog.app_categories", NULL, sizeof(*out->v), rd_app, &v, &n);
	out->v = v;
	out->n = n;
	return rc;
}

void netcfg_catalog_app_categories_free(struct netcfg_app_category_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ---- namespace providers ------------------------------------------- */

int netcfg_ns_install(netcfg_t *h, unsigned mask, const struct netcfg_ns_provider *p)
{
	struct jw w;
	int rc = start(h, &w, mask);
	jw_key(&w, "namespace");
	codec_ns_provider_write(&w, p);
	return send_change(h, rc, "catalog.ns_install", &w);
}

int netcfg_ns_remove(netcfg_t *h, unsigned mask, const struct netcfg_guid *id)
{
	struct jw w;
	int rc = start(h, &w, mask);
	codec_kguid(&w, "provider_id", id);
	return send_change(h, rc, "catalog.ns_remove", &w);
}

int netcfg_ns_enable(netcfg_t *h, unsigned mask, const struct netcfg_guid *id, bool active)
{
	struct jw w;
	int rc = start(h, &w, mask);
	codec_kguid(&w, "provider_id", id);
	jw_kbool(&w, "active", active);
	return send_change(h, rc, "catalog.ns_enable", &w);
}

int netcfg_ns_order(netcfg_t *h, unsigned catalog, const struct netcfg_guid *ids, size_t n)
{
	struct jw w;
	char g[NETCFG_GUID_STRLEN];
	int rc = start(h, &w, netcfg_catalog_bit(catalog));
	jw_key(&w, "ids");
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		jw_str(&w, netcfg_guid_format(&ids[i], g));
	jw_arr_end(&w);
	return send_change(h, rc, "catalog.ns_order", &w);
}

/* ---- queries ------------------------------------------------------- */

/* A read-only call whose args are a finished object; the reply stays in r. */
static int query(netcfg_t *h, const char *op, struct jw *w, struct nc_reply *r)
{
	jw_obj_end(w);
	int rc = w->oom ? nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op)
			: nc_call(h, op, w->buf, w->len, r);
	jw_free(w);
	return rc;
}

int netcfg_catalog_resolve(netcfg_t *h, unsigned catalog, int af, int type, int protocol,
			   const char *app, struct netcfg_catalog_resolution *out)
{
	static const char op[] = "catalog.resolve";
	struct jw w;
	struct nc_reply r;
	char err[CODEC_ERRLEN];
	memset(out, 0, sizeof(*out));
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "catalog", catalog);
	jw_kint(&w, "address_family", af);
	jw_kint(&w, "socket_type", type);
	jw_kint(&w, "protocol", protocol);
	if (app)
		jw_kstr(&w, "app", app);
	int rc = query(h, op, &w, &r);
	if (rc)
		return rc;
	if (codec_resolution_read(&r.doc, r.result, out, err))
		return api_bad_reply(h, &r, op, err);
	nc_reply_free(&r);
	return NETCFG_OK;
}

static int rd_event(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_catalog_event_read(d, i, elem, err);
}

int netcfg_catalog_events(netcfg_t *h, unsigned catalog, struct netcfg_catalog_event_list *out)
{
	struct jw w;
	void *v = NULL;
	size_t n = 0;
	jw_init(&w);
	jw_obj_begin(&w);
	if (catalog)
		jw_kuint(&w, "catalog", catalog);
	jw_obj_end(&w);
	int rc = api_list(h, "catalog.events", &w, sizeof(*out->v), rd_event, &v, &n);
	jw_free(&w);
	out->v = v;
	out->n = n;
	return rc;
}

void netcfg_catalog_events_free(struct netcfg_catalog_event_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int netcfg_catalog_reset(netcfg_t *h, unsigned mask, char *backup, size_t backup_len)
{
	static const char op[] = "catalog.reset";
	struct jw w;
	struct nc_reply r;
	if (backup && backup_len)
		backup[0] = '\0';
	int rc = start(h, &w, mask);
	if (rc) {
		jw_free(&w);
		return rc;
	}
	/* inside a batch the reset is one more change; the batch's reply
	 * carries no result, so there is no backup path to hand back */
	if (netcfg_batch_active(h))
		return send_change(h, rc, op, &w);
	if ((rc = query(h, op, &w, &r)))
		return rc;
	if (backup && !j_str(&r.doc, j_get(&r.doc, r.result, "backup"), backup, backup_len))
		return api_bad_reply(h, &r, op, "no backup path");
	nc_reply_free(&r);
	return NETCFG_OK;
}

static int rd_finding(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_finding_read(d, i, elem, err);
}

int netcfg_catalog_verify(netcfg_t *h, unsigned mask, bool repair, struct netcfg_catalog_findings *out)
{
	struct jw w;
	void *v = NULL;
	size_t n = 0;
	int rc = start(h, &w, mask);
	jw_obj_end(&w);
	if (!rc)
		rc = api_list(h, repair ? "catalog.repair" : "catalog.verify", &w, sizeof(*out->v),
			      rd_finding, &v, &n);
	jw_free(&w);
	out->v = v;
	out->n = n;
	return rc;
}

void netcfg_catalog_findings_free(struct netcfg_catalog_findings *f)
{
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

int netcfg_catalog_plan(netcfg_t *h, unsigned catalog, const char *app, char **json, size_t *len)
{
	static const char op[] = "catalog.plan";
	struct jw w;
	struct nc_reply r;
	*json = NULL;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "catalog", catalog);
	if (app)
		jw_kstr(&w, "app", app);
	int rc = query(h, op, &w, &r);
	if (rc)
		return rc;
	if (j_type(&r.doc, r.result) != J_OBJ)
		return api_bad_reply(h, &r, op, "no plan");
	size_t n;
	const char *raw = j_raw(&r.doc, r.result, &n);
	*json = malloc(n + 1);
	if (!*json) {
		nc_reply_free(&r);
		return nc_fail(h, NETCFG_ENOMEM, "out of memory");
	}
	memcpy(*json, raw, n);
	(*json)[n] = '\0';
	if (len)
		*len = n;
	nc_reply_free(&r);
	return NETCFG_OK;
}

/* ---- in a program -------------------------------------------------- */

typedef int preload_ioctl_fn(int fd, uint32_t code, const void *in, size_t in_len, void *out,
			     size_t out_len, size_t *returned);

int netcfg_socket_ioctl(int fd, uint32_t code, const void *in, size_t in_len, void *out,
			size_t out_len, size_t *returned)
{
	/* the provider loader, when `catalog run` started this program */
	void *sym = dlsym(RTLD_DEFAULT, "netcfg_preload_ioctl");
	preload_ioctl_fn *fn;
	if (returned)
		*returned = 0;
	if (!sym)
		return NETCFG_WSANOTINITIALISED;
	memcpy(&fn, &sym, sizeof(fn));
	return fn(fd, code, in, in_len, out, out_len, returned);
}

int netcfg_socket_extension(int fd, const struct netcfg_guid *id, void *fn_out, size_t out_len,
			    size_t *returned)
{
	return netcfg_socket_ioctl(fd, NETCFG_SIO_GET_EXTENSION_FUNCTION_POINTER, id, sizeof(*id),
				   fn_out, out_len, returned);
}
