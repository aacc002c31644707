/* SPDX-License-Identifier: MIT */
/*
 * codec_ipsec.c - the SPD/SAD vocabulary (keyword names and selector
 * text, shared by the .spd/.sad files, the screen and JSON) and the JSON
 * codecs of policies, SAs, flows and lookup verdicts.
 */
#include "codec_ipsec.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- keyword names ------------------------------------------------- */

static const char *const proto_names[] = { "NONE", "AH", "ESP" };
static const char *const mode_names[] = { "*", "TRANSPORT", "TUNNEL" };
static const char *const dir_names[] = { NULL, "INBOUND", "OUTBOUND", "BIDIRECT" };
static const char *const action_names[] = { "BYPASS", "DISCARD", "APPLY", "APPCHOICE" };
static const char *const auth_names[NETCFG_AUTH__MAX] = {
	[NETCFG_AUTH_NULL] = "NULL",
	[NETCFG_AUTH_HMAC_MD5] = "HMAC-MD5",
	[NETCFG_AUTH_HMAC_MD5_96] = "HMAC-MD5-96",
	[NETCFG_AUTH_HMAC_SHA1] = "HMAC-SHA1",
	[NETCFG_AUTH_HMAC_SHA1_96] = "HMAC-SHA1-96",
	[NETCFG_AUTH_HMAC_SHA256] = "HMAC-SHA256",
};

#define COUNT(tab) (sizeof(tab) / sizeof(tab[0]))
#define NAME_OF(tab, v) ((unsigned)(v) < COUNT(tab) ? tab[v] : NULL)

