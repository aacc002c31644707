/* SPDX-License-Identifier: MIT */
/* tool.c - see tool.h. */
#include "tool.h"

#include <stdio.h>
#include <stdlib.h>

netcfg_t *tool_open(const char *prog, int nodaemon_exit)
{
	netcfg_t *h;
	char err[512];
	if (netcfg_open(&h, 0, err, sizeof(err)) != NETCFG_OK) {
		fprintf(stderr, "%s: %s\n", prog, err);
		exit(nodaemon_exit);
	}
	return h;
}

int tool_finish(const char *prog, const char *usage, int rc, netcfg_t *h, int syntax_exit,
		int fail_exit)
{
	if (rc == syntax_exit)
		fprintf(stderr, "usage: %s %s\n", prog, usage);
	netcfg_close(h);
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "%s: cannot write the output\n", prog);
		rc = fail_exit;
	}
	return rc;
}

void tool_put_line(FILE *f, const char *msg)
{
	for (const char *s = msg; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\n')
			fputs("\\n", f);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\x%02x", ch);
		else
			fputc(ch, f);
	}
	fputc('\n', f);
}
