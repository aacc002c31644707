/* SPDX-License-Identifier: MIT */
/* test_codec.c - the JSON codecs of routes, addresses and interfaces. */
#include "unit.h"

#include <arpa/inet.h>
#include <stdlib.h>

#include "../../libnetcfg/codec.h"

/* ---- helpers ------------------------------------------------------- */

static struct in6_addr A6(const char *s)
{
	struct in6_addr a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET6, s, &a) != 1)
		printf("# bad fixture address %s\n", s);
	return a;
}

static bool addr_eq(const struct in6_addr *a, const char *s)
{
	struct in6_addr b = A6(s);
	return memcmp(a, &b, sizeof(b)) == 0;
}

static struct netcfg_prefix P6(const char *s)
{
	struct netcfg_prefix p;
	memset(&p, 0, sizeof(p));
	if (netcfg_parse_prefix(s, &p) != NETCFG_OK)
		printf("# bad fixture prefix %s\n", s);
	return p;
}

/* Result of reading one object from JSON text: rc, err and the object. */
struct rd {
	int rc;
	char err[CODEC_ERRLEN];
	char ifname[NETCFG_NAME_MAX];
};

static struct rd read_route(const char *json, struct netcfg_route *r)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	strcpy(o.ifname, "<untouched>");
	if (jdoc_parse(&d, json, strlen(json)) != 0) {
		printf("# bad JSON fixture: %s\n", json);
		o.rc = -1000;
	} else {
		o.rc = codec_route_read(&d, 0, r, o.ifname, o.err);
	}
	jdoc_free(&d);
	return o;
}

static struct rd read_address(const char *json, struct netcfg_address *a)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	strcpy(o.ifname, "<untouched>");
	if (jdoc_parse(&d, json, strlen(json)) != 0) {
		printf("# bad JSON fixture: %s\n", json);
		o.rc = -1000;
	} else {
		o.rc = codec_address_read(&d, 0, a, o.ifname, o.err);
	}
	jdoc_free(&d);
	return o;
}

static struct rd read_mcast(const char *json, struct netcfg_mcast_group *g)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	if (jdoc_parse(&d, json, strlen(json)) != 0) {
		printf("# bad JSON fixture: %s\n", json);
		o.rc = -1000;
	} else {
		o.rc = codec_mcast_read(&d, 0, g, o.err);
	}
	jdoc_free(&d);
	return o;
}

/* Caller frees ifp with codec_interface_free on success. */
static struct rd read_interface(const char *json, struct netcfg_interface *ifp)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	if (jdoc_parse(&d, json, strlen(json)) != 0) {
		printf("# bad JSON fixture: %s\n", json);
		o.rc = -1000;
	} else {
		o.rc = codec_interface_read(&d, 0, ifp, o.err);
	}
	jdoc_free(&d);
	return o;
}

/* Expect a reader to fail with NETCFG_EPROTO and exactly this message. */
#define CHECK_ERR(res, msg)                          \
	do {                                         \
		struct rd r_ = (res);                \
		CHECK(r_.rc == NETCFG_EPROTO);       \
		CHECK_STREQ(r_.err, msg);            \
	} while (0)

static const char *route_json(const struct netcfg_route *r, const char *ifname, struct jw *w)
{
	jw_reset(w);
	codec_route_write(w, r, ifname);
	return w->buf;
}

/* ---- routes -------------------------------------------------------- */

TEST(route_round_trip_with_nexthop)
{
	struct netcfg_route r, back;
	struct jw w;
	memset(&r, 0, sizeof(r));
	r.prefix = P6("::/0");
	r.ifindex = 4;
	r.nexthop = A6("fe80::210:5aff:feaa:20a2");
	r.preference = 1;
	r.lifetime = 1800;
	r.publish = true;
	r.age = false;
	r.spl = 48;
	r.origin = NETCFG_ORIGIN_AUTOCONF;
	jw_init(&w);
	const char *json = route_json(&r, "eth0", &w);
	CHECK_STREQ(json, "{\"prefix\":\"::/0\",\"ifindex\":4,\"interface\":\"eth0\","
			  "\"nexthop\":\"fe80::210:5aff:feaa:20a2\",\"preference\":1,"
			  "\"lifetime\":1800,\"publish\":true,\"age\":false,\"spl\":48,"
			  "\"origin\":\"autoconf\"}");
	struct rd o = read_route(json, &back);
	CHECK(o.rc == 0);
	CHECK_STREQ(o.ifname, "eth0");
	CHECK(back.prefix.len == 0 && addr_eq(&back.prefix.addr, "::"));
	CHECK(back.ifindex == 4);
	CHECK(addr_eq(&back.nexthop, "fe80::210:5aff:feaa:20a2"));
	CHECK(back.preference == 1);
	CHECK(back.lifetime == 1800);
	CHECK(back.publish && !back.age);
	CHECK(back.spl == 48);
	CHECK(back.origin == NETCFG_ORIGIN_AUTOCONF);
	jw_free(&w);
}

