/* SPDX-License-Identifier: MIT */
/* entry.c - the fields of policies and SAs and the rules of each on its own. */
#include "ipsec.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

static const char *const sp_field_names[SPF__COUNT] = {
	"Policy", "RemoteIPAddr", "LocalIPAddr", "Protocol", "RemotePort", "LocalPort",
	"IPSecProtocol", "IPSecMode", "RemoteGWIPAddr", "SABundleIndex", "Direction",
	"Action", "InterfaceIndex",
};

static const char *const sa_field_names[SAF__COUNT] = {
	"SAEntry", "SPI", "SADestIPAddr", "DestIPAddr", "SrcIPAddr", "Protocol", "DestPort",
	"SrcPort", "AuthAlg", "KeyFile", "Direction", "SecPolicyIndex",
};

const char *ipsec_sp_field_name(int field)
{
	return field >= 0 && field < SPF__COUNT ? sp_field_names[field] : NULL;
}

const char *ipsec_sa_field_name(int field)
{
	return field >= 0 && field < SAF__COUNT ? sa_field_names[field] : NULL;
}

static const char *index_text(uint32_t v, const char *zero, char buf[NETCFG_SEL_STRLEN])
{
	if (!v && zero)
		snprintf(buf, NETCFG_SEL_STRLEN, "%s", zero);
	else
		snprintf(buf, NETCFG_SEL_STRLEN, "%u", v);
	return buf;
}

const char *ipsec_sp_field_text(const struct netcfg_sp *sp, int field, char buf[NETCFG_SEL_STRLEN])
{
	switch (field) {
	case SPF_POLICY: return index_text(sp->index, NULL, buf);
	case SPF_REMOTE_ADDR: return netcfg_addr_sel_format(&sp->remote, buf);
	case SPF_LOCAL_ADDR: return netcfg_addr_sel_format(&sp->local, buf);
	case SPF_PROTOCOL: return netcfg_proto_sel_format(&sp->protocol, buf);
	case SPF_REMOTE_PORT: return netcfg_port_sel_format(&sp->remote_port, buf);
	case SPF_LOCAL_PORT: return netcfg_port_sel_format(&sp->local_port, buf);
	case SPF_IPSEC_PROTO: return netcfg_ipsec_proto_name(sp->ipsec_proto);
	case SPF_MODE: return netcfg_ipsec_mode_name(sp->mode);
	case SPF_GATEWAY:
		if (IN6_IS_ADDR_UNSPECIFIED(&sp->gateway))
			return "*";
		return netcfg_format_addr(&sp->gateway, buf);
	case SPF_BUNDLE: return index_text(sp->bundle, "NONE", buf);
	case SPF_DIRECTION: return netcfg_ipsec_dir_name(sp->direction);
	case SPF_ACTION: return netcfg_sp_action_name(sp->action);
	case SPF_IFINDEX: return index_text(sp->ifindex, NULL, buf);
	}
	return "";
}

const char *ipsec_sa_field_text(const struct netcfg_sa *sa, int field, char buf[NETCFG_SEL_STRLEN])
{
	switch (field) {
	case SAF_ENTRY: return index_text(sa->index, NULL, buf);
	case SAF_SPI: return index_text(sa->spi, NULL, buf);
	case SAF_SADEST: return netcfg_format_addr(&sa->sa_dest, buf);
	case SAF_DEST: return netcfg_addr_sel_format(&sa->dest, buf);
	case SAF_SRC: return netcfg_addr_sel_format(&sa->src, buf);
	case SAF_PROTOCOL: return netcfg_proto_sel_format(&sa->protocol, buf);
	case SAF_DEST_PORT: return netcfg_port_sel_format(&sa->dest_port, buf);
	case SAF_SRC_PORT: return netcfg_port_sel_format(&sa->src_port, buf);
	case SAF_AUTH: return netcfg_auth_alg_name(sa->auth);
	case SAF_KEYFILE: return sa->key_file[0] ? sa->key_file : "NONE";
	case SAF_DIRECTION: return netcfg_ipsec_dir_name(sa->direction);
	case SAF_POLICY: return index_text(sa->policy, NULL, buf);
	}
	return "";
}

