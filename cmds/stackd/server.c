/* SPDX-License-Identifier: MIT */
/*
 * server.c - the event loop: the listening socket, clients with their
 * framing buffers, signals and the stack's timers, on one epoll set.
 *
 * Requests are handled one at a time and to completion; a slow or hostile
 * client only ever costs its own buffers.  A client whose replies pile up
 * unread is not read from until it catches up.  The one exception to
 * "to completion" is events.wait: its request is parked (events.h) and
 * answered when a change comes or its time runs out; until then its
 * client is not read from, and a client that hangs up (EPOLLHUP) goes
 * with its parked request.
 */
#include "dispatch.h"
#include "stackd.h"

#include "../../libnetcfg/frame.h"
#include "../../libnetcfg/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#define RX_CHUNK (64 * 1024)
#define TX_HIGH_WATER (64u << 20)   /* stop reading a client above this backlog */

/* epoll data tags: the listening socket, the signalfd and the
 * dataplane's notifications use these pointers; everything else is a
 * struct client. */
static char tag_listen, tag_signal, tag_dataplane;

/* ---- peers --------------------------------------------------------- */

static bool in_group(pid_t pid, gid_t primary, gid_t want)
{
	if (primary == want)
		return true;
	char path[64], line[4096];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool found = false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Groups:", 7) != 0)
			continue;
		char *p = line + 7, *end;
		for (;;) {
			unsigned long g = strtoul(p, &end, 10);
			if (end == p)
				break;
			if ((gid_t)g == want)
				found = true;
			p = end;
		}
	}
	fclose(f);
	return found;
}

static void client_free(struct daemon *d, struct client *cl)
{
	epoll_ctl(d->epfd, EPOLL_CTL_DEL, cl->fd, NULL);
	close(cl->fd);
	for (struct client **pp = &d->clients; *pp; pp = &(*pp)->next) {
		if (*pp == cl) {
			*pp = cl->next;
			break;
		}
	}
	d->n_clients--;
	for (size_t i = 0; i < cl->n_fds; i++)
		close(cl->fds[i]);
	free(cl->fds);
	events_client_closed(d, cl);
	ops_ipsec_client_closed(d, cl);
	free(cl->rx);
	free(cl->tx);
	free(cl);
}

static void client_events(struct daemon *d, struct client *cl)
{
	struct epoll_event ev = { .data.ptr = cl };
	size_t backlog = cl->tx_len - cl->tx_off;
	if (!cl->closing && !cl->waiter && backlog < TX_HIGH_WATER)
		ev.events |= EPOLLIN;
	if (backlog)
		ev.events |= EPOLLOUT;
	epoll_ctl(d->epfd, EPOLL_CTL_MOD, cl->fd, &ev);
}

static void accept_clients(struct daemon *d)
{
	for (;;) {
		int fd = accept4(d->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_msg(LOG_WARNING, "accept: %s", strerror(errno));
			return;
		}
		struct ucred cr;
		socklen_t len = sizeof(cr);
		struct client *cl = calloc(1, sizeof(*cl));
		if (!cl || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0) {
			free(cl);
			close(fd);
			continue;
		}
		cl->fd = fd;
		cl->uid = cr.uid;
		cl->gid = cr.gid;
		cl->pid = cr.pid;
		cl->may_write = cr.uid == 0 || cr.uid == d->uid ||
				(d->cfg.have_group && in_group(cr.pid, cr.gid, d->cfg.group));
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = cl };
		if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			close(fd);
			free(cl);
			continue;
		}
		cl->next = d->clients;
		d->clients = cl;
		d->n_clients++;
	}
}

/* ---- output -------------------------------------------------------- */

static bool tx_append(struct client *cl, const void *p, size_t n)
{
	if (cl->tx_off == cl->tx_len)
		cl->tx_off = cl->tx_len = 0;
	if (cl->tx_len + n > cl->tx_cap) {
		/* compact before growing */
		if (cl->tx_off) {
			memmove(cl->tx, cl->tx + cl->tx_off, cl->tx_len - cl->tx_off);
			cl->tx_len -= cl->tx_off;
			cl->tx_off = 0;
		}
		size_t cap = cl->tx_cap ? cl->tx_cap : 4096;
		while (cap < cl->tx_len + n)
			cap *= 2;
		char *nb = realloc(cl->tx, cap);
		if (!nb)
			return false;
		cl->tx = nb;
		cl->tx_cap = cap;
	}
	memcpy(cl->tx + cl->tx_len, p, n);
	cl->tx_len += n;
	return true;
}