TEST(route_round_trip_on_link)
{
	struct netcfg_route r, back;
	struct jw w;
	memset(&r, 0, sizeof(r));
	r.prefix = P6("2002:836b:9820::/48");
	r.ifindex = 3;
	r.preference = 4294967295u;
	r.lifetime = NETCFG_INFINITE;
	r.age = true;
	r.origin = NETCFG_ORIGIN_SYSTEM;
	jw_init(&w);
	const char *json = route_json(&r, NULL, &w);
	/* no nexthop, no spl, no interface name; infinite is spelled out */
	CHECK_STREQ(json, "{\"prefix\":\"2002:836b:9820::/48\",\"ifindex\":3,"
			  "\"preference\":4294967295,\"lifetime\":\"infinite\","
			  "\"publish\":false,\"age\":true,\"origin\":\"system\"}");
	memset(&back, 0xa5, sizeof(back));
	struct rd o = read_route(json, &back);
	CHECK(o.rc == 0);
	CHECK_STREQ(o.ifname, "");
	CHECK(back.prefix.len == 48 && addr_eq(&back.prefix.addr, "2002:836b:9820::"));
	CHECK(back.ifindex == 3);
	CHECK(IN6_IS_ADDR_UNSPECIFIED(&back.nexthop));
	CHECK(back.preference == 4294967295u);
	CHECK(back.lifetime == NETCFG_INFINITE);
	CHECK(!back.publish && back.age);
	CHECK(back.spl == 0);
	CHECK(back.origin == NETCFG_ORIGIN_SYSTEM);
	jw_free(&w);
}

TEST(route_round_trip_many)
{
	static const char *const prefixes[] = { "2002::/16", "::/96", "fe80::/64", "ff00::/8",
						"2001:db8::1/128", "fec0:0:0:1::/64" };
	struct jw w;
	jw_init(&w);
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		struct netcfg_route r, back;
		memset(&r, 0, sizeof(r));
		r.prefix = P6(prefixes[k]);
		r.ifindex = (uint32_t)k + 1;
		r.lifetime = (uint32_t)k * 600;
		r.publish = k & 1;
		r.age = k & 2;
		r.spl = (uint8_t)(k * 16);
		r.origin = (enum netcfg_origin)(k % 3);
		if (k & 1)
			r.nexthop = A6("fe80::1");
		CHECK(read_route(route_json(&r, "x", &w), &back).rc == 0);
		char a[NETCFG_ADDRSTRLEN];
		CHECK_STREQ(netcfg_format_prefix(&back.prefix, a), prefixes[k]);
		CHECK(back.ifindex == r.ifindex && back.lifetime == r.lifetime);
		CHECK(back.publish == r.publish && back.age == r.age);
		CHECK(back.spl == r.spl && back.origin == r.origin);
		CHECK(memcmp(&back.nexthop, &r.nexthop, sizeof(r.nexthop)) == 0);
	}
	jw_free(&w);
}

TEST(route_read_defaults)
{
	struct netcfg_route r;
	struct rd o = read_route("{\"prefix\":\"2001:db8::/32\",\"ifindex\":2}", &r);
	CHECK(o.rc == 0);
	CHECK(r.ifindex == 2 && r.prefix.len == 32);
	CHECK(r.lifetime == NETCFG_INFINITE);
	CHECK(r.age && !r.publish);
	CHECK(r.preference == 0 && r.spl == 0);
	CHECK(r.origin == NETCFG_ORIGIN_MANUAL);
	CHECK(IN6_IS_ADDR_UNSPECIFIED(&r.nexthop));
	/* the persistent store names the interface instead */
	o = read_route("{\"prefix\":\"2001:db8::/32\",\"interface\":\"Local Area Connection\"}", &r);
	CHECK(o.rc == 0);
	CHECK_STREQ(o.ifname, "Local Area Connection");
	CHECK(r.ifindex == 0);
	/* unknown members are ignored */
	o = read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"colour\":\"blue\"}", &r);
	CHECK(o.rc == 0);
}

