/* SPDX-License-Identifier: MIT */
/*
 * ipv6.c - the command tables of `netsh interface ipv6`: every command,
 * its tags in positional order, and its help.  The handlers are in
 * ipv6_*.c.
 */
#include "ipv6.h"

static const char *const store_values[] = { "active", "persistent", NULL };
static const char *const type_values[] = { "unicast", "anycast", NULL };
static const char *const publish_values[] = { "no", "age", "yes", NULL };
static const char *const level_values[] = { "normal", "verbose", NULL };

#define STORE_TAG { "store", VAL_ENUM, false, store_values, 0, 0, \
	"active: the change lasts until the stack restarts.\n" \
	"persistent: the change is also kept for the next start (the default)." }
#define IFACE_TAG(req, what) { "interface", VAL_IFACE, req, NULL, 0, 0, what }
#define LIFETIME_TAGS(valid, pref) \
	{ "validlifetime", VAL_LIFETIME, false, NULL, 0, 0, valid }, \
	{ "preferredlifetime", VAL_LIFETIME, false, NULL, 0, 0, pref }

/* ---- address ------------------------------------------------------------- */

static const struct tag address_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "address", VAL_ADDR, true, NULL, 0, 0, "The IPv6 address." },
	{ "type", VAL_ENUM, false, type_values, 0, 0,
	  "unicast: an address of this node (the default).\n"
	  "anycast: an anycast address; its lifetimes are infinite." },
	LIFETIME_TAGS("How long the address is valid: infinite (the default), seconds, or a "
		      "time with units d, h, m and s such as 1d2h.",
		      "How long the address is preferred (at most the valid lifetime; the "
		      "default is the valid lifetime)."),
	STORE_TAG,
	{ NULL },
};

static const struct tag address_delete_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "address", VAL_ADDR, true, NULL, 0, 0, "The IPv6 address to delete." },
	STORE_TAG,
	{ NULL },
};

static const struct tag show_address_tags[] = {
	IFACE_TAG(false, "Only the addresses of this interface (name or index)."),
	{ NULL },
};

/* ---- route --------------------------------------------------------------- */

