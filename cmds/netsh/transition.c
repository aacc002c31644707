/* SPDX-License-Identifier: MIT */
/*
 * transition.c - the `interface ipv6 6to4' and `interface ipv6 isatap'
 * contexts: the settings of the two transition services.  Every change is
 * persistent; "default" puts a setting back to its default.
 */
#include "netsh.h"

#include "../../libnetcfg/codec_transition.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const state_values[] = { "enabled", "disabled", "default", NULL };
static const char *const auto_values[] = { "enabled", "disabled", "automatic", "default", NULL };

/* A state tag's word as the service state. */
static enum netcfg_svc_state svc(const struct args *a, const char *tag)
{
	const char *w = arg_enum(a, tag);
	int s = w ? netcfg_svc_state_parse(w) : -1;
	return s < 0 ? NETCFG_SVC_DEFAULT : (enum netcfg_svc_state)s;
}

/* A name tag: "default" (any case) means the default name (""). */
static void name_arg(const struct args *a, const char *tag, char *buf, size_t size)
{
	const char *t = arg(a, tag)->text;
	snprintf(buf, size, "%s", strcasecmp(t, "default") == 0 ? "" : t);
}

static int nothing_to_change(struct netsh *sh, const struct args *a)
{
	char name[64];
	return netsh_fail(sh, NETSH_EXIT_SYNTAX, "%s: give at least one setting to change.",
			  command_name(a->group, a->cmd, name, sizeof(name)));
}

static int done(struct netsh *sh, int rc)
{
	return rc == NETCFG_OK ? NETSH_EXIT_OK : netsh_stack_error(sh);
}

/* ---- 6to4 ------------------------------------------------------------------ */

static int set_6to4(struct netsh *sh, const struct args *a, struct netcfg_6to4 *s)
{
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (!s->mask)
		return nothing_to_change(sh, a);
	return done(sh, netcfg_6to4_set(h, s, NETCFG_F_PERSIST));
}

static int sixtofour_set_relay(struct netsh *sh, const struct args *a)
{
	struct netcfg_6to4 s = { 0 };
	if (arg_set(a, "name")) {
		s.mask |= NETCFG_6TO4_RELAY_NAME;
		name_arg(a, "name", s.relay_name, sizeof(s.relay_name));
	}
	if (arg_set(a, "state")) {
		s.mask |= NETCFG_6TO4_RELAY_STATE;
		s.relay_state = svc(a, "state");
	}
	if (arg_set(a, "interval")) {
		s.mask |= NETCFG_6TO4_RELAY_INTERVAL;
		s.relay_interval = arg(a, "interval")->u;
	}
	return set_6to4(sh, a, &s);
}

static int sixtofour_set_routing(struct netsh *sh, const struct args *a)
{
	struct netcfg_6to4 s = { 0 };
	if (arg_set(a, "routing")) {
		s.mask |= NETCFG_6TO4_ROUTING;
		s.routing = svc(a, "routing");
	}
	if (arg_set(a, "sitelocals")) {
		s.mask |= NETCFG_6TO4_SITELOCALS;
		s.sitelocals = svc(a, "sitelocals");
	}
	return set_6to4(sh, a, &s);
}

static int sixtofour_set_state(struct netsh *sh, const struct args *a)
{
	struct netcfg_6to4 s = { 0 };
	if (arg_set(a, "state")) {
		s.mask |= NETCFG_6TO4_STATE;
		s.state = svc(a, "state");
	}
	if (arg_set(a, "undoonstop")) {
		s.mask |= NETCFG_6TO4_UNDO_ON_STOP;
		s.undo_on_stop = svc(a, "undoonstop");
	}
	return set_6to4(sh, a, &s);
}

static int sixtofour_set_interface(struct netsh *sh, const struct args *a)
{
	uint32_t index;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (!arg_set(a, "routing"))
		return nothing_to_change(sh, a);
	const struct value *v = arg(a, "name");
	const char *name = v->text;
	/* the setting is kept by name; an index names the interface it has now */
	if (netsh_iface_lookup(sh, v, &index))
		name = netsh_ifname(sh, index);
	return done(sh, netcfg_6to4_interface_set(h, name, svc(a, "routing"), NETCFG_F_PERSIST));
}

