/* SPDX-License-Identifier: MIT */
/* files.c - command-line options of the file commands and loading a
 * .spd/.sad pair, found as Windows would find it (ignoring case). */
#include "ipsec6.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The largest .spd or .sad read (a 100k-entry file is about 30 MiB). */
#define PAIR_FILE_MAX (256u << 20)

int ipsec6_file_args(const struct ipsec6_ctx *c, int argc, char **argv, const char *allowed,
		     struct file_opts *o, const char **pos, int max_pos, int *n_pos)
{
	bool options = true;
	memset(o, 0, sizeof(*o));
	*n_pos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (options && strcmp(a, "--") == 0) {
			options = false;
		} else if (options && strchr(allowed, 'k') && strcmp(a, "--allow-readable-keys") == 0) {
			o->allow_readable = true;
		} else if (options && strchr(allowed, 'f') && (strcmp(a, "-f") == 0 ||
							       strcmp(a, "--force") == 0)) {
			o->force = true;
		} else if (options && strchr(allowed, 'F') && strncmp(a, "--format=", 9) == 0) {
			o->format = a + 9;
		} else if (options && strchr(allowed, 'F') && strcmp(a, "--format") == 0) {
			if (++i == argc)
				return ipsec6_usage_error(c, "\"--format\" needs a value");
			o->format = argv[i];
		} else if (options && a[0] == '-' && a[1]) {
			return ipsec6_usage_error(c, "unknown option \"%s\"", a);
		} else if (*n_pos == max_pos) {
			return ipsec6_usage_error(c, "unexpected argument \"%s\"", a);
		} else {
			pos[(*n_pos)++] = a;
		}
	}
	return 0;
}

/* Find base + ext in dir; prints why not. */
static int find(const struct ipsec6_ctx *c, const char *dir, const char *base, const char *ext,
		char *out, size_t size)
{
	char name[4096];
	if (snprintf(name, sizeof(name), "%s.%s", base, ext) >= (int)sizeof(name))
		return ipsec6_fail(c, "file name too long: %s", base);
	if (ipsec_resolve(dir, name, out, size) == 0)
		return 0;
	if (errno == EEXIST)
		return ipsec6_fail(c, "several files in %s are called %s when case is ignored; "
				   "rename all but one", dir ? dir : ".", name);
	bool slash = dir && dir[0] && dir[strlen(dir) - 1] != '/';
	return ipsec6_fail(c, "cannot find %s%s%s: %s", dir ? dir : "", slash ? "/" : "", name,
			   strerror(errno));
}

static int load(const struct ipsec6_ctx *c, const char *path, char **text, size_t *len)
{
	char err[4200];
	if (ipsec_read_file(path, PAIR_FILE_MAX, text, len, err, sizeof(err)) < 0)
		return ipsec6_fail(c, "%s", err);
	return 0;
}

int ipsec6_load_pair(const struct ipsec6_ctx *c, const char *name, struct pair_paths *pp,
		     struct ipsec_plan *p, struct ipsec_msgs *m)
{
	char base[4096], dir[4096];
	memset(p, 0, sizeof(*p));
	ipsec_db_init(&p->db);
	if (snprintf(base, sizeof(base), "%s", name) >= (int)sizeof(base))
		return ipsec6_fail(c, "file name too long: %s", name);
	/* the tool takes the name without its extension; forgive one */
	size_t n = strlen(base);
	if (n > 4 && (strcasecmp(base + n - 4, ".spd") == 0 || strcasecmp(base + n - 4, ".sad") == 0))
		base[n - 4] = '\0';
	const char *slash = strrchr(base, '/');
	const char *d = NULL;
	if (slash) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - base), base);
		if (!dir[0])
			strcpy(dir, "/");
		d = dir;
		memmove(base, slash + 1, strlen(slash + 1) + 1);
	}
	if (!base[0])
		return ipsec6_usage_error(c, "\"%s\" names no file", name);
	int rc = find(c, d, base, "spd", pp->spd, sizeof(pp->spd));
	if (!rc)
		rc = find(c, d, base, "sad", pp->sad, sizeof(pp->sad));
	if (rc)
		return rc;
	const char *s = strrchr(pp->sad, '/');
	if (s)
		snprintf(pp->dir, sizeof(pp->dir), "%.*s", s == pp->sad ? 1 : (int)(s - pp->sad), pp->sad);
	else
		pp->dir[0] = '\0';

	char *text;
	size_t len;
	if ((rc = load(c, pp->spd, &text, &len)))
		return rc;
	ipsec_spd_parse(pp->spd, text, len, &p->spd, m);
	free(text);
	if ((rc = load(c, pp->sad, &text, &len)))
		return rc;
	ipsec_sad_parse(pp->sad, text, len, &p->sad, m);
	free(text);
	return 0;
}

int ipsec6_key_path(const struct pair_paths *pp, const char *key_file, char *out, size_t size)
{
	return ipsec_resolve(pp->dir[0] ? pp->dir : NULL, key_file, out, size);
}
