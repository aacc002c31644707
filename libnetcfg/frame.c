/* SPDX-License-Identifier: MIT */
/* frame.c - blocking send and receive of protocol frames. */
#include "frame.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int frame_send(int fd, const char *p1, size_t n1, const char *p2, size_t n2,
	       const char *p3, size_t n3)
{
	unsigned char hdr[FRAME_HEADER];
	size_t total = n1 + n2 + n3;
	if (total > UINT32_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	frame_put_len(hdr, (uint32_t)total);
	struct iovec iov[4] = {
		{ hdr, sizeof(hdr) }, { (void *)p1, n1 }, { (void *)p2, n2 }, { (void *)p3, n3 },
	};
	int cnt = 4, first = 0;
	while (first < cnt) {
		struct msghdr mh = { .msg_iov = iov + first, .msg_iovlen = (size_t)(cnt - first) };
		ssize_t w = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		size_t left = (size_t)w;
		while (first < cnt && left >= iov[first].iov_len) {
			left -= iov[first].iov_len;
			first++;
		}
		if (first < cnt) {
			iov[first].iov_base = (char *)iov[first].iov_base + left;
			iov[first].iov_len -= left;
		}
	}
	return 0;
}

static int read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = got ? EPROTO : ECONNRESET;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

int frame_recv(int fd, char **payload, size_t *len, size_t max)
{
	unsigned char hdr[FRAME_HEADER];
	if (read_full(fd, hdr, sizeof(hdr)) < 0)
		return -1;
	uint32_t n = frame_get_len(hdr);
	if (n > max) {
		errno = EMSGSIZE;
		return -1;
	}
	char *b = malloc((size_t)n + 1);
	if (!b)
		return -1;
	if (read_full(fd, b, n) < 0) {
		int e = errno;
		free(b);
		errno = e == ECONNRESET ? EPROTO : e;
		return -1;
	}
	b[n] = '\0';
	*payload = b;
	*len = n;
	return 0;
}
