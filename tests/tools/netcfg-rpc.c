/* SPDX-License-Identifier: MIT */
/*
 * netcfg-rpc - speak the stackd protocol by hand (tests and debugging).
 *
 *   netcfg-rpc OP [ARGS-JSON]      send one request, print the reply,
 *                                  exit with the reply's status
 *   netcfg-rpc --raw TEXT          send TEXT as one frame's payload
 *   netcfg-rpc --header N [TEXT]   send a frame header claiming N bytes,
 *                                  then TEXT, and print what comes back
 *   netcfg-rpc --hold SECONDS      connect and keep the connection open
 *   netcfg-rpc --pipeline OP ARGS [OP ARGS...]
 *                                  send every request at once (ids 1, 2,
 *                                  ...), then print the replies as they
 *                                  come; exit with the last one's status
 *   netcfg-rpc --wait SECONDS      retry daemon.info until it answers
 *
 * The socket is $NETCFG_SOCKET.  Nothing is ever auto-started.
 */
#include "../../libnetcfg/frame.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int connect_socket(void)
{
	const char *path = getenv("NETCFG_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (!path || strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "netcfg-rpc: set NETCFG_SOCKET\n");
		return -1;
	}
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Print one reply; returns its status (or 100 when unreadable). */
static int print_reply(int fd)
{
	char *buf;
	size_t len;
	if (frame_recv(fd, &buf, &len, FRAME_MAX_REPLY) < 0) {
		fprintf(stderr, "netcfg-rpc: no reply: %s\n", strerror(errno));
		return 100;
	}
	printf("%s\n", buf);
	const char *st = strstr(buf, "\"status\":");
	int status = st ? atoi(st + 9) : 100;
	free(buf);
	return status;
}

static int send_request_id(int fd, int id, const char *op, const char *args)
{
	char head[256];
	int n = snprintf(head, sizeof(head), "{\"id\":%d,\"op\":\"%s\",\"args\":", id, op);
	if (n < 0 || (size_t)n >= sizeof(head))
		return -1;
	return frame_send(fd, head, (size_t)n, args, strlen(args), "}", 1);
}

static int send_request(int fd, const char *op, const char *args)
{
	return send_request_id(fd, 1, op, args);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: netcfg-rpc OP [ARGS-JSON] | --raw TEXT | --header N [TEXT] | "
			"--hold SECONDS | --wait SECONDS | --pipeline OP ARGS [OP ARGS...]\n");
		return 2;
	}
	if (strcmp(argv[1], "--wait") == 0 && argc == 3) {
		double limit = atof(argv[2]);
		for (double t = 0; t < limit; t += 0.05) {
			int fd = connect_socket();
			if (fd >= 0 && send_request(fd, "daemon.info", "{}") == 0 && print_reply(fd) == 0) {
				close(fd);
				return 0;
			}
			if (fd >= 0)
				close(fd);
			struct timespec ts = { 0, 50 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		fprintf(stderr, "netcfg-rpc: no daemon answered within %s s\n", argv[2]);
		return 1;
	}
	int fd = connect_socket();
	if (fd < 0) {
		fprintf(stderr, "netcfg-rpc: cannot connect: %s\n", strerror(errno));
		return 1;
	}
	if (strcmp(argv[1], "--hold") == 0 && argc == 3) {
		printf("connected\n");
		fflush(stdout);
		sleep((unsigned)atoi(argv[2]));
		return 0;
	}
	if (strcmp(argv[1], "--pipeline") == 0 && argc >= 4 && argc % 2 == 0) {
		int status = 0;
		for (int i = 2; i < argc; i += 2)
			if (send_request_id(fd, i / 2, argv[i], argv[i + 1]) < 0)
				return 1;
		for (int i = 2; i < argc; i += 2)
			status = print_reply(fd);
		return status;
	}
	if (strcmp(argv[1], "--raw") == 0 && argc == 3) {
		if (frame_send(fd, argv[2], strlen(argv[2]), NULL, 0, NULL, 0) < 0)
			return 1;
		return print_reply(fd);
	}
	if (strcmp(argv[1], "--header") == 0 && argc >= 3) {
		unsigned char hdr[FRAME_HEADER];
		frame_put_len(hdr, (uint32_t)strtoul(argv[2], NULL, 10));
		if (write(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr))
			return 1;
		/* the daemon may refuse the header and hang up before the rest
		 * arrives; its reply is what this mode is about */
		if (argc >= 4 && send(fd, argv[3], strlen(argv[3]), MSG_NOSIGNAL) < 0 && errno != EPIPE)
			return 1;
		return print_reply(fd);
	}
	if (send_request(fd, argv[1], argc >= 3 ? argv[2] : "{}") < 0) {
		fprintf(stderr, "netcfg-rpc: send: %s\n", strerror(errno));
		return 1;
	}
	return print_reply(fd);
}
