/* SPDX-License-Identifier: MIT */
/* codec_catalog.c - names, GUIDs and JSON codecs of the catalog objects
 * (see codec_catalog.h and <netcfg/catalog.h>). */
#include "codec_catalog.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

/* ---- GUIDs --------------------------------------------------------- */

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int netcfg_guid_parse(const char *s, struct netcfg_guid *g)
{
	/* groups of 8-4-4-4-12 hex digits */
	static const int group[] = { 8, 4, 4, 4, 12 };
	uint8_t b[16];
	size_t n = s ? strlen(s) : 0, k = 0;
	if (n == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		n -= 2;
	}
	if (n != 36)
		return NETCFG_EINVAL;
	for (int gi = 0; gi < 5; gi++) {
		for (int i = 0; i < group[gi]; i += 2) {
			int hi = hex_digit(*s++), lo = hex_digit(*s++);
			if (hi < 0 || lo < 0)
				return NETCFG_EINVAL;
			b[k++] = (uint8_t)(hi << 4 | lo);
		}
		if (gi < 4 && *s++ != '-')
			return NETCFG_EINVAL;
	}
	g->data1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	g->data2 = (uint16_t)(b[4] << 8 | b[5]);
	g->data3 = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(g->data4, b + 8, 8);
	return NETCFG_OK;
}

/* By hand rather than with snprintf: every entry of a catalog listing
 * formats one, in the daemon and in the client. */
const char *netcfg_guid_format(const struct netcfg_guid *g, char *buf)
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t b[16] = {
		(uint8_t)(g->data1 >> 24), (uint8_t)(g->data1 >> 16), (uint8_t)(g->data1 >> 8),
		(uint8_t)g->data1, (uint8_t)(g->data2 >> 8), (uint8_t)g->data2,
		(uint8_t)(g->data3 >> 8), (uint8_t)g->data3,
	};
	char *p = buf;
	memcpy(b + 8, g->data4, 8);
	*p++ = '{';
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p++ = '}';
	*p = '\0';
	return buf;
}

bool netcfg_guid_equal(const struct netcfg_guid *a, const struct netcfg_guid *b)
{
	return a->data1 == b->data1 && a->data2 == b->data2 && a->data3 == b->data3 &&
	       memcmp(a->data4, b->data4, 8) == 0;
}

bool netcfg_guid_is_nil(const struct netcfg_guid *g)
{
	static const struct netcfg_guid nil;
	return netcfg_guid_equal(g, &nil);
}

/* ---- numbering ----------------------------------------------------- */

int netcfg_af_from_linux(int af)
{
	return af == AF_INET6 ? NETCFG_AF_INET6 : af;
}

int netcfg_af_to_linux(int af)
{
	if (af == NETCFG_AF_INET6)
		return AF_INET6;
	if (af == AF_INET6)  /* Linux's 10 is not a catalog family */
		return -1;
	return af;
}

unsigned netcfg_catalog_bit(unsigned catalog)
{
	return catalog == 32 ? NETCFG_CATALOG_32 : catalog == 64 ? NETCFG_CATALOG_64 : 0;
}

