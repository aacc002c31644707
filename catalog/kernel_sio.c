/* SPDX-License-Identifier: MIT */
/*
 * kernel_sio.c - the stack's ioctls in the base provider (kernel_sio.h).
 *
 * IPv6 sockets get their answers from stackd: SIO_ROUTING_INTERFACE_QUERY
 * is its route query (the source address it picks), SIO_ADDRESS_LIST_QUERY
 * its preferred addresses, and the two CHANGE ioctls wait on its change
 * generations (events.wait).  IPv4 has no model in the daemon: those
 * answers come from the kernel (a connected UDP socket, getifaddrs) and
 * the changes from rtnetlink.
 *
 * A CHANGE ioctl remembers the answer of its QUERY and completes when that
 * answer changes (a wildcard destination: on any routing change).  On a
 * non-blocking socket the first call registers the request and fails with
 * WSAEWOULDBLOCK; the request stays registered for the socket, and a later
 * call (blocking or not) completes at once if the answer changed since the
 * registration, else waits or fails with WSAEWOULDBLOCK again.  Completing
 * ends the registration.
 *
 * The socket calls made here and in libnetcfg go through the loader's
 * interposed symbols, which hand a provider's own calls straight to libc.
 */
#include "kernel_sio.h"

#include <netcfg/netcfg.h>

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- answers -------------------------------------------------------- */

/* What a query answered: a Winsock code, or 0 and its sockaddrs one after
 * another (one for a route query, the list for an address list). */
struct answer {
	int wsa;
	unsigned char *bytes;
	size_t len;
	size_t n;
};

static void answer_free(struct answer *a)
{
	free(a->bytes);
	memset(a, 0, sizeof(*a));
}

static bool answer_equal(const struct answer *a, const struct answer *b)
{
	return a->wsa == b->wsa && a->len == b->len &&
	       (a->len == 0 || memcmp(a->bytes, b->bytes, a->len) == 0);
}

static void answer_add(struct answer *a, const void *sa, size_t len)
{
	unsigned char *nb = realloc(a->bytes, a->len + len);
	if (!nb) {
		a->wsa = NETCFG_WSAENOBUFS;
		return;
	}
	memcpy(nb + a->len, sa, len);
	a->bytes = nb;
	a->len += len;
	a->n++;
}

static size_t sockaddr_size(int family)
{
	return family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

/* ---- IPv6: stackd --------------------------------------------------- */

/* The Winsock code of a libnetcfg status: no daemon, or the IPv6 stack
 * stopped or not installed, is a network that is down. */
static int wsa_of(int status)
{
	switch (status) {
	case NETCFG_OK:
		return 0;
	case NETCFG_ENOENT:
		return NETCFG_WSAENETUNREACH;
	case NETCFG_EINVAL:
		return NETCFG_WSAEINVAL;
	case NETCFG_ENOMEM:
		return NETCFG_WSAENOBUFS;
	default:
		return NETCFG_WSAENETDOWN;
	}
}

static netcfg_t *daemon_open(void)
{
	netcfg_t *h = NULL;
	if (netcfg_open(&h, NETCFG_OPEN_NO_AUTOSTART | NETCFG_OPEN_QUIET, NULL, 0) != NETCFG_OK)
		return NULL;
	return h;
}

/* The zone of a scoped address on interface ifp: its index for a
 * link-local address, its site for a site-local one. */
static uint32_t zone(const struct in6_addr *a, const struct netcfg_interface *ifp)
{
	if (IN6_IS_ADDR_LINKLOCAL(a))
		return ifp->index;
	if (IN6_IS_ADDR_SITELOCAL(a))
		return ifp->site;
	return 0;
}

static void route6(netcfg_t *h, const struct sockaddr_in6 *dst, struct answer *a)
{
	struct netcfg_route_result r;
	int rc = netcfg_route_query(h, &dst->sin6_addr, dst->sin6_scope_id, 0, &r);
	if (rc) {
		a->wsa = wsa_of(rc);
		return;
	}
	/* a route, but no address to send from */
	if (IN6_IS_ADDR_UNSPECIFIED(&r.source)) {
		a->wsa = NETCFG_WSAENETUNREACH;
		return;
	}
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = r.source };
	struct netcfg_interface ifp = { .index = r.source_ifindex };
	struct netcfg_interface_list l = { 0 };
	if (IN6_IS_ADDR_SITELOCAL(&r.source) &&
	    netcfg_interface_list(h, r.source_ifindex, &l) == NETCFG_OK && l.n == 1)
		ifp.site = l.v[0].site;
	netcfg_interface_list_free(&l);
	sa.sin6_scope_id = zone(&r.source, &ifp);
	answer_add(a, &sa, sizeof(sa));
}

