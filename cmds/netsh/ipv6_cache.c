/* SPDX-License-Identifier: MIT */
/*
 * ipv6_cache.c - what the stack learns rather than is told: the neighbor
 * cache (with static entries netsh may add), the destination cache, the
 * site prefixes and the binding cache.
 */
#include "ipv6.h"

#include "../../libnetcfg/codec.h"

#include <string.h>

static const struct in6_addr *optional_addr(const struct args *a, const char *tag)
{
	const struct value *v = arg(a, tag);
	return v->set ? &v->addr : NULL;
}

/* ---- neighbors ------------------------------------------------------------ */

int ipv6_add_neighbors(struct netsh *sh, const struct args *a)
{
	struct netcfg_neighbor n = { 0 };
	const char *ll = arg(a, "neighbor")->text;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (codec_lladdr_any_parse(ll, n.lladdr, &n.lladdr_len) != NETCFG_OK || n.lladdr_len == 0)
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "add neighbors: \"%s\" is not an acceptable "
				  "value for neighbor: expected a MAC address such as 00-10-5a-aa-20-a2 "
				  "or an IPv4 address.", ll);
	ipv6_iface_ref(sh, arg(a, "interface"), &n.ifindex, &n.ifname);
	n.addr = arg(a, "address")->addr;
	return ipv6_done(sh, netcfg_neighbor_add(h, &n, NETCFG_F_ADD | arg_store_flags(a)));
}

int ipv6_delete_neighbors(struct netsh *sh, const struct args *a)
{
	uint32_t ifindex = 0;
	const char *ifname = NULL;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (arg_set(a, "interface"))
		ipv6_iface_ref(sh, arg(a, "interface"), &ifindex, &ifname);
	return ipv6_done(sh, netcfg_neighbor_flush(h, ifindex, ifname, optional_addr(a, "address"),
						   arg_store_flags(a)));
}

int ipv6_show_neighbors(struct netsh *sh, const struct args *a)
{
	struct netcfg_neighbor_list l;
	uint32_t index;
	int rc = ipv6_iface_filter(sh, a, &index);
	if (rc)
		return rc;
	if (netcfg_neighbor_list(sh->h, index, optional_addr(a, "address"), &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	sh->out->neighbors(sh, &l);
	netcfg_neighbor_list_free(&l);
	return NETSH_EXIT_OK;
}

/* ---- destination cache ----------------------------------------------------- */

int ipv6_delete_destinationcache(struct netsh *sh, const struct args *a)
{
	uint32_t index;
	int rc = ipv6_iface_filter(sh, a, &index);
	if (rc)
		return rc;
	return ipv6_done(sh, netcfg_destcache_flush(sh->h, index, optional_addr(a, "address")));
}

int ipv6_show_destinationcache(struct netsh *sh, const struct args *a)
{
	struct netcfg_destcache_list l;
	uint32_t index;
	int rc = ipv6_iface_filter(sh, a, &index);
	if (rc)
		return rc;
	if (netcfg_destcache_list(sh->h, index, optional_addr(a, "address"), &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	const char *level = arg_enum(a, "level");
	sh->out->destcache(sh, &l, level && strcmp(level, "verbose") == 0);
	netcfg_destcache_list_free(&l);
	return NETSH_EXIT_OK;
}

/* ---- site prefixes and the binding cache ------------------------------------ */

int ipv6_show_siteprefixes(struct netsh *sh, const struct args *a)
{
	struct netcfg_site_prefix_list l;
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	if (!h || !netsh_interfaces(sh))
		return NETSH_EXIT_NODAEMON;
	if (netcfg_site_prefix_list(h, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	sh->out->site_prefixes(sh, &l);
	netcfg_site_prefix_list_free(&l);
	return NETSH_EXIT_OK;
}

int ipv6_show_bindingcacheentries(struct netsh *sh, const struct args *a)
{
	struct netcfg_binding_list l;
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_binding_list(h, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	sh->out->bindings(sh, &l);
	netcfg_binding_list_free(&l);
	return NETSH_EXIT_OK;
}
