/* SPDX-License-Identifier: MIT */
/*
 * nltool - drive the linux dataplane layer (cmds/stackd/linux/) by hand,
 * for tests/bats/linux-netlink.bats.  Test-only: stackd does not link it.
 *
 *	nltool [-n NETNS] [--events] [--event-rcvbuf BYTES] COMMAND [ARG]...
 *
 * Commands (IF is an interface name or index):
 *	proto                     print LNX_PROTO, our ownership mark (no kernel)
 *	open                      open the context and say "ok"
 *	links | link IF           one line per link
 *	mtu IF N                  set the link MTU
 *	sysctl IF KEY [VALUE]     read or write net.ipv6.conf.IF.KEY
 *	addr add|replace|del IF ADDR/LEN [valid S] [preferred S] [nodad]
 *	addrs [IF]
 *	route add|replace|del|del-any ROUTE    ROUTE: PREFIX [via GW] [dev IF]
 *	      [metric N] [pref low|medium|high] [expires S] [table N]
 *	routes [ours]
 *	batch FILE [rollback]     FILE: one "add|replace|del|del-any ROUTE" a line
 *	lookup DST [oif IF]
 *	neigh add|replace|del|del-any IF ADDR [lladdr MAC]
 *	neighs [IF]
 *	label add|replace|del PREFIX LABEL [dev IF]
 *	labels
 *	gai-write FILE [PREFIX PRECEDENCE LABEL]...
 *	gai-read FILE
 *	policy add|replace|del POLICY   POLICY: SRC DST dir in|out|fwd [proto N]
 *	      [sport N] [dport N] [dev IF] [priority N] [action allow|block]
 *	      [tmpl ah|esp transport|tunnel [src A] [dst A] [spi N] [reqid N] [use]]...
 *	policies
 *	sa add SA                 SA: SRC DST ah|esp SPI [mode transport|tunnel]
 *	      [reqid N] [auth NAME HEX] [enc NAME HEX]
 *	sa del DST ah|esp SPI
 *	sas
 *	install FILE              FILE: "sa SA" and "policy POLICY" lines, all or none
 *	probe                     whether the kernel has AH and ESP states
 *	watch [seconds S] [delay S]   print notifications for S seconds; with
 *	      delay, print "ready" and read nothing for the first S seconds
 *
 * Errors: "nltool: COMMAND: STATUS: message" on stderr, exit 1; usage
 * errors exit 2.
 */
#include "linux.h"

#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_addr.h>

#include <netcfg/text.h>

static const char *cmd = "nltool";

static void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die_usage(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "nltool: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static int report(struct lnx *ctx, int st)
{
	fflush(stdout);   /* results first, then the error line */
	if (st != NETCFG_OK)
		fprintf(stderr, "nltool: %s: %s: %s\n", cmd, netcfg_status_name(st), lnx_error(ctx));
	return st == NETCFG_OK ? 0 : 1;
}

/* ---- argument parsing ---------------------------------------------------- */

static uint32_t num(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > UINT32_MAX)
		die_usage("bad %s \"%s\"", what, s);
	return (uint32_t)v;
}

static uint32_t ifarg(const char *s)
{
	if (s[0] >= '0' && s[0] <= '9')
		return num(s, "interface index");
	unsigned i = if_nametoindex(s);
	if (!i)
		die_usage("no interface \"%s\"", s);
	return i;
}

static struct in6_addr addrarg(const char *s)
{
	struct in6_addr a;
	if (netcfg_parse_addr(s, &a, NULL) != 0)
		die_usage("bad address \"%s\"", s);
	return a;
}

static struct netcfg_prefix prefixarg(const char *s)
{
	struct netcfg_prefix p;
	if (netcfg_parse_prefix(s, &p) != 0)
		die_usage("bad prefix \"%s\"", s);
	return p;
}

static enum lnx_op oparg(const char *s)
{
	if (strcmp(s, "add") == 0)
		return LNX_OP_ADD;
	if (strcmp(s, "replace") == 0)
		return LNX_OP_REPLACE;
	if (strcmp(s, "del") == 0)
		return LNX_OP_DELETE;
	if (strcmp(s, "del-any") == 0)
		return LNX_OP_DELETE_ANY;
	die_usage("unknown operation \"%s\"", s);
}

