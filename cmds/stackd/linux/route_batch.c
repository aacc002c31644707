/* SPDX-License-Identifier: MIT */
/*
 * route_batch.c - many route changes in few sendmsg() calls.
 *
 * The messages of a chunk (up to CHUNK_BYTES) go out in one sendmsg().
 * rtnetlink handles them in order before sendmsg() returns, and answers a
 * message only when it fails or asks for an ACK.  So only the last
 * message of a chunk asks for one: when its answer arrives, every message
 * before it has been processed, and each failure has come back as an
 * error carrying its sequence number, from which its index follows.
 * 100k routes thus cost about 40 sendmsg() calls and as many ACKs, instead
 * of 100k round trips; the kernel's own work per route is what remains.
 *
 * Messages built by libnl lack NLM_F_REQUEST until nl_complete_msg(); the
 * kernel ACKs such a message and ignores it, so the flag is set here.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>

/* Above ~64 KiB a bigger sendmsg() no longer pays (linux-reference 7.2);
 * the errors of a whole chunk must fit the receive buffer. */
#define CHUNK_BYTES (256 * 1024)
/* Room kept for the next message: lnx_route_msg() builds at most 108
 * bytes (rtmsg and seven attributes). */
#define ROUTE_MSG_MAX 160

struct batch {
	struct lnx *ctx;
	const struct lnx_route_change *v;
	struct lnx_batch_report *rep;
	uint32_t seq0;                 /* sequence number of v[0] */
	size_t first, last;            /* the chunk in flight */
	size_t chunk_failed;
	bool chunk_done;
	uint8_t *failed;               /* bit per change, for the rollback */
	int first_status;              /* of the first failure */
	char first_msg[LNX_ERR_MAX];
};

static const char *op_name(enum lnx_op op)
{
	switch (op) {
	case LNX_OP_ADD:
		return "add";
	case LNX_OP_REPLACE:
		return "replace";
	case LNX_OP_DELETE:
		return "delete";
	case LNX_OP_DELETE_ANY:
		return "delete-any";
	}
	return "?";
}

static void record_failure(struct batch *b, size_t i, int err, const char *ext)
{
	char what[200], r[160];
	snprintf(what, sizeof(what), "route %zu (%s %s)", i, op_name(b->v[i].op),
		 lnx_route_format(&b->v[i].route, r, sizeof(r)));
	int st = lnx_kernel_fail(b->ctx, err, ext, what);
	struct lnx_batch_report *rep = b->rep;
	if (rep->failed == 0) {
		b->first_status = st;
		lnx_copy(b->first_msg, sizeof(b->first_msg), b->ctx->err);
	}
	if (rep->failures && rep->failed < rep->max_failures) {
		struct lnx_batch_failure *f = &rep->failures[rep->failed];
		f->index = i;
		f->status = st;
		lnx_copy(f->msg, sizeof(f->msg), b->ctx->err);
	}
	if (b->failed)
		b->failed[i / 8] |= (uint8_t)(1u << (i % 8));
	rep->failed++;
	b->chunk_failed++;
}

static int in_chunk(const struct batch *b, uint32_t seq, size_t *index)
{
	size_t i = (size_t)(uint32_t)(seq - b->seq0);
	if (i < b->first || i > b->last)
		return 0;
	*index = i;
	return 1;
}

static int b_seq(struct nl_msg *m, void *arg)
{
	size_t i;
	return in_chunk(arg, nlmsg_hdr(m)->nlmsg_seq, &i) ? NL_OK : NL_SKIP;
}

static int b_ack(struct nl_msg *m, void *arg)
{
	struct batch *b = arg;
	size_t i;
	if (in_chunk(b, nlmsg_hdr(m)->nlmsg_seq, &i) && i == b->last) {
		b->chunk_done = true;
		return NL_STOP;
	}
	return NL_OK;
}

static int b_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct batch *b = arg;
	const struct nlmsghdr *h = (const struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	char ext[256];
	size_t i;
	(void)nla;
	if (!in_chunk(b, h->nlmsg_seq, &i))
		return NL_SKIP;
	lnx_extack(h, ext, sizeof(ext));
	record_failure(b, i, e->error < 0 ? -e->error : e->error, ext);
	if (i == b->last) {
		b->chunk_done = true;
		return NL_STOP;
	}
	return NL_SKIP;
}

