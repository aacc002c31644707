/* SPDX-License-Identifier: MIT */
/*
 * shell.c - the interpreter: splitting lines into words, finding the
 * command a line names (contexts, groups, unique prefixes, inheritance
 * from the parent contexts), running it, and the messages around it.
 */
#include "netsh.h"
#include "../../libnetcfg/tool.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- connection and cached state ------------------------------------ */

netcfg_t *netsh_handle(struct netsh *sh)
{
	char err[512];
	if (sh->h)
		return sh->h;
	if (netcfg_open(&sh->h, 0, err, sizeof(err)) != NETCFG_OK) {
		sh->h = NULL;
		netsh_fail(sh, NETSH_EXIT_NODAEMON, "%s", err);
		return NULL;
	}
	return sh->h;
}

int netsh_fail(struct netsh *sh, int status, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	script_message(sh);
	if (sh->where_file)
		fprintf(stderr, "%s:%u: ", sh->where_file, sh->where_line);
	char msg[2048];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tool_put_line(stderr, msg);   /* one line, whatever it quotes */
	if (status > sh->last_status)
		sh->last_status = status;
	return status;
}

int netsh_stack_error(struct netsh *sh)
{
	int st = netcfg_last_status(sh->h);
	int rc = netsh_fail(sh, st == NETCFG_ENODAEMON ? NETSH_EXIT_NODAEMON :
			    st == NETCFG_ESYNTAX ? NETSH_EXIT_SYNTAX : NETSH_EXIT_FAIL,
			    "%s", netcfg_error(sh->h));
	/* the daemon went away: the next command connects again (or starts
	 * one); the running one may hold h still, so it is closed then */
	if (st == NETCFG_ENODAEMON && !netsh_in_script(sh)) {
		netsh_changed(sh);
		sh->lost = true;
	}
	return rc;
}

void netsh_free(struct netsh *sh)
{
	netsh_changed(sh);
	while (sh->aliases) {
		struct alias *a = sh->aliases;
		sh->aliases = a->next;
		free(a->name);
		free(a->value);
		free(a);
	}
	netcfg_close(sh->h);
	sh->h = NULL;
}

void netsh_changed(struct netsh *sh)
{
	if (sh->have_ifs)
		netcfg_interface_list_free(&sh->ifs);
	if (sh->have_routes)
		netcfg_route_list_free(&sh->routes);
	sh->have_ifs = sh->have_routes = false;
}

static int route_cmp(const struct netcfg_prefix *p, uint32_t ifindex, const struct in6_addr *nh,
		     const struct netcfg_route *r)
{
	int c = memcmp(&p->addr, &r->prefix.addr, sizeof(p->addr));
	if (c)
		return c;
	if (p->len != r->prefix.len)
		return p->len < r->prefix.len ? -1 : 1;
	if (ifindex != r->ifindex)
		return ifindex < r->ifindex ? -1 : 1;
	return memcmp(nh, &r->nexthop, sizeof(*nh));
}

static int route_sort_cmp(const void *a, const void *b)
{
	const struct netcfg_route *x = a, *y = b;
	return route_cmp(&x->prefix, x->ifindex, &x->nexthop, y);
}

