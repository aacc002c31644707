/* SPDX-License-Identifier: MIT */
/*
 * fuzz_stackd.c - a fuzz target for what stackd does with a request frame:
 * dispatch_request() (cmds/stackd/dispatch.c) on a daemon built in memory
 * (model dataplane, test clock, two adapters, a state directory of its
 * own), with no socket.  That is the JSON tokenizer, the request envelope,
 * the op table, batches, and the codec readers and the model behind every
 * operation.
 *
 * An input is one request per line (each line is one frame's payload),
 * run in order on a fresh daemon, so that later requests see what earlier
 * ones made.  Every reply must be a JSON object with the request's status;
 * a refusal carries a one-line message, and leaves the stack, the SPD and
 * SAD, the catalog and the persistent store as they were (compared
 * through the list operations).  A broken property aborts.
 */
#include "fuzz.h"

#include "../../cmds/stackd/catalog_host.h"
#include "../../cmds/stackd/dispatch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_REQUESTS 32

static char state_dir[64];
static bool verbose;   /* $FUZZ_VERBOSE: print each request and its reply */

/* The state directory lives as long as one input's daemon (libFuzzer
 * ends without running atexit handlers). */
static void state_dir_make(void)
{
	snprintf(state_dir, sizeof(state_dir), "%s/fuzz_stackd.XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(state_dir)) {
		perror("fuzz_stackd: mkdtemp");
		abort();
	}
}

/* persistent.json, catalog.json and the catalog's backups */
static void state_dir_remove(void)
{
	DIR *dir = opendir(state_dir);
	for (struct dirent *de; dir && (de = readdir(dir));) {
		char path[sizeof(state_dir) + 256 + 2];
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			snprintf(path, sizeof(path), "%s/%s", state_dir, de->d_name);
			unlink(path);
		}
	}
	if (dir)
		closedir(dir);
	rmdir(state_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	/* the default catalog names the providers of this build, or none */
	setenv("NETCFG_PROVIDER_DIR", "/nonexistent/netcfg/providers", 1);
	return 0;
}

/* The daemon of main.c, without the socket: two adapters (the seeds'
 * sample), one host IPv4 address, the test clock. */
static void daemon_open(struct daemon *d)
{
	static const struct adapter_cfg adapters[] = {
		{ .name = "6-over-4 Virtual Interface", .kind = NETCFG_IF_6OVER4,
		  .v4 = { .s_addr = 0x0200000a }, .true_mtu = 65515, .reachable_ms = 34000 },
		{ .name = "Local Area Connection", .kind = NETCFG_IF_ETHERNET,
		  .mac = { 0x00, 0x10, 0x5a, 0xaa, 0x20, 0xa2 }, .true_mtu = 1500,
		  .reachable_ms = 43500 },
	};
	char path[128], err[512];
	memset(d, 0, sizeof(*d));
	d->lfd = d->sigfd = d->epfd = d->lockfd = -1;
	state_dir_make();
	config_defaults(&d->cfg);
	d->cfg.test_clock = true;
	snprintf(d->cfg.state_dir, sizeof(d->cfg.state_dir), "%s", state_dir);
	d->cfg.adapters = malloc(sizeof(adapters));
	d->cfg.ipv4 = malloc(sizeof(*d->cfg.ipv4));
	FUZZ_ASSERT(d->cfg.adapters && d->cfg.ipv4);
	memcpy(d->cfg.adapters, adapters, sizeof(adapters));
	d->cfg.n_adapters = sizeof(adapters) / sizeof(adapters[0]);
	d->cfg.adapters_declared = true;
	d->cfg.ipv4[0].s_addr = 0x070200c0; /* 192.0.2.7 */
	d->cfg.n_ipv4 = 1;
	d->uid = geteuid();
	clock_init(&d->clock, true);
	undo_init(&d->undo);
	FUZZ_ASSERT(stackd_ipsec_init(&d->ipsec) == 0);
	FUZZ_ASSERT(dp_open(d, err, sizeof(err)) == NETCFG_OK);
	FUZZ_ASSERT(dp_build(d, &d->stack) == NETCFG_OK);
	snprintf(path, sizeof(path), "%s/persistent.json", state_dir);
	FUZZ_ASSERT(pstore_open(&d->pstore, path, err, sizeof(err)) == 0);
	FUZZ_ASSERT(catalog_host_open(d) == 0);
}

static void daemon_close(struct daemon *d)
{
	pstore_close(&d->pstore);
	catalog_host_close(d);
	stack_free(&d->stack);
	if (d->dp.ops && d->dp.ops->close)
		d->dp.ops->close(&d->dp);
	undo_free(&d->undo);
	stackd_ipsec_free(&d->ipsec);
	config_free(&d->cfg);
	state_dir_remove();
}