/* The bindable addresses: preferred unicast ones, without the link-local
 * and loopback addresses of the loopback pseudo-interface; by interface
 * number, then in the order each interface has them. */
static void list6(netcfg_t *h, struct answer *a)
{
	struct netcfg_interface_list l;
	int rc = netcfg_interface_list(h, 0, &l);
	if (rc) {
		a->wsa = wsa_of(rc == NETCFG_ENOENT ? NETCFG_ENOTSUP : rc);
		return;
	}
	/* the list comes in descending index order */
	for (size_t i = l.n; i-- > 0 && !a->wsa;) {
		const struct netcfg_interface *ifp = &l.v[i];
		for (size_t k = 0; k < ifp->n_addrs && !a->wsa; k++) {
			const struct netcfg_address *x = &ifp->addrs[k];
			if (x->type != NETCFG_ADDR_UNICAST || x->state != NETCFG_ADDR_PREFERRED)
				continue;
			if (ifp->kind == NETCFG_IF_LOOPBACK &&
			    (IN6_IS_ADDR_LINKLOCAL(&x->addr) || IN6_IS_ADDR_LOOPBACK(&x->addr)))
				continue;
			struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = x->addr,
						   .sin6_scope_id = zone(&x->addr, ifp) };
			answer_add(a, &sa, sizeof(sa));
		}
	}
	netcfg_interface_list_free(&l);
}

/* ---- IPv4: the kernel ----------------------------------------------- */

static void route4(const struct sockaddr_in *dst, struct answer *a)
{
	struct sockaddr_in to = *dst, from;
	socklen_t len = sizeof(from);
	if (!to.sin_port)
		to.sin_port = htons(9);  /* connect() wants a port; nothing is sent */
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0) {
		a->wsa = netcfg_wsa_from_errno(errno);
		return;
	}
	if (connect(s, (struct sockaddr *)&to, sizeof(to)) < 0 ||
	    getsockname(s, (struct sockaddr *)&from, &len) < 0) {
		a->wsa = netcfg_wsa_from_errno(errno);
	} else {
		from.sin_port = 0;
		answer_add(a, &from, sizeof(from));
	}
	close(s);
}

/* The addresses of the interfaces that are up, loopback left out. */
static void list4(struct answer *a)
{
	struct ifaddrs *all;
	if (getifaddrs(&all) < 0) {
		a->wsa = netcfg_wsa_from_errno(errno);
		return;
	}
	for (struct ifaddrs *i = all; i && !a->wsa; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
		    (i->ifa_flags & IFF_LOOPBACK))
			continue;
		struct sockaddr_in sa;
		memcpy(&sa, i->ifa_addr, sizeof(sa));
		sa.sin_port = 0;
		answer_add(a, &sa, sizeof(sa));
	}
	freeifaddrs(all);
}

static void put_gen(union netcfg_sockaddr_gen *g, const struct sockaddr *sa)
{
	memset(g, 0, sizeof(*g));
	if (sa && sa->sa_family == AF_INET) {
		memcpy(&g->in, sa, sizeof(g->in));
		g->in.sin_port = 0;
	}
}

