/* SPDX-License-Identifier: MIT */
/*
 * change.c - the commands that change the catalog: install, update,
 * remove, order, enable, disable, ns, category and reset.  A command that
 * makes several changes sends them as one batch: all or nothing.
 */
#include "catalog_tool.h"

#include "../../libnetcfg/codec_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int commit(struct tool *t)
{
	size_t failed;
	return netcfg_batch_commit(tool_handle(t), &failed) == NETCFG_OK ? 0 : tool_refused(t);
}

/* The ids a provider GUID has in catalog which, in catalog order. */
static void print_installed(struct tool *t, struct jw *w, unsigned which, const struct desc_provider *p)
{
	struct netcfg_catalog c;
	char g[NETCFG_GUID_STRLEN];
	if (netcfg_catalog_get(tool_handle(t), which, &c) != NETCFG_OK)
		return;
	netcfg_guid_format(&p->p.provider_id, g);
	if (t->json) {
		jw_obj_begin(w);
		jw_kuint(w, "catalog", which);
		jw_kstr(w, "provider_id", g);
		jw_key(w, "ids");
		jw_arr_begin(w);
	} else {
		printf("%s %s: %u-bit catalog entries", p->name[0] ? p->name : "provider", g, which);
	}
	for (size_t i = 0; i < c.n_entries; i++) {
		const struct netcfg_protocol_info *e = &c.entries[i].info;
		if (!netcfg_guid_equal(&e->provider_id, &p->p.provider_id))
			continue;
		if (t->json)
			jw_uint(w, e->catalog_entry_id);
		else
			printf(" %u (%s)", e->catalog_entry_id, codec_entry_kind(e->chain_len));
	}
	if (t->json) {
		jw_arr_end(w);
		jw_obj_end(w);
	} else {
		putchar('\n');
	}
	netcfg_catalog_free(&c);
}

static int install_or_update(struct tool *t, int argc, char **argv, bool update)
{
	bool dry = false;
	const char *file = NULL;
	for (int i = 0; i < argc; i++) {
		if (!update && strcmp(argv[i], "--dry-run") == 0)
			dry = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return tool_syntax(t, "unknown option \"%s\"", argv[i]);
		else if (file)
			return tool_syntax(t, "unexpected argument \"%s\"", argv[i]);
		else
			file = argv[i];
	}
	if (!file)
		return tool_syntax(t, "give a provider description FILE");
	struct desc_file f;
	if (desc_load(t, file, &f) < 0)
		return EXIT_SYNTAX;
	netcfg_t *h = tool_handle(t);
	int rc = 0;
	unsigned mask = tool_mask(t);
	if (!dry && netcfg_batch_begin(h) != NETCFG_OK) {
		desc_free(&f);
		return tool_refused(t);
	}
	for (unsigned which = 32; which <= 64 && !rc; which += 32) {
		if (!(mask & netcfg_catalog_bit(which)))
			continue;
		struct netcfg_catalog c;
		if (netcfg_catalog_get(h, which, &c) != NETCFG_OK) {
			rc = tool_refused(t);
			break;
		}
		for (size_t k = 0; k < f.n_prov && !rc; k++) {
			struct desc_provider *p = &f.prov[k];
			if (desc_resolve(t, &f, p, &c) < 0) {
				rc = EXIT_SYNTAX;
				break;
			}
			if (dry) {
				char g[NETCFG_GUID_STRLEN];
				printf("Provider %s %s (%s, %zu entries, %u-bit catalog)\n",
				       p->name[0] ? p->name : "", netcfg_guid_format(&p->p.provider_id, g),
				       f.format, p->n, which);
				fputs(p->notes, stdout);
				for (size_t i = 0; i < p->n; i++) {
					struct netcfg_catalog_entry e = { .info = p->p.entries[i],
									  .enabled = true };
					e.info.provider_id = p->p.provider_id;
					snprintf(e.path, sizeof(e.path), "%s", p->p.path);
					if (e.info.chain_len == 0)
						e.categories = p->p.categories;
					catalog_print_entry(stdout, &e, which, true);
				}
				printf("\n");
				continue;
			}
			int r = update ? netcfg_catalog_update(h, netcfg_catalog_bit(which), &p->p)
				       : netcfg_catalog_install(h, netcfg_catalog_bit(which), &p->p, NULL, NULL);
			if (r != NETCFG_OK)
				rc = tool_refused(t);
		}
		for (size_t k = 0; k < f.n_ns && !rc && !dry; k++)
			if (!update && netcfg_ns_install(h, netcfg_catalog_bit(which), &f.ns[k]) != NETCFG_OK)
				rc = tool_refused(t);
		netcfg_catalog_free(&c);
	}
	if (dry) {
		desc_free(&f);
		return rc;
	}
	if (rc) {
		netcfg_batch_abort(h);
		desc_free(&f);
		return rc;
	}
	if ((rc = commit(t))) {
		desc_free(&f);
		return rc;
	}
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (unsigned which = 32; which <= 64; which += 32)
		for (size_t k = 0; k < f.n_prov && (mask & netcfg_catalog_bit(which)); k++)
			print_installed(t, &w, which, &f.prov[k]);
	jw_arr_end(&w);
	if (t->json)
		tool_print_json(&w);
	jw_free(&w);
	desc_free(&f);
	return 0;
}

