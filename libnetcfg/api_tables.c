/* SPDX-License-Identifier: MIT */
/* api_tables.c - the typed calls for the stack's tables beyond addresses
 * and routes: interface creation and settings, prefix policies, global
 * parameters, DNS servers, the caches, site prefixes, router
 * advertisements, the route lookup diagnostic and the destination sort. */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------- */

/* Open an args object naming an interface ({"ifindex": N} or
 * {"interface": "name"}; neither for 0/NULL) and an optional address. */
static void selector(struct jw *w, uint32_t ifindex, const char *ifname, const char *key,
		     const struct in6_addr *addr)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	if (ifname)
		jw_kstr(w, "interface", ifname);
	else if (ifindex)
		jw_kuint(w, "ifindex", ifindex);
	if (addr)
		jw_kstr(w, key, netcfg_format_addr(addr, buf));
}

/* A change whose arguments are already written (an open object). */
static int change_args(netcfg_t *h, const char *op, struct jw *w, unsigned flags)
{
	if (flags & NETCFG_F_PERSIST)
		jw_kbool(w, "persist", true);
	jw_obj_end(w);
	int rc = nc_change(h, op, w);
	jw_free(w);
	return rc;
}

/* A call whose result is one object. */
static int call_object(netcfg_t *h, const char *op, struct jw *args, api_elem_read read,
		       void *out)
{
	struct nc_reply r;
	char err[CODEC_ERRLEN];
	int rc = args->oom ? nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op)
			   : nc_call(h, op, args->buf, args->len, &r);
	jw_free(args);
	if (rc)
		return rc;
	if (read(&r.doc, r.result, out, err))
		return api_bad_reply(h, &r, op, err);
	nc_reply_free(&r);
	return NETCFG_OK;
}

/* A list call with a selector as its arguments. */
static int list_selected(netcfg_t *h, const char *op, uint32_t ifindex, const char *key,
			 const struct in6_addr *addr, size_t elem_size, api_elem_read read,
			 void **v, size_t *n)
{
	struct jw w;
	jw_init(&w);
	selector(&w, ifindex, NULL, key, addr);
	jw_obj_end(&w);
	int rc = api_list(h, op, &w, elem_size, read, v, n);
	jw_free(&w);
	return rc;
}

#define LIST_FREE(fn, type)            \
	void fn(type *l)               \
	{                              \
		free(l->v);            \
		l->v = NULL;           \
		l->n = 0;              \
	}

/* ---- interfaces ----------------------------------------------------- */

int netcfg_interface_index(netcfg_t *h, const char *name, uint32_t *index)
{
	struct jw w;
	struct nc_reply r;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "interface", name);
	jw_obj_end(&w);
	int rc = w.oom ? nc_fail(h, NETCFG_ENOMEM, "out of memory")
		       : nc_call(h, "interface.list", w.buf, w.len, &r);
	jw_free(&w);
	if (rc)
		return rc;
	int first = j_type(&r.doc, r.result) == J_ARR ? j_first(&r.doc, r.result) : -1;
	if (first < 0 || !j_uint32(&r.doc, j_get(&r.doc, first, "index"), index))
		return api_bad_reply(h, &r, "interface.list", "no interface in the result");
	nc_reply_free(&r);
	return NETCFG_OK;
}

static void write_ifcreate(struct jw *w, const void *obj)
{
	codec_ifcreate_write(w, obj);
}

static int read_index(const struct jdoc *d, int i, void *out, char *err)
{
	if (!j_uint32(d, j_get(d, i, "index"), out)) {
		snprintf(err, CODEC_ERRLEN, "interface: index is missing");
		return NETCFG_EPROTO;
	}
	return 0;
}

int netcfg_interface_add(netcfg_t *h, const struct netcfg_interface_create *c,
			 unsigned flags, uint32_t *index)
{
	if (index)
		*index = 0;
	if (netcfg_batch_active(h) || !index)
		return api_change(h, "interface.add", "interface", write_ifcreate, c, flags);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "interface");
	codec_ifcreate_write(&w, c);
	codec_flags_write(&w, (flags & (NETCFG_F_CREATE | NETCFG_F_REPLACE)) ? flags
									  : flags | NETCFG_F_ADD);
	jw_obj_end(&w);
	return call_object(h, "interface.add", &w, read_index, index);
}

int netcfg_interface_delete(netcfg_t *h, uint32_t ifindex, const char *ifname, unsigned flags)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	if (ifname)
		jw_kstr(&w, "interface", ifname);
	else
		jw_kuint(&w, "ifindex", ifindex);  /* also 0, which names none */
	return change_args(h, "interface.delete", &w, flags);
}

static void write_ifsettings(struct jw *w, const void *obj)
{
	codec_ifsettings_write(w, obj, NULL);
}

