/* SPDX-License-Identifier: MIT */
/*
 * show.c - the `netsh winsock show catalog` layout, shared by `catalog
 * show` and netsh's winsock context: one block per entry, a 54-dash rule
 * under the title, "%-36s%s" fields, a blank line before every block;
 * transport entries first, then namespace providers.
 */
#include "catalog.h"

#include "../libnetcfg/codec_catalog.h"

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

/* ---- the blocks ------------------------------------------------------ */

/*
 * A block is put together in memory and written with one fwrite: with a
 * thousand entries, three formatted stdio calls per field were most of
 * the time `catalog show` took (bench row C1).  The text is the one
 * catalog_print_field() makes: "label:" padded to 36 columns, the value.
 */
struct block {
	FILE *f;
	size_t n;
	char buf[4096];
};

static void b_put(struct block *b, const char *s, size_t n)
{
	while (n) {
		if (b->n == sizeof(b->buf)) {
			fwrite(b->buf, 1, b->n, b->f);
			b->n = 0;
		}
		size_t k = sizeof(b->buf) - b->n < n ? sizeof(b->buf) - b->n : n;
		memcpy(b->buf + b->n, s, k);
		b->n += k;
		s += k;
		n -= k;
	}
}

static void b_str(struct block *b, const char *s)
{
	b_put(b, s, strlen(s));
}

static void b_flush(struct block *b)
{
	fwrite(b->buf, 1, b->n, b->f);
	b->n = 0;
}

static void b_label(struct block *b, const char *label)
{
	static const char blanks[] = "                                    ";   /* 36 */
	size_t n = strlen(label);
	b_put(b, label, n);
	b_put(b, ":", 1);
	if (n + 1 < sizeof(blanks) - 1)
		b_put(b, blanks, sizeof(blanks) - 1 - (n + 1));
}

static void b_field_str(struct block *b, const char *label, const char *value)
{
	b_label(b, label);
	b_str(b, value);
	b_put(b, "\n", 1);
}

/* "%u", "%d" and "0x%x" */
static void b_field_num(struct block *b, const char *label, long long v, bool hex)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = "0123456789abcdef"[hex ? u % 16 : u % 10];
		u = hex ? u / 16 : u / 10;
	} while (u);
	if (hex) {
		*--p = 'x';
		*--p = '0';
	} else if (v < 0) {
		*--p = '-';
	}
	b_label(b, label);
	b_put(b, p, (size_t)(digits + sizeof(digits) - p));
	b_put(b, "\n", 1);
}

static void b_title(struct block *b, const char *title)
{
	b_put(b, "\n", 1);
	b_str(b, title);
	b_put(b, "\n", 1);
	b_put(b, rule, sizeof(rule) - 1);
	b_put(b, "\n", 1);
}

