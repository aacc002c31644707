/* SPDX-License-Identifier: MIT */
/* store.c - the persistent store (see store.h). */
#include "store.h"
#include "undo.h"

#include "../../common/atomicfile.h"
#include "../../libnetcfg/json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_FORMAT "netcfg-persistent-store"
#define STORE_VERSION 1

static uint64_t key_hash(const char *key)
{
	return hash_bytes(key, strlen(key), 0x5eed);
}

struct pstore_entry *pstore_get(const struct pstore *ps, const char *key)
{
	uint64_t h = key_hash(key);
	for (struct hnode *n = htab_first(&ps->map, h); n; n = htab_next(n, h)) {
		struct pstore_entry *e = container_of(n, struct pstore_entry, h);
		if (strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

static void link_after(struct pstore *ps, struct pstore_entry *e, struct pstore_entry *after)
{
	e->prev = after;
	e->next = after ? after->next : ps->head;
	if (e->next)
		e->next->prev = e;
	else
		ps->tail = e;
	if (after)
		after->next = e;
	else
		ps->head = e;
	htab_insert(&ps->map, &e->h, key_hash(e->key));
	ps->n++;
}

static void unlink_entry(struct pstore *ps, struct pstore_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		ps->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		ps->tail = e->prev;
	htab_remove(&ps->map, &e->h);
	ps->n--;
}

static void entry_free(struct pstore_entry *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->op);
	free(e->args);
	free(e);
}

static struct pstore_entry *entry_new(const char *key, const char *op, const char *args, size_t len)
{
	struct pstore_entry *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->key = strdup(key);
	e->op = strdup(op);
	e->args = malloc(len + 1);
	if (!e->key || !e->op || !e->args) {
		entry_free(e);
		return NULL;
	}
	memcpy(e->args, args, len);
	e->args[len] = '\0';
	e->args_len = len;
	return e;
}

/* ---- undo records -------------------------------------------------- */

struct store_undo {
	struct pstore *ps;
	struct pstore_entry *e;       /* the entry now in the map (put) or removed (del) */
	struct pstore_entry *old;     /* replaced entry (put over an existing key) */
	struct pstore_entry *prev;    /* position of the removed/replaced entry */
};

static void undo_put(void *ctx, void *data)
{
	(void)ctx;
	struct store_undo *u = data;
	unlink_entry(u->ps, u->e);
	entry_free(u->e);
	if (u->old)
		link_after(u->ps, u->old, u->prev);
	free(u);
}

static void commit_put(void *ctx, void *data)
{
	(void)ctx;
	struct store_undo *u = data;
	entry_free(u->old);
	free(u);
}

static void undo_del(void *ctx, void *data)
{
	(void)ctx;
	struct store_undo *u = data;
	link_after(u->ps, u->e, u->prev);
	free(u);
}

static void commit_del(void *ctx, void *data)
{
	(void)ctx;
	struct store_undo *u = data;
	entry_free(u->e);
	free(u);
}

int pstore_put(struct pstore *ps, struct undo_log *u, const char *key, const char *op,
	       const char *args, size_t args_len)
{
	struct pstore_entry *e = entry_new(key, op, args, args_len);
	struct store_undo *rec = u ? calloc(1, sizeof(*rec)) : NULL;
	if (!e || (u && !rec)) {
		entry_free(e);
		free(rec);
		return -1;
	}
	struct pstore_entry *old = pstore_get(ps, key);
	struct pstore_entry *prev = old ? old->prev : NULL;
	if (rec) {
		*rec = (struct store_undo){ ps, e, old, prev };
		if (undo_push(u, undo_put, commit_put, NULL, rec) < 0) {
			entry_free(e);
			free(rec);
			return -1;
		}
	}
	if (old) {
		unlink_entry(ps, old);
		if (!rec)
			entry_free(old);
	}
	link_after(ps, e, ps->tail);
	ps->dirty = true;
	return 0;
}

int pstore_del(struct pstore *ps, struct undo_log *u, const char *key)
{
	struct pstore_entry *e = pstore_get(ps, key);
	if (!e)
		return 0;
	if (u) {
		struct store_undo *rec = calloc(1, sizeof(*rec));
		if (!rec)
			return -1;
		*rec = (struct store_undo){ ps, e, NULL, e->prev };
		if (undo_push(u, undo_del, commit_del, NULL, rec) < 0) {
			free(rec);
			return -1;
		}
	}
	unlink_entry(ps, e);
	if (!u)
		entry_free(e);
	ps->dirty = true;
	return 0;
}

/* ---- file ---------------------------------------------------------- */

static unsigned line_of(const char *s, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat sb;
	if (fstat(fd, &sb) < 0) {
		close(fd);
		return NULL;
	}
	char *buf = malloc((size_t)sb.st_size + 1);
	size_t got = 0;
	while (buf && got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (buf) {
		buf[got] = '\0';
		*len = got;
	}
	return buf;
}

int pstore_open(struct pstore *ps, const char *path, char *err, size_t errlen)
{
	memset(ps, 0, sizeof(*ps));
	htab_init(&ps->map);
	snprintf(ps->path, sizeof(ps->path), "%s", path);
	size_t len = 0;
	char *buf = read_file(path, &len);
	if (!buf) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct jdoc d = { 0 };
	int rc = -1;
	if (jdoc_parse(&d, buf, len) < 0) {
		snprintf(err, errlen, "%s:%u: %s", path, line_of(buf, d.err_off), d.err);
		goto out;
	}
	long long ver = 0;
	if (!j_is_str(&d, j_get(&d, 0, "format"), STORE_FORMAT) ||
	    !j_int(&d, j_get(&d, 0, "version"), &ver)) {
		snprintf(err, errlen, "%s: not a netcfg persistent store", path);
		goto out;
	}
	if (ver != STORE_VERSION) {
		snprintf(err, errlen, "%s: store version %lld is not supported (expected %d)",
			 path, ver, STORE_VERSION);
		goto out;
	}
	int arr = j_get(&d, 0, "entries");
	if (j_type(&d, arr) != J_ARR) {
		snprintf(err, errlen, "%s: \"entries\" is missing", path);
		goto out;
	}
	for (int e = j_first(&d, arr); e >= 0; e = j_next(&d, e)) {
		char key[512], op[64];
		int a = j_get(&d, e, "args");
		if (!j_str(&d, j_get(&d, e, "key"), key, sizeof(key)) ||
		    !j_str(&d, j_get(&d, e, "op"), op, sizeof(op)) || j_type(&d, a) != J_OBJ) {
			snprintf(err, errlen, "%s:%u: malformed entry", path,
				 line_of(buf, d.t[e].start));
			goto out;
		}
		size_t n;
		const char *raw = j_raw(&d, a, &n);
		if (pstore_put(ps, NULL, key, op, raw, n) < 0) {
			snprintf(err, errlen, "%s: out of memory", path);
			goto out;
		}
	}
	ps->dirty = false;
	rc = 0;
out:
	jdoc_free(&d);
	free(buf);
	if (rc < 0)
		pstore_close(ps);
	return rc;
}

void pstore_close(struct pstore *ps)
{
	while (ps->head) {
		struct pstore_entry *e = ps->head;
		ps->head = e->next;
		entry_free(e);
	}
	ps->tail = NULL;
	ps->n = 0;
	htab_free(&ps->map);
}

int pstore_save(struct pstore *ps, char *err, size_t errlen)
{
	if (!ps->dirty)
		return 0;
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	jw_kstr(&w, "format", STORE_FORMAT);
	jw_kint(&w, "version", STORE_VERSION);
	jw_key(&w, "entries");
	jw_arr_begin(&w);
	for (struct pstore_entry *e = ps->head; e; e = e->next) {
		jw_break(&w);  /* one entry per line, for people reading it */
		jw_obj_begin(&w);
		jw_kstr(&w, "key", e->key);
		jw_kstr(&w, "op", e->op);
		jw_key(&w, "args");
		jw_raw(&w, e->args, e->args_len);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	if (w.oom) {
		jw_free(&w);
		snprintf(err, errlen, "%s: out of memory", ps->path);
		return -1;
	}

	struct iovec iov[2] = { { w.buf, w.len }, { (void *)"\n", 1 } };
	int rc = atomic_write_file(ps->path, iov, 2, 0600, err, errlen);
	jw_free(&w);
	if (rc < 0)
		return -1;
	ps->dirty = false;
	ps->writes++;
	return 0;
}
