/* SPDX-License-Identifier: MIT */
/*
 * xfrm.c - the SPD as xfrm policies and the SAD as xfrm states.
 *
 * Requests are built from libnl's xfrm objects: a fresh SA object per SA
 * (a reused one keeps the algorithms of the previous SA next to the new
 * ones), and templates whose family is set explicitly (a template without
 * one goes out as AF_INET and the kernel refuses it for IPv6 policies).
 * Replies and notifications are parsed from the raw messages.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <linux/xfrm.h>
#include <netlink/xfrm/lifetime.h>
#include <netlink/xfrm/sa.h>
#include <netlink/xfrm/selector.h>
#include <netlink/xfrm/sp.h>
#include <netlink/xfrm/template.h>

#include <netcfg/text.h>

/* The probe's states: SPIs 1-255 are reserved (RFC 4301), so no real
 * configuration uses this one. */
#define PROBE_SPI 0xfeu

/* ipsec6 algorithm names.  The HMAC-MD5 and HMAC-SHA1 of the Windows
 * tools are the 96-bit truncations of RFC 2403/2404 (what AH and ESP
 * send); HMAC-SHA256 is RFC 4868's 128 bits, not the 96 of old PF_KEY. */
static const struct lnx_xfrm_alg auth_algs[] = {
	{ "NULL", "digest_null", 0 },
	{ "HMAC-MD5", "hmac(md5)", 96 },
	{ "HMAC-MD5-96", "hmac(md5)", 96 },
	{ "HMAC-SHA1", "hmac(sha1)", 96 },
	{ "HMAC-SHA1-96", "hmac(sha1)", 96 },
	{ "HMAC-SHA256", "hmac(sha256)", 128 },
};

static const struct lnx_xfrm_alg enc_algs[] = {
	{ "NULL", "ecb(cipher_null)", 0 },
	{ "3DES-CBC", "cbc(des3_ede)", 0 },
	{ "AES-CBC", "cbc(aes)", 0 },
};

