/* SPDX-License-Identifier: MIT */
/*
 * linux.h - the kernel-facing layer of stackd's linux dataplane.
 *
 * Everything stackd needs to realize its configuration in the Linux kernel
 * of one network namespace, and to read the kernel's own state back, with
 * no knowledge of the stack model: the daemon translates its objects into
 * the plain structs below and calls these functions.
 *
 *   context    lnx_open() enters a named namespace if asked (setns() before
 *              any socket exists), checks CAP_NET_ADMIN, and opens libnl
 *              sockets: rtnetlink and xfrm requests (extended ACK on, so the
 *              kernel's own explanation ends up in our message; big receive
 *              buffers) and, optionally, the notification sockets behind
 *              lnx_event_fd().
 *   links      dump/get, MTU through RTM_SETLINK, IPv6 per-link settings
 *              read from IFLA_INET6_CONF and written to /proc/sys (netlink
 *              has no writable attribute for them).
 *   addresses  IPv6 addresses with valid/preferred lifetimes.
 *   routes     IPv6 routes with metric, RFC 4191 preference (RTA_PREF) and
 *              expiry (RTA_EXPIRES), one at a time or as a batch that packs
 *              many messages into each sendmsg() and returns once the
 *              kernel has processed every one of them.
 *   neighbours static entries; dumps show the kernel's real NUD states.
 *   lookup     RTM_GETROUTE for a destination: the route, next hop,
 *              interface and preferred source the kernel would use.
 *   labels     the kernel's address-label table (RTM_NEWADDRLABEL; libnl
 *              has no object for it, so it goes through libnl's message API).
 *   gai.conf   precedence + label tables in a managed block of a
 *              gai.conf-format file, written atomically.
 *   xfrm       policies (SPD) and states (SAD) with the ipsec6 algorithm
 *              names mapped to kernel transforms; a probe for AH/ESP.
 *   events     notifications for links, IPv6 addresses, IPv6 routes,
 *              IPv6 neighbours and xfrm policies, with a full resync by dump
 *              when the kernel dropped some (ENOBUFS).
 *
 * The route notification socket drops, in the kernel (a socket filter),
 * the route notifications of this context's own requests: a batch of 100k
 * routes would otherwise overflow it with news the caller already has.
 *
 * Ownership.  Every route, address and neighbour installed here carries
 * LNX_PROTO (rtm_protocol, IFA_PROTO, NDA_PROTOCOL); dumps set `ours` from
 * it, and LNX_OP_DELETE only ever removes an object of ours (the kernel
 * matches a route's protocol; addresses and neighbours are read back
 * first), so the daemon never deletes what someone else configured;
 * LNX_OP_DELETE_ANY is for an administrator's explicit request.  Address
 * labels, gai.conf entries and xfrm objects have no such field: the daemon
 * remembers what it installed.  Kernels before 6.0 drop IFA_PROTO, and
 * then no address reads back as ours.
 *
 * Errors.  Every call returns a status from <netcfg/errors.h> and, on
 * failure, leaves a one-line message naming the object in lnx_error():
 * NETCFG_EKERNEL when the kernel refused (its extended-ACK text or errno
 * text quoted), NETCFG_EEXIST / NETCFG_ENOENT when it said the object does
 * or does not exist, NETCFG_EPERM without CAP_NET_ADMIN, NETCFG_ENOTSUP
 * when the kernel lacks the support (the message names what is missing),
 * NETCFG_EINVAL for values this layer refuses before asking the kernel.
 *
 * Not thread-safe: one context per thread (stackd is single-threaded).
 */
#ifndef STACKD_LINUX_H
#define STACKD_LINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <netcfg/errors.h>
#include <netcfg/types.h>

/*
 * The protocol number that marks what stackd installed.  Values above
 * RTPROT_STATIC (4) are not interpreted by the kernel; 110 is in none of
 * the registries we know of: the kernel's RTPROT_* list (8-18, 42, 99,
 * 186-192), iproute2's rt_protos, FRR's 186-198, BIRD's 12, and what
 * systemd-networkd and NetworkManager use (boot, static, ra, dhcp).
 * `ip route` prints it as "proto 110" unless a file in
 * /etc/iproute2/rt_protos.d/ names it ("110 netcfg").
 */
#define LNX_PROTO 110

/* Where prefix policies go for getaddrinfo(). */
#define LNX_GAI_CONF "/etc/gai.conf"

