/* SPDX-License-Identifier: MIT */
/*
 * key.c - key files.  A key lives in memory only as long as something
 * needs it, and every copy is zeroed before it is released.
 */
#include "ipsec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct ipsec_key *key_new(const unsigned char *bytes, size_t len)
{
	struct ipsec_key *k = malloc(sizeof(*k) + len);
	if (!k)
		return NULL;
	k->len = len;
	memcpy(k->bytes, bytes, len);
	return k;
}

void ipsec_key_free(struct ipsec_key *k)
{
	if (!k)
		return;
	explicit_bzero(k, sizeof(*k) + k->len);
	free(k);
}

struct ipsec_key *ipsec_key_dup(const struct ipsec_key *k)
{
	return k ? key_new(k->bytes, k->len) : NULL;
}

bool ipsec_key_equal(const struct ipsec_key *a, const struct ipsec_key *b)
{
	if (!a || !b)
		return a == b;
	if (a->len != b->len)
		return false;
	/* constant time, for the habit of it */
	unsigned char diff = 0;
	for (size_t i = 0; i < a->len; i++)
		diff |= a->bytes[i] ^ b->bytes[i];
	return diff == 0;
}

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

static bool is_text(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] >= 0x7f)
			return false;
	return true;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "0x" and an even number of hex digits, blanks around; else 0. */
static size_t parse_hex(const unsigned char *p, size_t n, unsigned char *out)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	while (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
		p++;
		n--;
	}
	if (n < 4 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X') || (n - 2) % 2)
		return 0;
	size_t len = 0;
	for (size_t i = 2; i < n; i += 2) {
		int hi = hex_value(p[i]), lo = hex_value(p[i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		out[len++] = (unsigned char)(hi << 4 | lo);
	}
	return len;
}

int ipsec_key_parse(const unsigned char *buf, size_t len, struct ipsec_key **out,
		    char *err, size_t errlen)
{
	*out = NULL;
	const unsigned char *q = memchr(buf, '"', len);
	if (q) {
		const unsigned char *end = memchr(q + 1, '"', len - (size_t)(q + 1 - buf));
		if (!end)
			return fail(err, errlen, "the key has an opening double quote but no closing one");
		if (end == q + 1)
			return fail(err, errlen, "the key between the double quotes is empty");
		*out = key_new(q + 1, (size_t)(end - q - 1));
		return *out ? 0 : fail(err, errlen, "out of memory");
	}
	if (is_text(buf, len)) {
		unsigned char hex[IPSEC_KEY_FILE_MAX / 2];
		size_t n = len <= IPSEC_KEY_FILE_MAX ? parse_hex(buf, len, hex) : 0;
		if (n) {
			*out = key_new(hex, n);
			explicit_bzero(hex, sizeof(hex));
			return *out ? 0 : fail(err, errlen, "out of memory");
		}
		size_t blank = 0;
		while (blank < len && (buf[blank] == ' ' || buf[blank] == '\t' ||
				       buf[blank] == '\n' || buf[blank] == '\r'))
			blank++;
		if (blank == len)
			return fail(err, errlen, "the key file is empty");
		return fail(err, errlen, "the key is not enclosed in double quotes "
			    "(write it as \"key text\", or as 0x and hex digits)");
	}
	/* not text: the bytes themselves are the key */
	*out = key_new(buf, len);
	return *out ? 0 : fail(err, errlen, "out of memory");
}

int ipsec_key_read_fd(int fd, bool allow_readable, struct ipsec_key **out, char *err, size_t errlen)
{
	struct stat st;
	*out = NULL;
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "cannot examine the key file: %s", strerror(errno));
		return NETCFG_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "the key file is not a regular file");
		return NETCFG_EINVAL;
	}
	if ((st.st_mode & (S_IRGRP | S_IROTH)) && !allow_readable) {
		snprintf(err, errlen, "the key file is readable by %s (mode %04o)",
			 (st.st_mode & S_IRGRP) && (st.st_mode & S_IROTH) ? "group and others"
			 : (st.st_mode & S_IRGRP) ? "its group" : "others",
			 (unsigned)(st.st_mode & 07777));
		return NETCFG_EPERM;
	}
	if (st.st_size > IPSEC_KEY_FILE_MAX) {
		snprintf(err, errlen, "the key file is larger than %d bytes", IPSEC_KEY_FILE_MAX);
		return NETCFG_EINVAL;
	}
	unsigned char buf[IPSEC_KEY_FILE_MAX + 1];
	size_t len = 0;
	while (len < sizeof(buf)) {
		ssize_t r = pread(fd, buf + len, sizeof(buf) - len, (off_t)len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			explicit_bzero(buf, sizeof(buf));
			snprintf(err, errlen, "cannot read the key file: %s", strerror(errno));
			return NETCFG_EIO;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	int rc = NETCFG_OK;
	if (len > IPSEC_KEY_FILE_MAX) {
		snprintf(err, errlen, "the key file is larger than %d bytes", IPSEC_KEY_FILE_MAX);
		rc = NETCFG_EINVAL;
	} else if (ipsec_key_parse(buf, len, out, err, errlen) < 0) {
		rc = NETCFG_EINVAL;
	}
	explicit_bzero(buf, sizeof(buf));
	return rc;
}
