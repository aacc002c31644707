/* SPDX-License-Identifier: MIT */
/*
 * dp_linux_ipsec.c - the SPD as xfrm policies and the SAD as xfrm states.
 *
 * Policy N becomes one xfrm policy per direction it covers, with priority
 * 2^31 - N (the SPD is tried from the highest index down, xfrm from the
 * lowest priority value up), its selector from the policy's addresses
 * (which must be prefixes), protocol and ports; DISCARD blocks, BYPASS
 * allows, APPLY allows through templates: the policy's transform, then
 * those of its SABundleIndex chain.  An SA becomes an xfrm state with the
 * algorithm mapping of linux.h (HMAC-MD5 is hmac(md5) with 96-bit
 * truncation, ...).  What xfrm cannot say is refused with the reason, and
 * a policy equal to the SPD's default (BYPASS everything) is not
 * installed: a kernel without policies lets everything through already.
 *
 * A transaction's changes are queued and go to the kernel in commit():
 * deletions first, then lnx_xfrm_install() of the new states and
 * policies, all or nothing, so that a kernel without AH or ESP states
 * says so and keeps nothing of the transaction.  The kernel keeps no
 * owner for xfrm objects, so the daemon records the entries it installed
 * (never their keys) in its state directory; a new daemon takes those
 * still in the kernel back into its SPD and SAD.  Policies changed with
 * `ip xfrm` are not read back into the SPD.
 */
#include "dp_linux.h"
#include "undo.h"

#include "../../common/atomicfile.h"
#include "../../libnetcfg/codec_ipsec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#define PRIORITY_BASE 2147483648u
#define RECORD_MAX (16 << 20)

struct dpl_xfrm_op {
	enum dp_change ch;             /* DP_ADD or DP_DELETE */
	bool is_sa;
	bool cancelled;                /* an add taken back by a later delete */
	uint32_t index;                /* of the SPD or SAD entry */
	size_t n_pol;
	struct lnx_xfrm_policy pol[2];
	struct lnx_xfrm_sa sa;         /* its pointers point into this op */
	uint8_t *key;
	size_t key_len;
	bool key_known;                /* false for an SA taken back keyless */
};

/* ---- translation --------------------------------------------------------- */

/* An address selector as one prefix; false when it is not one. */
static bool sel_prefix(const struct netcfg_addr_sel *s, struct netcfg_prefix *p)
{
	memset(p, 0, sizeof(*p));
	if (s->kind == NETCFG_SEL_ANY || s->kind == NETCFG_SEL_POLICY)
		return true;
	p->addr = s->lo;
	if (s->kind == NETCFG_SEL_ONE) {
		p->len = 128;
		return true;
	}
	/* lo..hi is a prefix when they differ only in the trailing bits, all
	 * zeros in lo and all ones in hi */
	unsigned len = 0;
	while (len < 128) {
		unsigned byte = len / 8, bit = 0x80u >> (len % 8);
		if ((s->lo.s6_addr[byte] & bit) != (s->hi.s6_addr[byte] & bit))
			break;
		len++;
	}
	for (unsigned b = len; b < 128; b++) {
		unsigned byte = b / 8, bit = 0x80u >> (b % 8);
		if ((s->lo.s6_addr[byte] & bit) || !(s->hi.s6_addr[byte] & bit))
			return false;
	}
	p->len = (uint8_t)len;
	return true;
}

static int no_xfrm(struct stack *st, const char *what, uint32_t index, const char *why)
{
	return stack_fail(st, NETCFG_ENOTSUP, "%s %u: %s; Linux xfrm cannot express it", what, index, why);
}

static int port_of(struct stack *st, const char *what, uint32_t index, const struct netcfg_num_sel *s,
		   uint16_t *port)
{
	*port = s->kind == NETCFG_SEL_ONE ? (uint16_t)s->lo : 0;
	if (s->kind == NETCFG_SEL_RANGE)
		return no_xfrm(st, what, index, "xfrm selects one port or any, not a port range");
	return NETCFG_OK;
}

