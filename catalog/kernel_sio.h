/* SPDX-License-Identifier: MIT */
/*
 * kernel_sio.h - the stack's ioctls in the base provider (kernel.so):
 * SIO_ROUTING_INTERFACE_QUERY/CHANGE, SIO_ADDRESS_LIST_QUERY/CHANGE,
 * SIO_GET_INTERFACE_LIST and SIO_GET_BROADCAST_ADDRESS.  IPv6 answers come
 * from stackd (through libnetcfg), IPv4 ones from the kernel.
 */
#ifndef CATALOG_KERNEL_SIO_H
#define CATALOG_KERNEL_SIO_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sio_reg;

/* The change requests registered by non-blocking sockets. */
struct sio_state {
	pthread_mutex_t lock;
	struct sio_reg *regs;
};

void sio_init(struct sio_state *s);
void sio_free(struct sio_state *s);
/* The socket is closing: its registrations go. */
void sio_forget(struct sio_state *s, int fd);
/* Whether code is one of the ioctls above. */
bool sio_handles(uint32_t code);
/* WSPIoctl for those codes: 0, or -1 with a Winsock code in *err. */
int sio_ioctl(struct sio_state *s, int fd, uint32_t code, const void *in, size_t in_len,
	      void *out, size_t out_len, size_t *returned, int *err);

#endif
