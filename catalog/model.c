/* SPDX-License-Identifier: MIT */
/* model.c - the catalog's tables and their changes (see catalog.h). */
#include "catalog.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, CATALOG_ERRLEN, fmt, ap);
	va_end(ap);
	return code;
}

static int oom(char *err)
{
	return fail(err, NETCFG_WSA_NOT_ENOUGH_MEMORY, "out of memory");
}

/* Grow an array of elem-sized items to hold want. */
static int grow(void **v, size_t *cap, size_t want, size_t elem)
{
	if (want <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 8;
	while (nc < want)
		nc *= 2;
	void *nv = realloc(*v, nc * elem);
	if (!nv)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}
#define GROW(arr, cap, want) grow((void **)&(arr), &(cap), (want), sizeof(*(arr)))

void catalog_state_init(struct catalog_state *s)
{
	memset(s, 0, sizeof(*s));
	s->cat[0].which = 32;
	s->cat[1].which = 64;
	s->cat[0].next_id = s->cat[1].next_id = CATALOG_FIRST_ID;
	s->next_seq = 1;
}

void catalog_state_free(struct catalog_state *s)
{
	for (int i = 0; i < 2; i++) {
		free(s->cat[i].v);
		free(s->cat[i].ns);
	}
	free(s->apps);
	free(s->events);
	catalog_state_init(s);
}

static void *dup_array(const void *src, size_t n, size_t elem, size_t *cap)
{
	*cap = n;
	if (!n)
		return NULL;
	void *p = malloc(n * elem);
	if (p)
		memcpy(p, src, n * elem);
	return p;
}
#define DUP(dst, src, n, cap)                                                        \
	((dst) = dup_array((src), (n), sizeof(*(src)), &(cap)), (n) && !(dst) ? -1 : 0)

int catalog_state_copy(struct catalog_state *d, const struct catalog_state *s)
{
	*d = *s;
	int bad = 0;
	for (int i = 0; i < 2; i++) {
		bad |= DUP(d->cat[i].v, s->cat[i].v, s->cat[i].n, d->cat[i].cap);
		bad |= DUP(d->cat[i].ns, s->cat[i].ns, s->cat[i].n_ns, d->cat[i].cap_ns);
	}
	bad |= DUP(d->apps, s->apps, s->n_apps, d->cap_apps);
	bad |= DUP(d->events, s->events, s->n_events, d->cap_events);
	if (bad) {
		catalog_state_free(d);
		return -1;
	}
	return 0;
}

struct catalog *catalog_of(struct catalog_state *s, unsigned which)
{
	return which == 32 ? &s->cat[0] : which == 64 ? &s->cat[1] : NULL;
}

const struct catalog *catalog_of_const(const struct catalog_state *s, unsigned which)
{
	return which == 32 ? &s->cat[0] : which == 64 ? &s->cat[1] : NULL;
}

/* ---- lookups ------------------------------------------------------- */

ptrdiff_t catalog_index(const struct catalog *c, uint32_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].info.catalog_entry_id == id)
			return (ptrdiff_t)i;
	return -1;
}

struct netcfg_catalog_entry *catalog_find(struct catalog *c, uint32_t id)
{
	ptrdiff_t i = catalog_index(c, id);
	return i < 0 ? NULL : &c->v[i];
}

