/* SPDX-License-Identifier: MIT */
/* test_ipsec_files.c - the .spd/.sad formats, key files and export. */
#include "../../ipsec/ipsec.h"
#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The seed's Configuration 3, Host 1, as hand-written lines. */
static const char host1_spd[] =
	"2 - FE80::2AA:FF:FE92:D0F1 - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPLY 0 ;\n"
	"1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n";
static const char host1_sad[] =
	"SAEntry SPI SDADestIPAddr DestIPAddr SrcIPAddr Protocol DestPort SrcPort AuthAlg KeyFile Direction SecPolicyIndex\n"
	"2 3001 FE80::2AA:FF:FE92:D0F1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key OUTBOUND 2 ;\n"
	"1 3000 FE80::2AA:FF:FE53:A92C POLICY POLICY POLICY POLICY POLICY HMAC-MD5 Test.key INBOUND 2 ;\n";

static void spd(const char *text, struct ipsec_spd_file *f, struct ipsec_msgs *m)
{
	memset(m, 0, sizeof(*m));
	ipsec_spd_parse("t.spd", text, strlen(text), f, m);
}

static void sad(const char *text, struct ipsec_sad_file *f, struct ipsec_msgs *m)
{
	memset(m, 0, sizeof(*m));
	ipsec_sad_parse("t.sad", text, strlen(text), f, m);
}

/* The only message of m, or "" */
static const char *only_msg(const struct ipsec_msgs *m)
{
	return m->n == 1 ? m->v[0] : m->n ? "(several messages)" : "";
}

static void to_text(void (*write)(FILE *, const void *, size_t), const void *v, size_t n,
		    char **out)
{
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	write(f, v, n);
	fclose(f);
}

static void write_spd(FILE *f, const void *v, size_t n) { ipsec_spd_write(f, v, n); }
static void write_sad(FILE *f, const void *v, size_t n) { ipsec_sad_write(f, v, n); }

TEST(hand_written_seed_lines_parse_with_the_seed_spellings)
{
	struct ipsec_spd_file p;
	struct ipsec_sad_file a;
	struct ipsec_msgs m1, m2;
	char buf[NETCFG_SEL_STRLEN];
	spd(host1_spd, &p, &m1);
	sad(host1_sad, &a, &m2);
	CHECK(m1.errors == 0 && m2.errors == 0);
	CHECK(p.n == 2 && a.n == 2);
	CHECK(p.v[0].sp.index == 2 && p.v[0].sp.action == NETCFG_SP_APPLY);
	CHECK_STREQ(netcfg_addr_sel_format(&p.v[0].sp.remote, buf), "fe80::2aa:ff:fe92:d0f1");
	CHECK(p.v[0].line == 1 && p.v[1].line == 2);
	CHECK(a.v[0].sa.spi == 3001 && a.v[0].sa.direction == NETCFG_IPSEC_OUTBOUND);
	CHECK_STREQ(a.v[0].sa.key_file, "Test.key");
	CHECK(a.v[1].sa.dest.kind == NETCFG_SEL_POLICY && a.v[1].sa.policy == 2);
	CHECK(a.v[0].line == 2);
	ipsec_spd_file_free(&p);
	ipsec_sad_file_free(&a);
	ipsec_msgs_free(&m1);
	ipsec_msgs_free(&m2);
}