static const struct {
	int code;
	const char *name;
	int err;         /* errno */
} wsa_table[] = {
	{ NETCFG_WSA_NOT_ENOUGH_MEMORY, "WSA_NOT_ENOUGH_MEMORY", ENOMEM },
	{ NETCFG_WSA_INVALID_PARAMETER, "WSA_INVALID_PARAMETER", EINVAL },
	{ NETCFG_WSAEINTR, "WSAEINTR", EINTR },
	{ NETCFG_WSAEBADF, "WSAEBADF", EBADF },
	{ NETCFG_WSAEACCES, "WSAEACCES", EACCES },
	{ NETCFG_WSAEFAULT, "WSAEFAULT", EFAULT },
	{ NETCFG_WSAEINVAL, "WSAEINVAL", EINVAL },
	{ NETCFG_WSAEMFILE, "WSAEMFILE", EMFILE },
	{ NETCFG_WSAEWOULDBLOCK, "WSAEWOULDBLOCK", EWOULDBLOCK },
	{ NETCFG_WSAEINPROGRESS, "WSAEINPROGRESS", EINPROGRESS },
	{ NETCFG_WSAEALREADY, "WSAEALREADY", EALREADY },
	{ NETCFG_WSAENOTSOCK, "WSAENOTSOCK", ENOTSOCK },
	{ NETCFG_WSAEDESTADDRREQ, "WSAEDESTADDRREQ", EDESTADDRREQ },
	{ NETCFG_WSAEMSGSIZE, "WSAEMSGSIZE", EMSGSIZE },
	{ NETCFG_WSAEPROTOTYPE, "WSAEPROTOTYPE", EPROTOTYPE },
	{ NETCFG_WSAENOPROTOOPT, "WSAENOPROTOOPT", ENOPROTOOPT },
	{ NETCFG_WSAEPROTONOSUPPORT, "WSAEPROTONOSUPPORT", EPROTONOSUPPORT },
	{ NETCFG_WSAESOCKTNOSUPPORT, "WSAESOCKTNOSUPPORT", ESOCKTNOSUPPORT },
	{ NETCFG_WSAEOPNOTSUPP, "WSAEOPNOTSUPP", EOPNOTSUPP },
	{ NETCFG_WSAEPFNOSUPPORT, "WSAEPFNOSUPPORT", EPFNOSUPPORT },
	{ NETCFG_WSAEAFNOSUPPORT, "WSAEAFNOSUPPORT", EAFNOSUPPORT },
	{ NETCFG_WSAEADDRINUSE, "WSAEADDRINUSE", EADDRINUSE },
	{ NETCFG_WSAEADDRNOTAVAIL, "WSAEADDRNOTAVAIL", EADDRNOTAVAIL },
	{ NETCFG_WSAENETDOWN, "WSAENETDOWN", ENETDOWN },
	{ NETCFG_WSAENETUNREACH, "WSAENETUNREACH", ENETUNREACH },
	{ NETCFG_WSAENETRESET, "WSAENETRESET", ENETRESET },
	{ NETCFG_WSAECONNABORTED, "WSAECONNABORTED", ECONNABORTED },
	{ NETCFG_WSAECONNRESET, "WSAECONNRESET", ECONNRESET },
	{ NETCFG_WSAENOBUFS, "WSAENOBUFS", ENOBUFS },
	{ NETCFG_WSAEISCONN, "WSAEISCONN", EISCONN },
	{ NETCFG_WSAENOTCONN, "WSAENOTCONN", ENOTCONN },
	{ NETCFG_WSAESHUTDOWN, "WSAESHUTDOWN", EPIPE },
	{ NETCFG_WSAETIMEDOUT, "WSAETIMEDOUT", ETIMEDOUT },
	{ NETCFG_WSAECONNREFUSED, "WSAECONNREFUSED", ECONNREFUSED },
	{ NETCFG_WSAEHOSTUNREACH, "WSAEHOSTUNREACH", EHOSTUNREACH },
	{ NETCFG_WSASYSNOTREADY, "WSASYSNOTREADY", ENETDOWN },
	{ NETCFG_WSAVERNOTSUPPORTED, "WSAVERNOTSUPPORTED", ELIBBAD },
	{ NETCFG_WSANOTINITIALISED, "WSANOTINITIALISED", ENOTSOCK },
	{ NETCFG_WSAEINVALIDPROCTABLE, "WSAEINVALIDPROCTABLE", ELIBBAD },
	{ NETCFG_WSAEINVALIDPROVIDER, "WSAEINVALIDPROVIDER", ELIBBAD },
	{ NETCFG_WSAEPROVIDERFAILEDINIT, "WSAEPROVIDERFAILEDINIT", ELIBBAD },
	{ NETCFG_WSASYSCALLFAILURE, "WSASYSCALLFAILURE", EIO },
};
#define WSA_N (sizeof(wsa_table) / sizeof(wsa_table[0]))

const char *netcfg_wsa_name(int code)
{
	for (size_t i = 0; i < WSA_N; i++)
		if (wsa_table[i].code == code)
			return wsa_table[i].name;
	return NULL;
}

int netcfg_wsa_from_errno(int err)
{
	if (err == EPERM)       /* raw sockets without the capability */
		return NETCFG_WSAEACCES;
	if (err == ENFILE)
		return NETCFG_WSAEMFILE;
	for (size_t i = 0; i < WSA_N; i++)
		if (wsa_table[i].err == err && wsa_table[i].code >= 10000 &&
		    wsa_table[i].code < NETCFG_WSASYSNOTREADY)
			return wsa_table[i].code;
	if (err == ENOMEM)
		return NETCFG_WSA_NOT_ENOUGH_MEMORY;
	return NETCFG_WSASYSCALLFAILURE;
}

int netcfg_wsa_to_errno(int code)
{
	for (size_t i = 0; i < WSA_N; i++)
		if (wsa_table[i].code == code)
			return wsa_table[i].err;
	return EIO;
}

/* ---- categories ---------------------------------------------------- */

