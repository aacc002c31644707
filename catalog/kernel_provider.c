/* SPDX-License-Identifier: MIT */
/*
 * kernel_provider.c - the base provider of the Linux kernel's sockets
 * (netcfg/providers/kernel.so): every call goes to libc itself, found
 * through a handle on libc.so.6 so that the loader's interposed symbols
 * are never called back.  It answers SIO_GET_EXTENSION_FUNCTION_POINTER
 * with the extension functions of <netcfg/provider.h>, and the stack's
 * ioctls (SIO_ROUTING_INTERFACE_*, SIO_ADDRESS_LIST_*, ...) from stackd
 * and the kernel (kernel_sio.c).
 */
#include "kernel_sio.h"

#include <netcfg/provider.h>

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

netcfg_provider_startup_fn netcfg_provider_startup;

static struct {
	int (*socket)(int, int, int);
	int (*bind)(int, const struct sockaddr *, socklen_t);
	int (*connect)(int, const struct sockaddr *, socklen_t);
	int (*listen)(int, int);
	int (*accept4)(int, struct sockaddr *, socklen_t *, int);
	ssize_t (*sendmsg)(int, const struct msghdr *, int);
	ssize_t (*recvmsg)(int, struct msghdr *, int);
	int (*shutdown)(int, int);
	int (*close)(int);
	int (*getsockopt)(int, int, int, void *, socklen_t *);
	int (*setsockopt)(int, int, int, const void *, socklen_t);
	int (*getsockname)(int, struct sockaddr *, socklen_t *);
	int (*getpeername)(int, struct sockaddr *, socklen_t *);
} libc;
static pthread_once_t libc_once = PTHREAD_ONCE_INIT;
static bool libc_ok;

#define LIBC(name) (sym = dlsym(h, #name), memcpy(&libc.name, &sym, sizeof(sym)), sym != NULL)

static void find_libc(void)
{
	void *h = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD), *sym;
	libc_ok = h && LIBC(socket) && LIBC(bind) && LIBC(connect) && LIBC(listen) && LIBC(accept4) &&
		  LIBC(sendmsg) && LIBC(recvmsg) && LIBC(shutdown) && LIBC(close) &&
		  LIBC(getsockopt) && LIBC(setsockopt) && LIBC(getsockname) && LIBC(getpeername);
}

struct kernel {
	struct netcfg_protocol_info info;
	struct sio_state sio;            /* change requests of non-blocking sockets */
};

/* Set *err from errno when r failed; r passes through. */
#define KCALL(r) ({ __typeof__(r) r_ = (r); if (r_ < 0) *err = netcfg_wsa_from_errno(errno); r_; })

static int k_socket(void *ctx, int af, int type, int protocol, int *err)
{
	const struct kernel *k = ctx;
	/* WSPSocket: 0 (and FROM_PROTOCOL_INFO) mean the entry's own values */
	if (af == 0)
		af = k->info.address_family;
	if ((type & 0xff) == 0)
		type |= k->info.socket_type;
	int linux_af = netcfg_af_to_linux(af);
	if (linux_af < 0) {
		*err = NETCFG_WSAEAFNOSUPPORT;
		return -1;
	}
	return KCALL(libc.socket(linux_af, type, protocol));
}

static int k_bind(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err)
{
	(void)ctx;
	return KCALL(libc.bind(fd, sa, len));
}

static int k_connect(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err)
{
	(void)ctx;
	return KCALL(libc.connect(fd, sa, len));
}

static int k_listen(void *ctx, int fd, int backlog, int *err)
{
	(void)ctx;
	return KCALL(libc.listen(fd, backlog));
}

static int k_accept(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int flags, int *err)
{
	(void)ctx;
	return KCALL(libc.accept4(fd, sa, len, flags));
}

static ssize_t k_sendmsg(void *ctx, int fd, const struct msghdr *m, int flags, int *err)
{
	(void)ctx;
	return KCALL(libc.sendmsg(fd, m, flags));
}

static ssize_t k_recvmsg(void *ctx, int fd, struct msghdr *m, int flags, int *err)
{
	(void)ctx;
	return KCALL(libc.recvmsg(fd, m, flags));
}

