/* SPDX-License-Identifier: MIT */
/*
 * descfile.c - provider description files (catalog-provider(5)): the JSON
 * description, read with jansson so mistakes come back with their line
 * and column, and the seeds' old layouts as imports: WINSOCK2.INI
 * sections and the registry's Winsock2 keys.  Imports are lenient, as
 * those layouts were: what is missing or repeated is a warning that says
 * what was assumed.
 */
#include "catalog_tool.h"
#include "../../libnetcfg/tool.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ctx {
	const struct tool *t;
	const char *path;
	char dir[PATH_MAX];
};

/* A message ends its line: what it quotes from the file (a value with
 * a newline, a token jansson shows) has its control characters escaped. */
static void put_message(const char *fmt, va_list ap)
{
	char msg[2048];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	tool_put_line(stderr, msg);
}

static int bad(const struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(const struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "catalog: %s: %s: ", c->t->cmd, c->path);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	return -1;
}

static void warn(const struct ctx *c, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(const struct ctx *c, unsigned line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "catalog: %s: %s:%u: warning: ", c->t->cmd, c->path, line);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
}

/* jansson's message, which quotes the token it stopped at */
static void json_syntax(const struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void json_syntax(const struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "catalog: %s: %s:", c->t->cmd, c->path);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
}

/* A provider file named relative to the description is found beside it
 * (cut at size; a path that long fails verify, not the parser). */
static void resolve_path(const struct ctx *c, const char *p, char *out, size_t size)
{
	size_t n = 0;
	if (p[0] != '/' && c->dir[0]) {
		size_t d = strlen(c->dir);
		if (d > size - 2)
			d = size - 2;
		memcpy(out, c->dir, d);
		out[d] = '/';
		n = d + 1;
	}
	size_t k = strlen(p);
	if (k > size - 1 - n)
		k = size - 1 - n;
	memcpy(out + n, p, k);
	out[n + k] = '\0';
}

/* ---- names --------------------------------------------------------- */

struct name { const char *name; uint32_t value; };

static const struct name xp1_names[] = {
	{ "CONNECTIONLESS", 0x1 }, { "GUARANTEED_DELIVERY", 0x2 }, { "GUARANTEED_ORDER", 0x4 },
	{ "MESSAGE_ORIENTED", 0x8 }, { "PSEUDO_STREAM", 0x10 }, { "GRACEFUL_CLOSE", 0x20 },
	{ "EXPEDITED_DATA", 0x40 }, { "CONNECT_DATA", 0x80 }, { "DISCONNECT_DATA", 0x100 },
	{ "SUPPORT_BROADCAST", 0x200 }, { "SUPPORT_MULTIPOINT", 0x400 },
	{ "MULTIPOINT_CONTROL_PLANE", 0x800 }, { "MULTIPOINT_DATA_PLANE", 0x1000 },
	{ "QOS_SUPPORTED", 0x2000 }, { "INTERRUPT", 0x4000 }, { "UNI_SEND", 0x8000 },
	{ "UNI_RECV", 0x10000 }, { "IFS_HANDLES", 0x20000 }, { "PARTIAL_MESSAGE", 0x40000 },
	{ "SAN_SUPPORT_SDP", 0x80000 }, { NULL, 0 },
};
static const struct name pfl_names[] = {
	{ "MULTIPLE_PROTO_ENTRIES", 0x1 }, { "RECOMMENDED_PROTO_ENTRY", 0x2 }, { "HIDDEN", 0x4 },
	{ "MATCHES_PROTOCOL_ZERO", 0x8 }, { "NETWORKDIRECT_PROVIDER", 0x10 }, { NULL, 0 },
};
static const struct name family_names[] = {
	{ "UNSPEC", 0 }, { "INET", NETCFG_AF_INET }, { "INET6", NETCFG_AF_INET6 }, { NULL, 0 },
};
static const struct name type_names[] = {
	{ "STREAM", 1 }, { "DGRAM", 2 }, { "RAW", 3 }, { "RDM", 4 }, { "SEQPACKET", 5 }, { NULL, 0 },
};
static const struct name proto_names[] = {
	{ "IP", 0 }, { "ICMP", 1 }, { "IGMP", 2 }, { "TCP", 6 }, { "UDP", 17 }, { "IPV6", 41 },
	{ "ICMPV6", 58 }, { "RM", 113 }, { "RAW", 255 }, { NULL, 0 },
};
static const struct name ns_names[] = {
	{ "ALL", 0 }, { "SAP", 1 }, { "NDS", 2 }, { "TCPIP_LOCAL", 10 }, { "TCPIP_HOSTS", 11 },
	{ "DNS", 12 }, { "NETBT", 13 }, { "WINS", 14 }, { "NLA", 15 }, { "BTH", 16 },
	{ "NTDS", 32 }, { "EMAIL", 37 }, { "PNRPNAME", 38 }, { "PNRPCLOUD", 39 }, { NULL, 0 },
};
/* The old XP_ protocol attributes of the registry and WINSOCK2.INI. */
static const struct name xp_names[] = {
	{ "XP_CONNECTIONLESS", 0x1 }, { "XP_GUARANTEED_DELIVERY", 0x2 },
	{ "XP_GUARANTEED_ORDER", 0x4 }, { "XP_MESSAGE_ORIENTED", 0x8 }, { "XP_PSEUDO_STREAM", 0x10 },
	{ "XP_GRACEFUL_CLOSE", 0x20 }, { "XP_EXPEDITED_DATA", 0x40 }, { "XP_CONNECT_DATA", 0x80 },
	{ "XP_DISCONNECT_DATA", 0x100 }, { "XP_SUPPORTS_BROADCAST", 0x200 },
	{ "XP_SUPPORTS_MULTICAST", 0x400 }, { "XP_BANDWIDTH_ALLOCATION", 0x800 },
	{ "XP_FRAGMENTATION", 0x1000 }, { "XP_ENCRYPTS", 0x2000 }, { NULL, 0 },
};

