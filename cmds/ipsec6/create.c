/* SPDX-License-Identifier: MIT */
/*
 * create.c - ipsec6 c [-f] name: name.spd and name.sad holding the active
 * databases, ready to edit (a fresh stack's SPD holds the default policy
 * 1).  An existing file is never replaced without -f, and each file
 * appears whole or not at all.
 */
#include "ipsec6.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct out_file {
	char path[4104];
	char tmp[4120];
};

/* Write the text into a temporary file beside path. */
static int write_tmp(const struct ipsec6_ctx *c, struct out_file *f, const struct netcfg_sp_list *sp,
		     const struct netcfg_sa_list *sa)
{
	snprintf(f->tmp, sizeof(f->tmp), "%s.XXXXXX", f->path);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		f->tmp[0] = '\0';
		return ipsec6_fail(c, "cannot create %s: %s", f->path, strerror(errno));
	}
	mode_t mask = umask(0);
	umask(mask);
	FILE *out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		return ipsec6_fail(c, "cannot create %s: %s", f->path, strerror(errno));
	}
	if (sp)
		ipsec_spd_write(out, sp->v, sp->n);
	else
		ipsec_sad_write(out, sa->v, sa->n);
	int bad = fflush(out) != 0 || fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0;
	int e = errno;
	if (fclose(out) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad)
		return ipsec6_fail(c, "cannot write %s: %s", f->path, strerror(e));
	return 0;
}

/* Give the temporary file its name: rename with -f, else link, which
 * refuses to replace a file that appeared meanwhile. */
static int place(const struct ipsec6_ctx *c, struct out_file *f, bool force)
{
	int r = force ? rename(f->tmp, f->path) : link(f->tmp, f->path);
	if (r < 0 && errno == EEXIST)
		return ipsec6_fail(c, "%s exists; use ipsec6 c -f to overwrite it", f->path);
	if (r < 0)
		return ipsec6_fail(c, "cannot create %s: %s", f->path, strerror(errno));
	if (!force)
		unlink(f->tmp);
	f->tmp[0] = '\0';
	return 0;
}

int cmd_c(struct ipsec6_ctx *c, int argc, char **argv)
{
	struct file_opts o;
	const char *pos[1];
	int n, rc = ipsec6_file_args(c, argc, argv, "f", &o, pos, 1, &n);
	if (rc)
		return rc;
	if (n < 1)
		return ipsec6_usage_error(c, "missing FileName (without extension)");
	char base[4096];
	if (snprintf(base, sizeof(base), "%s", pos[0]) >= (int)sizeof(base) - 8)
		return ipsec6_usage_error(c, "file name too long");
	size_t len = strlen(base);
	if (len > 4 && (strcasecmp(base + len - 4, ".spd") == 0 || strcasecmp(base + len - 4, ".sad") == 0))
		base[len - 4] = '\0';
	if (!base[0] || base[strlen(base) - 1] == '/')
		return ipsec6_usage_error(c, "\"%s\" names no file", pos[0]);

	struct out_file f[2];
	memset(f, 0, sizeof(f));
	snprintf(f[0].path, sizeof(f[0].path), "%s.spd", base);
	snprintf(f[1].path, sizeof(f[1].path), "%s.sad", base);
	for (int i = 0; i < 2 && !o.force; i++)
		if (access(f[i].path, F_OK) == 0)
			return ipsec6_fail(c, "%s exists; use ipsec6 c -f %s to overwrite it", f[i].path,
					   pos[0]);

	struct netcfg_sp_list sp = { 0 };
	struct netcfg_sa_list sa = { 0 };
	netcfg_t *h = ipsec6_handle(c);
	if (netcfg_sp_list(h, 0, &sp) != NETCFG_OK || netcfg_sa_list(h, &sa) != NETCFG_OK)
		rc = ipsec6_stack_error(c, NULL);
	if (!rc)
		rc = write_tmp(c, &f[0], &sp, NULL);
	if (!rc)
		rc = write_tmp(c, &f[1], NULL, &sa);
	if (!rc)
		rc = place(c, &f[0], o.force);
	if (!rc)
		rc = place(c, &f[1], o.force);
	for (int i = 0; i < 2; i++)
		if (f[i].tmp[0])
			unlink(f[i].tmp);
	if (!rc)
		printf("SPD -> %s\nSAD -> %s\n", f[0].path, f[1].path);
	netcfg_sp_list_free(&sp);
	netcfg_sa_list_free(&sa);
	return rc;
}