TEST(route_read_errors)
{
	struct netcfg_route r;
	CHECK_ERR(read_route("[]", &r), "route: value is not an object");
	CHECK_ERR(read_route("\"::/0\"", &r), "route: value is not an object");
	CHECK_ERR(read_route("{\"ifindex\":1}", &r), "route: prefix is missing");
	CHECK_ERR(read_route("{\"prefix\":\"2001:db8::1/64\",\"ifindex\":1}", &r),
		  "route: prefix is not an IPv6 prefix");
	CHECK_ERR(read_route("{\"prefix\":\"2001:db8::\",\"ifindex\":1}", &r),
		  "route: prefix is not an IPv6 prefix");
	CHECK_ERR(read_route("{\"prefix\":\"::/129\",\"ifindex\":1}", &r),
		  "route: prefix is not an IPv6 prefix");
	CHECK_ERR(read_route("{\"prefix\":16,\"ifindex\":1}", &r),
		  "route: prefix is not an IPv6 prefix");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\"}", &r), "route: ifindex is missing");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":-1}", &r),
		  "route: ifindex is not a number in range");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":\"3\"}", &r),
		  "route: ifindex is not a number in range");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":4294967296}", &r),
		  "route: ifindex is not a number in range");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"interface\":5}", &r),
		  "route: interface is not an interface name");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"nexthop\":\"fe80::1%4\"}", &r),
		  "route: nexthop is not an IPv6 address");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"nexthop\":\"10.0.0.1\"}", &r),
		  "route: nexthop is not an IPv6 address");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"nexthop\":null}", &r),
		  "route: nexthop is not an IPv6 address");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"preference\":1.5}", &r),
		  "route: preference is not a number in range");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"lifetime\":\"forever\"}", &r),
		  "route: lifetime is not a lifetime");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"lifetime\":-1}", &r),
		  "route: lifetime is not a lifetime");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"publish\":\"yes\"}", &r),
		  "route: publish is not true or false");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"age\":1}", &r),
		  "route: age is not true or false");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"spl\":129}", &r),
		  "route: spl is not a number in range");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"origin\":\"dhcp\"}", &r),
		  "route: origin has an unknown value");
	CHECK_ERR(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"origin\":2}", &r),
		  "route: origin has an unknown value");
	/* spl 128 is the largest that is allowed */
	CHECK(read_route("{\"prefix\":\"::/0\",\"ifindex\":1,\"spl\":128}", &r).rc == 0);
	CHECK(r.spl == 128);
}

/* ---- addresses ----------------------------------------------------- */

TEST(address_round_trip)
{
	struct netcfg_address a, back;
	struct jw w;
	memset(&a, 0, sizeof(a));
	a.ifindex = 4;
	a.addr = A6("fe80::210:5aff:feaa:20a2");
	a.type = NETCFG_ADDR_ANYCAST;
	a.state = NETCFG_ADDR_TENTATIVE;
	a.origin = NETCFG_ORIGIN_SYSTEM;
	a.valid_lifetime = 600;
	a.preferred_lifetime = 300;
	jw_init(&w);
	codec_address_write(&w, &a, "Local Area Connection");
	CHECK_STREQ(w.buf, "{\"ifindex\":4,\"interface\":\"Local Area Connection\","
			   "\"address\":\"fe80::210:5aff:feaa:20a2\",\"type\":\"anycast\","
			   "\"state\":\"tentative\",\"origin\":\"system\","
			   "\"valid_lifetime\":600,\"preferred_lifetime\":300}");
	struct rd o = read_address(w.buf, &back);
	CHECK(o.rc == 0);
	CHECK_STREQ(o.ifname, "Local Area Connection");
	CHECK(back.ifindex == 4);
	CHECK(addr_eq(&back.addr, "fe80::210:5aff:feaa:20a2"));
	CHECK(back.type == NETCFG_ADDR_ANYCAST);
	CHECK(back.state == NETCFG_ADDR_TENTATIVE);
	CHECK(back.origin == NETCFG_ORIGIN_SYSTEM);
	CHECK(back.valid_lifetime == 600 && back.preferred_lifetime == 300);

	/* every state, and infinite lifetimes, without an interface name */
	for (int st = NETCFG_ADDR_INVALID; st <= NETCFG_ADDR_PREFERRED; st++) {
		a.state = (enum netcfg_addr_state)st;
		a.type = NETCFG_ADDR_UNICAST;
		a.origin = NETCFG_ORIGIN_MANUAL;
		a.addr = A6("2002:836b:9820::836b:9820");
		a.valid_lifetime = a.preferred_lifetime = NETCFG_INFINITE;
		jw_reset(&w);
		codec_address_write(&w, &a, NULL);
		CHECK(strstr(w.buf, "\"interface\"") == NULL);
		CHECK(strstr(w.buf, "\"valid_lifetime\":\"infinite\"") != NULL);
		o = read_address(w.buf, &back);
		CHECK(o.rc == 0);
		CHECK_STREQ(o.ifname, "");
		CHECK(back.state == (enum netcfg_addr_state)st);
		CHECK(back.type == NETCFG_ADDR_UNICAST && back.origin == NETCFG_ORIGIN_MANUAL);
		CHECK(back.valid_lifetime == NETCFG_INFINITE);
		CHECK(back.preferred_lifetime == NETCFG_INFINITE);
		CHECK(addr_eq(&back.addr, "2002:836b:9820::836b:9820"));
	}
	jw_free(&w);
}