static const struct {
	uint32_t bit;
	const char *name;
} lsp_names[] = {
	{ NETCFG_LSP_INSPECTOR, "LSP_INSPECTOR" },
	{ NETCFG_LSP_REDIRECTOR, "LSP_REDIRECTOR" },
	{ NETCFG_LSP_PROXY, "LSP_PROXY" },
	{ NETCFG_LSP_FIREWALL, "LSP_FIREWALL" },
	{ NETCFG_LSP_INBOUND_MODIFY, "LSP_INBOUND_MODIFY" },
	{ NETCFG_LSP_OUTBOUND_MODIFY, "LSP_OUTBOUND_MODIFY" },
	{ NETCFG_LSP_CRYPTO_COMPRESS, "LSP_CRYPTO_COMPRESS" },
	{ NETCFG_LSP_LOCAL_CACHE, "LSP_LOCAL_CACHE" },
	{ NETCFG_LSP_SYSTEM, "LSP_SYSTEM" },
};

const char *netcfg_lsp_category_name(uint32_t bit)
{
	for (size_t i = 0; i < sizeof(lsp_names) / sizeof(lsp_names[0]); i++)
		if (lsp_names[i].bit == bit)
			return lsp_names[i].name;
	return NULL;
}

/* One name: "LSP_FIREWALL", "firewall", "inbound modify" (the seeds'
 * spelling with a blank), case-insensitive. */
static int category_word(const char *w, size_t n, uint32_t *bit)
{
	char buf[40];
	if (n >= 4 && strncasecmp(w, "LSP_", 4) == 0) {
		w += 4;
		n -= 4;
	}
	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (size_t i = 0; i < n; i++)
		buf[i] = w[i] == ' ' || w[i] == '-' ? '_' : (char)toupper((unsigned char)w[i]);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof(lsp_names) / sizeof(lsp_names[0]); i++)
		if (strcmp(lsp_names[i].name + 4, buf) == 0) {
			*bit = lsp_names[i].bit;
			return 0;
		}
	return -1;
}

int netcfg_lsp_categories_parse(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	if (!s || !*s)
		return NETCFG_EINVAL;
	if (strcasecmp(s, "none") == 0 || strcmp(s, "0") == 0) {
		*out = 0;
		return NETCFG_OK;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		char *end;
		errno = 0;
		unsigned long x = strtoul(s + 2, &end, 16);
		if (errno || end == s + 2 || *end || x > UINT32_MAX)
			return NETCFG_EINVAL;
		*out = (uint32_t)x;
		return NETCFG_OK;
	}
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, ",|+");
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		size_t m = n;
		while (m > 0 && p[m - 1] == ' ')
			m--;
		uint32_t bit;
		if (category_word(p, m, &bit) < 0)
			return NETCFG_EINVAL;
		v |= bit;
		p += n;
		if (*p)
			p++;
		else
			break;
	}
	*out = v;
	return NETCFG_OK;
}

bool netcfg_lsp_loads(uint32_t app, uint32_t lsp)
{
	if (app == 0)
		return true;
	if (lsp == 0 || (lsp & ~app) != 0)
		return false;
	return !(app & NETCFG_LSP_SYSTEM) || (lsp & NETCFG_LSP_SYSTEM);
}

const char *netcfg_entry_type_name(int chain_len)
{
	if (chain_len == NETCFG_LAYERED_PROTOCOL)
		return "Layered Service Provider";
	if (chain_len == NETCFG_BASE_PROTOCOL)
		return "Base Service Provider";
	return "Layered Chain Entry";
}

const char *codec_entry_kind(int chain_len)
{
	return chain_len == 0 ? "layered" : chain_len == 1 ? "base" : "chain";
}

/* ---- reading helpers ----------------------------------------------- */

static int bad(char *err, const char *obj, const char *field, const char *what)
{
	snprintf(err, CODEC_ERRLEN, "%s: %s %s", obj, field, what);
	return NETCFG_EPROTO;
}

/* The readers take the value token i of key (-1: absent). */
static int rd_str_at(const struct jdoc *d, int i, const char *key, bool required, char *buf,
		     size_t size, const char *obj, char *err)
{
	if (i < 0)
		return required ? bad(err, obj, key, "is missing") : 0;
	if (!j_str(d, i, buf, size))
		return bad(err, obj, key, "is not a string of its size");
	return 0;
}

static int rd_str(const struct jdoc *d, int o, const char *key, bool required, char *buf,
		  size_t size, const char *obj, char *err)
{
	return rd_str_at(d, j_get(d, o, key), key, required, buf, size, obj, err);
}