ptrdiff_t catalog_ns_index(const struct catalog *c, const struct netcfg_guid *g)
{
	for (size_t i = 0; i < c->n_ns; i++)
		if (netcfg_guid_equal(&c->ns[i].id, g))
			return (ptrdiff_t)i;
	return -1;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

bool catalog_app_lookup(const struct catalog_state *s, const char *app, uint32_t *categories)
{
	const struct netcfg_app_category *hit = NULL;
	for (size_t i = 0; i < s->n_apps && !hit; i++)
		if (strcmp(s->apps[i].app, app) == 0)
			hit = &s->apps[i];
	for (size_t i = 0; i < s->n_apps && !hit; i++)
		if (!strchr(s->apps[i].app, '/') && strcmp(s->apps[i].app, base_name(app)) == 0)
			hit = &s->apps[i];
	if (hit)
		*categories = hit->categories;
	return hit != NULL;
}

const char *catalog_entry_unusable(const struct catalog *c, const struct netcfg_catalog_entry *e,
				   const uint32_t *app, char *buf, size_t size)
{
	const struct netcfg_protocol_info *p = &e->info;
	if (p->chain_len == NETCFG_LAYERED_PROTOCOL) {
		snprintf(buf, size, "a layered entry is not selectable by itself");
		return buf;
	}
	if (p->chain_len == NETCFG_BASE_PROTOCOL)
		return NULL;
	if (!e->enabled) {
		snprintf(buf, size, "the chain entry is disabled");
		return buf;
	}
	for (int k = 0; k < p->chain_len; k++) {
		ptrdiff_t i = catalog_index(c, p->chain[k]);
		if (i < 0) {
			snprintf(buf, size, "chain element %d (entry %u) is not installed", k, p->chain[k]);
			return buf;
		}
		const struct netcfg_catalog_entry *l = &c->v[i];
		if (k == p->chain_len - 1)
			break;
		if (!l->enabled) {
			snprintf(buf, size, "its layered entry %u (%s) is disabled", p->chain[k],
				 l->info.description);
			return buf;
		}
		if (app && !netcfg_lsp_loads(*app, l->categories)) {
			snprintf(buf, size, "its layered entry %u (%s) is not loaded into this "
				 "application (its categories: 0x%X)", p->chain[k], l->info.description,
				 l->categories);
			return buf;
		}
	}
	return NULL;
}

/* ---- events -------------------------------------------------------- */

int catalog_log_event(struct catalog_state *s, const struct netcfg_catalog_event *e)
{
	if (s->n_events == CATALOG_EVENTS_MAX) {
		memmove(s->events, s->events + 1, (s->n_events - 1) * sizeof(*s->events));
		s->n_events--;
	}
	if (GROW(s->events, s->cap_events, s->n_events + 1) < 0)
		return -1;
	struct netcfg_catalog_event *x = &s->events[s->n_events++];
	*x = *e;
	x->seq = s->next_seq++;
	x->level = 4;
	return 0;
}

/* Events 1-3 for a layered or chain entry.  A chain is "under" its base
 * provider; a layered entry stands on its own GUID. */
static int lsp_event(struct catalog_state *s, const struct catalog *c, uint32_t id,
		     const struct netcfg_catalog_entry *e, const struct catalog_actor *a)
{
	struct netcfg_catalog_event ev = { .id = id, .catalog = c->which, .time = a->now };
	const struct netcfg_protocol_info *p = &e->info;
	snprintf(ev.lsp_name, sizeof(ev.lsp_name), "%s", p->description);
	snprintf(ev.installer, sizeof(ev.installer), "%s", a->installer ? a->installer : "");
	ev.guid = p->provider_id;
	if (p->chain_len > 1) {
		ptrdiff_t b = catalog_index(c, p->chain[p->chain_len - 1]);
		if (b >= 0)
			ev.guid = c->v[b].info.provider_id;
	}
	ev.category = p->catalog_entry_id;
	return catalog_log_event(s, &ev);
}

/* ---- install ------------------------------------------------------- */

static ptrdiff_t provider_first(const struct catalog *c, const struct netcfg_guid *g)
{
	for (size_t i = 0; i < c->n; i++)
		if (netcfg_guid_equal(&c->v[i].info.provider_id, g))
			return (ptrdiff_t)i;
	return -1;
}

/* The kind of an entry known either in the catalog or among the new
 * entries of this install (ids >= first_new). */
static const struct netcfg_catalog_entry *known(const struct catalog *c,
						const struct netcfg_catalog_entry *fresh, size_t n_fresh,
						uint32_t id)
{
	ptrdiff_t i = catalog_index(c, id);
	if (i >= 0)
		return &c->v[i];
	for (size_t k = 0; k < n_fresh; k++)
		if (fresh[k].info.catalog_entry_id == id)
			return &fresh[k];
	return NULL;
}

/* The seeds' chain rules: every element installed, layers first, one base
 * at the end, no layer twice. */
static int check_chain(const struct catalog *c, const struct netcfg_catalog_entry *fresh,
		       size_t n_fresh, const struct netcfg_protocol_info *p, char *err)
{
	for (int k = 0; k < p->chain_len; k++) {
		const struct netcfg_catalog_entry *x = known(c, fresh, n_fresh, p->chain[k]);
		if (!x)
			return fail(err, NETCFG_WSAEINVAL, "chain \"%s\": element %d (catalog entry %u) "
				    "is not installed; install the chain's parts first",
				    p->description, k, p->chain[k]);
		for (int j = 0; j < k; j++)
			if (p->chain[j] == p->chain[k])
				return fail(err, NETCFG_WSAEINVAL, "chain \"%s\": catalog entry %u appears "
					    "twice; a chain may not contain the same layer twice",
					    p->description, p->chain[k]);
		bool last = k == p->chain_len - 1;
		if (last && x->info.chain_len != NETCFG_BASE_PROTOCOL)
			return fail(err, NETCFG_WSAEINVAL, "chain \"%s\": its last element %u is not a "
				    "base entry", p->description, p->chain[k]);
		if (!last && x->info.chain_len != NETCFG_LAYERED_PROTOCOL)
			return fail(err, NETCFG_WSAEINVAL, "chain \"%s\": element %d (%u) is not a "
				    "layered entry; only the last element is a base", p->description, k,
				    p->chain[k]);
	}
	return 0;
}

static int check_entry_shape(const struct netcfg_protocol_info *p, size_t i, char *err)
{
	if (!p->description[0])
		return fail(err, NETCFG_WSAEINVAL, "entry %zu has no description", i + 1);
	if (p->chain_len < 0 || p->chain_len > NETCFG_MAX_PROTOCOL_CHAIN)
		return fail(err, NETCFG_WSAEINVAL, "entry \"%s\": chain length %d is not 0 to %d",
			    p->description, p->chain_len, NETCFG_MAX_PROTOCOL_CHAIN);
	return 0;
}

static int check_provider(const struct catalog *c, const struct netcfg_provider_install *p, char *err)
{
	char g[NETCFG_GUID_STRLEN];
	if (netcfg_guid_is_nil(&p->provider_id))
		return fail(err, NETCFG_WSAEINVAL, "the provider has no GUID");
	if (!p->path[0])
		return fail(err, NETCFG_WSAEINVAL, "provider %s has no path",
			    netcfg_guid_format(&p->provider_id, g));
	if (p->n == 0)
		return fail(err, NETCFG_WSAEINVAL, "provider %s has no protocol entries",
			    netcfg_guid_format(&p->provider_id, g));
	if (p->categories & ~NETCFG_LSP_KNOWN)
		return fail(err, NETCFG_WSAEINVAL, "categories 0x%X have bits that are no LSP category",
			    p->categories);
	for (size_t i = 0; i < p->n; i++) {
		int rc = check_entry_shape(&p->entries[i], i, err);
		if (rc)
			return rc;
	}
	(void)c;
	return 0;
}

int catalog_install(struct catalog_state *s, unsigned which, const struct netcfg_provider_install *p,
		    const struct catalog_actor *a, uint32_t *ids, char *err)
{
	struct catalog *c = catalog_of(s, which);
	char g[NETCFG_GUID_STRLEN];
	int rc = check_provider(c, p, err);
	if (rc)
		return rc;
	ptrdiff_t dup = provider_first(c, &p->provider_id);
	if (dup >= 0)
		return fail(err, NETCFG_WSAEINVAL, "provider %s is already installed in the %u-bit "
			    "catalog (entry %u); remove it or update it",
			    netcfg_guid_format(&p->provider_id, g), c->which, c->v[dup].info.catalog_entry_id);
	if (catalog_ns_index(c, &p->provider_id) >= 0)
		return fail(err, NETCFG_WSAEINVAL, "%s is the GUID of a namespace provider",
			    netcfg_guid_format(&p->provider_id, g));
	if (c->next_id > UINT32_MAX - p->n)
		return fail(err, NETCFG_WSAENOBUFS, "the %u-bit catalog has run out of entry ids", c->which);

	struct netcfg_catalog_entry *fresh = calloc(p->n, sizeof(*fresh));
	if (!fresh)
		return oom(err);
	uint32_t self = 0;   /* the first layered entry of this install */
	for (size_t i = 0; i < p->n; i++) {
		struct netcfg_catalog_entry *e = &fresh[i];
		e->info = p->entries[i];
		e->info.provider_id = p->provider_id;
		e->info.catalog_entry_id = c->next_id + (uint32_t)i;
		snprintf(e->path, sizeof(e->path), "%s", p->path);
		e->enabled = true;
		if (e->info.chain_len == NETCFG_LAYERED_PROTOCOL) {
			e->categories = p->categories;
			if (!self)
				self = e->info.catalog_entry_id;
		}
		if (e->info.chain_len > 1) {
			for (int k = 0; k < e->info.chain_len; k++) {
				if (e->info.chain[k] != NETCFG_CATALOG_SELF)
					continue;
				if (!self) {
					free(fresh);
					return fail(err, NETCFG_WSAEINVAL, "chain \"%s\": element %d names "
						    "this provider's layered entry, but none comes before it",
						    e->info.description, k);
				}
				e->info.chain[k] = self;
			}
			if ((rc = check_chain(c, fresh, i, &e->info, err))) {
				free(fresh);
				return rc;
			}
		}
	}
	if (GROW(c->v, c->cap, c->n + p->n) < 0 ||
	    GROW(s->events, s->cap_events, s->n_events + p->n)) {
		free(fresh);
		return oom(err);
	}
	memcpy(c->v + c->n, fresh, p->n * sizeof(*fresh));
	c->n += p->n;
	c->next_id += (uint32_t)p->n;
	for (size_t i = 0; i < p->n; i++) {
		if (ids)
			ids[i] = fresh[i].info.catalog_entry_id;
		if (fresh[i].info.chain_len != NETCFG_BASE_PROTOCOL)
			lsp_event(s, c, NETCFG_EVENT_LSP_INSTALL, &fresh[i], a);
	}
	free(fresh);
	s->generation++;
	return 0;
}

/* ---- update -------------------------------------------------------- */

int catalog_update(struct catalog_state *s, unsigned which, const struct netcfg_provider_install *p,
		   char *err)
{
	struct catalog *c = catalog_of(s, which);
	char g[NETCFG_GUID_STRLEN];
	int rc = check_provider(c, p, err);
	if (rc)
		return rc;
	netcfg_guid_format(&p->provider_id, g);
	size_t have = 0;
	for (size_t i = 0; i < c->n; i++)
		have += netcfg_guid_equal(&c->v[i].info.provider_id, &p->provider_id);
	if (!have)
		return fail(err, NETCFG_WSAEINVALIDPROVIDER, "no provider %s in the %u-bit catalog", g,
			    c->which);
	if (have != p->n)
		return fail(err, NETCFG_WSAEINVAL, "provider %s has %zu entries in the %u-bit catalog, "
			    "the update describes %zu", g, have, c->which, p->n);
	/* "this provider's layered entry" in a chain is its first one */
	uint32_t self = 0;
	for (size_t i = 0; i < c->n && !self; i++)
		if (netcfg_guid_equal(&c->v[i].info.provider_id, &p->provider_id) &&
		    c->v[i].info.chain_len == NETCFG_LAYERED_PROTOCOL)
			self = c->v[i].info.catalog_entry_id;
	struct netcfg_protocol_info *fresh = calloc(p->n, sizeof(*fresh));
	if (!fresh)
		return oom(err);
	memcpy(fresh, p->entries, p->n * sizeof(*fresh));
	for (size_t i = 0; i < p->n; i++)
		for (int k = 0; k < fresh[i].chain_len && fresh[i].chain_len > 1; k++)
			if (fresh[i].chain[k] == NETCFG_CATALOG_SELF)
				fresh[i].chain[k] = self;
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct netcfg_catalog_entry *e = &c->v[i];
		if (!netcfg_guid_equal(&e->info.provider_id, &p->provider_id))
			continue;
		const struct netcfg_protocol_info *n = &fresh[k++];
		if (n->chain_len != e->info.chain_len ||
		    (n->chain_len > 1 && memcmp(n->chain, e->info.chain,
						(size_t)n->chain_len * sizeof(n->chain[0])) != 0)) {
			free(fresh);
			return fail(err, NETCFG_WSAEINVAL, "entry %u (%s): an update cannot change what "
				    "kind of entry it is or its chain; remove and install instead",
				    e->info.catalog_entry_id, e->info.description);
		}
	}
	k = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct netcfg_catalog_entry *e = &c->v[i];
		if (!netcfg_guid_equal(&e->info.provider_id, &p->provider_id))
			continue;
		uint32_t id = e->info.catalog_entry_id;
		e->info = fresh[k++];
		e->info.catalog_entry_id = id;
		e->info.provider_id = p->provider_id;
		snprintf(e->path, sizeof(e->path), "%s", p->path);
		if (e->info.chain_len == NETCFG_LAYERED_PROTOCOL && p->categories)
			e->categories = p->categories;
	}
	free(fresh);
	s->generation++;
	return 0;
}