const struct netcfg_route *netsh_route_find(struct netsh *sh, const struct netcfg_prefix *p,
					    uint32_t ifindex, const struct in6_addr *nexthop)
{
	if (!sh->have_routes) {
		netcfg_t *h = netsh_handle(sh);
		if (!h || netcfg_route_list(h, &sh->routes) != NETCFG_OK)
			return NULL;
		if (sh->routes.n)
			qsort(sh->routes.v, sh->routes.n, sizeof(*sh->routes.v), route_sort_cmp);
		sh->have_routes = true;
	}
	size_t lo = 0, hi = sh->routes.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = route_cmp(p, ifindex, nexthop, &sh->routes.v[mid]);
		if (c == 0)
			return &sh->routes.v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct netcfg_interface_list *netsh_interfaces(struct netsh *sh)
{
	if (sh->have_ifs)
		return &sh->ifs;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NULL;
	if (netcfg_interface_list(h, 0, &sh->ifs) != NETCFG_OK) {
		netsh_stack_error(sh);
		return NULL;
	}
	sh->have_ifs = true;
	return &sh->ifs;
}

static const struct netcfg_interface *iface_by_name(struct netsh *sh, const char *name)
{
	const struct netcfg_interface_list *l = netsh_interfaces(sh);
	const struct netcfg_interface *found = NULL;
	if (!l)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	for (size_t i = 0; i < l->n; i++) {
		if (strcasecmp(l->v[i].name, name) == 0) {
			if (found)
				return NULL;  /* two names differ only in case */
			found = &l->v[i];
		}
	}
	return found;
}

const char *netsh_ifname(struct netsh *sh, uint32_t index)
{
	const struct netcfg_interface_list *l = netsh_interfaces(sh);
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].index == index)
			return l->v[i].name;
	return "";
}

bool netsh_iface_lookup(struct netsh *sh, const struct value *v, uint32_t *index)
{
	const struct netcfg_interface *ifp = iface_by_name(sh, v->text);
	if (ifp) {
		*index = ifp->index;
		return true;
	}
	for (size_t i = 0; sh->have_ifs && v->ifindex && i < sh->ifs.n; i++) {
		if (sh->ifs.v[i].index == v->ifindex) {
			*index = v->ifindex;
			return true;
		}
	}
	return false;
}

int netsh_iface_index(struct netsh *sh, const struct value *v, uint32_t *index)
{
	const struct netcfg_interface *ifp = iface_by_name(sh, v->text);
	if (ifp) {
		*index = ifp->index;
		return NETSH_EXIT_OK;
	}
	if (!sh->have_ifs)
		return NETSH_EXIT_NODAEMON;   /* already reported */
	if (v->ifindex) {
		for (size_t i = 0; i < sh->ifs.n; i++) {
			if (sh->ifs.v[i].index == v->ifindex) {
				*index = v->ifindex;
				return NETSH_EXIT_OK;
			}
		}
		return netsh_fail(sh, NETSH_EXIT_FAIL, "interface %u does not exist", v->ifindex);
	}
	return netsh_fail(sh, NETSH_EXIT_FAIL, "interface \"%s\" does not exist", v->text);
}

const char *netsh_iface_name(struct netsh *sh, const struct value *v)
{
	const struct netcfg_interface *ifp = iface_by_name(sh, v->text);
	if (ifp)
		return ifp->name;
	if (v->ifindex)
		return NULL;
	/* unknown here: perhaps created earlier in the same batch; the stack
	 * decides */
	return v->text;
}

/* ---- words --------------------------------------------------------- */

