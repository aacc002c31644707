/* SPDX-License-Identifier: MIT */
/*
 * export.c - the SPD and SAD as the Linux tools write them: `ip -batch`
 * lines of `ip xfrm policy/state add`, or setkey(8) lines.
 *
 * Order: the SPD is tried from the highest index down, so policy N gets
 * the xfrm priority 2^31 - N (lower values win), which is setkey's
 * "prio def + N".  A BIDIRECT policy becomes one policy per direction.
 * Transforms of an SA bundle are listed innermost first (the policy's
 * own, then its SABundleIndex chain), as both tools expect.  Whatever a
 * target cannot say is refused entry by entry instead of approximated.
 */
#include "ipsec.h"

#include <stdlib.h>
#include <string.h>

#define PRIORITY_BASE 2147483648u

struct exporter {
	FILE *out;
	enum ipsec_export_format fmt;
	const struct ipsec_spd_file *spd;
	const struct ipsec_sad_file *sad;
	struct ipsec_msgs *m;
	bool refused;
};

static bool refuse_sp(struct exporter *x, const struct ipsec_file_sp *e, int field,
		      const char *what)
{
	struct ipsec_diag d;
	ipsec_diag_set(&d, field, "%s", what);
	ipsec_file_sp_msg(x->m, false, x->spd->path, e, &d);
	x->refused = true;
	return false;
}

static bool refuse_sa(struct exporter *x, const struct ipsec_file_sa *e, int field,
		      const char *what)
{
	struct ipsec_diag d;
	ipsec_diag_set(&d, field, "%s", what);
	ipsec_file_sa_msg(x->m, false, x->sad->path, e, &d);
	x->refused = true;
	return false;
}

static const char *tool(const struct exporter *x)
{
	return x->fmt == IPSEC_EXPORT_SETKEY ? "setkey" : "ip xfrm";
}

/* An address selector as one prefix; false when it is not one. */
static bool sel_prefix(const struct netcfg_addr_sel *s, char *buf)
{
	char a[NETCFG_ADDRSTRLEN];
	if (s->kind == NETCFG_SEL_ANY || s->kind == NETCFG_SEL_POLICY) {
		strcpy(buf, "::/0");
		return true;
	}
	if (s->kind == NETCFG_SEL_ONE) {
		sprintf(buf, "%s/128", netcfg_format_addr(&s->lo, a));
		return true;
	}
	/* a range is a prefix when lo and hi agree on the first len bits and
	 * lo has zeros, hi ones, after them */
	unsigned len = 0;
	while (len < 128 && netcfg_prefix_match(&s->lo, &s->hi, len + 1))
		len++;
	for (unsigned bit = len; bit < 128; bit++) {
		unsigned byte = bit / 8, mask = 0x80u >> (bit % 8);
		if ((s->lo.s6_addr[byte] & mask) || !(s->hi.s6_addr[byte] & mask))
			return false;
	}
	sprintf(buf, "%s/%u", netcfg_format_addr(&s->lo, a), len);
	return true;
}

static const struct ipsec_file_sp *file_sp(const struct ipsec_spd_file *spd, uint32_t index)
{
	for (size_t i = 0; i < spd->n; i++)
		if (spd->v[i].sp.index == index)
			return &spd->v[i];
	return NULL;
}

/* ---- policies ---------------------------------------------------------- */

struct selector {
	char src[NETCFG_SEL_STRLEN], dst[NETCFG_SEL_STRLEN];
	int proto;              /* -1: any */
	long sport, dport;      /* -1: any */
};

static bool port_of(struct exporter *x, const struct ipsec_file_sp *e, int field,
		    const struct netcfg_num_sel *s, long *v)
{
	*v = -1;
	if (s->kind == NETCFG_SEL_ONE)
		*v = s->lo;
	else if (s->kind == NETCFG_SEL_RANGE)
		return refuse_sp(x, e, field, x->fmt == IPSEC_EXPORT_SETKEY
				 ? "setkey selects one port or any; a port range cannot be exported"
				 : "ip xfrm selects one port or any; a port range cannot be exported");
	return true;
}

