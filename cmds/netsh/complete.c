/* SPDX-License-Identifier: MIT */
/*
 * complete.c - what may come next on a line, from the command tables:
 * commands, groups and sub-contexts; the commands of a group; the tags of
 * a command not given yet ("store="); enumerated values ("store=active")
 * and interface names and indexes.  Readline (interactive mode) and the
 * bash completion (netsh --complete) both ask this one function.
 */
#include "netsh.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void strvec_push(struct strvec *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return;
	if (s->n + 1 >= s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return;
		s->v = v;
		s->cap = cap;
	}
	char *copy = strdup(str);
	if (copy)
		s->v[s->n++] = copy;
}

void strvec_free(struct strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

static int strvec_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- words with their positions ----------------------------------------- */

struct cword {
	char text[256];     /* unquoted */
	size_t start;       /* offset in the line */
};

/* Split like netsh_split, keeping offsets; the last word is the one being
 * completed (empty when the line ends in a blank). */
static int split_positions(const char *line, struct cword *w, int max)
{
	int n = 0;
	size_t i = 0, len = strlen(line);
	for (;;) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (n == max)
			return n;
		w[n].start = i;
		size_t o = 0;
		bool quoted = false;
		while (i < len && (quoted || (line[i] != ' ' && line[i] != '\t'))) {
			if (line[i] == '"')
				quoted = !quoted;
			else if (o < sizeof(w[n].text) - 1)
				w[n].text[o++] = line[i];
			i++;
		}
		w[n].text[o] = '\0';
		n++;
		if (i >= len)
			return n;
	}
}

/* ---- candidates ------------------------------------------------------------ */

static void add_if(struct strvec *out, const char *word, const char *cand)
{
	if (word_prefix(word, cand) || !*word)
		strvec_push(out, cand);
}

static void context_names(const struct ctxpath *p, const char *word, struct strvec *out)
{
	for (int lvl = p->n - 1; lvl >= 0; lvl--) {
		const struct context *c = p->v[lvl];
		for (const struct command *x = c->commands; x && x->name; x++) {
			add_if(out, word, x->name);
			if (x->alias)
				add_if(out, word, x->alias);
		}
		for (const struct group *g = c->groups; g && g->name; g++)
			add_if(out, word, g->name);
		if (lvl == p->n - 1)
			for (const struct context *const *s = c->subs; s && *s; s++)
				add_if(out, word, (*s)->name);
	}
}

static void group_names(const struct ctxpath *p, const struct group *g, const char *word,
			struct strvec *out)
{
	for (int lvl = p->n - 1; lvl >= 0; lvl--)
		for (const struct group *x = p->v[lvl]->groups; x && x->name; x++)
			if (strcmp(x->name, g->name) == 0)
				for (const struct command *c = x->commands; c->name; c++) {
					add_if(out, word, c->name);
					if (c->alias)
						add_if(out, word, c->alias);
				}
}

/* Interfaces for completion: never start a daemon or print for it. */
static const struct netcfg_interface_list *quiet_interfaces(struct netsh *sh)
{
	if (sh->have_ifs)
		return &sh->ifs;
	if (!sh->h && netcfg_open(&sh->h, NETCFG_OPEN_NO_AUTOSTART | NETCFG_OPEN_QUIET,
				  NULL, 0) != NETCFG_OK)
		return NULL;
	if (netcfg_interface_list(sh->h, 0, &sh->ifs) != NETCFG_OK)
		return NULL;
	sh->have_ifs = true;
	return &sh->ifs;
}

static void file_names(const char *prefix, const char *word, struct strvec *out)
{
	char dir[512];
	const char *slash = strrchr(word, '/');
	const char *base = slash ? slash + 1 : word;
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - word + 1), word);
	else
		dir[0] = '\0';
	DIR *d = opendir(dir[0] ? dir : ".");
	if (!d)
		return;
	struct dirent *e;
	char cand[1024];
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strncmp(e->d_name, base, strlen(base)) != 0 || (e->d_name[0] == '.' && base[0] != '.'))
			continue;
		snprintf(cand, sizeof(cand), "%s%s%s%s", prefix, dir, e->d_name,
			 e->d_type == DT_DIR ? "/" : "");
		strvec_push(out, cand);
	}
	closedir(d);
}

