/* SPDX-License-Identifier: MIT */
/* codec.c - JSON codecs of the stack objects (see codec.h). */
#include "codec.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- enum names ---------------------------------------------------- */

static const char *const kind_names[NETCFG_IF__KIND_MAX] = {
	[NETCFG_IF_LOOPBACK] = "loopback",
	[NETCFG_IF_TUNNEL] = "tunnel",
	[NETCFG_IF_ETHERNET] = "ethernet",
	[NETCFG_IF_6OVER4] = "6over4",
	[NETCFG_IF_V6V4] = "v6v4",
	[NETCFG_IF_OTHER] = "other",
};
static const char *const if_state_names[] = { "connected", "disconnected", "not-present" };
static const char *const router_pref_names[] = { "medium", "high", "low" };
static const char *const addr_type_names[] = { "unicast", "anycast" };
static const char *const addr_state_names[] = {
	"invalid", "duplicate", "tentative", "deprecated", "preferred",
};
static const char *const origin_names[] = { "manual", "system", "autoconf" };
static const char *const temp_use_names[] = { "no", "yes", "always", "counter" };
static const char *const nd_state_names[] = {
	"incomplete", "probe", "delay", "stale", "reachable", "permanent",
};
static const char *const route_rule_names[] = {
	"local", "scope", "only", "longest-prefix", "preference", "order", "kernel",
};
static const char *const source_rule_names[] = {
	"none", "same-address", "scope", "deprecated", "home", "interface",
	"label", "temporary", "longest-prefix", "only", "order", "kernel",
};

#define NAME_OF(tab, v) ((unsigned)(v) < sizeof(tab) / sizeof(tab[0]) ? tab[v] : NULL)

static int name_parse(const char *const *tab, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (tab[i] && strcmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}
#define PARSE_OF(tab, s) name_parse(tab, sizeof(tab) / sizeof(tab[0]), s)

const char *netcfg_if_kind_name(enum netcfg_if_kind k) { return NAME_OF(kind_names, k); }
int netcfg_if_kind_parse(const char *s) { return PARSE_OF(kind_names, s); }
const char *netcfg_if_state_name(enum netcfg_if_state s) { return NAME_OF(if_state_names, s); }
int netcfg_if_state_parse(const char *s) { return PARSE_OF(if_state_names, s); }
const char *netcfg_router_pref_name(enum netcfg_router_pref p) { return NAME_OF(router_pref_names, p); }
int netcfg_router_pref_parse(const char *s) { return PARSE_OF(router_pref_names, s); }
const char *netcfg_addr_type_name(enum netcfg_addr_type t) { return NAME_OF(addr_type_names, t); }
int netcfg_addr_type_parse(const char *s) { return PARSE_OF(addr_type_names, s); }
const char *netcfg_addr_state_name(enum netcfg_addr_state s) { return NAME_OF(addr_state_names, s); }
int netcfg_addr_state_parse(const char *s) { return PARSE_OF(addr_state_names, s); }
const char *netcfg_origin_name(enum netcfg_origin o) { return NAME_OF(origin_names, o); }
int netcfg_origin_parse(const char *s) { return PARSE_OF(origin_names, s); }
const char *netcfg_temp_use_name(enum netcfg_temp_use u) { return NAME_OF(temp_use_names, u); }
int netcfg_temp_use_parse(const char *s) { return PARSE_OF(temp_use_names, s); }
const char *netcfg_nd_state_name(enum netcfg_nd_state st) { return NAME_OF(nd_state_names, st); }
int netcfg_nd_state_parse(const char *s) { return PARSE_OF(nd_state_names, s); }
const char *netcfg_route_rule_name(enum netcfg_route_rule r) { return NAME_OF(route_rule_names, r); }
int netcfg_route_rule_parse(const char *s) { return PARSE_OF(route_rule_names, s); }
const char *netcfg_source_rule_name(enum netcfg_source_rule r) { return NAME_OF(source_rule_names, r); }
int netcfg_source_rule_parse(const char *s) { return PARSE_OF(source_rule_names, s); }

/* ---- reading helpers ----------------------------------------------- */

static int bad(char *err, const char *obj, const char *field, const char *what)
{
	snprintf(err, CODEC_ERRLEN, "%s: %s %s", obj, field, what);
	return NETCFG_EPROTO;
}

/* Optional members keep the caller's default when absent. */
static int rd_addr(const struct jdoc *d, int o, const char *key, bool required,
		   struct in6_addr *a, const char *obj, char *err)
{
	char buf[NETCFG_ADDRSTRLEN];
	int i = j_get(d, o, key);
	if (i < 0)
		return required ? bad(err, obj, key, "is missing") : 0;
	if (!j_str(d, i, buf, sizeof(buf)) || netcfg_parse_addr(buf, a, NULL) != NETCFG_OK)
		return bad(err, obj, key, "is not an IPv6 address");
	return 0;
}

static int rd_u32(const struct jdoc *d, int o, const char *key, bool required,
		  uint32_t max, uint32_t *v, const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i < 0)
		return required ? bad(err, obj, key, "is missing") : 0;
	if (!j_uint32(d, i, v) || *v > max)
		return bad(err, obj, key, "is not a number in range");
	return 0;
}

static int rd_bool(const struct jdoc *d, int o, const char *key, bool *v,
		   const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i >= 0 && !j_bool(d, i, v))
		return bad(err, obj, key, "is not true or false");
	return 0;
}

static int rd_life(const struct jdoc *d, int o, const char *key, uint32_t *v,
		   const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i >= 0 && !j_lifetime(d, i, v))
		return bad(err, obj, key, "is not a lifetime");
	return 0;
}

static int rd_enum(const struct jdoc *d, int o, const char *key, int (*parse)(const char *),
		   int *v, const char *obj, char *err)
{
	char buf[32];
	int i = j_get(d, o, key);
	if (i < 0)
		return 0;
	int x = j_str(d, i, buf, sizeof(buf)) ? parse(buf) : -1;
	if (x < 0)
		return bad(err, obj, key, "has an unknown value");
	*v = x;
	return 0;
}

static int rd_prefix(const struct jdoc *d, int o, const char *key, struct netcfg_prefix *p,
		     const char *obj, char *err)
{
	char buf[NETCFG_ADDRSTRLEN];
	int i = j_get(d, o, key);
	if (i < 0)
		return bad(err, obj, key, "is missing");
	if (!j_str(d, i, buf, sizeof(buf)) || netcfg_parse_prefix(buf, p) != NETCFG_OK)
		return bad(err, obj, key, "is not an IPv6 prefix");
	return 0;
}