/* The template of one APPLY policy seen from direction out or in. */
static void sp_template(const struct netcfg_sp *sp, bool out, struct lnx_xfrm_tmpl *t)
{
	memset(t, 0, sizeof(*t));
	t->proto = sp->ipsec_proto == NETCFG_IPSEC_AH ? IPPROTO_AH : IPPROTO_ESP;
	t->mode = sp->mode == NETCFG_IPSEC_TUNNEL ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
	/* the SPD names the remote gateway; the kernel finds the local end */
	if (t->mode == LNX_XFRM_TUNNEL) {
		if (out)
			t->dst = sp->gateway;
		else
			t->src = sp->gateway;
	}
}

static bool is_default(const struct netcfg_sp *sp)
{
	struct netcfg_sp d;
	ipsec_sp_default(&d);
	return ipsec_sp_equal(&d, sp);
}

/* The kernel policies of SPD entry sp (none for the default entry). */
static int sp_policies(struct stack *st, const struct ipsec_db *db, const struct netcfg_sp *sp,
		       struct lnx_xfrm_policy pol[2], size_t *n)
{
	static const enum netcfg_ipsec_dir dirs[] = { NETCFG_IPSEC_OUTBOUND, NETCFG_IPSEC_INBOUND };
	struct netcfg_prefix remote, local;
	uint16_t rport, lport;
	*n = 0;
	if (is_default(sp))
		return NETCFG_OK;
	if (sp->from_packet)
		return no_xfrm(st, "policy", sp->index, "its selectors are taken from the packet (\"+\")");
	if (sp->action == NETCFG_SP_APPCHOICE)
		return no_xfrm(st, "policy", sp->index, "it leaves the choice to the application");
	if (!sel_prefix(&sp->remote, &remote))
		return no_xfrm(st, "policy", sp->index, "its RemoteIPAddr range is not one prefix");
	if (!sel_prefix(&sp->local, &local))
		return no_xfrm(st, "policy", sp->index, "its LocalIPAddr range is not one prefix");
	int rc = port_of(st, "policy", sp->index, &sp->remote_port, &rport);
	if (rc == NETCFG_OK)
		rc = port_of(st, "policy", sp->index, &sp->local_port, &lport);
	if (rc)
		return rc;
	const struct st_iface *ifp = sp->ifindex ? stack_iface(st, sp->ifindex) : NULL;
	if (ifp && ifp->info.daemon_held)
		return stack_fail(st, NETCFG_ENOTSUP, "policy %u: interface %u is held by stackd only; "
				  "the kernel has no link to bind the policy to", sp->index, sp->ifindex);
	for (size_t k = 0; k < 2; k++) {
		if (!(sp->direction & dirs[k]))
			continue;
		bool out = dirs[k] == NETCFG_IPSEC_OUTBOUND;
		struct lnx_xfrm_policy *p = &pol[(*n)++];
		memset(p, 0, sizeof(*p));
		p->sel.src = out ? local : remote;
		p->sel.dst = out ? remote : local;
		p->sel.sport = out ? lport : rport;
		p->sel.dport = out ? rport : lport;
		p->sel.proto = sp->protocol.kind == NETCFG_SEL_ONE ? (uint8_t)sp->protocol.lo : 0;
		p->sel.ifindex = sp->ifindex;
		p->dir = out ? LNX_XFRM_OUT : LNX_XFRM_IN;
		p->priority = PRIORITY_BASE - sp->index;
		p->action = sp->action == NETCFG_SP_DISCARD ? LNX_XFRM_BLOCK : LNX_XFRM_ALLOW;
		const struct netcfg_sp *t = sp->action == NETCFG_SP_APPLY ? sp : NULL;
		while (t && p->n_tmpl < LNX_XFRM_TMPL_MAX) {
			sp_template(t, out, &p->tmpl[p->n_tmpl++]);
			const struct ipsec_sp_rec *next = t->bundle ? ipsec_db_sp(db, t->bundle) : NULL;
			t = next ? &next->sp : NULL;
		}
	}
	return NETCFG_OK;
}