int netsh_split(char *buf, char **words, int max, const char **why)
{
	int n = 0;
	char *p = buf;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			return n;
		if (n == max) {
			*why = "too many words on one line";
			return -1;
		}
		char *out = p;
		words[n++] = out;
		bool quoted = false;
		while (*p && (quoted || (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n'))) {
			if (*p == '"') {
				quoted = !quoted;
				p++;
				continue;
			}
			*out++ = *p++;
		}
		if (quoted) {
			*why = "a quoted value is not closed (a \" is missing)";
			return -1;
		}
		if (*p)
			p++;
		*out = '\0';
	}
}

bool word_prefix(const char *word, const char *name)
{
	return *word && strncasecmp(word, name, strlen(word)) == 0;
}

/* ---- finding commands -------------------------------------------- */

enum entry_kind { E_COMMAND, E_GROUP, E_CONTEXT };

struct entry {
	enum entry_kind kind;
	const char *name;           /* the name matched (a command's alias too) */
	const void *p;              /* the command, group or context */
};

/* Every name a context offers at its top level. */
static size_t context_entries(const struct context *c, struct entry *v, size_t max)
{
	size_t n = 0;
	for (const struct command *cmd = c->commands; cmd && cmd->name && n < max; cmd++) {
		v[n++] = (struct entry){ E_COMMAND, cmd->name, cmd };
		if (cmd->alias && n < max)
			v[n++] = (struct entry){ E_COMMAND, cmd->alias, cmd };
	}
	for (const struct group *g = c->groups; g && g->name && n < max; g++)
		v[n++] = (struct entry){ E_GROUP, g->name, g };
	for (const struct context *const *s = c->subs; s && *s && n < max; s++)
		v[n++] = (struct entry){ E_CONTEXT, (*s)->name, *s };
	return n;
}

static size_t group_entries(const struct group *g, struct entry *v, size_t max)
{
	size_t n = 0;
	for (const struct command *cmd = g->commands; cmd->name && n < max; cmd++) {
		v[n++] = (struct entry){ E_COMMAND, cmd->name, cmd };
		if (cmd->alias && n < max)
			v[n++] = (struct entry){ E_COMMAND, cmd->alias, cmd };
	}
	return n;
}

#define MAX_ENTRIES 64

/* Match a word: an exact name wins, else a prefix of exactly one thing.
 * Returns 1 (found), 0 (nothing) or -1 (ambiguous, names in amb). */
static int match_entries(const struct entry *v, size_t n, const char *word, struct entry *out,
			 char *amb, size_t amblen)
{
	const struct entry *hit = NULL;
	bool many = false;
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(v[i].name, word) == 0) {
			*out = v[i];
			return 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!word_prefix(word, v[i].name))
			continue;
		if (hit && hit->p != v[i].p)
			many = true;
		if (!hit)
			hit = &v[i];
	}
	if (!hit)
		return 0;
	if (many) {
		size_t len = 0;
		amb[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			bool dup = false;
			for (size_t k = 0; k < i; k++)
				dup |= v[k].p == v[i].p && word_prefix(word, v[k].name);
			if (!dup && word_prefix(word, v[i].name) && len < amblen)
				len += (size_t)snprintf(amb + len, amblen - len, "%s%s", len ? ", " : "",
							v[i].name);
		}
		return -1;
	}
	*out = *hit;
	return 1;
}

enum res_kind { RES_CONTEXT, RES_GROUP_HELP, RES_COMMAND, RES_NOT_FOUND, RES_AMBIGUOUS };

struct resolution {
	enum res_kind kind;
	struct ctxpath path;        /* the context the words lead to */
	const struct group *group;
	const struct command *cmd;
	int next;                   /* first argument word */
	const char *word;           /* RES_AMBIGUOUS: the word */
	char amb[256];
};

static bool is_help_word(const char *w)
{
	return strcmp(w, "?") == 0 || strcmp(w, "/?") == 0 || strcasecmp(w, "help") == 0 ||
	       strcmp(w, "-?") == 0;
}

static int match_in_group(const struct group *g, const char *word, struct entry *out,
			  char *amb, size_t amblen)
{
	struct entry v[MAX_ENTRIES];
	return match_entries(v, group_entries(g, v, MAX_ENTRIES), word, out, amb, amblen);
}

/* The member of group g (found at level lvl) named by word, looking in the
 * same group of the parent contexts when g has none: "show alias" works in
 * every context. */
static int match_member(const struct ctxpath *p, int lvl, const struct group *g, const char *word,
			struct resolution *r, struct entry *out)
{
	for (; lvl >= 0; lvl--) {
		for (const struct group *x = p->v[lvl]->groups; x && x->name; x++) {
			if (strcmp(x->name, g->name) != 0)
				continue;
			int m = match_in_group(x, word, out, r->amb, sizeof(r->amb));
			if (m) {
				r->group = x;
				return m;
			}
		}
	}
	return 0;
}

