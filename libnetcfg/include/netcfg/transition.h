/* SPDX-License-Identifier: MIT */
/*
 * netcfg/transition.h - the settings of the two transition services of
 * netsh interface ipv6: 6to4 (relay, routing, service state, per-interface
 * routing) and ISATAP (router, state).
 *
 * The daemon keeps, persists and resets these settings like the rest of
 * the IPv6 configuration; the model stack does not run the services.
 * Settings have a field mask: a set changes the fields in the mask, a get
 * returns them all.  Every setting may be "default".
 */
#ifndef NETCFG_TRANSITION_H
#define NETCFG_TRANSITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct netcfg netcfg_t;

#define NETCFG_HOST_MAX 256            /* a relay or router name, with the NUL */
#define NETCFG_6TO4_MAX_INTERFACES 64  /* interfaces with their own 6to4 routing */

enum netcfg_svc_state {
	NETCFG_SVC_DEFAULT = 0,
	NETCFG_SVC_ENABLED,
	NETCFG_SVC_DISABLED,
	NETCFG_SVC_AUTOMATIC,          /* relay state and routing only */
};

/* Defaults of the names and intervals the "default" value stands for. */
#define NETCFG_6TO4_DEFAULT_RELAY "6to4.ipv6.microsoft.com"
#define NETCFG_ISATAP_DEFAULT_ROUTER "ISATAP"
#define NETCFG_DEFAULT_RESOLUTION_INTERVAL 1440   /* minutes */

#define NETCFG_6TO4_RELAY_NAME     0x01
#define NETCFG_6TO4_RELAY_STATE    0x02
#define NETCFG_6TO4_RELAY_INTERVAL 0x04
#define NETCFG_6TO4_ROUTING        0x08
#define NETCFG_6TO4_SITELOCALS     0x10
#define NETCFG_6TO4_STATE          0x20
#define NETCFG_6TO4_UNDO_ON_STOP   0x40
#define NETCFG_6TO4_ALL            0x7f

struct netcfg_6to4_interface {
	char name[64];                 /* the interface, by name */
	enum netcfg_svc_state routing; /* enabled, disabled or default */
};

struct netcfg_6to4 {
	uint32_t mask;
	char relay_name[NETCFG_HOST_MAX];  /* "" = the default relay */
	enum netcfg_svc_state relay_state;
	uint32_t relay_interval;           /* resolution interval, minutes; 0 = default */
	enum netcfg_svc_state routing;
	enum netcfg_svc_state sitelocals;
	enum netcfg_svc_state state;
	enum netcfg_svc_state undo_on_stop;
	/* get: every interface with a routing of its own */
	struct netcfg_6to4_interface interfaces[NETCFG_6TO4_MAX_INTERFACES];
	size_t n_interfaces;
};

#define NETCFG_ISATAP_ROUTER_NAME     0x1
#define NETCFG_ISATAP_ROUTER_STATE    0x2
#define NETCFG_ISATAP_ROUTER_INTERVAL 0x4
#define NETCFG_ISATAP_STATE           0x8
#define NETCFG_ISATAP_ALL             0xf

struct netcfg_isatap {
	uint32_t mask;
	char router_name[NETCFG_HOST_MAX]; /* "" = the default router */
	enum netcfg_svc_state router_state;
	uint32_t router_interval;          /* minutes; 0 = default */
	enum netcfg_svc_state state;
};

/* "default", "enabled", "disabled", "automatic"; NULL / -1 otherwise. */
const char *netcfg_svc_state_name(enum netcfg_svc_state s);
int netcfg_svc_state_parse(const char *s);

int netcfg_6to4_get(netcfg_t *h, struct netcfg_6to4 *out);
/* Change the fields in s->mask (NETCFG_F_PERSIST: also at the next start). */
int netcfg_6to4_set(netcfg_t *h, const struct netcfg_6to4 *s, unsigned flags);
/* The 6to4 routing of one interface (NETCFG_SVC_DEFAULT forgets it). */
int netcfg_6to4_interface_set(netcfg_t *h, const char *ifname, enum netcfg_svc_state routing,
			      unsigned flags);
/* Every 6to4 setting back to default. */
int netcfg_6to4_reset(netcfg_t *h, unsigned flags);

int netcfg_isatap_get(netcfg_t *h, struct netcfg_isatap *out);
int netcfg_isatap_set(netcfg_t *h, const struct netcfg_isatap *s, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
