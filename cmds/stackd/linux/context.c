/* SPDX-License-Identifier: MIT */
/*
 * context.c - the netlink context: namespace, privileges, sockets, and the
 * one request/reply exchange every primitive goes through.
 *
 * libnl 3.7 drops the kernel's extended ACK and collapses errnos into
 * NLE_* codes, so exchanges run with their own callbacks: NETLINK_EXT_ACK
 * is switched on, the error callback keeps the real errno and the text of
 * NLMSGERR_ATTR_MSG, and sequence numbers are checked here (a callback set
 * of our own does not inherit libnl's check).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include <netcfg/text.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define CAP_NET_ADMIN_BIT 12
#define DEFAULT_RCVBUF (8 << 20)
/* Large enough for the batch path's biggest sendmsg() (route_batch.c). */
#define DEFAULT_SNDBUF (1 << 20)
#define NETNS_RUN_DIR "/var/run/netns/"

int lnx_fail(struct lnx *ctx, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->err, sizeof(ctx->err), fmt, ap);
	va_end(ap);
	return status;
}

const char *lnx_error(const struct lnx *ctx)
{
	return ctx->err;
}

void lnx_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

bool lnx_addr_is_any(const struct in6_addr *a)
{
	static const struct in6_addr any;
	return memcmp(a, &any, sizeof(any)) == 0;
}

const char *lnx_prefix_str(const struct netcfg_prefix *p, char *buf)
{
	return netcfg_format_prefix(p, buf);
}

int lnx_check_prefix(struct lnx *ctx, const struct netcfg_prefix *p, const char *what)
{
	char b[NETCFG_ADDRSTRLEN];
	if (p->len > 128)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: prefix length %u is over 128", what, p->len);
	struct in6_addr m = p->addr;
	netcfg_prefix_mask(&m, p->len);
	if (memcmp(&m, &p->addr, sizeof(m)) != 0)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: prefix %s has bits set beyond its length",
				what, lnx_prefix_str(p, b));
	return NETCFG_OK;
}

int lnx_kernel_status(int err)
{
	switch (err) {
	case 0:
		return NETCFG_OK;
	case EPERM:
	case EACCES:
		return NETCFG_EPERM;
	case EEXIST:
		return NETCFG_EEXIST;
	case ENOENT:
	case ESRCH:
	case ENODEV:
	case EADDRNOTAVAIL:
		return NETCFG_ENOENT;
	case ENOMEM:
	case ENOBUFS:
		return NETCFG_ENOMEM;
	case EBUSY:
		return NETCFG_EBUSY;
	case EOPNOTSUPP:
	case EPROTONOSUPPORT:
	case EAFNOSUPPORT:
	case ENOSYS:
		return NETCFG_ENOTSUP;
	default:
		return NETCFG_EKERNEL;
	}
}

int lnx_kernel_fail(struct lnx *ctx, int err, const char *ext, const char *what)
{
	const char *hint = "";
	ctx->kerr = err;
	lnx_copy(ctx->kext, sizeof(ctx->kext), ext ? ext : "");
	if (err == EPERM || err == EACCES)
		hint = " (the linux dataplane needs CAP_NET_ADMIN)";
	/* rtnetlink says ESRCH for "no such object"; "No such process"
	 * would puzzle */
	const char *text = err == ESRCH ? "not found" : strerror(err);
	if (ext && ext[0])
		return lnx_fail(ctx, lnx_kernel_status(err), "%s: %s (%s)%s", what, ext, text, hint);
	return lnx_fail(ctx, lnx_kernel_status(err), "%s: %s%s", what, text, hint);
}

int lnx_nl_fail(struct lnx *ctx, int nlerr, const char *what)
{
	int st = nlerr == -NLE_NOMEM ? NETCFG_ENOMEM : NETCFG_EKERNEL;
	return lnx_fail(ctx, st, "%s: netlink: %s", what ? what : "request", nl_geterror(nlerr));
}

int lnx_msg_errno(const struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_HDRLEN + sizeof(struct nlmsgerr))
		return -1;
	const struct nlmsgerr *e = NLMSG_DATA(h);
	return e->error < 0 ? -e->error : e->error;
}