static void resolve(const struct netsh *sh, char **w, int n, struct resolution *r)
{
	memset(r, 0, sizeof(*r));
	r->path = sh->cur;
	for (int i = 0; i < n; i++) {
		struct entry e, v[MAX_ENTRIES];
		int lvl, m = 0;
		for (lvl = r->path.n - 1; lvl >= 0; lvl--) {
			size_t ne = context_entries(r->path.v[lvl], v, MAX_ENTRIES);
			m = match_entries(v, ne, w[i], &e, r->amb, sizeof(r->amb));
			if (m)
				break;
		}
		if (m == 0) {
			r->kind = RES_NOT_FOUND;
			return;
		}
		if (m < 0) {
			r->kind = RES_AMBIGUOUS;
			r->word = w[i];
			return;
		}
		if (e.kind == E_CONTEXT) {
			if (lvl + 2 > MAX_DEPTH) {
				r->kind = RES_NOT_FOUND;
				return;
			}
			r->path.n = lvl + 2;
			r->path.v[lvl + 1] = e.p;
			continue;
		}
		if (e.kind == E_COMMAND) {
			r->kind = RES_COMMAND;
			r->cmd = e.p;
			r->next = i + 1;
			return;
		}
		r->group = e.p;
		if (i + 1 == n || is_help_word(w[i + 1])) {
			r->kind = RES_GROUP_HELP;
			return;
		}
		struct entry mem;
		m = match_member(&r->path, lvl, e.p, w[i + 1], r, &mem);
		if (m == 0) {
			r->kind = RES_NOT_FOUND;
			return;
		}
		if (m < 0) {
			r->kind = RES_AMBIGUOUS;
			r->word = w[i + 1];
			return;
		}
		r->kind = RES_COMMAND;
		r->cmd = mem.p;
		r->next = i + 2;
		return;
	}
	r->kind = RES_CONTEXT;
}

static void join_words(char **w, int n, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		bool q = strpbrk(w[i], " \t") != NULL;
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s", i ? " " : "",
					q ? "\"" : "", w[i], q ? "\"" : "");
	}
}

int netsh_find_context(struct netsh *sh, const char *text, struct ctxpath *out)
{
	char buf[512], *w[MAX_WORDS];
	const char *why = NULL;
	snprintf(buf, sizeof(buf), "%s", text);
	int n = netsh_split(buf, w, MAX_WORDS, &why);
	if (n < 0)
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "%s", why);
	struct resolution r;
	struct ctxpath saved = sh->cur;
	sh->cur.n = 1;
	sh->cur.v[0] = &ctx_root;
	resolve(sh, w, n, &r);
	sh->cur = saved;
	if (r.kind != RES_CONTEXT)
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "The following context was not found: %s.", text);
	*out = r.path;
	return NETSH_EXIT_OK;
}

int netsh_enter(struct netsh *sh, char **w, int n)
{
	struct resolution r;
	char line[1024];
	resolve(sh, w, n, &r);
	if (r.kind != RES_CONTEXT) {
		join_words(w, n, line, sizeof(line));
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "The following context was not found: %s.", line);
	}
	sh->cur = r.path;
	return NETSH_EXIT_OK;
}

void netsh_prompt(const struct netsh *sh, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "netsh");
	for (int i = 1; i < sh->cur.n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, " %s", sh->cur.v[i]->name);
	if (len < size)
		snprintf(buf + len, size - len, ">");
}

/* ---- running ------------------------------------------------------- */

static const struct alias *alias_find(const struct netsh *sh, const char *name)
{
	for (const struct alias *a = sh->aliases; a; a = a->next)
		if (strcasecmp(a->name, name) == 0)
			return a;
	return NULL;
}