TEST(address_read_defaults)
{
	struct netcfg_address a;
	struct rd o = read_address("{\"ifindex\":2,\"address\":\"::10.0.0.2\"}", &a);
	CHECK(o.rc == 0);
	CHECK(addr_eq(&a.addr, "::10.0.0.2"));
	CHECK(a.type == NETCFG_ADDR_UNICAST);
	CHECK(a.state == NETCFG_ADDR_PREFERRED);
	CHECK(a.origin == NETCFG_ORIGIN_MANUAL);
	CHECK(a.valid_lifetime == NETCFG_INFINITE && a.preferred_lifetime == NETCFG_INFINITE);
}

TEST(address_read_errors)
{
	struct netcfg_address a;
	char longname[NETCFG_NAME_MAX + 40];
	char json[256];
	CHECK_ERR(read_address("null", &a), "address: value is not an object");
	CHECK_ERR(read_address("{\"address\":\"fe80::1\"}", &a), "address: ifindex is missing");
	CHECK_ERR(read_address("{\"ifindex\":1}", &a), "address: address is missing");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"fe80::208:74ff:fed:a625c\"}", &a),
		  "address: address is not an IPv6 address");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"fe80::1%5\"}", &a),
		  "address: address is not an IPv6 address");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"2002::/16\"}", &a),
		  "address: address is not an IPv6 address");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"::1\",\"type\":\"multicast\"}", &a),
		  "address: type has an unknown value");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"::1\",\"state\":\"Preferred\"}", &a),
		  "address: state has an unknown value");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"::1\",\"origin\":true}", &a),
		  "address: origin has an unknown value");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"::1\",\"valid_lifetime\":-5}", &a),
		  "address: valid_lifetime is not a lifetime");
	CHECK_ERR(read_address("{\"ifindex\":1,\"address\":\"::1\",\"preferred_lifetime\":\"1h\"}",
			       &a),
		  "address: preferred_lifetime is not a lifetime");
	/* an interface name that does not fit */
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	snprintf(json, sizeof(json), "{\"interface\":\"%s\",\"address\":\"::1\"}", longname);
	CHECK_ERR(read_address(json, &a), "address: interface is not an interface name");
	/* exactly NETCFG_NAME_MAX - 1 characters fits */
	longname[NETCFG_NAME_MAX - 1] = '\0';
	snprintf(json, sizeof(json), "{\"interface\":\"%s\",\"address\":\"::1\"}", longname);
	struct rd o = read_address(json, &a);
	CHECK(o.rc == 0);
	CHECK(strlen(o.ifname) == NETCFG_NAME_MAX - 1);
}

/* ---- multicast groups ---------------------------------------------- */

TEST(mcast_round_trip)
{
	struct netcfg_mcast_group g, back;
	struct jw w;
	memset(&g, 0, sizeof(g));
	g.addr = A6("ff02::1:ffaa:20a2");
	g.refs = 2;
	g.reportable = true;
	g.last_reporter = false;
	jw_init(&w);
	codec_mcast_write(&w, &g);
	CHECK_STREQ(w.buf, "{\"address\":\"ff02::1:ffaa:20a2\",\"refs\":2,"
			   "\"reportable\":true,\"last_reporter\":false}");
	CHECK(read_mcast(w.buf, &back).rc == 0);
	CHECK(addr_eq(&back.addr, "ff02::1:ffaa:20a2"));
	CHECK(back.refs == 2 && back.reportable && !back.last_reporter);
	CHECK_ERR(read_mcast("{}", &back), "multicast group: address is missing");
	CHECK_ERR(read_mcast("[]", &back), "multicast group: value is not an object");
	CHECK_ERR(read_mcast("{\"address\":\"ff02::1\",\"refs\":-1}", &back),
		  "multicast group: refs is not a number in range");
	CHECK_ERR(read_mcast("{\"address\":\"ff02::1\",\"reportable\":null}", &back),
		  "multicast group: reportable is not true or false");
	jw_free(&w);
}

/* ---- interfaces ---------------------------------------------------- */

static void fill_interface(struct netcfg_interface *ifp, enum netcfg_if_kind kind)
{
	memset(ifp, 0, sizeof(*ifp));
	ifp->index = 4;
	strcpy(ifp->name, "Local Area Connection");
	ifp->kind = kind;
	ifp->site = 1;
	ifp->uses_nd = true;
	ifp->forwards = false;
	ifp->advertises = true;
	ifp->mtu = 1500;
	ifp->true_mtu = 1500;
	ifp->hop_limit = 128;
	ifp->reachable_ms = 22000;
	ifp->base_reachable_ms = 30000;
	ifp->retrans_ms = 1000;
	ifp->dad_transmits = 1;
}