void catalog_print_entry(FILE *f, const struct netcfg_catalog_entry *e, unsigned which, bool verbose)
{
	const struct netcfg_protocol_info *p = &e->info;
	char g[NETCFG_GUID_STRLEN], buf[256];
	struct block b = { .f = f };
	b_title(&b, "Winsock Catalog Provider Entry");
	b_label(&b, "Entry Type");
	b_str(&b, netcfg_entry_type_name(p->chain_len));
	b_str(&b, which == 32 ? "(32)\n" : "\n");
	b_field_str(&b, "Description", p->description);
	b_field_str(&b, "Provider ID", netcfg_guid_format(&p->provider_id, g));
	b_field_str(&b, "Provider Path", e->path);
	b_field_num(&b, "Catalog Entry ID", p->catalog_entry_id, false);
	b_field_num(&b, "Version", p->version, false);
	b_field_num(&b, "Address Family", p->address_family, false);
	b_field_num(&b, "Max Address Length", p->max_sockaddr, false);
	b_field_num(&b, "Min Address Length", p->min_sockaddr, false);
	b_field_num(&b, "Socket Type", p->socket_type, false);
	b_field_num(&b, "Protocol", p->protocol, false);
	b_field_num(&b, "Service Flags", p->service_flags, true);
	b_field_num(&b, "Protocol Chain Length", p->chain_len, false);
	if (verbose) {
		size_t n = 0;
		buf[0] = '\0';
		for (int k = 0; p->chain_len > 1 && k < p->chain_len; k++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%u", k ? " " : "", p->chain[k]);
		if (p->chain_len > 1)
			b_field_str(&b, "Protocol Chain", buf);
		b_field_num(&b, "Provider Flags", p->provider_flags, true);
		b_field_num(&b, "Protocol Max Offset", p->protocol_max_offset, false);
		b_field_str(&b, "Network Byte Order", p->network_byte_order == NETCFG_LITTLEENDIAN
							      ? "little-endian" : "big-endian");
		b_field_num(&b, "Security Scheme", p->security_scheme, false);
		b_field_num(&b, "Max Message Size", p->message_size, false);
		b_field_num(&b, "Provider Reserved", p->provider_reserved, false);
		if (p->chain_len == NETCFG_LAYERED_PROTOCOL)
			b_field_str(&b, "LSP Categories",
				    catalog_categories_text(e->categories, buf, sizeof(buf)));
		if (p->chain_len != NETCFG_BASE_PROTOCOL)
			b_field_num(&b, "Enabled", e->enabled ? 1 : 0, false);
	}
	b_flush(&b);
}

void catalog_print_ns(FILE *f, const struct netcfg_ns_provider *p, bool verbose)
{
	static const char hex[] = "0123456789abcdef";
	char g[NETCFG_GUID_STRLEN];
	struct block b = { .f = f };
	b_title(&b, "Name Space Provider Entry");
	b_field_str(&b, "Description", p->description);
	b_field_str(&b, "Provider ID", netcfg_guid_format(&p->id, g));
	b_field_num(&b, "Name Space", p->namespace_id, false);
	b_field_num(&b, "Active", p->active ? 1 : 0, false);
	b_field_num(&b, "Version", p->version, false);
	if (verbose) {
		b_field_str(&b, "Provider Path", p->path);
		b_field_num(&b, "Stores All Classes", p->stores_all ? 1 : 0, false);
		if (p->blob_len) {
			b_label(&b, "Provider Specific");
			for (size_t i = 0; i < p->blob_len && i < sizeof(p->blob); i++) {
				char x[2] = { hex[p->blob[i] >> 4], hex[p->blob[i] & 15] };
				b_put(&b, x, 2);
			}
			b_put(&b, "\n", 1);
		}
	}
	b_flush(&b);
}

int catalog_printer_entry(void *arg, const struct netcfg_catalog_entry *e)
{
	const struct catalog_printer *p = arg;
	if (catalog_entry_listed(e, p->verbose))
		catalog_print_entry(p->f, e, p->which, p->verbose);
	return NETCFG_OK;   /* a failed write shows when the output is flushed */
}

int catalog_printer_ns(void *arg, const struct netcfg_ns_provider *ns)
{
	const struct catalog_printer *p = arg;
	catalog_print_ns(p->f, ns, p->verbose);
	return NETCFG_OK;
}

void catalog_print(FILE *f, const struct netcfg_catalog *c, bool verbose)
{
	struct catalog_printer p = { f, c->catalog, verbose };
	for (size_t i = 0; i < c->n_entries; i++)
		catalog_printer_entry(&p, &c->entries[i]);
	for (size_t i = 0; i < c->n_ns; i++)
		catalog_printer_ns(&p, &c->ns[i]);
	fputc('\n', f);
}

void catalog_write_json(struct jw *w, const struct netcfg_catalog *c, bool verbose)
{
	jw_obj_begin(w);
	jw_kuint(w, "catalog", c->catalog);
	jw_kuint(w, "generation", c->generation);
	jw_key(w, "entries");
	jw_arr_begin(w);
	for (size_t i = 0; i < c->n_entries; i++)
		if (catalog_entry_listed(&c->entries[i], verbose))
			codec_catalog_entry_write(w, &c->entries[i]);
	jw_arr_end(w);
	jw_key(w, "namespaces");
	jw_arr_begin(w);
	for (size_t i = 0; i < c->n_ns; i++)
		codec_ns_provider_write(w, &c->ns[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

void catalog_print_reset(FILE *f, const char *backup)
{
	fprintf(f, "Successfully reset the Winsock Catalog.\n"
		"The previous catalog is kept in %s.\n"
		"Programs started from now on use the reset catalog.\n", backup);
}