int netcfg_interface_set(netcfg_t *h, const struct netcfg_interface_settings *s, unsigned flags)
{
	return api_change(h, "interface.set", "settings", write_ifsettings, s, flags | NETCFG_F_SET);
}

int netcfg_renew(netcfg_t *h, uint32_t ifindex)
{
	struct jw w;
	jw_init(&w);
	selector(&w, ifindex, NULL, NULL, NULL);
	return change_args(h, "renew", &w, 0);
}

/* ---- route lookup and destination sort ------------------------------- */

static int read_route_result(const struct jdoc *d, int i, void *out, char *err)
{
	return codec_route_result_read(d, i, out, err);
}

int netcfg_route_query(netcfg_t *h, const struct in6_addr *dest, uint32_t scope_id,
		       uint32_t ifindex, struct netcfg_route_result *out)
{
	struct jw w;
	memset(out, 0, sizeof(*out));
	jw_init(&w);
	selector(&w, ifindex, NULL, "destination", dest);
	if (scope_id)
		jw_kuint(&w, "scope_id", scope_id);
	jw_obj_end(&w);
	return call_object(h, "route.query", &w, read_route_result, out);
}

static int read_sort_entry(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_sort_entry_read(d, i, elem, err);
}

int netcfg_address_sort(netcfg_t *h, struct netcfg_sort_entry *v, size_t *n)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "destinations");
	jw_arr_begin(&w);
	for (size_t i = 0; i < *n; i++)
		codec_sort_entry_write(&w, &v[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	struct netcfg_sort_entry *sorted;
	size_t k;
	int rc = api_list(h, "address.sort", &w, sizeof(*sorted), read_sort_entry,
			  (void **)&sorted, &k);
	jw_free(&w);
	if (rc)
		return rc;
	if (k > *n) {
		free(sorted);
		return nc_fail(h, NETCFG_EPROTO,
			       "address.sort: the reply has more destinations than the request");
	}
	memcpy(v, sorted, k * sizeof(*v));
	*n = k;
	free(sorted);
	return NETCFG_OK;
}

/* ---- prefix policies ------------------------------------------------- */

static int read_policy(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_policy_read(d, i, elem, err);
}

int netcfg_prefix_policy_list(netcfg_t *h, struct netcfg_prefix_policy_list *out)
{
	return api_list(h, "prefix_policy.list", NULL, sizeof(*out->v), read_policy,
			(void **)&out->v, &out->n);
}

LIST_FREE(netcfg_prefix_policy_list_free, struct netcfg_prefix_policy_list)

static void write_policy(struct jw *w, const void *obj)
{
	codec_policy_write(w, obj);
}

int netcfg_prefix_policy_add(netcfg_t *h, const struct netcfg_prefix_policy *p, unsigned flags)
{
	return api_change(h, "prefix_policy.add", "policy", write_policy, p, flags);
}

int netcfg_prefix_policy_delete(netcfg_t *h, const struct netcfg_prefix *prefix, unsigned flags)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "prefix", netcfg_format_prefix(prefix, buf));
	return change_args(h, "prefix_policy.delete", &w, flags);
}

/* ---- global parameters ------------------------------------------------ */

static int read_global(const struct jdoc *d, int i, void *out, char *err)
{
	return codec_global_read(d, i, out, err);
}

int netcfg_global_get(netcfg_t *h, struct netcfg_global *out)
{
	struct jw w;
	memset(out, 0, sizeof(*out));
	jw_init(&w);
	jw_obj_begin(&w);
	jw_obj_end(&w);
	return call_object(h, "global.get", &w, read_global, out);
}

static void write_global(struct jw *w, const void *obj)
{
	codec_global_write(w, obj);
}

int netcfg_global_set(netcfg_t *h, const struct netcfg_global *g, unsigned flags)
{
	return api_change(h, "global.set", "global", write_global, g, flags | NETCFG_F_SET);
}

/* ---- DNS servers ------------------------------------------------------ */

static int read_dns(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_dns_read(d, i, elem, NULL, err);
}

int netcfg_dns_list(netcfg_t *h, uint32_t ifindex, struct netcfg_dns_list *out)
{
	return list_selected(h, "dns.list", ifindex, NULL, NULL, sizeof(*out->v), read_dns,
			     (void **)&out->v, &out->n);
}

LIST_FREE(netcfg_dns_list_free, struct netcfg_dns_list)

static void write_dns(struct jw *w, const void *obj)
{
	codec_dns_write(w, obj, NULL);
}

int netcfg_dns_add(netcfg_t *h, const struct netcfg_dns_server *s, unsigned flags)
{
	return api_change(h, "dns.add", "server", write_dns, s, flags);
}

