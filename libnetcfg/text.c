/* SPDX-License-Identifier: MIT */
/* text.c - the shared text helpers of <netcfg/text.h>. */
#include <netcfg/errors.h>
#include <netcfg/text.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int netcfg_parse_uint(const char *s, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return NETCFG_EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return NETCFG_EINVAL;
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > max)
			return NETCFG_EINVAL;
	}
	*out = (uint32_t)v;
	return NETCFG_OK;
}

int netcfg_parse_addr(const char *s, struct in6_addr *addr, uint32_t *scope)
{
	char buf[NETCFG_ADDRSTRLEN];
	const char *pct;
	size_t n;

	if (!s)
		return NETCFG_EINVAL;
	pct = strchr(s, '%');
	n = pct ? (size_t)(pct - s) : strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return NETCFG_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, addr) != 1)
		return NETCFG_EINVAL;
	if (pct) {
		uint32_t id;
		if (!scope || netcfg_parse_uint(pct + 1, UINT32_MAX, &id) != NETCFG_OK)
			return NETCFG_EINVAL;
		*scope = id;
	} else if (scope) {
		*scope = 0;
	}
	return NETCFG_OK;
}

void netcfg_prefix_mask(struct in6_addr *a, unsigned len)
{
	for (unsigned i = 0; i < 16; i++) {
		if (len >= 8) {
			len -= 8;
			continue;
		}
		a->s6_addr[i] &= (uint8_t)(0xff << (8 - len));
		len = 0;
	}
}

bool netcfg_prefix_match(const struct in6_addr *a, const struct in6_addr *b, unsigned len)
{
	unsigned bytes = len / 8, bits = len % 8;

	if (memcmp(a->s6_addr, b->s6_addr, bytes) != 0)
		return false;
	if (bits == 0)
		return true;
	uint8_t m = (uint8_t)(0xff << (8 - bits));
	return (a->s6_addr[bytes] & m) == (b->s6_addr[bytes] & m);
}

int netcfg_parse_prefix(const char *s, struct netcfg_prefix *p)
{
	char buf[NETCFG_ADDRSTRLEN];
	const char *slash;
	uint32_t len;

	if (!s || !(slash = strchr(s, '/')))
		return NETCFG_EINVAL;
	size_t n = (size_t)(slash - s);
	if (n == 0 || n >= sizeof(buf))
		return NETCFG_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, &p->addr) != 1)
		return NETCFG_EINVAL;
	if (netcfg_parse_uint(slash + 1, 128, &len) != NETCFG_OK)
		return NETCFG_EINVAL;
	struct in6_addr masked = p->addr;
	netcfg_prefix_mask(&masked, len);
	if (memcmp(&masked, &p->addr, sizeof(masked)) != 0)
		return NETCFG_EINVAL;
	p->len = (uint8_t)len;
	return NETCFG_OK;
}

static char *put_dec(char *o, unsigned v)
{
	char tmp[10];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*o++ = tmp[--n];
	return o;
}

/* The same text as glibc's inet_ntop (RFC 5952 compression of the first
 * longest run of two or more zero groups, lower-case hex, and the dotted
 * tail for IPv4-compatible and IPv4-mapped addresses) without going
 * through printf, which dominated the cost of big listings and batches. */
static char *format_addr_end(const struct in6_addr *a, char *o)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int best = -1, best_len = 0;
	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)a->s6_addr[2 * i] << 8 | a->s6_addr[2 * i + 1];
	for (int i = 0; i < 8;) {
		if (w[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	if (best_len < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				*o++ = ':';
			continue;
		}
		if (i)
			*o++ = ':';
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			for (int k = 12; k < 16; k++) {
				o = put_dec(o, a->s6_addr[k]);
				if (k < 15)
					*o++ = '.';
			}
			return o;
		}
		bool started = false;
		for (int sh = 12; sh >= 0; sh -= 4) {
			unsigned nib = (w[i] >> sh) & 15;
			if (nib || started || sh == 0) {
				*o++ = hex[nib];
				started = true;
			}
		}
	}
	if (best >= 0 && best + best_len == 8)
		*o++ = ':';
	return o;
}

