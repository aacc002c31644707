/* SPDX-License-Identifier: MIT */
/* api_ipsec.c - the SPD/SAD calls of <netcfg/ipsec.h>. */
#include "client.h"
#include "codec_ipsec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad_reply(struct netcfg *h, struct nc_reply *r, const char *op, const char *why)
{
	nc_reply_free(r);
	return nc_fail(h, NETCFG_EPROTO, "%s: bad reply from the stack daemon: %s", op, why);
}

/* Policies and SAs are added, never replaced, and live in the active
 * store only. */
static int add_flags(struct netcfg *h, const char *op, unsigned *flags)
{
	if (*flags & NETCFG_F_REPLACE)
		return nc_fail(h, NETCFG_EINVAL, "%s: IPsec entries cannot be replaced; "
			       "delete the entry and add it again", op);
	if (*flags & NETCFG_F_PERSIST)
		return nc_fail(h, NETCFG_EINVAL, "%s: IPsec entries live in the active store only "
			       "and cannot be made persistent", op);
	if (!(*flags & NETCFG_F_CREATE))
		*flags |= NETCFG_F_ADD;
	return NETCFG_OK;
}

int netcfg_sp_add(netcfg_t *h, const struct netcfg_sp *sp, unsigned flags)
{
	if (add_flags(h, "sp.add", &flags))
		return h->status;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "sp");
	codec_sp_write(&w, sp);
	codec_flags_write(&w, flags);
	jw_obj_end(&w);
	int rc = nc_change(h, "sp.add", &w);
	jw_free(&w);
	return rc;
}

int netcfg_sa_add(netcfg_t *h, const struct netcfg_sa *sa, uint32_t key_handle, unsigned flags)
{
	if (add_flags(h, "sa.add", &flags))
		return h->status;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "sa");
	codec_sa_write(&w, sa);
	if (key_handle)
		jw_kuint(&w, "key_handle", key_handle);
	codec_flags_write(&w, flags);
	jw_obj_end(&w);
	int rc = nc_change(h, "sa.add", &w);
	jw_free(&w);
	return rc;
}

/* {"index":N} or {"all":true}; the reply says how many went. */
static int delete_entries(netcfg_t *h, const char *op, uint32_t index, size_t *deleted)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	if (index)
		jw_kuint(&w, "index", index);
	else
		jw_kbool(&w, "all", true);
	jw_obj_end(&w);
	if (h->in_batch) {
		int rc = nc_change(h, op, &w);
		jw_free(&w);
		if (deleted)
			*deleted = 0;
		return rc;
	}
	struct nc_reply r;
	int rc = nc_call(h, op, w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	long long n = 0;
	if (!j_int(&r.doc, j_get(&r.doc, r.result, "deleted"), &n) || n < 0)
		return bad_reply(h, &r, op, "no count of deleted entries");
	if (deleted)
		*deleted = (size_t)n;
	nc_reply_free(&r);
	return NETCFG_OK;
}

int netcfg_sp_delete(netcfg_t *h, uint32_t index)
{
	if (!index)
		return nc_fail(h, NETCFG_EINVAL, "sp.delete: there is no policy 0");
	return delete_entries(h, "sp.delete", index, NULL);
}

int netcfg_sp_delete_all(netcfg_t *h, size_t *deleted)
{
	return delete_entries(h, "sp.delete", 0, deleted);
}

int netcfg_sa_delete(netcfg_t *h, uint32_t index)
{
	if (!index)
		return nc_fail(h, NETCFG_EINVAL, "sa.delete: there is no SA 0");
	return delete_entries(h, "sa.delete", index, NULL);
}

int netcfg_sa_delete_all(netcfg_t *h, size_t *deleted)
{
	return delete_entries(h, "sa.delete", 0, deleted);
}

