/* SPDX-License-Identifier: MIT */
/* codec_transition.c - JSON codecs of the 6to4 and ISATAP settings. */
#include "codec_transition.h"

#include <stdio.h>
#include <string.h>

static const char *const svc_state_names[] = { "default", "enabled", "disabled", "automatic" };

const char *netcfg_svc_state_name(enum netcfg_svc_state s)
{
	return (unsigned)s < sizeof(svc_state_names) / sizeof(svc_state_names[0]) ? svc_state_names[s]
										: NULL;
}

int netcfg_svc_state_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof(svc_state_names) / sizeof(svc_state_names[0]); i++)
		if (strcmp(svc_state_names[i], s) == 0)
			return (int)i;
	return -1;
}

static int fail(char *err, const char *obj, const char *field, const char *what)
{
	snprintf(err, CODEC_ERRLEN, "%s: %s %s", obj, field, what);
	return NETCFG_EPROTO;
}

/* One optional member of each kind; present members set their bit. */
static int rd_state(const struct jdoc *d, int o, const char *key, uint32_t bit, uint32_t *mask,
		    enum netcfg_svc_state *v, const char *obj, char *err)
{
	char buf[16];
	int i = j_get(d, o, key);
	if (i < 0)
		return 0;
	int x = j_str(d, i, buf, sizeof(buf)) ? netcfg_svc_state_parse(buf) : -1;
	if (x < 0)
		return fail(err, obj, key, "is not default, enabled, disabled or automatic");
	*v = (enum netcfg_svc_state)x;
	*mask |= bit;
	return 0;
}

static int rd_name(const struct jdoc *d, int o, const char *key, uint32_t bit, uint32_t *mask,
		   char *v, size_t size, const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i < 0)
		return 0;
	if (!j_str(d, i, v, size))
		return fail(err, obj, key, "is not a name of at most 255 characters");
	*mask |= bit;
	return 0;
}

static int rd_minutes(const struct jdoc *d, int o, const char *key, uint32_t bit, uint32_t *mask,
		      uint32_t *v, const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i < 0)
		return 0;
	if (!j_uint32(d, i, v))
		return fail(err, obj, key, "is not a number of minutes");
	*mask |= bit;
	return 0;
}

