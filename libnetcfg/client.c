/* SPDX-License-Identifier: MIT */
/* client.c - connecting to stackd (starting one if needed) and round trips. */
#include "client.h"
#include "frame.h"
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef NETCFG_SBINDIR
#define NETCFG_SBINDIR "/usr/local/sbin"
#endif

/* stackd's exit status when another daemon already holds the socket */
#define STACKD_EXIT_RUNNING 3

int nc_fail(struct netcfg *h, int status, const char *fmt, ...)
{
	va_list ap;
	h->err_index = -1;
	va_start(ap, fmt);
	vsnprintf(h->err, sizeof(h->err), fmt, ap);
	va_end(ap);
	h->status = status;
	return status;
}

int nc_ok(struct netcfg *h)
{
	h->err[0] = '\0';
	h->status = NETCFG_OK;
	return NETCFG_OK;
}

const char *netcfg_error(const netcfg_t *h) { return h->err; }
int netcfg_last_status(const netcfg_t *h) { return h->status; }
const char *netcfg_socket_path(const netcfg_t *h) { return h->sock; }

void nc_reply_free(struct nc_reply *r)
{
	jdoc_free(&r->doc);
	free(r->buf);
	r->buf = NULL;
}

static int try_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static bool is_exec(const char *p)
{
	return access(p, X_OK) == 0;
}

/* The daemon binary: $NETCFG_STACKD, next to this program (a build tree),
 * the configured sbin directory, or ../sbin relative to this program. */
static int find_stackd(char *out, size_t size)
{
	const char *e = getenv("NETCFG_STACKD");
	if (e && *e) {
		snprintf(out, size, "%s", e);
		return 0;
	}
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if (snprintf(out, size, "%s/stackd", self) < (int)size && is_exec(out))
				return 0;
		}
	}
	if (snprintf(out, size, "%s/stackd", NETCFG_SBINDIR) < (int)size && is_exec(out))
		return 0;
	if (n > 0 && snprintf(out, size, "%s/../sbin/stackd", self) < (int)size && is_exec(out))
		return 0;
	return -1;
}

/* Run stackd (which daemonizes and exits once it listens) and wait. */
static int spawn_daemon(const char *sock, char *err, size_t errlen)
{
	char bin[PATH_MAX];
	if (find_stackd(bin, sizeof(bin)) < 0) {
		snprintf(err, errlen, "no stack daemon at %s, and the stackd program was not found", sock);
		return -1;
	}
	char sockarg[PATH_MAX + 16];
	snprintf(sockarg, sizeof(sockarg), "--socket=%s", sock);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start %s: %s", bin, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		if (nul >= 0) {
			dup2(nul, 0);
			dup2(nul, 1);
			if (nul > 2)
				close(nul);
		}
		signal(SIGPIPE, SIG_DFL);
		execl(bin, "stackd", sockarg, "--dataplane=model", (char *)NULL);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, errlen, "cannot start %s: %s", bin, strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(st) && (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == STACKD_EXIT_RUNNING))
		return WEXITSTATUS(st);
	snprintf(err, errlen, "%s failed to start (status %d); no stack daemon at %s",
		 bin, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), sock);
	return -1;
}

