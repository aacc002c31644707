/* SPDX-License-Identifier: MIT */
/* test_json.c - the wire JSON writer, tokenizer and pretty printer. */
#include "unit.h"

#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include "../../libnetcfg/json.h"

/* ---- helpers ------------------------------------------------------- */

/* Tokenize a NUL-terminated document. */
static int parse(struct jdoc *d, const char *s)
{
	return jdoc_parse(d, s, strlen(s));
}

/* Parse s and expect failure at byte offset off; returns the message. */
static const char *parse_err(const char *s, size_t off)
{
	struct jdoc d = { 0 };
	static const char *none = "(parsed)";
	const char *msg = none;
	if (parse(&d, s) != 0) {
		msg = d.err;
		if (d.err_off != off) {
			printf("#   %s: err_off %zu, want %zu (%s)\n", s, d.err_off, off,
			       d.err ? d.err : "?");
			unit_failed_checks++;
		}
	}
	jdoc_free(&d);
	return msg;
}

static bool parses(const char *s)
{
	struct jdoc d = { 0 };
	int rc = parse(&d, s);
	jdoc_free(&d);
	return rc == 0;
}

/* Unescaped value of the string at i, in a static buffer ("<fail>" if j_str
 * refuses it). */
static const char *str_at(const struct jdoc *d, int i)
{
	static char buf[256];
	if (!j_str(d, i, buf, sizeof(buf)))
		return "<fail>";
	return buf;
}

/* The string value of a one-string document "..." (the JSON text given). */
static const char *unescaped(const char *json)
{
	static char buf[256];
	struct jdoc d = { 0 };
	if (parse(&d, json) != 0) {
		jdoc_free(&d);
		return "<parse error>";
	}
	if (!j_str(&d, 0, buf, sizeof(buf)))
		strcpy(buf, "<fail>");
	jdoc_free(&d);
	return buf;
}

/* ---- writer -------------------------------------------------------- */

TEST(writer_nesting_and_commas)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kint(&w, "a", 1);
	jw_key(&w, "b");
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_int(&w, -2);
	jw_obj_begin(&w);
	jw_kbool(&w, "c", true);
	jw_kbool(&w, "d", false);
	jw_obj_end(&w);
	jw_arr_begin(&w);
	jw_arr_end(&w);
	jw_null(&w);
	jw_arr_end(&w);
	jw_key(&w, "e");
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_kstr(&w, "f", "x");
	jw_kuint(&w, "g", 18446744073709551615ull);
	jw_obj_end(&w);
	CHECK_STREQ(w.buf, "{\"a\":1,\"b\":[1,-2,{\"c\":true,\"d\":false},[],null],\"e\":{},"
			   "\"f\":\"x\",\"g\":18446744073709551615}");
	CHECK(w.len == strlen(w.buf));
	CHECK(!w.oom);
	CHECK(w.depth == 0);
	CHECK(parses(w.buf));
	jw_free(&w);
}

TEST(writer_top_level_sequence_of_values)
{
	struct jw w;
	jw_init(&w);
	jw_int(&w, LLONG_MIN);
	CHECK_STREQ(w.buf, "-9223372036854775808");
	jw_reset(&w);
	CHECK(w.len == 0);
	jw_uint(&w, 0);
	CHECK_STREQ(w.buf, "0");
	jw_reset(&w);
	jw_str(&w, NULL); /* NULL string -> null */
	CHECK_STREQ(w.buf, "null");
	jw_free(&w);
}

TEST(writer_escaping)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "q\"k\\", "say \"hi\" \\ back");
	jw_kstr(&w, "ctl", "a\nb\tc\rd\be\x01" "f\x1f" "g\x7f");
	jw_kstr(&w, "utf8", "caf\xc3\xa9 \xe2\x82\xac");
	jw_kstr(&w, "slash", "a/b");
	jw_obj_end(&w);
	CHECK_STREQ(w.buf, "{\"q\\\"k\\\\\":\"say \\\"hi\\\" \\\\ back\","
			   "\"ctl\":\"a\\nb\\tc\\rd\\u0008e\\u0001f\\u001fg\x7f\","
			   "\"utf8\":\"caf\xc3\xa9 \xe2\x82\xac\",\"slash\":\"a/b\"}");
	/* and it reads back to the same strings */
	struct jdoc d = { 0 };
	CHECK(parse(&d, w.buf) == 0);
	CHECK_STREQ(str_at(&d, j_get(&d, 0, "q\"k\\")), "say \"hi\" \\ back");
	CHECK_STREQ(str_at(&d, j_get(&d, 0, "ctl")), "a\nb\tc\rd\be\x01" "f\x1f" "g\x7f");
	CHECK_STREQ(str_at(&d, j_get(&d, 0, "utf8")), "caf\xc3\xa9 \xe2\x82\xac");
	jdoc_free(&d);
	jw_free(&w);
}