int ipsec_diag_set(struct ipsec_diag *d, int field, const char *fmt, ...)
{
	va_list ap;
	d->field = field;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static void diag_text(const char *entry, const char *name, const char *text,
		      const struct ipsec_diag *d, char *out, size_t size)
{
	if (name)
		snprintf(out, size, "%s: %s \"%s\": %s", entry, name, text ? text : "", d->msg);
	else
		snprintf(out, size, "%s: %s", entry, d->msg);
}

void ipsec_sp_diag_text(const struct netcfg_sp *sp, const struct ipsec_diag *d, char *out, size_t size)
{
	char entry[32], buf[NETCFG_SEL_STRLEN];
	snprintf(entry, sizeof(entry), "policy %u", sp->index);
	const char *name = ipsec_sp_field_name(d->field);
	diag_text(entry, name, name ? ipsec_sp_field_text(sp, d->field, buf) : NULL, d, out, size);
}

void ipsec_sa_diag_text(const struct netcfg_sa *sa, const struct ipsec_diag *d, char *out, size_t size)
{
	char entry[32], buf[NETCFG_SEL_STRLEN];
	snprintf(entry, sizeof(entry), "SA %u", sa->index);
	const char *name = ipsec_sa_field_name(d->field);
	diag_text(entry, name, name ? ipsec_sa_field_text(sa, d->field, buf) : NULL, d, out, size);
}

/* ---- rules ----------------------------------------------------------- */

/* Protocols whose packets carry ports. */
static bool has_ports(const struct netcfg_num_sel *proto)
{
	if (proto->kind != NETCFG_SEL_ONE)
		return false;
	switch (proto->lo) {
	case 6: case 17: case 33: case 132: case 136:   /* TCP UDP DCCP SCTP UDP-Lite */
		return true;
	}
	return false;
}

static bool uses_ipsec(enum netcfg_sp_action a)
{
	return a == NETCFG_SP_APPLY || a == NETCFG_SP_APPCHOICE;
}

int ipsec_sp_check(const struct netcfg_sp *sp, struct ipsec_diag *d)
{
	const char *action = netcfg_sp_action_name(sp->action);
	if (sp->index < 1 || sp->index > NETCFG_IPSEC_INDEX_MAX)
		return ipsec_diag_set(d, SPF_POLICY, "policy numbers run from 1 to %u",
				      NETCFG_IPSEC_INDEX_MAX);
	if (!action || !netcfg_ipsec_proto_name(sp->ipsec_proto) ||
	    !netcfg_ipsec_mode_name(sp->mode) || !netcfg_ipsec_dir_name(sp->direction))
		return ipsec_diag_set(d, IPSEC_FIELD_NONE, "a keyword is out of range");
	if (sp->remote.kind == NETCFG_SEL_POLICY || sp->local.kind == NETCFG_SEL_POLICY ||
	    sp->protocol.kind == NETCFG_SEL_POLICY || sp->remote_port.kind == NETCFG_SEL_POLICY ||
	    sp->local_port.kind == NETCFG_SEL_POLICY)
		return ipsec_diag_set(d, IPSEC_FIELD_NONE, "POLICY is a value of SA entries only");
	if (sp->protocol.kind == NETCFG_SEL_RANGE)
		return ipsec_diag_set(d, SPF_PROTOCOL, "a policy names one protocol or *");
	if (!has_ports(&sp->protocol)) {
		if (sp->remote_port.kind != NETCFG_SEL_ANY)
			return ipsec_diag_set(d, SPF_REMOTE_PORT,
					      "ports need Protocol TCP or UDP (the policy's Protocol is %s)",
					      ipsec_sp_field_text(sp, SPF_PROTOCOL, (char[NETCFG_SEL_STRLEN]){ 0 }));
		if (sp->local_port.kind != NETCFG_SEL_ANY)
			return ipsec_diag_set(d, SPF_LOCAL_PORT,
					      "ports need Protocol TCP or UDP (the policy's Protocol is %s)",
					      ipsec_sp_field_text(sp, SPF_PROTOCOL, (char[NETCFG_SEL_STRLEN]){ 0 }));
	}
	if (sp->action == NETCFG_SP_APPLY) {
		if (sp->ipsec_proto == NETCFG_IPSEC_NONE)
			return ipsec_diag_set(d, SPF_IPSEC_PROTO, "an APPLY policy needs AH or ESP");
		if (sp->mode == NETCFG_IPSEC_MODE_ANY)
			return ipsec_diag_set(d, SPF_MODE, "an APPLY policy needs TRANSPORT or TUNNEL");
	}
	if (!uses_ipsec(sp->action)) {
		if (sp->ipsec_proto != NETCFG_IPSEC_NONE)
			return ipsec_diag_set(d, SPF_IPSEC_PROTO,
					      "a %s policy protects nothing; IPSecProtocol must be NONE",
					      action);
		if (sp->bundle)
			return ipsec_diag_set(d, SPF_BUNDLE,
					      "a %s policy has no SA bundle; SABundleIndex must be NONE",
					      action);
	}
	bool gw = !IN6_IS_ADDR_UNSPECIFIED(&sp->gateway);
	if (gw && sp->mode != NETCFG_IPSEC_TUNNEL)
		return ipsec_diag_set(d, SPF_GATEWAY, "only a TUNNEL policy has a gateway; "
				      "RemoteGWIPAddr must be * (IPSecMode is %s)",
				      netcfg_ipsec_mode_name(sp->mode));
	if (!gw && sp->mode == NETCFG_IPSEC_TUNNEL)
		return ipsec_diag_set(d, SPF_GATEWAY, "a TUNNEL policy needs the address of the "
				      "tunnel's far end");
	if (gw && IN6_IS_ADDR_MULTICAST(&sp->gateway))
		return ipsec_diag_set(d, SPF_GATEWAY, "a gateway cannot be a multicast address");
	if (sp->bundle == sp->index)
		return ipsec_diag_set(d, SPF_BUNDLE, "a policy cannot bundle itself");
	if (sp->bundle > NETCFG_IPSEC_INDEX_MAX)
		return ipsec_diag_set(d, SPF_BUNDLE, "policy numbers run from 1 to %u",
				      NETCFG_IPSEC_INDEX_MAX);
	return 0;
}

int ipsec_sa_check(const struct netcfg_sa *sa, struct ipsec_diag *d)
{
	if (sa->index < 1 || sa->index > NETCFG_IPSEC_INDEX_MAX)
		return ipsec_diag_set(d, SAF_ENTRY, "SA numbers run from 1 to %u", NETCFG_IPSEC_INDEX_MAX);
	if (sa->spi == 0)
		return ipsec_diag_set(d, SAF_SPI, "SPI 0 is not allowed");
	if (sa->spi < NETCFG_SPI_MIN)
		return ipsec_diag_set(d, SAF_SPI, "SPIs 1 to 255 are reserved (RFC 4301); use 256 or more");
	if (IN6_IS_ADDR_UNSPECIFIED(&sa->sa_dest))
		return ipsec_diag_set(d, SAF_SADEST, "the SA needs the address that receives its traffic");
	if (!netcfg_auth_alg_name(sa->auth))
		return ipsec_diag_set(d, SAF_AUTH, "unknown algorithm");
	if (sa->direction != NETCFG_IPSEC_INBOUND && sa->direction != NETCFG_IPSEC_OUTBOUND)
		return ipsec_diag_set(d, SAF_DIRECTION, "an SA protects one direction: INBOUND or OUTBOUND");
	if (sa->auth == NETCFG_AUTH_NULL && sa->key_file[0])
		return ipsec_diag_set(d, SAF_KEYFILE, "the NULL algorithm takes no key; KeyFile must be NONE");
	if (sa->auth != NETCFG_AUTH_NULL && !sa->key_file[0])
		return ipsec_diag_set(d, SAF_KEYFILE, "%s needs a key file",
				      netcfg_auth_alg_name(sa->auth));
	/* the name must survive being written to an .sad file and read back */
	for (const char *p = sa->key_file; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '"' || *p == 0x7f)
			return ipsec_diag_set(d, SAF_KEYFILE, "a key file name cannot hold control "
					      "characters or double quotes");
	if (strcasecmp(sa->key_file, "NONE") == 0)
		return ipsec_diag_set(d, SAF_KEYFILE, "NONE means no key file; name a file called "
				      "NONE as ./NONE");
	if (sa->protocol.kind == NETCFG_SEL_RANGE)
		return ipsec_diag_set(d, SAF_PROTOCOL, "an SA names one protocol, * or POLICY");
	if (sa->protocol.kind != NETCFG_SEL_POLICY && !has_ports(&sa->protocol)) {
		if (sa->dest_port.kind != NETCFG_SEL_ANY && sa->dest_port.kind != NETCFG_SEL_POLICY)
			return ipsec_diag_set(d, SAF_DEST_PORT, "ports need Protocol TCP or UDP");
		if (sa->src_port.kind != NETCFG_SEL_ANY && sa->src_port.kind != NETCFG_SEL_POLICY)
			return ipsec_diag_set(d, SAF_SRC_PORT, "ports need Protocol TCP or UDP");
	}
	return 0;
}

static bool addr_sel_equal(const struct netcfg_addr_sel *a, const struct netcfg_addr_sel *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == NETCFG_SEL_ONE)
		return IN6_ARE_ADDR_EQUAL(&a->lo, &b->lo);
	if (a->kind == NETCFG_SEL_RANGE)
		return IN6_ARE_ADDR_EQUAL(&a->lo, &b->lo) && IN6_ARE_ADDR_EQUAL(&a->hi, &b->hi);
	return true;
}

