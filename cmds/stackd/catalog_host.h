/* SPDX-License-Identifier: MIT */
/*
 * catalog_host.h - stackd's live provider catalog.
 *
 * The catalog is always persistent: it lives in STATE_DIR/catalog.json,
 * which is rewritten (write, fsync, rename, fsync of the directory) at the
 * end of every transaction that changed it, before the change is
 * acknowledged.  A transaction's first change keeps a copy of the whole
 * state on the undo log, so a failed batch restores it exactly.  A fresh
 * state directory starts with this host's default catalog.
 */
#ifndef STACKD_CATALOG_HOST_H
#define STACKD_CATALOG_HOST_H

#include "../../catalog/catalog.h"

struct daemon;

struct catalog_host {
	struct catalog_state state;
	struct catalog_env env;
	char path[PATH_MAX + 32];
	bool dirty;                /* changed since the last write */
	bool saved_copy;           /* this transaction holds a copy for undo */
	unsigned long long writes;
	/* The encoded catalog.get result of the 32-bit and the 64-bit catalog
	 * until the state changes: encoding a thousand entries was most of
	 * what the daemon spent on `catalog show`. */
	struct {
		char *text;
		size_t len;
	} listing[2];
};

/* Load (or create with the defaults) the catalog; on failure print why. */
int catalog_host_open(struct daemon *d);
void catalog_host_close(struct daemon *d);
/* Before changing the state inside a transaction; -1 when out of memory. */
int catalog_host_change(struct daemon *d);
bool catalog_host_dirty(const struct daemon *d);
/* Write the catalog file if it changed; -1 with the reason in err. */
int catalog_host_save(struct daemon *d, char *err, size_t errlen);
/* The kept catalog.get result of catalog which (32 or 64), or NULL; keep
 * one (text from malloc, taken over).  Every change and every undo drops
 * them. */
const char *catalog_host_listing(const struct daemon *d, unsigned which, size_t *len);
void catalog_host_keep_listing(struct daemon *d, unsigned which, char *text, size_t len);
/* Write a copy of the current state next to the catalog file (for reset);
 * its path goes to path. */
int catalog_host_backup(struct daemon *d, char *path, size_t size, char *err, size_t errlen);

#endif
