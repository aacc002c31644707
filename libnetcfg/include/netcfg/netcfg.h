/* SPDX-License-Identifier: MIT */
/*
 * netcfg/netcfg.h - the client API of libnetcfg.
 *
 * A handle is one connection to stackd.  Every call returns NETCFG_OK (0)
 * or a status code from <netcfg/errors.h>; netcfg_error() then holds a
 * one-line message that names the offending value.
 *
 * Between netcfg_batch_begin() and netcfg_batch_commit() the change calls
 * are queued instead of sent; the commit sends them as one transaction that
 * the daemon applies completely or not at all, persisting once.
 */
#ifndef NETCFG_NETCFG_H
#define NETCFG_NETCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netcfg/catalog.h>
#include <netcfg/errors.h>
#include <netcfg/ipsec.h>
#include <netcfg/text.h>
#include <netcfg/transition.h>
#include <netcfg/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NETCFG_VERSION "0.1.0"
#define NETCFG_PROTOCOL_VERSION 1

typedef struct netcfg netcfg_t;

/* netcfg_open() flags */
#define NETCFG_OPEN_NO_AUTOSTART 0x1   /* never start an embedded daemon */
#define NETCFG_OPEN_QUIET        0x2   /* do not announce an auto-start on stderr */

/* Change flags, in the spirit of netlink's NLM_F_*. */
#define NETCFG_F_CREATE  0x1  /* create the object if it does not exist */
#define NETCFG_F_EXCL    0x2  /* with CREATE: fail if it exists */
#define NETCFG_F_REPLACE 0x4  /* update an existing object */
#define NETCFG_F_PERSIST 0x8  /* also record the change in the persistent store */
#define NETCFG_F_ADD     (NETCFG_F_CREATE | NETCFG_F_EXCL)
#define NETCFG_F_SET     (NETCFG_F_REPLACE)
#define NETCFG_F_UPSERT  (NETCFG_F_CREATE | NETCFG_F_REPLACE)
/* An add call given neither CREATE nor REPLACE behaves as NETCFG_F_ADD. */

/*
 * Connect to the daemon.  The socket is $NETCFG_SOCKET, else
 * /run/netcfg/stackd.sock for root, else $XDG_RUNTIME_DIR/netcfg/stackd.sock
 * (falling back under $HOME).  When nobody answers, an embedded daemon with
 * the model dataplane is started (unless NETCFG_OPEN_NO_AUTOSTART) and the
 * fact is announced once on stderr.  On failure *out is NULL and, if errbuf
 * is given, it receives the message.
 */
int netcfg_open(netcfg_t **out, unsigned flags, char *errbuf, size_t errlen);
void netcfg_close(netcfg_t *h);

/* The message of the last failed call on h ("" after success). */
const char *netcfg_error(const netcfg_t *h);
/* The status of the last call on h. */
int netcfg_last_status(const netcfg_t *h);

/* Paths the library resolved (for messages and tools). */
const char *netcfg_socket_path(const netcfg_t *h);

/* Daemon identity. */
struct netcfg_daemon_info {
	char version[32];
	char dataplane[16];     /* "model" or "linux" */
	int pid;
	unsigned uid;
	bool test_clock;
	uint64_t clock;         /* seconds on the daemon's clock */
	unsigned clients;       /* connections currently open */
};
int netcfg_daemon_info(netcfg_t *h, struct netcfg_daemon_info *info);

/* Test clock (stackd --test-clock): move time forward by secs. */
int netcfg_clock_advance(netcfg_t *h, uint32_t secs);

/* ---- interfaces ---------------------------------------------------- */

/* All interfaces (index 0) or one, with their addresses and groups,
 * in descending index order. */
int netcfg_interface_list(netcfg_t *h, uint32_t index, struct netcfg_interface_list *out);
void netcfg_interface_list_free(struct netcfg_interface_list *l);
/* The index of the interface called name, or of "<decimal index>". */
int netcfg_interface_index(netcfg_t *h, const char *name, uint32_t *index);
/* Create a configured (v6v4) tunnel or a 6-over-4 interface; it gets the
 * next interface number.  *index (if given) receives it, except inside a
 * batch, where it is 0: refer to the new interface by name there. */
int netcfg_interface_add(netcfg_t *h, const struct netcfg_interface_create *c,
			 unsigned flags, uint32_t *index);
/* Delete an interface (by name when ifname is not NULL) with its
 * addresses, routes, site prefixes, DNS servers and cache entries.  The
 * pseudo-interfaces #1 and #2 cannot be deleted. */
int netcfg_interface_delete(netcfg_t *h, uint32_t ifindex, const char *ifname, unsigned flags);
/* Change the fields in s->mask (NETCFG_F_PERSIST: also at the next start). */
int netcfg_interface_set(netcfg_t *h, const struct netcfg_interface_settings *s, unsigned flags);
/* Restart one interface (0: all): DAD again, a new router advertisement,
 * its neighbor and destination cache entries forgotten. */
int netcfg_renew(netcfg_t *h, uint32_t ifindex);

/* ---- addresses ----------------------------------------------------- */

