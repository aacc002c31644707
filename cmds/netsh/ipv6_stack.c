/* SPDX-License-Identifier: MIT */
/* ipv6_stack.c - install, uninstall and reset: the stack as a whole. */
#include "ipv6.h"

int ipv6_install(struct netsh *sh, const struct args *a)
{
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	return h ? ipv6_done(sh, netcfg_stack_install(h)) : NETSH_EXIT_NODAEMON;
}

int ipv6_uninstall(struct netsh *sh, const struct args *a)
{
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	return h ? ipv6_done(sh, netcfg_stack_uninstall(h)) : NETSH_EXIT_NODAEMON;
}

int ipv6_reset(struct netsh *sh, const struct args *a)
{
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	return h ? ipv6_done(sh, netcfg_stack_reset(h)) : NETSH_EXIT_NODAEMON;
}
