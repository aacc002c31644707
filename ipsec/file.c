/* SPDX-License-Identifier: MIT */
/*
 * file.c - the .spd and .sad files: reading, writing, and the ipsec6 sp /
 * sa screens, which share the files' columns.
 *
 * The layout written is the Windows XP one: a blank line, the title, a
 * blank line, the header, a border of underscores, one entry per line
 * ending in ";", a closing border and (for policies) the legend.  Reading
 * takes the entries between the last two borders, which accepts the XP
 * layout, the older one with a border under the title, and hand-written
 * files (no borders: every line that is not the header is an entry).  A
 * header maps the columns by name, so they may come in any order.
 */
#include "ipsec.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- messages ---------------------------------------------------------- */

void ipsec_msgs_free(struct ipsec_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i]);
	free(m->v);
	free(m->is_warning);
	memset(m, 0, sizeof(*m));
}

void ipsec_msg_add(struct ipsec_msgs *m, bool warning, const char *fmt, ...)
{
	if (!warning)
		m->errors++;
	if (m->n >= IPSEC_MSGS_MAX) {
		m->dropped++;
		return;
	}
	char **v = realloc(m->v, (m->n + 1) * sizeof(*v));
	if (v)
		m->v = v;
	bool *w = realloc(m->is_warning, (m->n + 1) * sizeof(*w));
	if (w)
		m->is_warning = w;
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (!v || !w || vasprintf(&s, fmt, ap) < 0) {
		va_end(ap);
		m->dropped++;
		return;
	}
	va_end(ap);
	m->v[m->n] = s;
	m->is_warning[m->n++] = warning;
}

/* "PATH:LINE: entry: Field \"text\": what" with the text as written. */
static void entry_msg(struct ipsec_msgs *m, bool warning, const char *path, unsigned line,
		      const char *entry, const char *name, const char *text, const char *what)
{
	char where[48] = "";
	if (entry)
		snprintf(where, sizeof(where), "%s: ", entry);
	if (name && text)
		ipsec_msg_add(m, warning, "%s:%u: %s%s \"%s\": %s", path, line, where, name, text, what);
	else if (name)
		ipsec_msg_add(m, warning, "%s:%u: %s%s: %s", path, line, where, name, what);
	else
		ipsec_msg_add(m, warning, "%s:%u: %s%s", path, line, where, what);
}

void ipsec_file_sp_msg(struct ipsec_msgs *m, bool warning, const char *path,
		       const struct ipsec_file_sp *e, const struct ipsec_diag *d)
{
	char entry[32], buf[NETCFG_SEL_STRLEN];
	snprintf(entry, sizeof(entry), "policy %u", e->sp.index);
	const char *name = ipsec_sp_field_name(d->field);
	const char *text = name ? (e->text[d->field] ? e->text[d->field]
				   : ipsec_sp_field_text(&e->sp, d->field, buf)) : NULL;
	entry_msg(m, warning, path, e->line, entry, name, text, d->msg);
}

void ipsec_file_sa_msg(struct ipsec_msgs *m, bool warning, const char *path,
		       const struct ipsec_file_sa *e, const struct ipsec_diag *d)
{
	char entry[32], buf[NETCFG_SEL_STRLEN];
	snprintf(entry, sizeof(entry), "SA %u", e->sa.index);
	const char *name = ipsec_sa_field_name(d->field);
	const char *text = name ? (e->text[d->field] ? e->text[d->field]
				   : ipsec_sa_field_text(&e->sa, d->field, buf)) : NULL;
	entry_msg(m, warning, path, e->line, entry, name, text, d->msg);
}

/* ---- the two kinds of file ---------------------------------------------- */

#define MAX_FIELDS 13
#define MAX_TOKENS 64
#define MAX_LINE 4096

struct column {
	int field;
	int width;          /* in files; the screen may differ */
	bool flag_before;   /* a "-"/"+" selector flag precedes it */
};

struct file_kind {
	const char *ext;            /* "spd" */
	const char *title;          /* "Security Policy List" */
	const char *entry;          /* "policy" */
	int n_fields;
	const char *(*field_name)(int field);
	const struct column *columns;   /* file order */
	const char *alias, *alias_of;   /* a seed spelling of a header name */
	int alias_field;
	int border;                 /* underscores in a written file */
};

static const struct column sp_columns[SPF__COUNT] = {
	{ SPF_POLICY, 10, false },
	{ SPF_REMOTE_ADDR, 45, true },
	{ SPF_LOCAL_ADDR, 45, true },
	{ SPF_PROTOCOL, 12, true },
	{ SPF_REMOTE_PORT, 12, true },
	{ SPF_LOCAL_PORT, 12, true },
	{ SPF_IPSEC_PROTO, 15, false },
	{ SPF_MODE, 12, false },
	{ SPF_GATEWAY, 45, false },
	{ SPF_BUNDLE, 15, false },
	{ SPF_DIRECTION, 12, false },
	{ SPF_ACTION, 12, false },
	{ SPF_IFINDEX, 15, false },
};

