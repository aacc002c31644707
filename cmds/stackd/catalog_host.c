/* SPDX-License-Identifier: MIT */
/* catalog_host.c - the live catalog of stackd (see catalog_host.h). */
#include "catalog_host.h"
#include "stackd.h"

#include "../../common/atomicfile.h"
#include "../../libnetcfg/json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#ifndef NETCFG_PROVIDERDIR
#define NETCFG_PROVIDERDIR "/usr/local/lib/netcfg/providers"
#endif

/* $NETCFG_PROVIDER_DIR; else ../lib/netcfg/providers beside this program
 * (a build tree, or an installation with the usual layout); else the
 * configured directory. */
static void provider_dir(char *out, size_t size)
{
	const char *e = getenv("NETCFG_PROVIDER_DIR");
	if (e && *e) {
		snprintf(out, size, "%s", e);
		return;
	}
	char self[PATH_MAX], cand[PATH_MAX + 32], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(cand, sizeof(cand), "%s/../lib/netcfg/providers", self);
			if (realpath(cand, real) && strlen(real) < size) {
				snprintf(out, size, "%s", real);
				return;
			}
		}
	}
	snprintf(out, size, "%s", NETCFG_PROVIDERDIR);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = cap ? 2 * cap : 131072;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		size_t r = fread(buf + n, 1, 65536, f);
		n += r;
		if (r == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int write_state(const struct catalog_state *s, const char *path, char *err, size_t errlen)
{
	struct jw w;
	jw_init(&w);
	catalog_state_write(&w, s);
	if (w.oom) {
		jw_free(&w);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	struct iovec iov[2] = { { w.buf, w.len }, { (void *)"\n", 1 } };
	int rc = atomic_write_file(path, iov, 2, 0600, err, errlen);
	jw_free(&w);
	return rc;
}

int catalog_host_open(struct daemon *d)
{
	struct catalog_host *h = calloc(1, sizeof(*h));
	char dir[CATALOG_DIR_MAX], err[PATH_MAX + 256];
	if (!h) {
		fprintf(stderr, "stackd: out of memory\n");
		return -1;
	}
	d->catalog = h;
	catalog_state_init(&h->state);
	provider_dir(dir, sizeof(dir));
	catalog_env_init(&h->env, dir);
	snprintf(h->path, sizeof(h->path), "%s/catalog.json", d->cfg.state_dir);
	size_t len;
	char *text = read_file(h->path, &len);
	if (!text && errno != ENOENT) {
		fprintf(stderr, "stackd: %s: %s\n", h->path, strerror(errno));
		return -1;
	}
	if (text) {
		int rc = catalog_state_read(text, len, &h->state, err, sizeof(err));
		free(text);
		if (rc < 0) {
			fprintf(stderr, "stackd: catalog unreadable, refusing to start: %s:%s\n", h->path, err);
			return -1;
		}
		return 0;
	}
	if (catalog_state_defaults(&h->state, &h->env) < 0) {
		fprintf(stderr, "stackd: out of memory building the default catalog\n");
		return -1;
	}
	if (write_state(&h->state, h->path, err, sizeof(err)) < 0) {
		fprintf(stderr, "stackd: cannot write the catalog: %s\n", err);
		return -1;
	}
	h->writes++;
	log_msg(LOG_INFO, "catalog: created %s with this host's defaults (providers in %s)", h->path,
		h->env.provider_dir);
	return 0;
}

/* ---- kept listings ------------------------------------------------- */

static void drop_listings(struct catalog_host *h)
{
	for (size_t i = 0; i < 2; i++) {
		free(h->listing[i].text);
		h->listing[i].text = NULL;
		h->listing[i].len = 0;
	}
}

const char *catalog_host_listing(const struct daemon *d, unsigned which, size_t *len)
{
	const struct catalog_host *h = d->catalog;
	*len = h->listing[which == 64].len;
	return h->listing[which == 64].text;
}

void catalog_host_keep_listing(struct daemon *d, unsigned which, char *text, size_t len)
{
	struct catalog_host *h = d->catalog;
	free(h->listing[which == 64].text);
	h->listing[which == 64].text = text;
	h->listing[which == 64].len = text ? len : 0;
}

void catalog_host_close(struct daemon *d)
{
	if (!d->catalog)
		return;
	drop_listings(d->catalog);
	catalog_state_free(&d->catalog->state);
	free(d->catalog);
	d->catalog = NULL;
}

/* ---- transactions -------------------------------------------------- */

struct saved {
	struct catalog_host *h;
	struct catalog_state copy;
	bool dirty;
};

static void undo_catalog(void *ctx, void *data)
{
	(void)ctx;
	struct saved *s = data;
	catalog_state_free(&s->h->state);
	drop_listings(s->h);
	s->h->state = s->copy;
	s->h->dirty = s->dirty;
	s->h->saved_copy = false;
	free(s);
}

static void commit_catalog(void *ctx, void *data)
{
	(void)ctx;
	struct saved *s = data;
	catalog_state_free(&s->copy);
	s->h->saved_copy = false;
	free(s);
}

int catalog_host_change(struct daemon *d)
{
	struct catalog_host *h = d->catalog;
	drop_listings(h);
	if (!h->saved_copy) {
		struct saved *s = calloc(1, sizeof(*s));
		if (!s || catalog_state_copy(&s->copy, &h->state) < 0) {
			free(s);
			return -1;
		}
		s->h = h;
		s->dirty = h->dirty;
		if (undo_push(&d->undo, undo_catalog, commit_catalog, NULL, s) < 0) {
			catalog_state_free(&s->copy);
			free(s);
			return -1;
		}
		h->saved_copy = true;
	}
	h->dirty = true;
	return 0;
}

bool catalog_host_dirty(const struct daemon *d)
{
	return d->catalog && d->catalog->dirty;
}

int catalog_host_save(struct daemon *d, char *err, size_t errlen)
{
	struct catalog_host *h = d->catalog;
	if (!h->dirty)
		return 0;
	if (write_state(&h->state, h->path, err, errlen) < 0)
		return -1;
	h->dirty = false;
	h->writes++;
	return 0;
}

int catalog_host_backup(struct daemon *d, char *path, size_t size, char *err, size_t errlen)
{
	struct catalog_host *h = d->catalog;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (int k = 0; k < 1000; k++) {
		if (k == 0)
			snprintf(path, size, "%s.backup-%s", h->path, stamp);
		else
			snprintf(path, size, "%s.backup-%s-%d", h->path, stamp, k);
		if (access(path, F_OK) != 0)
			return write_state(&h->state, path, err, errlen);
	}
	snprintf(err, errlen, "%s: too many backups this second", h->path);
	return -1;
}
