/* SPDX-License-Identifier: MIT */
/*
 * fuzz_netsh.c - a fuzz target for what netsh does with the text it is
 * given, without a stack daemon: splitting lines into words (quotes),
 * finding the command (contexts, groups, abbreviations, aliases), binding
 * tag=value arguments and parsing every kind of value, the commands' own
 * checks, and the requests they encode.
 *
 * An input is a script.  It is run three ways: as netsh -f runs it (one
 * batch, which is built and never sent: the handle has no connection, so
 * a change is only encoded), line by line as commands typed one at a time,
 * and as the lines bash completion and -c Context would get.  A script
 * that fails says why on exactly one line of stderr ("FILE:LINE: ..."),
 * and one that succeeds prints nothing there.  A broken property aborts.
 */
#include "fuzz.h"

#include "../../cmds/netsh/netsh.h"
#include "../../libnetcfg/client.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_LINES 64

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* nothing may reach a daemon or start one: a socket path under a
	 * file fails at once (ENOTDIR), and "exec -" reads nothing */
	setenv("NETCFG_SOCKET", "/dev/null/fuzz_netsh.sock", 1);
	setenv("NETCFG_STACKD", "/nonexistent/stackd", 1);
	int nul = open("/dev/null", O_RDONLY);
	if (nul >= 0) {
		dup2(nul, STDIN_FILENO);
		if (nul != STDIN_FILENO)
			close(nul);
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

/* A handle that was never connected: calls fail with "connection to the
 * stack daemon is closed", changes inside a script are queued. */
static netcfg_t *dead_handle(void)
{
	struct netcfg *h = calloc(1, sizeof(*h));
	if (!h)
		abort();
	h->fd = -1;
	h->next_id = 1;
	jw_init(&h->batch);
	jw_init(&h->scratch);
	return h;
}

static void shell_init(struct netsh *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->out = &netsh_text_output;
	sh->cur.v[0] = &ctx_root;
	sh->cur.n = 1;
	sh->h = dead_handle();
}

/* Output to nowhere and messages into a buffer. */
struct capture {
	FILE *out;
	struct fuzz_capture err;
};

static void capture_begin(struct capture *c)
{
	fflush(stdout);
	c->out = stdout;
	stdout = devnull;
	fuzz_capture_begin(&c->err);
}

static void capture_end(struct capture *c)
{
	fuzz_capture_end(&c->err);
	fflush(devnull);
	stdout = c->out;
}

/* "[FILE:LINE: ]connection to the stack daemon is closed", or that no
 * daemon can be reached at the socket of LLVMFuzzerInitialize. */
static bool daemon_line(const char *p, size_t k)
{
	static const char closed[] = "connection to the stack daemon is closed";
	static const char none[] = "cannot reach the stack daemon at /dev/null/fuzz_netsh.sock: ";
	const char *colon = k > 14 && memcmp(p, "/proc/self/fd/", 14) == 0 ? memchr(p, ' ', k) : NULL;
	if (colon) {
		k -= (size_t)(colon + 1 - p);
		p = colon + 1;
	}
	return (k == sizeof(closed) - 1 && memcmp(p, closed, k) == 0) ||
	       (k >= sizeof(none) - 1 && memcmp(p, none, sizeof(none) - 1) == 0 &&
		!memchr(p + sizeof(none) - 1, ':', k - (sizeof(none) - 1)));
}

/* The lines of the messages, but for those about the missing daemon:
 * without one, every lookup of an interface says so and goes on. */
static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;
	for (const char *p = s, *end = s + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
		n += !daemon_line(p, k);
		p += k + 1;
	}
	return n;
}

static void run_script(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile("fuzz_netsh", data, size, path, sizeof(path));

	struct netsh sh;
	struct capture c;
	shell_init(&sh);
	capture_begin(&c);
	int rc = script_run(&sh, path);
	netsh_free(&sh);
	capture_end(&c);
	size_t lines = count_lines(c.err.text, c.err.len);
	FUZZ_ASSERT(c.err.len == 0 || c.err.text[c.err.len - 1] == '\n');
	if (rc == NETSH_EXIT_NODAEMON) {
		/* the batch or a show needed the daemon */
		FUZZ_ASSERT(c.err.len > 0);
	} else if (rc) {
		if (lines != 1)
			fprintf(stderr, "script failed with status %d, saying:\n%s", rc, c.err.text);
		FUZZ_ASSERT(lines == 1);
		FUZZ_ASSERT(rc == NETSH_EXIT_FAIL || rc == NETSH_EXIT_SYNTAX);
	} else {
		if (lines)
			fprintf(stderr, "script succeeded, saying:\n%s", c.err.text);
		FUZZ_ASSERT(lines == 0);
	}
	free(c.err.text);
	close(fd);
}

/* Each line as a command of its own, then as completion and -c get it. */
static void run_lines(const uint8_t *data, size_t size)
{
	struct netsh sh;
	struct capture c;
	const char *p = (const char *)data, *end = p + size;
	int n = 0;
	shell_init(&sh);
	capture_begin(&c);
	while (p < end && n++ < MAX_LINES && !sh.done) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = strndup(p, len);
		FUZZ_ASSERT(line);
		p += len + 1;
		netsh_run_line(&sh, line);

		struct strvec out = { 0 };
		size_t start = 0;
		complete_line(&sh, line, &out, &start);
		FUZZ_ASSERT(start <= strlen(line));
		strvec_free(&out);

		struct ctxpath ctx;
		if (netsh_find_context(&sh, line, &ctx) == NETSH_EXIT_OK)
			FUZZ_ASSERT(ctx.n >= 1 && ctx.n <= MAX_DEPTH && ctx.v[0] == &ctx_root);
		free(line);
	}
	netsh_free(&sh);
	capture_end(&c);
	free(c.err.text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run_script(data, size);
	run_lines(data, size);
	return 0;
}
