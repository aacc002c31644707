/* SPDX-License-Identifier: MIT */
/* interface.c - the `interface' context: a parent for the per-protocol
 * contexts (ipv6 here). */
#include "netsh.h"

extern const struct context ctx_ipv6;

static const struct context *const interface_subs[] = { &ctx_ipv6, NULL };

const struct context ctx_interface = {
	.name = "interface",
	.path = "interface",
	.subs = interface_subs,
	.helper_guid = "{EE77B9AF-A460-45EE-A891-8ED983B8A7E7}",
};