/* What the daemon holds, as its list operations answer. */
static char *snapshot(struct daemon *d, struct client *cl)
{
	static const char *const reads[] = {
		"{\"op\":\"stack.status\"}",
		"{\"op\":\"interface.list\"}",
		"{\"op\":\"route.list\"}",
		"{\"op\":\"prefix_policy.list\"}",
		"{\"op\":\"neighbor.list\"}",
		"{\"op\":\"destcache.list\"}",
		"{\"op\":\"dns.list\"}",
		"{\"op\":\"site_prefix.list\"}",
		"{\"op\":\"binding.list\"}",
		"{\"op\":\"global.get\"}",
		"{\"op\":\"ra.show\"}",
		"{\"op\":\"6to4.get\"}",
		"{\"op\":\"isatap.get\"}",
		"{\"op\":\"sp.list\"}",
		"{\"op\":\"sa.list\"}",
		"{\"op\":\"catalog.get\",\"args\":{\"catalog\":32}}",
		"{\"op\":\"catalog.get\",\"args\":{\"catalog\":64}}",
		"{\"op\":\"catalog.events\"}",
		"{\"op\":\"catalog.app_categories\"}",
		"{\"op\":\"store.list\"}",
	};
	struct jw all, reply;
	jw_init(&all);
	jw_init(&reply);
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		dispatch_request(d, cl, reads[i], strlen(reads[i]), &reply);
		jw_raw(&all, reply.buf, reply.len);
		jw_break(&all);
	}
	jw_free(&reply);
	FUZZ_ASSERT(!all.oom);
	return jw_take(&all, NULL);
}

/* The reply frame: {"id":..,"status":N,"result":..} or a one-line error. */
static int check_reply(const struct jw *reply)
{
	struct jdoc doc = { 0 };
	long long status = -1;
	FUZZ_ASSERT(!reply->oom && reply->len > 0);
	FUZZ_ASSERT(jdoc_parse(&doc, reply->buf, reply->len) == 0);
	FUZZ_ASSERT(j_type(&doc, 0) == J_OBJ);
	FUZZ_ASSERT(j_get(&doc, 0, "id") >= 0);
	FUZZ_ASSERT(j_int(&doc, j_get(&doc, 0, "status"), &status));
	if (status == NETCFG_OK) {
		FUZZ_ASSERT(j_get(&doc, 0, "result") >= 0);
	} else {
		char *msg = j_strdup(&doc, j_get(&doc, 0, "error"));
		if (!msg || !msg[0] || strpbrk(msg, "\n\r"))
			fprintf(stderr, "bad error message: %.*s\n", (int)reply->len, reply->buf);
		FUZZ_ASSERT(msg && msg[0]);
		FUZZ_ASSERT(!strpbrk(msg, "\n\r"));
		free(msg);
	}
	jdoc_free(&doc);
	return (int)status;
}

/* The operation a request names ("" when it names none). */
static void op_of(const char *line, size_t len, char *op, size_t size)
{
	struct jdoc doc = { 0 };
	op[0] = '\0';
	if (jdoc_parse(&doc, line, len) == 0)
		j_str(&doc, j_get(&doc, 0, "op"), op, size);
	jdoc_free(&doc);
}

/* Operations that only read (not OP_WRITE, and no cache behind them):
 * after one the daemon holds what it held before.  Anything else may
 * have changed it, so the next refusal is compared with a new snapshot. */
static bool read_only(const char *op)
{
	static const char *const reads[] = {
		"6to4.get", "binding.list", "catalog.app_categories", "catalog.events",
		"catalog.get", "catalog.plan", "catalog.resolve", "catalog.verify",
		"daemon.info", "destcache.list", "dns.list", "global.get", "interface.list",
		"isatap.get", "neighbor.list", "prefix_policy.list", "ra.show", "route.list",
		"sa.list", "site_prefix.list", "sp.list", "stack.default_policies",
		"stack.status", "store.list",
	};
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		if (strcmp(op, reads[i]) == 0)
			return true;
	return false;
}

/* A snapshot the next one equals: list operations may finish work the
 * model does lazily (a neighbor's references after a route went), so
 * the first one after a change is taken twice. */
static char *settled(struct daemon *d, struct client *cl)
{
	char *a = snapshot(d, cl), *b = snapshot(d, cl);
	free(a);
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct daemon d;
	struct client cl = { .fd = -1, .uid = 0, .pid = getpid(), .may_write = true };
	struct jw reply;
	const char *p = (const char *)data, *end = p + size;
	char *before = NULL;
	int n = 0;

	daemon_open(&d);
	jw_init(&reply);
	while (p < end && n < MAX_REQUESTS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;
		char op[64];
		p += len + 1;
		op_of(line, len, op, sizeof(op));
		/* bench.* runs for seconds on purpose; it is not a parser */
		if (len == 0 || strncmp(op, "bench.", 6) == 0)
			continue;
		n++;
		if (!before)
			before = settled(&d, &cl);
		dispatch_request(&d, &cl, line, len, &reply);
		if (verbose)
			fprintf(stderr, "> %.*s\n< %.*s\n", (int)len, line, (int)reply.len, reply.buf);
		if (check_reply(&reply) != NETCFG_OK) {
			char *after = snapshot(&d, &cl);
			if (strcmp(before, after) != 0)
				fprintf(stderr, "request %d changed the daemon although refused: %.*s\n"
					"-- before:\n%s\n-- after:\n%s\n", n, (int)len, line, before, after);
			FUZZ_ASSERT(strcmp(before, after) == 0);
			free(after);
		} else if (!read_only(op)) {
			free(before);
			before = NULL;
		}
	}
	free(before);
	jw_free(&reply);
	daemon_close(&d);
	return 0;
}