static const struct lnx_xfrm_alg *alg_lookup(const struct lnx_xfrm_alg *t, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcasecmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

const struct lnx_xfrm_alg *lnx_xfrm_auth_lookup(const char *name)
{
	return alg_lookup(auth_algs, sizeof(auth_algs) / sizeof(auth_algs[0]), name);
}

const struct lnx_xfrm_alg *lnx_xfrm_enc_lookup(const char *name)
{
	return alg_lookup(enc_algs, sizeof(enc_algs) / sizeof(enc_algs[0]), name);
}

static const char *proto_name(uint8_t proto)
{
	return proto == IPPROTO_AH ? "AH" : proto == IPPROTO_ESP ? "ESP" : "?";
}

static int need_xfrm(struct lnx *ctx, const char *what)
{
	if (ctx->xf)
		return NETCFG_OK;
	return lnx_fail(ctx, NETCFG_ENOTSUP, "%s: %s", what, ctx->xfrm_missing);
}

static struct nl_addr *addr6(const struct in6_addr *a, int prefixlen)
{
	struct nl_addr *n = nl_addr_build(AF_INET6, a, sizeof(*a));
	if (n && prefixlen >= 0)
		nl_addr_set_prefixlen(n, prefixlen);
	return n;
}

/* A libnl selector for s; NULL when out of memory. */
static struct xfrmnl_sel *make_sel(const struct lnx_xfrm_sel *s)
{
	struct xfrmnl_sel *sel = xfrmnl_sel_alloc();
	struct nl_addr *d = addr6(&s->dst.addr, s->dst.len);
	struct nl_addr *src = addr6(&s->src.addr, s->src.len);
	bool ok = sel && d && src;
	if (ok) {
		xfrmnl_sel_set_family(sel, AF_INET6);
		xfrmnl_sel_set_daddr(sel, d);
		xfrmnl_sel_set_prefixlen_d(sel, s->dst.len);
		xfrmnl_sel_set_saddr(sel, src);
		xfrmnl_sel_set_prefixlen_s(sel, s->src.len);
		xfrmnl_sel_set_proto(sel, s->proto);
		xfrmnl_sel_set_dport(sel, s->dport);
		xfrmnl_sel_set_dportmask(sel, s->dport ? 0xffff : 0);
		xfrmnl_sel_set_sport(sel, s->sport);
		xfrmnl_sel_set_sportmask(sel, s->sport ? 0xffff : 0);
		xfrmnl_sel_set_ifindex(sel, s->ifindex);
	}
	if (d)
		nl_addr_put(d);
	if (src)
		nl_addr_put(src);
	if (!ok && sel) {
		xfrmnl_sel_put(sel);
		sel = NULL;
	}
	return sel;
}

/* No byte, packet or time limits, as `ip xfrm` sets them. */
static struct xfrmnl_ltime_cfg *no_limits(void)
{
	struct xfrmnl_ltime_cfg *lt = xfrmnl_ltime_cfg_alloc();
	if (lt) {
		xfrmnl_ltime_cfg_set_soft_bytelimit(lt, XFRM_INF);
		xfrmnl_ltime_cfg_set_hard_bytelimit(lt, XFRM_INF);
		xfrmnl_ltime_cfg_set_soft_packetlimit(lt, XFRM_INF);
		xfrmnl_ltime_cfg_set_hard_packetlimit(lt, XFRM_INF);
	}
	return lt;
}

static const char *sel_str(const struct lnx_xfrm_sel *s, char *buf, size_t size)
{
	char a[NETCFG_ADDRSTRLEN], b[NETCFG_ADDRSTRLEN];
	int n = snprintf(buf, size, "%s -> %s", lnx_prefix_str(&s->src, a), lnx_prefix_str(&s->dst, b));
	if (s->proto && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " proto %u", s->proto);
	return buf;
}

/* ---- policies --------------------------------------------------------- */

static int check_policy(struct lnx *ctx, const struct lnx_xfrm_policy *p, const char *what)
{
	int st = lnx_check_prefix(ctx, &p->sel.src, what);
	if (st == NETCFG_OK)
		st = lnx_check_prefix(ctx, &p->sel.dst, what);
	if (st != NETCFG_OK)
		return st;
	if ((unsigned)p->dir > LNX_XFRM_FWD)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: direction %d is not in, out or fwd", what, (int)p->dir);
	if (p->n_tmpl > LNX_XFRM_TMPL_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: %zu templates, at most %d", what, p->n_tmpl,
				LNX_XFRM_TMPL_MAX);
	for (size_t i = 0; i < p->n_tmpl; i++) {
		const struct lnx_xfrm_tmpl *t = &p->tmpl[i];
		if (t->proto != IPPROTO_AH && t->proto != IPPROTO_ESP)
			return lnx_fail(ctx, NETCFG_EINVAL, "%s: template %zu: protocol %u is not AH or ESP",
					what, i + 1, t->proto);
		/* the kernel takes the local end from the route when it is :: */
		if (t->mode == LNX_XFRM_TUNNEL && lnx_addr_is_any(&t->src) && lnx_addr_is_any(&t->dst))
			return lnx_fail(ctx, NETCFG_EINVAL, "%s: template %zu: tunnel mode needs the remote "
					"end point", what, i + 1);
	}
	if (p->action == LNX_XFRM_BLOCK && p->n_tmpl)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: a blocking policy has no templates", what);
	return NETCFG_OK;
}

static struct xfrmnl_user_tmpl *make_tmpl(const struct lnx_xfrm_tmpl *t)
{
	struct xfrmnl_user_tmpl *u = xfrmnl_user_tmpl_alloc();
	struct nl_addr *d = addr6(&t->dst, -1), *s = addr6(&t->src, -1);
	bool ok = u && d && s;
	if (ok) {
		xfrmnl_user_tmpl_set_family(u, AF_INET6);
		xfrmnl_user_tmpl_set_daddr(u, d);
		xfrmnl_user_tmpl_set_saddr(u, s);
		xfrmnl_user_tmpl_set_proto(u, t->proto);
		xfrmnl_user_tmpl_set_spi(u, t->spi);
		xfrmnl_user_tmpl_set_reqid(u, t->reqid);
		xfrmnl_user_tmpl_set_mode(u, t->mode == LNX_XFRM_TUNNEL ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT);
		xfrmnl_user_tmpl_set_optional(u, t->optional);
		xfrmnl_user_tmpl_set_share(u, XFRM_SHARE_ANY);
		/* any algorithm: the SA decides */
		xfrmnl_user_tmpl_set_aalgos(u, ~0u);
		xfrmnl_user_tmpl_set_ealgos(u, ~0u);
		xfrmnl_user_tmpl_set_calgos(u, ~0u);
	}
	if (d)
		nl_addr_put(d);
	if (s)
		nl_addr_put(s);
	if (!ok && u) {
		xfrmnl_user_tmpl_free(u);
		u = NULL;
	}
	return u;
}

static struct nl_msg *policy_msg(struct lnx *ctx, enum lnx_op op, const struct lnx_xfrm_policy *p)
{
	struct xfrmnl_sp *sp = xfrmnl_sp_alloc();
	struct xfrmnl_sel *sel = make_sel(&p->sel);
	struct xfrmnl_ltime_cfg *lt = no_limits();
	struct nl_msg *m = NULL;
	int r = -NLE_NOMEM;
	if (sp && sel && lt) {
		xfrmnl_sp_set_sel(sp, sel);
		xfrmnl_sp_set_dir(sp, (unsigned)p->dir);
		r = 0;
	}
	if (r == 0 && (op == LNX_OP_DELETE || op == LNX_OP_DELETE_ANY)) {
		r = xfrmnl_sp_build_delete_request(sp, 0, &m);
		goto out;
	}
	if (r == 0) {
		xfrmnl_sp_set_priority(sp, p->priority);
		xfrmnl_sp_set_action(sp, p->action == LNX_XFRM_BLOCK ? XFRM_POLICY_BLOCK : XFRM_POLICY_ALLOW);
		xfrmnl_sp_set_share(sp, XFRM_SHARE_ANY);
		xfrmnl_sp_set_lifetime_cfg(sp, lt);
	}
	for (size_t i = 0; r == 0 && i < p->n_tmpl; i++) {
		struct xfrmnl_user_tmpl *u = make_tmpl(&p->tmpl[i]);
		if (!u)
			r = -NLE_NOMEM;
		else
			xfrmnl_sp_add_usertemplate(sp, u);   /* the policy owns it now */
	}
	if (r == 0)
		r = op == LNX_OP_REPLACE ? xfrmnl_sp_build_update_request(sp, 0, &m)
					 : xfrmnl_sp_build_add_request(sp, 0, &m);
out:
	if (lt)
		xfrmnl_ltime_cfg_put(lt);
	if (sel)
		xfrmnl_sel_put(sel);
	if (sp)
		xfrmnl_sp_put(sp);
	if (r < 0) {
		if (m)
			nlmsg_free(m);
		lnx_nl_fail(ctx, r, "xfrm policy message");
		return NULL;
	}
	return m;
}

int lnx_xfrm_policy_change(struct lnx *ctx, enum lnx_op op, const struct lnx_xfrm_policy *p)
{
	static const char *const dirs[] = { "in", "out", "fwd" };
	char what[200], s[160];
	snprintf(what, sizeof(what), "xfrm policy %s dir %s", sel_str(&p->sel, s, sizeof(s)),
		 (unsigned)p->dir <= LNX_XFRM_FWD ? dirs[p->dir] : "?");
	int st = need_xfrm(ctx, what);
	if (st == NETCFG_OK)
		st = check_policy(ctx, p, what);
	if (st != NETCFG_OK)
		return st;
	struct nl_msg *m = policy_msg(ctx, op, p);
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, ctx->xf, m, NULL, NULL, what);
}