#define LNX_IFNAMSIZ 16
#define LNX_LLADDR_MAX 32
#define LNX_ERR_MAX 512

struct lnx;

struct lnx_options {
	const char *netns;     /* enter /var/run/netns/NAME first; NULL = stay */
	bool events;           /* open the notification sockets */
	int rcvbuf;            /* request sockets, bytes; 0 = 8 MiB */
	int event_rcvbuf;      /* notification sockets, bytes; 0 = 8 MiB (tests
				* make it tiny to provoke ENOBUFS) */
	bool defer_resync;     /* after a loss, leave the dump to the caller
				* (lnx_event_pending) instead of doing it at once */
};

/*
 * Open a context.  On failure *out is NULL and err holds the message:
 * NETCFG_ENOENT for a namespace that does not exist, NETCFG_EPERM without
 * CAP_NET_ADMIN (or CAP_SYS_ADMIN to enter a namespace).  setns() moves
 * the calling thread for good -- for stackd, the whole daemon -- and with
 * it what /proc/sys/net shows; it happens before any socket is opened, so
 * every socket belongs to that namespace.  A kernel without xfrm netlink
 * still opens; the xfrm calls then fail with NETCFG_ENOTSUP.
 */
int lnx_open(struct lnx **out, const struct lnx_options *opt, char *err, size_t errlen);
void lnx_close(struct lnx *ctx);
/* The message of the last failed call. */
const char *lnx_error(const struct lnx *ctx);

/* Operations on one object. */
enum lnx_op {
	LNX_OP_ADD = 0,       /* create; NETCFG_EEXIST if it exists */
	LNX_OP_REPLACE,       /* create or replace */
	LNX_OP_DELETE,        /* remove (routes: only a route of ours) */
	LNX_OP_DELETE_ANY,    /* remove whoever installed it */
};

/* ---- links ------------------------------------------------------------ */

/* IPv6 per-link settings (net.ipv6.conf.IF.*). */
enum lnx_sysctl {
	LNX_SYSCTL_FORWARDING = 0,
	LNX_SYSCTL_ACCEPT_RA,
	LNX_SYSCTL_HOP_LIMIT,
	LNX_SYSCTL_MTU,
	LNX_SYSCTL_DISABLE_IPV6,
	LNX_SYSCTL__MAX
};

struct lnx_link {
	uint32_t ifindex;
	char name[LNX_IFNAMSIZ];
	char kind[16];                 /* IFLA_INFO_KIND ("veth"); "" if none */
	uint16_t type;                 /* ARPHRD_* */
	uint8_t lladdr[LNX_LLADDR_MAX];
	uint8_t lladdr_len;
	uint32_t mtu;
	uint32_t max_mtu;              /* IFLA_MAX_MTU; 0 when the kernel does not say */
	uint32_t flags;                /* IFF_* */
	uint8_t operstate;             /* IF_OPER_* */
	bool has_inet6;                /* IPv6 is set up: inet6[] is valid */
	int32_t inet6[LNX_SYSCTL__MAX];
	uint32_t dad_transmits;        /* IFLA_INET6_CONF, with inet6[] */
	uint32_t reachable_ms;         /* IFLA_INET6_CACHEINFO, with inet6[] */
	uint32_t retrans_ms;
};

typedef int (*lnx_link_fn)(void *arg, const struct lnx_link *l);

/* Callbacks of every dump return 0 to go on, or a status to stop: the dump
 * then returns that status (the callback sets the message with
 * lnx_fail()). */
int lnx_link_dump(struct lnx *ctx, lnx_link_fn fn, void *arg);
int lnx_link_get(struct lnx *ctx, uint32_t ifindex, struct lnx_link *out);
int lnx_link_set_mtu(struct lnx *ctx, uint32_t ifindex, uint32_t mtu);
int lnx_sysctl_get(struct lnx *ctx, uint32_t ifindex, enum lnx_sysctl key, int32_t *value);
int lnx_sysctl_set(struct lnx *ctx, uint32_t ifindex, enum lnx_sysctl key, int32_t value);
/* "forwarding", "accept_ra", "hop_limit", "mtu", "disable_ipv6"; NULL if
 * out of range.  lnx_sysctl_parse returns -1 for unknown names. */
