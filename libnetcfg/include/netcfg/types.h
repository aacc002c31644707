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
	NETCFG_IF_OTHER,         /* a kernel link of another type (linux dataplane) */
	NETCFG_IF__KIND_MAX
};

/* Whether an interface can carry traffic (netsh show interface "State"). */
enum netcfg_if_state {
	NETCFG_IF_CONNECTED = 0,
	NETCFG_IF_DISCONNECTED,        /* down, or no carrier */
	NETCFG_IF_NOT_PRESENT,         /* no device: kept by the daemon only */
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

/*
 * Objects that live on an interface name it by index, or by name when
 * ifname is not NULL (the name wins).  Names let a batch refer to an
 * interface it creates itself, whose index is not known until it is
 * applied.  Lists returned by the library leave ifname NULL.
 */

struct netcfg_address {
	uint32_t ifindex;
	const char *ifname;                /* optional, see above */
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
	uint32_t metric;               /* added to the preference of its routes */
	bool firewall;                 /* firewall mode (netsh set interface) */
	uint32_t site_prefix_length;   /* default site prefix length of the site */
	struct in_addr remote_v4;      /* v6v4 tunnels: the far end (lladdr = near end) */
	uint32_t reachable_ms;
	uint32_t base_reachable_ms;
	uint32_t retrans_ms;
	uint32_t dad_transmits;
	enum netcfg_if_state state;
	/* Processes router advertisements (Linux: accept_ra). */
	bool router_discovery;
	/* The linux dataplane has no kernel link for it (the tunnel
	 * pseudo-interface without sit0): it exists in the daemon only, and
	 * so does everything configured on it. */
	bool daemon_held;
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

/* RFC 4191 default router preference of a route (Linux: RTA_PREF). */
enum netcfg_router_pref {
	NETCFG_ROUTER_PREF_MEDIUM = 0,
	NETCFG_ROUTER_PREF_HIGH,
	NETCFG_ROUTER_PREF_LOW,
};

/* netcfg_route_init() gives the defaults: lifetime infinite, aging,
 * preference 0, on-link, everything else zero. */
struct netcfg_route {
	struct netcfg_prefix prefix;
	uint32_t ifindex;
	const char *ifname;            /* optional, see netcfg_address */
	struct in6_addr nexthop;       /* :: when the prefix is on-link */
	uint32_t preference;           /* smaller is preferred (netsh: metric) */
	uint32_t lifetime;             /* seconds remaining, or NETCFG_INFINITE */
	/* Preferred lifetime advertised for the prefix in router
	 * advertisements: 0 (or anything longer than lifetime) means the
	 * same as lifetime. */
	uint32_t preferred_lifetime;
	bool publish;                  /* used to build router advertisements */
	bool age;                      /* a published route whose lifetime counts down */
	uint8_t spl;                   /* site prefix length for RAs; 0 = none */
	enum netcfg_router_pref router_pref;
	enum netcfg_origin origin;     /* read-only */
};

struct netcfg_route_list {
	struct netcfg_route *v;
	size_t n;
};

/* ---- interface creation and settings ------------------------------- */

/* A configured (v6v4) tunnel or a 6-over-4 interface to create. */
struct netcfg_interface_create {
	const char *name;              /* NULL or "": the stack names it */
	enum netcfg_if_kind kind;      /* NETCFG_IF_V6V4 or NETCFG_IF_6OVER4 */
	struct in_addr local;          /* local IPv4 address */
	struct in_addr remote;         /* v6v4: the remote IPv4 address */
	bool nd;                       /* v6v4: use Neighbor Discovery */
};

/* Which fields of struct netcfg_interface_settings a set changes. */
#define NETCFG_IFSET_FORWARDS           0x01
#define NETCFG_IFSET_ADVERTISES         0x02
#define NETCFG_IFSET_MTU                0x04
#define NETCFG_IFSET_SITE               0x08
#define NETCFG_IFSET_METRIC             0x10
#define NETCFG_IFSET_FIREWALL           0x20
#define NETCFG_IFSET_SITE_PREFIX_LENGTH 0x40
#define NETCFG_IFSET_HOP_LIMIT          0x80
#define NETCFG_IFSET_ROUTER_DISCOVERY   0x100
#define NETCFG_IFSET_ALL                0x1ff

struct netcfg_interface_settings {
	uint32_t ifindex;
	const char *ifname;            /* optional, see netcfg_address */
	uint32_t mask;                 /* NETCFG_IFSET_* */
	bool forwards;
	bool advertises;               /* only interfaces that use ND */
	uint32_t mtu;                  /* 1280 .. the true link MTU */
	uint32_t site;
	uint32_t metric;
	bool firewall;
	uint32_t site_prefix_length;   /* 0 .. 128 */
	uint32_t hop_limit;            /* 1 .. 255 */
	bool router_discovery;         /* only interfaces that use ND */
};

/* ---- prefix policies (RFC 3484 / 6724 policy table) ---------------- */

struct netcfg_prefix_policy {
	struct netcfg_prefix prefix;
	uint32_t precedence;
	uint32_t srclabel;
	uint32_t dstlabel;             /* netsh has one label: srclabel = dstlabel */
};

struct netcfg_prefix_policy_list {
	struct netcfg_prefix_policy *v;
	size_t n;
};

/* ---- global and temporary-address parameters ----------------------- */

enum netcfg_temp_use {
	NETCFG_TEMP_NO = 0,            /* no temporary addresses */
	NETCFG_TEMP_YES,               /* for addresses autoconfigured from RAs */
	NETCFG_TEMP_ALWAYS,            /* yes, and a new random identifier each time */
	NETCFG_TEMP_COUNTER,           /* yes, identifiers from a counter (testing) */
};

#define NETCFG_GLOBAL_DEFAULT_HOP_LIMIT      0x0001
#define NETCFG_GLOBAL_NEIGHBOR_CACHE_LIMIT   0x0002
#define NETCFG_GLOBAL_ROUTE_CACHE_LIMIT      0x0004
#define NETCFG_GLOBAL_BINDING_CACHE_LIMIT    0x0008
#define NETCFG_GLOBAL_REASSEMBLY_LIMIT       0x0010
#define NETCFG_GLOBAL_MOBILITY_SECURITY      0x0020
#define NETCFG_GLOBAL_USE_TEMPORARY          0x0040
#define NETCFG_GLOBAL_MAX_TEMP_DAD_ATTEMPTS  0x0080
#define NETCFG_GLOBAL_MAX_TEMP_VALID         0x0100
#define NETCFG_GLOBAL_MAX_TEMP_PREFERRED     0x0200
#define NETCFG_GLOBAL_TEMP_REGENERATE        0x0400
#define NETCFG_GLOBAL_MAX_TEMP_RANDOM        0x0800
#define NETCFG_GLOBAL_TEMP_RANDOM            0x1000
#define NETCFG_GLOBAL_ALL                    0x1fff

/* The stack's global parameters.  Lifetimes and times are in seconds. */
struct netcfg_global {
	uint32_t mask;                      /* set: the fields to change; get: all */
	uint32_t default_hop_limit;         /* DefaultCurHopLimit, 128 */
	uint32_t neighbor_cache_limit;      /* NeighborCacheLimit, 8 per interface */
	uint32_t route_cache_limit;         /* RouteCacheLimit, 32 */
	uint32_t binding_cache_limit;       /* BindingCacheLimit, 32 */
	uint32_t reassembly_limit;          /* ReassemblyLimit, 262144 bytes */
	bool mobility_security;             /* MobilitySecurity, on */
	enum netcfg_temp_use use_temporary; /* UseTemporaryAddresses, yes */
	uint32_t max_temp_dad_attempts;     /* MaxTempDADAttempts, 5 */
	uint32_t max_temp_valid_lifetime;   /* MaxTempValidLifetime, 7 days */
	uint32_t max_temp_preferred_lifetime; /* MaxTempPreferredLifetime, 1 day */
	uint32_t temp_regenerate_time;      /* TempRegenerateTime, 5 */
	uint32_t max_temp_random_time;      /* MaxTempRandomTime, 600 */
	uint32_t temp_random_time;          /* TempRandomTime, 0 */
	/* get: the parameters (NETCFG_GLOBAL_* bits) the dataplane does not
	 * realize, so that the daemon alone keeps them (linux dataplane);
	 * 0 with the model dataplane.  Ignored by set. */
	uint32_t daemon_held;
};

/* ---- static DNS servers -------------------------------------------- */

struct netcfg_dns_server {
	uint32_t ifindex;
	const char *ifname;            /* optional, see netcfg_address */
	struct in6_addr addr;
	uint32_t position;             /* 1-based place in the interface's list;
	                                * add: 0 appends */
};

struct netcfg_dns_list {
	struct netcfg_dns_server *v;
	size_t n;
};

/* ---- neighbor cache ------------------------------------------------- */

enum netcfg_nd_state {
	NETCFG_ND_INCOMPLETE = 0,
	NETCFG_ND_PROBE,
	NETCFG_ND_DELAY,
	NETCFG_ND_STALE,
	NETCFG_ND_REACHABLE,
	NETCFG_ND_PERMANENT,           /* static, or a link that needs no ND */
};

struct netcfg_neighbor {
	uint32_t ifindex;
	const char *ifname;            /* optional, see netcfg_address */
	struct in6_addr addr;
	uint8_t lladdr[NETCFG_LLADDR_MAX];
	uint8_t lladdr_len;            /* 0 while incomplete */
	enum netcfg_nd_state state;    /* read-only; static entries are permanent */
	uint32_t reachable_ms;         /* read-only: time left while reachable */
	bool is_router;
	bool unreachable;              /* read-only */
	uint32_t refs;                 /* read-only: route-cache and route references */
};

struct netcfg_neighbor_list {
	struct netcfg_neighbor *v;
	size_t n;
};

/* ---- destination (route) cache -------------------------------------- */

struct netcfg_destcache_entry {
	struct in6_addr dest;
	uint32_t ifindex;              /* next-hop interface */
	struct in6_addr nexthop;       /* the neighbor: dest itself when on-link */
	uint32_t source_ifindex;       /* interface of the source address */
	struct in6_addr source;        /* preferred source; :: when there is none */
	uint32_t pmtu;
	bool interface_specific;       /* only used when that interface is named */
	bool has_careof;               /* a binding cache entry applies */
	struct in6_addr careof;
	uint32_t careof_seq;
	uint32_t careof_lifetime;
};

struct netcfg_destcache_list {
	struct netcfg_destcache_entry *v;
	size_t n;
};

/* ---- site prefixes -------------------------------------------------- */

struct netcfg_site_prefix {
	struct netcfg_prefix prefix;
	uint32_t ifindex;
	const char *ifname;            /* optional, see netcfg_address */
	uint32_t lifetime;             /* seconds remaining, or NETCFG_INFINITE */
	enum netcfg_origin origin;     /* read-only */
};

struct netcfg_site_prefix_list {
	struct netcfg_site_prefix *v;
	size_t n;
};

/* ---- binding cache (mobile IPv6) ------------------------------------ */

struct netcfg_binding {
	struct in6_addr home;
	struct in6_addr careof;
	uint32_t seq;
	uint32_t lifetime;             /* seconds remaining */
};

struct netcfg_binding_list {
	struct netcfg_binding *v;
	size_t n;
};

/* ---- route lookup diagnostic (routing-interface query) -------------- */

/* The rule that chose the route of a lookup. */
enum netcfg_route_rule {
	NETCFG_RULE_LOCAL = 0,         /* the destination is an address of this node */
	NETCFG_RULE_SCOPE,             /* a scoped destination: its zone's interface */
	NETCFG_RULE_ONLY,              /* one route matched */
	NETCFG_RULE_LONGEST_PREFIX,    /* the longest matching prefix */
	NETCFG_RULE_PREFERENCE,        /* the smallest preference + interface metric */
	NETCFG_RULE_ORDER,             /* equally preferred: the first in the table */
	NETCFG_RULE_KERNEL,            /* the kernel's own lookup (linux dataplane) */
};

/* The rule that chose the source address.  1 to 8 are the rules of
 * RFC 6724 section 5. */
enum netcfg_source_rule {
	NETCFG_SRC_NONE = 0,           /* no usable source address */
	NETCFG_SRC_SAME = 1,           /* prefer the destination itself */
	NETCFG_SRC_SCOPE = 2,          /* prefer the appropriate scope */
	NETCFG_SRC_DEPRECATED = 3,     /* avoid deprecated addresses */
	NETCFG_SRC_HOME = 4,           /* prefer home addresses */
	NETCFG_SRC_INTERFACE = 5,      /* prefer the outgoing interface */
	NETCFG_SRC_LABEL = 6,          /* prefer a matching label */
	NETCFG_SRC_TEMPORARY = 7,      /* prefer temporary addresses */
	NETCFG_SRC_PREFIX = 8,         /* use the longest matching prefix */
	NETCFG_SRC_ONLY = 9,           /* the only candidate */
	NETCFG_SRC_ORDER = 10,         /* equal under every rule: the first assigned */
	NETCFG_SRC_KERNEL = 11,        /* the kernel's own choice (linux dataplane) */
};

struct netcfg_route_result {
	struct in6_addr dest;
	uint32_t scope_id;             /* the zone of a scoped destination, else 0 */
	enum netcfg_route_rule rule;
	uint32_t candidates;           /* routes that matched the destination */
	bool have_route;               /* route is the routing-table entry used */
	struct netcfg_route route;
	uint32_t ifindex;              /* outgoing interface */
	struct in6_addr nexthop;       /* the neighbor (dest itself when on-link) */
	bool onlink;
	bool tunnelled;                /* encapsulated in IPv4 to v4dest */
	struct in_addr v4dest;
	uint32_t source_ifindex;
	struct in6_addr source;        /* :: when there is no usable source */
	enum netcfg_source_rule source_rule;
	uint32_t source_candidates;
	uint32_t pmtu;
};

/* ---- destination-list sort (SIO_ADDRESS_LIST_SORT) ------------------ */

struct netcfg_sort_entry {
	struct in6_addr addr;          /* an IPv6 or IPv4-mapped destination */
	uint32_t scope_id;             /* in: as given (0 = none); out: filled in */
	/* out: */
	bool usable;                   /* a route and a source address exist */
	uint32_t source_ifindex;
	struct in6_addr source;        /* the source paired with it, or :: */
	uint32_t precedence;           /* from the prefix policy table */
	uint32_t label;
};

/* ---- router advertisements ------------------------------------------ */

struct netcfg_ra_prefix {
	struct netcfg_prefix prefix;
	bool onlink;                   /* L flag */
	bool autonomous;               /* A flag */
	uint32_t valid_lifetime;
	uint32_t preferred_lifetime;
	uint8_t site_prefix_length;    /* 0 = none */
};

/* The router advertisement an interface sends (or would send). */
struct netcfg_ra {
	uint32_t ifindex;
	bool sent;                     /* the interface advertises */
	uint32_t next_in;              /* seconds to the next one; NETCFG_INFINITE if not sent */
	uint32_t cur_hop_limit;
	bool managed;                  /* M flag */
	bool other;                    /* O flag */
	uint32_t router_lifetime;      /* seconds; 0 = not a default router */
	uint32_t reachable_time_ms;    /* 0 = unspecified */
	uint32_t retrans_timer_ms;     /* 0 = unspecified */
	uint8_t sll[NETCFG_LLADDR_MAX]; /* source link-layer address option */
	uint8_t sll_len;
	uint32_t mtu;                  /* MTU option: the current link MTU */
	struct netcfg_ra_prefix *prefixes; /* one per published on-link route */
	size_t n_prefixes;
};

/* Names used in JSON and in messages ("ethernet", "anycast", "preferred",
 * "manual"); NULL for values out of range.  The parse functions return -1
 * for unknown names. */
const char *netcfg_if_kind_name(enum netcfg_if_kind k);
int netcfg_if_kind_parse(const char *s);
const char *netcfg_if_state_name(enum netcfg_if_state s);       /* "connected", ... */
int netcfg_if_state_parse(const char *s);
const char *netcfg_router_pref_name(enum netcfg_router_pref p); /* "medium", ... */
int netcfg_router_pref_parse(const char *s);
const char *netcfg_addr_type_name(enum netcfg_addr_type t);
int netcfg_addr_type_parse(const char *s);
const char *netcfg_addr_state_name(enum netcfg_addr_state s);
int netcfg_addr_state_parse(const char *s);
const char *netcfg_origin_name(enum netcfg_origin o);
int netcfg_origin_parse(const char *s);
const char *netcfg_temp_use_name(enum netcfg_temp_use u);       /* "no", "yes", ... */
int netcfg_temp_use_parse(const char *s);
const char *netcfg_nd_state_name(enum netcfg_nd_state s);       /* "incomplete", ... */
int netcfg_nd_state_parse(const char *s);
const char *netcfg_route_rule_name(enum netcfg_route_rule r);   /* "longest-prefix", ... */
int netcfg_route_rule_parse(const char *s);
const char *netcfg_source_rule_name(enum netcfg_source_rule r); /* "scope", ... */
int netcfg_source_rule_parse(const char *s);

#ifdef __cplusplus
}
#endif
#endif