/* Windows keywords are case-insensitive. */
static int keyword(const char *const *tab, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (tab[i] && strcasecmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}
#define KEYWORD(tab, s) keyword(tab, COUNT(tab), s)

const char *netcfg_ipsec_proto_name(enum netcfg_ipsec_proto p) { return NAME_OF(proto_names, p); }
int netcfg_ipsec_proto_parse(const char *s) { return KEYWORD(proto_names, s); }
const char *netcfg_ipsec_mode_name(enum netcfg_ipsec_mode m) { return NAME_OF(mode_names, m); }
int netcfg_ipsec_mode_parse(const char *s) { return KEYWORD(mode_names, s); }
const char *netcfg_ipsec_dir_name(enum netcfg_ipsec_dir d) { return NAME_OF(dir_names, d); }
int netcfg_ipsec_dir_parse(const char *s) { return KEYWORD(dir_names, s); }
const char *netcfg_sp_action_name(enum netcfg_sp_action a) { return NAME_OF(action_names, a); }
int netcfg_sp_action_parse(const char *s) { return KEYWORD(action_names, s); }
const char *netcfg_auth_alg_name(enum netcfg_auth_alg a) { return NAME_OF(auth_names, a); }
int netcfg_auth_alg_parse(const char *s) { return KEYWORD(auth_names, s); }

/* ---- selectors ----------------------------------------------------- */

/* "*", and "POLICY" where the caller allows it. */
static bool sel_word(const char *s, bool allow_policy, enum netcfg_sel_kind *kind)
{
	if (strcmp(s, "*") == 0) {
		*kind = NETCFG_SEL_ANY;
		return true;
	}
	if (allow_policy && strcasecmp(s, "POLICY") == 0) {
		*kind = NETCFG_SEL_POLICY;
		return true;
	}
	return false;
}

/* Split "a-b" at its only '-' into buffers; false without exactly one. */
static bool split_range(const char *s, char *a, char *b, size_t size)
{
	const char *dash = strchr(s, '-');
	if (!dash || strchr(dash + 1, '-'))
		return false;
	size_t n = (size_t)(dash - s);
	if (n == 0 || n >= size || strlen(dash + 1) >= size || dash[1] == '\0')
		return false;
	memcpy(a, s, n);
	a[n] = '\0';
	strcpy(b, dash + 1);
	return true;
}

int netcfg_addr_sel_parse(const char *s, bool allow_policy, struct netcfg_addr_sel *out)
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	memset(out, 0, sizeof(*out));
	if (!s)
		return NETCFG_EINVAL;
	if (sel_word(s, allow_policy, &out->kind))
		return NETCFG_OK;
	if (strchr(s, '/')) {
		struct netcfg_prefix p;
		if (netcfg_parse_prefix(s, &p) != NETCFG_OK)
			return NETCFG_EINVAL;
		out->kind = p.len == 0 ? NETCFG_SEL_ANY : p.len == 128 ? NETCFG_SEL_ONE : NETCFG_SEL_RANGE;
		if (out->kind == NETCFG_SEL_ANY)
			return NETCFG_OK;
		out->lo = out->hi = p.addr;
		for (unsigned bit = p.len; bit < 128; bit++)
			out->hi.s6_addr[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
		return NETCFG_OK;
	}
	if (split_range(s, a, b, sizeof(a))) {
		if (netcfg_parse_addr(a, &out->lo, NULL) != NETCFG_OK ||
		    netcfg_parse_addr(b, &out->hi, NULL) != NETCFG_OK ||
		    memcmp(&out->lo, &out->hi, sizeof(out->lo)) > 0)
			return NETCFG_EINVAL;
		out->kind = memcmp(&out->lo, &out->hi, sizeof(out->lo)) == 0 ? NETCFG_SEL_ONE
									     : NETCFG_SEL_RANGE;
		return NETCFG_OK;
	}
	if (netcfg_parse_addr(s, &out->lo, NULL) != NETCFG_OK)
		return NETCFG_EINVAL;
	out->hi = out->lo;
	out->kind = NETCFG_SEL_ONE;
	return NETCFG_OK;
}

const char *netcfg_addr_sel_format(const struct netcfg_addr_sel *sel, char buf[NETCFG_SEL_STRLEN])
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	switch (sel->kind) {
	case NETCFG_SEL_ONE:
		snprintf(buf, NETCFG_SEL_STRLEN, "%s", netcfg_format_addr(&sel->lo, a));
		break;
	case NETCFG_SEL_RANGE:
		snprintf(buf, NETCFG_SEL_STRLEN, "%s-%s", netcfg_format_addr(&sel->lo, a),
			 netcfg_format_addr(&sel->hi, b));
		break;
	case NETCFG_SEL_POLICY:
		snprintf(buf, NETCFG_SEL_STRLEN, "POLICY");
		break;
	default:
		snprintf(buf, NETCFG_SEL_STRLEN, "*");
	}
	return buf;
}

static const struct { const char *name; uint32_t number; } proto_words[] = {
	{ "TCP", 6 }, { "UDP", 17 }, { "ICMP", 58 }, { "ICMPV6", 58 }, { "ICMP6", 58 },
};

int netcfg_proto_sel_parse(const char *s, bool allow_policy, struct netcfg_num_sel *out)
{
	memset(out, 0, sizeof(*out));
	if (!s)
		return NETCFG_EINVAL;
	if (sel_word(s, allow_policy, &out->kind))
		return NETCFG_OK;
	out->kind = NETCFG_SEL_ONE;
	for (size_t i = 0; i < COUNT(proto_words); i++) {
		if (strcasecmp(s, proto_words[i].name) == 0) {
			out->lo = out->hi = proto_words[i].number;
			return NETCFG_OK;
		}
	}
	if (netcfg_parse_uint(s, 255, &out->lo) != NETCFG_OK)
		return NETCFG_EINVAL;
	out->hi = out->lo;
	return NETCFG_OK;
}

const char *netcfg_proto_sel_format(const struct netcfg_num_sel *sel, char buf[NETCFG_SEL_STRLEN])
{
	if (sel->kind != NETCFG_SEL_ONE) {
		snprintf(buf, NETCFG_SEL_STRLEN, "%s", sel->kind == NETCFG_SEL_POLICY ? "POLICY" : "*");
		return buf;
	}
	/* the first name of a number is its canonical one */
	for (size_t i = 0; i < COUNT(proto_words); i++) {
		if (proto_words[i].number == sel->lo) {
			snprintf(buf, NETCFG_SEL_STRLEN, "%s", proto_words[i].name);
			return buf;
		}
	}
	snprintf(buf, NETCFG_SEL_STRLEN, "%u", sel->lo);
	return buf;
}