const char *lnx_sysctl_name(enum lnx_sysctl key);
int lnx_sysctl_parse(const char *name);
/* Any IPv6 setting of a link by its name under net.ipv6.conf.IF
 * ("use_tempaddr"); NETCFG_ENOENT when the link has no IPv6 (or is gone). */
int lnx_link_conf_get(struct lnx *ctx, uint32_t ifindex, const char *key, int64_t *value);
int lnx_link_conf_set(struct lnx *ctx, uint32_t ifindex, const char *key, int64_t value);
/* IPv6 settings of the namespace, named by their path under
 * /proc/sys/net/ipv6/ ("conf/default/hop_limit", "ip6frag_high_thresh").
 * A value the kernel refuses (EINVAL) is NETCFG_EKERNEL, "PATH = V: the
 * kernel refused the value"; one this kernel does not have, NETCFG_ENOENT. */
bool lnx_ipv6_sysctl_exists(const char *name);
int lnx_ipv6_sysctl_get(struct lnx *ctx, const char *name, int64_t *value);
int lnx_ipv6_sysctl_set(struct lnx *ctx, const char *name, int64_t value);
/* The neighbour-discovery times of a link (net.ipv6.neigh.IF.*), in ms. */
int lnx_neigh_parms_get(struct lnx *ctx, uint32_t ifindex, uint32_t *base_reachable_ms,
			uint32_t *retrans_ms);
/* "UP", "DOWN", "LOWERLAYERDOWN", ... (RFC 2863 names as iproute2 prints). */
const char *lnx_operstate_name(uint8_t operstate);

/* ---- addresses -------------------------------------------------------- */

struct lnx_addr {
	uint32_t ifindex;
	struct in6_addr addr;
	uint8_t prefixlen;
	uint8_t scope;                 /* out: RT_SCOPE_* */
	uint32_t flags;                /* IFA_F_* (in: e.g. IFA_F_NODAD) */
	uint32_t valid_lft;            /* seconds (left), NETCFG_INFINITE */
	uint32_t preferred_lft;        /* <= valid_lft */
	uint8_t proto;                 /* out: IFA_PROTO */
	bool ours;                     /* out: proto == LNX_PROTO */
};

typedef int (*lnx_addr_fn)(void *arg, const struct lnx_addr *a);

/* ADD, REPLACE (updates lifetimes and flags of an existing address),
 * DELETE (only an address of ours: it is read back first, since the
 * kernel does not match IFA_PROTO on delete) or DELETE_ANY. */
int lnx_addr_change(struct lnx *ctx, enum lnx_op op, const struct lnx_addr *a);
/* IPv6 addresses of one link, or of all with ifindex 0. */
int lnx_addr_dump(struct lnx *ctx, uint32_t ifindex, lnx_addr_fn fn, void *arg);

/* ---- routes ----------------------------------------------------------- */

/* RFC 4191 preference, as RTA_PREF carries it. */
enum lnx_route_pref {
	LNX_PREF_MEDIUM = 0,
	LNX_PREF_HIGH = 1,
	LNX_PREF_LOW = 3,
};

struct lnx_route {
	struct netcfg_prefix dst;
	uint32_t ifindex;              /* 0: the kernel picks it from the gateway */
	struct in6_addr gateway;       /* :: = on-link */
	uint32_t metric;               /* 0 = the kernel's default (1024) */
	enum lnx_route_pref pref;
	uint32_t expires;              /* seconds (left); 0 = never */
	uint32_t table;                /* 0 = main */
	/* out, and in for an add: 0 = LNX_PROTO (an add with another number
	 * puts back a route someone else had) */
	uint8_t protocol;
	/* out only */
	uint32_t mtu;                  /* the RTAX_MTU metric (a path MTU); 0 = none */
	uint8_t type;                  /* RTN_* */
	struct in6_addr prefsrc;
	bool ours;
};

typedef int (*lnx_route_fn)(void *arg, const struct lnx_route *r);

int lnx_route_change(struct lnx *ctx, enum lnx_op op, const struct lnx_route *r);
/* Every IPv6 route of every table; a multipath route comes once per next
 * hop. */
int lnx_route_dump(struct lnx *ctx, lnx_route_fn fn, void *arg);
/* "low", "medium", "high"; lnx_route_pref_parse returns -1 otherwise. */
const char *lnx_route_pref_name(enum lnx_route_pref p);
int lnx_route_pref_parse(const char *s);
/* "2001:db8::/64 via 2001:db8::1 dev 3 metric 1024" for messages. */
const char *lnx_route_format(const struct lnx_route *r, char *buf, size_t size);

