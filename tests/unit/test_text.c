/* SPDX-License-Identifier: MIT */
/* test_text.c - the shared text helpers against the seeds' fixtures. */
#include "unit.h"

#include <arpa/inet.h>
#include <netcfg/netcfg.h>

/* ---- helpers ------------------------------------------------------- */

static struct in6_addr A6(const char *s)
{
	struct in6_addr a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET6, s, &a) != 1)
		printf("# bad fixture address %s\n", s);
	return a;
}

static struct in_addr A4(const char *s)
{
	struct in_addr a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, s, &a) != 1)
		printf("# bad fixture address %s\n", s);
	return a;
}

/* Parse and re-format: the canonical text, or "ERR". */
static const char *roundtrip_addr(const char *in, char *buf)
{
	struct in6_addr a;
	if (netcfg_parse_addr(in, &a, NULL) != NETCFG_OK)
		return strcpy(buf, "ERR");
	return netcfg_format_addr(&a, buf);
}

static const char *roundtrip_prefix(const char *in, char *buf)
{
	struct netcfg_prefix p;
	if (netcfg_parse_prefix(in, &p) != NETCFG_OK)
		return strcpy(buf, "ERR");
	return netcfg_format_prefix(&p, buf);
}

/* Parse a lifetime; UINT32_MAX - 1 stands for "rejected" in the checks
 * below (no fixture uses that value). */
#define LT_ERR (UINT32_MAX - 1)
static uint32_t lt(const char *s, bool units)
{
	uint32_t v = 12345;
	if (netcfg_parse_lifetime(s, units, &v) != NETCFG_OK)
		return LT_ERR;
	return v;
}

/* ---- addresses ----------------------------------------------------- */

TEST(parse_addr_plain)
{
	struct in6_addr a, want = A6("fe80::1");
	uint32_t scope = 77;
	CHECK(netcfg_parse_addr("fe80::1", &a, &scope) == NETCFG_OK);
	CHECK(memcmp(&a, &want, sizeof(a)) == 0);
	CHECK(scope == 0); /* no %scope -> 0 */
	CHECK(netcfg_parse_addr("::", &a, NULL) == NETCFG_OK);
	CHECK(IN6_IS_ADDR_UNSPECIFIED(&a));
	CHECK(netcfg_parse_addr("::1", &a, NULL) == NETCFG_OK);
	CHECK(IN6_IS_ADDR_LOOPBACK(&a));
}

TEST(parse_addr_scope)
{
	struct in6_addr a, want = A6("fe80::1");
	uint32_t scope = 0;
	CHECK(netcfg_parse_addr("fe80::1%4", &a, &scope) == NETCFG_OK);
	CHECK(scope == 4);
	CHECK(memcmp(&a, &want, sizeof(a)) == 0);
	CHECK(netcfg_parse_addr("fe80::260:97ff:fe02:6ea5%4", &a, &scope) == NETCFG_OK);
	CHECK(scope == 4);
	CHECK(netcfg_parse_addr("fe80::1%4294967295", &a, &scope) == NETCFG_OK);
	CHECK(scope == UINT32_MAX);
	CHECK(netcfg_parse_addr("fec0::1%1", &a, &scope) == NETCFG_OK);
	CHECK(scope == 1);
}