/* Values of a tag; prefix ("tag=" or "") is put before each. */
static void tag_values(struct netsh *sh, const struct tag *t, const char *prefix, const char *word,
		       struct strvec *out)
{
	char cand[512];
	if (t->kind == VAL_ENUM) {
		for (int i = 0; t->values[i]; i++) {
			if (!word_prefix(word, t->values[i]) && *word)
				continue;
			snprintf(cand, sizeof(cand), "%s%s", prefix, t->values[i]);
			strvec_push(out, cand);
		}
	} else if (t->kind == VAL_ADDR_OR_ALL) {
		if (word_prefix(word, "all") || !*word) {
			snprintf(cand, sizeof(cand), "%sall", prefix);
			strvec_push(out, cand);
		}
	} else if (t->kind == VAL_IFACE) {
		const struct netcfg_interface_list *l = quiet_interfaces(sh);
		for (size_t i = 0; l && i < l->n; i++) {
			char idx[16];
			snprintf(idx, sizeof(idx), "%u", l->v[i].index);
			bool q = strpbrk(l->v[i].name, " \t") != NULL;
			if (!*word || word_prefix(word, l->v[i].name)) {
				snprintf(cand, sizeof(cand), "%s%s%s%s", prefix, q ? "\"" : "", l->v[i].name,
					 q ? "\"" : "");
				strvec_push(out, cand);
			}
			if (*word && strncmp(word, idx, strlen(word)) == 0) {
				snprintf(cand, sizeof(cand), "%s%s", prefix, idx);
				strvec_push(out, cand);
			}
		}
	} else if (t->kind == VAL_FILE) {
		file_names(prefix, word, out);
	}
}

static int tag_named(const struct tag *tags, const char *w, size_t len)
{
	int hit = -1;
	for (int i = 0; tags[i].name; i++)
		if (strlen(tags[i].name) == len && strncasecmp(tags[i].name, w, len) == 0)
			return i;
	for (int i = 0; tags[i].name; i++) {
		if (len <= strlen(tags[i].name) && strncasecmp(tags[i].name, w, len) == 0) {
			if (hit >= 0)
				return -1;
			hit = i;
		}
	}
	return hit;
}

static void command_args(struct netsh *sh, const struct command *c, const struct cword *w, int n,
			 const char *word, struct strvec *out)
{
	const struct tag *tags = c->tags;
	bool used[MAX_TAGS] = { false };
	char cand[128];
	if (!tags || (c->flags & CMD_ANY_ARGS))
		return;
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(w[i].text, '=');
		int t = eq && eq != w[i].text ? tag_named(tags, w[i].text, (size_t)(eq - w[i].text)) : -1;
		if (t < 0)
			for (int k = 0; tags[k].name && t < 0; k++)
				if (!used[k])
					t = k;
		if (t >= 0)
			used[t] = true;
	}
	const char *eq = strchr(word, '=');
	if (eq && eq != word) {
		int t = tag_named(tags, word, (size_t)(eq - word));
		if (t >= 0) {
			snprintf(cand, sizeof(cand), "%s=", tags[t].name);
			tag_values(sh, &tags[t], cand, eq + 1, out);
		}
		return;
	}
	for (int k = 0; tags[k].name; k++) {
		if (used[k] || (!word_prefix(word, tags[k].name) && *word))
			continue;
		snprintf(cand, sizeof(cand), "%s=", tags[k].name);
		strvec_push(out, cand);
	}
	for (int k = 0; tags[k].name; k++) {
		if (!used[k]) {
			tag_values(sh, &tags[k], "", word, out);
			break;
		}
	}
}

/* ---- walking the words before the one being completed ---------------------- */