/* "TCP", "IPPROTO_TCP", "tcp" */
static bool name_value(const struct name *tab, const char *prefix, const char *s, uint32_t *v)
{
	size_t pl = strlen(prefix);
	if (pl && strncasecmp(s, prefix, pl) == 0)
		s += pl;
	for (; tab->name; tab++)
		if (strcasecmp(tab->name, s) == 0) {
			*v = tab->value;
			return true;
		}
	return false;
}

/* An integer, "0x..." text, a name, or (flags) an array of names. */
static int json_u32(const struct ctx *c, const char *where, const char *key, const json_t *v,
		    const struct name *tab, const char *prefix, bool flags, uint32_t *out)
{
	if (json_is_integer(v)) {
		json_int_t x = json_integer_value(v);
		if (x < 0 || x > UINT32_MAX)
			return bad(c, "%s.%s: %lld is out of range", where, key, (long long)x);
		*out = (uint32_t)x;
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			errno = 0;
			unsigned long long x = strtoull(s, &end, 16);
			if (!errno && *end == '\0' && end > s + 2 && x <= UINT32_MAX) {
				*out = (uint32_t)x;
				return 0;
			}
		}
		if (tab && name_value(tab, prefix, s, out))
			return 0;
		return bad(c, "%s.%s: \"%s\" is not a %s", where, key, s, flags ? "flag" : "known name");
	}
	if (flags && json_is_array(v)) {
		size_t i;
		json_t *x;
		*out = 0;
		json_array_foreach(v, i, x) {
			uint32_t bit;
			if (!json_is_string(x) || !name_value(tab, prefix, json_string_value(x), &bit))
				return bad(c, "%s.%s[%zu]: is not a %s flag name", where, key, i, prefix);
			*out |= bit;
		}
		return 0;
	}
	return bad(c, "%s.%s: is not a number%s", where, key, tab ? " or a name" : "");
}

static int json_text(const struct ctx *c, const char *where, const char *key, const json_t *v,
		     char *out, size_t size)
{
	if (!json_is_string(v))
		return bad(c, "%s.%s: is not a string", where, key);
	if (snprintf(out, size, "%s", json_string_value(v)) >= (int)size)
		return bad(c, "%s.%s: is longer than %zu bytes", where, key, size - 1);
	return 0;
}

static int json_guid(const struct ctx *c, const char *where, const char *key, const json_t *v,
		     struct netcfg_guid *g)
{
	if (!json_is_string(v) || netcfg_guid_parse(json_string_value(v), g) != NETCFG_OK)
		return bad(c, "%s.%s: is not a GUID like {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}", where, key);
	return 0;
}

/* ---- the JSON description ------------------------------------------ */

static int chain_ref(const struct ctx *c, const char *where, size_t k, const json_t *v,
		     struct chain_ref *r)
{
	memset(r, 0, sizeof(*r));
	if (json_is_integer(v)) {
		json_int_t x = json_integer_value(v);
		if (x <= 0 || x > UINT32_MAX)
			return bad(c, "%s.chain[%zu]: %lld is not a catalog entry id", where, k, (long long)x);
		r->kind = REF_ID;
		r->id = (uint32_t)x;
		return 0;
	}
	if (!json_is_string(v))
		return bad(c, "%s.chain[%zu]: give an entry id, \"self\", a GUID or a description", where, k);
	const char *s = json_string_value(v);
	if (strcmp(s, "self") == 0)
		r->kind = REF_SELF;
	else if (netcfg_guid_parse(s, &r->guid) == NETCFG_OK)
		r->kind = REF_GUID;
	else if (*s) {
		r->kind = REF_DESCRIPTION;
		snprintf(r->text, sizeof(r->text), "%s", s);
	} else
		return bad(c, "%s.chain[%zu]: is empty", where, k);
	return 0;
}

