/* SPDX-License-Identifier: MIT */
/* undo.c - transaction log (see undo.h). */
#include "undo.h"

#include <stdlib.h>

void undo_init(struct undo_log *u)
{
	u->v = NULL;
	u->n = u->cap = 0;
}

int undo_push(struct undo_log *u, void (*undo)(void *, void *),
	      void (*commit)(void *, void *), void *ctx, void *data)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		struct undo_entry *v = realloc(u->v, cap * sizeof(*v));
		if (!v)
			return -1;
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n++] = (struct undo_entry){ undo, commit, ctx, data };
	return 0;
}

void undo_rollback_to(struct undo_log *u, size_t mark)
{
	while (u->n > mark) {
		struct undo_entry *e = &u->v[--u->n];
		e->undo(e->ctx, e->data);
	}
}

void undo_rollback(struct undo_log *u)
{
	undo_rollback_to(u, 0);
}

void undo_commit(struct undo_log *u)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].commit)
			u->v[i].commit(u->v[i].ctx, u->v[i].data);
	u->n = 0;
}

void undo_free(struct undo_log *u)
{
	free(u->v);
	undo_init(u);
}
