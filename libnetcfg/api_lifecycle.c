/* SPDX-License-Identifier: MIT */
/* api_lifecycle.c - the stack as a whole (status, reset, stop/start,
 * install/uninstall) and reading the persistent store; see netcfg.h. */
#include "api.h"

#include <stdlib.h>
#include <string.h>

int netcfg_stack_status(netcfg_t *h, struct netcfg_stack_status *out)
{
	struct nc_reply r;
	memset(out, 0, sizeof(*out));
	int rc = nc_call(h, "stack.status", NULL, 0, &r);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	int o = r.result;
	long long v;
	if (j_type(d, o) != J_OBJ)
		return api_bad_reply(h, &r, "stack.status", "no result");
	out->running = j_is_str(d, j_get(d, o, "state"), "running");
	out->installed = true;
	j_bool(d, j_get(d, o, "installed"), &out->installed);
	int holders = j_get(d, o, "holders");
	if (j_type(d, holders) == J_ARR)
		out->holders = d->t[holders].size;
	if (j_int(d, j_get(d, o, "next_ifindex"), &v))
		out->next_ifindex = (uint32_t)v;
	if (j_int(d, j_get(d, o, "persistent_entries"), &v))
		out->persistent_entries = (size_t)v;
	nc_reply_free(&r);
	return NETCFG_OK;
}

/* A change without arguments; batched like any other. */
static int stack_change(netcfg_t *h, const char *op)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_obj_end(&w);
	int rc = nc_change(h, op, &w);
	jw_free(&w);
	return rc;
}

int netcfg_stack_reset(netcfg_t *h) { return stack_change(h, "stack.reset"); }
int netcfg_stack_stop(netcfg_t *h) { return stack_change(h, "stack.stop"); }
int netcfg_stack_start(netcfg_t *h) { return stack_change(h, "stack.start"); }
int netcfg_stack_install(netcfg_t *h) { return stack_change(h, "stack.install"); }
int netcfg_stack_uninstall(netcfg_t *h) { return stack_change(h, "stack.uninstall"); }

static int read_policy(const struct jdoc *d, int i, void *elem, char *err)
{
	return codec_policy_read(d, i, elem, err);
}

int netcfg_stack_default_policies(netcfg_t *h, struct netcfg_prefix_policy_list *out)
{
	return api_list(h, "stack.default_policies", NULL, sizeof(*out->v), read_policy,
			(void **)&out->v, &out->n);
}

void netcfg_store_list_free(struct netcfg_store_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].op);
		free(l->v[i].args);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int netcfg_store_list(netcfg_t *h, struct netcfg_store_list *out)
{
	struct nc_reply r;
	memset(out, 0, sizeof(*out));
	int rc = nc_call(h, "store.list", NULL, 0, &r);
	if (rc)
		return rc;
	const struct jdoc *d = &r.doc;
	if (j_type(d, r.result) != J_ARR)
		return api_bad_reply(h, &r, "store.list", "result is not an array");
	out->v = calloc(d->t[r.result].size + 1, sizeof(*out->v));
	if (!out->v) {
		nc_reply_free(&r);
		return nc_fail(h, NETCFG_ENOMEM, "out of memory");
	}
	for (int e = j_first(d, r.result); e >= 0; e = j_next(d, e)) {
		struct netcfg_store_entry *x = &out->v[out->n];
		int a = j_get(d, e, "args");
		if (j_type(d, a) != J_OBJ) {
			netcfg_store_list_free(out);
			return api_bad_reply(h, &r, "store.list", "an entry has no arguments");
		}
		size_t n;
		const char *raw = j_raw(d, a, &n);
		x->key = j_strdup(d, j_get(d, e, "key"));
		x->op = j_strdup(d, j_get(d, e, "op"));
		x->args = malloc(n + 1);
		out->n++;
		if (!x->key || !x->op || !x->args) {
			netcfg_store_list_free(out);
			nc_reply_free(&r);
			return nc_fail(h, NETCFG_ENOMEM, "out of memory");
		}
		memcpy(x->args, raw, n);
		x->args[n] = '\0';
		x->args_len = n;
	}
	nc_reply_free(&r);
	return NETCFG_OK;
}