static int json_entry(const struct ctx *c, size_t i, const json_t *o, struct desc_entry *e)
{
	static const struct {
		const char *key;
		unsigned given;
		const struct name *tab;
		const char *prefix;
		bool flags;
		size_t off;
	} nums[] = {
		{ "address_family", DESC_FAMILY, family_names, "AF_", false, offsetof(struct netcfg_protocol_info, address_family) },
		{ "socket_type", DESC_TYPE, type_names, "SOCK_", false, offsetof(struct netcfg_protocol_info, socket_type) },
		{ "protocol", DESC_PROTOCOL, proto_names, "IPPROTO_", false, offsetof(struct netcfg_protocol_info, protocol) },
		{ "protocol_max_offset", DESC_OFFSET, NULL, "", false, offsetof(struct netcfg_protocol_info, protocol_max_offset) },
		{ "service_flags", DESC_FLAGS, xp1_names, "XP1_", true, offsetof(struct netcfg_protocol_info, service_flags) },
		{ "provider_flags", DESC_PFL, pfl_names, "PFL_", true, offsetof(struct netcfg_protocol_info, provider_flags) },
		{ "max_address_length", DESC_ADDRLEN, NULL, "", false, offsetof(struct netcfg_protocol_info, max_sockaddr) },
		{ "min_address_length", DESC_ADDRLEN, NULL, "", false, offsetof(struct netcfg_protocol_info, min_sockaddr) },
		{ "message_size", DESC_MSGSIZE, NULL, "", false, offsetof(struct netcfg_protocol_info, message_size) },
		{ "version", 0, NULL, "", false, offsetof(struct netcfg_protocol_info, version) },
		{ "security_scheme", 0, NULL, "", false, offsetof(struct netcfg_protocol_info, security_scheme) },
		{ "provider_reserved", 0, NULL, "", false, offsetof(struct netcfg_protocol_info, provider_reserved) },
	};
	const char *key;
	json_t *v;
	char *where = e->where;
	snprintf(e->where, sizeof(e->where), "entries[%zu]", i);
	if (!json_is_object(o))
		return bad(c, "%s: is not an object", where);
	e->info.version = 2;
	json_t *type = json_object_get(o, "type");
	const char *ts = json_is_string(type) ? json_string_value(type) : "";
	if (strcmp(ts, "layered") == 0)
		e->info.chain_len = NETCFG_LAYERED_PROTOCOL;
	else if (strcmp(ts, "base") == 0)
		e->info.chain_len = NETCFG_BASE_PROTOCOL;
	else if (strcmp(ts, "chain") == 0)
		e->info.chain_len = 2;
	else
		return bad(c, "%s.type: give \"layered\", \"base\" or \"chain\"", where);
	json_object_foreach((json_t *)o, key, v) {
		bool known = false;
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
			if (strcmp(key, nums[k].key) != 0)
				continue;
			uint32_t x;
			if (json_u32(c, where, key, v, nums[k].tab, nums[k].prefix, nums[k].flags, &x))
				return -1;
			if (x > INT32_MAX && nums[k].off != offsetof(struct netcfg_protocol_info, service_flags) &&
			    nums[k].off != offsetof(struct netcfg_protocol_info, provider_flags) &&
			    nums[k].off != offsetof(struct netcfg_protocol_info, message_size) &&
			    nums[k].off != offsetof(struct netcfg_protocol_info, provider_reserved))
				return bad(c, "%s.%s: %u is out of range", where, key, x);
			memcpy((char *)&e->info + nums[k].off, &x, sizeof(x));
			e->given |= nums[k].given;
			known = true;
		}
		if (known || strcmp(key, "type") == 0)
			continue;
		if (strcmp(key, "description") == 0) {
			if (json_text(c, where, key, v, e->info.description, sizeof(e->info.description)))
				return -1;
		} else if (strcmp(key, "byte_order") == 0) {
			const char *s = json_is_string(v) ? json_string_value(v) : "";
			if (strcmp(s, "big-endian") == 0)
				e->info.network_byte_order = NETCFG_BIGENDIAN;
			else if (strcmp(s, "little-endian") == 0)
				e->info.network_byte_order = NETCFG_LITTLEENDIAN;
			else
				return bad(c, "%s.byte_order: give \"big-endian\" or \"little-endian\"", where);
		} else if (strcmp(key, "chain") == 0) {
			if (e->info.chain_len < 2)
				return bad(c, "%s.chain: only a chain entry has a chain", where);
			if (!json_is_array(v) || json_array_size(v) < 2 ||
			    json_array_size(v) > NETCFG_MAX_PROTOCOL_CHAIN)
				return bad(c, "%s.chain: give 2 to %d elements, the layers first and the base "
					   "last", where, NETCFG_MAX_PROTOCOL_CHAIN);
			size_t k;
			json_t *x;
			json_array_foreach(v, k, x)
				if (chain_ref(c, where, k, x, &e->refs[k]))
					return -1;
			e->info.chain_len = (int)json_array_size(v);
		} else {
			return bad(c, "%s: unknown member \"%s\"", where, key);
		}
	}
	if (!e->info.description[0])
		return bad(c, "%s.description: is missing", where);
	if (strcmp(ts, "chain") == 0 && !json_object_get(o, "chain"))
		return bad(c, "%s.chain: is missing", where);
	if (e->info.chain_len == NETCFG_BASE_PROTOCOL &&
	    (e->given & (DESC_FAMILY | DESC_TYPE | DESC_PROTOCOL)) != (DESC_FAMILY | DESC_TYPE | DESC_PROTOCOL))
		return bad(c, "%s: a base entry needs address_family, socket_type and protocol", where);
	if (e->info.chain_len == NETCFG_BASE_PROTOCOL && !(e->given & DESC_ADDRLEN))
		e->info.max_sockaddr = e->info.min_sockaddr =
			e->info.address_family == NETCFG_AF_INET6 ? 28 : 16;
	return 0;
}