int cmd_install(struct tool *t, int argc, char **argv)
{
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	return install_or_update(t, argc, argv, false);
}

static int parse_u32(const struct tool *t, const char *opt, const char *s, uint32_t *v)
{
	char *end;
	unsigned long long x = strtoull(s, &end, 0);
	if (!*s || *end || x > UINT32_MAX || s[0] == '-')
		return tool_syntax(t, "%s \"%s\" is not a number (decimal or 0x hexadecimal)", opt, s);
	*v = (uint32_t)x;
	return 0;
}

int cmd_update(struct tool *t, int argc, char **argv)
{
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	uint32_t id;
	if (argc < 1 || netcfg_parse_uint(argv[0], UINT32_MAX, &id) != NETCFG_OK || !id)
		return install_or_update(t, argc, argv, true);
	struct netcfg_catalog_entry v;
	unsigned fields = 0;
	memset(&v, 0, sizeof(v));
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!val)
			return tool_syntax(t, "%s needs a value", o);
		i++;
		if (strcmp(o, "--path") == 0) {
			if (snprintf(v.path, sizeof(v.path), "%s", val) >= (int)sizeof(v.path))
				return tool_syntax(t, "--path: too long");
			fields |= NETCFG_UPDATE_PATH;
		} else if (strcmp(o, "--description") == 0) {
			if (snprintf(v.info.description, sizeof(v.info.description), "%s", val) >=
			    (int)sizeof(v.info.description))
				return tool_syntax(t, "--description: longer than 255 bytes");
			fields |= NETCFG_UPDATE_DESCRIPTION;
		} else if (strcmp(o, "--service-flags") == 0) {
			if (parse_u32(t, o, val, &v.info.service_flags))
				return EXIT_SYNTAX;
			fields |= NETCFG_UPDATE_SERVICE_FLAGS;
		} else if (strcmp(o, "--provider-flags") == 0) {
			if (parse_u32(t, o, val, &v.info.provider_flags))
				return EXIT_SYNTAX;
			fields |= NETCFG_UPDATE_PROVIDER_FLAGS;
		} else if (strcmp(o, "--message-size") == 0) {
			if (parse_u32(t, o, val, &v.info.message_size))
				return EXIT_SYNTAX;
			fields |= NETCFG_UPDATE_MESSAGE_SIZE;
		} else {
			return tool_syntax(t, "unknown option \"%s\"", o);
		}
	}
	if (!fields)
		return tool_syntax(t, "nothing to update: give --path, --description, --service-flags, "
				   "--provider-flags or --message-size");
	if (netcfg_catalog_update_entry(tool_handle(t), tool_mask(t), id, fields, &v) != NETCFG_OK)
		return tool_refused(t);
	return 0;
}

