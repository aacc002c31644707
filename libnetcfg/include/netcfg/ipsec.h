/* SPDX-License-Identifier: MIT */
/*
 * netcfg/ipsec.h - the security policy database (SPD) and the security
 * association database (SAD) of the stack, as ipsec6 configures them.
 *
 * A policy selects traffic by remote and local address, protocol and
 * ports, and says what happens to it: BYPASS, DISCARD, APPLY (protect it
 * with AH or ESP through the SAs that refer to the policy) or APPCHOICE.
 * Policies are tried from the highest index down; the first match wins.
 * An SA is one direction of manually keyed protection: its SPI, the
 * address that receives the protected traffic, the authentication
 * algorithm, and the key, which the daemon reads from a key file passed
 * to it as an open file descriptor and never gives back.
 *
 * Both databases live in the active store only: like every ipsec6
 * change on Windows, they are lost when the stack restarts.
 */
#ifndef NETCFG_IPSEC_H
#define NETCFG_IPSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct netcfg netcfg_t;

/* Policy and SA numbers run from 1 to this (the xfrm priority of policy
 * N is 2^31 - N, so the order survives an export). */
#define NETCFG_IPSEC_INDEX_MAX 2147483647u
/* SPIs 1-255 are reserved (RFC 4301) and 0 means none. */
#define NETCFG_SPI_MIN 256u
/* Longest key file name kept with an SA, including the NUL. */
#define NETCFG_KEYFILE_MAX 256
/* Longest SA bundle: a policy and the policies its SABundleIndex chains to. */
#define NETCFG_IPSEC_BUNDLE_MAX 8
/* Big enough for any selector text ("lo-hi" of two addresses). */
#define NETCFG_SEL_STRLEN 96

enum netcfg_sel_kind {
	NETCFG_SEL_ANY = 0,      /* "*" */
	NETCFG_SEL_ONE,          /* one address, protocol or port */
	NETCFG_SEL_RANGE,        /* "lo-hi" (also "addr/len" for addresses) */
	NETCFG_SEL_POLICY,       /* "POLICY": an SA takes it from its policy */
};

struct netcfg_addr_sel {
	enum netcfg_sel_kind kind;
	struct in6_addr lo, hi;  /* ONE: lo; RANGE: lo to hi inclusive */
};

/* A protocol (0-255, ONE or ANY only) or a port (0-65535) selector. */
struct netcfg_num_sel {
	enum netcfg_sel_kind kind;
	uint32_t lo, hi;
};

enum netcfg_ipsec_proto { NETCFG_IPSEC_NONE = 0, NETCFG_IPSEC_AH, NETCFG_IPSEC_ESP };
enum netcfg_ipsec_mode { NETCFG_IPSEC_MODE_ANY = 0, NETCFG_IPSEC_TRANSPORT, NETCFG_IPSEC_TUNNEL };
/* A bit mask: BIDIRECT covers both. */
enum netcfg_ipsec_dir {
	NETCFG_IPSEC_INBOUND = 1,
	NETCFG_IPSEC_OUTBOUND = 2,
	NETCFG_IPSEC_BIDIRECT = 3,
};
enum netcfg_sp_action {
	NETCFG_SP_BYPASS = 0,    /* let the traffic through unprotected */
	NETCFG_SP_DISCARD,       /* drop it */
	NETCFG_SP_APPLY,         /* protect it with the policy's SAs */
	NETCFG_SP_APPCHOICE,     /* the application decides */
};
/* HMAC-MD5 and HMAC-SHA1 are the seeds' spellings of HMAC-MD5-96 (RFC
 * 2403) and HMAC-SHA1-96 (RFC 2404), the HMACs AH and ESP send, truncated
 * to a 96-bit ICV: the two spellings mean the same transform and are kept
 * apart only so that what a file said is what is shown. */
enum netcfg_auth_alg {
	NETCFG_AUTH_NULL = 0,
	NETCFG_AUTH_HMAC_MD5,        /* = HMAC-MD5-96 */
	NETCFG_AUTH_HMAC_MD5_96,     /* 96-bit ICV */
	NETCFG_AUTH_HMAC_SHA1,       /* = HMAC-SHA1-96 */
	NETCFG_AUTH_HMAC_SHA1_96,    /* 96-bit ICV */
	NETCFG_AUTH_HMAC_SHA256,     /* 128-bit ICV (RFC 4868) */
	NETCFG_AUTH__MAX
};

