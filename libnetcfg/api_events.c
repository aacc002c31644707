/* SPDX-License-Identifier: MIT */
/* api_events.c - the change generations: events.get and events.wait. */
#include "api.h"
#include "codec_events.h"

#include <string.h>

static int read_events(struct netcfg *h, struct nc_reply *r, const char *op,
		       struct netcfg_events *out)
{
	char err[CODEC_ERRLEN];
	if (codec_events_read(&r->doc, r->result, out, NULL, "events", err))
		return api_bad_reply(h, r, op, err);
	nc_reply_free(r);
	return NETCFG_OK;
}

int netcfg_events_get(netcfg_t *h, struct netcfg_events *out)
{
	struct nc_reply r;
	memset(out, 0, sizeof(*out));
	int rc = nc_call(h, "events.get", NULL, 0, &r);
	return rc ? rc : read_events(h, &r, "events.get", out);
}

int netcfg_events_wait(netcfg_t *h, unsigned kinds, const struct netcfg_events *since,
		       int timeout_ms, struct netcfg_events *out)
{
	memset(out, 0, sizeof(*out));
	if (kinds & ~NETCFG_EVENTS_ALL)
		return nc_fail(h, NETCFG_EINVAL, "events.wait: unknown kinds 0x%x",
			       kinds & ~NETCFG_EVENTS_ALL);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "kinds");
	codec_event_kinds_write(&w, kinds ? kinds : NETCFG_EVENTS_ALL);
	if (since) {
		jw_key(&w, "since");
		codec_events_write(&w, since, false);
	}
	if (timeout_ms >= 0)
		jw_kint(&w, "timeout_ms", timeout_ms);
	jw_obj_end(&w);
	if (w.oom) {
		jw_free(&w);
		return nc_fail(h, NETCFG_ENOMEM, "events.wait: out of memory");
	}
	struct nc_reply r;
	int rc = nc_call(h, "events.wait", w.buf, w.len, &r);
	jw_free(&w);
	return rc ? rc : read_events(h, &r, "events.wait", out);
}
