/* SPDX-License-Identifier: MIT */
/*
 * output.c - the two output tables of ipv6: the legacy text layout and
 * JSON.  The JSON printers are the shared codec, so `ipv6 -j` prints
 * exactly what the daemon sends.
 */
#include "ipv6.h"

#include "../../libnetcfg/codec.h"

#include <stdio.h>
#include <unistd.h>

/* ---- text ---------------------------------------------------------- */

static void text_begin(void) {}
static void text_end(void) {}

static const char *life(uint32_t secs, char *buf)
{
	return netcfg_format_lifetime(secs, buf);
}

static void text_interface(const struct netcfg_interface *ifp)
{
	char ll[32], a[NETCFG_ADDRSTRLEN], v[16], p[16];

	printf("Interface %u (site %u): %s\n", ifp->index, ifp->site, ifp->name);
	printf("  %s Neighbor Discovery\n", ifp->uses_nd ? "uses" : "does not use");
	if (ifp->advertises)
		printf("  sends Router Advertisements\n");
	if (ifp->forwards)
		printf("  forwards packets\n");
	codec_lladdr_format(ifp->kind, ifp->lladdr, ifp->lladdr_len, ll);
	printf("  link-level address:%s%s\n", ll[0] ? " " : "", ll);
	for (size_t i = 0; i < ifp->n_addrs; i++) {
		const struct netcfg_address *ad = &ifp->addrs[i];
		netcfg_format_addr(&ad->addr, a);
		if (ad->type == NETCFG_ADDR_ANYCAST)
			printf("    anycast address %s\n", a);
		else
			printf("    %s address %s, %s/%s\n", netcfg_addr_state_name(ad->state), a,
			       life(ad->valid_lifetime, v), life(ad->preferred_lifetime, p));
	}
	for (size_t i = 0; i < ifp->n_groups; i++) {
		const struct netcfg_mcast_group *g = &ifp->groups[i];
		printf("    multicast address %s, %u refs%s%s\n", netcfg_format_addr(&g->addr, a),
		       g->refs, g->reportable ? "" : ", not reportable",
		       g->last_reporter ? ", last reporter" : "");
	}
	printf("  link MTU %u (true link MTU %u)\n", ifp->mtu, ifp->true_mtu);
	printf("  current hop limit %u\n", ifp->hop_limit);
	printf("  reachable time %ums (base %ums)\n", ifp->reachable_ms, ifp->base_reachable_ms);
	printf("  retransmission interval %ums\n", ifp->retrans_ms);
	printf("  DAD transmits %u\n", ifp->dad_transmits);
}

static void text_route(const struct netcfg_route *r)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN], l[16];

	netcfg_format_prefix(&r->prefix, p);
	printf("%s -> %u", p, r->ifindex);
	if (!IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		printf("/%s", netcfg_format_addr(&r->nexthop, nh));
	printf(" pref %u (lifetime %s", r->preference, life(r->lifetime, l));
	if (r->publish)
		printf(", publish");
	if (r->publish && !r->age)
		printf(", no aging");
	if (r->spl)
		printf(", spl %u", r->spl);
	printf(")\n");
}

const struct ipv6_output ipv6_text_output = {
	.begin = text_begin,
	.interface = text_interface,
	.route = text_route,
	.end = text_end,
};

/* ---- JSON ---------------------------------------------------------- */

static struct jw json_out;

static void json_begin(void)
{
	jw_init(&json_out);
	jw_arr_begin(&json_out);
}

static void json_interface(const struct netcfg_interface *ifp)
{
	codec_interface_write(&json_out, ifp);
}

static void json_route(const struct netcfg_route *r)
{
	codec_route_write(&json_out, r, NULL);
}

/* Compact for programs, indented for people at a terminal. */
static void json_end(void)
{
	jw_arr_end(&json_out);
	struct jw pretty;
	jw_init(&pretty);
	if (isatty(STDOUT_FILENO) && json_pretty(json_out.buf, json_out.len, &pretty) == 0)
		fwrite(pretty.buf, 1, pretty.len, stdout);
	else
		fwrite(json_out.buf, 1, json_out.len, stdout);
	putchar('\n');
	jw_free(&pretty);
	jw_free(&json_out);
}

const struct ipv6_output ipv6_json_output = {
	.begin = json_begin,
	.interface = json_interface,
	.route = json_route,
	.end = json_end,
};