static bool num_sel_equal(const struct netcfg_num_sel *a, const struct netcfg_num_sel *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == NETCFG_SEL_ONE)
		return a->lo == b->lo;
	if (a->kind == NETCFG_SEL_RANGE)
		return a->lo == b->lo && a->hi == b->hi;
	return true;
}

bool ipsec_sp_equal(const struct netcfg_sp *a, const struct netcfg_sp *b)
{
	return a->index == b->index && addr_sel_equal(&a->remote, &b->remote) &&
	       addr_sel_equal(&a->local, &b->local) && num_sel_equal(&a->protocol, &b->protocol) &&
	       num_sel_equal(&a->remote_port, &b->remote_port) &&
	       num_sel_equal(&a->local_port, &b->local_port) && a->from_packet == b->from_packet &&
	       a->ipsec_proto == b->ipsec_proto && a->mode == b->mode &&
	       IN6_ARE_ADDR_EQUAL(&a->gateway, &b->gateway) && a->bundle == b->bundle &&
	       a->direction == b->direction && a->action == b->action && a->ifindex == b->ifindex;
}

bool ipsec_sa_equal(const struct netcfg_sa *a, const struct netcfg_sa *b)
{
	return a->index == b->index && a->spi == b->spi &&
	       IN6_ARE_ADDR_EQUAL(&a->sa_dest, &b->sa_dest) && addr_sel_equal(&a->dest, &b->dest) &&
	       addr_sel_equal(&a->src, &b->src) && num_sel_equal(&a->protocol, &b->protocol) &&
	       num_sel_equal(&a->dest_port, &b->dest_port) &&
	       num_sel_equal(&a->src_port, &b->src_port) && a->auth == b->auth &&
	       !a->key_file[0] == !b->key_file[0] && a->direction == b->direction &&
	       a->policy == b->policy;
}

void ipsec_sp_default(struct netcfg_sp *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->index = 1;
	sp->ipsec_proto = NETCFG_IPSEC_NONE;
	sp->mode = NETCFG_IPSEC_MODE_ANY;
	sp->direction = NETCFG_IPSEC_BIDIRECT;
	sp->action = NETCFG_SP_BYPASS;
}
