/* SPDX-License-Identifier: MIT */
/*
 * plan.c - the load plan of one program, which `catalog run` hands the
 * provider loader: the entries that may serve the program's sockets in
 * catalog order (base entries, and the chains whose layers are enabled and
 * allowed in by the application's categories), each with its layers and
 * its base entry, and the path of every provider GUID for the
 * WPUGetProviderPath upcall.  netcfg-provider(7) documents the format.
 */
#include "catalog.h"

#include "../libnetcfg/codec_catalog.h"

void catalog_plan_write(struct jw *w, const struct catalog_state *s, unsigned which, const char *app)
{
	const struct catalog *c = catalog_of_const(s, which);
	uint32_t cats = 0;
	bool categorized = app && catalog_app_lookup(s, app, &cats);
	char why[256];

	jw_obj_begin(w);
	jw_kstr(w, "format", "netcfg-catalog-plan");
	jw_kint(w, "version", 1);
	jw_kuint(w, "catalog", which);
	jw_kuint(w, "generation", s->generation);
	jw_kstr(w, "app", app ? app : "");
	if (categorized)
		jw_kuint(w, "app_categories", cats);
	jw_key(w, "entries");
	jw_arr_begin(w);
	for (size_t i = 0; i < c->n; i++) {
		const struct netcfg_catalog_entry *e = &c->v[i];
		if (catalog_entry_unusable(c, e, categorized ? &cats : NULL, why, sizeof(why)))
			continue;
		int len = e->info.chain_len;
		ptrdiff_t b = len == NETCFG_BASE_PROTOCOL ? (ptrdiff_t)i
							   : catalog_index(c, e->info.chain[len - 1]);
		jw_obj_begin(w);
		jw_key(w, "entry");
		codec_catalog_entry_write(w, e);
		jw_key(w, "layers");
		jw_arr_begin(w);
		for (int k = 0; k + 1 < len; k++)
			codec_catalog_entry_write(w, &c->v[catalog_index(c, e->info.chain[k])]);
		jw_arr_end(w);
		jw_key(w, "base");
		codec_catalog_entry_write(w, &c->v[b]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "providers");
	jw_arr_begin(w);
	for (size_t i = 0; i < c->n; i++) {
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = netcfg_guid_equal(&c->v[k].info.provider_id, &c->v[i].info.provider_id);
		if (seen)
			continue;
		jw_obj_begin(w);
		codec_kguid(w, "provider_id", &c->v[i].info.provider_id);
		jw_kstr(w, "path", c->v[i].path);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}