/* The source of an SA's traffic, where the policy names it. */
static void sa_source(const struct netcfg_sa *sa, const struct netcfg_sp *sp, struct in6_addr *src)
{
	const struct netcfg_addr_sel *s = sa->direction == NETCFG_IPSEC_OUTBOUND ? &sp->local : &sp->remote;
	memset(src, 0, sizeof(*src));
	if (sp->mode == NETCFG_IPSEC_TUNNEL) {
		if (sa->direction == NETCFG_IPSEC_INBOUND)
			*src = sp->gateway;
	} else if (s->kind == NETCFG_SEL_ONE) {
		*src = s->lo;
	}
}

static bool sel_from_policy(const struct netcfg_sa *sa)
{
	return sa->dest.kind == NETCFG_SEL_POLICY && sa->src.kind == NETCFG_SEL_POLICY &&
	       sa->protocol.kind == NETCFG_SEL_POLICY && sa->dest_port.kind == NETCFG_SEL_POLICY &&
	       sa->src_port.kind == NETCFG_SEL_POLICY;
}

/* The kernel state of SAD entry sa into op (its key copied). */
static int sa_state(struct stack *st, const struct ipsec_db *db, const struct netcfg_sa *sa,
		    const struct ipsec_key *key, struct dpl_xfrm_op *op)
{
	const struct ipsec_sp_rec *r = ipsec_db_sp(db, sa->policy);
	if (!r)
		return stack_fail(st, NETCFG_ENOENT, "SA %u: policy %u is not in the SPD", sa->index,
				  sa->policy);
	const struct netcfg_sp *sp = &r->sp;
	struct lnx_xfrm_sa *k = &op->sa;
	memset(k, 0, sizeof(*k));
	k->proto = sp->ipsec_proto == NETCFG_IPSEC_AH ? IPPROTO_AH : IPPROTO_ESP;
	if (k->proto == IPPROTO_AH && sa->auth == NETCFG_AUTH_NULL)
		return no_xfrm(st, "SA", sa->index, "AH without an authentication algorithm");
	k->spi = sa->spi;
	k->dst = sa->sa_dest;
	sa_source(sa, sp, &k->src);
	k->mode = sp->mode == NETCFG_IPSEC_TUNNEL ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
	k->auth = netcfg_auth_alg_name(sa->auth);
	k->enc = k->proto == IPPROTO_ESP ? "NULL" : NULL;
	if (!sel_from_policy(sa)) {
		if (!sel_prefix(&sa->dest, &k->sel.dst))
			return no_xfrm(st, "SA", sa->index, "its DestIPAddr range is not one prefix");
		if (!sel_prefix(&sa->src, &k->sel.src))
			return no_xfrm(st, "SA", sa->index, "its SrcIPAddr range is not one prefix");
		int rc = port_of(st, "SA", sa->index, &sa->dest_port, &k->sel.dport);
		if (rc == NETCFG_OK)
			rc = port_of(st, "SA", sa->index, &sa->src_port, &k->sel.sport);
		if (rc)
			return rc;
		k->sel.proto = sa->protocol.kind == NETCFG_SEL_ONE ? (uint8_t)sa->protocol.lo : 0;
	}
	op->key_known = key || sa->auth == NETCFG_AUTH_NULL;
	if (key && key->len) {
		op->key = malloc(key->len);
		if (!op->key)
			return stack_nomem(st);
		memcpy(op->key, key->bytes, key->len);
		op->key_len = key->len;
	}
	k->auth_key = op->key;
	k->auth_key_len = op->key_len;
	return NETCFG_OK;
}

/* ---- the queue -------------------------------------------------------------- */