static const struct tag route_tags[] = {
	{ "prefix", VAL_PREFIX, true, NULL, 0, 0, "The prefix the route leads to." },
	IFACE_TAG(true, "The name or index of the interface the route goes out of."),
	{ "nexthop", VAL_ADDR, false, NULL, 0, 0,
	  "The gateway, for a prefix that is not on the link (on-link when not given)." },
	{ "siteprefixlength", VAL_UINT, false, NULL, 0, 128,
	  "The length of the site prefix that router advertisements carry for it (0: none)." },
	{ "metric", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The metric; routes with a smaller one are preferred (default 0)." },
	{ "publish", VAL_ENUM, false, publish_values, 0, 0,
	  "no: the route is not advertised, and it goes away when its lifetime ends (the "
	  "default).\n"
	  "age: advertised, with the lifetime that remains; it goes away when that ends.\n"
	  "yes: advertised with its configured lifetime, and never goes away." },
	LIFETIME_TAGS("How long the route is valid: infinite (the default), seconds, or a time "
		      "with units d, h, m and s.",
		      "The preferred lifetime advertised for the prefix (the default is the "
		      "valid lifetime)."),
	STORE_TAG,
	{ NULL },
};

static const struct tag route_delete_tags[] = {
	{ "prefix", VAL_PREFIX, true, NULL, 0, 0, "The prefix of the route." },
	IFACE_TAG(true, "The name or index of the interface of the route."),
	{ "nexthop", VAL_ADDR, false, NULL, 0, 0, "The gateway of the route, if it has one." },
	STORE_TAG,
	{ NULL },
};

/* ---- interface ------------------------------------------------------------ */

static const struct tag show_interface_tags[] = {
	IFACE_TAG(false, "Only this interface (name or index), shown in detail."),
	{ "level", VAL_ENUM, false, level_values, 0, 0,
	  "normal: one line per interface (the default).\n"
	  "verbose: every parameter of every interface." },
	{ NULL },
};

static const struct tag show_joins_tags[] = {
	IFACE_TAG(false, "Only the groups of this interface (name or index)."),
	{ NULL },
};

static const char *const enabled_values[] = { "enabled", "disabled", NULL };

static const struct tag v6v4tunnel_tags[] = {
	IFACE_TAG(true, "The name of the new tunnel interface."),
	{ "localaddress", VAL_IPV4, true, NULL, 0, 0, "The IPv4 address of this end." },
	{ "remoteaddress", VAL_IPV4, true, NULL, 0, 0, "The IPv4 address of the far end." },
	{ "neighbordiscovery", VAL_ENUM, false, enabled_values, 0, 0,
	  "enabled: the tunnel uses Neighbor Discovery.\n"
	  "disabled: it does not (the default)." },
	STORE_TAG,
	{ NULL },
};

static const struct tag sixover4tunnel_tags[] = {
	IFACE_TAG(true, "The name of the new 6-over-4 interface."),
	{ "localaddress", VAL_IPV4, true, NULL, 0, 0, "The IPv4 address the interface uses." },
	STORE_TAG,
	{ NULL },
};

static const struct tag delete_interface_tags[] = {
	IFACE_TAG(true, "The name or index of the interface to delete (not #1 or #2)."),
	STORE_TAG,
	{ NULL },
};

static const struct tag set_interface_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "forwarding", VAL_ENUM, false, enabled_values, 0, 0,
	  "Whether packets that arrive on the interface are forwarded." },
	{ "advertise", VAL_ENUM, false, enabled_values, 0, 0,
	  "Whether the interface sends router advertisements (interfaces that use Neighbor "
	  "Discovery only)." },
	{ "mtu", VAL_UINT, false, NULL, 1280, UINT32_MAX,
	  "The link MTU: from 1280 to the true MTU of the link." },
	{ "siteid", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The site identifier (the zone of site-local addresses)." },
	{ "metric", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The interface metric, added to the metric of the routes through it." },
	{ "firewall", VAL_ENUM, false, enabled_values, 0, 0, "Whether firewall mode is on." },
	{ "siteprefixlength", VAL_UINT, false, NULL, 0, 128,
	  "The default length of the global prefix of the site." },
	STORE_TAG,
	{ NULL },
};

static const struct tag renew_tags[] = {
	IFACE_TAG(false, "Only this interface (name or index); all when not given."),
	{ NULL },
};

/* ---- prefix policies --------------------------------------------------------- */

static const struct tag policy_tags[] = {
	{ "prefix", VAL_PREFIX, true, NULL, 0, 0, "The prefix the policy applies to." },
	{ "precedence", VAL_UINT, true, NULL, 0, UINT32_MAX,
	  "The precedence: destinations with a higher one are preferred." },
	{ "label", VAL_UINT, true, NULL, 0, UINT32_MAX,
	  "The label: a source address is preferred when its label matches the "
	  "destination's." },
	STORE_TAG,
	{ NULL },
};

static const struct tag policy_delete_tags[] = {
	{ "prefix", VAL_PREFIX, true, NULL, 0, 0, "The prefix of the policy to delete." },
	STORE_TAG,
	{ NULL },
};

/* ---- global parameters ----------------------------------------------------------- */

static const struct tag global_tags[] = {
	{ "defaultcurhoplimit", VAL_UINT, false, NULL, 1, 255,
	  "The hop limit of the packets this node sends (default 128)." },
	{ "neighborcachelimit", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The most neighbor cache entries per interface (default 8)." },
	{ "routecachelimit", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The most destination cache entries (default 32)." },
	{ "reassemblylimit", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The most bytes of fragments kept for reassembly (default 262144)." },
	STORE_TAG,
	{ NULL },
};

static const char *const privacy_values[] = { "enabled", "disabled", "always", "counter", NULL };

static const struct tag privacy_tags[] = {
	{ "state", VAL_ENUM, false, privacy_values, 0, 0,
	  "enabled: temporary addresses are made for autoconfigured addresses (the default).\n"
	  "disabled: none are made.\n"
	  "always: enabled, with a new random identifier every time.\n"
	  "counter: enabled, with identifiers from a counter (for tests)." },
	{ "maxdadattempts", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "How many times duplicate address detection is tried (default 5)." },
	{ "maxvalidlifetime", VAL_LIFETIME, false, NULL, 0, 0,
	  "The longest valid lifetime of a temporary address (default 7d)." },
	{ "maxpreferredlifetime", VAL_LIFETIME, false, NULL, 0, 0,
	  "The longest preferred lifetime of a temporary address (default 1d)." },
	{ "regeneratetime", VAL_LIFETIME, false, NULL, 0, 0,
	  "How long before one is deprecated a new temporary address is made (default 5s)." },
	{ "maxrandomtime", VAL_LIFETIME, false, NULL, 0, 0,
	  "The most that is taken off the preferred lifetime at random (default 10m)." },
	{ "randomtime", VAL_LIFETIME, false, NULL, 0, 0,
	  "The random time actually taken off (default 0s)." },
	STORE_TAG,
	{ NULL },
};

static const struct tag mobility_tags[] = {
	{ "security", VAL_ENUM, false, enabled_values, 0, 0,
	  "Whether binding updates must be protected by IPsec (default enabled)." },
	{ "bindingcachelimit", VAL_UINT, false, NULL, 0, UINT32_MAX,
	  "The most binding cache entries (default 32)." },
	STORE_TAG,
	{ NULL },
};

/* ---- DNS servers ---------------------------------------------------------------- */

static const struct tag dns_add_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "address", VAL_ADDR, true, NULL, 0, 0, "The IPv6 address of the DNS server." },
	{ "index", VAL_UINT, false, NULL, 1, UINT32_MAX,
	  "Its place in the list (1 = first); the end of the list when not given." },
	STORE_TAG,
	{ NULL },
};

static const struct tag dns_delete_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "address", VAL_ADDR_OR_ALL, true, NULL, 0, 0,
	  "The DNS server to remove, or all to remove every one of the interface." },
	STORE_TAG,
	{ NULL },
};

