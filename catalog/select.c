/* SPDX-License-Identifier: MIT */
/*
 * select.c - the socket-creation selection rule.  stackd uses it for
 * `catalog resolve`; the provider loader uses the same functions for a
 * program's socket() calls, so both always agree.
 */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

int catalog_select_precheck(int af, int type, int protocol, const char **why)
{
	if (type == NETCFG_SOCK_RAW && protocol == 0) {
		*why = "SOCK_RAW needs a protocol; 0 is not allowed with it";
		return NETCFG_WSAEPROTONOSUPPORT;
	}
	if (af == NETCFG_AF_UNSPEC && protocol == 0) {
		*why = "with address family 0 the protocol must be given";
		return NETCFG_WSAEINVAL;
	}
	*why = NULL;
	return 0;
}

bool catalog_entry_matches(const struct netcfg_protocol_info *p, int af, int type, int protocol)
{
	if (af != 0 && p->address_family != af)
		return false;
	if (type != 0 && p->socket_type != type)
		return false;
	if (protocol == 0)
		return (p->provider_flags & NETCFG_PFL_MATCHES_PROTOCOL_ZERO) != 0;
	return protocol >= p->protocol && protocol <= p->protocol + p->protocol_max_offset;
}

void catalog_nearest_note(struct catalog_nearest *n, const struct netcfg_protocol_info *p, int af,
			  int type)
{
	if (af == 0 || p->address_family == af) {
		n->family = true;
		if (type == 0 || p->socket_type == type)
			n->type = true;
	}
}

int catalog_nearest_code(const struct catalog_nearest *n)
{
	if (!n->family)
		return NETCFG_WSAEAFNOSUPPORT;
	if (!n->type)
		return NETCFG_WSAESOCKTNOSUPPORT;
	return NETCFG_WSAEPROTONOSUPPORT;
}