static const struct column sa_columns[SAF__COUNT] = {
	{ SAF_ENTRY, 10, false },
	{ SAF_SPI, 15, false },
	{ SAF_SADEST, 45, false },
	{ SAF_DEST, 45, false },
	{ SAF_SRC, 45, false },
	{ SAF_PROTOCOL, 12, false },
	{ SAF_DEST_PORT, 12, false },
	{ SAF_SRC_PORT, 12, false },
	{ SAF_AUTH, 12, false },
	{ SAF_KEYFILE, 15, false },
	{ SAF_DIRECTION, 12, false },
	{ SAF_POLICY, 15, false },
};

static const struct file_kind spd_kind = {
	"spd", "Security Policy List", "policy", SPF__COUNT, ipsec_sp_field_name,
	sp_columns, NULL, NULL, -1, 273,
};

/* The seeds' Host 1 tables spell SADestIPAddr "SDADestIPAddr". */
static const struct file_kind sad_kind = {
	"sad", "Security Association List", "SA", SAF__COUNT, ipsec_sa_field_name,
	sa_columns, "SDADestIPAddr", "SADestIPAddr", SAF_SADEST, 251,
};

/* ---- lines and tokens ---------------------------------------------------- */

struct line {
	const char *p;
	size_t len;
	unsigned no;
};

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void trim(const char **p, size_t *len)
{
	while (*len && is_blank_char(**p)) {
		(*p)++;
		(*len)--;
	}
	while (*len && is_blank_char((*p)[*len - 1]))
		(*len)--;
}

static bool is_border(const char *p, size_t len)
{
	trim(&p, &len);
	if (len < 3)
		return false;
	for (size_t i = 0; i < len; i++)
		if (p[i] != '_')
			return false;
	return true;
}

static bool starts_ci(const char *p, size_t len, const char *word)
{
	size_t n = strlen(word);
	return len >= n && strncasecmp(p, word, n) == 0;
}

/*
 * Split a line into tokens in buf: blanks separate them, a double-quoted
 * token may hold blanks (the quotes are dropped), and a ";" glued to the
 * end of a token becomes a token of its own.  Returns the count, or -1
 * with why set.
 */
static int tokenize(const char *p, size_t len, char *buf, char **tok, char *why, size_t whylen)
{
	int n = 0;
	size_t i = 0, o = 0;
	while (i < len) {
		while (i < len && is_blank_char(p[i]))
			i++;
		if (i == len)
			break;
		if (n >= MAX_TOKENS - 1) {
			snprintf(why, whylen, "more than %d fields on the line", MAX_TOKENS - 2);
			return -1;
		}
		tok[n++] = buf + o;
		if (p[i] == '"') {
			size_t end = i + 1;
			while (end < len && p[end] != '"')
				end++;
			if (end == len) {
				snprintf(why, whylen, "a double quote opens a field that never closes");
				return -1;
			}
			memcpy(buf + o, p + i + 1, end - i - 1);
			o += end - i - 1;
			i = end + 1;
			buf[o++] = '\0';
			continue;
		}
		size_t start = i;
		while (i < len && !is_blank_char(p[i]))
			i++;
		size_t tl = i - start;
		if (tl > 1 && p[i - 1] == ';') {
			memcpy(buf + o, p + start, tl - 1);
			o += tl - 1;
			buf[o++] = '\0';
			tok[n++] = buf + o;
			buf[o++] = ';';
			buf[o++] = '\0';
			continue;
		}
		memcpy(buf + o, p + start, tl);
		o += tl;
		buf[o++] = '\0';
	}
	return n;
}

/* ---- the generic reader -------------------------------------------------- */

static bool parse_index(const char *s, uint32_t *v)
{
	return netcfg_parse_uint(s, NETCFG_IPSEC_INDEX_MAX, v) == NETCFG_OK && *v >= 1;
}

/* The label of an entry whose number may not have parsed. */
static const char *entry_label(const char *kind, const char *index_text, char *buf, size_t size)
{
	uint32_t v;
	if (!index_text || !parse_index(index_text, &v))
		return NULL;
	snprintf(buf, size, "%s %u", kind, v);
	return buf;
}


/* An entry with its fields as text, before the kind's own parsing. */
struct raw_entry {
	unsigned line;
	char *text[MAX_FIELDS];
	char flag[MAX_FIELDS];      /* '-', '+' or 0 */
};

struct raw_file {
	struct raw_entry *v;
	size_t n, cap;
};

static void raw_free(struct raw_file *rf, int n_fields)
{
	for (size_t i = 0; i < rf->n; i++)
		for (int f = 0; f < n_fields; f++)
			free(rf->v[i].text[f]);
	free(rf->v);
	memset(rf, 0, sizeof(*rf));
}

