/* SPDX-License-Identifier: MIT */
/* resolve.c - the selection rule over a whole catalog, with its reasons:
 * what `catalog resolve` prints. */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

static void note(struct netcfg_catalog_resolution *r, const struct netcfg_catalog_entry *e,
		 const char *why)
{
	if (r->n_notes < NETCFG_RESOLVE_NOTES_MAX)
		snprintf(r->notes[r->n_notes++], sizeof(r->notes[0]), "%u (%.60s): %s",
			 e->info.catalog_entry_id, e->info.description, why);
}

void catalog_resolve(const struct catalog *c, int af, int type, int protocol,
		     const uint32_t *app, struct netcfg_catalog_resolution *r)
{
	const char *why;
	char buf[256];
	memset(r, 0, sizeof(*r));
	r->wsa = catalog_select_precheck(af, type, protocol, &why);
	if (r->wsa) {
		snprintf(r->reason, sizeof(r->reason), "(%d, %d, %d) is refused: %s", af, type,
			 protocol, why);
		return;
	}
	struct catalog_nearest near = { 0 };
	for (size_t i = 0; i < c->n; i++) {
		const struct netcfg_catalog_entry *e = &c->v[i];
		if (e->info.chain_len != NETCFG_LAYERED_PROTOCOL)
			catalog_nearest_note(&near, &e->info, af, type);
		if (!catalog_entry_matches(&e->info, af, type, protocol))
			continue;
		const char *unusable = catalog_entry_unusable(c, e, app, buf, sizeof(buf));
		if (unusable) {
			note(r, e, unusable);
			continue;
		}
		r->entry_id = e->info.catalog_entry_id;
		r->entry = *e;
		snprintf(r->reason, sizeof(r->reason),
			 "the first entry in catalog order that matches (%d, %d, %d)%s%s%s", af, type,
			 protocol, af == 0 ? "; family 0 matches any family" : "",
			 type == 0 ? "; type 0 matches any type" : "",
			 protocol == 0 ? "; protocol 0 matches it through PFL_MATCHES_PROTOCOL_ZERO" : "");
		return;
	}
	r->wsa = catalog_nearest_code(&near);
	if (r->wsa == NETCFG_WSAEAFNOSUPPORT)
		snprintf(r->reason, sizeof(r->reason), "no usable entry of the %u-bit catalog has "
			 "address family %d", c->which, af);
	else if (r->wsa == NETCFG_WSAESOCKTNOSUPPORT)
		snprintf(r->reason, sizeof(r->reason), "no usable entry of the %u-bit catalog has "
			 "family %d and socket type %d", c->which, af, type);
	else
		snprintf(r->reason, sizeof(r->reason), "no usable entry of the %u-bit catalog matches "
			 "(%d, %d, %d)%s", c->which, af, type, protocol,
			 protocol == 0 ? "; protocol 0 matches only entries with "
					 "PFL_MATCHES_PROTOCOL_ZERO" : "");
}