/* SIO_GET_INTERFACE_LIST: every IPv4 address as an INTERFACE_INFO. */
static int interface_list4(void *out, size_t out_len, size_t *returned)
{
	struct ifaddrs *all;
	if (getifaddrs(&all) < 0)
		return netcfg_wsa_from_errno(errno);
	size_t n = 0;
	for (struct ifaddrs *i = all; i; i = i->ifa_next)
		n += i->ifa_addr && i->ifa_addr->sa_family == AF_INET;
	size_t need = n * sizeof(struct netcfg_interface_info);
	struct netcfg_interface_info *v = n ? calloc(n, sizeof(*v)) : NULL;
	int wsa = 0;
	if (out_len < need || (!out && need)) {
		*returned = need;
		wsa = NETCFG_WSAEFAULT;
	} else if (n && !v) {
		wsa = NETCFG_WSAENOBUFS;
	} else {
		size_t k = 0;
		for (struct ifaddrs *i = all; i; i = i->ifa_next) {
			if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
				continue;
			unsigned f = i->ifa_flags;
			v[k].flags = (f & IFF_UP ? NETCFG_IFF_UP : 0) |
				     (f & IFF_BROADCAST ? NETCFG_IFF_BROADCAST : 0) |
				     (f & IFF_LOOPBACK ? NETCFG_IFF_LOOPBACK : 0) |
				     (f & IFF_POINTOPOINT ? NETCFG_IFF_POINTTOPOINT : 0) |
				     (f & IFF_MULTICAST ? NETCFG_IFF_MULTICAST : 0);
			put_gen(&v[k].address, i->ifa_addr);
			put_gen(&v[k].netmask, i->ifa_netmask);
			if (f & IFF_BROADCAST)
				put_gen(&v[k].broadcast, i->ifa_broadaddr);
			k++;
		}
		if (need)
			memcpy(out, v, need);
		*returned = need;
	}
	free(v);
	freeifaddrs(all);
	return wsa;
}

/* A netlink socket that hears of the kernel's changes of one kind. */
static int netlink_open(uint32_t code, int *wsa)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	sa.nl_groups = code == NETCFG_SIO_ADDRESS_LIST_CHANGE
		       ? RTMGRP_IPV4_IFADDR
		       : RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_LINK;
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
	if (s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0)
		return s;
	*wsa = netcfg_wsa_from_errno(errno);
	if (s >= 0)
		close(s);
	return -1;
}

/* Read what the kernel said; whether it said anything (an overflow counts). */
static bool netlink_drain(int s)
{
	char buf[8192];
	bool heard = false;
	for (;;) {
		ssize_t r = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (r > 0 || (r < 0 && errno == ENOBUFS))
			heard = true;
		else if (r < 0 && errno == EINTR)
			continue;
		else
			return heard;
	}
}

/* ---- queries -------------------------------------------------------- */

/* The answer of the QUERY that goes with code (a CHANGE or QUERY ioctl);
 * h: the daemon, for IPv6. */
static void ask(netcfg_t *h, int family, uint32_t code, const struct sockaddr_storage *target,
		struct answer *a)
{
	memset(a, 0, sizeof(*a));
	bool list = code == NETCFG_SIO_ADDRESS_LIST_QUERY || code == NETCFG_SIO_ADDRESS_LIST_CHANGE;
	if (family == AF_INET6 && list)
		list6(h, a);
	else if (family == AF_INET6)
		route6(h, (const struct sockaddr_in6 *)target, a);
	else if (list)
		list4(a);
	else
		route4((const struct sockaddr_in *)target, a);
}

/* The destination of a ROUTING_INTERFACE ioctl; *any: the wildcard. */
static int read_target(int family, const void *in, size_t in_len, struct sockaddr_storage *t,
		       bool *any)
{
	sa_family_t f;
	memset(t, 0, sizeof(*t));
	if (!in || in_len < sizeof(f))
		return NETCFG_WSAEFAULT;
	memcpy(&f, in, sizeof(f));
	if (f != family)
		return NETCFG_WSAEINVAL;
	if (in_len < sockaddr_size(family))
		return NETCFG_WSAEFAULT;
	memcpy(t, in, sockaddr_size(family));
	if (family == AF_INET6)
		*any = IN6_IS_ADDR_UNSPECIFIED(&((struct sockaddr_in6 *)t)->sin6_addr);
	else
		*any = ((struct sockaddr_in *)t)->sin_addr.s_addr == htonl(INADDR_ANY);
	return 0;
}

