/* SPDX-License-Identifier: MIT */
/*
 * link.c - links: dump, MTU, and the IPv6 settings of links and of the namespace.
 *
 * The settings are read from IFLA_INET6_CONF, which every link message
 * carries, and written through /proc/sys/net/ipv6/conf/IF/: the kernel
 * takes none of them over netlink (IFLA_INET6_CONF is read-only).  After
 * setns() /proc/sys/net shows the namespace of the calling thread, so no
 * remount is needed.  The settings of the namespace as a whole
 * (net.ipv6.conf.{all,default}.*, net.ipv6.ip6frag_high_thresh, ...) are
 * read and written there too.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>

static const struct {
	const char *name;
	int devconf;                   /* index into IFLA_INET6_CONF */
} sysctls[LNX_SYSCTL__MAX] = {
	[LNX_SYSCTL_FORWARDING] = { "forwarding", DEVCONF_FORWARDING },
	[LNX_SYSCTL_ACCEPT_RA] = { "accept_ra", DEVCONF_ACCEPT_RA },
	[LNX_SYSCTL_HOP_LIMIT] = { "hop_limit", DEVCONF_HOPLIMIT },
	[LNX_SYSCTL_MTU] = { "mtu", DEVCONF_MTU6 },
	[LNX_SYSCTL_DISABLE_IPV6] = { "disable_ipv6", DEVCONF_DISABLE_IPV6 },
};

const char *lnx_sysctl_name(enum lnx_sysctl key)
{
	return (unsigned)key < LNX_SYSCTL__MAX ? sysctls[key].name : NULL;
}

int lnx_sysctl_parse(const char *name)
{
	for (int i = 0; i < LNX_SYSCTL__MAX; i++)
		if (strcmp(name, sysctls[i].name) == 0)
			return i;
	return -1;
}

const char *lnx_operstate_name(uint8_t operstate)
{
	static const char *const names[] = {
		[IF_OPER_UNKNOWN] = "UNKNOWN", [IF_OPER_NOTPRESENT] = "NOTPRESENT",
		[IF_OPER_DOWN] = "DOWN", [IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
		[IF_OPER_TESTING] = "TESTING", [IF_OPER_DORMANT] = "DORMANT",
		[IF_OPER_UP] = "UP",
	};
	return operstate < sizeof(names) / sizeof(names[0]) ? names[operstate] : "UNKNOWN";
}

static void parse_inet6(struct nlattr *af_spec, struct lnx_link *l)
{
	struct nlattr *af;
	int rem;
	nla_for_each_nested(af, af_spec, rem) {
		if (nla_type(af) != AF_INET6)
			continue;
		struct nlattr *tb[IFLA_INET6_MAX + 1];
		if (nla_parse_nested(tb, IFLA_INET6_MAX, af, NULL) < 0 || !tb[IFLA_INET6_CONF])
			return;
		const int32_t *conf = nla_data(tb[IFLA_INET6_CONF]);
		size_t n = (size_t)nla_len(tb[IFLA_INET6_CONF]) / sizeof(int32_t);
		for (int i = 0; i < LNX_SYSCTL__MAX; i++)
			if ((size_t)sysctls[i].devconf < n)
				memcpy(&l->inet6[i], &conf[sysctls[i].devconf], sizeof(int32_t));
		if (DEVCONF_DAD_TRANSMITS < n)
			memcpy(&l->dad_transmits, &conf[DEVCONF_DAD_TRANSMITS], sizeof(int32_t));
		if (tb[IFLA_INET6_CACHEINFO] &&
		    nla_len(tb[IFLA_INET6_CACHEINFO]) >= (int)sizeof(struct ifla_cacheinfo)) {
			const struct ifla_cacheinfo *ci = nla_data(tb[IFLA_INET6_CACHEINFO]);
			l->reachable_ms = ci->reachable_time;
			l->retrans_ms = ci->retrans_time;
		}
		l->has_inet6 = true;
		return;
	}
}

int lnx_parse_link(const struct nlmsghdr *h, struct lnx_link *l)
{
	struct nlattr *tb[IFLA_MAX + 1];
	if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK)
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)h, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) < 0)
		return -1;
	const struct ifinfomsg *ifi = nlmsg_data(h);
	/* bridge port messages (AF_BRIDGE) describe the same link again */
	if (ifi->ifi_family != AF_UNSPEC)
		return 0;
	memset(l, 0, sizeof(*l));
	l->ifindex = (uint32_t)ifi->ifi_index;
	l->type = ifi->ifi_type;
	l->flags = ifi->ifi_flags;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(l->name, tb[IFLA_IFNAME], sizeof(l->name));
	if (tb[IFLA_ADDRESS]) {
		size_t n = (size_t)nla_len(tb[IFLA_ADDRESS]);
		l->lladdr_len = (uint8_t)(n < LNX_LLADDR_MAX ? n : LNX_LLADDR_MAX);
		memcpy(l->lladdr, nla_data(tb[IFLA_ADDRESS]), l->lladdr_len);
	}
	if (tb[IFLA_MTU])
		l->mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_MAX_MTU])
		l->max_mtu = nla_get_u32(tb[IFLA_MAX_MTU]);
	if (tb[IFLA_OPERSTATE])
		l->operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_LINKINFO]) {
		struct nlattr *li[IFLA_INFO_MAX + 1];
		if (nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) == 0 && li[IFLA_INFO_KIND])
			nla_strlcpy(l->kind, li[IFLA_INFO_KIND], sizeof(l->kind));
	}
	if (tb[IFLA_AF_SPEC])
		parse_inet6(tb[IFLA_AF_SPEC], l);
	return 1;
}