static const struct tag dns_show_tags[] = {
	IFACE_TAG(false, "Only the servers of this interface (name or index)."),
	{ NULL },
};

/* ---- caches ----------------------------------------------------------------------- */

static const struct tag neighbors_add_tags[] = {
	IFACE_TAG(true, "The name or index of the interface."),
	{ "address", VAL_ADDR, true, NULL, 0, 0, "The IPv6 address of the neighbor." },
	{ "neighbor", VAL_STRING, true, NULL, 0, 0,
	  "Its link-layer address: a MAC address such as 00-10-5a-aa-20-a2, or the IPv4 "
	  "address of a tunnel neighbor." },
	STORE_TAG,
	{ NULL },
};

static const struct tag neighbors_tags[] = {
	IFACE_TAG(false, "Only the entries of this interface (name or index)."),
	{ "address", VAL_ADDR, false, NULL, 0, 0, "Only the entry of this address." },
	{ NULL },
};

static const struct tag neighbors_delete_tags[] = {
	IFACE_TAG(false, "Only the entries of this interface (name or index)."),
	{ "address", VAL_ADDR, false, NULL, 0, 0, "Only the entry of this address." },
	STORE_TAG,
	{ NULL },
};

static const struct tag destcache_delete_tags[] = {
	IFACE_TAG(false, "Only the entries of this interface (name or index)."),
	{ "address", VAL_ADDR, false, NULL, 0, 0, "Only the entry of this destination." },
	{ NULL },
};

static const struct tag destcache_show_tags[] = {
	IFACE_TAG(false, "Only the entries of this interface (name or index)."),
	{ "address", VAL_ADDR, false, NULL, 0, 0, "Only the entry of this destination." },
	{ "level", VAL_ENUM, false, level_values, 0, 0,
	  "normal: one line per entry (the default).\n"
	  "verbose: the source address, flags and care-of address too." },
	{ NULL },
};

/* ---- the groups ------------------------------------------------------------ */

