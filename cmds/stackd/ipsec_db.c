/* SPDX-License-Identifier: MIT */
/* ipsec_db.c - the daemon's SPD and SAD with undo records (see ipsec_db.h). */
#include "ipsec_db.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

struct ipsec_pending_key {
	struct ipsec_pending_key *next;
	const void *owner;
	uint32_t handle;
	struct ipsec_key *key;
};

int stackd_ipsec_init(struct stackd_ipsec *s)
{
	memset(s, 0, sizeof(*s));
	s->next_handle = 1;
	ipsec_db_init(&s->db);
	struct ipsec_sp_rec *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	ipsec_sp_default(&r->sp);
	if (ipsec_db_insert_sp(&s->db, r) < 0) {
		free(r);
		return -1;
	}
	return 0;
}

void stackd_ipsec_free(struct stackd_ipsec *s)
{
	ipsec_db_free(&s->db);
	while (s->keys) {
		struct ipsec_pending_key *k = s->keys;
		s->keys = k->next;
		ipsec_key_free(k->key);
		free(k);
	}
	s->n_keys = 0;
}

/* ---- undo records: ctx is the state, data the record -------------------- */

static void undo_sp_added(void *ctx, void *data)
{
	struct stackd_ipsec *s = ctx;
	ipsec_db_remove_sp(&s->db, data);
	free(data);
}

static void undo_sp_removed(void *ctx, void *data)
{
	struct stackd_ipsec *s = ctx;
	/* the slot it left is still free: reinsertion cannot need memory the
	 * array gave back, because arrays never shrink */
	ipsec_db_insert_sp(&s->db, data);
}

static void commit_sp_removed(void *ctx, void *data)
{
	(void)ctx;
	free(data);
}

static void undo_sa_added(void *ctx, void *data)
{
	struct stackd_ipsec *s = ctx;
	ipsec_db_remove_sa(&s->db, data);
	ipsec_sa_rec_free(data);
}

static void undo_sa_removed(void *ctx, void *data)
{
	struct stackd_ipsec *s = ctx;
	ipsec_db_insert_sa(&s->db, data);
}

static void commit_sa_removed(void *ctx, void *data)
{
	(void)ctx;
	ipsec_sa_rec_free(data);
}

int stackd_ipsec_add_sp(struct stackd_ipsec *s, struct undo_log *u, const struct netcfg_sp *sp)
{
	struct ipsec_sp_rec *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	r->sp = *sp;
	if (ipsec_db_insert_sp(&s->db, r) < 0) {
		free(r);
		return -1;
	}
	if (u && undo_push(u, undo_sp_added, NULL, s, r) < 0) {
		undo_sp_added(s, r);
		return -1;
	}
	return 0;
}

int stackd_ipsec_add_sa(struct stackd_ipsec *s, struct undo_log *u, const struct netcfg_sa *sa,
			const struct ipsec_key *key)
{
	struct ipsec_sa_rec *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	r->sa = *sa;
	if (key && !(r->key = ipsec_key_dup(key))) {
		free(r);
		return -1;
	}
	if (ipsec_db_insert_sa(&s->db, r) < 0) {
		ipsec_sa_rec_free(r);
		return -1;
	}
	if (u && undo_push(u, undo_sa_added, NULL, s, r) < 0) {
		undo_sa_added(s, r);
		return -1;
	}
	return 0;
}

int stackd_ipsec_remove_sp(struct stackd_ipsec *s, struct undo_log *u, struct ipsec_sp_rec *r)
{
	if (u && undo_push(u, undo_sp_removed, commit_sp_removed, s, r) < 0)
		return -1;
	ipsec_db_remove_sp(&s->db, r);
	if (!u)
		free(r);
	return 0;
}

int stackd_ipsec_remove_sa(struct stackd_ipsec *s, struct undo_log *u, struct ipsec_sa_rec *r)
{
	if (u && undo_push(u, undo_sa_removed, commit_sa_removed, s, r) < 0)
		return -1;
	ipsec_db_remove_sa(&s->db, r);
	if (!u)
		ipsec_sa_rec_free(r);
	return 0;
}

/* A reset swaps the databases; the old ones live until the commit. */
struct db_swap {
	struct stackd_ipsec *s;
	struct ipsec_db old;
};

static void undo_swap(void *ctx, void *data)
{
	(void)ctx;
	struct db_swap *w = data;
	ipsec_db_free(&w->s->db);
	w->s->db = w->old;
	free(w);
}

static void commit_swap(void *ctx, void *data)
{
	(void)ctx;
	struct db_swap *w = data;
	ipsec_db_free(&w->old);
	free(w);
}

int stackd_ipsec_reset(struct stackd_ipsec *s, struct undo_log *u)
{
	struct db_swap *w = calloc(1, sizeof(*w));
	struct stackd_ipsec fresh;
	if (!w || stackd_ipsec_init(&fresh) < 0) {
		free(w);
		return -1;
	}
	w->s = s;
	w->old = s->db;
	if (u && undo_push(u, undo_swap, commit_swap, NULL, w) < 0) {
		ipsec_db_free(&fresh.db);
		free(w);
		return -1;
	}
	s->db = fresh.db;
	if (!u)
		commit_swap(NULL, w);
	return 0;
}

/* ---- keys loaded by connections -------------------------------------- */

uint32_t stackd_ipsec_key_keep(struct stackd_ipsec *s, const void *owner, struct ipsec_key *key)
{
	size_t held = 0;
	for (const struct ipsec_pending_key *k = s->keys; k; k = k->next)
		held += k->owner == owner;
	struct ipsec_pending_key *k = held < STACKD_PENDING_KEYS_MAX ? calloc(1, sizeof(*k)) : NULL;
	if (!k) {
		ipsec_key_free(key);
		return 0;
	}
	if (s->next_handle == 0)
		s->next_handle = 1;
	*k = (struct ipsec_pending_key){ s->keys, owner, s->next_handle++, key };
	s->keys = k;
	s->n_keys++;
	return k->handle;
}

const struct ipsec_key *stackd_ipsec_key_find(const struct stackd_ipsec *s, const void *owner,
					      uint32_t handle)
{
	for (const struct ipsec_pending_key *k = s->keys; k; k = k->next)
		if (k->owner == owner && k->handle == handle)
			return k->key;
	return NULL;
}

void stackd_ipsec_keys_drop(struct stackd_ipsec *s, const void *owner)
{
	for (struct ipsec_pending_key **pp = &s->keys; *pp;) {
		struct ipsec_pending_key *k = *pp;
		if (k->owner != owner) {
			pp = &k->next;
			continue;
		}
		*pp = k->next;
		ipsec_key_free(k->key);
		free(k);
		s->n_keys--;
	}
}
