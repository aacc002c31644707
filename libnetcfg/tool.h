/* SPDX-License-Identifier: MIT */
/* tool.h - what the command-line front ends share around a command. */
#ifndef NETCFG_TOOL_H
#define NETCFG_TOOL_H

#include <stdio.h>

#include <netcfg/netcfg.h>

/* Connect, starting an embedded daemon if none answers; on failure print
 * "PROG: message" and exit with nodaemon_exit. */
netcfg_t *tool_open(const char *prog, int nodaemon_exit);

/* After a command returned rc: on syntax_exit print "usage: PROG USAGE",
 * close h, and turn a failed write of stdout into fail_exit.  Returns the
 * exit status. */
int tool_finish(const char *prog, const char *usage, int rc, netcfg_t *h, int syntax_exit,
		int fail_exit);

/* Write msg and a newline to f, its control characters escaped (\n,
 * \xNN): a message that quotes what the user gave stays one line. */
void tool_put_line(FILE *f, const char *msg);

#endif