int netcfg_port_sel_parse(const char *s, bool allow_policy, struct netcfg_num_sel *out)
{
	char a[16], b[16];
	memset(out, 0, sizeof(*out));
	if (!s)
		return NETCFG_EINVAL;
	if (sel_word(s, allow_policy, &out->kind))
		return NETCFG_OK;
	if (split_range(s, a, b, sizeof(a))) {
		if (netcfg_parse_uint(a, 65535, &out->lo) != NETCFG_OK ||
		    netcfg_parse_uint(b, 65535, &out->hi) != NETCFG_OK || out->lo > out->hi)
			return NETCFG_EINVAL;
		out->kind = out->lo == out->hi ? NETCFG_SEL_ONE : NETCFG_SEL_RANGE;
		return NETCFG_OK;
	}
	if (netcfg_parse_uint(s, 65535, &out->lo) != NETCFG_OK)
		return NETCFG_EINVAL;
	out->hi = out->lo;
	out->kind = NETCFG_SEL_ONE;
	return NETCFG_OK;
}

const char *netcfg_port_sel_format(const struct netcfg_num_sel *sel, char buf[NETCFG_SEL_STRLEN])
{
	switch (sel->kind) {
	case NETCFG_SEL_ONE:
		snprintf(buf, NETCFG_SEL_STRLEN, "%u", sel->lo);
		break;
	case NETCFG_SEL_RANGE:
		snprintf(buf, NETCFG_SEL_STRLEN, "%u-%u", sel->lo, sel->hi);
		break;
	case NETCFG_SEL_POLICY:
		snprintf(buf, NETCFG_SEL_STRLEN, "POLICY");
		break;
	default:
		snprintf(buf, NETCFG_SEL_STRLEN, "*");
	}
	return buf;
}

/* ---- reading helpers ----------------------------------------------- */

static int bad(char *err, const char *obj, const char *field, const char *what)
{
	snprintf(err, CODEC_ERRLEN, "%s: %s %s", obj, field, what);
	return NETCFG_EPROTO;
}

static int rd_u32(const struct jdoc *d, int o, const char *key, uint32_t min, uint32_t max,
		  uint32_t *v, const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i < 0)
		return bad(err, obj, key, "is missing");
	if (!j_uint32(d, i, v) || *v < min || *v > max)
		return bad(err, obj, key, "is not a number in range");
	return 0;
}

/* A required string member parsed by a keyword or selector parser. */
static int rd_text(const struct jdoc *d, int o, const char *key, char *buf, size_t size,
		   const char *obj, char *err)
{
	int i = j_get(d, o, key);
	if (i < 0)
		return bad(err, obj, key, "is missing");
	if (!j_str(d, i, buf, size))
		return bad(err, obj, key, "is not a string");
	return 0;
}

static int rd_keyword(const struct jdoc *d, int o, const char *key, int (*parse)(const char *),
		      int *v, const char *obj, char *err)
{
	char buf[32];
	if (rd_text(d, o, key, buf, sizeof(buf), obj, err))
		return NETCFG_EPROTO;
	if ((*v = parse(buf)) < 0)
		return bad(err, obj, key, "has an unknown value");
	return 0;
}

static int rd_addr_sel(const struct jdoc *d, int o, const char *key, bool allow_policy,
		       struct netcfg_addr_sel *sel, const char *obj, char *err)
{
	char buf[NETCFG_SEL_STRLEN];
	if (rd_text(d, o, key, buf, sizeof(buf), obj, err))
		return NETCFG_EPROTO;
	if (netcfg_addr_sel_parse(buf, allow_policy, sel) != NETCFG_OK)
		return bad(err, obj, key, "is not an address selector");
	return 0;
}