static int rd_int_at(const struct jdoc *d, int i, const char *key, long long lo, long long hi,
		     long long *v, const char *obj, char *err)
{
	if (i < 0)
		return 0;
	if (!j_int(d, i, v) || *v < lo || *v > hi)
		return bad(err, obj, key, "is not a number in range");
	return 0;
}

/* (one level more, so that an argument may expand to "index, key") */
#define RD_NUM_AT(...) RD_NUM_AT_(__VA_ARGS__)
#define RD_NUM_AT_(d, i, key, lo, hi, dst, obj, err) \
	({                                                                   \
		long long v_ = (long long)(dst);                             \
		int r_ = rd_int_at(d, i, key, lo, hi, &v_, obj, err);        \
		(dst) = (__typeof__(dst))v_;                                 \
		r_;                                                          \
	})
#define RD_NUM(d, o, key, lo, hi, dst, obj, err) \
	RD_NUM_AT(d, j_get(d, o, key), key, lo, hi, dst, obj, err)

static int rd_bool_at(const struct jdoc *d, int i, const char *key, bool *v, const char *obj,
		      char *err)
{
	if (i >= 0 && !j_bool(d, i, v))
		return bad(err, obj, key, "is not true or false");
	return 0;
}

static int rd_bool(const struct jdoc *d, int o, const char *key, bool *v, const char *obj, char *err)
{
	return rd_bool_at(d, j_get(d, o, key), key, v, obj, err);
}

static int rd_guid_at(const struct jdoc *d, int i, const char *key, bool required,
		      struct netcfg_guid *g, const char *obj, char *err)
{
	char buf[64];
	if (i < 0)
		return required ? bad(err, obj, key, "is missing") : 0;
	if (!j_str(d, i, buf, sizeof(buf)) || netcfg_guid_parse(buf, g) != NETCFG_OK)
		return bad(err, obj, key, "is not a GUID");
	return 0;
}

int codec_guid_read(const struct jdoc *d, int o, const char *key, bool required,
		    struct netcfg_guid *g, const char *obj, char *err)
{
	return rd_guid_at(d, j_get(d, o, key), key, required, g, obj, err);
}

struct field_name {
	const char *name;
	size_t len;
};
#define FIELD(s) { s, sizeof(s) - 1 }

/*
 * The value token of each name (-1: absent; the first one when a name
 * repeats, as j_get finds it) in one walk over the object's members.
 * With a thousand catalog entries, a j_get per field - a walk each - was a
 * good part of decoding the catalog; members come in the writer's order,
 * so the name after the last one found is tried first.
 */
static void fields_of(const struct jdoc *d, int o, const struct field_name *names, size_t n, int *at)
{
	size_t next = 0;
	for (size_t i = 0; i < n; i++)
		at[i] = -1;
	for (int k = j_first(d, o); k >= 0; k = j_next(d, k)) {
		const struct jtok *t = &d->t[k];
		char buf[64];
		const char *key = d->src + t->start;
		size_t len = t->end - t->start, f = n;
		if (t->escaped) {
			if (!j_str(d, k, buf, sizeof(buf)))
				continue;
			key = buf;
			len = strlen(buf);
		}
		if (next < n && names[next].len == len && memcmp(names[next].name, key, len) == 0)
			f = next;
		for (size_t i = 0; f == n && i < n; i++)
			if (names[i].len == len && memcmp(names[i].name, key, len) == 0)
				f = i;
		if (f == n)
			continue;
		if (at[f] < 0)
			at[f] = k + 1;
		next = f + 1;
	}
}

void codec_kguid(struct jw *w, const char *key, const struct netcfg_guid *g)
{
	char buf[NETCFG_GUID_STRLEN];
	jw_kstr(w, key, netcfg_guid_format(g, buf));
}

/* ---- transport entries --------------------------------------------- */

void codec_catalog_entry_write(struct jw *w, const struct netcfg_catalog_entry *e)
{
	const struct netcfg_protocol_info *p = &e->info;
	jw_obj_begin(w);
	jw_kuint(w, "id", p->catalog_entry_id);
	jw_kstr(w, "entry_type", codec_entry_kind(p->chain_len));
	jw_kstr(w, "description", p->description);
	codec_kguid(w, "provider_id", &p->provider_id);
	jw_kstr(w, "path", e->path);
	jw_kint(w, "chain_length", p->chain_len);
	jw_key(w, "chain");
	jw_arr_begin(w);
	for (int i = 0; p->chain_len > 1 && i < p->chain_len && i < NETCFG_MAX_PROTOCOL_CHAIN; i++)
		jw_uint(w, p->chain[i]);
	jw_arr_end(w);
	jw_kint(w, "version", p->version);
	jw_kint(w, "address_family", p->address_family);
	jw_kint(w, "max_address_length", p->max_sockaddr);
	jw_kint(w, "min_address_length", p->min_sockaddr);
	jw_kint(w, "socket_type", p->socket_type);
	jw_kint(w, "protocol", p->protocol);
	jw_kint(w, "protocol_max_offset", p->protocol_max_offset);
	jw_kuint(w, "service_flags", p->service_flags);
	jw_kuint(w, "provider_flags", p->provider_flags);
	jw_kstr(w, "byte_order", p->network_byte_order == NETCFG_LITTLEENDIAN ? "little-endian"
									  : "big-endian");
	jw_kint(w, "security_scheme", p->security_scheme);
	jw_kuint(w, "message_size", p->message_size);
	jw_kuint(w, "provider_reserved", p->provider_reserved);
	jw_kuint(w, "categories", e->categories);
	jw_kbool(w, "enabled", e->enabled);
	jw_obj_end(w);
}

