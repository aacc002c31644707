/* SPDX-License-Identifier: MIT */
/*
 * help.c - every help text is generated from the command tables: the
 * command lists of a context or a group ("?", "help", "show ?") and the
 * usage, parameters, remarks and examples of one command ("add route ?").
 */
#include "netsh.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WIDTH 79

const char *command_name(const struct group *g, const struct command *c, char *buf, size_t size)
{
	if (g)
		snprintf(buf, size, "%s %s", g->name, c->name);
	else
		snprintf(buf, size, "%s", c->name);
	return buf;
}

/* Print text wrapped at WIDTH: the first line after a prefix of column
 * `first`, the next ones indented to `indent`.  '\n' in text forces a
 * break. */
static void wrap(FILE *f, const char *text, int first, int indent)
{
	int col = first;
	bool line_start = true;   /* nothing printed after the indentation yet */
	for (const char *p = text; *p;) {
		if (*p == '\n') {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			line_start = true;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t n = strcspn(p, " \n");
		if (!line_start && col + 1 + (int)n > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			line_start = true;
		}
		if (!line_start) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += (int)n;
		p += n;
		line_start = false;
	}
	fputc('\n', f);
}

/* ---- usage ----------------------------------------------------------- */

static void value_form(const struct tag *t, char *buf, size_t size)
{
	size_t len = 0;
	switch (t->kind) {
	case VAL_STRING:
	case VAL_IFACE:
	case VAL_FILE:
		snprintf(buf, size, "<string>");
		return;
	case VAL_ADDR:
		snprintf(buf, size, "<IPv6 address>");
		return;
	case VAL_ADDR_OR_ALL:
		snprintf(buf, size, "<IPv6 address>|all");
		return;
	case VAL_PREFIX:
		snprintf(buf, size, "<IPv6 address>/<integer>");
		return;
	case VAL_IPV4:
		snprintf(buf, size, "<IPv4 address>");
		return;
	case VAL_UINT:
		snprintf(buf, size, "<integer>");
		return;
	case VAL_LIFETIME:
		snprintf(buf, size, "<integer>|infinite");
		return;
	case VAL_ENUM:
		buf[0] = '\0';
		for (int i = 0; t->values[i] && len < size; i++)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "|" : "", t->values[i]);
		return;
	}
}

void help_usage(FILE *f, const struct group *g, const struct command *c)
{
	char name[64], part[256], form[160];
	int col = fprintf(f, "Usage: %s", command_name(g, c, name, sizeof(name)));
	if (c->flags & CMD_ANY_ARGS) {
		for (const struct tag *t = c->tags; t && t->name; t++)
			col += fprintf(f, " %s", t->name);
	}
	for (const struct tag *t = c->tags; !(c->flags & CMD_ANY_ARGS) && t && t->name; t++) {
		value_form(t, form, sizeof(form));
		if (t->required)
			snprintf(part, sizeof(part), "[%s=]%s", t->name, form);
		else
			snprintf(part, sizeof(part), "[[%s=]%s]", t->name, form);
		if (col + 1 + (int)strlen(part) > WIDTH) {
			fprintf(f, "\n%*s", 7, "");
			col = 7;
		} else {
			fputc(' ', f);
			col++;
		}
		col += fprintf(f, "%s", part);
	}
	fputc('\n', f);
}

void help_command(FILE *f, const struct group *g, const struct command *c)
{
	help_usage(f, g, c);
	if (c->tags && c->tags[0].name) {
		fprintf(f, "\nParameters:\n\n       %-17s   %s\n", "Tag", "Value");
		for (const struct tag *t = c->tags; t->name; t++) {
			fprintf(f, "       %-17s - ", t->name);
			wrap(f, t->help, 27, 27);
		}
	}
	fprintf(f, "\nRemarks: ");
	wrap(f, c->remarks ? c->remarks : c->summary, 9, 9);
	if (c->alias)
		fprintf(f, "         \"%s\" is another name for this command.\n", c->alias);
	if (c->examples) {
		fprintf(f, "\nExamples:\n\n");
		const char *p = c->examples;
		while (*p) {
			size_t n = strcspn(p, "\n");
			fprintf(f, "       %.*s\n", (int)n, p);
			p += n;
			if (*p)
				p++;
		}
	}
	fputc('\n', f);
}

/* ---- lists ------------------------------------------------------------ */