/* Returns false when the client is gone. */
static bool flush_tx(struct client *cl)
{
	while (cl->tx_off < cl->tx_len) {
		ssize_t w = send(cl->fd, cl->tx + cl->tx_off, cl->tx_len - cl->tx_off, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return true;
			return false;
		}
		cl->tx_off += (size_t)w;
	}
	cl->tx_off = cl->tx_len = 0;
	return true;
}

static bool send_frame(struct client *cl, const char *json, size_t len)
{
	unsigned char hdr[FRAME_HEADER];
	frame_put_len(hdr, (uint32_t)len);
	return tx_append(cl, hdr, sizeof(hdr)) && tx_append(cl, json, len) && flush_tx(cl);
}

/* ---- input --------------------------------------------------------- */

static void reply_error(struct client *cl, int status, const char *msg)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_key(&w, "id");
	jw_null(&w);
	jw_kint(&w, "status", status);
	jw_kstr(&w, "error", msg);
	jw_obj_end(&w);
	if (!w.oom)
		send_frame(cl, w.buf, w.len);
	jw_free(&w);
}

/* Handle every complete frame in rx.  Returns false to drop the client. */
static bool process_frames(struct daemon *d, struct client *cl, struct jw *reply)
{
	size_t off = 0;
	bool ok = true;
	while (!cl->closing && !cl->waiter && cl->rx_len - off >= FRAME_HEADER &&
	       cl->tx_len - cl->tx_off < TX_HIGH_WATER) {
		uint32_t n = frame_get_len((unsigned char *)cl->rx + off);
		if (n > d->cfg.max_frame) {
			char msg[128];
			snprintf(msg, sizeof(msg), "request of %u bytes exceeds the limit of %zu bytes",
				 n, d->cfg.max_frame);
			reply_error(cl, NETCFG_ETOOBIG, msg);
			log_msg(LOG_NOTICE, "client pid %d: %s; closing the connection", (int)cl->pid, msg);
			cl->closing = true;   /* the stream cannot be resynchronized */
			break;
		}
		if (cl->rx_len - off - FRAME_HEADER < n)
			break;
		dispatch_request(d, cl, cl->rx + off + FRAME_HEADER, n, reply);
		off += FRAME_HEADER + n;
		/* parked: answered later (wake_waiters) */
		if (cl->waiter)
			break;
		if (!send_frame(cl, reply->buf, reply->len)) {
			ok = false;
			break;
		}
	}
	if (off) {
		memmove(cl->rx, cl->rx + off, cl->rx_len - off);
		cl->rx_len -= off;
	}
	/* give back memory after a big request */
	if (cl->rx_cap > 4 * RX_CHUNK && cl->rx_len < RX_CHUNK) {
		char *nb = realloc(cl->rx, RX_CHUNK);
		if (nb) {
			cl->rx = nb;
			cl->rx_cap = RX_CHUNK;
		}
	}
	return ok;
}

/* Descriptors a client may have passed and not yet used (sa.key_load). */
#define CLIENT_FDS_MAX 1024
#define FDS_PER_MESSAGE 253

/* read() that also keeps the descriptors passed with the bytes
 * (SCM_RIGHTS); beyond CLIENT_FDS_MAX they are closed at once. */
