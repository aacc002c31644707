/* SPDX-License-Identifier: MIT */
/* ops_util.c - see ops_util.h. */
#include "ops_util.h"

#include <string.h>

int ops_iface_arg(struct op_ctx *ctx, bool required, struct st_iface **out)
{
	char name[NETCFG_NAME_MAX] = "";
	uint32_t index = 0;
	*out = NULL;
	int n = j_get(ctx->doc, ctx->args, "interface");
	int i = j_get(ctx->doc, ctx->args, "ifindex");
	if (n >= 0 && !j_str(ctx->doc, n, name, sizeof(name)))
		return op_fail(ctx, NETCFG_EPROTO, "\"interface\" is not an interface name");
	if (i >= 0 && !j_uint32(ctx->doc, i, &index))
		return op_fail(ctx, NETCFG_EPROTO, "\"ifindex\" is not a number");
	if (!name[0] && !index) {
		if (required)
			return op_fail(ctx, i >= 0 ? NETCFG_ENOENT : NETCFG_EPROTO,
				       i >= 0 ? "interface 0 does not exist"
					      : "request names no interface");
		return NETCFG_OK;
	}
	if (stack_iface_ref(&ctx->d->stack, index, name, out))
		return op_stack_fail(ctx, NETCFG_ENOENT);
	return NETCFG_OK;
}

int ops_addr_arg(struct op_ctx *ctx, const char *key, struct in6_addr *a, bool *present)
{
	char buf[NETCFG_ADDRSTRLEN];
	int t = j_get(ctx->doc, ctx->args, key);
	*present = t >= 0;
	memset(a, 0, sizeof(*a));
	if (t < 0)
		return NETCFG_OK;
	if (!j_str(ctx->doc, t, buf, sizeof(buf)) || netcfg_parse_addr(buf, a, NULL) != NETCFG_OK)
		return op_fail(ctx, NETCFG_EPROTO, "\"%s\" is not an IPv6 address", key);
	return NETCFG_OK;
}

int ops_persist_put(struct op_ctx *ctx, const char *key, const char *op, struct jw *w)
{
	int rc = NETCFG_OK;
	if (w->oom || pstore_put(&ctx->d->pstore, &ctx->d->undo, key, op, w->buf, w->len) < 0)
		rc = op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	jw_free(w);
	return rc;
}

int ops_persist_lookup(struct op_ctx *ctx, const char *key, const char *member, struct jdoc *d)
{
	const struct pstore_entry *e = pstore_get(&ctx->d->pstore, key);
	memset(d, 0, sizeof(*d));
	if (!e || jdoc_parse(d, e->args, e->args_len) < 0)
		return -1;
	return j_get(d, 0, member);
}

/* Whether an entry's args name the interface: as {"interface": name} or
 * as a member object that has "interface": name. */
bool ops_entry_names_iface(const struct pstore_entry *e, const char *ifname)
{
	struct jdoc d = { 0 };
	bool found = false;
	if (jdoc_parse(&d, e->args, e->args_len) < 0 || j_type(&d, 0) != J_OBJ) {
		jdoc_free(&d);
		return false;
	}
	found = j_is_str(&d, j_get(&d, 0, "interface"), ifname);
	for (int k = j_first(&d, 0); !found && k >= 0; k = j_next(&d, k))
		if (j_type(&d, k + 1) == J_OBJ)
			found = j_is_str(&d, j_get(&d, k + 1, "interface"), ifname);
	jdoc_free(&d);
	return found;
}

int ops_persist_drop_iface(struct op_ctx *ctx, const char *ifname)
{
	struct pstore *ps = &ctx->d->pstore;
	for (struct pstore_entry *e = ps->head, *nx; e; e = nx) {
		nx = e->next;
		if (ops_entry_names_iface(e, ifname) && pstore_del(ps, &ctx->d->undo, e->key) < 0)
			return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
	}
	return NETCFG_OK;
}
