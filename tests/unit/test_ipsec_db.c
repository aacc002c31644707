/* SPDX-License-Identifier: MIT */
/* test_ipsec_db.c - the rules across entries, checking file pairs against
 * active databases, the flow lookup and the JSON codecs. */
#include "../../ipsec/ipsec.h"
#include "../../libnetcfg/codec_ipsec.h"
#include "unit.h"

#include <stdlib.h>

static const char host1_spd[] =
	"2 - FE80::2AA:FF:FE92:D0F1 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;\n"
	"1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n";
static const char host1_sad[] =
	"2 3001 FE80::2AA:FF:FE92:D0F1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 2 ;\n"
	"1 3000 FE80::2AA:FF:FE53:A92C POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key INBOUND 2 ;\n";

#define H1 "fe80::2aa:ff:fe53:a92c"
#define H2 "fe80::2aa:ff:fe92:d0f1"

/* Parse a pair and check it against active lists. */
static void plan(const char *sp, const char *sa, const struct netcfg_sp_list *asp,
		 const struct netcfg_sa_list *asa, uint32_t only, struct ipsec_plan *p,
		 struct ipsec_msgs *m)
{
	memset(p, 0, sizeof(*p));
	memset(m, 0, sizeof(*m));
	ipsec_spd_parse("t.spd", sp, strlen(sp), &p->spd, m);
	ipsec_sad_parse("t.sad", sa, strlen(sa), &p->sad, m);
	ipsec_plan_check(p, asp, asa, only, m);
}

static const char *msg(const struct ipsec_msgs *m, size_t i)
{
	return i < m->n ? m->v[i] : "";
}

