/* SPDX-License-Identifier: MIT */
/*
 * interactive.c - reading commands: readline on a terminal (prompt,
 * history kept per user, tab completion from the command tables), plain
 * lines otherwise (each line runs as it is read).
 */
#include "netsh.h"

#include "../../libnetcfg/paths.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define HISTORY_SIZE 1000

static struct netsh *rl_shell;   /* readline's callbacks take no context */

/* $NETSH_HISTFILE, else netsh_history in the user's netcfg state
 * directory ($XDG_STATE_HOME/netcfg or ~/.local/state/netcfg). */
static bool history_path(char *buf, size_t size)
{
	const char *e = getenv("NETSH_HISTFILE");
	const char *x = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	if (e)
		return *e && snprintf(buf, size, "%s", e) < (int)size;
	if (x && *x)
		return snprintf(buf, size, "%s/netcfg/netsh_history", x) < (int)size;
	if (home && *home)
		return snprintf(buf, size, "%s/.local/state/netcfg/netsh_history", home) < (int)size;
	return false;
}

/* The longest common prefix of the candidates, then the candidates, as
 * readline wants them.  Candidates replace the word from its start; what
 * readline calls the word may begin later (a quoted name with blanks). */
static char **attempt_completion(const char *text, int start, int end)
{
	(void)text;
	struct strvec c = { 0 };
	size_t word_start = 0;
	char *line = strndup(rl_line_buffer, (size_t)end);

	rl_attempted_completion_over = 1;
	if (!line)
		return NULL;
	complete_line(rl_shell, line, &c, &word_start);
	free(line);
	size_t skip = (size_t)start > word_start ? (size_t)start - word_start : 0;
	char **m = c.n ? calloc(c.n + 2, sizeof(char *)) : NULL;
	if (!m) {
		strvec_free(&c);
		return NULL;
	}
	for (size_t i = 0; i < c.n; i++)
		m[i + 1] = strdup(strlen(c.v[i]) >= skip ? c.v[i] + skip : "");
	size_t common = strlen(m[1]);
	for (size_t i = 2; i <= c.n; i++) {
		size_t k = 0;
		while (k < common && m[i][k] == m[1][k])
			k++;
		common = k;
	}
	m[0] = strndup(m[1], common);
	if (c.n == 1) {
		free(m[1]);
		m[1] = NULL;
	}
	/* "store=" waits for its value */
	rl_completion_append_character = c.n == 1 && c.v[0][strlen(c.v[0]) - 1] == '=' ? '\0' : ' ';
	strvec_free(&c);
	return m;
}

/* Ctrl-C at the prompt drops the line being typed, as in a shell; while a
 * command runs it stops netsh as usual.  The handler only notes the signal:
 * readline's read returns EINTR and calls the event hook, which drops the
 * line outside signal context. */
static volatile sig_atomic_t sigint_seen;

static void note_sigint(int sig)
{
	(void)sig;
	sigint_seen = 1;
}

static int drop_line(void)
{
	if (!sigint_seen)
		return 0;
	sigint_seen = 0;
	rl_crlf();
	rl_on_new_line();
	rl_replace_line("", 0);
	rl_redisplay();
	return 0;
}

static void catch_sigint(bool on)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? note_sigint : SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
}

static int run_terminal(struct netsh *sh)
{
	char hist[4096], prompt[256];
	bool have_hist = history_path(hist, sizeof(hist));

	rl_shell = sh;
	rl_readline_name = "netsh";
	rl_attempted_completion_function = attempt_completion;
	rl_basic_word_break_characters = " \t";
	rl_completer_word_break_characters = " \t";
	rl_completer_quote_characters = NULL;
	rl_catch_signals = 0;     /* SIGINT is ours: see drop_line() */
	rl_signal_event_hook = drop_line;
	using_history();
	stifle_history(HISTORY_SIZE);
	if (have_hist)
		read_history(hist);
	while (!sh->done) {
		netsh_prompt(sh, prompt, sizeof(prompt));
		sigint_seen = 0;
		catch_sigint(true);
		char *line = readline(prompt);
		catch_sigint(false);
		if (!line) {
			putchar('\n');
			break;
		}
		const char *p = line + strspn(line, " \t");
		/* a line starting with a blank stays out of the history */
		if (*p && p == line) {
			HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
			if (!last || strcmp(last->line, line) != 0)
				add_history(line);
		}
		netsh_run_line(sh, line);
		free(line);
		fflush(stdout);
	}
	if (have_hist) {
		netcfg_mkdir_parent(hist);
		if (write_history(hist) != 0)
			fprintf(stderr, "netsh: history not saved to %s: %s\n", hist, strerror(errno));
	}
	clear_history();
	rl_shell = NULL;
	return sh->last_status;
}

static int run_lines(struct netsh *sh)
{
	char *line = NULL;
	size_t cap = 0;
	while (!sh->done && getline(&line, &cap, stdin) >= 0) {
		netsh_run_line(sh, line);
		fflush(stdout);
	}
	free(line);
	return sh->last_status;
}

int interactive_run(struct netsh *sh)
{
	sh->interactive = true;
	return isatty(STDIN_FILENO) ? run_terminal(sh) : run_lines(sh);
}
