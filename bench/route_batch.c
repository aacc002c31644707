/* SPDX-License-Identifier: MIT */
/*
 * route_batch - add COUNT routes to stackd as one batch (the client of
 * `make bench` row 1), or print the same routes as an `ip -6 -batch` file.
 *
 *	route_batch COUNT IFINDEX GATEWAY
 *	route_batch --ip-batch COUNT DEV GATEWAY
 *	route_batch --info
 *
 * Route i is 2001:db8:<i/65536>:<i%65536>::/64 via GATEWAY, preference
 * (metric) 1024, infinite lifetime.  Both tools get their routes from
 * bench_route() below, so the two route sets are identical.
 *
 * The first form connects to $NETCFG_SOCKET (never auto-starting a daemon),
 * queues COUNT netcfg_route_add(NETCFG_F_ADD) calls between
 * netcfg_batch_begin() and netcfg_batch_commit(), and prints key=value
 * lines: the phase times, the routes committed, and the daemon's CPU time
 * (utime+stime from /proc/<pid>/stat) and peak RSS (VmHWM) for the run.
 *
 * Verifying means listing every route, which costs the daemon and the
 * client more than a third of the batch itself, so it is kept out of the
 * measurement: the process forks once the daemon's figures are taken, the
 * parent exits (the end of the timed run) and the child lists the routes
 * over the inherited connection, printing daemon_routes= and
 * bench_routes= (those with our prefix length and gateway).  A reader of
 * the output pipe sees EOF only after the child is done.
 *
 * --info prints the daemon's pid and dataplane (the bench script uses it
 * to wait until its private daemon answers).
 */
#include <netcfg/netcfg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_METRIC 1024

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Route i of the benchmark: 2001:db8:<hi>:<lo>::/64. */
static void bench_route(uint32_t i, uint32_t ifindex, const struct in6_addr *gw,
			struct netcfg_route *r)
{
	memset(r, 0, sizeof(*r));
	r->prefix.addr.s6_addr[0] = 0x20;
	r->prefix.addr.s6_addr[1] = 0x01;
	r->prefix.addr.s6_addr[2] = 0x0d;
	r->prefix.addr.s6_addr[3] = 0xb8;
	r->prefix.addr.s6_addr[4] = (uint8_t)(i >> 24);
	r->prefix.addr.s6_addr[5] = (uint8_t)(i >> 16);
	r->prefix.addr.s6_addr[6] = (uint8_t)(i >> 8);
	r->prefix.addr.s6_addr[7] = (uint8_t)i;
	r->prefix.len = 64;
	r->ifindex = ifindex;
	r->nexthop = *gw;
	r->preference = BENCH_METRIC;
	r->lifetime = NETCFG_INFINITE;
	r->age = true;
	r->origin = NETCFG_ORIGIN_MANUAL;
}

static int parse_count(const char *s, uint32_t *n)
{
	if (netcfg_parse_uint(s, UINT32_MAX, n) != NETCFG_OK) {
		fprintf(stderr, "route_batch: bad count \"%s\"\n", s);
		return -1;
	}
	return 0;
}

static int parse_gateway(const char *s, struct in6_addr *gw)
{
	if (netcfg_parse_addr(s, gw, NULL) != NETCFG_OK) {
		fprintf(stderr, "route_batch: bad gateway \"%s\"\n", s);
		return -1;
	}
	return 0;
}

static int print_ip_batch(int argc, char **argv)
{
	uint32_t n;
	struct in6_addr gw;
	char p[NETCFG_ADDRSTRLEN], g[NETCFG_ADDRSTRLEN];

	if (argc != 5 || parse_count(argv[2], &n) || parse_gateway(argv[4], &gw))
		return 2;
	netcfg_format_addr(&gw, g);
	for (uint32_t i = 0; i < n; i++) {
		struct netcfg_route r;
		bench_route(i, 0, &gw, &r);
		printf("route add %s via %s dev %s metric %d proto static\n",
		       netcfg_format_prefix(&r.prefix, p), g, argv[3], BENCH_METRIC);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static netcfg_t *connect_daemon(void)
{
	char err[256];
	netcfg_t *h;
	if (netcfg_open(&h, NETCFG_OPEN_NO_AUTOSTART | NETCFG_OPEN_QUIET, err, sizeof(err)) != NETCFG_OK) {
		fprintf(stderr, "route_batch: %s\n", err);
		return NULL;
	}
	return h;
}

static int print_info(void)
{
	struct netcfg_daemon_info info;
	netcfg_t *h = connect_daemon();
	if (!h)
		return 3;
	if (netcfg_daemon_info(h, &info) != NETCFG_OK) {
		fprintf(stderr, "route_batch: %s\n", netcfg_error(h));
		netcfg_close(h);
		return 1;
	}
	printf("daemon_pid=%d\ndataplane=%s\n", info.pid, info.dataplane);
	netcfg_close(h);
	return 0;
}

/* utime + stime of a process, in seconds. */
static int proc_cpu(int pid, double *secs)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold blanks and parentheses: skip past the
	 * last ')', then fields 3.. follow; utime and stime are 14 and 15. */
	char *p = strrchr(buf, ')');
	unsigned long long ut, st;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			 &ut, &st) != 2)
		return -1;
	*secs = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
	return 0;
}