void codec_6to4_write(struct jw *w, const struct netcfg_6to4 *s)
{
	jw_obj_begin(w);
	if (s->mask & NETCFG_6TO4_RELAY_NAME)
		jw_kstr(w, "relay_name", s->relay_name);
	if (s->mask & NETCFG_6TO4_RELAY_STATE)
		jw_kstr(w, "relay_state", netcfg_svc_state_name(s->relay_state));
	if (s->mask & NETCFG_6TO4_RELAY_INTERVAL)
		jw_kuint(w, "relay_interval", s->relay_interval);
	if (s->mask & NETCFG_6TO4_ROUTING)
		jw_kstr(w, "routing", netcfg_svc_state_name(s->routing));
	if (s->mask & NETCFG_6TO4_SITELOCALS)
		jw_kstr(w, "sitelocals", netcfg_svc_state_name(s->sitelocals));
	if (s->mask & NETCFG_6TO4_STATE)
		jw_kstr(w, "state", netcfg_svc_state_name(s->state));
	if (s->mask & NETCFG_6TO4_UNDO_ON_STOP)
		jw_kstr(w, "undo_on_stop", netcfg_svc_state_name(s->undo_on_stop));
	if (s->n_interfaces) {
		jw_key(w, "interfaces");
		jw_arr_begin(w);
		for (size_t i = 0; i < s->n_interfaces; i++) {
			jw_obj_begin(w);
			jw_kstr(w, "interface", s->interfaces[i].name);
			jw_kstr(w, "routing", netcfg_svc_state_name(s->interfaces[i].routing));
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	jw_obj_end(w);
}

int codec_6to4_read(const struct jdoc *d, int o, struct netcfg_6to4 *s, char *err)
{
	static const char obj[] = "6to4";
	memset(s, 0, sizeof(*s));
	if (j_type(d, o) != J_OBJ)
		return fail(err, obj, "value", "is not an object");
	if (rd_name(d, o, "relay_name", NETCFG_6TO4_RELAY_NAME, &s->mask, s->relay_name,
		    sizeof(s->relay_name), obj, err) ||
	    rd_state(d, o, "relay_state", NETCFG_6TO4_RELAY_STATE, &s->mask, &s->relay_state, obj, err) ||
	    rd_minutes(d, o, "relay_interval", NETCFG_6TO4_RELAY_INTERVAL, &s->mask, &s->relay_interval,
		       obj, err) ||
	    rd_state(d, o, "routing", NETCFG_6TO4_ROUTING, &s->mask, &s->routing, obj, err) ||
	    rd_state(d, o, "sitelocals", NETCFG_6TO4_SITELOCALS, &s->mask, &s->sitelocals, obj, err) ||
	    rd_state(d, o, "state", NETCFG_6TO4_STATE, &s->mask, &s->state, obj, err) ||
	    rd_state(d, o, "undo_on_stop", NETCFG_6TO4_UNDO_ON_STOP, &s->mask, &s->undo_on_stop, obj, err))
		return NETCFG_EPROTO;
	int arr = j_get(d, o, "interfaces");
	if (arr < 0)
		return 0;
	if (j_type(d, arr) != J_ARR)
		return fail(err, obj, "interfaces", "is not an array");
	for (int e = j_first(d, arr); e >= 0; e = j_next(d, e)) {
		uint32_t unused = 0;
		if (s->n_interfaces == NETCFG_6TO4_MAX_INTERFACES)
			return fail(err, obj, "interfaces", "has too many entries");
		struct netcfg_6to4_interface *x = &s->interfaces[s->n_interfaces++];
		if (!j_str(d, j_get(d, e, "interface"), x->name, sizeof(x->name)))
			return fail(err, obj, "interfaces", "has an entry without an interface name");
		if (rd_state(d, e, "routing", 1, &unused, &x->routing, obj, err))
			return NETCFG_EPROTO;
	}
	return 0;
}

void codec_isatap_write(struct jw *w, const struct netcfg_isatap *s)
{
	jw_obj_begin(w);
	if (s->mask & NETCFG_ISATAP_ROUTER_NAME)
		jw_kstr(w, "router_name", s->router_name);
	if (s->mask & NETCFG_ISATAP_ROUTER_STATE)
		jw_kstr(w, "router_state", netcfg_svc_state_name(s->router_state));
	if (s->mask & NETCFG_ISATAP_ROUTER_INTERVAL)
		jw_kuint(w, "router_interval", s->router_interval);
	if (s->mask & NETCFG_ISATAP_STATE)
		jw_kstr(w, "state", netcfg_svc_state_name(s->state));
	jw_obj_end(w);
}

int codec_isatap_read(const struct jdoc *d, int o, struct netcfg_isatap *s, char *err)
{
	static const char obj[] = "isatap";
	memset(s, 0, sizeof(*s));
	if (j_type(d, o) != J_OBJ)
		return fail(err, obj, "value", "is not an object");
	if (rd_name(d, o, "router_name", NETCFG_ISATAP_ROUTER_NAME, &s->mask, s->router_name,
		    sizeof(s->router_name), obj, err) ||
	    rd_state(d, o, "router_state", NETCFG_ISATAP_ROUTER_STATE, &s->mask, &s->router_state,
		     obj, err) ||
	    rd_minutes(d, o, "router_interval", NETCFG_ISATAP_ROUTER_INTERVAL, &s->mask,
		       &s->router_interval, obj, err) ||
	    rd_state(d, o, "state", NETCFG_ISATAP_STATE, &s->mask, &s->state, obj, err))
		return NETCFG_EPROTO;
	return 0;
}
