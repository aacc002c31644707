/* SPDX-License-Identifier: MIT */
/* paths.c - socket and state directory resolution. */
#include "paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fit(size_t size, int n)
{
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

static const char *home(void)
{
	const char *h = getenv("HOME");
	return (h && *h) ? h : "/tmp";
}

int netcfg_default_socket(char *buf, size_t size)
{
	const char *e = getenv("NETCFG_SOCKET");
	if (e && *e)
		return fit(size, snprintf(buf, size, "%s", e));
	if (geteuid() == 0)
		return fit(size, snprintf(buf, size, "/run/netcfg/stackd.sock"));
	e = getenv("XDG_RUNTIME_DIR");
	if (e && *e)
		return fit(size, snprintf(buf, size, "%s/netcfg/stackd.sock", e));
	return fit(size, snprintf(buf, size, "%s/.local/state/netcfg/stackd.sock", home()));
}

int netcfg_default_state_dir(char *buf, size_t size)
{
	const char *e = getenv("NETCFG_STATE_DIR");
	if (e && *e)
		return fit(size, snprintf(buf, size, "%s", e));
	if (geteuid() == 0)
		return fit(size, snprintf(buf, size, "/var/lib/netcfg"));
	e = getenv("XDG_STATE_HOME");
	if (e && *e)
		return fit(size, snprintf(buf, size, "%s/netcfg", e));
	return fit(size, snprintf(buf, size, "%s/.local/state/netcfg", home()));
}

int netcfg_mkdir_p(const char *dir, unsigned mode)
{
	char tmp[4096];
	if (fit(sizeof(tmp), snprintf(tmp, sizeof(tmp), "%s", dir)))
		return -1;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int netcfg_mkdir_parent(const char *path)
{
	char tmp[4096];
	if (fit(sizeof(tmp), snprintf(tmp, sizeof(tmp), "%s", path)))
		return -1;
	char *slash = strrchr(tmp, '/');
	if (!slash || slash == tmp)
		return 0;
	*slash = '\0';
	return netcfg_mkdir_p(tmp, geteuid() == 0 ? 0755 : 0700);
}