/* The policy's selector seen from direction dir. */
static bool sp_selector(struct exporter *x, const struct ipsec_file_sp *e, enum netcfg_ipsec_dir dir,
			struct selector *s)
{
	const struct netcfg_sp *sp = &e->sp;
	char remote[NETCFG_SEL_STRLEN], local[NETCFG_SEL_STRLEN], why[160];
	bool out = dir == NETCFG_IPSEC_OUTBOUND;
	long rport, lport;
	if (!sel_prefix(&sp->remote, remote) || !sel_prefix(&sp->local, local)) {
		snprintf(why, sizeof(why), "%s selects addresses by prefix; this range is not one prefix",
			 tool(x));
		return refuse_sp(x, e, sel_prefix(&sp->remote, remote) ? SPF_LOCAL_ADDR : SPF_REMOTE_ADDR,
				 why);
	}
	if (!port_of(x, e, SPF_REMOTE_PORT, &sp->remote_port, &rport) ||
	    !port_of(x, e, SPF_LOCAL_PORT, &sp->local_port, &lport))
		return false;
	strcpy(s->src, out ? local : remote);
	strcpy(s->dst, out ? remote : local);
	s->sport = out ? lport : rport;
	s->dport = out ? rport : lport;
	s->proto = sp->protocol.kind == NETCFG_SEL_ONE ? (int)sp->protocol.lo : -1;
	return true;
}

/* The checks a policy must pass before anything of it is written. */
static bool sp_exportable(struct exporter *x, const struct ipsec_file_sp *e)
{
	const struct netcfg_sp *sp = &e->sp;
	char why[200];
	if (sp->from_packet) {
		static const int sel_fields[] = { SPF_REMOTE_ADDR, SPF_LOCAL_ADDR, SPF_PROTOCOL,
						  SPF_REMOTE_PORT, SPF_LOCAL_PORT };
		int f = 0;
		for (size_t k = 0; k < 5; k++)
			if (sp->from_packet & (1u << k)) {
				f = sel_fields[k];
				break;
			}
		snprintf(why, sizeof(why), "%s has no selectors taken from the packet (\"+\"); "
			 "only \"-\" can be exported", tool(x));
		return refuse_sp(x, e, f, why);
	}
	if (sp->action == NETCFG_SP_APPCHOICE) {
		snprintf(why, sizeof(why), "%s has no policy that leaves the choice to the application",
			 tool(x));
		return refuse_sp(x, e, SPF_ACTION, why);
	}
	if (sp->ifindex && x->fmt == IPSEC_EXPORT_SETKEY)
		return refuse_sp(x, e, SPF_IFINDEX, "setkey policies cannot be bound to an interface; "
				 "only InterfaceIndex 0 can be exported");
	for (const struct ipsec_file_sp *t = e; t && t->sp.action == NETCFG_SP_APPLY;
	     t = t->sp.bundle ? file_sp(x->spd, t->sp.bundle) : NULL) {
		if (t->sp.mode == NETCFG_IPSEC_TUNNEL && x->fmt == IPSEC_EXPORT_SETKEY)
			return refuse_sp(x, t, SPF_MODE, "setkey needs both ends of a tunnel and the SPD "
					 "names only the remote gateway");
		if (!t->sp.bundle)
			break;
	}
	struct selector s;
	return sp_selector(x, e, NETCFG_IPSEC_OUTBOUND, &s);
}

static void xfrm_tmpl(FILE *o, const struct netcfg_sp *sp, enum netcfg_ipsec_dir dir)
{
	char gw[NETCFG_ADDRSTRLEN];
	fputs(" tmpl", o);
	if (sp->mode == NETCFG_IPSEC_TUNNEL)
		fprintf(o, " %s %s", dir == NETCFG_IPSEC_OUTBOUND ? "dst" : "src",
			netcfg_format_addr(&sp->gateway, gw));
	fprintf(o, " proto %s mode %s level required", sp->ipsec_proto == NETCFG_IPSEC_AH ? "ah" : "esp",
		sp->mode == NETCFG_IPSEC_TUNNEL ? "tunnel" : "transport");
}

static void setkey_tmpl(FILE *o, const struct netcfg_sp *sp)
{
	fprintf(o, " %s/transport//require", sp->ipsec_proto == NETCFG_IPSEC_AH ? "ah" : "esp");
}

static void setkey_upper(FILE *o, int proto)
{
	switch (proto) {
	case -1: fputs("any", o); break;
	case 6: fputs("tcp", o); break;
	case 17: fputs("udp", o); break;
	case 58: fputs("icmp6", o); break;
	default: fprintf(o, "%d", proto);
	}
}