void lnx_extack(const struct nlmsghdr *h, char *buf, size_t size)
{
	size_t hlen;
	buf[0] = 0;
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (h->nlmsg_type == NLMSG_ERROR) {
		if (h->nlmsg_len < NLMSG_HDRLEN + sizeof(struct nlmsgerr))
			return;
		const struct nlmsgerr *e = NLMSG_DATA(h);
		hlen = sizeof(*e);
		/* the request is echoed unless the kernel capped it */
		if (!(h->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len > NLMSG_HDRLEN)
			hlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	} else {
		hlen = sizeof(int);
	}
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	if (nlmsg_parse((struct nlmsghdr *)h, (int)hlen, tb, NLMSGERR_ATTR_MAX, NULL) < 0)
		return;
	if (!tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(buf, tb[NLMSGERR_ATTR_MSG], size);
	size_t n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.'))
		buf[--n] = 0;
}

/* ---- the exchange ---------------------------------------------------- */

struct exchange {
	struct lnx *ctx;
	uint32_t seq;
	lnx_msg_fn on_msg;
	void *arg;
	int status;                    /* of on_msg */
	int kerr;
	char ext[256];
	bool done;
	bool interrupted;
};

static int x_seq(struct nl_msg *m, void *arg)
{
	struct exchange *x = arg;
	/* a stale reply of an exchange given up on is dropped */
	return nlmsg_hdr(m)->nlmsg_seq == x->seq ? NL_OK : NL_SKIP;
}

static int x_valid(struct nl_msg *m, void *arg)
{
	struct exchange *x = arg;
	struct nlmsghdr *h = nlmsg_hdr(m);
	if (h->nlmsg_flags & NLM_F_DUMP_INTR)
		x->interrupted = true;
	if (x->status == NETCFG_OK && x->on_msg)
		x->status = x->on_msg(x->ctx, h, x->arg);
	return NL_OK;
}

static int x_finish(struct nl_msg *m, void *arg)
{
	struct exchange *x = arg;
	struct nlmsghdr *h = nlmsg_hdr(m);
	if (h->nlmsg_flags & NLM_F_DUMP_INTR)
		x->interrupted = true;
	/* a dump that failed half-way says so in its DONE message */
	if (h->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		int e;
		memcpy(&e, NLMSG_DATA(h), sizeof(e));
		if (e < 0) {
			x->kerr = -e;
			lnx_extack(h, x->ext, sizeof(x->ext));
		}
	}
	x->done = true;
	return NL_STOP;
}

static int x_ack(struct nl_msg *m, void *arg)
{
	struct exchange *x = arg;
	(void)m;
	x->done = true;
	return NL_STOP;
}

static int x_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct exchange *x = arg;
	const struct nlmsghdr *h = (const struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	(void)nla;
	if (h->nlmsg_seq != x->seq)
		return NL_SKIP;
	x->kerr = e->error < 0 ? -e->error : e->error;
	lnx_extack(h, x->ext, sizeof(x->ext));
	x->done = true;
	return NL_STOP;
}

int lnx_exchange(struct lnx *ctx, struct nl_sock *sk, struct nl_msg *msg,
		 lnx_msg_fn on_msg, void *arg, const char *what)
{
	struct exchange x = { .ctx = ctx, .on_msg = on_msg, .arg = arg };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!cb) {
		nlmsg_free(msg);
		return lnx_fail(ctx, NETCFG_ENOMEM, "%s: out of memory", what ? what : "request");
	}
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, x_seq, &x);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, x_valid, &x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, x_finish, &x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, x_ack, &x);
	nl_cb_err(cb, NL_CB_CUSTOM, x_error, &x);

	int r = nl_send_auto(sk, msg);
	x.seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (r < 0) {
		nl_cb_put(cb);
		return lnx_nl_fail(ctx, r, what);
	}
	while (!x.done) {
		r = nl_recvmsgs(sk, cb);
		if (!x.done && r < 0 && r != -NLE_DUMP_INTR) {
			nl_cb_put(cb);
			return lnx_nl_fail(ctx, r, what);
		}
	}
	nl_cb_put(cb);
	if (x.kerr)
		return lnx_kernel_fail(ctx, x.kerr, x.ext, what ? what : "request");
	if (x.status != NETCFG_OK)
		return x.status;
	if (x.interrupted)
		return lnx_fail(ctx, NETCFG_EBUSY, "%s: the table changed during the dump; dump again",
				what ? what : "dump");
	return NETCFG_OK;
}

struct nl_msg *lnx_msg_new(struct lnx *ctx, int type, int flags, const void *hdr, size_t hdrlen)
{
	struct nl_msg *m = nlmsg_alloc_size(512);
	if (!m || !nlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0, flags) ||
	    (hdrlen && nlmsg_append(m, (void *)hdr, hdrlen, NLMSG_ALIGNTO) < 0)) {
		if (m)
			nlmsg_free(m);
		lnx_fail(ctx, NETCFG_ENOMEM, "out of memory building a netlink message");
		return NULL;
	}
	return m;
}

