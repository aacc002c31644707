/* SPDX-License-Identifier: MIT */
/*
 * script.c - netsh -f, exec and -a: a file is one transaction.
 *
 * Every line is parsed and checked as it is read; the changes are queued
 * in one libnetcfg batch, and the stack applies the batch completely or
 * not at all, persisting once.  A refusal names the change that failed,
 * which maps back to the file and line that asked for it.  Shows (and
 * dump) run after the changes, in the order of the file, so that they see
 * what the script did.  exec inside a script reads the other file into
 * the same transaction.
 */
#include "netsh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_NESTING 16
#define PROGRESS_EVERY 10000   /* lines, and changes, of a "long" script */

struct location {
	const char *file;
	unsigned line;
};

struct deferred {
	struct ctxpath ctx;
	struct location at;
	char **words;
	int n;
};

struct script {
	char **files;                 /* names, kept for the messages */
	size_t n_files;
	struct location *ops;         /* batch change index -> where */
	size_t n_ops, cap_ops;
	struct deferred *later;       /* shows, in file order */
	size_t n_later, cap_later;
	int depth;
	bool batch;                   /* the batch is open */
	bool progress;                /* stderr is a terminal */
	bool progress_shown;
	unsigned long lines;
};

static void progress_clear(struct script *s)
{
	if (!s)
		return;
	if (s->progress_shown) {
		fprintf(stderr, "\r\033[K");
		s->progress_shown = false;
	}
}

static void progress(struct script *s, const char *fmt, unsigned long n)
{
	if (!s->progress)
		return;
	fputc('\r', stderr);
	fprintf(stderr, fmt, n);
	fprintf(stderr, "\033[K");
	fflush(stderr);
	s->progress_shown = true;
}

static bool grow(void **v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 256;
	while (c < need)
		c *= 2;
	void *nv = realloc(*v, c * elem);
	if (!nv)
		return false;
	*v = nv;
	*cap = c;
	return true;
}

/* ---- hooks for the shell -------------------------------------------- */

void script_message(struct netsh *sh)
{
	progress_clear(sh->script);
}

int script_change_begin(struct netsh *sh)
{
	struct script *s = sh->script;
	if (s->batch)
		return NETSH_EXIT_OK;
	netcfg_t *h = netsh_handle(sh);
	if (!h)
		return NETSH_EXIT_NODAEMON;
	if (netcfg_batch_begin(h) != NETCFG_OK)
		return netsh_stack_error(sh);
	s->batch = true;
	return NETSH_EXIT_OK;
}

int script_change_end(struct netsh *sh)
{
	struct script *s = sh->script;
	size_t n = s->batch ? netcfg_batch_size(sh->h) : 0;
	if (!grow((void **)&s->ops, &s->cap_ops, n, sizeof(*s->ops)))
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	for (size_t i = s->n_ops; i < n; i++)
		s->ops[i] = (struct location){ sh->where_file, sh->where_line };
	s->n_ops = n;
	return NETSH_EXIT_OK;
}

bool script_defer(struct netsh *sh, const struct args *a, char **words, int n)
{
	(void)a;
	struct script *s = sh->script;
	if (!grow((void **)&s->later, &s->cap_later, s->n_later + 1, sizeof(*s->later)))
		return false;
	struct deferred *d = &s->later[s->n_later];
	d->words = calloc((size_t)n + 1, sizeof(char *));
	if (!d->words)
		return false;
	for (int i = 0; i < n; i++) {
		if (!(d->words[i] = strdup(words[i]))) {
			while (i-- > 0)
				free(d->words[i]);
			free(d->words);
			return false;
		}
	}
	d->n = n;
	d->ctx = sh->cur;
	d->at = (struct location){ sh->where_file, sh->where_line };
	s->n_later++;
	return true;
}

/* ---- reading ------------------------------------------------------------ */

