/* SPDX-License-Identifier: MIT */
/*
 * verify.c - what breaks programs in practice: chains that point at
 * missing entries, the same layer twice, chains that are not layers over
 * one base, provider files that are missing or are not shared objects
 * exporting the entry point, duplicate GUIDs and ids, unknown category
 * bits.  The safe repairs (removing broken chains, disabling layers whose
 * file is unusable, clearing unknown category bits, deactivating
 * namespace providers whose file is gone) are made with repair.
 */
#include "catalog.h"

#include <netcfg/provider.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void catalog_findings_free(struct catalog_findings *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static struct netcfg_catalog_finding *add(struct catalog_findings *f, enum netcfg_finding_kind kind,
					  unsigned which, const struct netcfg_catalog_entry *e,
					  bool repairable, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static struct netcfg_catalog_finding *add(struct catalog_findings *f, enum netcfg_finding_kind kind,
					  unsigned which, const struct netcfg_catalog_entry *e,
					  bool repairable, const char *fmt, ...)
{
	if (f->n == f->cap) {
		size_t nc = f->cap ? 2 * f->cap : 8;
		void *nv = realloc(f->v, nc * sizeof(*f->v));
		if (!nv)
			return NULL;
		f->v = nv;
		f->cap = nc;
	}
	struct netcfg_catalog_finding *x = &f->v[f->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->catalog = which;
	x->repairable = repairable;
	if (e) {
		x->entry_id = e->info.catalog_entry_id;
		x->guid = e->info.provider_id;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->message, sizeof(x->message), fmt, ap);
	va_end(ap);
	return x;
}

#define REPAIR(x, ...) do { if (x) snprintf((x)->repair, sizeof((x)->repair), __VA_ARGS__); } while (0)

/* What is wrong with a chain entry's chain, or NULL. */
static const char *chain_problem(const struct catalog *c, const struct netcfg_protocol_info *p,
				 enum netcfg_finding_kind *kind, char *buf, size_t size)
{
	if (p->chain_len < 0 || p->chain_len > NETCFG_MAX_PROTOCOL_CHAIN) {
		*kind = NETCFG_FIND_CHAIN_SHAPE;
		snprintf(buf, size, "has chain length %d", p->chain_len);
		return buf;
	}
	for (int k = 0; k < p->chain_len && p->chain_len > 1; k++) {
		ptrdiff_t x = catalog_index(c, p->chain[k]);
		if (x < 0) {
			*kind = NETCFG_FIND_CHAIN_MISSING;
			snprintf(buf, size, "chain element %d refers to catalog entry %u, which is not "
				 "installed", k, p->chain[k]);
			return buf;
		}
		for (int j = 0; j < k; j++)
			if (p->chain[j] == p->chain[k]) {
				*kind = NETCFG_FIND_CHAIN_DUPLICATE;
				snprintf(buf, size, "its chain contains layer %u twice", p->chain[k]);
				return buf;
			}
		int want = k == p->chain_len - 1 ? NETCFG_BASE_PROTOCOL : NETCFG_LAYERED_PROTOCOL;
		if (c->v[x].info.chain_len != want) {
			*kind = NETCFG_FIND_CHAIN_SHAPE;
			snprintf(buf, size, "chain element %d (%u) is a %s, where a %s belongs", k,
				 p->chain[k], netcfg_entry_type_name(c->v[x].info.chain_len),
				 want ? "base entry" : "layered entry");
			return buf;
		}
	}
	return NULL;
}

static int log_removed(struct catalog_state *s, struct catalog *c, const struct netcfg_catalog_entry *e,
		       const struct catalog_actor *a, uint32_t id)
{
	struct netcfg_catalog_event ev = { .id = id, .catalog = c->which, .time = a->now,
					   .guid = e->info.provider_id,
					   .category = e->info.catalog_entry_id };
	snprintf(ev.lsp_name, sizeof(ev.lsp_name), "%s", e->info.description);
	snprintf(ev.installer, sizeof(ev.installer), "%s", a->installer ? a->installer : "");
	return catalog_log_event(s, &ev);
}

int catalog_verify(struct catalog_state *s, unsigned which, bool repair, const struct catalog_actor *a,
		   struct catalog_findings *f)
{
	struct catalog *c = catalog_of(s, which);
	char buf[256], g[NETCFG_GUID_STRLEN];
	bool *drop = calloc(c->n ? c->n : 1, sizeof(*drop));
	bool changed = false;
	if (!drop)
		return -1;

	for (size_t i = 0; i < c->n; i++) {
		struct netcfg_catalog_entry *e = &c->v[i];
		const char *desc = e->info.description;
		uint32_t id = e->info.catalog_entry_id;
		struct netcfg_catalog_finding *x;

		for (size_t j = 0; j < i; j++)
			if (c->v[j].info.catalog_entry_id == id) {
				x = add(f, NETCFG_FIND_DUPLICATE_ID, which, e, false,
					"entry %u (%s): another entry (%s) has the same catalog entry id",
					id, desc, c->v[j].info.description);
				REPAIR(x, "remove one of the two providers by GUID, or run catalog reset");
				break;
			}
		for (size_t j = 0; j < i; j++) {
			const struct netcfg_catalog_entry *o = &c->v[j];
			if (netcfg_guid_equal(&o->info.provider_id, &e->info.provider_id) &&
			    strcmp(o->path, e->path) != 0) {
				x = add(f, NETCFG_FIND_DUPLICATE_GUID, which, e, false,
					"entry %u (%s): provider GUID %s is also used by entry %u with "
					"another file (%s)", id, desc,
					netcfg_guid_format(&e->info.provider_id, g),
					o->info.catalog_entry_id, o->path);
				REPAIR(x, "reinstall one of the providers under a GUID of its own");
				break;
			}
		}
		if (catalog_ns_index(c, &e->info.provider_id) >= 0) {
			x = add(f, NETCFG_FIND_DUPLICATE_GUID, which, e, false,
				"entry %u (%s): GUID %s is also a namespace provider's", id, desc,
				netcfg_guid_format(&e->info.provider_id, g));
			REPAIR(x, "reinstall one of the two under a GUID of its own");
		}

		enum netcfg_finding_kind kind;
		if (chain_problem(c, &e->info, &kind, buf, sizeof(buf))) {
			x = add(f, kind, which, e, true, "entry %u (%s): %s", id, desc, buf);
			REPAIR(x, "remove the chain entry (catalog remove %u)", id);
			if (repair && x) {
				drop[i] = x->repaired = true;
				changed = true;
			}
			continue;
		}
		if (e->info.chain_len == NETCFG_LAYERED_PROTOCOL && (e->categories & ~NETCFG_LSP_KNOWN)) {
			x = add(f, NETCFG_FIND_CATEGORY_BITS, which, e, true,
				"entry %u (%s): categories 0x%X have unknown bits 0x%X", id, desc,
				e->categories, e->categories & ~NETCFG_LSP_KNOWN);
			REPAIR(x, "clear the unknown bits");
			if (repair && x) {
				e->categories &= NETCFG_LSP_KNOWN;
				x->repaired = changed = true;
			}
		}
		if (!e->enabled && e->info.chain_len != NETCFG_BASE_PROTOCOL)
			continue;  /* never loaded, so its file breaks nothing */
		if (catalog_elf_check(e->path, which, NETCFG_PROVIDER_ENTRY, buf, sizeof(buf)) < 0) {
			bool lsp = e->info.chain_len != NETCFG_BASE_PROTOCOL;
			x = add(f, NETCFG_FIND_FILE, which, e, lsp, "entry %u (%s): provider file %s %s", id,
				desc, e->path, buf);
			if (lsp)
				REPAIR(x, "disable the layered provider, then reinstall it with a working file");
			else
				REPAIR(x, "reinstall the provider, or run catalog reset to restore the default "
				       "base providers");
			if (repair && lsp && x) {
				e->enabled = false;
				log_removed(s, c, e, a, NETCFG_EVENT_LSP_DISABLE);
				x->repaired = changed = true;
			}
		}
	}
	size_t out = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (drop[i]) {
			log_removed(s, c, &c->v[i], a, NETCFG_EVENT_LSP_REMOVE);
			continue;
		}
		c->v[out++] = c->v[i];
	}
	c->n = out;
	free(drop);

	for (size_t i = 0; i < c->n_ns; i++) {
		struct netcfg_ns_provider *p = &c->ns[i];
		struct netcfg_catalog_finding *x;
		for (size_t j = 0; j < i; j++)
			if (netcfg_guid_equal(&c->ns[j].id, &p->id)) {
				x = add(f, NETCFG_FIND_DUPLICATE_GUID, which, NULL, false,
					"namespace provider %s (%s): GUID %s is also %s's",
					netcfg_guid_format(&p->id, g), p->description, g,
					c->ns[j].description);
				if (x)
					x->guid = p->id;
				REPAIR(x, "remove it (catalog ns remove) and install it under a GUID of its own");
			}
		if (p->active && (p->path[0] != '/' || access(p->path, F_OK) != 0)) {
			x = add(f, NETCFG_FIND_NS_FILE, which, NULL, true,
				"namespace provider %s (%s): file %s does not exist",
				netcfg_guid_format(&p->id, g), p->description, p->path);
			if (x)
				x->guid = p->id;
			REPAIR(x, "deactivate it (catalog ns disable)");
			if (repair && x) {
				p->active = false;
				x->repaired = changed = true;
			}
		}
	}
	/* application categories belong to no catalog: checked with the 64-bit one */
	for (size_t i = 0; which == 64 && i < s->n_apps; i++) {
		struct netcfg_app_category *ap = &s->apps[i];
		if (!(ap->categories & ~NETCFG_LSP_KNOWN))
			continue;
		struct netcfg_catalog_finding *x = add(f, NETCFG_FIND_CATEGORY_BITS, which, NULL, true,
			"application %s: categories 0x%X have unknown bits 0x%X", ap->app,
			ap->categories, ap->categories & ~NETCFG_LSP_KNOWN);
		REPAIR(x, "clear the unknown bits");
		if (repair && x) {
			ap->categories &= NETCFG_LSP_KNOWN;
			x->repaired = changed = true;
		}
	}
	if (changed)
		s->generation++;
	return 0;
}