static void setkey_addr(FILE *o, const char *prefix, long port)
{
	if (port >= 0)
		fprintf(o, "%s[%ld]", prefix, port);
	else
		fprintf(o, "%s[any]", prefix);
}

static void write_sp(struct exporter *x, const struct ipsec_file_sp *e)
{
	static const enum netcfg_ipsec_dir dirs[] = { NETCFG_IPSEC_OUTBOUND, NETCFG_IPSEC_INBOUND };
	const struct netcfg_sp *sp = &e->sp;
	FILE *o = x->out;
	uint32_t prio = PRIORITY_BASE - sp->index;
	fprintf(o, "# policy %u: %s %s, line %u of %s\n", sp->index,
		netcfg_sp_action_name(sp->action), netcfg_ipsec_dir_name(sp->direction),
		e->line, x->spd->path);
	for (size_t k = 0; k < 2; k++) {
		if (!(sp->direction & dirs[k]))
			continue;
		bool out = dirs[k] == NETCFG_IPSEC_OUTBOUND;
		struct selector s;
		sp_selector(x, e, dirs[k], &s);
		if (x->fmt == IPSEC_EXPORT_IP_XFRM) {
			fprintf(o, "xfrm policy add src %s dst %s", s.src, s.dst);
			if (s.proto >= 0)
				fprintf(o, " proto %d", s.proto);
			if (s.sport >= 0)
				fprintf(o, " sport %ld", s.sport);
			if (s.dport >= 0)
				fprintf(o, " dport %ld", s.dport);
			if (sp->ifindex)
				fprintf(o, " dev if%u", sp->ifindex);
			fprintf(o, " dir %s priority %u", out ? "out" : "in", prio);
			if (sp->action == NETCFG_SP_DISCARD)
				fputs(" action block", o);
		} else {
			fputs("spdadd ", o);
			setkey_addr(o, s.src, s.sport);
			fputc(' ', o);
			setkey_addr(o, s.dst, s.dport);
			fputc(' ', o);
			setkey_upper(o, s.proto);
			fprintf(o, " -P %s prio def + %u %s", out ? "out" : "in", sp->index,
				sp->action == NETCFG_SP_DISCARD ? "discard"
				: sp->action == NETCFG_SP_BYPASS ? "none" : "ipsec");
		}
		for (const struct ipsec_file_sp *t = sp->action == NETCFG_SP_APPLY ? e : NULL; t;
		     t = t->sp.bundle ? file_sp(x->spd, t->sp.bundle) : NULL) {
			if (x->fmt == IPSEC_EXPORT_IP_XFRM)
				xfrm_tmpl(o, &t->sp, dirs[k]);
			else
				setkey_tmpl(o, &t->sp);
		}
		fputs(x->fmt == IPSEC_EXPORT_SETKEY ? " ;\n" : "\n", o);
	}
}

/* ---- SAs ----------------------------------------------------------------- */

struct alg {
	const char *xfrm;       /* kernel name, or NULL */
	unsigned icv_bits;
	const char *setkey;     /* KAME name, or NULL with why */
	const char *why;
};

/* HMAC-MD5 and HMAC-SHA1 are HMAC-MD5-96 and HMAC-SHA1-96 (RFC 2403 and
 * 2404), as the daemon maps them into the kernel; KAME's hmac-md5 and
 * hmac-sha1 are those 96-bit truncations too. */
static const struct alg algs[NETCFG_AUTH__MAX] = {
	[NETCFG_AUTH_NULL] = { NULL, 0, NULL, NULL },
	[NETCFG_AUTH_HMAC_MD5] = { "hmac(md5)", 96, "hmac-md5", NULL },
	[NETCFG_AUTH_HMAC_MD5_96] = { "hmac(md5)", 96, "hmac-md5", NULL },
	[NETCFG_AUTH_HMAC_SHA1] = { "hmac(sha1)", 96, "hmac-sha1", NULL },
	[NETCFG_AUTH_HMAC_SHA1_96] = { "hmac(sha1)", 96, "hmac-sha1", NULL },
	[NETCFG_AUTH_HMAC_SHA256] = { "hmac(sha256)", 128, NULL,
		"setkey on Linux truncates hmac-sha256 to 96 bits, not the 128 of RFC 4868 that "
		"HMAC-SHA256 means here (use --format=ip-xfrm)" },
};

