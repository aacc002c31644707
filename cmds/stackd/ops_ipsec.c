/* SPDX-License-Identifier: MIT */
/*
 * ops_ipsec.c - the SPD and SAD: sp.add, sp.delete, sp.list, sp.lookup,
 * sa.add, sa.delete, sa.list and sa.key_load.
 *
 * Keys reach the daemon only as open files: the client passes the
 * descriptors of its key files with sa.key_load (SCM_RIGHTS), the daemon
 * checks each with fstat() - so the file the check sees is the file that
 * is read - reads and parses it, and keeps the key for that connection
 * under a handle that sa.add then names.  Replies, the log and the
 * persistent store never see a key: IPsec entries live in the active
 * store only, as ipsec6 changes do on Windows.
 */
#include "dispatch.h"

#include "../../libnetcfg/codec_ipsec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct stackd_ipsec *state(struct op_ctx *ctx)
{
	return &ctx->d->ipsec;
}

/* The undo log of the request's transaction. */
static struct undo_log *tx(struct op_ctx *ctx)
{
	return &ctx->d->undo;
}

static int nomem(struct op_ctx *ctx)
{
	return op_fail(ctx, NETCFG_ENOMEM, "out of memory");
}

/* Remove an entry from the database and from the dataplane.  The record
 * lives on until the transaction commits, so its key is still there. */