struct item {
	const char *name;      /* sorted on this */
	char text[96];         /* what is printed in the name column */
	const char *summary;
	char ctx_summary[128];
};

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	return strcasecmp(x->name, y->name);
}

struct items {
	struct item v[96];
	size_t n;
};

static bool items_have(const struct items *it, const char *name)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcasecmp(it->v[i].name, name) == 0)
			return true;
	return false;
}

static void items_add(struct items *it, const char *name, const char *text, const char *summary)
{
	if (it->n == sizeof(it->v) / sizeof(it->v[0]) || items_have(it, name))
		return;
	struct item *x = &it->v[it->n++];
	x->name = name;
	snprintf(x->text, sizeof(x->text), "%s", text);
	x->summary = summary;
	x->ctx_summary[0] = '\0';
}

static void items_print(FILE *f, struct items *it)
{
	qsort(it->v, it->n, sizeof(it->v[0]), item_cmp);
	for (size_t i = 0; i < it->n; i++)
		fprintf(f, "%-13s - %s\n", it->v[i].text,
			it->v[i].ctx_summary[0] ? it->v[i].ctx_summary : it->v[i].summary);
}

/* Whether a name is defined by a context deeper in the path than lvl. */
static bool overridden(const struct ctxpath *p, int lvl, const char *name)
{
	for (int k = lvl + 1; k < p->n; k++) {
		const struct context *c = p->v[k];
		for (const struct command *x = c->commands; x && x->name; x++)
			if (strcasecmp(x->name, name) == 0)
				return true;
		for (const struct group *x = c->groups; x && x->name; x++)
			if (strcasecmp(x->name, name) == 0)
				return true;
	}
	return false;
}

static void context_path_text(const struct ctxpath *p, int upto, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "netsh");
	for (int i = 1; i <= upto && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, " %s", p->v[i]->name);
}

static void collect(struct items *it, const struct ctxpath *p, int lvl, bool own)
{
	const struct context *c = p->v[lvl];
	for (const struct command *x = c->commands; x && x->name; x++)
		if (own || !overridden(p, lvl, x->name))
			items_add(it, x->name, x->name, x->summary);
	for (const struct group *x = c->groups; x && x->name; x++)
		if (own || !overridden(p, lvl, x->name))
			items_add(it, x->name, x->name, x->summary);
	if (!own)
		return;
	for (const struct context *const *s = c->subs; s && *s; s++) {
		items_add(it, (*s)->name, (*s)->name, NULL);
		snprintf(it->v[it->n - 1].ctx_summary, sizeof(it->v[0].ctx_summary),
			 "Changes to the `netsh %s' context.", (*s)->path);
	}
}

void help_context(FILE *f, const struct ctxpath *p)
{
	char path[128];
	fprintf(f, "\nThe following commands are available:\n");
	for (int lvl = 0; lvl < p->n - 1; lvl++) {
		struct items it = { .n = 0 };
		collect(&it, p, lvl, false);
		if (!it.n)
			continue;
		context_path_text(p, lvl, path, sizeof(path));
		fprintf(f, "\nCommands inherited from the %s context:\n", path);
		items_print(f, &it);
	}
	struct items own = { .n = 0 };
	collect(&own, p, p->n - 1, true);
	fprintf(f, "\nCommands in this context:\n");
	items_print(f, &own);
	const struct context *c = ctx_top(p);
	if (c->subs && c->subs[0]) {
		fprintf(f, "\nThe following sub-contexts are available:\n");
		for (const struct context *const *s = c->subs; *s; s++)
			fprintf(f, " %s", (*s)->name);
		fputc('\n', f);
	}
	fprintf(f, "\nTo view help for a command, type the command, followed by a space, and then "
		"type ?.\n\n");
}

void help_group(FILE *f, const struct ctxpath *p, const struct group *g)
{
	struct items it = { .n = 0 };
	char text[96];
	/* the group's commands here and in the same group of the parents */
	for (int lvl = p->n - 1; lvl >= 0; lvl--) {
		for (const struct group *x = p->v[lvl]->groups; x && x->name; x++) {
			if (strcmp(x->name, g->name) != 0)
				continue;
			for (const struct command *c = x->commands; c->name; c++) {
				snprintf(text, sizeof(text), "%s %s", g->name, c->name);
				items_add(&it, c->name, text, c->summary);
			}
		}
	}
	fprintf(f, "\nThe following commands are available:\n\nCommands in this context:\n");
	items_print(f, &it);
	fputc('\n', f);
}
