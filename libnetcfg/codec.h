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

#endif
