/* SPDX-License-Identifier: MIT */
/* errors.c - names and texts of the status codes in <netcfg/errors.h>. */
#include <netcfg/errors.h>

static const struct {
	const char *name;
	const char *text;
} status_table[NETCFG__STATUS_MAX] = {
	[NETCFG_OK] = { "OK", "success" },
	[NETCFG_EINVAL] = { "EINVAL", "invalid argument" },
	[NETCFG_ENOENT] = { "ENOENT", "no such object" },
	[NETCFG_EEXIST] = { "EEXIST", "object already exists" },
	[NETCFG_EPERM] = { "EPERM", "operation not permitted" },
	[NETCFG_EBUSY] = { "EBUSY", "object or stack busy" },
	[NETCFG_ENOTSUP] = { "ENOTSUP", "not supported" },
	[NETCFG_EPROTO] = { "EPROTO", "protocol error" },
	[NETCFG_ETOOBIG] = { "ETOOBIG", "message too large" },
	[NETCFG_EUNKNOWNOP] = { "EUNKNOWNOP", "unknown operation" },
	[NETCFG_EIO] = { "EIO", "storage error" },
	[NETCFG_ENOMEM] = { "ENOMEM", "out of memory" },
	[NETCFG_ENODAEMON] = { "ENODAEMON", "stack daemon not available" },
	[NETCFG_ESYNTAX] = { "ESYNTAX", "syntax error" },
	[NETCFG_ELIMIT] = { "ELIMIT", "limit reached" },
	[NETCFG_EINTERNAL] = { "EINTERNAL", "internal error" },
	[NETCFG_EKERNEL] = { "EKERNEL", "kernel refused the change" },
};

const char *netcfg_status_name(int status)
{
	if (status < 0 || status >= NETCFG__STATUS_MAX || !status_table[status].name)
		return "E?";
	return status_table[status].name;
}

const char *netcfg_status_text(int status)
{
	if (status < 0 || status >= NETCFG__STATUS_MAX || !status_table[status].text)
		return "unknown status";
	return status_table[status].text;
}
