/* SPDX-License-Identifier: MIT */
/*
 * stack.h - the daemon's model of the IPv6 stack: interfaces with their
 * addresses, multicast groups and DNS servers; the routing table; the
 * neighbor and destination caches; the prefix policy table, the site
 * prefix and binding caches, global parameters and router advertisements.
 *
 * Every configuration change goes through a stack_* function that
 * validates, applies and records how to undo itself in the transaction's
 * undo log, so a batch can be rolled back exactly.  The caches are soft
 * state: they change outside transactions and are never undone.
 * Functions return a netcfg status and leave a one-line message naming
 * the offending value in st->err.
 *
 * struct stack is moved by value when the stack is rebuilt (ops_stack.c),
 * so nothing may point back into it: every list below is NULL-terminated.
 */
#ifndef STACKD_STACK_H
#define STACKD_STACK_H

#include <netcfg/netcfg.h>

#include "../../common/htab.h"
#include "clock.h"
#include "dataplane.h"

#define NEVER UINT64_MAX

struct undo_log;

struct st_addr {
	struct st_addr *next;
	struct in6_addr addr;
	enum netcfg_addr_type type;
	enum netcfg_origin origin;
	bool temporary;            /* a privacy address (RFC 4941) */
	uint64_t valid_until;      /* clock second it disappears, or NEVER */
	uint64_t preferred_until;  /* clock second it deprecates, or NEVER */
	uint64_t dad_until;        /* tentative before this clock second */
	/* What a dataplane with a kernel keeps: */
	uint8_t plen;              /* the kernel's prefix length (128 otherwise) */
	bool foreign;              /* not installed by stackd */
	bool dad_failed;           /* duplicate address detection failed */
	bool mark;                 /* seen by the resync in progress */
};

struct st_group {
	struct st_group *next;
	struct in6_addr addr;
	uint32_t refs;
	bool reportable;
	bool last_reporter;
};

struct st_iface {
	/* Static and settable fields; addrs/groups of the embedded struct
	 * are unused (the lists below hold them). */
	struct netcfg_interface info;
	struct st_addr *addrs;      /* in the order they were added */
	struct st_group *groups;
	struct in_addr v4;          /* IPv4 address of IPv4-based links */
	bool created;               /* made by interface.add, not declared */
	struct in6_addr *dns;       /* static DNS servers, in order */
	size_t n_dns;
	uint32_t n_neighbors;       /* its entries in the neighbor cache */
	uint64_t ra_next;           /* clock second of the next RA, NEVER if none */
	bool mark;                  /* seen by the resync in progress */
	bool up;                    /* a kernel link that is administratively up */
	bool hop_limit_set;         /* interface.set gave its hop limit: it keeps it
	                             * when DefaultCurHopLimit changes */
};

struct st_neighbor;

/* The first cache line holds what a lookup reads (routes are allocated
 * on a cache-line boundary): the hash node, the prefix as two host-order
 * words and copies of its length, interface and preference. */
struct st_route {
	struct hnode h;             /* in stack.routes, keyed by prefix */
	uint64_t key_hi, key_lo;
	uint64_t seq;               /* table order, for ties */
	uint32_t key_ifindex;       /* = r.ifindex */
	uint32_t key_pref;          /* = r.preference */
	uint8_t key_len;            /* = r.prefix.len */
	struct netcfg_route r;      /* r.lifetime: the configured lifetime */
	uint64_t expires;           /* clock second it disappears, or NEVER */
	struct st_neighbor *nce;    /* the next hop's entry (next-hop routes) */
	struct st_route *prev, *next; /* table order */
	bool foreign;               /* in the kernel, not installed by stackd */
	bool mark;                  /* seen by the resync in progress */
	uint8_t proto;              /* the kernel's route protocol; 0 = none */
};