static const struct command add_commands[] = {
	{ "6over4tunnel", NULL, ipv6_add_6over4tunnel, sixover4tunnel_tags, CMD_CHANGE,
	  "Creates a 6-over-4 interface.",
	  "Creates an RFC 2529 interface that carries IPv6 in IPv4 multicast; it gets the next "
	  "interface number and a link-local address from its IPv4 address.",
	  "add 6over4tunnel \"6over4 net\" 10.0.0.5" },
	{ "address", NULL, ipv6_add_address, address_tags, CMD_CHANGE,
	  "Adds an IPv6 address to an interface.",
	  "Adds a unicast or anycast address to an interface.  A unicast address joins its "
	  "solicited-node multicast group on interfaces that use Neighbor Discovery.",
	  "add address \"Local Area Connection\" 2001:db8::1\n"
	  "add address interface=4 address=2001:db8::2 validlifetime=1d preferredlifetime=12h" },
	{ "route", NULL, ipv6_add_route, route_tags, CMD_CHANGE,
	  "Adds a route to a prefix.",
	  "Adds a route through an interface, on-link or through a gateway.  Published routes "
	  "go into the router advertisements of interfaces that advertise.",
	  "add route 2001:db8:1::/64 \"Local Area Connection\"\n"
	  "add route ::/0 2 nexthop=::192.0.2.1 publish=yes\n"
	  "add route prefix=2002:c000:201:1::/64 interface=4 siteprefixlength=48 publish=age "
	  "validlifetime=30m" },
	{ "dns", NULL, ipv6_add_dns, dns_add_tags, CMD_CHANGE,
	  "Adds a static DNS server to an interface.", NULL,
	  "add dns \"Local Area Connection\" 2001:db8::53\nadd dns 4 2001:db8::54 index=1" },
	{ "neighbors", NULL, ipv6_add_neighbors, neighbors_add_tags, CMD_CHANGE,
	  "Adds a static neighbor cache entry.",
	  "Adds a permanent entry that maps an IPv6 address to a link-layer address.",
	  "add neighbors 4 fe80::2aa:ff:fe92:d0f1 00-aa-00-92-d0-f1" },
	{ "prefixpolicy", NULL, ipv6_add_prefixpolicy, policy_tags, CMD_CHANGE,
	  "Adds a prefix policy.",
	  "Adds an entry to the prefix policy table that orders source and destination "
	  "addresses (RFC 3484).", "add prefixpolicy ::/96 3 4\n"
	  "add prefixpolicy prefix=2001:db8::/32 precedence=45 label=6" },
	{ "v6v4tunnel", NULL, ipv6_add_v6v4tunnel, v6v4tunnel_tags, CMD_CHANGE,
	  "Creates a configured IPv6-in-IPv4 tunnel.",
	  "Creates a point-to-point tunnel interface between two IPv4 addresses; it gets the "
	  "next interface number.", "add v6v4tunnel \"tunnel\" 192.0.2.1 198.51.100.1" },
	{ NULL },
};

static const struct command delete_commands[] = {
	{ "address", NULL, ipv6_delete_address, address_delete_tags, CMD_CHANGE,
	  "Deletes an IPv6 address from an interface.", NULL,
	  "delete address \"Local Area Connection\" 2001:db8::1" },
	{ "destinationcache", NULL, ipv6_delete_destinationcache, destcache_delete_tags, CMD_CHANGE,
	  "Flushes the destination cache.",
	  "Removes every destination cache entry, those of one interface, or one.", NULL },
	{ "dns", NULL, ipv6_delete_dns, dns_delete_tags, CMD_CHANGE,
	  "Deletes a static DNS server from an interface.", NULL,
	  "delete dns \"Local Area Connection\" 2001:db8::53\ndelete dns 4 all" },
	{ "interface", NULL, ipv6_delete_interface, delete_interface_tags, CMD_CHANGE,
	  "Deletes an interface.",
	  "Deletes an interface with its addresses, routes and cache entries: a tunnel or "
	  "6-over-4 interface, or an adapter (until the stack is reset).",
	  "delete interface \"tunnel\"" },
	{ "neighbors", NULL, ipv6_delete_neighbors, neighbors_delete_tags, CMD_CHANGE,
	  "Flushes the neighbor cache.",
	  "Removes the neighbor cache entries that nothing uses: destination cache entries "
	  "and routes through a neighbor keep it.", NULL },
	{ "prefixpolicy", NULL, ipv6_delete_prefixpolicy, policy_delete_tags, CMD_CHANGE,
	  "Deletes a prefix policy.", NULL, "delete prefixpolicy ::/96" },
	{ "route", NULL, ipv6_delete_route, route_delete_tags, CMD_CHANGE,
	  "Deletes a route.", NULL,
	  "delete route 2001:db8:1::/64 \"Local Area Connection\"" },
	{ NULL },
};