int cmd_remove(struct tool *t, int argc, char **argv)
{
	bool force = false, by_guid;
	const char *target = NULL;
	struct netcfg_guid g;
	uint32_t id;
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = true;
		else if (target)
			return tool_syntax(t, "unexpected argument \"%s\"", argv[i]);
		else
			target = argv[i];
	}
	if (!target)
		return tool_syntax(t, "give a provider GUID or a catalog entry id");
	if (tool_target(t, target, &g, &by_guid, &id))
		return EXIT_SYNTAX;
	if (netcfg_catalog_remove(tool_handle(t), tool_mask(t), by_guid ? &g : NULL, id, force) != NETCFG_OK)
		return tool_refused(t);
	return 0;
}

int cmd_order(struct tool *t, int argc, char **argv)
{
	if (tool_options(t, &argc, argv, false) < 0)
		return EXIT_SYNTAX;
	if (argc < 1)
		return tool_syntax(t, "give every catalog entry id, in the new order");
	uint32_t *ids = calloc((size_t)argc, sizeof(*ids));
	if (!ids)
		return tool_syntax(t, "out of memory");
	for (int i = 0; i < argc; i++)
		if (netcfg_parse_uint(argv[i], UINT32_MAX, &ids[i]) != NETCFG_OK || !ids[i]) {
			free(ids);
			return tool_syntax(t, "\"%s\" is not a catalog entry id", argv[i]);
		}
	int rc = netcfg_catalog_order(tool_handle(t), tool_catalog(t), ids, (size_t)argc);
	free(ids);
	return rc == NETCFG_OK ? 0 : tool_refused(t);
}

static int enable(struct tool *t, int argc, char **argv, bool on)
{
	struct netcfg_guid g;
	bool by_guid;
	uint32_t id;
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	if (argc != 1)
		return tool_syntax(t, "give one provider GUID or catalog entry id");
	if (tool_target(t, argv[0], &g, &by_guid, &id))
		return EXIT_SYNTAX;
	if (netcfg_catalog_enable(tool_handle(t), tool_mask(t), by_guid ? &g : NULL, id, on) != NETCFG_OK)
		return tool_refused(t);
	return 0;
}

int cmd_enable(struct tool *t, int argc, char **argv)
{
	return enable(t, argc, argv, true);
}

int cmd_disable(struct tool *t, int argc, char **argv)
{
	return enable(t, argc, argv, false);
}

int cmd_reset(struct tool *t, int argc, char **argv)
{
	char backup[4096];
	if (tool_options(t, &argc, argv, true) < 0)
		return EXIT_SYNTAX;
	if (argc > 0)
		return tool_syntax(t, "unexpected argument \"%s\"", argv[0]);
	if (netcfg_catalog_reset(tool_handle(t), tool_mask(t), backup, sizeof(backup)) != NETCFG_OK)
		return tool_refused(t);
	if (t->json) {
		struct jw w;
		jw_init(&w);
		jw_obj_begin(&w);
		jw_kstr(&w, "backup", backup);
		jw_obj_end(&w);
		tool_print_json(&w);
		jw_free(&w);
		return 0;
	}
	catalog_print_reset(stdout, backup);
	return 0;
}

/* ---- namespace providers ------------------------------------------- */

