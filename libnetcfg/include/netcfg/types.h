/* SPDX-License-Identifier: MIT */
/*
 * netcfg/types.h - the typed objects of the stack, shared by every tool.
 *
 * Each object has one C struct here, one JSON codec (the wire format and the
 * `-j` output are the same thing) and typed calls in netcfg.h.
 */
#ifndef NETCFG_TYPES_H
#define NETCFG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A lifetime in seconds; NETCFG_INFINITE never expires. */
#define NETCFG_INFINITE UINT32_MAX

#define NETCFG_NAME_MAX 64     /* interface name, including the NUL */
#define NETCFG_LLADDR_MAX 8    /* link-layer address bytes */

struct netcfg_prefix {
	struct in6_addr addr;
	uint8_t len;
};

enum netcfg_if_kind {
	NETCFG_IF_LOOPBACK = 0,  /* #1, the loopback pseudo-interface */
	NETCFG_IF_TUNNEL,        /* #2, automatic/configured tunnelling and 6to4 */
	NETCFG_IF_ETHERNET,      /* link-layer address aa-bb-cc-dd-ee-ff */
	NETCFG_IF_6OVER4,        /* RFC 2529, link-layer address a.b.c.d */
	NETCFG_IF_V6V4,          /* configured point-to-point tunnel */
	NETCFG_IF__KIND_MAX
};

enum netcfg_addr_type {
	NETCFG_ADDR_UNICAST = 0,
	NETCFG_ADDR_ANYCAST,
};

/* DAD / preference state of a unicast address, as `ipv6 if` prints it. */
enum netcfg_addr_state {
	NETCFG_ADDR_INVALID = 0,
	NETCFG_ADDR_DUPLICATE,
	NETCFG_ADDR_TENTATIVE,
	NETCFG_ADDR_DEPRECATED,
	NETCFG_ADDR_PREFERRED,
};

/* Where an address or route came from. */
enum netcfg_origin {
	NETCFG_ORIGIN_MANUAL = 0, /* configured by a tool */
	NETCFG_ORIGIN_SYSTEM,     /* created by the stack (link-local, ::1, defaults) */
	NETCFG_ORIGIN_AUTOCONF,   /* from a router advertisement */
};

struct netcfg_address {
	uint32_t ifindex;
	struct in6_addr addr;
	enum netcfg_addr_type type;
	enum netcfg_addr_state state;      /* read-only: computed by the stack */
	enum netcfg_origin origin;         /* read-only */
	uint32_t valid_lifetime;           /* seconds remaining, or NETCFG_INFINITE */
	uint32_t preferred_lifetime;       /* seconds remaining, or NETCFG_INFINITE */
};

struct netcfg_mcast_group {
	struct in6_addr addr;
	uint32_t refs;
	bool reportable;        /* MLD reports are sent for this group */
	bool last_reporter;     /* this node sent the last report */
};

struct netcfg_interface {
	uint32_t index;
	char name[NETCFG_NAME_MAX];
	enum netcfg_if_kind kind;
	uint32_t site;
	bool uses_nd;
	bool forwards;
	bool advertises;
	uint8_t lladdr[NETCFG_LLADDR_MAX];
	uint8_t lladdr_len;            /* 0 loopback, 4 IPv4-based, 6 Ethernet */
	uint32_t mtu;                  /* current link MTU */
	uint32_t true_mtu;             /* largest MTU the link supports */
	uint32_t hop_limit;
	uint32_t reachable_ms;
	uint32_t base_reachable_ms;
	uint32_t retrans_ms;
	uint32_t dad_transmits;
	/* Filled by netcfg_interface_list(); owned by the list. */
	struct netcfg_address *addrs;
	size_t n_addrs;
	struct netcfg_mcast_group *groups;
	size_t n_groups;
};

struct netcfg_interface_list {
	struct netcfg_interface *v;
	size_t n;
};

struct netcfg_route {
	struct netcfg_prefix prefix;
	uint32_t ifindex;
	struct in6_addr nexthop;       /* :: when the prefix is on-link */
	uint32_t preference;           /* smaller is preferred (netsh: metric) */
	uint32_t lifetime;             /* seconds remaining, or NETCFG_INFINITE */
	bool publish;                  /* used to build router advertisements */
	bool age;                      /* a published route whose lifetime counts down */
	uint8_t spl;                   /* site prefix length for RAs; 0 = none */
	enum netcfg_origin origin;     /* read-only */
};

struct netcfg_route_list {
	struct netcfg_route *v;
	size_t n;
};

/* Names used in JSON and in messages ("ethernet", "anycast", "preferred",
 * "manual"); NULL for values out of range.  The parse functions return -1
 * for unknown names. */
const char *netcfg_if_kind_name(enum netcfg_if_kind k);
int netcfg_if_kind_parse(const char *s);
const char *netcfg_addr_type_name(enum netcfg_addr_type t);
int netcfg_addr_type_parse(const char *s);
const char *netcfg_addr_state_name(enum netcfg_addr_state s);
int netcfg_addr_state_parse(const char *s);
const char *netcfg_origin_name(enum netcfg_origin o);
int netcfg_origin_parse(const char *s);

#ifdef __cplusplus
}
#endif
#endif