TEST(interface_round_trip_with_addresses_and_groups)
{
	struct netcfg_interface ifp, back;
	struct netcfg_address addrs[2];
	struct netcfg_mcast_group groups[3];
	struct jw w;

	fill_interface(&ifp, NETCFG_IF_ETHERNET);
	static const uint8_t mac[6] = { 0x00, 0x10, 0x5a, 0xaa, 0x20, 0xa2 };
	memcpy(ifp.lladdr, mac, 6);
	ifp.lladdr_len = 6;
	memset(addrs, 0, sizeof(addrs));
	addrs[0].ifindex = 4;
	addrs[0].addr = A6("fe80::210:5aff:feaa:20a2");
	addrs[0].state = NETCFG_ADDR_PREFERRED;
	addrs[0].origin = NETCFG_ORIGIN_SYSTEM;
	addrs[0].valid_lifetime = addrs[0].preferred_lifetime = NETCFG_INFINITE;
	addrs[1].ifindex = 4;
	addrs[1].addr = A6("2001:db8::210:5aff:feaa:20a2");
	addrs[1].state = NETCFG_ADDR_DEPRECATED;
	addrs[1].origin = NETCFG_ORIGIN_AUTOCONF;
	addrs[1].valid_lifetime = 2592000;
	addrs[1].preferred_lifetime = 0;
	memset(groups, 0, sizeof(groups));
	groups[0].addr = A6("ff02::1");
	groups[0].refs = 1;
	groups[1].addr = A6("ff02::1:ffaa:20a2");
	groups[1].refs = 2;
	groups[1].reportable = true;
	groups[1].last_reporter = true;
	groups[2].addr = A6("ff05::2");
	groups[2].refs = 1;
	groups[2].reportable = true;
	ifp.addrs = addrs;
	ifp.n_addrs = 2;
	ifp.groups = groups;
	ifp.n_groups = 3;

	jw_init(&w);
	codec_interface_write(&w, &ifp);
	CHECK(!w.oom);
	CHECK(strstr(w.buf, "\"kind\":\"ethernet\"") != NULL);
	CHECK(strstr(w.buf, "\"lladdr\":\"00-10-5a-aa-20-a2\"") != NULL);
	CHECK(strstr(w.buf, "\"reachable_time_ms\":22000") != NULL);

	struct rd o = read_interface(w.buf, &back);
	CHECK(o.rc == 0);
	if (o.rc != 0) {
		printf("#   %s\n", o.err);
		jw_free(&w);
		return;
	}
	CHECK(back.index == 4);
	CHECK_STREQ(back.name, "Local Area Connection");
	CHECK(back.kind == NETCFG_IF_ETHERNET);
	CHECK(back.site == 1);
	CHECK(back.uses_nd && !back.forwards && back.advertises);
	CHECK(back.lladdr_len == 6 && memcmp(back.lladdr, mac, 6) == 0);
	CHECK(back.mtu == 1500 && back.true_mtu == 1500);
	CHECK(back.hop_limit == 128);
	CHECK(back.reachable_ms == 22000 && back.base_reachable_ms == 30000);
	CHECK(back.retrans_ms == 1000 && back.dad_transmits == 1);
	CHECK(back.n_addrs == 2);
	CHECK(back.n_groups == 3);
	if (back.n_addrs == 2) {
		CHECK(addr_eq(&back.addrs[0].addr, "fe80::210:5aff:feaa:20a2"));
		CHECK(back.addrs[0].ifindex == 4);
		CHECK(back.addrs[0].state == NETCFG_ADDR_PREFERRED);
		CHECK(back.addrs[0].origin == NETCFG_ORIGIN_SYSTEM);
		CHECK(back.addrs[0].valid_lifetime == NETCFG_INFINITE);
		CHECK(addr_eq(&back.addrs[1].addr, "2001:db8::210:5aff:feaa:20a2"));
		CHECK(back.addrs[1].state == NETCFG_ADDR_DEPRECATED);
		CHECK(back.addrs[1].origin == NETCFG_ORIGIN_AUTOCONF);
		CHECK(back.addrs[1].valid_lifetime == 2592000);
		CHECK(back.addrs[1].preferred_lifetime == 0);
	}
	if (back.n_groups == 3) {
		CHECK(addr_eq(&back.groups[0].addr, "ff02::1"));
		CHECK(back.groups[0].refs == 1 && !back.groups[0].reportable);
		CHECK(addr_eq(&back.groups[1].addr, "ff02::1:ffaa:20a2"));
		CHECK(back.groups[1].refs == 2);
		CHECK(back.groups[1].reportable && back.groups[1].last_reporter);
		CHECK(addr_eq(&back.groups[2].addr, "ff05::2"));
		CHECK(back.groups[2].reportable && !back.groups[2].last_reporter);
	}
	codec_interface_free(&back);
	CHECK(back.addrs == NULL && back.groups == NULL);
	CHECK(back.n_addrs == 0 && back.n_groups == 0);
	jw_free(&w);
}

