/* SPDX-License-Identifier: MIT */
/*
 * export.c - ipsec6 export name --format=ip-xfrm|setkey: the files as the
 * Linux tools take them.  This is the one command that reads key files
 * itself, because its output must carry the keys; it applies the same
 * permission rule as the daemon, and the output is the user's to guard.
 */
#include "ipsec6.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void key_error(struct ipsec_msgs *m, const struct ipsec_plan *p, size_t i, const char *path,
		      const char *what)
{
	struct ipsec_diag d;
	if (strcmp(path, p->sad.v[i].sa.key_file) == 0)
		ipsec_diag_set(&d, SAF_KEYFILE, "%s", what);
	else
		ipsec_diag_set(&d, SAF_KEYFILE, "%s: %s", path, what);
	ipsec_file_sa_msg(m, false, p->sad.path, &p->sad.v[i], &d);
}

static void read_keys(const struct pair_paths *pp, const struct ipsec_plan *p, bool allow_readable,
		      struct ipsec_key **keys, struct ipsec_msgs *m)
{
	for (size_t i = 0; i < p->sad.n; i++) {
		const struct netcfg_sa *sa = &p->sad.v[i].sa;
		char path[4096], err[300];
		if (!sa->key_file[0])
			continue;
		if (ipsec6_key_path(pp, sa->key_file, path, sizeof(path)) < 0) {
			snprintf(err, sizeof(err), "cannot open it: %s",
				 errno == EEXIST ? "several files have that name when case is ignored"
				 : strerror(errno));
			key_error(m, p, i, sa->key_file, err);
			continue;
		}
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0) {
			key_error(m, p, i, path, strerror(errno));
			continue;
		}
		int rc = ipsec_key_read_fd(fd, allow_readable, &keys[i], err, sizeof(err));
		close(fd);
		if (rc == NETCFG_EPERM)
			strncat(err, "; make it private (chmod 600) or use --allow-readable-keys",
				sizeof(err) - strlen(err) - 1);
		if (rc != NETCFG_OK)
			key_error(m, p, i, path, err);
	}
}

int cmd_export(struct ipsec6_ctx *c, int argc, char **argv)
{
	struct file_opts o;
	const char *pos[1];
	enum ipsec_export_format fmt;
	int n, rc = ipsec6_file_args(c, argc, argv, "kF", &o, pos, 1, &n);
	if (rc)
		return rc;
	if (n < 1)
		return ipsec6_usage_error(c, "missing FileName (without extension)");
	if (!o.format)
		return ipsec6_usage_error(c, "missing --format=ip-xfrm or --format=setkey");
	if (strcmp(o.format, "ip-xfrm") == 0)
		fmt = IPSEC_EXPORT_IP_XFRM;
	else if (strcmp(o.format, "setkey") == 0)
		fmt = IPSEC_EXPORT_SETKEY;
	else
		return ipsec6_usage_error(c, "unknown format \"%s\" (ip-xfrm or setkey)", o.format);

	struct pair_paths pp;
	struct ipsec_plan p;
	struct ipsec_msgs m = { 0 };
	struct ipsec_key **keys = NULL;
	rc = ipsec6_load_pair(c, pos[0], &pp, &p, &m);
	if (!rc && !m.errors)
		ipsec_plan_check(&p, NULL, NULL, 0, &m);
	if (!rc && !m.errors) {
		keys = calloc(p.sad.n + 1, sizeof(*keys));
		if (keys)
			read_keys(&pp, &p, o.allow_readable, keys, &m);
		else
			rc = ipsec6_fail(c, "out of memory");
	}
	if (!rc && !m.errors)
		ipsec_export(stdout, fmt, &p.spd, &p.sad, keys, &m);
	if (!rc)
		rc = ipsec6_print_msgs(c, &m);
	for (size_t i = 0; keys && i < p.sad.n; i++)
		ipsec_key_free(keys[i]);
	free(keys);
	ipsec_msgs_free(&m);
	ipsec_plan_free(&p);
	return rc;
}
