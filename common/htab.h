/* SPDX-License-Identifier: MIT */
/*
 * htab.h - an intrusive chained hash table.  Embed a struct hnode in the
 * object, compute a 64-bit hash of its key, and compare keys yourself while
 * walking the candidates:
 *
 *	for (struct hnode *n = htab_first(&t, h); n; n = htab_next(n, h))
 *		if (key_equal(container_of(n, ...), key)) ...
 */
#ifndef NETCFG_HTAB_H
#define NETCFG_HTAB_H

#include <stddef.h>
#include <stdint.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct hnode {
	struct hnode *next;
	uint64_t hash;
};

struct htab {
	struct hnode **b;
	size_t mask;   /* bucket count - 1 (0 with no buckets) */
	size_t n;
};

void htab_init(struct htab *t);
/* Frees the bucket array only; the nodes belong to the caller. */
void htab_free(struct htab *t);
/* Returns 0, or -1 when growing the table failed (the node is still
 * inserted; the table is just fuller than it likes). */
int htab_insert(struct htab *t, struct hnode *n, uint64_t hash);
void htab_remove(struct htab *t, struct hnode *n);
struct hnode *htab_first(const struct htab *t, uint64_t hash);
struct hnode *htab_next(const struct hnode *n, uint64_t hash);

/* Hash helpers: a 64-bit mix over bytes, and a combiner. */
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);
static inline uint64_t hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
