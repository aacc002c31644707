/* SPDX-License-Identifier: MIT */
/*
 * preload.c - the provider loader (netcfg/preload.so), the Linux form of
 * Ws2_32's provider handling.  `catalog run` starts a program with this
 * object in LD_PRELOAD and the program's load plan in a memfd named by
 * NETCFG_CATALOG_PLAN_FD.
 *
 * socket() applies the catalog's selection rule (select.c, the same code
 * stackd's `catalog resolve` uses) to the plan's entries in catalog order.
 * The chosen entry's chain is started on first use, base provider first,
 * each layer getting the one below it as its next; the socket is then
 * served by the chain's first layer for the rest of its life (bind,
 * connect, send..., close).  Sockets of families other than IPv4 and IPv6
 * (AF_UNIX, netlink, ...) and descriptors the loader did not create go
 * straight to libc, as do calls made from inside a provider.
 */
#include "catalog.h"

#include "../libnetcfg/codec_catalog.h"

#include <netcfg/provider.h>

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

/* ---- libc ---------------------------------------------------------- */

static struct {
	int (*socket)(int, int, int);
	int (*bind)(int, const struct sockaddr *, socklen_t);
	int (*connect)(int, const struct sockaddr *, socklen_t);
	int (*listen)(int, int);
	int (*accept)(int, struct sockaddr *, socklen_t *);
	int (*accept4)(int, struct sockaddr *, socklen_t *, int);
	ssize_t (*send)(int, const void *, size_t, int);
	ssize_t (*sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
	ssize_t (*sendmsg)(int, const struct msghdr *, int);
	ssize_t (*recv)(int, void *, size_t, int);
	ssize_t (*recvfrom)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
	ssize_t (*recvmsg)(int, struct msghdr *, int);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*write)(int, const void *, size_t);
	int (*shutdown)(int, int);
	int (*close)(int);
	int (*getsockopt)(int, int, int, void *, socklen_t *);
	int (*setsockopt)(int, int, int, const void *, socklen_t);
	int (*getsockname)(int, struct sockaddr *, socklen_t *);
	int (*getpeername)(int, struct sockaddr *, socklen_t *);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
} real;

/* ---- the plan ------------------------------------------------------ */

#define MAX_INSTANCES (NETCFG_MAX_PROTOCOL_CHAIN + 1)

struct chain {
	struct netcfg_catalog_entry entry;           /* the selectable entry */
	struct netcfg_catalog_entry layers[NETCFG_MAX_PROTOCOL_CHAIN];
	int n_layers;
	struct netcfg_catalog_entry base;
	atomic_int state;                            /* 0 idle, 1 running, -1 failed */
	int fail_code;
	/* [0] first layer ... [n_layers] the base provider */
	struct netcfg_provider_startup inst[MAX_INSTANCES];
};

struct provider_path {
	struct netcfg_guid id;
	char path[NETCFG_PROVIDER_PATH_MAX];
};

static struct chain *chains;
static size_t n_chains;
static struct provider_path *paths;
static size_t n_paths;
static bool active, verbose;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
/* > 0 while this thread is inside the loader or a provider: its socket
 * calls then go straight to libc */
static __thread int inside;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "netcfg-preload: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	ssize_t w = real.write ? real.write(2, buf, (size_t)n) : -1;
	(void)w;
}

/* ---- descriptors --------------------------------------------------- */

#define PAGE_BITS 10
#define PAGES 1024                     /* descriptors below 2^20 */
static _Atomic(struct chain *) *_Atomic fd_pages[PAGES];

static struct chain *fd_chain(int fd)
{
	if (fd < 0 || (fd >> PAGE_BITS) >= PAGES)
		return NULL;
	_Atomic(struct chain *) *page = atomic_load(&fd_pages[fd >> PAGE_BITS]);
	return page ? atomic_load(&page[fd & ((1 << PAGE_BITS) - 1)]) : NULL;
}

