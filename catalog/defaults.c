/* SPDX-License-Identifier: MIT */
/*
 * defaults.c - the default catalog of this host: the Linux kernel as the
 * base provider of TCP, UDP and raw sockets over IPv4 and IPv6 (served in
 * programs by the project's base provider library), and one namespace
 * provider per name service that the hosts line of nsswitch.conf names.
 */
#include "catalog.h"

#include <ctype.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The GUIDs are this project's own, one per address family as Windows
 * has one for TCP/IP and one for TCP/IPv6. */
static const struct netcfg_guid kernel_ipv4 = {
	0x3c8e0b62, 0x91d4, 0x4e1f, { 0xa8, 0xb5, 0x6d, 0x27, 0xf4, 0xc9, 0xe0, 0x13 } };
static const struct netcfg_guid kernel_ipv6 = {
	0xa5f4d9c1, 0x2e7b, 0x4b38, { 0x9c, 0x60, 0x81, 0xd3, 0xe5, 0xf2, 0xb7, 0xa4 } };

#define TCP_FLAGS (NETCFG_XP1_GUARANTEED_DELIVERY | NETCFG_XP1_GUARANTEED_ORDER | \
		   NETCFG_XP1_GRACEFUL_CLOSE | NETCFG_XP1_EXPEDITED_DATA | NETCFG_XP1_IFS_HANDLES)
#define DGRAM_FLAGS (NETCFG_XP1_CONNECTIONLESS | NETCFG_XP1_MESSAGE_ORIENTED | \
		     NETCFG_XP1_SUPPORT_BROADCAST | NETCFG_XP1_SUPPORT_MULTIPOINT | \
		     NETCFG_XP1_IFS_HANDLES)
#define DGRAM_MAX 65467   /* 65535 less the IP and UDP headers */

static const struct {
	const char *what;
	int type, protocol, max_offset;
	uint32_t flags, pfl, message_size;
} kernel_protocols[] = {
	{ "TCP", NETCFG_SOCK_STREAM, 6, 0, TCP_FLAGS, NETCFG_PFL_MATCHES_PROTOCOL_ZERO, 0 },
	{ "UDP", NETCFG_SOCK_DGRAM, 17, 0, DGRAM_FLAGS, NETCFG_PFL_MATCHES_PROTOCOL_ZERO, DGRAM_MAX },
	{ "RAW", NETCFG_SOCK_RAW, 0, 255, DGRAM_FLAGS,
	  NETCFG_PFL_MATCHES_PROTOCOL_ZERO | NETCFG_PFL_HIDDEN, DGRAM_MAX },
};

static int find_libc(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	const char *name = info->dlpi_name;
	const char *slash = name ? strrchr(name, '/') : NULL;
	if (slash && strncmp(slash + 1, "libc.so", 7) == 0) {
		char *out = data;
		size_t n = (size_t)(slash - name);
		if (n < CATALOG_DIR_MAX) {
			memcpy(out, name, n);
			out[n] = '\0';
			return 1;
		}
	}
	return 0;
}

void catalog_env_init(struct catalog_env *env, const char *provider_dir)
{
	memset(env, 0, sizeof(*env));
	snprintf(env->provider_dir, sizeof(env->provider_dir), "%s", provider_dir);
	snprintf(env->nsswitch, sizeof(env->nsswitch), "/etc/nsswitch.conf");
	if (!dl_iterate_phdr(find_libc, env->nss_dir))
		snprintf(env->nss_dir, sizeof(env->nss_dir), "/lib");
}

int catalog_default_entries(struct catalog *c, const struct catalog_env *env)
{
	size_t want = 2 * sizeof(kernel_protocols) / sizeof(kernel_protocols[0]);
	struct netcfg_catalog_entry *v = calloc(want, sizeof(*v));
	if (!v)
		return -1;
	uint32_t id = CATALOG_FIRST_ID;
	size_t n = 0;
	for (int fam = 0; fam < 2; fam++) {
		for (size_t k = 0; k < sizeof(kernel_protocols) / sizeof(kernel_protocols[0]); k++) {
			struct netcfg_catalog_entry *e = &v[n++];
			struct netcfg_protocol_info *p = &e->info;
			p->service_flags = kernel_protocols[k].flags;
			p->provider_flags = kernel_protocols[k].pfl;
			p->provider_id = fam ? kernel_ipv6 : kernel_ipv4;
			p->catalog_entry_id = id++;
			p->chain_len = NETCFG_BASE_PROTOCOL;
			p->version = 2;
			p->address_family = fam ? NETCFG_AF_INET6 : NETCFG_AF_INET;
			p->max_sockaddr = p->min_sockaddr = fam ? 28 : 16;
			p->socket_type = kernel_protocols[k].type;
			p->protocol = kernel_protocols[k].protocol;
			p->protocol_max_offset = kernel_protocols[k].max_offset;
			p->network_byte_order = NETCFG_BIGENDIAN;
			p->message_size = kernel_protocols[k].message_size;
			snprintf(p->description, sizeof(p->description), "Linux kernel [%s/IP%s]",
				 kernel_protocols[k].what, fam ? "v6" : "");
			snprintf(e->path, sizeof(e->path), "%s/%s%s", env->provider_dir,
				 c->which == 32 ? CATALOG_32_SUBDIR "/" : "", CATALOG_BASE_PROVIDER);
			e->enabled = true;
		}
	}
	free(c->v);
	c->v = v;
	c->n = c->cap = n;
	c->next_id = id;
	return 0;
}

