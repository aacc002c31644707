/* SPDX-License-Identifier: MIT */
/* json.c - streaming JSON writer and one-pass tokenizer (see json.h). */
#include "json.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- writer -------------------------------------------------------- */

void jw_init(struct jw *w)
{
	memset(w, 0, sizeof(*w));
	w->first[0] = true;
}

void jw_free(struct jw *w)
{
	free(w->buf);
	jw_init(w);
}

void jw_reset(struct jw *w)
{
	char *buf = w->buf;
	size_t cap = w->cap;
	bool omit = w->omit_defaults;

	jw_init(w);
	w->buf = buf;
	w->cap = cap;
	w->omit_defaults = omit;
	if (buf)
		buf[0] = '\0';
}

char *jw_take(struct jw *w, size_t *len)
{
	char *b = w->buf;

	if (!b) {
		b = strdup("");
	}
	if (len)
		*len = w->len;
	jw_init(w);
	return b;
}

static bool jw_reserve(struct jw *w, size_t more)
{
	if (w->oom)
		return false;
	if (w->len + more + 1 <= w->cap)
		return true;
	size_t cap = w->cap ? w->cap : 256;
	while (cap < w->len + more + 1)
		cap *= 2;
	char *nb = realloc(w->buf, cap);
	if (!nb) {
		w->oom = true;
		return false;
	}
	w->buf = nb;
	w->cap = cap;
	return true;
}

static void put(struct jw *w, const char *s, size_t n)
{
	if (!jw_reserve(w, n))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static inline void putc1(struct jw *w, char c)
{
	if (w->len + 2 > w->cap && !jw_reserve(w, 1))
		return;
	w->buf[w->len++] = c;
	w->buf[w->len] = '\0';
}

/* Comma bookkeeping before any value or key. */
static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		putc1(w, ',');
	w->first[w->depth] = false;
}

static void open_c(struct jw *w, char c)
{
	sep(w);
	putc1(w, c);
	if (w->depth + 1 >= JW_MAX_DEPTH) {
		w->oom = true;
		return;
	}
	w->first[++w->depth] = true;
}

static void close_c(struct jw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	putc1(w, c);
}

void jw_obj_begin(struct jw *w) { open_c(w, '{'); }
void jw_obj_end(struct jw *w) { close_c(w, '}'); }
void jw_arr_begin(struct jw *w) { open_c(w, '['); }
void jw_arr_end(struct jw *w) { close_c(w, ']'); }

/* Bytes that need an escape in a JSON string. */
static const bool needs_escape[256] = {
	[0x00 ... 0x1f] = true, ['"'] = true, ['\\'] = true,
};

static void put_escaped(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	if (!jw_reserve(w, n + 2))
		return;
	putc1(w, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!needs_escape[c]) {
			run++;
			continue;
		}
		put(w, s + i - run, run);
		run = 0;
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\t': put(w, "\\t", 2); break;
		case '\r': put(w, "\\r", 2); break;
		default: {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			put(w, e, 6);
		}
		}
	}
	put(w, s + n - run, run);
	putc1(w, '"');
}

