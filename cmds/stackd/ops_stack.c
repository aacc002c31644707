/* SPDX-License-Identifier: MIT */
/*
 * ops_stack.c - the IPv6 stack as a whole: stack.status, stack.reset,
 * stack.stop and stack.start (net6), stack.install and stack.uninstall
 * (netsh), stack.default_policies and store.list (what netsh dump
 * prints).
 *
 * Rebuilding the stack happens inside the request's transaction: the old
 * stack is kept aside until the transaction commits, so a batch that
 * starts with a reset and fails later leaves everything as it was.  That
 * relies on struct stack being movable by value (its tables point to
 * their nodes, never back into the struct).
 *
 * "Holding the stack" (what makes stack.stop refuse) means having a
 * connection open to the daemon, other than the one asking: interactive
 * netsh shells, monitors, any program with an open libnetcfg handle.
 * A one-shot command holds it only while it runs.
 */
#include "dispatch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>

#define UNINSTALLED_KEY "stack uninstalled"

/*
 * The operations of the IPv6 stack itself, by area (the part of the name
 * before the dot).  They are refused while the stack is stopped or not
 * installed, and `reset` and `uninstall` drop their persistent entries.
 * Everything else (the daemon, the store, the provider catalog) is not
 * part of tcpip6 and keeps working.
 */
static const char *const ipv6_areas[] = {
	"6to4", "address", "binding", "destcache", "dns", "global", "interface", "isatap",
	"neighbor", "prefix_policy", "ra", "renew", "route", "sa", "site_prefix", "sort", "sp",
};

static bool is_ipv6_op(const char *op)
{
	const char *dot = strchr(op, '.');
	size_t n = dot ? (size_t)(dot - op) : strlen(op);
	for (size_t i = 0; i < sizeof(ipv6_areas) / sizeof(ipv6_areas[0]); i++)
		if (strlen(ipv6_areas[i]) == n && strncmp(ipv6_areas[i], op, n) == 0)
			return true;
	return false;
}

/* The refusal of an operation while the stack is down. */
static int stack_unavailable(struct op_ctx *ctx)
{
	const struct daemon *d = ctx->d;
	if (!d->stack_stopped && !d->stack_uninstalled)
		return NETCFG_OK;
	if (d->stack_stopped)
		return op_fail(ctx, NETCFG_ENOTSUP,
			       "the IPv6 stack is stopped; start it with \"net6 start tcpip6\"");
	return op_fail(ctx, NETCFG_ENOTSUP,
		       "IPv6 is not installed; install it with \"netsh interface ipv6 install\"");
}

int op_stack_gate(struct op_ctx *ctx, const char *op)
{
	return is_ipv6_op(op) ? stack_unavailable(ctx) : NETCFG_OK;
}

/* ---- rebuilding the stack ------------------------------------------ */

struct stack_swap {
	struct daemon *d;
	struct stack old;
	bool was_stopped, was_uninstalled;
};

static void undo_swap(void *ctx, void *data)
{
	(void)ctx;
	struct stack_swap *s = data;
	struct daemon *d = s->d;
	struct undo_log *u = d->stack.undo;
	stack_free(&d->stack);
	d->stack = s->old;
	d->stack.undo = u;
	d->stack_stopped = s->was_stopped;
	d->stack_uninstalled = s->was_uninstalled;
	free(s);
}

static void commit_swap(void *ctx, void *data)
{
	(void)ctx;
	struct stack_swap *s = data;
	stack_free(&s->old);
	free(s);
}

/* Replace the stack by the default one and set the two flags.  The
 * default one is what the dataplane builds: for the model interfaces #1,
 * #2 and the configured adapters, renumbered from 1; for the linux
 * dataplane the kernel's links, with what stackd installed in the kernel
 * taken out of it (withdraw). */
