/* SPDX-License-Identifier: MIT */
/*
 * netcfg/provider.h - the provider ABI: how a transport provider (the base
 * provider of the kernel's sockets, or a layered service provider) plugs
 * into a program.  netcfg-provider(7) describes it in full.
 *
 * A provider is a shared object that exports one function,
 * netcfg_provider_startup (NETCFG_PROVIDER_ENTRY).  `catalog run` starts a
 * program with the provider loader preloaded; on the first socket() the
 * catalog's selection rule picks an entry, and the loader starts that
 * entry's chain from the base up: the base provider first, then each
 * layer with the one below it as its "next".  Every later call on the
 * socket goes to the first layer, which passes it down as it likes.
 *
 * All calls report failure as -1 with a Winsock code in *err (never
 * errno); the loader turns it into errno for the program.
 */
#ifndef NETCFG_PROVIDER_H
#define NETCFG_PROVIDER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <netcfg/catalog.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NETCFG_PROVIDER_ENTRY "netcfg_provider_startup"

/* Versions are (major << 8 | minor), as MAKEWORD(minor, major). */
#define NETCFG_PROVIDER_VERSION(major, minor) ((uint16_t)(((major) << 8) | (minor)))
#define NETCFG_PROVIDER_ABI_LOW NETCFG_PROVIDER_VERSION(1, 0)
#define NETCFG_PROVIDER_ABI_HIGH NETCFG_PROVIDER_VERSION(1, 0)

/* The dispatch table a provider fills in.  Every member must be set:
 * the loader refuses a table with a NULL (WSAEINVALIDPROCTABLE).  send,
 * sendto, write and sendmsg arrive as sendmsg; recv, recvfrom, read and
 * recvmsg as recvmsg. */
struct netcfg_provider_procs {
	int (*socket)(void *ctx, int af, int type, int protocol, int *err);
	int (*bind)(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err);
	int (*connect)(void *ctx, int fd, const struct sockaddr *sa, socklen_t len, int *err);
	int (*listen)(void *ctx, int fd, int backlog, int *err);
	int (*accept)(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int flags, int *err);
	ssize_t (*sendmsg)(void *ctx, int fd, const struct msghdr *msg, int flags, int *err);
	ssize_t (*recvmsg)(void *ctx, int fd, struct msghdr *msg, int flags, int *err);
	int (*shutdown)(void *ctx, int fd, int how, int *err);
	int (*close)(void *ctx, int fd, int *err);
	int (*getsockopt)(void *ctx, int fd, int level, int name, void *val, socklen_t *len, int *err);
	int (*setsockopt)(void *ctx, int fd, int level, int name, const void *val, socklen_t len,
			  int *err);
	int (*getsockname)(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err);
	int (*getpeername)(void *ctx, int fd, struct sockaddr *sa, socklen_t *len, int *err);
	/* WSPIoctl: bytes written to out go to *returned.  Too small a
	 * buffer: WSAEFAULT; unknown code: WSAEINVAL; an extension GUID the
	 * provider does not offer: WSAEOPNOTSUPP.  Layers pass codes they do
	 * not handle down, and never intercept SIO_BASE_HANDLE. */
	int (*ioctl)(void *ctx, int fd, uint32_t code, const void *in, size_t in_len, void *out,
		     size_t out_len, size_t *returned, int *err);
	/* The last call on an instance (WSPCleanup). */
	void (*cleanup)(void *ctx);
};

/* The provider below a layer. */
struct netcfg_provider_next {
	const struct netcfg_provider_procs *procs;
	void *ctx;
};

/* What the loader offers providers (the upcall table). */
struct netcfg_provider_upcalls {
	/* WPUGetProviderPath: the shared object of a provider GUID in the
	 * program's catalog.  0, or -1 with WSAEINVAL (unknown) or WSAEFAULT
	 * (*len too small; *len then holds the size needed). */
	int (*get_provider_path)(const struct netcfg_guid *id, char *buf, size_t *len, int *err);
};