int catalog_update_entry(struct catalog_state *s, unsigned which, uint32_t id, unsigned mask,
			 const struct netcfg_catalog_entry *v, char *err)
{
	struct catalog *c = catalog_of(s, which);
	struct netcfg_catalog_entry *e = catalog_find(c, id);
	if (!e)
		return fail(err, NETCFG_WSAEINVALIDPROVIDER, "no catalog entry %u in the %u-bit catalog",
			    id, c->which);
	if ((mask & NETCFG_UPDATE_PATH) && !v->path[0])
		return fail(err, NETCFG_WSAEINVAL, "entry %u: the path may not be empty", id);
	if ((mask & NETCFG_UPDATE_DESCRIPTION) && !v->info.description[0])
		return fail(err, NETCFG_WSAEINVAL, "entry %u: the description may not be empty", id);
	if (mask & NETCFG_UPDATE_PATH)
		snprintf(e->path, sizeof(e->path), "%s", v->path);
	if (mask & NETCFG_UPDATE_DESCRIPTION)
		snprintf(e->info.description, sizeof(e->info.description), "%s", v->info.description);
	if (mask & NETCFG_UPDATE_SERVICE_FLAGS)
		e->info.service_flags = v->info.service_flags;
	if (mask & NETCFG_UPDATE_PROVIDER_FLAGS)
		e->info.provider_flags = v->info.provider_flags;
	if (mask & NETCFG_UPDATE_MESSAGE_SIZE)
		e->info.message_size = v->info.message_size;
	s->generation++;
	return 0;
}

