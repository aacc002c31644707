/* SPDX-License-Identifier: MIT */
/*
 * config.c - stackd.conf(5): one statement per line, words separated by
 * blanks, double quotes around words with blanks, '#' to the end of a line.
 *
 *	dataplane model
 *	netns NAME          (linux dataplane)
 *	gai-conf PATH       (linux dataplane)
 *	adapter "6-over-4 Virtual Interface" 6over4 10.0.0.2 mtu 65515 reachable 34000
 *	adapter "Local Area Connection" ethernet 00-10-5a-aa-20-a2 reachable 43500
 *	ipv4 192.0.2.7
 *	group netadm
 */
#include "stackd.h"

#include "../../libnetcfg/frame.h"

#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 16

void config_defaults(struct stackd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->dataplane = DATAPLANE_MODEL;
	c->max_frame = FRAME_MAX_DEFAULT;
}

void config_free(struct stackd_config *c)
{
	free(c->adapters);
	free(c->ipv4);
	c->adapters = NULL;
	c->ipv4 = NULL;
	c->n_adapters = c->n_ipv4 = 0;
}

int config_parse_group(struct stackd_config *c, const char *name, char *err, size_t errlen)
{
	struct group *g = getgrnam(name);
	if (!g) {
		uint32_t gid;
		if (netcfg_parse_uint(name, UINT32_MAX - 1, &gid) != NETCFG_OK) {
			snprintf(err, errlen, "unknown group \"%s\"", name);
			return -1;
		}
		c->group = (gid_t)gid;
	} else {
		c->group = g->gr_gid;
	}
	c->have_group = true;
	return 0;
}

/* Split a line into words in place.  Returns the count or -1. */
static int split(char *line, char **w, const char **why)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == MAX_WORDS) {
			*why = "too many words";
			return -1;
		}
		if (*p == '"') {
			char *out = ++p;
			w[n++] = out;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*out++ = *p++;
			}
			if (*p != '"') {
				*why = "unterminated quote";
				return -1;
			}
			p++;
			*out = '\0';
			if (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
				*why = "text right after a closing quote";
				return -1;
			}
			if (*p)
				*p++ = '\0';
			continue;
		}
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* The longest line of a configuration file, newline included. */
#define CONFIG_LINE_MAX 4096

struct cfgctx {
	const char *path;
	unsigned line;
};

bool config_netns_name_ok(const char *name)
{
	/* a file name under /var/run/netns, as ip netns makes them */
	return name[0] && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
	       strlen(name) < sizeof(((struct stackd_config *)0)->netns);
}

