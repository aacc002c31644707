/* SPDX-License-Identifier: MIT */
/* codec_transition.h - JSON codecs of the 6to4 and ISATAP settings (the
 * wire format, the -j output and the persistent store's entries).  Writers
 * write the fields in the mask; readers set the mask to the fields read. */
#ifndef NETCFG_CODEC_TRANSITION_H
#define NETCFG_CODEC_TRANSITION_H

#include <netcfg/netcfg.h>

#include "codec.h"

void codec_6to4_write(struct jw *w, const struct netcfg_6to4 *s);
int codec_6to4_read(const struct jdoc *d, int i, struct netcfg_6to4 *s, char *err);
void codec_isatap_write(struct jw *w, const struct netcfg_isatap *s);
int codec_isatap_read(const struct jdoc *d, int i, struct netcfg_isatap *s, char *err);

#endif
