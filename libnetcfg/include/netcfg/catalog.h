/* SPDX-License-Identifier: MIT */
/*
 * netcfg/catalog.h - the provider catalog: transport entries (the
 * WSAPROTOCOL_INFO of the Winsock catalog), namespace providers, LSP and
 * application categories, the socket-creation selection rule and the
 * catalog change events, as the stack daemon keeps them.
 *
 * There are two independent catalogs, 32 and 64 (the catalogs of 32-bit
 * and 64-bit programs).  Calls that change a catalog take a mask of
 * NETCFG_CATALOG_32 | NETCFG_CATALOG_64 ("both" installs) or one of them.
 *
 * Catalog refusals carry a Winsock error code: the message of a failed
 * call starts with "error N (NAME): " and netcfg_catalog_wsa_error()
 * returns N.  See libnetcfg(3) and catalog(8).
 */
#ifndef NETCFG_CATALOG_H
#define NETCFG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct netcfg netcfg_t;

/* ---- GUIDs --------------------------------------------------------- */

struct netcfg_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
};

/* "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}", braces optional, any case. */
int netcfg_guid_parse(const char *s, struct netcfg_guid *g);
/* Upper case with braces; buf >= NETCFG_GUID_STRLEN. */
#define NETCFG_GUID_STRLEN 39
const char *netcfg_guid_format(const struct netcfg_guid *g, char *buf);
bool netcfg_guid_equal(const struct netcfg_guid *a, const struct netcfg_guid *b);
bool netcfg_guid_is_nil(const struct netcfg_guid *g);

/* ---- numbering (Winsock values, whatever Linux uses) --------------- */

#define NETCFG_AF_UNSPEC 0
#define NETCFG_AF_INET 2
#define NETCFG_AF_INET6 23
/* Linux AF_* <-> catalog numbering (AF_INET6 is 10 on Linux, 23 here). */
int netcfg_af_from_linux(int af);
int netcfg_af_to_linux(int af);

#define NETCFG_SOCK_STREAM 1
#define NETCFG_SOCK_DGRAM 2
#define NETCFG_SOCK_RAW 3
#define NETCFG_SOCK_RDM 4
#define NETCFG_SOCK_SEQPACKET 5

/* dwServiceFlags1 */
#define NETCFG_XP1_CONNECTIONLESS 0x00000001u
#define NETCFG_XP1_GUARANTEED_DELIVERY 0x00000002u
#define NETCFG_XP1_GUARANTEED_ORDER 0x00000004u
#define NETCFG_XP1_MESSAGE_ORIENTED 0x00000008u
#define NETCFG_XP1_PSEUDO_STREAM 0x00000010u
#define NETCFG_XP1_GRACEFUL_CLOSE 0x00000020u
#define NETCFG_XP1_EXPEDITED_DATA 0x00000040u
#define NETCFG_XP1_CONNECT_DATA 0x00000080u
#define NETCFG_XP1_DISCONNECT_DATA 0x00000100u
#define NETCFG_XP1_SUPPORT_BROADCAST 0x00000200u
#define NETCFG_XP1_SUPPORT_MULTIPOINT 0x00000400u
#define NETCFG_XP1_MULTIPOINT_CONTROL_PLANE 0x00000800u
#define NETCFG_XP1_MULTIPOINT_DATA_PLANE 0x00001000u
#define NETCFG_XP1_QOS_SUPPORTED 0x00002000u
#define NETCFG_XP1_INTERRUPT 0x00004000u
#define NETCFG_XP1_UNI_SEND 0x00008000u
#define NETCFG_XP1_UNI_RECV 0x00010000u
#define NETCFG_XP1_IFS_HANDLES 0x00020000u
#define NETCFG_XP1_PARTIAL_MESSAGE 0x00040000u
#define NETCFG_XP1_SAN_SUPPORT_SDP 0x00080000u

/* dwProviderFlags */
#define NETCFG_PFL_MULTIPLE_PROTO_ENTRIES 0x1u
#define NETCFG_PFL_RECOMMENDED_PROTO_ENTRY 0x2u
#define NETCFG_PFL_HIDDEN 0x4u
#define NETCFG_PFL_MATCHES_PROTOCOL_ZERO 0x8u
#define NETCFG_PFL_NETWORKDIRECT_PROVIDER 0x10u

