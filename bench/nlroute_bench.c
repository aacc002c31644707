/* SPDX-License-Identifier: MIT */
/*
 * nlroute_bench - the linux dataplane's batch route path, for row 70 of
 * `make bench` (bench/rows.d/70-linux.sh).
 *
 *	nlroute_bench [-n NETNS] COUNT DEV GATEWAY
 *	nlroute_bench --ip-batch COUNT DEV GATEWAY
 *
 * Route i is 2001:db8:<i/65536>:<i%65536>::/64 via GATEWAY dev DEV,
 * metric 1024, protocol LNX_PROTO: the same set as bench/route_batch, with
 * our protocol number.  The first form enters NETNS, opens the netlink
 * context and installs the COUNT routes with one lnx_route_batch() call,
 * which returns once every route is in the kernel; it prints key=value
 * lines (routes, applied, failed, sendmsgs, open_s, batch_s).  The second
 * prints the same routes as an `ip -batch` file, so both tools get them
 * from one generator.
 */
#include "linux.h"

#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netcfg/text.h>

#define BENCH_METRIC 1024

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_route(uint32_t i, uint32_t ifindex, const struct in6_addr *gw, struct lnx_route *r)
{
	static const uint8_t db8[4] = { 0x20, 0x01, 0x0d, 0xb8 };
	memset(r, 0, sizeof(*r));
	memcpy(r->dst.addr.s6_addr, db8, sizeof(db8));
	r->dst.addr.s6_addr[4] = (uint8_t)(i >> 24);
	r->dst.addr.s6_addr[5] = (uint8_t)(i >> 16);
	r->dst.addr.s6_addr[6] = (uint8_t)(i >> 8);
	r->dst.addr.s6_addr[7] = (uint8_t)i;
	r->dst.len = 64;
	r->ifindex = ifindex;
	r->gateway = *gw;
	r->metric = BENCH_METRIC;
}

static int usage(void)
{
	fprintf(stderr, "usage: nlroute_bench [-n NETNS] COUNT DEV GATEWAY\n"
			"       nlroute_bench --ip-batch COUNT DEV GATEWAY\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *netns = NULL;
	bool ip_batch = false;
	int a = 1;
	if (a + 1 < argc && strcmp(argv[a], "-n") == 0) {
		netns = argv[a + 1];
		a += 2;
	} else if (a < argc && strcmp(argv[a], "--ip-batch") == 0) {
		ip_batch = true;
		a++;
	}
	if (argc - a != 3)
		return usage();
	char *end;
	unsigned long n = strtoul(argv[a], &end, 10);
	struct in6_addr gw;
	if (*end || n == 0 || n > 16777216 || netcfg_parse_addr(argv[a + 2], &gw, NULL) != 0)
		return usage();
	const char *dev = argv[a + 1];

	if (ip_batch) {
		char p[NETCFG_ADDRSTRLEN], g[NETCFG_ADDRSTRLEN];
		struct lnx_route r;
		netcfg_format_addr(&gw, g);
		for (uint32_t i = 0; i < n; i++) {
			bench_route(i, 0, &gw, &r);
			printf("route add %s via %s dev %s metric %d proto %d\n",
			       netcfg_format_prefix(&r.dst, p), g, dev, BENCH_METRIC, LNX_PROTO);
		}
		return fflush(stdout) == 0 ? 0 : 1;
	}

	double t0 = now();
	struct lnx_options opt = { .netns = netns };
	struct lnx *ctx;
	char err[LNX_ERR_MAX];
	int st = lnx_open(&ctx, &opt, err, sizeof(err));
	if (st != NETCFG_OK) {
		fprintf(stderr, "nlroute_bench: %s\n", err);
		return 1;
	}
	unsigned ifindex = if_nametoindex(dev);
	struct lnx_route_change *v = calloc(n, sizeof(*v));
	if (!ifindex || !v) {
		fprintf(stderr, "nlroute_bench: %s\n", v ? "no such interface" : "out of memory");
		free(v);
		lnx_close(ctx);
		return 1;
	}
	for (uint32_t i = 0; i < n; i++) {
		v[i].op = LNX_OP_ADD;
		bench_route(i, ifindex, &gw, &v[i].route);
	}
	double t1 = now();
	struct lnx_batch_report rep = { 0 };
	st = lnx_route_batch(ctx, v, n, 0, &rep);
	double t2 = now();
	printf("routes=%lu\napplied=%zu\nfailed=%zu\nsendmsgs=%zu\nopen_s=%.6f\nbatch_s=%.6f\n",
	       n, rep.applied, rep.failed, rep.sendmsgs, t1 - t0, t2 - t1);
	if (st != NETCFG_OK)
		fprintf(stderr, "nlroute_bench: %s\n", lnx_error(ctx));
	free(v);
	lnx_close(ctx);
	return st == NETCFG_OK ? 0 : 1;
}