static int rd_ipv4(const struct jdoc *d, int o, const char *key, bool required,
		   struct in_addr *v4, const char *obj, char *err)
{
	char buf[32];
	int i = j_get(d, o, key);
	if (i < 0)
		return required ? bad(err, obj, key, "is missing") : 0;
	if (!j_str(d, i, buf, sizeof(buf)) || netcfg_parse_ipv4(buf, v4) != NETCFG_OK)
		return bad(err, obj, key, "is not an IPv4 address");
	return 0;
}

static void wr_ipv4(struct jw *w, const char *key, struct in_addr v4)
{
	char buf[INET_ADDRSTRLEN];
	jw_kstr(w, key, inet_ntop(AF_INET, &v4, buf, sizeof(buf)));
}

static void wr_addr(struct jw *w, const char *key, const struct in6_addr *a)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_kstr(w, key, netcfg_format_addr(a, buf));
}

static void wr_prefix(struct jw *w, const char *key, const struct netcfg_prefix *p)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_kstr(w, key, netcfg_format_prefix(p, buf));
}

/* An interface reference for objects that name one: "ifindex", and the
 * name as "interface" when there is one. */
static void wr_ifref(struct jw *w, uint32_t index, const char *ifname)
{
	jw_kuint(w, "ifindex", index);
	if (ifname)
		jw_kstr(w, "interface", ifname);
}

/* "ifindex" and/or "interface" (name). */
static int rd_ifref(const struct jdoc *d, int o, uint32_t *index, char ifname[NETCFG_NAME_MAX],
		    const char *obj, char *err)
{
	int i = j_get(d, o, "interface");
	if (ifname)
		ifname[0] = '\0';
	if (i >= 0 && (!ifname || !j_str(d, i, ifname, NETCFG_NAME_MAX)))
		return bad(err, obj, "interface", "is not an interface name");
	if (rd_u32(d, o, "ifindex", false, UINT32_MAX, index, obj, err))
		return NETCFG_EPROTO;
	if (i < 0 && j_get(d, o, "ifindex") < 0)
		return bad(err, obj, "ifindex", "is missing");
	return 0;
}

/* ---- addresses ----------------------------------------------------- */

void codec_address_write(struct jw *w, const struct netcfg_address *a, const char *ifname)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	jw_kuint(w, "ifindex", a->ifindex);
	if (ifname)
		jw_kstr(w, "interface", ifname);
	jw_kstr(w, "address", netcfg_format_addr(&a->addr, buf));
	jw_kstr(w, "type", netcfg_addr_type_name(a->type));
	jw_kstr(w, "state", netcfg_addr_state_name(a->state));
	jw_kstr(w, "origin", netcfg_origin_name(a->origin));
	jw_klifetime(w, "valid_lifetime", a->valid_lifetime);
	jw_klifetime(w, "preferred_lifetime", a->preferred_lifetime);
	jw_obj_end(w);
}

int codec_address_read(const struct jdoc *d, int o, struct netcfg_address *a,
		       char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "address";
	int t = NETCFG_ADDR_UNICAST, st = NETCFG_ADDR_PREFERRED, org = NETCFG_ORIGIN_MANUAL;

	memset(a, 0, sizeof(*a));
	a->valid_lifetime = a->preferred_lifetime = NETCFG_INFINITE;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_ifref(d, o, &a->ifindex, ifname, obj, err) ||
	    rd_addr(d, o, "address", true, &a->addr, obj, err) ||
	    rd_enum(d, o, "type", netcfg_addr_type_parse, &t, obj, err) ||
	    rd_enum(d, o, "state", netcfg_addr_state_parse, &st, obj, err) ||
	    rd_enum(d, o, "origin", netcfg_origin_parse, &org, obj, err) ||
	    rd_life(d, o, "valid_lifetime", &a->valid_lifetime, obj, err) ||
	    rd_life(d, o, "preferred_lifetime", &a->preferred_lifetime, obj, err))
		return NETCFG_EPROTO;
	a->type = (enum netcfg_addr_type)t;
	a->state = (enum netcfg_addr_state)st;
	a->origin = (enum netcfg_origin)org;
	return 0;
}

/* ---- routes -------------------------------------------------------- */

void netcfg_route_init(struct netcfg_route *r)
{
	memset(r, 0, sizeof(*r));
	r->lifetime = NETCFG_INFINITE;
	r->age = true;
}

void codec_route_write(struct jw *w, const struct netcfg_route *r, const char *ifname)
{
	char buf[NETCFG_ADDRSTRLEN];
	bool all = !w->omit_defaults;
	jw_obj_begin(w);
	jw_kstr(w, "prefix", netcfg_format_prefix(&r->prefix, buf));
	jw_kuint(w, "ifindex", r->ifindex);
	if (ifname)
		jw_kstr(w, "interface", ifname);
	if (!IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		jw_kstr(w, "nexthop", netcfg_format_addr(&r->nexthop, buf));
	if (all || r->preference)
		jw_kuint(w, "preference", r->preference);
	if (all || r->lifetime != NETCFG_INFINITE)
		jw_klifetime(w, "lifetime", r->lifetime);
	if (r->preferred_lifetime && r->preferred_lifetime < r->lifetime)
		jw_klifetime(w, "preferred_lifetime", r->preferred_lifetime);
	if (all || r->publish)
		jw_kbool(w, "publish", r->publish);
	if (all || !r->age)
		jw_kbool(w, "age", r->age);
	if (r->spl)
		jw_kuint(w, "spl", r->spl);
	if (r->router_pref != NETCFG_ROUTER_PREF_MEDIUM)
		jw_kstr(w, "router_pref", netcfg_router_pref_name(r->router_pref));
	if (all || r->origin != NETCFG_ORIGIN_MANUAL)
		jw_kstr(w, "origin", netcfg_origin_name(r->origin));
	jw_obj_end(w);
}

int codec_route_read(const struct jdoc *d, int o, struct netcfg_route *r,
		     char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "route";
	int org = NETCFG_ORIGIN_MANUAL, rpref = NETCFG_ROUTER_PREF_MEDIUM;
	uint32_t spl = 0;

	netcfg_route_init(r);
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_prefix(d, o, "prefix", &r->prefix, obj, err) ||
	    rd_ifref(d, o, &r->ifindex, ifname, obj, err) ||
	    rd_addr(d, o, "nexthop", false, &r->nexthop, obj, err) ||
	    rd_u32(d, o, "preference", false, UINT32_MAX, &r->preference, obj, err) ||
	    rd_life(d, o, "lifetime", &r->lifetime, obj, err) ||
	    rd_life(d, o, "preferred_lifetime", &r->preferred_lifetime, obj, err) ||
	    rd_bool(d, o, "publish", &r->publish, obj, err) ||
	    rd_bool(d, o, "age", &r->age, obj, err) ||
	    rd_u32(d, o, "spl", false, 128, &spl, obj, err) ||
	    rd_enum(d, o, "router_pref", netcfg_router_pref_parse, &rpref, obj, err) ||
	    rd_enum(d, o, "origin", netcfg_origin_parse, &org, obj, err))
		return NETCFG_EPROTO;
	r->spl = (uint8_t)spl;
	r->router_pref = (enum netcfg_router_pref)rpref;
	r->origin = (enum netcfg_origin)org;
	return 0;
}