static ssize_t read_with_fds(struct client *cl, char *buf, size_t len)
{
	union {
		char buf[CMSG_SPACE(FDS_PER_MESSAGE * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
			    .msg_controllen = sizeof(ctl.buf) };
	ssize_t r = recvmsg(cl->fd, &m, MSG_CMSG_CLOEXEC);
	if (r < 0)
		return r;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		int *fds = (int *)CMSG_DATA(c);
		int *grown = cl->n_fds + n <= CLIENT_FDS_MAX
			     ? realloc(cl->fds, (cl->n_fds + n) * sizeof(int)) : NULL;
		if (!grown) {
			for (size_t i = 0; i < n; i++)
				close(fds[i]);
			continue;
		}
		cl->fds = grown;
		memcpy(cl->fds + cl->n_fds, fds, n * sizeof(int));
		cl->n_fds += n;
	}
	return r;
}

static bool read_client(struct daemon *d, struct client *cl, struct jw *reply)
{
	for (int rounds = 0; rounds < 64 && !cl->closing && !cl->waiter; rounds++) {
		/* read at least a chunk, or the whole pending frame */
		size_t want = RX_CHUNK;
		if (cl->rx_len >= FRAME_HEADER) {
			uint32_t n = frame_get_len((unsigned char *)cl->rx);
			if (n <= d->cfg.max_frame && FRAME_HEADER + (size_t)n > cl->rx_len + want)
				want = FRAME_HEADER + (size_t)n - cl->rx_len;
		}
		if (cl->rx_cap - cl->rx_len < want) {
			size_t cap = cl->rx_len + want;
			char *nb = realloc(cl->rx, cap);
			if (!nb)
				return false;
			cl->rx = nb;
			cl->rx_cap = cap;
		}
		ssize_t r = read_with_fds(cl, cl->rx + cl->rx_len, cl->rx_cap - cl->rx_len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			return false;
		}
		if (r == 0) {
			/* a client may half-close and still read its replies */
			bool ok = process_frames(d, cl, reply);
			cl->closing = true;
			return ok;
		}
		cl->rx_len += (size_t)r;
		if (!process_frames(d, cl, reply))
			return false;
	}
	return true;
}

/* ---- setup --------------------------------------------------------- */

int server_listen(struct daemon *d)
{
	const char *sock = d->cfg.socket;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (strlen(sock) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "stackd: socket path too long: %s\n", sock);
		return STACKD_EXIT_USAGE;
	}
	if (netcfg_mkdir_parent(sock) < 0) {
		fprintf(stderr, "stackd: cannot create the directory of %s: %s\n", sock, strerror(errno));
		return STACKD_EXIT_FAIL;
	}
	/* One daemon per socket: the lock decides, so a stale socket file
	 * can be replaced safely. */
	char lock[sizeof(sa.sun_path) + 8];
	snprintf(lock, sizeof(lock), "%s.lock", sock);
	d->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (d->lockfd < 0) {
		fprintf(stderr, "stackd: %s: %s\n", lock, strerror(errno));
		return STACKD_EXIT_FAIL;
	}
	if (flock(d->lockfd, LOCK_EX | LOCK_NB) < 0) {
		fprintf(stderr, "stackd: another stackd is already serving %s\n", sock);
		return STACKD_EXIT_RUNNING;
	}
	strcpy(sa.sun_path, sock);
	unlink(sock);
	d->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (d->lfd < 0 || bind(d->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    chmod(sock, 0666) < 0 || listen(d->lfd, 128) < 0) {
		fprintf(stderr, "stackd: cannot listen on %s: %s\n", sock, strerror(errno));
		return STACKD_EXIT_FAIL;
	}
	return STACKD_EXIT_OK;
}

static int setup_loop(struct daemon *d)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	d->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (d->sigfd < 0 || d->epfd < 0)
		return -1;
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &tag_listen };
	if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, d->lfd, &ev) < 0)
		return -1;
	ev.data.ptr = &tag_signal;
	if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, d->sigfd, &ev) < 0)
		return -1;
	int dpfd = d->dp.ops->event_fd ? d->dp.ops->event_fd(&d->dp) : -1;
	if (dpfd < 0)
		return 0;
	ev.data.ptr = &tag_dataplane;
	return epoll_ctl(d->epfd, EPOLL_CTL_ADD, dpfd, &ev);
}

/* Answer the parked requests that are due; their clients then go on with
 * the frames that arrived meanwhile. */
