/* SPDX-License-Identifier: MIT */
/* ipv6_interface.c - show interface and show joins. */
#include "ipv6.h"

#include <string.h>

int ipv6_show_interfaces(struct netsh *sh, const struct args *a,
			 void (*print)(struct netsh *, const struct netcfg_interface_list *))
{
	struct netcfg_interface_list l;
	uint32_t index;
	int rc = ipv6_iface_filter(sh, a, &index);
	if (rc)
		return rc;
	if (netcfg_interface_list(sh->h, index, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	print(sh, &l);
	netcfg_interface_list_free(&l);
	return NETSH_EXIT_OK;
}

/* The list, or with one interface or level=verbose every parameter. */
static void print_interfaces(struct netsh *sh, const struct netcfg_interface_list *l)
{
	sh->out->interfaces(sh, l, false);
}

static void print_interface_detail(struct netsh *sh, const struct netcfg_interface_list *l)
{
	sh->out->interfaces(sh, l, true);
}

int ipv6_show_interface(struct netsh *sh, const struct args *a)
{
	const char *level = arg_enum(a, "level");
	bool detail = arg_set(a, "interface") || (level && strcmp(level, "verbose") == 0);
	return ipv6_show_interfaces(sh, a, detail ? print_interface_detail : print_interfaces);
}

int ipv6_show_joins(struct netsh *sh, const struct args *a)
{
	return ipv6_show_interfaces(sh, a, sh->out->joins);
}

/* ---- tunnels ------------------------------------------------------------- */

static int add_tunnel(struct netsh *sh, const struct args *a, enum netcfg_if_kind kind)
{
	struct netcfg_interface_create c = { .kind = kind };
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	c.name = arg(a, "interface")->text;
	c.local = arg(a, "localaddress")->v4;
	if (kind == NETCFG_IF_V6V4) {
		c.remote = arg(a, "remoteaddress")->v4;
		c.nd = arg_enabled(a, "neighbordiscovery");
	}
	return ipv6_done(sh, netcfg_interface_add(h, &c, NETCFG_F_ADD | arg_store_flags(a), NULL));
}

int ipv6_add_v6v4tunnel(struct netsh *sh, const struct args *a)
{
	return add_tunnel(sh, a, NETCFG_IF_V6V4);
}

int ipv6_add_6over4tunnel(struct netsh *sh, const struct args *a)
{
	return add_tunnel(sh, a, NETCFG_IF_6OVER4);
}

int ipv6_delete_interface(struct netsh *sh, const struct args *a)
{
	uint32_t ifindex;
	const char *ifname;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	ipv6_iface_ref(sh, arg(a, "interface"), &ifindex, &ifname);
	return ipv6_done(sh, netcfg_interface_delete(h, ifindex, ifname, arg_store_flags(a)));
}

/* ---- settings ------------------------------------------------------------- */

int ipv6_set_interface(struct netsh *sh, const struct args *a)
{
	static const struct {
		const char *tag;
		uint32_t bit;
	} fields[] = {
		{ "forwarding", NETCFG_IFSET_FORWARDS },
		{ "advertise", NETCFG_IFSET_ADVERTISES },
		{ "mtu", NETCFG_IFSET_MTU },
		{ "siteid", NETCFG_IFSET_SITE },
		{ "metric", NETCFG_IFSET_METRIC },
		{ "firewall", NETCFG_IFSET_FIREWALL },
		{ "siteprefixlength", NETCFG_IFSET_SITE_PREFIX_LENGTH },
	};
	struct netcfg_interface_settings s = { 0 };
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (arg_set(a, fields[i].tag))
			s.mask |= fields[i].bit;
	if (!s.mask)
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "set interface: give at least one setting to "
				  "change (forwarding, advertise, mtu, siteid, metric, firewall or "
				  "siteprefixlength).");
	ipv6_iface_ref(sh, arg(a, "interface"), &s.ifindex, &s.ifname);
	s.forwards = arg_enabled(a, "forwarding");
	s.advertises = arg_enabled(a, "advertise");
	s.mtu = arg(a, "mtu")->u;
	s.site = arg(a, "siteid")->u;
	s.metric = arg(a, "metric")->u;
	s.firewall = arg_enabled(a, "firewall");
	s.site_prefix_length = arg(a, "siteprefixlength")->u;
	return ipv6_done(sh, netcfg_interface_set(h, &s, arg_store_flags(a)));
}

int ipv6_renew(struct netsh *sh, const struct args *a)
{
	uint32_t index = 0;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (arg_set(a, "interface")) {
		int rc = netsh_iface_index(sh, arg(a, "interface"), &index);
		if (rc)
			return rc;
	}
	return ipv6_done(sh, netcfg_renew(h, index));
}