TEST(written_files_reparse_to_the_same_entries)
{
	struct ipsec_spd_file p, p2;
	struct ipsec_sad_file a, a2;
	struct ipsec_msgs m;
	spd(host1_spd, &p, &m);
	ipsec_msgs_free(&m);
	sad(host1_sad, &a, &m);
	ipsec_msgs_free(&m);
	struct netcfg_sp sps[2] = { p.v[0].sp, p.v[1].sp };
	struct netcfg_sa sas[2] = { a.v[0].sa, a.v[1].sa };
	sps[0].from_packet = NETCFG_SP_PKT_LOCAL_PORT | NETCFG_SP_PKT_REMOTE_ADDR;
	char *ts, *ta;
	to_text(write_spd, sps, 2, &ts);
	to_text(write_sad, sas, 2, &ta);
	spd(ts, &p2, &m);
	CHECK(m.errors == 0 && p2.n == 2);
	ipsec_msgs_free(&m);
	sad(ta, &a2, &m);
	CHECK(m.errors == 0 && a2.n == 2);
	ipsec_msgs_free(&m);
	for (size_t i = 0; i < 2 && p2.n == 2 && a2.n == 2; i++) {
		CHECK(ipsec_sp_equal(&sps[i], &p2.v[i].sp));
		CHECK(ipsec_sa_equal(&sas[i], &a2.v[i].sa));
		CHECK_STREQ(sas[i].key_file, a2.v[i].sa.key_file);
	}
	/* the XP layout: header 272 wide with a trailing blank, borders 273 */
	CHECK(strstr(ts, "\nSecurity Policy List\n\nPolicy      RemoteIPAddr ") == ts);
	const char *hdr = strstr(ts, "Policy      ");
	CHECK(hdr && strchr(hdr, '\n') - hdr == 272 && hdr[271] == ' ');
	const char *border = strchr(hdr, '\n') + 1;
	CHECK(strspn(border, "_") == 273);
	CHECK(strstr(ts, "\n- = Take selector from policy.\n+ = Take selector from packet.\n") != NULL);
	CHECK(strstr(ts, "2         + fe80::2aa:ff:fe92:d0f1") != NULL);
	const char *shdr = strstr(ta, "SAEntry   SPI");
	CHECK(shdr && strchr(shdr, '\n') - shdr == 250);
	CHECK(strspn(strchr(shdr, '\n') + 1, "_") == 251);
	free(ts);
	free(ta);
	ipsec_spd_file_free(&p);
	ipsec_spd_file_free(&p2);
	ipsec_sad_file_free(&a);
	ipsec_sad_file_free(&a2);
}