static int rd_num_sel(const struct jdoc *d, int o, const char *key, bool allow_policy,
		      int (*parse)(const char *, bool, struct netcfg_num_sel *),
		      struct netcfg_num_sel *sel, const char *obj, char *err)
{
	char buf[NETCFG_SEL_STRLEN];
	if (rd_text(d, o, key, buf, sizeof(buf), obj, err))
		return NETCFG_EPROTO;
	if (parse(buf, allow_policy, sel) != NETCFG_OK)
		return bad(err, obj, key, "is not a protocol or port selector");
	return 0;
}

static int rd_addr(const struct jdoc *d, int o, const char *key, bool star_is_none,
		   struct in6_addr *a, const char *obj, char *err)
{
	char buf[NETCFG_ADDRSTRLEN];
	if (rd_text(d, o, key, buf, sizeof(buf), obj, err))
		return NETCFG_EPROTO;
	memset(a, 0, sizeof(*a));
	if (star_is_none && strcmp(buf, "*") == 0)
		return 0;
	if (netcfg_parse_addr(buf, a, NULL) != NETCFG_OK)
		return bad(err, obj, key, "is not an IPv6 address");
	return 0;
}

/* A number, or null for none (0). */
static int rd_optional_index(const struct jdoc *d, int o, const char *key, uint32_t *v,
			     const char *obj, char *err)
{
	int i = j_get(d, o, key);
	*v = 0;
	if (i < 0 || j_type(d, i) == J_NULL)
		return 0;
	if (!j_uint32(d, i, v) || *v < 1 || *v > NETCFG_IPSEC_INDEX_MAX)
		return bad(err, obj, key, "is not a number in range");
	return 0;
}

/* ---- policies ------------------------------------------------------ */

static const struct { const char *name; unsigned bit; } pkt_names[] = {
	{ "remote_address", NETCFG_SP_PKT_REMOTE_ADDR },
	{ "local_address", NETCFG_SP_PKT_LOCAL_ADDR },
	{ "protocol", NETCFG_SP_PKT_PROTOCOL },
	{ "remote_port", NETCFG_SP_PKT_REMOTE_PORT },
	{ "local_port", NETCFG_SP_PKT_LOCAL_PORT },
};

void codec_sp_write(struct jw *w, const struct netcfg_sp *sp)
{
	char buf[NETCFG_SEL_STRLEN];
	jw_obj_begin(w);
	jw_kuint(w, "index", sp->index);
	jw_kstr(w, "remote_address", netcfg_addr_sel_format(&sp->remote, buf));
	jw_kstr(w, "local_address", netcfg_addr_sel_format(&sp->local, buf));
	jw_kstr(w, "protocol", netcfg_proto_sel_format(&sp->protocol, buf));
	jw_kstr(w, "remote_port", netcfg_port_sel_format(&sp->remote_port, buf));
	jw_kstr(w, "local_port", netcfg_port_sel_format(&sp->local_port, buf));
	jw_key(w, "from_packet");
	jw_arr_begin(w);
	for (size_t i = 0; i < COUNT(pkt_names); i++)
		if (sp->from_packet & pkt_names[i].bit)
			jw_str(w, pkt_names[i].name);
	jw_arr_end(w);
	jw_kstr(w, "ipsec_protocol", netcfg_ipsec_proto_name(sp->ipsec_proto));
	jw_kstr(w, "mode", netcfg_ipsec_mode_name(sp->mode));
	jw_kstr(w, "gateway", IN6_IS_ADDR_UNSPECIFIED(&sp->gateway) ? "*"
			      : netcfg_format_addr(&sp->gateway, buf));
	jw_key(w, "bundle");
	if (sp->bundle)
		jw_uint(w, sp->bundle);
	else
		jw_null(w);
	jw_kstr(w, "direction", netcfg_ipsec_dir_name(sp->direction));
	jw_kstr(w, "action", netcfg_sp_action_name(sp->action));
	jw_kuint(w, "ifindex", sp->ifindex);
	jw_obj_end(w);
}