static int query(int family, uint32_t code, const void *in, size_t in_len, void *out,
		 size_t out_len, size_t *returned)
{
	struct sockaddr_storage target;
	bool any = false;
	bool route = code == NETCFG_SIO_ROUTING_INTERFACE_QUERY;
	size_t salen = sockaddr_size(family);
	int wsa = route ? read_target(family, in, in_len, &target, &any) : 0;
	if (wsa)
		return wsa;
	/* the size of a route query's answer is known beforehand */
	if (route && (!out || out_len < salen)) {
		*returned = salen;
		return NETCFG_WSAEFAULT;
	}
	netcfg_t *h = NULL;
	if (family == AF_INET6 && !(h = daemon_open()))
		return NETCFG_WSAENETDOWN;
	struct answer a;
	ask(h, family, code, &target, &a);
	netcfg_close(h);
	if ((wsa = a.wsa))
		goto out;
	if (route) {
		memcpy(out, a.bytes, a.len);
		*returned = a.len;
		goto out;
	}
	size_t need = NETCFG_SOCKET_ADDRESS_LIST_SIZE(a.n, salen);
	*returned = need;
	if (!out || out_len < need) {
		wsa = NETCFG_WSAEFAULT;
		goto out;
	}
	/* built aligned, copied into the caller's buffer, which may not be */
	struct netcfg_socket_address_list *l = calloc(1, need > sizeof(*l) ? need : sizeof(*l));
	if (!l) {
		wsa = NETCFG_WSAENOBUFS;
		goto out;
	}
	size_t off = offsetof(struct netcfg_socket_address_list, address) +
		     a.n * sizeof(struct netcfg_socket_address);
	l->count = (int)a.n;
	if (a.len)
		memcpy((char *)l + off, a.bytes, a.len);
	for (size_t i = 0; i < a.n; i++) {
		l->address[i].sockaddr = (struct sockaddr *)((char *)out + off + i * salen);
		l->address[i].length = (int)salen;
	}
	memcpy(out, l, need);
	free(l);
out:
	answer_free(&a);
	return wsa;
}

/* ---- change requests ------------------------------------------------ */

struct sio_reg {
	struct sio_reg *next;
	int fd;
	uint32_t code;                   /* the CHANGE ioctl */
	int family;
	struct sockaddr_storage target;  /* ROUTING_INTERFACE_CHANGE: the destination */
	bool any;                        /* every change counts */
	unsigned kind;                   /* NETCFG_EVENTS_* it waits for (IPv6) */
	struct netcfg_events since;      /* IPv6: the generations of the answer */
	int nl;                          /* IPv4: the kernel's news, else -1 */
	struct answer answer;            /* what the QUERY said at registration */
};

static void reg_free(struct sio_reg *r)
{
	if (!r)
		return;
	if (r->nl >= 0)
		close(r->nl);
	answer_free(&r->answer);
	free(r);
}

/* A new request; the generations are read before the answer, so a change
 * in between shows as one. */
static int reg_new(netcfg_t *h, int fd, uint32_t code, int family,
		   const struct sockaddr_storage *target, bool any, struct sio_reg **out)
{
	struct sio_reg *r = calloc(1, sizeof(*r));
	int wsa = 0;
	if (!r)
		return NETCFG_WSAENOBUFS;
	r->fd = fd;
	r->code = code;
	r->family = family;
	r->target = *target;
	r->any = any;
	r->nl = -1;
	r->kind = code == NETCFG_SIO_ADDRESS_LIST_CHANGE ? NETCFG_EVENTS_ADDRESS : NETCFG_EVENTS_ROUTE;
	if (family == AF_INET6 && netcfg_events_get(h, &r->since) != NETCFG_OK)
		wsa = NETCFG_WSAENETDOWN;
	else if (family == AF_INET)
		r->nl = netlink_open(code, &wsa);
	if (!wsa && !any)
		ask(h, family, code, target, &r->answer);
	if (wsa) {
		reg_free(r);
		return wsa;
	}
	*out = r;
	return 0;
}

