/* SPDX-License-Identifier: MIT */
/*
 * fuzz_codec.c - a fuzz target for the codec readers (libnetcfg/codec*.c):
 * the decoders stackd runs on the args of every request, the same ones
 * that read the persistent store and that the tools run on replies.
 *
 * Every input that tokenizes is given to every reader, at the root and at
 * each member of the root (where requests carry their objects: "route",
 * "address", ...).  A reader that refuses names the field
 * ("<obj>: <field> <what>", one line).  What a reader accepts, its writer
 * writes (as the store does, and as requests do with omit_defaults), and
 * that text must read back to the same object: the store re-reads what it
 * wrote.  A broken property aborts.
 */
#include "fuzz.h"

#include "../../libnetcfg/codec.h"
#include "../../libnetcfg/codec_catalog.h"
#include "../../libnetcfg/codec_ipsec.h"
#include "../../libnetcfg/codec_transition.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One object kind: its reader and writer with a common shape (name: the
 * interface name of objects that carry one, or the name of a new
 * interface). */
struct kind {
	const char *name;
	size_t size;
	int (*read)(const struct jdoc *d, int i, void *obj, char *name, char *err);
	void (*write)(struct jw *w, const void *obj, const char *name);
	void (*free)(void *obj);
};

#define PLAIN(obj, type)                                                                     \
	static int rd_##obj(const struct jdoc *d, int i, void *v, char *name, char *err)    \
	{                                                                                    \
		(void)name;                                                                  \
		return codec_##obj##_read(d, i, (type *)v, err);                             \
	}                                                                                    \
	static void wr_##obj(struct jw *w, const void *v, const char *name)                 \
	{                                                                                    \
		(void)name;                                                                  \
		codec_##obj##_write(w, (const type *)v);                                     \
	}
#define NAMED(obj, type)                                                                     \
	static int rd_##obj(const struct jdoc *d, int i, void *v, char *name, char *err)    \
	{                                                                                    \
		return codec_##obj##_read(d, i, (type *)v, name, err);                       \
	}                                                                                    \
	static void wr_##obj(struct jw *w, const void *v, const char *name)                 \
	{                                                                                    \
		codec_##obj##_write(w, (const type *)v, name[0] ? name : NULL);              \
	}

NAMED(address, struct netcfg_address)
NAMED(route, struct netcfg_route)
PLAIN(mcast, struct netcfg_mcast_group)
PLAIN(interface, struct netcfg_interface)
NAMED(ifsettings, struct netcfg_interface_settings)
PLAIN(policy, struct netcfg_prefix_policy)
PLAIN(global, struct netcfg_global)
NAMED(dns, struct netcfg_dns_server)
NAMED(neighbor, struct netcfg_neighbor)
PLAIN(destcache, struct netcfg_destcache_entry)
NAMED(site_prefix, struct netcfg_site_prefix)
PLAIN(binding, struct netcfg_binding)
PLAIN(route_result, struct netcfg_route_result)
PLAIN(sort_entry, struct netcfg_sort_entry)
PLAIN(ra, struct netcfg_ra)
PLAIN(sp, struct netcfg_sp)
PLAIN(sa, struct netcfg_sa)
PLAIN(ipsec_flow, struct netcfg_ipsec_flow)
PLAIN(catalog_entry, struct netcfg_catalog_entry)
PLAIN(ns_provider, struct netcfg_ns_provider)
PLAIN(app_category, struct netcfg_app_category)
PLAIN(catalog_event, struct netcfg_catalog_event)
PLAIN(finding, struct netcfg_catalog_finding)
PLAIN(resolution, struct netcfg_catalog_resolution)
PLAIN(6to4, struct netcfg_6to4)
PLAIN(isatap, struct netcfg_isatap)

/* the name of a new interface is the object's own */
static int rd_ifcreate(const struct jdoc *d, int i, void *v, char *name, char *err)
{
	return codec_ifcreate_read(d, i, v, name, err);
}
static void wr_ifcreate(struct jw *w, const void *v, const char *name)
{
	(void)name;
	codec_ifcreate_write(w, v);
}

/* replies leave the flow out */
static int rd_verdict(const struct jdoc *d, int i, void *v, char *name, char *err)
{
	(void)name;
	return codec_ipsec_verdict_read(d, i, v, err);
}
static void wr_verdict(struct jw *w, const void *v, const char *name)
{
	(void)name;
	codec_ipsec_verdict_write(w, NULL, v);
}

static void free_interface(void *v) { codec_interface_free(v); }
static void free_ra(void *v) { codec_ra_free(v); }