static void sel_from_kernel(const struct xfrm_selector *k, struct lnx_xfrm_sel *s)
{
	memcpy(&s->src.addr, &k->saddr.a6, sizeof(s->src.addr));
	memcpy(&s->dst.addr, &k->daddr.a6, sizeof(s->dst.addr));
	s->src.len = k->prefixlen_s;
	s->dst.len = k->prefixlen_d;
	s->proto = k->proto;
	s->sport = ntohs(k->sport);
	s->dport = ntohs(k->dport);
	s->ifindex = (uint32_t)k->ifindex;
}

int lnx_parse_xfrm_policy(const struct nlmsghdr *h, struct lnx_xfrm_policy *p)
{
	struct nlattr *tb[XFRMA_MAX + 1];
	/* copied out: the struct has 64-bit members, and neither a message
	 * in a dump nor an attribute is 8-byte aligned */
	struct xfrm_userpolicy_info pi;
	int hdrlen;
	switch (h->nlmsg_type) {
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_UPDPOLICY:
		hdrlen = sizeof(pi);
		break;
	case XFRM_MSG_DELPOLICY:
		hdrlen = sizeof(struct xfrm_userpolicy_id);
		break;
	default:
		return 0;
	}
	if (nlmsg_parse((struct nlmsghdr *)h, hdrlen, tb, XFRMA_MAX, NULL) < 0)
		return -1;
	if (h->nlmsg_type == XFRM_MSG_DELPOLICY) {
		/* a deletion carries the whole policy in XFRMA_POLICY */
		if (!tb[XFRMA_POLICY] || nla_len(tb[XFRMA_POLICY]) < (int)sizeof(pi))
			return -1;
		memcpy(&pi, nla_data(tb[XFRMA_POLICY]), sizeof(pi));
	} else {
		memcpy(&pi, nlmsg_data(h), sizeof(pi));
	}
	if (tb[XFRMA_POLICY_TYPE] && nla_len(tb[XFRMA_POLICY_TYPE]) >= (int)sizeof(struct xfrm_userpolicy_type)) {
		const struct xfrm_userpolicy_type *t = nla_data(tb[XFRMA_POLICY_TYPE]);
		if (t->type != XFRM_POLICY_TYPE_MAIN)
			return 0;
	}
	if (pi.sel.family != AF_INET6 || pi.dir > XFRM_POLICY_FWD)
		return 0;
	memset(p, 0, sizeof(*p));
	sel_from_kernel(&pi.sel, &p->sel);
	p->dir = (enum lnx_xfrm_dir)pi.dir;
	p->action = pi.action == XFRM_POLICY_BLOCK ? LNX_XFRM_BLOCK : LNX_XFRM_ALLOW;
	p->priority = pi.priority;
	p->index = pi.index;
	if (!tb[XFRMA_TMPL])
		return 1;
	const struct xfrm_user_tmpl *ut = nla_data(tb[XFRMA_TMPL]);
	size_t n = (size_t)nla_len(tb[XFRMA_TMPL]) / sizeof(*ut);
	for (size_t i = 0; i < n && p->n_tmpl < LNX_XFRM_TMPL_MAX; i++) {
		struct lnx_xfrm_tmpl *t = &p->tmpl[p->n_tmpl++];
		t->proto = ut[i].id.proto;
		t->mode = ut[i].mode == XFRM_MODE_TUNNEL ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
		memcpy(&t->src, &ut[i].saddr.a6, sizeof(t->src));
		memcpy(&t->dst, &ut[i].id.daddr.a6, sizeof(t->dst));
		t->spi = ntohl(ut[i].id.spi);
		t->reqid = ut[i].reqid;
		t->optional = ut[i].optional;
	}
	return 1;
}

