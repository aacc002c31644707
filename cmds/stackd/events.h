/* SPDX-License-Identifier: MIT */
/*
 * events.h - change generations and the requests parked in events.wait.
 *
 * The daemon counts changes per kind: the address generation moves when
 * the node's addresses or their states change, the route generation when
 * anything a route query depends on may have changed (the stack's gen,
 * which every change of routes, addresses, interfaces and prefix policies
 * bumps, the linux dataplane's mirroring of the kernel included, and the
 * stack being rebuilt, stopped or started).  A transaction counts once; a
 * refused one, and the cache refreshes of read-only operations, not at all.
 *
 * A parked request belongs to its client: the client reads nothing else
 * until it is answered (a change, or its timeout), and it is dropped with
 * the client.
 */
#ifndef STACKD_EVENTS_H
#define STACKD_EVENTS_H

#include <netcfg/netcfg.h>

#include <stdbool.h>
#include <stdint.h>

struct daemon;
struct client;
struct jw;

struct events_waiter {
	struct events_waiter *next;
	struct client *cl;
	char id[48];               /* the request's id as it came, or "null" */
	unsigned kinds;
	struct netcfg_events since;
	uint64_t deadline_ms;      /* CLOCK_MONOTONIC milliseconds; UINT64_MAX: none */
};

struct stackd_events {
	struct netcfg_events gen;  /* epoch and the current generations */
	/* what the last look saw */
	uint64_t seen_gen;
	const void *seen_ifs;
	bool seen_down;
	uint64_t addr_hash;
	struct events_waiter *waiters;
	unsigned n_waiters;
};

/* Start counting from the stack as it is. */
void events_init(struct daemon *d);
/* Count what changed since the last look (cheap when nothing did). */
void events_update(struct daemon *d);
/* What changed since the last look is no change: after a read-only
 * operation (cache refreshes) or a transaction that was rolled back. */
void events_absorb(struct daemon *d);
/* Milliseconds until the first parked request times out; -1: none. */
int events_wakeup_ms(const struct daemon *d);
/* A parked request to answer now (a change or its timeout), taken off
 * the list and off its client; the caller writes the reply with
 * events_reply() and frees it.  NULL when none is due. */
struct events_waiter *events_take_due(struct daemon *d);
/* The whole reply frame of an answered request. */
void events_reply(const struct daemon *d, const struct events_waiter *w, struct jw *out);
/* The client is going away: drop its parked request. */
void events_client_closed(struct daemon *d, struct client *cl);

#endif