static int cfg_err(struct cfgctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int cfg_err(struct cfgctx *x, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "stackd: %s:%u: ", x->path, x->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int parse_adapter(struct stackd_config *c, struct cfgctx *x, char **w, int n)
{
	struct adapter_cfg ad = { 0 };
	if (n < 4)
		return cfg_err(x, "usage: adapter NAME ethernet|6over4 ADDRESS [mtu N] [reachable MS]");
	if (!*w[1] || strlen(w[1]) >= sizeof(ad.name))
		return cfg_err(x, "adapter name \"%s\" must be 1 to %zu characters", w[1],
			       sizeof(ad.name) - 1);
	for (size_t i = 0; i < c->n_adapters; i++)
		if (strcmp(c->adapters[i].name, w[1]) == 0)
			return cfg_err(x, "adapter \"%s\" is declared twice", w[1]);
	if (strcmp(w[1], "Loopback Pseudo-Interface") == 0 || strcmp(w[1], "Tunnel Pseudo-Interface") == 0)
		return cfg_err(x, "\"%s\" is the name of a pseudo-interface of the stack", w[1]);
	strcpy(ad.name, w[1]);
	if (strcmp(w[2], "ethernet") == 0) {
		ad.kind = NETCFG_IF_ETHERNET;
		if (netcfg_parse_mac(w[3], ad.mac) != NETCFG_OK)
			return cfg_err(x, "\"%s\" is not a MAC address (aa-bb-cc-dd-ee-ff)", w[3]);
	} else if (strcmp(w[2], "6over4") == 0) {
		ad.kind = NETCFG_IF_6OVER4;
		if (netcfg_parse_ipv4(w[3], &ad.v4) != NETCFG_OK || ad.v4.s_addr == 0)
			return cfg_err(x, "\"%s\" is not an IPv4 address", w[3]);
	} else {
		return cfg_err(x, "unknown adapter kind \"%s\" (ethernet or 6over4)", w[2]);
	}
	for (int i = 4; i < n; i += 2) {
		if (i + 1 >= n)
			return cfg_err(x, "\"%s\" needs a value", w[i]);
		uint32_t v;
		if (strcmp(w[i], "mtu") == 0) {
			if (netcfg_parse_uint(w[i + 1], 65535, &v) != NETCFG_OK || v < 1280)
				return cfg_err(x, "mtu \"%s\" is not between 1280 and 65535", w[i + 1]);
			ad.true_mtu = v;
		} else if (strcmp(w[i], "reachable") == 0) {
			if (netcfg_parse_uint(w[i + 1], 3600000, &v) != NETCFG_OK || v == 0)
				return cfg_err(x, "reachable \"%s\" is not a time in milliseconds (1 to 3600000)",
					       w[i + 1]);
			ad.reachable_ms = v;
		} else {
			return cfg_err(x, "unknown adapter option \"%s\" (mtu, reachable)", w[i]);
		}
	}
	struct adapter_cfg *v = realloc(c->adapters, (c->n_adapters + 1) * sizeof(*v));
	if (!v)
		return cfg_err(x, "out of memory");
	c->adapters = v;
	c->adapters[c->n_adapters++] = ad;
	c->adapters_declared = true;
	return 0;
}

static int parse_line(struct stackd_config *c, struct cfgctx *x, char **w, int n)
{
	char err[128];
	if (strcmp(w[0], "adapter") == 0)
		return parse_adapter(c, x, w, n);
	if (n != 2)
		return cfg_err(x, "\"%s\" takes exactly one value", w[0]);
	if (strcmp(w[0], "dataplane") == 0) {
		if (strcmp(w[1], "model") == 0)
			c->dataplane = DATAPLANE_MODEL;
		else if (strcmp(w[1], "linux") == 0)
			c->dataplane = DATAPLANE_LINUX;
		else
			return cfg_err(x, "unknown dataplane \"%s\" (model or linux)", w[1]);
	} else if (strcmp(w[0], "ipv4") == 0) {
		struct in_addr a;
		if (netcfg_parse_ipv4(w[1], &a) != NETCFG_OK || a.s_addr == 0)
			return cfg_err(x, "\"%s\" is not an IPv4 address", w[1]);
		struct in_addr *v = realloc(c->ipv4, (c->n_ipv4 + 1) * sizeof(*v));
		if (!v)
			return cfg_err(x, "out of memory");
		c->ipv4 = v;
		c->ipv4[c->n_ipv4++] = a;
	} else if (strcmp(w[0], "group") == 0) {
		if (config_parse_group(c, w[1], err, sizeof(err)) < 0)
			return cfg_err(x, "%s", err);
	} else if (strcmp(w[0], "max-frame") == 0) {
		uint32_t v;
		if (netcfg_parse_uint(w[1], UINT32_MAX, &v) != NETCFG_OK || v < 1024)
			return cfg_err(x, "max-frame \"%s\" is not a size in bytes (at least 1024)", w[1]);
		c->max_frame = v;
	} else if (strcmp(w[0], "clock") == 0) {
		if (strcmp(w[1], "test") == 0)
			c->test_clock = true;
		else if (strcmp(w[1], "real") == 0)
			c->test_clock = false;
		else
			return cfg_err(x, "unknown clock \"%s\" (real or test)", w[1]);
	} else if (strcmp(w[0], "log") == 0) {
		snprintf(c->log_path, sizeof(c->log_path), "%s", w[1]);
	} else if (strcmp(w[0], "netns") == 0) {
		if (!config_netns_name_ok(w[1]))
			return cfg_err(x, "\"%s\" is not a network namespace name", w[1]);
		strcpy(c->netns, w[1]);
	} else if (strcmp(w[0], "gai-conf") == 0) {
		if (w[1][0] != '/' || strlen(w[1]) >= sizeof(c->gai_conf))
			return cfg_err(x, "gai-conf \"%s\" is not an absolute path", w[1]);
		strcpy(c->gai_conf, w[1]);
	} else {
		return cfg_err(x, "unknown statement \"%s\"", w[0]);
	}
	return 0;
}

int config_load(struct stackd_config *c, const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "stackd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct cfgctx x = { .path = path };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		x.line++;
		if (len > CONFIG_LINE_MAX) {
			rc = cfg_err(&x, "line too long (more than %d bytes)", CONFIG_LINE_MAX);
			break;
		}
		if (memchr(line, '\0', (size_t)len)) {
			rc = cfg_err(&x, "a NUL byte in the line (not a text file?)");
			break;
		}
		char *w[MAX_WORDS];
		const char *why = NULL;
		int n = split(line, w, &why);
		if (n < 0)
			rc = cfg_err(&x, "%s", why);
		else if (n > 0)
			rc = parse_line(c, &x, w, n);
	}
	free(line);
	fclose(f);
	return rc;
}
