/* SPDX-License-Identifier: MIT */
/*
 * recorder.c - a layered test provider: it writes one line per call it
 * sees to $NETCFG_RECORDER_LOG and passes every call down its chain.
 *
 *	<layer entry id> <chain entry id> <call> <arguments>
 *
 * The same object may be installed as several LSPs; the layer's own
 * catalog entry id (chain[layer]) tells them apart, so a test can see the
 * order the layers run in.  It offers one extension function of its own
 * (RECORDER_CALLS: how many calls it has seen) and, like a SAN provider
 * without RDMA reads, refuses the RDMA_READ extension with WSAEOPNOTSUPP
 * instead of passing it down.  NETCFG_RECORDER_VERSION=major.minor makes
 * it speak only that version, to test version negotiation.
 */
#include <netcfg/provider.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

netcfg_provider_startup_fn netcfg_provider_startup;

#define RECORDER_CALLS \
	{ 0x5245434f, 0x5244, 0x4552, { 0x80, 0x00, 0x63, 0x61, 0x6c, 0x6c, 0x73, 0x01 } }
#define RECORDER_RDMA_READ \
	{ 0x5245434f, 0x5244, 0x4552, { 0x80, 0x00, 0x72, 0x64, 0x6d, 0x61, 0x72, 0x64 } }

struct layer {
	struct netcfg_provider_next next;
	uint32_t self, chain;
};

static atomic_uint calls;

static unsigned recorder_calls(void)
{
	return atomic_load(&calls);
}

static void record(const struct layer *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void record(const struct layer *l, const char *fmt, ...)
{
	const char *path = getenv("NETCFG_RECORDER_LOG");
	char buf[512];
	va_list ap;
	atomic_fetch_add(&calls, 1);
	if (!path)
		return;
	int n = snprintf(buf, sizeof(buf), "%u %u ", l->self, l->chain);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	/* open, append, close: a line is one write, whatever else runs */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		ssize_t w = write(fd, buf, (size_t)n);
		(void)w;
		close(fd);
	}
}

static const char *addr_text(const struct sockaddr *sa, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *s = (const void *)sa;
		inet_ntop(AF_INET, &s->sin_addr, a, sizeof(a));
		port = ntohs(s->sin_port);
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const void *)sa;
		inet_ntop(AF_INET6, &s->sin6_addr, a, sizeof(a));
		port = ntohs(s->sin6_port);
	}
	snprintf(buf, size, "%s %u", a, port);
	return buf;
}

#define NEXT(l) ((l)->next.procs)
#define NCTX(l) ((l)->next.ctx)

static int r_socket(void *ctx, int af, int type, int protocol, int *err)
{
	struct layer *l = ctx;
	int fd = NEXT(l)->socket(NCTX(l), af, type, protocol, err);
	record(l, "socket %d %d %d = %d", af, type & 0xff, protocol, fd);
	return fd;
}

static int r_bind(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err)
{
	struct layer *l = ctx;
	char a[80];
	record(l, "bind %s", addr_text(sa, a, sizeof(a)));
	return NEXT(l)->bind(NCTX(l), fd, sa, len, err);
}

static int r_connect(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err)
{
	struct layer *l = ctx;
	char a[80];
	record(l, "connect %s", addr_text(sa, a, sizeof(a)));
	return NEXT(l)->connect(NCTX(l), fd, sa, len, err);
}

static int r_listen(void *ctx, int fd, int backlog, int *err)
{
	struct layer *l = ctx;
	record(l, "listen");
	return NEXT(l)->listen(NCTX(l), fd, backlog, err);
}

static int r_accept(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int flags, int *err)
{
	struct layer *l = ctx;
	int n = NEXT(l)->accept(NCTX(l), fd, sa, len, flags, err);
	record(l, "accept = %s", n >= 0 ? "ok" : "failed");
	return n;
}

static ssize_t r_sendmsg(void *ctx, int fd, const struct msghdr *m, int flags, int *err)
{
	struct layer *l = ctx;
	ssize_t n = NEXT(l)->sendmsg(NCTX(l), fd, m, flags, err);
	record(l, "send %zd", n);
	return n;
}

static ssize_t r_recvmsg(void *ctx, int fd, struct msghdr *m, int flags, int *err)
{
	struct layer *l = ctx;
	ssize_t n = NEXT(l)->recvmsg(NCTX(l), fd, m, flags, err);
	record(l, "recv %zd", n);
	return n;
}

