/* SPDX-License-Identifier: MIT */
/*
 * output.c - the text tables of the show commands (the JSON ones are in
 * output_json.c; -j swaps the table).  Layouts follow the Windows tools:
 * "Querying active state...", a header, a rule of dashes, the rows.
 */
#include "netsh.h"

#include "../../catalog/catalog.h"
#include "../../libnetcfg/codec.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <string.h>

void out_querying(void)
{
	printf("Querying active state...\n\n");
}

const char *out_yes_no(bool b)
{
	return b ? "Yes" : "No";
}

/* ---- interfaces ------------------------------------------------------ */

static const char *kind_text(enum netcfg_if_kind k)
{
	switch (k) {
	case NETCFG_IF_LOOPBACK: return "Loopback";
	case NETCFG_IF_TUNNEL: return "Tunnel pseudo-interface";
	case NETCFG_IF_ETHERNET: return "Ethernet";
	case NETCFG_IF_6OVER4: return "6-over-4";
	case NETCFG_IF_V6V4: return "Configured tunnel (v6v4)";
	default: return "Unknown";
	}
}

/* A line of a key/value list: the colon at column 36. */
static void kv(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void kv(const char *key, const char *fmt, ...)
{
	va_list ap;
	printf("%-36s: ", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *if_state_text(enum netcfg_if_state st)
{
	switch (st) {
	case NETCFG_IF_DISCONNECTED:
		return "Disconnected";
	case NETCFG_IF_NOT_PRESENT:
		return "Not Present";
	case NETCFG_IF_CONNECTED:
		break;
	}
	return "Connected";
}

static void interface_detail(const struct netcfg_interface *ifp)
{
	char ll[32];
	printf("Interface %u: %s\n\n", ifp->index, ifp->name);
	kv("Interface Kind", "%s", kind_text(ifp->kind));
	kv("State", "%s", if_state_text(ifp->state));
	kv("Metric", "%u", ifp->metric);
	kv("Link MTU", "%u bytes", ifp->mtu);
	kv("True Link MTU", "%u bytes", ifp->true_mtu);
	kv("Current Hop Limit", "%u hops", ifp->hop_limit);
	kv("Reachable Time", "%ums", ifp->reachable_ms);
	kv("Base Reachable Time", "%ums", ifp->base_reachable_ms);
	kv("Retransmission Interval", "%ums", ifp->retrans_ms);
	kv("DAD Transmits", "%u", ifp->dad_transmits);
	kv("Site Prefix Length", "%u", ifp->site_prefix_length);
	kv("Zone ID for Link", "%u", ifp->index);
	kv("Zone ID for Site", "%u", ifp->site);
	kv("Uses Neighbor Discovery", "%s", out_yes_no(ifp->uses_nd));
	kv("Sends Router Advertisements", "%s", out_yes_no(ifp->advertises));
	kv("Forwards Packets", "%s", out_yes_no(ifp->forwards));
	kv("Firewall", "%s", ifp->firewall ? "enabled" : "disabled");
	codec_lladdr_format(ifp->kind, ifp->lladdr, ifp->lladdr_len, ll);
	kv("Link-Layer Address", "%s", ll[0] ? ll : "none");
	if (ifp->kind == NETCFG_IF_V6V4) {
		char v4[16];
		kv("Remote IPv4 Address", "%s", inet_ntop(AF_INET, &ifp->remote_v4, v4, sizeof(v4)));
	}
}

static void text_interfaces(struct netsh *sh, const struct netcfg_interface_list *l, bool detail)
{
	(void)sh;
	out_querying();
	if (detail) {
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				putchar('\n');
			interface_detail(&l->v[i]);
		}
		return;
	}
	/* three columns of index, wider for the kernel's big ones */
	int w = 3;
	for (size_t i = 0; i < l->n; i++) {
		int d = snprintf(NULL, 0, "%u", l->v[i].index);
		if (d > w)
			w = d;
	}
	printf("%*s  %4s  %5s  %-12s  %s\n", w, "Idx", "Met", "MTU", "State", "Name");
	printf("%.*s  ----  -----  ------------  -------------------\n", w, "----------");
	for (size_t i = 0; i < l->n; i++)
		printf("%*u  %4u  %5u  %-12s  %s\n", w, l->v[i].index, l->v[i].metric, l->v[i].mtu,
		       if_state_text(l->v[i].state), l->v[i].name);
}

/* ---- addresses --------------------------------------------------------- */

static const char *addr_type_text(const struct netcfg_address *a)
{
	if (a->type == NETCFG_ADDR_ANYCAST)
		return "Anycast";
	if (IN6_IS_ADDR_LOOPBACK(&a->addr))
		return "Loopback";
	if (IN6_IS_ADDR_LINKLOCAL(&a->addr))
		return "Link";
	if (IN6_IS_ADDR_SITELOCAL(&a->addr))
		return "Site";
	if (IN6_IS_ADDR_V4COMPAT(&a->addr))
		return "Other";
	return "Public";
}

static const char *addr_state_text(enum netcfg_addr_state s)
{
	static const char *const names[] = {
		"Invalid", "Duplicate", "Tentative", "Deprecated", "Preferred",
	};
	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "Unknown";
}

static void interface_title(const struct netcfg_interface *ifp)
{
	printf("Interface %u: %s\n\n", ifp->index, ifp->name);
}

static void text_addresses(struct netsh *sh, const struct netcfg_interface_list *l)
{
	char v[32], p[32], a[NETCFG_ADDRSTRLEN];
	bool first = true;
	(void)sh;
	out_querying();
	for (size_t i = 0; i < l->n; i++) {
		const struct netcfg_interface *ifp = &l->v[i];
		if (!ifp->n_addrs)
			continue;
		if (!first)
			putchar('\n');
		first = false;
		interface_title(ifp);
		printf("Addr Type  DAD State  Valid Life   Pref. Life   Address\n");
		printf("---------  ---------- ------------ ------------ -----------------------------\n");
		for (size_t k = 0; k < ifp->n_addrs; k++) {
			const struct netcfg_address *ad = &ifp->addrs[k];
			printf("%-10s %-10s %12s %12s %s\n", addr_type_text(ad), addr_state_text(ad->state),
			       netcfg_format_duration(ad->valid_lifetime, v),
			       netcfg_format_duration(ad->preferred_lifetime, p),
			       netcfg_format_addr(&ad->addr, a));
		}
	}
}

/* ---- multicast groups ------------------------------------------------ */

static void text_joins(struct netsh *sh, const struct netcfg_interface_list *l)
{
	char a[NETCFG_ADDRSTRLEN];
	bool first = true;
	(void)sh;
	out_querying();
	for (size_t i = 0; i < l->n; i++) {
		const struct netcfg_interface *ifp = &l->v[i];
		if (!ifp->n_groups)
			continue;
		if (!first)
			putchar('\n');
		first = false;
		interface_title(ifp);
		printf("Scope       References  Last  Address\n");
		printf("----------  ----------  ----  ---------------------------------\n");
		for (size_t k = 0; k < ifp->n_groups; k++) {
			const struct netcfg_mcast_group *g = &ifp->groups[k];
			printf("%-10u  %10u  %-4s  %s\n", netcfg_addr_scope(&g->addr), g->refs,
			       out_yes_no(g->last_reporter), netcfg_format_addr(&g->addr, a));
		}
	}
}

/* ---- routes -------------------------------------------------------------- */

/* The seed's rows are tab-separated: No<TAB>Manual<TAB>256<TAB>fe80::/64<TAB>13<TAB>name */
static void text_routes(struct netsh *sh, const struct netcfg_route_list *l)
{
	char p[NETCFG_ADDRSTRLEN], nh[NETCFG_ADDRSTRLEN];
	out_querying();
	printf("Publish\tType\tMet\tPrefix\tIdx\tGateway/Interface Name\n");
	printf("-------\t--------\t----\t------------------------\t---\t---------------------\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct netcfg_route *r = &l->v[i];
		const char *publish = !r->publish ? "No" : r->age ? "Age" : "Yes";
		const char *type = r->origin == NETCFG_ORIGIN_AUTOCONF ? "Autoconf" : "Manual";
		const char *via = IN6_IS_ADDR_UNSPECIFIED(&r->nexthop) ? netsh_ifname(sh, r->ifindex) :
				  netcfg_format_addr(&r->nexthop, nh);
		printf("%s\t%s\t%u\t%s\t%u\t%s\n", publish, type, r->preference,
		       netcfg_format_prefix(&r->prefix, p), r->ifindex, via);
	}
}

/* ---- prefix policies ------------------------------------------------------- */

static void text_policies(struct netsh *sh, const struct netcfg_prefix_policy_list *l)
{
	char p[NETCFG_ADDRSTRLEN];
	(void)sh;
	out_querying();
	printf("Precedence  Label  Prefix\n");
	printf("----------  -----  --------------------------------\n");
	for (size_t i = 0; i < l->n; i++)
		printf("%10u  %5u  %s\n", l->v[i].precedence, l->v[i].srclabel,
		       netcfg_format_prefix(&l->v[i].prefix, p));
}

/* ---- global parameters ------------------------------------------------------ */

static void title(const char *t)
{
	out_querying();
	printf("%s\n---------------------------------------------\n", t);
}

/* After a parameter the linux dataplane's kernel has no place for. */
static const char *held(const struct netcfg_global *g, uint32_t bit)
{
	return g->daemon_held & bit ? " (held by stackd only)" : "";
}

static void text_global(struct netsh *sh, const struct netcfg_global *g)
{
	(void)sh;
	title("General Global Parameters");
	kv("Default Hop Limit", "%u hops%s", g->default_hop_limit,
	   held(g, NETCFG_GLOBAL_DEFAULT_HOP_LIMIT));
	kv("Neighbor Cache Limit", "%u entries per interface%s", g->neighbor_cache_limit,
	   held(g, NETCFG_GLOBAL_NEIGHBOR_CACHE_LIMIT));
	kv("Route Cache Limit", "%u entries%s", g->route_cache_limit,
	   held(g, NETCFG_GLOBAL_ROUTE_CACHE_LIMIT));
	kv("Reassembly Limit", "%u bytes%s", g->reassembly_limit, held(g, NETCFG_GLOBAL_REASSEMBLY_LIMIT));
}

static const char *temp_use_text(enum netcfg_temp_use u)
{
	switch (u) {
	case NETCFG_TEMP_NO: return "disabled";
	case NETCFG_TEMP_YES: return "enabled";
	case NETCFG_TEMP_ALWAYS: return "always";
	case NETCFG_TEMP_COUNTER: return "counter";
	}
	return "unknown";
}

static void text_privacy(struct netsh *sh, const struct netcfg_global *g)
{
	char b[32];
	(void)sh;
	title("Temporary Address Parameters");
	kv("Use Temporary Addresses", "%s%s", temp_use_text(g->use_temporary),
	   held(g, NETCFG_GLOBAL_USE_TEMPORARY));
	kv("Duplicate Address Detection Attempts", "%u%s", g->max_temp_dad_attempts,
	   held(g, NETCFG_GLOBAL_MAX_TEMP_DAD_ATTEMPTS));
	kv("Maximum Valid Lifetime", "%s%s", netcfg_format_duration(g->max_temp_valid_lifetime, b),
	   held(g, NETCFG_GLOBAL_MAX_TEMP_VALID));
	kv("Maximum Preferred Lifetime", "%s%s",
	   netcfg_format_duration(g->max_temp_preferred_lifetime, b),
	   held(g, NETCFG_GLOBAL_MAX_TEMP_PREFERRED));
	kv("Regenerate Time", "%s%s", netcfg_format_duration(g->temp_regenerate_time, b),
	   held(g, NETCFG_GLOBAL_TEMP_REGENERATE));
	kv("Maximum Random Time", "%s%s", netcfg_format_duration(g->max_temp_random_time, b),
	   held(g, NETCFG_GLOBAL_MAX_TEMP_RANDOM));
	kv("Random Time", "%s%s", netcfg_format_duration(g->temp_random_time, b),
	   held(g, NETCFG_GLOBAL_TEMP_RANDOM));
}

static void text_mobility(struct netsh *sh, const struct netcfg_global *g)
{
	(void)sh;
	title("Mobility Parameters");
	kv("Security", "%s%s", g->mobility_security ? "enabled" : "disabled",
	   held(g, NETCFG_GLOBAL_MOBILITY_SECURITY));
	kv("Binding Cache Limit", "%u entries%s", g->binding_cache_limit,
	   held(g, NETCFG_GLOBAL_BINDING_CACHE_LIMIT));
}

/* ---- objects on interfaces ------------------------------------------------- */

/* "Interface N: name" before the rows of each interface, in the order the
 * objects come (grouped by interface). */
static bool new_interface(struct netsh *sh, uint32_t *last, uint32_t index, bool *first)
{
	if (*last == index && !*first)
		return false;
	if (!*first)
		putchar('\n');
	*first = false;
	*last = index;
	printf("Interface %u: %s\n\n", index, netsh_ifname(sh, index));
	return true;
}

static void text_dns(struct netsh *sh, const struct netcfg_dns_list *l, uint32_t only)
{
	char a[NETCFG_ADDRSTRLEN];
	uint32_t last = 0;
	bool first = true;
	out_querying();
	if (!l->n && only)
		printf("Interface %u: %s\n\nNo DNS servers are configured.\n", only,
		       netsh_ifname(sh, only));
	else if (!l->n)
		printf("No DNS servers are configured.\n");
	for (size_t i = 0; i < l->n; i++) {
		if (new_interface(sh, &last, l->v[i].ifindex, &first)) {
			printf("Index  DNS Server\n");
			printf("-----  ---------------------------------------\n");
		}
		printf("%5u  %s\n", l->v[i].position, netcfg_format_addr(&l->v[i].addr, a));
	}
}

static void nd_state_text(const struct netcfg_neighbor *n, char *buf, size_t size)
{
	static const char *const names[] = {
		"Incomplete", "Probe", "Delay", "Stale", "Reachable", "Permanent",
	};
	const char *name = (unsigned)n->state < sizeof(names) / sizeof(names[0]) ? names[n->state] : "Unknown";
	size_t len;
	if (n->state == NETCFG_ND_REACHABLE)
		len = (size_t)snprintf(buf, size, "%s (%us)", name, n->reachable_ms / 1000);
	else
		len = (size_t)snprintf(buf, size, "%s", name);
	if (n->is_router && len < size)
		len += (size_t)snprintf(buf + len, size - len, " (Router)");
	if (n->unreachable && len < size)
		snprintf(buf + len, size - len, " (Unreachable)");
}

static void text_neighbors(struct netsh *sh, const struct netcfg_neighbor_list *l)
{
	char a[NETCFG_ADDRSTRLEN], ll[32], st[64];
	uint32_t last = 0;
	bool first = true;
	out_querying();
	if (!l->n)
		printf("The neighbor cache is empty.\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct netcfg_neighbor *n = &l->v[i];
		if (new_interface(sh, &last, n->ifindex, &first)) {
			printf("%-44s  %-17s  %s\n", "Internet Address", "Physical Address", "Type");
			printf("--------------------------------------------  -----------------  -----------\n");
		}
		nd_state_text(n, st, sizeof(st));
		printf("%-44s  %-17s  %s\n", netcfg_format_addr(&n->addr, a),
		       codec_lladdr_any_format(n->lladdr, n->lladdr_len, ll), st);
	}
}

static void text_destcache(struct netsh *sh, const struct netcfg_destcache_list *l, bool verbose)
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	uint32_t last = 0;
	bool first = true;
	out_querying();
	if (!l->n)
		printf("The destination cache is empty.\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct netcfg_destcache_entry *e = &l->v[i];
		bool fresh = new_interface(sh, &last, e->ifindex, &first);
		if (verbose) {
			if (!fresh)
				putchar('\n');
			kv("Destination Address", "%s", netcfg_format_addr(&e->dest, a));
			kv("Next Hop Address", "%s", netcfg_format_addr(&e->nexthop, a));
			kv("Source Address", "%s", IN6_IS_ADDR_UNSPECIFIED(&e->source) ? "none" :
			   netcfg_format_addr(&e->source, a));
			kv("Source Interface", "%u", e->source_ifindex);
			kv("Path MTU", "%u", e->pmtu);
			kv("Interface Specific", "%s", out_yes_no(e->interface_specific));
			if (e->has_careof)
				kv("Care-of Address", "%s (sequence %u, lifetime %us)",
				   netcfg_format_addr(&e->careof, a), e->careof_seq, e->careof_lifetime);
			continue;
		}
		if (fresh) {
			printf("PMTU  %-45s  %s\n", "Destination Address", "Next Hop Address");
			printf("----  ---------------------------------------------  ---------------------------\n");
		}
		printf("%4u  %-45s  %s\n", e->pmtu, netcfg_format_addr(&e->dest, a),
		       netcfg_format_addr(&e->nexthop, b));
	}
}

static void text_site_prefixes(struct netsh *sh, const struct netcfg_site_prefix_list *l)
{
	char p[NETCFG_ADDRSTRLEN], v[32];
	out_querying();
	printf("%-38s  %10s  %s\n", "Prefix", "Valid Life", "Interface");
	printf("--------------------------------------  ----------  ---------------------\n");
	for (size_t i = 0; i < l->n; i++)
		printf("%-38s  %10s  %s\n", netcfg_format_prefix(&l->v[i].prefix, p),
		       netcfg_format_duration(l->v[i].lifetime, v), netsh_ifname(sh, l->v[i].ifindex));
}

static void text_bindings(struct netsh *sh, const struct netcfg_binding_list *l)
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN], v[32];
	(void)sh;
	out_querying();
	printf("%-30s  %-30s  %8s  %s\n", "Home Address", "Care-of Address", "Sequence", "Lifetime");
	printf("------------------------------  ------------------------------  --------  --------\n");
	for (size_t i = 0; i < l->n; i++)
		printf("%-30s  %-30s  %8u  %s\n", netcfg_format_addr(&l->v[i].home, a),
		       netcfg_format_addr(&l->v[i].careof, b), l->v[i].seq,
		       netcfg_format_duration(l->v[i].lifetime, v));
}