/* The members of a transport entry, in the order the writer puts them. */
enum entry_field {
	EF_ID, EF_TYPE, EF_DESCRIPTION, EF_PROVIDER_ID, EF_PATH, EF_CHAIN_LENGTH, EF_CHAIN,
	EF_VERSION, EF_FAMILY, EF_MAX_ADDRESS, EF_MIN_ADDRESS, EF_SOCKET_TYPE, EF_PROTOCOL,
	EF_MAX_OFFSET, EF_SERVICE_FLAGS, EF_PROVIDER_FLAGS, EF_BYTE_ORDER, EF_SECURITY,
	EF_MESSAGE_SIZE, EF_RESERVED, EF_CATEGORIES, EF_ENABLED, EF__N
};

static const struct field_name entry_fields[EF__N] = {
	[EF_ID] = FIELD("id"),
	[EF_TYPE] = FIELD("entry_type"),
	[EF_DESCRIPTION] = FIELD("description"),
	[EF_PROVIDER_ID] = FIELD("provider_id"),
	[EF_PATH] = FIELD("path"),
	[EF_CHAIN_LENGTH] = FIELD("chain_length"),
	[EF_CHAIN] = FIELD("chain"),
	[EF_VERSION] = FIELD("version"),
	[EF_FAMILY] = FIELD("address_family"),
	[EF_MAX_ADDRESS] = FIELD("max_address_length"),
	[EF_MIN_ADDRESS] = FIELD("min_address_length"),
	[EF_SOCKET_TYPE] = FIELD("socket_type"),
	[EF_PROTOCOL] = FIELD("protocol"),
	[EF_MAX_OFFSET] = FIELD("protocol_max_offset"),
	[EF_SERVICE_FLAGS] = FIELD("service_flags"),
	[EF_PROVIDER_FLAGS] = FIELD("provider_flags"),
	[EF_BYTE_ORDER] = FIELD("byte_order"),
	[EF_SECURITY] = FIELD("security_scheme"),
	[EF_MESSAGE_SIZE] = FIELD("message_size"),
	[EF_RESERVED] = FIELD("provider_reserved"),
	[EF_CATEGORIES] = FIELD("categories"),
	[EF_ENABLED] = FIELD("enabled"),
};