static void op_clear(struct dpl_xfrm_op *op)
{
	if (op->key) {
		explicit_bzero(op->key, op->key_len);
		free(op->key);
	}
	op->key = NULL;
	op->key_len = 0;
}

static void truncate_xfrm(void *ctx, void *data)
{
	struct dpl *x = ctx;
	size_t n = (uintptr_t)data;
	while (x->n_xfrm > n)
		op_clear(&x->xfrm[--x->n_xfrm]);
}

static void uncancel(void *ctx, void *data)
{
	struct dpl *x = ctx;
	size_t i = (uintptr_t)data;
	if (i < x->n_xfrm)
		x->xfrm[i].cancelled = false;
}

/* Append op (taken over) to the transaction's queue. */
static int queue_xfrm(struct dpl *x, struct stack *st, struct dpl_xfrm_op *op)
{
	/* an add and a delete of the same entry in one transaction cancel */
	for (size_t i = x->n_xfrm; op->ch == DP_DELETE && i-- > 0;) {
		struct dpl_xfrm_op *q = &x->xfrm[i];
		if (q->is_sa != op->is_sa || q->index != op->index || q->cancelled)
			continue;
		if (q->ch != DP_ADD)
			break;
		op_clear(op);
		if (undo_push(st->undo, uncancel, NULL, x, (void *)(uintptr_t)i) < 0)
			return stack_nomem(st);
		q->cancelled = true;
		return NETCFG_OK;
	}
	if (x->n_xfrm == x->cap_xfrm) {
		size_t cap = x->cap_xfrm ? x->cap_xfrm * 2 : 16;
		struct dpl_xfrm_op *v = realloc(x->xfrm, cap * sizeof(*v));
		if (!v) {
			op_clear(op);
			return stack_nomem(st);
		}
		x->xfrm = v;
		x->cap_xfrm = cap;
	}
	if (undo_push(st->undo, truncate_xfrm, NULL, x, (void *)(uintptr_t)x->n_xfrm) < 0) {
		op_clear(op);
		return stack_nomem(st);
	}
	x->xfrm[x->n_xfrm++] = *op;
	/* the SA's key pointer follows the copy */
	struct dpl_xfrm_op *q = &x->xfrm[x->n_xfrm - 1];
	q->sa.auth_key = q->key;
	return NETCFG_OK;
}

int dpl_sp(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct ipsec_db *db,
	   const struct netcfg_sp *sp)
{
	struct dpl *x = dpl_of(dp);
	struct dpl_xfrm_op op = { .ch = ch, .index = sp->index };
	int rc = sp_policies(st, db, sp, op.pol, &op.n_pol);
	if (rc || !op.n_pol)
		return rc;
	return queue_xfrm(x, st, &op);
}

int dpl_sa(struct dataplane *dp, struct stack *st, enum dp_change ch, const struct ipsec_db *db,
	   const struct netcfg_sa *sa, const struct ipsec_key *key)
{
	struct dpl *x = dpl_of(dp);
	struct dpl_xfrm_op op = { .ch = ch, .is_sa = true, .index = sa->index };
	int rc = sa_state(st, db, sa, key, &op);
	if (rc) {
		op_clear(&op);
		return rc;
	}
	return queue_xfrm(x, st, &op);
}

/* ---- the kernel's part ---------------------------------------------------- */

static int xfrm_remove(struct dpl *x, const struct dpl_xfrm_op *op)
{
	int rc = NETCFG_OK;
	if (op->is_sa)
		return lnx_xfrm_sa_delete(x->nl, &op->sa.dst, op->sa.proto, op->sa.spi);
	for (size_t i = 0; i < op->n_pol && rc == NETCFG_OK; i++)
		rc = lnx_xfrm_policy_change(x->nl, LNX_OP_DELETE_ANY, &op->pol[i]);
	return rc;
}