static int ns_install_options(struct tool *t, int argc, char **argv, struct netcfg_ns_provider *p)
{
	bool have_guid = false, have_ns = false;
	memset(p, 0, sizeof(*p));
	p->active = true;
	p->version = 1;
	for (int i = 0; i < argc; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--stores-all") == 0) {
			p->stores_all = true;
			continue;
		}
		if (strcmp(o, "--inactive") == 0) {
			p->active = false;
			continue;
		}
		if (i + 1 >= argc)
			return tool_syntax(t, "%s needs a value", o);
		const char *v = argv[++i];
		if (strcmp(o, "--guid") == 0) {
			if (netcfg_guid_parse(v, &p->id) != NETCFG_OK)
				return tool_syntax(t, "--guid \"%s\" is not a GUID", v);
			have_guid = true;
		} else if (strcmp(o, "--namespace") == 0) {
			if (parse_u32(t, o, v, &p->namespace_id))
				return EXIT_SYNTAX;
			have_ns = true;
		} else if (strcmp(o, "--version") == 0) {
			if (parse_u32(t, o, v, &p->version))
				return EXIT_SYNTAX;
		} else if (strcmp(o, "--path") == 0) {
			snprintf(p->path, sizeof(p->path), "%s", v);
		} else if (strcmp(o, "--description") == 0) {
			snprintf(p->description, sizeof(p->description), "%s", v);
		} else if (strcmp(o, "--blob") == 0) {
			size_t n = strlen(v);
			if (n % 2 || n / 2 > NETCFG_NS_BLOB_MAX)
				return tool_syntax(t, "--blob: give up to %d bytes as hexadecimal digits",
						   NETCFG_NS_BLOB_MAX);
			for (size_t k = 0; k < n; k += 2) {
				unsigned b;
				if (sscanf(v + k, "%2x", &b) != 1)
					return tool_syntax(t, "--blob: \"%s\" is not hexadecimal", v);
				p->blob[k / 2] = (uint8_t)b;
			}
			p->blob_len = (uint16_t)(n / 2);
		} else {
			return tool_syntax(t, "unknown option \"%s\"", o);
		}
	}
	if (!have_guid || !have_ns || !p->path[0] || !p->description[0])
		return tool_syntax(t, "give --guid, --namespace, --path and --description (or a FILE)");
	return 0;
}

int cmd_ns(struct tool *t, int argc, char **argv)
{
	if (argc < 1)
		return tool_syntax(t, "give install, remove, enable, disable or order");
	const char *sub = argv[0];
	static char name[32];
	snprintf(name, sizeof(name), "ns %s", sub);
	t->cmd = name;
	argc--;
	argv++;
	bool one = strcmp(sub, "order") == 0;
	if (tool_options(t, &argc, argv, !one) < 0)
		return EXIT_SYNTAX;
	netcfg_t *h;
	if (strcmp(sub, "install") == 0) {
		struct netcfg_ns_provider p;
		if (argc == 1 && argv[0][0] != '-') {
			struct desc_file f;
			if (desc_load(t, argv[0], &f) < 0)
				return EXIT_SYNTAX;
			if (!f.n_ns || f.n_prov) {
				desc_free(&f);
				return tool_syntax(t, "%s: describe namespace providers only (install "
						   "transport providers with catalog install)", argv[0]);
			}
			h = tool_handle(t);
			int rc = netcfg_batch_begin(h);
			for (size_t k = 0; k < f.n_ns && rc == NETCFG_OK; k++)
				rc = netcfg_ns_install(h, tool_mask(t), &f.ns[k]);
			desc_free(&f);
			if (rc != NETCFG_OK) {
				netcfg_batch_abort(h);
				return tool_refused(t);
			}
			return commit(t);
		}
		if (ns_install_options(t, argc, argv, &p))
			return EXIT_SYNTAX;
		if (netcfg_ns_install(tool_handle(t), tool_mask(t), &p) != NETCFG_OK)
			return tool_refused(t);
		return 0;
	}
	if (strcmp(sub, "order") == 0) {
		if (argc < 1)
			return tool_syntax(t, "give every namespace provider GUID, in the new order");
		struct netcfg_guid *ids = calloc((size_t)argc, sizeof(*ids));
		if (!ids)
			return tool_syntax(t, "out of memory");
		for (int i = 0; i < argc; i++)
			if (netcfg_guid_parse(argv[i], &ids[i]) != NETCFG_OK) {
				free(ids);
				return tool_syntax(t, "\"%s\" is not a GUID", argv[i]);
			}
		int rc = netcfg_ns_order(tool_handle(t), tool_catalog(t), ids, (size_t)argc);
		free(ids);
		return rc == NETCFG_OK ? 0 : tool_refused(t);
	}
	bool rm = strcmp(sub, "remove") == 0, en = strcmp(sub, "enable") == 0;
	if (!rm && !en && strcmp(sub, "disable") != 0)
		return tool_syntax(t, "unknown command (give install, remove, enable, disable or order)");
	struct netcfg_guid g;
	if (argc != 1)
		return tool_syntax(t, "give one namespace provider GUID");
	if (netcfg_guid_parse(argv[0], &g) != NETCFG_OK)
		return tool_syntax(t, "\"%s\" is not a GUID", argv[0]);
	h = tool_handle(t);
	int rc = rm ? netcfg_ns_remove(h, tool_mask(t), &g) : netcfg_ns_enable(h, tool_mask(t), &g, en);
	return rc == NETCFG_OK ? 0 : tool_refused(t);
}

