/* SPDX-License-Identifier: MIT */
/*
 * codec_ipsec.h - JSON codecs of the SPD and SAD objects (see codec.h for
 * the conventions: one writer and one reader per object, the same
 * encoding on the wire and in `ipsec6 -j`; readers name the bad field).
 *
 * No codec writes key material: an SA on the wire carries the name of its
 * key file, and an add request carries a key handle (see ipsec.h).
 */
#ifndef NETCFG_CODEC_IPSEC_H
#define NETCFG_CODEC_IPSEC_H

#include <netcfg/netcfg.h>

#include "codec.h"
#include "json.h"

void codec_sp_write(struct jw *w, const struct netcfg_sp *sp);
int codec_sp_read(const struct jdoc *d, int i, struct netcfg_sp *sp, char *err);

void codec_sa_write(struct jw *w, const struct netcfg_sa *sa);
int codec_sa_read(const struct jdoc *d, int i, struct netcfg_sa *sa, char *err);

void codec_ipsec_flow_write(struct jw *w, const struct netcfg_ipsec_flow *f);
int codec_ipsec_flow_read(const struct jdoc *d, int i, struct netcfg_ipsec_flow *f, char *err);

/* The verdict, with the flow it answers unless f is NULL (the daemon's
 * replies leave it out: the asker knows its flows). */
void codec_ipsec_verdict_write(struct jw *w, const struct netcfg_ipsec_flow *f,
			       const struct netcfg_ipsec_verdict *v);
int codec_ipsec_verdict_read(const struct jdoc *d, int i, struct netcfg_ipsec_verdict *v, char *err);

#endif
