/* SPDX-License-Identifier: MIT */
/*
 * codec_bench - the wire codec against jansson on a route batch.
 *
 *	codec_bench [COUNT [REPS]]      (default 100000 routes, 3 repetitions)
 *
 * The work is what a batch of COUNT route adds costs on the wire, minus
 * the socket: encode the batch document the library sends
 *
 *	{"ops":[{"op":"route.add","args":{"route":{...},"create":true,...}},...]}
 *
 * and decode it back into struct netcfg_route values the way the daemon
 * does, text addresses parsed with the same netcfg_parse_* calls on both
 * sides.
 *
 *  ours:    json.h writer (args written apart, then copied in with jw_raw,
 *           as libnetcfg's batch queue does) + codec_route_write; then
 *           jdoc_parse + j_get + codec_route_read.
 *  jansson: json_pack per op + json_dumps(JSON_COMPACT) + freeing the tree;
 *           then json_loads + json_object_get/json_*_value + freeing.
 *
 * Both decoders must reproduce the input routes exactly, and the two encoded
 * texts are compared byte for byte.  Prints key=value lines; each time is
 * the median of REPS repetitions, in seconds.
 */
#include <netcfg/netcfg.h>

#include "../libnetcfg/codec.h"
#include "../libnetcfg/json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLAGS NETCFG_F_ADD

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The routes of route_batch: 2001:db8:<i/65536>:<i%65536>::/64. */
static void make_routes(struct netcfg_route *v, uint32_t n)
{
	struct in6_addr gw;
	netcfg_parse_addr("2001:db8:ffff::2", &gw, NULL);
	for (uint32_t i = 0; i < n; i++) {
		struct netcfg_route *r = &v[i];
		memset(r, 0, sizeof(*r));
		static const uint8_t head[4] = { 0x20, 0x01, 0x0d, 0xb8 };
		memcpy(r->prefix.addr.s6_addr, head, 4);
		r->prefix.addr.s6_addr[4] = (uint8_t)(i >> 24);
		r->prefix.addr.s6_addr[5] = (uint8_t)(i >> 16);
		r->prefix.addr.s6_addr[6] = (uint8_t)(i >> 8);
		r->prefix.addr.s6_addr[7] = (uint8_t)i;
		r->prefix.len = 64;
		r->ifindex = 3;
		r->nexthop = gw;
		r->preference = 1024;
		r->lifetime = NETCFG_INFINITE;
		r->age = true;
		r->origin = NETCFG_ORIGIN_MANUAL;
	}
}

static bool same_routes(const struct netcfg_route *a, const struct netcfg_route *b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct netcfg_route *x = &a[i], *y = &b[i];
		if (x->prefix.len != y->prefix.len || x->ifindex != y->ifindex ||
		    !IN6_ARE_ADDR_EQUAL(&x->prefix.addr, &y->prefix.addr) ||
		    !IN6_ARE_ADDR_EQUAL(&x->nexthop, &y->nexthop) ||
		    x->preference != y->preference || x->lifetime != y->lifetime ||
		    x->publish != y->publish || x->age != y->age || x->spl != y->spl ||
		    x->origin != y->origin)
			return false;
	}
	return true;
}

/* ---- ours ---------------------------------------------------------- */

static char *ours_encode(const struct netcfg_route *v, uint32_t n, size_t *len)
{
	struct jw batch, args;
	jw_init(&batch);
	jw_init(&args);
	jw_obj_begin(&batch);
	jw_key(&batch, "ops");
	jw_arr_begin(&batch);
	for (uint32_t i = 0; i < n; i++) {
		jw_obj_begin(&args);
		jw_key(&args, "route");
		codec_route_write(&args, &v[i], NULL);
		codec_flags_write(&args, FLAGS);
		jw_obj_end(&args);

		jw_obj_begin(&batch);
		jw_kstr(&batch, "op", "route.add");
		jw_key(&batch, "args");
		jw_raw(&batch, args.buf, args.len);
		jw_obj_end(&batch);
		jw_reset(&args);
	}
	jw_arr_end(&batch);
	jw_obj_end(&batch);
	jw_free(&args);
	if (batch.oom) {
		jw_free(&batch);
		return NULL;
	}
	return jw_take(&batch, len);
}

