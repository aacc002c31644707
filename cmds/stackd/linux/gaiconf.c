/* SPDX-License-Identifier: MIT */
/*
 * gaiconf.c - prefix policies for getaddrinfo(): a block of its own in a
 * gai.conf(5)-format file.
 *
 * glibc drops its whole default label table as soon as the file has one
 * `label` line, and the same for `precedence`, so the block always holds
 * complete tables: one precedence and one label line per policy.  The
 * rest of the file is the administrator's and is kept byte for byte.
 */
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netcfg/text.h>

#define BLOCK_BEGIN "# BEGIN netcfg prefix policies"
#define BLOCK_END "# END netcfg prefix policies"
/* A gai.conf larger than this is not one. */
#define GAI_MAX (4 << 20)

static int gai_fail(char *err, size_t errlen, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int gai_fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return status;
}

struct text {
	char *s;
	size_t len;
	bool existed;
	mode_t mode;
};

static int read_text(const char *path, struct text *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	t->mode = 0644;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return NETCFG_OK;
		return gai_fail(err, errlen, errno == EACCES ? NETCFG_EPERM : NETCFG_EIO, "%s: %s",
				path, strerror(errno));
	}
	struct stat st;
	const char *why = NULL;
	if (fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_size > GAI_MAX)
		why = "too large for a gai.conf";
	if (why) {
		close(fd);
		return gai_fail(err, errlen, NETCFG_EIO, "%s: %s", path, why);
	}
	t->existed = true;
	t->mode = st.st_mode & 07777;
	t->s = malloc((size_t)st.st_size + 1);
	if (!t->s) {
		close(fd);
		return gai_fail(err, errlen, NETCFG_ENOMEM, "%s: out of memory", path);
	}
	while (t->len < (size_t)st.st_size) {
		ssize_t n = read(fd, t->s + t->len, (size_t)st.st_size - t->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			free(t->s);
			t->s = NULL;
			return gai_fail(err, errlen, NETCFG_EIO, "%s: %s", path, strerror(e));
		}
		t->len += (size_t)n;
	}
	t->s[t->len] = 0;
	close(fd);
	return NETCFG_OK;
}

/* The block's byte range [*begin, *end) and the line numbers of its
 * marker lines; *begin == *end == len when there is none. */
static int find_block(const char *path, const struct text *t, size_t *begin, size_t *end,
		      int *begin_line, char *err, size_t errlen)
{
	size_t off = 0;
	int line = 0;
	bool in = false;
	*begin = *end = t->len;
	*begin_line = 0;
	while (off < t->len) {
		const char *nl = memchr(t->s + off, '\n', t->len - off);
		size_t next = nl ? (size_t)(nl - t->s) + 1 : t->len;
		line++;
		if (strncmp(t->s + off, BLOCK_BEGIN, strlen(BLOCK_BEGIN)) == 0) {
			if (in || *begin_line)
				return gai_fail(err, errlen, NETCFG_EINVAL,
						"%s:%d: a second netcfg block begins here", path, line);
			in = true;
			*begin = off;
			*begin_line = line;
		} else if (strncmp(t->s + off, BLOCK_END, strlen(BLOCK_END)) == 0) {
			if (!in)
				return gai_fail(err, errlen, NETCFG_EINVAL,
						"%s:%d: the netcfg block ends here but never began", path, line);
			in = false;
			*end = next;
		}
		off = next;
	}
	if (in)
		return gai_fail(err, errlen, NETCFG_EINVAL, "%s:%d: the netcfg block begun here never ends",
				path, *begin_line);
	return NETCFG_OK;
}