TEST(writer_strn_embedded_nul)
{
	struct jw w;
	jw_init(&w);
	jw_strn(&w, "a\0b", 3);
	CHECK_STREQ(w.buf, "\"a\\u0000b\"");
	/* which the reader refuses to turn into a C string */
	struct jdoc d = { 0 };
	char buf[16];
	CHECK(parse(&d, w.buf) == 0);
	CHECK(!j_str(&d, 0, buf, sizeof(buf)));
	CHECK(j_strdup(&d, 0) == NULL);
	jdoc_free(&d);
	jw_free(&w);
}

TEST(writer_long_strings_grow_buffer)
{
	static char big[10000];
	memset(big, 'x', sizeof(big) - 1);
	big[100] = '"';
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	jw_str(&w, big);
	jw_str(&w, big);
	jw_arr_end(&w);
	CHECK(!w.oom);
	CHECK(w.len == 2 * (sizeof(big) - 1 + 1 + 2) + 3);
	struct jdoc d = { 0 };
	CHECK(parse(&d, w.buf) == 0);
	char *s = j_strdup(&d, j_next(&d, j_first(&d, 0)));
	CHECK(s && strcmp(s, big) == 0);
	free(s);
	jdoc_free(&d);
	jw_free(&w);
}

TEST(writer_break)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_break(&w);
	jw_int(&w, 2);
	jw_break(&w);
	jw_obj_begin(&w);
	jw_kint(&w, "a", 3);
	jw_obj_end(&w);
	jw_arr_end(&w);
	CHECK_STREQ(w.buf, "[1,\n2,\n{\"a\":3}]");
	CHECK(parses(w.buf));
	jw_reset(&w);
	/* a break before the first value adds no comma */
	jw_arr_begin(&w);
	jw_break(&w);
	jw_int(&w, 1);
	jw_arr_end(&w);
	CHECK_STREQ(w.buf, "[\n1]");
	CHECK(parses(w.buf));
	jw_free(&w);
}

TEST(writer_raw)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_raw(&w, "{\"x\":[1,2]}", 11);
	jw_raw(&w, "\"s\"", 3);
	jw_arr_end(&w);
	CHECK_STREQ(w.buf, "[1,{\"x\":[1,2]},\"s\"]");
	jw_reset(&w);
	jw_obj_begin(&w);
	jw_key(&w, "k");
	jw_raw(&w, "[true]", 6);
	jw_key(&w, "m");
	jw_raw(&w, "null", 4);
	jw_obj_end(&w);
	CHECK_STREQ(w.buf, "{\"k\":[true],\"m\":null}");
	jw_free(&w);
}

TEST(writer_raw_reemits_tokens)
{
	struct jdoc d = { 0 };
	const char *src = "{\"a\":\"x\\ny\",\"b\":[1, 2 ,3],\"c\":-1.5e3}";
	CHECK(parse(&d, src) == 0);
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (int k = j_first(&d, 0); k >= 0; k = j_next(&d, k)) {
		size_t n;
		const char *r = j_raw(&d, k + 1, &n);
		jw_raw(&w, r, n);
	}
	jw_arr_end(&w);
	CHECK_STREQ(w.buf, "[\"x\\ny\",[1, 2 ,3],-1.5e3]");
	jw_free(&w);
	jdoc_free(&d);
}

TEST(writer_klifetime)
{
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_klifetime(&w, "valid", UINT32_MAX);
	jw_klifetime(&w, "preferred", 600);
	jw_klifetime(&w, "zero", 0);
	jw_klifetime(&w, "max", UINT32_MAX - 1);
	jw_obj_end(&w);
	CHECK_STREQ(w.buf, "{\"valid\":\"infinite\",\"preferred\":600,\"zero\":0,\"max\":4294967294}");
	struct jdoc d = { 0 };
	uint32_t v = 0;
	CHECK(parse(&d, w.buf) == 0);
	CHECK(j_lifetime(&d, j_get(&d, 0, "valid"), &v) && v == UINT32_MAX);
	CHECK(j_lifetime(&d, j_get(&d, 0, "preferred"), &v) && v == 600);
	CHECK(j_lifetime(&d, j_get(&d, 0, "zero"), &v) && v == 0);
	CHECK(j_lifetime(&d, j_get(&d, 0, "max"), &v) && v == UINT32_MAX - 1);
	jdoc_free(&d);
	jw_free(&w);
}

