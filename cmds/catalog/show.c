/* SPDX-License-Identifier: MIT */
/*
 * show.c - the read-only commands: show, events, resolve and verify.
 * Text comes from the shared block printer (catalog/show.c) and "%-36s"
 * fields; JSON from the catalog codec, so `-j` prints what the daemon sent.
 */
#include "catalog_tool.h"

#include "../../libnetcfg/codec_catalog.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int cmd_show(struct tool *t, int argc, char **argv)
{
	if (tool_options(t, &argc, argv, false) < 0)
		return EXIT_SYNTAX;
	if (argc > 0)
		return tool_syntax(t, "unexpected argument \"%s\"", argv[0]);
	if (!t->json) {
		/* printed as it is decoded: a large catalog is never held whole */
		struct catalog_printer p = { stdout, tool_catalog(t), t->verbose };
		const struct netcfg_catalog_walk walk = { NULL, catalog_printer_entry,
							  catalog_printer_ns, &p };
		if (netcfg_catalog_walk(tool_handle(t), tool_catalog(t), &walk) != NETCFG_OK)
			return tool_refused(t);
		putchar('\n');
		return 0;
	}
	struct netcfg_catalog c;
	if (netcfg_catalog_get(tool_handle(t), tool_catalog(t), &c) != NETCFG_OK)
		return tool_refused(t);
	struct jw w;
	jw_init(&w);
	catalog_write_json(&w, &c, t->verbose);
	tool_print_json(&w);
	jw_free(&w);
	netcfg_catalog_free(&c);
	return 0;
}

static const char *const event_names[] = {
	[NETCFG_EVENT_LSP_INSTALL] = "LSP install",
	[NETCFG_EVENT_LSP_REMOVE] = "LSP remove",
	[NETCFG_EVENT_LSP_DISABLE] = "LSP disable",
	[NETCFG_EVENT_CATALOG_RESET] = "Winsock catalog reset",
};

int cmd_events(struct tool *t, int argc, char **argv)
{
	if (tool_options(t, &argc, argv, false) < 0)
		return EXIT_SYNTAX;
	if (argc > 0)
		return tool_syntax(t, "unexpected argument \"%s\"", argv[0]);
	struct netcfg_catalog_event_list l;
	if (netcfg_catalog_events(tool_handle(t), t->mask ? tool_catalog(t) : 0, &l) != NETCFG_OK)
		return tool_refused(t);
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l.n; i++) {
		const struct netcfg_catalog_event *e = &l.v[i];
		char when[32], g[NETCFG_GUID_STRLEN];
		if (t->json) {
			codec_catalog_event_write(&w, e);
			continue;
		}
		time_t tt = (time_t)e->time;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		printf("\nWinsock Catalog Change Event\n------------------------------------------------------\n");
		catalog_print_field(stdout, "Event ID", "%u (%s)", e->id,
				    e->id < 5 ? event_names[e->id] : "?");
		catalog_print_field(stdout, "Level", "%u (Information)", e->level);
		catalog_print_field(stdout, "Time", "%s", when);
		if (e->id != NETCFG_EVENT_CATALOG_RESET)
			catalog_print_field(stdout, "LSP Name", "%s", e->lsp_name);
		catalog_print_field(stdout, "Catalog", "%u", e->catalog);
		if (e->id == NETCFG_EVENT_CATALOG_RESET)
			continue;
		catalog_print_field(stdout, "Installer", "%s", e->installer);
		catalog_print_field(stdout, "GUID", "%s", netcfg_guid_format(&e->guid, g));
		catalog_print_field(stdout, "Category", "%u", e->category);
	}
	jw_arr_end(&w);
	if (t->json)
		tool_print_json(&w);
	else if (l.n)
		putchar('\n');
	jw_free(&w);
	netcfg_catalog_events_free(&l);
	return 0;
}

/* "inet6", "AF_INET6", "23" */
static int parse_word(const char *s, const char *const *names, const int *values, size_t n,
		      const char *prefix, int *out)
{
	uint32_t v;
	if (netcfg_parse_uint(s, 65535, &v) == NETCFG_OK) {
		*out = (int)v;
		return 0;
	}
	size_t pl = strlen(prefix);
	if (strncasecmp(s, prefix, pl) == 0)
		s += pl;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(s, names[i]) == 0) {
			*out = values[i];
			return 0;
		}
	return -1;
}