/* Add, update or upsert (per flags) an address; lifetimes in the struct. */
int netcfg_address_add(netcfg_t *h, const struct netcfg_address *a, unsigned flags);
/* Remove a configured address (NETCFG_F_PERSIST: persistently too). */
int netcfg_address_delete(netcfg_t *h, const struct netcfg_address *a, unsigned flags);

/* ---- routes -------------------------------------------------------- */

/* Lifetime infinite, aging, preference 0, on-link, everything else 0. */
void netcfg_route_init(struct netcfg_route *r);
/* A route is identified by (prefix, ifindex, nexthop). */
int netcfg_route_add(netcfg_t *h, const struct netcfg_route *r, unsigned flags);
int netcfg_route_delete(netcfg_t *h, const struct netcfg_route *r, unsigned flags);
int netcfg_route_list(netcfg_t *h, struct netcfg_route_list *out);
void netcfg_route_list_free(struct netcfg_route_list *l);

/* Look a destination up as the stack would send to it (with scope_id
 * for a scoped destination; ifindex 0 = any interface, else only that one)
 * and say which route, next hop, interface and source address it uses and
 * which rules decided.  Like sending, it creates or refreshes the
 * destination cache entry.  No route: NETCFG_ENOENT. */
int netcfg_route_query(netcfg_t *h, const struct in6_addr *dest, uint32_t scope_id,
		       uint32_t ifindex, struct netcfg_route_result *out);

/* ---- destination-list sort ----------------------------------------- */

/* Sort v[0..*n) best first by RFC 6724 with the prefix policy table,
 * filling in scope ids; unusable site-local destinations are dropped, so
 * *n may shrink. */
int netcfg_address_sort(netcfg_t *h, struct netcfg_sort_entry *v, size_t *n);

/* ---- prefix policies ------------------------------------------------ */

int netcfg_prefix_policy_list(netcfg_t *h, struct netcfg_prefix_policy_list *out);
void netcfg_prefix_policy_list_free(struct netcfg_prefix_policy_list *l);
/* flags: NETCFG_F_ADD (fails if the prefix has a policy), NETCFG_F_SET
 * (fails if it has none), NETCFG_F_UPSERT; plus NETCFG_F_PERSIST. */
int netcfg_prefix_policy_add(netcfg_t *h, const struct netcfg_prefix_policy *p, unsigned flags);
int netcfg_prefix_policy_delete(netcfg_t *h, const struct netcfg_prefix *prefix, unsigned flags);

/* ---- global parameters ---------------------------------------------- */

int netcfg_global_get(netcfg_t *h, struct netcfg_global *out);
/* Set the fields in g->mask. */
int netcfg_global_set(netcfg_t *h, const struct netcfg_global *g, unsigned flags);

/* ---- static DNS servers --------------------------------------------- */

/* One interface's list (ifindex 0: every interface's), in order. */
int netcfg_dns_list(netcfg_t *h, uint32_t ifindex, struct netcfg_dns_list *out);
void netcfg_dns_list_free(struct netcfg_dns_list *l);
/* Insert at s->position (1 = first; 0 or past the end = last). */
int netcfg_dns_add(netcfg_t *h, const struct netcfg_dns_server *s, unsigned flags);
int netcfg_dns_delete(netcfg_t *h, const struct netcfg_dns_server *s, unsigned flags);
/* Remove every server of one interface. */
int netcfg_dns_flush(netcfg_t *h, uint32_t ifindex, const char *ifname, unsigned flags);

/* ---- neighbor cache ------------------------------------------------- */

/* All entries, one interface's (ifindex), or one (ifindex and addr). */
int netcfg_neighbor_list(netcfg_t *h, uint32_t ifindex, const struct in6_addr *addr,
			 struct netcfg_neighbor_list *out);
void netcfg_neighbor_list_free(struct netcfg_neighbor_list *l);
/* A static entry (permanent) with the given link-layer address. */
int netcfg_neighbor_add(netcfg_t *h, const struct netcfg_neighbor *n, unsigned flags);
/* Remove the selected entries that nothing references (the destination
 * cache and routes through a next hop hold references). */
int netcfg_neighbor_flush(netcfg_t *h, uint32_t ifindex, const char *ifname,
			  const struct in6_addr *addr, unsigned flags);

/* ---- destination (route) cache -------------------------------------- */

int netcfg_destcache_list(netcfg_t *h, uint32_t ifindex, const struct in6_addr *dest,
			  struct netcfg_destcache_list *out);
void netcfg_destcache_list_free(struct netcfg_destcache_list *l);
int netcfg_destcache_flush(netcfg_t *h, uint32_t ifindex, const struct in6_addr *dest);

/* ---- site prefixes --------------------------------------------------- */

int netcfg_site_prefix_list(netcfg_t *h, struct netcfg_site_prefix_list *out);
void netcfg_site_prefix_list_free(struct netcfg_site_prefix_list *l);
/* Identified by (prefix, interface); lifetime in the struct. */
int netcfg_site_prefix_add(netcfg_t *h, const struct netcfg_site_prefix *sp, unsigned flags);
int netcfg_site_prefix_delete(netcfg_t *h, const struct netcfg_site_prefix *sp, unsigned flags);

