/* SPDX-License-Identifier: MIT */
/*
 * state.c - the catalog state as one JSON document: the daemon's catalog
 * file, and its backups.  Each object is written by its codec, so the
 * file holds exactly what `catalog -j` prints.
 */
#include "catalog.h"

#include "../libnetcfg/codec_catalog.h"

#include <stdlib.h>
#include <string.h>

#define STATE_FORMAT "netcfg-catalog"
#define STATE_VERSION 1

void catalog_state_write(struct jw *w, const struct catalog_state *s)
{
	jw_obj_begin(w);
	jw_kstr(w, "format", STATE_FORMAT);
	jw_kint(w, "version", STATE_VERSION);
	jw_kuint(w, "generation", s->generation);
	jw_kuint(w, "next_seq", s->next_seq);
	jw_key(w, "catalogs");
	jw_arr_begin(w);
	for (int i = 0; i < 2; i++) {
		const struct catalog *c = &s->cat[i];
		jw_break(w);
		jw_obj_begin(w);
		jw_kuint(w, "catalog", c->which);
		jw_kuint(w, "next_id", c->next_id);
		jw_key(w, "entries");
		jw_arr_begin(w);
		for (size_t k = 0; k < c->n; k++) {
			jw_break(w);
			codec_catalog_entry_write(w, &c->v[k]);
		}
		jw_arr_end(w);
		jw_key(w, "namespaces");
		jw_arr_begin(w);
		for (size_t k = 0; k < c->n_ns; k++) {
			jw_break(w);
			codec_ns_provider_write(w, &c->ns[k]);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "applications");
	jw_arr_begin(w);
	for (size_t k = 0; k < s->n_apps; k++) {
		jw_break(w);
		codec_app_category_write(w, &s->apps[k]);
	}
	jw_arr_end(w);
	jw_key(w, "events");
	jw_arr_begin(w);
	for (size_t k = 0; k < s->n_events; k++) {
		jw_break(w);
		codec_catalog_event_write(w, &s->events[k]);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static unsigned line_of(const char *s, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* Read the array member key of o with one reader per element into a
 * freshly allocated array. */
static int read_array(const struct jdoc *d, int o, const char *key, size_t elem, void **out,
		      size_t *n, size_t *cap,
		      int (*rd)(const struct jdoc *, int, void *, char *), int *bad_tok, char *msg)
{
	int a = j_get(d, o, key);
	*n = *cap = 0;
	*out = NULL;
	if (a < 0)
		return 0;
	if (j_type(d, a) != J_ARR) {
		*bad_tok = a;
		snprintf(msg, CODEC_ERRLEN, "\"%s\" is not an array", key);
		return -1;
	}
	size_t want = d->t[a].size;
	if (!want)
		return 0;
	char *v = calloc(want, elem);
	if (!v) {
		snprintf(msg, CODEC_ERRLEN, "out of memory");
		return -1;
	}
	*out = v;
	*cap = want;
	for (int x = j_first(d, a); x >= 0; x = j_next(d, x)) {
		if (rd(d, x, v + *n * elem, msg)) {
			*bad_tok = x;
			return -1;
		}
		(*n)++;
	}
	return 0;
}

static int rd_entry(const struct jdoc *d, int o, void *p, char *err)
{
	return codec_catalog_entry_read(d, o, p, err);
}
static int rd_ns(const struct jdoc *d, int o, void *p, char *err)
{
	return codec_ns_provider_read(d, o, p, err);
}
static int rd_app(const struct jdoc *d, int o, void *p, char *err)
{
	return codec_app_category_read(d, o, p, err);
}
static int rd_event(const struct jdoc *d, int o, void *p, char *err)
{
	return codec_catalog_event_read(d, o, p, err);
}

int catalog_state_read(const char *text, size_t len, struct catalog_state *s, char *err, size_t errlen)
{
	struct jdoc d = { 0 };
	char msg[CODEC_ERRLEN] = "";
	int bad_tok = 0, rc = -1;
	long long ver = 0, v;

	catalog_state_init(s);
	if (jdoc_parse(&d, text, len) < 0) {
		snprintf(err, errlen, "%u: %s", line_of(text, d.err_off), d.err);
		jdoc_free(&d);
		return -1;
	}
	if (!j_is_str(&d, j_get(&d, 0, "format"), STATE_FORMAT) || !j_int(&d, j_get(&d, 0, "version"), &ver)) {
		snprintf(err, errlen, "1: not a netcfg catalog file");
		goto out;
	}
	if (ver != STATE_VERSION) {
		snprintf(err, errlen, "1: catalog file version %lld is not supported (expected %d)", ver,
			 STATE_VERSION);
		goto out;
	}
	if (j_int(&d, j_get(&d, 0, "generation"), &v) && v >= 0)
		s->generation = (uint64_t)v;
	if (j_int(&d, j_get(&d, 0, "next_seq"), &v) && v > 0)
		s->next_seq = (uint64_t)v;
	int cats = j_get(&d, 0, "catalogs");
	if (j_type(&d, cats) != J_ARR) {
		snprintf(err, errlen, "1: \"catalogs\" is missing");
		goto out;
	}
	for (int x = j_first(&d, cats); x >= 0; x = j_next(&d, x)) {
		long long which = 0, next = CATALOG_FIRST_ID;
		if (!j_int(&d, j_get(&d, x, "catalog"), &which) || (which != 32 && which != 64)) {
			bad_tok = x;
			snprintf(msg, sizeof(msg), "a catalog is not 32 or 64");
			goto bad;
		}
		struct catalog *c = catalog_of(s, (unsigned)which);
		if (c->v || c->ns) {
			bad_tok = x;
			snprintf(msg, sizeof(msg), "the %lld-bit catalog appears twice", which);
			goto bad;
		}
		if (j_int(&d, j_get(&d, x, "next_id"), &next) && next > 0 && next <= UINT32_MAX)
			c->next_id = (uint32_t)next;
		if (read_array(&d, x, "entries", sizeof(*c->v), (void **)&c->v, &c->n, &c->cap, rd_entry,
			       &bad_tok, msg) ||
		    read_array(&d, x, "namespaces", sizeof(*c->ns), (void **)&c->ns, &c->n_ns, &c->cap_ns,
			       rd_ns, &bad_tok, msg))
			goto bad;
		/* ids are never handed out twice, even after a bad edit */
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].info.catalog_entry_id >= c->next_id)
				c->next_id = c->v[k].info.catalog_entry_id + 1;
	}
	if (read_array(&d, 0, "applications", sizeof(*s->apps), (void **)&s->apps, &s->n_apps,
		       &s->cap_apps, rd_app, &bad_tok, msg) ||
	    read_array(&d, 0, "events", sizeof(*s->events), (void **)&s->events, &s->n_events,
		       &s->cap_events, rd_event, &bad_tok, msg))
		goto bad;
	for (size_t k = 0; k < s->n_events; k++)
		if (s->events[k].seq >= s->next_seq)
			s->next_seq = s->events[k].seq + 1;
	rc = 0;
	goto out;
bad:
	snprintf(err, errlen, "%u: %s", line_of(text, d.t[bad_tok].start), msg);
out:
	jdoc_free(&d);
	if (rc)
		catalog_state_free(s);
	return rc;
}
