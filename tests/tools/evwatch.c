/* SPDX-License-Identifier: MIT */
/*
 * evwatch - watch the daemon's change generations through libnetcfg
 * (netcfg_events_get, netcfg_events_wait), for the tests:
 *
 *   evwatch [-k KINDS] [-t MS] [-n COUNT]
 *
 * KINDS: address, route, address,route (the default) or a number (the
 * mask, passed as it is).  It prints "now address=A route=R", then waits
 * COUNT times (default 1) from the generations it last saw, each wait at
 * most MS milliseconds (default: no limit), printing "changed KINDS ..."
 * or "timeout ...".  Failures: "error STATUS: message", exit status 1.
 */
#include <netcfg/netcfg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(netcfg_t *h, int rc)
{
	printf("error %d: %s\n", rc, netcfg_error(h));
	netcfg_close(h);
	return 1;
}

static unsigned parse_kinds(char *s)
{
	if (s[0] >= '0' && s[0] <= '9')
		return (unsigned)strtoul(s, NULL, 0);
	unsigned mask = 0;
	for (char *k = strtok(s, ","); k; k = strtok(NULL, ","))
		mask |= strcmp(k, "address") == 0 ? NETCFG_EVENTS_ADDRESS
			: strcmp(k, "route") == 0 ? NETCFG_EVENTS_ROUTE : 0x80000000u;
	return mask;
}

int main(int argc, char **argv)
{
	unsigned kinds = 0;
	int timeout = -1, count = 1, c;
	while ((c = getopt(argc, argv, "k:t:n:")) != -1) {
		switch (c) {
		case 'k': kinds = parse_kinds(optarg); break;
		case 't': timeout = atoi(optarg); break;
		case 'n': count = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: evwatch [-k KINDS] [-t MS] [-n COUNT]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	netcfg_t *h;
	char err[256];
	if (netcfg_open(&h, NETCFG_OPEN_NO_AUTOSTART, err, sizeof(err)) != NETCFG_OK) {
		printf("error: %s\n", err);
		return 1;
	}
	struct netcfg_events seen, now;
	int rc = netcfg_events_get(h, &seen);
	if (rc)
		return fail(h, rc);
	printf("now address=%llu route=%llu\n", (unsigned long long)seen.address,
	       (unsigned long long)seen.route);
	for (int i = 0; i < count; i++) {
		if ((rc = netcfg_events_wait(h, kinds, &seen, timeout, &now)))
			return fail(h, rc);
		char names[32] = "";
		for (unsigned bit = 1; bit & NETCFG_EVENTS_ALL; bit <<= 1)
			if (now.changed & bit)
				snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
					 names[0] ? "," : "", netcfg_events_kind_name(bit));
		printf("%s%s%s address=%llu route=%llu\n", now.changed ? "changed" : "timeout",
		       now.changed ? " " : "", names, (unsigned long long)now.address,
		       (unsigned long long)now.route);
		seen = now;
	}
	netcfg_close(h);
	return 0;
}