/* Selectors of a policy taken from the packet ("+" in an .spd file)
 * rather than from the policy ("-"). */
#define NETCFG_SP_PKT_REMOTE_ADDR 0x01
#define NETCFG_SP_PKT_LOCAL_ADDR  0x02
#define NETCFG_SP_PKT_PROTOCOL    0x04
#define NETCFG_SP_PKT_REMOTE_PORT 0x08
#define NETCFG_SP_PKT_LOCAL_PORT  0x10

struct netcfg_sp {
	uint32_t index;                   /* Policy */
	struct netcfg_addr_sel remote;    /* RemoteIPAddr */
	struct netcfg_addr_sel local;     /* LocalIPAddr */
	struct netcfg_num_sel protocol;   /* Protocol */
	struct netcfg_num_sel remote_port;
	struct netcfg_num_sel local_port;
	unsigned from_packet;             /* NETCFG_SP_PKT_* */
	enum netcfg_ipsec_proto ipsec_proto;
	enum netcfg_ipsec_mode mode;
	struct in6_addr gateway;          /* RemoteGWIPAddr; :: = none ("*") */
	uint32_t bundle;                  /* SABundleIndex; 0 = NONE */
	enum netcfg_ipsec_dir direction;
	enum netcfg_sp_action action;
	uint32_t ifindex;                 /* InterfaceIndex; 0 = all */
};

struct netcfg_sa {
	uint32_t index;                   /* SAEntry */
	uint32_t spi;
	struct in6_addr sa_dest;          /* SADestIPAddr: who receives the traffic */
	struct netcfg_addr_sel dest;      /* DestIPAddr (may be POLICY) */
	struct netcfg_addr_sel src;       /* SrcIPAddr */
	struct netcfg_num_sel protocol;
	struct netcfg_num_sel dest_port;
	struct netcfg_num_sel src_port;
	enum netcfg_auth_alg auth;        /* AuthAlg */
	char key_file[NETCFG_KEYFILE_MAX];/* KeyFile as named in the .sad; "" = NONE */
	enum netcfg_ipsec_dir direction;  /* INBOUND or OUTBOUND */
	uint32_t policy;                  /* SecPolicyIndex */
};

struct netcfg_sp_list {
	struct netcfg_sp *v;              /* highest index first */
	size_t n;
};

struct netcfg_sa_list {
	struct netcfg_sa *v;              /* highest index first */
	size_t n;
};

/* A flow for netcfg_ipsec_lookup(): the packet as it leaves (OUTBOUND:
 * src is this host) or arrives (INBOUND: dst is this host). */
struct netcfg_ipsec_flow {
	struct in6_addr src, dst;
	int protocol;                     /* 0-255, or -1 when unknown */
	uint32_t sport, dport;            /* 0 when unknown */
	uint32_t ifindex;                 /* 0 when unknown */
	enum netcfg_ipsec_dir direction;  /* INBOUND or OUTBOUND */
};

/* One transform of the protection: the policy that asks for it and the
 * SA that would carry it (sa == 0: none, the packet would be dropped). */
struct netcfg_ipsec_step {
	uint32_t policy;
	enum netcfg_ipsec_proto proto;
	enum netcfg_ipsec_mode mode;
	uint32_t sa;
	uint32_t spi;
	struct in6_addr sa_dest;
	enum netcfg_auth_alg auth;
};

struct netcfg_ipsec_verdict {
	uint32_t policy;                  /* 0: no policy matches */
	enum netcfg_sp_action action;
	enum netcfg_ipsec_dir direction;  /* of the flow */
	size_t n_steps;                   /* APPLY and APPCHOICE: innermost first */
	struct netcfg_ipsec_step steps[NETCFG_IPSEC_BUNDLE_MAX];
};

/* The result of loading one key file into the daemon. */
struct netcfg_key_handle {
	uint32_t handle;                  /* for netcfg_sa_add(); 0 on error */
	int status;                       /* NETCFG_OK or why the key was refused */
	char error[256];
};

/* netcfg_ipsec_key_load() flags */
#define NETCFG_KEY_ALLOW_READABLE 0x1 /* accept key files others may read */

/* ---- text (the .spd/.sad vocabulary; keywords are case-insensitive) - */

/* Names: "AH", "TRANSPORT", "BIDIRECT", "APPLY", "HMAC-MD5"; NULL when out
 * of range.  The parse functions return -1 for unknown names. */
