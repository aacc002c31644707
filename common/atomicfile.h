/* SPDX-License-Identifier: MIT */
/*
 * atomicfile.h - replace a file so that a crash leaves either the old or
 * the new contents, and the new ones are on disk when the call returns:
 * write PATH.tmp, fsync it, rename it over PATH, fsync the directory.
 */
#ifndef NETCFG_ATOMICFILE_H
#define NETCFG_ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

/* The contents are the n pieces of iov in order.  0, or -1 with
 * "FILE: reason" in err (and PATH untouched). */
int atomic_write_file(const char *path, const struct iovec *iov, int n, mode_t mode,
		      char *err, size_t errlen);

#endif