TEST(interface_empty_lists)
{
	struct netcfg_interface ifp, back;
	struct jw w;
	fill_interface(&ifp, NETCFG_IF_LOOPBACK);
	strcpy(ifp.name, "Loopback Pseudo-Interface");
	ifp.index = 1;
	jw_init(&w);
	codec_interface_write(&w, &ifp);
	CHECK(strstr(w.buf, "\"addresses\":[],\"multicast\":[]}") != NULL);
	CHECK(read_interface(w.buf, &back).rc == 0);
	CHECK(back.n_addrs == 0 && back.n_groups == 0);
	CHECK_STREQ(back.name, "Loopback Pseudo-Interface");
	codec_interface_free(&back);
	/* both lists are optional when reading */
	CHECK(read_interface("{\"name\":\"x\",\"index\":9}", &back).rc == 0);
	CHECK(back.index == 9 && back.n_addrs == 0 && back.addrs == NULL);
	CHECK(back.kind == NETCFG_IF_ETHERNET); /* the default kind */
	codec_interface_free(&back);
	jw_free(&w);
}

/* Write an interface of kind with the given link-layer bytes and check the
 * lladdr text, then read it back. */
static void check_lladdr_round_trip(enum netcfg_if_kind kind, const uint8_t *ll, uint8_t len,
				    const char *text)
{
	struct netcfg_interface ifp, back;
	struct jw w;
	char want[64];
	fill_interface(&ifp, kind);
	memcpy(ifp.lladdr, ll, len);
	ifp.lladdr_len = len;
	jw_init(&w);
	codec_interface_write(&w, &ifp);
	snprintf(want, sizeof(want), "\"lladdr\":\"%s\"", text);
	CHECK(strstr(w.buf, want) != NULL);
	snprintf(want, sizeof(want), "\"kind\":\"%s\"", netcfg_if_kind_name(kind));
	CHECK(strstr(w.buf, want) != NULL);
	struct rd o = read_interface(w.buf, &back);
	CHECK(o.rc == 0);
	if (o.rc == 0) {
		CHECK(back.kind == kind);
		CHECK(back.lladdr_len == len);
		CHECK(memcmp(back.lladdr, ll, len) == 0);
		codec_interface_free(&back);
	} else {
		printf("#   %s: %s\n", text, o.err);
	}
	jw_free(&w);
}

TEST(interface_lladdr_per_kind)
{
	static const uint8_t mac[6] = { 0x00, 0x10, 0x5a, 0xaa, 0x20, 0xa2 };
	static const uint8_t v4[4] = { 10, 0, 0, 2 };
	static const uint8_t zero[4] = { 0, 0, 0, 0 };
	static const uint8_t pub[4] = { 131, 107, 152, 32 };
	check_lladdr_round_trip(NETCFG_IF_ETHERNET, mac, 6, "00-10-5a-aa-20-a2");
	check_lladdr_round_trip(NETCFG_IF_6OVER4, v4, 4, "10.0.0.2");
	check_lladdr_round_trip(NETCFG_IF_LOOPBACK, zero, 0, "");
	check_lladdr_round_trip(NETCFG_IF_TUNNEL, zero, 4, "0.0.0.0");
	check_lladdr_round_trip(NETCFG_IF_V6V4, pub, 4, "131.107.152.32");
}

TEST(lladdr_format_and_parse)
{
	char buf[32];
	uint8_t ll[NETCFG_LLADDR_MAX], len = 99;
	static const uint8_t mac[6] = { 0x00, 0x60, 0x08, 0x52, 0xf9, 0xd8 };
	static const uint8_t v4[4] = { 10, 0, 0, 2 };
	CHECK_STREQ(codec_lladdr_format(NETCFG_IF_ETHERNET, mac, 6, buf), "00-60-08-52-f9-d8");
	CHECK_STREQ(codec_lladdr_format(NETCFG_IF_6OVER4, v4, 4, buf), "10.0.0.2");
	CHECK_STREQ(codec_lladdr_format(NETCFG_IF_LOOPBACK, v4, 0, buf), "");
	CHECK(codec_lladdr_parse(NETCFG_IF_ETHERNET, "00:60:08:52:f9:d8", ll, &len) == NETCFG_OK);
	CHECK(len == 6 && memcmp(ll, mac, 6) == 0);
	CHECK(codec_lladdr_parse(NETCFG_IF_6OVER4, "10.0.0.2", ll, &len) == NETCFG_OK);
	CHECK(len == 4 && memcmp(ll, v4, 4) == 0);
	CHECK(codec_lladdr_parse(NETCFG_IF_LOOPBACK, "", ll, &len) == NETCFG_OK);
	CHECK(len == 0);
	CHECK(codec_lladdr_parse(NETCFG_IF_LOOPBACK, "00-60-08-52-f9-d8", ll, &len) == NETCFG_EINVAL);
	CHECK(codec_lladdr_parse(NETCFG_IF_ETHERNET, "10.0.0.2", ll, &len) == NETCFG_EINVAL);
	CHECK(codec_lladdr_parse(NETCFG_IF_ETHERNET, "", ll, &len) == NETCFG_EINVAL);
	CHECK(codec_lladdr_parse(NETCFG_IF_6OVER4, "00-60-08-52-f9-d8", ll, &len) == NETCFG_EINVAL);
	CHECK(codec_lladdr_parse(NETCFG_IF_6OVER4, "10.0.0", ll, &len) == NETCFG_EINVAL);
	CHECK(codec_lladdr_parse(NETCFG_IF_TUNNEL, "", ll, &len) == NETCFG_EINVAL);
}