const char *netcfg_ipsec_proto_name(enum netcfg_ipsec_proto p);
int netcfg_ipsec_proto_parse(const char *s);
const char *netcfg_ipsec_mode_name(enum netcfg_ipsec_mode m);   /* ANY is "*" */
int netcfg_ipsec_mode_parse(const char *s);
const char *netcfg_ipsec_dir_name(enum netcfg_ipsec_dir d);
int netcfg_ipsec_dir_parse(const char *s);
const char *netcfg_sp_action_name(enum netcfg_sp_action a);
int netcfg_sp_action_parse(const char *s);
const char *netcfg_auth_alg_name(enum netcfg_auth_alg a);
int netcfg_auth_alg_parse(const char *s);

/* Selectors: "*", "POLICY" (only when allow_policy), an address, a range
 * "lo-hi" or a prefix "addr/len" (stored as its range); a protocol name
 * (TCP, UDP, ICMP = ICMPv6) or number; a port or port range.  Return 0 or
 * NETCFG_EINVAL.  The format functions write the canonical text. */
int netcfg_addr_sel_parse(const char *s, bool allow_policy, struct netcfg_addr_sel *out);
const char *netcfg_addr_sel_format(const struct netcfg_addr_sel *sel, char buf[NETCFG_SEL_STRLEN]);
int netcfg_proto_sel_parse(const char *s, bool allow_policy, struct netcfg_num_sel *out);
const char *netcfg_proto_sel_format(const struct netcfg_num_sel *sel, char buf[NETCFG_SEL_STRLEN]);
int netcfg_port_sel_parse(const char *s, bool allow_policy, struct netcfg_num_sel *out);
const char *netcfg_port_sel_format(const struct netcfg_num_sel *sel, char buf[NETCFG_SEL_STRLEN]);

/* ---- calls ----------------------------------------------------------- */

/* Add a policy.  NETCFG_F_ADD (the default) fails if the index exists;
 * NETCFG_F_CREATE alone succeeds without change when an identical policy
 * exists and fails when a different one does.  Policies cannot be
 * replaced or persisted (NETCFG_F_REPLACE and NETCFG_F_PERSIST are
 * refused). */
int netcfg_sp_add(netcfg_t *h, const struct netcfg_sp *sp, unsigned flags);
/* Delete one policy; refused while SAs or other policies refer to it. */
int netcfg_sp_delete(netcfg_t *h, uint32_t index);
/* Delete every policy; refused (deleting none) while any SA exists. */
int netcfg_sp_delete_all(netcfg_t *h, size_t *deleted);
/* All policies (ifindex 0), or those of one interface and of all (0). */
int netcfg_sp_list(netcfg_t *h, uint32_t ifindex, struct netcfg_sp_list *out);
void netcfg_sp_list_free(struct netcfg_sp_list *l);

/* Add an SA whose key was loaded with netcfg_ipsec_key_load() on this
 * handle (key_handle 0 for the NULL algorithm).  Flags as for policies;
 * "identical" includes the key. */
int netcfg_sa_add(netcfg_t *h, const struct netcfg_sa *sa, uint32_t key_handle, unsigned flags);
int netcfg_sa_delete(netcfg_t *h, uint32_t index);
int netcfg_sa_delete_all(netcfg_t *h, size_t *deleted);
int netcfg_sa_list(netcfg_t *h, struct netcfg_sa_list *out);
void netcfg_sa_list_free(struct netcfg_sa_list *l);

/*
 * Hand n open key files to the daemon (SCM_RIGHTS over the socket): the
 * daemon checks each with fstat() (a regular file, not readable by group
 * or others unless NETCFG_KEY_ALLOW_READABLE), reads and parses it, and
 * keeps the key for this connection only.  The key bytes never pass
 * through the caller.  out[i] receives the handle or the reason for fds[i];
 * the call itself fails only when the request does.  The caller keeps
 * (and closes) its descriptors.
 */
int netcfg_ipsec_key_load(netcfg_t *h, const int *fds, size_t n, unsigned flags,
			  struct netcfg_key_handle *out);

/* The policy and SAs that would handle each flow. */
int netcfg_ipsec_lookup(netcfg_t *h, const struct netcfg_ipsec_flow *flows, size_t n,
			struct netcfg_ipsec_verdict *out);

#ifdef __cplusplus
}
#endif
#endif