#define KIND(obj, type) { #obj, sizeof(type), rd_##obj, wr_##obj, NULL }
static const struct kind kinds[] = {
	KIND(address, struct netcfg_address),
	KIND(route, struct netcfg_route),
	KIND(mcast, struct netcfg_mcast_group),
	{ "interface", sizeof(struct netcfg_interface), rd_interface, wr_interface, free_interface },
	KIND(ifcreate, struct netcfg_interface_create),
	KIND(ifsettings, struct netcfg_interface_settings),
	KIND(policy, struct netcfg_prefix_policy),
	KIND(global, struct netcfg_global),
	KIND(dns, struct netcfg_dns_server),
	KIND(neighbor, struct netcfg_neighbor),
	KIND(destcache, struct netcfg_destcache_entry),
	KIND(site_prefix, struct netcfg_site_prefix),
	KIND(binding, struct netcfg_binding),
	KIND(route_result, struct netcfg_route_result),
	KIND(sort_entry, struct netcfg_sort_entry),
	{ "ra", sizeof(struct netcfg_ra), rd_ra, wr_ra, free_ra },
	KIND(sp, struct netcfg_sp),
	KIND(sa, struct netcfg_sa),
	KIND(ipsec_flow, struct netcfg_ipsec_flow),
	KIND(verdict, struct netcfg_ipsec_verdict),
	KIND(catalog_entry, struct netcfg_catalog_entry),
	KIND(ns_provider, struct netcfg_ns_provider),
	KIND(app_category, struct netcfg_app_category),
	KIND(catalog_event, struct netcfg_catalog_event),
	KIND(finding, struct netcfg_catalog_finding),
	KIND(resolution, struct netcfg_catalog_resolution),
	KIND(6to4, struct netcfg_6to4),
	KIND(isatap, struct netcfg_isatap),
};

/* A refusal: "<obj>: <field> <what>", one line. */
static void check_message(const char *err)
{
	FUZZ_ASSERT(err[0] && strlen(err) < CODEC_ERRLEN);
	FUZZ_ASSERT(strchr(err, ':'));
	FUZZ_ASSERT(!strchr(err, '\n'));
}

/* Write obj; read the text back; write that again: the same text. */
static void check_round_trip(const struct kind *k, const void *obj, const char *name, bool omit)
{
	struct jw w1, w2;
	jw_init(&w1);
	w1.omit_defaults = omit;
	k->write(&w1, obj, name);
	FUZZ_ASSERT(!w1.oom);

	struct jdoc d = { 0 };
	FUZZ_ASSERT(jdoc_parse(&d, w1.buf, w1.len) == 0);
	void *again = calloc(1, k->size);
	char name2[NETCFG_NAME_MAX] = "", err[CODEC_ERRLEN] = "";
	FUZZ_ASSERT(again);
	int rc = k->read(&d, 0, again, name2, err);
	if (rc)
		fprintf(stderr, "%s: %.*s: %s\n", k->name, (int)w1.len, w1.buf, err);
	FUZZ_ASSERT(rc == 0);
	jw_init(&w2);
	w2.omit_defaults = omit;
	k->write(&w2, again, name2);
	if (w1.len != w2.len || memcmp(w1.buf, w2.buf, w1.len) != 0)
		fprintf(stderr, "%s:\n  %.*s\n  %.*s\n", k->name, (int)w1.len, w1.buf,
			(int)w2.len, w2.buf);
	FUZZ_ASSERT(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0);
	if (k->free)
		k->free(again);
	free(again);
	jw_free(&w2);
	jdoc_free(&d);
	jw_free(&w1);
}

static void read_all(const struct jdoc *d, int i)
{
	for (size_t x = 0; x < sizeof(kinds) / sizeof(kinds[0]); x++) {
		const struct kind *k = &kinds[x];
		void *obj = calloc(1, k->size);
		char name[NETCFG_NAME_MAX] = "", err[CODEC_ERRLEN] = "";
		FUZZ_ASSERT(obj);
		if (k->read(d, i, obj, name, err) == 0) {
			FUZZ_ASSERT(strlen(name) < NETCFG_NAME_MAX);
			check_round_trip(k, obj, name, false);
			check_round_trip(k, obj, name, true);
			if (k->free)
				k->free(obj);
		} else {
			check_message(err);
		}
		free(obj);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jdoc d = { 0 };
	if (jdoc_parse(&d, (const char *)data, size) == 0) {
		read_all(&d, 0);
		for (int m = j_first(&d, 0); m >= 0; m = j_next(&d, m))
			read_all(&d, j_type(&d, 0) == J_OBJ ? m + 1 : m);
	}
	jdoc_free(&d);
	return 0;
}