static int header_field(const struct file_kind *k, const char *name)
{
	for (int f = 0; f < k->n_fields; f++)
		if (strcasecmp(k->field_name(f), name) == 0)
			return f;
	if (k->alias && strcasecmp(k->alias, name) == 0)
		return k->alias_field;
	return -1;
}

static const char *field_list(const struct file_kind *k, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int c = 0; c < k->n_fields && o < size; c++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", c ? " " : "",
				      k->field_name(k->columns[c].field));
	return buf;
}

/* Read the header's column order into order[]; false on an error. */
static bool parse_header(const struct file_kind *k, const char *path, unsigned line,
			 char **tok, int n, int *order, struct ipsec_msgs *m)
{
	bool seen[MAX_FIELDS] = { false };
	char list[256];
	for (int i = 0; i < n; i++) {
		int f = header_field(k, tok[i]);
		if (f < 0) {
			ipsec_msg_add(m, false, "%s:%u: header \"%s\": not a column of an .%s file (%s)",
				      path, line, tok[i], k->ext, field_list(k, list, sizeof(list)));
			return false;
		}
		if (seen[f]) {
			ipsec_msg_add(m, false, "%s:%u: header \"%s\": the %s column appears twice",
				      path, line, tok[i], k->field_name(f));
			return false;
		}
		if (i >= k->n_fields)
			return false;   /* unreachable: a repeat is caught above */
		seen[f] = true;
		order[i] = f;
	}
	for (int c = 0; c < k->n_fields; c++) {
		int f = k->columns[c].field;
		if (!seen[f]) {
			ipsec_msg_add(m, false, "%s:%u: header: the %s column is missing", path, line,
				      k->field_name(f));
			return false;
		}
	}
	return true;
}

/* Fields of one entry line in column order; false with a message. */
static bool parse_entry(const struct file_kind *k, const char *path, unsigned line,
			char **tok, int n, const int *order, struct raw_entry *e,
			struct ipsec_msgs *m)
{
	const bool *flags_ok = NULL;
	bool sp_flags[MAX_FIELDS] = { false };
	if (k == &spd_kind) {
		for (int c = 0; c < SPF__COUNT; c++)
			sp_flags[sp_columns[c].field] = sp_columns[c].flag_before;
		flags_ok = sp_flags;
	}
	memset(e, 0, sizeof(*e));
	e->line = line;
	int t = 0, c = 0;
	const char *last_name = NULL, *last_text = NULL;
	for (; c < k->n_fields && t < n && strcmp(tok[t], ";") != 0; c++) {
		int f = order[c];
		if (flags_ok && flags_ok[f] && (strcmp(tok[t], "-") == 0 || strcmp(tok[t], "+") == 0)) {
			e->flag[f] = tok[t][0];
			if (++t == n || strcmp(tok[t], ";") == 0) {
				entry_msg(m, false, path, line, NULL, k->field_name(f), tok[t - 1],
					  "a selector flag with no value after it");
				return false;
			}
		}
		e->text[f] = strdup(tok[t]);
		last_name = k->field_name(f);
		last_text = tok[t];
		t++;
	}
	char label[32];
	const char *entry = entry_label(k->entry, e->text[k->columns[0].field], label, sizeof(label));
	if (c < k->n_fields) {
		char what[160];
		if (t == n && n > 0 && strcmp(tok[n - 1], ";") != 0)
			snprintf(what, sizeof(what), "missing, and the entry does not end with \";\" "
				 "(a field may be empty or the line cut short)");
		else if (last_name)
			snprintf(what, sizeof(what), "missing (the entry ends after %s \"%s\")",
				 last_name, last_text);
		else
			snprintf(what, sizeof(what), "missing (the entry is empty)");
		entry_msg(m, false, path, line, entry, k->field_name(order[c]), NULL, what);
		return false;
	}
	if (t == n) {
		entry_msg(m, false, path, line, entry, last_name, last_text,
			  "missing \";\" at the end of the entry");
		return false;
	}
	if (strcmp(tok[t], ";") != 0 || t + 1 < n) {
		char what[160];
		snprintf(what, sizeof(what), "followed by unexpected text \"%s\" (an entry has %d "
			 "fields and ends with \";\")", strcmp(tok[t], ";") == 0 ? tok[t + 1] : tok[t],
			 k->n_fields);
		entry_msg(m, false, path, line, entry, last_name, last_text, what);
		return false;
	}
	for (int f = 0; f < k->n_fields; f++)
		if (!e->text[f]) {
			ipsec_msg_add(m, false, "%s:%u: out of memory", path, line);
			return false;
		}
	return true;
}

enum line_class { L_BLANK, L_COMMENT, L_BORDER, L_TITLE, L_LEGEND, L_HEADER, L_OTHER };

