/* SPDX-License-Identifier: MIT */
/*
 * sioprobe - the stack's Winsock ioctls through netcfg_socket_ioctl(), for
 * the tests (run under `catalog run`; scenario J of the seeds):
 *
 *   sioprobe route ADDR [OUTLEN]     SIO_ROUTING_INTERFACE_QUERY
 *   sioprobe list 4|6 [OUTLEN]       SIO_ADDRESS_LIST_QUERY
 *   sioprobe addrchange CMD...       non-blocking SIO_ADDRESS_LIST_CHANGE:
 *                                    register, poll, then run each CMD and
 *                                    poll after it; the list at the end
 *   sioprobe addrwait CMD            register non-blocking, then wait on a
 *                                    blocking socket while a child runs CMD
 *   sioprobe routewait ADDR          blocking SIO_ROUTING_INTERFACE_CHANGE
 *                                    (prints "waiting" first), then a query
 *   sioprobe routepoll ADDR CMD      non-blocking SIO_ROUTING_INTERFACE_CHANGE
 *                                    around CMD
 *   sioprobe iflist [OUTLEN]         SIO_GET_INTERFACE_LIST on AF_INET
 *   sioprobe broadcast 4|6           SIO_GET_BROADCAST_ADDRESS on a UDP socket
 *   sioprobe code HEX                any other code, on an AF_INET6 socket
 *
 * Each step prints one line "<step> <Winsock code> ...".  A watchdog ends
 * the program after 30 seconds, so a wait that never ends fails the test.
 */
#include <netcfg/netcfg.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int open_socket(int family)
{
	int s = socket(family, SOCK_DGRAM, 0);
	if (s < 0) {
		printf("socket failed: %s\n", strerror(errno));
		exit(1);
	}
	return s;
}

static int set_nonblocking(int s, uint32_t on)
{
	size_t got;
	return netcfg_socket_ioctl(s, NETCFG_FIONBIO, &on, sizeof(on), NULL, 0, &got);
}

static const char *format(const struct sockaddr *sa, char *buf, size_t size)
{
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;
		char a[INET6_ADDRSTRLEN];
		inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
		if (s6->sin6_scope_id)
			snprintf(buf, size, "%s%%%u", a, s6->sin6_scope_id);
		else
			snprintf(buf, size, "%s", a);
	} else if (sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
			  (socklen_t)size);
	} else {
		snprintf(buf, size, "family-%d", sa->sa_family);
	}
	return buf;
}

/* ADDR as a sockaddr of its family ("fe80::1%4" gives the scope). */
static int parse(const char *text, struct sockaddr_storage *ss)
{
	char a[INET6_ADDRSTRLEN + 16];
	memset(ss, 0, sizeof(*ss));
	snprintf(a, sizeof(a), "%s", text);
	if (strchr(a, ':')) {
		struct sockaddr_in6 *s6 = (void *)ss;
		char *pct = strchr(a, '%');
		s6->sin6_family = AF_INET6;
		if (pct) {
			*pct = '\0';
			s6->sin6_scope_id = (uint32_t)atoi(pct + 1);
		}
		if (inet_pton(AF_INET6, a, &s6->sin6_addr) != 1)
			return -1;
		return AF_INET6;
	}
	struct sockaddr_in *s4 = (void *)ss;
	s4->sin_family = AF_INET;
	return inet_pton(AF_INET, a, &s4->sin_addr) == 1 ? AF_INET : -1;
}

