/* SPDX-License-Identifier: MIT */
/*
 * test_catalog_show.c - the `show catalog` blocks and the transport entry
 * codec at their edges: every field of a block is the "%-36s%s" line of
 * catalog_print_field() (negative numbers, the largest ids, hex flags,
 * chains, unknown category bits, the 32-bit catalog, namespace blobs), and
 * an entry survives the codec whatever order its members come in, while a
 * bad member is still named.
 */
#include "unit.h"

#include "../../catalog/catalog.h"
#include "../../libnetcfg/codec_catalog.h"

#include <stdarg.h>
#include <stdlib.h>

static char *capture_entry(const struct netcfg_catalog_entry *e, unsigned which, bool verbose)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	catalog_print_entry(f, e, which, verbose);
	fclose(f);
	return text;
}

static char *capture_ns(const struct netcfg_ns_provider *p, bool verbose)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	catalog_print_ns(f, p, verbose);
	fclose(f);
	return text;
}

/* The expected block, field by field, through the reference formatter. */
struct expect {
	FILE *f;
	char *text;
	size_t len;
};

static void expect_begin(struct expect *x, const char *title)
{
	x->text = NULL;
	x->f = open_memstream(&x->text, &x->len);
	fprintf(x->f, "\n%s\n------------------------------------------------------\n", title);
}

#define FIELD(x, label, ...) catalog_print_field((x)->f, label, __VA_ARGS__)

static char *expect_end(struct expect *x)
{
	fclose(x->f);
	return x->text;
}

static struct netcfg_catalog_entry odd_entry(void)
{
	struct netcfg_catalog_entry e;
	memset(&e, 0, sizeof(e));
	struct netcfg_protocol_info *p = &e.info;
	netcfg_guid_parse("{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}", &p->provider_id);
	snprintf(p->description, sizeof(p->description), "Odd \"entry\" \\ with [TCP/IP]");
	snprintf(e.path, sizeof(e.path), "/opt/providers/odd provider.so");
	p->catalog_entry_id = UINT32_MAX;
	p->chain_len = 3;
	p->chain[0] = 1007;
	p->chain[1] = 4294967294u;
	p->chain[2] = 1001;
	p->version = -2;
	p->address_family = 23;
	p->max_sockaddr = 28;
	p->min_sockaddr = 0;
	p->socket_type = 5;
	p->protocol = 65535;
	p->protocol_max_offset = 255;
	p->service_flags = 0xfffffffful;
	p->provider_flags = 0xA;
	p->network_byte_order = NETCFG_LITTLEENDIAN;
	p->security_scheme = INT32_MIN;
	p->message_size = 65467;
	p->provider_reserved = 0x80000000u;
	e.categories = NETCFG_LSP_FIREWALL | 0x4000;
	e.enabled = false;
	return e;
}

TEST(entry_block_is_the_field_layout_at_the_edges)
{
	struct netcfg_catalog_entry e = odd_entry();
	const struct netcfg_protocol_info *p = &e.info;
	struct expect x;
	char g[NETCFG_GUID_STRLEN];
	for (int verbose = 0; verbose < 2; verbose++) {
		expect_begin(&x, "Winsock Catalog Provider Entry");
		FIELD(&x, "Entry Type", "%s%s", "Layered Chain Entry", "(32)");
		FIELD(&x, "Description", "%s", p->description);
		FIELD(&x, "Provider ID", "%s", "{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}");
		FIELD(&x, "Provider Path", "%s", e.path);
		FIELD(&x, "Catalog Entry ID", "%u", p->catalog_entry_id);
		FIELD(&x, "Version", "%d", p->version);
		FIELD(&x, "Address Family", "%d", p->address_family);
		FIELD(&x, "Max Address Length", "%d", p->max_sockaddr);
		FIELD(&x, "Min Address Length", "%d", p->min_sockaddr);
		FIELD(&x, "Socket Type", "%d", p->socket_type);
		FIELD(&x, "Protocol", "%d", p->protocol);
		FIELD(&x, "Service Flags", "0x%x", p->service_flags);
		FIELD(&x, "Protocol Chain Length", "%d", p->chain_len);
		if (verbose) {
			FIELD(&x, "Protocol Chain", "%s", "1007 4294967294 1001");
			FIELD(&x, "Provider Flags", "0x%x", p->provider_flags);
			FIELD(&x, "Protocol Max Offset", "%d", p->protocol_max_offset);
			FIELD(&x, "Network Byte Order", "%s", "little-endian");
			FIELD(&x, "Security Scheme", "%d", p->security_scheme);
			FIELD(&x, "Max Message Size", "%u", p->message_size);
			FIELD(&x, "Provider Reserved", "%u", p->provider_reserved);
			FIELD(&x, "Enabled", "%d", 0);
		}
		char *want = expect_end(&x), *got = capture_entry(&e, 32, verbose);
		CHECK_STREQ(got, want);
		free(want);
		free(got);
	}
	/* a layered entry of the 64-bit catalog: categories, unknown bits in hex */
	e.info.chain_len = NETCFG_LAYERED_PROTOCOL;
	char *got = capture_entry(&e, 64, true);
	CHECK(strstr(got, "\nEntry Type:                         Layered Service Provider\n") != NULL);
	CHECK(strstr(got, "\nLSP Categories:                     LSP_FIREWALL 0x4000\n") != NULL);
	CHECK(strstr(got, "Protocol Chain:") == NULL);
	free(got);
	CHECK_STREQ(netcfg_guid_format(&e.info.provider_id, g), "{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}");
}

