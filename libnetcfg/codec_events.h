/* SPDX-License-Identifier: MIT */
/* codec_events.h - JSON codecs of the change generations and of a set of
 * event kinds (events.get, events.wait). */
#ifndef NETCFG_CODEC_EVENTS_H
#define NETCFG_CODEC_EVENTS_H

#include <netcfg/netcfg.h>

#include "codec.h"

/* What codec_events_read found besides the kinds' bits (NETCFG_EVENTS_*). */
#define CODEC_EVENTS_EPOCH 0x100u

/* {"epoch":E,"address":A,"route":R}, and with full also "changed" (the
 * kind names of e->changed) and "waiting". */
void codec_events_write(struct jw *w, const struct netcfg_events *e, bool full);
/* Every member is optional; *present (may be NULL) gets the kinds whose
 * generation was given, and CODEC_EVENTS_EPOCH.  obj names the object in
 * messages ("events", "events.wait: since"). */
int codec_events_read(const struct jdoc *d, int i, struct netcfg_events *e, unsigned *present,
		      const char *obj, char *err);

/* ["address","route"] */
void codec_event_kinds_write(struct jw *w, unsigned kinds);
/* An array of kind names (at least one); obj names the object in messages. */
int codec_event_kinds_read(const struct jdoc *d, int i, unsigned *kinds, const char *obj,
			   char *err);

#endif