static int json_namespace(const struct ctx *c, size_t i, const json_t *o, struct netcfg_ns_provider *p)
{
	char where[64];
	const char *key;
	json_t *v;
	bool have_guid = false, have_ns = false;
	snprintf(where, sizeof(where), "namespace_providers[%zu]", i);
	memset(p, 0, sizeof(*p));
	p->active = true;
	p->version = 1;
	if (!json_is_object(o))
		return bad(c, "%s: is not an object", where);
	json_object_foreach((json_t *)o, key, v) {
		char path[NETCFG_PROVIDER_PATH_MAX];
		if (strcmp(key, "guid") == 0) {
			if (json_guid(c, where, key, v, &p->id))
				return -1;
			have_guid = true;
		} else if (strcmp(key, "namespace") == 0) {
			if (json_u32(c, where, key, v, ns_names, "NS_", false, &p->namespace_id))
				return -1;
			have_ns = true;
		} else if (strcmp(key, "version") == 0) {
			if (json_u32(c, where, key, v, NULL, "", false, &p->version))
				return -1;
		} else if (strcmp(key, "description") == 0) {
			if (json_text(c, where, key, v, p->description, sizeof(p->description)))
				return -1;
		} else if (strcmp(key, "path") == 0) {
			if (json_text(c, where, key, v, path, sizeof(path)))
				return -1;
			resolve_path(c, path, p->path, sizeof(p->path));
		} else if (strcmp(key, "active") == 0 || strcmp(key, "stores_all") == 0) {
			if (!json_is_boolean(v))
				return bad(c, "%s.%s: is not true or false", where, key);
			*(key[0] == 'a' ? &p->active : &p->stores_all) = json_is_true(v);
		} else if (strcmp(key, "blob") == 0) {
			const char *s = json_is_string(v) ? json_string_value(v) : "x";
			size_t n = strlen(s);
			if (n % 2 || n / 2 > NETCFG_NS_BLOB_MAX)
				return bad(c, "%s.blob: give up to %d bytes as hexadecimal digits", where,
					   NETCFG_NS_BLOB_MAX);
			for (size_t k = 0; k < n; k += 2) {
				unsigned b;
				if (!isxdigit((unsigned char)s[k]) || !isxdigit((unsigned char)s[k + 1]) ||
				    sscanf(s + k, "%2x", &b) != 1)
					return bad(c, "%s.blob: is not hexadecimal", where);
				p->blob[k / 2] = (uint8_t)b;
			}
			p->blob_len = (uint16_t)(n / 2);
		} else {
			return bad(c, "%s: unknown member \"%s\"", where, key);
		}
	}
	if (!have_guid || !have_ns || !p->description[0] || !p->path[0])
		return bad(c, "%s: guid, namespace, description and path are required", where);
	return 0;
}

static int load_json(const struct ctx *c, const char *text, size_t len, struct desc_file *f)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		json_syntax(c, "%d:%d: %s", je.line, je.column, je.text);
		return -1;
	}
	int rc = -1;
	const char *key;
	json_t *v, *entries = NULL, *nsps = NULL;
	struct desc_provider p = { 0 };
	bool have_guid = false;
	char path[NETCFG_PROVIDER_PATH_MAX] = "";
	if (!json_is_object(root)) {
		bad(c, "the description is not a JSON object");
		goto out;
	}
	json_object_foreach(root, key, v) {
		if (strcmp(key, "format") == 0) {
			if (!json_is_string(v) || strcmp(json_string_value(v), "netcfg-provider") != 0) {
				bad(c, "format: give \"netcfg-provider\"");
				goto out;
			}
		} else if (strcmp(key, "version") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) != 1) {
				bad(c, "version: only version 1 is known");
				goto out;
			}
		} else if (strcmp(key, "name") == 0) {
			if (json_text(c, "provider", key, v, p.name, sizeof(p.name)))
				goto out;
		} else if (strcmp(key, "guid") == 0) {
			if (json_guid(c, "provider", key, v, &p.p.provider_id))
				goto out;
			have_guid = true;
		} else if (strcmp(key, "path") == 0) {
			if (json_text(c, "provider", key, v, path, sizeof(path)))
				goto out;
		} else if (strcmp(key, "categories") == 0) {
			uint32_t cats = 0;
			if (json_is_string(v) && netcfg_lsp_categories_parse(json_string_value(v), &cats) == 0)
				;
			else if (json_u32(c, "provider", key, v, NULL, "", false, &cats))
				goto out;
			if (cats & ~NETCFG_LSP_KNOWN) {
				bad(c, "provider.categories: 0x%X has bits that are no LSP category", cats);
				goto out;
			}
			p.p.categories = cats;
		} else if (strcmp(key, "entries") == 0) {
			entries = v;
		} else if (strcmp(key, "namespace_providers") == 0) {
			nsps = v;
		} else {
			bad(c, "unknown member \"%s\"", key);
			goto out;
		}
	}
	if (!entries && !nsps) {
		bad(c, "describes nothing: give \"entries\" or \"namespace_providers\"");
		goto out;
	}
	if (entries) {
		if (!json_is_array(entries) || json_array_size(entries) == 0) {
			bad(c, "entries: give an array of at least one entry");
			goto out;
		}
		if (!have_guid || !path[0]) {
			bad(c, "a transport provider needs \"guid\" and \"path\"");
			goto out;
		}
		resolve_path(c, path, p.p.path, sizeof(p.p.path));
		p.n = json_array_size(entries);
		p.e = calloc(p.n, sizeof(*p.e));
		struct netcfg_protocol_info *infos = calloc(p.n, sizeof(*infos));
		f->prov = calloc(1, sizeof(*f->prov));
		if (!p.e || !infos || !f->prov) {
			free(infos);
			bad(c, "out of memory");
			goto out;
		}
		p.p.entries = infos;
		p.p.n = p.n;
		f->prov[0] = p;
		f->n_prov = 1;
		p.e = NULL;
		size_t i;
		json_array_foreach(entries, i, v)
			if (json_entry(c, i, v, &f->prov[0].e[i]))
				goto out;
	}
	if (nsps) {
		if (!json_is_array(nsps)) {
			bad(c, "namespace_providers: is not an array");
			goto out;
		}
		f->ns = calloc(json_array_size(nsps) + 1, sizeof(*f->ns));
		if (!f->ns) {
			bad(c, "out of memory");
			goto out;
		}
		size_t i;
		json_array_foreach(nsps, i, v) {
			if (json_namespace(c, i, v, &f->ns[i]))
				goto out;
			f->n_ns++;
		}
	}
	rc = 0;
out:
	free(p.e);
	json_decref(root);
	return rc;
}

/* ---- the old layouts ----------------------------------------------- */