struct st_neighbor {
	struct hnode h;             /* in stack.neighbors, keyed by (ifindex, addr) */
	struct st_neighbor *prev, *next;        /* oldest first */
	struct st_neighbor *idle_prev, *idle_next; /* unreferenced dynamic entries */
	bool idle;                  /* on the idle list */
	uint32_t ifindex;
	struct in6_addr addr;
	uint8_t lladdr[NETCFG_LLADDR_MAX];
	uint8_t lladdr_len;
	enum netcfg_nd_state state;
	bool is_router;
	bool is_static;             /* configured; permanent */
	uint32_t refs;              /* routes and destination cache entries */
};

/* A destination cache entry: the outcome of a lookup, kept until the
 * configuration changes (gen) and refreshed then. */
struct st_dest {
	struct hnode h;             /* keyed by (dest, scope, spec_ifindex) */
	struct st_dest *prev, *next; /* least recently used first */
	struct in6_addr dest;
	uint32_t scope;             /* zone of a scoped destination, else 0 */
	uint32_t spec_ifindex;      /* interface-specific: that interface; else 0 */
	uint32_t ifindex;
	struct in6_addr nexthop;
	uint32_t source_ifindex;
	struct in6_addr source;
	uint32_t pmtu;
	struct st_neighbor *nce;
	uint64_t gen;
};

struct st_site {
	struct st_site *next;
	struct netcfg_prefix prefix;
	uint32_t ifindex;
	enum netcfg_origin origin;
	uint64_t expires;
};

struct st_binding {
	struct st_binding *next;
	struct in6_addr home, careof;
	uint32_t seq;
	uint64_t expires;
};

struct stack {
	struct st_iface **ifs;      /* sorted by index */
	size_t n_ifs;
	uint32_t next_ifindex;
	/* routing table */
	struct htab routes;         /* (prefix, len) -> routes with that prefix */
	struct st_route *rt_head, *rt_tail;
	size_t n_routes;
	uint32_t len_count[129];    /* routes per prefix length */
	uint8_t lens[129];          /* the lengths in use, longest first */
	unsigned n_lens;
	/* The routes of each length that has at most ST_FEW_ROUTES of them
	 * (::/96, ::/0, 2002::/16 ...): a lookup compares those directly,
	 * without a probe of the big hash table. */
#define ST_FEW_ROUTES 8
	struct st_route *few[129][ST_FEW_ROUTES];
	uint64_t route_seq;
	/* caches */
	struct htab neighbors;
	struct st_neighbor *nc_head, *nc_tail, *idle_head, *idle_tail;
	size_t n_neighbors;
	struct htab dests;
	struct st_dest *dc_head, *dc_tail;
	size_t n_dests;
	struct st_binding *bindings;
	/* tables and parameters */
	struct netcfg_prefix_policy *policies;
	size_t n_policies;
	struct st_site *sites;
	struct netcfg_global global;
	uint64_t gen;               /* bumped by configuration changes */
	bool ra_dirty;              /* what advertisements carry changed: send now */
	uint64_t last_expire;       /* clock second of the last stack_expire() */
	uint64_t rng;               /* xorshift state (fixed under the test clock) */
	uint64_t temp_counter;      /* UseTemporaryAddresses counter: the last identifier */
	struct clock *clock;
	uint64_t next_deadline;     /* earliest expiry of anything, or NEVER */
	struct undo_log *undo;      /* current transaction, or NULL */
	struct dataplane *dp;       /* realizes the changes (dataplane.h) */
	char err[512];
};

/* An adapter the model declares at start (config file or host mirror). */
struct adapter_cfg {
	char name[NETCFG_NAME_MAX];
	enum netcfg_if_kind kind;
	uint8_t mac[6];
	struct in_addr v4;          /* 6over4: its IPv4 address; else 0 = none */
	uint32_t true_mtu;          /* 0 = the kind's default */
	uint32_t reachable_ms;      /* 0 = random in [0.5, 1.5] x base */
};

int stack_init(struct stack *st, struct clock *clk, const struct adapter_cfg *ad, size_t n,
	       const struct in_addr *host_v4, size_t n_v4);
/* The tables without interfaces (a dataplane adds them). */
int stack_init_base(struct stack *st, struct clock *clk);
void stack_free(struct stack *st);