static char *format_block(const struct lnx_gai_policy *v, size_t n, size_t *len)
{
	char *s = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&s, &size);
	if (!f)
		return NULL;
	char p[NETCFG_ADDRSTRLEN];
	fprintf(f, "%s (written by stackd: changes inside this block are overwritten)\n", BLOCK_BEGIN);
	fprintf(f, "# Complete tables: one label line drops all of glibc's default labels,\n"
		   "# one precedence line all of its default precedences.\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "precedence %s %u\n", netcfg_format_prefix(&v[i].prefix, p), v[i].precedence);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "label %s %u\n", netcfg_format_prefix(&v[i].prefix, p), v[i].label);
	fprintf(f, "%s\n", BLOCK_END);
	if (fclose(f) != 0) {
		free(s);
		return NULL;
	}
	*len = size;
	return s;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* temp file in the same directory, fsync, rename, fsync the directory */
static int replace_file(const char *path, mode_t mode, const char *parts[], const size_t lens[],
			size_t nparts, char *err, size_t errlen)
{
	char tmp[PATH_MAX], dirbuf[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s.netcfg-XXXXXX", path) >= (int)sizeof(tmp))
		return gai_fail(err, errlen, NETCFG_EINVAL, "%s: path too long", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return gai_fail(err, errlen, errno == EACCES ? NETCFG_EPERM : NETCFG_EIO,
				"%s: cannot create a temporary file: %s", path, strerror(errno));
	int ok = fchmod(fd, mode) == 0;
	for (size_t i = 0; ok && i < nparts; i++)
		ok = write_all(fd, parts[i], lens[i]) == 0;
	ok = ok && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = 0;
		e = errno;
	}
	if (!ok) {
		unlink(tmp);
		return gai_fail(err, errlen, NETCFG_EIO, "%s: %s", path, strerror(e));
	}
	snprintf(dirbuf, sizeof(dirbuf), "%s", path);
	int dfd = open(dirname(dirbuf), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return NETCFG_OK;
}

int lnx_gai_write(const char *path, const struct lnx_gai_policy *v, size_t n,
		  char *err, size_t errlen)
{
	char real[PATH_MAX];
	struct text t;
	/* replace the target of a link, not the link */
	if (realpath(path, real))
		path = real;
	for (size_t i = 0; i < n; i++) {
		struct in6_addr m = v[i].prefix.addr;
		netcfg_prefix_mask(&m, v[i].prefix.len);
		if (v[i].prefix.len > 128 || memcmp(&m, &v[i].prefix.addr, sizeof(m)) != 0)
			return gai_fail(err, errlen, NETCFG_EINVAL, "%s: policy %zu: bad prefix", path, i);
	}
	int st = read_text(path, &t, err, errlen);
	if (st != NETCFG_OK)
		return st;
	size_t begin, end;
	int begin_line;
	st = find_block(path, &t, &begin, &end, &begin_line, err, errlen);
	if (st != NETCFG_OK || (!t.existed && n == 0)) {
		free(t.s);
		return st;
	}
	size_t blen = 0;
	char *block = n ? format_block(v, n, &blen) : NULL;
	if (n && !block) {
		free(t.s);
		return gai_fail(err, errlen, NETCFG_ENOMEM, "%s: out of memory", path);
	}
	/* a new block goes at the end, on a line of its own */
	bool need_nl = begin == t.len && t.len > 0 && t.s[t.len - 1] != '\n' && n;
	const char *parts[] = { t.s ? t.s : "", "\n", block ? block : "", t.s ? t.s + end : "" };
	const size_t lens[] = { begin, need_nl ? 1 : 0, blen, t.len - end };
	bool same = begin + lens[1] + blen + lens[3] == t.len && lens[1] == 0 &&
		    (blen == 0 || memcmp(t.s + begin, block, blen) == 0) && end - begin == blen;
	if (!same)
		st = replace_file(path, t.mode, parts, lens, 4, err, errlen);
	free(block);
	free(t.s);
	return st;
}

static int add_line(struct lnx_gai_policy **v, size_t *n, size_t *cap, const struct netcfg_prefix *p,
		    bool precedence, uint32_t value)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if ((*v)[i].prefix.len == p->len && memcmp(&(*v)[i].prefix.addr, &p->addr, sizeof(p->addr)) == 0)
			break;
	if (i == *n) {
		if (*n == *cap) {
			size_t c = *cap ? *cap * 2 : 16;
			struct lnx_gai_policy *nv = realloc(*v, c * sizeof(*nv));
			if (!nv)
				return -1;
			*v = nv;
			*cap = c;
		}
		memset(&(*v)[i], 0, sizeof((*v)[i]));
		(*v)[i].prefix = *p;
		(*n)++;
	}
	if (precedence)
		(*v)[i].precedence = value;
	else
		(*v)[i].label = value;
	return 0;
}

int lnx_gai_read(const char *path, struct lnx_gai_policy **v, size_t *n, char *err, size_t errlen)
{
	struct text t;
	size_t begin, end, cap = 0;
	int begin_line;
	*v = NULL;
	*n = 0;
	int st = read_text(path, &t, err, errlen);
	if (st == NETCFG_OK)
		st = find_block(path, &t, &begin, &end, &begin_line, err, errlen);
	if (st != NETCFG_OK || begin == end) {
		free(t.s);
		return st;
	}
	int line = begin_line;
	t.s[end - 1] = 0;
	for (char *p = t.s + begin; p && *p && st == NETCFG_OK; line++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		char kw[16], pfx[NETCFG_ADDRSTRLEN], extra[2];
		unsigned long val;
		struct netcfg_prefix pr;
		const char *s = p + strspn(p, " \t");
		if (*s && *s != '#') {
			if (sscanf(s, "%15s %63s %lu %1s", kw, pfx, &val, extra) != 3 ||
			    (strcmp(kw, "precedence") != 0 && strcmp(kw, "label") != 0) ||
			    netcfg_parse_prefix(pfx, &pr) != 0 || val > UINT32_MAX)
				st = gai_fail(err, errlen, NETCFG_EINVAL,
					      "%s:%d: expected \"precedence|label PREFIX NUMBER\"", path, line);
			else if (add_line(v, n, &cap, &pr, kw[0] == 'p', (uint32_t)val) < 0)
				st = gai_fail(err, errlen, NETCFG_ENOMEM, "%s: out of memory", path);
		}
		p = nl ? nl + 1 : NULL;
	}
	free(t.s);
	if (st != NETCFG_OK) {
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return st;
}