struct kv {
	char section[NETCFG_PROTOCOL_LEN];
	char key[64];
	char value[NETCFG_PROTOCOL_LEN];
	unsigned line;
};

struct kvs {
	struct kv *v;
	size_t n, cap;
};

static int kv_add(struct kvs *l, const char *section, const char *key, const char *value, unsigned line)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? 2 * l->cap : 64;
		void *nv = realloc(l->v, nc * sizeof(*l->v));
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = nc;
	}
	struct kv *x = &l->v[l->n++];
	snprintf(x->section, sizeof(x->section), "%s", section);
	snprintf(x->key, sizeof(x->key), "%s", key);
	snprintf(x->value, sizeof(x->value), "%s", value);
	x->line = line;
	return 0;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Remove ASCII and typographic (UTF-8 “ ”) quotes. */
static void unquote(char *s)
{
	char *o = s;
	for (char *p = s; *p;) {
		if (*p == '"') {
			p++;
		} else if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
			   ((unsigned char)p[2] == 0x9c || (unsigned char)p[2] == 0x9d)) {
			p += 3;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
}

static size_t quotes(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '"' || ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
				   ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d));
	return n;
}

/* Split the text into (section, key, value) triples.  registry: "\Key"
 * lines open sections and values read "Name = REG_TYPE data". */
static int split(const struct ctx *c, char *text, bool registry, struct kvs *out)
{
	char section[NETCFG_PROTOCOL_LEN] = "";
	unsigned line = 0;
	char *cursor = text;
	/* one line at a time, empty ones counted, so warnings name the line */
	for (char *ln = strsep(&cursor, "\n"); ln; ln = strsep(&cursor, "\n")) {
		line++;
		char buf[1024];
		snprintf(buf, sizeof(buf), "%s", ln);
		/* a quoted value may go on over the next line */
		while (quotes(buf) % 2 == 1 && cursor) {
			char *next = strsep(&cursor, "\n");
			line++;
			size_t n = strlen(buf);
			while (n && isspace((unsigned char)buf[n - 1]))
				buf[--n] = '\0';
			snprintf(buf + n, sizeof(buf) - n, " %s", trim(next));
		}
		char *s = trim(buf);
		if (!*s || *s == ';' || *s == '#')
			continue;
		if (!registry && *s == '[') {
			char *end = strchr(s, ']');
			if (!end) {
				warn(c, line, "\"%s\" is not a [section]; ignored", s);
				continue;
			}
			*end = '\0';
			snprintf(section, sizeof(section), "%s", s + 1);
			continue;
		}
		if (registry && *s == '\\') {
			snprintf(section, sizeof(section), "%s", s);
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			warn(c, line, "\"%s\" is not KEY=VALUE; ignored", s);
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		if (registry) {
			/* REG_SZ "x", REG_DWORD 16, the seed's REG_DSZ and REG_SZ"x" */
			if (strncmp(val, "REG_", 4) != 0) {
				warn(c, line, "%s: no REG_ type; ignored", key);
				continue;
			}
			char *d = val + 4;
			while (*d && (isalpha((unsigned char)*d) || *d == '_'))
				d++;
			if (strncmp(val, "REG_DSZ", 7) == 0)
				warn(c, line, "%s: REG_DSZ is read as REG_SZ", key);
			val = trim(d);
		}
		unquote(val);
		if (kv_add(out, section, key, val, line) < 0)
			return bad(c, "out of memory");
	}
	return 0;
}

/* "ProtocolAttributes2" -> ("ProtocolAttributes", 2) */
static bool indexed(const char *key, const char *base, long *index)
{
	size_t n = strlen(base);
	if (strncasecmp(key, base, n) != 0 || !isdigit((unsigned char)key[n]))
		return false;
	char *end;
	*index = strtol(key + n, &end, 10);
	return *end == '\0';
}

static bool number(const char *s, uint32_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno || end == s || *trim(end) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* XP_ attributes as the closest XP1_ service flags. */
static uint32_t xp_to_xp1(uint32_t xp)
{
	uint32_t f = xp & 0x3ff;
	if (xp & 0x400)
		f |= NETCFG_XP1_SUPPORT_MULTIPOINT;
	if (xp & 0x800)
		f |= NETCFG_XP1_QOS_SUPPORTED;
	return f;
}

static void xp_text(uint32_t xp, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (const struct name *x = xp_names; x->name; x++)
		if (xp & x->value)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "|" : "", x->name);
}

/* A GUID of the provider key, for layouts that have none. */
static struct netcfg_guid key_guid(const char *format, const char *key)
{
	uint64_t h[2] = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull };
	for (int k = 0; k < 2; k++) {
		for (const char *p = format; *p; p++)
			h[k] = (h[k] ^ (unsigned char)*p) * 0x100000001b3ull;
		for (const char *p = key; *p; p++)
			h[k] = (h[k] ^ (unsigned char)tolower((unsigned char)*p)) * 0x100000001b3ull;
		h[k] ^= h[k] >> 29;
	}
	struct netcfg_guid g;
	g.data1 = (uint32_t)(h[0] >> 32);
	g.data2 = (uint16_t)(h[0] >> 16);
	g.data3 = (uint16_t)((h[0] & 0x0fff) | 0x5000);       /* name-based */
	for (int i = 0; i < 8; i++)
		g.data4[i] = (uint8_t)(h[1] >> (56 - 8 * i));
	g.data4[0] = (uint8_t)((g.data4[0] & 0x3f) | 0x80);   /* RFC 4122 variant */
	return g;
}

