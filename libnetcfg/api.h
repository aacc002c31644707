/* SPDX-License-Identifier: MIT */
/* api.h - helpers shared by the api*.c files (internal to libnetcfg). */
#ifndef NETCFG_API_H
#define NETCFG_API_H

#include "client.h"
#include "codec.h"

/* A reply that does not have the expected shape: free it, record why. */
int api_bad_reply(struct netcfg *h, struct nc_reply *r, const char *op, const char *why);

/* One change request {"<member>": <object>, <flags>}, sent at once or
 * queued in the open batch.  Flags with neither CREATE nor REPLACE mean a
 * plain add. */
int api_change(netcfg_t *h, const char *op, const char *member,
	       void (*write)(struct jw *, const void *), const void *obj, unsigned flags);

/* Read one array element into elem (elem_size bytes). */
typedef int (*api_elem_read)(const struct jdoc *d, int i, void *elem, char *err);
/* Call a list operation (args: encoded object or NULL) and decode the
 * array it returns into a malloc'd vector. */
int api_list(netcfg_t *h, const char *op, const struct jw *args, size_t elem_size,
	     api_elem_read read, void **v, size_t *n);

#endif