TEST(interface_read_errors)
{
	struct netcfg_interface ifp;
	char json[512];
	CHECK_ERR(read_interface("[]", &ifp), "interface: value is not an object");
	CHECK_ERR(read_interface("{\"index\":1}", &ifp), "interface: name is missing or too long");
	CHECK_ERR(read_interface("{\"name\":7,\"index\":1}", &ifp),
		  "interface: name is missing or too long");
	snprintf(json, sizeof(json), "{\"name\":\"%0*d\",\"index\":1}", NETCFG_NAME_MAX, 0);
	CHECK_ERR(read_interface(json, &ifp), "interface: name is missing or too long");
	CHECK_ERR(read_interface("{\"name\":\"x\"}", &ifp), "interface: index is missing");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":true}", &ifp),
		  "interface: index is not a number in range");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"kind\":\"token-ring\"}", &ifp),
		  "interface: kind has an unknown value");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"hop_limit\":256}", &ifp),
		  "interface: hop_limit is not a number in range");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"mtu\":-1280}", &ifp),
		  "interface: mtu is not a number in range");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"forwards\":\"no\"}", &ifp),
		  "interface: forwards is not true or false");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"kind\":\"ethernet\","
				 "\"lladdr\":\"10.0.0.2\"}", &ifp),
		  "interface: lladdr is not a link-layer address of its kind");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"kind\":\"6over4\","
				 "\"lladdr\":\"00-10-5a-aa-20-a2\"}", &ifp),
		  "interface: lladdr is not a link-layer address of its kind");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"kind\":\"loopback\","
				 "\"lladdr\":\"0.0.0.0\"}", &ifp),
		  "interface: lladdr is not a link-layer address of its kind");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"lladdr\":6}", &ifp),
		  "interface: lladdr is not a link-layer address of its kind");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"addresses\":{}}", &ifp),
		  "interface: addresses is not an array");
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"multicast\":\"ff02::1\"}", &ifp),
		  "interface: multicast is not an array");
	/* errors inside the lists name the inner object; nothing is leaked */
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"addresses\":[{\"ifindex\":1,"
				 "\"address\":\"fe80::1\"},{\"ifindex\":1,\"address\":\"bogus\"}]}",
				 &ifp),
		  "address: address is not an IPv6 address");
	CHECK(ifp.addrs == NULL && ifp.n_addrs == 0);
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"addresses\":[],"
				 "\"multicast\":[{\"address\":\"ff02::1\"},{\"refs\":1}]}", &ifp),
		  "multicast group: address is missing");
	CHECK(ifp.groups == NULL && ifp.n_groups == 0);
	CHECK(ifp.addrs == NULL);
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"addresses\":[{\"ifindex\":1,"
				 "\"address\":\"fe80::1\"}],\"multicast\":7}", &ifp),
		  "interface: multicast is not an array");
	CHECK(ifp.addrs == NULL && ifp.n_addrs == 0);
	CHECK_ERR(read_interface("{\"name\":\"x\",\"index\":1,\"addresses\":[5]}", &ifp),
		  "address: value is not an object");
}

TEST(interface_addresses_take_interface_index)
{
	struct netcfg_interface ifp;
	struct rd o = read_interface("{\"name\":\"x\",\"index\":7,\"addresses\":["
				     "{\"ifindex\":1,\"address\":\"fe80::1\"},"
				     "{\"ifindex\":99,\"address\":\"fe80::2\"}]}", &ifp);
	CHECK(o.rc == 0);
	CHECK(ifp.n_addrs == 2);
	if (ifp.n_addrs == 2)
		CHECK(ifp.addrs[0].ifindex == 7 && ifp.addrs[1].ifindex == 7);
	codec_interface_free(&ifp);
}

/* ---- enum names ---------------------------------------------------- */

TEST(if_kind_names)
{
	static const char *const names[] = { "loopback", "tunnel", "ethernet", "6over4", "v6v4",
					     "other" };
	CHECK(NETCFG_IF__KIND_MAX == 6);
	for (int k = 0; k < NETCFG_IF__KIND_MAX; k++) {
		CHECK_STREQ(netcfg_if_kind_name((enum netcfg_if_kind)k), names[k]);
		CHECK(netcfg_if_kind_parse(names[k]) == k);
	}
	CHECK(netcfg_if_kind_name(NETCFG_IF__KIND_MAX) == NULL);
	CHECK(netcfg_if_kind_name((enum netcfg_if_kind)-1) == NULL);
	CHECK(netcfg_if_kind_parse("Ethernet") == -1);
	CHECK(netcfg_if_kind_parse("") == -1);
	CHECK(netcfg_if_kind_parse(NULL) == -1);
	CHECK(netcfg_if_kind_parse("ethernet ") == -1);
}