int netcfg_open(netcfg_t **out, unsigned flags, char *errbuf, size_t errlen)
{
	char dummy[8];
	if (!errbuf) {
		errbuf = dummy;
		errlen = sizeof(dummy);
	}
	*out = NULL;
	struct netcfg *h = calloc(1, sizeof(*h));
	if (!h) {
		snprintf(errbuf, errlen, "out of memory");
		return NETCFG_ENOMEM;
	}
	h->fd = -1;
	h->next_id = 1;
	jw_init(&h->batch);
	jw_init(&h->scratch);
	if (netcfg_default_socket(h->sock, sizeof(h->sock)) < 0) {
		snprintf(errbuf, errlen, "socket path too long");
		free(h);
		return NETCFG_EINVAL;
	}
	h->fd = try_connect(h->sock);
	if (h->fd < 0 && (errno == ENOENT || errno == ECONNREFUSED) &&
	    !(flags & NETCFG_OPEN_NO_AUTOSTART)) {
		int started = spawn_daemon(h->sock, errbuf, errlen);
		if (started < 0) {
			free(h);
			return NETCFG_ENODAEMON;
		}
		/* Another client may have won the race to start it; give the
		 * winner a moment to bind. */
		for (int tries = 0; tries < 100; tries++) {
			h->fd = try_connect(h->sock);
			if (h->fd >= 0 || (errno != ENOENT && errno != ECONNREFUSED))
				break;
			struct timespec ts = { 0, 20 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		if (h->fd >= 0 && started == 0 && !(flags & NETCFG_OPEN_QUIET))
			fprintf(stderr, "netcfg: no stack daemon was running; started one "
				"(model dataplane) at %s\n", h->sock);
	}
	if (h->fd < 0) {
		snprintf(errbuf, errlen, "cannot reach the stack daemon at %s: %s",
			 h->sock, strerror(errno));
		free(h);
		return NETCFG_ENODAEMON;
	}
	*out = h;
	return NETCFG_OK;
}

void netcfg_close(netcfg_t *h)
{
	if (!h)
		return;
	if (h->fd >= 0)
		close(h->fd);
	jw_free(&h->batch);
	jw_free(&h->scratch);
	free(h);
}

/* Read replies until the one to request id; returns its status. */
static int recv_reply(struct netcfg *h, const char *op, uint64_t id, struct nc_reply *r)
{
	for (;;) {
		if (frame_recv(h->fd, &r->buf, &r->len, FRAME_MAX_REPLY) < 0) {
			int e = errno;
			close(h->fd);
			h->fd = -1;
			return nc_fail(h, NETCFG_ENODAEMON, "%s: lost the stack daemon: %s", op,
				       e == EMSGSIZE ? "reply too large" : strerror(e));
		}
		if (jdoc_parse(&r->doc, r->buf, r->len) < 0 || j_type(&r->doc, 0) != J_OBJ) {
			nc_reply_free(r);
			return nc_fail(h, NETCFG_EPROTO, "%s: malformed reply from the stack daemon", op);
		}
		long long rid = 0;
		if (j_get(&r->doc, 0, "event") >= 0 || !j_int(&r->doc, j_get(&r->doc, 0, "id"), &rid) ||
		    (uint64_t)rid != id) {
			/* an event or a stale reply: not ours */
			nc_reply_free(r);
			continue;
		}
		break;
	}
	long long status = NETCFG_EPROTO, index = -1;
	j_int(&r->doc, j_get(&r->doc, 0, "status"), &status);
	if (status != NETCFG_OK) {
		char msg[sizeof(h->err)];
		if (!j_str(&r->doc, j_get(&r->doc, 0, "error"), msg, sizeof(msg)))
			snprintf(msg, sizeof(msg), "%s: %s", op, netcfg_status_text((int)status));
		j_int(&r->doc, j_get(&r->doc, 0, "index"), &index);
		nc_reply_free(r);
		nc_fail(h, (int)status, "%s", msg);
		h->err_index = index;
		return (int)status;
	}
	r->result = j_get(&r->doc, 0, "result");
	return nc_ok(h);
}

static int send_failed(struct netcfg *h, const char *op, int e)
{
	close(h->fd);
	h->fd = -1;
	if (e == EMSGSIZE)
		return nc_fail(h, NETCFG_ETOOBIG, "%s: request too large", op);
	return nc_fail(h, NETCFG_ENODAEMON, "%s: lost the stack daemon: %s", op, strerror(e));
}

int nc_call(struct netcfg *h, const char *op, const char *args, size_t args_len,
	    struct nc_reply *r)
{
	char head[160];
	memset(r, 0, sizeof(*r));
	r->result = -1;
	if (h->fd < 0)
		return nc_fail(h, NETCFG_ENODAEMON, "connection to the stack daemon is closed");
	uint64_t id = h->next_id++;
	int hn = snprintf(head, sizeof(head), "{\"id\":%llu,\"op\":\"%s\",\"args\":",
			  (unsigned long long)id, op);
	if (!args) {
		args = "{}";
		args_len = 2;
	}
	if (frame_send(h->fd, head, (size_t)hn, args, args_len, "}", 1) < 0)
		return send_failed(h, op, errno);
	return recv_reply(h, op, id, r);
}

/* The kernel passes at most this many descriptors in one message. */
#define FDS_PER_MESSAGE 253

/* Send len bytes of p with fds attached to the first byte sent. */
static int send_with_fds(int sock, const char *p, size_t len, const int *fds, size_t n)
{
	union {
		char buf[CMSG_SPACE(FDS_PER_MESSAGE * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { (void *)p, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (n) {
		memset(&ctl, 0, sizeof(ctl));
		m.msg_control = ctl.buf;
		m.msg_controllen = CMSG_SPACE(n * sizeof(int));
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(n * sizeof(int));
		memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	}
	ssize_t w;
	while ((w = sendmsg(sock, &m, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return w < 0 ? -1 : (int)w;
}

int nc_call_fds(struct netcfg *h, const char *op, const char *args, size_t args_len,
		const int *fds, size_t nfds, struct nc_reply *r)
{
	memset(r, 0, sizeof(*r));
	r->result = -1;
	if (h->fd < 0)
		return nc_fail(h, NETCFG_ENODAEMON, "connection to the stack daemon is closed");
	uint64_t id = h->next_id++;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kuint(&w, "id", id);
	jw_kstr(&w, "op", op);
	jw_key(&w, "args");
	jw_raw(&w, args, args_len);
	jw_obj_end(&w);
	size_t len = FRAME_HEADER + w.len;
	char *frame = w.oom ? NULL : malloc(len);
	if (!frame) {
		jw_free(&w);
		return nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op);
	}
	frame_put_len((unsigned char *)frame, (uint32_t)w.len);
	memcpy(frame + FRAME_HEADER, w.buf, w.len);
	jw_free(&w);
	if ((nfds + FDS_PER_MESSAGE - 1) / FDS_PER_MESSAGE > len) {
		free(frame);
		return nc_fail(h, NETCFG_EINVAL, "%s: too many descriptors for the request", op);
	}
	/* Each message carries at most FDS_PER_MESSAGE descriptors, riding
	 * on one byte of the frame; the last one carries the rest. */
	size_t off = 0;
	int rc = 0;
	while (rc >= 0 && (off < len || nfds)) {
		size_t k = nfds < FDS_PER_MESSAGE ? nfds : FDS_PER_MESSAGE;
		size_t part = nfds > k ? 1 : len - off;
		rc = send_with_fds(h->fd, frame + off, part, fds, k);
		if (rc == 0) {
			errno = EPIPE;
			rc = -1;
		} else if (rc > 0) {
			off += (size_t)rc;
			fds += k;
			nfds -= k;
		}
	}
	int e = errno;
	free(frame);
	if (rc < 0)
		return send_failed(h, op, e);
	return recv_reply(h, op, id, r);
}

int nc_change(struct netcfg *h, const char *op, struct jw *args)
{
	if (args->oom)
		return nc_fail(h, NETCFG_ENOMEM, "%s: out of memory", op);
	if (h->in_batch) {
		struct jw *b = &h->batch;
		jw_obj_begin(b);
		jw_kstr(b, "op", op);
		jw_key(b, "args");
		jw_raw(b, args->buf, args->len);
		jw_obj_end(b);
		jw_reset(args);
		h->batch_n++;
		if (b->oom)
			return nc_fail(h, NETCFG_ENOMEM, "batch: out of memory");
		return nc_ok(h);
	}
	struct nc_reply r;
	int rc = nc_call(h, op, args->buf, args->len, &r);
	jw_reset(args);
	if (rc == NETCFG_OK)
		nc_reply_free(&r);
	return rc;
}

int netcfg_batch_begin(netcfg_t *h)
{
	if (h->in_batch)
		return nc_fail(h, NETCFG_EBUSY, "a batch is already open");
	jw_reset(&h->batch);
	jw_obj_begin(&h->batch);
	jw_key(&h->batch, "ops");
	jw_arr_begin(&h->batch);
	h->batch_n = 0;
	h->in_batch = true;
	return nc_ok(h);
}

bool netcfg_batch_active(const netcfg_t *h) { return h->in_batch; }
size_t netcfg_batch_size(const netcfg_t *h) { return h->batch_n; }

void netcfg_batch_abort(netcfg_t *h)
{
	h->in_batch = false;
	h->batch_n = 0;
	jw_reset(&h->batch);
}

int netcfg_batch_commit(netcfg_t *h, size_t *failed)
{
	if (failed)
		*failed = SIZE_MAX;
	if (!h->in_batch)
		return nc_fail(h, NETCFG_EINVAL, "no batch is open");
	h->in_batch = false;
	jw_arr_end(&h->batch);
	jw_obj_end(&h->batch);
	if (h->batch.oom) {
		netcfg_batch_abort(h);
		return nc_fail(h, NETCFG_ENOMEM, "batch: out of memory");
	}
	struct nc_reply r;
	int rc = nc_call(h, "batch", h->batch.buf, h->batch.len, &r);
	if (rc == NETCFG_OK)
		nc_reply_free(&r);
	else if (failed && h->err_index >= 0)
		*failed = (size_t)h->err_index;
	netcfg_batch_abort(h);
	return rc;
}