static enum line_class classify(const struct file_kind *k, const char *p, size_t len)
{
	trim(&p, &len);
	if (len == 0)
		return L_BLANK;
	if (p[0] == '#')
		return L_COMMENT;
	if (is_border(p, len))
		return L_BORDER;
	if (starts_ci(p, len, k->title))
		return L_TITLE;
	if (len >= 3 && (p[0] == '-' || p[0] == '+') && p[1] == ' ' && p[2] == '=')
		return L_LEGEND;
	const char *first = k->field_name(k->columns[0].field);
	size_t fl = strlen(first);
	if (starts_ci(p, len, first) && (len == fl || is_blank_char(p[fl])))
		return L_HEADER;
	return L_OTHER;
}

static bool read_lines(const char *path, const char *text, size_t len, struct line **out,
		       size_t *n, struct ipsec_msgs *m)
{
	size_t cap = 64, count = 0;
	struct line *v = malloc(cap * sizeof(*v));
	if (!v) {
		ipsec_msg_add(m, false, "%s: out of memory", path);
		return false;
	}
	unsigned no = 1;
	for (size_t i = 0; i < len; no++) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (text + i)) : len - i;
		if (memchr(text + i, '\0', l)) {
			ipsec_msg_add(m, false, "%s:%u: the line holds a NUL byte; this is not a text file",
				      path, no);
			free(v);
			return false;
		}
		if (l > MAX_LINE) {
			ipsec_msg_add(m, false, "%s:%u: the line is longer than %d bytes", path, no,
				      MAX_LINE);
			free(v);
			return false;
		}
		if (count == cap) {
			struct line *nv = realloc(v, (cap *= 2) * sizeof(*v));
			if (!nv) {
				free(v);
				ipsec_msg_add(m, false, "%s: out of memory", path);
				return false;
			}
			v = nv;
		}
		v[count++] = (struct line){ text + i, l, no };
		i += l + 1;
	}
	*out = v;
	*n = count;
	return true;
}

static void parse_raw(const struct file_kind *k, const char *path, const char *text, size_t len,
		      struct raw_file *rf, struct ipsec_msgs *m)
{
	struct line *lines;
	size_t n;
	memset(rf, 0, sizeof(*rf));
	if (!read_lines(path, text, len, &lines, &n, m))
		return;

	/* The entries lie between the last two borders (after a lone one). */
	size_t b_last = n, b_prev = n, borders = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_border(lines[i].p, lines[i].len)) {
			b_prev = b_last;
			b_last = i;
			borders++;
		}
	}
	size_t first = 0, end = n;
	if (borders >= 2) {
		first = b_prev + 1;
		end = b_last;
	} else if (borders == 1) {
		first = b_last + 1;
	}

	int order[MAX_FIELDS];
	for (int c = 0; c < k->n_fields; c++)
		order[c] = k->columns[c].field;
	unsigned header_line = 0;
	char *buf = malloc(MAX_LINE * 2 + 4);
	char *tok[MAX_TOKENS];
	if (!buf) {
		ipsec_msg_add(m, false, "%s: out of memory", path);
		free(lines);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &lines[i];
		bool inside = i >= first && i < end;
		enum line_class cls = classify(k, l->p, l->len);
		if (cls == L_BLANK || cls == L_COMMENT || cls == L_BORDER)
			continue;
		if (cls == L_HEADER) {
			char why[96];
			int nt = tokenize(l->p, l->len, buf, tok, why, sizeof(why));
			if (header_line) {
				ipsec_msg_add(m, false, "%s:%u: a second header line (the first is line %u)",
					      path, l->no, header_line);
			} else if (rf->n) {
				ipsec_msg_add(m, false, "%s:%u: the header must come before the entries",
					      path, l->no);
			} else if (nt < 0) {
				ipsec_msg_add(m, false, "%s:%u: header: %s", path, l->no, why);
			} else if (!parse_header(k, path, l->no, tok, nt, order, m)) {
				/* reported; entries cannot be mapped without it */
				break;
			}
			header_line = l->no;
			continue;
		}
		if (!inside) {
			if (cls == L_TITLE || cls == L_LEGEND)
				continue;
			const char *t = l->p;
			size_t tl = l->len;
			trim(&t, &tl);
			ipsec_msg_add(m, false, "%s:%u: \"%.*s%s\": text outside the entry section, "
				      "which lies between the last two lines of underscores", path, l->no,
				      (int)(tl > 40 ? 40 : tl), t, tl > 40 ? "..." : "");
			continue;
		}
		char why[96];
		int nt = tokenize(l->p, l->len, buf, tok, why, sizeof(why));
		if (nt < 0) {
			ipsec_msg_add(m, false, "%s:%u: %s", path, l->no, why);
			continue;
		}
		if (rf->n == rf->cap) {
			size_t cap = rf->cap ? rf->cap * 2 : 16;
			struct raw_entry *v = realloc(rf->v, cap * sizeof(*v));
			if (!v) {
				ipsec_msg_add(m, false, "%s: out of memory", path);
				break;
			}
			rf->v = v;
			rf->cap = cap;
		}
		struct raw_entry *e = &rf->v[rf->n];
		if (parse_entry(k, path, l->no, tok, nt, order, e, m)) {
			rf->n++;
		} else {
			for (int f = 0; f < k->n_fields; f++)
				free(e->text[f]);
		}
	}
	free(buf);
	free(lines);
}

