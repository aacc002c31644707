/* SPDX-License-Identifier: MIT */
/*
 * codec.h - one JSON codec per object, shared by libnetcfg and stackd.
 *
 * The same encoding is the wire format, the `-j` output of every tool and
 * the persistent store's entry format.  Readers report the first problem in
 * err as "<object>: <field> <what>" and return NETCFG_EPROTO.
 */
#ifndef NETCFG_CODEC_H
#define NETCFG_CODEC_H

#include <netcfg/netcfg.h>

#include "json.h"

#define CODEC_ERRLEN 256

/* Interfaces are referred to by index ("ifindex") or, where indexes may
 * change (the persistent store), by name ("interface").  Readers return
 * the name in ifname when one is given, else "". */

void codec_address_write(struct jw *w, const struct netcfg_address *a, const char *ifname);
int codec_address_read(const struct jdoc *d, int i, struct netcfg_address *a,
		       char ifname[NETCFG_NAME_MAX], char *err);

void codec_route_write(struct jw *w, const struct netcfg_route *r, const char *ifname);
int codec_route_read(const struct jdoc *d, int i, struct netcfg_route *r,
		     char ifname[NETCFG_NAME_MAX], char *err);

void codec_mcast_write(struct jw *w, const struct netcfg_mcast_group *g);
int codec_mcast_read(const struct jdoc *d, int i, struct netcfg_mcast_group *g, char *err);

/* Writes the interface with its addresses and groups. */
void codec_interface_write(struct jw *w, const struct netcfg_interface *ifp);
/* Allocates ifp->addrs and ifp->groups. */
int codec_interface_read(const struct jdoc *d, int i, struct netcfg_interface *ifp, char *err);
void codec_interface_free(struct netcfg_interface *ifp);

/* The NETCFG_F_* flags of a change as members of an open args object
 * ("create", "excl", "replace", "persist"). */
void codec_flags_write(struct jw *w, unsigned flags);

/* Link-layer address text for an interface kind (Ethernet MAC, dotted IPv4
 * for IPv4-based links, "" for loopback). */
const char *codec_lladdr_format(enum netcfg_if_kind kind, const uint8_t *ll, uint8_t len, char *buf);
int codec_lladdr_parse(enum netcfg_if_kind kind, const char *s, uint8_t *ll, uint8_t *len);

/* The same for a link-layer address known only by its length (6: MAC,
 * 4: IPv4, 0: none), as neighbors and router advertisements carry them. */
const char *codec_lladdr_any_format(const uint8_t *ll, uint8_t len, char *buf);
int codec_lladdr_any_parse(const char *s, uint8_t *ll, uint8_t *len);

/* Interface creation; the name is copied to name (c->name points there). */
void codec_ifcreate_write(struct jw *w, const struct netcfg_interface_create *c);
int codec_ifcreate_read(const struct jdoc *d, int i, struct netcfg_interface_create *c,
			char name[NETCFG_NAME_MAX], char *err);

/* Objects with a field mask (settings, globals) write only the fields in
 * the mask; readers set the mask to the fields present. */
void codec_ifsettings_write(struct jw *w, const struct netcfg_interface_settings *s,
			    const char *ifname);
int codec_ifsettings_read(const struct jdoc *d, int i, struct netcfg_interface_settings *s,
			  char ifname[NETCFG_NAME_MAX], char *err);

void codec_policy_write(struct jw *w, const struct netcfg_prefix_policy *p);
int codec_policy_read(const struct jdoc *d, int i, struct netcfg_prefix_policy *p, char *err);

void codec_global_write(struct jw *w, const struct netcfg_global *g);
int codec_global_read(const struct jdoc *d, int i, struct netcfg_global *g, char *err);

/* Writers of objects on an interface take the interface name to record
 * (NULL: the object's own ifname, if any). */
void codec_dns_write(struct jw *w, const struct netcfg_dns_server *s, const char *ifname);
int codec_dns_read(const struct jdoc *d, int i, struct netcfg_dns_server *s,
		   char ifname[NETCFG_NAME_MAX], char *err);

void codec_neighbor_write(struct jw *w, const struct netcfg_neighbor *n, const char *ifname);
int codec_neighbor_read(const struct jdoc *d, int i, struct netcfg_neighbor *n,
			char ifname[NETCFG_NAME_MAX], char *err);

void codec_destcache_write(struct jw *w, const struct netcfg_destcache_entry *e);
int codec_destcache_read(const struct jdoc *d, int i, struct netcfg_destcache_entry *e, char *err);

void codec_site_prefix_write(struct jw *w, const struct netcfg_site_prefix *sp, const char *ifname);
int codec_site_prefix_read(const struct jdoc *d, int i, struct netcfg_site_prefix *sp,
			   char ifname[NETCFG_NAME_MAX], char *err);

void codec_binding_write(struct jw *w, const struct netcfg_binding *b);
int codec_binding_read(const struct jdoc *d, int i, struct netcfg_binding *b, char *err);

void codec_route_result_write(struct jw *w, const struct netcfg_route_result *r);
int codec_route_result_read(const struct jdoc *d, int i, struct netcfg_route_result *r, char *err);

void codec_sort_entry_write(struct jw *w, const struct netcfg_sort_entry *e);
int codec_sort_entry_read(const struct jdoc *d, int i, struct netcfg_sort_entry *e, char *err);

/* Allocates ra->prefixes; free with codec_ra_free(). */
void codec_ra_write(struct jw *w, const struct netcfg_ra *ra);
int codec_ra_read(const struct jdoc *d, int i, struct netcfg_ra *ra, char *err);
void codec_ra_free(struct netcfg_ra *ra);

#endif