static int xfrm_put(struct dpl *x, const struct dpl_xfrm_op *op)
{
	if (op->is_sa) {
		if (!op->key_known)
			return lnx_fail(x->nl, NETCFG_ENOTSUP, "SA %u: its key is in the kernel only",
					op->index);
		return lnx_xfrm_sa_add(x->nl, &op->sa);
	}
	return lnx_xfrm_install(x->nl, NULL, 0, op->pol, op->n_pol);
}

struct xfrm_revert {
	struct dpl_xfrm_op *v;
	size_t n;
};

static void free_xfrm_revert(void *ctx, void *data)
{
	struct xfrm_revert *r = data;
	(void)ctx;
	for (size_t i = 0; i < r->n; i++)
		op_clear(&r->v[i]);
	free(r->v);
	free(r);
}

/* Take the changes of v[0..n) back, newest first. */
static void revert_ops(struct dpl *x, const struct dpl_xfrm_op *v, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		if (v[i].cancelled)
			continue;
		int rc = v[i].ch == DP_ADD ? xfrm_remove(x, &v[i]) : xfrm_put(x, &v[i]);
		if (rc)
			log_msg(LOG_WARNING, "rolling back in the kernel: %s", lnx_error(x->nl));
	}
}

static void undo_xfrm(void *ctx, void *data)
{
	struct xfrm_revert *r = data;
	revert_ops(ctx, r->v, r->n);
	free_xfrm_revert(ctx, data);
}

static void write_record(struct dpl *x);

static void record_at_commit(void *ctx, void *data)
{
	(void)data;
	write_record(ctx);
}

static void no_undo(void *ctx, void *data)
{
	(void)ctx;
	(void)data;
}

int dpl_xfrm_commit(struct dpl *x, struct stack *st)
{
	if (!x->n_xfrm)
		return NETCFG_OK;
	struct xfrm_revert *r = malloc(sizeof(*r));
	if (!r)
		return stack_nomem(st);
	*r = (struct xfrm_revert){ x->xfrm, x->n_xfrm };
	x->xfrm = NULL;
	x->n_xfrm = x->cap_xfrm = 0;
	size_t done = 0, n_sa = 0, n_pol = 0;
	int rc = NETCFG_OK;
	/* deletions first, in the order they were asked for; done: how many
	 * of the queue were dealt with */
	for (; done < r->n; done++) {
		const struct dpl_xfrm_op *op = &r->v[done];
		if (op->ch != DP_DELETE || op->cancelled)
			continue;
		rc = xfrm_remove(x, op);
		if (rc == NETCFG_ENOENT) {
			log_msg(LOG_WARNING, "%s (someone removed it already)", lnx_error(x->nl));
			rc = NETCFG_OK;
		}
		if (rc)
			break;
	}
	struct lnx_xfrm_sa *sas = calloc(r->n + 1, sizeof(*sas));
	struct lnx_xfrm_policy *pols = calloc(2 * r->n + 1, sizeof(*pols));
	if (rc == NETCFG_OK && (!sas || !pols))
		rc = lnx_fail(x->nl, NETCFG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == NETCFG_OK && i < r->n; i++) {
		const struct dpl_xfrm_op *op = &r->v[i];
		if (op->ch != DP_ADD || op->cancelled)
			continue;
		if (op->is_sa)
			sas[n_sa++] = op->sa;
		for (size_t k = 0; k < op->n_pol; k++)
			pols[n_pol++] = op->pol[k];
	}
	/* then the new states before the policies that use them */
	if (rc == NETCFG_OK && (n_sa || n_pol))
		rc = lnx_xfrm_install(x->nl, sas, n_sa, pols, n_pol);
	free(sas);
	free(pols);
	if (rc) {
		rc = dpl_fail(x, st, rc);
		/* the deletions done so far come back */
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].ch == DP_ADD)
				r->v[i].cancelled = true;
		revert_ops(x, r->v, done);
		free_xfrm_revert(x, r);
		return rc;
	}
	if (undo_push(st->undo, undo_xfrm, free_xfrm_revert, x, r) < 0) {
		undo_xfrm(x, r);
		return stack_nomem(st);
	}
	/* what is installed is recorded once the transaction is durable */
	if (undo_push(st->undo, no_undo, record_at_commit, x, NULL) < 0)
		return stack_nomem(st);
	return NETCFG_OK;
}

