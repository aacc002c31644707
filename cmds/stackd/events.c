/* SPDX-License-Identifier: MIT */
/* events.c - change generations, events.get and events.wait (events.h). */
#include "dispatch.h"
#include "events.h"

#include "../../libnetcfg/codec_events.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* One FNV-1a step over n bytes. */
static void mix(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= 0x100000001b3ull;
	}
}

/* What the address generation follows: the node's addresses with their
 * interface, type and state.  A stopped or uninstalled stack has none. */
static uint64_t address_hash(const struct daemon *d)
{
	uint64_t h = 0xcbf29ce484222325ull;
	if (d->stack_stopped || d->stack_uninstalled)
		return h;
	const struct stack *st = &d->stack;
	for (size_t i = 0; i < st->n_ifs; i++) {
		const struct st_iface *ifp = st->ifs[i];
		uint32_t head[2] = { ifp->info.index, (uint32_t)ifp->info.kind };
		mix(&h, head, sizeof(head));
		for (const struct st_addr *a = ifp->addrs; a; a = a->next) {
			uint32_t v[2] = { (uint32_t)a->type, (uint32_t)stack_addr_state(st, a) };
			mix(&h, &a->addr, sizeof(a->addr));
			mix(&h, v, sizeof(v));
		}
	}
	return h;
}

static void note_seen(struct daemon *d)
{
	struct stackd_events *e = &d->events;
	e->seen_gen = d->stack.gen;
	e->seen_ifs = d->stack.ifs;
	e->seen_down = d->stack_stopped || d->stack_uninstalled;
}

static bool unchanged(const struct daemon *d)
{
	const struct stackd_events *e = &d->events;
	return e->seen_gen == d->stack.gen && e->seen_ifs == (const void *)d->stack.ifs &&
	       e->seen_down == (d->stack_stopped || d->stack_uninstalled);
}

void events_init(struct daemon *d)
{
	struct stackd_events *e = &d->events;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	/* microseconds since the epoch: a new number for every daemon started */
	e->gen.epoch = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	e->gen.address = e->gen.route = 1;
	note_seen(d);
	e->addr_hash = address_hash(d);
}

void events_update(struct daemon *d)
{
	struct stackd_events *e = &d->events;
	if (unchanged(d))
		return;
	note_seen(d);
	e->gen.route++;
	uint64_t h = address_hash(d);
	if (h != e->addr_hash) {
		e->addr_hash = h;
		e->gen.address++;
	}
}

void events_absorb(struct daemon *d)
{
	note_seen(d);
}

/* The kinds of w (or of kinds, since) that moved. */
static unsigned moved(const struct stackd_events *e, unsigned kinds,
		      const struct netcfg_events *since)
{
	if (since->epoch != e->gen.epoch)
		return kinds;
	unsigned m = 0;
	if ((kinds & NETCFG_EVENTS_ADDRESS) && since->address != e->gen.address)
		m |= NETCFG_EVENTS_ADDRESS;
	if ((kinds & NETCFG_EVENTS_ROUTE) && since->route != e->gen.route)
		m |= NETCFG_EVENTS_ROUTE;
	return m;
}

static void write_result(const struct daemon *d, struct jw *w, unsigned changed)
{
	struct netcfg_events now = d->events.gen;
	now.changed = changed;
	now.waiting = d->events.n_waiters;
	codec_events_write(w, &now, true);
}

int events_wakeup_ms(const struct daemon *d)
{
	uint64_t first = UINT64_MAX;
	for (const struct events_waiter *w = d->events.waiters; w; w = w->next)
		if (w->deadline_ms < first)
			first = w->deadline_ms;
	if (first == UINT64_MAX)
		return -1;
	uint64_t now = monotonic_ms();
	if (first <= now)
		return 0;
	return first - now > INT32_MAX ? INT32_MAX : (int)(first - now);
}

static void unlink_waiter(struct daemon *d, struct events_waiter *w)
{
	for (struct events_waiter **pp = &d->events.waiters; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			d->events.n_waiters--;
			break;
		}
	}
	w->cl->waiter = NULL;
	w->next = NULL;
}