static size_t hexarg(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (strlen(s) % 2 || strlen(s) / 2 > max)
		die_usage("bad key \"%s\"", s);
	for (; *s; s += 2) {
		unsigned v;
		if (sscanf(s, "%2x", &v) != 1)
			die_usage("bad key \"%s\"", s);
		out[n++] = (uint8_t)v;
	}
	return n;
}

/* Split a line into words in place; returns the count. */
static int split(char *line, char **w, int max)
{
	int n = 0;
	for (char *t = strtok(line, " \t\n"); t && n < max; t = strtok(NULL, " \t\n"))
		w[n++] = t;
	return n;
}

static void parse_route(int argc, char **argv, struct lnx_route *r)
{
	memset(r, 0, sizeof(*r));
	if (argc < 1)
		die_usage("route: missing prefix");
	r->dst = prefixarg(argv[0]);
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			die_usage("\"%s\" needs a value", argv[i]);
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "via") == 0)
			r->gateway = addrarg(v);
		else if (strcmp(k, "dev") == 0)
			r->ifindex = ifarg(v);
		else if (strcmp(k, "metric") == 0)
			r->metric = num(v, "metric");
		else if (strcmp(k, "expires") == 0)
			r->expires = num(v, "expiry");
		else if (strcmp(k, "table") == 0)
			r->table = num(v, "table");
		else if (strcmp(k, "pref") == 0) {
			int p = lnx_route_pref_parse(v);
			if (p < 0)
				die_usage("bad preference \"%s\"", v);
			r->pref = (enum lnx_route_pref)p;
		} else
			die_usage("unknown route keyword \"%s\"", k);
	}
}

static int parse_tmpl(int argc, char **argv, int i, struct lnx_xfrm_tmpl *t)
{
	memset(t, 0, sizeof(*t));
	if (i + 1 >= argc)
		die_usage("tmpl needs a protocol and a mode");
	t->proto = strcmp(argv[i], "ah") == 0 ? IPPROTO_AH : strcmp(argv[i], "esp") == 0 ? IPPROTO_ESP : 0;
	if (!t->proto)
		die_usage("bad template protocol \"%s\"", argv[i]);
	t->mode = strcmp(argv[i + 1], "tunnel") == 0 ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
	for (i += 2; i < argc; i++) {
		const char *k = argv[i];
		if (strcmp(k, "use") == 0) {
			t->optional = true;
			continue;
		}
		if (strcmp(k, "src") && strcmp(k, "dst") && strcmp(k, "spi") && strcmp(k, "reqid"))
			break;
		if (i + 1 >= argc)
			die_usage("\"%s\" needs a value", k);
		if (strcmp(k, "src") == 0)
			t->src = addrarg(argv[++i]);
		else if (strcmp(k, "dst") == 0)
			t->dst = addrarg(argv[++i]);
		else if (strcmp(k, "spi") == 0)
			t->spi = num(argv[++i], "SPI");
		else
			t->reqid = num(argv[++i], "reqid");
	}
	return i;
}

static void parse_policy(int argc, char **argv, struct lnx_xfrm_policy *p)
{
	memset(p, 0, sizeof(*p));
	if (argc < 2)
		die_usage("policy: missing source and destination");
	p->sel.src = prefixarg(argv[0]);
	p->sel.dst = prefixarg(argv[1]);
	for (int i = 2; i < argc;) {
		const char *k = argv[i];
		if (strcmp(k, "tmpl") == 0) {
			if (p->n_tmpl == LNX_XFRM_TMPL_MAX)
				die_usage("too many templates");
			i = parse_tmpl(argc, argv, i + 1, &p->tmpl[p->n_tmpl++]);
			continue;
		}
		if (i + 1 >= argc)
			die_usage("\"%s\" needs a value", k);
		const char *v = argv[i + 1];
		if (strcmp(k, "dir") == 0)
			p->dir = strcmp(v, "in") == 0 ? LNX_XFRM_IN : strcmp(v, "out") == 0 ? LNX_XFRM_OUT
			       : strcmp(v, "fwd") == 0 ? LNX_XFRM_FWD : (die_usage("bad direction \"%s\"", v), 0);
		else if (strcmp(k, "proto") == 0)
			p->sel.proto = (uint8_t)num(v, "protocol");
		else if (strcmp(k, "sport") == 0)
			p->sel.sport = (uint16_t)num(v, "port");
		else if (strcmp(k, "dport") == 0)
			p->sel.dport = (uint16_t)num(v, "port");
		else if (strcmp(k, "dev") == 0)
			p->sel.ifindex = ifarg(v);
		else if (strcmp(k, "priority") == 0)
			p->priority = num(v, "priority");
		else if (strcmp(k, "action") == 0)
			p->action = strcmp(v, "block") == 0 ? LNX_XFRM_BLOCK : LNX_XFRM_ALLOW;
		else
			die_usage("unknown policy keyword \"%s\"", k);
		i += 2;
	}
}