TEST(writer_take_and_reset)
{
	struct jw w;
	size_t n = 99;
	jw_init(&w);
	char *empty = jw_take(&w, &n);
	CHECK(empty && strcmp(empty, "") == 0 && n == 0);
	free(empty);
	jw_arr_begin(&w);
	jw_int(&w, 5);
	jw_arr_end(&w);
	char *s = jw_take(&w, &n);
	CHECK_STREQ(s, "[5]");
	CHECK(n == 3);
	free(s);
	/* the writer starts over after a take */
	CHECK(w.len == 0 && w.buf == NULL && w.depth == 0);
	jw_int(&w, 7);
	CHECK_STREQ(w.buf, "7");
	/* reset keeps the buffer but forgets the commas */
	jw_reset(&w);
	jw_int(&w, 8);
	CHECK_STREQ(w.buf, "8");
	jw_free(&w);
	CHECK(w.buf == NULL && w.len == 0);
}

TEST(writer_too_deep_marks_invalid)
{
	struct jw w;
	jw_init(&w);
	for (int k = 0; k < JW_MAX_DEPTH - 1; k++)
		jw_arr_begin(&w);
	CHECK(!w.oom);
	jw_arr_begin(&w);
	CHECK(w.oom);
	jw_free(&w);
}

/* ---- tokenizer: valid documents ------------------------------------ */

TEST(parse_scalars)
{
	struct jdoc d = { 0 };
	long long v;
	bool b;
	CHECK(parse(&d, "42") == 0 && d.n == 1 && j_type(&d, 0) == J_NUM);
	CHECK(j_int(&d, 0, &v) && v == 42);
	CHECK(parse(&d, "  \t\r\n true \n") == 0 && j_type(&d, 0) == J_TRUE);
	CHECK(j_bool(&d, 0, &b) && b);
	CHECK(parse(&d, "false") == 0 && j_bool(&d, 0, &b) && !b);
	CHECK(parse(&d, "null") == 0 && j_type(&d, 0) == J_NULL);
	CHECK(!j_bool(&d, 0, &b));
	CHECK(parse(&d, "\"hi\"") == 0 && j_type(&d, 0) == J_STR);
	CHECK(j_is_str(&d, 0, "hi"));
	CHECK(!j_is_str(&d, 0, "h"));
	CHECK(!j_is_str(&d, 0, "hii"));
	CHECK_STREQ(str_at(&d, 0), "hi");
	CHECK(parse(&d, "\"\"") == 0 && j_is_str(&d, 0, ""));
	CHECK_STREQ(str_at(&d, 0), "");
	jdoc_free(&d);
}

TEST(parse_structure_and_sizes)
{
	struct jdoc d = { 0 };
	const char *s = "{\"a\":[1,2,3],\"b\":{\"c\":null,\"d\":\"e\"},\"f\":[],\"g\":{}}";
	CHECK(parse(&d, s) == 0);
	CHECK(j_type(&d, 0) == J_OBJ && d.t[0].size == 4);
	int a = j_get(&d, 0, "a"), b = j_get(&d, 0, "b");
	int f = j_get(&d, 0, "f"), g = j_get(&d, 0, "g");
	CHECK(j_type(&d, a) == J_ARR && d.t[a].size == 3);
	CHECK(j_type(&d, b) == J_OBJ && d.t[b].size == 2);
	CHECK(j_type(&d, f) == J_ARR && d.t[f].size == 0);
	CHECK(j_type(&d, g) == J_OBJ && d.t[g].size == 0);
	CHECK(j_type(&d, j_get(&d, b, "c")) == J_NULL);
	CHECK(j_is_str(&d, j_get(&d, b, "d"), "e"));
	CHECK(j_get(&d, 0, "c") < 0);      /* not searched recursively */
	CHECK(j_get(&d, 0, "zz") < 0);
	CHECK(j_get(&d, a, "a") < 0);      /* not an object */
	CHECK(j_get(&d, -1, "a") < 0);
	CHECK(j_type(&d, -1) == J_NONE);
	/* the whole value spans the whole document */
	CHECK(d.t[0].next == d.n);
	CHECK(d.t[0].start == 0 && d.t[0].end == strlen(s));
	size_t n;
	const char *r = j_raw(&d, b, &n);
	CHECK(n == strlen("{\"c\":null,\"d\":\"e\"}") && memcmp(r, "{\"c\":null,\"d\":\"e\"}", n) == 0);
	r = j_raw(&d, j_get(&d, b, "d"), &n);
	CHECK(n == 3 && memcmp(r, "\"e\"", 3) == 0);
	jdoc_free(&d);
}