/* Read the array result of a list call into v (element size elem). */
static int read_list(netcfg_t *h, const char *op, const char *args, size_t args_len,
		     size_t elem, void **v, size_t *n,
		     int (*read)(const struct jdoc *, int, void *, char *))
{
	struct nc_reply r;
	char err[CODEC_ERRLEN];
	*v = NULL;
	*n = 0;
	int rc = nc_call(h, op, args, args_len, &r);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR)
		return bad_reply(h, &r, op, "result is not an array");
	char *out = calloc(d->t[r.result].size + 1, elem);
	if (!out) {
		nc_reply_free(&r);
		return nc_fail(h, NETCFG_ENOMEM, "out of memory");
	}
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e)) {
		if (read(d, e, out + *n * elem, err)) {
			free(out);
			*n = 0;
			return bad_reply(h, &r, op, err);
		}
		(*n)++;
	}
	*v = out;
	nc_reply_free(&r);
	return NETCFG_OK;
}

static int read_sp(const struct jdoc *d, int i, void *obj, char *err)
{
	return codec_sp_read(d, i, obj, err);
}

static int read_sa(const struct jdoc *d, int i, void *obj, char *err)
{
	return codec_sa_read(d, i, obj, err);
}

int netcfg_sp_list(netcfg_t *h, uint32_t ifindex, struct netcfg_sp_list *out)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	if (ifindex)
		jw_kuint(&w, "ifindex", ifindex);
	jw_obj_end(&w);
	void *v;
	int rc = read_list(h, "sp.list", w.buf, w.len, sizeof(*out->v), &v, &out->n, read_sp);
	jw_free(&w);
	out->v = v;
	return rc;
}

void netcfg_sp_list_free(struct netcfg_sp_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int netcfg_sa_list(netcfg_t *h, struct netcfg_sa_list *out)
{
	void *v;
	int rc = read_list(h, "sa.list", NULL, 0, sizeof(*out->v), &v, &out->n, read_sa);
	out->v = v;
	return rc;
}

void netcfg_sa_list_free(struct netcfg_sa_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int netcfg_ipsec_key_load(netcfg_t *h, const int *fds, size_t n, unsigned flags,
			  struct netcfg_key_handle *out)
{
	static const char op[] = "sa.key_load";
	if (h->in_batch)
		return nc_fail(h, NETCFG_EBUSY, "%s: keys cannot be loaded inside a batch", op);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "count", n);
	jw_kbool(&w, "allow_readable", flags & NETCFG_KEY_ALLOW_READABLE);
	jw_obj_end(&w);
	if (w.oom) {
		jw_free(&w);
		return nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op);
	}
	struct nc_reply r;
	int rc = nc_call_fds(h, op, w.buf, w.len, fds, n, &r);
	jw_free(&w);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR || d->t[r.result].size != n)
		return bad_reply(h, &r, op, "not one result per key file");
	size_t i = 0;
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e), i++) {
		long long status = NETCFG_EPROTO;
		memset(&out[i], 0, sizeof(out[i]));
		if (j_uint32(d, j_get(d, e, "handle"), &out[i].handle) && out[i].handle) {
			out[i].status = NETCFG_OK;
			continue;
		}
		j_int(d, j_get(d, e, "status"), &status);
		out[i].status = status == NETCFG_OK ? NETCFG_EPROTO : (int)status;
		if (!j_str(d, j_get(d, e, "error"), out[i].error, sizeof(out[i].error)))
			snprintf(out[i].error, sizeof(out[i].error), "%s", netcfg_status_text(out[i].status));
	}
	nc_reply_free(&r);
	return NETCFG_OK;
}

int netcfg_ipsec_lookup(netcfg_t *h, const struct netcfg_ipsec_flow *flows, size_t n,
			struct netcfg_ipsec_verdict *out)
{
	static const char op[] = "sp.lookup";
	char err[CODEC_ERRLEN];
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "flows");
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		codec_ipsec_flow_write(&w, &flows[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	if (w.oom) {
		jw_free(&w);
		return nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op);
	}
	struct nc_reply r;
	int rc = nc_call(h, op, w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR || d->t[r.result].size != n)
		return bad_reply(h, &r, op, "not one verdict per flow");
	size_t i = 0;
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e), i++) {
		if (codec_ipsec_verdict_read(d, e, &out[i], err))
			return bad_reply(h, &r, op, err);
		out[i].direction = flows[i].direction;
	}
	nc_reply_free(&r);
	return NETCFG_OK;
}
