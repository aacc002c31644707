/* SPDX-License-Identifier: MIT */
/* test_text.c - the shared text helpers against the seeds' fixtures. */
#include "unit.h"

#include <netcfg/netcfg.h>

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

int main(void)
{
	return unit_run();
}