void dpl_xfrm_free(struct dpl *x)
{
	truncate_xfrm(x, (void *)(uintptr_t)0);
	free(x->xfrm);
	x->xfrm = NULL;
	x->cap_xfrm = 0;
}

/* ---- withdraw: the SPD and SAD entries out of the kernel ------------------- */

static void undo_removed(void *ctx, void *data)
{
	struct dpl *x = ctx;
	struct dpl_xfrm_op *op = data;
	if (xfrm_put(x, op) != NETCFG_OK)
		log_msg(LOG_WARNING, "rolling back in the kernel: %s", lnx_error(x->nl));
	op_clear(op);
	free(op);
}

static void commit_removed(void *ctx, void *data)
{
	(void)ctx;
	op_clear(data);
	free(data);
}

/* Remove op's objects now; a rollback puts them back. */
static int remove_now(struct dpl *x, struct stack *st, struct dpl_xfrm_op *op)
{
	struct dpl_xfrm_op *keep = malloc(sizeof(*keep));
	if (!keep) {
		op_clear(op);
		return stack_nomem(st);
	}
	*keep = *op;
	keep->sa.auth_key = keep->key;
	int rc = xfrm_remove(x, keep);
	if (rc == NETCFG_ENOENT)
		rc = NETCFG_OK;   /* gone already */
	if (rc) {
		commit_removed(x, keep);
		return dpl_fail(x, st, rc);
	}
	if (undo_push(st->undo, undo_removed, commit_removed, x, keep) < 0) {
		undo_removed(x, keep);
		return stack_nomem(st);
	}
	return NETCFG_OK;
}

int dpl_xfrm_withdraw(struct dpl *x, struct stack *st)
{
	const struct ipsec_db *db = &x->d->ipsec.db;
	int rc = NETCFG_OK;
	/* states before the policies that use them would come back */
	for (size_t i = 0; i < db->n_sa && rc == NETCFG_OK; i++) {
		/* an entry xfrm cannot express was never installed */
		struct dpl_xfrm_op op = { .ch = DP_DELETE, .is_sa = true, .index = db->sa[i]->sa.index };
		if (sa_state(st, db, &db->sa[i]->sa, db->sa[i]->key, &op) == NETCFG_OK)
			rc = remove_now(x, st, &op);
		else
			op_clear(&op);
	}
	for (size_t i = 0; i < db->n_sp && rc == NETCFG_OK; i++) {
		struct dpl_xfrm_op op = { .ch = DP_DELETE, .index = db->sp[i]->sp.index };
		if (sp_policies(st, db, &db->sp[i]->sp, op.pol, &op.n_pol) == NETCFG_OK && op.n_pol)
			rc = remove_now(x, st, &op);
	}
	if (rc == NETCFG_OK && undo_push(st->undo, no_undo, record_at_commit, x, NULL) < 0)
		rc = stack_nomem(st);
	return rc;
}

/* ---- the record of what is installed ------------------------------------------ */

static void write_record(struct dpl *x)
{
	const struct ipsec_db *db = &x->d->ipsec.db;
	char err[PATH_MAX + 128];
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "sp");
	jw_arr_begin(&w);
	for (size_t i = 0; i < db->n_sp; i++)
		if (!is_default(&db->sp[i]->sp))
			codec_sp_write(&w, &db->sp[i]->sp);
	jw_arr_end(&w);
	jw_key(&w, "sa");
	jw_arr_begin(&w);
	for (size_t i = 0; i < db->n_sa; i++)
		codec_sa_write(&w, &db->sa[i]->sa);
	jw_arr_end(&w);
	jw_obj_end(&w);
	struct iovec iov[2] = { { w.buf, w.len }, { "\n", 1 } };
	if (w.oom)
		log_msg(LOG_WARNING, "%s not written: out of memory", x->ipsec_record);
	else if (atomic_write_file(x->ipsec_record, iov, 2, 0600, err, sizeof(err)) < 0)
		log_msg(LOG_WARNING, "the record of the installed SPD and SAD is not written: %s", err);
	jw_free(&w);
}