/* ---- policies ------------------------------------------------------------- */

static const char addr_forms[] = "an IPv6 address, an address range (low-high), a prefix or *";

static const char *addr_problem(const char *s)
{
	if (strchr(s, '%'))
		return "scope ids are not allowed here (InterfaceIndex selects the interface)";
	return NULL;
}

/* Returns NULL, or what is wrong with the text of the field. */
static const char *sp_field_parse(void *obj, int f, const char *s, char *why, size_t size)
{
	struct netcfg_sp *sp = obj;
	int v;
	switch (f) {
	case SPF_POLICY:
		return parse_index(s, &sp->index) ? NULL : "not a policy number (1 to 2147483647)";
	case SPF_REMOTE_ADDR:
	case SPF_LOCAL_ADDR:
		if (netcfg_addr_sel_parse(s, false, f == SPF_REMOTE_ADDR ? &sp->remote : &sp->local))
			break;
		return NULL;
	case SPF_PROTOCOL:
		if (netcfg_proto_sel_parse(s, false, &sp->protocol))
			return "not TCP, UDP, ICMP, a protocol number (0-255) or *";
		return NULL;
	case SPF_REMOTE_PORT:
	case SPF_LOCAL_PORT:
		if (netcfg_port_sel_parse(s, false, f == SPF_REMOTE_PORT ? &sp->remote_port
							  : &sp->local_port))
			return "not a port (0-65535), a port range (low-high) or *";
		return NULL;
	case SPF_IPSEC_PROTO:
		if ((v = netcfg_ipsec_proto_parse(s)) < 0)
			return "not AH, ESP or NONE";
		sp->ipsec_proto = (enum netcfg_ipsec_proto)v;
		return NULL;
	case SPF_MODE:
		if ((v = netcfg_ipsec_mode_parse(s)) < 0)
			return "not TRANSPORT, TUNNEL or *";
		sp->mode = (enum netcfg_ipsec_mode)v;
		return NULL;
	case SPF_GATEWAY:
		memset(&sp->gateway, 0, sizeof(sp->gateway));
		if (strcmp(s, "*") == 0)
			return NULL;
		if (netcfg_parse_addr(s, &sp->gateway, NULL) || IN6_IS_ADDR_UNSPECIFIED(&sp->gateway))
			return addr_problem(s) ? addr_problem(s) : "not an IPv6 address or *";
		return NULL;
	case SPF_BUNDLE:
		sp->bundle = 0;
		if (strcasecmp(s, "NONE") == 0)
			return NULL;
		return parse_index(s, &sp->bundle) ? NULL : "not NONE or a policy number";
	case SPF_DIRECTION:
		if ((v = netcfg_ipsec_dir_parse(s)) < 0)
			return "not INBOUND, OUTBOUND or BIDIRECT";
		sp->direction = (enum netcfg_ipsec_dir)v;
		return NULL;
	case SPF_ACTION:
		if ((v = netcfg_sp_action_parse(s)) < 0)
			return "not BYPASS, DISCARD, APPLY or APPCHOICE";
		sp->action = (enum netcfg_sp_action)v;
		return NULL;
	case SPF_IFINDEX:
		if (netcfg_parse_uint(s, UINT32_MAX, &sp->ifindex))
			return "not an interface number (0 for all interfaces)";
		return NULL;
	}
	const char *p = addr_problem(s);
	if (p)
		return p;
	snprintf(why, size, "not %s", addr_forms);
	return why;
}

/* Parse the fields of r into entry with the kind's parser; the first
 * bad one is reported and false returned. */
static bool parse_fields(const struct file_kind *k, const char *path, const struct raw_entry *r,
			 const char *(*parse)(void *, int, const char *, char *, size_t), void *entry,
			 struct ipsec_msgs *m)
{
	char why[160], label[32];
	for (int f = 0; f < k->n_fields; f++) {
		const char *bad = parse(entry, f, r->text[f], why, sizeof(why));
		if (bad) {
			entry_msg(m, false, path, r->line,
				  entry_label(k->entry, r->text[k->columns[0].field], label, sizeof(label)),
				  k->field_name(f), r->text[f], bad);
			return false;
		}
	}
	return true;
}

