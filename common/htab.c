/* SPDX-License-Identifier: MIT */
/* htab.c - intrusive chained hash table (see htab.h). */
#include "htab.h"

#include <stdlib.h>
#include <string.h>

void htab_init(struct htab *t)
{
	t->b = NULL;
	t->mask = 0;
	t->n = 0;
}

void htab_free(struct htab *t)
{
	free(t->b);
	htab_init(t);
}

static int grow(struct htab *t)
{
	size_t nb = t->b ? (t->mask + 1) * 2 : 64;
	struct hnode **b = calloc(nb, sizeof(*b));
	if (!b)
		return -1;
	if (t->b) {
		for (size_t i = 0; i <= t->mask; i++) {
			struct hnode *n = t->b[i];
			while (n) {
				struct hnode *next = n->next;
				size_t k = n->hash & (nb - 1);
				n->next = b[k];
				b[k] = n;
				n = next;
			}
		}
		free(t->b);
	}
	t->b = b;
	t->mask = nb - 1;
	return 0;
}

int htab_insert(struct htab *t, struct hnode *n, uint64_t hash)
{
	int rc = 0;
	if (!t->b || t->n + 1 > (t->mask + 1) - (t->mask + 1) / 4)
		rc = grow(t);
	if (!t->b)
		return -1;
	n->hash = hash;
	size_t k = hash & t->mask;
	n->next = t->b[k];
	t->b[k] = n;
	t->n++;
	return rc;
}

void htab_remove(struct htab *t, struct hnode *n)
{
	if (!t->b)
		return;
	struct hnode **pp = &t->b[n->hash & t->mask];
	while (*pp && *pp != n)
		pp = &(*pp)->next;
	if (*pp) {
		*pp = n->next;
		t->n--;
	}
	n->next = NULL;
}

struct hnode *htab_first(const struct htab *t, uint64_t hash)
{
	if (!t->b)
		return NULL;
	struct hnode *n = t->b[hash & t->mask];
	while (n && n->hash != hash)
		n = n->next;
	return n;
}

struct hnode *htab_next(const struct hnode *n, uint64_t hash)
{
	n = n->next;
	while (n && n->hash != hash)
		n = n->next;
	return (struct hnode *)n;
}

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL);
	while (n >= 8) {
		uint64_t v;
		memcpy(&v, s, 8);
		h = hash_mix(h ^ v);
		s += 8;
		n -= 8;
	}
	uint64_t v = 0;
	memcpy(&v, s, n);
	return hash_mix(h ^ v ^ ((uint64_t)n << 56));
}