static bool gens_moved(const struct sio_reg *r, const struct netcfg_events *g)
{
	if (g->epoch != r->since.epoch)
		return true;
	return r->kind == NETCFG_EVENTS_ADDRESS ? g->address != r->since.address
						 : g->route != r->since.route;
}

/* Something happened (at generations g, for IPv6): did the answer change?
 * If not, the request goes on from g. */
static bool answer_changed(netcfg_t *h, struct sio_reg *r, const struct netcfg_events *g)
{
	if (r->any)
		return true;
	struct answer now;
	ask(h, r->family, r->code, &r->target, &now);
	bool changed = !answer_equal(&now, &r->answer);
	answer_free(&now);
	if (!changed && g)
		r->since = *g;
	return changed;
}

/* Without waiting: 0 and *changed, or a Winsock code. */
static int reg_poll(netcfg_t *h, struct sio_reg *r, bool *changed)
{
	*changed = false;
	if (r->family == AF_INET) {
		*changed = netlink_drain(r->nl) && answer_changed(h, r, NULL);
		return 0;
	}
	struct netcfg_events g;
	if (netcfg_events_get(h, &g) != NETCFG_OK)
		return NETCFG_WSAENETDOWN;
	*changed = gens_moved(r, &g) && answer_changed(h, r, &g);
	return 0;
}

/* Block until the answer changes: 0, or a Winsock code. */
static int reg_wait(netcfg_t *h, struct sio_reg *r)
{
	for (;;) {
		if (r->family == AF_INET) {
			struct pollfd p = { .fd = r->nl, .events = POLLIN };
			if (poll(&p, 1, -1) < 0) {
				if (errno == EINTR)
					continue;
				return netcfg_wsa_from_errno(errno);
			}
			if (netlink_drain(r->nl) && answer_changed(h, r, NULL))
				return 0;
			continue;
		}
		struct netcfg_events g;
		if (netcfg_events_wait(h, r->kind, &r->since, -1, &g) != NETCFG_OK)
			return NETCFG_WSAENETDOWN;
		if (g.changed && answer_changed(h, r, &g))
			return 0;
	}
}

