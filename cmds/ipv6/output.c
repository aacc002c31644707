/* SPDX-License-Identifier: MIT */
/*
 * output.c - the two output tables of ipv6: the legacy text layouts and
 * JSON.  The JSON printers are the shared codec, so `ipv6 -j` prints
 * exactly what the daemon sends.
 */
#include "ipv6.h"

#include "../../libnetcfg/codec.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <unistd.h>

/* ---- text ---------------------------------------------------------- */

static void text_begin(bool list) { (void)list; }
static void text_end(void) {}

static const char *life(uint32_t secs, char *buf)
{
	return netcfg_format_lifetime(secs, buf);
}

static void text_interface(const struct netcfg_interface *ifp)
{
	char ll[32], a[NETCFG_ADDRSTRLEN], v[16], p[16];

	printf("Interface %u (site %u): %s\n", ifp->index, ifp->site, ifp->name);
	if (ifp->daemon_held)
		printf("  held by stackd only: the kernel has no link for it\n");
	else if (ifp->state != NETCFG_IF_CONNECTED)
		printf("  %s\n", ifp->state == NETCFG_IF_DISCONNECTED ? "disconnected" : "not present");
	if (ifp->uses_nd && !ifp->router_discovery)
		printf("  ignores Router Advertisements\n");
	printf("  %s Neighbor Discovery\n", ifp->uses_nd ? "uses" : "does not use");
	if (ifp->advertises)
		printf("  sends Router Advertisements\n");
	if (ifp->forwards)
		printf("  forwards packets\n");
	codec_lladdr_format(ifp->kind, ifp->lladdr, ifp->lladdr_len, ll);
	printf("  link-level address:%s%s\n", ll[0] ? " " : "", ll);
	if (ifp->kind == NETCFG_IF_V6V4)
		printf("  tunnel end point: %s\n", inet_ntop(AF_INET, &ifp->remote_v4, ll, sizeof(ll)));
	for (size_t i = 0; i < ifp->n_addrs; i++) {
		const struct netcfg_address *ad = &ifp->addrs[i];
		netcfg_format_addr(&ad->addr, a);
		if (ad->type == NETCFG_ADDR_ANYCAST)
			printf("    anycast address %s\n", a);
		else
			printf("    %s address %s, %s/%s%s\n", netcfg_addr_state_name(ad->state), a,
			       life(ad->valid_lifetime, v), life(ad->preferred_lifetime, p),
			       ad->origin == NETCFG_ORIGIN_AUTOCONF ? " (addrconf)" : "");
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

static void text_neighbor(const struct netcfg_neighbor *n)
{
	char a[NETCFG_ADDRSTRLEN], ll[32], state[32];
	codec_lladdr_any_format(n->lladdr, n->lladdr_len, ll);
	if (n->state == NETCFG_ND_REACHABLE)
		snprintf(state, sizeof(state), "reachable (%ums)", n->reachable_ms);
	else
		snprintf(state, sizeof(state), "%s", netcfg_nd_state_name(n->state));
	printf("%u: %18s %-17s %s%s%s\n", n->ifindex, netcfg_format_addr(&n->addr, a),
	       n->state == NETCFG_ND_INCOMPLETE ? "" : ll, state, n->is_router ? " (router)" : "",
	       n->unreachable ? " (unreachable)" : "");
}

static void text_destcache(const struct netcfg_destcache_entry *e)
{
	char d[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN], s[NETCFG_ADDRSTRLEN], l[16];
	printf("%s via %u/%s%s\n", netcfg_format_addr(&e->dest, d), e->ifindex,
	       netcfg_format_addr(&e->nexthop, nh), e->interface_specific ? " (interface-specific)" : "");
	if (IN6_IS_ADDR_UNSPECIFIED(&e->source))
		printf("     src none\n");
	else
		printf("     src %u/%s\n", e->source_ifindex, netcfg_format_addr(&e->source, s));
	printf("     PMTU %u\n", e->pmtu);
	if (e->has_careof)
		printf("     careof %s seq %u life %s\n", netcfg_format_addr(&e->careof, s),
		       e->careof_seq, life(e->careof_lifetime, l));
}

static void text_binding(const struct netcfg_binding *b)
{
	char h[NETCFG_ADDRSTRLEN], co[NETCFG_ADDRSTRLEN], l[16];
	printf("home: %s\n", netcfg_format_addr(&b->home, h));
	printf(" c/o: %s\n", netcfg_format_addr(&b->careof, co));
	printf(" seq: %u   Lifetime: %s\n\n", b->seq, life(b->lifetime, l));
}

static void text_site_prefix(const struct netcfg_site_prefix *sp)
{
	char p[NETCFG_ADDRSTRLEN], l[16];
	printf("%s -> %u (lifetime %s)\n", netcfg_format_prefix(&sp->prefix, p), sp->ifindex,
	       life(sp->lifetime, l));
}

static void text_policy(const struct netcfg_prefix_policy *p)
{
	char buf[NETCFG_ADDRSTRLEN];
	printf("%s -> precedence %u srclabel %u dstlabel %u\n", netcfg_format_prefix(&p->prefix, buf),
	       p->precedence, p->srclabel, p->dstlabel);
}

static void text_global(const struct netcfg_global *g)
{
	char buf[32];
	for (size_t i = 0; i < ipv6_n_params; i++) {
		const struct ipv6_param *p = &ipv6_params[i];
		const void *v = (const char *)g + p->off;
		printf("%s = ", p->name);
		switch (p->kind) {
		case PARAM_NUMBER:
			printf("%u", *(const uint32_t *)v);
			break;
		case PARAM_TIME:
			printf("%s", netcfg_format_duration(*(const uint32_t *)v, buf));
			break;
		case PARAM_ONOFF:
			printf("%s", *(const bool *)v ? "on" : "off");
			break;
		case PARAM_TEMP_USE:
			printf("%s", netcfg_temp_use_name(*(const enum netcfg_temp_use *)v));
			break;
		}
		/* linux dataplane: the kernel has no place for it */
		printf("%s\n", g->daemon_held & p->bit ? " (held by stackd only)" : "");
	}
}

static const char *route_rule_text(enum netcfg_route_rule r)
{
	switch (r) {
	case NETCFG_RULE_LOCAL: return "the destination is an address of this node";
	case NETCFG_RULE_SCOPE: return "the destination's scope id names the interface";
	case NETCFG_RULE_ONLY: return "the only matching route";
	case NETCFG_RULE_LONGEST_PREFIX: return "the longest matching prefix";
	case NETCFG_RULE_PREFERENCE: return "the smallest preference among the longest prefixes";
	case NETCFG_RULE_ORDER: return "the first of equally preferred routes";
	case NETCFG_RULE_KERNEL: return "the kernel's route lookup";
	}
	return "?";
}

static const char *source_rule_text(enum netcfg_source_rule r)
{
	switch (r) {
	case NETCFG_SRC_NONE: return "no usable source address";
	case NETCFG_SRC_SAME: return "rule 1, the destination itself";
	case NETCFG_SRC_SCOPE: return "rule 2, the appropriate scope";
	case NETCFG_SRC_DEPRECATED: return "rule 3, not deprecated";
	case NETCFG_SRC_HOME: return "rule 4, a home address";
	case NETCFG_SRC_INTERFACE: return "rule 5, on the outgoing interface";
	case NETCFG_SRC_LABEL: return "rule 6, the destination's label";
	case NETCFG_SRC_TEMPORARY: return "rule 7, a temporary address";
	case NETCFG_SRC_PREFIX: return "rule 8, the longest matching prefix";
	case NETCFG_SRC_ONLY: return "the only candidate";
	case NETCFG_SRC_ORDER: return "equal under every rule, the first";
	case NETCFG_SRC_KERNEL: return "the kernel's source address selection";
	}
	return "?";
}

static void text_route_result(const struct netcfg_route_result *r)
{
	char d[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN], s[NETCFG_ADDRSTRLEN], rt[160], v4[16];
	printf("%s", netcfg_format_addr(&r->dest, d));
	if (r->scope_id)
		printf("%%%u", r->scope_id);
	printf(" via %u/%s%s\n", r->ifindex, netcfg_format_addr(&r->nexthop, nh),
	       r->onlink ? " (on-link)" : "");
	if (r->have_route) {
		netcfg_format_prefix(&r->route.prefix, rt);
		printf("  route %s -> %u", rt, r->route.ifindex);
		if (!IN6_IS_ADDR_UNSPECIFIED(&r->route.nexthop))
			printf("/%s", netcfg_format_addr(&r->route.nexthop, nh));
		printf(" pref %u: %s", r->route.preference, route_rule_text(r->rule));
		if (r->rule != NETCFG_RULE_ONLY)
			printf(" (%u matching)", r->candidates);
		putchar('\n');
	} else {
		printf("  no route used: %s\n", route_rule_text(r->rule));
	}
	if (IN6_IS_ADDR_UNSPECIFIED(&r->source))
		printf("  src none: %s\n", source_rule_text(r->source_rule));
	else if (r->source_rule == NETCFG_SRC_ONLY || r->source_rule == NETCFG_SRC_SAME)
		printf("  src %u/%s: %s\n", r->source_ifindex, netcfg_format_addr(&r->source, s),
		       source_rule_text(r->source_rule));
	else
		printf("  src %u/%s: %s (%u candidates)\n", r->source_ifindex,
		       netcfg_format_addr(&r->source, s), source_rule_text(r->source_rule),
		       r->source_candidates);
	printf("  PMTU %u\n", r->pmtu);
	if (r->tunnelled)
		printf("  tunnelled to IPv4 %s\n", inet_ntop(AF_INET, &r->v4dest, v4, sizeof(v4)));
}

static void text_sort_entry(const struct netcfg_sort_entry *e)
{
	char a[NETCFG_ADDRSTRLEN], s[NETCFG_ADDRSTRLEN];
	printf("%s", netcfg_format_addr(&e->addr, a));
	if (e->scope_id)
		printf("%%%u", e->scope_id);
	if (e->usable)
		printf(" (src %u/%s, precedence %u, label %u)\n", e->source_ifindex,
		       netcfg_format_addr(&e->source, s), e->precedence, e->label);
	else
		printf(" (unusable, precedence %u, label %u)\n", e->precedence, e->label);
}

static void text_ra(const struct netcfg_ra *ra)
{
	char ll[32], p[NETCFG_ADDRSTRLEN], v[16], pl[16];
	printf("Router advertisement of interface %u", ra->ifindex);
	if (ra->sent)
		printf(" (next in %s)\n", life(ra->next_in, v));
	else
		printf(" (not sent: the interface does not advertise)\n");
	printf("  current hop limit %u, router lifetime %us%s%s\n", ra->cur_hop_limit,
	       ra->router_lifetime, ra->managed ? ", managed" : "", ra->other ? ", other" : "");
	printf("  reachable time %ums, retransmission timer %ums\n", ra->reachable_time_ms,
	       ra->retrans_timer_ms);
	printf("  source link-layer address %s\n", codec_lladdr_any_format(ra->sll, ra->sll_len, ll));
	printf("  MTU %u\n", ra->mtu);
	for (size_t i = 0; i < ra->n_prefixes; i++) {
		const struct netcfg_ra_prefix *x = &ra->prefixes[i];
		printf("  prefix %s%s%s, lifetime %s/%s", netcfg_format_prefix(&x->prefix, p),
		       x->onlink ? " onlink" : "", x->autonomous ? " autonomous" : "",
		       life(x->valid_lifetime, v), life(x->preferred_lifetime, pl));
		if (x->site_prefix_length)
			printf(", site prefix length %u", x->site_prefix_length);
		putchar('\n');
	}
}

const struct ipv6_output ipv6_text_output = {
	.begin = text_begin,
	.interface = text_interface,
	.route = text_route,
	.neighbor = text_neighbor,
	.destcache = text_destcache,
	.binding = text_binding,
	.site_prefix = text_site_prefix,
	.policy = text_policy,
	.global = text_global,
	.route_result = text_route_result,
	.sort_entry = text_sort_entry,
	.ra = text_ra,
	.end = text_end,
};

/* ---- JSON ---------------------------------------------------------- */

static struct jw json_out;
static bool json_list;

static void json_begin(bool list)
{
	jw_init(&json_out);
	json_list = list;
	if (list)
		jw_arr_begin(&json_out);
}

static void json_interface(const struct netcfg_interface *ifp) { codec_interface_write(&json_out, ifp); }
static void json_route(const struct netcfg_route *r) { codec_route_write(&json_out, r, NULL); }
static void json_neighbor(const struct netcfg_neighbor *n) { codec_neighbor_write(&json_out, n, NULL); }
static void json_destcache(const struct netcfg_destcache_entry *e) { codec_destcache_write(&json_out, e); }
static void json_binding(const struct netcfg_binding *b) { codec_binding_write(&json_out, b); }
static void json_site_prefix(const struct netcfg_site_prefix *sp) { codec_site_prefix_write(&json_out, sp, NULL); }
static void json_policy(const struct netcfg_prefix_policy *p) { codec_policy_write(&json_out, p); }
static void json_global(const struct netcfg_global *g) { codec_global_write(&json_out, g); }
static void json_route_result(const struct netcfg_route_result *r) { codec_route_result_write(&json_out, r); }
static void json_sort_entry(const struct netcfg_sort_entry *e) { codec_sort_entry_write(&json_out, e); }
static void json_ra(const struct netcfg_ra *ra) { codec_ra_write(&json_out, ra); }

/* Compact for programs, indented for people at a terminal. */
static void json_end(void)
{
	if (json_list)
		jw_arr_end(&json_out);
	if (json_print(&json_out) < 0)
		fprintf(stderr, "ipv6: out of memory\n");
	jw_free(&json_out);
}

const struct ipv6_output ipv6_json_output = {
	.begin = json_begin,
	.interface = json_interface,
	.route = json_route,
	.neighbor = json_neighbor,
	.destcache = json_destcache,
	.binding = json_binding,
	.site_prefix = json_site_prefix,
	.policy = json_policy,
	.global = json_global,
	.route_result = json_route_result,
	.sort_entry = json_sort_entry,
	.ra = json_ra,
	.end = json_end,
};