/* Pack v[from..] into buf up to cap bytes; returns the end index. */
static size_t pack_chunk(struct batch *b, struct nl_sock *sk, size_t from, size_t n,
			 uint8_t *buf, size_t cap, size_t *len, int *status)
{
	size_t i = from, off = 0, last_off = 0;
	uint32_t port = nl_socket_get_local_port(sk);
	*status = NETCFG_OK;
	while (i < n && off + ROUTE_MSG_MAX <= cap) {
		struct nl_msg *m = lnx_route_msg(b->ctx, b->v[i].op, &b->v[i].route);
		if (!m) {
			*status = NETCFG_ENOMEM;
			break;
		}
		struct nlmsghdr *h = nlmsg_hdr(m);
		if (off + NLMSG_ALIGN(h->nlmsg_len) > cap) {
			/* cannot happen with ROUTE_MSG_MAX right; the next
			 * chunk takes it then */
			nlmsg_free(m);
			break;
		}
		h->nlmsg_flags |= NLM_F_REQUEST;
		h->nlmsg_seq = b->seq0 + (uint32_t)i;
		h->nlmsg_pid = port;
		memcpy(buf + off, h, h->nlmsg_len);
		last_off = off;
		off += NLMSG_ALIGN(h->nlmsg_len);
		nlmsg_free(m);
		i++;
	}
	if (i > from)
		((struct nlmsghdr *)(buf + last_off))->nlmsg_flags |= NLM_F_ACK;
	*len = off;
	return i;
}

/* Send one chunk and read its answers. */
static int run_chunk(struct batch *b, struct nl_sock *sk, struct nl_cb *cb,
		     const uint8_t *buf, size_t len)
{
	b->chunk_done = false;
	b->chunk_failed = 0;
	int r = nl_sendto(sk, (void *)buf, len);
	b->rep->sendmsgs++;
	if (r < 0)
		return lnx_fail(b->ctx, NETCFG_EKERNEL, "routes %zu-%zu: sendmsg: %s",
				b->first, b->last, nl_geterror(r));
	while (!b->chunk_done) {
		r = nl_recvmsgs(sk, cb);
		if (!b->chunk_done && r < 0)
			return lnx_fail(b->ctx, NETCFG_EKERNEL,
					"routes %zu-%zu: the kernel's answers were lost (%s); "
					"the table may hold some of them", b->first, b->last, nl_geterror(r));
	}
	b->rep->applied += b->last - b->first + 1 - b->chunk_failed;
	return NETCFG_OK;
}

static int run_batch(struct lnx *ctx, const struct lnx_route_change *v, size_t n, bool stop_on_failure,
		     struct batch *b, size_t *sent)
{
	struct nl_sock *sk = ctx->rt;
	size_t cap = CHUNK_BYTES;
	int sndbuf = 0;
	socklen_t sl = sizeof(sndbuf);
	/* the kernel refuses a sendmsg() longer than the send buffer */
	if (getsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_SNDBUF, &sndbuf, &sl) == 0 &&
	    sndbuf > 4096 && (size_t)sndbuf - 1024 < cap)
		cap = (size_t)sndbuf - 1024;
	uint8_t *buf = malloc(cap);
	struct nl_cb *cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!buf || !cb) {
		free(buf);
		if (cb)
			nl_cb_put(cb);
		return lnx_fail(ctx, NETCFG_ENOMEM, "route batch: out of memory");
	}
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, b_seq, b);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, b_ack, b);
	nl_cb_err(cb, NL_CB_CUSTOM, b_error, b);

	b->ctx = ctx;
	b->v = v;
	/* consecutive numbers, taken from libnl's counter so that later
	 * exchanges on the socket never reuse one */
	b->seq0 = nl_socket_use_seq(sk);
	for (size_t i = 1; i < n; i++)
		nl_socket_use_seq(sk);

	int st = NETCFG_OK;
	size_t i = 0;
	while (i < n && st == NETCFG_OK) {
		size_t len;
		size_t end = pack_chunk(b, sk, i, n, buf, cap, &len, &st);
		if (st != NETCFG_OK)
			break;
		b->first = i;
		b->last = end - 1;
		st = run_chunk(b, sk, cb, buf, len);
		i = end;
		if (stop_on_failure && b->rep->failed)
			break;
	}
	*sent = i;
	free(buf);
	nl_cb_put(cb);
	return st;
}