static void fd_set_chain(int fd, struct chain *c)
{
	if (fd < 0 || (fd >> PAGE_BITS) >= PAGES)
		return;
	_Atomic(struct chain *) *page = atomic_load(&fd_pages[fd >> PAGE_BITS]);
	if (!page) {
		if (!c)
			return;
		_Atomic(struct chain *) *fresh = calloc(1u << PAGE_BITS, sizeof(*fresh));
		if (!fresh)
			return;
		_Atomic(struct chain *) *expected = NULL;
		if (atomic_compare_exchange_strong(&fd_pages[fd >> PAGE_BITS], &expected, fresh))
			page = fresh;
		else {
			free(fresh);
			page = expected;
		}
	}
	atomic_store(&page[fd & ((1 << PAGE_BITS) - 1)], c);
}

/* ---- start-up ------------------------------------------------------ */

#define REAL(name) (sym = dlsym(RTLD_NEXT, #name), memcpy(&real.name, &sym, sizeof(sym)))

static int read_plan(int fd, char **text, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		ssize_t r = pread(fd, buf + n, cap - n, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) {
			char *nb = realloc(buf, 2 * cap + 1);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	if (!buf) {
		errno = ENOMEM;
		return -1;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

static int parse_plan(const char *text, size_t len, char *err)
{
	struct jdoc d = { 0 };
	int rc = -1;
	if (jdoc_parse(&d, text, len) < 0) {
		snprintf(err, CODEC_ERRLEN, "the plan is not JSON: %s", d.err);
		goto out;
	}
	int e = j_get(&d, 0, "entries"), p = j_get(&d, 0, "providers");
	if (!j_is_str(&d, j_get(&d, 0, "format"), "netcfg-catalog-plan") || j_type(&d, e) != J_ARR ||
	    j_type(&d, p) != J_ARR) {
		snprintf(err, CODEC_ERRLEN, "not a netcfg catalog plan");
		goto out;
	}
	chains = calloc(d.t[e].size + 1, sizeof(*chains));
	paths = calloc(d.t[p].size + 1, sizeof(*paths));
	if (!chains || !paths) {
		snprintf(err, CODEC_ERRLEN, "out of memory");
		goto out;
	}
	for (int x = j_first(&d, e); x >= 0; x = j_next(&d, x)) {
		struct chain *c = &chains[n_chains];
		int layers = j_get(&d, x, "layers");
		if (codec_catalog_entry_read(&d, j_get(&d, x, "entry"), &c->entry, err) ||
		    codec_catalog_entry_read(&d, j_get(&d, x, "base"), &c->base, err))
			goto out;
		if (j_type(&d, layers) != J_ARR || d.t[layers].size >= NETCFG_MAX_PROTOCOL_CHAIN) {
			snprintf(err, CODEC_ERRLEN, "entry %u: bad layers", c->entry.info.catalog_entry_id);
			goto out;
		}
		for (int y = j_first(&d, layers); y >= 0; y = j_next(&d, y))
			if (codec_catalog_entry_read(&d, y, &c->layers[c->n_layers++], err))
				goto out;
		n_chains++;
	}
	for (int x = j_first(&d, p); x >= 0; x = j_next(&d, x)) {
		if (codec_guid_read(&d, x, "provider_id", true, &paths[n_paths].id, "provider", err) ||
		    !j_str(&d, j_get(&d, x, "path"), paths[n_paths].path, sizeof(paths[0].path))) {
			snprintf(err, CODEC_ERRLEN, "a provider path is malformed");
			goto out;
		}
		n_paths++;
	}
	rc = 0;
out:
	jdoc_free(&d);
	return rc;
}

static void init(void)
{
	void *sym;
	REAL(socket); REAL(bind); REAL(connect); REAL(listen); REAL(accept); REAL(accept4);
	REAL(send); REAL(sendto); REAL(sendmsg); REAL(recv); REAL(recvfrom); REAL(recvmsg);
	REAL(read); REAL(write); REAL(shutdown); REAL(close); REAL(getsockopt); REAL(setsockopt);
	REAL(getsockname); REAL(getpeername); REAL(dup); REAL(dup2); REAL(dup3);
	const char *fd_text = getenv("NETCFG_CATALOG_PLAN_FD");
	const char *v = getenv("NETCFG_PRELOAD_VERBOSE");
	verbose = v && *v && strcmp(v, "0") != 0;
	if (!fd_text || !*fd_text)
		return;
	char *text, err[CODEC_ERRLEN];
	size_t len;
	int fd = atoi(fd_text);
	inside++;
	if (read_plan(fd, &text, &len) < 0) {
		say("cannot read the catalog plan (descriptor %d): %s; no providers are loaded", fd,
		    strerror(errno));
	} else {
		if (parse_plan(text, len, err) < 0)
			say("%s; no providers are loaded", err);
		else
			active = true;
		free(text);
	}
	inside--;
}

static void ensure_init(void)
{
	pthread_once(&once, init);
}

static int get_provider_path(const struct netcfg_guid *id, char *buf, size_t *len, int *err)
{
	for (size_t i = 0; i < n_paths; i++) {
		if (!netcfg_guid_equal(&paths[i].id, id))
			continue;
		size_t need = strlen(paths[i].path) + 1;
		if (!buf || *len < need) {
			*len = need;
			*err = NETCFG_WSAEFAULT;
			return -1;
		}
		memcpy(buf, paths[i].path, need);
		*len = need;
		return 0;
	}
	*err = NETCFG_WSAEINVAL;
	return -1;
}

static const struct netcfg_provider_upcalls upcalls = { get_provider_path };

static bool procs_complete(const struct netcfg_provider_procs *p)
{
	return p->socket && p->bind && p->connect && p->listen && p->accept && p->sendmsg &&
	       p->recvmsg && p->shutdown && p->close && p->getsockopt && p->setsockopt &&
	       p->getsockname && p->getpeername && p->ioctl && p->cleanup;
}

/* Start one provider instance of chain c (k: position, the base last). */
static int start_one(struct chain *c, int k, char *why, size_t size)
{
	const struct netcfg_catalog_entry *e = k == c->n_layers ? &c->base : &c->layers[k];
	struct netcfg_provider_startup *s = &c->inst[k];
	void *dl = dlopen(e->path, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		snprintf(why, size, "%s: %s", e->path, dlerror());
		return NETCFG_WSAEPROVIDERFAILEDINIT;
	}
	void *sym = dlsym(dl, NETCFG_PROVIDER_ENTRY);
	netcfg_provider_startup_fn *fn;
	memcpy(&fn, &sym, sizeof(fn));
	if (!fn) {
		snprintf(why, size, "%s does not export %s", e->path, NETCFG_PROVIDER_ENTRY);
		return NETCFG_WSAEPROVIDERFAILEDINIT;
	}
	memset(s, 0, sizeof(*s));
	s->version_low = NETCFG_PROVIDER_ABI_LOW;
	s->version_high = NETCFG_PROVIDER_ABI_HIGH;
	s->info = k == c->n_layers ? &c->base.info : &c->entry.info;
	s->layer = (unsigned)k;
	if (k < c->n_layers)
		s->next = (struct netcfg_provider_next){ &c->inst[k + 1].procs, c->inst[k + 1].ctx };
	s->upcalls = &upcalls;
	int err = NETCFG_WSAEPROVIDERFAILEDINIT;
	if (fn(s, &err) < 0) {
		snprintf(why, size, "%s failed to start: error %d (%s)", e->path, err,
			 netcfg_wsa_name(err) ? netcfg_wsa_name(err) : "?");
		return err;
	}
	if (s->version < s->version_low || s->version > s->version_high) {
		snprintf(why, size, "%s chose version %u.%u, outside %u.%u-%u.%u", e->path,
			 s->version >> 8, s->version & 0xff, s->version_low >> 8, s->version_low & 0xff,
			 s->version_high >> 8, s->version_high & 0xff);
		return NETCFG_WSAVERNOTSUPPORTED;
	}
	if (!procs_complete(&s->procs)) {
		snprintf(why, size, "%s returned a procedure table with empty entries", e->path);
		if (s->procs.cleanup)
			s->procs.cleanup(s->ctx);
		return NETCFG_WSAEINVALIDPROCTABLE;
	}
	return 0;
}

/* Start chain c (once); 0 or the code its sockets fail with. */
static int start_chain(struct chain *c)
{
	int st = atomic_load_explicit(&c->state, memory_order_acquire);
	if (st)
		return st > 0 ? 0 : c->fail_code;
	pthread_mutex_lock(&start_lock);
	if (!atomic_load(&c->state)) {
		char why[2048];
		int k, rc = 0;
		for (k = c->n_layers; k >= 0 && !rc; k--)
			rc = start_one(c, k, why, sizeof(why));
		if (rc) {
			for (k += 2; k <= c->n_layers; k++)
				c->inst[k].procs.cleanup(c->inst[k].ctx);
			c->fail_code = rc;
			say("entry %u (%s): %s", c->entry.info.catalog_entry_id,
			    c->entry.info.description, why);
		}
		atomic_store_explicit(&c->state, rc ? -1 : 1, memory_order_release);
	}
	pthread_mutex_unlock(&start_lock);
	return atomic_load(&c->state) > 0 ? 0 : c->fail_code;
}

static int fail_with(int code)
{
	errno = netcfg_wsa_to_errno(code);
	return -1;
}

/* ---- the interposed calls ------------------------------------------ */

/* The chain serving fd, or NULL when libc should answer. */
static struct chain *served(int fd)
{
	ensure_init();
	return active && !inside ? fd_chain(fd) : NULL;
}

#define CALL(c, proc, ...) ({                                            \
		int err_ = 0;                                            \
		inside++;                                                \
		__typeof__((c)->inst[0].procs.proc(NULL, __VA_ARGS__, &err_)) r_ = \
			(c)->inst[0].procs.proc((c)->inst[0].ctx, __VA_ARGS__, &err_); \
		inside--;                                                \
		if (r_ < 0)                                              \
			errno = netcfg_wsa_to_errno(err_);               \
		r_;                                                      \
	})

EXPORT int socket(int domain, int type, int protocol)
{
	ensure_init();
	if (!active || inside || (domain != AF_INET && domain != AF_INET6))
		return real.socket(domain, type, protocol);
	int af = netcfg_af_from_linux(domain);
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	const char *why;
	int code = catalog_select_precheck(af, kind, protocol, &why);
	if (code)
		return fail_with(code);
	struct catalog_nearest near = { 0 };
	struct chain *c = NULL;
	for (size_t i = 0; i < n_chains && !c; i++) {
		catalog_nearest_note(&near, &chains[i].entry.info, af, kind);
		if (catalog_entry_matches(&chains[i].entry.info, af, kind, protocol))
			c = &chains[i];
	}
	if (!c)
		return fail_with(catalog_nearest_code(&near));
	if ((code = start_chain(c)))
		return fail_with(code);
	int fd = CALL(c, socket, af, type, protocol);
	if (fd >= 0) {
		fd_set_chain(fd, c);
		if (verbose)
			say("socket(%d, %d, %d) = %d: entry %u (%s)", af, kind, protocol, fd,
			    c->entry.info.catalog_entry_id, c->entry.info.description);
	}
	return fd;
}

EXPORT int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, bind, fd, sa, len) : real.bind(fd, sa, len);
}