static const unsigned pkt_bit[SPF__COUNT] = {
	[SPF_REMOTE_ADDR] = NETCFG_SP_PKT_REMOTE_ADDR,
	[SPF_LOCAL_ADDR] = NETCFG_SP_PKT_LOCAL_ADDR,
	[SPF_PROTOCOL] = NETCFG_SP_PKT_PROTOCOL,
	[SPF_REMOTE_PORT] = NETCFG_SP_PKT_REMOTE_PORT,
	[SPF_LOCAL_PORT] = NETCFG_SP_PKT_LOCAL_PORT,
};

void ipsec_spd_parse(const char *path, const char *text, size_t len,
		     struct ipsec_spd_file *out, struct ipsec_msgs *m)
{
	struct raw_file rf;
	memset(out, 0, sizeof(*out));
	out->path = strdup(path);
	parse_raw(&spd_kind, path, text, len, &rf, m);
	out->v = calloc(rf.n + 1, sizeof(*out->v));
	if (!out->v || !out->path) {
		ipsec_msg_add(m, false, "%s: out of memory", path);
		raw_free(&rf, SPF__COUNT);
		return;
	}
	for (size_t i = 0; i < rf.n; i++) {
		struct raw_entry *r = &rf.v[i];
		struct ipsec_file_sp *e = &out->v[out->n];
		memset(e, 0, sizeof(*e));
		e->line = r->line;
		if (!parse_fields(&spd_kind, path, r, sp_field_parse, &e->sp, m))
			continue;
		for (int f = 0; f < SPF__COUNT; f++)
			if (r->flag[f] == '+')
				e->sp.from_packet |= pkt_bit[f];
		memcpy(e->text, r->text, sizeof(e->text));
		memset(r->text, 0, sizeof(r->text));
		out->n++;
		struct ipsec_diag d;
		if (ipsec_sp_check(&e->sp, &d) < 0)
			ipsec_file_sp_msg(m, false, path, e, &d);
	}
	raw_free(&rf, SPF__COUNT);
}