TEST(the_seed_pair_checks_clean)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan(host1_spd, host1_sad, NULL, NULL, 0, &p, &m);
	CHECK(m.n == 0);
	CHECK(p.db.n_sp == 2 && p.db.n_sa == 2);
	size_t order[2];
	CHECK(ipsec_plan_sp_order(&p, order) == 2 && order[0] == 1 && order[1] == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(order_duplicates_and_references)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan("1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n"
	     "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
	     "1 3000 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE INBOUND 2 ;\n"
	     "2 3001 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE INBOUND 2 ;\n"
	     "2 3002 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE INBOUND 2 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 3);
	CHECK_STREQ(msg(&m, 0), "t.spd:2: policy 2: Policy \"2\": policy entries must be in decreasing "
		    "numerical order (policy 1 on line 1 comes before it)");
	CHECK_STREQ(msg(&m, 1), "t.sad:2: SA 2: SAEntry \"2\": SA entries must be in decreasing "
		    "numerical order (SA 1 on line 1 comes before it)");
	CHECK_STREQ(msg(&m, 2), "t.sad:3: SA 2: SAEntry \"2\": SA 2 appears twice (also on line 2)");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);

	plan("3 - * - * - * - * - * AH TRANSPORT * 7 OUTBOUND APPLY 0 ;\n"
	     "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
	     "4 3000 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 5 ;\n"
	     "3 3000 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 2 ;\n"
	     "2 3000 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE INBOUND 3 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 4);
	CHECK_STREQ(msg(&m, 0), "t.spd:1: policy 3: SABundleIndex \"7\": there is no policy 7");
	CHECK_STREQ(msg(&m, 1), "t.sad:1: SA 4: SecPolicyIndex \"5\": there is no policy 5");
	CHECK_STREQ(msg(&m, 2), "t.sad:2: SA 3: SecPolicyIndex \"2\": policy 2 does not apply IPsec "
		    "(its Action is BYPASS, its IPSecProtocol NONE)");
	CHECK_STREQ(msg(&m, 3), "t.sad:3: SA 2: Direction \"INBOUND\": policy 3 covers OUTBOUND traffic only");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(transport_sas_go_to_the_policy_addresses_and_spis_are_unique)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan(host1_spd,
	     /* SA 2 swapped its destination with SA 1's */
	     "3 3001 " H1 " POLICY POLICY POLICY POLICY POLICY HMAC-MD5 k OUTBOUND 2 ;\n"
	     "2 3001 " H2 " POLICY POLICY POLICY POLICY POLICY HMAC-MD5 k OUTBOUND 2 ;\n"
	     "1 3001 " H2 " POLICY POLICY POLICY POLICY POLICY HMAC-MD5 k INBOUND 2 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 2);
	CHECK_STREQ(msg(&m, 0), "t.sad:1: SA 3: SADestIPAddr \"" H1 "\": an OUTBOUND SA of a TRANSPORT "
		    "policy protects traffic to the policy's RemoteIPAddr (" H2 " of policy 2)");
	CHECK_STREQ(msg(&m, 1), "t.sad:3: SA 1: SPI \"3001\": SA 2 already uses SPI 3001 with "
		    "SADestIPAddr " H2);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(bundles_may_point_down_or_up_but_never_loop)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan("5 - * - * - * - * - * ESP TRANSPORT * 3 OUTBOUND APPLY 0 ;\n"
	     "3 - * - * - * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;\n", "", NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 0);
	size_t order[2];
	/* the bundle target goes first */
	CHECK(ipsec_plan_sp_order(&p, order) == 2 && order[0] == 1 && order[1] == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
	plan("5 - * - * - * - * - * ESP TRANSPORT * 3 OUTBOUND APPLY 0 ;\n"
	     "3 - * - * - * - * - * AH TRANSPORT * 5 OUTBOUND APPLY 0 ;\n", "", NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 2);
	CHECK_STREQ(msg(&m, 0), "t.spd:1: policy 5: SABundleIndex \"3\": the SA bundle loops back to policy 5");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(missing_sas_are_warned_about_per_direction)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan(host1_spd, "2 3001 " H2 " POLICY POLICY POLICY POLICY POLICY HMAC-MD5 k OUTBOUND 2 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 0 && m.n == 1 && m.is_warning[0]);
	CHECK_STREQ(msg(&m, 0), "t.spd:1: policy 2: Direction \"BIDIRECT\": no INBOUND SA refers to "
		    "this APPLY policy, so the inbound traffic it matches is dropped until one does");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(active_entries_identical_or_conflicting)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	struct netcfg_sp def, other;
	ipsec_sp_default(&def);
	struct netcfg_sp_list active = { &def, 1 };
	plan(host1_spd, host1_sad, &active, NULL, 0, &p, &m);
	CHECK(m.n == 0);
	CHECK(!p.sp_active[0] && p.sp_active[1]);
	size_t order[2];
	CHECK(ipsec_plan_sp_order(&p, order) == 1 && order[0] == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);

	other = def;
	other.action = NETCFG_SP_DISCARD;
	active.v = &other;
	plan(host1_spd, host1_sad, &active, NULL, 0, &p, &m);
	CHECK_STREQ(msg(&m, 0), "t.spd:2: policy 1: Policy \"1\": policy 1 is already active with other "
		    "values; delete it first (ipsec6 d sp 1)");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(insert_selects_one_policy_and_its_sas)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	struct netcfg_sp def;
	ipsec_sp_default(&def);
	struct netcfg_sp_list active = { &def, 1 };
	plan("3 - fe80::3 - * - * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;\n" "2 - fe80::2 - * "
	     "- * - * - * AH TRANSPORT * NONE OUTBOUND APPLY 0 ;\n",
	     "9 3009 fe80::3 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 3 ;\n"
	     "8 3008 fe80::2 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 2 ;\n",
	     &active, NULL, 2, &p, &m);
	CHECK(m.n == 0);
	CHECK(!p.sp_selected[0] && p.sp_selected[1] && !p.sa_selected[0] && p.sa_selected[1]);
	CHECK(p.db.n_sp == 2 && p.db.n_sa == 1);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
	plan(host1_spd, host1_sad, &active, NULL, 9, &p, &m);
	CHECK_STREQ(msg(&m, 0), "t.spd: Cannot find the SP specified: there is no policy 9 in the file");
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(deleting_a_referenced_policy_names_who_refers_to_it)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	char why[256];
	plan("5 - * - * - * - * - * ESP TRANSPORT * 2 OUTBOUND APPLY 0 ;\n" "2 - " H2 " - * - * - * - * AH "
	     "TRANSPORT * NONE BIDIRECT APPLY 0 ;\n", host1_sad, NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 0);
	CHECK(ipsec_db_check_sp_delete(&p.db, 2, why, sizeof(why)) == NETCFG_EBUSY);
	CHECK_STREQ(why, "SA entries 2, 1 and policy 5 still refer to policy 2");
	CHECK(ipsec_db_check_sp_delete(&p.db, 5, why, sizeof(why)) == NETCFG_OK);
	CHECK(ipsec_db_check_sp_delete(&p.db, 4, why, sizeof(why)) == NETCFG_ENOENT);
	CHECK_STREQ(why, "there is no policy 4");
	/* removing and reinserting keeps the counts */
	struct ipsec_sa_rec *r = ipsec_db_sa(&p.db, 1);
	ipsec_db_remove_sa(&p.db, r);
	CHECK(ipsec_db_sp(&p.db, 2)->sa_in == 0);
	CHECK(ipsec_db_missing_sa(&p.db, ipsec_db_sp(&p.db, 2)) == NETCFG_IPSEC_INBOUND);
	ipsec_db_insert_sa(&p.db, r);
	CHECK(ipsec_db_missing_sa(&p.db, ipsec_db_sp(&p.db, 2)) == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

/* ---- lookup ---------------------------------------------------------------- */

static struct netcfg_ipsec_flow flow(const char *src, const char *dst, int proto, uint32_t sport,
				     uint32_t dport, enum netcfg_ipsec_dir dir)
{
	struct netcfg_ipsec_flow f = { .protocol = proto, .sport = sport, .dport = dport, .direction = dir };
	netcfg_parse_addr(src, &f.src, NULL);
	netcfg_parse_addr(dst, &f.dst, NULL);
	return f;
}

TEST(lookup_first_match_from_the_highest_policy)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	struct netcfg_ipsec_verdict v;
	plan("9 - 2001:db8::/32 - * - TCP - 22 - * NONE * * NONE OUTBOUND DISCARD 0 ;\n"
	     "8 - 2001:db8::1 - * - * - * - * ESP TRANSPORT * 7 BIDIRECT APPLY 0 ;\n"
	     "7 - * - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;\n"
	     "1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
	     "4 5004 2001:db8::1 POLICY POLICY POLICY POLICY POLICY NULL NONE OUTBOUND 8 ;\n"
	     "3 5003 2001:db8::1 * * UDP 53 POLICY HMAC-SHA256 k OUTBOUND 7 ;\n"
	     "2 5002 2001:db8::1 POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 k OUTBOUND 7 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 0);
	struct netcfg_ipsec_flow f = flow("2001:db8::99", "2001:db8::1", 6, 40000, 22, NETCFG_IPSEC_OUTBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 9 && v.action == NETCFG_SP_DISCARD && v.n_steps == 0);
	/* another port: policy 8, ESP then its bundle's AH */
	f.dport = 80;
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 8 && v.action == NETCFG_SP_APPLY && v.n_steps == 2);
	CHECK(v.steps[0].policy == 8 && v.steps[0].proto == NETCFG_IPSEC_ESP && v.steps[0].sa == 4);
	CHECK(v.steps[1].policy == 7 && v.steps[1].sa == 2 && v.steps[1].spi == 5002);
	/* a DNS query takes the SA with explicit selectors, the first in SAD order */
	f = flow("2001:db8::99", "2001:db8::1", 17, 1000, 53, NETCFG_IPSEC_OUTBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.n_steps == 2 && v.steps[1].sa == 3);
	/* inbound: no INBOUND SA for policy 8 */
	f = flow("2001:db8::1", "2001:db8::99", -1, 0, 0, NETCFG_IPSEC_INBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 8 && v.n_steps == 2 && v.steps[0].sa == 0 && v.steps[1].sa == 0);
	/* elsewhere: policy 7 applies AH, but no SA goes to 2001:db8::2 */
	f = flow("2001:db8::99", "2001:db8::2", -1, 0, 0, NETCFG_IPSEC_OUTBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 7 && v.n_steps == 1 && v.steps[0].sa == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
	/* without policies nothing matches */
	struct ipsec_db empty;
	ipsec_db_init(&empty);
	ipsec_db_lookup(&empty, &f, &v);
	CHECK(v.policy == 0);
	ipsec_db_free(&empty);
}

TEST(lookup_of_the_seed_hosts)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	struct netcfg_ipsec_verdict v;
	plan(host1_spd, host1_sad, NULL, NULL, 0, &p, &m);
	struct netcfg_ipsec_flow f = flow(H1, H2, 58, 0, 0, NETCFG_IPSEC_OUTBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 2 && v.n_steps == 1 && v.steps[0].sa == 2 && v.steps[0].spi == 3001);
	f = flow(H2, H1, 58, 0, 0, NETCFG_IPSEC_INBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 2 && v.n_steps == 1 && v.steps[0].sa == 1 && v.steps[0].spi == 3000);
	f = flow(H1, "fe80::77", 58, 0, 0, NETCFG_IPSEC_OUTBOUND);
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 1 && v.action == NETCFG_SP_BYPASS && v.n_steps == 0);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

/* ---- codecs ------------------------------------------------------------------ */

TEST(codecs_round_trip_and_never_carry_keys)
{
	struct ipsec_plan p;
	struct ipsec_msgs m;
	plan("4 + 2001:db8::1-2001:db8::9 - * - UDP + 53 - * ESP TUNNEL 2001:db8::ff NONE INBOUND APPLY 3 ;\n",
	     "6 0x10000 2001:db8::77 2001:db8::/48 POLICY UDP * 1-1024 HMAC-SHA1-96 \"a key\" INBOUND 4 ;\n",
	     NULL, NULL, 0, &p, &m);
	CHECK(m.errors == 0);
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	codec_sp_write(&w, &p.spd.v[0].sp);
	codec_sa_write(&w, &p.sad.v[0].sa);
	jw_arr_end(&w);
	CHECK(strstr(w.buf, "\"from_packet\":[\"remote_address\",\"remote_port\"]") != NULL);
	CHECK(strstr(w.buf, "\"key_file\":\"a key\"") != NULL);
	struct jdoc d = { 0 };
	char err[CODEC_ERRLEN];
	struct netcfg_sp sp;
	struct netcfg_sa sa;
	CHECK(jdoc_parse(&d, w.buf, w.len) == 0);
	int e = j_first(&d, 0);
	CHECK(codec_sp_read(&d, e, &sp, err) == 0 && ipsec_sp_equal(&sp, &p.spd.v[0].sp));
	CHECK(codec_sa_read(&d, j_next(&d, e), &sa, err) == 0 && ipsec_sa_equal(&sa, &p.sad.v[0].sa));
	CHECK_STREQ(sa.key_file, "a key");
	jdoc_free(&d);
	jw_free(&w);

	/* a bad member is named */
	const char bad[] = "{\"index\":2,\"remote_address\":\"x\"}";
	CHECK(jdoc_parse(&d, bad, sizeof(bad) - 1) == 0);
	CHECK(codec_sp_read(&d, 0, &sp, err) == NETCFG_EPROTO);
	CHECK_STREQ(err, "policy: remote_address is not an address selector");
	jdoc_free(&d);

	struct netcfg_ipsec_flow f = flow("2001:db8::1", "2001:db8::77", 17, 53, 9, NETCFG_IPSEC_INBOUND);
	struct netcfg_ipsec_verdict v, v2;
	f.ifindex = 3;
	ipsec_db_lookup(&p.db, &f, &v);
	CHECK(v.policy == 4 && v.n_steps == 1 && v.steps[0].sa == 6 && v.steps[0].spi == 0x10000);
	jw_init(&w);
	codec_ipsec_verdict_write(&w, &f, &v);
	CHECK(jdoc_parse(&d, w.buf, w.len) == 0);
	CHECK(codec_ipsec_verdict_read(&d, 0, &v2, err) == 0);
	CHECK(v2.policy == v.policy && v2.n_steps == v.n_steps && v2.direction == NETCFG_IPSEC_INBOUND);
	jdoc_free(&d);
	jw_free(&w);
	ipsec_plan_free(&p);
	ipsec_msgs_free(&m);
}

TEST(selector_text)
{
	struct netcfg_addr_sel a;
	struct netcfg_num_sel n;
	char buf[NETCFG_SEL_STRLEN];
	CHECK(netcfg_addr_sel_parse("FE80::1-fe80::1", false, &a) == 0 && a.kind == NETCFG_SEL_ONE);
	CHECK(netcfg_addr_sel_parse("::/0", false, &a) == 0 && a.kind == NETCFG_SEL_ANY);
	CHECK(netcfg_addr_sel_parse("fe80::9-fe80::1", false, &a) == NETCFG_EINVAL);
	CHECK(netcfg_addr_sel_parse("POLICY", false, &a) == NETCFG_EINVAL);
	CHECK(netcfg_addr_sel_parse("policy", true, &a) == 0 && a.kind == NETCFG_SEL_POLICY);
	CHECK(netcfg_addr_sel_parse("2001:db8::1/64", false, &a) == NETCFG_EINVAL);
	CHECK(netcfg_proto_sel_parse("icmpv6", false, &n) == 0 && n.lo == 58);
	CHECK_STREQ(netcfg_proto_sel_format(&n, buf), "ICMP");
	CHECK(netcfg_proto_sel_parse("256", false, &n) == NETCFG_EINVAL);
	CHECK(netcfg_port_sel_parse("1024-65535", false, &n) == 0 && n.kind == NETCFG_SEL_RANGE);
	CHECK_STREQ(netcfg_port_sel_format(&n, buf), "1024-65535");
	CHECK(netcfg_port_sel_parse("65536", false, &n) == NETCFG_EINVAL);
	CHECK(netcfg_port_sel_parse("-5", false, &n) == NETCFG_EINVAL);
	CHECK(netcfg_ipsec_dir_parse("bidirect") == NETCFG_IPSEC_BIDIRECT);
	CHECK(netcfg_auth_alg_parse("hmac-sha1-96") == NETCFG_AUTH_HMAC_SHA1_96);
	CHECK(netcfg_ipsec_mode_parse("*") == NETCFG_IPSEC_MODE_ANY);
}

int main(void)
{
	return unit_run();
}