/* Take the registration of (fd, code) out of the list. */
static struct sio_reg *reg_take(struct sio_state *s, int fd, uint32_t code)
{
	struct sio_reg *r = NULL;
	pthread_mutex_lock(&s->lock);
	for (struct sio_reg **pp = &s->regs; *pp; pp = &(*pp)->next) {
		if ((*pp)->fd == fd && (*pp)->code == code) {
			r = *pp;
			*pp = r->next;
			r->next = NULL;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	return r;
}

static void reg_put(struct sio_state *s, struct sio_reg *r)
{
	pthread_mutex_lock(&s->lock);
	r->next = s->regs;
	s->regs = r;
	pthread_mutex_unlock(&s->lock);
}

static int change(struct sio_state *s, int fd, int family, uint32_t code, const void *in,
		  size_t in_len)
{
	struct sockaddr_storage target = { 0 };
	bool any = false;   /* an address list is always compared */
	int wsa = code == NETCFG_SIO_ROUTING_INTERFACE_CHANGE
		  ? read_target(family, in, in_len, &target, &any) : 0;
	if (wsa)
		return wsa;
	int fl = fcntl(fd, F_GETFL);
	bool nonblocking = fl >= 0 && (fl & O_NONBLOCK);
	netcfg_t *h = NULL;
	if (family == AF_INET6 && !(h = daemon_open()))
		return NETCFG_WSAENETDOWN;
	struct sio_reg *r = reg_take(s, fd, code);
	/* asked about another destination: that is a new request */
	if (r && (r->any != any ||
		  (!any && memcmp(&r->target, &target, sockaddr_size(family)) != 0))) {
		reg_free(r);
		r = NULL;
	}
	bool changed = false;
	if (!r)
		wsa = reg_new(h, fd, code, family, &target, any, &r);
	else
		wsa = reg_poll(h, r, &changed);
	if (!wsa && !changed) {
		if (nonblocking) {
			reg_put(s, r);
			r = NULL;
			wsa = NETCFG_WSAEWOULDBLOCK;
		} else {
			wsa = reg_wait(h, r);
		}
	}
	reg_free(r);
	netcfg_close(h);
	return wsa;
}

/* ---- the ioctl ------------------------------------------------------ */

void sio_init(struct sio_state *s)
{
	pthread_mutex_init(&s->lock, NULL);
	s->regs = NULL;
}

void sio_free(struct sio_state *s)
{
	while (s->regs) {
		struct sio_reg *r = s->regs;
		s->regs = r->next;
		reg_free(r);
	}
	pthread_mutex_destroy(&s->lock);
}

void sio_forget(struct sio_state *s, int fd)
{
	pthread_mutex_lock(&s->lock);
	for (struct sio_reg **pp = &s->regs; *pp;) {
		struct sio_reg *r = *pp;
		if (r->fd == fd) {
			*pp = r->next;
			reg_free(r);
		} else {
			pp = &r->next;
		}
	}
	pthread_mutex_unlock(&s->lock);
}

bool sio_handles(uint32_t code)
{
	switch (code) {
	case NETCFG_SIO_GET_BROADCAST_ADDRESS:
	case NETCFG_SIO_ROUTING_INTERFACE_QUERY:
	case NETCFG_SIO_ROUTING_INTERFACE_CHANGE:
	case NETCFG_SIO_ADDRESS_LIST_QUERY:
	case NETCFG_SIO_ADDRESS_LIST_CHANGE:
	case NETCFG_SIO_GET_INTERFACE_LIST:
		return true;
	default:
		return false;
	}
}

int sio_ioctl(struct sio_state *s, int fd, uint32_t code, const void *in, size_t in_len,
	      void *out, size_t out_len, size_t *returned, int *err)
{
	int family = 0, type = 0, wsa;
	socklen_t len = sizeof(family);
	*returned = 0;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0) {
		*err = netcfg_wsa_from_errno(errno);
		return -1;
	}
	if (family != AF_INET && family != AF_INET6) {
		*err = NETCFG_WSAEOPNOTSUPP;
		return -1;
	}
	switch (code) {
	case NETCFG_SIO_GET_BROADCAST_ADDRESS: {
		len = sizeof(type);
		getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
		/* IPv6 has no broadcast, nor do stream sockets */
		if (family != AF_INET || type == SOCK_STREAM) {
			wsa = NETCFG_WSAENOPROTOOPT;
			break;
		}
		struct sockaddr_in b = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_BROADCAST) };
		*returned = sizeof(b);
		wsa = !out || out_len < sizeof(b) ? NETCFG_WSAEFAULT : 0;
		if (!wsa)
			memcpy(out, &b, sizeof(b));
		break;
	}
	case NETCFG_SIO_GET_INTERFACE_LIST:
		wsa = family == AF_INET ? interface_list4(out, out_len, returned) : NETCFG_WSAEINVAL;
		break;
	case NETCFG_SIO_ROUTING_INTERFACE_QUERY:
	case NETCFG_SIO_ADDRESS_LIST_QUERY:
		wsa = query(family, code, in, in_len, out, out_len, returned);
		break;
	default:
		wsa = change(s, fd, family, code, in, in_len);
		break;
	}
	if (wsa) {
		*err = wsa;
		return -1;
	}
	return 0;
}