static int sixtofour_reset(struct netsh *sh, const struct args *a)
{
	(void)a;
	netcfg_t *h = netsh_handle(sh);
	return h ? done(sh, netcfg_6to4_reset(h, NETCFG_F_PERSIST)) : NETSH_EXIT_NODAEMON;
}

static int show_6to4(struct netsh *sh, uint32_t part, const char *only)
{
	struct netcfg_6to4 s;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_6to4_get(h, &s) != NETCFG_OK)
		return netsh_stack_error(sh);
	if (only) {
		size_t k = 0;
		for (size_t i = 0; i < s.n_interfaces; i++)
			if (strcasecmp(s.interfaces[i].name, only) == 0)
				s.interfaces[k++] = s.interfaces[i];
		s.n_interfaces = k;
	}
	if (part)
		s.n_interfaces = 0;
	s.mask = part;
	sh->out->sixtofour(sh, &s);
	return NETSH_EXIT_OK;
}

static int sixtofour_show_relay(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show_6to4(sh, NETCFG_6TO4_RELAY_NAME | NETCFG_6TO4_RELAY_STATE |
			 NETCFG_6TO4_RELAY_INTERVAL, NULL);
}

static int sixtofour_show_routing(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show_6to4(sh, NETCFG_6TO4_ROUTING | NETCFG_6TO4_SITELOCALS, NULL);
}

static int sixtofour_show_state(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show_6to4(sh, NETCFG_6TO4_STATE | NETCFG_6TO4_UNDO_ON_STOP, NULL);
}

static int sixtofour_show_interface(struct netsh *sh, const struct args *a)
{
	uint32_t index;
	const struct value *v = arg(a, "name");
	const char *only = NULL;
	if (v->set) {
		int rc = netsh_iface_index(sh, v, &index);
		if (rc)
			return rc;
		only = netsh_ifname(sh, index);
	}
	return show_6to4(sh, 0, only);
}

/* ---- ISATAP ------------------------------------------------------------------ */

static int isatap_set(struct netsh *sh, const struct args *a, struct netcfg_isatap *s)
{
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (!s->mask)
		return nothing_to_change(sh, a);
	return done(sh, netcfg_isatap_set(h, s, NETCFG_F_PERSIST));
}

static int isatap_set_router(struct netsh *sh, const struct args *a)
{
	struct netcfg_isatap s = { 0 };
	if (arg_set(a, "name")) {
		s.mask |= NETCFG_ISATAP_ROUTER_NAME;
		name_arg(a, "name", s.router_name, sizeof(s.router_name));
	}
	if (arg_set(a, "state")) {
		s.mask |= NETCFG_ISATAP_ROUTER_STATE;
		s.router_state = svc(a, "state");
	}
	if (arg_set(a, "interval")) {
		s.mask |= NETCFG_ISATAP_ROUTER_INTERVAL;
		s.router_interval = arg(a, "interval")->u;
	}
	return isatap_set(sh, a, &s);
}

static int isatap_set_state(struct netsh *sh, const struct args *a)
{
	struct netcfg_isatap s = { 0 };
	if (arg_set(a, "state")) {
		s.mask |= NETCFG_ISATAP_STATE;
		s.state = svc(a, "state");
	}
	return isatap_set(sh, a, &s);
}

static int show_isatap(struct netsh *sh, uint32_t part)
{
	struct netcfg_isatap s;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_isatap_get(h, &s) != NETCFG_OK)
		return netsh_stack_error(sh);
	s.mask = part;
	sh->out->isatap(sh, &s);
	return NETSH_EXIT_OK;
}

static int isatap_show_router(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show_isatap(sh, NETCFG_ISATAP_ROUTER_NAME | NETCFG_ISATAP_ROUTER_STATE |
			   NETCFG_ISATAP_ROUTER_INTERVAL);
}