struct netcfg_provider_startup {
	/* in */
	uint16_t version_low;            /* versions the loader speaks */
	uint16_t version_high;
	const struct netcfg_protocol_info *info;  /* the chain's entry; the base
						     gets its own entry */
	unsigned layer;                  /* position in the chain, 0 = first */
	struct netcfg_provider_next next;  /* procs NULL for a base provider */
	const struct netcfg_provider_upcalls *upcalls;
	/* out */
	uint16_t version;                /* the version chosen */
	void *ctx;                       /* passed back to every proc */
	struct netcfg_provider_procs procs;
};

/* The entry point: 0, or -1 with *err (WSAVERNOTSUPPORTED, WSASYSNOTREADY,
 * WSAEPROVIDERFAILEDINIT). */
typedef int netcfg_provider_startup_fn(struct netcfg_provider_startup *s, int *err);

/* Version negotiation for a provider speaking [low, high]: the highest
 * version both speak, or WSAVERNOTSUPPORTED when the ranges do not meet. */
static inline int netcfg_provider_negotiate(struct netcfg_provider_startup *s, uint16_t low,
					    uint16_t high, int *err)
{
	uint16_t top = s->version_high < high ? s->version_high : high;
	uint16_t bottom = s->version_low > low ? s->version_low : low;
	if (top < bottom) {
		*err = NETCFG_WSAVERNOTSUPPORTED;
		return -1;
	}
	s->version = top;
	return 0;
}

/* ---- extension functions of the kernel's base provider -------------- */

/* WSAID_* of the seeds' TCP/IP provider; the Linux prototypes are these. */
#define NETCFG_WSAID_CONNECTEX \
	{ 0x25a207b9, 0xddf3, 0x4660, { 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e } }
#define NETCFG_WSAID_ACCEPTEX \
	{ 0xb5367df1, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define NETCFG_WSAID_DISCONNECTEX \
	{ 0x7fda2e11, 0x8630, 0x436f, { 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57 } }
#define NETCFG_WSAID_TRANSMITFILE \
	{ 0xb5367df0, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define NETCFG_WSAID_GETACCEPTEXSOCKADDRS \
	{ 0xb5367df2, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define NETCFG_WSAID_TRANSMITPACKETS \
	{ 0xd9689da0, 0x1f90, 0x11d3, { 0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76 } }
#define NETCFG_WSAID_WSARECVMSG \
	{ 0xf689d7c8, 0x6f1f, 0x436b, { 0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22 } }
#define NETCFG_WSAID_WSASENDMSG \
	{ 0xa441e712, 0x754f, 0x43ca, { 0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d } }

/* connect, then send the first bytes (if any); *sent gets their count. */
typedef int netcfg_connectex_fn(int fd, const struct sockaddr *sa, socklen_t len,
				const void *buf, size_t buf_len, size_t *sent, int *err);
/* accept a connection on fd into *accepted (flags as accept4), then
 * receive up to buf_len bytes into buf (0: none); *received their count. */
typedef int netcfg_acceptex_fn(int fd, int *accepted, int flags, void *buf, size_t buf_len,
			       size_t *received, int *err);
/* shutdown(fd, SHUT_RDWR) */
typedef int netcfg_disconnectex_fn(int fd, int *err);
/* send head, count bytes of file_fd from *offset (0: to its end), tail. */
typedef int netcfg_transmitfile_fn(int fd, int file_fd, off_t *offset, size_t count,
				   const void *head, size_t head_len, const void *tail,
				   size_t tail_len, size_t *sent, int *err);
typedef ssize_t netcfg_wsarecvmsg_fn(int fd, struct msghdr *msg, int flags, int *err);
typedef ssize_t netcfg_wsasendmsg_fn(int fd, const struct msghdr *msg, int flags, int *err);

#ifdef __cplusplus
}
#endif
#endif