struct policy_dump {
	lnx_xfrm_policy_fn fn;
	void *arg;
};

static int on_policy(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct policy_dump *d = arg;
	struct lnx_xfrm_policy p;
	int r = lnx_parse_xfrm_policy(h, &p);
	if (r < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "xfrm policy dump: malformed message from the kernel");
	return r ? d->fn(d->arg, &p) : NETCFG_OK;
}

int lnx_xfrm_policy_dump(struct lnx *ctx, lnx_xfrm_policy_fn fn, void *arg)
{
	struct policy_dump d = { .fn = fn, .arg = arg };
	int st = need_xfrm(ctx, "xfrm policy dump");
	if (st != NETCFG_OK)
		return st;
	return lnx_dump(ctx, ctx->xf, XFRM_MSG_GETPOLICY, NULL, 0, on_policy, &d, "xfrm policy dump");
}

/* ---- states ----------------------------------------------------------- */

static const char *sa_what(const struct in6_addr *dst, uint8_t proto, uint32_t spi, char *buf, size_t size)
{
	char d[NETCFG_ADDRSTRLEN];
	snprintf(buf, size, "%s SA spi 0x%x to %s", proto_name(proto), spi, netcfg_format_addr(dst, d));
	return buf;
}

static int check_sa(struct lnx *ctx, const struct lnx_xfrm_sa *sa, const char *what,
		    const struct lnx_xfrm_alg **auth, const struct lnx_xfrm_alg **enc)
{
	if (sa->proto != IPPROTO_AH && sa->proto != IPPROTO_ESP)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: protocol %u is not AH or ESP", what, sa->proto);
	if (sa->spi == 0)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: SPI 0 is not valid", what);
	*auth = lnx_xfrm_auth_lookup(sa->auth ? sa->auth : "NULL");
	if (!*auth)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: unknown authentication algorithm \"%s\"", what, sa->auth);
	*enc = NULL;
	if (sa->proto == IPPROTO_ESP) {
		*enc = lnx_xfrm_enc_lookup(sa->enc ? sa->enc : "NULL");
		if (!*enc)
			return lnx_fail(ctx, NETCFG_EINVAL, "%s: unknown encryption algorithm \"%s\"", what, sa->enc);
	} else if (sa->enc && strcasecmp(sa->enc, "NULL") != 0) {
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: AH does not encrypt (encryption \"%s\")", what, sa->enc);
	}
	if (sa->auth_key_len > 512 || sa->enc_key_len > 512)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: key longer than 512 bytes", what);
	int st = lnx_check_prefix(ctx, &sa->sel.src, what);
	return st == NETCFG_OK ? lnx_check_prefix(ctx, &sa->sel.dst, what) : st;
}