static const char *keep_name(struct script *s, const char *path)
{
	char **v = realloc(s->files, (s->n_files + 1) * sizeof(*v));
	if (!v)
		return NULL;
	s->files = v;
	if (!(v[s->n_files] = strdup(path)))
		return NULL;
	return v[s->n_files++];
}

static int read_file(struct netsh *sh, const char *path)
{
	struct script *s = sh->script;
	if (s->depth >= MAX_NESTING)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "exec %s: scripts nest more than %d deep",
				  path, MAX_NESTING);
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "re");
	if (!f)
		return netsh_fail(sh, NETSH_EXIT_FAIL, "%s: %s", path, strerror(errno));
	const char *name = keep_name(s, is_stdin ? "<stdin>" : path);
	if (!name) {
		if (!is_stdin)
			fclose(f);
		return netsh_fail(sh, NETSH_EXIT_FAIL, "out of memory");
	}
	const char *outer_file = sh->where_file;
	unsigned outer_line = sh->where_line;
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = NETSH_EXIT_OK;
	s->depth++;
	while (!sh->done && getline(&line, &cap, f) >= 0) {
		sh->where_file = name;
		sh->where_line = ++lineno;
		if ((rc = netsh_run_line(sh, line)))
			break;
		if (++s->lines % PROGRESS_EVERY == 0)
			progress(s, "netsh: reading the script: %lu lines", s->lines);
	}
	s->depth--;
	if (rc == NETSH_EXIT_OK && ferror(f))
		rc = netsh_fail(sh, NETSH_EXIT_FAIL, "%s: %s", name, strerror(errno));
	free(line);
	if (!is_stdin)
		fclose(f);
	sh->where_file = outer_file;
	sh->where_line = outer_line;
	return rc;
}

/* ---- committing ---------------------------------------------------------- */

static int commit(struct netsh *sh, struct script *s)
{
	size_t failed = SIZE_MAX;
	if (s->n_ops >= PROGRESS_EVERY)
		progress(s, "netsh: applying %lu changes", (unsigned long)s->n_ops);
	int st = netcfg_batch_commit(sh->h, &failed);
	s->batch = false;
	progress_clear(s);
	if (st == NETCFG_OK)
		return NETSH_EXIT_OK;
	const char *outer_file = sh->where_file;
	unsigned outer_line = sh->where_line;
	if (failed < s->n_ops) {
		sh->where_file = s->ops[failed].file;
		sh->where_line = s->ops[failed].line;
	}
	int rc = netsh_stack_error(sh);
	sh->where_file = outer_file;
	sh->where_line = outer_line;
	return rc;
}

static void script_free(struct script *s)
{
	for (size_t i = 0; i < s->n_later; i++) {
		for (int k = 0; k < s->later[i].n; k++)
			free(s->later[i].words[k]);
		free(s->later[i].words);
	}
	free(s->later);
	free(s->ops);
	for (size_t i = 0; i < s->n_files; i++)
		free(s->files[i]);
	free(s->files);
}

int script_run(struct netsh *sh, const char *path)
{
	if (sh->script)
		return read_file(sh, path);

	struct script s = { .progress = isatty(STDERR_FILENO) };
	sh->script = &s;
	int rc = read_file(sh, path);
	progress_clear(&s);
	if (rc == NETSH_EXIT_OK && s.batch)
		rc = commit(sh, &s);
	else if (s.batch)
		netcfg_batch_abort(sh->h);
	sh->script = NULL;
	netsh_changed(sh);

	/* the shows, against what the script made */
	const char *outer_file = sh->where_file;
	unsigned outer_line = sh->where_line;
	struct ctxpath here = sh->cur;
	for (size_t i = 0; rc == NETSH_EXIT_OK && i < s.n_later; i++) {
		struct deferred *d = &s.later[i];
		sh->cur = d->ctx;
		sh->where_file = d->at.file;
		sh->where_line = d->at.line;
		rc = netsh_run_words(sh, d->words, d->n);
	}
	sh->cur = here;
	sh->where_file = outer_file;
	sh->where_line = outer_line;
	script_free(&s);
	return rc;
}
