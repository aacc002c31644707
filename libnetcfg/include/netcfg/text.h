/* SPDX-License-Identifier: MIT */
/*
 * netcfg/text.h - parsing and formatting of the values every tool shares:
 * IPv6 addresses (with %scope), prefixes, IPv4-compatible and 6to4 forms,
 * lifetimes, MAC addresses and the interface identifiers derived from them.
 *
 * Parsers return 0 on success or NETCFG_EINVAL; they never print.  Callers
 * name the offending text in their own message.
 */
#ifndef NETCFG_TEXT_H
#define NETCFG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <netcfg/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Big enough for any address, "%4294967295" and a "/128". */
#define NETCFG_ADDRSTRLEN 64

/* "fe80::1", "fe80::1%4", "::10.0.0.2".  scope may be NULL, in which case
 * a %scope suffix is refused.  *scope is 0 when none is given. */
int netcfg_parse_addr(const char *s, struct in6_addr *addr, uint32_t *scope);

/* "2001:db8::/32".  Bits beyond the length must be zero. */
int netcfg_parse_prefix(const char *s, struct netcfg_prefix *p);

/* Canonical lower-case compressed text (inet_ntop); buf >= NETCFG_ADDRSTRLEN. */
const char *netcfg_format_addr(const struct in6_addr *a, char *buf);
const char *netcfg_format_prefix(const struct netcfg_prefix *p, char *buf);

/* True if the first len bits of a and b are equal. */
bool netcfg_prefix_match(const struct in6_addr *a, const struct in6_addr *b, unsigned len);
/* Zero the bits after len. */
void netcfg_prefix_mask(struct in6_addr *a, unsigned len);

/* Lifetimes: "infinite" or decimal seconds.  With units (netsh style)
 * "1d2h3m4s" is accepted when allow_units is true. */
int netcfg_parse_lifetime(const char *s, bool allow_units, uint32_t *secs);
/* "VL" or "VL/PL" as ipv6 adu takes it; PL defaults to VL. */
int netcfg_parse_lifetime_pair(const char *s, uint32_t *valid, uint32_t *preferred);
/* "infinite" or "<n>s" as ipv6 prints lifetimes; buf >= 16. */
const char *netcfg_format_lifetime(uint32_t secs, char *buf);
/* "infinite" or compact "1d2h3m4s" with zero parts left out ("0s" for 0);
 * buf >= 32. */
const char *netcfg_format_duration(uint32_t secs, char *buf);

/* MAC "aa-bb-cc-dd-ee-ff" (also ':' separated), 6 bytes. */
int netcfg_parse_mac(const char *s, uint8_t mac[6]);
/* Lower-case, '-' separated; buf >= 18. */
const char *netcfg_format_mac(const uint8_t mac[6], char *buf);

/* Dotted-quad IPv4, network byte order in *v4. */
int netcfg_parse_ipv4(const char *s, struct in_addr *v4);

/* Modified EUI-64 interface identifier from a MAC: insert ff-fe after the
 * third byte and flip the universal/local bit.  Writes the low 64 bits of
 * addr and leaves the high 64 bits alone. */
void netcfg_eui64_from_mac(const uint8_t mac[6], struct in6_addr *addr);
/* fe80::/64 + modified EUI-64 of mac. */
void netcfg_linklocal_from_mac(const uint8_t mac[6], struct in6_addr *addr);
/* RFC 2529 6-over-4 link-local address: fe80::<IPv4 as the low 32 bits>. */
void netcfg_linklocal_from_ipv4(struct in_addr v4, struct in6_addr *addr);
/* IPv4-compatible address ::a.b.c.d. */
void netcfg_v4compat(struct in_addr v4, struct in6_addr *addr);
/* 6to4 site prefix 2002:AABB:CCDD::/48 of a public IPv4 address. */
void netcfg_6to4_prefix(struct in_addr v4, struct netcfg_prefix *p);
/* The 32 bits that follow the first plen bits of addr (plen <= 96): the
 * IPv4 destination of automatic tunnelling (::/96) and 6to4 (2002::/16). */
struct in_addr netcfg_embedded_ipv4(const struct in6_addr *addr, unsigned plen);
/* True for 10/8, 172.16/12, 192.168/16 and 169.254/16. */
bool netcfg_ipv4_is_private(struct in_addr v4);
/* Solicited-node multicast group ff02::1:ffXX:XXXX of addr. */
void netcfg_solicited_node(const struct in6_addr *addr, struct in6_addr *group);

/* Scope of an address in RFC 4291 numbering: 2 link (including ::1, as
 * RFC 6724 3.1 treats loopback), 5 site, 14 global; for multicast the
 * scope nibble of the address. */
unsigned netcfg_addr_scope(const struct in6_addr *a);

/* Parse an unsigned decimal that must fit in max; no sign, no blanks. */
int netcfg_parse_uint(const char *s, uint32_t max, uint32_t *out);

#ifdef __cplusplus
}
#endif
#endif