const char *ipsec_auth_kernel_name(enum netcfg_auth_alg a, unsigned *icv_bits)
{
	bool known = (unsigned)a < NETCFG_AUTH__MAX;
	*icv_bits = known ? algs[a].icv_bits : 0;
	return known ? algs[a].xfrm : NULL;
}

const char *ipsec_auth_setkey_name(enum netcfg_auth_alg a)
{
	return (unsigned)a < NETCFG_AUTH__MAX ? algs[a].setkey : NULL;
}

static void hex(FILE *o, const struct ipsec_key *k)
{
	fputs("0x", o);
	for (size_t i = 0; i < k->len; i++)
		fprintf(o, "%02x", k->bytes[i]);
}

static bool sa_selector(struct exporter *x, const struct ipsec_file_sa *e, struct selector *s,
			bool *any)
{
	const struct netcfg_sa *sa = &e->sa;
	char why[160];
	*any = sa->dest.kind == NETCFG_SEL_POLICY && sa->src.kind == NETCFG_SEL_POLICY &&
	       sa->protocol.kind == NETCFG_SEL_POLICY && sa->dest_port.kind == NETCFG_SEL_POLICY &&
	       sa->src_port.kind == NETCFG_SEL_POLICY;
	if (*any)
		return true;
	if (x->fmt == IPSEC_EXPORT_SETKEY)
		return refuse_sa(x, e, SAF_DEST, "setkey SAs have no traffic selectors; only POLICY "
				 "can be exported");
	if (!sel_prefix(&sa->dest, s->dst) || !sel_prefix(&sa->src, s->src)) {
		snprintf(why, sizeof(why), "ip xfrm selects addresses by prefix; this range is not one "
			 "prefix");
		return refuse_sa(x, e, sel_prefix(&sa->dest, s->dst) ? SAF_SRC : SAF_DEST, why);
	}
	if (sa->dest_port.kind == NETCFG_SEL_RANGE || sa->src_port.kind == NETCFG_SEL_RANGE)
		return refuse_sa(x, e, sa->dest_port.kind == NETCFG_SEL_RANGE ? SAF_DEST_PORT : SAF_SRC_PORT,
				 "ip xfrm selects one port or any; a port range cannot be exported");
	s->proto = sa->protocol.kind == NETCFG_SEL_ONE ? (int)sa->protocol.lo : -1;
	s->dport = sa->dest_port.kind == NETCFG_SEL_ONE ? (long)sa->dest_port.lo : -1;
	s->sport = sa->src_port.kind == NETCFG_SEL_ONE ? (long)sa->src_port.lo : -1;
	return true;
}

static bool sa_exportable(struct exporter *x, const struct ipsec_file_sa *e,
			  const struct ipsec_key *key)
{
	const struct ipsec_file_sp *p = file_sp(x->spd, e->sa.policy);
	const struct alg *a = &algs[e->sa.auth];
	if (!p)
		return refuse_sa(x, e, SAF_POLICY, "the policy is not in the .spd file being exported");
	if (e->sa.auth == NETCFG_AUTH_NULL && p->sp.ipsec_proto == NETCFG_IPSEC_AH)
		return refuse_sa(x, e, SAF_AUTH, "AH without an authentication algorithm cannot be "
				 "expressed (the kernel's AH needs one)");
	if (x->fmt == IPSEC_EXPORT_SETKEY && e->sa.auth != NETCFG_AUTH_NULL && !a->setkey)
		return refuse_sa(x, e, SAF_AUTH, a->why);
	if (x->fmt == IPSEC_EXPORT_SETKEY && p->sp.mode == NETCFG_IPSEC_TUNNEL)
		return refuse_sa(x, e, SAF_POLICY, "setkey needs both ends of a tunnel and the SPD "
				 "names only the remote gateway");
	if (e->sa.auth != NETCFG_AUTH_NULL && !key)
		return refuse_sa(x, e, SAF_KEYFILE, "no key was read for this SA");
	struct selector s;
	bool any;
	return sa_selector(x, e, &s, &any);
}

/* The source address of an SA's traffic, where the policy says it. */
static void sa_source(const struct netcfg_sa *sa, const struct netcfg_sp *sp, char *buf)
{
	const struct netcfg_addr_sel *s = sa->direction == NETCFG_IPSEC_OUTBOUND ? &sp->local
									       : &sp->remote;
	if (sp->mode == NETCFG_IPSEC_TUNNEL) {
		if (sa->direction == NETCFG_IPSEC_INBOUND)
			netcfg_format_addr(&sp->gateway, buf);
		else
			strcpy(buf, "::");
		return;
	}
	if (s->kind == NETCFG_SEL_ONE)
		netcfg_format_addr(&s->lo, buf);
	else
		strcpy(buf, "::");
}