static size_t salen(int family)
{
	return family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

/* One SIO_ROUTING_INTERFACE_QUERY on s: "<step> RC RETURNED [ADDR]". */
static void route_query(const char *step, int s, const struct sockaddr_storage *dst, int family,
			size_t out_len)
{
	union {
		struct sockaddr_storage ss;
		char bytes[512];
	} out;
	char buf[128];
	size_t got = 0;
	memset(&out, 0, sizeof(out));
	int rc = netcfg_socket_ioctl(s, NETCFG_SIO_ROUTING_INTERFACE_QUERY, dst, salen(family),
				     &out, out_len, &got);
	printf("%s %d %zu%s%s\n", step, rc, got, rc ? "" : " ",
	       rc ? "" : format((struct sockaddr *)&out.ss, buf, sizeof(buf)));
}

static int route(const char *addr, const char *out_len)
{
	struct sockaddr_storage dst;
	int family = parse(addr, &dst);
	if (family < 0) {
		printf("bad address %s\n", addr);
		return 2;
	}
	int s = open_socket(family);
	route_query("route", s, &dst, family,
		    out_len ? (size_t)atoi(out_len) : sizeof(struct sockaddr_storage));
	close(s);
	return 0;
}

/* One SIO_ADDRESS_LIST_QUERY: "list RC RETURNED COUNT", then the addresses. */
static void list_query(int s, size_t out_len)
{
	char *out = calloc(1, out_len + 1), buf[128];
	size_t got = 0;
	int rc = netcfg_socket_ioctl(s, NETCFG_SIO_ADDRESS_LIST_QUERY, NULL, 0, out, out_len, &got);
	if (rc) {
		printf("list %d %zu\n", rc, got);
		free(out);
		return;
	}
	const struct netcfg_socket_address_list *l = (const void *)out;
	printf("list %d %zu %d\n", rc, got, l->count);
	for (int i = 0; i < l->count; i++) {
		const char *p = (const char *)l->address[i].sockaddr;
		bool inside = p >= out && p + l->address[i].length <= out + got;
		printf("  %s%s\n", inside ? format(l->address[i].sockaddr, buf, sizeof(buf)) : "?",
		       inside ? "" : " (outside the buffer)");
	}
	free(out);
}

static int list(const char *fam, const char *out_len)
{
	int s = open_socket(strcmp(fam, "4") == 0 ? AF_INET : AF_INET6);
	list_query(s, out_len ? (size_t)atoi(out_len) : 4096);
	close(s);
	return 0;
}

static int change(int s, uint32_t code, const struct sockaddr_storage *in, int family)
{
	size_t got;
	return netcfg_socket_ioctl(s, code, in, in ? salen(family) : 0, NULL, 0, &got);
}

static int run(const char *cmd)
{
	int st = system(cmd);
	printf("ran %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return st;
}

static int addrchange(char **cmds, int n)
{
	int s = open_socket(AF_INET6);
	printf("nonblocking %d\n", set_nonblocking(s, 1));
	printf("change %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	printf("again %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	for (int i = 0; i < n; i++) {
		run(cmds[i]);
		printf("change %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	}
	list_query(s, 4096);
	/* completed: the next call is a new request */
	printf("next %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	close(s);
	return 0;
}

/* A child runs cmd a little later; the caller waits for it. */
static pid_t later(const char *cmd)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(200 * 1000);
		int st = system(cmd);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
	}
	return pid;
}

static int addrwait(const char *cmd)
{
	int s = open_socket(AF_INET6), st;
	set_nonblocking(s, 1);
	printf("registered %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	pid_t pid = later(cmd);
	set_nonblocking(s, 0);
	printf("change %d\n", change(s, NETCFG_SIO_ADDRESS_LIST_CHANGE, NULL, 0));
	waitpid(pid, &st, 0);
	printf("child %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	close(s);
	return 0;
}

static int routewait(const char *addr)
{
	struct sockaddr_storage dst;
	int family = parse(addr, &dst);
	if (family < 0)
		return 2;
	int s = open_socket(family);
	printf("waiting\n");
	fflush(stdout);
	printf("change %d\n", change(s, NETCFG_SIO_ROUTING_INTERFACE_CHANGE, &dst, family));
	route_query("route", s, &dst, family, sizeof(struct sockaddr_storage));
	close(s);
	return 0;
}

static int routepoll(const char *addr, const char *cmd)
{
	struct sockaddr_storage dst;
	int family = parse(addr, &dst);
	if (family < 0)
		return 2;
	int s = open_socket(family);
	set_nonblocking(s, 1);
	printf("change %d\n", change(s, NETCFG_SIO_ROUTING_INTERFACE_CHANGE, &dst, family));
	run(cmd);
	printf("change %d\n", change(s, NETCFG_SIO_ROUTING_INTERFACE_CHANGE, &dst, family));
	close(s);
	return 0;
}

static int iflist(const char *out_len)
{
	int s = open_socket(AF_INET);
	size_t len = out_len ? (size_t)atoi(out_len) : 64 * sizeof(struct netcfg_interface_info);
	struct netcfg_interface_info *v = calloc(1, len + sizeof(*v));
	size_t got = 0;
	char a[64], m[64];
	int rc = netcfg_socket_ioctl(s, NETCFG_SIO_GET_INTERFACE_LIST, NULL, 0, v, len, &got);
	printf("iflist %d %zu %zu %zu\n", rc, got, sizeof(*v), rc ? 0 : got / sizeof(*v));
	for (size_t i = 0; !rc && i < got / sizeof(*v); i++)
		printf("  %s/%s%s%s\n", format((struct sockaddr *)&v[i].address.in, a, sizeof(a)),
		       format((struct sockaddr *)&v[i].netmask.in, m, sizeof(m)),
		       v[i].flags & NETCFG_IFF_UP ? " up" : "",
		       v[i].flags & NETCFG_IFF_LOOPBACK ? " loopback" : "");
	free(v);
	close(s);
	return 0;
}

static int broadcast(const char *fam)
{
	int family = strcmp(fam, "6") == 0 ? AF_INET6 : AF_INET;
	int s = open_socket(family);
	struct sockaddr_storage out;
	char buf[64];
	size_t got = 0;
	memset(&out, 0, sizeof(out));
	int rc = netcfg_socket_ioctl(s, NETCFG_SIO_GET_BROADCAST_ADDRESS, NULL, 0, &out,
				     sizeof(out), &got);
	printf("broadcast %d %zu%s%s\n", rc, got, rc ? "" : " ",
	       rc ? "" : format((struct sockaddr *)&out, buf, sizeof(buf)));
	close(s);
	return 0;
}

static int code(const char *hex)
{
	int s = open_socket(AF_INET6);
	char out[64];
	size_t got = 0;
	printf("code %d\n", netcfg_socket_ioctl(s, (uint32_t)strtoul(hex, NULL, 16), NULL, 0, out,
						sizeof(out), &got));
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(30);
	const char *cmd = argc > 1 ? argv[1] : "";
	if (strcmp(cmd, "route") == 0 && (argc == 3 || argc == 4))
		return route(argv[2], argc == 4 ? argv[3] : NULL);
	if (strcmp(cmd, "list") == 0 && (argc == 3 || argc == 4))
		return list(argv[2], argc == 4 ? argv[3] : NULL);
	if (strcmp(cmd, "addrchange") == 0 && argc >= 3)
		return addrchange(argv + 2, argc - 2);
	if (strcmp(cmd, "addrwait") == 0 && argc == 3)
		return addrwait(argv[2]);
	if (strcmp(cmd, "routewait") == 0 && argc == 3)
		return routewait(argv[2]);
	if (strcmp(cmd, "routepoll") == 0 && argc == 4)
		return routepoll(argv[2], argv[3]);
	if (strcmp(cmd, "iflist") == 0 && argc <= 3)
		return iflist(argc == 3 ? argv[2] : NULL);
	if (strcmp(cmd, "broadcast") == 0 && argc == 3)
		return broadcast(argv[2]);
	if (strcmp(cmd, "code") == 0 && argc == 3)
		return code(argv[2]);
	fprintf(stderr, "usage: sioprobe route ADDR [OUTLEN] | list 4|6 [OUTLEN] | addrchange CMD... | "
		"addrwait CMD | routewait ADDR | routepoll ADDR CMD | iflist [OUTLEN] | "
		"broadcast 4|6 | code HEX\n");
	return 2;
}