/* ---- remove -------------------------------------------------------- */

static bool selected(const struct netcfg_catalog_entry *e, const struct netcfg_guid *g, uint32_t id)
{
	return g ? netcfg_guid_equal(&e->info.provider_id, g) : e->info.catalog_entry_id == id;
}

/* The message for "nothing has that GUID or id". */
static int no_target(const struct catalog *c, const struct netcfg_guid *g, uint32_t id, char *err)
{
	char buf[NETCFG_GUID_STRLEN];
	if (g)
		return fail(err, NETCFG_WSAEINVALIDPROVIDER, "no provider %s in the %u-bit catalog",
			    netcfg_guid_format(g, buf), c->which);
	return fail(err, NETCFG_WSAEINVALIDPROVIDER, "no catalog entry %u in the %u-bit catalog", id,
		    c->which);
}

int catalog_remove(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, uint32_t id,
		   bool force, const struct catalog_actor *a, char *err)
{
	struct catalog *c = catalog_of(s, which);
	size_t hits = 0;
	for (size_t i = 0; i < c->n; i++)
		hits += selected(&c->v[i], g, id);
	if (!hits)
		return no_target(c, g, id, err);
	for (size_t i = 0; i < c->n && !force; i++) {
		const struct netcfg_catalog_entry *e = &c->v[i];
		if (selected(e, g, id) || e->info.chain_len < 2)
			continue;
		for (int k = 0; k < e->info.chain_len; k++) {
			ptrdiff_t x = catalog_index(c, e->info.chain[k]);
			if (x >= 0 && selected(&c->v[x], g, id))
				return fail(err, NETCFG_WSAEINVAL, "entry %u (%s) is part of chain %u (%s); "
					    "remove that chain first, or use --force",
					    e->info.chain[k], c->v[x].info.description,
					    e->info.catalog_entry_id, e->info.description);
		}
	}
	if (GROW(s->events, s->cap_events, s->n_events + hits) < 0)
		return oom(err);
	size_t out = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (selected(&c->v[i], g, id)) {
			if (c->v[i].info.chain_len != NETCFG_BASE_PROTOCOL)
				lsp_event(s, c, NETCFG_EVENT_LSP_REMOVE, &c->v[i], a);
			continue;
		}
		c->v[out++] = c->v[i];
	}
	c->n = out;
	s->generation++;
	return 0;
}