/* LSP categories (providers and applications) */
#define NETCFG_LSP_INSPECTOR 0x00000001u
#define NETCFG_LSP_REDIRECTOR 0x00000002u
#define NETCFG_LSP_PROXY 0x00000004u
#define NETCFG_LSP_FIREWALL 0x00000008u
#define NETCFG_LSP_INBOUND_MODIFY 0x00000010u
#define NETCFG_LSP_OUTBOUND_MODIFY 0x00000020u
#define NETCFG_LSP_CRYPTO_COMPRESS 0x00000040u
#define NETCFG_LSP_LOCAL_CACHE 0x00000080u
#define NETCFG_LSP_SYSTEM 0x80000000u
#define NETCFG_LSP_KNOWN 0x800000ffu

/* Namespace ids */
#define NETCFG_NS_ALL 0
#define NETCFG_NS_TCPIP_LOCAL 10
#define NETCFG_NS_TCPIP_HOSTS 11
#define NETCFG_NS_DNS 12
#define NETCFG_NS_NETBT 13
#define NETCFG_NS_WINS 14
#define NETCFG_NS_NLA 15

/* Winsock error codes the catalog and the providers use. */
enum netcfg_wsa {
	NETCFG_WSA_OK = 0,
	NETCFG_WSA_NOT_ENOUGH_MEMORY = 8,
	NETCFG_WSA_INVALID_PARAMETER = 87,
	NETCFG_WSAEINTR = 10004,
	NETCFG_WSAEBADF = 10009,
	NETCFG_WSAEACCES = 10013,
	NETCFG_WSAEFAULT = 10014,
	NETCFG_WSAEINVAL = 10022,
	NETCFG_WSAEMFILE = 10024,
	NETCFG_WSAEWOULDBLOCK = 10035,
	NETCFG_WSAEINPROGRESS = 10036,
	NETCFG_WSAEALREADY = 10037,
	NETCFG_WSAENOTSOCK = 10038,
	NETCFG_WSAEDESTADDRREQ = 10039,
	NETCFG_WSAEMSGSIZE = 10040,
	NETCFG_WSAEPROTOTYPE = 10041,
	NETCFG_WSAENOPROTOOPT = 10042,
	NETCFG_WSAEPROTONOSUPPORT = 10043,
	NETCFG_WSAESOCKTNOSUPPORT = 10044,
	NETCFG_WSAEOPNOTSUPP = 10045,
	NETCFG_WSAEPFNOSUPPORT = 10046,
	NETCFG_WSAEAFNOSUPPORT = 10047,
	NETCFG_WSAEADDRINUSE = 10048,
	NETCFG_WSAEADDRNOTAVAIL = 10049,
	NETCFG_WSAENETDOWN = 10050,
	NETCFG_WSAENETUNREACH = 10051,
	NETCFG_WSAENETRESET = 10052,
	NETCFG_WSAECONNABORTED = 10053,
	NETCFG_WSAECONNRESET = 10054,
	NETCFG_WSAENOBUFS = 10055,
	NETCFG_WSAEISCONN = 10056,
	NETCFG_WSAENOTCONN = 10057,
	NETCFG_WSAESHUTDOWN = 10058,
	NETCFG_WSAETIMEDOUT = 10060,
	NETCFG_WSAECONNREFUSED = 10061,
	NETCFG_WSAEHOSTUNREACH = 10065,
	NETCFG_WSASYSNOTREADY = 10091,
	NETCFG_WSAVERNOTSUPPORTED = 10092,
	NETCFG_WSANOTINITIALISED = 10093,
	NETCFG_WSAEINVALIDPROCTABLE = 10104,
	NETCFG_WSAEINVALIDPROVIDER = 10105,
	NETCFG_WSAEPROVIDERFAILEDINIT = 10106,
	NETCFG_WSASYSCALLFAILURE = 10107,
};
/* "WSAEINVALIDPROVIDER"; NULL for codes not in the list above. */
const char *netcfg_wsa_name(int code);
/* The Winsock code of an errno value (WSAEINVAL for ones without one),
 * and the errno a program sees for a Winsock code. */
