/* SPDX-License-Identifier: MIT */
/*
 * codec_catalog.h - JSON codecs of the catalog objects (see codec.h): the
 * wire format, the `catalog -j` output and the daemon's catalog file.
 * Readers report the first problem as "<object>: <field> <what>".
 */
#ifndef NETCFG_CODEC_CATALOG_H
#define NETCFG_CODEC_CATALOG_H

#include <netcfg/catalog.h>

#include "codec.h"

void codec_catalog_entry_write(struct jw *w, const struct netcfg_catalog_entry *e);
int codec_catalog_entry_read(const struct jdoc *d, int o, struct netcfg_catalog_entry *e, char *err);

void codec_ns_provider_write(struct jw *w, const struct netcfg_ns_provider *p);
int codec_ns_provider_read(const struct jdoc *d, int o, struct netcfg_ns_provider *p, char *err);

void codec_app_category_write(struct jw *w, const struct netcfg_app_category *a);
int codec_app_category_read(const struct jdoc *d, int o, struct netcfg_app_category *a, char *err);

void codec_catalog_event_write(struct jw *w, const struct netcfg_catalog_event *e);
int codec_catalog_event_read(const struct jdoc *d, int o, struct netcfg_catalog_event *e, char *err);

void codec_finding_write(struct jw *w, const struct netcfg_catalog_finding *f);
int codec_finding_read(const struct jdoc *d, int o, struct netcfg_catalog_finding *f, char *err);

void codec_resolution_write(struct jw *w, const struct netcfg_catalog_resolution *r);
int codec_resolution_read(const struct jdoc *d, int o, struct netcfg_catalog_resolution *r, char *err);

/* A GUID member; required or optional (keeps *g when absent). */
int codec_guid_read(const struct jdoc *d, int o, const char *key, bool required,
		    struct netcfg_guid *g, const char *obj, char *err);
void codec_kguid(struct jw *w, const char *key, const struct netcfg_guid *g);

/* "entry_type" names: "layered", "base", "chain". */
const char *codec_entry_kind(int chain_len);

#endif