int codec_sp_read(const struct jdoc *d, int o, struct netcfg_sp *sp, char *err)
{
	static const char obj[] = "policy";
	int proto, mode, dir, action;

	memset(sp, 0, sizeof(*sp));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_u32(d, o, "index", 1, NETCFG_IPSEC_INDEX_MAX, &sp->index, obj, err) ||
	    rd_addr_sel(d, o, "remote_address", false, &sp->remote, obj, err) ||
	    rd_addr_sel(d, o, "local_address", false, &sp->local, obj, err) ||
	    rd_num_sel(d, o, "protocol", false, netcfg_proto_sel_parse, &sp->protocol, obj, err) ||
	    rd_num_sel(d, o, "remote_port", false, netcfg_port_sel_parse, &sp->remote_port, obj, err) ||
	    rd_num_sel(d, o, "local_port", false, netcfg_port_sel_parse, &sp->local_port, obj, err) ||
	    rd_keyword(d, o, "ipsec_protocol", netcfg_ipsec_proto_parse, &proto, obj, err) ||
	    rd_keyword(d, o, "mode", netcfg_ipsec_mode_parse, &mode, obj, err) ||
	    rd_addr(d, o, "gateway", true, &sp->gateway, obj, err) ||
	    rd_optional_index(d, o, "bundle", &sp->bundle, obj, err) ||
	    rd_keyword(d, o, "direction", netcfg_ipsec_dir_parse, &dir, obj, err) ||
	    rd_keyword(d, o, "action", netcfg_sp_action_parse, &action, obj, err) ||
	    rd_u32(d, o, "ifindex", 0, UINT32_MAX, &sp->ifindex, obj, err))
		return NETCFG_EPROTO;
	sp->ipsec_proto = (enum netcfg_ipsec_proto)proto;
	sp->mode = (enum netcfg_ipsec_mode)mode;
	sp->direction = (enum netcfg_ipsec_dir)dir;
	sp->action = (enum netcfg_sp_action)action;
	int arr = j_get(d, o, "from_packet");
	if (arr >= 0 && j_type(d, arr) != J_ARR)
		return bad(err, obj, "from_packet", "is not an array");
	for (int e = j_first(d, arr); arr >= 0 && e >= 0; e = j_next(d, e)) {
		size_t k = 0;
		while (k < COUNT(pkt_names) && !j_is_str(d, e, pkt_names[k].name))
			k++;
		if (k == COUNT(pkt_names))
			return bad(err, obj, "from_packet", "names an unknown selector");
		sp->from_packet |= pkt_names[k].bit;
	}
	return 0;
}

/* ---- security associations ----------------------------------------- */

void codec_sa_write(struct jw *w, const struct netcfg_sa *sa)
{
	char buf[NETCFG_SEL_STRLEN];
	jw_obj_begin(w);
	jw_kuint(w, "index", sa->index);
	jw_kuint(w, "spi", sa->spi);
	jw_kstr(w, "sa_destination", netcfg_format_addr(&sa->sa_dest, buf));
	jw_kstr(w, "destination", netcfg_addr_sel_format(&sa->dest, buf));
	jw_kstr(w, "source", netcfg_addr_sel_format(&sa->src, buf));
	jw_kstr(w, "protocol", netcfg_proto_sel_format(&sa->protocol, buf));
	jw_kstr(w, "destination_port", netcfg_port_sel_format(&sa->dest_port, buf));
	jw_kstr(w, "source_port", netcfg_port_sel_format(&sa->src_port, buf));
	jw_kstr(w, "auth", netcfg_auth_alg_name(sa->auth));
	jw_key(w, "key_file");
	if (sa->key_file[0])
		jw_str(w, sa->key_file);
	else
		jw_null(w);
	jw_kstr(w, "direction", netcfg_ipsec_dir_name(sa->direction));
	jw_kuint(w, "policy", sa->policy);
	jw_obj_end(w);
}