/* ---- order --------------------------------------------------------- */

/* WSCWriteProviderOrder: ids must name every entry exactly once. */
int catalog_order(struct catalog_state *s, unsigned which, const uint32_t *ids, size_t n, char *err)
{
	struct catalog *c = catalog_of(s, which);
	if (n != c->n)
		return fail(err, NETCFG_WSAEINVAL, "the order names %zu entries, the %u-bit catalog has "
			    "%zu; give every catalog entry id once", n, c->which, c->n);
	struct netcfg_catalog_entry *nv = malloc((n ? n : 1) * sizeof(*nv));
	bool *used = calloc(n ? n : 1, sizeof(*used));
	if (!nv || !used) {
		free(nv);
		free(used);
		return oom(err);
	}
	for (size_t k = 0; k < n; k++) {
		ptrdiff_t i = catalog_index(c, ids[k]);
		int rc = 0;
		if (i < 0)
			rc = fail(err, NETCFG_WSAEINVAL, "catalog entry %u is not in the %u-bit catalog",
				  ids[k], c->which);
		else if (used[i])
			rc = fail(err, NETCFG_WSAEINVAL, "catalog entry %u is named twice", ids[k]);
		if (rc) {
			free(nv);
			free(used);
			return rc;
		}
		used[i] = true;
		nv[k] = c->v[i];
	}
	if (n)
		memcpy(c->v, nv, n * sizeof(*nv));
	free(nv);
	free(used);
	s->generation++;
	return 0;
}