static struct nl_msg *sa_msg(struct lnx *ctx, const struct lnx_xfrm_sa *sa,
			     const struct lnx_xfrm_alg *auth, const struct lnx_xfrm_alg *enc)
{
	/* a fresh object per SA */
	struct xfrmnl_sa *x = xfrmnl_sa_alloc();
	struct nl_addr *d = addr6(&sa->dst, -1), *s = addr6(&sa->src, -1);
	struct xfrmnl_sel *sel = make_sel(&sa->sel);
	struct xfrmnl_ltime_cfg *lt = no_limits();
	struct nl_msg *m = NULL;
	int r = -NLE_NOMEM;
	if (x && d && s && sel && lt) {
		xfrmnl_sa_set_family(x, AF_INET6);
		xfrmnl_sa_set_daddr(x, d);
		xfrmnl_sa_set_saddr(x, s);
		xfrmnl_sa_set_proto(x, sa->proto);
		xfrmnl_sa_set_spi(x, sa->spi);
		xfrmnl_sa_set_mode(x, sa->mode == LNX_XFRM_TUNNEL ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT);
		xfrmnl_sa_set_reqid(x, sa->reqid);
		xfrmnl_sa_set_replay_window(x, sa->replay_window);
		xfrmnl_sa_set_sel(x, sel);
		xfrmnl_sa_set_lifetime_cfg(x, lt);
		const char *none = "";
		r = xfrmnl_sa_set_auth_params(x, auth->kernel, (unsigned)(sa->auth_key_len * 8),
					      auth->trunc_bits,
					      sa->auth_key_len ? (const char *)sa->auth_key : none);
		if (r >= 0 && enc)
			r = xfrmnl_sa_set_crypto_params(x, enc->kernel, (unsigned)(sa->enc_key_len * 8),
							sa->enc_key_len ? (const char *)sa->enc_key : none);
		if (r >= 0)
			r = xfrmnl_sa_build_add_request(x, 0, &m);
	}
	if (lt)
		xfrmnl_ltime_cfg_put(lt);
	if (sel)
		xfrmnl_sel_put(sel);
	if (d)
		nl_addr_put(d);
	if (s)
		nl_addr_put(s);
	if (x)
		xfrmnl_sa_put(x);
	if (r < 0) {
		if (m)
			nlmsg_free(m);
		lnx_nl_fail(ctx, r, "xfrm state message");
		return NULL;
	}
	return m;
}

/* Turn "the kernel lacks X" into a message naming X; other refusals keep
 * the exchange's message. */