struct lnx_route_change {
	enum lnx_op op;
	struct lnx_route route;
};

struct lnx_batch_failure {
	size_t index;                  /* into the batch */
	int status;
	char msg[256];
};

struct lnx_batch_report {
	/* in: where to put the first failures (may be NULL / 0) */
	struct lnx_batch_failure *failures;
	size_t max_failures;
	/* out */
	size_t applied;                /* changes in effect when the call returns */
	size_t failed;                 /* all of them, also beyond max_failures */
	size_t sendmsgs;               /* sendmsg() calls, rollback included */
	bool rolled_back;              /* LNX_BATCH_ROLLBACK undid the applied ones */
};

/* Undo the applied changes when one fails: nothing of the batch is left.
 * ADD, DELETE and DELETE_ANY changes can be undone (a deleted route comes
 * back with the protocol its change carries), so only REPLACE is refused
 * in such a batch. */
#define LNX_BATCH_ROLLBACK 0x1

/*
 * Apply n route changes in order, packing many messages into each
 * sendmsg().  Returns once the kernel has processed every message sent, so
 * each applied route is visible in the kernel.  Without ROLLBACK every
 * change is attempted and the failures are reported by index; with it the
 * batch stops at the first failing chunk and undoes what was applied.
 * Returns NETCFG_OK, or the status of the first failure with the message
 * "route N (...): reason" in lnx_error().
 */
int lnx_route_batch(struct lnx *ctx, const struct lnx_route_change *v, size_t n,
		    unsigned flags, struct lnx_batch_report *rep);

/* ---- destination lookup ----------------------------------------------- */

struct lnx_lookup {
	struct lnx_route route;        /* the table entry that matched */
	uint32_t ifindex;              /* the output interface */
	struct in6_addr gateway;       /* the next hop; :: = on-link */
	struct in6_addr prefsrc;       /* the source the kernel would pick */
	bool has_prefsrc;
};

/* oif 0 = any interface.  NETCFG_ENOENT when there is no route. */
int lnx_route_lookup(struct lnx *ctx, const struct in6_addr *dst, uint32_t oif,
		     struct lnx_lookup *out);

/* ---- neighbours ------------------------------------------------------- */

struct lnx_neigh {
	uint32_t ifindex;
	struct in6_addr addr;
	uint8_t lladdr[LNX_LLADDR_MAX];
	uint8_t lladdr_len;            /* 0: none known (INCOMPLETE, FAILED) */
	uint16_t state;                /* out: NUD_* */
	uint8_t flags;                 /* NTF_* (NTF_ROUTER; also in for a static entry) */
	uint32_t confirmed_ms;         /* out: since reachability was last confirmed */
	uint8_t proto;                 /* out: NDA_PROTOCOL */
	bool ours;
};

typedef int (*lnx_neigh_fn)(void *arg, const struct lnx_neigh *n);

/* ADD / REPLACE install a static (NUD_PERMANENT) entry; DELETE removes
 * only an entry of ours, DELETE_ANY any entry. */
int lnx_neigh_change(struct lnx *ctx, enum lnx_op op, const struct lnx_neigh *n);
int lnx_neigh_dump(struct lnx *ctx, uint32_t ifindex, lnx_neigh_fn fn, void *arg);
/* "REACHABLE", "STALE", "PERMANENT", ...; several bits joined by ','. */
const char *lnx_nud_name(uint16_t state, char *buf, size_t size);

/* ---- address labels --------------------------------------------------- */

struct lnx_addrlabel {
	struct netcfg_prefix prefix;
	uint32_t ifindex;              /* 0 = any interface */
	uint32_t label;                /* not 0xffffffff */
};

typedef int (*lnx_addrlabel_fn)(void *arg, const struct lnx_addrlabel *l);

int lnx_addrlabel_change(struct lnx *ctx, enum lnx_op op, const struct lnx_addrlabel *l);
int lnx_addrlabel_dump(struct lnx *ctx, lnx_addrlabel_fn fn, void *arg);

/* ---- gai.conf --------------------------------------------------------- */

struct lnx_gai_policy {
	struct netcfg_prefix prefix;
	uint32_t precedence;
	uint32_t label;
};

