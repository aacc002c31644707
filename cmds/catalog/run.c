/* SPDX-License-Identifier: MIT */
/*
 * run.c - catalog run: start a program with the layered providers that
 * apply to it.  The daemon computes the program's load plan (catalog
 * order, chains, the application's categories); this command puts it in a
 * memfd, preloads the provider loader and executes the program in place,
 * so the program keeps this process's pid, and its children inherit the
 * same plan.  netcfg-provider(7) describes what happens inside.
 */
#include "catalog_tool.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef NETCFG_PRELOADDIR
#define NETCFG_PRELOADDIR "/usr/local/lib/netcfg"
#endif

/* PROGRAM as execvp would find it. */
static int find_program(const char *name, char *out, size_t size)
{
	if (strchr(name, '/')) {
		if (!realpath(name, out) || access(out, X_OK) != 0)
			return -1;
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		char cand[PATH_MAX];
		if (snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, n ? path : ".", name) < (int)sizeof(cand) &&
		    access(cand, X_OK) == 0 && realpath(cand, out) && strlen(out) < size)
			return 0;
		path += n + (path[n] == ':');
	}
	errno = ENOENT;
	return -1;
}

/* $NETCFG_PRELOAD, ../lib/netcfg beside this program, or the configured
 * directory; the 32-bit loader lives in a "32" directory below. */
static int find_loader(unsigned which, char *out, size_t size)
{
	const char *e = getenv("NETCFG_PRELOAD");
	const char *sub = which == 32 ? "32/" : "";
	if (e && *e) {
		snprintf(out, size, "%s", e);
		return access(out, R_OK);
	}
	char self[PATH_MAX], cand[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(cand, sizeof(cand), "%s/../lib/netcfg/%spreload.so", self, sub);
			if (realpath(cand, out) && strlen(out) < size)
				return 0;
		}
	}
	snprintf(out, size, "%s/%spreload.so", NETCFG_PRELOADDIR, sub);
	return access(out, R_OK);
}

int cmd_run(struct tool *t, int argc, char **argv)
{
	const char *app = NULL;
	int i = 0;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "--app") == 0 && i + 1 < argc) {
			app = argv[++i];
		} else if (strcmp(a, "-v") == 0) {
			t->verbose = true;
		} else if (strcmp(a, "--catalog") == 0 && i + 1 < argc) {
			const char *v = argv[++i];
			if (strcmp(v, "32") && strcmp(v, "64"))
				return tool_syntax(t, "--catalog \"%s\": give 32 or 64", v);
			t->mask = netcfg_catalog_bit((unsigned)atoi(v));
		} else if (a[0] == '-') {
			return tool_syntax(t, "unknown option \"%s\" (end the options with --)", a);
		} else {
			break;
		}
	}
	if (t->mask == NETCFG_CATALOG_BOTH)
		return tool_syntax(t, "--catalog both: a program uses one catalog");
	if (i >= argc)
		return tool_syntax(t, "give the PROGRAM to run");
	char prog[PATH_MAX], loader[PATH_MAX];
	if (find_program(argv[i], prog, sizeof(prog)) < 0) {
		fprintf(stderr, "catalog: run: %s: %s\n", argv[i], strerror(errno));
		return 127;
	}
	/* a program uses the catalog of its kind, as on 64-bit Windows */
	unsigned which = t->mask ? tool_catalog(t) : catalog_elf_class(prog) == 32 ? 32 : 64;
	if (find_loader(which, loader, sizeof(loader)) != 0) {
		fprintf(stderr, "catalog: run: no %u-bit provider loader (%s); this build has none for "
			"%u-bit programs\n", which, loader, which);
		return EXIT_REFUSED;
	}
	if (!app)
		app = prog;
	char *plan;
	size_t len;
	if (netcfg_catalog_plan(tool_handle(t), which, app, &plan, &len) != NETCFG_OK)
		return tool_refused(t);
	netcfg_close(t->h);
	t->h = NULL;
	int fd = memfd_create("netcfg-catalog-plan", 0);
	size_t done = 0;
	while (fd >= 0 && done < len) {
		ssize_t w = write(fd, plan + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	free(plan);
	if (fd < 0 || done < len) {
		fprintf(stderr, "catalog: run: cannot hand over the load plan: %s\n", strerror(errno));
		return EXIT_REFUSED;
	}
	char num[16], preload[2 * PATH_MAX];
	snprintf(num, sizeof(num), "%d", fd);
	const char *old = getenv("LD_PRELOAD");
	snprintf(preload, sizeof(preload), "%s%s%s", loader, old && *old ? ":" : "", old ? old : "");
	if (setenv("NETCFG_CATALOG_PLAN_FD", num, 1) < 0 || setenv("LD_PRELOAD", preload, 1) < 0 ||
	    (t->verbose && setenv("NETCFG_PRELOAD_VERBOSE", "1", 1) < 0)) {
		fprintf(stderr, "catalog: run: %s\n", strerror(errno));
		return EXIT_REFUSED;
	}
	if (t->verbose)
		fprintf(stderr, "catalog: run: %s with the %u-bit catalog as application %s\n", prog,
			which, app);
	execv(prog, argv + i);
	fprintf(stderr, "catalog: run: %s: %s\n", prog, strerror(errno));
	return 127;
}
