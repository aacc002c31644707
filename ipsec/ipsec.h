/* SPDX-License-Identifier: MIT */
/*
 * ipsec.h - the SPD/SAD library shared by stackd and ipsec6: the rules a
 * policy and an SA must follow, the databases with their cross-references
 * and the flow lookup, key files, the .spd/.sad file formats, and the
 * translation to `ip xfrm` and setkey text.  Nothing here talks to the
 * daemon; the objects are the public ones of <netcfg/ipsec.h>.
 *
 * Every check reports a struct ipsec_diag: the offending field and what
 * is wrong with it.  Callers add where (a file and line, or "policy 2")
 * and the offending text, so each message names all four.
 */
#ifndef IPSEC_IPSEC_H
#define IPSEC_IPSEC_H

#include <netcfg/netcfg.h>

#include "../common/htab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- fields ---------------------------------------------------------- */

/* The columns of an .spd file, in the order the tools write them. */
enum sp_field {
	SPF_POLICY, SPF_REMOTE_ADDR, SPF_LOCAL_ADDR, SPF_PROTOCOL, SPF_REMOTE_PORT,
	SPF_LOCAL_PORT, SPF_IPSEC_PROTO, SPF_MODE, SPF_GATEWAY, SPF_BUNDLE,
	SPF_DIRECTION, SPF_ACTION, SPF_IFINDEX, SPF__COUNT
};

/* The columns of an .sad file. */
enum sa_field {
	SAF_ENTRY, SAF_SPI, SAF_SADEST, SAF_DEST, SAF_SRC, SAF_PROTOCOL, SAF_DEST_PORT,
	SAF_SRC_PORT, SAF_AUTH, SAF_KEYFILE, SAF_DIRECTION, SAF_POLICY, SAF__COUNT
};

#define IPSEC_FIELD_NONE (-1)   /* a problem of the entry as a whole */

const char *ipsec_sp_field_name(int field);
const char *ipsec_sa_field_name(int field);
/* The canonical text of one field, as files and the screen show it. */
const char *ipsec_sp_field_text(const struct netcfg_sp *sp, int field, char buf[NETCFG_SEL_STRLEN]);
const char *ipsec_sa_field_text(const struct netcfg_sa *sa, int field, char buf[NETCFG_SEL_STRLEN]);

struct ipsec_diag {
	int field;              /* SPF_* / SAF_*, or IPSEC_FIELD_NONE */
	char msg[640];
};