const char *netcfg_format_addr(const struct in6_addr *a, char *buf)
{
	*format_addr_end(a, buf) = '\0';
	return buf;
}

const char *netcfg_format_prefix(const struct netcfg_prefix *p, char *buf)
{
	char *o = format_addr_end(&p->addr, buf);
	*o++ = '/';
	*put_dec(o, p->len) = '\0';
	return buf;
}

int netcfg_parse_lifetime(const char *s, bool allow_units, uint32_t *secs)
{
	if (!s || !*s)
		return NETCFG_EINVAL;
	if (strcasecmp(s, "infinite") == 0) {
		*secs = NETCFG_INFINITE;
		return NETCFG_OK;
	}
	uint64_t total = 0, num = 0;
	bool have_num = false, any_unit = false;
	static const char units[] = "dhms";
	static const uint32_t factor[] = { 86400, 3600, 60, 1 };
	int last_unit = -1;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			num = num * 10 + (uint64_t)(*p - '0');
			if (num >= NETCFG_INFINITE)
				return NETCFG_EINVAL;
			have_num = true;
			continue;
		}
		const char *u = allow_units ? strchr(units, tolower((unsigned char)*p)) : NULL;
		if (!u || !have_num)
			return NETCFG_EINVAL;
		int ui = (int)(u - units);
		if (ui <= last_unit) /* each unit once, largest first */
			return NETCFG_EINVAL;
		last_unit = ui;
		total += num * factor[ui];
		if (total >= NETCFG_INFINITE)
			return NETCFG_EINVAL;
		num = 0;
		have_num = false;
		any_unit = true;
	}
	if (have_num) {
		if (any_unit) /* "1h30" is ambiguous */
			return NETCFG_EINVAL;
		total = num;
	}
	if (total >= NETCFG_INFINITE)
		return NETCFG_EINVAL;
	*secs = (uint32_t)total;
	return NETCFG_OK;
}

int netcfg_parse_lifetime_pair(const char *s, uint32_t *valid, uint32_t *preferred)
{
	char buf[64];
	const char *slash = s ? strchr(s, '/') : NULL;

	if (!s)
		return NETCFG_EINVAL;
	if (!slash) {
		if (netcfg_parse_lifetime(s, false, valid) != NETCFG_OK)
			return NETCFG_EINVAL;
		*preferred = *valid;
		return NETCFG_OK;
	}
	size_t n = (size_t)(slash - s);
	if (n == 0 || n >= sizeof(buf))
		return NETCFG_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (netcfg_parse_lifetime(buf, false, valid) != NETCFG_OK ||
	    netcfg_parse_lifetime(slash + 1, false, preferred) != NETCFG_OK)
		return NETCFG_EINVAL;
	return NETCFG_OK;
}

const char *netcfg_format_lifetime(uint32_t secs, char *buf)
{
	if (secs == NETCFG_INFINITE)
		strcpy(buf, "infinite");
	else
		snprintf(buf, 16, "%us", secs);
	return buf;
}

const char *netcfg_format_duration(uint32_t secs, char *buf)
{
	if (secs == NETCFG_INFINITE) {
		strcpy(buf, "infinite");
		return buf;
	}
	if (secs == 0) {
		strcpy(buf, "0s");
		return buf;
	}
	static const uint32_t factor[] = { 86400, 3600, 60, 1 };
	static const char units[] = "dhms";
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < 4; i++) {
		uint32_t q = secs / factor[i];
		secs %= factor[i];
		if (q)
			n += (size_t)snprintf(buf + n, 32 - n, "%u%c", q, units[i]);
	}
	return buf;
}

int netcfg_parse_mac(const char *s, uint8_t mac[6])
{
	if (!s || strlen(s) != 17)
		return NETCFG_EINVAL;
	char sepc = s[2];
	if (sepc != '-' && sepc != ':')
		return NETCFG_EINVAL;
	for (int i = 0; i < 6; i++) {
		const char *p = s + i * 3;
		if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
			return NETCFG_EINVAL;
		if (i < 5 && p[2] != sepc)
			return NETCFG_EINVAL;
		unsigned v;
		sscanf(p, "%2x", &v);
		mac[i] = (uint8_t)v;
	}
	return NETCFG_OK;
}