/*
 * Replace the managed block of the gai.conf-format file at path with one
 * precedence and one label line per policy (n == 0 removes the block).
 * Everything outside the block is kept byte for byte.  The new file is
 * written next to the old one, fsync()ed and renamed over it, so a reader
 * sees the old or the new file, never a mix.  A symbolic link is followed:
 * its target is replaced.
 */
int lnx_gai_write(const char *path, const struct lnx_gai_policy *v, size_t n,
		  char *err, size_t errlen);
/* The policies of the managed block (none when the file or block is
 * missing); *v is malloc()ed. */
int lnx_gai_read(const char *path, struct lnx_gai_policy **v, size_t *n,
		 char *err, size_t errlen);

/* ---- xfrm ------------------------------------------------------------- */

#define LNX_XFRM_TMPL_MAX 6            /* the kernel's XFRM_MAX_DEPTH */

enum lnx_xfrm_dir { LNX_XFRM_IN = 0, LNX_XFRM_OUT = 1, LNX_XFRM_FWD = 2 };
enum lnx_xfrm_action { LNX_XFRM_ALLOW = 0, LNX_XFRM_BLOCK = 1 };
enum lnx_xfrm_mode { LNX_XFRM_TRANSPORT = 0, LNX_XFRM_TUNNEL = 1 };

struct lnx_xfrm_sel {
	struct netcfg_prefix src, dst;
	uint8_t proto;                 /* 0 = any */
	uint16_t sport, dport;         /* 0 = any */
	uint32_t ifindex;              /* 0 = any */
};

struct lnx_xfrm_tmpl {
	uint8_t proto;                 /* IPPROTO_AH or IPPROTO_ESP */
	enum lnx_xfrm_mode mode;
	struct in6_addr src, dst;      /* tunnel end points; :: in transport mode */
	uint32_t spi;                  /* 0 = any */
	uint32_t reqid;
	bool optional;                 /* "level use" */
};

struct lnx_xfrm_policy {
	struct lnx_xfrm_sel sel;
	enum lnx_xfrm_dir dir;
	enum lnx_xfrm_action action;
	uint32_t priority;             /* lower = tried earlier */
	uint32_t index;                /* out: the kernel's index */
	size_t n_tmpl;
	struct lnx_xfrm_tmpl tmpl[LNX_XFRM_TMPL_MAX];
};

typedef int (*lnx_xfrm_policy_fn)(void *arg, const struct lnx_xfrm_policy *p);

/* ADD, REPLACE (update the policy of the same selector and direction),
 * DELETE / DELETE_ANY (by selector and direction). */
int lnx_xfrm_policy_change(struct lnx *ctx, enum lnx_op op, const struct lnx_xfrm_policy *p);
/* The IPv6 main-type policies (socket policies are not in the SPD). */
int lnx_xfrm_policy_dump(struct lnx *ctx, lnx_xfrm_policy_fn fn, void *arg);

/* An ipsec6 algorithm name and the kernel transform it maps to. */
struct lnx_xfrm_alg {
	const char *name;              /* "HMAC-SHA256" */
	const char *kernel;            /* "hmac(sha256)" */
	unsigned trunc_bits;           /* ICV bits sent (auth); 0 for ciphers */
};
/* Case-insensitive; NULL for unknown names. */
const struct lnx_xfrm_alg *lnx_xfrm_auth_lookup(const char *name);
const struct lnx_xfrm_alg *lnx_xfrm_enc_lookup(const char *name);

struct lnx_xfrm_sa {
	struct in6_addr src, dst;      /* dst receives the protected traffic */
	uint8_t proto;                 /* IPPROTO_AH or IPPROTO_ESP */
	uint32_t spi;
	enum lnx_xfrm_mode mode;
	uint32_t reqid;
	uint32_t replay_window;
	const char *auth;              /* ipsec6 name: "HMAC-MD5", "NULL", ... */
	const uint8_t *auth_key;
	size_t auth_key_len;
	const char *enc;               /* ESP only; NULL = "NULL" (no encryption) */
	const uint8_t *enc_key;
	size_t enc_key_len;
	struct lnx_xfrm_sel sel;       /* all zero = any traffic */
};