static long proc_hwm_kb(int pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static int verify(netcfg_t *h, const struct in6_addr *gw)
{
	struct netcfg_route_list l;
	double t0 = now();
	if (netcfg_route_list(h, &l) != NETCFG_OK) {
		fprintf(stderr, "route_batch: route list: %s\n", netcfg_error(h));
		return 1;
	}
	size_t ours = 0;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].prefix.len == 64 && IN6_ARE_ADDR_EQUAL(&l.v[i].nexthop, gw))
			ours++;
	printf("daemon_routes=%zu\nbench_routes=%zu\nverify_s=%.6f\n", l.n, ours, now() - t0);
	netcfg_route_list_free(&l);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int add_routes(int argc, char **argv)
{
	uint32_t n, ifindex;
	struct in6_addr gw;
	struct netcfg_daemon_info info;
	double cpu0, cpu1;
	size_t failed;

	double t_start = now();
	if (argc != 4 || parse_count(argv[1], &n) || parse_gateway(argv[3], &gw))
		return 2;
	if (netcfg_parse_uint(argv[2], UINT32_MAX, &ifindex) != NETCFG_OK) {
		fprintf(stderr, "route_batch: bad interface index \"%s\"\n", argv[2]);
		return 2;
	}
	netcfg_t *h = connect_daemon();
	if (!h)
		return 3;
	if (netcfg_daemon_info(h, &info) != NETCFG_OK || proc_cpu(info.pid, &cpu0) < 0) {
		fprintf(stderr, "route_batch: cannot read the daemon's figures: %s\n", netcfg_error(h));
		netcfg_close(h);
		return 1;
	}
	double t_connected = now();

	if (netcfg_batch_begin(h) != NETCFG_OK)
		goto fail;
	for (uint32_t i = 0; i < n; i++) {
		struct netcfg_route r;
		bench_route(i, ifindex, &gw, &r);
		if (netcfg_route_add(h, &r, NETCFG_F_ADD) != NETCFG_OK)
			goto fail;
	}
	double t_queued = now();
	if (netcfg_batch_commit(h, &failed) != NETCFG_OK) {
		if (failed != SIZE_MAX)
			fprintf(stderr, "route_batch: route %zu refused\n", failed);
		goto fail;
	}
	double t_committed = now();

	/* The daemon serves one request at a time, so once this second round
	 * trip is answered it has also finished the clean-up after the batch
	 * reply, and its CPU figure covers the whole batch. */
	struct netcfg_daemon_info after;
	if (netcfg_daemon_info(h, &after) != NETCFG_OK || proc_cpu(info.pid, &cpu1) < 0)
		goto fail;
	long hwm = proc_hwm_kb(info.pid);

	printf("daemon_pid=%d\ncommitted=%u\nconnect_s=%.6f\nqueue_s=%.6f\ncommit_s=%.6f\n"
	       "daemon_cpu_s=%.3f\ndaemon_hwm_kb=%ld\n",
	       info.pid, n, t_connected - t_start, t_queued - t_connected,
	       t_committed - t_queued, cpu1 - cpu0, hwm);
	if (fflush(stdout) != 0)
		goto fail;

	pid_t pid = fork();
	if (pid < 0) {
		/* No second process: verify here, inside the timed run. */
		int rc = verify(h, &gw);
		netcfg_close(h);
		return rc;
	}
	if (pid == 0) {
		int rc = verify(h, &gw);
		netcfg_close(h);
		exit(rc);
	}
	netcfg_close(h);
	return 0;

fail:
	fprintf(stderr, "route_batch: %s\n", netcfg_error(h));
	netcfg_close(h);
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: route_batch COUNT IFINDEX GATEWAY\n"
		   "       route_batch --ip-batch COUNT DEV GATEWAY\n"
		   "       route_batch --info\n");
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--ip-batch") == 0)
		return print_ip_batch(argc, argv);
	if (argc == 2 && strcmp(argv[1], "--info") == 0)
		return print_info();
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc != 4) {
		usage(stderr);
		return 2;
	}
	return add_routes(argc, argv);
}
