/* SPDX-License-Identifier: MIT */
/*
 * ipsec_db.h - the daemon's SPD and SAD: the ipsec/ databases with every
 * change recorded in the transaction's undo log, and the keys clients
 * have loaded (by passing open key files) for the SAs they are about to
 * add.  Key material stays here: it is copied into an SA, zeroed when the
 * SA or the connection that loaded it goes, and never written anywhere.
 */
#ifndef STACKD_IPSEC_DB_H
#define STACKD_IPSEC_DB_H

#include "../../ipsec/ipsec.h"

struct undo_log;
struct ipsec_pending_key;

/* Keys one connection may hold before it adds its SAs. */
#define STACKD_PENDING_KEYS_MAX 4096

struct stackd_ipsec {
	struct ipsec_db db;
	struct ipsec_pending_key *keys;
	size_t n_keys;
	uint32_t next_handle;
};

/* A fresh SPD (the default policy 1) and an empty SAD; -1 without memory. */
int stackd_ipsec_init(struct stackd_ipsec *s);
void stackd_ipsec_free(struct stackd_ipsec *s);

/* Changes, undone with the transaction u (NULL: not undoable).  They
 * assume the entry was checked; they fail only for lack of memory. */
int stackd_ipsec_add_sp(struct stackd_ipsec *s, struct undo_log *u, const struct netcfg_sp *sp);
/* The SA takes a copy of key (NULL for the NULL algorithm). */
int stackd_ipsec_add_sa(struct stackd_ipsec *s, struct undo_log *u, const struct netcfg_sa *sa,
			const struct ipsec_key *key);
int stackd_ipsec_remove_sp(struct stackd_ipsec *s, struct undo_log *u, struct ipsec_sp_rec *r);
int stackd_ipsec_remove_sa(struct stackd_ipsec *s, struct undo_log *u, struct ipsec_sa_rec *r);
/* Back to a fresh SPD and SAD (the stack was rebuilt). */
int stackd_ipsec_reset(struct stackd_ipsec *s, struct undo_log *u);

/* Keep a loaded key for owner (a connection); returns its handle, or 0
 * when owner holds too many or memory ran out.  The key is taken. */
uint32_t stackd_ipsec_key_keep(struct stackd_ipsec *s, const void *owner, struct ipsec_key *key);
const struct ipsec_key *stackd_ipsec_key_find(const struct stackd_ipsec *s, const void *owner,
					      uint32_t handle);
/* Zero and forget the keys of owner. */
void stackd_ipsec_keys_drop(struct stackd_ipsec *s, const void *owner);

#endif
