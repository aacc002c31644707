/* SPDX-License-Identifier: MIT */
/* ipv6_dns.c - add, delete and show dns: the static DNS servers of an
 * interface, in order of preference. */
#include "ipv6.h"

#include <string.h>

int ipv6_add_dns(struct netsh *sh, const struct args *a)
{
	struct netcfg_dns_server s = { 0 };
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	ipv6_iface_ref(sh, arg(a, "interface"), &s.ifindex, &s.ifname);
	s.addr = arg(a, "address")->addr;
	s.position = arg(a, "index")->u;
	return ipv6_done(sh, netcfg_dns_add(h, &s, NETCFG_F_ADD | arg_store_flags(a)));
}

int ipv6_delete_dns(struct netsh *sh, const struct args *a)
{
	struct netcfg_dns_server s = { 0 };
	const struct value *addr = arg(a, "address");
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	ipv6_iface_ref(sh, arg(a, "interface"), &s.ifindex, &s.ifname);
	if (addr->all)
		return ipv6_done(sh, netcfg_dns_flush(h, s.ifindex, s.ifname, arg_store_flags(a)));
	s.addr = addr->addr;
	return ipv6_done(sh, netcfg_dns_delete(h, &s, arg_store_flags(a)));
}

int ipv6_show_dns(struct netsh *sh, const struct args *a)
{
	struct netcfg_dns_list l;
	uint32_t index;
	int rc = ipv6_iface_filter(sh, a, &index);
	if (rc)
		return rc;
	if (netcfg_dns_list(sh->h, index, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	if (!netsh_interfaces(sh)) {
		netcfg_dns_list_free(&l);
		return NETSH_EXIT_NODAEMON;
	}
	sh->out->dns(sh, &l, index);
	netcfg_dns_list_free(&l);
	return NETSH_EXIT_OK;
}
