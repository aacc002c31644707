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
/* Apply the persistent store to the freshly built stack. */
void dispatch_replay(struct daemon *d);

/* ops_*.c */
int op_daemon_info(struct op_ctx *ctx);
int op_clock_advance(struct op_ctx *ctx);
int op_interface_list(struct op_ctx *ctx);
int op_address_add(struct op_ctx *ctx);
int op_address_delete(struct op_ctx *ctx);
int op_route_add(struct op_ctx *ctx);
int op_route_delete(struct op_ctx *ctx);
int op_route_list(struct op_ctx *ctx);

#endif