static int stack_rebuild(struct op_ctx *ctx, bool stopped, bool uninstalled)
{
	struct daemon *d = ctx->d;
	struct undo_log *u = d->stack.undo;
	struct stack_swap *s = calloc(1, sizeof(*s));
	if (!s)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	*s = (struct stack_swap){ d, d->stack, d->stack_stopped, d->stack_uninstalled };
	if (dp_build(d, &d->stack) != NETCFG_OK) {
		int rc = op_fail(ctx, NETCFG_ENOMEM, "the stack could not be rebuilt: %s", d->stack.err);
		stack_free(&d->stack);
		d->stack = s->old;
		free(s);
		return rc;
	}
	d->stack.undo = u;
	if (!u) {
		commit_swap(NULL, s);
	} else if (undo_push(u, undo_swap, commit_swap, NULL, s) < 0) {
		undo_swap(NULL, s);
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	d->stack_stopped = stopped;
	d->stack_uninstalled = uninstalled;
	int rc = d->dp.ops->withdraw ? d->dp.ops->withdraw(&d->dp, &d->stack) : NETCFG_OK;
	if (rc)
		return op_stack_fail(ctx, rc);
	/* the services' settings go back to default with the stack */
	rc = ops_transition_save(ctx);
	if (rc == NETCFG_OK) {
		memset(&d->sixtofour, 0, sizeof(d->sixtofour));
		memset(&d->isatap, 0, sizeof(d->isatap));
	}
	return rc;
}

/* Drop the persistent entries of the IPv6 stack (inside the transaction). */
static int clear_ipv6_store(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	for (struct pstore_entry *e = d->pstore.head, *next; e; e = next) {
		next = e->next;
		if ((is_ipv6_op(e->op) || strcmp(e->key, UNINSTALLED_KEY) == 0) &&
		    pstore_del(&d->pstore, &d->undo, e->key) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	return NETCFG_OK;
}

/* ---- status ------------------------------------------------------- */

/* Whether the peer of a client connection has already gone: its end of
 * the stream reads as closed although the event loop has not seen it. */
static bool peer_gone(const struct client *cl)
{
	char c;
	ssize_t r = recv(cl->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

static bool holds_stack(const struct client *cl, const struct client *self)
{
	return cl != self && !cl->closing && !peer_gone(cl);
}

static unsigned count_holders(const struct daemon *d, const struct client *self)
{
	unsigned n = 0;
	for (const struct client *cl = d->clients; cl; cl = cl->next)
		n += holds_stack(cl, self);
	return n;
}

static void write_holders(struct jw *w, const struct daemon *d, const struct client *self)
{
	jw_key(w, "holders");
	jw_arr_begin(w);
	for (const struct client *cl = d->clients; cl; cl = cl->next) {
		if (!holds_stack(cl, self))
			continue;
		jw_obj_begin(w);
		jw_kint(w, "pid", cl->pid);
		jw_kuint(w, "uid", cl->uid);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

int op_stack_status(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	struct jw *w = ctx->out;
	jw_obj_begin(w);
	jw_kstr(w, "state", d->stack_stopped ? "stopped" : "running");
	jw_kbool(w, "installed", !d->stack_uninstalled);
	write_holders(w, d, ctx->cl);
	jw_kuint(w, "interfaces", d->stack.n_ifs);
	jw_kuint(w, "next_ifindex", d->stack.next_ifindex);
	jw_kuint(w, "persistent_entries", d->pstore.n);
	jw_obj_end(w);
	return NETCFG_OK;
}

/* ---- reset, install, uninstall ------------------------------------- */

int op_stack_reset(struct op_ctx *ctx)
{
	int rc = stack_unavailable(ctx);
	if (rc == NETCFG_OK)
		rc = clear_ipv6_store(ctx);
	if (rc == NETCFG_OK)
		rc = stack_rebuild(ctx, false, false);
	if (rc == NETCFG_OK && !ctx->replay)
		log_msg(LOG_INFO, "stack reset: default stack rebuilt, IPv6 configuration cleared");
	return rc;
}

int op_stack_uninstall(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	if (d->stack_uninstalled)
		return NETCFG_OK;
	if (!ctx->replay) {
		int rc = clear_ipv6_store(ctx);
		if (rc)
			return rc;
		if (pstore_put(&d->pstore, &d->undo, UNINSTALLED_KEY, "stack.uninstall", "{}", 2) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	return stack_rebuild(ctx, d->stack_stopped, true);
}

int op_stack_install(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	if (!d->stack_uninstalled)
		return NETCFG_OK;
	if (pstore_del(&d->pstore, &d->undo, UNINSTALLED_KEY) < 0)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	return stack_rebuild(ctx, d->stack_stopped, false);
}

/* ---- stop and start (net6) ----------------------------------------- */

int op_stack_stop(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	if (d->stack_stopped)
		return op_fail(ctx, NETCFG_ENOENT, "the IPv6 stack is not started");
	unsigned n = count_holders(d, ctx->cl);
	if (n) {
		char pids[256] = "";
		size_t len = 0;
		for (const struct client *cl = d->clients; cl && len < sizeof(pids) - 16; cl = cl->next)
			if (holds_stack(cl, ctx->cl))
				len += (size_t)snprintf(pids + len, sizeof(pids) - len, "%s%d",
							len ? ", " : "", (int)cl->pid);
		return op_fail(ctx, NETCFG_EBUSY,
			       "the IPv6 stack is in use by %u other client%s (pid %s); it was not stopped",
			       n, n == 1 ? "" : "s", pids);
	}
	int rc = stack_rebuild(ctx, true, d->stack_uninstalled);
	if (rc == NETCFG_OK)
		log_msg(LOG_INFO, "stack stopped");
	return rc;
}

int op_stack_start(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	if (!d->stack_stopped)
		return op_fail(ctx, NETCFG_EEXIST, "the IPv6 stack is already started");
	int rc = stack_rebuild(ctx, false, d->stack_uninstalled);
	if (rc)
		return rc;
	/* what the rebuild took out goes first: the replay commits each
	 * entry to the dataplane on its own */
	if (d->dp.ops->commit && (rc = d->dp.ops->commit(&d->dp, &d->stack)))
		return op_stack_fail(ctx, rc);
	/* as at boot: the persistent configuration, inside this transaction */
	dispatch_replay(d);
	log_msg(LOG_INFO, "stack started: %zu interfaces, %zu persistent entries",
		d->stack.n_ifs, d->pstore.n);
	return NETCFG_OK;
}

/* The prefix policies a freshly built stack has (what reset restores),
 * so that netsh dump can tell a changed default from an added policy. */
int op_stack_default_policies(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	struct stack fresh;
	if (stack_init_base(&fresh, &d->clock) != NETCFG_OK) {
		int rc = op_fail(ctx, NETCFG_ENOMEM, "the default stack could not be built: %s",
				 fresh.err);
		stack_free(&fresh);
		return rc;
	}
	jw_arr_begin(ctx->out);
	for (size_t i = 0; i < fresh.n_policies; i++)
		codec_policy_write(ctx->out, &fresh.policies[i]);
	jw_arr_end(ctx->out);
	stack_free(&fresh);
	return NETCFG_OK;
}

/* ---- the persistent store ------------------------------------------ */

int op_store_list(struct op_ctx *ctx)
{
	struct jw *w = ctx->out;
	jw_arr_begin(w);
	for (const struct pstore_entry *e = ctx->d->pstore.head; e; e = e->next) {
		jw_obj_begin(w);
		jw_kstr(w, "key", e->key);
		jw_kstr(w, "op", e->op);
		jw_key(w, "args");
		jw_raw(w, e->args, e->args_len);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	return NETCFG_OK;
}
