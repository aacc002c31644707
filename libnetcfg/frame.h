/* SPDX-License-Identifier: MIT */
/*
 * frame.h - the framing of the stackd protocol: a 4-byte big-endian length
 * followed by that many bytes of one JSON object.
 */
#ifndef NETCFG_FRAME_H
#define NETCFG_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_HEADER 4
/* What the daemon accepts by default (stackd --max-frame changes it). */
#define FRAME_MAX_DEFAULT (256u << 20)
/* What a client accepts in a reply. */
#define FRAME_MAX_REPLY (1u << 30)

static inline void frame_put_len(unsigned char *h, uint32_t n)
{
	h[0] = (unsigned char)(n >> 24);
	h[1] = (unsigned char)(n >> 16);
	h[2] = (unsigned char)(n >> 8);
	h[3] = (unsigned char)n;
}

static inline uint32_t frame_get_len(const unsigned char *h)
{
	return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

/* Blocking I/O of whole frames.  The payload may be given in up to three
 * pieces (prefix, body, suffix) so a request can wrap pre-encoded args
 * without copying them.  Return 0, or -1 with errno set (EMSGSIZE when a
 * received frame exceeds max, EPROTO on a short read at end of stream). */
int frame_send(int fd, const char *p1, size_t n1, const char *p2, size_t n2,
	       const char *p3, size_t n3);
int frame_recv(int fd, char **payload, size_t *len, size_t max);

#endif