/* ---- enable / disable, categories ---------------------------------- */

int catalog_enable(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, uint32_t id,
		   bool enable, const struct catalog_actor *a, char *err)
{
	struct catalog *c = catalog_of(s, which);
	size_t hits = 0, lsp = 0;
	for (size_t i = 0; i < c->n; i++)
		if (selected(&c->v[i], g, id)) {
			hits++;
			lsp += c->v[i].info.chain_len != NETCFG_BASE_PROTOCOL;
		}
	if (!hits)
		return no_target(c, g, id, err);
	if (!lsp)
		return fail(err, NETCFG_WSAEINVAL, "%s is a base provider; only layered providers and "
			    "chains can be %s", g ? "the provider" : "the entry",
			    enable ? "enabled" : "disabled");
	if (GROW(s->events, s->cap_events, s->n_events + lsp) < 0)
		return oom(err);
	for (size_t i = 0; i < c->n; i++) {
		struct netcfg_catalog_entry *e = &c->v[i];
		if (!selected(e, g, id) || e->info.chain_len == NETCFG_BASE_PROTOCOL)
			continue;
		if (e->enabled && !enable)
			lsp_event(s, c, NETCFG_EVENT_LSP_DISABLE, e, a);
		e->enabled = enable;
	}
	s->generation++;
	return 0;
}

