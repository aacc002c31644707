/* SPDX-License-Identifier: MIT */
/* codec_events.c - JSON codecs of the change generations and event kinds. */
#include "codec_events.h"

#include <stdio.h>
#include <string.h>

static const struct {
	unsigned bit;
	const char *name;
} kinds[] = {
	{ NETCFG_EVENTS_ADDRESS, "address" },
	{ NETCFG_EVENTS_ROUTE, "route" },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

const char *netcfg_events_kind_name(unsigned kind)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (kinds[i].bit == kind)
			return kinds[i].name;
	return NULL;
}

static int fail(char *err, const char *obj, const char *field, const char *what)
{
	snprintf(err, CODEC_ERRLEN, "%s: %s %s", obj, field, what);
	return NETCFG_EPROTO;
}

void codec_event_kinds_write(struct jw *w, unsigned mask)
{
	jw_arr_begin(w);
	for (size_t i = 0; i < N_KINDS; i++)
		if (mask & kinds[i].bit)
			jw_str(w, kinds[i].name);
	jw_arr_end(w);
}

int codec_event_kinds_read(const struct jdoc *d, int i, unsigned *out, const char *obj, char *err)
{
	if (j_type(d, i) != J_ARR)
		return fail(err, obj, "kinds", "is not an array of kinds (address, route)");
	unsigned mask = 0;
	for (int e = j_first(d, i); e >= 0; e = j_next(d, e)) {
		char name[16];
		size_t k = N_KINDS;
		if (j_str(d, e, name, sizeof(name)))
			for (k = 0; k < N_KINDS && strcmp(kinds[k].name, name) != 0; k++)
				;
		if (k == N_KINDS) {
			size_t n = 0;
			const char *raw = j_raw(d, e, &n);
			snprintf(err, CODEC_ERRLEN, "%s: kinds has an unknown kind %.*s (address, route)",
				 obj, (int)(n > 32 ? 32 : n), raw);
			return NETCFG_EPROTO;
		}
		mask |= kinds[k].bit;
	}
	if (!mask)
		return fail(err, obj, "kinds", "is empty");
	*out = mask;
	return 0;
}

void codec_events_write(struct jw *w, const struct netcfg_events *e, bool full)
{
	jw_obj_begin(w);
	jw_kuint(w, "epoch", e->epoch);
	jw_kuint(w, "address", e->address);
	jw_kuint(w, "route", e->route);
	if (full) {
		jw_key(w, "changed");
		codec_event_kinds_write(w, e->changed);
		jw_kuint(w, "waiting", e->waiting);
	}
	jw_obj_end(w);
}

/* A generation: a number from 0 to 2^63 - 1. */
static int rd_gen(const struct jdoc *d, int o, const char *key, unsigned bit, uint64_t *v,
		  unsigned *present, const char *obj, char *err)
{
	int t = j_get(d, o, key);
	long long x;
	if (t < 0)
		return 0;
	if (!j_int(d, t, &x) || x < 0)
		return fail(err, obj, key, "is not a generation (a number from 0)");
	*v = (uint64_t)x;
	*present |= bit;
	return 0;
}

int codec_events_read(const struct jdoc *d, int i, struct netcfg_events *e, unsigned *present,
		      const char *obj, char *err)
{
	unsigned seen = 0;
	memset(e, 0, sizeof(*e));
	if (j_type(d, i) != J_OBJ) {
		snprintf(err, CODEC_ERRLEN, "%s is missing or not an object", obj);
		return NETCFG_EPROTO;
	}
	if (rd_gen(d, i, "epoch", CODEC_EVENTS_EPOCH, &e->epoch, &seen, obj, err) ||
	    rd_gen(d, i, "address", NETCFG_EVENTS_ADDRESS, &e->address, &seen, obj, err) ||
	    rd_gen(d, i, "route", NETCFG_EVENTS_ROUTE, &e->route, &seen, obj, err))
		return NETCFG_EPROTO;
	int t = j_get(d, i, "changed");
	if (t >= 0) {
		if (j_type(d, t) == J_ARR && j_first(d, t) < 0)
			e->changed = 0;
		else if (codec_event_kinds_read(d, t, &e->changed, obj, err))
			return NETCFG_EPROTO;
	}
	uint32_t waiting = 0;
	t = j_get(d, i, "waiting");
	if (t >= 0 && !j_uint32(d, t, &waiting))
		return fail(err, obj, "waiting", "is not a number");
	e->waiting = waiting;
	if (present)
		*present = seen;
	return 0;
}