int lnx_dump(struct lnx *ctx, struct nl_sock *sk, int type, const void *hdr, size_t hdrlen,
	     lnx_msg_fn on_msg, void *arg, const char *what)
{
	struct nl_msg *m = lnx_msg_new(ctx, type, NLM_F_DUMP, hdr, hdrlen);
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, sk, m, on_msg, arg, what);
}

int lnx_op_flags(enum lnx_op op)
{
	switch (op) {
	case LNX_OP_ADD:
		return NLM_F_CREATE | NLM_F_EXCL;
	case LNX_OP_REPLACE:
		return NLM_F_CREATE | NLM_F_REPLACE;
	default:
		return 0;
	}
}

/* ---- opening ---------------------------------------------------------- */

static int open_fail(char *err, size_t errlen, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int open_fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return status;
}

/* CAP_NET_ADMIN in the effective set, from /proc/self/status (no libcap);
 * true when that cannot be read, and the kernel will say. */
static bool have_net_admin(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	if (!f)
		return true;
	char line[256];
	unsigned long long caps = ~0ULL;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	fclose(f);
	return (caps >> CAP_NET_ADMIN_BIT) & 1;
}

static int enter_netns(const char *name, char *err, size_t errlen)
{
	char path[sizeof(NETNS_RUN_DIR) + 256];
	if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    strlen(name) > 255)
		return open_fail(err, errlen, NETCFG_EINVAL, "bad network namespace name \"%s\"", name);
	snprintf(path, sizeof(path), "%s%s", NETNS_RUN_DIR, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return open_fail(err, errlen, NETCFG_ENOENT,
					 "network namespace \"%s\" does not exist (no %s)", name, path);
		return open_fail(err, errlen, errno == EACCES ? NETCFG_EPERM : NETCFG_EIO,
				 "network namespace \"%s\": %s: %s", name, path, strerror(errno));
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		int e = errno;
		close(fd);
		if (e == EPERM)
			return open_fail(err, errlen, NETCFG_EPERM,
					 "entering network namespace \"%s\" needs CAP_SYS_ADMIN", name);
		return open_fail(err, errlen, NETCFG_EINVAL, "network namespace \"%s\": %s: %s",
				 name, path, strerror(e));
	}
	close(fd);
	return NETCFG_OK;
}

/* Big buffers: a burst of notifications or of batch ACKs must fit.  The
 * FORCE options pass rmem_max/wmem_max with CAP_NET_ADMIN. */
static void set_buffers(struct nl_sock *sk, int rcv, int snd)
{
	int fd = nl_socket_get_fd(sk);
	if (rcv > 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof(rcv)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	if (snd > 0 && setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &snd, sizeof(snd)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &snd, sizeof(snd));
}

static void set_ext_ack(struct nl_sock *sk)
{
	int one = 1, fd = nl_socket_get_fd(sk);
	/* kernels before 4.12 have no extended ACK: the errno text remains */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/* error ACKs need not echo the request: the sequence number says
	 * which one failed */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

static int open_socket(struct nl_sock **out, int protocol, int rcvbuf, int sndbuf)
{
	struct nl_sock *sk = nl_socket_alloc();
	if (!sk)
		return -NLE_NOMEM;
	int r = nl_connect(sk, protocol);
	if (r < 0) {
		nl_socket_free(sk);
		return r;
	}
	/* after nl_connect(), which sets libnl's own 32 KiB default */
	set_buffers(sk, rcvbuf, sndbuf);
	*out = sk;
	return 0;
}

/*
 * Drop the route notifications that answer our own requests before they
 * are queued: a notification carries the port of the socket whose request
 * made the change.  The filter reads the header in network byte order,
 * hence the htons/htonl of the constants.
 */
static int filter_own_routes(struct nl_sock *ev, uint32_t port)
{
	struct sock_filter code[] = {
		/* A = nlmsg_type */
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, offsetof(struct nlmsghdr, nlmsg_type)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htons(RTM_NEWROUTE), 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htons(RTM_DELROUTE), 0, 3),
		/* A = nlmsg_pid */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct nlmsghdr, nlmsg_pid)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htonl(port), 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };
	return setsockopt(nl_socket_get_fd(ev), SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
}

static int open_events(struct lnx *ctx, int rcvbuf, char *err, size_t errlen)
{
	int r = open_socket(&ctx->ev_rt, NETLINK_ROUTE, rcvbuf, 0);
	if (r == 0)
		r = nl_socket_add_memberships(ctx->ev_rt, RTNLGRP_LINK, RTNLGRP_IPV6_IFADDR,
					      RTNLGRP_IPV6_ROUTE, RTNLGRP_NEIGH, 0);
	if (r < 0)
		return open_fail(err, errlen, NETCFG_EKERNEL, "route notifications: netlink: %s",
				 nl_geterror(r));
	if (filter_own_routes(ctx->ev_rt, nl_socket_get_local_port(ctx->rt)) < 0)
		return open_fail(err, errlen, NETCFG_EKERNEL, "route notifications: socket filter: %s",
				 strerror(errno));
	ctx->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (ctx->epfd < 0)
		return open_fail(err, errlen, NETCFG_ENOMEM, "epoll_create1: %s", strerror(errno));
	struct nl_sock *socks[2] = { ctx->ev_rt, NULL };
	if (ctx->xf) {
		r = open_socket(&ctx->ev_xf, NETLINK_XFRM, rcvbuf, 0);
		if (r == 0)
			r = nl_socket_add_memberships(ctx->ev_xf, XFRMNLGRP_POLICY, 0);
		if (r < 0)
			return open_fail(err, errlen, NETCFG_EKERNEL, "xfrm notifications: netlink: %s",
					 nl_geterror(r));
		socks[1] = ctx->ev_xf;
	}
	for (int i = 0; i < 2 && socks[i]; i++) {
		nl_socket_disable_seq_check(socks[i]);
		nl_socket_set_nonblocking(socks[i]);
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
		if (epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, nl_socket_get_fd(socks[i]), &ev) < 0)
			return open_fail(err, errlen, NETCFG_ENOMEM, "epoll_ctl: %s", strerror(errno));
	}
	return NETCFG_OK;
}