static const struct command set_commands[] = {
	{ "address", NULL, ipv6_set_address, address_tags, CMD_CHANGE,
	  "Changes the type or lifetimes of an IPv6 address.",
	  "Changes an existing address; the parameters not given keep their values.",
	  "set address \"Local Area Connection\" 2001:db8::1 preferredlifetime=0" },
	{ "global", NULL, ipv6_set_global, global_tags, CMD_CHANGE,
	  "Changes global parameters.", NULL,
	  "set global defaultcurhoplimit=64" },
	{ "interface", NULL, ipv6_set_interface, set_interface_tags, CMD_CHANGE,
	  "Changes the parameters of an interface.",
	  "Changes the parameters given; the others keep their values.",
	  "set interface \"Local Area Connection\" forwarding=enabled advertise=enabled\n"
	  "set interface 4 siteid=3\nset interface interface=3 mtu=1400 metric=10" },
	{ "mobility", NULL, ipv6_set_mobility, mobility_tags, CMD_CHANGE,
	  "Changes mobile IPv6 parameters.", NULL, "set mobility bindingcachelimit=64" },
	{ "prefixpolicy", NULL, ipv6_set_prefixpolicy, policy_tags, CMD_CHANGE,
	  "Changes a prefix policy.", NULL, "set prefixpolicy 2002::/16 30 1" },
	{ "privacy", NULL, ipv6_set_privacy, privacy_tags, CMD_CHANGE,
	  "Changes the parameters of temporary addresses.", NULL,
	  "set privacy disabled\nset privacy maxvalidlifetime=2d maxpreferredlifetime=12h" },
	{ "route", NULL, ipv6_set_route, route_tags, CMD_CHANGE,
	  "Changes a route.",
	  "Changes an existing route, named by its prefix, interface and gateway; the "
	  "parameters not given keep their values.",
	  "set route 2001:db8:1::/64 \"Local Area Connection\" metric=10 publish=yes" },
	{ NULL },
};

