/* SPDX-License-Identifier: MIT */
/* api_transition.c - the 6to4 and ISATAP settings (netcfg/transition.h). */
#include "api.h"
#include "codec_transition.h"

#include <stdio.h>
#include <string.h>

static int read_6to4(const struct jdoc *d, int i, void *out, char *err)
{
	return codec_6to4_read(d, i, out, err);
}

static int read_isatap(const struct jdoc *d, int i, void *out, char *err)
{
	return codec_isatap_read(d, i, out, err);
}

/* A get: one object as the result. */
static int get(netcfg_t *h, const char *op, api_elem_read read, void *out)
{
	struct nc_reply r;
	char err[CODEC_ERRLEN];
	int rc = nc_call(h, op, NULL, 0, &r);
	if (rc)
		return rc;
	if (read(&r.doc, r.result, out, err))
		return api_bad_reply(h, &r, op, err);
	nc_reply_free(&r);
	return NETCFG_OK;
}

int netcfg_6to4_get(netcfg_t *h, struct netcfg_6to4 *out)
{
	return get(h, "6to4.get", read_6to4, out);
}

int netcfg_isatap_get(netcfg_t *h, struct netcfg_isatap *out)
{
	return get(h, "isatap.get", read_isatap, out);
}

static void write_6to4(struct jw *w, const void *obj)
{
	codec_6to4_write(w, obj);
}

static void write_isatap(struct jw *w, const void *obj)
{
	codec_isatap_write(w, obj);
}

int netcfg_6to4_set(netcfg_t *h, const struct netcfg_6to4 *s, unsigned flags)
{
	struct netcfg_6to4 only = *s;
	only.n_interfaces = 0;    /* interfaces are set one at a time */
	return api_change(h, "6to4.set", "settings", write_6to4, &only, flags | NETCFG_F_SET);
}

int netcfg_6to4_interface_set(netcfg_t *h, const char *ifname, enum netcfg_svc_state routing,
			      unsigned flags)
{
	struct netcfg_6to4 s = { .n_interfaces = 1 };
	snprintf(s.interfaces[0].name, sizeof(s.interfaces[0].name), "%s", ifname);
	s.interfaces[0].routing = routing;
	return api_change(h, "6to4.set", "settings", write_6to4, &s, flags | NETCFG_F_SET);
}

int netcfg_6to4_reset(netcfg_t *h, unsigned flags)
{
	struct netcfg_6to4 s = { .mask = NETCFG_6TO4_ALL };
	return api_change(h, "6to4.reset", "settings", write_6to4, &s, flags | NETCFG_F_SET);
}

int netcfg_isatap_set(netcfg_t *h, const struct netcfg_isatap *s, unsigned flags)
{
	return api_change(h, "isatap.set", "settings", write_isatap, s, flags | NETCFG_F_SET);
}