TEST(iterate_array)
{
	struct jdoc d = { 0 };
	CHECK(parse(&d, "[10, [20, 21], {\"x\": 30}, \"s\", 40]") == 0);
	long long want[] = { 10, -1, -1, -1, 40 };
	int types[] = { J_NUM, J_ARR, J_OBJ, J_STR, J_NUM };
	int k = 0;
	for (int e = j_first(&d, 0); e >= 0; e = j_next(&d, e), k++) {
		CHECK(k < 5);
		if (k >= 5)
			break;
		CHECK(j_type(&d, e) == types[k]);
		long long v;
		if (want[k] >= 0)
			CHECK(j_int(&d, e, &v) && v == want[k]);
	}
	CHECK(k == 5);
	CHECK(j_first(&d, j_first(&d, 0)) < 0);  /* a number has no children */
	CHECK(j_next(&d, -1) < 0);
	CHECK(j_first(&d, -1) < 0);
	jdoc_free(&d);
}

TEST(iterate_object_keys)
{
	struct jdoc d = { 0 };
	CHECK(parse(&d, "{\"a\":1,\"b\":{\"n\":[1,2]},\"c\":[{}],\"d\":\"x\"}") == 0);
	const char *keys[] = { "a", "b", "c", "d" };
	int types[] = { J_NUM, J_OBJ, J_ARR, J_STR };
	int k = 0;
	for (int key = j_first(&d, 0); key >= 0 && k < 4; key = j_next(&d, key), k++) {
		CHECK(j_is_str(&d, key, keys[k]));
		CHECK(j_type(&d, key + 1) == types[k]);
		CHECK(j_get(&d, 0, keys[k]) == key + 1);
	}
	CHECK(k == 4);
	int e = j_first(&d, 0);
	for (int m = 0; m < 3; m++)
		e = j_next(&d, e);
	CHECK(j_next(&d, e) < 0);
	CHECK(parse(&d, "{}") == 0 && j_first(&d, 0) < 0);
	CHECK(parse(&d, "[]") == 0 && j_first(&d, 0) < 0);
	jdoc_free(&d);
}

TEST(get_skips_nested_values)
{
	struct jdoc d = { 0 };
	CHECK(parse(&d, "{\"x\":{\"a\":1},\"a\":[1,2,{\"a\":3}],\"b\":2,\"b\":3}") == 0);
	long long v = 0;
	CHECK(j_type(&d, j_get(&d, 0, "a")) == J_ARR);
	CHECK(j_int(&d, j_get(&d, 0, "b"), &v) && v == 2); /* first of duplicates */
	CHECK(j_int(&d, j_get(&d, j_get(&d, 0, "x"), "a"), &v) && v == 1);
	jdoc_free(&d);
}

TEST(escaped_keys)
{
	struct jdoc d = { 0 };
	long long v = 0;
	CHECK(parse(&d, "{\"a\\\"b\":1,\"\\u0063d\":2,\"e\\/f\":3,\"caf\\u00e9\":4,\"plain\":5}") == 0);
	CHECK(j_int(&d, j_get(&d, 0, "a\"b"), &v) && v == 1);
	CHECK(j_int(&d, j_get(&d, 0, "cd"), &v) && v == 2);
	CHECK(j_int(&d, j_get(&d, 0, "e/f"), &v) && v == 3);
	CHECK(j_int(&d, j_get(&d, 0, "caf\xc3\xa9"), &v) && v == 4);
	CHECK(j_int(&d, j_get(&d, 0, "plain"), &v) && v == 5);
	CHECK(j_get(&d, 0, "a\\\"b") < 0);     /* the raw text is not the key */
	CHECK(j_get(&d, 0, "\\u0063d") < 0);
	CHECK(j_is_str(&d, j_first(&d, 0), "a\"b"));
	jdoc_free(&d);
}