static int isatap_show_state(struct netsh *sh, const struct args *a)
{
	(void)a;
	return show_isatap(sh, NETCFG_ISATAP_STATE);
}

/* ---- dumps ---------------------------------------------------------------------- */

/* The persistent settings of a service: its store entry, if any. */
static int stored_settings(struct netsh *sh, const char *key, struct jdoc *doc, int *tok,
			   bool *installed)
{
	struct netcfg_store_list store;
	struct netcfg_stack_status st;
	netcfg_t *h = netsh_handle(sh);
	*tok = -1;
	memset(doc, 0, sizeof(*doc));
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_stack_status(h, &st) != NETCFG_OK || netcfg_store_list(h, &store) != NETCFG_OK)
		return netsh_stack_error(sh);
	*installed = st.installed;
	for (size_t i = 0; i < store.n; i++) {
		if (strcmp(store.v[i].key, key) != 0)
			continue;
		/* the document keeps the text, so it takes it over */
		char *text = store.v[i].args;
		store.v[i].args = NULL;
		if (jdoc_parse(doc, text, store.v[i].args_len) == 0)
			*tok = j_get(doc, 0, "settings");
		else
			free(text);
		break;
	}
	netcfg_store_list_free(&store);
	return NETSH_EXIT_OK;
}

static void stored_free(struct jdoc *doc)
{
	free((char *)doc->src);
	jdoc_free(doc);
}

static const char *state_word(enum netcfg_svc_state s)
{
	return netcfg_svc_state_name(s);
}

static int dump_6to4(struct netsh *sh)
{
	struct jdoc doc;
	struct netcfg_6to4 s;
	char err[CODEC_ERRLEN], q[300];
	int tok;
	bool installed = true;
	int rc = stored_settings(sh, "6to4", &doc, &tok, &installed);
	if (rc)
		return rc;
	memset(&s, 0, sizeof(s));
	if (tok >= 0 && codec_6to4_read(&doc, tok, &s, err)) {
		stored_free(&doc);
		return netsh_fail(sh, NETSH_EXIT_FAIL, "dump: persistent 6to4 settings: %s", err);
	}
	stored_free(&doc);
	dump_block("6to4", "interface ipv6 6to4", true);
	if (installed) {
		printf("reset\n");
		if (s.mask & (NETCFG_6TO4_RELAY_NAME | NETCFG_6TO4_RELAY_STATE | NETCFG_6TO4_RELAY_INTERVAL)) {
			printf("set relay");
			if (s.mask & NETCFG_6TO4_RELAY_NAME)
				printf(" name=%s", s.relay_name[0] ? dump_quote(s.relay_name, q, sizeof(q))
								    : "default");
			if (s.mask & NETCFG_6TO4_RELAY_STATE)
				printf(" state=%s", state_word(s.relay_state));
			if (s.mask & NETCFG_6TO4_RELAY_INTERVAL)
				printf(" interval=%u", s.relay_interval);
			printf("\n");
		}
		if (s.mask & (NETCFG_6TO4_ROUTING | NETCFG_6TO4_SITELOCALS)) {
			printf("set routing");
			if (s.mask & NETCFG_6TO4_ROUTING)
				printf(" routing=%s", state_word(s.routing));
			if (s.mask & NETCFG_6TO4_SITELOCALS)
				printf(" sitelocals=%s", state_word(s.sitelocals));
			printf("\n");
		}
		if (s.mask & (NETCFG_6TO4_STATE | NETCFG_6TO4_UNDO_ON_STOP)) {
			printf("set state");
			if (s.mask & NETCFG_6TO4_STATE)
				printf(" state=%s", state_word(s.state));
			if (s.mask & NETCFG_6TO4_UNDO_ON_STOP)
				printf(" undoonstop=%s", state_word(s.undo_on_stop));
			printf("\n");
		}
		for (size_t i = 0; i < s.n_interfaces; i++)
			printf("set interface name=%s routing=%s\n",
			       dump_quote(s.interfaces[i].name, q, sizeof(q)),
			       state_word(s.interfaces[i].routing));
	}
	dump_block("6to4", NULL, false);
	return NETSH_EXIT_OK;
}

