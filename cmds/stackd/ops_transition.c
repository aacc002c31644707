/* SPDX-License-Identifier: MIT */
/*
 * ops_transition.c - 6to4.get, 6to4.set, 6to4.reset, isatap.get and
 * isatap.set: the settings of the two transition services that netsh
 * interface ipv6 6to4 and isatap configure.
 *
 * The daemon keeps them in struct daemon beside the stack (a rebuild of
 * the stack, in ops_stack.c, puts them back to default with it) and
 * persists each service as one entry holding the fields made persistent.
 * The model stack does not run the services: they are configuration.
 */
#include "dispatch.h"
#include "ops_util.h"

#include "../../libnetcfg/codec_transition.h"

#include <stdlib.h>
#include <string.h>

#define KEY_6TO4 "6to4"
#define KEY_ISATAP "isatap"

/* ---- undo: the settings of both services before a change ----------------- */

struct settings_undo {
	struct daemon *d;
	struct netcfg_6to4 sixtofour;
	struct netcfg_isatap isatap;
};

static void undo_settings(void *ctx, void *data)
{
	(void)ctx;
	struct settings_undo *u = data;
	u->d->sixtofour = u->sixtofour;
	u->d->isatap = u->isatap;
	free(u);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

int ops_transition_save(struct op_ctx *ctx)
{
	struct daemon *d = ctx->d;
	if (!d->stack.undo)
		return NETCFG_OK;
	struct settings_undo *u = malloc(sizeof(*u));
	if (!u || undo_push(&d->undo, undo_settings, free_record, NULL, u) < 0) {
		free(u);
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	*u = (struct settings_undo){ d, d->sixtofour, d->isatap };
	return NETCFG_OK;
}

/* ---- applying a change ------------------------------------------------------ */

static int bad_state(struct op_ctx *ctx, const char *what, enum netcfg_svc_state s)
{
	return op_fail(ctx, NETCFG_EINVAL, "%s cannot be %s (enabled, disabled or default)", what,
		       netcfg_svc_state_name(s));
}

/* The change c (its mask and interfaces) applied to s; names of
 * interfaces are checked against the stack when st is given. */
static int apply_6to4(struct op_ctx *ctx, struct netcfg_6to4 *s, const struct netcfg_6to4 *c,
		      const struct stack *st)
{
	if ((c->mask & NETCFG_6TO4_SITELOCALS) && c->sitelocals == NETCFG_SVC_AUTOMATIC)
		return bad_state(ctx, "6to4 site-local routing", c->sitelocals);
	if ((c->mask & NETCFG_6TO4_STATE) && c->state == NETCFG_SVC_AUTOMATIC)
		return bad_state(ctx, "the 6to4 state", c->state);
	if ((c->mask & NETCFG_6TO4_UNDO_ON_STOP) && c->undo_on_stop == NETCFG_SVC_AUTOMATIC)
		return bad_state(ctx, "undo on stop", c->undo_on_stop);
	for (size_t i = 0; i < c->n_interfaces; i++) {
		const struct netcfg_6to4_interface *x = &c->interfaces[i];
		if (x->routing == NETCFG_SVC_AUTOMATIC)
			return bad_state(ctx, "the 6to4 routing of an interface", x->routing);
		if (st && !stack_iface_by_name(st, x->name))
			return op_fail(ctx, NETCFG_ENOENT, "interface \"%s\" does not exist", x->name);
	}
	if (c->mask & NETCFG_6TO4_RELAY_NAME)
		memcpy(s->relay_name, c->relay_name, sizeof(s->relay_name));
	if (c->mask & NETCFG_6TO4_RELAY_STATE)
		s->relay_state = c->relay_state;
	if (c->mask & NETCFG_6TO4_RELAY_INTERVAL)
		s->relay_interval = c->relay_interval;
	if (c->mask & NETCFG_6TO4_ROUTING)
		s->routing = c->routing;
	if (c->mask & NETCFG_6TO4_SITELOCALS)
		s->sitelocals = c->sitelocals;
	if (c->mask & NETCFG_6TO4_STATE)
		s->state = c->state;
	if (c->mask & NETCFG_6TO4_UNDO_ON_STOP)
		s->undo_on_stop = c->undo_on_stop;
	s->mask |= c->mask;
	for (size_t i = 0; i < c->n_interfaces; i++) {
		const struct netcfg_6to4_interface *x = &c->interfaces[i];
		size_t k = 0;
		while (k < s->n_interfaces && strcmp(s->interfaces[k].name, x->name) != 0)
			k++;
		if (x->routing == NETCFG_SVC_DEFAULT) {
			if (k < s->n_interfaces) {
				memmove(&s->interfaces[k], &s->interfaces[k + 1],
					(s->n_interfaces - k - 1) * sizeof(s->interfaces[0]));
				s->n_interfaces--;
			}
		} else if (k < s->n_interfaces) {
			s->interfaces[k].routing = x->routing;
		} else if (s->n_interfaces == NETCFG_6TO4_MAX_INTERFACES) {
			return op_fail(ctx, NETCFG_ELIMIT, "6to4 routing is set for %d interfaces already",
				       NETCFG_6TO4_MAX_INTERFACES);
		} else {
			s->interfaces[s->n_interfaces++] = *x;
		}
	}
	return NETCFG_OK;
}

static int apply_isatap(struct op_ctx *ctx, struct netcfg_isatap *s, const struct netcfg_isatap *c)
{
	if ((c->mask & NETCFG_ISATAP_ROUTER_STATE) && c->router_state == NETCFG_SVC_AUTOMATIC)
		return bad_state(ctx, "the ISATAP router state", c->router_state);
	if ((c->mask & NETCFG_ISATAP_STATE) && c->state == NETCFG_SVC_AUTOMATIC)
		return bad_state(ctx, "the ISATAP state", c->state);
	if (c->mask & NETCFG_ISATAP_ROUTER_NAME)
		memcpy(s->router_name, c->router_name, sizeof(s->router_name));
	if (c->mask & NETCFG_ISATAP_ROUTER_STATE)
		s->router_state = c->router_state;
	if (c->mask & NETCFG_ISATAP_ROUTER_INTERVAL)
		s->router_interval = c->router_interval;
	if (c->mask & NETCFG_ISATAP_STATE)
		s->state = c->state;
	s->mask |= c->mask;
	return NETCFG_OK;
}

/* ---- 6to4 ---------------------------------------------------------------------- */

int op_6to4_get(struct op_ctx *ctx)
{
	struct netcfg_6to4 s = ctx->d->sixtofour;
	s.mask = NETCFG_6TO4_ALL;
	codec_6to4_write(ctx->out, &s);
	return NETCFG_OK;
}

static int read_6to4(struct op_ctx *ctx, struct netcfg_6to4 *c)
{
	char err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "settings");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"settings\"");
	if (codec_6to4_read(ctx->doc, o, c, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	return NETCFG_OK;
}

/* The stored 6to4 entry with the change applied too. */
static int persist_6to4(struct op_ctx *ctx, const struct netcfg_6to4 *c)
{
	struct netcfg_6to4 stored;
	char err[CODEC_ERRLEN];
	struct jdoc d;
	int so = ops_persist_lookup(ctx, KEY_6TO4, "settings", &d);
	if (so < 0 || codec_6to4_read(&d, so, &stored, err))
		memset(&stored, 0, sizeof(stored));
	jdoc_free(&d);
	int rc = apply_6to4(ctx, &stored, c, NULL);
	if (rc)
		return rc;
	if (!stored.mask && !stored.n_interfaces) {
		if (pstore_del(&ctx->d->pstore, &ctx->d->undo, KEY_6TO4) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
		return NETCFG_OK;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "settings");
	codec_6to4_write(&w, &stored);
	jw_obj_end(&w);
	return ops_persist_put(ctx, KEY_6TO4, "6to4.set", &w);
}

int op_6to4_set(struct op_ctx *ctx)
{
	struct netcfg_6to4 c;
	int rc = read_6to4(ctx, &c);
	if (rc || (rc = ops_transition_save(ctx)) ||
	    (rc = apply_6to4(ctx, &ctx->d->sixtofour, &c, &ctx->d->stack)))
		return rc;
	return op_persist(ctx) ? persist_6to4(ctx, &c) : NETCFG_OK;
}

int op_6to4_reset(struct op_ctx *ctx)
{
	int rc = ops_transition_save(ctx);
	if (rc)
		return rc;
	memset(&ctx->d->sixtofour, 0, sizeof(ctx->d->sixtofour));
	if (op_persist(ctx) && pstore_del(&ctx->d->pstore, &ctx->d->undo, KEY_6TO4) < 0)
		return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	return NETCFG_OK;
}

/* ---- ISATAP ----------------------------------------------------------------------- */

int op_isatap_get(struct op_ctx *ctx)
{
	struct netcfg_isatap s = ctx->d->isatap;
	s.mask = NETCFG_ISATAP_ALL;
	codec_isatap_write(ctx->out, &s);
	return NETCFG_OK;
}

int op_isatap_set(struct op_ctx *ctx)
{
	struct netcfg_isatap c, stored;
	char err[CODEC_ERRLEN];
	int o = j_get(ctx->doc, ctx->args, "settings");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "request has no \"settings\"");
	if (codec_isatap_read(ctx->doc, o, &c, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	int rc = ops_transition_save(ctx);
	if (rc || (rc = apply_isatap(ctx, &ctx->d->isatap, &c)) || !op_persist(ctx))
		return rc;
	struct jdoc d;
	int so = ops_persist_lookup(ctx, KEY_ISATAP, "settings", &d);
	if (so < 0 || codec_isatap_read(&d, so, &stored, err))
		memset(&stored, 0, sizeof(stored));
	jdoc_free(&d);
	apply_isatap(ctx, &stored, &c);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "settings");
	codec_isatap_write(&w, &stored);
	jw_obj_end(&w);
	return ops_persist_put(ctx, KEY_ISATAP, "isatap.set", &w);
}