/* Errors: set st->err and return status. */
int stack_fail(struct stack *st, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Out of memory, as every module reports it. */
int stack_nomem(struct stack *st);

/* ---- interfaces (stack.c) ------------------------------------------ */
struct st_iface *stack_iface(const struct stack *st, uint32_t index);
struct st_iface *stack_iface_by_name(const struct stack *st, const char *name);
/* Resolve an interface reference (name preferred when given). */
int stack_iface_ref(struct stack *st, uint32_t index, const char *name, struct st_iface **out);
/* Snapshot of one interface with its addresses and groups (caller frees
 * out->addrs and out->groups). */
int stack_iface_snapshot(const struct stack *st, const struct st_iface *ifp,
			 struct netcfg_interface *out);
/* interface.add: *out is the new interface. */
int stack_iface_create(struct stack *st, const struct netcfg_interface_create *c,
		       struct st_iface **out);
int stack_iface_delete(struct stack *st, struct st_iface *ifp);
int stack_iface_set(struct stack *st, struct st_iface *ifp,
		    const struct netcfg_interface_settings *s);
/* Restart one interface (NULL: all). */
void stack_renew(struct stack *st, struct st_iface *ifp);
/* The interface identifier (low 64 bits) the interface autoconfigures
 * with; false for interfaces that have none. */
bool stack_iface_iid(const struct st_iface *ifp, struct in6_addr *iid);

/* ---- addresses (stack_addr.c) -------------------------------------- */
struct st_addr *stack_addr_find(const struct st_iface *ifp, const struct in6_addr *a);
/* The interface an address of this node is assigned to, or NULL. */
struct st_iface *stack_addr_owner(const struct stack *st, const struct in6_addr *a);
/* flags: NETCFG_F_CREATE / EXCL / REPLACE.  a->ifindex must be resolved. */
int stack_addr_add(struct stack *st, const struct netcfg_address *a, unsigned flags);
int stack_addr_delete(struct stack *st, uint32_t ifindex, const struct in6_addr *a);
void stack_addr_export(const struct stack *st, const struct st_iface *ifp,
		       const struct st_addr *sa, struct netcfg_address *out);
enum netcfg_addr_state stack_addr_state(const struct stack *st, const struct st_addr *sa);
/* An address the stack configures itself (from a router advertisement):
 * created tentative, or its lifetimes refreshed. */
int stack_addr_autoconf(struct stack *st, struct st_iface *ifp, const struct in6_addr *a,
			uint32_t valid, uint32_t preferred, bool temporary);
/* Start duplicate address detection again for every unicast address. */
void stack_addr_restart_dad(struct stack *st, struct st_iface *ifp);

/* ---- routes (stack_route.c) ---------------------------------------- */
struct st_route *stack_route_find(const struct stack *st, const struct netcfg_prefix *p,
				  uint32_t ifindex, const struct in6_addr *nexthop);
int stack_route_add(struct stack *st, const struct netcfg_route *r, unsigned flags);
int stack_route_delete(struct stack *st, const struct netcfg_route *r);
/* The route as shown: remaining lifetime for aging routes. */
void stack_route_export(const struct stack *st, const struct st_route *sr, struct netcfg_route *out);
/* "2002::/16 -> 2" or "::/0 -> 2/::131.107.152.32", for messages. */
const char *stack_route_name(const struct netcfg_route *r, char *buf, size_t size);

/* What a routing-table lookup found. */
struct route_match {
	struct st_route *route;       /* NULL: no route */
	enum netcfg_route_rule rule;
	uint32_t candidates;          /* routes matching at any length */
};
/* Longest prefix, then smallest preference + interface metric, then table
 * order; only_if != 0 restricts to that interface, site != 0 to the
 * interfaces of that site.  The fast path of every lookup stops at the
 * longest matching length; count_all also counts the shorter matches
 * (for the diagnostic). */
void stack_route_lookup(const struct stack *st, const struct in6_addr *dest, uint32_t only_if,
			uint32_t site, bool count_all, struct route_match *m);

/* ---- neighbor cache (stack_nd.c) ----------------------------------- */
struct st_neighbor *stack_nd_find(const struct stack *st, uint32_t ifindex,
				  const struct in6_addr *a);
/* A reference to the entry for a on ifp, created if needed (incomplete,
 * or permanent on links that need no resolution); NULL when out of
 * memory. */
struct st_neighbor *stack_nd_ref(struct stack *st, const struct st_iface *ifp,
				 const struct in6_addr *a);
void stack_nd_unref(struct stack *st, struct st_neighbor *n);
/* A static entry (transactional). */
int stack_nd_add(struct stack *st, const struct netcfg_neighbor *n, unsigned flags);
/* Remove the unreferenced entries of one interface (0: all) and address
 * (NULL: all); returns how many went.  Static entries are restored if the
 * transaction rolls back. */
int stack_nd_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *a, size_t *removed);
void stack_nd_export(const struct st_neighbor *n, struct netcfg_neighbor *out);
/* Forget every dynamic entry of an interface (renew, delete). */
void stack_nd_forget_iface(struct stack *st, uint32_t ifindex);
void stack_nd_free_all(struct stack *st);
/* The IPv4 end point a tunnel neighbor stands for (#2: the 32 bits after
 * 2002::/16, else the low 32 bits; v6v4: the remote end). */