struct sa_keys {
	uint8_t auth[256], enc[256];
};

static void parse_sa(int argc, char **argv, struct lnx_xfrm_sa *sa, struct sa_keys *k)
{
	memset(sa, 0, sizeof(*sa));
	if (argc < 4)
		die_usage("sa: expected SRC DST ah|esp SPI");
	sa->src = addrarg(argv[0]);
	sa->dst = addrarg(argv[1]);
	sa->proto = strcmp(argv[2], "ah") == 0 ? IPPROTO_AH : strcmp(argv[2], "esp") == 0 ? IPPROTO_ESP : 0;
	if (!sa->proto)
		die_usage("bad SA protocol \"%s\"", argv[2]);
	sa->spi = num(argv[3], "SPI");
	sa->auth = "NULL";
	for (int i = 4; i < argc;) {
		const char *key = argv[i];
		if (strcmp(key, "auth") == 0 || strcmp(key, "enc") == 0) {
			if (i + 2 >= argc)
				die_usage("%s needs a name and a key", key);
			if (key[0] == 'a') {
				sa->auth = argv[i + 1];
				sa->auth_key_len = hexarg(argv[i + 2], k->auth, sizeof(k->auth));
				sa->auth_key = k->auth;
			} else {
				sa->enc = argv[i + 1];
				sa->enc_key_len = hexarg(argv[i + 2], k->enc, sizeof(k->enc));
				sa->enc_key = k->enc;
			}
			i += 3;
			continue;
		}
		if (i + 1 >= argc)
			die_usage("\"%s\" needs a value", key);
		if (strcmp(key, "mode") == 0)
			sa->mode = strcmp(argv[i + 1], "tunnel") == 0 ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
		else if (strcmp(key, "reqid") == 0)
			sa->reqid = num(argv[i + 1], "reqid");
		else
			die_usage("unknown SA keyword \"%s\"", key);
		i += 2;
	}
}

/* ---- printing (shared by the dumps and watch) -------------------------- */

static void print_lladdr(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%02x", i ? ":" : "", a[i]);
	if (!n)
		printf("none");
}

static void print_link(const struct lnx_link *l)
{
	printf("%u %s kind %s type %u lladdr ", l->ifindex, l->name, l->kind[0] ? l->kind : "none", l->type);
	print_lladdr(l->lladdr, l->lladdr_len);
	printf(" mtu %u %s oper %s", l->mtu, (l->flags & IFF_UP) ? "up" : "down",
	       lnx_operstate_name(l->operstate));
	if (l->has_inet6)
		for (int i = 0; i < LNX_SYSCTL__MAX; i++)
			printf(" ipv6.%s %d", lnx_sysctl_name((enum lnx_sysctl)i), (int)l->inet6[i]);
	printf("\n");
}

static void print_addr(const struct lnx_addr *a)
{
	char b[NETCFG_ADDRSTRLEN];
	printf("%u %s/%u scope %u valid %u preferred %u flags 0x%x proto %u %s\n", a->ifindex,
	       netcfg_format_addr(&a->addr, b), a->prefixlen, a->scope, a->valid_lft, a->preferred_lft,
	       a->flags, a->proto, a->ours ? "ours" : "theirs");
}