static void wake_waiters(struct daemon *d, struct jw *reply)
{
	struct events_waiter *w;
	while ((w = events_take_due(d))) {
		struct client *cl = w->cl;
		jw_reset(reply);
		events_reply(d, w, reply);
		free(w);
		bool alive = !reply->oom && send_frame(cl, reply->buf, reply->len);
		if (alive && !cl->closing && cl->tx_off == cl->tx_len && cl->rx_len >= FRAME_HEADER)
			alive = process_frames(d, cl, reply);
		if (alive && cl->closing && !cl->waiter && cl->tx_off == cl->tx_len)
			alive = false;
		if (!alive)
			client_free(d, cl);
		else
			client_events(d, cl);
	}
}

static void handle_signals(struct daemon *d)
{
	struct signalfd_siginfo si;
	while (read(d->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			log_msg(LOG_INFO, "SIGHUP ignored: the configuration is read at start");
			continue;
		}
		log_msg(LOG_INFO, "signal %u: shutting down", si.ssi_signo);
		d->stop = true;
	}
}

int server_run(struct daemon *d)
{
	struct epoll_event evs[64];
	struct jw reply;

	if (setup_loop(d) < 0) {
		log_msg(LOG_ERR, "event loop: %s", strerror(errno));
		return STACKD_EXIT_FAIL;
	}
	jw_init(&reply);
	events_init(d);
	while (!d->stop) {
		int timeout = clock_ms_until(&d->clock, d->stack.next_deadline);
		int dp_wake = d->dp.ops->wakeup_ms ? d->dp.ops->wakeup_ms(&d->dp) : -1;
		int ev_wake = events_wakeup_ms(d);
		if (dp_wake >= 0 && (timeout < 0 || dp_wake < timeout))
			timeout = dp_wake;
		if (ev_wake >= 0 && (timeout < 0 || ev_wake < timeout))
			timeout = ev_wake;
		int n = epoll_wait(d->epfd, evs, 64, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_msg(LOG_ERR, "epoll_wait: %s", strerror(errno));
			jw_free(&reply);
			return STACKD_EXIT_FAIL;
		}
		stack_expire(&d->stack);
		/* the dataplane's own timer (no notification woke it) */
		if (n == 0 && dp_wake >= 0)
			d->dp.ops->events(&d->dp);
		for (int i = 0; i < n; i++) {
			void *p = evs[i].data.ptr;
			if (p == &tag_listen) {
				accept_clients(d);
				continue;
			}
			if (p == &tag_signal) {
				handle_signals(d);
				continue;
			}
			if (p == &tag_dataplane) {
				d->dp.ops->events(&d->dp);
				continue;
			}
			struct client *cl = p;
			bool alive = true;
			if (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
				alive = flush_tx(cl);
			if (alive && (evs[i].events & EPOLLIN))
				alive = read_client(d, cl, &reply);
			/* frames that waited for the backlog to drain */
			if (alive && !cl->closing && !cl->waiter && cl->tx_off == cl->tx_len &&
			    cl->rx_len >= FRAME_HEADER)
				alive = process_frames(d, cl, &reply);
			if (alive && cl->closing && !cl->waiter && cl->tx_off == cl->tx_len)
				alive = false;
			if (alive && (evs[i].events & (EPOLLERR | EPOLLHUP)) && !(evs[i].events & EPOLLIN))
				alive = false;
			if (!alive)
				client_free(d, cl);
			else
				client_events(d, cl);
		}
		/* what timers, the dataplane and the requests changed */
		events_update(d);
		wake_waiters(d, &reply);
		/* keep big reply buffers from lingering */
		if (reply.cap > (1u << 20))
			jw_free(&reply);
	}
	jw_free(&reply);
	return STACKD_EXIT_OK;
}

void server_close(struct daemon *d)
{
	while (d->clients)
		client_free(d, d->clients);
	if (d->lfd >= 0) {
		close(d->lfd);
		unlink(d->cfg.socket);
	}
	if (d->sigfd >= 0)
		close(d->sigfd);
	if (d->epfd >= 0)
		close(d->epfd);
	if (d->lockfd >= 0)
		close(d->lockfd);
	d->lfd = d->sigfd = d->epfd = d->lockfd = -1;
}