static int dump_isatap(struct netsh *sh)
{
	struct jdoc doc;
	struct netcfg_isatap s;
	char err[CODEC_ERRLEN], q[300];
	int tok;
	bool installed = true;
	int rc = stored_settings(sh, "isatap", &doc, &tok, &installed);
	if (rc)
		return rc;
	memset(&s, 0, sizeof(s));
	if (tok >= 0 && codec_isatap_read(&doc, tok, &s, err)) {
		stored_free(&doc);
		return netsh_fail(sh, NETSH_EXIT_FAIL, "dump: persistent ISATAP settings: %s", err);
	}
	stored_free(&doc);
	dump_block("ISATAP", "interface ipv6 isatap", true);
	if (installed && (s.mask & (NETCFG_ISATAP_ROUTER_NAME | NETCFG_ISATAP_ROUTER_STATE |
				    NETCFG_ISATAP_ROUTER_INTERVAL))) {
		printf("set router");
		if (s.mask & NETCFG_ISATAP_ROUTER_NAME)
			printf(" name=%s", s.router_name[0] ? dump_quote(s.router_name, q, sizeof(q))
							     : "default");
		if (s.mask & NETCFG_ISATAP_ROUTER_STATE)
			printf(" state=%s", state_word(s.router_state));
		if (s.mask & NETCFG_ISATAP_ROUTER_INTERVAL)
			printf(" interval=%u", s.router_interval);
		printf("\n");
	}
	if (installed && (s.mask & NETCFG_ISATAP_STATE))
		printf("set state state=%s\n", state_word(s.state));
	dump_block("ISATAP", NULL, false);
	return NETSH_EXIT_OK;
}

/* ---- tables ---------------------------------------------------------------------- */

static const struct tag relay_tags[] = {
	{ "name", VAL_STRING, false, NULL, 0, 0,
	  "The relay router: a host name or IPv4 address, or default (" NETCFG_6TO4_DEFAULT_RELAY ")." },
	{ "state", VAL_ENUM, false, auto_values, 0, 0,
	  "Whether the relay is used: enabled, disabled, automatic (used when the host has "
	  "a public IPv4 address), or default." },
	{ "interval", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "How often the relay name is resolved again, in minutes (default 1440)." },
	{ NULL },
};

static const struct tag routing_tags[] = {
	{ "routing", VAL_ENUM, false, auto_values, 0, 0,
	  "Whether the host routes 6to4 for its network: enabled, disabled, automatic "
	  "(when connection sharing is on), or default." },
	{ "sitelocals", VAL_ENUM, false, state_values, 0, 0,
	  "Whether site-local prefixes are advertised with the 6to4 ones." },
	{ NULL },
};

static const struct tag state_6to4_tags[] = {
	{ "state", VAL_ENUM, false, state_values, 0, 0, "Whether the 6to4 service runs." },
	{ "undoonstop", VAL_ENUM, false, state_values, 0, 0,
	  "Whether what the service configured is undone when it stops." },
	{ NULL },
};

static const struct tag interface_6to4_tags[] = {
	{ "name", VAL_IFACE, true, NULL, 0, 0, "The name or index of the interface." },
	{ "routing", VAL_ENUM, false, state_values, 0, 0,
	  "Whether 6to4 routing is done on the interface (default: as set routing says)." },
	{ NULL },
};

static const struct tag show_interface_6to4_tags[] = {
	{ "name", VAL_IFACE, false, NULL, 0, 0, "Only this interface (name or index)." },
	{ NULL },
};