static int ours_decode(const char *text, size_t len, struct netcfg_route *out, uint32_t n)
{
	struct jdoc d;
	char err[CODEC_ERRLEN];
	uint32_t got = 0;
	memset(&d, 0, sizeof(d));
	if (jdoc_parse(&d, text, len) < 0) {
		fprintf(stderr, "codec_bench: ours: %s at %zu\n", d.err, d.err_off);
		jdoc_free(&d);
		return -1;
	}
	int ops = j_get(&d, 0, "ops");
	for (int e = j_first(&d, ops); e >= 0; e = j_next(&d, e)) {
		bool create = false, excl = false, replace = false;
		int args = j_get(&d, e, "args");
		if (got == n || !j_is_str(&d, j_get(&d, e, "op"), "route.add") ||
		    codec_route_read(&d, j_get(&d, args, "route"), &out[got], NULL, err) ||
		    !j_bool(&d, j_get(&d, args, "create"), &create) ||
		    !j_bool(&d, j_get(&d, args, "excl"), &excl) ||
		    !j_bool(&d, j_get(&d, args, "replace"), &replace) ||
		    !create || !excl || replace) {
			fprintf(stderr, "codec_bench: ours: op %u does not read back\n", got);
			jdoc_free(&d);
			return -1;
		}
		got++;
	}
	jdoc_free(&d);
	return got == n ? 0 : -1;
}

/* ---- jansson ------------------------------------------------------- */

static char *jansson_encode(const struct netcfg_route *v, uint32_t n, size_t *len)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	json_t *ops = json_array();
	for (uint32_t i = 0; i < n; i++) {
		const struct netcfg_route *r = &v[i];
		/* The fields and order of codec_route_write + codec_flags_write
		 * (this batch has a nexthop, an infinite lifetime, no spl). */
		json_t *op = json_pack("{s:s, s:{s:{s:s, s:I, s:s, s:I, s:s, s:b, s:b, s:s}, s:b, s:b, s:b}}",
				       "op", "route.add", "args", "route",
				       "prefix", netcfg_format_prefix(&r->prefix, p),
				       "ifindex", (json_int_t)r->ifindex,
				       "nexthop", netcfg_format_addr(&r->nexthop, nh),
				       "preference", (json_int_t)r->preference,
				       "lifetime", "infinite",
				       "publish", (int)r->publish, "age", (int)r->age,
				       "origin", netcfg_origin_name(r->origin),
				       "create", (FLAGS & NETCFG_F_CREATE) != 0,
				       "excl", (FLAGS & NETCFG_F_EXCL) != 0,
				       "replace", (FLAGS & NETCFG_F_REPLACE) != 0);
		if (!op || json_array_append_new(ops, op) < 0) {
			json_decref(ops);
			return NULL;
		}
	}
	json_t *root = json_pack("{s:o}", "ops", ops);
	char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	*len = text ? strlen(text) : 0;
	return text;
}

static bool jv_u32(json_t *o, const char *key, uint32_t *v)
{
	json_t *x = json_object_get(o, key);
	if (!json_is_integer(x) || json_integer_value(x) < 0 || json_integer_value(x) > UINT32_MAX)
		return false;
	*v = (uint32_t)json_integer_value(x);
	return true;
}

static bool jv_bool(json_t *o, const char *key, bool *v)
{
	json_t *x = json_object_get(o, key);
	if (!json_is_boolean(x))
		return false;
	*v = json_is_true(x);
	return true;
}

/* The checks of codec_route_read, on a jansson tree. */
static bool jansson_route_read(json_t *o, struct netcfg_route *r)
{
	memset(r, 0, sizeof(*r));
	r->lifetime = NETCFG_INFINITE;
	r->age = true;
	if (!json_is_object(o))
		return false;
	const char *s = json_string_value(json_object_get(o, "prefix"));
	if (!s || netcfg_parse_prefix(s, &r->prefix) != NETCFG_OK || !jv_u32(o, "ifindex", &r->ifindex))
		return false;
	json_t *x = json_object_get(o, "nexthop");
	if (x && (!(s = json_string_value(x)) || netcfg_parse_addr(s, &r->nexthop, NULL) != NETCFG_OK))
		return false;
	if (json_object_get(o, "preference") && !jv_u32(o, "preference", &r->preference))
		return false;
	if ((x = json_object_get(o, "lifetime"))) {
		if (json_is_string(x) && strcmp(json_string_value(x), "infinite") == 0)
			r->lifetime = NETCFG_INFINITE;
		else if (!jv_u32(o, "lifetime", &r->lifetime))
			return false;
	}
	if ((json_object_get(o, "publish") && !jv_bool(o, "publish", &r->publish)) ||
	    (json_object_get(o, "age") && !jv_bool(o, "age", &r->age)))
		return false;
	uint32_t spl = 0;
	if (json_object_get(o, "spl") && (!jv_u32(o, "spl", &spl) || spl > 128))
		return false;
	r->spl = (uint8_t)spl;
	if ((x = json_object_get(o, "origin"))) {
		int org = json_is_string(x) ? netcfg_origin_parse(json_string_value(x)) : -1;
		if (org < 0)
			return false;
		r->origin = (enum netcfg_origin)org;
	}
	return true;
}