static int sa_refused(struct lnx *ctx, const char *what, const struct lnx_xfrm_sa *sa,
		      const struct lnx_xfrm_alg *auth, const struct lnx_xfrm_alg *enc)
{
	int err = ctx->kerr;
	const char *said = ctx->kext[0] ? ctx->kext : strerror(err);
	if (err == EPROTONOSUPPORT)
		return lnx_fail(ctx, NETCFG_ENOTSUP,
				"%s: the kernel has no IPv6 %s state type (CONFIG_INET6_%s, module %s6): %s",
				what, proto_name(sa->proto), proto_name(sa->proto),
				sa->proto == IPPROTO_AH ? "ah" : "esp", said);
	if (err == ENOSYS || err == ENOENT) {
		bool crypt = strstr(said, "CRYPT") || strstr(said, "ENCR");
		const char *alg = crypt && enc ? enc->kernel : auth->kernel;
		return lnx_fail(ctx, NETCFG_ENOTSUP, "%s: the kernel has no %s transform (see /proc/crypto): %s",
				what, alg, said);
	}
	return lnx_kernel_status(err);
}

int lnx_xfrm_sa_add(struct lnx *ctx, const struct lnx_xfrm_sa *sa)
{
	char what[160];
	const struct lnx_xfrm_alg *auth = NULL, *enc = NULL;
	sa_what(&sa->dst, sa->proto, sa->spi, what, sizeof(what));
	int st = need_xfrm(ctx, what);
	if (st == NETCFG_OK)
		st = check_sa(ctx, sa, what, &auth, &enc);
	if (st != NETCFG_OK)
		return st;
	struct nl_msg *m = sa_msg(ctx, sa, auth, enc);
	if (!m)
		return NETCFG_ENOMEM;
	ctx->kerr = 0;
	st = lnx_exchange(ctx, ctx->xf, m, NULL, NULL, what);
	if (st != NETCFG_OK && ctx->kerr)
		return sa_refused(ctx, what, sa, auth, enc);
	return st;
}

int lnx_xfrm_sa_delete(struct lnx *ctx, const struct in6_addr *dst, uint8_t proto, uint32_t spi)
{
	char what[160];
	sa_what(dst, proto, spi, what, sizeof(what));
	int st = need_xfrm(ctx, what);
	if (st != NETCFG_OK)
		return st;
	struct xfrm_usersa_id id = { .spi = htonl(spi), .family = AF_INET6, .proto = proto };
	memcpy(&id.daddr.a6, dst, sizeof(*dst));
	struct nl_msg *m = lnx_msg_new(ctx, XFRM_MSG_DELSA, 0, &id, sizeof(id));
	if (!m)
		return NETCFG_ENOMEM;
	return lnx_exchange(ctx, ctx->xf, m, NULL, NULL, what);
}

static void alg_name(struct nlattr *a, size_t min, char *out, size_t size)
{
	if (!a || (size_t)nla_len(a) < min)
		return;
	/* every xfrm_algo* starts with its 64-byte name */
	const char *name = nla_data(a);
	snprintf(out, size, "%.*s", (int)strnlen(name, 64), name);
}

struct sa_dump {
	lnx_xfrm_sa_fn fn;
	void *arg;
};

static int on_sa(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct sa_dump *d = arg;
	struct nlattr *tb[XFRMA_MAX + 1];
	if (h->nlmsg_type != XFRM_MSG_NEWSA)
		return NETCFG_OK;
	if (nlmsg_parse(h, sizeof(struct xfrm_usersa_info), tb, XFRMA_MAX, NULL) < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "xfrm state dump: malformed message from the kernel");
	struct xfrm_usersa_info si;          /* copied out: see above */
	memcpy(&si, nlmsg_data(h), sizeof(si));
	if (si.family != AF_INET6)
		return NETCFG_OK;
	struct lnx_xfrm_sa_info s;
	memset(&s, 0, sizeof(s));
	memcpy(&s.src, &si.saddr.a6, sizeof(s.src));
	memcpy(&s.dst, &si.id.daddr.a6, sizeof(s.dst));
	s.proto = si.id.proto;
	s.spi = ntohl(si.id.spi);
	s.mode = si.mode == XFRM_MODE_TUNNEL ? LNX_XFRM_TUNNEL : LNX_XFRM_TRANSPORT;
	s.reqid = si.reqid;
	if (tb[XFRMA_ALG_AUTH_TRUNC] && nla_len(tb[XFRMA_ALG_AUTH_TRUNC]) >= (int)sizeof(struct xfrm_algo_auth)) {
		const struct xfrm_algo_auth *a = nla_data(tb[XFRMA_ALG_AUTH_TRUNC]);
		alg_name(tb[XFRMA_ALG_AUTH_TRUNC], sizeof(*a), s.auth, sizeof(s.auth));
		s.auth_trunc_bits = a->alg_trunc_len;
	} else {
		alg_name(tb[XFRMA_ALG_AUTH], sizeof(struct xfrm_algo), s.auth, sizeof(s.auth));
	}
	alg_name(tb[XFRMA_ALG_CRYPT], sizeof(struct xfrm_algo), s.enc, sizeof(s.enc));
	return d->fn(d->arg, &s);
}