static void write_sa(struct exporter *x, const struct ipsec_file_sa *e, const struct ipsec_key *key)
{
	const struct netcfg_sa *sa = &e->sa;
	const struct netcfg_sp *sp = &file_sp(x->spd, sa->policy)->sp;
	const struct alg *a = &algs[sa->auth];
	FILE *o = x->out;
	char src[NETCFG_ADDRSTRLEN], dst[NETCFG_ADDRSTRLEN];
	const char *proto = sp->ipsec_proto == NETCFG_IPSEC_AH ? "ah" : "esp";
	const char *mode = sp->mode == NETCFG_IPSEC_TUNNEL ? "tunnel" : "transport";
	sa_source(sa, sp, src);
	netcfg_format_addr(&sa->sa_dest, dst);
	fprintf(o, "# SA %u: %s %s of policy %u, line %u of %s\n", sa->index,
		netcfg_ipsec_dir_name(sa->direction), netcfg_auth_alg_name(sa->auth), sa->policy,
		e->line, x->sad->path);
	if (x->fmt == IPSEC_EXPORT_IP_XFRM) {
		fprintf(o, "xfrm state add src %s dst %s proto %s spi %u mode %s", src, dst, proto,
			sa->spi, mode);
		if (sp->ipsec_proto == NETCFG_IPSEC_ESP)
			fputs(" enc cipher_null \"\"", o);
		if (sa->auth != NETCFG_AUTH_NULL) {
			fprintf(o, " auth-trunc %s ", a->xfrm);
			hex(o, key);
			fprintf(o, " %u", a->icv_bits);
		}
		struct selector s;
		bool any;
		sa_selector(x, e, &s, &any);
		if (!any) {
			fprintf(o, " sel src %s dst %s", s.src, s.dst);
			if (s.proto >= 0)
				fprintf(o, " proto %d", s.proto);
			if (s.sport >= 0)
				fprintf(o, " sport %ld", s.sport);
			if (s.dport >= 0)
				fprintf(o, " dport %ld", s.dport);
		}
		fputc('\n', o);
		return;
	}
	fprintf(o, "add %s %s %s %u -m %s", src, dst, proto, sa->spi, mode);
	if (sp->ipsec_proto == NETCFG_IPSEC_ESP)
		fputs(" -E null", o);
	if (sa->auth != NETCFG_AUTH_NULL) {
		fprintf(o, " -A %s ", a->setkey);
		hex(o, key);
	}
	fputs(" ;\n", o);
}

int ipsec_export(FILE *out, enum ipsec_export_format fmt, const struct ipsec_spd_file *spd,
		 const struct ipsec_sad_file *sad, struct ipsec_key *const *keys,
		 struct ipsec_msgs *m)
{
	struct exporter x = { NULL, fmt, spd, sad, m, false };
	for (size_t i = 0; i < spd->n; i++)
		sp_exportable(&x, &spd->v[i]);
	for (size_t i = 0; i < sad->n; i++)
		sa_exportable(&x, &sad->v[i], keys[i]);
	if (x.refused)
		return -1;
	/* the text goes out whole or not at all */
	char *buf = NULL;
	size_t len = 0;
	x.out = open_memstream(&buf, &len);
	if (!x.out) {
		ipsec_msg_add(m, false, "out of memory");
		return -1;
	}
	fprintf(x.out, "# %s: %s and %s, exported by ipsec6\n",
		fmt == IPSEC_EXPORT_SETKEY ? "setkey -f" : "ip -batch", spd->path, sad->path);
	for (size_t i = 0; i < spd->n; i++)
		write_sp(&x, &spd->v[i]);
	for (size_t i = 0; i < sad->n; i++)
		write_sa(&x, &sad->v[i], keys[i]);
	if (fclose(x.out) != 0 || !buf) {
		free(buf);
		ipsec_msg_add(m, false, "out of memory");
		return -1;
	}
	size_t w = fwrite(buf, 1, len, out);
	explicit_bzero(buf, len);   /* it holds the keys */
	free(buf);
	return w == len ? 0 : -1;
}
