/* SPDX-License-Identifier: MIT */
/*
 * hostmirror.c - with no adapters declared, the model mirrors the host's
 * Ethernet adapters (name, MAC, MTU) and IPv4 addresses, read-only: the
 * host itself is never changed by the model dataplane.
 */
#include "stackd.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_line(const char *dev, const char *attr, char *buf, size_t size)
{
	char path[512];
	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, attr);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	char *ok = fgets(buf, (int)size, f);
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

struct found {
	unsigned ifindex;
	struct adapter_cfg ad;
};

static int by_ifindex(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

int host_mirror(struct stackd_config *c)
{
	DIR *dir = opendir("/sys/class/net");
	struct found *v = NULL;
	size_t n = 0;
	if (dir) {
		struct dirent *de;
		while ((de = readdir(dir))) {
			char buf[64];
			uint32_t type, idx, mtu;
			if (de->d_name[0] == '.' || strlen(de->d_name) >= NETCFG_NAME_MAX)
				continue;
			if (read_line(de->d_name, "type", buf, sizeof(buf)) < 0 ||
			    netcfg_parse_uint(buf, UINT32_MAX, &type) || type != ARPHRD_ETHER)
				continue;
			/* adapters that are up; down devices (ifb, spare NICs) are left out */
			if (read_line(de->d_name, "flags", buf, sizeof(buf)) < 0 ||
			    !(strtoul(buf, NULL, 16) & IFF_UP))
				continue;
			if (read_line(de->d_name, "ifindex", buf, sizeof(buf)) < 0 ||
			    netcfg_parse_uint(buf, UINT32_MAX, &idx))
				continue;
			struct adapter_cfg ad = { .kind = NETCFG_IF_ETHERNET };
			if (read_line(de->d_name, "address", buf, sizeof(buf)) < 0 ||
			    netcfg_parse_mac(buf, ad.mac))
				continue;
			if (read_line(de->d_name, "mtu", buf, sizeof(buf)) == 0 &&
			    netcfg_parse_uint(buf, 65535, &mtu) == 0 && mtu >= 1280)
				ad.true_mtu = mtu;
			snprintf(ad.name, sizeof(ad.name), "%s", de->d_name);
			struct found *nv = realloc(v, (n + 1) * sizeof(*nv));
			if (!nv)
				break;
			v = nv;
			v[n].ifindex = idx;
			v[n++].ad = ad;
		}
		closedir(dir);
	}
	qsort(v, n, sizeof(*v), by_ifindex);
	c->adapters = calloc(n + 1, sizeof(*c->adapters));
	if (!c->adapters) {
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		c->adapters[i] = v[i].ad;
	c->n_adapters = n;
	free(v);

	struct ifaddrs *ifa_list;
	if (getifaddrs(&ifa_list) == 0) {
		for (struct ifaddrs *ifa = ifa_list; ifa; ifa = ifa->ifa_next) {
			if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_INET)
				continue;
			struct in_addr a = ((struct sockaddr_in *)ifa->ifa_addr)->sin_addr;
			if ((ntohl(a.s_addr) >> 24) == 127)
				continue;
			struct in_addr *nv = realloc(c->ipv4, (c->n_ipv4 + 1) * sizeof(*nv));
			if (!nv)
				break;
			c->ipv4 = nv;
			c->ipv4[c->n_ipv4++] = a;
		}
		freeifaddrs(ifa_list);
	}
	return 0;
}