const char *netcfg_format_mac(const uint8_t mac[6], char *buf)
{
	snprintf(buf, 18, "%02x-%02x-%02x-%02x-%02x-%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

int netcfg_parse_ipv4(const char *s, struct in_addr *v4)
{
	/* inet_pton(AF_INET) refuses leading zeros and short forms, which is
	 * what we want: "10.1" and "010.0.0.1" are not addresses here. */
	if (!s || inet_pton(AF_INET, s, v4) != 1)
		return NETCFG_EINVAL;
	return NETCFG_OK;
}

void netcfg_eui64_from_mac(const uint8_t mac[6], struct in6_addr *addr)
{
	uint8_t *b = addr->s6_addr;
	b[8] = mac[0] ^ 0x02;   /* universal/local bit */
	b[9] = mac[1];
	b[10] = mac[2];
	b[11] = 0xff;
	b[12] = 0xfe;
	b[13] = mac[3];
	b[14] = mac[4];
	b[15] = mac[5];
}

static void set_linklocal_prefix(struct in6_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->s6_addr[0] = 0xfe;
	addr->s6_addr[1] = 0x80;
}

void netcfg_linklocal_from_mac(const uint8_t mac[6], struct in6_addr *addr)
{
	set_linklocal_prefix(addr);
	netcfg_eui64_from_mac(mac, addr);
}

void netcfg_linklocal_from_ipv4(struct in_addr v4, struct in6_addr *addr)
{
	set_linklocal_prefix(addr);
	memcpy(addr->s6_addr + 12, &v4.s_addr, 4);
}

void netcfg_v4compat(struct in_addr v4, struct in6_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	memcpy(addr->s6_addr + 12, &v4.s_addr, 4);
}

void netcfg_6to4_prefix(struct in_addr v4, struct netcfg_prefix *p)
{
	memset(&p->addr, 0, sizeof(p->addr));
	p->addr.s6_addr[0] = 0x20;
	p->addr.s6_addr[1] = 0x02;
	memcpy(p->addr.s6_addr + 2, &v4.s_addr, 4);
	p->len = 48;
}

struct in_addr netcfg_embedded_ipv4(const struct in6_addr *addr, unsigned plen)
{
	uint8_t out[4] = { 0 };
	if (plen > 96)
		plen = 96;
	for (unsigned bit = 0; bit < 32; bit++) {
		unsigned src = plen + bit;
		if (addr->s6_addr[src / 8] & (0x80 >> (src % 8)))
			out[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
	}
	struct in_addr v4;
	memcpy(&v4.s_addr, out, 4);
	return v4;
}

bool netcfg_ipv4_is_private(struct in_addr v4)
{
	uint32_t a = ntohl(v4.s_addr);
	return (a >> 24) == 10 ||
	       (a >> 20) == ((172u << 4) | 1) ||   /* 172.16.0.0/12 */
	       (a >> 16) == ((192u << 8) | 168) ||
	       (a >> 16) == ((169u << 8) | 254);
}

void netcfg_solicited_node(const struct in6_addr *addr, struct in6_addr *group)
{
	memset(group, 0, sizeof(*group));
	group->s6_addr[0] = 0xff;
	group->s6_addr[1] = 0x02;
	group->s6_addr[11] = 0x01;
	group->s6_addr[12] = 0xff;
	memcpy(group->s6_addr + 13, addr->s6_addr + 13, 3);
}

unsigned netcfg_addr_scope(const struct in6_addr *a)
{
	const uint8_t *b = a->s6_addr;
	if (b[0] == 0xff)
		return b[1] & 0x0f;
	if (IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_LINKLOCAL(a))
		return 2;
	if (IN6_IS_ADDR_SITELOCAL(a))
		return 5;
	if (IN6_IS_ADDR_V4MAPPED(a)) {
		/* RFC 6724 3.2: 127/8 and 169.254/16 are link-local scope */
		if (b[12] == 127 || (b[12] == 169 && b[13] == 254))
			return 2;
	}
	return 14;
}
