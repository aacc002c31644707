/* SPDX-License-Identifier: MIT */
/* rtu.c - ipv6 rtu prefix if#[/nexthop] [lifetime L] [preference P]
 * [publish] [age] [spl N]: add, update or (lifetime 0) remove a route. */
#include "ipv6.h"

#include <ctype.h>
#include <string.h>

/* "4", "2/::131.107.152.32", and the seeds' spelling "2::131.107.152.32"
 * (the slash left out before a next hop that starts with "::"). */
static bool parse_target(const char *s, uint32_t *ifindex, struct in6_addr *nexthop)
{
	char num[16];
	size_t n = 0;
	while (isdigit((unsigned char)s[n]) && n < sizeof(num) - 1) {
		num[n] = s[n];
		n++;
	}
	num[n] = '\0';
	if (n == 0 || !ipv6_parse_ifnum(num, ifindex))
		return false;
	memset(nexthop, 0, sizeof(*nexthop));
	if (s[n] == '\0')
		return true;
	const char *nh = NULL;
	if (s[n] == '/')
		nh = s + n + 1;
	else if (s[n] == ':' && s[n + 1] == ':')
		nh = s + n;
	return nh && netcfg_parse_addr(nh, nexthop, NULL) == NETCFG_OK;
}

int cmd_rtu(struct ipv6_ctx *c, int argc, char **argv)
{
	struct netcfg_route r = { .lifetime = NETCFG_INFINITE, .age = true };
	bool publish = false, age = false;

	if (argc < 2)
		return ipv6_usage_error(c, argc < 1 ? "missing prefix" : "missing if#[/nexthop]");
	if (netcfg_parse_prefix(argv[0], &r.prefix) != NETCFG_OK)
		return ipv6_usage_error(c, "\"%s\" is not an IPv6 prefix (address/length, host bits zero)",
					argv[0]);
	if (!parse_target(argv[1], &r.ifindex, &r.nexthop))
		return ipv6_usage_error(c, "\"%s\" is not if# or if#/nexthop", argv[1]);

	for (int i = 2; i < argc; i++) {
		const char *w = argv[i];
		uint32_t v;
		if (strcmp(w, "lifetime") == 0 || strcmp(w, "life") == 0) {
			if (++i >= argc)
				return ipv6_usage_error(c, "\"%s\" needs a value", w);
			if (netcfg_parse_lifetime(argv[i], false, &r.lifetime) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not a lifetime (infinite or seconds)", argv[i]);
		} else if (strcmp(w, "preference") == 0 || strcmp(w, "pref") == 0) {
			if (++i >= argc)
				return ipv6_usage_error(c, "\"%s\" needs a value", w);
			if (netcfg_parse_uint(argv[i], UINT32_MAX, &v) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not a preference (0 to 4294967295)", argv[i]);
			r.preference = v;
		} else if (strcmp(w, "publish") == 0 || strcmp(w, "pub") == 0) {
			publish = true;
		} else if (strcmp(w, "age") == 0) {
			age = true;
		} else if (strcmp(w, "spl") == 0) {
			if (++i >= argc)
				return ipv6_usage_error(c, "\"%s\" needs a value", w);
			if (netcfg_parse_uint(argv[i], 128, &v) != NETCFG_OK)
				return ipv6_usage_error(c, "\"%s\" is not a site prefix length (0 to 128)", argv[i]);
			r.spl = (uint8_t)v;
		} else {
			return ipv6_usage_error(c, "unknown keyword \"%s\"", w);
		}
	}
	r.publish = publish;
	r.age = !publish || age;

	unsigned flags = c->persist ? NETCFG_F_PERSIST : 0;
	int rc;
	if (r.lifetime == 0)
		rc = netcfg_route_delete(ipv6_handle(c), &r, flags);
	else
		rc = netcfg_route_add(ipv6_handle(c), &r, flags | NETCFG_F_UPSERT);
	return rc == NETCFG_OK ? 0 : ipv6_stack_error(c);
}