int codec_sa_read(const struct jdoc *d, int o, struct netcfg_sa *sa, char *err)
{
	static const char obj[] = "SA";
	int auth, dir;

	memset(sa, 0, sizeof(*sa));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_u32(d, o, "index", 1, NETCFG_IPSEC_INDEX_MAX, &sa->index, obj, err) ||
	    rd_u32(d, o, "spi", 0, UINT32_MAX, &sa->spi, obj, err) ||
	    rd_addr(d, o, "sa_destination", false, &sa->sa_dest, obj, err) ||
	    rd_addr_sel(d, o, "destination", true, &sa->dest, obj, err) ||
	    rd_addr_sel(d, o, "source", true, &sa->src, obj, err) ||
	    rd_num_sel(d, o, "protocol", true, netcfg_proto_sel_parse, &sa->protocol, obj, err) ||
	    rd_num_sel(d, o, "destination_port", true, netcfg_port_sel_parse, &sa->dest_port, obj, err) ||
	    rd_num_sel(d, o, "source_port", true, netcfg_port_sel_parse, &sa->src_port, obj, err) ||
	    rd_keyword(d, o, "auth", netcfg_auth_alg_parse, &auth, obj, err) ||
	    rd_keyword(d, o, "direction", netcfg_ipsec_dir_parse, &dir, obj, err) ||
	    rd_u32(d, o, "policy", 1, NETCFG_IPSEC_INDEX_MAX, &sa->policy, obj, err))
		return NETCFG_EPROTO;
	sa->auth = (enum netcfg_auth_alg)auth;
	sa->direction = (enum netcfg_ipsec_dir)dir;
	int k = j_get(d, o, "key_file");
	if (k >= 0 && j_type(d, k) != J_NULL &&
	    !j_str(d, k, sa->key_file, sizeof(sa->key_file)))
		return bad(err, obj, "key_file", "is not a file name of at most 255 bytes");
	return 0;
}

/* ---- flows and verdicts -------------------------------------------- */

void codec_ipsec_flow_write(struct jw *w, const struct netcfg_ipsec_flow *f)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	jw_kstr(w, "src", netcfg_format_addr(&f->src, buf));
	jw_kstr(w, "dst", netcfg_format_addr(&f->dst, buf));
	if (f->protocol >= 0)
		jw_kuint(w, "protocol", (unsigned)f->protocol);
	if (f->sport)
		jw_kuint(w, "sport", f->sport);
	if (f->dport)
		jw_kuint(w, "dport", f->dport);
	jw_kuint(w, "ifindex", f->ifindex);
	jw_kstr(w, "direction", netcfg_ipsec_dir_name(f->direction));
	jw_obj_end(w);
}

int codec_ipsec_flow_read(const struct jdoc *d, int o, struct netcfg_ipsec_flow *f, char *err)
{
	static const char obj[] = "flow";
	int dir;
	uint32_t proto = 0;

	memset(f, 0, sizeof(*f));
	f->protocol = -1;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_addr(d, o, "src", false, &f->src, obj, err) ||
	    rd_addr(d, o, "dst", false, &f->dst, obj, err) ||
	    rd_keyword(d, o, "direction", netcfg_ipsec_dir_parse, &dir, obj, err))
		return NETCFG_EPROTO;
	if (dir == NETCFG_IPSEC_BIDIRECT)
		return bad(err, obj, "direction", "must be INBOUND or OUTBOUND");
	f->direction = (enum netcfg_ipsec_dir)dir;
	if ((j_get(d, o, "protocol") >= 0 &&
	     rd_u32(d, o, "protocol", 0, 255, &proto, obj, err)) ||
	    (j_get(d, o, "sport") >= 0 && rd_u32(d, o, "sport", 0, 65535, &f->sport, obj, err)) ||
	    (j_get(d, o, "dport") >= 0 && rd_u32(d, o, "dport", 0, 65535, &f->dport, obj, err)) ||
	    (j_get(d, o, "ifindex") >= 0 &&
	     rd_u32(d, o, "ifindex", 0, UINT32_MAX, &f->ifindex, obj, err)))
		return NETCFG_EPROTO;
	if (j_get(d, o, "protocol") >= 0)
		f->protocol = (int)proto;
	return 0;
}