TEST(a_header_maps_columns_by_name_in_any_order_and_case)
{
	struct ipsec_spd_file p;
	struct ipsec_msgs m;
	char buf[NETCFG_SEL_STRLEN];
	/* the doc table's order: RemotePort before Protocol */
	spd("policy remoteipaddr LocalIPAddr RemotePort Protocol LocalPort IPSecProtocol IPSecMode "
	    "RemoteGWIPAddr SABundleIndex Direction Action InterfaceIndex\n"
	    "5 - 2001:db8::/32 - * - 80 - tcp - * none * * none outbound bypass 0 ;\n", &p, &m);
	CHECK_STREQ(only_msg(&m), "");
	CHECK(p.n == 1);
	if (p.n == 1) {
		CHECK(p.v[0].sp.protocol.kind == NETCFG_SEL_ONE && p.v[0].sp.protocol.lo == 6);
		CHECK(p.v[0].sp.remote_port.lo == 80);
		CHECK_STREQ(netcfg_addr_sel_format(&p.v[0].sp.remote, buf),
			    "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
		CHECK(p.v[0].sp.direction == NETCFG_IPSEC_OUTBOUND);
	}
	ipsec_spd_file_free(&p);
	ipsec_msgs_free(&m);
}

TEST(entries_come_from_between_the_last_two_borders)
{
	struct ipsec_spd_file p;
	struct ipsec_msgs m;
	/* the older layout: a border under the title and one under the header */
	spd("Security Policy List\n______\n"
	    "Policy RemoteIPAddr LocalIPAddr Protocol RemotePort LocalPort IPSecProtocol IPSecMode "
	    "RemoteGWIPAddr SABundleIndex Direction Action InterfaceIndex\n"
	    "______\n"
	    "1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0;\n"
	    "______\n\n- = Take selector from policy\n", &p, &m);
	CHECK_STREQ(only_msg(&m), "");
	CHECK(p.n == 1);
	ipsec_spd_file_free(&p);
	ipsec_msgs_free(&m);
	/* an entry outside the borders is not silently ignored */
	spd("\n______\n1 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n______\n"
	    "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n", &p, &m);
	CHECK_STREQ(only_msg(&m), "t.spd:5: \"2 - * - * - * - * - * NONE * * NONE BIDI...\": text "
		    "outside the entry section, which lies between the last two lines of underscores");
	ipsec_spd_file_free(&p);
	ipsec_msgs_free(&m);
}

TEST(every_error_names_file_line_field_and_text)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0\n",
		  "t.spd:1: policy 2: InterfaceIndex \"0\": missing \";\" at the end of the entry" },
		{ "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS ;\n",
		  "t.spd:1: policy 2: InterfaceIndex: missing (the entry ends after Action \"BYPASS\")" },
		{ "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 9 ;\n",
		  "t.spd:1: policy 2: InterfaceIndex \"0\": followed by unexpected text \"9\" (an entry "
		  "has 13 fields and ends with \";\")" },
		{ "\n\n2 - * - * - TCPX - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:3: policy 2: Protocol \"TCPX\": not TCP, UDP, ICMP, a protocol number (0-255) or *" },
		{ "x - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: Policy \"x\": not a policy number (1 to 2147483647)" },
		{ "2 - fe80::1%4 - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: policy 2: RemoteIPAddr \"fe80::1%4\": scope ids are not allowed here "
		  "(InterfaceIndex selects the interface)" },
		{ "2 - fe80::208:74ff:fed:a625c - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: policy 2: RemoteIPAddr \"fe80::208:74ff:fed:a625c\": not an IPv6 address, an "
		  "address range (low-high), a prefix or *" },
		{ "2 - * - * - * - * - * AH TRANSPORT fe80::1 NONE BIDIRECT APPLY 0 ;\n",
		  "t.spd:1: policy 2: RemoteGWIPAddr \"fe80::1\": only a TUNNEL policy has a gateway; "
		  "RemoteGWIPAddr must be * (IPSecMode is TRANSPORT)" },
		{ "2 - * - * - * - * - * AH TUNNEL * NONE BIDIRECT APPLY 0 ;\n",
		  "t.spd:1: policy 2: RemoteGWIPAddr \"*\": a TUNNEL policy needs the address of the "
		  "tunnel's far end" },
		{ "2 - * - * - UDP - 1-0 - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: policy 2: RemotePort \"1-0\": not a port (0-65535), a port range (low-high) or *" },
		{ "2 - * - * - * - 80 - * NONE * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: policy 2: RemotePort \"80\": ports need Protocol TCP or UDP (the policy's "
		  "Protocol is *)" },
		{ "2 - * - * - * - * - * NONE * * NONE BIDIRECT APPLY 0 ;\n",
		  "t.spd:1: policy 2: IPSecProtocol \"NONE\": an APPLY policy needs AH or ESP" },
		{ "2 - * - * - * - * - * AH * * NONE BIDIRECT BYPASS 0 ;\n",
		  "t.spd:1: policy 2: IPSecProtocol \"AH\": a BYPASS policy protects nothing; "
		  "IPSecProtocol must be NONE" },
		{ "2 \"open - * ;\n", "t.spd:1: a double quote opens a field that never closes" },
		{ "Policy Foo\n", "t.spd:1: header \"Foo\": not a column of an .spd file (Policy "
		  "RemoteIPAddr LocalIPAddr Protocol RemotePort LocalPort IPSecProtocol IPSecMode "
		  "RemoteGWIPAddr SABundleIndex Direction Action InterfaceIndex)" },
		{ "Policy RemoteIPAddr\n", "t.spd:1: header: the LocalIPAddr column is missing" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ipsec_spd_file p;
		struct ipsec_msgs m;
		spd(cases[i].text, &p, &m);
		CHECK(m.errors == 1);
		CHECK_STREQ(only_msg(&m), cases[i].msg);
		ipsec_spd_file_free(&p);
		ipsec_msgs_free(&m);
	}
}

TEST(sad_field_errors)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "2 12 fe80::1 POLICY POLICY POLICY POLICY POLICY HMAC-MD5 k OUTBOUND 2 ;\n",
		  "t.sad:1: SA 2: SPI \"12\": SPIs 1 to 255 are reserved (RFC 4301); use 256 or more" },
		{ "2 3001 fe80::1 POLICY POLICY POLICY POLICY POLICY HMAC-FOO k OUTBOUND 2 ;\n",
		  "t.sad:1: SA 2: AuthAlg \"HMAC-FOO\": not NULL, HMAC-MD5, HMAC-MD5-96, HMAC-SHA1, "
		  "HMAC-SHA1-96 or HMAC-SHA256" },
		{ "2 3001 fe80::1 POLICY POLICY POLICY POLICY POLICY HMAC-SHA1 NONE OUTBOUND 2 ;\n",
		  "t.sad:1: SA 2: KeyFile \"NONE\": HMAC-SHA1 needs a key file" },
		{ "2 3001 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL k OUTBOUND 2 ;\n",
		  "t.sad:1: SA 2: KeyFile \"k\": the NULL algorithm takes no key; KeyFile must be NONE" },
		{ "2 3001 fe80::1 POLICY POLICY POLICY POLICY POLICY NULL NONE BIDIRECT 2 ;\n",
		  "t.sad:1: SA 2: Direction \"BIDIRECT\": an SA protects one direction: INBOUND or OUTBOUND" },
		{ "2 3001 * POLICY POLICY POLICY POLICY POLICY NULL NONE INBOUND 2 ;\n",
		  "t.sad:1: SA 2: SADestIPAddr \"*\": not an IPv6 address (the address that receives the "
		  "protected traffic)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ipsec_sad_file a;
		struct ipsec_msgs m;
		sad(cases[i].text, &a, &m);
		CHECK_STREQ(only_msg(&m), cases[i].msg);
		ipsec_sad_file_free(&a);
		ipsec_msgs_free(&m);
	}
	/* hex SPIs and a quoted key file name with a blank */
	struct ipsec_sad_file a;
	struct ipsec_msgs m;
	sad("7 0x1000 fe80::1 * * 6 80 * HMAC-SHA256 \"my key.key\" OUTBOUND 2;\n", &a, &m);
	CHECK_STREQ(only_msg(&m), "");
	CHECK(a.n == 1 && a.v[0].sa.spi == 4096 && strcmp(a.v[0].sa.key_file, "my key.key") == 0);
	ipsec_sad_file_free(&a);
	ipsec_msgs_free(&m);
}