bool stack_tunnel_v4(const struct st_iface *ifp, const struct in6_addr *a, struct in_addr *v4);

/* ---- destination cache and lookups (stack_dcache.c) ----------------- */
/* The full lookup: route, next hop, source, PMTU and the deciding rules.
 * With create, the destination cache entry is made or refreshed. */
int stack_query(struct stack *st, const struct in6_addr *dest, uint32_t scope, uint32_t only_if,
		bool create, struct netcfg_route_result *out);
/* Bring every entry up to date with the configuration (entries whose
 * destination became unreachable go). */
void stack_dcache_refresh(struct stack *st);
void stack_dcache_export(const struct stack *st, const struct st_dest *e,
			 struct netcfg_destcache_entry *out);
/* Remove the entries through one interface (0: all) to one destination
 * (NULL: all). */
size_t stack_dcache_flush(struct stack *st, uint32_t ifindex, const struct in6_addr *dest);
void stack_dcache_free_all(struct stack *st);
/* Trim to the RouteCacheLimit, least recently used first. */
void stack_dcache_trim(struct stack *st);

/* ---- address selection (stack_select.c) ----------------------------- */
int stack_policy_default(struct stack *st);
const struct netcfg_prefix_policy *stack_policy_lookup(const struct stack *st,
						       const struct in6_addr *a);
int stack_policy_add(struct stack *st, const struct netcfg_prefix_policy *p, unsigned flags);
int stack_policy_delete(struct stack *st, const struct netcfg_prefix *prefix);
bool stack_policy_is_default(const struct netcfg_prefix_policy *p);
/* RFC 6724 section 5: the source address for dest leaving through ifp. */
const struct st_addr *stack_select_source(const struct stack *st, const struct in6_addr *dest,
					  const struct st_iface *ifp, struct st_iface **src_if,
					  enum netcfg_source_rule *rule, uint32_t *candidates);
/* RFC 6724 section 6 over v[0..*n); *n may shrink. */
int stack_sort_destinations(struct stack *st, struct netcfg_sort_entry *v, size_t *n);

/* ---- global parameters, DNS, site prefixes, bindings (stack_tables.c) */
void stack_global_default(struct netcfg_global *g);
int stack_global_set(struct stack *st, const struct netcfg_global *g);
int stack_dns_add(struct stack *st, struct st_iface *ifp, const struct in6_addr *a,
		  uint32_t position);
int stack_dns_delete(struct stack *st, struct st_iface *ifp, const struct in6_addr *a);
int stack_dns_flush(struct stack *st, struct st_iface *ifp);
/* Replace the whole list (persistent store replay). */
int stack_dns_set(struct stack *st, struct st_iface *ifp, const struct in6_addr *v, size_t n);
struct st_site *stack_site_find(const struct stack *st, const struct netcfg_prefix *p,
				uint32_t ifindex);
