/* SPDX-License-Identifier: MIT */
/*
 * args.c - binding the words after a command to its tags: "tag=value" (tag
 * names may be abbreviated) or positionally, filling the unused tags in
 * table order; then every value is parsed by the kind of its tag.
 */
#include "netsh.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct value *arg(const struct args *a, const char *tag)
{
	static const struct value none;
	for (int i = 0; a->cmd->tags && a->cmd->tags[i].name; i++)
		if (strcmp(a->cmd->tags[i].name, tag) == 0)
			return &a->v[i];
	return &none;
}

bool arg_set(const struct args *a, const char *tag)
{
	return arg(a, tag)->set;
}

static const struct tag *tag_of(const struct args *a, const char *name)
{
	for (const struct tag *t = a->cmd->tags; t && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

const char *arg_enum(const struct args *a, const char *tag)
{
	const struct value *v = arg(a, tag);
	const struct tag *t = tag_of(a, tag);
	if (!v->set || !t || t->kind != VAL_ENUM)
		return NULL;
	return t->values[v->u];
}

bool arg_enabled(const struct args *a, const char *tag)
{
	const char *e = arg_enum(a, tag);
	return e && strcmp(e, "enabled") == 0;
}

unsigned arg_store_flags(const struct args *a)
{
	const char *s = arg_enum(a, "store");
	return s && strcmp(s, "active") == 0 ? 0 : NETCFG_F_PERSIST;
}

/* ---- values --------------------------------------------------------- */

/* What a value of this tag looks like, for messages. */
static void expected(const struct tag *t, char *buf, size_t size)
{
	size_t len = 0;
	switch (t->kind) {
	case VAL_STRING:
	case VAL_FILE:
		snprintf(buf, size, "a non-empty string");
		return;
	case VAL_IFACE:
		snprintf(buf, size, "an interface name or index");
		return;
	case VAL_ADDR:
		snprintf(buf, size, "an IPv6 address such as 2001:db8::1");
		return;
	case VAL_ADDR_OR_ALL:
		snprintf(buf, size, "an IPv6 address or all");
		return;
	case VAL_PREFIX:
		snprintf(buf, size, "an IPv6 prefix such as 2001:db8::/64 (address bits past the length zero)");
		return;
	case VAL_IPV4:
		snprintf(buf, size, "an IPv4 address such as 192.0.2.1");
		return;
	case VAL_UINT:
		snprintf(buf, size, "a number from %u to %u", t->min, t->max);
		return;
	case VAL_LIFETIME:
		snprintf(buf, size, "infinite or a time in seconds, or with units such as 30m or 1d2h3m4s");
		return;
	case VAL_ENUM:
		len = (size_t)snprintf(buf, size, "one of ");
		for (int i = 0; t->values[i] && len < size; i++)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", t->values[i]);
		return;
	}
}

/* An enum word: exact, else the unique prefix.  -1 none, -2 ambiguous. */
static int enum_index(const struct tag *t, const char *s)
{
	int hit = -1;
	for (int i = 0; t->values[i]; i++)
		if (strcasecmp(t->values[i], s) == 0)
			return i;
	for (int i = 0; t->values[i]; i++) {
		if (!word_prefix(s, t->values[i]))
			continue;
		if (hit >= 0)
			return -2;
		hit = i;
	}
	return hit;
}

static bool parse_value(const struct tag *t, const char *s, struct value *v)
{
	v->text = s;
	if (!*s)
		return false;
	switch (t->kind) {
	case VAL_STRING:
	case VAL_FILE:
		return true;
	case VAL_IFACE:
		if (netcfg_parse_uint(s, UINT32_MAX, &v->ifindex) != NETCFG_OK)
			v->ifindex = 0;
		return true;
	case VAL_ADDR_OR_ALL:
		if (strcasecmp(s, "all") == 0) {
			v->all = true;
			return true;
		}
		/* fall through */
	case VAL_ADDR:
		return netcfg_parse_addr(s, &v->addr, NULL) == NETCFG_OK;
	case VAL_PREFIX:
		return netcfg_parse_prefix(s, &v->prefix) == NETCFG_OK;
	case VAL_IPV4:
		return netcfg_parse_ipv4(s, &v->v4) == NETCFG_OK;
	case VAL_UINT:
		return netcfg_parse_uint(s, t->max, &v->u) == NETCFG_OK && v->u >= t->min;
	case VAL_LIFETIME:
		return netcfg_parse_lifetime(s, true, &v->u) == NETCFG_OK;
	case VAL_ENUM: {
		int i = enum_index(t, s);
		if (i < 0)
			return false;
		v->u = (uint32_t)i;
		return true;
	}
	}
	return false;
}

/* ---- tags ------------------------------------------------------------ */

/* The tag named (or abbreviated) by the text before '='.  -1 none, -2
 * ambiguous. */
static int tag_index(const struct tag *tags, const char *w, size_t len)
{
	int hit = -1;
	for (int i = 0; tags[i].name; i++)
		if (strlen(tags[i].name) == len && strncasecmp(tags[i].name, w, len) == 0)
			return i;
	for (int i = 0; tags[i].name; i++) {
		if (len > strlen(tags[i].name) || strncasecmp(tags[i].name, w, len) != 0)
			continue;
		if (hit >= 0)
			return -2;
		hit = i;
	}
	return hit;
}

static void tag_list(const struct tag *tags, const char *w, size_t len, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; tags[i].name && n < size; i++)
		if (!w || (len <= strlen(tags[i].name) && strncasecmp(tags[i].name, w, len) == 0))
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", tags[i].name);
}

static int syntax(struct netsh *sh, const struct args *a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int syntax(struct netsh *sh, const struct args *a, const char *fmt, ...)
{
	char cmd[64], msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	command_name(a->group, a->cmd, cmd, sizeof(cmd));
	netsh_fail(sh, NETSH_EXIT_SYNTAX, "%s: %s.", cmd, msg);
	if (!netsh_in_script(sh))
		help_usage(stderr, a->group, a->cmd);
	return NETSH_EXIT_SYNTAX;
}

int args_bind(struct netsh *sh, struct args *a, char **w, int n)
{
	const struct tag *tags = a->cmd->tags;
	char buf[512];

	if (a->cmd->flags & CMD_ANY_ARGS) {
		a->words = w;
		a->n_words = n;
		return NETSH_EXIT_OK;
	}
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(w[i], '=');
		const char *val = w[i];
		int t = -1;
		if (eq && eq != w[i]) {
			size_t len = (size_t)(eq - w[i]);
			t = tags ? tag_index(tags, w[i], len) : -1;
			snprintf(buf, sizeof(buf), "%.*s", (int)len, w[i]);
			if (t == -2) {
				char names[256];
				tag_list(tags, w[i], len, names, sizeof(names));
				return syntax(sh, a, "the tag \"%s\" is ambiguous: it abbreviates %s",
					      buf, names);
			}
			if (t < 0) {
				char names[256];
				if (tags)
					tag_list(tags, NULL, 0, names, sizeof(names));
				if (!tags || !tags[0].name)
					return syntax(sh, a, "\"%s\" is not a tag of this command "
						      "(it takes none)", buf);
				return syntax(sh, a, "\"%s\" is not a tag of this command (its tags: %s)",
					      buf, names);
			}
			val = eq + 1;
		} else {
			for (int k = 0; tags && tags[k].name; k++) {
				if (!a->v[k].set) {
					t = k;
					break;
				}
			}
			if (t < 0)
				return syntax(sh, a, "\"%s\" is one argument too many", w[i]);
		}
		if (a->v[t].set)
			return syntax(sh, a, "the tag \"%s\" is given more than once", tags[t].name);
		if (!parse_value(&tags[t], val, &a->v[t])) {
			char exp[256];
			if (tags[t].kind == VAL_ENUM && enum_index(&tags[t], val) == -2) {
				size_t len = 0;
				for (int k = 0; tags[t].values[k] && len < sizeof(exp); k++)
					if (word_prefix(val, tags[t].values[k]))
						len += (size_t)snprintf(exp + len, sizeof(exp) - len, "%s%s",
									len ? ", " : "", tags[t].values[k]);
				return syntax(sh, a, "\"%s\" is ambiguous for %s: it abbreviates %s",
					      val, tags[t].name, exp);
			}
			expected(&tags[t], exp, sizeof(exp));
			return syntax(sh, a, "\"%s\" is not an acceptable value for %s: expected %s",
				      val, tags[t].name, exp);
		}
		a->v[t].set = true;
	}
	for (int k = 0; tags && tags[k].name; k++)
		if (tags[k].required && !a->v[k].set)
			return syntax(sh, a, "a value for \"%s\" is required", tags[k].name);
	return NETSH_EXIT_OK;
}