static int r_shutdown(void *ctx, int fd, int how, int *err)
{
	struct layer *l = ctx;
	record(l, "shutdown %d", how);
	return NEXT(l)->shutdown(NCTX(l), fd, how, err);
}

static int r_close(void *ctx, int fd, int *err)
{
	struct layer *l = ctx;
	record(l, "close");
	return NEXT(l)->close(NCTX(l), fd, err);
}

static int r_getsockopt(void *ctx, int fd, int level, int name, void *val, socklen_t *len, int *err)
{
	struct layer *l = ctx;
	return NEXT(l)->getsockopt(NCTX(l), fd, level, name, val, len, err);
}

static int r_setsockopt(void *ctx, int fd, int level, int name, const void *val, socklen_t len,
			int *err)
{
	struct layer *l = ctx;
	record(l, "setsockopt %d %d", level, name);
	return NEXT(l)->setsockopt(NCTX(l), fd, level, name, val, len, err);
}

static int r_getsockname(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err)
{
	struct layer *l = ctx;
	return NEXT(l)->getsockname(NCTX(l), fd, sa, len, err);
}

static int r_getpeername(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err)
{
	struct layer *l = ctx;
	return NEXT(l)->getpeername(NCTX(l), fd, sa, len, err);
}

static int r_ioctl(void *ctx, int fd, uint32_t code, const void *in, size_t in_len, void *out,
		   size_t out_len, size_t *returned, int *err)
{
	static const struct netcfg_guid mine = RECORDER_CALLS, rdma = RECORDER_RDMA_READ;
	struct layer *l = ctx;
	struct netcfg_guid id;
	if (code == NETCFG_SIO_GET_EXTENSION_FUNCTION_POINTER && in && in_len >= sizeof(id)) {
		memcpy(&id, in, sizeof(id));
		if (netcfg_guid_equal(&id, &rdma)) {
			record(l, "ioctl rdma-read refused");
			*returned = 0;
			*err = NETCFG_WSAEOPNOTSUPP;
			return -1;
		}
		if (netcfg_guid_equal(&id, &mine)) {
			unsigned (*fn)(void) = recorder_calls;
			if (!out || out_len < sizeof(fn)) {
				*err = NETCFG_WSAEFAULT;
				return -1;
			}
			memcpy(out, &fn, sizeof(fn));
			*returned = sizeof(fn);
			record(l, "ioctl calls-extension");
			return 0;
		}
	}
	record(l, "ioctl 0x%08x passed down", code);
	return NEXT(l)->ioctl(NCTX(l), fd, code, in, in_len, out, out_len, returned, err);
}

static void r_cleanup(void *ctx)
{
	free(ctx);
}

int netcfg_provider_startup(struct netcfg_provider_startup *s, int *err)
{
	uint16_t low = NETCFG_PROVIDER_VERSION(1, 0), high = NETCFG_PROVIDER_VERSION(1, 0);
	const char *v = getenv("NETCFG_RECORDER_VERSION");
	unsigned major, minor;
	if (v && sscanf(v, "%u.%u", &major, &minor) == 2)
		low = high = NETCFG_PROVIDER_VERSION(major, minor);
	if (netcfg_provider_negotiate(s, low, high, err) < 0)
		return -1;
	if (!s->next.procs) {
		/* a layered provider needs something below it */
		*err = NETCFG_WSAEPROVIDERFAILEDINIT;
		return -1;
	}
	struct layer *l = calloc(1, sizeof(*l));
	if (!l) {
		*err = NETCFG_WSA_NOT_ENOUGH_MEMORY;
		return -1;
	}
	l->next = s->next;
	l->self = s->info->chain[s->layer];
	l->chain = s->info->catalog_entry_id;
	s->ctx = l;
	s->procs = (struct netcfg_provider_procs){
		.socket = r_socket, .bind = r_bind, .connect = r_connect, .listen = r_listen,
		.accept = r_accept, .sendmsg = r_sendmsg, .recvmsg = r_recvmsg,
		.shutdown = r_shutdown, .close = r_close, .getsockopt = r_getsockopt,
		.setsockopt = r_setsockopt, .getsockname = r_getsockname,
		.getpeername = r_getpeername, .ioctl = r_ioctl, .cleanup = r_cleanup,
	};
	record(l, "startup layer %u", s->layer);
	return 0;
}