/* ---- transition services ---------------------------------------------------- */

/* A name setting: the default shown as such. */
static void name_setting(const char *key, const char *name, const char *dflt)
{
	if (name[0])
		kv(key, "%s", name);
	else
		kv(key, "%s (default)", dflt);
}

static void interval_setting(uint32_t minutes)
{
	if (minutes)
		kv("Resolution Interval", "%u minutes", minutes);
	else
		kv("Resolution Interval", "%u minutes (default)", NETCFG_DEFAULT_RESOLUTION_INTERVAL);
}

static void text_sixtofour(struct netsh *sh, const struct netcfg_6to4 *s)
{
	(void)sh;
	out_querying();
	if (s->mask & NETCFG_6TO4_RELAY_NAME)
		name_setting("Relay Name", s->relay_name, NETCFG_6TO4_DEFAULT_RELAY);
	if (s->mask & NETCFG_6TO4_RELAY_STATE)
		kv("Relay State", "%s", netcfg_svc_state_name(s->relay_state));
	if (s->mask & NETCFG_6TO4_RELAY_INTERVAL)
		interval_setting(s->relay_interval);
	if (s->mask & NETCFG_6TO4_ROUTING)
		kv("6to4 Routing", "%s", netcfg_svc_state_name(s->routing));
	if (s->mask & NETCFG_6TO4_SITELOCALS)
		kv("Site-local Routing", "%s", netcfg_svc_state_name(s->sitelocals));
	if (s->mask & NETCFG_6TO4_STATE)
		kv("6to4 Service State", "%s", netcfg_svc_state_name(s->state));
	if (s->mask & NETCFG_6TO4_UNDO_ON_STOP)
		kv("Undo on Stop", "%s", netcfg_svc_state_name(s->undo_on_stop));
	if (s->mask)
		return;
	if (!s->n_interfaces) {
		printf("No interface has a 6to4 routing of its own.\n");
		return;
	}
	printf("%-36s  %s\n", "Interface", "Routing");
	printf("------------------------------------  ---------\n");
	for (size_t i = 0; i < s->n_interfaces; i++)
		printf("%-36s  %s\n", s->interfaces[i].name,
		       netcfg_svc_state_name(s->interfaces[i].routing));
}

