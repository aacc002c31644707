/* SPDX-License-Identifier: MIT */
/*
 * output_json.c - the JSON tables of the show commands (netsh -j).  Every
 * object is written by the shared codec, so what netsh prints is what the
 * daemon sends; compact for programs, indented on a terminal.
 */
#include "netsh.h"

#include "../../catalog/catalog.h"
#include "../../libnetcfg/codec.h"
#include "../../libnetcfg/codec_transition.h"

#include <unistd.h>

static void emit(struct jw *w)
{
	if (json_print(w) < 0)
		fprintf(stderr, "netsh: out of memory\n");
	jw_free(w);
}

static void json_interfaces(struct netsh *sh, const struct netcfg_interface_list *l, bool detail)
{
	struct jw w;
	(void)sh;
	(void)detail;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_interface_write(&w, &l->v[i]);
	jw_arr_end(&w);
	emit(&w);
}

static void json_addresses(struct netsh *sh, const struct netcfg_interface_list *l)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->v[i].n_addrs; k++)
			codec_address_write(&w, &l->v[i].addrs[k], l->v[i].name);
	jw_arr_end(&w);
	emit(&w);
}

static void json_joins(struct netsh *sh, const struct netcfg_interface_list *l)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++) {
		jw_obj_begin(&w);
		jw_kuint(&w, "ifindex", l->v[i].index);
		jw_kstr(&w, "interface", l->v[i].name);
		jw_key(&w, "multicast");
		jw_arr_begin(&w);
		for (size_t k = 0; k < l->v[i].n_groups; k++)
			codec_mcast_write(&w, &l->v[i].groups[k]);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	emit(&w);
}

static void json_routes(struct netsh *sh, const struct netcfg_route_list *l)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_route_write(&w, &l->v[i], netsh_ifname(sh, l->v[i].ifindex));
	jw_arr_end(&w);
	emit(&w);
}

/* A list written element by element with a codec writer. */
#define JSON_LIST(name, list_type, write_elem)                                 \
	static void name(struct netsh *sh, const list_type *l)                 \
	{                                                                      \
		struct jw w;                                                   \
		(void)sh;                                                      \
		jw_init(&w);                                                   \
		jw_arr_begin(&w);                                              \
		for (size_t i = 0; i < l->n; i++)                              \
			write_elem;                                            \
		jw_arr_end(&w);                                                \
		emit(&w);                                                      \
	}

JSON_LIST(json_policies, struct netcfg_prefix_policy_list, codec_policy_write(&w, &l->v[i]))
JSON_LIST(json_neighbors, struct netcfg_neighbor_list,
	  codec_neighbor_write(&w, &l->v[i], netsh_ifname(sh, l->v[i].ifindex)))
JSON_LIST(json_site_prefixes, struct netcfg_site_prefix_list,
	  codec_site_prefix_write(&w, &l->v[i], netsh_ifname(sh, l->v[i].ifindex)))
JSON_LIST(json_bindings, struct netcfg_binding_list, codec_binding_write(&w, &l->v[i]))

static void json_dns(struct netsh *sh, const struct netcfg_dns_list *l, uint32_t only)
{
	struct jw w;
	(void)only;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_dns_write(&w, &l->v[i], netsh_ifname(sh, l->v[i].ifindex));
	jw_arr_end(&w);
	emit(&w);
}

static void json_destcache(struct netsh *sh, const struct netcfg_destcache_list *l, bool verbose)
{
	struct jw w;
	(void)sh;
	(void)verbose;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_destcache_write(&w, &l->v[i]);
	jw_arr_end(&w);
	emit(&w);
}

/* The global parameters of one group (the codec writes the masked ones). */
static void json_global_part(const struct netcfg_global *g, uint32_t mask)
{
	struct netcfg_global part = *g;
	struct jw w;
	part.mask = mask;
	jw_init(&w);
	codec_global_write(&w, &part);
	emit(&w);
}

static void json_global(struct netsh *sh, const struct netcfg_global *g)
{
	(void)sh;
	json_global_part(g, NETSH_GLOBAL_GENERAL);
}

static void json_privacy(struct netsh *sh, const struct netcfg_global *g)
{
	(void)sh;
	json_global_part(g, NETSH_GLOBAL_PRIVACY);
}

static void json_mobility(struct netsh *sh, const struct netcfg_global *g)
{
	(void)sh;
	json_global_part(g, NETSH_GLOBAL_MOBILITY);
}

static void json_sixtofour(struct netsh *sh, const struct netcfg_6to4 *s)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	if (s->mask) {
		codec_6to4_write(&w, s);
	} else {
		/* show interface: the interfaces only */
		jw_arr_begin(&w);
		for (size_t i = 0; i < s->n_interfaces; i++) {
			jw_obj_begin(&w);
			jw_kstr(&w, "interface", s->interfaces[i].name);
			jw_kstr(&w, "routing", netcfg_svc_state_name(s->interfaces[i].routing));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
	}
	emit(&w);
}

static void json_isatap(struct netsh *sh, const struct netcfg_isatap *s)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	codec_isatap_write(&w, s);
	emit(&w);
}

static void json_aliases(struct netsh *sh)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (const struct alias *a = sh->aliases; a; a = a->next) {
		jw_obj_begin(&w);
		jw_kstr(&w, "name", a->name);
		jw_kstr(&w, "value", a->value);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	emit(&w);
}

static void helper_objects(struct jw *w, const struct context *c, const char *parent)
{
	for (const struct context *const *s = c->subs; s && *s; s++) {
		jw_obj_begin(w);
		jw_kstr(w, "guid", (*s)->helper_guid);
		jw_kstr(w, "module", "netsh (built in)");
		jw_kstr(w, "command", (*s)->name);
		jw_kstr(w, "context", (*s)->path);
		if (parent)
			jw_kstr(w, "parent", parent);
		jw_obj_end(w);
		helper_objects(w, *s, (*s)->helper_guid);
	}
}

static void json_helpers(struct netsh *sh)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	jw_arr_begin(&w);
	helper_objects(&w, &ctx_root, NULL);
	jw_arr_end(&w);
	emit(&w);
}

/* what catalog -j show prints */
static void json_catalog(struct netsh *sh, const struct netcfg_catalog *c, bool verbose)
{
	struct jw w;
	(void)sh;
	jw_init(&w);
	catalog_write_json(&w, c, verbose);
	emit(&w);
}

const struct netsh_output netsh_json_output = {
	.interfaces = json_interfaces,
	.addresses = json_addresses,
	.joins = json_joins,
	.routes = json_routes,
	.policies = json_policies,
	.global = json_global,
	.privacy = json_privacy,
	.mobility = json_mobility,
	.dns = json_dns,
	.neighbors = json_neighbors,
	.destcache = json_destcache,
	.site_prefixes = json_site_prefixes,
	.bindings = json_bindings,
	.sixtofour = json_sixtofour,
	.isatap = json_isatap,
	.catalog = json_catalog,
	.aliases = json_aliases,
	.helpers = json_helpers,
};