TEST(parse_addr_scope_rejects)
{
	struct in6_addr a;
	uint32_t scope;
	CHECK(netcfg_parse_addr("fe80::1%abc", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%-1", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%+4", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1% 4", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%4x", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%4%5", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::1%4294967296", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("%4", &a, &scope) == NETCFG_EINVAL);
	/* no place to put a scope: refused */
	CHECK(netcfg_parse_addr("fe80::1%4", &a, NULL) == NETCFG_EINVAL);
	/* ... but the plain address is fine */
	CHECK(netcfg_parse_addr("fe80::1", &a, NULL) == NETCFG_OK);
}

TEST(parse_addr_rejects_malformed)
{
	struct in6_addr a;
	uint32_t scope;
	/* the seed's own example has a 5-digit group */
	CHECK(netcfg_parse_addr("fe80::208:74ff:fed:a625c%5", &a, &scope) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80::208:74ff:fed:a625c", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr(NULL, &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("fe80:::1", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("1::2::3", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("1:2:3:4:5:6:7:8:9", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("1:2:3:4:5:6:7", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("10.0.0.2", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("g::1", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr(" ::1", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("::1 ", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("2001:db8::/32", &a, NULL) == NETCFG_EINVAL);
	CHECK(netcfg_parse_addr("[::1]", &a, NULL) == NETCFG_EINVAL);
	/* too long to be an address at all */
	CHECK(netcfg_parse_addr("0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:1",
				&a, NULL) == NETCFG_EINVAL);
}

TEST(format_addr_compressed_lowercase)
{
	char buf[NETCFG_ADDRSTRLEN];
	CHECK_STREQ(roundtrip_addr("FE80:0000:0000:0000:0210:5AFF:FEAA:20A2", buf),
		    "fe80::210:5aff:feaa:20a2");
	CHECK_STREQ(roundtrip_addr("2001:0DB8:0000:0000:0000:0000:0000:0001", buf), "2001:db8::1");
	CHECK_STREQ(roundtrip_addr("0:0:0:0:0:0:0:0", buf), "::");
	CHECK_STREQ(roundtrip_addr("0:0:0:0:0:0:0:1", buf), "::1");
	CHECK_STREQ(roundtrip_addr("ff02:0:0:0:0:0:0:1", buf), "ff02::1");
	/* the longest run of zeros is the one compressed */
	CHECK_STREQ(roundtrip_addr("1:0:0:2:0:0:0:3", buf), "1:0:0:2::3");
	CHECK_STREQ(roundtrip_addr("2002:836b:9820:0:0:0:836b:9820", buf),
		    "2002:836b:9820::836b:9820");
}

TEST(format_addr_ipv4_compatible)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr a;
	netcfg_v4compat(A4("10.0.0.2"), &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "::10.0.0.2");
	CHECK_STREQ(roundtrip_addr("::10.0.0.2", buf), "::10.0.0.2");
	CHECK_STREQ(roundtrip_addr("0:0:0:0:0:0:a00:2", buf), "::10.0.0.2");
	CHECK_STREQ(roundtrip_addr("::131.107.152.32", buf), "::131.107.152.32");
	CHECK_STREQ(roundtrip_addr("::ffff:192.0.2.1", buf), "::ffff:192.0.2.1");
	/* the v4compat form leaves the high 96 bits zero */
	CHECK(a.s6_addr[0] == 0 && a.s6_addr[11] == 0);
	CHECK(a.s6_addr[12] == 10 && a.s6_addr[15] == 2);
}

TEST(format_addr_longest_fits)
{
	char buf[NETCFG_ADDRSTRLEN];
	CHECK_STREQ(roundtrip_addr("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", buf),
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	CHECK(strlen(buf) < NETCFG_ADDRSTRLEN);
}

/* ---- prefixes ------------------------------------------------------ */

TEST(parse_prefix_ok)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct netcfg_prefix p;
	struct in6_addr want = A6("2002::");
	CHECK(netcfg_parse_prefix("2002::/16", &p) == NETCFG_OK);
	CHECK(p.len == 16);
	CHECK(memcmp(&p.addr, &want, sizeof(want)) == 0);
	CHECK_STREQ(roundtrip_prefix("2002::/16", buf), "2002::/16");
	CHECK_STREQ(roundtrip_prefix("::/0", buf), "::/0");
	CHECK_STREQ(roundtrip_prefix("::/96", buf), "::/96");
	CHECK_STREQ(roundtrip_prefix("::1/128", buf), "::1/128");
	CHECK_STREQ(roundtrip_prefix("2001:DB8::/32", buf), "2001:db8::/32");
	CHECK_STREQ(roundtrip_prefix("fe80::/64", buf), "fe80::/64");
	CHECK_STREQ(roundtrip_prefix("2002:ac1f:2aef::/48", buf), "2002:ac1f:2aef::/48");
	CHECK_STREQ(roundtrip_prefix("ff00::/8", buf), "ff00::/8");
	CHECK_STREQ(roundtrip_prefix("fe80::/10", buf), "fe80::/10");
	CHECK_STREQ(roundtrip_prefix("2001:db8::1/128", buf), "2001:db8::1/128");
	CHECK_STREQ(roundtrip_prefix("::ffff:0:0/96", buf), "::ffff:0.0.0.0/96");
}

TEST(parse_prefix_rejects)
{
	struct netcfg_prefix p;
	CHECK(netcfg_parse_prefix("2002::/129", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::/1000", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2001:db8::1/64", &p) == NETCFG_EINVAL); /* host bits */
	CHECK(netcfg_parse_prefix("fe80::1/10", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("fec0::/9", &p) == NETCFG_EINVAL);      /* bit 9 set */
	CHECK(netcfg_parse_prefix("2002::", &p) == NETCFG_EINVAL);        /* no length */
	CHECK(netcfg_parse_prefix("2002::/", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("/16", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::/-1", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::/16x", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::/ 16", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::/16/16", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("2002::%4/16", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("10.0.0.0/8", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix("", &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_prefix(NULL, &p) == NETCFG_EINVAL);
}

TEST(prefix_mask)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr a = A6("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 32);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "2001:db8::");
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 10);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "ffc0::");
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 0);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "::");
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 128);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 127);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
	a = A6("fe80::210:5aff:feaa:20a2");
	netcfg_prefix_mask(&a, 64);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::");
}

TEST(prefix_match)
{
	struct in6_addr a = A6("2002:836b:9820::1"), b = A6("2002:836b:9821::1");
	CHECK(netcfg_prefix_match(&a, &b, 0));
	CHECK(netcfg_prefix_match(&a, &b, 16));
	CHECK(netcfg_prefix_match(&a, &b, 47));
	CHECK(!netcfg_prefix_match(&a, &b, 48));
	CHECK(!netcfg_prefix_match(&a, &b, 128));
	CHECK(netcfg_prefix_match(&a, &a, 128));
	struct in6_addr fe80 = A6("fe80::"), fe9f = A6("febf:ffff::1"), fec0 = A6("fec0::1");
	CHECK(netcfg_prefix_match(&fe80, &fe9f, 10));
	CHECK(!netcfg_prefix_match(&fe80, &fe9f, 11));
	CHECK(!netcfg_prefix_match(&fe80, &fec0, 10));
	CHECK(netcfg_prefix_match(&fe80, &fec0, 9));
	struct in6_addr x = A6("::1"), y = A6("::");
	CHECK(netcfg_prefix_match(&x, &y, 127));
	CHECK(!netcfg_prefix_match(&x, &y, 128));
}

/* ---- lifetimes ----------------------------------------------------- */

TEST(lifetime_plain)
{
	CHECK(lt("infinite", false) == NETCFG_INFINITE);
	CHECK(lt("INFINITE", false) == NETCFG_INFINITE);
	CHECK(lt("Infinite", true) == NETCFG_INFINITE);
	CHECK(lt("0", false) == 0);
	CHECK(lt("600", false) == 600);
	CHECK(lt("1800", true) == 1800);
	CHECK(lt("4294967294", false) == 4294967294u);
}

TEST(lifetime_rejects)
{
	CHECK(lt("", false) == LT_ERR);
	CHECK(lt("", true) == LT_ERR);
	CHECK(lt(NULL, true) == LT_ERR);
	CHECK(lt("-1", false) == LT_ERR);
	CHECK(lt("+5", false) == LT_ERR);
	CHECK(lt(" 5", false) == LT_ERR);
	CHECK(lt("5 ", false) == LT_ERR);
	CHECK(lt("1.5", false) == LT_ERR);
	CHECK(lt("inf", false) == LT_ERR);
	CHECK(lt("infinitely", false) == LT_ERR);
	CHECK(lt("0x10", false) == LT_ERR);
	/* 2^32-1 is "infinite" itself; anything from there up overflows */
	CHECK(lt("4294967295", false) == LT_ERR);
	CHECK(lt("4294967296", false) == LT_ERR);
	CHECK(lt("99999999999999999999999", false) == LT_ERR);
}

TEST(lifetime_units_only_when_allowed)
{
	CHECK(lt("1d2h3m4s", true) == 86400 + 2 * 3600 + 3 * 60 + 4);
	CHECK(lt("1d2h3m4s", false) == LT_ERR);
	CHECK(lt("600s", false) == LT_ERR);
	CHECK(lt("600s", true) == 600);
	CHECK(lt("10m", true) == 600);
	CHECK(lt("2h", true) == 7200);
	CHECK(lt("1d", true) == 86400);
	CHECK(lt("1h30m", true) == 5400);
	CHECK(lt("1D2H3M4S", true) == 93784);
	CHECK(lt("90m", true) == 5400); /* units need not be normalised */
	CHECK(lt("0s", true) == 0);
	CHECK(lt("49710d6h28m14s", true) == 4294967294u);
}

TEST(lifetime_units_rejects)
{
	CHECK(lt("3m1h", true) == LT_ERR);     /* largest first */
	CHECK(lt("4s1d", true) == LT_ERR);
	CHECK(lt("1h1h", true) == LT_ERR);     /* each unit once */
	CHECK(lt("1h30", true) == LT_ERR);     /* a bare number after a unit */
	CHECK(lt("h", true) == LT_ERR);        /* unit without a number */
	CHECK(lt("1hm", true) == LT_ERR);
	CHECK(lt("1w", true) == LT_ERR);
	CHECK(lt("1 h", true) == LT_ERR);
	CHECK(lt("1h-5m", true) == LT_ERR);
	/* overflow: exactly 2^32-1 seconds and beyond */
	CHECK(lt("49710d6h28m15s", true) == LT_ERR);
	CHECK(lt("49711d", true) == LT_ERR);
	CHECK(lt("4294967295s", true) == LT_ERR);
	CHECK(lt("99999999999d", true) == LT_ERR);
	CHECK(lt("4000000000s4000000000s", true) == LT_ERR);
}

TEST(lifetime_pair)
{
	uint32_t v = 1, p = 1;
	CHECK(netcfg_parse_lifetime_pair("600", &v, &p) == NETCFG_OK);
	CHECK(v == 600 && p == 600); /* PL defaults to VL */
	CHECK(netcfg_parse_lifetime_pair("600/300", &v, &p) == NETCFG_OK);
	CHECK(v == 600 && p == 300);
	CHECK(netcfg_parse_lifetime_pair("infinite", &v, &p) == NETCFG_OK);
	CHECK(v == NETCFG_INFINITE && p == NETCFG_INFINITE);
	CHECK(netcfg_parse_lifetime_pair("infinite/1800", &v, &p) == NETCFG_OK);
	CHECK(v == NETCFG_INFINITE && p == 1800);
	CHECK(netcfg_parse_lifetime_pair("0/0", &v, &p) == NETCFG_OK);
	CHECK(v == 0 && p == 0);
}

TEST(lifetime_pair_rejects)
{
	uint32_t v, p;
	CHECK(netcfg_parse_lifetime_pair("", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair(NULL, &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("/300", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("600/", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("600/300/100", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("abc/300", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("600/abc", &v, &p) == NETCFG_EINVAL);
	/* ipv6 adu takes plain seconds, not netsh units */
	CHECK(netcfg_parse_lifetime_pair("10m", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("10m/5m", &v, &p) == NETCFG_EINVAL);
	CHECK(netcfg_parse_lifetime_pair("4294967296/1", &v, &p) == NETCFG_EINVAL);
}

TEST(format_lifetime)
{
	char buf[16];
	CHECK_STREQ(netcfg_format_lifetime(600, buf), "600s");
	CHECK_STREQ(netcfg_format_lifetime(0, buf), "0s");
	CHECK_STREQ(netcfg_format_lifetime(NETCFG_INFINITE, buf), "infinite");
	CHECK_STREQ(netcfg_format_lifetime(4294967294u, buf), "4294967294s");
}

TEST(format_duration)
{
	char buf[32];
	CHECK_STREQ(netcfg_format_duration(93784, buf), "1d2h3m4s");
	CHECK_STREQ(netcfg_format_duration(0, buf), "0s");
	CHECK_STREQ(netcfg_format_duration(NETCFG_INFINITE, buf), "infinite");
	CHECK_STREQ(netcfg_format_duration(59, buf), "59s");
	CHECK_STREQ(netcfg_format_duration(60, buf), "1m");
	CHECK_STREQ(netcfg_format_duration(3600, buf), "1h");
	CHECK_STREQ(netcfg_format_duration(86400, buf), "1d");
	CHECK_STREQ(netcfg_format_duration(86401, buf), "1d1s");   /* zero parts left out */
	CHECK_STREQ(netcfg_format_duration(90000, buf), "1d1h");
	CHECK_STREQ(netcfg_format_duration(1800, buf), "30m");
	CHECK_STREQ(netcfg_format_duration(4294967294u, buf), "49710d6h28m14s");
}

TEST(duration_round_trips_through_netsh_units)
{
	static const uint32_t v[] = { 0, 1, 59, 60, 61, 3599, 3600, 86399, 86400, 93784,
				      604800, 2592000, 4294967294u };
	char buf[32];
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		uint32_t back = 0;
		netcfg_format_duration(v[i], buf);
		CHECK(netcfg_parse_lifetime(buf, true, &back) == NETCFG_OK);
		CHECK(back == v[i]);
	}
	uint32_t back = 0;
	CHECK(netcfg_parse_lifetime(netcfg_format_duration(NETCFG_INFINITE, buf), true, &back) ==
	      NETCFG_OK);
	CHECK(back == NETCFG_INFINITE);
}

/* ---- MAC addresses ------------------------------------------------- */

TEST(mac_parse_forms)
{
	uint8_t mac[6];
	static const uint8_t want[6] = { 0x00, 0x10, 0x5a, 0xaa, 0x20, 0xa2 };
	memset(mac, 0, sizeof(mac));
	CHECK(netcfg_parse_mac("00-10-5a-aa-20-a2", mac) == NETCFG_OK);
	CHECK(memcmp(mac, want, 6) == 0);
	memset(mac, 0, sizeof(mac));
	CHECK(netcfg_parse_mac("00:10:5a:aa:20:a2", mac) == NETCFG_OK);
	CHECK(memcmp(mac, want, 6) == 0);
	memset(mac, 0, sizeof(mac));
	CHECK(netcfg_parse_mac("00-10-5A-AA-20-A2", mac) == NETCFG_OK);
	CHECK(memcmp(mac, want, 6) == 0);
	CHECK(netcfg_parse_mac("ff-ff-ff-ff-ff-ff", mac) == NETCFG_OK);
	CHECK(mac[0] == 0xff && mac[5] == 0xff);
}

TEST(mac_parse_rejects)
{
	uint8_t mac[6];
	CHECK(netcfg_parse_mac("", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac(NULL, mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00-10-5a-aa-20", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00-10-5a-aa-20-a2-11", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00-10-5a-aa-20-a2 ", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00-10:5a-aa-20-a2", mac) == NETCFG_EINVAL);  /* mixed */
	CHECK(netcfg_parse_mac("00:10:5a:aa:20-a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00.10.5a.aa.20.a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("0-10-5a-aa-20-a2f", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00-10-5g-aa-20-a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("00105aaa20a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("0010.5aaa.20a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac("+0-10-5a-aa-20-a2", mac) == NETCFG_EINVAL);
	CHECK(netcfg_parse_mac(" 0-10-5a-aa-20-a2", mac) == NETCFG_EINVAL);
}

TEST(mac_format)
{
	char buf[18];
	static const uint8_t m1[6] = { 0x00, 0x60, 0x08, 0x52, 0xf9, 0xd8 };
	static const uint8_t m2[6] = { 0xAB, 0xCD, 0xEF, 0x01, 0x02, 0x03 };
	CHECK_STREQ(netcfg_format_mac(m1, buf), "00-60-08-52-f9-d8");
	CHECK_STREQ(netcfg_format_mac(m2, buf), "ab-cd-ef-01-02-03");
	uint8_t back[6];
	CHECK(netcfg_parse_mac(buf, back) == NETCFG_OK);
	CHECK(memcmp(back, m2, 6) == 0);
}

/* ---- derived addresses --------------------------------------------- */

TEST(eui64_fixture_from_seed)
{
	uint8_t mac[6];
	struct in6_addr a;
	char buf[NETCFG_ADDRSTRLEN];
	CHECK(netcfg_parse_mac("00-60-08-52-f9-d8", mac) == NETCFG_OK);
	netcfg_linklocal_from_mac(mac, &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::260:8ff:fe52:f9d8");
	CHECK(netcfg_parse_mac("00-10-5a-aa-20-a2", mac) == NETCFG_OK);
	netcfg_linklocal_from_mac(mac, &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::210:5aff:feaa:20a2");
}

TEST(eui64_keeps_high_bits_and_flips_ul_bit)
{
	static const uint8_t local[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr a = A6("2001:db8:1:2::");
	static const uint8_t mac[6] = { 0x00, 0x10, 0x5a, 0xaa, 0x20, 0xa2 };
	netcfg_eui64_from_mac(mac, &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "2001:db8:1:2:210:5aff:feaa:20a2");
	/* a locally administered MAC gets the bit cleared */
	netcfg_eui64_from_mac(local, &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "2001:db8:1:2:0:ff:fe00:1");
	/* linklocal_from_mac overwrites everything, including stale high bits */
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_linklocal_from_mac(local, &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::ff:fe00:1");
}

TEST(sixover4_linklocal)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr a = A6("ffff::ffff");
	netcfg_linklocal_from_ipv4(A4("10.0.0.2"), &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::a00:2");
	netcfg_linklocal_from_ipv4(A4("131.107.152.32"), &a);
	CHECK_STREQ(netcfg_format_addr(&a, buf), "fe80::836b:9820");
}

TEST(solicited_node_groups)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct in6_addr g, a = A6("fe80::210:5aff:feaa:20a2");
	netcfg_solicited_node(&a, &g);
	CHECK_STREQ(netcfg_format_addr(&g, buf), "ff02::1:ffaa:20a2");
	a = A6("fe80::a00:2");
	netcfg_solicited_node(&a, &g);
	CHECK_STREQ(netcfg_format_addr(&g, buf), "ff02::1:ff00:2");
	a = A6("2002:836b:9820::836b:9820");
	netcfg_solicited_node(&a, &g);
	CHECK_STREQ(netcfg_format_addr(&g, buf), "ff02::1:ff6b:9820");
	/* the group does not depend on the prefix */
	struct in6_addr g2, b = A6("2001:db8::210:5aff:feaa:20a2");
	a = A6("fe80::210:5aff:feaa:20a2");
	netcfg_solicited_node(&a, &g);
	netcfg_solicited_node(&b, &g2);
	CHECK(memcmp(&g, &g2, sizeof(g)) == 0);
}

TEST(sixto4_prefix)
{
	char buf[NETCFG_ADDRSTRLEN];
	struct netcfg_prefix p;
	memset(&p, 0xff, sizeof(p));
	netcfg_6to4_prefix(A4("172.31.42.239"), &p);
	CHECK(p.len == 48);
	CHECK_STREQ(netcfg_format_prefix(&p, buf), "2002:ac1f:2aef::/48");
	netcfg_6to4_prefix(A4("131.107.152.32"), &p);
	CHECK_STREQ(netcfg_format_prefix(&p, buf), "2002:836b:9820::/48");
	/* the result is a well-formed prefix */
	struct netcfg_prefix q;
	CHECK(netcfg_parse_prefix(buf, &q) == NETCFG_OK);
	CHECK(q.len == 48 && memcmp(&q.addr, &p.addr, sizeof(q.addr)) == 0);
}

TEST(embedded_ipv4)
{
	char buf[INET_ADDRSTRLEN];
	struct in6_addr a = A6("2002:836b:9820::836b:9820");
	struct in_addr v4 = netcfg_embedded_ipv4(&a, 16);
	CHECK_STREQ(inet_ntop(AF_INET, &v4, buf, sizeof(buf)), "131.107.152.32");
	a = A6("::131.107.152.32");
	v4 = netcfg_embedded_ipv4(&a, 96);
	CHECK_STREQ(inet_ntop(AF_INET, &v4, buf, sizeof(buf)), "131.107.152.32");
	a = A6("2002:ac1f:2aef::1");
	v4 = netcfg_embedded_ipv4(&a, 16);
	CHECK_STREQ(inet_ntop(AF_INET, &v4, buf, sizeof(buf)), "172.31.42.239");
	/* a prefix length that is not a multiple of 8 */
	a = A6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	netcfg_prefix_mask(&a, 4);
	a.s6_addr[0] |= 0x0a;  /* 10 in the low nibble ... */
	v4 = netcfg_embedded_ipv4(&a, 4);
	CHECK(((const uint8_t *)&v4.s_addr)[0] == 0xa0);
	/* plen > 96 is clamped to the last 32 bits */
	a = A6("::10.0.0.2");
	v4 = netcfg_embedded_ipv4(&a, 120);
	CHECK_STREQ(inet_ntop(AF_INET, &v4, buf, sizeof(buf)), "10.0.0.2");
}

TEST(ipv4_private_ranges)
{
	CHECK(netcfg_ipv4_is_private(A4("10.0.0.2")));
	CHECK(netcfg_ipv4_is_private(A4("10.255.255.255")));
	CHECK(netcfg_ipv4_is_private(A4("172.16.0.1")));
	CHECK(netcfg_ipv4_is_private(A4("172.31.42.239")));
	CHECK(netcfg_ipv4_is_private(A4("192.168.1.1")));
	CHECK(netcfg_ipv4_is_private(A4("169.254.3.4")));
	CHECK(!netcfg_ipv4_is_private(A4("131.107.152.32")));
	CHECK(!netcfg_ipv4_is_private(A4("172.15.255.255")));
	CHECK(!netcfg_ipv4_is_private(A4("172.32.0.0")));
	CHECK(!netcfg_ipv4_is_private(A4("192.167.1.1")));
	CHECK(!netcfg_ipv4_is_private(A4("192.169.1.1")));
	CHECK(!netcfg_ipv4_is_private(A4("169.253.1.1")));
	CHECK(!netcfg_ipv4_is_private(A4("11.0.0.1")));
	CHECK(!netcfg_ipv4_is_private(A4("9.255.255.255")));
	CHECK(!netcfg_ipv4_is_private(A4("8.8.8.8")));
}

TEST(parse_ipv4)
{
	struct in_addr v4;
	CHECK(netcfg_parse_ipv4("10.0.0.2", &v4) == NETCFG_OK);
	CHECK(v4.s_addr == htonl(0x0a000002));
	CHECK(netcfg_parse_ipv4("0.0.0.0", &v4) == NETCFG_OK);
	CHECK(netcfg_parse_ipv4("10.1", &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4("010.0.0.1", &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4("256.0.0.1", &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4("10.0.0.2 ", &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4("", &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4(NULL, &v4) == NETCFG_EINVAL);
	CHECK(netcfg_parse_ipv4("::1", &v4) == NETCFG_EINVAL);
}

TEST(addr_scope)
{
	struct in6_addr a;
#define SCOPE(s) (a = A6(s), netcfg_addr_scope(&a))
	CHECK(SCOPE("fe80::1") == 2);
	CHECK(SCOPE("febf::1") == 2);
	CHECK(SCOPE("fec0::1") == 5);
	CHECK(SCOPE("feff::1") == 5);
	CHECK(SCOPE("2001:db8::1") == 14);
	CHECK(SCOPE("2002:836b:9820::1") == 14);
	CHECK(SCOPE("::10.0.0.2") == 14);
	/* multicast: the scope nibble */
	CHECK(SCOPE("ff01::1") == 1);
	CHECK(SCOPE("ff02::1") == 2);
	CHECK(SCOPE("ff02::1:ffaa:20a2") == 2);
	CHECK(SCOPE("ff05::2") == 5);
	CHECK(SCOPE("ff08::1") == 8);
	CHECK(SCOPE("ff0e::1") == 14);
	CHECK(SCOPE("ff12::1") == 2);  /* flags nibble ignored */
	/* RFC 6724 3.1/3.2 (and Windows' Ipv6UnicastAddressScope): the
	 * loopback address and IPv4 127/8 and 169.254/16 are link scope. */
	CHECK(SCOPE("::1") == 2);
	CHECK(SCOPE("::ffff:127.0.0.1") == 2);
	CHECK(SCOPE("::ffff:169.254.1.1") == 2);
	CHECK(SCOPE("::ffff:10.0.0.2") == 14);
	CHECK(SCOPE("::ffff:131.107.152.32") == 14);
#undef SCOPE
}

TEST(parse_uint_bounds)
{
	uint32_t v = 7;
	CHECK(netcfg_parse_uint("0", 10, &v) == NETCFG_OK && v == 0);
	CHECK(netcfg_parse_uint("10", 10, &v) == NETCFG_OK && v == 10);
	CHECK(netcfg_parse_uint("11", 10, &v) == NETCFG_EINVAL);
	CHECK(v == 10); /* untouched on failure */
	CHECK(netcfg_parse_uint("4294967295", UINT32_MAX, &v) == NETCFG_OK && v == UINT32_MAX);
	CHECK(netcfg_parse_uint("4294967296", UINT32_MAX, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("99999999999999999999999999", UINT32_MAX, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("128", 128, &v) == NETCFG_OK && v == 128);
	CHECK(netcfg_parse_uint("129", 128, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("0", 0, &v) == NETCFG_OK && v == 0);
	CHECK(netcfg_parse_uint("1", 0, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("007", 10, &v) == NETCFG_OK && v == 7);
	CHECK(netcfg_parse_uint("", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint(NULL, 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("-1", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("+1", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint(" 1", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("1 ", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("0x1", 10, &v) == NETCFG_EINVAL);
	CHECK(netcfg_parse_uint("1e1", 100, &v) == NETCFG_EINVAL);
}

/* netcfg_format_addr must print exactly what inet_ntop prints: every
 * zero-group pattern of 8 groups, with the other groups drawn from values
 * that exercise leading zeros, plus the IPv4-compatible/-mapped forms. */
TEST(format_addr_matches_inet_ntop_everywhere)
{
	static const unsigned vals[] = { 1, 0xa, 0xab, 0xabc, 0xffff, 0x100 };
	char ours[NETCFG_ADDRSTRLEN], ref[NETCFG_ADDRSTRLEN];
	struct netcfg_prefix p;
	unsigned seed = 7, bad = 0;
	for (unsigned mask = 0; mask < 256; mask++) {
		for (int rep = 0; rep < 20; rep++) {
			struct in6_addr a;
			for (int g = 0; g < 8; g++) {
				unsigned v = 0;
				if (mask & (1u << g)) {
					seed = seed * 1103515245u + 12345u;
					v = vals[(seed >> 16) % 6];
				}
				a.s6_addr[2 * g] = (uint8_t)(v >> 8);
				a.s6_addr[2 * g + 1] = (uint8_t)v;
			}
			if (mask == 0xc0 || mask == 0xe0) { /* ::a.b.c.d and ::ffff:a.b.c.d */
				a.s6_addr[10] = a.s6_addr[11] = mask == 0xe0 ? 0xff : 0;
			}
			inet_ntop(AF_INET6, &a, ref, sizeof(ref));
			netcfg_format_addr(&a, ours);
			if (strcmp(ours, ref) != 0 && bad++ < 5)
				printf("#   %s != inet_ntop %s\n", ours, ref);
			p.addr = a;
			p.len = 128;
			snprintf(ref + strlen(ref), sizeof(ref) - strlen(ref), "/128");
			if (strcmp(netcfg_format_prefix(&p, ours), ref) != 0 && bad++ < 5)
				printf("#   %s != %s\n", ours, ref);
		}
	}
	CHECK(bad == 0);
}

int main(void)
{
	return unit_run();
}
