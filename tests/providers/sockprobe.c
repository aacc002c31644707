/* SPDX-License-Identifier: MIT */
/*
 * sockprobe - a small socket program for the catalog tests, run under
 * `catalog run`:
 *
 *   sockprobe echo [4|6]        listen, connect, send, accept, receive on loopback
 *   sockprobe socket AF TYPE P  create one socket (AF: inet, inet6 or a number)
 *   sockprobe ext               SIO_GET_EXTENSION_FUNCTION_POINTER, then ConnectEx
 *
 * It prints what happened, one line per step, and exits 0 when the steps
 * ran (their results are in the output).
 */
#include <netcfg/netcfg.h>
#include <netcfg/provider.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RECORDER_CALLS \
	{ 0x5245434f, 0x5244, 0x4552, { 0x80, 0x00, 0x63, 0x61, 0x6c, 0x6c, 0x73, 0x01 } }
#define RECORDER_RDMA_READ \
	{ 0x5245434f, 0x5244, 0x4552, { 0x80, 0x00, 0x72, 0x64, 0x6d, 0x61, 0x72, 0x64 } }

static int die(const char *what)
{
	printf("%s failed: %s\n", what, strerror(errno));
	return 1;
}

/* A listener on loopback; its address in sa. */
static int listener(int family, struct sockaddr_storage *sa, socklen_t *len)
{
	int l = socket(family, SOCK_STREAM, 0);
	if (l < 0)
		return -1;
	memset(sa, 0, sizeof(*sa));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s = (void *)sa;
		s->sin6_family = AF_INET6;
		s->sin6_addr = in6addr_loopback;
		*len = sizeof(*s);
	} else {
		struct sockaddr_in *s = (void *)sa;
		s->sin_family = AF_INET;
		s->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(*s);
	}
	if (bind(l, (void *)sa, *len) < 0 || listen(l, 4) < 0 || getsockname(l, (void *)sa, len) < 0) {
		close(l);
		return -1;
	}
	return l;
}

static int echo(int family)
{
	struct sockaddr_storage sa;
	socklen_t len;
	char buf[16] = "";
	int l = listener(family, &sa, &len);
	if (l < 0)
		return die("listen");
	int c = socket(family, SOCK_STREAM, IPPROTO_TCP);
	if (c < 0 || connect(c, (void *)&sa, len) < 0)
		return die("connect");
	int a = accept(l, NULL, NULL);
	if (a < 0 || send(c, "ping", 4, 0) != 4 || recv(a, buf, sizeof(buf) - 1, 0) != 4 ||
	    write(a, "pong", 4) != 4 || read(c, buf, sizeof(buf) - 1) != 4)
		return die("exchange");
	close(a);
	close(c);
	close(l);
	printf("echo ok %s\n", buf);
	return 0;
}

static int one_socket(const char *af, const char *type, const char *proto)
{
	int f = strcmp(af, "inet") == 0 ? AF_INET : strcmp(af, "inet6") == 0 ? AF_INET6 : atoi(af);
	int s = socket(f, atoi(type), atoi(proto));
	if (s < 0) {
		printf("socket failed: %s\n", strerror(errno));
		return 0;
	}
	printf("socket ok\n");
	close(s);
	return 0;
}

static int ext(void)
{
	static const struct netcfg_guid connect_id = NETCFG_WSAID_CONNECTEX,
		unknown = { 0x12345678, 0x9abc, 0xdef0, { 1, 2, 3, 4, 5, 6, 7, 8 } },
		calls = RECORDER_CALLS, rdma = RECORDER_RDMA_READ,
		packets = NETCFG_WSAID_TRANSMITPACKETS;
	netcfg_connectex_fn *cx = NULL;
	void (*fn)(void) = NULL;
	size_t got = 0;
	char small[2];
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return die("socket");
	int rc = netcfg_socket_extension(s, &connect_id, &cx, sizeof(cx), &got);
	printf("connectex %d %zu%s\n", rc, got, rc == 0 && cx ? " non-null" : "");
	printf("small %d\n", netcfg_socket_extension(s, &connect_id, small, sizeof(small), &got));
	printf("unknown %d\n", netcfg_socket_extension(s, &unknown, &fn, sizeof(fn), &got));
	printf("transmitpackets %d\n", netcfg_socket_extension(s, &packets, &fn, sizeof(fn), &got));
	printf("rdma %d\n", netcfg_socket_extension(s, &rdma, &fn, sizeof(fn), &got));
	unsigned (*count)(void) = NULL;
	rc = netcfg_socket_extension(s, &calls, &count, sizeof(count), &got);
	printf("calls %d%s\n", rc, rc == 0 && count && count() > 0 ? " counted" : "");
	if (!cx)
		return 0;
	struct sockaddr_storage sa;
	socklen_t len;
	char buf[16] = "";
	int l = listener(AF_INET, &sa, &len), err = 0;
	size_t sent = 0;
	if (l < 0)
		return die("listen");
	if (cx(s, (void *)&sa, len, "hello", 5, &sent, &err) < 0) {
		printf("connectex-call error %d\n", err);
		return 0;
	}
	int a = accept(l, NULL, NULL);
	if (a < 0 || recv(a, buf, 5, MSG_WAITALL) != 5)
		return die("accept");
	printf("connectex-call ok %zu %s\n", sent, buf);
	close(a);
	close(l);
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && strcmp(argv[1], "echo") == 0)
		return echo(argc > 2 && strcmp(argv[2], "6") == 0 ? AF_INET6 : AF_INET);
	if (argc == 5 && strcmp(argv[1], "socket") == 0)
		return one_socket(argv[2], argv[3], argv[4]);
	if (argc == 2 && strcmp(argv[1], "ext") == 0)
		return ext();
	fprintf(stderr, "usage: sockprobe echo [4|6] | socket AF TYPE PROTO | ext\n");
	return 2;
}
