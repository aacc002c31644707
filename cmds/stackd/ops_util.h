/* SPDX-License-Identifier: MIT */
/* ops_util.h - argument and persistent-store helpers of the stack's
 * operations (ops_interface.c, ops_tables.c, ops_cache.c, ops_lookup.c). */
#ifndef STACKD_OPS_UTIL_H
#define STACKD_OPS_UTIL_H

#include "dispatch.h"

#define OPS_KEYLEN 256

/* The interface an operation names with "interface" (a name) or
 * "ifindex"; *out is NULL when neither is given and !required.  On
 * failure the message is in ctx->err. */
int ops_iface_arg(struct op_ctx *ctx, bool required, struct st_iface **out);
/* An optional address argument; *present tells whether it was given. */
int ops_addr_arg(struct op_ctx *ctx, const char *key, struct in6_addr *a, bool *present);

/* Put key -> (op, args) into the persistent store within the
 * transaction; w is the args object, freed here. */
int ops_persist_put(struct op_ctx *ctx, const char *key, const char *op, struct jw *w);
/* Parse the stored args of key into d and return the token of member
 * (-1 when there is no such entry or member).  Free d with jdoc_free. */
int ops_persist_lookup(struct op_ctx *ctx, const char *key, const char *member, struct jdoc *d);
/* Drop every persistent entry whose object names the interface. */
int ops_persist_drop_iface(struct op_ctx *ctx, const char *ifname);
/* Whether an entry's args name the interface. */
bool ops_entry_names_iface(const struct pstore_entry *e, const char *ifname);

#endif
