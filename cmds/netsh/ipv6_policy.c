/* SPDX-License-Identifier: MIT */
/* ipv6_policy.c - add, set, delete and show prefixpolicy: the RFC 3484
 * policy table behind source and destination address selection.  netsh
 * has one label per prefix: it is both the source and destination label. */
#include "ipv6.h"

#include <stdlib.h>
#include <string.h>

static void policy_from_args(const struct args *a, struct netcfg_prefix_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->prefix = arg(a, "prefix")->prefix;
	p->precedence = arg(a, "precedence")->u;
	p->srclabel = p->dstlabel = arg(a, "label")->u;
}

int ipv6_add_prefixpolicy(struct netsh *sh, const struct args *a)
{
	struct netcfg_prefix_policy p;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	policy_from_args(a, &p);
	return ipv6_done(sh, netcfg_prefix_policy_add(h, &p, NETCFG_F_ADD | arg_store_flags(a)));
}

int ipv6_set_prefixpolicy(struct netsh *sh, const struct args *a)
{
	struct netcfg_prefix_policy p;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	policy_from_args(a, &p);
	return ipv6_done(sh, netcfg_prefix_policy_add(h, &p, NETCFG_F_SET | arg_store_flags(a)));
}

int ipv6_delete_prefixpolicy(struct netsh *sh, const struct args *a)
{
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	return ipv6_done(sh, netcfg_prefix_policy_delete(h, &arg(a, "prefix")->prefix,
							 arg_store_flags(a)));
}

/* Highest precedence first, then longer prefixes, then by address. */
static int policy_cmp(const void *a, const void *b)
{
	const struct netcfg_prefix_policy *x = a, *y = b;
	if (x->precedence != y->precedence)
		return x->precedence > y->precedence ? -1 : 1;
	if (x->prefix.len != y->prefix.len)
		return x->prefix.len > y->prefix.len ? -1 : 1;
	return memcmp(&x->prefix.addr, &y->prefix.addr, sizeof(x->prefix.addr));
}

int ipv6_show_prefixpolicy(struct netsh *sh, const struct args *a)
{
	struct netcfg_prefix_policy_list l;
	(void)a;
	netcfg_t *h = ipv6_h(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_prefix_policy_list(h, &l) != NETCFG_OK)
		return netsh_stack_error(sh);
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), policy_cmp);
	sh->out->policies(sh, &l);
	netcfg_prefix_policy_list_free(&l);
	return NETSH_EXIT_OK;
}