int codec_catalog_entry_read(const struct jdoc *d, int o, struct netcfg_catalog_entry *e, char *err)
{
	static const char obj[] = "catalog entry";
	struct netcfg_protocol_info *p = &e->info;
	char kind[16] = "", order[16] = "big-endian";
	int at[EF__N];

	memset(e, 0, sizeof(*e));
	e->enabled = true;
	p->version = 2;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	fields_of(d, o, entry_fields, EF__N, at);
#define F(x) at[x], entry_fields[x].name
	if (RD_NUM_AT(d, F(EF_ID), 0, UINT32_MAX, p->catalog_entry_id, obj, err) ||
	    rd_str_at(d, F(EF_TYPE), true, kind, sizeof(kind), obj, err) ||
	    rd_str_at(d, F(EF_DESCRIPTION), true, p->description, sizeof(p->description), obj, err) ||
	    rd_guid_at(d, F(EF_PROVIDER_ID), true, &p->provider_id, obj, err) ||
	    rd_str_at(d, F(EF_PATH), false, e->path, sizeof(e->path), obj, err) ||
	    RD_NUM_AT(d, F(EF_VERSION), INT32_MIN, INT32_MAX, p->version, obj, err) ||
	    RD_NUM_AT(d, F(EF_FAMILY), 0, 65535, p->address_family, obj, err) ||
	    RD_NUM_AT(d, F(EF_MAX_ADDRESS), 0, 65535, p->max_sockaddr, obj, err) ||
	    RD_NUM_AT(d, F(EF_MIN_ADDRESS), 0, 65535, p->min_sockaddr, obj, err) ||
	    RD_NUM_AT(d, F(EF_SOCKET_TYPE), 0, 65535, p->socket_type, obj, err) ||
	    RD_NUM_AT(d, F(EF_PROTOCOL), 0, 65535, p->protocol, obj, err) ||
	    RD_NUM_AT(d, F(EF_MAX_OFFSET), 0, 65535, p->protocol_max_offset, obj, err) ||
	    RD_NUM_AT(d, F(EF_SERVICE_FLAGS), 0, UINT32_MAX, p->service_flags, obj, err) ||
	    RD_NUM_AT(d, F(EF_PROVIDER_FLAGS), 0, UINT32_MAX, p->provider_flags, obj, err) ||
	    rd_str_at(d, F(EF_BYTE_ORDER), false, order, sizeof(order), obj, err) ||
	    RD_NUM_AT(d, F(EF_SECURITY), INT32_MIN, INT32_MAX, p->security_scheme, obj, err) ||
	    RD_NUM_AT(d, F(EF_MESSAGE_SIZE), 0, UINT32_MAX, p->message_size, obj, err) ||
	    RD_NUM_AT(d, F(EF_RESERVED), 0, UINT32_MAX, p->provider_reserved, obj, err) ||
	    RD_NUM_AT(d, F(EF_CATEGORIES), 0, UINT32_MAX, e->categories, obj, err) ||
	    rd_bool_at(d, F(EF_ENABLED), &e->enabled, obj, err))
		return NETCFG_EPROTO;
	if (strcmp(order, "big-endian") == 0)
		p->network_byte_order = NETCFG_BIGENDIAN;
	else if (strcmp(order, "little-endian") == 0)
		p->network_byte_order = NETCFG_LITTLEENDIAN;
	else
		return bad(err, obj, "byte_order", "is not big-endian or little-endian");
	int chain = at[EF_CHAIN];
	if (strcmp(kind, "layered") == 0 || strcmp(kind, "base") == 0) {
		p->chain_len = kind[0] == 'l' ? NETCFG_LAYERED_PROTOCOL : NETCFG_BASE_PROTOCOL;
		if (chain >= 0 && (j_type(d, chain) != J_ARR || d->t[chain].size != 0))
			return bad(err, obj, "chain", "must be empty for a layered or base entry");
	} else if (strcmp(kind, "chain") == 0) {
		if (j_type(d, chain) != J_ARR || d->t[chain].size < 2 ||
		    d->t[chain].size > NETCFG_MAX_PROTOCOL_CHAIN)
			return bad(err, obj, "chain", "must list 2 to 7 catalog entry ids");
		for (int x = j_first(d, chain); x >= 0; x = j_next(d, x)) {
			if (!j_uint32(d, x, &p->chain[p->chain_len]))
				return bad(err, obj, "chain", "has an element that is not an entry id");
			p->chain_len++;
		}
	} else {
		return bad(err, obj, "entry_type", "is not layered, base or chain");
	}
	long long declared = p->chain_len;
	if (rd_int_at(d, F(EF_CHAIN_LENGTH), 0, NETCFG_MAX_PROTOCOL_CHAIN, &declared, obj, err))
		return NETCFG_EPROTO;
#undef F
	if (declared != p->chain_len)
		return bad(err, obj, "chain_length", "does not match entry_type and chain");
	return 0;
}

/* ---- namespace providers ------------------------------------------- */

static void hex_write(struct jw *w, const char *key, const uint8_t *b, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char buf[2 * NETCFG_NS_BLOB_MAX + 1];
	for (size_t i = 0; i < n; i++) {
		buf[2 * i] = hex[b[i] >> 4];
		buf[2 * i + 1] = hex[b[i] & 15];
	}
	buf[2 * n] = '\0';
	jw_kstr(w, key, buf);
}

void codec_ns_provider_write(struct jw *w, const struct netcfg_ns_provider *p)
{
	jw_obj_begin(w);
	codec_kguid(w, "provider_id", &p->id);
	jw_kstr(w, "description", p->description);
	jw_kuint(w, "namespace", p->namespace_id);
	jw_kbool(w, "active", p->active);
	jw_kuint(w, "version", p->version);
	jw_kbool(w, "stores_all", p->stores_all);
	jw_kstr(w, "path", p->path);
	if (p->blob_len)
		hex_write(w, "blob", p->blob, p->blob_len);
	jw_obj_end(w);
}