struct events_waiter *events_take_due(struct daemon *d)
{
	uint64_t now = 0;
	for (struct events_waiter *w = d->events.waiters; w; w = w->next) {
		bool due = moved(&d->events, w->kinds, &w->since) != 0;
		if (!due && w->deadline_ms != UINT64_MAX) {
			if (!now)
				now = monotonic_ms();
			due = w->deadline_ms <= now;
		}
		if (due) {
			unlink_waiter(d, w);
			return w;
		}
	}
	return NULL;
}

void events_reply(const struct daemon *d, const struct events_waiter *w, struct jw *out)
{
	jw_obj_begin(out);
	jw_key(out, "id");
	jw_raw(out, w->id, strlen(w->id));
	jw_kint(out, "status", 0);
	jw_key(out, "result");
	write_result(d, out, moved(&d->events, w->kinds, &w->since));
	jw_obj_end(out);
}

void events_client_closed(struct daemon *d, struct client *cl)
{
	struct events_waiter *w = cl->waiter;
	if (w) {
		unlink_waiter(d, w);
		free(w);
	}
}

/* ---- operations ---------------------------------------------------- */

int op_events_get(struct op_ctx *ctx)
{
	events_update(ctx->d);
	write_result(ctx->d, ctx->out, 0);
	return NETCFG_OK;
}

int op_events_wait(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	const struct jdoc *doc = ctx->doc;
	char err[CODEC_ERRLEN];
	unsigned kinds = NETCFG_EVENTS_ALL, present = 0;
	long long timeout = -1;
	int t = j_get(doc, ctx->args, "kinds");
	if (t >= 0 && codec_event_kinds_read(doc, t, &kinds, "events.wait", err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	t = j_get(doc, ctx->args, "timeout_ms");
	if (t >= 0 && (!j_int(doc, t, &timeout) || timeout < 0 || timeout > INT32_MAX))
		return op_fail(ctx, NETCFG_EPROTO,
			       "events.wait: \"timeout_ms\" is not a number of milliseconds "
			       "(0 to 2147483647)");
	events_update(d);
	/* since: what the client saw; kinds it leaves out mean "now" */
	struct netcfg_events since = d->events.gen, given;
	t = j_get(doc, ctx->args, "since");
	if (t >= 0) {
		if (codec_events_read(doc, t, &given, &present, "events.wait: since", err))
			return op_fail(ctx, NETCFG_EPROTO, "%s", err);
		if (present & CODEC_EVENTS_EPOCH)
			since.epoch = given.epoch;
		if (present & NETCFG_EVENTS_ADDRESS)
			since.address = given.address;
		if (present & NETCFG_EVENTS_ROUTE)
			since.route = given.route;
	}
	unsigned changed = moved(&d->events, kinds, &since);
	if (changed || timeout == 0) {
		write_result(d, ctx->out, changed);
		return NETCFG_OK;
	}
	/* parking needs the event loop's connection (not the persistent
	 * store's replay, nor a daemon driven in memory) */
	if (!ctx->cl || ctx->cl->fd < 0)
		return op_fail(ctx, NETCFG_ENOTSUP, "events.wait: only a connected client can wait");
	if (ctx->cl->waiter)
		return op_fail(ctx, NETCFG_EBUSY, "events.wait: this connection is already waiting");
	struct events_waiter *w = calloc(1, sizeof(*w));
	if (!w)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	size_t n = 0;
	const char *raw = NULL;
	int id = j_get(doc, 0, "id");
	if (j_type(doc, id) == J_NUM)
		raw = j_raw(doc, id, &n);
	if (raw && n < sizeof(w->id))
		memcpy(w->id, raw, n);
	else
		strcpy(w->id, "null");
	w->cl = ctx->cl;
	w->kinds = kinds;
	w->since = since;
	w->deadline_ms = timeout < 0 ? UINT64_MAX : monotonic_ms() + (uint64_t)timeout;
	w->next = d->events.waiters;
	d->events.waiters = w;
	d->events.n_waiters++;
	ctx->cl->waiter = w;
	/* the server sends the answer later (events_take_due) instead of
	 * this reply */
	return NETCFG_OK;
}