static int k_shutdown(void *ctx, int fd, int how, int *err)
{
	(void)ctx;
	return KCALL(libc.shutdown(fd, how));
}

static int k_close(void *ctx, int fd, int *err)
{
	struct kernel *k = ctx;
	sio_forget(&k->sio, fd);
	return KCALL(libc.close(fd));
}

static int k_getsockopt(void *ctx, int fd, int level, int name, void *val, socklen_t *len, int *err)
{
	(void)ctx;
	return KCALL(libc.getsockopt(fd, level, name, val, len));
}

static int k_setsockopt(void *ctx, int fd, int level, int name, const void *val, socklen_t len,
			int *err)
{
	(void)ctx;
	return KCALL(libc.setsockopt(fd, level, name, val, len));
}

static int k_getsockname(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err)
{
	(void)ctx;
	return KCALL(libc.getsockname(fd, sa, len));
}

static int k_getpeername(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err)
{
	(void)ctx;
	return KCALL(libc.getpeername(fd, sa, len));
}

/* ---- extension functions ------------------------------------------- */

static ssize_t send_all(int fd, const void *buf, size_t len, int *err)
{
	size_t done = 0;
	while (done < len) {
		struct iovec iov = { (char *)buf + done, len - done };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t r = libc.sendmsg(fd, &m, MSG_NOSIGNAL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = netcfg_wsa_from_errno(errno);
			return -1;
		}
		done += (size_t)r;
	}
	return (ssize_t)done;
}

static int connectex(int fd, const struct sockaddr *sa, socklen_t len, const void *buf,
		     size_t buf_len, size_t *sent, int *err)
{
	if (sent)
		*sent = 0;
	if (KCALL(libc.connect(fd, sa, len)) < 0)
		return -1;
	if (buf_len && send_all(fd, buf, buf_len, err) < 0)
		return -1;
	if (sent)
		*sent = buf_len;
	return 0;
}

static int acceptex(int fd, int *accepted, int flags, void *buf, size_t buf_len, size_t *received,
		    int *err)
{
	if (received)
		*received = 0;
	int a = KCALL(libc.accept4(fd, NULL, NULL, flags));
	if (a < 0)
		return -1;
	*accepted = a;
	if (buf_len) {
		struct iovec iov = { buf, buf_len };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t r = KCALL(libc.recvmsg(a, &m, 0));
		if (r < 0)
			return -1;
		if (received)
			*received = (size_t)r;
	}
	return 0;
}

static int disconnectex(int fd, int *err)
{
	return KCALL(libc.shutdown(fd, SHUT_RDWR));
}

static int transmitfile(int fd, int file_fd, off_t *offset, size_t count, const void *head,
			size_t head_len, const void *tail, size_t tail_len, size_t *sent, int *err)
{
	size_t total = 0;
	off_t pos = offset ? *offset : 0;
	if (sent)
		*sent = 0;
	if (head_len && send_all(fd, head, head_len, err) < 0)
		return -1;
	total += head_len;
	if (count == 0) {
		struct stat sb;
		if (fstat(file_fd, &sb) < 0) {
			*err = netcfg_wsa_from_errno(errno);
			return -1;
		}
		count = sb.st_size > pos ? (size_t)(sb.st_size - pos) : 0;
	}
	while (count > 0) {
		ssize_t r = sendfile(fd, file_fd, &pos, count);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = netcfg_wsa_from_errno(errno);
			return -1;
		}
		if (r == 0)
			break;
		count -= (size_t)r;
		total += (size_t)r;
	}
	if (tail_len && send_all(fd, tail, tail_len, err) < 0)
		return -1;
	total += tail_len;
	if (offset)
		*offset = pos;
	if (sent)
		*sent = total;
	return 0;
}

static ssize_t wsarecvmsg(int fd, struct msghdr *m, int flags, int *err)
{
	return KCALL(libc.recvmsg(fd, m, flags));
}

static ssize_t wsasendmsg(int fd, const struct msghdr *m, int flags, int *err)
{
	return KCALL(libc.sendmsg(fd, m, flags));
}

