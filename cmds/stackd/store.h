/* SPDX-License-Identifier: MIT */
/*
 * store.h - the persistent store: what the stack starts with.
 *
 * It is an ordered map from an object key ("route 2001:db8::/64 eth0 ::")
 * to the operation that recreates the object, replayed in order at start.
 * Changes are made inside the daemon's transaction (they are undone with
 * it) and written once per transaction: temporary file, fsync, rename,
 * fsync of the directory, before the change is acknowledged.
 */
#ifndef STACKD_STORE_H
#define STACKD_STORE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../../common/htab.h"

struct undo_log;

struct pstore_entry {
	struct hnode h;
	struct pstore_entry *prev, *next;
	char *key;
	char *op;
	char *args;     /* JSON object text */
	size_t args_len;
};

struct pstore {
	char path[PATH_MAX];
	struct htab map;
	struct pstore_entry *head, *tail;
	size_t n;
	bool dirty;
	unsigned long long writes;  /* files written, for daemon.info */
};

/* Load path (missing file = empty store).  On a malformed file, err gets
 * "PATH:LINE: message" and -1 is returned. */
int pstore_open(struct pstore *ps, const char *path, char *err, size_t errlen);
void pstore_close(struct pstore *ps);

struct pstore_entry *pstore_get(const struct pstore *ps, const char *key);
/* Set key to (op, args), moving it to the end.  u may be NULL. */
int pstore_put(struct pstore *ps, struct undo_log *u, const char *key, const char *op,
	       const char *args, size_t args_len);
int pstore_del(struct pstore *ps, struct undo_log *u, const char *key);

/* Write the file if anything changed since the last save. */
int pstore_save(struct pstore *ps, char *err, size_t errlen);

#endif
