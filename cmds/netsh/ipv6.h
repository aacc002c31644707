/* SPDX-License-Identifier: MIT */
/* ipv6.h - the handlers of the `interface ipv6` context (tables in ipv6.c). */
#ifndef NETSH_IPV6_H
#define NETSH_IPV6_H

#include "netsh.h"

/* ipv6_address.c */
int ipv6_add_address(struct netsh *sh, const struct args *a);
int ipv6_set_address(struct netsh *sh, const struct args *a);
int ipv6_delete_address(struct netsh *sh, const struct args *a);
int ipv6_show_address(struct netsh *sh, const struct args *a);

/* ipv6_route.c */
int ipv6_add_route(struct netsh *sh, const struct args *a);
int ipv6_set_route(struct netsh *sh, const struct args *a);
int ipv6_delete_route(struct netsh *sh, const struct args *a);
int ipv6_show_routes(struct netsh *sh, const struct args *a);

/* ipv6_interface.c */
int ipv6_show_interface(struct netsh *sh, const struct args *a);
int ipv6_show_joins(struct netsh *sh, const struct args *a);
int ipv6_add_v6v4tunnel(struct netsh *sh, const struct args *a);
int ipv6_add_6over4tunnel(struct netsh *sh, const struct args *a);
int ipv6_delete_interface(struct netsh *sh, const struct args *a);
int ipv6_set_interface(struct netsh *sh, const struct args *a);
int ipv6_renew(struct netsh *sh, const struct args *a);

/* ipv6_policy.c */
int ipv6_add_prefixpolicy(struct netsh *sh, const struct args *a);
int ipv6_set_prefixpolicy(struct netsh *sh, const struct args *a);
int ipv6_delete_prefixpolicy(struct netsh *sh, const struct args *a);
int ipv6_show_prefixpolicy(struct netsh *sh, const struct args *a);

/* ipv6_global.c */
int ipv6_set_global(struct netsh *sh, const struct args *a);
int ipv6_show_global(struct netsh *sh, const struct args *a);
int ipv6_set_privacy(struct netsh *sh, const struct args *a);
int ipv6_show_privacy(struct netsh *sh, const struct args *a);
int ipv6_set_mobility(struct netsh *sh, const struct args *a);
int ipv6_show_mobility(struct netsh *sh, const struct args *a);

/* ipv6_dns.c */
int ipv6_add_dns(struct netsh *sh, const struct args *a);
int ipv6_delete_dns(struct netsh *sh, const struct args *a);
int ipv6_show_dns(struct netsh *sh, const struct args *a);

/* ipv6_cache.c */
int ipv6_add_neighbors(struct netsh *sh, const struct args *a);
int ipv6_delete_neighbors(struct netsh *sh, const struct args *a);
int ipv6_show_neighbors(struct netsh *sh, const struct args *a);
int ipv6_delete_destinationcache(struct netsh *sh, const struct args *a);
int ipv6_show_destinationcache(struct netsh *sh, const struct args *a);
int ipv6_show_siteprefixes(struct netsh *sh, const struct args *a);
int ipv6_show_bindingcacheentries(struct netsh *sh, const struct args *a);

/* ipv6_stack.c */
int ipv6_install(struct netsh *sh, const struct args *a);
int ipv6_uninstall(struct netsh *sh, const struct args *a);
int ipv6_reset(struct netsh *sh, const struct args *a);

/* ipv6_dump.c */
int ipv6_dump(struct netsh *sh);

/* An interface value as a change request names it: by name when it was
 * given as one (or is known), else by index. */
void ipv6_iface_ref(struct netsh *sh, const struct value *v, uint32_t *ifindex, const char **ifname);
/* The handle, and the index of the optional interface tag (0: none). */
int ipv6_iface_filter(struct netsh *sh, const struct args *a, uint32_t *index);
/* A show of the interfaces (all, or the one the interface tag names). */
int ipv6_show_interfaces(struct netsh *sh, const struct args *a,
			 void (*print)(struct netsh *, const struct netcfg_interface_list *));
/* The handle, or NULL after the message. */
static inline netcfg_t *ipv6_h(struct netsh *sh) { return netsh_handle(sh); }
/* Result of a libnetcfg change. */
static inline int ipv6_done(struct netsh *sh, int rc)
{
	return rc == NETCFG_OK ? NETSH_EXIT_OK : netsh_stack_error(sh);
}

#endif