static const struct {
	struct netcfg_guid id;
	void (*fn)(void);
} extensions[] = {
	{ NETCFG_WSAID_CONNECTEX, (void (*)(void))connectex },
	{ NETCFG_WSAID_ACCEPTEX, (void (*)(void))acceptex },
	{ NETCFG_WSAID_DISCONNECTEX, (void (*)(void))disconnectex },
	{ NETCFG_WSAID_TRANSMITFILE, (void (*)(void))transmitfile },
	{ NETCFG_WSAID_WSARECVMSG, (void (*)(void))wsarecvmsg },
	{ NETCFG_WSAID_WSASENDMSG, (void (*)(void))wsasendmsg },
	/* GETACCEPTEXSOCKADDRS and TRANSMITPACKETS are not offered:
	 * asking for them gives WSAEOPNOTSUPP like any unknown GUID */
};

static int k_ioctl(void *ctx, int fd, uint32_t code, const void *in, size_t in_len, void *out,
		   size_t out_len, size_t *returned, int *err)
{
	struct kernel *k = ctx;
	*returned = 0;
	if (sio_handles(code))
		return sio_ioctl(&k->sio, fd, code, in, in_len, out, out_len, returned, err);
	switch (code) {
	case NETCFG_SIO_GET_EXTENSION_FUNCTION_POINTER: {
		struct netcfg_guid id;
		void (*fn)(void) = NULL;
		if (!in || in_len < sizeof(id) || !out || out_len < sizeof(fn)) {
			*err = NETCFG_WSAEFAULT;
			return -1;
		}
		memcpy(&id, in, sizeof(id));
		for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]) && !fn; i++)
			if (netcfg_guid_equal(&id, &extensions[i].id))
				fn = extensions[i].fn;
		if (!fn) {
			*err = NETCFG_WSAEOPNOTSUPP;
			return -1;
		}
		memcpy(out, &fn, sizeof(fn));
		*returned = sizeof(fn);
		return 0;
	}
	case NETCFG_SIO_BASE_HANDLE:
		if (!out || out_len < sizeof(fd)) {
			*err = NETCFG_WSAEFAULT;
			return -1;
		}
		memcpy(out, &fd, sizeof(fd));
		*returned = sizeof(fd);
		return 0;
	case NETCFG_FIONBIO: {
		uint32_t on;
		if (!in || in_len < sizeof(on)) {
			*err = NETCFG_WSAEFAULT;
			return -1;
		}
		memcpy(&on, in, sizeof(on));
		int v = on != 0;
		return KCALL(ioctl(fd, FIONBIO, &v));
	}
	case NETCFG_FIONREAD: {
		int v;
		if (!out || out_len < sizeof(uint32_t)) {
			*err = NETCFG_WSAEFAULT;
			return -1;
		}
		if (KCALL(ioctl(fd, FIONREAD, &v)) < 0)
			return -1;
		uint32_t u = (uint32_t)v;
		memcpy(out, &u, sizeof(u));
		*returned = sizeof(u);
		return 0;
	}
	default:
		*err = NETCFG_WSAEINVAL;
		return -1;
	}
}

static void k_cleanup(void *ctx)
{
	struct kernel *k = ctx;
	sio_free(&k->sio);
	free(k);
}

int netcfg_provider_startup(struct netcfg_provider_startup *s, int *err)
{
	if (netcfg_provider_negotiate(s, NETCFG_PROVIDER_ABI_LOW, NETCFG_PROVIDER_ABI_HIGH, err) < 0)
		return -1;
	pthread_once(&libc_once, find_libc);
	if (!libc_ok) {
		*err = NETCFG_WSASYSNOTREADY;
		return -1;
	}
	struct kernel *k = calloc(1, sizeof(*k));
	if (!k) {
		*err = NETCFG_WSA_NOT_ENOUGH_MEMORY;
		return -1;
	}
	k->info = *s->info;
	sio_init(&k->sio);
	s->ctx = k;
	s->procs = (struct netcfg_provider_procs){
		.socket = k_socket, .bind = k_bind, .connect = k_connect, .listen = k_listen,
		.accept = k_accept, .sendmsg = k_sendmsg, .recvmsg = k_recvmsg,
		.shutdown = k_shutdown, .close = k_close, .getsockopt = k_getsockopt,
		.setsockopt = k_setsockopt, .getsockname = k_getsockname,
		.getpeername = k_getpeername, .ioctl = k_ioctl, .cleanup = k_cleanup,
	};
	return 0;
}