int ipsec_diag_set(struct ipsec_diag *d, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "policy 2: SABundleIndex \"5\": there is no policy 5" into out; the
 * field text is taken from the entry. */
void ipsec_sp_diag_text(const struct netcfg_sp *sp, const struct ipsec_diag *d, char *out, size_t size);
void ipsec_sa_diag_text(const struct netcfg_sa *sa, const struct ipsec_diag *d, char *out, size_t size);

/* ---- one entry at a time ------------------------------------------- */

/* The rules of a policy or SA on its own.  Return 0, or -1 with d set. */
int ipsec_sp_check(const struct netcfg_sp *sp, struct ipsec_diag *d);
int ipsec_sa_check(const struct netcfg_sa *sa, struct ipsec_diag *d);
bool ipsec_sp_equal(const struct netcfg_sp *a, const struct netcfg_sp *b);
/* Everything but the key, which only the daemon can compare, and the
 * name of its file, which is only a label. */
bool ipsec_sa_equal(const struct netcfg_sa *a, const struct netcfg_sa *b);
/* The default policy of a fresh stack: 1, everything, BYPASS. */
void ipsec_sp_default(struct netcfg_sp *sp);

/* ---- keys ------------------------------------------------------------ */

#define IPSEC_KEY_FILE_MAX 4096   /* largest key file read */

struct ipsec_key {
	size_t len;
	unsigned char bytes[];
};

/*
 * Key file content: the bytes between the first pair of double quotes
 * ("This is a test" is the 14 bytes between them); or 0x followed by hex
 * digits; or, for a file that is not text at all, its raw bytes.  Text
 * without quotes is refused, as on Windows.  On error returns -1 with
 * err set; an empty key is an error too.
 */
int ipsec_key_parse(const unsigned char *buf, size_t len, struct ipsec_key **out,
		    char *err, size_t errlen);
/*
 * Check an open key file with fstat() (a regular file, not readable by
 * group or others unless allow_readable) and read and parse it.  Returns
 * NETCFG_OK, or a status (NETCFG_EPERM for the permission refusal) with
 * err set.  The read buffer is zeroed before it is released.
 */
int ipsec_key_read_fd(int fd, bool allow_readable, struct ipsec_key **out,
		      char *err, size_t errlen);
struct ipsec_key *ipsec_key_dup(const struct ipsec_key *k);
bool ipsec_key_equal(const struct ipsec_key *a, const struct ipsec_key *b);
/* Zero and free. */
void ipsec_key_free(struct ipsec_key *k);

/* ---- the databases ----------------------------------------------------- */

struct ipsec_sa_rec;

struct ipsec_sp_rec {
	struct netcfg_sp sp;
	struct hnode by_remote;       /* policies with one RemoteIPAddr, by it */
	uint32_t sa_in, sa_out;       /* SAs that refer to it, per direction */
	uint32_t bundled_by;          /* policies whose SABundleIndex names it */
	struct ipsec_sa_rec *sas;     /* its SAs, highest index first */
};

struct ipsec_sa_rec {
	struct netcfg_sa sa;
	struct ipsec_key *key;        /* NULL outside the daemon */
	struct hnode spi_node;        /* (SADestIPAddr, SPI, protocol) */
	struct ipsec_sa_rec *next_of_policy;
};

/* The arrays of records below are sorted by index and keep free slots at
 * both ends (room[0] before the first element, room[1] after the last),
 * so a file in either order fills them in linear time. */
struct ipsec_db {
	struct ipsec_sp_rec **sp;     /* ascending index */
	size_t n_sp, sp_room[2];
	/* for the lookup: policies with one remote address hashed by it, the
	 * others (ranges, "*") in ascending index order */
	struct htab remotes;
	struct ipsec_sp_rec **wild;
	size_t n_wild, wild_room[2];
	struct ipsec_sa_rec **sa;     /* ascending index */
	size_t n_sa, sa_room[2];
	struct htab spis;
};

void ipsec_db_init(struct ipsec_db *db);
/* Frees every record (and zeroes every key). */
void ipsec_db_free(struct ipsec_db *db);

struct ipsec_sp_rec *ipsec_db_sp(const struct ipsec_db *db, uint32_t index);
struct ipsec_sa_rec *ipsec_db_sa(const struct ipsec_db *db, uint32_t index);

/* The rules that involve other entries, for adding sp or sa to db:
 * the index is free, referenced policies exist and fit, the SPI is not
 * taken.  Return 0, or -1 with d set. */
int ipsec_db_check_sp(const struct ipsec_db *db, const struct netcfg_sp *sp, struct ipsec_diag *d);
int ipsec_db_check_sa(const struct ipsec_db *db, const struct netcfg_sa *sa, struct ipsec_diag *d);
/* Policy references alone (the SABundleIndex chain). */
int ipsec_db_check_sp_refs(const struct ipsec_db *db, const struct netcfg_sp *sp,
			   struct ipsec_diag *d);
/* Whether a policy may go: nothing refers to it.  On refusal msg names
 * the SAs and policies that do. */
int ipsec_db_check_sp_delete(const struct ipsec_db *db, uint32_t index, char *msg, size_t size);

/* Insert a checked record (the database takes it) or take one out (the
 * caller then owns it).  Insert fails only for lack of memory. */
int ipsec_db_insert_sp(struct ipsec_db *db, struct ipsec_sp_rec *r);
void ipsec_db_remove_sp(struct ipsec_db *db, struct ipsec_sp_rec *r);
int ipsec_db_insert_sa(struct ipsec_db *db, struct ipsec_sa_rec *r);
void ipsec_db_remove_sa(struct ipsec_db *db, struct ipsec_sa_rec *r);
void ipsec_sa_rec_free(struct ipsec_sa_rec *r);

/* Directions an APPLY policy covers but no SA serves (0 when none
 * lacks, or when the policy needs no SA). */
unsigned ipsec_db_missing_sa(const struct ipsec_db *db, const struct ipsec_sp_rec *r);

/* The first policy from the highest index down that matches the flow,
 * and the SA bundle that would carry it. */
void ipsec_db_lookup(const struct ipsec_db *db, const struct netcfg_ipsec_flow *f,
		     struct netcfg_ipsec_verdict *v);

/* ---- messages ---------------------------------------------------------- */

/* Errors and warnings collected while reading and checking files. */
struct ipsec_msgs {
	char **v;
	bool *is_warning;
	size_t n;
	size_t errors;          /* errors counted, kept or not */
	size_t dropped;         /* messages beyond IPSEC_MSGS_MAX, not kept */
};

#define IPSEC_MSGS_MAX 100

void ipsec_msgs_free(struct ipsec_msgs *m);
void ipsec_msg_add(struct ipsec_msgs *m, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- files ------------------------------------------------------------- */

struct ipsec_file_sp {
	struct netcfg_sp sp;
	unsigned line;
	char *text[SPF__COUNT];       /* the field as written */
};

struct ipsec_file_sa {
	struct netcfg_sa sa;
	unsigned line;
	char *text[SAF__COUNT];
};

struct ipsec_spd_file {
	char *path;                   /* as given, for messages */
	struct ipsec_file_sp *v;      /* in file order */
	size_t n;
};

struct ipsec_sad_file {
	char *path;
	struct ipsec_file_sa *v;
	size_t n;
};

/* Parse the text of a file.  Every problem goes to m as
 * "PATH:LINE: ..."; the result holds the well-formed entries and is to
 * be used only when m->errors is 0. */
void ipsec_spd_parse(const char *path, const char *text, size_t len,
		     struct ipsec_spd_file *out, struct ipsec_msgs *m);
void ipsec_sad_parse(const char *path, const char *text, size_t len,
		     struct ipsec_sad_file *out, struct ipsec_msgs *m);
void ipsec_spd_file_free(struct ipsec_spd_file *f);
void ipsec_sad_file_free(struct ipsec_sad_file *f);
/* "PATH:LINE: policy 2: Field \"text as written\": what" into m. */
void ipsec_file_sp_msg(struct ipsec_msgs *m, bool warning, const char *path,
		       const struct ipsec_file_sp *e, const struct ipsec_diag *d);
void ipsec_file_sa_msg(struct ipsec_msgs *m, bool warning, const char *path,
		       const struct ipsec_file_sa *e, const struct ipsec_diag *d);

/* The files as ipsec6 c writes them (the entries in the order given,
 * which should be highest index first). */
void ipsec_spd_write(FILE *out, const struct netcfg_sp *v, size_t n);
void ipsec_sad_write(FILE *out, const struct netcfg_sa *v, size_t n);

/* The screen of ipsec6 sp / ipsec6 sa (ifindex 0: all policies). */
void ipsec_sp_screen(FILE *out, const struct netcfg_sp *v, size_t n, uint32_t ifindex);
void ipsec_sa_screen(FILE *out, const struct netcfg_sa *v, size_t n);

/* Read a whole file (at most max bytes); -1 with err set on failure. */
int ipsec_read_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen);
/* Find name in dir, exactly or else ignoring case as Windows does;
 * an absolute name is used as it is (its last part may differ in case).
 * Returns 0 with out set, or -1 with errno set (ENOENT, or EEXIST
 * when several names differ only in case). */
int ipsec_resolve(const char *dir, const char *name, char *out, size_t size);

/* ---- checking a pair of files against the active databases ------------ */

struct ipsec_plan {
	struct ipsec_spd_file spd;
	struct ipsec_sad_file sad;
	bool *sp_selected, *sa_selected;  /* to be applied (ipsec6 i selects some) */
	bool *sp_active, *sa_active;      /* an identical entry is already active */
	struct ipsec_db db;               /* the active entries and the selected ones */
};

/*
 * Check the parsed files (the file-level rules: decreasing order, no
 * duplicates) and the selected entries against the active databases
 * (everything when only_policy is 0, else that policy and its SAs), then
 * warn about APPLY policies without an SA for a direction they cover.
 * Problems go to m.  The plan owns nothing of active_*.
 */
void ipsec_plan_check(struct ipsec_plan *p, const struct netcfg_sp_list *active_sp,
		      const struct netcfg_sa_list *active_sa, uint32_t only_policy,
		      struct ipsec_msgs *m);
void ipsec_plan_free(struct ipsec_plan *p);
/* The selected new policies in an order the daemon can add them one by
 * one (SABundleIndex targets first); returns the count. */
size_t ipsec_plan_sp_order(const struct ipsec_plan *p, size_t *order);

/* ---- export -------------------------------------------------------------- */

enum ipsec_export_format { IPSEC_EXPORT_IP_XFRM, IPSEC_EXPORT_SETKEY };

/*
 * The files as `ip -batch` lines (xfrm policy / xfrm state) or setkey
 * lines.  keys[i] is the key of sad.v[i] (NULL for NULL).  What the target
 * cannot express is refused with one message per entry in m, naming the
 * file, line and field; nothing is written then.
 */
int ipsec_export(FILE *out, enum ipsec_export_format fmt, const struct ipsec_spd_file *spd,
		 const struct ipsec_sad_file *sad, struct ipsec_key *const *keys,
		 struct ipsec_msgs *m);

/* How the export names an authentication algorithm: the kernel's crypto
 * name ("hmac(md5)") with the ICV bits AH and ESP send (96), and KAME's
 * name for setkey ("hmac-md5"; NULL when setkey has none that means the
 * same).  NULL and 0 for NULL. */
const char *ipsec_auth_kernel_name(enum netcfg_auth_alg a, unsigned *icv_bits);
const char *ipsec_auth_setkey_name(enum netcfg_auth_alg a);

#endif