static void text_isatap(struct netsh *sh, const struct netcfg_isatap *s)
{
	(void)sh;
	out_querying();
	if (s->mask & NETCFG_ISATAP_ROUTER_NAME)
		name_setting("Router Name", s->router_name, NETCFG_ISATAP_DEFAULT_ROUTER);
	if (s->mask & NETCFG_ISATAP_ROUTER_STATE)
		kv("Router State", "%s", netcfg_svc_state_name(s->router_state));
	if (s->mask & NETCFG_ISATAP_ROUTER_INTERVAL)
		interval_setting(s->router_interval);
	if (s->mask & NETCFG_ISATAP_STATE)
		kv("ISATAP State", "%s", netcfg_svc_state_name(s->state));
}

/* ---- the shell's own ---------------------------------------------------- */

static void text_aliases(struct netsh *sh)
{
	if (!sh->aliases) {
		printf("No aliases are defined.\n");
		return;
	}
	printf("%-15s  %s\n", "Alias", "Stands for");
	printf("---------------  ---------------------------------------\n");
	for (const struct alias *a = sh->aliases; a; a = a->next)
		printf("%-15s  %s\n", a->name, a->value);
}

static void helper_rows(const struct context *c, int depth)
{
	for (const struct context *const *s = c->subs; s && *s; s++) {
		printf("%-38s  %-16s  %*s%s\n", (*s)->helper_guid, "netsh (built in)", 2 * depth, "",
		       (*s)->name);
		helper_rows(*s, depth + 1);
	}
}

static void text_helpers(struct netsh *sh)
{
	(void)sh;
	printf("%-38s  %-16s  %s\n", "Helper GUID", "DLL Name", "Command");
	printf("--------------------------------------  ----------------  --------\n");
	helper_rows(&ctx_root, 0);
}

/* the blocks of catalog(8)'s show, from the one printer both tools use */
static void text_catalog(struct netsh *sh, const struct netcfg_catalog *c, bool verbose)
{
	(void)sh;
	catalog_print(stdout, c, verbose);
}

const struct netsh_output netsh_text_output = {
	.interfaces = text_interfaces,
	.addresses = text_addresses,
	.joins = text_joins,
	.routes = text_routes,
	.policies = text_policies,
	.global = text_global,
	.privacy = text_privacy,
	.mobility = text_mobility,
	.dns = text_dns,
	.neighbors = text_neighbors,
	.destcache = text_destcache,
	.site_prefixes = text_site_prefixes,
	.bindings = text_bindings,
	.sixtofour = text_sixtofour,
	.isatap = text_isatap,
	.catalog = text_catalog,
	.aliases = text_aliases,
	.helpers = text_helpers,
};