int netcfg_wsa_from_errno(int err);
int netcfg_wsa_to_errno(int code);

/* ---- transport entries --------------------------------------------- */

#define NETCFG_MAX_PROTOCOL_CHAIN 7
#define NETCFG_PROTOCOL_LEN 256      /* description, including the NUL */
#define NETCFG_PROVIDER_PATH_MAX 1024

/* ProtocolChain.ChainLen */
#define NETCFG_LAYERED_PROTOCOL 0
#define NETCFG_BASE_PROTOCOL 1

#define NETCFG_BIGENDIAN 0
#define NETCFG_LITTLEENDIAN 1

/* The WSAPROTOCOL_INFO fields. */
struct netcfg_protocol_info {
	uint32_t service_flags;          /* XP1_* (dwServiceFlags1) */
	uint32_t provider_flags;         /* PFL_* */
	struct netcfg_guid provider_id;
	uint32_t catalog_entry_id;       /* assigned at install */
	int chain_len;                   /* 0 layered, 1 base, >1 chain */
	uint32_t chain[NETCFG_MAX_PROTOCOL_CHAIN]; /* element 0 = first layer */
	int version;
	int address_family;              /* NETCFG_AF_* numbering */
	int max_sockaddr;
	int min_sockaddr;
	int socket_type;
	int protocol;
	int protocol_max_offset;
	int network_byte_order;          /* NETCFG_BIGENDIAN / LITTLEENDIAN */
	int security_scheme;
	uint32_t message_size;
	uint32_t provider_reserved;
	char description[NETCFG_PROTOCOL_LEN];   /* szProtocol */
};

struct netcfg_catalog_entry {
	struct netcfg_protocol_info info;
	char path[NETCFG_PROVIDER_PATH_MAX];     /* the provider's shared object */
	uint32_t categories;             /* LSP_* of a layered entry */
	bool enabled;                    /* false: a disabled LSP entry */
};

/* "Base Service Provider", "Layered Service Provider", "Layered Chain Entry" */
const char *netcfg_entry_type_name(int chain_len);

/* ---- namespace providers ------------------------------------------- */

#define NETCFG_NS_BLOB_MAX 256

struct netcfg_ns_provider {
	struct netcfg_guid id;
	uint32_t namespace_id;
	bool active;
	uint32_t version;
	bool stores_all;                 /* keeps the schema of every class */
	char description[NETCFG_PROTOCOL_LEN];
	char path[NETCFG_PROVIDER_PATH_MAX];
	uint8_t blob[NETCFG_NS_BLOB_MAX];  /* provider-specific data */
	uint16_t blob_len;
};

/* ---- categories, events, selection --------------------------------- */

#define NETCFG_APP_NAME_MAX 1024

struct netcfg_app_category {
	char app[NETCFG_APP_NAME_MAX];   /* a path or a program name */
	uint32_t categories;
};

/* The load rule of LSP categories: does an LSP with lsp_categories load
 * into an application with app_categories (0 = not categorized)? */
bool netcfg_lsp_loads(uint32_t app_categories, uint32_t lsp_categories);

/* Category names: "LSP_SYSTEM" ... (one bit); NULL for others. */
const char *netcfg_lsp_category_name(uint32_t bit);
/* "LSP_FIREWALL|LSP_SYSTEM", "firewall,system", "0x80000008", "none". */
int netcfg_lsp_categories_parse(const char *s, uint32_t *out);

enum netcfg_catalog_event_id {
	NETCFG_EVENT_LSP_INSTALL = 1,
	NETCFG_EVENT_LSP_REMOVE = 2,
	NETCFG_EVENT_LSP_DISABLE = 3,
	NETCFG_EVENT_CATALOG_RESET = 4,
};

