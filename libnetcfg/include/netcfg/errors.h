/* SPDX-License-Identifier: MIT */
/*
 * netcfg/errors.h - the one list of netcfg status codes.
 *
 * These numbers travel on the wire ("status" in a reply), are returned by
 * every libnetcfg call and are documented in libnetcfg(3).  They are stable:
 * append new codes, never renumber.
 */
#ifndef NETCFG_ERRORS_H
#define NETCFG_ERRORS_H

#ifdef __cplusplus
extern "C" {
#endif

enum netcfg_status {
	NETCFG_OK = 0,
	NETCFG_EINVAL = 1,      /* a value is malformed or out of range */
	NETCFG_ENOENT = 2,      /* the named object does not exist */
	NETCFG_EEXIST = 3,      /* the object already exists */
	NETCFG_EPERM = 4,       /* the caller may not change state */
	NETCFG_EBUSY = 5,       /* the object or stack is in use */
	NETCFG_ENOTSUP = 6,     /* not supported by this stack or dataplane */
	NETCFG_EPROTO = 7,      /* malformed request or reply frame */
	NETCFG_ETOOBIG = 8,     /* frame larger than the configured limit */
	NETCFG_EUNKNOWNOP = 9,  /* the daemon has no such operation */
	NETCFG_EIO = 10,        /* storage failed (the change was not made) */
	NETCFG_ENOMEM = 11,     /* out of memory */
	NETCFG_ENODAEMON = 12,  /* no daemon answers and none could be started */
	NETCFG_ESYNTAX = 13,    /* command-line or file syntax error */
	NETCFG_ELIMIT = 14,     /* a table or cache limit was reached */
	NETCFG_EINTERNAL = 15,  /* a bug: the daemon's invariants were violated */
	NETCFG_EKERNEL = 16,    /* the kernel refused the change */
	NETCFG__STATUS_MAX
};

/* Short symbolic name, e.g. "EINVAL"; "E?" for unknown codes. */
const char *netcfg_status_name(int status);
/* Generic one-line description of a code, e.g. "invalid argument". */
const char *netcfg_status_text(int status);

#ifdef __cplusplus
}
#endif
#endif