int codec_ns_provider_read(const struct jdoc *d, int o, struct netcfg_ns_provider *p, char *err)
{
	static const char obj[] = "namespace provider";
	char hex[2 * NETCFG_NS_BLOB_MAX + 2] = "";
	memset(p, 0, sizeof(*p));
	p->active = true;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (codec_guid_read(d, o, "provider_id", true, &p->id, obj, err) ||
	    rd_str(d, o, "description", true, p->description, sizeof(p->description), obj, err) ||
	    RD_NUM(d, o, "namespace", 0, UINT32_MAX, p->namespace_id, obj, err) ||
	    rd_bool(d, o, "active", &p->active, obj, err) ||
	    RD_NUM(d, o, "version", 0, UINT32_MAX, p->version, obj, err) ||
	    rd_bool(d, o, "stores_all", &p->stores_all, obj, err) ||
	    rd_str(d, o, "path", false, p->path, sizeof(p->path), obj, err) ||
	    rd_str(d, o, "blob", false, hex, sizeof(hex), obj, err))
		return NETCFG_EPROTO;
	size_t n = strlen(hex);
	if (n % 2)
		return bad(err, obj, "blob", "is not hexadecimal bytes");
	for (size_t i = 0; i < n; i += 2) {
		int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
		if (hi < 0 || lo < 0)
			return bad(err, obj, "blob", "is not hexadecimal bytes");
		p->blob[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	p->blob_len = (uint16_t)(n / 2);
	return 0;
}

/* ---- application categories ---------------------------------------- */

void codec_app_category_write(struct jw *w, const struct netcfg_app_category *a)
{
	jw_obj_begin(w);
	jw_kstr(w, "app", a->app);
	jw_kuint(w, "categories", a->categories);
	jw_obj_end(w);
}

int codec_app_category_read(const struct jdoc *d, int o, struct netcfg_app_category *a, char *err)
{
	static const char obj[] = "application";
	memset(a, 0, sizeof(*a));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_str(d, o, "app", true, a->app, sizeof(a->app), obj, err) ||
	    RD_NUM(d, o, "categories", 0, UINT32_MAX, a->categories, obj, err))
		return NETCFG_EPROTO;
	if (!a->app[0])
		return bad(err, obj, "app", "is empty");
	return 0;
}

/* ---- events -------------------------------------------------------- */

void codec_catalog_event_write(struct jw *w, const struct netcfg_catalog_event *e)
{
	jw_obj_begin(w);
	jw_kuint(w, "seq", e->seq);
	jw_kuint(w, "time", e->time);
	jw_kuint(w, "event_id", e->id);
	jw_kuint(w, "level", e->level);
	jw_kuint(w, "catalog", e->catalog);
	if (e->id != NETCFG_EVENT_CATALOG_RESET) {
		jw_kstr(w, "lsp_name", e->lsp_name);
		jw_kstr(w, "installer", e->installer);
		codec_kguid(w, "guid", &e->guid);
		jw_kuint(w, "category", e->category);
	}
	jw_obj_end(w);
}

int codec_catalog_event_read(const struct jdoc *d, int o, struct netcfg_catalog_event *e, char *err)
{
	static const char obj[] = "catalog event";
	memset(e, 0, sizeof(*e));
	e->level = 4;
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (RD_NUM(d, o, "seq", 0, INT64_MAX, e->seq, obj, err) ||
	    RD_NUM(d, o, "time", 0, INT64_MAX, e->time, obj, err) ||
	    RD_NUM(d, o, "event_id", 1, 4, e->id, obj, err) ||
	    RD_NUM(d, o, "level", 0, 5, e->level, obj, err) ||
	    RD_NUM(d, o, "catalog", 32, 64, e->catalog, obj, err) ||
	    rd_str(d, o, "lsp_name", false, e->lsp_name, sizeof(e->lsp_name), obj, err) ||
	    rd_str(d, o, "installer", false, e->installer, sizeof(e->installer), obj, err) ||
	    codec_guid_read(d, o, "guid", false, &e->guid, obj, err) ||
	    RD_NUM(d, o, "category", 0, UINT32_MAX, e->category, obj, err))
		return NETCFG_EPROTO;
	if (e->id == 0 || !netcfg_catalog_bit(e->catalog))
		return bad(err, obj, "event_id or catalog", "is missing or out of range");
	return 0;
}

/* ---- verify findings ----------------------------------------------- */

static const char *const finding_names[] = {
	[NETCFG_FIND_CHAIN_MISSING] = "chain-missing",
	[NETCFG_FIND_CHAIN_DUPLICATE] = "chain-duplicate",
	[NETCFG_FIND_CHAIN_SHAPE] = "chain-shape",
	[NETCFG_FIND_FILE] = "provider-file",
	[NETCFG_FIND_DUPLICATE_GUID] = "duplicate-guid",
	[NETCFG_FIND_DUPLICATE_ID] = "duplicate-id",
	[NETCFG_FIND_CATEGORY_BITS] = "category-bits",
	[NETCFG_FIND_NS_FILE] = "namespace-file",
};
#define N_FINDINGS (sizeof(finding_names) / sizeof(finding_names[0]))

void codec_finding_write(struct jw *w, const struct netcfg_catalog_finding *f)
{
	jw_obj_begin(w);
	jw_kstr(w, "kind", (unsigned)f->kind < N_FINDINGS ? finding_names[f->kind] : "unknown");
	jw_kuint(w, "catalog", f->catalog);
	jw_kuint(w, "entry_id", f->entry_id);
	codec_kguid(w, "guid", &f->guid);
	jw_kstr(w, "message", f->message);
	jw_kstr(w, "repair", f->repair);
	jw_kbool(w, "repairable", f->repairable);
	jw_kbool(w, "repaired", f->repaired);
	jw_obj_end(w);
}

int codec_finding_read(const struct jdoc *d, int o, struct netcfg_catalog_finding *f, char *err)
{
	static const char obj[] = "finding";
	char kind[32];
	memset(f, 0, sizeof(*f));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (rd_str(d, o, "kind", true, kind, sizeof(kind), obj, err) ||
	    RD_NUM(d, o, "catalog", 32, 64, f->catalog, obj, err) ||
	    RD_NUM(d, o, "entry_id", 0, UINT32_MAX, f->entry_id, obj, err) ||
	    codec_guid_read(d, o, "guid", false, &f->guid, obj, err) ||
	    rd_str(d, o, "message", true, f->message, sizeof(f->message), obj, err) ||
	    rd_str(d, o, "repair", false, f->repair, sizeof(f->repair), obj, err) ||
	    rd_bool(d, o, "repairable", &f->repairable, obj, err) ||
	    rd_bool(d, o, "repaired", &f->repaired, obj, err))
		return NETCFG_EPROTO;
	for (size_t i = 1; i < N_FINDINGS; i++)
		if (strcmp(kind, finding_names[i]) == 0)
			f->kind = (enum netcfg_finding_kind)i;
	if (!f->kind)
		return bad(err, obj, "kind", "has an unknown value");
	if (!netcfg_catalog_bit(f->catalog))
		return bad(err, obj, "catalog", "is missing or not 32 or 64");
	return 0;
}

/* ---- resolutions --------------------------------------------------- */

void codec_resolution_write(struct jw *w, const struct netcfg_catalog_resolution *r)
{
	jw_obj_begin(w);
	if (r->wsa) {
		jw_kint(w, "error", r->wsa);
		jw_kstr(w, "error_name", netcfg_wsa_name(r->wsa));
	} else {
		jw_kuint(w, "entry_id", r->entry_id);
		jw_key(w, "entry");
		codec_catalog_entry_write(w, &r->entry);
	}
	jw_kstr(w, "reason", r->reason);
	jw_key(w, "passed_over");
	jw_arr_begin(w);
	for (size_t i = 0; i < r->n_notes; i++)
		jw_str(w, r->notes[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

int codec_resolution_read(const struct jdoc *d, int o, struct netcfg_catalog_resolution *r, char *err)
{
	static const char obj[] = "resolution";
	memset(r, 0, sizeof(*r));
	if (j_type(d, o) != J_OBJ)
		return bad(err, obj, "value", "is not an object");
	if (RD_NUM(d, o, "error", 0, INT32_MAX, r->wsa, obj, err) ||
	    RD_NUM(d, o, "entry_id", 0, UINT32_MAX, r->entry_id, obj, err) ||
	    rd_str(d, o, "reason", true, r->reason, sizeof(r->reason), obj, err))
		return NETCFG_EPROTO;
	int e = j_get(d, o, "entry");
	if (e >= 0 && codec_catalog_entry_read(d, e, &r->entry, err))
		return NETCFG_EPROTO;
	int a = j_get(d, o, "passed_over");
	if (a >= 0 && j_type(d, a) != J_ARR)
		return bad(err, obj, "passed_over", "is not an array");
	for (int x = a >= 0 ? j_first(d, a) : -1; x >= 0 && r->n_notes < NETCFG_RESOLVE_NOTES_MAX;
	     x = j_next(d, x))
		if (!j_str(d, x, r->notes[r->n_notes++], sizeof(r->notes[0])))
			return bad(err, obj, "passed_over", "has an element that is not a string");
	return 0;
}