static void print_route(const struct lnx_route *r)
{
	char p[NETCFG_ADDRSTRLEN], g[NETCFG_ADDRSTRLEN];
	printf("%s", netcfg_format_prefix(&r->dst, p));
	if (!IN6_IS_ADDR_UNSPECIFIED(&r->gateway))
		printf(" via %s", netcfg_format_addr(&r->gateway, g));
	printf(" dev %u metric %u pref %s", r->ifindex, r->metric, lnx_route_pref_name(r->pref));
	if (r->expires)
		printf(" expires %u", r->expires);
	printf(" proto %u table %u type %u %s\n", r->protocol, r->table, r->type, r->ours ? "ours" : "theirs");
}

static void print_neigh(const struct lnx_neigh *n)
{
	char b[NETCFG_ADDRSTRLEN], s[64];
	printf("%u %s lladdr ", n->ifindex, netcfg_format_addr(&n->addr, b));
	print_lladdr(n->lladdr, n->lladdr_len);
	printf(" state %s proto %u %s\n", lnx_nud_name(n->state, s, sizeof(s)), n->proto,
	       n->ours ? "ours" : "theirs");
}

static void print_policy(const struct lnx_xfrm_policy *p)
{
	static const char *const dirs[] = { "in", "out", "fwd" };
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	printf("src %s dst %s proto %u sport %u dport %u dev %u dir %s priority %u action %s index %u",
	       netcfg_format_prefix(&p->sel.src, a), netcfg_format_prefix(&p->sel.dst, b), p->sel.proto,
	       p->sel.sport, p->sel.dport, p->sel.ifindex, dirs[p->dir], p->priority,
	       p->action == LNX_XFRM_BLOCK ? "block" : "allow", p->index);
	for (size_t i = 0; i < p->n_tmpl; i++) {
		const struct lnx_xfrm_tmpl *t = &p->tmpl[i];
		printf(" tmpl %s %s src %s dst %s spi 0x%x reqid %u %s", t->proto == IPPROTO_AH ? "ah" : "esp",
		       t->mode == LNX_XFRM_TUNNEL ? "tunnel" : "transport", netcfg_format_addr(&t->src, a),
		       netcfg_format_addr(&t->dst, b), t->spi, t->reqid, t->optional ? "use" : "required");
	}
	printf("\n");
}

static int link_cb(void *arg, const struct lnx_link *l)
{
	(void)arg;
	print_link(l);
	return 0;
}

static int addr_cb(void *arg, const struct lnx_addr *a)
{
	(void)arg;
	print_addr(a);
	return 0;
}

static int route_cb(void *arg, const struct lnx_route *r)
{
	if (!arg || r->ours)
		print_route(r);
	return 0;
}

static int neigh_cb(void *arg, const struct lnx_neigh *n)
{
	(void)arg;
	print_neigh(n);
	return 0;
}

static int label_cb(void *arg, const struct lnx_addrlabel *l)
{
	char p[NETCFG_ADDRSTRLEN];
	(void)arg;
	printf("%s dev %u label %u\n", netcfg_format_prefix(&l->prefix, p), l->ifindex, l->label);
	return 0;
}

static int policy_cb(void *arg, const struct lnx_xfrm_policy *p)
{
	(void)arg;
	print_policy(p);
	return 0;
}

static int sa_cb(void *arg, const struct lnx_xfrm_sa_info *s)
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	(void)arg;
	printf("src %s dst %s proto %s spi 0x%x mode %s reqid %u auth %s trunc %u enc %s\n",
	       netcfg_format_addr(&s->src, a), netcfg_format_addr(&s->dst, b),
	       s->proto == IPPROTO_AH ? "ah" : "esp", s->spi,
	       s->mode == LNX_XFRM_TUNNEL ? "tunnel" : "transport", s->reqid,
	       s->auth[0] ? s->auth : "none", s->auth_trunc_bits, s->enc[0] ? s->enc : "none");
	return 0;
}

