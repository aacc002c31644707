/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ipsec.c - a fuzz target for the .spd, .sad and key file parsers,
 * the checks and the export that follow them.
 *
 * Every input is read as an SPD, as an SAD and as a key file.  What parses
 * cleanly is written back and parsed again, which must give the same
 * entries (the printed form re-parses); a clean SPD/SAD pair is checked as
 * a plan, looked up and exported.  A broken property aborts.
 *
 * Built two ways: with clang -fsanitize=fuzzer as a libFuzzer target (make
 * fuzz-ipsec), and with gcc as a plain program (replay.c) that runs the
 * files given (or the files of the directories given) once each and
 * reports TAP, which is how `make check` replays the seed corpus.
 */
#include "fuzz.h"

#include "../../ipsec/ipsec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *write_spd(const struct ipsec_spd_file *f, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct netcfg_sp *v = calloc(f->n + 1, sizeof(*v));
	FUZZ_ASSERT(out && v);
	for (size_t i = 0; i < f->n; i++)
		v[i] = f->v[i].sp;
	ipsec_spd_write(out, v, f->n);
	fclose(out);
	free(v);
	return buf;
}

static char *write_sad(const struct ipsec_sad_file *f, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct netcfg_sa *v = calloc(f->n + 1, sizeof(*v));
	FUZZ_ASSERT(out && v);
	for (size_t i = 0; i < f->n; i++)
		v[i] = f->v[i].sa;
	ipsec_sad_write(out, v, f->n);
	fclose(out);
	free(v);
	return buf;
}

static void check_spd_round_trip(const struct ipsec_spd_file *f)
{
	size_t len;
	char *text = write_spd(f, &len);
	struct ipsec_spd_file again;
	struct ipsec_msgs m = { 0 };
	ipsec_spd_parse("again.spd", text, len, &again, &m);
	FUZZ_ASSERT(m.errors == 0);
	FUZZ_ASSERT(again.n == f->n);
	for (size_t i = 0; i < f->n; i++)
		FUZZ_ASSERT(ipsec_sp_equal(&again.v[i].sp, &f->v[i].sp));
	ipsec_spd_file_free(&again);
	ipsec_msgs_free(&m);
	free(text);
}

static void check_sad_round_trip(const struct ipsec_sad_file *f)
{
	size_t len;
	char *text = write_sad(f, &len);
	struct ipsec_sad_file again;
	struct ipsec_msgs m = { 0 };
	ipsec_sad_parse("again.sad", text, len, &again, &m);
	FUZZ_ASSERT(m.errors == 0);
	FUZZ_ASSERT(again.n == f->n);
	for (size_t i = 0; i < f->n; i++) {
		FUZZ_ASSERT(ipsec_sa_equal(&again.v[i].sa, &f->v[i].sa));
		FUZZ_ASSERT(strcmp(again.v[i].sa.key_file, f->v[i].sa.key_file) == 0);
	}
	ipsec_sad_file_free(&again);
	ipsec_msgs_free(&m);
	free(text);
}

/* A clean pair: check it, look a few flows up, export it both ways. */
static void check_pair(struct ipsec_plan *p)
{
	struct ipsec_msgs m = { 0 };
	ipsec_plan_check(p, NULL, NULL, 0, &m);
	if (!m.errors) {
		static const unsigned char key_bytes[] = "k";
		struct ipsec_key *k = NULL;
		char err[128];
		FUZZ_ASSERT(ipsec_key_parse(key_bytes, 1, &k, err, sizeof(err)) == 0 || !k);
		for (size_t i = 0; i < p->spd.n; i++) {
			const struct netcfg_sp *sp = &p->spd.v[i].sp;
			struct netcfg_ipsec_flow f = { .protocol = (int)sp->protocol.lo,
						       .dport = sp->remote_port.lo,
						       .ifindex = sp->ifindex,
						       .direction = NETCFG_IPSEC_OUTBOUND };
			f.dst = sp->remote.lo;
			f.src = sp->local.hi;
			struct netcfg_ipsec_verdict v;
			ipsec_db_lookup(&p->db, &f, &v);
			FUZZ_ASSERT(v.n_steps <= NETCFG_IPSEC_BUNDLE_MAX);
			FUZZ_ASSERT(!v.policy || ipsec_db_sp(&p->db, v.policy));
		}
		struct ipsec_key **keys = calloc(p->sad.n + 1, sizeof(*keys));
		FUZZ_ASSERT(keys);
		for (size_t i = 0; i < p->sad.n; i++)
			keys[i] = k;
		for (int fmt = 0; fmt < 2; fmt++) {
			struct ipsec_msgs xm = { 0 };
			char *buf = NULL;
			size_t len;
			FILE *out = open_memstream(&buf, &len);
			ipsec_export(out, (enum ipsec_export_format)fmt, &p->spd, &p->sad, keys, &xm);
			fclose(out);
			free(buf);
			ipsec_msgs_free(&xm);
		}
		free(keys);
		ipsec_key_free(k);
	}
	ipsec_msgs_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct ipsec_plan p;
	struct ipsec_msgs ms = { 0 }, ma = { 0 };
	memset(&p, 0, sizeof(p));

	ipsec_spd_parse("fuzz.spd", text, size, &p.spd, &ms);
	/* reading reports errors only, each counted once */
	FUZZ_ASSERT(ms.errors == ms.n + ms.dropped);
	if (!ms.errors)
		check_spd_round_trip(&p.spd);
	ipsec_sad_parse("fuzz.sad", text, size, &p.sad, &ma);
	FUZZ_ASSERT(ma.errors == ma.n + ma.dropped);
	if (!ma.errors)
		check_sad_round_trip(&p.sad);
	if (!ms.errors && !ma.errors)
		check_pair(&p);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&ms);
	ipsec_msgs_free(&ma);

	struct ipsec_key *k = NULL;
	char err[256];
	if (ipsec_key_parse(data, size, &k, err, sizeof(err)) == 0) {
		FUZZ_ASSERT(k && k->len > 0 && k->len <= size);
		ipsec_key_free(k);
	} else {
		FUZZ_ASSERT(!k && err[0]);
	}
	return 0;
}