/* ---- categories ---------------------------------------------------- */

static int category_show(struct tool *t, const char *target, const char *app)
{
	netcfg_t *h = tool_handle(t);
	struct netcfg_catalog c;
	struct netcfg_app_category_list apps;
	char buf[256], g[NETCFG_GUID_STRLEN];
	struct netcfg_guid want;
	bool by_guid = false;
	uint32_t id = 0;
	if (target && tool_target(t, target, &want, &by_guid, &id))
		return EXIT_SYNTAX;
	if (netcfg_catalog_get(h, tool_catalog(t), &c) != NETCFG_OK)
		return tool_refused(t);
	if (netcfg_catalog_app_categories(h, &apps) != NETCFG_OK) {
		netcfg_catalog_free(&c);
		return tool_refused(t);
	}
	/* the daemon's own matching of application names */
	struct catalog_state s;
	catalog_state_init(&s);
	s.apps = apps.v;
	s.n_apps = apps.n;
	uint32_t app_cats = 0;
	bool categorized = app && catalog_app_lookup(&s, app, &app_cats);
	struct jw w;
	jw_init(&w);
	jw_obj_begin(&w);
	int rc = 0;
	size_t shown = 0;
	if (!app) {
		jw_key(&w, "providers");
		jw_arr_begin(&w);
		for (size_t i = 0; i < c.n_entries; i++) {
			const struct netcfg_catalog_entry *e = &c.entries[i];
			if (e->info.chain_len != NETCFG_LAYERED_PROTOCOL)
				continue;
			if (target && (by_guid ? !netcfg_guid_equal(&e->info.provider_id, &want)
					       : e->info.catalog_entry_id != id))
				continue;
			shown++;
			netcfg_guid_format(&e->info.provider_id, g);
			catalog_categories_text(e->categories, buf, sizeof(buf));
			if (t->json) {
				jw_obj_begin(&w);
				jw_kuint(&w, "id", e->info.catalog_entry_id);
				jw_kstr(&w, "provider_id", g);
				jw_kstr(&w, "description", e->info.description);
				jw_kuint(&w, "categories", e->categories);
				jw_obj_end(&w);
			} else {
				printf("%u %s %s: %s (0x%X)\n", e->info.catalog_entry_id, g,
				       e->info.description, buf, e->categories);
			}
		}
		jw_arr_end(&w);
		if (target && !shown) {
			bool any = false;
			for (size_t i = 0; i < c.n_entries && !any; i++)
				any = by_guid ? netcfg_guid_equal(&c.entries[i].info.provider_id, &want)
					      : c.entries[i].info.catalog_entry_id == id;
			if (any)
				fprintf(stderr, "catalog: category show: error %d (WSAEINVAL): %s is not a "
					"layered provider; only those have categories\n", NETCFG_WSAEINVAL,
					target);
			else
				fprintf(stderr, "catalog: category show: error %d (WSAEINVALIDPROVIDER): no "
					"provider %s in the %u-bit catalog\n", NETCFG_WSAEINVALIDPROVIDER,
					target, c.catalog);
			rc = EXIT_REFUSED;
		}
	}
	if (!target && !app && !rc) {
		jw_key(&w, "applications");
		jw_arr_begin(&w);
		for (size_t i = 0; i < apps.n; i++) {
			if (t->json)
				codec_app_category_write(&w, &apps.v[i]);
			else
				printf("application %s: %s (0x%X)\n", apps.v[i].app,
				       catalog_categories_text(apps.v[i].categories, buf, sizeof(buf)),
				       apps.v[i].categories);
		}
		jw_arr_end(&w);
	}
	if (app) {
		jw_kstr(&w, "app", app);
		jw_kbool(&w, "categorized", categorized);
		jw_kuint(&w, "categories", app_cats);
		if (!t->json) {
			catalog_print_field(stdout, "Application", "%s", app);
			catalog_print_field(stdout, "Categories", "%s (0x%X)",
					    categorized ? catalog_categories_text(app_cats, buf, sizeof(buf))
							: "not categorized: every LSP loads", app_cats);
		}
		jw_key(&w, "loads");
		jw_arr_begin(&w);
		for (size_t i = 0; i < c.n_entries; i++) {
			const struct netcfg_catalog_entry *e = &c.entries[i];
			if (e->info.chain_len != NETCFG_LAYERED_PROTOCOL || !e->enabled ||
			    !netcfg_lsp_loads(categorized ? app_cats : 0, e->categories))
				continue;
			if (t->json)
				jw_uint(&w, e->info.catalog_entry_id);
			else
				catalog_print_field(stdout, "Loads", "%u (%s)", e->info.catalog_entry_id,
						    e->info.description);
		}
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	if (t->json && !rc)
		tool_print_json(&w);
	jw_free(&w);
	netcfg_catalog_free(&c);
	netcfg_catalog_app_categories_free(&apps);
	return rc;
}

int cmd_category(struct tool *t, int argc, char **argv)
{
	if (argc < 1)
		return tool_syntax(t, "give set or show");
	const char *sub = argv[0];
	bool set = strcmp(sub, "set") == 0;
	if (!set && strcmp(sub, "show") != 0)
		return tool_syntax(t, "unknown command \"%s\" (give set or show)", sub);
	t->cmd = set ? "category set" : "category show";
	argc--;
	argv++;
	if (tool_options(t, &argc, argv, set) < 0)
		return EXIT_SYNTAX;
	int n = argc;
	const char *app = t->app;
	if (!set) {
		if (n > (app ? 0 : 1))
			return tool_syntax(t, "unexpected argument \"%s\"", argv[n - 1]);
		return category_show(t, n ? argv[0] : NULL, app);
	}
	if (n != (app ? 1 : 2))
		return tool_syntax(t, "give GUID|ID CATEGORIES, or --app NAME CATEGORIES");
	uint32_t cats;
	const char *text = argv[n - 1];
	if (netcfg_lsp_categories_parse(text, &cats) != NETCFG_OK)
		return tool_syntax(t, "\"%s\" is not a list of LSP categories (e.g. "
				   "LSP_FIREWALL|LSP_SYSTEM, inspector,proxy, 0x8, none)", text);
	netcfg_t *h = tool_handle(t);
	int rc;
	if (app) {
		rc = netcfg_catalog_set_app_categories(h, app, cats);
	} else {
		struct netcfg_guid g;
		bool by_guid;
		uint32_t id;
		if (tool_target(t, argv[0], &g, &by_guid, &id))
			return EXIT_SYNTAX;
		rc = netcfg_catalog_set_categories(h, tool_mask(t), by_guid ? &g : NULL, id, cats);
	}
	return rc == NETCFG_OK ? 0 : tool_refused(t);
}