static void event_cb(void *arg, const struct lnx_event *ev)
{
	static const char *const kinds[] = { "link", "addr", "route", "neigh", "policy" };
	(void)arg;
	if (ev->kind == LNX_EV_RESYNC_BEGIN || ev->kind == LNX_EV_RESYNC_END) {
		printf("resync %s", ev->kind == LNX_EV_RESYNC_BEGIN ? "begin" : "end");
		for (int k = LNX_EV_LINK; k <= LNX_EV_XFRM_POLICY; k++)
			if (ev->resync_kinds & LNX_EV_BIT(k))
				printf(" %s", kinds[k]);
		printf("\n");
		fflush(stdout);
		return;
	}
	printf("%s %s%s ", kinds[ev->kind], ev->deleted ? "del" : "new", ev->resync ? " resync" : "");
	switch (ev->kind) {
	case LNX_EV_LINK:
		print_link(&ev->u.link);
		break;
	case LNX_EV_ADDR:
		print_addr(&ev->u.addr);
		break;
	case LNX_EV_ROUTE:
		print_route(&ev->u.route);
		break;
	case LNX_EV_NEIGH:
		print_neigh(&ev->u.neigh);
		break;
	default:
		print_policy(&ev->u.policy);
		break;
	}
	fflush(stdout);
}

