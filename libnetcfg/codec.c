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
};
static const char *const addr_type_names[] = { "unicast", "anycast" };
static const char *const addr_state_names[] = {
	"invalid", "duplicate", "tentative", "deprecated", "preferred",
};
static const char *const origin_names[] = { "manual", "system", "autoconf" };

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
const char *netcfg_addr_type_name(enum netcfg_addr_type t) { return NAME_OF(addr_type_names, t); }
int netcfg_addr_type_parse(const char *s) { return PARSE_OF(addr_type_names, s); }
const char *netcfg_addr_state_name(enum netcfg_addr_state s) { return NAME_OF(addr_state_names, s); }
int netcfg_addr_state_parse(const char *s) { return PARSE_OF(addr_state_names, s); }
const char *netcfg_origin_name(enum netcfg_origin o) { return NAME_OF(origin_names, o); }
int netcfg_origin_parse(const char *s) { return PARSE_OF(origin_names, s); }

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

void codec_route_write(struct jw *w, const struct netcfg_route *r, const char *ifname)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	jw_kstr(w, "prefix", netcfg_format_prefix(&r->prefix, buf));
	jw_kuint(w, "ifindex", r->ifindex);
	if (ifname)
		jw_kstr(w, "interface", ifname);
	if (!IN6_IS_ADDR_UNSPECIFIED(&r->nexthop))
		jw_kstr(w, "nexthop", netcfg_format_addr(&r->nexthop, buf));
	jw_kuint(w, "preference", r->preference);
	jw_klifetime(w, "lifetime", r->lifetime);
	jw_kbool(w, "publish", r->publish);
	jw_kbool(w, "age", r->age);
	if (r->spl)
		jw_kuint(w, "spl", r->spl);
	jw_kstr(w, "origin", netcfg_origin_name(r->origin));
	jw_obj_end(w);
}

int codec_route_read(const struct jdoc *d, int o, struct netcfg_route *r,
		     char ifname[NETCFG_NAME_MAX], char *err)
{
	static const char obj[] = "route";
	char buf[NETCFG_ADDRSTRLEN];
	int org = NETCFG_ORIGIN_MANUAL;
	uint32_t spl = 0;

	memset(r, 0, sizeof(*r));
	r->lifetime = NETCFG_INFINITE;
	r->age = true;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int i = j_get(d, o, "prefix");
	if (i < 0)
		return bad(err, obj, "prefix", "is missing");
	if (!j_str(d, i, buf, sizeof(buf)) || netcfg_parse_prefix(buf, &r->prefix) != NETCFG_OK)
		return bad(err, obj, "prefix", "is not an IPv6 prefix");
	if (rd_ifref(d, o, &r->ifindex, ifname, obj, err) ||
	    rd_addr(d, o, "nexthop", false, &r->nexthop, obj, err) ||
	    rd_u32(d, o, "preference", false, UINT32_MAX, &r->preference, obj, err) ||
	    rd_life(d, o, "lifetime", &r->lifetime, obj, err) ||
	    rd_bool(d, o, "publish", &r->publish, obj, err) ||
	    rd_bool(d, o, "age", &r->age, obj, err) ||
	    rd_u32(d, o, "spl", false, 128, &spl, obj, err) ||
	    rd_enum(d, o, "origin", netcfg_origin_parse, &org, obj, err))
		return NETCFG_EPROTO;
	r->spl = (uint8_t)spl;
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
	if (kind == NETCFG_IF_ETHERNET && len == 6)
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
	jw_kuint(w, "reachable_time_ms", ifp->reachable_ms);
	jw_kuint(w, "base_reachable_time_ms", ifp->base_reachable_ms);
	jw_kuint(w, "retrans_interval_ms", ifp->retrans_ms);
	jw_kuint(w, "dad_transmits", ifp->dad_transmits);
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
	int kind = NETCFG_IF_ETHERNET;

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
	    rd_u32(d, o, "reachable_time_ms", false, UINT32_MAX, &ifp->reachable_ms, obj, err) ||
	    rd_u32(d, o, "base_reachable_time_ms", false, UINT32_MAX, &ifp->base_reachable_ms, obj, err) ||
	    rd_u32(d, o, "retrans_interval_ms", false, UINT32_MAX, &ifp->retrans_ms, obj, err) ||
	    rd_u32(d, o, "dad_transmits", false, UINT32_MAX, &ifp->dad_transmits, obj, err))
		return NETCFG_EPROTO;
	ifp->kind = (enum netcfg_if_kind)kind;
	i = j_get(d, o, "lladdr");
	if (i >= 0 && (!j_str(d, i, ll, sizeof(ll)) ||
		       codec_lladdr_parse(ifp->kind, ll, ifp->lladdr, &ifp->lladdr_len) != NETCFG_OK))
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

void codec_flags_write(struct jw *w, unsigned flags)
{
	jw_kbool(w, "create", flags & NETCFG_F_CREATE);
	jw_kbool(w, "excl", flags & NETCFG_F_EXCL);
	jw_kbool(w, "replace", flags & NETCFG_F_REPLACE);
	if (flags & NETCFG_F_PERSIST)
		jw_kbool(w, "persist", true);
}