void codec_ipsec_verdict_write(struct jw *w, const struct netcfg_ipsec_flow *f,
			       const struct netcfg_ipsec_verdict *v)
{
	char buf[NETCFG_ADDRSTRLEN];
	jw_obj_begin(w);
	if (f) {
		jw_key(w, "flow");
		codec_ipsec_flow_write(w, f);
	}
	jw_key(w, "policy");
	if (v->policy)
		jw_uint(w, v->policy);
	else
		jw_null(w);
	jw_key(w, "action");
	if (v->policy)
		jw_str(w, netcfg_sp_action_name(v->action));
	else
		jw_null(w);
	jw_key(w, "protection");
	jw_arr_begin(w);
	for (size_t i = 0; i < v->n_steps; i++) {
		const struct netcfg_ipsec_step *s = &v->steps[i];
		jw_obj_begin(w);
		jw_kuint(w, "policy", s->policy);
		jw_kstr(w, "ipsec_protocol", netcfg_ipsec_proto_name(s->proto));
		jw_kstr(w, "mode", netcfg_ipsec_mode_name(s->mode));
		jw_key(w, "sa");
		if (s->sa) {
			jw_uint(w, s->sa);
			jw_kuint(w, "spi", s->spi);
			jw_kstr(w, "sa_destination", netcfg_format_addr(&s->sa_dest, buf));
			jw_kstr(w, "auth", netcfg_auth_alg_name(s->auth));
		} else {
			jw_null(w);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

int codec_ipsec_verdict_read(const struct jdoc *d, int o, struct netcfg_ipsec_verdict *v, char *err)
{
	static const char obj[] = "verdict";
	memset(v, 0, sizeof(*v));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	int flow = j_get(d, o, "flow");
	if (flow >= 0) {
		int dir;
		if (rd_keyword(d, flow, "direction", netcfg_ipsec_dir_parse, &dir, obj, err))
			return NETCFG_EPROTO;
		v->direction = (enum netcfg_ipsec_dir)dir;
	}
	if (rd_optional_index(d, o, "policy", &v->policy, obj, err))
		return NETCFG_EPROTO;
	if (!v->policy)
		return 0;
	int action;
	if (rd_keyword(d, o, "action", netcfg_sp_action_parse, &action, obj, err))
		return NETCFG_EPROTO;
	v->action = (enum netcfg_sp_action)action;
	int arr = j_get(d, o, "protection");
	if (j_type(d, arr) != J_ARR)
		return bad(err, obj, "protection", "is not an array");
	for (int e = j_first(d, arr); e >= 0; e = j_next(d, e)) {
		if (v->n_steps == NETCFG_IPSEC_BUNDLE_MAX)
			return bad(err, obj, "protection", "has too many steps");
		struct netcfg_ipsec_step *s = &v->steps[v->n_steps++];
		int proto, mode;
		if (rd_u32(d, e, "policy", 1, NETCFG_IPSEC_INDEX_MAX, &s->policy, obj, err) ||
		    rd_keyword(d, e, "ipsec_protocol", netcfg_ipsec_proto_parse, &proto, obj, err) ||
		    rd_keyword(d, e, "mode", netcfg_ipsec_mode_parse, &mode, obj, err) ||
		    rd_optional_index(d, e, "sa", &s->sa, obj, err))
			return NETCFG_EPROTO;
		s->proto = (enum netcfg_ipsec_proto)proto;
		s->mode = (enum netcfg_ipsec_mode)mode;
		if (!s->sa)
			continue;
		int auth;
		if (rd_u32(d, e, "spi", 0, UINT32_MAX, &s->spi, obj, err) ||
		    rd_addr(d, e, "sa_destination", false, &s->sa_dest, obj, err) ||
		    rd_keyword(d, e, "auth", netcfg_auth_alg_parse, &auth, obj, err))
			return NETCFG_EPROTO;
		s->auth = (enum netcfg_auth_alg)auth;
	}
	return 0;
}
