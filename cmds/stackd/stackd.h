/* SPDX-License-Identifier: MIT */
/* stackd.h - the daemon: configuration, clients and the global state. */
#ifndef STACKD_STACKD_H
#define STACKD_STACKD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "clock.h"
#include "dataplane.h"
#include "events.h"
#include "ipsec_db.h"
#include "stack.h"
#include "store.h"
#include "undo.h"

/* exit statuses */
#define STACKD_EXIT_OK 0
#define STACKD_EXIT_FAIL 1
#define STACKD_EXIT_USAGE 2
#define STACKD_EXIT_RUNNING 3   /* another stackd serves this socket */

enum dataplane_kind { DATAPLANE_MODEL = 0, DATAPLANE_LINUX };

struct catalog_host;

struct stackd_config {
	char socket[108];
	char state_dir[PATH_MAX];
	char config_path[PATH_MAX];
	bool config_given;
	bool foreground;
	bool test_clock;
	enum dataplane_kind dataplane;
	size_t max_frame;
	bool have_group;
	gid_t group;
	char log_path[PATH_MAX];   /* "" = stderr in foreground, syslog otherwise */
	char pid_file[PATH_MAX];   /* "" = none */
	struct adapter_cfg *adapters;
	size_t n_adapters;
	bool adapters_declared;    /* the config file declared adapters */
	struct in_addr *ipv4;      /* host IPv4 addresses for automatic tunnelling */
	size_t n_ipv4;
	/* linux dataplane */
	char netns[256];           /* enter /var/run/netns/NAME first; "" = stay */
	char gai_conf[PATH_MAX];   /* where prefix policies go for getaddrinfo() */
};

struct client {
	struct client *next;
	int fd;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	bool may_write;
	bool closing;              /* close once tx is flushed */
	char *rx;
	size_t rx_len, rx_cap;
	char *tx;
	size_t tx_len, tx_off, tx_cap;
	int *fds;                  /* descriptors passed (SCM_RIGHTS), oldest first */
	size_t n_fds;
	struct events_waiter *waiter; /* its parked events.wait: nothing else is read */
};

struct daemon {
	struct stackd_config cfg;
	int epfd, lfd, sigfd, lockfd;
	struct client *clients;
	unsigned n_clients;
	struct clock clock;
	struct stack stack;
	struct dataplane dp;            /* dataplane.h: where the stack is realized */
	struct pstore pstore;
	struct undo_log undo;
	struct stackd_ipsec ipsec;      /* ipsec_db.h: the SPD and SAD (active store only) */
	struct catalog_host *catalog;   /* catalog_host.h: the live provider catalog */
	struct stackd_events events;    /* events.h: change generations, parked waits */
	uid_t uid;
	bool stop;
	/* ops_stack.c: the stack is down (net6 stop) or not installed
	 * (netsh interface ipv6 uninstall); only daemon-level operations
	 * are served then. */
	bool stack_stopped;
	bool stack_uninstalled;
	/* ops_transition.c: the settings of the 6to4 and ISATAP services */
	struct netcfg_6to4 sixtofour;
	struct netcfg_isatap isatap;
};

/* config.c */
void config_defaults(struct stackd_config *c);
/* Parse a config file; on error print "FILE:LINE: message" and return -1. */
int config_load(struct stackd_config *c, const char *path);
void config_free(struct stackd_config *c);
int config_parse_group(struct stackd_config *c, const char *name, char *err, size_t errlen);
/* Whether name can name a namespace of ip netns (/var/run/netns/NAME). */
bool config_netns_name_ok(const char *name);

/* dataplane.c: open the configured dataplane (err: one line), and build
 * a stack on it (the model's adapters, or the kernel's links). */
int dp_open(struct daemon *d, char *err, size_t errlen);
int dp_build(struct daemon *d, struct stack *st);

/* hostmirror.c: adapters (and IPv4 addresses) of the host, read-only. */
int host_mirror(struct stackd_config *c);

/* log.c */
void log_open(const struct stackd_config *c);
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* server.c */
int server_listen(struct daemon *d);
int server_run(struct daemon *d);
void server_close(struct daemon *d);

#endif