TEST(if_state_and_router_pref_names)
{
	CHECK_STREQ(netcfg_if_state_name(NETCFG_IF_CONNECTED), "connected");
	CHECK_STREQ(netcfg_if_state_name(NETCFG_IF_NOT_PRESENT), "not-present");
	CHECK(netcfg_if_state_parse("disconnected") == NETCFG_IF_DISCONNECTED);
	CHECK(netcfg_if_state_name((enum netcfg_if_state)3) == NULL);
	CHECK_STREQ(netcfg_router_pref_name(NETCFG_ROUTER_PREF_HIGH), "high");
	CHECK(netcfg_router_pref_parse("low") == NETCFG_ROUTER_PREF_LOW);
	CHECK(netcfg_router_pref_parse("Low") == -1);
	CHECK_STREQ(netcfg_route_rule_name(NETCFG_RULE_KERNEL), "kernel");
	CHECK_STREQ(netcfg_source_rule_name(NETCFG_SRC_KERNEL), "kernel");
}

TEST(addr_type_state_origin_names)
{
	CHECK_STREQ(netcfg_addr_type_name(NETCFG_ADDR_UNICAST), "unicast");
	CHECK_STREQ(netcfg_addr_type_name(NETCFG_ADDR_ANYCAST), "anycast");
	CHECK(netcfg_addr_type_name((enum netcfg_addr_type)2) == NULL);
	CHECK(netcfg_addr_type_parse("anycast") == NETCFG_ADDR_ANYCAST);
	CHECK(netcfg_addr_type_parse("unicast") == NETCFG_ADDR_UNICAST);
	CHECK(netcfg_addr_type_parse("multicast") == -1);

	static const char *const states[] = { "invalid", "duplicate", "tentative",
					      "deprecated", "preferred" };
	for (int s = NETCFG_ADDR_INVALID; s <= NETCFG_ADDR_PREFERRED; s++) {
		CHECK_STREQ(netcfg_addr_state_name((enum netcfg_addr_state)s), states[s]);
		CHECK(netcfg_addr_state_parse(states[s]) == s);
	}
	CHECK(netcfg_addr_state_name((enum netcfg_addr_state)5) == NULL);
	CHECK(netcfg_addr_state_parse("valid") == -1);
	CHECK(netcfg_addr_state_parse(NULL) == -1);

	CHECK_STREQ(netcfg_origin_name(NETCFG_ORIGIN_MANUAL), "manual");
	CHECK_STREQ(netcfg_origin_name(NETCFG_ORIGIN_SYSTEM), "system");
	CHECK_STREQ(netcfg_origin_name(NETCFG_ORIGIN_AUTOCONF), "autoconf");
	CHECK(netcfg_origin_name((enum netcfg_origin)3) == NULL);
	CHECK(netcfg_origin_parse("autoconf") == NETCFG_ORIGIN_AUTOCONF);
	CHECK(netcfg_origin_parse("manual") == NETCFG_ORIGIN_MANUAL);
	CHECK(netcfg_origin_parse("dhcp") == -1);
}

/* ---- change flags -------------------------------------------------- */

static const char *flags_json(unsigned flags, struct jw *w)
{
	jw_reset(w);
	jw_obj_begin(w);
	jw_kstr(w, "op", "route.add");
	codec_flags_write(w, flags);
	jw_obj_end(w);
	return w->buf;
}

TEST(flags_write)
{
	struct jw w;
	jw_init(&w);
	CHECK_STREQ(flags_json(0, &w),
		    "{\"op\":\"route.add\",\"create\":false,\"excl\":false,\"replace\":false}");
	CHECK_STREQ(flags_json(NETCFG_F_CREATE | NETCFG_F_EXCL, &w),
		    "{\"op\":\"route.add\",\"create\":true,\"excl\":true,\"replace\":false}");
	CHECK_STREQ(flags_json(NETCFG_F_REPLACE | NETCFG_F_PERSIST, &w),
		    "{\"op\":\"route.add\",\"create\":false,\"excl\":false,\"replace\":true,"
		    "\"persist\":true}");
	CHECK_STREQ(flags_json(NETCFG_F_CREATE | NETCFG_F_EXCL | NETCFG_F_REPLACE | NETCFG_F_PERSIST,
			       &w),
		    "{\"op\":\"route.add\",\"create\":true,\"excl\":true,\"replace\":true,"
		    "\"persist\":true}");
	/* the result is valid JSON that reads back as booleans */
	struct jdoc d = { 0 };
	bool b = false;
	CHECK(jdoc_parse(&d, w.buf, w.len) == 0);
	CHECK(j_bool(&d, j_get(&d, 0, "persist"), &b) && b);
	CHECK(j_bool(&d, j_get(&d, 0, "excl"), &b) && b);
	jdoc_free(&d);
	jw_free(&w);
}

int main(void)
{
	return unit_run();
}