int catalog_set_categories(struct catalog_state *s, unsigned which, const struct netcfg_guid *g,
			   uint32_t id, uint32_t categories, char *err)
{
	struct catalog *c = catalog_of(s, which);
	size_t hits = 0, layered = 0;
	const struct netcfg_catalog_entry *other = NULL;
	if (categories & ~NETCFG_LSP_KNOWN)
		return fail(err, NETCFG_WSAEINVAL, "categories 0x%X have bits that are no LSP category",
			    categories);
	for (size_t i = 0; i < c->n; i++) {
		if (!selected(&c->v[i], g, id))
			continue;
		hits++;
		if (c->v[i].info.chain_len == NETCFG_LAYERED_PROTOCOL)
			layered++;
		else
			other = &c->v[i];
	}
	if (!hits)
		return no_target(c, g, id, err);
	if (!layered) {
		if (other->info.chain_len > 1)
			return fail(err, NETCFG_WSAEINVAL, "entry %u is a chain; categories belong to its "
				    "layered entries (%u)", other->info.catalog_entry_id,
				    other->info.chain[0]);
		return fail(err, NETCFG_WSAEINVAL, "categories belong to layered providers; entry %u "
			    "(%s) is a base provider", other->info.catalog_entry_id,
			    other->info.description);
	}
	for (size_t i = 0; i < c->n; i++)
		if (selected(&c->v[i], g, id) && c->v[i].info.chain_len == NETCFG_LAYERED_PROTOCOL)
			c->v[i].categories = categories;
	s->generation++;
	return 0;
}

int catalog_set_app(struct catalog_state *s, const char *app, uint32_t categories, char *err)
{
	if (!app || !app[0])
		return fail(err, NETCFG_WSAEINVAL, "the application name is empty");
	if (strlen(app) >= NETCFG_APP_NAME_MAX)
		return fail(err, NETCFG_WSAEINVAL, "the application name is too long");
	if (categories & ~NETCFG_LSP_KNOWN)
		return fail(err, NETCFG_WSAEINVAL, "categories 0x%X have bits that are no LSP category",
			    categories);
	size_t i = 0;
	while (i < s->n_apps && strcmp(s->apps[i].app, app) != 0)
		i++;
	if (categories == 0) {
		if (i == s->n_apps)
			return fail(err, NETCFG_WSAEINVAL, "application \"%s\" has no categories", app);
		memmove(s->apps + i, s->apps + i + 1, (s->n_apps - i - 1) * sizeof(*s->apps));
		s->n_apps--;
	} else {
		if (i == s->n_apps) {
			if (GROW(s->apps, s->cap_apps, s->n_apps + 1) < 0)
				return oom(err);
			memset(&s->apps[i], 0, sizeof(s->apps[i]));
			snprintf(s->apps[i].app, sizeof(s->apps[i].app), "%s", app);
			s->n_apps++;
		}
		s->apps[i].categories = categories;
	}
	s->generation++;
	return 0;
}

/* ---- namespace providers ------------------------------------------- */

static int no_ns(const struct catalog *c, const struct netcfg_guid *g, char *err)
{
	char buf[NETCFG_GUID_STRLEN];
	return fail(err, NETCFG_WSAEINVALIDPROVIDER, "no namespace provider %s in the %u-bit catalog",
		    netcfg_guid_format(g, buf), c->which);
}