/* What a dump shows of a state: never its keys. */
struct lnx_xfrm_sa_info {
	struct in6_addr src, dst;
	uint8_t proto;
	uint32_t spi;
	enum lnx_xfrm_mode mode;
	uint32_t reqid;
	char auth[64];                 /* kernel transform; "" = none */
	unsigned auth_trunc_bits;
	char enc[64];
};

typedef int (*lnx_xfrm_sa_fn)(void *arg, const struct lnx_xfrm_sa_info *s);

/* NETCFG_ENOTSUP, naming the missing kernel support, when the kernel has
 * no state type or transform for it. */
int lnx_xfrm_sa_add(struct lnx *ctx, const struct lnx_xfrm_sa *sa);
int lnx_xfrm_sa_delete(struct lnx *ctx, const struct in6_addr *dst, uint8_t proto, uint32_t spi);
int lnx_xfrm_sa_dump(struct lnx *ctx, lnx_xfrm_sa_fn fn, void *arg);

/* Install SAs, then policies, all or nothing: on a failure everything this
 * call installed is removed again before it returns. */
int lnx_xfrm_install(struct lnx *ctx, const struct lnx_xfrm_sa *sas, size_t n_sa,
		     const struct lnx_xfrm_policy *pols, size_t n_pol);

struct lnx_xfrm_support {
	bool ah, esp;
	char ah_why[256], esp_why[256]; /* when missing: what the kernel said */
};
/* Whether the kernel can hold AH and ESP states (installs and removes a
 * state with a reserved SPI on ::1 per protocol). */
int lnx_xfrm_probe(struct lnx *ctx, struct lnx_xfrm_support *out);

/* ---- notifications ---------------------------------------------------- */

enum lnx_ev_kind {
	LNX_EV_LINK = 0,
	LNX_EV_ADDR,
	LNX_EV_ROUTE,
	LNX_EV_NEIGH,
	LNX_EV_XFRM_POLICY,
	LNX_EV_RESYNC_BEGIN,           /* resync_kinds: the tables dumped next */
	LNX_EV_RESYNC_END,
};

#define LNX_EV_BIT(kind) (1u << (kind))

struct lnx_event {
	enum lnx_ev_kind kind;
	bool deleted;                  /* the object is gone */
	bool resync;                   /* delivered by a resync dump */
	bool own;                      /* the change was a request of this context */
	unsigned resync_kinds;         /* RESYNC_BEGIN/END: LNX_EV_BIT()s */
	union {
		struct lnx_link link;
		struct lnx_addr addr;
		struct lnx_route route;
		struct lnx_neigh neigh;
		struct lnx_xfrm_policy policy;
	} u;
};

typedef void (*lnx_event_fn)(void *arg, const struct lnx_event *ev);

/*
 * A descriptor that polls readable when notifications wait; -1 when the
 * context was opened without events.  lnx_event_process() delivers what
 * is queued (up to a bounded number per call, so a flood cannot starve the
 * daemon's other work; the descriptor stays readable while more wait).
 * When the kernel dropped notifications (ENOBUFS), the affected tables are
 * dumped: RESYNC_BEGIN, every object with `resync` set, RESYNC_END; objects
 * the daemon mirrors that were not delivered in between are gone.
 */
int lnx_event_fd(const struct lnx *ctx);
int lnx_event_process(struct lnx *ctx, lnx_event_fn fn, void *arg);
/*
 * With lnx_options.defer_resync a loss only drains the socket and notes
 * the tables to dump; the caller calls lnx_event_resync() when it sees
 * fit -- after a burst is over, say: a dump of a table the kernel keeps
 * changing restarts over and over, and holds up whoever is changing it.
 * The LNX_EV_BIT()s of the tables waiting for a dump (0: none).
 */
unsigned lnx_event_pending(const struct lnx *ctx);
/*
 * Dump the tables of kinds (LNX_EV_BIT()s) as a resync: RESYNC_BEGIN, the
 * objects, RESYNC_END.  What the daemon calls at start to read the kernel
 * state, and what lnx_event_process() does after a loss.  A dump the
 * kernel interrupted (the table changed meanwhile) starts over with a new
 * RESYNC_BEGIN; NETCFG_EBUSY when that keeps happening.  Works without
 * notification sockets too.
 */
int lnx_event_resync(struct lnx *ctx, unsigned kinds, lnx_event_fn fn, void *arg);

/* ---- for callbacks ---------------------------------------------------- */

/* Set the context's message; returns status. */
int lnx_fail(struct lnx *ctx, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