static int run_resolved(struct netsh *sh, char **w, int n)
{
	struct resolution r;
	char line[1024];

	resolve(sh, w, n, &r);
	switch (r.kind) {
	case RES_NOT_FOUND:
		join_words(w, n, line, sizeof(line));
		return netsh_fail(sh, NETSH_EXIT_SYNTAX, "The following command was not found: %s.", line);
	case RES_AMBIGUOUS:
		return netsh_fail(sh, NETSH_EXIT_SYNTAX,
				  "The command word \"%s\" is ambiguous: it abbreviates %s.", r.word, r.amb);
	case RES_CONTEXT:
		sh->cur = r.path;
		sh->entered = true;
		return NETSH_EXIT_OK;
	case RES_GROUP_HELP:
		if (netsh_in_script(sh))
			return netsh_fail(sh, NETSH_EXIT_SYNTAX, "\"%s\" needs a command after it "
					  "(see \"%s ?\").", r.group->name, r.group->name);
		help_group(stdout, &r.path, r.group);
		return NETSH_EXIT_OK;
	case RES_COMMAND:
		break;
	}
	if (r.next < n && is_help_word(w[n - 1]) && !(r.cmd->flags & CMD_ANY_ARGS)) {
		help_command(stdout, r.group, r.cmd);
		return NETSH_EXIT_OK;
	}
	/* outside scripts every command sees the stack as it is now */
	if (!netsh_in_script(sh)) {
		netsh_changed(sh);
		if (sh->lost) {
			netcfg_close(sh->h);
			sh->h = NULL;
			sh->lost = false;
		}
	}
	struct args a;
	memset(&a, 0, sizeof(a));
	a.cmd = r.cmd;
	a.group = r.group;
	a.ctx = r.path;
	int rc = args_bind(sh, &a, w + r.next, n - r.next);
	if (rc)
		return rc;
	if ((r.cmd->flags & (CMD_SHOW | CMD_SHELL)) == CMD_SHOW && netsh_in_script(sh) &&
	    script_defer(sh, &a, w, n))
		return NETSH_EXIT_OK;
	bool queued = (r.cmd->flags & CMD_CHANGE) && netsh_in_script(sh);
	if (queued && (rc = script_change_begin(sh)))
		return rc;
	rc = r.cmd->run(sh, &a);
	if (queued && rc == NETSH_EXIT_OK)
		rc = script_change_end(sh);
	if (r.cmd->flags & CMD_CHANGE) {
		if (!netsh_in_script(sh))
			netsh_changed(sh);
		if (rc == NETSH_EXIT_OK && !netsh_in_script(sh) && !(r.cmd->flags & CMD_QUIET))
			printf("Ok.\n\n");
	}
	return rc;
}

/* Aliases replace the first word of a line, a few times at most (an
 * alias may use another one, but not itself forever). */
#define ALIAS_DEPTH 4

int netsh_run_words(struct netsh *sh, char **words, int n)
{
	char bufs[ALIAS_DEPTH][1024];
	char *lines[ALIAS_DEPTH][MAX_WORDS];
	for (int depth = 0; n > 0 && depth < ALIAS_DEPTH; depth++) {
		const struct alias *al = alias_find(sh, words[0]);
		if (!al)
			break;
		const char *why = NULL;
		char **out = lines[depth];
		snprintf(bufs[depth], sizeof(bufs[depth]), "%s", al->value);
		int m = netsh_split(bufs[depth], out, MAX_WORDS, &why);
		if (m < 0)
			return netsh_fail(sh, NETSH_EXIT_SYNTAX, "alias %s: %s", al->name, why);
		if (m + n - 1 > MAX_WORDS)
			return netsh_fail(sh, NETSH_EXIT_SYNTAX, "alias %s: the line becomes too long",
					  al->name);
		for (int i = 1; i < n; i++)
			out[m + i - 1] = words[i];
		n = m + n - 1;
		words = out;
	}
	if (n == 0)
		return NETSH_EXIT_OK;
	return run_resolved(sh, words, n);
}

int netsh_run_line(struct netsh *sh, const char *line)
{
	char *buf = strdup(line), *w[MAX_WORDS];
	const char *why = NULL;
	if (!buf)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	int n = netsh_split(buf, w, MAX_WORDS, &why);
	int rc = NETSH_EXIT_OK;
	if (n < 0)
		rc = netsh_fail(sh, NETSH_EXIT_SYNTAX, "%s", why);
	else if (n > 0 && w[0][0] != '#')
		rc = netsh_run_words(sh, w, n);
	free(buf);
	return rc;
}