int catalog_ns_install(struct catalog_state *s, unsigned which, const struct netcfg_ns_provider *p,
		       char *err)
{
	struct catalog *c = catalog_of(s, which);
	char g[NETCFG_GUID_STRLEN];
	netcfg_guid_format(&p->id, g);
	if (netcfg_guid_is_nil(&p->id))
		return fail(err, NETCFG_WSAEINVAL, "the namespace provider has no GUID");
	if (!p->description[0])
		return fail(err, NETCFG_WSAEINVAL, "namespace provider %s has no description", g);
	if (!p->path[0])
		return fail(err, NETCFG_WSAEINVAL, "namespace provider %s has no path", g);
	if (catalog_ns_index(c, &p->id) >= 0)
		return fail(err, NETCFG_WSAEINVAL, "namespace provider %s is already installed in the "
			    "%u-bit catalog", g, c->which);
	if (provider_first(c, &p->id) >= 0)
		return fail(err, NETCFG_WSAEINVAL, "%s is the GUID of a transport provider", g);
	if (GROW(c->ns, c->cap_ns, c->n_ns + 1) < 0)
		return oom(err);
	c->ns[c->n_ns++] = *p;
	s->generation++;
	return 0;
}

int catalog_ns_remove(struct catalog_state *s, unsigned which, const struct netcfg_guid *g, char *err)
{
	struct catalog *c = catalog_of(s, which);
	ptrdiff_t i = catalog_ns_index(c, g);
	if (i < 0)
		return no_ns(c, g, err);
	memmove(c->ns + i, c->ns + i + 1, (c->n_ns - (size_t)i - 1) * sizeof(*c->ns));
	c->n_ns--;
	s->generation++;
	return 0;
}

int catalog_ns_enable(struct catalog_state *s, unsigned which, const struct netcfg_guid *g,
		      bool active, char *err)
{
	struct catalog *c = catalog_of(s, which);
	ptrdiff_t i = catalog_ns_index(c, g);
	if (i < 0)
		return no_ns(c, g, err);
	c->ns[i].active = active;
	s->generation++;
	return 0;
}

int catalog_ns_order(struct catalog_state *s, unsigned which, const struct netcfg_guid *ids, size_t n,
		     char *err)
{
	struct catalog *c = catalog_of(s, which);
	char g[NETCFG_GUID_STRLEN];
	if (n != c->n_ns)
		return fail(err, NETCFG_WSAEINVAL, "the order names %zu namespace providers, the %u-bit "
			    "catalog has %zu; give every GUID once", n, c->which, c->n_ns);
	struct netcfg_ns_provider *nv = malloc((n ? n : 1) * sizeof(*nv));
	bool *used = calloc(n ? n : 1, sizeof(*used));
	int rc = 0;
	if (!nv || !used)
		rc = oom(err);
	for (size_t k = 0; k < n && !rc; k++) {
		ptrdiff_t i = catalog_ns_index(c, &ids[k]);
		if (i < 0)
			rc = fail(err, NETCFG_WSAEINVAL, "namespace provider %s is not in the %u-bit "
				  "catalog", netcfg_guid_format(&ids[k], g), c->which);
		else if (used[i])
			rc = fail(err, NETCFG_WSAEINVAL, "namespace provider %s is named twice",
				  netcfg_guid_format(&ids[k], g));
		else {
			used[i] = true;
			nv[k] = c->ns[i];
		}
	}
	if (!rc && n)
		memcpy(c->ns, nv, n * sizeof(*nv));
	free(nv);
	free(used);
	if (!rc)
		s->generation++;
	return rc;
}

/* ---- reset --------------------------------------------------------- */

int catalog_reset(struct catalog_state *s, unsigned which, const struct catalog_env *env,
		  const struct catalog_actor *a, char *err)
{
	struct catalog *c = catalog_of(s, which);
	struct catalog fresh = { .which = which };
	if (catalog_default_entries(&fresh, env) < 0 ||
	    GROW(s->events, s->cap_events, s->n_events + 1) < 0) {
		free(fresh.v);
		return oom(err);
	}
	free(c->v);
	c->v = fresh.v;
	c->n = fresh.n;
	c->cap = fresh.cap;
	c->next_id = fresh.next_id;
	struct netcfg_catalog_event ev = { .id = NETCFG_EVENT_CATALOG_RESET, .catalog = which,
					   .time = a->now };
	snprintf(ev.installer, sizeof(ev.installer), "%s", a->installer ? a->installer : "");
	catalog_log_event(s, &ev);
	s->generation++;
	return 0;
}