void jw_key(struct jw *w, const char *key)
{
	sep(w);
	put_escaped(w, key, strlen(key));
	putc1(w, ':');
	w->after_key = true;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	sep(w);
	put_escaped(w, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void jw_int(struct jw *w, long long v)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%lld", v);
	sep(w);
	put(w, b, (size_t)n);
}

void jw_uint(struct jw *w, unsigned long long v)
{
	char b[24];
	char *p = b + sizeof(b);
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sep(w);
	put(w, p, (size_t)(b + sizeof(b) - p));
}

void jw_bool(struct jw *w, bool v)
{
	sep(w);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void jw_null(struct jw *w)
{
	sep(w);
	put(w, "null", 4);
}

void jw_raw(struct jw *w, const char *json, size_t n)
{
	sep(w);
	put(w, json, n);
}

void jw_break(struct jw *w)
{
	if (!w->first[w->depth])
		putc1(w, ',');
	putc1(w, '\n');
	w->first[w->depth] = true;
}

void jw_kstr(struct jw *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_kint(struct jw *w, const char *key, long long v) { jw_key(w, key); jw_int(w, v); }
void jw_kuint(struct jw *w, const char *key, unsigned long long v) { jw_key(w, key); jw_uint(w, v); }
void jw_kbool(struct jw *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }

void jw_klifetime(struct jw *w, const char *key, uint32_t secs)
{
	jw_key(w, key);
	if (secs == UINT32_MAX)
		jw_str(w, "infinite");
	else
		jw_uint(w, secs);
}

/* ---- tokenizer ----------------------------------------------------- */

#define J_MAX_DEPTH 512

struct jparser {
	struct jdoc *d;
	size_t pos;
};

static int jfail(struct jparser *p, const char *msg)
{
	if (!p->d->err) {
		p->d->err = msg;
		p->d->err_off = p->pos;
	}
	return -1;
}

static void skip_ws(struct jparser *p)
{
	const char *s = p->d->src;
	size_t len = p->d->len;
	while (p->pos < len && (s[p->pos] == ' ' || s[p->pos] == '\n' ||
				s[p->pos] == '\r' || s[p->pos] == '\t'))
		p->pos++;
}

static int new_tok(struct jparser *p, int type)
{
	struct jdoc *d = p->d;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		if (cap > UINT32_MAX / 2)
			return jfail(p, "document too large");
		struct jtok *nt = realloc(d->t, cap * sizeof(*nt));
		if (!nt)
			return jfail(p, "out of memory");
		d->t = nt;
		d->cap = cap;
	}
	struct jtok *t = &d->t[d->n];
	memset(t, 0, sizeof(*t));
	t->type = (uint8_t)type;
	t->start = (uint32_t)p->pos;
	return (int)d->n++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static int parse_string(struct jparser *p)
{
	const char *s = p->d->src;
	size_t len = p->d->len;

	p->pos++; /* opening quote */
	int i = new_tok(p, J_STR);
	if (i < 0)
		return -1;
	p->d->t[i].start = (uint32_t)p->pos;
	while (p->pos < len) {
		unsigned char c = (unsigned char)s[p->pos];
		if (c == '"') {
			p->d->t[i].end = (uint32_t)p->pos;
			p->d->t[i].next = (uint32_t)i + 1;
			p->pos++;
			return i;
		}
		if (c < 0x20)
			return jfail(p, "control character in string");
		if (c == '\\') {
			p->d->t[i].escaped = true;
			p->pos++;
			if (p->pos >= len)
				break;
			switch (s[p->pos]) {
			case '"': case '\\': case '/': case 'b':
			case 'f': case 'n': case 'r': case 't':
				break;
			case 'u':
				for (int k = 1; k <= 4; k++)
					if (p->pos + (size_t)k >= len || hexval(s[p->pos + (size_t)k]) < 0)
						return jfail(p, "bad \\u escape");
				p->pos += 4;
				break;
			default:
				return jfail(p, "bad escape in string");
			}
		}
		p->pos++;
	}
	return jfail(p, "unterminated string");
}

static int parse_number(struct jparser *p)
{
	const char *s = p->d->src;
	size_t len = p->d->len;
	int i = new_tok(p, J_NUM);
	if (i < 0)
		return -1;
	if (p->pos < len && s[p->pos] == '-')
		p->pos++;
	if (p->pos >= len)
		return jfail(p, "bad number");
	if (s[p->pos] == '0') {
		p->pos++;
	} else if (s[p->pos] >= '1' && s[p->pos] <= '9') {
		while (p->pos < len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	} else {
		return jfail(p, "bad number");
	}
	if (p->pos < len && s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= len || s[p->pos] < '0' || s[p->pos] > '9')
			return jfail(p, "bad number");
		while (p->pos < len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < len && (s[p->pos] == '+' || s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= len || s[p->pos] < '0' || s[p->pos] > '9')
			return jfail(p, "bad number");
		while (p->pos < len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	p->d->t[i].end = (uint32_t)p->pos;
	p->d->t[i].next = (uint32_t)i + 1;
	return i;
}

static int parse_literal(struct jparser *p, const char *lit, int type)
{
	size_t n = strlen(lit);
	if (p->d->len - p->pos < n || memcmp(p->d->src + p->pos, lit, n) != 0)
		return jfail(p, "unexpected character");
	int i = new_tok(p, type);
	if (i < 0)
		return -1;
	p->pos += n;
	p->d->t[i].end = (uint32_t)p->pos;
	p->d->t[i].next = (uint32_t)i + 1;
	return i;
}

static int parse_value(struct jparser *p, int depth);

static int parse_container(struct jparser *p, int depth, bool object)
{
	const char *s = p->d->src;
	char close = object ? '}' : ']';

	if (depth >= J_MAX_DEPTH) /* depth counts from 0: 512 levels at most */
		return jfail(p, "nesting too deep");
	int i = new_tok(p, object ? J_OBJ : J_ARR);
	if (i < 0)
		return -1;
	p->pos++;
	skip_ws(p);
	uint32_t count = 0;
	int prev = -1;
	if (p->pos < p->d->len && s[p->pos] == close) {
		p->pos++;
		goto done;
	}
	for (;;) {
		skip_ws(p);
		if (object) {
			if (p->pos >= p->d->len || s[p->pos] != '"')
				return jfail(p, "expected a string key");
			if (parse_string(p) < 0)
				return -1;
			skip_ws(p);
			if (p->pos >= p->d->len || s[p->pos] != ':')
				return jfail(p, "expected ':'");
			p->pos++;
			skip_ws(p);
		}
		int v = parse_value(p, depth + 1);
		if (v < 0)
			return -1;
		/* chain siblings: elements in arrays, keys in objects */
		int member = object ? v - 1 : v;
		if (prev >= 0)
			p->d->t[prev].sib = (uint32_t)member;
		prev = member;
		count++;
		skip_ws(p);
		if (p->pos >= p->d->len)
			return jfail(p, "unterminated container");
		if (s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (s[p->pos] == close) {
			p->pos++;
			break;
		}
		return jfail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
done:
	p->d->t[i].size = count;
	p->d->t[i].end = (uint32_t)p->pos;
	p->d->t[i].next = (uint32_t)p->d->n;
	return i;
}

static int parse_value(struct jparser *p, int depth)
{
	skip_ws(p);
	if (p->pos >= p->d->len)
		return jfail(p, "unexpected end of input");
	switch (p->d->src[p->pos]) {
	case '{': return parse_container(p, depth, true);
	case '[': return parse_container(p, depth, false);
	case '"': return parse_string(p);
	case 't': return parse_literal(p, "true", J_TRUE);
	case 'f': return parse_literal(p, "false", J_FALSE);
	case 'n': return parse_literal(p, "null", J_NULL);
	default:
		if (p->d->src[p->pos] == '-' || (p->d->src[p->pos] >= '0' && p->d->src[p->pos] <= '9'))
			return parse_number(p);
		return jfail(p, "unexpected character");
	}
}

int jdoc_parse(struct jdoc *d, const char *src, size_t len)
{
	struct jparser p = { .d = d, .pos = 0 };

	d->src = src;
	d->len = len;
	d->n = 0;
	d->err = NULL;
	d->err_off = 0;
	if (len > UINT32_MAX - 1) {
		d->err = "document too large";
		return -1;
	}
	if (parse_value(&p, 0) < 0)
		return -1;
	skip_ws(&p);
	if (p.pos != len)
		return jfail(&p, "trailing characters after the value");
	return 0;
}

void jdoc_free(struct jdoc *d)
{
	free(d->t);
	d->t = NULL;
	d->n = d->cap = 0;
}

int j_first(const struct jdoc *d, int c)
{
	if (c < 0 || (d->t[c].type != J_OBJ && d->t[c].type != J_ARR) || d->t[c].size == 0)
		return -1;
	return c + 1;
}

int j_next(const struct jdoc *d, int i)
{
	if (i < 0 || d->t[i].sib == 0)
		return -1;
	return (int)d->t[i].sib;
}

int j_get(const struct jdoc *d, int obj, const char *key)
{
	if (obj < 0 || d->t[obj].type != J_OBJ)
		return -1;
	size_t klen = strlen(key);
	uint32_t n = d->t[obj].size;
	int k = obj + 1;
	for (uint32_t m = 0; m < n; m++) {
		const struct jtok *t = &d->t[k];
		if (!t->escaped) {
			if (t->end - t->start == klen && memcmp(d->src + t->start, key, klen) == 0)
				return k + 1;
		} else {
			char buf[128];
			if (j_str(d, k, buf, sizeof(buf)) && strcmp(buf, key) == 0)
				return k + 1;
		}
		k = (int)d->t[k + 1].next;
	}
	return -1;
}

bool j_is_str(const struct jdoc *d, int i, const char *lit)
{
	if (i < 0 || d->t[i].type != J_STR)
		return false;
	if (!d->t[i].escaped) {
		size_t n = strlen(lit);
		return d->t[i].end - d->t[i].start == n && memcmp(d->src + d->t[i].start, lit, n) == 0;
	}
	char *s = j_strdup(d, i);
	bool eq = s && strcmp(s, lit) == 0;
	free(s);
	return eq;
}

static size_t put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static unsigned long hex4(const char *s)
{
	return (unsigned long)(hexval(s[0]) << 12 | hexval(s[1]) << 8 | hexval(s[2]) << 4 | hexval(s[3]));
}

/* Unescape into out (at most size-1 bytes); returns the length or -1. */
static long unescape(const struct jdoc *d, int i, char *out, size_t size)
{
	const struct jtok *t = &d->t[i];
	const char *s = d->src + t->start;
	size_t n = t->end - t->start;
	size_t o = 0;

	for (size_t k = 0; k < n; k++) {
		char tmp[4];
		size_t tl = 1;
		tmp[0] = s[k];
		if (s[k] == '\\') {
			k++;
			switch (s[k]) {
			case 'b': tmp[0] = '\b'; break;
			case 'f': tmp[0] = '\f'; break;
			case 'n': tmp[0] = '\n'; break;
			case 'r': tmp[0] = '\r'; break;
			case 't': tmp[0] = '\t'; break;
			case 'u': {
				unsigned long cp = hex4(s + k + 1);
				k += 4;
				if (cp >= 0xd800 && cp < 0xdc00 && k + 6 < n + 1 &&
				    s[k + 1] == '\\' && s[k + 2] == 'u') {
					unsigned long lo = hex4(s + k + 3);
					if (lo >= 0xdc00 && lo < 0xe000) {
						cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
						k += 6;
					}
				}
				if (cp == 0)
					return -1;
				if (cp >= 0xd800 && cp < 0xe000)
					cp = 0xfffd; /* unpaired surrogate: not valid UTF-8 */
				tl = put_utf8(tmp, cp);
				break;
			}
			default: tmp[0] = s[k]; break; /* " \ / */
			}
		}
		if (o + tl >= size)
			return -1;
		memcpy(out + o, tmp, tl);
		o += tl;
	}
	out[o] = '\0';
	return (long)o;
}

bool j_str(const struct jdoc *d, int i, char *buf, size_t size)
{
	if (i < 0 || d->t[i].type != J_STR || size == 0)
		return false;
	const struct jtok *t = &d->t[i];
	if (!t->escaped) {
		size_t n = t->end - t->start;
		if (n >= size || memchr(d->src + t->start, '\0', n))
			return false;
		memcpy(buf, d->src + t->start, n);
		buf[n] = '\0';
		return true;
	}
	return unescape(d, i, buf, size) >= 0;
}

char *j_strdup(const struct jdoc *d, int i)
{
	if (i < 0 || d->t[i].type != J_STR)
		return NULL;
	size_t size = d->t[i].end - d->t[i].start + 1;
	char *b = malloc(size);
	if (b && !j_str(d, i, b, size)) {
		free(b);
		b = NULL;
	}
	return b;
}

bool j_int(const struct jdoc *d, int i, long long *v)
{
	if (i < 0 || d->t[i].type != J_NUM)
		return false;
	const struct jtok *t = &d->t[i];
	size_t n = t->end - t->start;
	char buf[32];
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, d->src + t->start, n);
	buf[n] = '\0';
	if (strpbrk(buf, ".eE"))
		return false;
	errno = 0;
	char *end;
	long long x = strtoll(buf, &end, 10);
	if (errno || *end)
		return false;
	*v = x;
	return true;
}

bool j_uint32(const struct jdoc *d, int i, uint32_t *v)
{
	long long x;
	if (!j_int(d, i, &x) || x < 0 || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

bool j_bool(const struct jdoc *d, int i, bool *v)
{
	if (i < 0)
		return false;
	if (d->t[i].type == J_TRUE)
		*v = true;
	else if (d->t[i].type == J_FALSE)
		*v = false;
	else
		return false;
	return true;
}

bool j_lifetime(const struct jdoc *d, int i, uint32_t *v)
{
	if (j_is_str(d, i, "infinite")) {
		*v = UINT32_MAX;
		return true;
	}
	return j_uint32(d, i, v);
}

/* ---- pretty printer ------------------------------------------------ */

static void indent(struct jw *o, int depth)
{
	putc1(o, '\n');
	for (int k = 0; k < depth; k++)
		put(o, "  ", 2);
}

static void pretty_value(const struct jdoc *d, int i, struct jw *o, int depth)
{
	const struct jtok *t = &d->t[i];
	if (t->type == J_OBJ || t->type == J_ARR) {
		bool obj = t->type == J_OBJ;
		putc1(o, obj ? '{' : '[');
		if (t->size == 0) {
			putc1(o, obj ? '}' : ']');
			return;
		}
		int k = i + 1;
		for (uint32_t m = 0; m < t->size; m++) {
			indent(o, depth + 1);
			if (obj) {
				size_t n;
				const char *r = j_raw(d, k, &n);
				put(o, r, n);
				put(o, ": ", 2);
				k++;
			}
			pretty_value(d, k, o, depth + 1);
			k = (int)d->t[k].next;
			if (m + 1 < t->size)
				putc1(o, ',');
		}
		indent(o, depth);
		putc1(o, obj ? '}' : ']');
		return;
	}
	size_t n;
	const char *r = j_raw(d, i, &n);
	put(o, r, n);
}

int json_pretty(const char *src, size_t len, struct jw *out)
{
	struct jdoc d = { 0 };
	if (jdoc_parse(&d, src, len) < 0) {
		jdoc_free(&d);
		return -1;
	}
	pretty_value(&d, 0, out, 0);
	jdoc_free(&d);
	return out->oom ? -1 : 0;
}

int json_print(const struct jw *w)
{
	if (w->oom)
		return -1;
	struct jw pretty;
	jw_init(&pretty);
	if (isatty(STDOUT_FILENO) && json_pretty(w->buf, w->len, &pretty) == 0)
		fwrite(pretty.buf, 1, pretty.len, stdout);
	else
		fwrite(w->buf ? w->buf : "", 1, w->len, stdout);
	putchar('\n');
	jw_free(&pretty);
	return 0;
}