/* ---- binding cache ---------------------------------------------------- */

int netcfg_binding_list(netcfg_t *h, struct netcfg_binding_list *out);
void netcfg_binding_list_free(struct netcfg_binding_list *l);

/* ---- router advertisements ------------------------------------------- */

/* The RA interface ifindex sends, computed from the published routes. */
int netcfg_ra_get(netcfg_t *h, uint32_t ifindex, struct netcfg_ra *out);
void netcfg_ra_free(struct netcfg_ra *ra);

/* ---- change events (api_events.c) ------------------------------------ */

/* Kinds of change, as a mask. */
#define NETCFG_EVENTS_ADDRESS 0x1u   /* the node's addresses: added, removed, state */
#define NETCFG_EVENTS_ROUTE   0x2u   /* what can change a route query's answer */
#define NETCFG_EVENTS_ALL     0x3u

/*
 * The daemon's change generations.  Each kind has a counter that grows
 * whenever its state changed (a transaction counts once; a refused one
 * not at all); epoch names the daemon instance, so generations from a
 * daemon that has since restarted count as changed.  Compare them only
 * for equality.
 */
struct netcfg_events {
	uint64_t epoch;
	uint64_t address;
	uint64_t route;
	unsigned changed;   /* netcfg_events_wait: the kinds asked for that are past since */
	unsigned waiting;   /* requests parked in a wait right now (all clients) */
};
int netcfg_events_get(netcfg_t *h, struct netcfg_events *out);
/* Wait until one of kinds (NETCFG_EVENTS_*; 0 = all) is past since (NULL:
 * the current generations, i.e. the next change), at most timeout_ms
 * milliseconds (< 0: no limit, 0: do not wait).  *out gets the generations
 * when it returns and, in out->changed, the kinds that moved (0: the time
 * ran out).  The daemon serves others meanwhile; the connection carries
 * nothing else until the answer. */
int netcfg_events_wait(netcfg_t *h, unsigned kinds, const struct netcfg_events *since,
		       int timeout_ms, struct netcfg_events *out);
/* "address", "route"; NULL for other bits. */
const char *netcfg_events_kind_name(unsigned kind);

/* ---- batches ------------------------------------------------------- */

int netcfg_batch_begin(netcfg_t *h);
bool netcfg_batch_active(const netcfg_t *h);
size_t netcfg_batch_size(const netcfg_t *h);
/* Send the queued changes as one transaction.  On failure nothing was
 * changed and *failed (if given) is the 0-based index of the change that
 * was refused, or SIZE_MAX when the batch as a whole failed. */
int netcfg_batch_commit(netcfg_t *h, size_t *failed);
void netcfg_batch_abort(netcfg_t *h);

/* ---- the stack as a whole (api_lifecycle.c) ----------------------------- */

struct netcfg_stack_status {
	bool running;                /* false while stopped (net6 stop tcpip6) */
	bool installed;              /* false after netcfg_stack_uninstall() */
	unsigned holders;            /* other open connections (they keep it from stopping) */
	uint32_t next_ifindex;       /* the number the next created interface gets */
	size_t persistent_entries;
};
int netcfg_stack_status(netcfg_t *h, struct netcfg_stack_status *out);

/* Clear the IPv6 configuration, persistent and active, and rebuild the
 * default stack (interfaces renumbered from 1).  Can be batched: a batch
 * that starts with a reset replaces the whole configuration, or nothing. */
int netcfg_stack_reset(netcfg_t *h);
/* Take the stack down: NETCFG_EBUSY while other connections are open,
 * NETCFG_ENOENT when it is already stopped.  While it is stopped every
 * operation of the IPv6 stack fails with NETCFG_ENOTSUP. */
int netcfg_stack_stop(netcfg_t *h);
/* Rebuild the default stack and replay the persistent store, as at boot;
 * NETCFG_EEXIST when it is running. */
int netcfg_stack_start(netcfg_t *h);
/* Uninstall: clear the IPv6 configuration and refuse the stack's
 * operations until install (persistent).  Both succeed when there is
 * nothing to do. */
int netcfg_stack_uninstall(netcfg_t *h);
int netcfg_stack_install(netcfg_t *h);

/* The prefix policies of a freshly built stack (what a reset restores). */
int netcfg_stack_default_policies(netcfg_t *h, struct netcfg_prefix_policy_list *out);

/* The persistent store: the change requests the daemon replays at start,
 * in order, one per object. */
struct netcfg_store_entry {
	char *key;                   /* names the object: "route 2001:db8::/64 eth0 ::" */
	char *op;                    /* the operation that recreates it: "route.add" */
	char *args;                  /* its arguments, a JSON object in the wire encoding */
	size_t args_len;
};
struct netcfg_store_list {
	struct netcfg_store_entry *v;
	size_t n;
};
int netcfg_store_list(netcfg_t *h, struct netcfg_store_list *out);
void netcfg_store_list_free(struct netcfg_store_list *l);

#ifdef __cplusplus
}
#endif
#endif
