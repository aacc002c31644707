/* SPDX-License-Identifier: MIT */
/*
 * fuzz_json.c - a fuzz target for the wire JSON tokenizer (libnetcfg/json.c)
 * and the helpers every reader goes through.
 *
 * Every input is tokenized.  A failure must say what and where (err set,
 * err_off inside the input).  A document that parses is walked (siblings,
 * members, every scalar helper), written back through the streaming writer
 * (strings unescaped and escaped again) and through the pretty printer;
 * both must parse again into the same document.  A broken property aborts.
 */
#include "fuzz.h"

#include "../../libnetcfg/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write value i again; returns the token after it. */
static int rewrite(const struct jdoc *d, int i, struct jw *w, int *depth)
{
	const struct jtok *t = &d->t[i];
	size_t n;
	switch (t->type) {
	case J_OBJ:
	case J_ARR: {
		bool obj = t->type == J_OBJ;
		int inner = 0;
		obj ? jw_obj_begin(w) : jw_arr_begin(w);
		uint32_t count = 0;
		for (int k = j_first(d, i); k >= 0; k = j_next(d, k), count++) {
			if (obj) {
				char *key = j_strdup(d, k);
				if (key) {
					jw_key(w, key);
				} else {
					/* a key with \u0000 only travels escaped */
					const char *raw = j_raw(d, k, &n);
					char *kv = malloc(n + 1);
					FUZZ_ASSERT(kv);
					memcpy(kv, raw, n);
					kv[n] = ':';
					jw_raw(w, kv, n + 1);
					w->after_key = true;
					free(kv);
				}
				free(key);
				FUZZ_ASSERT(d->t[k].type == J_STR);
				rewrite(d, k + 1, w, &inner);
			} else {
				rewrite(d, k, w, &inner);
			}
		}
		FUZZ_ASSERT(count == t->size);
		if (inner + 1 > *depth)
			*depth = inner + 1;
		obj ? jw_obj_end(w) : jw_arr_end(w);
		return (int)t->next;
	}
	case J_STR: {
		char *s = j_strdup(d, i);
		if (s) {
			jw_str(w, s);
			free(s);
		} else {
			const char *raw = j_raw(d, i, &n);
			FUZZ_ASSERT(t->escaped);
			jw_raw(w, raw, n);
		}
		return i + 1;
	}
	default: {
		const char *raw = j_raw(d, i, &n);
		jw_raw(w, raw, n);
		return i + 1;
	}
	}
}

/* Every helper on every token; the answers must agree with the types. */
static void walk(const struct jdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		int k = (int)i;
		const struct jtok *t = &d->t[i];
		FUZZ_ASSERT(t->start <= t->end && t->end <= d->len);
		FUZZ_ASSERT(t->next > i && t->next <= d->n);
		long long ll;
		uint32_t u;
		bool b;
		char small[8], big[256];
		FUZZ_ASSERT(j_int(d, k, &ll) == false || t->type == J_NUM);
		FUZZ_ASSERT(j_uint32(d, k, &u) == false || t->type == J_NUM);
		FUZZ_ASSERT(j_bool(d, k, &b) == (t->type == J_TRUE || t->type == J_FALSE));
		FUZZ_ASSERT(!j_lifetime(d, k, &u) || t->type == J_NUM || t->type == J_STR);
		FUZZ_ASSERT(!j_str(d, k, small, sizeof(small)) || strlen(small) < sizeof(small));
		if (j_str(d, k, big, sizeof(big))) {
			FUZZ_ASSERT(t->type == J_STR);
			FUZZ_ASSERT(j_is_str(d, k, big));
			char *dup = j_strdup(d, k);
			FUZZ_ASSERT(dup && strcmp(dup, big) == 0);
			free(dup);
		}
		if (t->type == J_OBJ) {
			/* the first member of each key is the one j_get finds */
			for (int m = j_first(d, k); m >= 0; m = j_next(d, m)) {
				char key[128];
				if (!j_str(d, m, key, sizeof(key)))
					continue;
				int v = j_get(d, k, key);
				FUZZ_ASSERT(v >= 0 && v <= m + 1 && d->t[v - 1].type == J_STR);
				FUZZ_ASSERT(j_is_str(d, v - 1, key));
			}
		}
	}
}

/* Two documents hold the same values (strings compared unescaped). */
static bool same(const struct jdoc *a, int i, const struct jdoc *b, int k)
{
	const struct jtok *x = &a->t[i], *y = &b->t[k];
	if (x->type != y->type || x->size != y->size)
		return false;
	if (x->type == J_OBJ || x->type == J_ARR) {
		int p = j_first(a, i), q = j_first(b, k);
		for (; p >= 0 && q >= 0; p = j_next(a, p), q = j_next(b, q)) {
			if (x->type == J_OBJ && (!same(a, p, b, q) || !same(a, p + 1, b, q + 1)))
				return false;
			if (x->type == J_ARR && !same(a, p, b, q))
				return false;
		}
		return p < 0 && q < 0;
	}
	if (x->type == J_STR) {
		char *s = j_strdup(a, i), *t = j_strdup(b, k);
		bool eq = s && t ? strcmp(s, t) == 0 : !s && !t;
		free(s);
		free(t);
		return eq;
	}
	size_t n, m;
	const char *r = j_raw(a, i, &n), *s = j_raw(b, k, &m);
	return n == m && memcmp(r, s, n) == 0;
}

static void check_again(const struct jdoc *d, const char *text, size_t len)
{
	struct jdoc again = { 0 };
	FUZZ_ASSERT(jdoc_parse(&again, text, len) == 0);
	FUZZ_ASSERT(again.n == d->n);
	FUZZ_ASSERT(same(d, 0, &again, 0));
	jdoc_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jdoc d = { 0 };
	const char *src = (const char *)data;
	if (jdoc_parse(&d, src, size) < 0) {
		FUZZ_ASSERT(d.err && d.err[0] && d.err_off <= size);
		jdoc_free(&d);
		struct jw p;
		jw_init(&p);
		FUZZ_ASSERT(json_pretty(src, size, &p) < 0);
		jw_free(&p);
		return 0;
	}
	FUZZ_ASSERT(d.n > 0 && d.t[0].next == d.n);
	walk(&d);

	/* the writer nests JW_MAX_DEPTH - 1 levels, the tokenizer 512 */
	struct jw w;
	int depth = 0;
	jw_init(&w);
	FUZZ_ASSERT(rewrite(&d, 0, &w, &depth) == (int)d.n);
	FUZZ_ASSERT(w.oom == (depth >= JW_MAX_DEPTH));
	if (!w.oom)
		check_again(&d, w.buf, w.len);
	jw_free(&w);

	struct jw p;
	jw_init(&p);
	FUZZ_ASSERT(json_pretty(src, size, &p) == 0);
	check_again(&d, p.buf, p.len);
	jw_free(&p);
	jdoc_free(&d);
	return 0;
}