int lnx_open(struct lnx **out, const struct lnx_options *opt, char *err, size_t errlen)
{
	static const struct lnx_options defaults;
	*out = NULL;
	if (!opt)
		opt = &defaults;
	if (opt->netns) {
		int st = enter_netns(opt->netns, err, errlen);
		if (st != NETCFG_OK)
			return st;
	}
	if (!have_net_admin())
		return open_fail(err, errlen, NETCFG_EPERM,
				 "the linux dataplane needs CAP_NET_ADMIN: run stackd as root or "
				 "grant the capability (e.g. AmbientCapabilities=CAP_NET_ADMIN)");

	struct lnx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return open_fail(err, errlen, NETCFG_ENOMEM, "out of memory");
	ctx->epfd = -1;
	ctx->defer_resync = opt->defer_resync;
	ctx->clk_tck = sysconf(_SC_CLK_TCK);
	if (ctx->clk_tck <= 0)
		ctx->clk_tck = 100;
	int rcvbuf = opt->rcvbuf > 0 ? opt->rcvbuf : DEFAULT_RCVBUF;
	int r = open_socket(&ctx->rt, NETLINK_ROUTE, rcvbuf, DEFAULT_SNDBUF);
	if (r < 0) {
		open_fail(err, errlen, NETCFG_EKERNEL, "rtnetlink: %s", nl_geterror(r));
		lnx_close(ctx);
		return NETCFG_EKERNEL;
	}
	set_ext_ack(ctx->rt);
	r = open_socket(&ctx->xf, NETLINK_XFRM, rcvbuf, 0);
	if (r < 0) {
		ctx->xf = NULL;
		snprintf(ctx->xfrm_missing, sizeof(ctx->xfrm_missing),
			 "the kernel has no xfrm netlink interface (CONFIG_XFRM_USER): %s", nl_geterror(r));
	} else {
		set_ext_ack(ctx->xf);
	}
	if (opt->events) {
		int st = open_events(ctx, opt->event_rcvbuf > 0 ? opt->event_rcvbuf : DEFAULT_RCVBUF,
				     err, errlen);
		if (st != NETCFG_OK) {
			lnx_close(ctx);
			return st;
		}
	}
	*out = ctx;
	return NETCFG_OK;
}

void lnx_close(struct lnx *ctx)
{
	if (!ctx)
		return;
	struct nl_sock *socks[] = { ctx->rt, ctx->xf, ctx->ev_rt, ctx->ev_xf };
	for (size_t i = 0; i < sizeof(socks) / sizeof(socks[0]); i++)
		if (socks[i])
			nl_socket_free(socks[i]);   /* closes the socket too */
	if (ctx->epfd >= 0)
		close(ctx->epfd);
	free(ctx);
}

int lnx_event_fd(const struct lnx *ctx)
{
	return ctx->epfd;
}
