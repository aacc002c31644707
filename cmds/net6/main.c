/* SPDX-License-Identifier: MIT */
/*
 * net6 - start and stop the IPv6 stack: the seeds' `net start tcpip6` and
 * `net stop tcpip6`, under a name that does not clash with Samba's net.
 *
 * Stopping takes the stack down inside the daemon (it refuses while other
 * clients hold the stack: see stackd(8)); starting rebuilds the default
 * stack and replays the persistent configuration, as at boot, so what
 * netsh made persistent comes back and everything else is gone.  With no
 * daemon running, start starts one.
 */
#include <netcfg/netcfg.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SERVICE "tcpip6"

#define EXIT_REFUSED 1
#define EXIT_USAGE 2
#define EXIT_NODAEMON 3

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: net6 start [tcpip6]\n"
		"       net6 stop tcpip6\n"
		"\n"
		"  start          list the started services\n"
		"  start tcpip6   start the IPv6 stack (and the stack daemon if none runs);\n"
		"                 the persistent configuration is applied again\n"
		"  stop tcpip6    stop the IPv6 stack; refused while other programs hold it\n"
		"\n"
		"Exit status: 0 ok, 1 refused (already started, not started, in use),\n"
		"2 usage error, 3 no stack daemon.  See net6(8).\n");
}

/* The daemon if one runs; never starts one. */
static netcfg_t *running_daemon(void)
{
	netcfg_t *h;
	if (netcfg_open(&h, NETCFG_OPEN_NO_AUTOSTART | NETCFG_OPEN_QUIET, NULL, 0) != NETCFG_OK)
		return NULL;
	return h;
}

static int list_started(void)
{
	netcfg_t *h = running_daemon();
	struct netcfg_stack_status st = { .running = false };
	if (h && netcfg_stack_status(h, &st) != NETCFG_OK) {
		fprintf(stderr, "net6: %s\n", netcfg_error(h));
		netcfg_close(h);
		return EXIT_NODAEMON;
	}
	netcfg_close(h);
	if (!st.running) {
		printf("No services are started.\n");
		return 0;
	}
	printf("These services are started:\n\n   %s\n\nThe command completed successfully.\n", SERVICE);
	return 0;
}

static int start(void)
{
	char err[512];
	netcfg_t *h = running_daemon();
	if (!h) {
		/* no daemon: starting one builds the stack and replays the store */
		if (netcfg_open(&h, NETCFG_OPEN_QUIET, err, sizeof(err)) != NETCFG_OK) {
			fprintf(stderr, "net6: start %s: %s\n", SERVICE, err);
			return EXIT_NODAEMON;
		}
	} else if (netcfg_stack_start(h) != NETCFG_OK) {
		int st = netcfg_last_status(h);
		if (st == NETCFG_EEXIST)
			fprintf(stderr, "The requested service has already been started.\n");
		else
			fprintf(stderr, "net6: start %s: %s\n", SERVICE, netcfg_error(h));
		netcfg_close(h);
		return st == NETCFG_ENODAEMON ? EXIT_NODAEMON : EXIT_REFUSED;
	}
	netcfg_close(h);
	printf("The %s service is starting.\nThe %s service was started successfully.\n",
	       SERVICE, SERVICE);
	return 0;
}

static int stop(void)
{
	netcfg_t *h = running_daemon();
	if (!h) {
		fprintf(stderr, "The %s service is not started.\n", SERVICE);
		return EXIT_REFUSED;
	}
	int rc = netcfg_stack_stop(h);
	if (rc == NETCFG_OK) {
		printf("The %s service is stopping.\nThe %s service was stopped successfully.\n",
		       SERVICE, SERVICE);
	} else if (rc == NETCFG_ENOENT) {
		fprintf(stderr, "The %s service is not started.\n", SERVICE);
	} else {
		fprintf(stderr, "The %s service could not be stopped: %s.\n", SERVICE, netcfg_error(h));
	}
	netcfg_close(h);
	return rc == NETCFG_OK ? 0 : rc == NETCFG_ENODAEMON ? EXIT_NODAEMON : EXIT_REFUSED;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *verb = argv[1];
	if (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0 || strcmp(verb, "/?") == 0 ||
	    strcasecmp(verb, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(verb, "-V") == 0 || strcmp(verb, "--version") == 0) {
		printf("net6 (netcfg) %s\n", NETCFG_VERSION);
		return 0;
	}
	bool is_start = strcasecmp(verb, "start") == 0, is_stop = strcasecmp(verb, "stop") == 0;
	if (!is_start && !is_stop) {
		fprintf(stderr, "net6: unknown command \"%s\" (start or stop; see net6 --help)\n", verb);
		return EXIT_USAGE;
	}
	if (argc == 2 && is_start)
		return list_started();
	if (argc != 3) {
		fprintf(stderr, "net6: %s takes one service name: %s\n", verb, SERVICE);
		return EXIT_USAGE;
	}
	if (strcasecmp(argv[2], SERVICE) != 0) {
		fprintf(stderr, "net6: the service name \"%s\" is invalid (the only service is %s)\n",
			argv[2], SERVICE);
		return EXIT_USAGE;
	}
	int rc = is_start ? start() : stop();
	if (fflush(stdout) != 0 && rc == 0) {
		perror("net6: standard output");
		rc = EXIT_REFUSED;
	}
	return rc;
}
