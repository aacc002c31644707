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
/* Record (or drop) a persistent entry within the current transaction. */
int op_store_put(struct op_ctx *ctx, const char *key, const char *op, struct jw *args);
int op_store_del(struct op_ctx *ctx, const char *key);

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