#define SOCK_MAX 32
#define F_TYPE 0
#define F_FAMILY 1
#define F_PROTOCOL 2
#define F_MIN 3
#define F_MAX 4
#define F_ATTR 5
#define F_DESC 6
static const char *const sock_keys[] = { "SocketType", "AddressFamily", "Protocol",
					 "MinimumAddressLength", "MaximumAddressLength",
					 "ProtocolAttributes", "ProtocolSocketDescription" };

/* One provider from its section's values (the seeds' Provider-<key>). */
static int import_provider(const struct ctx *c, const char *format, const char *key,
			   const struct kvs *l, const char *section, unsigned key_line,
			   struct desc_provider *p)
{
	char file[NETCFG_PROVIDER_PATH_MAX] = "", pdesc[NETCFG_PROTOCOL_LEN] = "";
	uint32_t domain = 0, addrlen = 0, nsock = 0;
	bool have_domain = false, have_addrlen = false, have_nsock = false;
	char val[SOCK_MAX][7][NETCFG_PROTOCOL_LEN];
	bool set[SOCK_MAX][7];
	long current = -1;
	memset(set, 0, sizeof(set));
	snprintf(p->name, sizeof(p->name), "%.255s", key);
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *x = &l->v[i];
		if (strcasecmp(x->section, section) != 0)
			continue;
		long idx;
		int field = -1;
		for (int k = 0; k < 7 && field < 0; k++)
			if (indexed(x->key, sock_keys[k], &idx))
				field = k;
		if (field < 0 && indexed(x->key, "SocketDescription", &idx))
			field = F_DESC;   /* the seed's other spelling */
		if (field >= 0) {
			if (idx < 0 || idx >= SOCK_MAX) {
				warn(c, x->line, "%s: socket index out of range; ignored", x->key);
				continue;
			}
			if (field == F_TYPE)
				current = idx;
			else if (set[idx][field] && current >= 0 && current != idx) {
				warn(c, x->line, "%s repeated after SocketType%ld; taken as socket %ld's",
				     x->key, current, current);
				idx = current;
			}
			if (set[idx][field])
				warn(c, x->line, "%s given twice; the later value counts", x->key);
			snprintf(val[idx][field], sizeof(val[0][0]), "%s", x->value);
			set[idx][field] = true;
		} else if (strcasecmp(x->key, "ProviderFilename") == 0) {
			snprintf(file, sizeof(file), "%s", x->value);
		} else if (strcasecmp(x->key, "ProviderDescription") == 0) {
			snprintf(pdesc, sizeof(pdesc), "%s", x->value);
		} else if (strcasecmp(x->key, "ProviderDomain") == 0) {
			have_domain = number(x->value, &domain);
		} else if (strcasecmp(x->key, "ProviderAddrLength") == 0) {
			have_addrlen = number(x->value, &addrlen);
		} else if (strcasecmp(x->key, "NumSockets") == 0) {
			have_nsock = number(x->value, &nsock);
		} else {
			warn(c, x->line, "%s is not a Winsock value; ignored", x->key);
		}
	}
	if (!file[0]) {
		warn(c, key_line, "provider \"%s\" has no ProviderFilename; skipped", key);
		return 1;
	}
	if (!have_nsock || nsock == 0 || nsock > SOCK_MAX) {
		warn(c, key_line, "provider \"%s\" has no usable NumSockets; skipped", key);
		return 1;
	}
	p->p.provider_id = key_guid(format, key);
	resolve_path(c, file, p->p.path, sizeof(p->p.path));
	p->e = calloc(nsock, sizeof(*p->e));
	struct netcfg_protocol_info *infos = calloc(nsock, sizeof(*infos));
	if (!p->e || !infos) {
		free(infos);
		return bad(c, "out of memory");
	}
	p->p.entries = infos;
	size_t n = 0;
	n += (size_t)snprintf(p->notes + n, sizeof(p->notes) - n,
			      "  import: key %s, filename %s, description \"%s\", domain %u, address "
			      "length %u, %u socket types\n", key, file, pdesc, domain, addrlen, nsock);
	if (!have_domain || !have_addrlen)
		warn(c, key_line, "provider \"%s\": ProviderDomain or ProviderAddrLength is missing", key);
	for (uint32_t s = 0; s < nsock; s++) {
		struct netcfg_protocol_info *e = &p->e[p->n].info;
		uint32_t x;
		e->chain_len = NETCFG_BASE_PROTOCOL;
		e->version = 2;
		if (!set[s][F_TYPE]) {
			warn(c, key_line, "provider \"%s\": SocketType%u is missing; socket %u skipped",
			     key, s, s);
			continue;
		}
		if (!number(val[s][F_TYPE], &x)) {
			warn(c, key_line, "provider \"%s\": SocketType%u is not a number; skipped", key, s);
			continue;
		}
		e->socket_type = (int)x;
		e->address_family = (int)domain;
		if (set[s][F_FAMILY] && number(val[s][F_FAMILY], &x))
			e->address_family = (int)x;
		else
			warn(c, key_line, "provider \"%s\": AddressFamily%u is missing; ProviderDomain %u "
			     "is used", key, s, domain);
		if (set[s][F_PROTOCOL] && number(val[s][F_PROTOCOL], &x))
			e->protocol = (int)x;
		else
			warn(c, key_line, "provider \"%s\": Protocol%u is missing; 0 is used", key, s);
		e->max_sockaddr = e->min_sockaddr = (int)addrlen;
		if (set[s][F_MIN] && number(val[s][F_MIN], &x))
			e->min_sockaddr = (int)x;
		if (set[s][F_MAX] && number(val[s][F_MAX], &x))
			e->max_sockaddr = (int)x;
		if (!set[s][F_MIN] || !set[s][F_MAX])
			warn(c, key_line, "provider \"%s\": the address lengths of socket %u are missing; "
			     "ProviderAddrLength %u is used", key, s, addrlen);
		uint32_t attr = 0;
		if (set[s][F_ATTR] && number(val[s][F_ATTR], &attr))
			e->service_flags = xp_to_xp1(attr);
		else
			warn(c, key_line, "provider \"%s\": ProtocolAttributes%u is missing; 0 is used",
			     key, s);
		snprintf(e->description, sizeof(e->description), "%.255s",
			 set[s][F_DESC] && val[s][F_DESC][0] ? val[s][F_DESC] : pdesc[0] ? pdesc : key);
		char xp[256];
		xp_text(attr, xp, sizeof(xp));
		n += (size_t)snprintf(p->notes + n, n < sizeof(p->notes) ? sizeof(p->notes) - n : 0,
				      "  socket %u: type %d, family %d, protocol %d, address length %d-%d, "
				      "attributes 0x%08X (%s)\n", s, e->socket_type, e->address_family,
				      e->protocol, e->min_sockaddr, e->max_sockaddr, attr, xp);
		p->e[p->n].given = DESC_FAMILY | DESC_TYPE | DESC_PROTOCOL;
		snprintf(p->e[p->n].where, sizeof(p->e[0].where), "socket %u", s);
		p->n++;
	}
	p->p.n = p->n;
	if (!p->n) {
		warn(c, key_line, "provider \"%s\" has no usable socket types; skipped", key);
		free(p->e);
		free(infos);
		memset(p, 0, sizeof(*p));
		return 1;
	}
	return 0;
}