static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			char *nb = cap < RECORD_MAX ? realloc(buf, cap ? cap * 2 : 4096) : NULL;
			if (!nb) {
				free(buf);
				close(fd);
				return NULL;
			}
			buf = nb;
			cap = cap ? cap * 2 : 4096;
		}
		ssize_t r = read(fd, buf + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*len += (size_t)r;
	}
	close(fd);
	return buf;
}

struct kernel_xfrm {
	struct lnx_xfrm_policy *pol;
	size_t n_pol, cap_pol;
	struct lnx_xfrm_sa_info *sa;
	size_t n_sa, cap_sa;
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, c * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = c;
	return 0;
}

static int keep_policy(void *arg, const struct lnx_xfrm_policy *p)
{
	struct kernel_xfrm *k = arg;
	if (grow((void **)&k->pol, &k->cap_pol, k->n_pol, sizeof(*p)) < 0)
		return NETCFG_ENOMEM;
	k->pol[k->n_pol++] = *p;
	return NETCFG_OK;
}

static int keep_state(void *arg, const struct lnx_xfrm_sa_info *s)
{
	struct kernel_xfrm *k = arg;
	if (grow((void **)&k->sa, &k->cap_sa, k->n_sa, sizeof(*s)) < 0)
		return NETCFG_ENOMEM;
	k->sa[k->n_sa++] = *s;
	return NETCFG_OK;
}

static bool same_prefix(const struct netcfg_prefix *a, const struct netcfg_prefix *b)
{
	return a->len == b->len && IN6_ARE_ADDR_EQUAL(&a->addr, &b->addr);
}

static bool policy_in_kernel(const struct kernel_xfrm *k, const struct lnx_xfrm_policy *p)
{
	for (size_t i = 0; i < k->n_pol; i++) {
		const struct lnx_xfrm_policy *q = &k->pol[i];
		if (q->dir == p->dir && q->priority == p->priority && q->action == p->action &&
		    same_prefix(&q->sel.src, &p->sel.src) && same_prefix(&q->sel.dst, &p->sel.dst) &&
		    q->sel.proto == p->sel.proto && q->sel.sport == p->sel.sport &&
		    q->sel.dport == p->sel.dport && q->n_tmpl == p->n_tmpl)
			return true;
	}
	return false;
}

static bool state_in_kernel(const struct kernel_xfrm *k, const struct lnx_xfrm_sa *s)
{
	for (size_t i = 0; i < k->n_sa; i++)
		if (k->sa[i].spi == s->spi && k->sa[i].proto == s->proto &&
		    IN6_ARE_ADDR_EQUAL(&k->sa[i].dst, &s->dst))
			return true;
	return false;
}

/* Policies first, in as many rounds as bundle references need; then the
 * SAs, whose policies must be there.  What is recorded but no longer
 * (wholly) in the kernel is not taken back, and its remains go. */