/* ---- commands ----------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int do_watch(struct lnx *ctx, int argc, char **argv)
{
	double seconds = 5, delay = 0;
	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "seconds") == 0)
			seconds = atof(argv[i + 1]);
		else if (strcmp(argv[i], "delay") == 0)
			delay = atof(argv[i + 1]);
		else
			die_usage("unknown keyword \"%s\"", argv[i]);
	}
	printf("ready\n");
	fflush(stdout);
	if (delay > 0)
		usleep((useconds_t)(delay * 1e6));
	double end = now() + seconds;
	for (;;) {
		double left = end - now();
		if (left <= 0)
			return 0;
		struct pollfd pfd = { .fd = lnx_event_fd(ctx), .events = POLLIN };
		int r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno != EINTR)
			return 1;
		if (r > 0) {
			int st = lnx_event_process(ctx, event_cb, NULL);
			if (st != NETCFG_OK)
				return report(ctx, st);
		}
	}
}

static int do_batch(struct lnx *ctx, int argc, char **argv)
{
	if (argc < 1)
		die_usage("batch FILE [rollback]");
	FILE *f = fopen(argv[0], "re");
	if (!f)
		die_usage("%s: %s", argv[0], strerror(errno));
	unsigned flags = argc > 1 && strcmp(argv[1], "rollback") == 0 ? LNX_BATCH_ROLLBACK : 0;
	struct lnx_route_change *v = NULL;
	size_t n = 0, cap = 0;
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		char *w[32];
		int nw = split(line, w, 32);
		if (nw == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct lnx_route_change *nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				die_usage("out of memory");
			v = nv;
		}
		v[n].op = oparg(w[0]);
		parse_route(nw - 1, w + 1, &v[n].route);
		n++;
	}
	fclose(f);
	struct lnx_batch_failure fails[8];
	struct lnx_batch_report rep = { .failures = fails, .max_failures = 8 };
	int st = lnx_route_batch(ctx, v, n, flags, &rep);
	free(v);
	printf("changes %zu applied %zu failed %zu sendmsgs %zu rolled_back %s\n", n, rep.applied,
	       rep.failed, rep.sendmsgs, rep.rolled_back ? "yes" : "no");
	for (size_t i = 0; i < rep.failed && i < rep.max_failures; i++)
		printf("failure %zu %s: %s\n", fails[i].index, netcfg_status_name(fails[i].status), fails[i].msg);
	return report(ctx, st);
}

static int do_install(struct lnx *ctx, int argc, char **argv)
{
	if (argc < 1)
		die_usage("install FILE");
	FILE *f = fopen(argv[0], "re");
	if (!f)
		die_usage("%s: %s", argv[0], strerror(errno));
	struct lnx_xfrm_sa sas[16];
	struct sa_keys keys[16];
	struct lnx_xfrm_policy pols[16];
	size_t nsa = 0, npol = 0;
	char line[1024];
	while (fgets(line, sizeof(line), f)) {
		char *w[64];
		int nw = split(line, w, 64);
		if (nw == 0)
			continue;
		if (strcmp(w[0], "sa") == 0 && nsa < 16) {
			parse_sa(nw - 1, w + 1, &sas[nsa], &keys[nsa]);
			nsa++;
		} else if (strcmp(w[0], "policy") == 0 && npol < 16) {
			parse_policy(nw - 1, w + 1, &pols[npol++]);
		} else {
			die_usage("install: bad line \"%s\"", w[0]);
		}
	}
	fclose(f);
	return report(ctx, lnx_xfrm_install(ctx, sas, nsa, pols, npol));
}

static int do_lookup(struct lnx *ctx, int argc, char **argv)
{
	if (argc != 1 && !(argc == 3 && strcmp(argv[1], "oif") == 0))
		die_usage("lookup DST [oif IF]");
	struct in6_addr dst = addrarg(argv[0]);
	struct lnx_lookup lk;
	int st = lnx_route_lookup(ctx, &dst, argc == 3 ? ifarg(argv[2]) : 0, &lk);
	if (st != NETCFG_OK)
		return report(ctx, st);
	char g[NETCFG_ADDRSTRLEN], s[NETCFG_ADDRSTRLEN];
	printf("route ");
	print_route(&lk.route);
	printf("dev %u gateway %s src %s\n", lk.ifindex,
	       IN6_IS_ADDR_UNSPECIFIED(&lk.gateway) ? "none" : netcfg_format_addr(&lk.gateway, g),
	       lk.has_prefsrc ? netcfg_format_addr(&lk.prefsrc, s) : "none");
	return 0;
}

static int do_gai(int argc, char **argv, bool write)
{
	char err[512];
	if (argc < 1 || (write && (argc - 1) % 3))
		die_usage("gai-write FILE [PREFIX PRECEDENCE LABEL]... | gai-read FILE");
	if (write) {
		size_t n = (size_t)(argc - 1) / 3;
		struct lnx_gai_policy *v = calloc(n ? n : 1, sizeof(*v));
		if (!v)
			die_usage("out of memory");
		for (size_t i = 0; i < n; i++) {
			v[i].prefix = prefixarg(argv[1 + 3 * i]);
			v[i].precedence = num(argv[2 + 3 * i], "precedence");
			v[i].label = num(argv[3 + 3 * i], "label");
		}
		int st = lnx_gai_write(argv[0], v, n, err, sizeof(err));
		free(v);
		if (st != NETCFG_OK)
			fprintf(stderr, "nltool: %s: %s: %s\n", cmd, netcfg_status_name(st), err);
		return st == NETCFG_OK ? 0 : 1;
	}
	struct lnx_gai_policy *v;
	size_t n;
	int st = lnx_gai_read(argv[0], &v, &n, err, sizeof(err));
	if (st != NETCFG_OK) {
		fprintf(stderr, "nltool: %s: %s: %s\n", cmd, netcfg_status_name(st), err);
		return 1;
	}
	char p[NETCFG_ADDRSTRLEN];
	for (size_t i = 0; i < n; i++)
		printf("%s precedence %u label %u\n", netcfg_format_prefix(&v[i].prefix, p), v[i].precedence,
		       v[i].label);
	free(v);
	return 0;
}

static int do_addr(struct lnx *ctx, int argc, char **argv)
{
	if (argc < 3)
		die_usage("addr add|replace|del IF ADDR/LEN [valid S] [preferred S] [nodad]");
	struct lnx_addr a = { .valid_lft = NETCFG_INFINITE, .preferred_lft = NETCFG_INFINITE };
	enum lnx_op op = oparg(argv[0]);
	a.ifindex = ifarg(argv[1]);
	struct netcfg_prefix p;
	char *slash = strchr(argv[2], '/');
	if (!slash)
		die_usage("bad address \"%s\" (ADDR/LEN)", argv[2]);
	*slash = 0;
	a.addr = addrarg(argv[2]);
	p.len = (uint8_t)num(slash + 1, "prefix length");
	a.prefixlen = p.len;
	bool pref_given = false;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "nodad") == 0) {
			a.flags |= IFA_F_NODAD;
		} else if (i + 1 < argc && strcmp(argv[i], "valid") == 0) {
			a.valid_lft = num(argv[++i], "lifetime");
			if (!pref_given)
				a.preferred_lft = a.valid_lft;
		} else if (i + 1 < argc && strcmp(argv[i], "preferred") == 0) {
			a.preferred_lft = num(argv[++i], "lifetime");
			pref_given = true;
		} else {
			die_usage("unknown address keyword \"%s\"", argv[i]);
		}
	}
	return report(ctx, lnx_addr_change(ctx, op, &a));
}

static int do_neigh(struct lnx *ctx, int argc, char **argv)
{
	if (argc < 3)
		die_usage("neigh add|replace|del|del-any IF ADDR [lladdr MAC]");
	struct lnx_neigh n = { 0 };
	enum lnx_op op = oparg(argv[0]);
	n.ifindex = ifarg(argv[1]);
	n.addr = addrarg(argv[2]);
	if (argc == 5 && strcmp(argv[3], "lladdr") == 0) {
		if (netcfg_parse_mac(argv[4], n.lladdr) != 0)
			die_usage("bad link-layer address \"%s\"", argv[4]);
		n.lladdr_len = 6;
	} else if (argc != 3) {
		die_usage("neigh: unexpected \"%s\"", argv[3]);
	}
	return report(ctx, lnx_neigh_change(ctx, op, &n));
}

static int do_label(struct lnx *ctx, int argc, char **argv)
{
	if (argc != 3 && !(argc == 5 && strcmp(argv[3], "dev") == 0))
		die_usage("label add|replace|del PREFIX LABEL [dev IF]");
	struct lnx_addrlabel l = { .prefix = prefixarg(argv[1]), .label = num(argv[2], "label") };
	if (argc == 5)
		l.ifindex = ifarg(argv[4]);
	return report(ctx, lnx_addrlabel_change(ctx, oparg(argv[0]), &l));
}

static int do_sysctl(struct lnx *ctx, int argc, char **argv)
{
	if (argc != 2 && argc != 3)
		die_usage("sysctl IF KEY [VALUE]");
	uint32_t ifindex = ifarg(argv[0]);
	int key = lnx_sysctl_parse(argv[1]);
	if (key < 0)
		die_usage("unknown setting \"%s\"", argv[1]);
	if (argc == 3)
		return report(ctx, lnx_sysctl_set(ctx, ifindex, (enum lnx_sysctl)key,
						  (int32_t)strtol(argv[2], NULL, 10)));
	int32_t v;
	int st = lnx_sysctl_get(ctx, ifindex, (enum lnx_sysctl)key, &v);
	if (st == NETCFG_OK)
		printf("%d\n", (int)v);
	return report(ctx, st);
}

static int do_probe(struct lnx *ctx)
{
	struct lnx_xfrm_support s;
	int st = lnx_xfrm_probe(ctx, &s);
	if (st != NETCFG_OK)
		return report(ctx, st);
	printf("ah %s%s%s\n", s.ah ? "yes" : "no", s.ah ? "" : ": ", s.ah_why);
	printf("esp %s%s%s\n", s.esp ? "yes" : "no", s.esp ? "" : ": ", s.esp_why);
	return 0;
}

static int run(struct lnx *ctx, int argc, char **argv)
{
	const char *c = argv[0];
	argc--;
	argv++;
	if (strcmp(c, "open") == 0) {
		printf("ok\n");
		return 0;
	}
	if (strcmp(c, "links") == 0)
		return report(ctx, lnx_link_dump(ctx, link_cb, NULL));
	if (strcmp(c, "link") == 0 && argc == 1) {
		struct lnx_link l;
		int st = lnx_link_get(ctx, ifarg(argv[0]), &l);
		if (st == NETCFG_OK)
			print_link(&l);
		return report(ctx, st);
	}
	if (strcmp(c, "mtu") == 0 && argc == 2)
		return report(ctx, lnx_link_set_mtu(ctx, ifarg(argv[0]), num(argv[1], "MTU")));
	if (strcmp(c, "sysctl") == 0)
		return do_sysctl(ctx, argc, argv);
	if (strcmp(c, "addr") == 0)
		return do_addr(ctx, argc, argv);
	if (strcmp(c, "addrs") == 0)
		return report(ctx, lnx_addr_dump(ctx, argc ? ifarg(argv[0]) : 0, addr_cb, NULL));
	if (strcmp(c, "route") == 0 && argc >= 2) {
		struct lnx_route r;
		enum lnx_op op = oparg(argv[0]);
		parse_route(argc - 1, argv + 1, &r);
		return report(ctx, lnx_route_change(ctx, op, &r));
	}
	if (strcmp(c, "routes") == 0)
		return report(ctx, lnx_route_dump(ctx, route_cb, argc && strcmp(argv[0], "ours") == 0 ? ctx : NULL));
	if (strcmp(c, "batch") == 0)
		return do_batch(ctx, argc, argv);
	if (strcmp(c, "lookup") == 0)
		return do_lookup(ctx, argc, argv);
	if (strcmp(c, "neigh") == 0)
		return do_neigh(ctx, argc, argv);
	if (strcmp(c, "neighs") == 0)
		return report(ctx, lnx_neigh_dump(ctx, argc ? ifarg(argv[0]) : 0, neigh_cb, NULL));
	if (strcmp(c, "label") == 0)
		return do_label(ctx, argc, argv);
	if (strcmp(c, "labels") == 0)
		return report(ctx, lnx_addrlabel_dump(ctx, label_cb, NULL));
	if (strcmp(c, "policy") == 0 && argc >= 1) {
		struct lnx_xfrm_policy p;
		enum lnx_op op = oparg(argv[0]);
		parse_policy(argc - 1, argv + 1, &p);
		return report(ctx, lnx_xfrm_policy_change(ctx, op, &p));
	}
	if (strcmp(c, "policies") == 0)
		return report(ctx, lnx_xfrm_policy_dump(ctx, policy_cb, NULL));
	if (strcmp(c, "sa") == 0 && argc >= 1 && strcmp(argv[0], "add") == 0) {
		struct lnx_xfrm_sa sa;
		struct sa_keys k;
		parse_sa(argc - 1, argv + 1, &sa, &k);
		return report(ctx, lnx_xfrm_sa_add(ctx, &sa));
	}
	if (strcmp(c, "sa") == 0 && argc == 4 && strcmp(argv[0], "del") == 0) {
		struct in6_addr d = addrarg(argv[1]);
		uint8_t proto = strcmp(argv[2], "ah") == 0 ? IPPROTO_AH : IPPROTO_ESP;
		return report(ctx, lnx_xfrm_sa_delete(ctx, &d, proto, num(argv[3], "SPI")));
	}
	if (strcmp(c, "sas") == 0)
		return report(ctx, lnx_xfrm_sa_dump(ctx, sa_cb, NULL));
	if (strcmp(c, "install") == 0)
		return do_install(ctx, argc, argv);
	if (strcmp(c, "probe") == 0)
		return do_probe(ctx);
	if (strcmp(c, "watch") == 0)
		return do_watch(ctx, argc, argv);
	die_usage("unknown command or wrong arguments");
}

int main(int argc, char **argv)
{
	struct lnx_options opt = { 0 };
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			opt.netns = argv[++i];
		else if (strcmp(argv[i], "--events") == 0)
			opt.events = true;
		else if (strcmp(argv[i], "--event-rcvbuf") == 0 && i + 1 < argc)
			opt.event_rcvbuf = (int)num(argv[++i], "buffer size");
		else
			die_usage("unknown option \"%s\"", argv[i]);
	}
	if (i >= argc)
		die_usage("no command (see the comment at the top of tests/tools/nltool.c)");
	cmd = argv[i];
	/* these need no kernel */
	if (strcmp(cmd, "proto") == 0) {
		printf("%d\n", LNX_PROTO);
		return 0;
	}
	if (strcmp(cmd, "gai-write") == 0 || strcmp(cmd, "gai-read") == 0)
		return do_gai(argc - i - 1, argv + i + 1, cmd[4] == 'w');
	if (strcmp(cmd, "watch") == 0)
		opt.events = true;
	char err[LNX_ERR_MAX];
	struct lnx *ctx;
	int st = lnx_open(&ctx, &opt, err, sizeof(err));
	if (st != NETCFG_OK) {
		fprintf(stderr, "nltool: %s: %s: %s\n", cmd, netcfg_status_name(st), err);
		return 1;
	}
	int rc = run(ctx, argc - i, argv + i);
	lnx_close(ctx);
	fflush(stdout);
	return rc;
}