int lnx_xfrm_sa_dump(struct lnx *ctx, lnx_xfrm_sa_fn fn, void *arg)
{
	struct sa_dump d = { .fn = fn, .arg = arg };
	int st = need_xfrm(ctx, "xfrm state dump");
	if (st != NETCFG_OK)
		return st;
	return lnx_dump(ctx, ctx->xf, XFRM_MSG_GETSA, NULL, 0, on_sa, &d, "xfrm state dump");
}

/* ---- all or nothing ---------------------------------------------------- */

int lnx_xfrm_install(struct lnx *ctx, const struct lnx_xfrm_sa *sas, size_t n_sa,
		     const struct lnx_xfrm_policy *pols, size_t n_pol)
{
	size_t sa_done = 0, pol_done = 0;
	int st = NETCFG_OK;
	while (st == NETCFG_OK && sa_done < n_sa) {
		st = lnx_xfrm_sa_add(ctx, &sas[sa_done]);
		if (st == NETCFG_OK)
			sa_done++;
	}
	while (st == NETCFG_OK && pol_done < n_pol) {
		st = lnx_xfrm_policy_change(ctx, LNX_OP_ADD, &pols[pol_done]);
		if (st == NETCFG_OK)
			pol_done++;
	}
	if (st == NETCFG_OK)
		return NETCFG_OK;
	char msg[LNX_ERR_MAX];
	lnx_copy(msg, sizeof(msg), ctx->err);
	size_t left = 0;
	while (pol_done-- > 0)
		if (lnx_xfrm_policy_change(ctx, LNX_OP_DELETE, &pols[pol_done]) != NETCFG_OK)
			left++;
	while (sa_done-- > 0)
		if (lnx_xfrm_sa_delete(ctx, &sas[sa_done].dst, sas[sa_done].proto, sas[sa_done].spi) != NETCFG_OK)
			left++;
	if (left)
		return lnx_fail(ctx, st, "%s; %zu of the objects installed before could not be removed",
				msg, left);
	return lnx_fail(ctx, st, "%s; nothing was installed", msg);
}

/* ---- probe ------------------------------------------------------------- */

static void probe_one(struct lnx *ctx, uint8_t proto, bool *ok, char *why, size_t size)
{
	static const uint8_t key[32];
	struct lnx_xfrm_sa sa = {
		.src = IN6ADDR_LOOPBACK_INIT, .dst = IN6ADDR_LOOPBACK_INIT,
		.proto = proto, .spi = PROBE_SPI, .mode = LNX_XFRM_TRANSPORT,
		.auth = "HMAC-SHA256", .auth_key = key, .auth_key_len = sizeof(key),
	};
	int st = lnx_xfrm_sa_add(ctx, &sa);
	/* EEXIST comes after the type lookup: the type is there */
	*ok = st == NETCFG_OK || ctx->kerr == EEXIST;
	why[0] = 0;
	if (st == NETCFG_OK)
		lnx_xfrm_sa_delete(ctx, &sa.dst, proto, PROBE_SPI);
	else if (!*ok)
		lnx_copy(why, size, ctx->err);
}

int lnx_xfrm_probe(struct lnx *ctx, struct lnx_xfrm_support *out)
{
	memset(out, 0, sizeof(*out));
	int st = need_xfrm(ctx, "xfrm probe");
	if (st != NETCFG_OK) {
		lnx_copy(out->ah_why, sizeof(out->ah_why), ctx->xfrm_missing);
		lnx_copy(out->esp_why, sizeof(out->esp_why), ctx->xfrm_missing);
		return NETCFG_OK;
	}
	probe_one(ctx, IPPROTO_AH, &out->ah, out->ah_why, sizeof(out->ah_why));
	probe_one(ctx, IPPROTO_ESP, &out->esp, out->esp_why, sizeof(out->esp_why));
	return NETCFG_OK;
}