TEST(binary_files_and_long_lines_are_refused_cleanly)
{
	struct ipsec_spd_file p;
	struct ipsec_msgs m = { 0 };
	static const char nul[] = "1 - *\0 - * ;\n";
	ipsec_spd_parse("t.spd", nul, sizeof(nul) - 1, &p, &m);
	CHECK_STREQ(only_msg(&m), "t.spd:1: the line holds a NUL byte; this is not a text file");
	ipsec_spd_file_free(&p);
	ipsec_msgs_free(&m);
	char *big = malloc(5000);
	memset(big, 'a', 4999);
	big[4999] = '\0';
	spd(big, &p, &m);
	CHECK_STREQ(only_msg(&m), "t.spd:1: the line is longer than 4096 bytes");
	free(big);
	ipsec_spd_file_free(&p);
	ipsec_msgs_free(&m);
}

/* ---- keys --------------------------------------------------------------- */

static int key(const char *text, size_t len, struct ipsec_key **k, char *err)
{
	return ipsec_key_parse((const unsigned char *)text, len, k, err, 256);
}

TEST(key_forms)
{
	struct ipsec_key *k;
	char err[256];
	CHECK(key("\"This is a test\"\n", 17, &k, err) == 0);
	CHECK(k && k->len == 14 && memcmp(k->bytes, "This is a test", 14) == 0);
	ipsec_key_free(k);
	CHECK(key("0x0a0B\n", 7, &k, err) == 0);
	CHECK(k && k->len == 2 && k->bytes[0] == 0x0a && k->bytes[1] == 0x0b);
	ipsec_key_free(k);
	static const char raw[] = { 1, 2, 0, 4 };
	CHECK(key(raw, 4, &k, err) == 0);
	CHECK(k && k->len == 4 && k->bytes[2] == 0);
	ipsec_key_free(k);
	CHECK(key("This is a test", 14, &k, err) < 0 && !k);
	CHECK_STREQ(err, "the key is not enclosed in double quotes (write it as \"key text\", or as "
		    "0x and hex digits)");
	CHECK(key("\"open", 5, &k, err) < 0);
	CHECK_STREQ(err, "the key has an opening double quote but no closing one");
	CHECK(key("\"\"", 2, &k, err) < 0);
	CHECK_STREQ(err, "the key between the double quotes is empty");
	CHECK(key(" \n", 2, &k, err) < 0);
	CHECK_STREQ(err, "the key file is empty");
	CHECK(key("0x0g", 4, &k, err) < 0);
}

TEST(key_files_readable_by_others_are_refused_unless_allowed)
{
	char path[] = "/tmp/netcfg-key.XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK(write(fd, "\"k\"", 3) == 3);
	struct ipsec_key *k;
	char err[256];
	fchmod(fd, 0600);
	CHECK(ipsec_key_read_fd(fd, false, &k, err, sizeof(err)) == NETCFG_OK);
	CHECK(k && k->len == 1 && k->bytes[0] == 'k');
	ipsec_key_free(k);
	fchmod(fd, 0640);
	CHECK(ipsec_key_read_fd(fd, false, &k, err, sizeof(err)) == NETCFG_EPERM && !k);
	CHECK_STREQ(err, "the key file is readable by its group (mode 0640)");
	CHECK(ipsec_key_read_fd(fd, true, &k, err, sizeof(err)) == NETCFG_OK);
	ipsec_key_free(k);
	close(fd);
	unlink(path);
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(ipsec_key_read_fd(p[0], true, &k, err, sizeof(err)) == NETCFG_EINVAL);
	CHECK_STREQ(err, "the key file is not a regular file");
	close(p[0]);
	close(p[1]);
}