struct netcfg_catalog_event {
	uint64_t seq;
	uint64_t time;                   /* seconds since the epoch */
	uint32_t id;                     /* NETCFG_EVENT_* */
	uint32_t level;                  /* 4: information */
	char lsp_name[NETCFG_PROTOCOL_LEN];
	uint32_t catalog;                /* 32 or 64 */
	char installer[NETCFG_PROVIDER_PATH_MAX];
	struct netcfg_guid guid;         /* the transport provider it is under */
	uint32_t category;               /* the LSP entry's catalog entry id */
};

/* ---- client calls -------------------------------------------------- */

#define NETCFG_CATALOG_32 0x1u
#define NETCFG_CATALOG_64 0x2u
#define NETCFG_CATALOG_BOTH (NETCFG_CATALOG_32 | NETCFG_CATALOG_64)
/* 32 or 64 -> the mask bit; 0 for other numbers. */
unsigned netcfg_catalog_bit(unsigned catalog);

/* A chain element naming the layered entry installed by the same call. */
#define NETCFG_CATALOG_SELF 0u

/* The Winsock code of the last failed catalog call on h, or 0. */
int netcfg_catalog_wsa_error(const netcfg_t *h);

struct netcfg_catalog {
	unsigned catalog;                /* 32 or 64 */
	uint64_t generation;             /* changes with every change */
	struct netcfg_catalog_entry *entries;    /* catalog order */
	size_t n_entries;
	struct netcfg_ns_provider *ns;   /* namespace order */
	size_t n_ns;
};
int netcfg_catalog_get(netcfg_t *h, unsigned catalog, struct netcfg_catalog *out);
void netcfg_catalog_free(struct netcfg_catalog *c);
/* The same catalog one object at a time, without holding it all: begin
 * (the generation and how many entries and namespace providers follow),
 * then entry for each transport entry in catalog order, then ns for each
 * namespace provider; any may be NULL, and what they are given lasts for
 * the call only.  A callback's non-zero NETCFG_* status stops the walk and
 * is returned.  A malformed reply stops it too, after the entries before
 * the bad one were seen. */
struct netcfg_catalog_walk {
	int (*begin)(void *arg, uint64_t generation, size_t n_entries, size_t n_ns);
	int (*entry)(void *arg, const struct netcfg_catalog_entry *e);
	int (*ns)(void *arg, const struct netcfg_ns_provider *p);
	void *arg;
};
int netcfg_catalog_walk(netcfg_t *h, unsigned catalog, const struct netcfg_catalog_walk *walk);

/* Install one provider: n entries sharing provider_id and path.  ids
 * (if given, n each) receive the assigned catalog entry ids. */
struct netcfg_provider_install {
	struct netcfg_guid provider_id;
	char path[NETCFG_PROVIDER_PATH_MAX];
	uint32_t categories;             /* of its layered entries */
	const struct netcfg_protocol_info *entries;
	size_t n;
};
int netcfg_catalog_install(netcfg_t *h, unsigned catalogs, const struct netcfg_provider_install *p,
			   uint32_t *ids64, uint32_t *ids32);
/* Update a provider in place (same entry count and kinds), keeping ids. */
int netcfg_catalog_update(netcfg_t *h, unsigned catalogs, const struct netcfg_provider_install *p);
/* Remove every entry of a provider (id NULL: the entry entry_id alone).
 * Entries other chains use are refused unless force. */
int netcfg_catalog_remove(netcfg_t *h, unsigned catalogs, const struct netcfg_guid *provider,
			  uint32_t entry_id, bool force);
/* Change single fields of one entry (mask of NETCFG_UPDATE_*). */
#define NETCFG_UPDATE_PATH 0x1u
#define NETCFG_UPDATE_DESCRIPTION 0x2u
#define NETCFG_UPDATE_SERVICE_FLAGS 0x4u
#define NETCFG_UPDATE_PROVIDER_FLAGS 0x8u
#define NETCFG_UPDATE_MESSAGE_SIZE 0x10u
int netcfg_catalog_update_entry(netcfg_t *h, unsigned catalogs, uint32_t entry_id, unsigned mask,
				const struct netcfg_catalog_entry *values);