static void adopt_entries(struct dpl *x, const struct jdoc *doc, const struct kernel_xfrm *k)
{
	struct stackd_ipsec *s = &x->d->ipsec;
	struct stack *st = &x->d->stack;
	char err[CODEC_ERRLEN];
	int arr = j_get(doc, 0, "sp");
	size_t n = j_type(doc, arr) == J_ARR ? (size_t)doc->t[arr].size : 0;
	bool *done = calloc(n + 1, sizeof(*done));
	if (!done)
		return;
	for (bool progress = true; progress;) {
		progress = false;
		size_t i = 0;
		for (int e = n ? j_first(doc, arr) : -1; e >= 0; e = j_next(doc, e), i++) {
			struct netcfg_sp sp;
			struct ipsec_diag d;
			struct dpl_xfrm_op op = { 0 };
			if (done[i] || codec_sp_read(doc, e, &sp, err) != 0 ||
			    ipsec_db_sp(&s->db, sp.index) || ipsec_db_check_sp(&s->db, &sp, &d) < 0)
				continue;
			done[i] = true;
			progress = true;
			bool whole = sp_policies(st, &s->db, &sp, op.pol, &op.n_pol) == NETCFG_OK;
			for (size_t p = 0; whole && p < op.n_pol; p++)
				whole = policy_in_kernel(k, &op.pol[p]);
			if (whole && stackd_ipsec_add_sp(s, NULL, &sp) == 0)
				continue;
			log_msg(LOG_WARNING, "policy %u of the last run is not (wholly) in the kernel; "
				"not taken back", sp.index);
			for (size_t p = 0; p < op.n_pol; p++)
				lnx_xfrm_policy_change(x->nl, LNX_OP_DELETE_ANY, &op.pol[p]);
		}
	}
	free(done);
	arr = j_get(doc, 0, "sa");
	for (int e = j_type(doc, arr) == J_ARR ? j_first(doc, arr) : -1; e >= 0; e = j_next(doc, e)) {
		struct netcfg_sa sa;
		struct ipsec_diag d;
		struct dpl_xfrm_op op = { 0 };
		if (codec_sa_read(doc, e, &sa, err) != 0)
			continue;
		bool ok = ipsec_db_check_sa(&s->db, &sa, &d) == 0 &&
			  sa_state(st, &s->db, &sa, NULL, &op) == NETCFG_OK;
		/* the key stays in the kernel; the daemon never had it written */
		if (ok && state_in_kernel(k, &op.sa) && stackd_ipsec_add_sa(s, NULL, &sa, NULL) == 0)
			continue;
		log_msg(LOG_WARNING, "SA %u of the last run is not in the kernel; not taken back", sa.index);
		if (ok)
			lnx_xfrm_sa_delete(x->nl, &op.sa.dst, op.sa.proto, op.sa.spi);
		op_clear(&op);
	}
}

void dpl_xfrm_adopt(struct dpl *x)
{
	size_t len;
	char *text = read_file(x->ipsec_record, &len);
	if (!text)
		return;
	struct jdoc doc = { 0 };
	struct kernel_xfrm k = { 0 };
	if (jdoc_parse(&doc, text, len) < 0 || j_type(&doc, 0) != J_OBJ) {
		log_msg(LOG_WARNING, "%s is not a record of xfrm objects; ignored", x->ipsec_record);
	} else if (lnx_xfrm_policy_dump(x->nl, keep_policy, &k) != NETCFG_OK ||
		   lnx_xfrm_sa_dump(x->nl, keep_state, &k) != NETCFG_OK) {
		log_msg(LOG_WARNING, "the SPD and SAD of the last run are not taken back: %s",
			lnx_error(x->nl));
	} else {
		adopt_entries(x, &doc, &k);
		write_record(x);
		log_msg(LOG_INFO, "xfrm: %zu policies and %zu SAs of the last run taken back",
			x->d->ipsec.db.n_sp - 1, x->d->ipsec.db.n_sa);
	}
	jdoc_free(&doc);
	free(k.pol);
	free(k.sa);
	free(text);
}

void dpl_xfrm_info(struct dpl *x, struct jw *w)
{
	jw_key(w, "xfrm");
	jw_obj_begin(w);
	jw_kbool(w, "ah", x->xfrm_support.ah);
	jw_kbool(w, "esp", x->xfrm_support.esp);
	if (!x->xfrm_support.ah)
		jw_kstr(w, "ah_missing", x->xfrm_support.ah_why);
	if (!x->xfrm_support.esp)
		jw_kstr(w, "esp_missing", x->xfrm_support.esp_why);
	jw_obj_end(w);
}
