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

#include <netcfg/errors.h>
#include <netcfg/text.h>
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

/* ---- addresses ----------------------------------------------------- */

/* Add, update or upsert (per flags) an address; lifetimes in the struct. */
int netcfg_address_add(netcfg_t *h, const struct netcfg_address *a, unsigned flags);
/* Remove a configured address (NETCFG_F_PERSIST: persistently too). */
int netcfg_address_delete(netcfg_t *h, const struct netcfg_address *a, unsigned flags);

/* ---- routes -------------------------------------------------------- */

/* A route is identified by (prefix, ifindex, nexthop). */
int netcfg_route_add(netcfg_t *h, const struct netcfg_route *r, unsigned flags);
int netcfg_route_delete(netcfg_t *h, const struct netcfg_route *r, unsigned flags);
int netcfg_route_list(netcfg_t *h, struct netcfg_route_list *out);
void netcfg_route_list_free(struct netcfg_route_list *l);

/* ---- batches ------------------------------------------------------- */

int netcfg_batch_begin(netcfg_t *h);
bool netcfg_batch_active(const netcfg_t *h);
size_t netcfg_batch_size(const netcfg_t *h);
/* Send the queued changes as one transaction.  On failure nothing was
 * changed and *failed (if given) is the 0-based index of the change that
 * was refused, or SIZE_MAX when the batch as a whole failed. */
int netcfg_batch_commit(netcfg_t *h, size_t *failed);
void netcfg_batch_abort(netcfg_t *h);

#ifdef __cplusplus
}
#endif
#endif