struct link_dump {
	lnx_link_fn fn;
	void *arg;
	struct lnx_link *one;          /* lnx_link_get() */
	bool found;
};

static int on_link(struct lnx *ctx, struct nlmsghdr *h, void *arg)
{
	struct link_dump *d = arg;
	struct lnx_link l;
	int r = lnx_parse_link(h, &l);
	if (r < 0)
		return lnx_fail(ctx, NETCFG_EKERNEL, "link dump: malformed message from the kernel");
	if (r == 0)
		return NETCFG_OK;
	if (d->one) {
		*d->one = l;
		d->found = true;
		return NETCFG_OK;
	}
	return d->fn(d->arg, &l);
}

int lnx_link_dump(struct lnx *ctx, lnx_link_fn fn, void *arg)
{
	struct link_dump d = { .fn = fn, .arg = arg };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	return lnx_dump(ctx, ctx->rt, RTM_GETLINK, &ifi, sizeof(ifi), on_link, &d, "link dump");
}

int lnx_link_get(struct lnx *ctx, uint32_t ifindex, struct lnx_link *out)
{
	char what[64];
	struct link_dump d = { .one = out };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	snprintf(what, sizeof(what), "interface %u", ifindex);
	struct nl_msg *m = lnx_msg_new(ctx, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	if (!m)
		return NETCFG_ENOMEM;
	int st = lnx_exchange(ctx, ctx->rt, m, on_link, &d, what);
	if (st == NETCFG_OK && !d.found)
		return lnx_fail(ctx, NETCFG_ENOENT, "interface %u does not exist", ifindex);
	return st;
}

int lnx_link_set_mtu(struct lnx *ctx, uint32_t ifindex, uint32_t mtu)
{
	char what[64];
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	snprintf(what, sizeof(what), "MTU %u of interface %u", mtu, ifindex);
	if (ifindex == 0 || ifindex > INT32_MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "%s: no such interface index", what);
	struct nl_msg *m = lnx_msg_new(ctx, RTM_SETLINK, 0, &ifi, sizeof(ifi));
	if (!m)
		return NETCFG_ENOMEM;
	if (nla_put_u32(m, IFLA_MTU, mtu) < 0) {
		nlmsg_free(m);
		return lnx_fail(ctx, NETCFG_ENOMEM, "%s: message too long", what);
	}
	return lnx_exchange(ctx, ctx->rt, m, NULL, NULL, what);
}

/* /proc/sys/net/ipv6/DIR/NAME/KEY of a link, by index. */
static int link_sysctl_path(struct lnx *ctx, uint32_t ifindex, const char *dir, const char *key,
			    char *path, size_t size)
{
	char name[IF_NAMESIZE];
	if (!if_indextoname(ifindex, name))
		return lnx_fail(ctx, NETCFG_ENOENT, "interface %u does not exist", ifindex);
	snprintf(path, size, "/proc/sys/net/ipv6/%s/%s/%s", dir, name, key);
	return NETCFG_OK;
}

static int sysctl_path(struct lnx *ctx, uint32_t ifindex, enum lnx_sysctl key, char *path, size_t size)
{
	if ((unsigned)key >= LNX_SYSCTL__MAX)
		return lnx_fail(ctx, NETCFG_EINVAL, "unknown IPv6 interface setting %d", (int)key);
	return link_sysctl_path(ctx, ifindex, "conf", sysctls[key].name, path, size);
}

/* ifindex 0: a setting of the namespace, not of a link. */
static int sysctl_fail(struct lnx *ctx, int e, uint32_t ifindex, const char *path)
{
	int st = NETCFG_EKERNEL;
	if (e == ENOENT && ifindex)
		return lnx_fail(ctx, NETCFG_ENOENT, "interface %u has no IPv6 configuration (%s)",
				ifindex, path);
	if (e == ENOENT)
		return lnx_fail(ctx, NETCFG_ENOENT, "%s: this kernel has no such setting", path);
	if (e == EACCES || e == EPERM)
		st = NETCFG_EPERM;
	return lnx_fail(ctx, st, "%s: %s", path, strerror(e));
}

static int read_sysctl(struct lnx *ctx, uint32_t ifindex, const char *path, int64_t *value)
{
	char buf[32];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sysctl_fail(ctx, errno, ifindex, path);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	int e = errno;
	close(fd);
	if (n < 0)
		return sysctl_fail(ctx, e, ifindex, path);
	buf[n] = 0;
	char *end;
	errno = 0;
	long long v = strtoll(buf, &end, 10);
	if (end == buf || (*end && *end != '\n') || errno == ERANGE)
		return lnx_fail(ctx, NETCFG_EKERNEL, "%s: unexpected content \"%.*s\"", path, (int)n, buf);
	*value = v;
	return NETCFG_OK;
}

static int read_sysctl32(struct lnx *ctx, uint32_t ifindex, const char *path, int32_t *value)
{
	int64_t v;
	int st = read_sysctl(ctx, ifindex, path, &v);
	if (st == NETCFG_OK && (v < INT32_MIN || v > INT32_MAX))
		return lnx_fail(ctx, NETCFG_EKERNEL, "%s: %lld is out of range", path, (long long)v);
	if (st == NETCFG_OK)
		*value = (int32_t)v;
	return st;
}

static int write_sysctl(struct lnx *ctx, uint32_t ifindex, const char *path, int64_t value)
{
	char buf[32];
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return sysctl_fail(ctx, errno, ifindex, path);
	int len = snprintf(buf, sizeof(buf), "%lld\n", (long long)value);
	ssize_t n = write(fd, buf, (size_t)len);
	int e = errno;
	close(fd);
	if (n < 0) {
		if (e == EINVAL)
			return lnx_fail(ctx, NETCFG_EKERNEL, "%s = %lld: the kernel refused the value",
					path, (long long)value);
		return sysctl_fail(ctx, e, ifindex, path);
	}
	return NETCFG_OK;
}

int lnx_sysctl_get(struct lnx *ctx, uint32_t ifindex, enum lnx_sysctl key, int32_t *value)
{
	char path[128];
	int st = sysctl_path(ctx, ifindex, key, path, sizeof(path));
	return st != NETCFG_OK ? st : read_sysctl32(ctx, ifindex, path, value);
}

int lnx_neigh_parms_get(struct lnx *ctx, uint32_t ifindex, uint32_t *base_reachable_ms,
			uint32_t *retrans_ms)
{
	char path[128];
	int32_t base = 0, retrans = 0;
	int st = link_sysctl_path(ctx, ifindex, "neigh", "base_reachable_time_ms", path, sizeof(path));
	if (st == NETCFG_OK)
		st = read_sysctl32(ctx, ifindex, path, &base);
	if (st == NETCFG_OK)
		st = link_sysctl_path(ctx, ifindex, "neigh", "retrans_time_ms", path, sizeof(path));
	if (st == NETCFG_OK)
		st = read_sysctl32(ctx, ifindex, path, &retrans);
	if (st != NETCFG_OK)
		return st;
	*base_reachable_ms = base > 0 ? (uint32_t)base : 0;
	*retrans_ms = retrans > 0 ? (uint32_t)retrans : 0;
	return NETCFG_OK;
}

int lnx_sysctl_set(struct lnx *ctx, uint32_t ifindex, enum lnx_sysctl key, int32_t value)
{
	char path[128];
	int st = sysctl_path(ctx, ifindex, key, path, sizeof(path));
	return st != NETCFG_OK ? st : write_sysctl(ctx, ifindex, path, value);
}

/* A key under conf/IF/: a plain name, never a way out of the directory. */
static int conf_key_path(struct lnx *ctx, uint32_t ifindex, const char *key, char *path,
			 size_t size)
{
	if (!*key || strchr(key, '/') || strcmp(key, ".") == 0 || strcmp(key, "..") == 0)
		return lnx_fail(ctx, NETCFG_EINVAL, "\"%s\" is no IPv6 interface setting", key);
	return link_sysctl_path(ctx, ifindex, "conf", key, path, size);
}

int lnx_link_conf_get(struct lnx *ctx, uint32_t ifindex, const char *key, int64_t *value)
{
	char path[128];
	int st = conf_key_path(ctx, ifindex, key, path, sizeof(path));
	return st != NETCFG_OK ? st : read_sysctl(ctx, ifindex, path, value);
}

int lnx_link_conf_set(struct lnx *ctx, uint32_t ifindex, const char *key, int64_t value)
{
	char path[128];
	int st = conf_key_path(ctx, ifindex, key, path, sizeof(path));
	return st != NETCFG_OK ? st : write_sysctl(ctx, ifindex, path, value);
}

/* ---- settings of the namespace (net.ipv6.*) ------------------------------ */

static int ipv6_sysctl_path(struct lnx *ctx, const char *name, char *path, size_t size)
{
	if (!*name || *name == '/' || strstr(name, "..") ||
	    (size_t)snprintf(path, size, "/proc/sys/net/ipv6/%s", name) >= size)
		return lnx_fail(ctx, NETCFG_EINVAL, "\"%s\" is no IPv6 setting", name);
	return NETCFG_OK;
}

bool lnx_ipv6_sysctl_exists(const char *name)
{
	char path[160];
	if (!*name || *name == '/' || strstr(name, ".."))
		return false;
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/%s", name);
	return access(path, F_OK) == 0;
}

int lnx_ipv6_sysctl_get(struct lnx *ctx, const char *name, int64_t *value)
{
	char path[160];
	int st = ipv6_sysctl_path(ctx, name, path, sizeof(path));
	return st != NETCFG_OK ? st : read_sysctl(ctx, 0, path, value);
}

int lnx_ipv6_sysctl_set(struct lnx *ctx, const char *name, int64_t value)
{
	char path[160];
	int st = ipv6_sysctl_path(ctx, name, path, sizeof(path));
	return st != NETCFG_OK ? st : write_sysctl(ctx, 0, path, value);
}
