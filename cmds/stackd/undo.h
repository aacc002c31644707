/* SPDX-License-Identifier: MIT */
/*
 * undo.h - the transaction log that makes batches all-or-nothing.
 *
 * Each change records how to reverse itself.  On failure the log is rolled
 * back newest first, which restores every object and its position exactly;
 * on success it is committed, which releases what only rollback needed
 * (removed objects kept alive, old values).
 */
#ifndef STACKD_UNDO_H
#define STACKD_UNDO_H

#include <stddef.h>

struct undo_entry {
	void (*undo)(void *ctx, void *data);
	void (*commit)(void *ctx, void *data);  /* may be NULL */
	void *ctx;
	void *data;
};

struct undo_log {
	struct undo_entry *v;
	size_t n, cap;
};

void undo_init(struct undo_log *u);
/* Returns 0, or -1 when out of memory (then the caller must not make the
 * change). */
int undo_push(struct undo_log *u, void (*undo)(void *, void *),
	      void (*commit)(void *, void *), void *ctx, void *data);
void undo_rollback(struct undo_log *u);
/* Undo only the entries pushed after u->n was mark (a savepoint). */
void undo_rollback_to(struct undo_log *u, size_t mark);
void undo_commit(struct undo_log *u);
void undo_free(struct undo_log *u);

#endif
