/* SPDX-License-Identifier: MIT */
/* stack_undo.c - generic transaction steps of the stack model: saving
 * bytes or whole arrays so that a rollback restores them. */
#include "stack.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

int stack_record(struct stack *st, void (*undo)(void *, void *), void (*commit)(void *, void *),
		 void *data)
{
	if (!st->undo) {
		if (commit)
			commit(NULL, data);
		else
			free(data);
		return 0;
	}
	return undo_push(st->undo, undo, commit, NULL, data);
}

static void free_record(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

struct saved_bytes {
	void *p;
	size_t size;
	unsigned char old[];
};

static void undo_bytes(void *ctx, void *data)
{
	(void)ctx;
	struct saved_bytes *s = data;
	memcpy(s->p, s->old, s->size);
	free(s);
}

int stack_save(struct stack *st, void *p, size_t size)
{
	if (!st->undo)
		return 0;
	struct saved_bytes *s = malloc(sizeof(*s) + size);
	if (!s)
		return -1;
	s->p = p;
	s->size = size;
	memcpy(s->old, p, size);
	if (undo_push(st->undo, undo_bytes, free_record, NULL, s) < 0) {
		free(s);
		return -1;
	}
	return 0;
}

struct saved_array {
	void **arr;
	size_t *n;
	void *old;
	size_t old_n;
};

static void undo_array(void *ctx, void *data)
{
	(void)ctx;
	struct saved_array *s = data;
	free(*s->arr);
	*s->arr = s->old;
	*s->n = s->old_n;
	free(s);
}

static void commit_array(void *ctx, void *data)
{
	(void)ctx;
	struct saved_array *s = data;
	free(s->old);
	free(s);
}

int stack_save_array(struct stack *st, void **arr, size_t *n, size_t elem_size)
{
	/* Outside a transaction the old array is simply freed by the caller
	 * replacing it; inside, a copy stays for the rollback. */
	if (!st->undo)
		return 0;
	struct saved_array *s = malloc(sizeof(*s));
	void *copy = malloc(*n * elem_size + 1);
	if (!s || !copy) {
		free(s);
		free(copy);
		return -1;
	}
	if (*n)
		memcpy(copy, *arr, *n * elem_size);
	*s = (struct saved_array){ arr, n, copy, *n };
	if (undo_push(st->undo, undo_array, commit_array, NULL, s) < 0) {
		free(s);
		free(copy);
		return -1;
	}
	return 0;
}