/* ---- export --------------------------------------------------------------- */

static int export(enum ipsec_export_format fmt, const char *sp_text, const char *sa_text,
		  struct ipsec_key **keys, char **out, struct ipsec_msgs *m)
{
	struct ipsec_spd_file p;
	struct ipsec_sad_file a;
	struct ipsec_msgs pm;
	spd(sp_text, &p, &pm);
	ipsec_msgs_free(&pm);
	sad(sa_text, &a, &pm);
	ipsec_msgs_free(&pm);
	size_t len;
	FILE *f = open_memstream(out, &len);
	memset(m, 0, sizeof(*m));
	int rc = ipsec_export(f, fmt, &p, &a, keys, m);
	fclose(f);
	ipsec_spd_file_free(&p);
	ipsec_sad_file_free(&a);
	return rc;
}

TEST(export_of_the_seed_as_ip_xfrm)
{
	struct ipsec_key *k = NULL;
	char err[256], *out;
	struct ipsec_msgs m;
	key("\"This is a test\"", 16, &k, err);
	struct ipsec_key *keys[2] = { k, k };
	CHECK(export(IPSEC_EXPORT_IP_XFRM, host1_spd, host1_sad, keys, &out, &m) == 0);
	CHECK(strstr(out, "\nxfrm policy add src ::/0 dst fe80::2aa:ff:fe92:d0f1/128 dir out priority "
		     "2147483646 tmpl proto ah mode transport level required\n") != NULL);
	CHECK(strstr(out, "\nxfrm policy add src fe80::2aa:ff:fe92:d0f1/128 dst ::/0 dir in priority "
		     "2147483646 tmpl proto ah mode transport level required\n") != NULL);
	CHECK(strstr(out, "\nxfrm state add src fe80::2aa:ff:fe92:d0f1 dst fe80::2aa:ff:fe53:a92c proto "
		     "ah spi 3000 mode transport auth-trunc hmac(md5) 0x5468697320697320612074657374 96\n")
	      != NULL);
	free(out);
	/* the seeds' HMAC-MD5 is HMAC-MD5-96, which is setkey's hmac-md5 */
	CHECK(export(IPSEC_EXPORT_SETKEY, host1_spd, host1_sad, keys, &out, &m) == 0);
	CHECK(m.errors == 0);
	CHECK(strstr(out, "\n# SA 1: INBOUND HMAC-MD5 of policy 2, line 3 of t.sad\n"
		     "add fe80::2aa:ff:fe92:d0f1 fe80::2aa:ff:fe53:a92c ah 3000 -m transport "
		     "-A hmac-md5 0x5468697320697320612074657374 ;\n") != NULL);
	ipsec_msgs_free(&m);
	free(out);
	ipsec_key_free(k);
}