static const struct command show_commands[] = {
	{ "address", NULL, ipv6_show_address, show_address_tags, CMD_SHOW,
	  "Shows IPv6 addresses.",
	  "Lists the addresses of every interface, or of one, with their type, duplicate "
	  "address detection state and remaining lifetimes.", "show address\nshow address 4" },
	{ "bindingcacheentries", NULL, ipv6_show_bindingcacheentries, NULL, CMD_SHOW,
	  "Shows the binding cache.",
	  "Lists the mobile nodes this node knows: home address, care-of address, sequence "
	  "number and remaining lifetime.", NULL },
	{ "destinationcache", NULL, ipv6_show_destinationcache, destcache_show_tags, CMD_SHOW,
	  "Shows the destination cache.",
	  "Lists the destinations the stack has sent to, with their path MTU and next hop.",
	  "show destinationcache\nshow destinationcache 4 level=verbose" },
	{ "dns", NULL, ipv6_show_dns, dns_show_tags, CMD_SHOW,
	  "Shows the static DNS servers.", NULL, "show dns" },
	{ "global", NULL, ipv6_show_global, NULL, CMD_SHOW,
	  "Shows global parameters.", NULL, NULL },
	{ "interface", "interfaces", ipv6_show_interface, show_interface_tags, CMD_SHOW,
	  "Shows interfaces.",
	  "Lists the interfaces with their index, metric, MTU, state and name; one interface, "
	  "or level=verbose, shows every parameter.",
	  "show interface\nshow interface \"Local Area Connection\"" },
	{ "joins", NULL, ipv6_show_joins, show_joins_tags, CMD_SHOW,
	  "Shows the multicast groups joined.",
	  "Lists the multicast groups of every interface, or of one, with their scope, "
	  "reference count and whether this node sent the last report.", NULL },
	{ "mobility", NULL, ipv6_show_mobility, NULL, CMD_SHOW,
	  "Shows mobile IPv6 parameters.", NULL, NULL },
	{ "neighbors", NULL, ipv6_show_neighbors, neighbors_tags, CMD_SHOW,
	  "Shows the neighbor cache.",
	  "Lists the neighbor cache entries with their link-layer address and reachability.",
	  "show neighbors\nshow neighbors 4" },
	{ "prefixpolicy", "prefixpolicies", ipv6_show_prefixpolicy, NULL, CMD_SHOW,
	  "Shows the prefix policy table.",
	  "Lists the prefix policies, highest precedence first.", NULL },
	{ "privacy", NULL, ipv6_show_privacy, NULL, CMD_SHOW,
	  "Shows the parameters of temporary addresses.", NULL, NULL },
	{ "routes", NULL, ipv6_show_routes, NULL, CMD_SHOW,
	  "Shows the routing table.",
	  "Lists the routes: whether each is published, its type and metric, the prefix, the "
	  "interface index, and the gateway or, for an on-link prefix, the interface name.  "
	  "The columns are separated by tabs.", "show routes" },
	{ "siteprefixes", NULL, ipv6_show_siteprefixes, NULL, CMD_SHOW,
	  "Shows the site prefix table.",
	  "Lists the site prefixes with their remaining lifetime and interface.", NULL },
	{ NULL },
};

static const struct group ipv6_groups[] = {
	{ "add", "Adds a configuration entry to a list of entries.", add_commands },
	{ "delete", "Deletes a configuration entry from a list of entries.", delete_commands },
	{ "set", "Updates configuration settings.", set_commands },
	{ "show", "Displays information.", show_commands },
	{ NULL },
};

static const struct command ipv6_commands[] = {
	{ "install", NULL, ipv6_install, NULL, CMD_CHANGE, "Installs IPv6.",
	  "Installs the IPv6 stack after uninstall: the default stack is built and the "
	  "commands of this context work again.", NULL },
	{ "renew", NULL, ipv6_renew, renew_tags, CMD_CHANGE, "Restarts IPv6 interfaces.",
	  "Restarts every interface, or one: duplicate address detection runs again, a new "
	  "router advertisement is sent and its cache entries are forgotten.", NULL },
	{ "reset", NULL, ipv6_reset, NULL, CMD_CHANGE, "Resets the IPv6 configuration state.",
	  "Removes the whole IPv6 configuration, persistent and active, and rebuilds the "
	  "default stack.  A dump begins with reset, so that running it recreates exactly "
	  "the configuration it shows.", NULL },
	{ "uninstall", NULL, ipv6_uninstall, NULL, CMD_CHANGE, "Uninstalls IPv6.",
	  "Removes the IPv6 configuration and the stack; until install, the commands of "
	  "this context and of the ipv6 tool are refused.  It is persistent.", NULL },
	{ NULL },
};

extern const struct context ctx_6to4, ctx_isatap;

/* in the order of a dump: ISATAP, then 6to4 */
static const struct context *const ipv6_subs[] = { &ctx_isatap, &ctx_6to4, NULL };

const struct context ctx_ipv6 = {
	.name = "ipv6",
	.path = "interface ipv6",
	.commands = ipv6_commands,
	.groups = ipv6_groups,
	.subs = ipv6_subs,
	.dump = ipv6_dump,
	.helper_guid = "{2C3B978D-4722-4757-956F-F905A944CE94}",
};