/* WSCWriteProviderOrder: ids must be a permutation of every entry. */
int netcfg_catalog_order(netcfg_t *h, unsigned catalog, const uint32_t *ids, size_t n);
/* Enable or disable the LSP entries of a provider (or one entry). */
int netcfg_catalog_enable(netcfg_t *h, unsigned catalogs, const struct netcfg_guid *provider,
			  uint32_t entry_id, bool enable);
/* Categories of a provider's layered entries (WSCSetProviderInfo). */
int netcfg_catalog_set_categories(netcfg_t *h, unsigned catalogs, const struct netcfg_guid *provider,
				  uint32_t entry_id, uint32_t categories);
/* Application categories; categories 0 removes the application. */
int netcfg_catalog_set_app_categories(netcfg_t *h, const char *app, uint32_t categories);
struct netcfg_app_category_list {
	struct netcfg_app_category *v;
	size_t n;
};
int netcfg_catalog_app_categories(netcfg_t *h, struct netcfg_app_category_list *out);
void netcfg_catalog_app_categories_free(struct netcfg_app_category_list *l);

int netcfg_ns_install(netcfg_t *h, unsigned catalogs, const struct netcfg_ns_provider *p);
int netcfg_ns_remove(netcfg_t *h, unsigned catalogs, const struct netcfg_guid *id);
int netcfg_ns_enable(netcfg_t *h, unsigned catalogs, const struct netcfg_guid *id, bool active);
int netcfg_ns_order(netcfg_t *h, unsigned catalog, const struct netcfg_guid *ids, size_t n);

/* Which entry socket(af, type, protocol) gets, for app (NULL: any). */
#define NETCFG_RESOLVE_NOTES_MAX 16
struct netcfg_catalog_resolution {
	int wsa;                         /* 0, or why nothing was selected */
	uint32_t entry_id;
	struct netcfg_catalog_entry entry; /* the entry selected (when wsa is 0) */
	char reason[256];
	size_t n_notes;                  /* entries passed over, and why */
	char notes[NETCFG_RESOLVE_NOTES_MAX][256];
};
int netcfg_catalog_resolve(netcfg_t *h, unsigned catalog, int af, int type, int protocol,
			   const char *app, struct netcfg_catalog_resolution *out);

struct netcfg_catalog_event_list {
	struct netcfg_catalog_event *v;
	size_t n;
};
/* catalog 0: both catalogs' events. */
int netcfg_catalog_events(netcfg_t *h, unsigned catalog, struct netcfg_catalog_event_list *out);
void netcfg_catalog_events_free(struct netcfg_catalog_event_list *l);

/* Restore the default transport entries (LSPs and other providers go,
 * namespace providers stay); backup receives the path of the copy of the
 * previous catalogs.  Inside a batch the reset is queued like any change
 * and backup is left empty (the daemon still writes the copy). */
int netcfg_catalog_reset(netcfg_t *h, unsigned catalogs, char *backup, size_t backup_len);

enum netcfg_finding_kind {
	NETCFG_FIND_CHAIN_MISSING = 1,   /* a chain element is not installed */
	NETCFG_FIND_CHAIN_DUPLICATE,     /* the same layer twice in a chain */
	NETCFG_FIND_CHAIN_SHAPE,         /* not layers then one base */
	NETCFG_FIND_FILE,                /* the provider file is missing or unusable */
	NETCFG_FIND_DUPLICATE_GUID,
	NETCFG_FIND_DUPLICATE_ID,
	NETCFG_FIND_CATEGORY_BITS,       /* unknown LSP category bits */
	NETCFG_FIND_NS_FILE,             /* a namespace provider's file is missing */
};
struct netcfg_catalog_finding {
	enum netcfg_finding_kind kind;
	unsigned catalog;
	uint32_t entry_id;               /* 0 for namespace providers and applications */
	struct netcfg_guid guid;
	char message[512];
	char repair[256];                /* how to repair it */
	bool repairable;                 /* --repair does it */
	bool repaired;
};
struct netcfg_catalog_findings {
	struct netcfg_catalog_finding *v;
	size_t n;
};
int netcfg_catalog_verify(netcfg_t *h, unsigned catalogs, bool repair,
			  struct netcfg_catalog_findings *out);