TEST(export_refuses_what_the_target_cannot_say)
{
	char *out;
	struct ipsec_msgs m;
	struct ipsec_key *keys[1] = { NULL };
	/* a range that is no prefix */
	CHECK(export(IPSEC_EXPORT_IP_XFRM, "3 - 2001:db8::1-2001:db8::5 - * - * - * - * NONE * * NONE "
		     "OUTBOUND DISCARD 0 ;\n", "", keys, &out, &m) < 0);
	CHECK_STREQ(only_msg(&m), "t.spd:1: policy 3: RemoteIPAddr \"2001:db8::1-2001:db8::5\": ip "
		    "xfrm selects addresses by prefix; this range is not one prefix");
	ipsec_msgs_free(&m);
	free(out);
	/* a range that is one prefix is fine */
	CHECK(export(IPSEC_EXPORT_IP_XFRM, "3 - 2001:db8::-2001:db8::ffff - * - * - * - * NONE * * NONE "
		     "OUTBOUND DISCARD 4 ;\n", "", keys, &out, &m) == 0);
	CHECK(strstr(out, "xfrm policy add src ::/0 dst 2001:db8::/112 dev if4 dir out priority "
		     "2147483645 action block\n") != NULL);
	free(out);
	/* APPCHOICE, selectors from the packet, interfaces in setkey */
	CHECK(export(IPSEC_EXPORT_SETKEY,
		     "4 + fe80::1 - * - * - * - * NONE * * NONE BIDIRECT BYPASS 0 ;\n"
		     "3 - * - * - * - * - * AH TRANSPORT * NONE BIDIRECT APPCHOICE 0 ;\n"
		     "2 - * - * - * - * - * NONE * * NONE BIDIRECT BYPASS 5 ;\n", "", keys, &out, &m) < 0);
	CHECK(m.errors == 3);
	CHECK(m.n == 3 && strcmp(m.v[0], "t.spd:1: policy 4: RemoteIPAddr \"fe80::1\": setkey has no "
				 "selectors taken from the packet (\"+\"); only \"-\" can be exported") == 0);
	CHECK(m.n == 3 && strcmp(m.v[1], "t.spd:2: policy 3: Action \"APPCHOICE\": setkey has no policy "
				 "that leaves the choice to the application") == 0);
	CHECK(m.n == 3 && strcmp(m.v[2], "t.spd:3: policy 2: InterfaceIndex \"5\": setkey policies cannot "
				 "be bound to an interface; only InterfaceIndex 0 can be exported") == 0);
	ipsec_msgs_free(&m);
	free(out);
}

TEST(setkey_export_of_each_algorithm)
{
	static const char esp_sp[] = "9 - fe80::9 - * - TCP - 22 - * ESP TRANSPORT * NONE OUTBOUND APPLY 0 ;\n";
	struct ipsec_key *k = NULL;
	char err[256], *out;
	struct ipsec_msgs m;
	key("0x0102", 6, &k, err);
	struct ipsec_key *keys[1] = { k };
	CHECK(export(IPSEC_EXPORT_SETKEY, esp_sp,
		     "5 4000 fe80::9 POLICY POLICY POLICY POLICY POLICY HMAC-SHA1-96 k OUTBOUND 9 ;\n",
		     keys, &out, &m) == 0);
	CHECK(strstr(out, "\nspdadd ::/0[any] fe80::9/128[22] tcp -P out prio def + 9 ipsec "
		     "esp/transport//require ;\n") != NULL);
	CHECK(strstr(out, "\nadd :: fe80::9 esp 4000 -m transport -E null -A hmac-sha1 0x0102 ;\n") != NULL);
	free(out);
	/* HMAC-SHA1 means the same: the same line, its own comment */
	CHECK(export(IPSEC_EXPORT_SETKEY, esp_sp,
		     "5 4000 fe80::9 POLICY POLICY POLICY POLICY POLICY HMAC-SHA1 k OUTBOUND 9 ;\n",
		     keys, &out, &m) == 0);
	CHECK(strstr(out, "\n# SA 5: OUTBOUND HMAC-SHA1 of policy 9, line 1 of t.sad\n"
		     "add :: fe80::9 esp 4000 -m transport -E null -A hmac-sha1 0x0102 ;\n") != NULL);
	free(out);
	CHECK(export(IPSEC_EXPORT_IP_XFRM, esp_sp,
		     "5 4000 fe80::9 POLICY POLICY POLICY POLICY POLICY HMAC-SHA1 k OUTBOUND 9 ;\n",
		     keys, &out, &m) == 0);
	CHECK(strstr(out, " auth-trunc hmac(sha1) 0x0102 96\n") != NULL);
	free(out);
	/* Linux setkey sends 96 bits of hmac-sha256; HMAC-SHA256 is RFC 4868's 128 */
	CHECK(export(IPSEC_EXPORT_SETKEY, esp_sp,
		     "5 4000 fe80::9 POLICY POLICY POLICY POLICY POLICY HMAC-SHA256 k OUTBOUND 9 ;\n",
		     keys, &out, &m) < 0);
	CHECK(m.errors == 1 && strcmp(out, "") == 0);
	CHECK(m.n == 1 && strncmp(m.v[0], "t.sad:1: SA 5: AuthAlg \"HMAC-SHA256\": setkey on Linux "
				  "truncates hmac-sha256 to 96 bits", 79) == 0);
	ipsec_msgs_free(&m);
	free(out);
	ipsec_key_free(k);
}

int main(void)
{
	return unit_run();
}
