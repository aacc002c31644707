/* SPDX-License-Identifier: MIT */
/* ipv6_address.c - add, set, delete and show address. */
#include "ipv6.h"

#include <string.h>

void ipv6_iface_ref(struct netsh *sh, const struct value *v, uint32_t *ifindex, const char **ifname)
{
	*ifname = netsh_iface_name(sh, v);
	*ifindex = *ifname ? 0 : v->ifindex;
}

int ipv6_iface_filter(struct netsh *sh, const struct args *a, uint32_t *index)
{
	*index = 0;
	if (!ipv6_h(sh))
		return NETSH_EXIT_NODAEMON;
	if (!arg_set(a, "interface"))
		return NETSH_EXIT_OK;
	return netsh_iface_index(sh, arg(a, "interface"), index);
}

/* The address a command names, with the lifetimes and type it gives. */
static void address_from_args(struct netsh *sh, const struct args *a, struct netcfg_address *ad)
{
	memset(ad, 0, sizeof(*ad));
	ipv6_iface_ref(sh, arg(a, "interface"), &ad->ifindex, &ad->ifname);
	ad->addr = arg(a, "address")->addr;
	ad->type = NETCFG_ADDR_UNICAST;
	ad->valid_lifetime = ad->preferred_lifetime = NETCFG_INFINITE;
}

/* The lifetimes and type a command gives (over the current values of a set). */
static void apply_args(const struct args *a, struct netcfg_address *ad, bool adding)
{
	const struct value *type = arg(a, "type");
	const struct value *vl = arg(a, "validlifetime");
	const struct value *pl = arg(a, "preferredlifetime");
	if (type->set)
		ad->type = type->u == 1 ? NETCFG_ADDR_ANYCAST : NETCFG_ADDR_UNICAST;
	if (vl->set)
		ad->valid_lifetime = vl->u;
	if (pl->set)
		ad->preferred_lifetime = pl->u;
	else if (vl->set && (adding || ad->preferred_lifetime > vl->u))
		ad->preferred_lifetime = vl->u;   /* the preferred lifetime defaults to the valid one */
}

int ipv6_add_address(struct netsh *sh, const struct args *a)
{
	struct netcfg_address ad;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	address_from_args(sh, a, &ad);
	apply_args(a, &ad, true);
	return ipv6_done(sh, netcfg_address_add(h, &ad, NETCFG_F_ADD | arg_store_flags(a)));
}

int ipv6_set_address(struct netsh *sh, const struct args *a)
{
	struct netcfg_address ad;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	address_from_args(sh, a, &ad);
	/* What is not given stays as it is.  An interface unknown here may be
	 * created earlier in the same script; the stack checks it. */
	uint32_t index;
	const struct netcfg_interface_list *l = netsh_interfaces(sh);
	if (!l)
		return NETSH_EXIT_NODAEMON;
	if (netsh_iface_lookup(sh, arg(a, "interface"), &index)) {
		for (size_t i = 0; i < l->n; i++) {
			if (l->v[i].index != index)
				continue;
			for (size_t k = 0; k < l->v[i].n_addrs; k++) {
				const struct netcfg_address *cur = &l->v[i].addrs[k];
				if (!IN6_ARE_ADDR_EQUAL(&cur->addr, &ad.addr))
					continue;
				ad.type = cur->type;
				ad.valid_lifetime = cur->valid_lifetime;
				ad.preferred_lifetime = cur->preferred_lifetime;
			}
		}
	}
	apply_args(a, &ad, false);
	return ipv6_done(sh, netcfg_address_add(h, &ad, NETCFG_F_SET | arg_store_flags(a)));
}

int ipv6_delete_address(struct netsh *sh, const struct args *a)
{
	struct netcfg_address ad;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	address_from_args(sh, a, &ad);
	return ipv6_done(sh, netcfg_address_delete(h, &ad, arg_store_flags(a)));
}

int ipv6_show_address(struct netsh *sh, const struct args *a)
{
	return ipv6_show_interfaces(sh, a, sh->out->addresses);
}