/* Undo the applied changes of v[0..sent), newest first. */
static void roll_back(struct lnx *ctx, const struct lnx_route_change *v, size_t sent, struct batch *b)
{
	struct lnx_batch_report *rep = b->rep;
	struct lnx_route_change *undo = malloc((sent ? sent : 1) * sizeof(*undo));
	size_t k = 0;
	if (!undo) {
		snprintf(b->first_msg + strlen(b->first_msg), sizeof(b->first_msg) - strlen(b->first_msg),
			 "; out of memory undoing the %zu applied routes", rep->applied);
		return;
	}
	for (size_t i = sent; i-- > 0;) {
		if (b->failed[i / 8] & (1u << (i % 8)))
			continue;
		bool theirs = v[i].route.protocol && v[i].route.protocol != LNX_PROTO;
		if (v[i].op != LNX_OP_ADD)
			undo[k].op = LNX_OP_ADD;
		else
			undo[k].op = theirs ? LNX_OP_DELETE_ANY : LNX_OP_DELETE;
		undo[k].route = v[i].route;
		k++;
	}
	struct lnx_batch_report urep = { 0 };
	struct batch ub = { .rep = &urep };
	size_t usent;
	int st = run_batch(ctx, undo, k, false, &ub, &usent);
	free(undo);
	rep->sendmsgs += urep.sendmsgs;
	if (st == NETCFG_OK && urep.failed == 0) {
		rep->rolled_back = true;
		rep->applied = 0;
		return;
	}
	rep->applied = st == NETCFG_OK ? urep.failed : rep->applied;
	size_t l = strlen(b->first_msg);
	snprintf(b->first_msg + l, sizeof(b->first_msg) - l, "; undoing the batch failed: %s",
		 st == NETCFG_OK ? ub.first_msg : ctx->err);
}

int lnx_route_batch(struct lnx *ctx, const struct lnx_route_change *v, size_t n,
		    unsigned flags, struct lnx_batch_report *rep)
{
	struct lnx_batch_report none = { 0 };
	if (!rep)
		rep = &none;
	rep->applied = rep->failed = rep->sendmsgs = 0;
	rep->rolled_back = false;
	bool rollback = flags & LNX_BATCH_ROLLBACK;

	/* everything is checked before anything is sent */
	for (size_t i = 0; i < n; i++) {
		int st = (unsigned)v[i].op > LNX_OP_DELETE_ANY
			 ? lnx_fail(ctx, NETCFG_EINVAL, "unknown operation %d", (int)v[i].op)
			 : lnx_route_check(ctx, v[i].op, &v[i].route);
		if (st == NETCFG_OK && rollback && v[i].op == LNX_OP_REPLACE)
			st = lnx_fail(ctx, NETCFG_EINVAL, "a %s cannot be undone", op_name(v[i].op));
		if (st != NETCFG_OK) {
			char m[LNX_ERR_MAX];
			lnx_copy(m, sizeof(m), ctx->err);
			return lnx_fail(ctx, st, "route %zu: %s; nothing was sent", i, m);
		}
	}
	if (n == 0)
		return NETCFG_OK;

	struct batch b = { .rep = rep };
	if (rollback && !(b.failed = calloc(n / 8 + 1, 1)))
		return lnx_fail(ctx, NETCFG_ENOMEM, "route batch: out of memory");
	size_t sent;
	int st = run_batch(ctx, v, n, rollback, &b, &sent);
	if (st == NETCFG_OK && rep->failed > 1) {
		size_t l = strlen(b.first_msg);
		snprintf(b.first_msg + l, sizeof(b.first_msg) - l, " (and %zu more failed)", rep->failed - 1);
	}
	if (st == NETCFG_OK && rep->failed && rollback)
		roll_back(ctx, v, sent, &b);
	free(b.failed);
	if (st != NETCFG_OK || rep->failed == 0)
		return st;
	return lnx_fail(ctx, b.first_status, "%s", b.first_msg);
}