TEST(string_escapes)
{
	CHECK_STREQ(unescaped("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""), "\"\\/\b\f\n\r\t");
	CHECK_STREQ(unescaped("\"\\u0041\\u0062\""), "Ab");
	CHECK_STREQ(unescaped("\"\\u00e9\""), "\xc3\xa9");
	CHECK_STREQ(unescaped("\"\\u00E9\""), "\xc3\xa9");
	CHECK_STREQ(unescaped("\"\\u07ff\""), "\xdf\xbf");
	CHECK_STREQ(unescaped("\"\\u0800\""), "\xe0\xa0\x80");
	CHECK_STREQ(unescaped("\"\\u20ac\""), "\xe2\x82\xac");
	CHECK_STREQ(unescaped("\"\\uffff\""), "\xef\xbf\xbf");
	/* surrogate pairs combine into one 4-byte sequence */
	CHECK_STREQ(unescaped("\"\\ud83d\\ude00\""), "\xf0\x9f\x98\x80");
	CHECK_STREQ(unescaped("\"\\uD834\\uDD1E\""), "\xf0\x9d\x84\x9e");
	CHECK_STREQ(unescaped("\"\\ud800\\udc00\""), "\xf0\x90\x80\x80");
	CHECK_STREQ(unescaped("\"\\udbff\\udfff\""), "\xf4\x8f\xbf\xbf");
	CHECK_STREQ(unescaped("\"x\\ud83d\\ude00y\""), "x\xf0\x9f\x98\x80y");
	/* raw UTF-8 passes through untouched */
	CHECK_STREQ(unescaped("\"\xe2\x82\xac \\n\""), "\xe2\x82\xac \n");
}

TEST(unpaired_surrogates_become_replacement_char)
{
	/* never emit the invalid UTF-8 encoding of a lone surrogate (ED A0 80) */
	CHECK_STREQ(unescaped("\"\\ud800\""), "\xef\xbf\xbd");
	CHECK_STREQ(unescaped("\"\\udc00x\""), "\xef\xbf\xbdx");
	CHECK_STREQ(unescaped("\"\\ud800\\u0041\""), "\xef\xbf\xbd" "A");
	CHECK_STREQ(unescaped("\"\\udfff\\ud800\""), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STREQ(unescaped("\"\\ud800\\ud800\\udc00\""), "\xef\xbf\xbd\xf0\x90\x80\x80");
	CHECK_STREQ(unescaped("\"\\ud800\\n\""), "\xef\xbf\xbd\n");
	/* the replacement still fits the buffer j_strdup sizes from the raw text */
	struct jdoc d = { 0 };
	CHECK(parse(&d, "\"\\ud800\"") == 0);
	char *s = j_strdup(&d, 0);
	CHECK(s && strcmp(s, "\xef\xbf\xbd") == 0);
	free(s);
	jdoc_free(&d);
}

TEST(nul_escape_refused)
{
	struct jdoc d = { 0 };
	char buf[32];
	CHECK(parse(&d, "\"a\\u0000b\"") == 0); /* valid JSON ... */
	CHECK(!j_str(&d, 0, buf, sizeof(buf))); /* ... but not a C string */
	CHECK(j_strdup(&d, 0) == NULL);
	CHECK(!j_is_str(&d, 0, "a"));
	CHECK(parse(&d, "{\"k\\u0000\":1}") == 0);
	CHECK(j_get(&d, 0, "k") < 0);
	jdoc_free(&d);
}

TEST(str_buffer_sizes)
{
	struct jdoc d = { 0 };
	char buf[8];
	CHECK(parse(&d, "[\"abcd\", \"a\\nb\", \"\\u20ac\", 5]") == 0);
	int s1 = j_first(&d, 0), s2 = j_next(&d, s1), s3 = j_next(&d, s2), num = j_next(&d, s3);
	CHECK(!j_str(&d, s1, buf, 4));
	CHECK(j_str(&d, s1, buf, 5) && strcmp(buf, "abcd") == 0);
	CHECK(!j_str(&d, s2, buf, 3));
	CHECK(j_str(&d, s2, buf, 4) && strcmp(buf, "a\nb") == 0);
	CHECK(!j_str(&d, s3, buf, 3));
	CHECK(j_str(&d, s3, buf, 4) && strcmp(buf, "\xe2\x82\xac") == 0);
	CHECK(!j_str(&d, s1, buf, 0));
	CHECK(!j_str(&d, num, buf, sizeof(buf)));  /* not a string */
	CHECK(!j_str(&d, -1, buf, sizeof(buf)));
	CHECK(j_strdup(&d, num) == NULL);
	char *dup = j_strdup(&d, s3);
	CHECK(dup && strcmp(dup, "\xe2\x82\xac") == 0);
	free(dup);
	jdoc_free(&d);
}

TEST(numbers)
{
	struct jdoc d = { 0 };
	long long v;
	uint32_t u;
	CHECK(parse(&d, "[0, -0, 7, -42, 9223372036854775807, -9223372036854775808,"
			" 9223372036854775808, 1.5, 1e3, -2E-2, 0.0, 4294967295, 4294967296, -1,"
			" 123456789012345678901234567890]") == 0);
	int e[15];
	int k = 0;
	for (int i = j_first(&d, 0); i >= 0 && k < 15; i = j_next(&d, i))
		e[k++] = i;
	CHECK(k == 15);
	if (k != 15) {
		jdoc_free(&d);
		return;
	}
	for (k = 0; k < 15; k++)
		CHECK(j_type(&d, e[k]) == J_NUM);
	CHECK(j_int(&d, e[0], &v) && v == 0);
	CHECK(j_int(&d, e[1], &v) && v == 0);
	CHECK(j_int(&d, e[2], &v) && v == 7);
	CHECK(j_int(&d, e[3], &v) && v == -42);
	CHECK(j_int(&d, e[4], &v) && v == LLONG_MAX);
	CHECK(j_int(&d, e[5], &v) && v == LLONG_MIN);
	CHECK(!j_int(&d, e[6], &v));  /* overflow */
	CHECK(!j_int(&d, e[7], &v));  /* not integers */
	CHECK(!j_int(&d, e[8], &v));
	CHECK(!j_int(&d, e[9], &v));
	CHECK(!j_int(&d, e[10], &v));
	CHECK(j_uint32(&d, e[11], &u) && u == UINT32_MAX);
	CHECK(!j_uint32(&d, e[12], &u));
	CHECK(!j_uint32(&d, e[13], &u));
	CHECK(j_uint32(&d, e[2], &u) && u == 7);
	CHECK(!j_int(&d, e[14], &v));
	CHECK(!j_uint32(&d, e[14], &u));
	size_t n;
	const char *r = j_raw(&d, e[9], &n);
	CHECK(n == 5 && memcmp(r, "-2E-2", 5) == 0);
	jdoc_free(&d);
}

TEST(numbers_refuse_other_types)
{
	struct jdoc d = { 0 };
	long long v;
	uint32_t u;
	CHECK(parse(&d, "[\"5\", true, null, [], {}]") == 0);
	for (int i = j_first(&d, 0); i >= 0; i = j_next(&d, i)) {
		CHECK(!j_int(&d, i, &v));
		CHECK(!j_uint32(&d, i, &u));
	}
	CHECK(!j_int(&d, -1, &v));
	jdoc_free(&d);
}

TEST(booleans)
{
	struct jdoc d = { 0 };
	bool b = false;
	CHECK(parse(&d, "{\"t\":true,\"f\":false,\"s\":\"true\",\"n\":1,\"z\":null}") == 0);
	CHECK(j_bool(&d, j_get(&d, 0, "t"), &b) && b);
	CHECK(j_bool(&d, j_get(&d, 0, "f"), &b) && !b);
	CHECK(!j_bool(&d, j_get(&d, 0, "s"), &b));
	CHECK(!j_bool(&d, j_get(&d, 0, "n"), &b));
	CHECK(!j_bool(&d, j_get(&d, 0, "z"), &b));
	CHECK(!j_bool(&d, j_get(&d, 0, "missing"), &b));
	jdoc_free(&d);
}

TEST(lifetimes)
{
	struct jdoc d = { 0 };
	uint32_t v = 1;
	CHECK(parse(&d, "[\"infinite\", 600, 0, 4294967295, \"infin\\u0069te\","
			" \"600\", -1, 4294967296, \"INFINITE\", 1.5, null]") == 0);
	int i = j_first(&d, 0);
	CHECK(j_lifetime(&d, i, &v) && v == UINT32_MAX);
	i = j_next(&d, i);
	CHECK(j_lifetime(&d, i, &v) && v == 600);
	i = j_next(&d, i);
	CHECK(j_lifetime(&d, i, &v) && v == 0);
	i = j_next(&d, i);
	CHECK(j_lifetime(&d, i, &v) && v == UINT32_MAX);
	i = j_next(&d, i);
	CHECK(j_lifetime(&d, i, &v) && v == UINT32_MAX);  /* escaped "infinite" */
	for (i = j_next(&d, i); i >= 0; i = j_next(&d, i))
		CHECK(!j_lifetime(&d, i, &v));
	jdoc_free(&d);
}

TEST(parser_reuses_doc)
{
	struct jdoc d = { 0 };
	CHECK(parse(&d, "[1,2,3,4,5,6,7,8,9,10]") == 0);
	CHECK(d.n == 11);
	CHECK(parse(&d, "{") != 0 && d.err);
	CHECK(parse(&d, "7") == 0);
	CHECK(d.n == 1 && d.err == NULL);
	long long v;
	CHECK(j_int(&d, 0, &v) && v == 7);
	jdoc_free(&d);
	CHECK(d.t == NULL && d.n == 0);
}

/* ---- tokenizer: errors --------------------------------------------- */

TEST(error_empty_input)
{
	struct jdoc d = { 0 };
	CHECK(jdoc_parse(&d, "", 0) == -1);
	CHECK(d.err != NULL && d.err_off == 0);
	CHECK(parse_err("   ", 3) != NULL);
	CHECK(parse_err("\n", 1) != NULL);
	jdoc_free(&d);
}

TEST(error_trailing_garbage)
{
	const char *m = parse_err("{} x", 3);
	CHECK(m && strstr(m, "trailing"));
	CHECK(parse_err("1 2", 2) != NULL);
	CHECK(parse_err("[1]]", 3) != NULL);
	CHECK(parse_err("\"a\"\"b\"", 3) != NULL);
	CHECK(parse_err("nullx", 4) != NULL);
	CHECK(parse_err("01", 1) != NULL);
	/* a NUL byte inside the given length is not the end of the document */
	struct jdoc d = { 0 };
	CHECK(jdoc_parse(&d, "1\0", 2) == -1 && d.err_off == 1);
	/* but the length decides where the document ends */
	CHECK(jdoc_parse(&d, "[1] garbage", 3) == 0);
	jdoc_free(&d);
}

TEST(error_strings)
{
	const char *m = parse_err("\"abc", 4);
	CHECK(m && strstr(m, "unterminated"));
	CHECK(parse_err("[\"abc]", 6) != NULL);
	CHECK(parse_err("\"abc\\", 5) != NULL);
	m = parse_err("\"a\\xb\"", 3);
	CHECK(m && strstr(m, "escape"));
	CHECK(parse_err("\"\\'\"", 2) != NULL);
	CHECK(parse_err("\"\\U0041\"", 2) != NULL);
	m = parse_err("\"\\u12\"", 2);
	CHECK(m && strstr(m, "\\u"));
	CHECK(parse_err("\"\\u12G4\"", 2) != NULL);
	CHECK(parse_err("\"\\u123", 2) != NULL);
	m = parse_err("\"a\nb\"", 2);
	CHECK(m && strstr(m, "control"));
	CHECK(parse_err("\"\t\"", 1) != NULL);
	CHECK(parse_err("\"\x01\"", 1) != NULL);
	CHECK(parse_err("\"\x1f\"", 1) != NULL);
	CHECK(parse_err("'a'", 0) != NULL);
	CHECK(parses("\"\x7f\""));       /* DEL is not a control character here */
}

TEST(error_containers)
{
	const char *m = parse_err("[1 2]", 3);
	CHECK(m && strstr(m, "','"));
	CHECK(parse_err("{\"a\":1 \"b\":2}", 7) != NULL);
	m = parse_err("{\"a\" 1}", 5);
	CHECK(m && strstr(m, "':'"));
	CHECK(parse_err("{\"a\"}", 4) != NULL);
	CHECK(parse_err("{\"a\":}", 5) != NULL);
	CHECK(parse_err("{1:2}", 1) != NULL);
	CHECK(parse_err("{a:2}", 1) != NULL);
	CHECK(parse_err("[1,]", 3) != NULL);
	CHECK(parse_err("{\"a\":1,}", 7) != NULL);
	CHECK(parse_err("[,1]", 1) != NULL);
	CHECK(parse_err("[", 1) != NULL);
	CHECK(parse_err("[1", 2) != NULL);
	CHECK(parse_err("[1,", 3) != NULL);
	CHECK(parse_err("{", 1) != NULL);
	CHECK(parse_err("{\"a\":1", 6) != NULL);
	CHECK(parse_err("]", 0) != NULL);
	CHECK(parse_err("}", 0) != NULL);
	CHECK(parse_err("[1}", 2) != NULL);
	CHECK(parse_err("{\"a\":1]", 6) != NULL);
	CHECK(parse_err("[[1,2],[3 4]]", 10) != NULL);
}

TEST(error_literals_and_numbers)
{
	CHECK(parse_err("tru", 0) != NULL);
	CHECK(parse_err("True", 0) != NULL);
	CHECK(parse_err("nul", 0) != NULL);
	CHECK(parse_err("fals", 0) != NULL);
	CHECK(parse_err("NaN", 0) != NULL);
	CHECK(parse_err("Infinity", 0) != NULL);
	CHECK(parse_err("-", 1) != NULL);
	CHECK(parse_err("-a", 1) != NULL);
	CHECK(parse_err("+1", 0) != NULL);
	CHECK(parse_err(".5", 0) != NULL);
	CHECK(parse_err("1.", 2) != NULL);
	CHECK(parse_err("1.e3", 2) != NULL);
	CHECK(parse_err("1e", 2) != NULL);
	CHECK(parse_err("1e+", 3) != NULL);
	CHECK(parse_err("0x10", 1) != NULL);
	CHECK(parse_err("[-]", 2) != NULL);
	CHECK(parses("-0.5e+10"));
	CHECK(parses("1E5"));
}

/* n nested arrays */
static char *nested(int n)
{
	char *s = malloc((size_t)n * 2 + 1);
	memset(s, '[', (size_t)n);
	memset(s + n, ']', (size_t)n);
	s[2 * n] = '\0';
	return s;
}

TEST(nesting_limit)
{
	char *ok = nested(512), *deep = nested(513), *very = nested(100000);
	struct jdoc d = { 0 };
	CHECK(parse(&d, ok) == 0);
	CHECK(d.n == 512);
	CHECK(parse(&d, deep) == -1);
	CHECK(d.err && strstr(d.err, "deep"));
	CHECK(d.err_off == 512);
	CHECK(parse(&d, very) == -1);   /* and no stack overflow */
	CHECK(d.err && strstr(d.err, "deep"));
	/* objects count too */
	size_t n = 513;
	char *objs = malloc(n * 6 + 2);
	size_t o = 0;
	for (size_t k = 0; k < n; k++) {
		memcpy(objs + o, "{\"a\":", 5);
		o += 5;
	}
	objs[o++] = '1';
	memset(objs + o, '}', n);
	o += n;
	objs[o] = '\0';
	CHECK(parse(&d, objs) == -1);
	CHECK(d.err && strstr(d.err, "deep"));
	/* 512 objects is fine */
	CHECK(jdoc_parse(&d, objs + 5, o - 6) == 0);
	free(objs);
	jdoc_free(&d);
	free(ok);
	free(deep);
	free(very);
}

/* ---- big documents ------------------------------------------------- */

TEST(large_array_linear)
{
	enum { N = 100000 };
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (int k = 0; k < N; k++) {
		jw_obj_begin(&w);
		jw_kint(&w, "i", k);
		jw_kstr(&w, "p", "2001:db8::/64");
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	CHECK(!w.oom);

	clock_t t0 = clock();
	struct jdoc d = { 0 };
	CHECK(jdoc_parse(&d, w.buf, w.len) == 0);
	CHECK(d.t[0].size == N);
	CHECK(d.n == 1 + (size_t)N * 5);
	long long count = 0, sum = 0, v;
	bool in_order = true;
	for (int e = j_first(&d, 0); e >= 0; e = j_next(&d, e)) {
		if (!j_int(&d, j_get(&d, e, "i"), &v) || v != count)
			in_order = false;
		sum += v;
		count++;
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(count == N);
	CHECK(in_order);
	CHECK(sum == (long long)N * (N - 1) / 2);
	/* quadratic walking would take minutes; linear takes milliseconds */
	CHECK(secs < 5.0);
	jdoc_free(&d);
	jw_free(&w);
}

TEST(large_object_keys)
{
	enum { N = 100000 };
	struct jw w;
	char key[16];
	jw_init(&w);
	jw_obj_begin(&w);
	for (int k = 0; k < N; k++) {
		snprintf(key, sizeof(key), "k%d", k);
		jw_kint(&w, key, k);
	}
	jw_obj_end(&w);
	struct jdoc d = { 0 };
	CHECK(jdoc_parse(&d, w.buf, w.len) == 0);
	int count = 0;
	for (int kk = j_first(&d, 0); kk >= 0; kk = j_next(&d, kk))
		count++;
	CHECK(count == N);
	long long v = -1;
	CHECK(j_int(&d, j_get(&d, 0, "k99999"), &v) && v == 99999);
	CHECK(j_get(&d, 0, "k100000") < 0);
	jdoc_free(&d);
	jw_free(&w);
}

/* ---- pretty printer ------------------------------------------------ */

TEST(pretty)
{
	struct jw o;
	const char *src = "{\"a\":1,\"b\":[true,null],\"c\":{},\"d\":[],\"e\":\"x\\\"y\","
			  "\"f\":{\"g\":[{\"h\":-1.5}]}}";
	jw_init(&o);
	CHECK(json_pretty(src, strlen(src), &o) == 0);
	CHECK_STREQ(o.buf,
		    "{\n"
		    "  \"a\": 1,\n"
		    "  \"b\": [\n"
		    "    true,\n"
		    "    null\n"
		    "  ],\n"
		    "  \"c\": {},\n"
		    "  \"d\": [],\n"
		    "  \"e\": \"x\\\"y\",\n"
		    "  \"f\": {\n"
		    "    \"g\": [\n"
		    "      {\n"
		    "        \"h\": -1.5\n"
		    "      }\n"
		    "    ]\n"
		    "  }\n"
		    "}");
	/* pretty output is still the same JSON */
	struct jdoc d = { 0 };
	CHECK(jdoc_parse(&d, o.buf, o.len) == 0);
	CHECK(j_is_str(&d, j_get(&d, 0, "e"), "x\"y"));
	jdoc_free(&d);
	jw_free(&o);
}

TEST(pretty_scalars_and_errors)
{
	struct jw o;
	jw_init(&o);
	CHECK(json_pretty("  5 ", 4, &o) == 0);
	CHECK_STREQ(o.buf, "5");
	jw_reset(&o);
	CHECK(json_pretty("\"a\\nb\"", 6, &o) == 0);
	CHECK_STREQ(o.buf, "\"a\\nb\"");
	jw_reset(&o);
	CHECK(json_pretty("[]", 2, &o) == 0);
	CHECK_STREQ(o.buf, "[]");
	jw_reset(&o);
	CHECK(json_pretty("[1,", 3, &o) == -1);
	CHECK(json_pretty("", 0, &o) == -1);
	jw_free(&o);
}

int main(void)
{
	return unit_run();
}