static bool name_matches(const char *word, const char *name, bool exact)
{
	return name && (exact ? strcasecmp(word, name) == 0 : word_prefix(word, name));
}

/* The command (kind 0), group (1) or context (2) a complete word names. */
static int find_entry(const struct ctxpath *p, const char *word, int *lvl_out, int *kind,
		      const void **ptr)
{
	for (int lvl = p->n - 1; lvl >= 0; lvl--) {
		const struct context *c = p->v[lvl];
		int hits = 0;
		for (int exact = 1; exact >= 0 && hits == 0; exact--) {
			for (const struct command *x = c->commands; x && x->name; x++)
				if (name_matches(word, x->name, exact) || name_matches(word, x->alias, exact))
					hits++, *kind = 0, *ptr = x;
			for (const struct group *g = c->groups; g && g->name; g++)
				if (name_matches(word, g->name, exact))
					hits++, *kind = 1, *ptr = g;
			for (const struct context *const *s = c->subs; s && *s; s++)
				if (name_matches(word, (*s)->name, exact))
					hits++, *kind = 2, *ptr = *s;
		}
		if (hits == 1) {
			*lvl_out = lvl;
			return 1;
		}
		if (hits > 1)
			return 0;
	}
	return 0;
}

static const struct command *find_member(const struct ctxpath *p, const struct group *g,
					 const char *word)
{
	for (int lvl = p->n - 1; lvl >= 0; lvl--)
		for (const struct group *x = p->v[lvl]->groups; x && x->name; x++) {
			if (strcmp(x->name, g->name) != 0)
				continue;
			const struct command *hit = NULL;
			int hits = 0;
			for (const struct command *c = x->commands; c->name; c++) {
				if (name_matches(word, c->name, true) || name_matches(word, c->alias, true))
					return c;
				if (name_matches(word, c->name, false) || name_matches(word, c->alias, false)) {
					hits += hit != c;
					hit = c;
				}
			}
			if (hits == 1)
				return hit;
			if (hits > 1)
				return NULL;
		}
	return NULL;
}

void complete_line(struct netsh *sh, const char *line, struct strvec *out, size_t *word_start)
{
	struct cword w[64];
	int n = split_positions(line, w, 64);
	const char *word = w[n - 1].text;
	struct ctxpath p = sh->cur;
	const struct group *g = NULL;
	const struct command *c = NULL;
	int first_arg = 0;

	*word_start = w[n - 1].start;
	for (int i = 0; i < n - 1 && !c; i++) {
		if (g) {
			if (!(c = find_member(&p, g, w[i].text)))
				return;
			first_arg = i + 1;
			break;
		}
		int lvl, kind;
		const void *ptr = NULL;
		if (!find_entry(&p, w[i].text, &lvl, &kind, &ptr))
			return;
		if (kind == 2) {
			if (lvl + 2 > MAX_DEPTH)
				return;
			p.n = lvl + 2;
			p.v[lvl + 1] = ptr;
		} else if (kind == 1) {
			g = ptr;
		} else {
			c = ptr;
			first_arg = i + 1;
		}
	}
	if (c && c->run && (c->flags & CMD_ANY_ARGS) && strcmp(c->name, "pushd") == 0) {
		/* pushd takes a context path: complete it like contexts */
		c = NULL;
		g = NULL;
		for (int i = first_arg; i < n - 1; i++) {
			int lvl, kind;
			const void *ptr = NULL;
			if (!find_entry(&p, w[i].text, &lvl, &kind, &ptr) || kind != 2 || lvl + 2 > MAX_DEPTH)
				return;
			p.n = lvl + 2;
			p.v[lvl + 1] = ptr;
		}
		for (const struct context *const *s = ctx_top(&p)->subs; s && *s; s++)
			add_if(out, word, (*s)->name);
	} else if (c) {
		command_args(sh, c, w + first_arg, n - 1 - first_arg, word, out);
	} else if (g) {
		group_names(&p, g, word, out);
	} else {
		context_names(&p, word, out);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), strvec_cmp);
}