EXPORT int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, connect, fd, sa, len) : real.connect(fd, sa, len);
}

EXPORT int listen(int fd, int backlog)
{
	struct chain *c = served(fd);
	return c ? CALL(c, listen, fd, backlog) : real.listen(fd, backlog);
}

EXPORT int accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
	struct chain *c = served(fd);
	if (!c)
		return real.accept4(fd, sa, len, flags);
	int nfd = CALL(c, accept, fd, sa, len, flags);
	if (nfd >= 0)
		fd_set_chain(nfd, c);
	return nfd;
}

EXPORT int accept(int fd, struct sockaddr *sa, socklen_t *len)
{
	struct chain *c = served(fd);
	return c ? accept4(fd, sa, len, 0) : real.accept(fd, sa, len);
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
{
	struct chain *c = served(fd);
	return c ? CALL(c, sendmsg, fd, m, flags) : real.sendmsg(fd, m, flags);
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *m, int flags)
{
	struct chain *c = served(fd);
	return c ? CALL(c, recvmsg, fd, m, flags) : real.recvmsg(fd, m, flags);
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *sa,
		      socklen_t salen)
{
	struct chain *c = served(fd);
	if (!c)
		return real.sendto(fd, buf, len, flags, sa, salen);
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = { .msg_name = (void *)sa, .msg_namelen = sa ? salen : 0, .msg_iov = &iov,
			    .msg_iovlen = 1 };
	return CALL(c, sendmsg, fd, &m, flags);
}

EXPORT ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	struct chain *c = served(fd);
	return c ? sendto(fd, buf, len, flags, NULL, 0) : real.send(fd, buf, len, flags);
}

EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
	struct chain *c = served(fd);
	return c ? sendto(fd, buf, len, 0, NULL, 0) : real.write(fd, buf, len);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *sa,
			socklen_t *salen)
{
	struct chain *c = served(fd);
	if (!c)
		return real.recvfrom(fd, buf, len, flags, sa, salen);
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_name = sa, .msg_namelen = sa && salen ? *salen : 0, .msg_iov = &iov,
			    .msg_iovlen = 1 };
	ssize_t r = CALL(c, recvmsg, fd, &m, flags);
	if (r >= 0 && sa && salen)
		*salen = m.msg_namelen;
	return r;
}

EXPORT ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct chain *c = served(fd);
	return c ? recvfrom(fd, buf, len, flags, NULL, NULL) : real.recv(fd, buf, len, flags);
}

EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	struct chain *c = served(fd);
	return c ? recvfrom(fd, buf, len, 0, NULL, NULL) : real.read(fd, buf, len);
}

EXPORT int shutdown(int fd, int how)
{
	struct chain *c = served(fd);
	return c ? CALL(c, shutdown, fd, how) : real.shutdown(fd, how);
}

EXPORT int close(int fd)
{
	struct chain *c = served(fd);
	if (!c)
		return real.close(fd);
	/* forget it first: once closed, the number may be reused at once */
	fd_set_chain(fd, NULL);
	return CALL(c, close, fd);
}

EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, getsockopt, fd, level, name, val, len) : real.getsockopt(fd, level, name, val, len);
}

EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, setsockopt, fd, level, name, val, len) : real.setsockopt(fd, level, name, val, len);
}

EXPORT int getsockname(int fd, struct sockaddr *sa, socklen_t *len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, getsockname, fd, sa, len) : real.getsockname(fd, sa, len);
}

EXPORT int getpeername(int fd, struct sockaddr *sa, socklen_t *len)
{
	struct chain *c = served(fd);
	return c ? CALL(c, getpeername, fd, sa, len) : real.getpeername(fd, sa, len);
}

/* A duplicate is the same socket, served by the same chain. */
EXPORT int dup(int fd)
{
	struct chain *c = served(fd);
	int n = real.dup(fd);
	if (c && n >= 0)
		fd_set_chain(n, c);
	return n;
}

EXPORT int dup3(int fd, int to, int flags)
{
	struct chain *c = served(fd);
	int n = real.dup3(fd, to, flags);
	if (n >= 0 && active)
		fd_set_chain(n, c);
	return n;
}

EXPORT int dup2(int fd, int to)
{
	struct chain *c = served(fd);
	int n = real.dup2(fd, to);
	if (n >= 0 && active && fd != to)
		fd_set_chain(n, c);
	return n;
}

/* netcfg_socket_ioctl() of libnetcfg lands here. */
int netcfg_preload_ioctl(int fd, uint32_t code, const void *in, size_t in_len, void *out,
			 size_t out_len, size_t *returned);
EXPORT int netcfg_preload_ioctl(int fd, uint32_t code, const void *in, size_t in_len, void *out,
				size_t out_len, size_t *returned)
{
	struct chain *c = served(fd);
	size_t got = 0;
	if (returned)
		*returned = 0;
	if (!c)
		return NETCFG_WSAENOTSOCK;
	int err = 0;
	inside++;
	int r = c->inst[0].procs.ioctl(c->inst[0].ctx, fd, code, in, in_len, out, out_len, &got, &err);
	inside--;
	if (returned)
		*returned = got;
	return r < 0 ? (err ? err : NETCFG_WSAEINVAL) : 0;
}