void ipsec_spd_file_free(struct ipsec_spd_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		for (int k = 0; k < SPF__COUNT; k++)
			free(f->v[i].text[k]);
	free(f->v);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

/* ---- security associations ------------------------------------------------ */

static bool parse_spi(const char *s, uint32_t *v)
{
	if ((s[0] == '0') && (s[1] == 'x' || s[1] == 'X')) {
		uint64_t x = 0;
		if (!s[2] || strlen(s + 2) > 8)
			return false;
		for (const char *p = s + 2; *p; p++) {
			if (!isxdigit((unsigned char)*p))
				return false;
			x = x * 16 + (uint64_t)(isdigit((unsigned char)*p) ? *p - '0'
						: tolower((unsigned char)*p) - 'a' + 10);
		}
		*v = (uint32_t)x;
		return true;
	}
	return netcfg_parse_uint(s, UINT32_MAX, v) == NETCFG_OK;
}

static const char *sa_field_parse(void *obj, int f, const char *s, char *why, size_t size)
{
	struct netcfg_sa *sa = obj;
	int v;
	struct netcfg_addr_sel *as = NULL;
	struct netcfg_num_sel *ports = NULL;
	switch (f) {
	case SAF_ENTRY:
		return parse_index(s, &sa->index) ? NULL : "not an SA number (1 to 2147483647)";
	case SAF_SPI:
		return parse_spi(s, &sa->spi) ? NULL
		       : "not an SPI (256 to 4294967295, in decimal or as 0x and hex digits)";
	case SAF_SADEST:
		if (netcfg_parse_addr(s, &sa->sa_dest, NULL) || IN6_IS_ADDR_UNSPECIFIED(&sa->sa_dest))
			return addr_problem(s) ? addr_problem(s)
			       : "not an IPv6 address (the address that receives the protected traffic)";
		return NULL;
	case SAF_DEST:
		as = &sa->dest;
		break;
	case SAF_SRC:
		as = &sa->src;
		break;
	case SAF_PROTOCOL:
		if (netcfg_proto_sel_parse(s, true, &sa->protocol))
			return "not POLICY, TCP, UDP, ICMP, a protocol number (0-255) or *";
		return NULL;
	case SAF_DEST_PORT:
		ports = &sa->dest_port;
		break;
	case SAF_SRC_PORT:
		ports = &sa->src_port;
		break;
	case SAF_AUTH:
		if ((v = netcfg_auth_alg_parse(s)) < 0)
			return "not NULL, HMAC-MD5, HMAC-MD5-96, HMAC-SHA1, HMAC-SHA1-96 or HMAC-SHA256";
		sa->auth = (enum netcfg_auth_alg)v;
		return NULL;
	case SAF_KEYFILE:
		sa->key_file[0] = '\0';
		if (strcasecmp(s, "NONE") == 0)
			return NULL;
		if (!*s)
			return "an empty file name (use NONE for no key)";
		if (strlen(s) >= sizeof(sa->key_file))
			return "the file name is longer than 255 bytes";
		strcpy(sa->key_file, s);
		return NULL;
	case SAF_DIRECTION:
		if ((v = netcfg_ipsec_dir_parse(s)) < 0)
			return "not INBOUND or OUTBOUND";
		sa->direction = (enum netcfg_ipsec_dir)v;
		return NULL;
	case SAF_POLICY:
		return parse_index(s, &sa->policy) ? NULL : "not a policy number (1 to 2147483647)";
	}
	if (ports) {
		if (netcfg_port_sel_parse(s, true, ports))
			return "not POLICY, a port (0-65535), a port range (low-high) or *";
		return NULL;
	}
	if (as && netcfg_addr_sel_parse(s, true, as) == NETCFG_OK)
		return NULL;
	const char *p = addr_problem(s);
	if (p)
		return p;
	snprintf(why, size, "not POLICY, %s", addr_forms);
	return why;
}

void ipsec_sad_parse(const char *path, const char *text, size_t len,
		     struct ipsec_sad_file *out, struct ipsec_msgs *m)
{
	struct raw_file rf;
	memset(out, 0, sizeof(*out));
	out->path = strdup(path);
	parse_raw(&sad_kind, path, text, len, &rf, m);
	out->v = calloc(rf.n + 1, sizeof(*out->v));
	if (!out->v || !out->path) {
		ipsec_msg_add(m, false, "%s: out of memory", path);
		raw_free(&rf, SAF__COUNT);
		return;
	}
	for (size_t i = 0; i < rf.n; i++) {
		struct raw_entry *r = &rf.v[i];
		struct ipsec_file_sa *e = &out->v[out->n];
		memset(e, 0, sizeof(*e));
		e->line = r->line;
		if (!parse_fields(&sad_kind, path, r, sa_field_parse, &e->sa, m))
			continue;
		memcpy(e->text, r->text, sizeof(e->text));
		memset(r->text, 0, sizeof(r->text));
		out->n++;
		struct ipsec_diag d;
		if (ipsec_sa_check(&e->sa, &d) < 0)
			ipsec_file_sa_msg(m, false, path, e, &d);
	}
	raw_free(&rf, SAF__COUNT);
}

void ipsec_sad_file_free(struct ipsec_sad_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		for (int k = 0; k < SAF__COUNT; k++)
			free(f->v[i].text[k]);
	free(f->v);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

/* ---- writing --------------------------------------------------------------- */

/* A value in a column of width w; a longer value still gets one blank
 * after it, so the columns never run together. */
static void cell(FILE *out, const char *s, int w)
{
	int n = (int)strlen(s);
	fprintf(out, "%s%*s", s, n < w ? w - n : 1, "");
}

/* A text that needs quotes to stay one field. */
static const char *quoted(const char *s, char *buf, size_t size)
{
	if (*s && !strpbrk(s, " \t;"))
		return s;
	snprintf(buf, size, "\"%s\"", s);
	return buf;
}

static void border(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputc('_', out);
	fputc('\n', out);
}

/* The screen drops a column and narrows another. */
struct layout {
	int skip_field;      /* not shown, or -1 */
	int narrow_field;    /* shown narrower, or -1 */
	int narrow_width;
	bool semicolon;
};

static int width_of(const struct column *c, const struct layout *lo)
{
	return c->field == lo->narrow_field ? lo->narrow_width : c->width;
}

static void header(FILE *out, const struct file_kind *k, const struct layout *lo)
{
	for (int c = 0; c < k->n_fields; c++) {
		const struct column *col = &k->columns[c];
		if (col->field == lo->skip_field)
			continue;
		/* a selector's flag sits under the name before it */
		int w = width_of(col, lo);
		if (c + 1 < k->n_fields && k->columns[c + 1].flag_before)
			w += 2;
		cell(out, k->field_name(col->field), w);
	}
	fputc('\n', out);
}

static void sp_row(FILE *out, const struct netcfg_sp *sp, const struct layout *lo)
{
	char buf[NETCFG_SEL_STRLEN];
	for (int c = 0; c < SPF__COUNT; c++) {
		const struct column *col = &sp_columns[c];
		if (col->field == lo->skip_field)
			continue;
		if (col->flag_before)
			cell(out, sp->from_packet & pkt_bit[col->field] ? "+" : "-", 2);
		cell(out, ipsec_sp_field_text(sp, col->field, buf), width_of(col, lo));
	}
	fputs(lo->semicolon ? ";\n" : "\n", out);
}

static void sa_row(FILE *out, const struct netcfg_sa *sa, const struct layout *lo)
{
	char buf[NETCFG_SEL_STRLEN], q[NETCFG_KEYFILE_MAX + 2];
	for (int c = 0; c < SAF__COUNT; c++) {
		const struct column *col = &sa_columns[c];
		if (col->field == lo->skip_field)
			continue;
		const char *t = ipsec_sa_field_text(sa, col->field, buf);
		if (col->field == SAF_KEYFILE)
			t = quoted(t, q, sizeof(q));
		cell(out, t, width_of(col, lo));
	}
	fputs(lo->semicolon ? ";\n" : "\n", out);
}

static const struct layout file_layout = { -1, -1, 0, true };

void ipsec_spd_write(FILE *out, const struct netcfg_sp *v, size_t n)
{
	fprintf(out, "\n%s\n\n", spd_kind.title);
	header(out, &spd_kind, &file_layout);
	border(out, spd_kind.border);
	for (size_t i = 0; i < n; i++)
		sp_row(out, &v[i], &file_layout);
	border(out, spd_kind.border);
	fputs("\n- = Take selector from policy.\n+ = Take selector from packet.\n", out);
}

void ipsec_sad_write(FILE *out, const struct netcfg_sa *v, size_t n)
{
	fprintf(out, "\n%s\n\n", sad_kind.title);
	header(out, &sad_kind, &file_layout);
	border(out, sad_kind.border);
	for (size_t i = 0; i < n; i++)
		sa_row(out, &v[i], &file_layout);
	border(out, sad_kind.border);
}

/* The screens of the MSR tool with XP's 45-wide address columns. */
#define SP_SCREEN_BORDER 252
#define SA_SCREEN_BORDER 234

void ipsec_sp_screen(FILE *out, const struct netcfg_sp *v, size_t n, uint32_t ifindex)
{
	static const struct layout lo = { SPF_IFINDEX, SPF_ACTION, 8, false };
	if (ifindex)
		fprintf(out, "\nSecurity Policy List for Interface %u\n", ifindex);
	else
		fprintf(out, "\nAll Security Policies\n");
	border(out, SP_SCREEN_BORDER);
	header(out, &spd_kind, &lo);
	border(out, SP_SCREEN_BORDER);
	for (size_t i = 0; i < n; i++)
		sp_row(out, &v[i], &lo);
	border(out, SP_SCREEN_BORDER);
}

void ipsec_sa_screen(FILE *out, const struct netcfg_sa *v, size_t n)
{
	static const struct layout lo = { SAF_KEYFILE, -1, 0, false };
	fprintf(out, "\n%s\n", sad_kind.title);
	border(out, SA_SCREEN_BORDER);
	header(out, &sad_kind, &lo);
	border(out, SA_SCREEN_BORDER);
	for (size_t i = 0; i < n; i++)
		sa_row(out, &v[i], &lo);
	border(out, SA_SCREEN_BORDER);
}

/* ---- file system ------------------------------------------------------------ */

int ipsec_read_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen)
{
	*buf = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > max) {
		snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *b = malloc(cap);
	while (b) {
		if (n == cap - 1) {
			if (cap > max) {
				snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
				free(b);
				close(fd);
				return -1;
			}
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
			free(b);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (!b) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

int ipsec_resolve(const char *dir, const char *name, char *out, size_t size)
{
	int n;
	if (name[0] == '/' || !dir || !*dir)
		n = snprintf(out, size, "%s", name);
	else
		n = snprintf(out, size, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	struct stat st;
	if (stat(out, &st) == 0)
		return 0;
	if (errno != ENOENT)
		return -1;
	/* as on Windows, a name that differs only in case is the same file */
	char *slash = strrchr(out, '/');
	char parent[4096], base[256];
	if (slash) {
		size_t pl = (size_t)(slash - out);
		if (pl >= sizeof(parent) || strlen(slash + 1) >= sizeof(base)) {
			errno = ENOENT;
			return -1;
		}
		memcpy(parent, out, pl);
		parent[pl] = '\0';
		if (pl == 0)
			strcpy(parent, "/");
		strcpy(base, slash + 1);
	} else {
		if (strlen(out) >= sizeof(base)) {
			errno = ENOENT;
			return -1;
		}
		strcpy(parent, ".");
		strcpy(base, out);
	}
	DIR *d = opendir(parent);
	if (!d) {
		errno = ENOENT;
		return -1;
	}
	char found[256] = "";
	int matches = 0;
	for (struct dirent *de; (de = readdir(d));) {
		if (strcasecmp(de->d_name, base) == 0) {
			if (!matches++)
				snprintf(found, sizeof(found), "%s", de->d_name);
		}
	}
	closedir(d);
	if (matches != 1) {
		errno = matches ? EEXIST : ENOENT;
		return -1;
	}
	if (slash)
		n = snprintf(out, size, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, found);
	else
		n = snprintf(out, size, "%s", found);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
