/* SPDX-License-Identifier: MIT */
/* paths.h - where the daemon's socket and state live (DESIGN.md section 2). */
#ifndef NETCFG_PATHS_H
#define NETCFG_PATHS_H

#include <stddef.h>

/* $NETCFG_SOCKET, else /run/netcfg/stackd.sock for root, else
 * $XDG_RUNTIME_DIR/netcfg/stackd.sock, else ~/.local/state/netcfg/stackd.sock. */
int netcfg_default_socket(char *buf, size_t size);
/* $NETCFG_STATE_DIR, else /var/lib/netcfg for root, else
 * $XDG_STATE_HOME/netcfg, else ~/.local/state/netcfg. */
int netcfg_default_state_dir(char *buf, size_t size);
/* mkdir -p of the directory part of path (mode 0755 for root, else 0700). */
int netcfg_mkdir_parent(const char *path);
int netcfg_mkdir_p(const char *dir, unsigned mode);

#endif
