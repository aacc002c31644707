/* SPDX-License-Identifier: MIT */
/*
 * dispatch.h - the table of operations and the request/transaction logic.
 *
 * An operation is a function that reads its args from the request's token
 * document and writes at most one result value.  Operations flagged
 * OP_WRITE change state: they need write access, run inside a transaction
 * and may be batched.
 */
#ifndef STACKD_DISPATCH_H
#define STACKD_DISPATCH_H

#include "stackd.h"

#include "../../libnetcfg/codec.h"
#include "../../libnetcfg/json.h"

#define OP_WRITE 0x1  /* changes state */
#define OP_TEST  0x2  /* only with --test-clock */
#define OP_REBUILDS 0x4 /* rebuilds the stack: the SPD and SAD start afresh too */

struct op_ctx {
	struct daemon *d;
	struct client *cl;        /* NULL while replaying the persistent store */
	const struct jdoc *doc;
	int args;                 /* token of the args object, -1 if none */
	struct jw *out;           /* write the result value here */
	bool replay;              /* applying the persistent store: do not persist */
	char err[512];
};

struct op_def {
	const char *name;
	int (*fn)(struct op_ctx *ctx);
	unsigned flags;
};

int op_fail(struct op_ctx *ctx, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Take the message the stack left in st->err. */
int op_stack_fail(struct op_ctx *ctx, int status);
/* The change flags of a request (default: add = create + excl). */
unsigned op_flags(const struct op_ctx *ctx);
/* Whether this change also goes to the persistent store. */
bool op_persist(const struct op_ctx *ctx);
/*
 * How an object kind is kept in the persistent store: its args member, the
 * operations that recreate and remove it, and its codec writer (which names
 * the interface, since indexes may change across restarts).
 */
struct store_kind {
	const char *member;     /* "route" */
	const char *add_op;     /* "route.add" */
	const char *delete_op;  /* "route.delete" */
	void (*write)(struct jw *w, const void *obj, const char *ifname);
};
/* After a successful add or update: when the request asks to persist,
 * record the object as an upsert, so replaying the store is idempotent. */
int op_persist_add(struct op_ctx *ctx, const struct store_kind *k, const char *key,
		   const void *obj, const char *ifname);
/* After a successful delete: drop the object's entry, or, for an object
 * the stack creates by itself, record that it is to be removed. */
int op_persist_delete(struct op_ctx *ctx, const struct store_kind *k, const char *key,
		      bool stack_default, const void *obj, const char *ifname);

/* NULL, or the first operation out of alphabetical order in the table. */
const char *dispatch_check_table(void);
/* Handle one request frame; the reply frame's JSON is written to reply. */
void dispatch_request(struct daemon *d, struct client *cl, const char *buf, size_t len,
		      struct jw *reply);
/* Apply the persistent store to the freshly built stack: each entry as its
 * own transaction, or, when called inside an operation's transaction
 * (stack.start), each inside that one. */
void dispatch_replay(struct daemon *d);
/* Apply the entries that name interface ifname (a link that appeared),
 * each as its own transaction. */
void dispatch_replay_iface(struct daemon *d, const char *ifname);

/* ops_*.c */
int op_daemon_info(struct op_ctx *ctx);
int op_clock_advance(struct op_ctx *ctx);
int op_interface_list(struct op_ctx *ctx);
int op_address_add(struct op_ctx *ctx);
int op_address_delete(struct op_ctx *ctx);
int op_route_add(struct op_ctx *ctx);
int op_route_delete(struct op_ctx *ctx);
int op_route_list(struct op_ctx *ctx);
/* ops_interface.c, ops_tables.c, ops_cache.c, ops_lookup.c: the stack model */
int op_interface_add(struct op_ctx *ctx);
int op_interface_delete(struct op_ctx *ctx);
int op_interface_set(struct op_ctx *ctx);
int op_renew(struct op_ctx *ctx);
int op_prefix_policy_add(struct op_ctx *ctx);
int op_prefix_policy_delete(struct op_ctx *ctx);
int op_prefix_policy_list(struct op_ctx *ctx);
int op_global_get(struct op_ctx *ctx);
int op_global_set(struct op_ctx *ctx);
int op_dns_add(struct op_ctx *ctx);
int op_dns_delete(struct op_ctx *ctx);
int op_dns_flush(struct op_ctx *ctx);
int op_dns_list(struct op_ctx *ctx);
int op_dns_set(struct op_ctx *ctx);
int op_site_prefix_add(struct op_ctx *ctx);
int op_site_prefix_delete(struct op_ctx *ctx);
int op_site_prefix_list(struct op_ctx *ctx);
int op_neighbor_add(struct op_ctx *ctx);
int op_neighbor_flush(struct op_ctx *ctx);
int op_neighbor_list(struct op_ctx *ctx);
int op_destcache_flush(struct op_ctx *ctx);
int op_destcache_list(struct op_ctx *ctx);
int op_binding_list(struct op_ctx *ctx);
int op_binding_update(struct op_ctx *ctx);
int op_route_query(struct op_ctx *ctx);
int op_address_sort(struct op_ctx *ctx);
int op_ra_receive(struct op_ctx *ctx);
int op_ra_show(struct op_ctx *ctx);
int op_bench_route_lookup(struct op_ctx *ctx);

/* ops_transition.c: the 6to4 and ISATAP settings */
int op_6to4_get(struct op_ctx *ctx);
int op_6to4_reset(struct op_ctx *ctx);
int op_6to4_set(struct op_ctx *ctx);
int op_isatap_get(struct op_ctx *ctx);
int op_isatap_set(struct op_ctx *ctx);
/* Record both services' settings in the transaction before changing them. */
int ops_transition_save(struct op_ctx *ctx);

/* ops_stack.c: the stack as a whole, and reading the persistent store */
int op_stack_default_policies(struct op_ctx *ctx);
int op_stack_install(struct op_ctx *ctx);
int op_stack_reset(struct op_ctx *ctx);
int op_stack_start(struct op_ctx *ctx);
int op_stack_status(struct op_ctx *ctx);
int op_stack_stop(struct op_ctx *ctx);
int op_stack_uninstall(struct op_ctx *ctx);
int op_store_list(struct op_ctx *ctx);
/* Refuse an operation of the IPv6 stack while it is stopped or not
 * installed (NETCFG_OK otherwise). */
int op_stack_gate(struct op_ctx *ctx, const char *op);

/* ops_catalog.c: the provider catalog */
int op_catalog_app_categories(struct op_ctx *ctx);
int op_catalog_app_category_set(struct op_ctx *ctx);
int op_catalog_category_set(struct op_ctx *ctx);
int op_catalog_enable(struct op_ctx *ctx);
int op_catalog_events(struct op_ctx *ctx);
int op_catalog_get(struct op_ctx *ctx);
int op_catalog_install(struct op_ctx *ctx);
int op_catalog_ns_enable(struct op_ctx *ctx);
int op_catalog_ns_install(struct op_ctx *ctx);
int op_catalog_ns_order(struct op_ctx *ctx);
int op_catalog_ns_remove(struct op_ctx *ctx);
int op_catalog_order(struct op_ctx *ctx);
int op_catalog_plan(struct op_ctx *ctx);
int op_catalog_remove(struct op_ctx *ctx);
int op_catalog_repair(struct op_ctx *ctx);
int op_catalog_reset(struct op_ctx *ctx);
int op_catalog_resolve(struct op_ctx *ctx);
int op_catalog_update(struct op_ctx *ctx);
int op_catalog_update_entry(struct op_ctx *ctx);
int op_catalog_verify(struct op_ctx *ctx);

/* events.c: change generations */
int op_events_get(struct op_ctx *ctx);
int op_events_wait(struct op_ctx *ctx);

/* ops_ipsec.c: the SPD and SAD */
int op_sa_add(struct op_ctx *ctx);
int op_sa_delete(struct op_ctx *ctx);
int op_sa_key_load(struct op_ctx *ctx);
int op_sa_list(struct op_ctx *ctx);
int op_sp_add(struct op_ctx *ctx);
int op_sp_delete(struct op_ctx *ctx);
int op_sp_list(struct op_ctx *ctx);
int op_sp_lookup(struct op_ctx *ctx);
/* The keys a connection loaded go with it. */
void ops_ipsec_client_closed(struct daemon *d, struct client *cl);
/* After an OP_REBUILDS operation, inside its transaction. */
int ops_ipsec_stack_rebuilt(struct op_ctx *ctx);

#endif
