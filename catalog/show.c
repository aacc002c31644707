/* SPDX-License-Identifier: MIT */
/*
 * show.c - the `netsh winsock show catalog` layout, shared by `catalog
 * show` and netsh's winsock context: one block per entry, a 54-dash rule
 * under the title, "%-36s%s" fields, a blank line before every block;
 * transport entries first, then namespace providers.
 */
#include "catalog.h"

#include <stdarg.h>
#include <string.h>

static const char rule[] = "------------------------------------------------------";

void catalog_print_field(FILE *f, const char *label, const char *fmt, ...)
{
	char lab[64];
	va_list ap;
	snprintf(lab, sizeof(lab), "%s:", label);
	fprintf(f, "%-36s", lab);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

const char *catalog_categories_text(uint32_t categories, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	if (!categories) {
		snprintf(buf, size, "none");
		return buf;
	}
	for (int b = 0; b < 32; b++) {
		uint32_t bit = 1u << b;
		const char *name = netcfg_lsp_category_name(bit);
		if (!(categories & bit) || !name)
			continue;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? " " : "", name);
	}
	uint32_t unknown = categories & ~NETCFG_LSP_KNOWN;
	if (unknown)
		snprintf(buf + n, n < size ? size - n : 0, "%s0x%X", n ? " " : "", unknown);
	return buf;
}

bool catalog_entry_listed(const struct netcfg_catalog_entry *e, bool verbose)
{
	return verbose || e->info.chain_len != NETCFG_LAYERED_PROTOCOL;
}

void catalog_print_entry(FILE *f, const struct netcfg_catalog_entry *e, unsigned which, bool verbose)
{
	const struct netcfg_protocol_info *p = &e->info;
	char g[NETCFG_GUID_STRLEN], buf[256];
	fprintf(f, "\nWinsock Catalog Provider Entry\n%s\n", rule);
	catalog_print_field(f, "Entry Type", "%s%s", netcfg_entry_type_name(p->chain_len),
			    which == 32 ? "(32)" : "");
	catalog_print_field(f, "Description", "%s", p->description);
	catalog_print_field(f, "Provider ID", "%s", netcfg_guid_format(&p->provider_id, g));
	catalog_print_field(f, "Provider Path", "%s", e->path);
	catalog_print_field(f, "Catalog Entry ID", "%u", p->catalog_entry_id);
	catalog_print_field(f, "Version", "%d", p->version);
	catalog_print_field(f, "Address Family", "%d", p->address_family);
	catalog_print_field(f, "Max Address Length", "%d", p->max_sockaddr);
	catalog_print_field(f, "Min Address Length", "%d", p->min_sockaddr);
	catalog_print_field(f, "Socket Type", "%d", p->socket_type);
	catalog_print_field(f, "Protocol", "%d", p->protocol);
	catalog_print_field(f, "Service Flags", "0x%x", p->service_flags);
	catalog_print_field(f, "Protocol Chain Length", "%d", p->chain_len);
	if (!verbose)
		return;
	size_t n = 0;
	buf[0] = '\0';
	for (int k = 0; p->chain_len > 1 && k < p->chain_len; k++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%u", k ? " " : "", p->chain[k]);
	if (p->chain_len > 1)
		catalog_print_field(f, "Protocol Chain", "%s", buf);
	catalog_print_field(f, "Provider Flags", "0x%x", p->provider_flags);
	catalog_print_field(f, "Protocol Max Offset", "%d", p->protocol_max_offset);
	catalog_print_field(f, "Network Byte Order", "%s", p->network_byte_order == NETCFG_LITTLEENDIAN
							       ? "little-endian" : "big-endian");
	catalog_print_field(f, "Security Scheme", "%d", p->security_scheme);
	catalog_print_field(f, "Max Message Size", "%u", p->message_size);
	catalog_print_field(f, "Provider Reserved", "%u", p->provider_reserved);
	if (p->chain_len == NETCFG_LAYERED_PROTOCOL)
		catalog_print_field(f, "LSP Categories", "%s",
				    catalog_categories_text(e->categories, buf, sizeof(buf)));
	if (p->chain_len != NETCFG_BASE_PROTOCOL)
		catalog_print_field(f, "Enabled", "%d", e->enabled ? 1 : 0);
}

void catalog_print_ns(FILE *f, const struct netcfg_ns_provider *p, bool verbose)
{
	char g[NETCFG_GUID_STRLEN];
	fprintf(f, "\nName Space Provider Entry\n%s\n", rule);
	catalog_print_field(f, "Description", "%s", p->description);
	catalog_print_field(f, "Provider ID", "%s", netcfg_guid_format(&p->id, g));
	catalog_print_field(f, "Name Space", "%u", p->namespace_id);
	catalog_print_field(f, "Active", "%d", p->active ? 1 : 0);
	catalog_print_field(f, "Version", "%u", p->version);
	if (!verbose)
		return;
	catalog_print_field(f, "Provider Path", "%s", p->path);
	catalog_print_field(f, "Stores All Classes", "%d", p->stores_all ? 1 : 0);
	if (p->blob_len) {
		fprintf(f, "%-36s", "Provider Specific:");
		for (size_t i = 0; i < p->blob_len; i++)
			fprintf(f, "%02x", p->blob[i]);
		fputc('\n', f);
	}
}

void catalog_print(FILE *f, const struct netcfg_catalog *c, bool verbose)
{
	for (size_t i = 0; i < c->n_entries; i++)
		if (catalog_entry_listed(&c->entries[i], verbose))
			catalog_print_entry(f, &c->entries[i], c->catalog, verbose);
	for (size_t i = 0; i < c->n_ns; i++)
		catalog_print_ns(f, &c->ns[i], verbose);
	fputc('\n', f);
}