int stack_site_add(struct stack *st, const struct netcfg_site_prefix *sp, unsigned flags);
int stack_site_delete(struct stack *st, const struct netcfg_prefix *p, uint32_t ifindex);
void stack_site_export(const struct stack *st, const struct st_site *s,
		       struct netcfg_site_prefix *out);
void stack_binding_export(const struct stack *st, const struct st_binding *b,
			  struct netcfg_binding *out);
const struct st_binding *stack_binding_find(const struct stack *st, const struct in6_addr *home);
/* A binding update accepted from a mobile node (test injection). */
int stack_binding_update(struct stack *st, const struct netcfg_binding *b);

/* ---- router advertisements (stack_ra.c) ----------------------------- */
/* What ifp sends (or would send); allocates out->prefixes. */
int stack_ra_build(const struct stack *st, const struct st_iface *ifp, struct netcfg_ra *out);
/* Send now on every advertising interface whose inputs changed or whose
 * interval is due: schedules the next one and configures the interface's
 * own addresses from the /64 prefixes it advertises. */
void stack_ra_run(struct stack *st, bool now);
/* A host's processing of an RA received on rx from router (RFC 4861
 * 6.3.4, RFC 4862 5.5.3, RFC 4941): the default route, on-link prefixes,
 * addresses (temporary ones too), site prefixes, MTU, hop limit and the
 * router's neighbor entry.  The model has no wire: tests inject RAs. */
int stack_ra_receive(struct stack *st, struct st_iface *rx, const struct in6_addr *router,
		     const struct netcfg_ra *ra);

/* ---- mirroring: a dataplane's own state into the model -------------- */
/* These change the model outside transactions and realize nothing. */

/* An interface as the dataplane has it (info->index is its number; the
 * address and group lists of info are ignored).  *out may be NULL. */
int stack_iface_adopt(struct stack *st, const struct netcfg_interface *info, struct st_iface **out);
/* Remove an interface and everything that is on it. */
void stack_iface_forget(struct stack *st, struct st_iface *ifp);
/* Add or update an address from a (next and the list links ignored). */
int stack_addr_adopt(struct stack *st, struct st_iface *ifp, const struct st_addr *a);
void stack_addr_forget(struct stack *st, struct st_iface *ifp, struct st_addr *sa);
/* Add or update a route; the attributes the dataplane does not keep
 * (publish, age, site prefix length, preferred lifetime) stay as they
 * are on an update. */
int stack_route_adopt(struct stack *st, const struct netcfg_route *r, bool foreign,
		      struct st_route **out);
void stack_route_forget(struct stack *st, struct st_route *sr);

/* ---- time ---------------------------------------------------------- */
/* Remove what expired by now and send due advertisements; returns the
 * number of objects removed. */
size_t stack_expire(struct stack *st);
/* Note a deadline so the event loop wakes for it. */
static inline void stack_note_deadline(struct stack *st, uint64_t t)
{
	if (t < st->next_deadline)
		st->next_deadline = t;
}
/* Seconds from now to t (NETCFG_INFINITE for NEVER). */
uint32_t stack_remaining(const struct stack *st, uint64_t t);
uint64_t stack_random(struct stack *st);

/* ---- internal, shared by stack*.c and undo.c ------------------------ */
void stack_route_link(struct stack *st, struct st_route *sr, struct st_route *after);
void stack_route_unlink(struct stack *st, struct st_route *sr);
void stack_group_join(struct st_iface *ifp, const struct in6_addr *g, bool reportable);
void stack_group_leave(struct st_iface *ifp, const struct in6_addr *g);
uint64_t stack_deadline(const struct stack *st, uint32_t lifetime);
/* Record a transaction step (no-op outside transactions: then commit runs
 * at once).  Returns 0 or -1 when out of memory. */
int stack_record(struct stack *st, void (*undo)(void *, void *), void (*commit)(void *, void *),
		 void *data);
/* Remember the bytes at p so a rollback restores them. */
int stack_save(struct stack *st, void *p, size_t size);
/* Remember a malloc'd array and its count so a rollback restores both;
 * the caller may then change *arr freely (realloc included). */
int stack_save_array(struct stack *st, void **arr, size_t *n, size_t elem_size);

#endif