static int jansson_decode(const char *text, size_t len, struct netcfg_route *out, uint32_t n)
{
	json_error_t jerr;
	(void)len; /* json_loads finds the end itself */
	json_t *root = json_loads(text, 0, &jerr);
	if (!root) {
		fprintf(stderr, "codec_bench: jansson: %s at %d\n", jerr.text, jerr.position);
		return -1;
	}
	json_t *ops = json_object_get(root, "ops");
	size_t i;
	json_t *op;
	int rc = json_is_array(ops) && json_array_size(ops) == n ? 0 : -1;
	json_array_foreach(ops, i, op) {
		bool create = false, excl = false, replace = false;
		json_t *args = json_object_get(op, "args");
		const char *name = json_string_value(json_object_get(op, "op"));
		if (rc || i >= n || !name || strcmp(name, "route.add") != 0 ||
		    !jansson_route_read(json_object_get(args, "route"), &out[i]) ||
		    !jv_bool(args, "create", &create) || !jv_bool(args, "excl", &excl) ||
		    !jv_bool(args, "replace", &replace) || !create || !excl || replace) {
			fprintf(stderr, "codec_bench: jansson: op %zu does not read back\n", i);
			rc = -1;
			break;
		}
	}
	json_decref(root);
	return rc;
}

/* ---- driver -------------------------------------------------------- */

struct codec {
	const char *name;
	char *(*encode)(const struct netcfg_route *, uint32_t, size_t *);
	int (*decode)(const char *, size_t, struct netcfg_route *, uint32_t);
	double enc[16], dec[16];
	char *text;       /* from the last repetition */
	size_t len;
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int run(struct codec *c, int rep, const struct netcfg_route *in,
	       struct netcfg_route *out, uint32_t n)
{
	free(c->text);
	double t0 = now();
	c->text = c->encode(in, n, &c->len);
	double t1 = now();
	if (!c->text) {
		fprintf(stderr, "codec_bench: %s: encoding failed\n", c->name);
		return -1;
	}
	memset(out, 0, n * sizeof(*out));
	if (c->decode(c->text, c->len, out, n) < 0)
		return -1;
	double t2 = now();
	if (!same_routes(in, out, n)) {
		fprintf(stderr, "codec_bench: %s: decoded routes differ from the input\n", c->name);
		return -1;
	}
	c->enc[rep] = t1 - t0;
	c->dec[rep] = t2 - t1;
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t n = 100000, reps = 3;
	if ((argc > 1 && netcfg_parse_uint(argv[1], 10000000, &n) != NETCFG_OK) ||
	    (argc > 2 && netcfg_parse_uint(argv[2], 16, &reps) != NETCFG_OK) || argc > 3 ||
	    n == 0 || reps == 0) {
		fprintf(stderr, "Usage: codec_bench [COUNT [REPS]]  (REPS 1..16)\n");
		return 2;
	}
	struct netcfg_route *in = malloc(n * sizeof(*in)), *out = malloc(n * sizeof(*out));
	if (!in || !out) {
		fprintf(stderr, "codec_bench: out of memory\n");
		return 1;
	}
	make_routes(in, n);

	struct codec codecs[] = {
		{ .name = "ours", .encode = ours_encode, .decode = ours_decode },
		{ .name = "jansson", .encode = jansson_encode, .decode = jansson_decode },
	};
	/* Alternate the two so that neither always runs on a warmer heap. */
	for (uint32_t rep = 0; rep < reps; rep++)
		for (size_t k = 0; k < 2; k++)
			if (run(&codecs[k], (int)rep, in, out, n) < 0)
				return 1;

	printf("routes=%u\nreps=%u\n", n, reps);
	for (size_t k = 0; k < 2; k++) {
		struct codec *c = &codecs[k];
		double e = median(c->enc, (int)reps), d = median(c->dec, (int)reps);
		printf("%s_encode_s=%.6f\n%s_decode_s=%.6f\n%s_total_s=%.6f\n%s_bytes=%zu\n",
		       c->name, e, c->name, d, c->name, e + d, c->name, c->len);
	}
	bool same = codecs[0].len == codecs[1].len &&
		    memcmp(codecs[0].text, codecs[1].text, codecs[0].len) == 0;
	printf("identical_text=%s\n", same ? "yes" : "no");
	for (size_t k = 0; k < 2; k++)
		free(codecs[k].text);
	free(in);
	free(out);
	return 0;
}