/* ---- multicast groups ---------------------------------------------- */

void codec_mcast_write(struct jw *w, const struct netcfg_mcast_group *g)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	jw_kstr(w, "address", netcfg_format_addr(&g->addr, buf));
	jw_kuint(w, "refs", g->refs);
	jw_kbool(w, "reportable", g->reportable);
	jw_kbool(w, "last_reporter", g->last_reporter);
	jw_obj_end(w);
}

int codec_mcast_read(const struct jdoc *d, int o, struct netcfg_mcast_group *g, char *err)
{
	static const char obj[] = "multicast group";
	memset(g, 0, sizeof(*g));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_addr(d, o, "address", true, &g->addr, obj, err) ||
	    rd_u32(d, o, "refs", false, UINT32_MAX, &g->refs, obj, err) ||
	    rd_bool(d, o, "reportable", &g->reportable, obj, err) ||
	    rd_bool(d, o, "last_reporter", &g->last_reporter, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

/* ---- interfaces ---------------------------------------------------- */

const char *codec_lladdr_format(enum netcfg_if_kind kind, const uint8_t *ll, uint8_t len, char *buf)
{
	buf[0] = '\0';
	if ((kind == NETCFG_IF_ETHERNET || kind == NETCFG_IF_OTHER) && len == 6)
		netcfg_format_mac(ll, buf);
	else if (len == 4)
		inet_ntop(AF_INET, ll, buf, 16);
	return buf;
}

int codec_lladdr_parse(enum netcfg_if_kind kind, const char *s, uint8_t *ll, uint8_t *len)
{
	if (kind == NETCFG_IF_LOOPBACK) {
		*len = 0;
		return *s ? NETCFG_EINVAL : NETCFG_OK;
	}
	if (kind == NETCFG_IF_ETHERNET) {
		*len = 6;
		return netcfg_parse_mac(s, ll);
	}
	if (kind == NETCFG_IF_OTHER)
		return codec_lladdr_any_parse(s, ll, len);
	struct in_addr v4;
	if (netcfg_parse_ipv4(s, &v4) != NETCFG_OK)
		return NETCFG_EINVAL;
	memcpy(ll, &v4.s_addr, 4);
	*len = 4;
	return NETCFG_OK;
}

void codec_interface_write(struct jw *w, const struct netcfg_interface *ifp)
{
	char buf[32];
	jw_obj_begin(w);
	jw_kuint(w, "index", ifp->index);
	jw_kstr(w, "name", ifp->name);
	jw_kstr(w, "kind", netcfg_if_kind_name(ifp->kind));
	jw_kuint(w, "site", ifp->site);
	jw_kbool(w, "uses_nd", ifp->uses_nd);
	jw_kbool(w, "forwards", ifp->forwards);
	jw_kbool(w, "advertises", ifp->advertises);
	jw_kstr(w, "lladdr", codec_lladdr_format(ifp->kind, ifp->lladdr, ifp->lladdr_len, buf));
	jw_kuint(w, "mtu", ifp->mtu);
	jw_kuint(w, "true_mtu", ifp->true_mtu);
	jw_kuint(w, "hop_limit", ifp->hop_limit);
	jw_kuint(w, "metric", ifp->metric);
	jw_kbool(w, "firewall", ifp->firewall);
	jw_kuint(w, "site_prefix_length", ifp->site_prefix_length);
	if (ifp->kind == NETCFG_IF_V6V4)
		wr_ipv4(w, "remote", ifp->remote_v4);
	jw_kuint(w, "reachable_time_ms", ifp->reachable_ms);
	jw_kuint(w, "base_reachable_time_ms", ifp->base_reachable_ms);
	jw_kuint(w, "retrans_interval_ms", ifp->retrans_ms);
	jw_kuint(w, "dad_transmits", ifp->dad_transmits);
	jw_kstr(w, "state", netcfg_if_state_name(ifp->state));
	jw_kbool(w, "router_discovery", ifp->router_discovery);
	if (ifp->daemon_held)
		jw_kbool(w, "daemon_held", true);
	jw_key(w, "addresses");
	jw_arr_begin(w);
	for (size_t i = 0; i < ifp->n_addrs; i++)
		codec_address_write(w, &ifp->addrs[i], NULL);
	jw_arr_end(w);
	jw_key(w, "multicast");
	jw_arr_begin(w);
	for (size_t i = 0; i < ifp->n_groups; i++)
		codec_mcast_write(w, &ifp->groups[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

void codec_interface_free(struct netcfg_interface *ifp)
{
	free(ifp->addrs);
	free(ifp->groups);
	ifp->addrs = NULL;
	ifp->groups = NULL;
	ifp->n_addrs = ifp->n_groups = 0;
}

int codec_interface_read(const struct jdoc *d, int o, struct netcfg_interface *ifp, char *err)
{
	static const char obj[] = "interface";
	char ll[32];
	int kind = NETCFG_IF_ETHERNET, state = NETCFG_IF_CONNECTED;

	memset(ifp, 0, sizeof(*ifp));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int i = j_get(d, o, "name");
	if (i < 0 || !j_str(d, i, ifp->name, sizeof(ifp->name)))
		return bad(err, obj, "name", "is missing or too long");
	if (rd_u32(d, o, "index", true, UINT32_MAX, &ifp->index, obj, err) ||
	    rd_enum(d, o, "kind", netcfg_if_kind_parse, &kind, obj, err) ||
	    rd_u32(d, o, "site", false, UINT32_MAX, &ifp->site, obj, err) ||
	    rd_bool(d, o, "uses_nd", &ifp->uses_nd, obj, err) ||
	    rd_bool(d, o, "forwards", &ifp->forwards, obj, err) ||
	    rd_bool(d, o, "advertises", &ifp->advertises, obj, err) ||
	    rd_u32(d, o, "mtu", false, UINT32_MAX, &ifp->mtu, obj, err) ||
	    rd_u32(d, o, "true_mtu", false, UINT32_MAX, &ifp->true_mtu, obj, err) ||
	    rd_u32(d, o, "hop_limit", false, 255, &ifp->hop_limit, obj, err) ||
	    rd_u32(d, o, "metric", false, UINT32_MAX, &ifp->metric, obj, err) ||
	    rd_bool(d, o, "firewall", &ifp->firewall, obj, err) ||
	    rd_u32(d, o, "site_prefix_length", false, 128, &ifp->site_prefix_length, obj, err) ||
	    rd_ipv4(d, o, "remote", false, &ifp->remote_v4, obj, err) ||
	    rd_u32(d, o, "reachable_time_ms", false, UINT32_MAX, &ifp->reachable_ms, obj, err) ||
	    rd_u32(d, o, "base_reachable_time_ms", false, UINT32_MAX, &ifp->base_reachable_ms, obj, err) ||
	    rd_u32(d, o, "retrans_interval_ms", false, UINT32_MAX, &ifp->retrans_ms, obj, err) ||
	    rd_u32(d, o, "dad_transmits", false, UINT32_MAX, &ifp->dad_transmits, obj, err) ||
	    rd_enum(d, o, "state", netcfg_if_state_parse, &state, obj, err) ||
	    rd_bool(d, o, "router_discovery", &ifp->router_discovery, obj, err) ||
	    rd_bool(d, o, "daemon_held", &ifp->daemon_held, obj, err))
		return NETCFG_EPROTO;
	ifp->kind = (enum netcfg_if_kind)kind;
	ifp->state = (enum netcfg_if_state)state;
	/* "" is none, as the writer writes an interface without one */
	i = j_get(d, o, "lladdr");
	if (i >= 0 && (!j_str(d, i, ll, sizeof(ll)) ||
		       (ll[0] && codec_lladdr_parse(ifp->kind, ll, ifp->lladdr, &ifp->lladdr_len) != NETCFG_OK)))
		return bad(err, obj, "lladdr", "is not a link-layer address of its kind");

	int arr = j_get(d, o, "addresses");
	if (arr >= 0) {
		if (j_type(d, arr) != J_ARR)
			return bad(err, obj, "addresses", "is not an array");
		ifp->addrs = calloc(d->t[arr].size + 1, sizeof(*ifp->addrs));
		if (!ifp->addrs)
			return NETCFG_ENOMEM;
		for (int e = j_first(d, arr); e >= 0; e = j_next(d, e)) {
			int rc = codec_address_read(d, e, &ifp->addrs[ifp->n_addrs], NULL, err);
			if (rc) {
				codec_interface_free(ifp);
				return rc;
			}
			ifp->addrs[ifp->n_addrs++].ifindex = ifp->index;
		}
	}
	arr = j_get(d, o, "multicast");
	if (arr >= 0) {
		if (j_type(d, arr) != J_ARR) {
			codec_interface_free(ifp);
			return bad(err, obj, "multicast", "is not an array");
		}
		ifp->groups = calloc(d->t[arr].size + 1, sizeof(*ifp->groups));
		if (!ifp->groups) {
			codec_interface_free(ifp);
			return NETCFG_ENOMEM;
		}
		for (int e = j_first(d, arr); e >= 0; e = j_next(d, e)) {
			int rc = codec_mcast_read(d, e, &ifp->groups[ifp->n_groups++], err);
			if (rc) {
				codec_interface_free(ifp);
				return rc;
			}
		}
	}
	return 0;
}

/* ---- change flags -------------------------------------------------- */

/* The daemon's defaults are create and excl (an add). */
void codec_flags_write(struct jw *w, unsigned flags)
{
	bool all = !w->omit_defaults;
	if (all || !(flags & NETCFG_F_CREATE))
		jw_kbool(w, "create", flags & NETCFG_F_CREATE);
	if (all || !(flags & NETCFG_F_EXCL))
		jw_kbool(w, "excl", flags & NETCFG_F_EXCL);
	if (all || (flags & NETCFG_F_REPLACE))
		jw_kbool(w, "replace", flags & NETCFG_F_REPLACE);
	if (flags & NETCFG_F_PERSIST)
		jw_kbool(w, "persist", true);
}

/* ---- generic link-layer addresses ---------------------------------- */

const char *codec_lladdr_any_format(const uint8_t *ll, uint8_t len, char *buf)
{
	buf[0] = '\0';
	if (len == 6)
		netcfg_format_mac(ll, buf);
	else if (len == 4)
		inet_ntop(AF_INET, ll, buf, 16);
	return buf;
}

int codec_lladdr_any_parse(const char *s, uint8_t *ll, uint8_t *len)
{
	if (!*s) {
		*len = 0;
		return NETCFG_OK;
	}
	if (strchr(s, '.'))
		return codec_lladdr_parse(NETCFG_IF_6OVER4, s, ll, len);
	return codec_lladdr_parse(NETCFG_IF_ETHERNET, s, ll, len);
}

static int rd_lladdr(const struct jdoc *d, int o, const char *key, uint8_t *ll, uint8_t *len,
		     const char *obj, char *err)
{
	char buf[32];
	int i = j_get(d, o, key);
	*len = 0;
	if (i < 0)
		return 0;
	if (!j_str(d, i, buf, sizeof(buf)) || codec_lladdr_any_parse(buf, ll, len) != NETCFG_OK)
		return bad(err, obj, key, "is not a link-layer address (aa-bb-cc-dd-ee-ff or a.b.c.d)");
	return 0;
}

/* ---- field tables ----------------------------------------------------
 * Objects whose members are all optional (a change names only the fields
 * it sets) are described by a table: the JSON member, its bit in the
 * object's mask, where it lives and what it is. */

enum fkind { F_U32, F_BOOL, F_LIFE, F_TEMP_USE };

struct field {
	const char *key;
	uint32_t bit;
	size_t off;
	enum fkind kind;
	uint32_t max;
};

static void fields_write(struct jw *w, const struct field *f, size_t n, const void *obj,
			 uint32_t mask)
{
	const char *base = obj;
	for (size_t i = 0; i < n; i++) {
		if (!(mask & f[i].bit))
			continue;
		const void *p = base + f[i].off;
		switch (f[i].kind) {
		case F_U32: jw_kuint(w, f[i].key, *(const uint32_t *)p); break;
		case F_LIFE: jw_klifetime(w, f[i].key, *(const uint32_t *)p); break;
		case F_BOOL: jw_kbool(w, f[i].key, *(const bool *)p); break;
		case F_TEMP_USE:
			jw_kstr(w, f[i].key, netcfg_temp_use_name(*(const enum netcfg_temp_use *)p));
			break;
		}
	}
}

static int fields_read(const struct jdoc *d, int o, const struct field *f, size_t n, void *obj,
		       uint32_t *mask, const char *objname, char *err)
{
	char *base = obj;
	*mask = 0;
	for (size_t i = 0; i < n; i++) {
		if (j_get(d, o, f[i].key) < 0)
			continue;
		void *p = base + f[i].off;
		int rc = 0, v = 0;
		switch (f[i].kind) {
		case F_U32: rc = rd_u32(d, o, f[i].key, true, f[i].max, p, objname, err); break;
		case F_LIFE: rc = rd_life(d, o, f[i].key, p, objname, err); break;
		case F_BOOL: rc = rd_bool(d, o, f[i].key, p, objname, err); break;
		case F_TEMP_USE:
			rc = rd_enum(d, o, f[i].key, netcfg_temp_use_parse, &v, objname, err);
			*(enum netcfg_temp_use *)p = (enum netcfg_temp_use)v;
			break;
		}
		if (rc)
			return rc;
		*mask |= f[i].bit;
	}
	return 0;
}

#define NFIELDS(t) (sizeof(t) / sizeof(t[0]))

/* ---- interface creation and settings ------------------------------- */

void codec_ifcreate_write(struct jw *w, const struct netcfg_interface_create *c)
{
	jw_obj_begin(w);
	if (c->name && *c->name)
		jw_kstr(w, "name", c->name);
	jw_kstr(w, "kind", netcfg_if_kind_name(c->kind));
	wr_ipv4(w, "local", c->local);
	if (c->kind == NETCFG_IF_V6V4) {
		wr_ipv4(w, "remote", c->remote);
		jw_kbool(w, "nd", c->nd);
	}
	jw_obj_end(w);
}

int codec_ifcreate_read(const struct jdoc *d, int o, struct netcfg_interface_create *c,
			char name[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "interface";
	int kind = -1;
	memset(c, 0, sizeof(*c));
	name[0] = '\0';
	c->name = name;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int i = j_get(d, o, "name");
	if (i >= 0 && !j_str(d, i, name, NETCFG_NAME_MAX))
		return bad(err, obj, "name", "is not a name (at most 63 bytes)");
	if (rd_enum(d, o, "kind", netcfg_if_kind_parse, &kind, obj, err))
		return NETCFG_EPROTO;
	if (kind != NETCFG_IF_V6V4 && kind != NETCFG_IF_6OVER4)
		return bad(err, obj, "kind", "is not v6v4 or 6over4");
	c->kind = (enum netcfg_if_kind)kind;
	if (rd_ipv4(d, o, "local", true, &c->local, obj, err) ||
	    rd_ipv4(d, o, "remote", kind == NETCFG_IF_V6V4, &c->remote, obj, err) ||
	    rd_bool(d, o, "nd", &c->nd, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

static const struct field ifset_fields[] = {
	{ "forwards", NETCFG_IFSET_FORWARDS, offsetof(struct netcfg_interface_settings, forwards), F_BOOL, 0 },
	{ "advertises", NETCFG_IFSET_ADVERTISES, offsetof(struct netcfg_interface_settings, advertises), F_BOOL, 0 },
	{ "mtu", NETCFG_IFSET_MTU, offsetof(struct netcfg_interface_settings, mtu), F_U32, UINT32_MAX },
	{ "site", NETCFG_IFSET_SITE, offsetof(struct netcfg_interface_settings, site), F_U32, UINT32_MAX },
	{ "metric", NETCFG_IFSET_METRIC, offsetof(struct netcfg_interface_settings, metric), F_U32, UINT32_MAX },
	{ "firewall", NETCFG_IFSET_FIREWALL, offsetof(struct netcfg_interface_settings, firewall), F_BOOL, 0 },
	{ "site_prefix_length", NETCFG_IFSET_SITE_PREFIX_LENGTH,
	  offsetof(struct netcfg_interface_settings, site_prefix_length), F_U32, 128 },
	{ "hop_limit", NETCFG_IFSET_HOP_LIMIT, offsetof(struct netcfg_interface_settings, hop_limit), F_U32, 255 },
	{ "router_discovery", NETCFG_IFSET_ROUTER_DISCOVERY,
	  offsetof(struct netcfg_interface_settings, router_discovery), F_BOOL, 0 },
};

void codec_ifsettings_write(struct jw *w, const struct netcfg_interface_settings *s,
			    const char *ifname)
{
	jw_obj_begin(w);
	wr_ifref(w, s->ifindex, ifname ? ifname : s->ifname);
	fields_write(w, ifset_fields, NFIELDS(ifset_fields), s, s->mask);
	jw_obj_end(w);
}

int codec_ifsettings_read(const struct jdoc *d, int o, struct netcfg_interface_settings *s,
			  char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "interface settings";
	memset(s, 0, sizeof(*s));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_ifref(d, o, &s->ifindex, ifname, obj, err))
		return NETCFG_EPROTO;
	return fields_read(d, o, ifset_fields, NFIELDS(ifset_fields), s, &s->mask, obj, err);
}

/* ---- prefix policies ------------------------------------------------ */

void codec_policy_write(struct jw *w, const struct netcfg_prefix_policy *p)
{
	jw_obj_begin(w);
	wr_prefix(w, "prefix", &p->prefix);
	jw_kuint(w, "precedence", p->precedence);
	jw_kuint(w, "srclabel", p->srclabel);
	jw_kuint(w, "dstlabel", p->dstlabel);
	jw_obj_end(w);
}

int codec_policy_read(const struct jdoc *d, int o, struct netcfg_prefix_policy *p, char *err)
{
	static const char obj[] = "prefix policy";
	memset(p, 0, sizeof(*p));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_prefix(d, o, "prefix", &p->prefix, obj, err) ||
	    rd_u32(d, o, "precedence", true, UINT32_MAX, &p->precedence, obj, err) ||
	    rd_u32(d, o, "srclabel", true, UINT32_MAX, &p->srclabel, obj, err))
		return NETCFG_EPROTO;
	p->dstlabel = p->srclabel;
	return rd_u32(d, o, "dstlabel", false, UINT32_MAX, &p->dstlabel, obj, err);
}

/* ---- global parameters ---------------------------------------------- */

#define GF(key, bit, member, kind, max) \
	{ key, NETCFG_GLOBAL_##bit, offsetof(struct netcfg_global, member), kind, max }
static const struct field global_fields[] = {
	GF("default_hop_limit", DEFAULT_HOP_LIMIT, default_hop_limit, F_U32, 255),
	GF("neighbor_cache_limit", NEIGHBOR_CACHE_LIMIT, neighbor_cache_limit, F_U32, UINT32_MAX),
	GF("route_cache_limit", ROUTE_CACHE_LIMIT, route_cache_limit, F_U32, UINT32_MAX),
	GF("binding_cache_limit", BINDING_CACHE_LIMIT, binding_cache_limit, F_U32, UINT32_MAX),
	GF("reassembly_limit", REASSEMBLY_LIMIT, reassembly_limit, F_U32, UINT32_MAX),
	GF("mobility_security", MOBILITY_SECURITY, mobility_security, F_BOOL, 0),
	GF("use_temporary_addresses", USE_TEMPORARY, use_temporary, F_TEMP_USE, 0),
	GF("max_temp_dad_attempts", MAX_TEMP_DAD_ATTEMPTS, max_temp_dad_attempts, F_U32, UINT32_MAX),
	GF("max_temp_valid_lifetime", MAX_TEMP_VALID, max_temp_valid_lifetime, F_LIFE, 0),
	GF("max_temp_preferred_lifetime", MAX_TEMP_PREFERRED, max_temp_preferred_lifetime, F_LIFE, 0),
	GF("temp_regenerate_time", TEMP_REGENERATE, temp_regenerate_time, F_U32, UINT32_MAX),
	GF("max_temp_random_time", MAX_TEMP_RANDOM, max_temp_random_time, F_U32, UINT32_MAX),
	GF("temp_random_time", TEMP_RANDOM, temp_random_time, F_U32, UINT32_MAX),
};

void codec_global_write(struct jw *w, const struct netcfg_global *g)
{
	jw_obj_begin(w);
	fields_write(w, global_fields, NFIELDS(global_fields), g, g->mask);
	/* the keys of the shown parameters the daemon keeps alone */
	if (g->daemon_held & g->mask) {
		jw_key(w, "daemon_held");
		jw_arr_begin(w);
		for (size_t i = 0; i < NFIELDS(global_fields); i++)
			if (g->daemon_held & g->mask & global_fields[i].bit)
				jw_str(w, global_fields[i].key);
		jw_arr_end(w);
	}
	jw_obj_end(w);
}

int codec_global_read(const struct jdoc *d, int o, struct netcfg_global *g, char *err)
{
	static const char obj[] = "global";
	memset(g, 0, sizeof(*g));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int a = j_get(d, o, "daemon_held");
	if (a >= 0 && j_type(d, a) != J_ARR)
		return bad(err, obj, "daemon_held", "is not an array");
	for (int i = a >= 0 ? j_first(d, a) : -1; i >= 0; i = j_next(d, i)) {
		char key[32];
		if (j_type(d, i) != J_STR)
			return bad(err, obj, "daemon_held", "holds something other than parameter names");
		/* names this side does not know are skipped */
		bool fits = j_str(d, i, key, sizeof(key));
		for (size_t k = 0; fits && k < NFIELDS(global_fields); k++)
			if (strcmp(key, global_fields[k].key) == 0)
				g->daemon_held |= global_fields[k].bit;
	}
	return fields_read(d, o, global_fields, NFIELDS(global_fields), g, &g->mask, obj, err);
}

/* ---- DNS servers ---------------------------------------------------- */

void codec_dns_write(struct jw *w, const struct netcfg_dns_server *s, const char *ifname)
{
	jw_obj_begin(w);
	wr_ifref(w, s->ifindex, ifname ? ifname : s->ifname);
	wr_addr(w, "address", &s->addr);
	if (s->position)
		jw_kuint(w, "position", s->position);
	jw_obj_end(w);
}

int codec_dns_read(const struct jdoc *d, int o, struct netcfg_dns_server *s,
		   char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "dns server";
	memset(s, 0, sizeof(*s));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_ifref(d, o, &s->ifindex, ifname, obj, err) ||
	    rd_addr(d, o, "address", true, &s->addr, obj, err) ||
	    rd_u32(d, o, "position", false, UINT32_MAX, &s->position, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

/* ---- neighbors ------------------------------------------------------ */

void codec_neighbor_write(struct jw *w, const struct netcfg_neighbor *n, const char *ifname)
{
	char ll[32];
	jw_obj_begin(w);
	wr_ifref(w, n->ifindex, ifname ? ifname : n->ifname);
	wr_addr(w, "address", &n->addr);
	jw_kstr(w, "lladdr", codec_lladdr_any_format(n->lladdr, n->lladdr_len, ll));
	jw_kstr(w, "state", netcfg_nd_state_name(n->state));
	if (n->state == NETCFG_ND_REACHABLE)
		jw_kuint(w, "reachable_ms", n->reachable_ms);
	jw_kbool(w, "router", n->is_router);
	jw_kbool(w, "unreachable", n->unreachable);
	jw_kuint(w, "refs", n->refs);
	jw_obj_end(w);
}

int codec_neighbor_read(const struct jdoc *d, int o, struct netcfg_neighbor *n,
			char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "neighbor";
	int st = NETCFG_ND_PERMANENT;
	memset(n, 0, sizeof(*n));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_ifref(d, o, &n->ifindex, ifname, obj, err) ||
	    rd_addr(d, o, "address", true, &n->addr, obj, err) ||
	    rd_lladdr(d, o, "lladdr", n->lladdr, &n->lladdr_len, obj, err) ||
	    rd_enum(d, o, "state", netcfg_nd_state_parse, &st, obj, err) ||
	    rd_u32(d, o, "reachable_ms", false, UINT32_MAX, &n->reachable_ms, obj, err) ||
	    rd_bool(d, o, "router", &n->is_router, obj, err) ||
	    rd_bool(d, o, "unreachable", &n->unreachable, obj, err) ||
	    rd_u32(d, o, "refs", false, UINT32_MAX, &n->refs, obj, err))
		return NETCFG_EPROTO;
	n->state = (enum netcfg_nd_state)st;
	return 0;
}

/* ---- destination cache ---------------------------------------------- */

void codec_destcache_write(struct jw *w, const struct netcfg_destcache_entry *e)
{
	jw_obj_begin(w);
	wr_addr(w, "destination", &e->dest);
	jw_kuint(w, "ifindex", e->ifindex);
	wr_addr(w, "nexthop", &e->nexthop);
	jw_kuint(w, "source_ifindex", e->source_ifindex);
	wr_addr(w, "source", &e->source);
	jw_kuint(w, "pmtu", e->pmtu);
	jw_kbool(w, "interface_specific", e->interface_specific);
	if (e->has_careof) {
		wr_addr(w, "careof", &e->careof);
		jw_kuint(w, "careof_seq", e->careof_seq);
		jw_klifetime(w, "careof_lifetime", e->careof_lifetime);
	}
	jw_obj_end(w);
}

int codec_destcache_read(const struct jdoc *d, int o, struct netcfg_destcache_entry *e, char *err)
{
	static const char obj[] = "destination cache entry";
	memset(e, 0, sizeof(*e));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	e->has_careof = j_get(d, o, "careof") >= 0;
	if (rd_addr(d, o, "destination", true, &e->dest, obj, err) ||
	    rd_u32(d, o, "ifindex", true, UINT32_MAX, &e->ifindex, obj, err) ||
	    rd_addr(d, o, "nexthop", true, &e->nexthop, obj, err) ||
	    rd_u32(d, o, "source_ifindex", false, UINT32_MAX, &e->source_ifindex, obj, err) ||
	    rd_addr(d, o, "source", false, &e->source, obj, err) ||
	    rd_u32(d, o, "pmtu", false, UINT32_MAX, &e->pmtu, obj, err) ||
	    rd_bool(d, o, "interface_specific", &e->interface_specific, obj, err) ||
	    rd_addr(d, o, "careof", false, &e->careof, obj, err) ||
	    rd_u32(d, o, "careof_seq", false, UINT32_MAX, &e->careof_seq, obj, err) ||
	    rd_life(d, o, "careof_lifetime", &e->careof_lifetime, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

/* ---- site prefixes -------------------------------------------------- */

void codec_site_prefix_write(struct jw *w, const struct netcfg_site_prefix *sp, const char *ifname)
{
	jw_obj_begin(w);
	wr_prefix(w, "prefix", &sp->prefix);
	wr_ifref(w, sp->ifindex, ifname ? ifname : sp->ifname);
	jw_klifetime(w, "lifetime", sp->lifetime);
	jw_kstr(w, "origin", netcfg_origin_name(sp->origin));
	jw_obj_end(w);
}

int codec_site_prefix_read(const struct jdoc *d, int o, struct netcfg_site_prefix *sp,
			   char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "site prefix";
	int org = NETCFG_ORIGIN_MANUAL;
	memset(sp, 0, sizeof(*sp));
	sp->lifetime = NETCFG_INFINITE;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_prefix(d, o, "prefix", &sp->prefix, obj, err) ||
	    rd_ifref(d, o, &sp->ifindex, ifname, obj, err) ||
	    rd_life(d, o, "lifetime", &sp->lifetime, obj, err) ||
	    rd_enum(d, o, "origin", netcfg_origin_parse, &org, obj, err))
		return NETCFG_EPROTO;
	sp->origin = (enum netcfg_origin)org;
	return 0;
}

/* ---- bindings ------------------------------------------------------- */

void codec_binding_write(struct jw *w, const struct netcfg_binding *b)
{
	jw_obj_begin(w);
	wr_addr(w, "home", &b->home);
	wr_addr(w, "careof", &b->careof);
	jw_kuint(w, "seq", b->seq);
	jw_klifetime(w, "lifetime", b->lifetime);
	jw_obj_end(w);
}

int codec_binding_read(const struct jdoc *d, int o, struct netcfg_binding *b, char *err)
{
	static const char obj[] = "binding";
	memset(b, 0, sizeof(*b));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_addr(d, o, "home", true, &b->home, obj, err) ||
	    rd_addr(d, o, "careof", true, &b->careof, obj, err) ||
	    rd_u32(d, o, "seq", false, UINT32_MAX, &b->seq, obj, err) ||
	    rd_life(d, o, "lifetime", &b->lifetime, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

/* ---- route lookup results -------------------------------------------- */

void codec_route_result_write(struct jw *w, const struct netcfg_route_result *r)
{
	jw_obj_begin(w);
	wr_addr(w, "destination", &r->dest);
	if (r->scope_id)
		jw_kuint(w, "scope_id", r->scope_id);
	jw_kstr(w, "rule", netcfg_route_rule_name(r->rule));
	jw_kuint(w, "candidates", r->candidates);
	if (r->have_route) {
		jw_key(w, "route");
		codec_route_write(w, &r->route, NULL);
	}
	jw_kuint(w, "ifindex", r->ifindex);
	wr_addr(w, "nexthop", &r->nexthop);
	jw_kbool(w, "onlink", r->onlink);
	if (r->tunnelled)
		wr_ipv4(w, "ipv4_destination", r->v4dest);
	jw_kuint(w, "source_ifindex", r->source_ifindex);
	wr_addr(w, "source", &r->source);
	jw_kstr(w, "source_rule", netcfg_source_rule_name(r->source_rule));
	jw_kuint(w, "source_candidates", r->source_candidates);
	jw_kuint(w, "pmtu", r->pmtu);
	jw_obj_end(w);
}

int codec_route_result_read(const struct jdoc *d, int o, struct netcfg_route_result *r, char *err)
{
	static const char obj[] = "route lookup";
	int rule = 0, srule = 0;
	memset(r, 0, sizeof(*r));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int rt = j_get(d, o, "route");
	r->have_route = rt >= 0;
	if (r->have_route && codec_route_read(d, rt, &r->route, NULL, err))
		return NETCFG_EPROTO;
	r->tunnelled = j_get(d, o, "ipv4_destination") >= 0;
	if (rd_addr(d, o, "destination", true, &r->dest, obj, err) ||
	    rd_u32(d, o, "scope_id", false, UINT32_MAX, &r->scope_id, obj, err) ||
	    rd_enum(d, o, "rule", netcfg_route_rule_parse, &rule, obj, err) ||
	    rd_u32(d, o, "candidates", false, UINT32_MAX, &r->candidates, obj, err) ||
	    rd_u32(d, o, "ifindex", true, UINT32_MAX, &r->ifindex, obj, err) ||
	    rd_addr(d, o, "nexthop", true, &r->nexthop, obj, err) ||
	    rd_bool(d, o, "onlink", &r->onlink, obj, err) ||
	    rd_ipv4(d, o, "ipv4_destination", false, &r->v4dest, obj, err) ||
	    rd_u32(d, o, "source_ifindex", false, UINT32_MAX, &r->source_ifindex, obj, err) ||
	    rd_addr(d, o, "source", false, &r->source, obj, err) ||
	    rd_enum(d, o, "source_rule", netcfg_source_rule_parse, &srule, obj, err) ||
	    rd_u32(d, o, "source_candidates", false, UINT32_MAX, &r->source_candidates, obj, err) ||
	    rd_u32(d, o, "pmtu", false, UINT32_MAX, &r->pmtu, obj, err))
		return NETCFG_EPROTO;
	r->rule = (enum netcfg_route_rule)rule;
	r->source_rule = (enum netcfg_source_rule)srule;
	return 0;
}

/* ---- sorted destinations -------------------------------------------- */

void codec_sort_entry_write(struct jw *w, const struct netcfg_sort_entry *e)
{
	jw_obj_begin(w);
	wr_addr(w, "address", &e->addr);
	jw_kuint(w, "scope_id", e->scope_id);
	jw_kbool(w, "usable", e->usable);
	jw_kuint(w, "source_ifindex", e->source_ifindex);
	wr_addr(w, "source", &e->source);
	jw_kuint(w, "precedence", e->precedence);
	jw_kuint(w, "label", e->label);
	jw_obj_end(w);
}

int codec_sort_entry_read(const struct jdoc *d, int o, struct netcfg_sort_entry *e, char *err)
{
	static const char obj[] = "destination";
	memset(e, 0, sizeof(*e));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_addr(d, o, "address", true, &e->addr, obj, err) ||
	    rd_u32(d, o, "scope_id", false, UINT32_MAX, &e->scope_id, obj, err) ||
	    rd_bool(d, o, "usable", &e->usable, obj, err) ||
	    rd_u32(d, o, "source_ifindex", false, UINT32_MAX, &e->source_ifindex, obj, err) ||
	    rd_addr(d, o, "source", false, &e->source, obj, err) ||
	    rd_u32(d, o, "precedence", false, UINT32_MAX, &e->precedence, obj, err) ||
	    rd_u32(d, o, "label", false, UINT32_MAX, &e->label, obj, err))
		return NETCFG_EPROTO;
	return 0;
}

/* ---- router advertisements ------------------------------------------ */

void codec_ra_write(struct jw *w, const struct netcfg_ra *ra)
{
	char ll[32];
	jw_obj_begin(w);
	jw_kuint(w, "ifindex", ra->ifindex);
	jw_kbool(w, "sent", ra->sent);
	jw_klifetime(w, "next_in", ra->next_in);
	jw_kuint(w, "cur_hop_limit", ra->cur_hop_limit);
	jw_kbool(w, "managed", ra->managed);
	jw_kbool(w, "other", ra->other);
	jw_kuint(w, "router_lifetime", ra->router_lifetime);
	jw_kuint(w, "reachable_time_ms", ra->reachable_time_ms);
	jw_kuint(w, "retrans_timer_ms", ra->retrans_timer_ms);
	jw_kstr(w, "source_lladdr", codec_lladdr_any_format(ra->sll, ra->sll_len, ll));
	jw_kuint(w, "mtu", ra->mtu);
	jw_key(w, "prefixes");
	jw_arr_begin(w);
	for (size_t i = 0; i < ra->n_prefixes; i++) {
		const struct netcfg_ra_prefix *p = &ra->prefixes[i];
		jw_obj_begin(w);
		wr_prefix(w, "prefix", &p->prefix);
		jw_kbool(w, "onlink", p->onlink);
		jw_kbool(w, "autonomous", p->autonomous);
		jw_klifetime(w, "valid_lifetime", p->valid_lifetime);
		jw_klifetime(w, "preferred_lifetime", p->preferred_lifetime);
		if (p->site_prefix_length)
			jw_kuint(w, "site_prefix_length", p->site_prefix_length);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void codec_ra_free(struct netcfg_ra *ra)
{
	free(ra->prefixes);
	ra->prefixes = NULL;
	ra->n_prefixes = 0;
}

int codec_ra_read(const struct jdoc *d, int o, struct netcfg_ra *ra, char *err)
{
	static const char obj[] = "router advertisement";
	memset(ra, 0, sizeof(*ra));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_u32(d, o, "ifindex", true, UINT32_MAX, &ra->ifindex, obj, err) ||
	    rd_bool(d, o, "sent", &ra->sent, obj, err) ||
	    rd_life(d, o, "next_in", &ra->next_in, obj, err) ||
	    rd_u32(d, o, "cur_hop_limit", false, 255, &ra->cur_hop_limit, obj, err) ||
	    rd_bool(d, o, "managed", &ra->managed, obj, err) ||
	    rd_bool(d, o, "other", &ra->other, obj, err) ||
	    rd_u32(d, o, "router_lifetime", false, UINT32_MAX, &ra->router_lifetime, obj, err) ||
	    rd_u32(d, o, "reachable_time_ms", false, UINT32_MAX, &ra->reachable_time_ms, obj, err) ||
	    rd_u32(d, o, "retrans_timer_ms", false, UINT32_MAX, &ra->retrans_timer_ms, obj, err) ||
	    rd_lladdr(d, o, "source_lladdr", ra->sll, &ra->sll_len, obj, err) ||
	    rd_u32(d, o, "mtu", false, UINT32_MAX, &ra->mtu, obj, err))
		return NETCFG_EPROTO;
	int arr = j_get(d, o, "prefixes");
	if (arr < 0)
		return 0;
	if (j_type(d, arr) != J_ARR)
		return bad(err, obj, "prefixes", "is not an array");
	ra->prefixes = calloc(d->t[arr].size + 1, sizeof(*ra->prefixes));
	if (!ra->prefixes)
		return NETCFG_ENOMEM;
	for (int e = j_first(d, arr); e >= 0; e = j_next(d, e)) {
		static const char pobj[] = "prefix information option";
		struct netcfg_ra_prefix *p = &ra->prefixes[ra->n_prefixes];
		uint32_t spl = 0;
		int rc = j_type(d, e) != J_OBJ ? bad(err, obj, "prefixes", "has an element that is not an object")
			 : rd_prefix(d, e, "prefix", &p->prefix, pobj, err) ||
			   rd_bool(d, e, "onlink", &p->onlink, pobj, err) ||
			   rd_bool(d, e, "autonomous", &p->autonomous, pobj, err) ||
			   rd_life(d, e, "valid_lifetime", &p->valid_lifetime, pobj, err) ||
			   rd_life(d, e, "preferred_lifetime", &p->preferred_lifetime, pobj, err) ||
			   rd_u32(d, e, "site_prefix_length", false, 128, &spl, pobj, err);
		if (rc) {
			codec_ra_free(ra);
			return NETCFG_EPROTO;
		}
		p->site_prefix_length = (uint8_t)spl;
		ra->n_prefixes++;
	}
	return 0;
}