void netcfg_catalog_findings_free(struct netcfg_catalog_findings *f);

/* The load plan of a program (what `catalog run` hands the provider
 * loader): JSON text, see netcfg-provider(7).  Free with free(). */
int netcfg_catalog_plan(netcfg_t *h, unsigned catalog, const char *app, char **json, size_t *len);

/* ---- in a program ---------------------------------------------------- */

/*
 * WSAIoctl for a socket of this process, answered by the providers that
 * serve it (the process must run under `catalog run`, see
 * netcfg-provider(7)).  Returns 0 or a Winsock code:
 * NETCFG_WSANOTINITIALISED without the provider loader, WSAENOTSOCK for a
 * descriptor no provider serves, and what the providers say.
 */
#define NETCFG_SIO_GET_EXTENSION_FUNCTION_POINTER 0xC8000006u
#define NETCFG_SIO_BASE_HANDLE 0x48000022u
#define NETCFG_FIONBIO 0x8004667Eu
#define NETCFG_FIONREAD 0x4004667Fu
/* The stack's ioctls (the base provider asks stackd for IPv6 and the
 * kernel for IPv4; netcfg-provider(7)).  Sockaddrs are Linux's own, so
 * what they return can be given to bind(). */
#define NETCFG_SIO_GET_BROADCAST_ADDRESS 0x48000005u  /* out: sockaddr_in */
#define NETCFG_SIO_ROUTING_INTERFACE_QUERY 0xC8000014u /* in: sockaddr; out: sockaddr */
#define NETCFG_SIO_ROUTING_INTERFACE_CHANGE 0x88000015u /* in: sockaddr (any: every change) */
#define NETCFG_SIO_ADDRESS_LIST_QUERY 0x48000016u     /* out: netcfg_socket_address_list */
#define NETCFG_SIO_ADDRESS_LIST_CHANGE 0x28000017u
#define NETCFG_SIO_GET_INTERFACE_LIST 0x4004747Fu     /* AF_INET; out: netcfg_interface_info[] */

/* SOCKET_ADDRESS and SOCKET_ADDRESS_LIST: the list, then the sockaddrs
 * the entries point to, all in the caller's buffer. */
struct sockaddr;
struct netcfg_socket_address {
	struct sockaddr *sockaddr;       /* lpSockaddr */
	int length;                      /* iSockaddrLength */
};
struct netcfg_socket_address_list {
	int count;                       /* iAddressCount */
	struct netcfg_socket_address address[1];
};
/* The buffer a list of n sockaddrs of salen bytes each takes. */
#define NETCFG_SOCKET_ADDRESS_LIST_SIZE(n, salen)                          \
	(offsetof(struct netcfg_socket_address_list, address) +            \
	 (size_t)(n) * (sizeof(struct netcfg_socket_address) + (size_t)(salen)))

/* INTERFACE_INFO (76 bytes: sockaddr_gen is 24). */
union netcfg_sockaddr_gen {
	struct sockaddr_in in;           /* AddressIn */
	uint8_t bytes[24];               /* sizeof(sockaddr_gen) */
};
struct netcfg_interface_info {
	uint32_t flags;                  /* NETCFG_IFF_* (iiFlags) */
	union netcfg_sockaddr_gen address;
	union netcfg_sockaddr_gen broadcast;
	union netcfg_sockaddr_gen netmask;
};
#define NETCFG_IFF_UP 0x1u
#define NETCFG_IFF_BROADCAST 0x2u
#define NETCFG_IFF_LOOPBACK 0x4u
#define NETCFG_IFF_POINTTOPOINT 0x8u
#define NETCFG_IFF_MULTICAST 0x10u

int netcfg_socket_ioctl(int fd, uint32_t code, const void *in, size_t in_len, void *out,
			size_t out_len, size_t *returned);
/* SIO_GET_EXTENSION_FUNCTION_POINTER: the function behind id. */
int netcfg_socket_extension(int fd, const struct netcfg_guid *id, void *fn_out, size_t out_len,
			    size_t *returned);

#ifdef __cplusplus
}
#endif
#endif