static int add_provider(struct desc_file *f, const struct desc_provider *p)
{
	void *nv = realloc(f->prov, (f->n_prov + 1) * sizeof(*f->prov));
	if (!nv)
		return -1;
	f->prov = nv;
	f->prov[f->n_prov++] = *p;
	return 0;
}

static int load_old(const struct ctx *c, char *text, bool registry, struct desc_file *f)
{
	struct kvs l = { 0 };
	int rc = -1;
	if (split(c, text, registry, &l) < 0)
		goto out;
	/* the provider keys, in priority order */
	char keys[64][NETCFG_PROTOCOL_LEN];
	unsigned lines[64];
	size_t nk = 0;
	if (!registry) {
		uint32_t want = 0;
		bool have = false;
		for (size_t i = 0; i < l.n; i++) {
			long idx;
			if (strcasecmp(l.v[i].section, "Providers") != 0)
				continue;
			if (strcasecmp(l.v[i].key, "NumProviders") == 0)
				have = number(l.v[i].value, &want);
			else if (indexed(l.v[i].key, "ProviderKey", &idx) && nk < 64) {
				if (strlen(l.v[i].value) > 32)
					warn(c, l.v[i].line, "provider key \"%s\" is longer than 32 "
					     "characters", l.v[i].value);
				snprintf(keys[nk], sizeof(keys[0]), "%s", l.v[i].value);
				lines[nk++] = l.v[i].line;
			}
		}
		if (!have)
			warn(c, 1, "[Providers] has no NumProviders");
		else if (want != nk)
			warn(c, 1, "NumProviders is %u, %zu ProviderKey values follow", want, nk);
	} else {
		for (size_t i = 0; i < l.n && nk < 64; i++)
			if (strcasecmp(l.v[i].section, "\\ProviderOrder") == 0) {
				snprintf(keys[nk], sizeof(keys[0]), "%s", l.v[i].key);
				lines[nk++] = l.v[i].line;
			}
		for (size_t i = 0; i < l.n && nk < 64; i++) {
			const char *s = l.v[i].section, *name = strrchr(s, '\\');
			if (!name || name == s || strcasecmp(s, "\\ProviderOrder") == 0)
				continue;
			name++;
			bool seen = false;
			for (size_t k = 0; k < nk && !seen; k++)
				seen = strcasecmp(keys[k], name) == 0;
			if (!seen) {
				snprintf(keys[nk], sizeof(keys[0]), "%s", name);
				lines[nk++] = l.v[i].line;
			}
		}
	}
	for (size_t k = 0; k < nk; k++) {
		char section[NETCFG_PROTOCOL_LEN + 16] = "";
		bool found = false;
		/* the key names the provider, and its entries when nothing else does */
		if (!keys[k][0]) {
			warn(c, lines[k], "a provider key is empty; skipped");
			continue;
		}
		for (size_t i = 0; i < l.n && !found; i++) {
			const char *s = l.v[i].section, *name = registry ? strrchr(s, '\\') : NULL;
			if (registry ? (name && strcasecmp(name + 1, keys[k]) == 0 &&
					strcasecmp(s, "\\ProviderOrder") != 0)
				     : (strncasecmp(s, "Provider-", 9) == 0 && strcasecmp(s + 9, keys[k]) == 0)) {
				snprintf(section, sizeof(section), "%s", s);
				found = true;
			}
		}
		if (!found) {
			warn(c, lines[k], "provider \"%s\" has no %s%s%s section; skipped", keys[k],
			     registry ? "\\Provider\\" : "[Provider-", keys[k], registry ? "" : "]");
			continue;
		}
		struct desc_provider p = { 0 };
		int r = import_provider(c, registry ? "registry" : "winsock2.ini", keys[k], &l, section,
					lines[k], &p);
		if (r < 0)
			goto out;
		if (r == 0 && add_provider(f, &p) < 0) {
			free(p.e);
			free((void *)p.p.entries);
			bad(c, "out of memory");
			goto out;
		}
	}
	if (!f->n_prov) {
		bad(c, "no provider could be imported");
		goto out;
	}
	rc = 0;
out:
	free(l.v);
	return rc;
}