static int remove_sp(struct op_ctx *ctx, struct ipsec_sp_rec *r)
{
	struct stackd_ipsec *s = state(ctx);
	struct netcfg_sp sp = r->sp;
	if (stackd_ipsec_remove_sp(s, tx(ctx), r) < 0)
		return nomem(ctx);
	int rc = dp_sp(&ctx->d->stack, DP_DELETE, &s->db, &sp);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

static int remove_sa(struct op_ctx *ctx, struct ipsec_sa_rec *r)
{
	struct stackd_ipsec *s = state(ctx);
	struct netcfg_sa sa = r->sa;
	const struct ipsec_key *key = r->key;
	if (stackd_ipsec_remove_sa(s, tx(ctx), r) < 0)
		return nomem(ctx);
	int rc = dp_sa(&ctx->d->stack, DP_DELETE, &s->db, &sa, key);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

/* Entries are added, never replaced, and never persisted. */
static int add_flags(struct op_ctx *ctx, const char *op, unsigned *flags)
{
	*flags = op_flags(ctx);
	if (*flags & NETCFG_F_REPLACE)
		return op_fail(ctx, NETCFG_EINVAL, "%s: IPsec entries cannot be replaced; delete the "
			       "entry and add it again", op);
	if (op_persist(ctx))
		return op_fail(ctx, NETCFG_EINVAL, "%s: IPsec entries live in the active store only "
			       "and cannot be made persistent", op);
	return NETCFG_OK;
}

/* ---- policies ---------------------------------------------------------- */

static int sp_fail(struct op_ctx *ctx, int status, const struct netcfg_sp *sp,
		   const struct ipsec_diag *d)
{
	char msg[sizeof(ctx->err)];
	ipsec_sp_diag_text(sp, d, msg, sizeof(msg));
	return op_fail(ctx, status, "%s", msg);
}

int op_sp_add(struct op_ctx *ctx)
{
	struct stackd_ipsec *s = state(ctx);
	struct netcfg_sp sp;
	struct ipsec_diag d;
	char err[CODEC_ERRLEN];
	unsigned flags;
	int rc = add_flags(ctx, "sp.add", &flags);
	if (rc)
		return rc;
	int o = j_get(ctx->doc, ctx->args, "sp");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "sp.add: request has no \"sp\"");
	if (codec_sp_read(ctx->doc, o, &sp, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (ipsec_sp_check(&sp, &d) < 0)
		return sp_fail(ctx, NETCFG_EINVAL, &sp, &d);
	if (sp.ifindex && !stack_iface(&ctx->d->stack, sp.ifindex)) {
		ipsec_diag_set(&d, SPF_IFINDEX, "there is no interface %u", sp.ifindex);
		return sp_fail(ctx, NETCFG_ENOENT, &sp, &d);
	}
	const struct ipsec_sp_rec *old = ipsec_db_sp(&s->db, sp.index);
	if (old) {
		if (!(flags & NETCFG_F_EXCL) && ipsec_sp_equal(&old->sp, &sp))
			return NETCFG_OK;
		return op_fail(ctx, NETCFG_EEXIST, "policy %u already exists%s", sp.index,
			       flags & NETCFG_F_EXCL ? "" : " with other values");
	}
	if (ipsec_db_check_sp(&s->db, &sp, &d) < 0)
		return sp_fail(ctx, NETCFG_EINVAL, &sp, &d);
	if (stackd_ipsec_add_sp(s, tx(ctx), &sp) < 0)
		return nomem(ctx);
	rc = dp_sp(&ctx->d->stack, DP_ADD, &s->db, &sp);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

/* {"index":N} or {"all":true}; *index 0 means all. */
static int delete_args(struct op_ctx *ctx, const char *op, uint32_t *index)
{
	bool all = false;
	*index = 0;
	j_bool(ctx->doc, j_get(ctx->doc, ctx->args, "all"), &all);
	if (all)
		return NETCFG_OK;
	if (!j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "index"), index) || *index == 0)
		return op_fail(ctx, NETCFG_EPROTO, "%s: needs \"index\" (a number from 1) or \"all\"", op);
	return NETCFG_OK;
}

static void write_deleted(struct op_ctx *ctx, size_t n)
{
	jw_obj_begin(ctx->out);
	jw_kuint(ctx->out, "deleted", n);
	jw_obj_end(ctx->out);
}

int op_sp_delete(struct op_ctx *ctx)
{
	struct stackd_ipsec *s = state(ctx);
	uint32_t index;
	int rc = delete_args(ctx, "sp.delete", &index);
	if (rc)
		return rc;
	if (index) {
		char why[256];
		rc = ipsec_db_check_sp_delete(&s->db, index, why, sizeof(why));
		if (rc == NETCFG_ENOENT)
			return op_fail(ctx, rc, "%s", why);
		if (rc)
			return op_fail(ctx, rc, "%s; delete them first", why);
		if ((rc = remove_sp(ctx, ipsec_db_sp(&s->db, index))))
			return rc;
		write_deleted(ctx, 1);
		return NETCFG_OK;
	}
	if (s->db.n_sa)
		return op_fail(ctx, NETCFG_EBUSY, "%zu SA entr%s still refer%s to policies; delete "
			       "them first", s->db.n_sa, s->db.n_sa == 1 ? "y" : "ies",
			       s->db.n_sa == 1 ? "s" : "");
	size_t n = s->db.n_sp;
	while (s->db.n_sp)
		if ((rc = remove_sp(ctx, s->db.sp[s->db.n_sp - 1])))
			return rc;
	write_deleted(ctx, n);
	return NETCFG_OK;
}

int op_sp_list(struct op_ctx *ctx)
{
	const struct ipsec_db *db = &state(ctx)->db;
	uint32_t ifindex = 0;
	int i = j_get(ctx->doc, ctx->args, "ifindex");
	if (i >= 0 && !j_uint32(ctx->doc, i, &ifindex))
		return op_fail(ctx, NETCFG_EPROTO, "sp.list: \"ifindex\" is not an interface number");
	if (ifindex && !stack_iface(&ctx->d->stack, ifindex))
		return op_fail(ctx, NETCFG_ENOENT, "there is no interface %u", ifindex);
	jw_arr_begin(ctx->out);
	for (size_t k = db->n_sp; k-- > 0;) {
		const struct netcfg_sp *sp = &db->sp[k]->sp;
		/* one interface's view holds the policies of all interfaces too */
		if (!ifindex || !sp->ifindex || sp->ifindex == ifindex)
			codec_sp_write(ctx->out, sp);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

int op_sp_lookup(struct op_ctx *ctx)
{
	const struct ipsec_db *db = &state(ctx)->db;
	char err[CODEC_ERRLEN];
	int flows = j_get(ctx->doc, ctx->args, "flows");
	if (j_type(ctx->doc, flows) != J_ARR)
		return op_fail(ctx, NETCFG_EPROTO, "sp.lookup: \"flows\" is missing or not an array");
	jw_arr_begin(ctx->out);
	long k = 0;
	for (int e = j_first(ctx->doc, flows); e >= 0; e = j_next(ctx->doc, e), k++) {
		struct netcfg_ipsec_flow f;
		struct netcfg_ipsec_verdict v;
		if (codec_ipsec_flow_read(ctx->doc, e, &f, err))
			return op_fail(ctx, NETCFG_EPROTO, "sp.lookup: flow %ld: %s", k, err);
		ipsec_db_lookup(db, &f, &v);
		codec_ipsec_verdict_write(ctx->out, NULL, &v);
	}
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

/* ---- security associations --------------------------------------------- */

static int sa_fail(struct op_ctx *ctx, int status, const struct netcfg_sa *sa,
		   const struct ipsec_diag *d)
{
	char msg[sizeof(ctx->err)];
	ipsec_sa_diag_text(sa, d, msg, sizeof(msg));
	return op_fail(ctx, status, "%s", msg);
}

/* The key an sa.add names by handle, as the algorithm requires. */
static int sa_key(struct op_ctx *ctx, const struct netcfg_sa *sa, const struct ipsec_key **key)
{
	struct ipsec_diag d;
	uint32_t handle = 0;
	int i = j_get(ctx->doc, ctx->args, "key_handle");
	*key = NULL;
	if (i >= 0 && !j_uint32(ctx->doc, i, &handle))
		return op_fail(ctx, NETCFG_EPROTO, "sa.add: \"key_handle\" is not a number");
	if (sa->auth == NETCFG_AUTH_NULL) {
		if (!handle)
			return NETCFG_OK;
		ipsec_diag_set(&d, SAF_AUTH, "the NULL algorithm takes no key");
		return sa_fail(ctx, NETCFG_EINVAL, sa, &d);
	}
	if (!handle) {
		ipsec_diag_set(&d, SAF_KEYFILE, "no key was loaded for it (sa.key_load)");
		return sa_fail(ctx, NETCFG_EINVAL, sa, &d);
	}
	*key = stackd_ipsec_key_find(state(ctx), ctx->cl, handle);
	if (!*key) {
		ipsec_diag_set(&d, SAF_KEYFILE, "key handle %u is not one this connection loaded", handle);
		return sa_fail(ctx, NETCFG_EINVAL, sa, &d);
	}
	return NETCFG_OK;
}

int op_sa_add(struct op_ctx *ctx)
{
	struct stackd_ipsec *s = state(ctx);
	struct netcfg_sa sa;
	struct ipsec_diag d;
	const struct ipsec_key *key;
	char err[CODEC_ERRLEN];
	unsigned flags;
	int rc = add_flags(ctx, "sa.add", &flags);
	if (rc)
		return rc;
	int o = j_get(ctx->doc, ctx->args, "sa");
	if (o < 0)
		return op_fail(ctx, NETCFG_EPROTO, "sa.add: request has no \"sa\"");
	if (codec_sa_read(ctx->doc, o, &sa, err))
		return op_fail(ctx, NETCFG_EPROTO, "%s", err);
	if (ipsec_sa_check(&sa, &d) < 0)
		return sa_fail(ctx, NETCFG_EINVAL, &sa, &d);
	if ((rc = sa_key(ctx, &sa, &key)))
		return rc;
	const struct ipsec_sa_rec *old = ipsec_db_sa(&s->db, sa.index);
	if (old) {
		if (flags & NETCFG_F_EXCL)
			return op_fail(ctx, NETCFG_EEXIST, "SA %u already exists", sa.index);
		if (!ipsec_sa_equal(&old->sa, &sa))
			return op_fail(ctx, NETCFG_EEXIST, "SA %u already exists with other values",
				       sa.index);
		if (!ipsec_key_equal(old->key, key)) {
			ipsec_diag_set(&d, SAF_KEYFILE, "the key differs from the key of the active SA %u",
				       sa.index);
			return sa_fail(ctx, NETCFG_EEXIST, &sa, &d);
		}
		return NETCFG_OK;
	}
	if (ipsec_db_check_sa(&s->db, &sa, &d) < 0)
		return sa_fail(ctx, NETCFG_EINVAL, &sa, &d);
	if (stackd_ipsec_add_sa(s, tx(ctx), &sa, key) < 0)
		return nomem(ctx);
	rc = dp_sa(&ctx->d->stack, DP_ADD, &s->db, &sa, key);
	return rc ? op_stack_fail(ctx, rc) : NETCFG_OK;
}

int op_sa_delete(struct op_ctx *ctx)
{
	struct stackd_ipsec *s = state(ctx);
	uint32_t index;
	int rc = delete_args(ctx, "sa.delete", &index);
	if (rc)
		return rc;
	if (index) {
		struct ipsec_sa_rec *r = ipsec_db_sa(&s->db, index);
		if (!r)
			return op_fail(ctx, NETCFG_ENOENT, "there is no SA %u", index);
		if ((rc = remove_sa(ctx, r)))
			return rc;
		write_deleted(ctx, 1);
		return NETCFG_OK;
	}
	size_t n = s->db.n_sa;
	while (s->db.n_sa)
		if ((rc = remove_sa(ctx, s->db.sa[s->db.n_sa - 1])))
			return rc;
	write_deleted(ctx, n);
	return NETCFG_OK;
}

int op_sa_list(struct op_ctx *ctx)
{
	const struct ipsec_db *db = &state(ctx)->db;
	jw_arr_begin(ctx->out);
	for (size_t k = db->n_sa; k-- > 0;)
		codec_sa_write(ctx->out, &db->sa[k]->sa);
	jw_arr_end(ctx->out);
	return NETCFG_OK;
}

/* Take the first n descriptors the connection passed. */
static void take_fds(struct client *cl, size_t n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		close(cl->fds[i]);
	memmove(cl->fds, cl->fds + n, (cl->n_fds - n) * sizeof(*cl->fds));
	cl->n_fds -= n;
}

int op_sa_key_load(struct op_ctx *ctx)
{
	struct client *cl = ctx->cl;
	uint32_t count;
	bool allow = false;
	if (!cl)
		return op_fail(ctx, NETCFG_EINVAL, "sa.key_load needs a connection");
	/* reading keys is a change: it holds memory for the caller */
	if (!cl->may_write)
		return op_fail(ctx, NETCFG_EPERM, "permission denied: uid %u may read but not change "
			       "the stack", (unsigned)cl->uid);
	if (!j_uint32(ctx->doc, j_get(ctx->doc, ctx->args, "count"), &count))
		return op_fail(ctx, NETCFG_EPROTO, "sa.key_load: \"count\" is missing");
	j_bool(ctx->doc, j_get(ctx->doc, ctx->args, "allow_readable"), &allow);
	if (count > cl->n_fds) {
		size_t got = cl->n_fds;
		take_fds(cl, cl->n_fds);
		return op_fail(ctx, NETCFG_EPROTO, "sa.key_load: %u key files announced but %zu "
			       "descriptors received", count, got);
	}
	jw_arr_begin(ctx->out);
	for (uint32_t i = 0; i < count; i++) {
		struct ipsec_key *key;
		char err[256];
		int rc = ipsec_key_read_fd(cl->fds[i], allow, &key, err, sizeof(err));
		uint32_t handle = 0;
		if (rc == NETCFG_OK && !(handle = stackd_ipsec_key_keep(state(ctx), cl, key))) {
			rc = NETCFG_ELIMIT;
			snprintf(err, sizeof(err), "this connection holds %d keys already, or memory ran out",
				 STACKD_PENDING_KEYS_MAX);
		}
		jw_obj_begin(ctx->out);
		if (rc == NETCFG_OK) {
			jw_kuint(ctx->out, "handle", handle);
		} else {
			jw_kint(ctx->out, "status", rc);
			jw_kstr(ctx->out, "error", err);
		}
		jw_obj_end(ctx->out);
	}
	jw_arr_end(ctx->out);
	take_fds(cl, count);
	return NETCFG_OK;
}

/* ---- hooks --------------------------------------------------------------- */

void ops_ipsec_client_closed(struct daemon *d, struct client *cl)
{
	stackd_ipsec_keys_drop(&d->ipsec, cl);
}

int ops_ipsec_stack_rebuilt(struct op_ctx *ctx)
{
	if (stackd_ipsec_reset(state(ctx), ctx->d->stack.undo) < 0)
		return nomem(ctx);
	return NETCFG_OK;
}
