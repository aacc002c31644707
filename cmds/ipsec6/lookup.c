/* SPDX-License-Identifier: MIT */
/*
 * lookup.c - ipsec6 lookup: which policy and which SAs would handle a
 * flow, asked of the daemon's databases.  With -f FILE, one flow per
 * line, all in one request.
 */
#include "ipsec6.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FLOWS_FILE_MAX (64u << 20)

/* Parse "src A dst B [proto P] [sport N] [dport N] [if N] [dir in|out]";
 * NULL, or what is wrong (why holds it). */
static const char *parse_flow(int argc, char **argv, struct netcfg_ipsec_flow *f, char *why,
			      size_t size)
{
	bool have_src = false, have_dst = false;
	memset(f, 0, sizeof(*f));
	f->protocol = -1;
	f->direction = NETCFG_IPSEC_OUTBOUND;
	for (int i = 0; i < argc; i++) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint32_t n;
		if (!v) {
			snprintf(why, size, "\"%s\" needs a value", k);
			return why;
		}
		i++;
		if (strcmp(k, "src") == 0 || strcmp(k, "dst") == 0) {
			bool src = k[0] == 's';
			if (netcfg_parse_addr(v, src ? &f->src : &f->dst, NULL) != NETCFG_OK) {
				snprintf(why, size, "%s \"%s\" is not an IPv6 address", k, v);
				return why;
			}
			*(src ? &have_src : &have_dst) = true;
		} else if (strcmp(k, "proto") == 0) {
			struct netcfg_num_sel p;
			if (netcfg_proto_sel_parse(v, false, &p) != NETCFG_OK || p.kind != NETCFG_SEL_ONE) {
				snprintf(why, size, "proto \"%s\" is not TCP, UDP, ICMP or a protocol number", v);
				return why;
			}
			f->protocol = (int)p.lo;
		} else if (strcmp(k, "sport") == 0 || strcmp(k, "dport") == 0) {
			if (netcfg_parse_uint(v, 65535, &n) != NETCFG_OK || !n) {
				snprintf(why, size, "%s \"%s\" is not a port (1-65535)", k, v);
				return why;
			}
			*(k[0] == 's' ? &f->sport : &f->dport) = n;
		} else if (strcmp(k, "if") == 0) {
			if (netcfg_parse_uint(v, UINT32_MAX, &f->ifindex) != NETCFG_OK) {
				snprintf(why, size, "if \"%s\" is not an interface number", v);
				return why;
			}
		} else if (strcmp(k, "dir") == 0) {
			if (strcasecmp(v, "in") == 0 || strcasecmp(v, "inbound") == 0)
				f->direction = NETCFG_IPSEC_INBOUND;
			else if (strcasecmp(v, "out") == 0 || strcasecmp(v, "outbound") == 0)
				f->direction = NETCFG_IPSEC_OUTBOUND;
			else {
				snprintf(why, size, "dir \"%s\" is not in or out", v);
				return why;
			}
		} else {
			snprintf(why, size, "unknown keyword \"%s\"", k);
			return why;
		}
	}
	if (!have_src || !have_dst) {
		snprintf(why, size, "a flow needs src and dst");
		return why;
	}
	if ((f->sport || f->dport) && f->protocol < 0) {
		snprintf(why, size, "ports need a protocol (proto tcp or udp)");
		return why;
	}
	return NULL;
}

/* The flows of a file, one per line (blank lines and # comments aside). */
static int read_flows(struct ipsec6_ctx *c, const char *path, struct netcfg_ipsec_flow **out,
		      size_t *n)
{
	char *text, err[4200];
	size_t len, cap = 0;
	*out = NULL;
	*n = 0;
	if (ipsec_read_file(path, FLOWS_FILE_MAX, &text, &len, err, sizeof(err)) < 0)
		return ipsec6_fail(c, "%s", err);
	int rc = 0;
	unsigned line = 0;
	for (char *save = NULL, *l = text; !rc && l; l = save) {
		char *nl = strchr(l, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		line++;
		char *hash = strchr(l, '#');
		if (hash)
			*hash = '\0';
		char *argv[32], *tok_save = NULL;
		int argc = 0;
		for (char *t = strtok_r(l, " \t\r", &tok_save); t; t = strtok_r(NULL, " \t\r", &tok_save)) {
			if (argc == 32) {
				rc = ipsec6_fail(c, "%s:%u: too many words for a flow", path, line);
				break;
			}
			argv[argc++] = t;
		}
		if (rc || !argc)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			struct netcfg_ipsec_flow *v = realloc(*out, cap * sizeof(*v));
			if (!v) {
				rc = ipsec6_fail(c, "out of memory");
				break;
			}
			*out = v;
		}
		char why[200];
		if (parse_flow(argc, argv, &(*out)[*n], why, sizeof(why)))
			rc = ipsec6_fail(c, "%s:%u: %s", path, line, why);
		else
			(*n)++;
	}
	free(text);
	if (!rc && !*n)
		rc = ipsec6_fail(c, "%s holds no flow", path);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int cmd_lookup(struct ipsec6_ctx *c, int argc, char **argv)
{
	struct netcfg_ipsec_flow one, *flows = &one;
	size_t n = 1;
	char why[200];
	int rc = 0;
	if (argc >= 1 && strcmp(argv[0], "-f") == 0) {
		if (argc != 2)
			return ipsec6_usage_error(c, argc < 2 ? "-f needs a file" : "unexpected argument \"%s\"",
						  argc < 2 ? "" : argv[2]);
		if ((rc = read_flows(c, argv[1], &flows, &n)))
			return rc;
	} else if (parse_flow(argc, argv, &one, why, sizeof(why))) {
		return ipsec6_usage_error(c, "%s", why);
	}
	struct netcfg_ipsec_verdict *v = calloc(n, sizeof(*v));
	if (!v)
		rc = ipsec6_fail(c, "out of memory");
	else if (netcfg_ipsec_lookup(ipsec6_handle(c), flows, n, v) != NETCFG_OK)
		rc = ipsec6_stack_error(c, NULL);
	else
		c->out->verdicts(flows, v, n);
	free(v);
	if (flows != &one)
		free(flows);
	return rc;
}