TEST(namespace_block_with_a_blob)
{
	struct netcfg_ns_provider p;
	memset(&p, 0, sizeof(p));
	netcfg_guid_parse("{6642243A-3BA8-4AA6-BAA5-2E0BD71FDD83}", &p.id);
	snprintf(p.description, sizeof(p.description), "Network Location Awareness Legacy (NLAv1) Namespace");
	snprintf(p.path, sizeof(p.path), "/lib/nla.so");
	p.namespace_id = UINT32_MAX;
	p.version = 7;
	p.stores_all = true;
	p.blob[0] = 0x00;
	p.blob[1] = 0xAB;
	p.blob[2] = 0x7f;
	p.blob_len = 3;
	struct expect x;
	expect_begin(&x, "Name Space Provider Entry");
	FIELD(&x, "Description", "%s", p.description);
	FIELD(&x, "Provider ID", "%s", "{6642243A-3BA8-4AA6-BAA5-2E0BD71FDD83}");
	FIELD(&x, "Name Space", "%u", p.namespace_id);
	FIELD(&x, "Active", "%d", 0);
	FIELD(&x, "Version", "%u", p.version);
	FIELD(&x, "Provider Path", "%s", p.path);
	FIELD(&x, "Stores All Classes", "%d", 1);
	FIELD(&x, "Provider Specific", "%s", "00ab7f");
	char *want = expect_end(&x), *got = capture_ns(&p, true);
	CHECK_STREQ(got, want);
	free(want);
	free(got);
}

/* Encode an entry, then decode it from text. */
static int decode(const char *text, struct netcfg_catalog_entry *e, char *err)
{
	struct jdoc d = { 0 };
	int rc = jdoc_parse(&d, text, strlen(text));
	CHECK(rc == 0);
	if (rc == 0)
		rc = codec_catalog_entry_read(&d, 0, e, err);
	jdoc_free(&d);
	return rc;
}

TEST(entry_codec_round_trips_and_names_bad_members)
{
	struct netcfg_catalog_entry e = odd_entry(), back;
	char err[CODEC_ERRLEN];
	struct jw w;
	jw_init(&w);
	codec_catalog_entry_write(&w, &e);
	CHECK(decode(w.buf, &back, err) == 0);
	CHECK(memcmp(&back, &e, sizeof(e)) == 0);
	jw_free(&w);
	/* members in any order, escaped names, the first of a repeated name */
	CHECK(decode("{\"enabled\":false,\"chain\":[],\"entry_type\":\"layered\",\"descr\\u0069ption\":\"x\","
		     "\"provider_id\":\"{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}\",\"protocol\":6,"
		     "\"protocol\":17,\"id\":1009}", &back, err) == 0);
	CHECK(back.info.catalog_entry_id == 1009 && back.info.protocol == 6 && !back.enabled);
	CHECK(back.info.chain_len == NETCFG_LAYERED_PROTOCOL && back.info.version == 2);
	CHECK_STREQ(back.info.description, "x");
	/* what is wrong is named */
	CHECK(decode("{\"id\":1,\"entry_type\":\"base\",\"provider_id\":\"{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}\"}",
		     &back, err) == NETCFG_EPROTO);
	CHECK_STREQ(err, "catalog entry: description is missing");
	CHECK(decode("{\"id\":1,\"entry_type\":\"base\",\"description\":\"d\",\"socket_type\":70000,"
		     "\"provider_id\":\"{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}\"}", &back, err) == NETCFG_EPROTO);
	CHECK_STREQ(err, "catalog entry: socket_type is not a number in range");
	CHECK(decode("{\"id\":1,\"entry_type\":\"chain\",\"description\":\"d\",\"chain\":[1001,1002],"
		     "\"chain_length\":3,\"provider_id\":\"{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}\"}",
		     &back, err) == NETCFG_EPROTO);
	CHECK_STREQ(err, "catalog entry: chain_length does not match entry_type and chain");
}

int main(void)
{
	return unit_run();
}