/* ---- entry points -------------------------------------------------- */

void desc_free(struct desc_file *f)
{
	for (size_t i = 0; i < f->n_prov; i++) {
		free(f->prov[i].e);
		free((void *)f->prov[i].p.entries);
	}
	free(f->prov);
	free(f->ns);
	memset(f, 0, sizeof(*f));
}

int desc_load(const struct tool *t, const char *path, struct desc_file *f)
{
	struct ctx c = { .t = t, .path = path };
	memset(f, 0, sizeof(*f));
	f->path = path;
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", path);
	char *d = dirname(copy);
	if (d[0] == '/' || realpath(d, c.dir) == NULL)
		snprintf(c.dir, sizeof(c.dir), "%s", d);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return bad(&c, "%s", strerror(errno));
	char *text = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			char *nb = cap > (16u << 20) ? NULL : realloc(text, cap);
			if (!nb) {
				free(text);
				fclose(fp);
				return bad(&c, "too large or out of memory");
			}
			text = nb;
		}
		size_t r = fread(text + len, 1, 4096, fp);
		len += r;
		if (r == 0)
			break;
	}
	fclose(fp);
	text[len] = '\0';
	const char *s = text;
	while (isspace((unsigned char)*s))
		s++;
	int rc;
	if (*s == '{') {
		f->format = "json";
		rc = load_json(&c, text, len, f);
	} else if (strstr(text, "[Providers]") || strstr(text, "[Provider-")) {
		f->format = "winsock2.ini";
		rc = load_old(&c, text, false, f);
	} else if (strstr(text, "\\Provider") || strstr(text, "REG_")) {
		f->format = "registry";
		rc = load_old(&c, text, true, f);
	} else {
		rc = bad(&c, "is neither a JSON provider description nor a WINSOCK2.INI or registry "
			 "layout");
	}
	free(text);
	if (rc < 0)
		desc_free(f);
	return rc;
}

static const struct netcfg_catalog_entry *by_id(const struct netcfg_catalog *c, uint32_t id)
{
	for (size_t i = 0; i < c->n_entries; i++)
		if (c->entries[i].info.catalog_entry_id == id)
			return &c->entries[i];
	return NULL;
}

int desc_resolve(const struct tool *t, const struct desc_file *f, struct desc_provider *p,
		 const struct netcfg_catalog *c)
{
	struct ctx cx = { .t = t, .path = f->path };
	struct netcfg_protocol_info *out = (struct netcfg_protocol_info *)p->p.entries;
	for (size_t i = 0; i < p->n; i++) {
		const struct desc_entry *e = &p->e[i];
		out[i] = e->info;
		if (e->info.chain_len < 2)
			continue;
		const struct netcfg_catalog_entry *base = NULL;
		for (int k = 0; k < e->info.chain_len; k++) {
			const struct chain_ref *r = &e->refs[k];
			const struct netcfg_catalog_entry *hit = NULL;
			char g[NETCFG_GUID_STRLEN];
			switch (r->kind) {
			case REF_SELF:
				out[i].chain[k] = NETCFG_CATALOG_SELF;
				continue;
			case REF_ID:
				hit = by_id(c, r->id);
				out[i].chain[k] = r->id;
				break;
			case REF_GUID:
				for (size_t x = 0; x < c->n_entries && !hit; x++)
					if (c->entries[x].info.chain_len == NETCFG_LAYERED_PROTOCOL &&
					    netcfg_guid_equal(&c->entries[x].info.provider_id, &r->guid))
						hit = &c->entries[x];
				if (!hit)
					return bad(&cx, "%s.chain[%d]: no layered entry of provider %s is in the "
						   "%u-bit catalog", e->where, k, netcfg_guid_format(&r->guid, g),
						   c->catalog);
				break;
			case REF_DESCRIPTION:
				for (size_t x = 0; x < c->n_entries && !hit; x++)
					if (c->entries[x].info.chain_len == NETCFG_BASE_PROTOCOL &&
					    strstr(c->entries[x].info.description, r->text))
						hit = &c->entries[x];
				if (!hit)
					return bad(&cx, "%s.chain[%d]: no base entry of the %u-bit catalog has "
						   "\"%s\" in its description", e->where, k, c->catalog, r->text);
				break;
			}
			if (hit)
				out[i].chain[k] = hit->info.catalog_entry_id;
			if (k == e->info.chain_len - 1)
				base = hit;
		}
		/* a chain describes itself like its base unless told otherwise */
		if (base) {
			const struct netcfg_protocol_info *b = &base->info;
			if (!(e->given & DESC_FAMILY))
				out[i].address_family = b->address_family;
			if (!(e->given & DESC_TYPE))
				out[i].socket_type = b->socket_type;
			if (!(e->given & DESC_PROTOCOL))
				out[i].protocol = b->protocol;
			if (!(e->given & DESC_OFFSET))
				out[i].protocol_max_offset = b->protocol_max_offset;
			if (!(e->given & DESC_FLAGS))
				out[i].service_flags = b->service_flags;
			if (!(e->given & DESC_PFL))
				out[i].provider_flags = b->provider_flags;
			if (!(e->given & DESC_ADDRLEN)) {
				out[i].max_sockaddr = b->max_sockaddr;
				out[i].min_sockaddr = b->min_sockaddr;
			}
			if (!(e->given & DESC_MSGSIZE))
				out[i].message_size = b->message_size;
		}
	}
	return 0;
}