int netcfg_dns_delete(netcfg_t *h, const struct netcfg_dns_server *s, unsigned flags)
{
	return api_change(h, "dns.delete", "server", write_dns, s, flags);
}

int netcfg_dns_flush(netcfg_t *h, uint32_t ifindex, const char *ifname, unsigned flags)
{
	struct jw w;
	jw_init(&w);
	selector(&w, ifindex, ifname, NULL, NULL);
	return change_args(h, "dns.flush", &w, flags);
}

/* ---- neighbor cache ---------------------------------------------------- */

static int read_neighbor(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_neighbor_read(d, i, elem, NULL, err);
}

int netcfg_neighbor_list(netcfg_t *h, uint32_t ifindex, const struct in6_addr *addr,
			 struct netcfg_neighbor_list *out)
{
	return list_selected(h, "neighbor.list", ifindex, "address", addr, sizeof(*out->v),
			     read_neighbor, (void **)&out->v, &out->n);
}

LIST_FREE(netcfg_neighbor_list_free, struct netcfg_neighbor_list)

static void write_neighbor(struct jw *w, const void *obj)
{
	codec_neighbor_write(w, obj, NULL);
}

int netcfg_neighbor_add(netcfg_t *h, const struct netcfg_neighbor *n, unsigned flags)
{
	return api_change(h, "neighbor.add", "neighbor", write_neighbor, n, flags);
}

int netcfg_neighbor_flush(netcfg_t *h, uint32_t ifindex, const char *ifname,
			  const struct in6_addr *addr, unsigned flags)
{
	struct jw w;
	jw_init(&w);
	selector(&w, ifindex, ifname, "address", addr);
	return change_args(h, "neighbor.flush", &w, flags);
}

/* ---- destination cache -------------------------------------------------- */

static int read_destcache(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_destcache_read(d, i, elem, err);
}

int netcfg_destcache_list(netcfg_t *h, uint32_t ifindex, const struct in6_addr *dest,
			  struct netcfg_destcache_list *out)
{
	return list_selected(h, "destcache.list", ifindex, "destination", dest, sizeof(*out->v),
			     read_destcache, (void **)&out->v, &out->n);
}

LIST_FREE(netcfg_destcache_list_free, struct netcfg_destcache_list)

int netcfg_destcache_flush(netcfg_t *h, uint32_t ifindex, const struct in6_addr *dest)
{
	struct jw w;
	jw_init(&w);
	selector(&w, ifindex, NULL, "destination", dest);
	return change_args(h, "destcache.flush", &w, 0);
}

/* ---- site prefixes ------------------------------------------------------- */

static int read_site_prefix(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_site_prefix_read(d, i, elem, NULL, err);
}

int netcfg_site_prefix_list(netcfg_t *h, struct netcfg_site_prefix_list *out)
{
	return api_list(h, "site_prefix.list", NULL, sizeof(*out->v), read_site_prefix,
			(void **)&out->v, &out->n);
}

LIST_FREE(netcfg_site_prefix_list_free, struct netcfg_site_prefix_list)

static void write_site_prefix(struct jw *w, const void *obj)
{
	codec_site_prefix_write(w, obj, NULL);
}

int netcfg_site_prefix_add(netcfg_t *h, const struct netcfg_site_prefix *sp, unsigned flags)
{
	return api_change(h, "site_prefix.add", "site_prefix", write_site_prefix, sp, flags);
}

int netcfg_site_prefix_delete(netcfg_t *h, const struct netcfg_site_prefix *sp, unsigned flags)
{
	return api_change(h, "site_prefix.delete", "site_prefix", write_site_prefix, sp, flags);
}

/* ---- binding cache -------------------------------------------------------- */

static int read_binding(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_binding_read(d, i, elem, err);
}

int netcfg_binding_list(netcfg_t *h, struct netcfg_binding_list *out)
{
	return api_list(h, "binding.list", NULL, sizeof(*out->v), read_binding,
			(void **)&out->v, &out->n);
}

LIST_FREE(netcfg_binding_list_free, struct netcfg_binding_list)

/* ---- router advertisements ------------------------------------------------ */

static int read_ra(const struct jdoc *d, int i, void *out, char *err)
{
	return codec_ra_read(d, i, out, err);
}

int netcfg_ra_get(netcfg_t *h, uint32_t ifindex, struct netcfg_ra *out)
{
	struct jw w;
	memset(out, 0, sizeof(*out));
	jw_init(&w);
	selector(&w, ifindex, NULL, NULL, NULL);
	jw_obj_end(&w);
	return call_object(h, "ra.show", &w, read_ra, out);
}

void netcfg_ra_free(struct netcfg_ra *ra)
{
	codec_ra_free(ra);
}