int cmd_resolve(struct tool *t, int argc, char **argv)
{
	static const char *const fam_names[] = { "unspec", "inet", "inet6" };
	static const int fam_values[] = { 0, NETCFG_AF_INET, NETCFG_AF_INET6 };
	static const char *const type_names[] = { "stream", "dgram", "raw", "rdm", "seqpacket" };
	static const int type_values[] = { 1, 2, 3, 4, 5 };
	static const char *const proto_names[] = { "ip", "icmp", "igmp", "tcp", "udp", "ipv6",
						   "icmpv6", "raw" };
	static const int proto_values[] = { 0, 1, 2, 6, 17, 41, 58, 255 };
	if (tool_options(t, &argc, argv, false) < 0)
		return EXIT_SYNTAX;
	int n = argc;
	const char *app = t->app;
	if (n != 3)
		return tool_syntax(t, "give FAMILY TYPE PROTOCOL");
	int af, type, proto;
	if (parse_word(argv[0], fam_names, fam_values, 3, "AF_", &af) < 0)
		return tool_syntax(t, "\"%s\" is not an address family (inet, inet6 or a number)", argv[0]);
	if (parse_word(argv[1], type_names, type_values, 5, "SOCK_", &type) < 0)
		return tool_syntax(t, "\"%s\" is not a socket type (stream, dgram, raw, rdm, seqpacket "
				   "or a number)", argv[1]);
	if (parse_word(argv[2], proto_names, proto_values, 8, "IPPROTO_", &proto) < 0)
		return tool_syntax(t, "\"%s\" is not a protocol (tcp, udp, icmp, icmpv6 or a number)",
				   argv[2]);
	struct netcfg_catalog_resolution r;
	netcfg_t *h = tool_handle(t);
	if (netcfg_catalog_resolve(h, tool_catalog(t), af, type, proto, app, &r) != NETCFG_OK)
		return tool_refused(t);
	if (t->json) {
		struct jw w;
		jw_init(&w);
		codec_resolution_write(&w, &r);
		tool_print_json(&w);
		jw_free(&w);
		return r.wsa ? EXIT_REFUSED : 0;
	}
	if (r.wsa) {
		fprintf(stderr, "catalog: resolve: error %d (%s): %s\n", r.wsa, netcfg_wsa_name(r.wsa),
			r.reason);
		for (size_t i = 0; i < r.n_notes; i++)
			fprintf(stderr, "  passed over %s\n", r.notes[i]);
		return EXIT_REFUSED;
	}
	catalog_print_entry(stdout, &r.entry, tool_catalog(t), false);
	printf("\n");
	catalog_print_field(stdout, "Selected Because", "%s", r.reason);
	for (size_t i = 0; i < r.n_notes; i++)
		catalog_print_field(stdout, "Passed Over", "%s", r.notes[i]);
	return 0;
}

int cmd_verify(struct tool *t, int argc, char **argv)
{
	bool repair = false;
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--repair") == 0)
			repair = true;
		else
			return tool_syntax(t, "unexpected argument \"%s\"", argv[i]);
	}
	struct netcfg_catalog_findings f;
	if (netcfg_catalog_verify(tool_handle(t), tool_mask(t), repair, &f) != NETCFG_OK)
		return tool_refused(t);
	size_t left = 0, fixed = 0, fixable = 0;
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < f.n; i++) {
		const struct netcfg_catalog_finding *x = &f.v[i];
		if (x->repaired)
			fixed++;
		else
			left++;
		fixable += x->repairable && !x->repaired;
		if (t->json) {
			codec_finding_write(&w, x);
			continue;
		}
		printf("%u-bit catalog: %s\n", x->catalog, x->message);
		if (x->repaired)
			printf("  repaired: %s\n", x->repair);
		else
			printf("  repair: %s%s\n", x->repair,
			       x->repairable ? " (catalog verify --repair does this)" : "");
	}
	jw_arr_end(&w);
	if (t->json)
		tool_print_json(&w);
	else if (!f.n)
		printf("No problems found.\n");
	else
		printf("%zu problem%s found, %zu repaired, %zu left (%zu repairable with --repair).\n", f.n,
		       f.n == 1 ? "" : "s", fixed, left, fixable);
	jw_free(&w);
	netcfg_catalog_findings_free(&f);
	return left ? EXIT_REFUSED : 0;
}