/* ---- namespace providers ------------------------------------------- */

static const struct {
	const char *module;
	uint32_t ns;
	const char *description;
	uint8_t tag;            /* makes each module's GUID its own */
} nss_modules[] = {
	{ "files", NETCFG_NS_TCPIP_HOSTS, "Hosts file /etc/hosts [nss files]", 1 },
	{ "dns", NETCFG_NS_DNS, "DNS resolver /etc/resolv.conf [nss dns]", 2 },
	{ "resolve", NETCFG_NS_DNS, "systemd-resolved [nss resolve]", 3 },
	{ "myhostname", NETCFG_NS_TCPIP_LOCAL, "Local host name [nss myhostname]", 4 },
	{ "mymachines", NETCFG_NS_TCPIP_LOCAL, "Local containers [nss mymachines]", 5 },
	{ "mdns", NETCFG_NS_DNS, "Multicast DNS [nss mdns]", 6 },
	{ "mdns4", NETCFG_NS_DNS, "Multicast DNS over IPv4 [nss mdns4]", 7 },
	{ "mdns6", NETCFG_NS_DNS, "Multicast DNS over IPv6 [nss mdns6]", 8 },
	{ "mdns_minimal", NETCFG_NS_DNS, "Multicast DNS, .local only [nss mdns_minimal]", 9 },
	{ "mdns4_minimal", NETCFG_NS_DNS, "Multicast DNS over IPv4, .local only [nss mdns4_minimal]", 10 },
	{ "mdns6_minimal", NETCFG_NS_DNS, "Multicast DNS over IPv6, .local only [nss mdns6_minimal]", 11 },
	{ "wins", NETCFG_NS_WINS, "WINS names through Samba [nss wins]", 12 },
};
static const struct netcfg_guid nss_guid_base = {
	0x6e0c31d7, 0x52a9, 0x4c0b, { 0xb3, 0x1f, 0x0d, 0x94, 0x7a, 0x58, 0xc2, 0x00 } };

/* The services of the "hosts:" line, without [ACTION] groups. */
static size_t hosts_line(const char *path, char words[][32], size_t max)
{
	FILE *f = fopen(path, "re");
	char line[1024];
	const char *list = NULL;
	while (f && fgets(line, sizeof(line), f)) {
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (strncmp(p, "hosts:", 6) == 0) {
			list = p + 6;
			break;
		}
	}
	if (f)
		fclose(f);
	if (!list)
		list = "dns files";   /* glibc's default without a hosts line */
	size_t n = 0;
	int depth = 0;
	for (const char *p = list; *p && *p != '#' && n < max;) {
		if (*p == '[') {
			depth++;
			p++;
		} else if (*p == ']') {
			depth--;
			p++;
		} else if (isspace((unsigned char)*p)) {
			p++;
		} else {
			size_t k = 0;
			while (*p && !isspace((unsigned char)*p) && *p != '[' && *p != ']' && *p != '#') {
				if (k < 31)
					words[n][k++] = *p;
				p++;
			}
			words[n][k] = '\0';
			if (depth == 0)
				n++;
		}
	}
	return n;
}

int catalog_default_namespaces(struct catalog *c, const struct catalog_env *env)
{
	char words[16][32];
	size_t nw = hosts_line(env->nsswitch, words, 16);
	c->n_ns = 0;
	for (size_t w = 0; w < nw; w++) {
		for (size_t m = 0; m < sizeof(nss_modules) / sizeof(nss_modules[0]); m++) {
			if (strcmp(words[w], nss_modules[m].module) != 0)
				continue;
			struct netcfg_ns_provider p = { 0 };
			p.id = nss_guid_base;
			p.id.data4[7] = nss_modules[m].tag;
			if (catalog_ns_index(c, &p.id) >= 0)
				break;
			p.namespace_id = nss_modules[m].ns;
			p.active = true;
			p.version = 1;
			snprintf(p.description, sizeof(p.description), "%s", nss_modules[m].description);
			snprintf(p.path, sizeof(p.path), "%s/libnss_%s.so.2", env->nss_dir, words[w]);
			/* glibc builds files and dns in; the .so.2 may be gone */
			if (access(p.path, F_OK) != 0 && (strcmp(words[w], "files") == 0 ||
							  strcmp(words[w], "dns") == 0))
				snprintf(p.path, sizeof(p.path), "%s/libc.so.6", env->nss_dir);
			if (c->n_ns == c->cap_ns) {
				size_t nc = c->cap_ns ? 2 * c->cap_ns : 8;
				void *nv = realloc(c->ns, nc * sizeof(*c->ns));
				if (!nv)
					return -1;
				c->ns = nv;
				c->cap_ns = nc;
			}
			c->ns[c->n_ns++] = p;
			break;
		}
	}
	return 0;
}

int catalog_state_defaults(struct catalog_state *s, const struct catalog_env *env)
{
	for (int i = 0; i < 2; i++)
		if (catalog_default_entries(&s->cat[i], env) < 0 ||
		    catalog_default_namespaces(&s->cat[i], env) < 0)
			return -1;
	s->generation++;
	return 0;
}
