/* SPDX-License-Identifier: MIT */
/*
 * json.h - the wire codec: a streaming JSON writer and a one-pass tokenizer.
 *
 * Why not jansson here: a 100k-route batch is 1.1 M JSON values, and
 * building, dumping and loading them as jansson objects costs about 1.7 s
 * (measured; see `make bench`), more than the whole budget of the batch.
 * The writer appends to one growing buffer and the tokenizer records token
 * offsets into the caller's text without allocating per value, which is
 * what the framing needs.  jansson remains the library for JSON documents
 * that people write by hand.
 */
#ifndef NETCFG_JSON_H
#define NETCFG_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- writer -------------------------------------------------------- */

#define JW_MAX_DEPTH 32

struct jw {
	char *buf;
	size_t len, cap;
	int depth;
	bool first[JW_MAX_DEPTH]; /* no comma needed before the next value */
	bool after_key;
	bool oom;                 /* an allocation failed; output is invalid */
	/* Codec writers leave out members that equal the reader's default.
	 * Requests set it (smaller, faster batches); output and the store
	 * keep every member. */
	bool omit_defaults;
};

void jw_init(struct jw *w);
void jw_free(struct jw *w);
void jw_reset(struct jw *w);
/* Steal the buffer (NUL-terminated); the writer is reset. */
char *jw_take(struct jw *w, size_t *len);

void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, long long v);
void jw_uint(struct jw *w, unsigned long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Insert already-encoded JSON text as one value. */
void jw_raw(struct jw *w, const char *json, size_t n);

/* A line break between values: the pending comma, then a newline. */
void jw_break(struct jw *w);

/* key + value shorthands */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, long long v);
void jw_kuint(struct jw *w, const char *key, unsigned long long v);
void jw_kbool(struct jw *w, const char *key, bool v);
/* "infinite" for UINT32_MAX, else the number */
void jw_klifetime(struct jw *w, const char *key, uint32_t secs);

/* Pretty-print compact JSON text (for `-j` output on a terminal). */
int json_pretty(const char *src, size_t len, struct jw *out);
/* Print a document on stdout for the tools' -j: indented when stdout is a
 * terminal, compact otherwise, then a newline.  Returns -1 (and prints
 * nothing) when the writer ran out of memory. */
int json_print(const struct jw *w);

/* ---- tokenizer ----------------------------------------------------- */

enum jtype { J_NONE = 0, J_OBJ, J_ARR, J_STR, J_NUM, J_TRUE, J_FALSE, J_NULL };

struct jtok {
	uint8_t type;
	bool escaped;         /* string contains backslash escapes */
	uint32_t start, end;  /* byte range; strings exclude the quotes */
	uint32_t size;        /* children: array elements, or object members */
	uint32_t next;        /* index of the token after this whole value */
	uint32_t sib;         /* next sibling (element or key), 0 = last */
};

struct jdoc {
	const char *src;
	size_t len;
	struct jtok *t;
	size_t n, cap;
	/* on a parse error: */
	size_t err_off;
	const char *err;
};

/* Tokenize one complete JSON value (RFC 8259, max depth 512).  Returns 0,
 * or -1 with err/err_off set.  doc->src must outlive the tokens. */
int jdoc_parse(struct jdoc *d, const char *src, size_t len);
void jdoc_free(struct jdoc *d);

/* Navigation; every index is a token index, -1 means "absent". */
static inline int j_type(const struct jdoc *d, int i) { return i < 0 ? J_NONE : d->t[i].type; }
int j_get(const struct jdoc *d, int obj, const char *key);     /* value of key */
int j_first(const struct jdoc *d, int container);              /* first element / key */
int j_next(const struct jdoc *d, int i);                       /* next sibling */
/* In arrays j_first()/j_next() walk the elements; in objects they walk the
 * keys, and the value of key k is token k + 1. */

bool j_is_str(const struct jdoc *d, int i, const char *lit);
/* Copy a string (unescaped, NUL-terminated).  Fails (false) if not a
 * string, if it contains NUL, or if it does not fit. */
bool j_str(const struct jdoc *d, int i, char *buf, size_t size);
/* Unescaped string in a malloc'd buffer. */
char *j_strdup(const struct jdoc *d, int i);
bool j_int(const struct jdoc *d, int i, long long *v);
bool j_uint32(const struct jdoc *d, int i, uint32_t *v);
bool j_bool(const struct jdoc *d, int i, bool *v);
/* "infinite" or a number fitting in uint32 (UINT32_MAX means infinite). */
bool j_lifetime(const struct jdoc *d, int i, uint32_t *v);
/* The raw text of a value (for re-emitting it with jw_raw). */
static inline const char *j_raw(const struct jdoc *d, int i, size_t *n)
{
	const struct jtok *t = &d->t[i];
	if (t->type == J_STR) { *n = t->end - t->start + 2; return d->src + t->start - 1; }
	*n = t->end - t->start;
	return d->src + t->start;
}

#endif