static const struct command set_6to4_commands[] = {
	{ "interface", NULL, sixtofour_set_interface, interface_6to4_tags, CMD_CHANGE,
	  "Sets the 6to4 routing of an interface.", NULL,
	  "set interface \"Local Area Connection\" routing=enabled" },
	{ "relay", NULL, sixtofour_set_relay, relay_tags, CMD_CHANGE,
	  "Sets the 6to4 relay router.", NULL,
	  "set relay 192.88.99.1\nset relay name=default state=automatic interval=60" },
	{ "routing", NULL, sixtofour_set_routing, routing_tags, CMD_CHANGE,
	  "Sets whether the host routes 6to4.", NULL, "set routing routing=enabled" },
	{ "state", NULL, sixtofour_set_state, state_6to4_tags, CMD_CHANGE,
	  "Sets the state of the 6to4 service.", NULL, "set state state=disabled" },
	{ NULL },
};

static const struct command show_6to4_commands[] = {
	{ "interface", NULL, sixtofour_show_interface, show_interface_6to4_tags, CMD_SHOW,
	  "Shows the interfaces with a 6to4 routing of their own.", NULL, NULL },
	{ "relay", NULL, sixtofour_show_relay, NULL, CMD_SHOW,
	  "Shows the relay name, relay state and resolution interval.", NULL, NULL },
	{ "routing", NULL, sixtofour_show_routing, NULL, CMD_SHOW,
	  "Shows the 6to4 routing state.", NULL, NULL },
	{ "state", NULL, sixtofour_show_state, NULL, CMD_SHOW,
	  "Shows the state of the 6to4 service.", NULL, NULL },
	{ NULL },
};

static const struct group groups_6to4[] = {
	{ "set", "Updates configuration settings.", set_6to4_commands },
	{ "show", "Displays information.", show_6to4_commands },
	{ NULL },
};

static const struct command commands_6to4[] = {
	{ "reset", NULL, sixtofour_reset, NULL, CMD_CHANGE,
	  "Resets the 6to4 configuration state.",
	  "Puts every 6to4 setting back to its default.", NULL },
	{ NULL },
};

const struct context ctx_6to4 = {
	.name = "6to4",
	.path = "interface ipv6 6to4",
	.commands = commands_6to4,
	.groups = groups_6to4,
	.dump = dump_6to4,
	.helper_guid = "{C3F672D3-DED0-4622-A449-C1FE0885886F}",
};

static const struct tag router_tags[] = {
	{ "name", VAL_STRING, false, NULL, 0, 0,
	  "The ISATAP router: a host name or IPv4 address, or default ("
	  NETCFG_ISATAP_DEFAULT_ROUTER ")." },
	{ "state", VAL_ENUM, false, state_values, 0, 0, "Whether the router is used." },
	{ "interval", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "How often the router name is resolved again, in minutes (default 1440)." },
	{ NULL },
};

static const struct tag state_isatap_tags[] = {
	{ "state", VAL_ENUM, false, state_values, 0, 0, "Whether ISATAP runs." },
	{ NULL },
};

static const struct command set_isatap[] = {
	{ "router", NULL, isatap_set_router, router_tags, CMD_CHANGE,
	  "Sets the ISATAP router.", NULL, "set router 192.0.2.254\nset router name=default" },
	{ "state", NULL, isatap_set_state, state_isatap_tags, CMD_CHANGE,
	  "Sets the state of ISATAP.", NULL, "set state disabled" },
	{ NULL },
};

static const struct command show_isatap_cmds[] = {
	{ "router", NULL, isatap_show_router, NULL, CMD_SHOW,
	  "Shows the ISATAP router.", NULL, NULL },
	{ "state", NULL, isatap_show_state, NULL, CMD_SHOW,
	  "Shows the state of ISATAP.", NULL, NULL },
	{ NULL },
};

static const struct group groups_isatap[] = {
	{ "set", "Updates configuration settings.", set_isatap },
	{ "show", "Displays information.", show_isatap_cmds },
	{ NULL },
};

const struct context ctx_isatap = {
	.name = "isatap",
	.path = "interface ipv6 isatap",
	.groups = groups_isatap,
	.dump = dump_isatap,
	.helper_guid = "{2E17A483-3854-4BE1-B9F5-A9BDDFE4B092}",
};
