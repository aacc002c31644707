/* SPDX-License-Identifier: MIT */
/* api.c - the typed calls of <netcfg/netcfg.h>: one small function per
 * operation, each encoding its object with the shared codec. */
#include "api.h"

#include <stdlib.h>
#include <string.h>

int api_bad_reply(struct netcfg *h, struct nc_reply *r, const char *op, const char *why)
{
	nc_reply_free(r);
	return nc_fail(h, NETCFG_EPROTO, "%s: bad reply from the stack daemon: %s", op, why);
}

int netcfg_daemon_info(netcfg_t *h, struct netcfg_daemon_info *info)
{
	struct nc_reply r;
	int rc = nc_call(h, "daemon.info", NULL, 0, &r);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	int o = r.result;
	long long v = 0;
	memset(info, 0, sizeof(*info));
	if (j_type(d, o) != J_OBJ)
		return api_bad_reply(h, &r, "daemon.info", "no result");
	j_str(d, j_get(d, o, "version"), info->version, sizeof(info->version));
	j_str(d, j_get(d, o, "dataplane"), info->dataplane, sizeof(info->dataplane));
	if (j_int(d, j_get(d, o, "pid"), &v))
		info->pid = (int)v;
	if (j_int(d, j_get(d, o, "uid"), &v))
		info->uid = (unsigned)v;
	if (j_int(d, j_get(d, o, "clock"), &v))
		info->clock = (uint64_t)v;
	if (j_int(d, j_get(d, o, "clients"), &v))
		info->clients = (unsigned)v;
	j_bool(d, j_get(d, o, "test_clock"), &info->test_clock);
	nc_reply_free(&r);
	return NETCFG_OK;
}

int netcfg_clock_advance(netcfg_t *h, uint32_t secs)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "seconds", secs);
	jw_obj_end(&w);
	struct nc_reply r;
	int rc = nc_call(h, "clock.advance", w.buf, w.len, &r);
	jw_free(&w);
	if (rc == NETCFG_OK)
		nc_reply_free(&r);
	return rc;
}

/* ---- interfaces ---------------------------------------------------- */

void netcfg_interface_list_free(struct netcfg_interface_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		codec_interface_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int netcfg_interface_list(netcfg_t *h, uint32_t index, struct netcfg_interface_list *out)
{
	struct jw w;
	struct nc_reply r;
	char err[CODEC_ERRLEN];

	memset(out, 0, sizeof(*out));
	jw_init(&w);
	jw_obj_begin(&w);
	if (index)
		jw_kuint(&w, "ifindex", index);
	jw_obj_end(&w);
	int rc = nc_call(h, "interface.list", w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR)
		return api_bad_reply(h, &r, "interface.list", "result is not an array");
	out->v = calloc(d->t[r.result].size + 1, sizeof(*out->v));
	if (!out->v) {
		nc_reply_free(&r);
		return nc_fail(h, NETCFG_ENOMEM, "out of memory");
	}
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e)) {
		if (codec_interface_read(d, e, &out->v[out->n], err)) {
			netcfg_interface_list_free(out);
			return api_bad_reply(h, &r, "interface.list", err);
		}
		out->n++;
	}
	nc_reply_free(&r);
	return NETCFG_OK;
}

/* ---- changes ------------------------------------------------------- */

/* Flags that ask for neither creating nor replacing mean a plain add. */
static unsigned change_flags(unsigned flags)
{
	if (!(flags & (NETCFG_F_CREATE | NETCFG_F_REPLACE)))
		flags |= NETCFG_F_ADD;
	return flags;
}

int api_change(netcfg_t *h, const char *op, const char *member,
		  void (*write)(struct jw *, const void *), const void *obj, unsigned flags)
{
	struct jw *w = &h->scratch;
	jw_reset(w);
	w->omit_defaults = true;
	jw_obj_begin(w);
	jw_key(w, member);
	write(w, obj);
	codec_flags_write(w, change_flags(flags));
	jw_obj_end(w);
	return nc_change(h, op, w);
}

/* ---- addresses ----------------------------------------------------- */

static void write_address(struct jw *w, const void *obj)
{
	const struct netcfg_address *a = obj;
	codec_address_write(w, a, a->ifname);
}

int netcfg_address_add(netcfg_t *h, const struct netcfg_address *a, unsigned flags)
{
	return api_change(h, "address.add", "address", write_address, a, flags);
}

int netcfg_address_delete(netcfg_t *h, const struct netcfg_address *a, unsigned flags)
{
	return api_change(h, "address.delete", "address", write_address, a, flags);
}

/* ---- routes -------------------------------------------------------- */

static void write_route(struct jw *w, const void *obj)
{
	const struct netcfg_route *r = obj;
	codec_route_write(w, r, r->ifname);
}

int netcfg_route_add(netcfg_t *h, const struct netcfg_route *r, unsigned flags)
{
	return api_change(h, "route.add", "route", write_route, r, flags);
}

int netcfg_route_delete(netcfg_t *h, const struct netcfg_route *r, unsigned flags)
{
	return api_change(h, "route.delete", "route", write_route, r, flags);
}

void netcfg_route_list_free(struct netcfg_route_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int read_route(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_route_read(d, i, elem, NULL, err);
}

int netcfg_route_list(netcfg_t *h, struct netcfg_route_list *out)
{
	memset(out, 0, sizeof(*out));
	return api_list(h, "route.list", NULL, sizeof(*out->v), read_route,
			(void **)&out->v, &out->n);
}

/* ---- lists --------------------------------------------------------- */

int api_list(netcfg_t *h, const char *op, const struct jw *args, size_t elem_size,
	     api_elem_read read, void **v, size_t *n)
{
	struct nc_reply r;
	char err[CODEC_ERRLEN];

	*v = NULL;
	*n = 0;
	if (args && args->oom)
		return nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op);
	int rc = nc_call(h, op, args ? args->buf : NULL, args ? args->len : 0, &r);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR)
		return api_bad_reply(h, &r, op, "result is not an array");
	char *vec = calloc(d->t[r.result].size + 1, elem_size);
	if (!vec) {
		nc_reply_free(&r);
		return nc_fail(h, NETCFG_ENOMEM, "out of memory");
	}
	size_t k = 0;
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e), k++) {
		if (read(d, e, vec + k * elem_size, err)) {
			free(vec);
			return api_bad_reply(h, &r, op, err);
		}
	}
	nc_reply_free(&r);
	*v = vec;
	*n = k;
	return NETCFG_OK;
}
