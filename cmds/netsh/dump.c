/* SPDX-License-Identifier: MIT */
/* dump.c - dump walks the context tree: each context's own script, then
 * its sub-contexts'. */
#include "netsh.h"

#include <string.h>

int dump_context(struct netsh *sh, const struct context *c)
{
	int rc = c->dump ? c->dump(sh) : NETSH_EXIT_OK;
	for (const struct context *const *s = c->subs; rc == NETSH_EXIT_OK && s && *s; s++)
		rc = dump_context(sh, *s);
	return rc;
}

void dump_block(const char *title, const char *path, bool begin)
{
	if (begin)
		printf("\n\n\n# ----------------------------------\n# %s Configuration\n"
		       "# ----------------------------------\npushd %s\n\n", title, path);
	else
		printf("\n\npopd\n# End of %s configuration\n", title);
}

const char *dump_quote(const char *s, char *buf, size_t size)
{
	bool q = !*s || strpbrk(s, " \t=#");
	snprintf(buf, size, q ? "\"%s\"" : "%s", s);
	return buf;
}
