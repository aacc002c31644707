/* SPDX-License-Identifier: MIT */
/* client.h - internals of the libnetcfg handle, shared by the API files. */
#ifndef NETCFG_CLIENT_H
#define NETCFG_CLIENT_H

#include <netcfg/netcfg.h>

#include "json.h"

struct netcfg {
	int fd;
	uint64_t next_id;
	int status;
	char err[512];
	long err_index;       /* "index" of a failed batch reply, else -1 */
	char sock[108];
	bool in_batch;
	struct jw batch;      /* "[{op,args},..." while a batch is open */
	size_t batch_n;
	struct jw scratch;    /* encoding buffer for one change, reused */
};

struct nc_reply {
	char *buf;
	size_t len;
	struct jdoc doc;
	int result;           /* token of "result", -1 if none */
};

void nc_reply_free(struct nc_reply *r);

/* Record a failure on h and return status. */
int nc_fail(struct netcfg *h, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int nc_ok(struct netcfg *h);

/* One request/reply round trip.  args is an encoded JSON object or NULL.
 * Returns the reply's status; on 0, r holds the reply (free it with
 * nc_reply_free); otherwise nothing needs freeing. */
int nc_call(struct netcfg *h, const char *op, const char *args, size_t args_len,
	    struct nc_reply *r);

/* nc_call() with open descriptors passed to the daemon (SCM_RIGHTS) along
 * with the request; the caller keeps its descriptors. */
int nc_call_fds(struct netcfg *h, const char *op, const char *args, size_t args_len,
		const int *fds, size_t nfds, struct nc_reply *r);

/* A state change: sent at once, or queued while a batch is open.  args is
 * consumed (reset). */
int nc_change(struct netcfg *h, const char *op, struct jw *args);

#endif
