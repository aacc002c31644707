/* SPDX-License-Identifier: MIT */
/*
 * fuzz_descfile.c - a fuzz target for the provider description files of
 * catalog install/update (cmds/catalog/descfile.c, catalog-provider(5)):
 * the JSON description, and the WINSOCK2.INI and registry layouts that are
 * imported.
 *
 * A file that is refused says so on one line, after the warnings of an
 * import ("catalog: CMD: FILE[:LINE[:COL]]: message"); one that is read
 * describes something, and every provider in it is resolved against the
 * default 64-bit catalog and printed as --dry-run does.  A broken property
 * aborts.
 */
#include "fuzz.h"

#include "../../cmds/catalog/catalog_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static FILE *devnull;

static struct catalog_state defaults;
static struct netcfg_catalog cat64;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct catalog_env env;
	catalog_env_init(&env, "/nonexistent/netcfg/providers");
	catalog_state_init(&defaults);
	if (catalog_state_defaults(&defaults, &env) < 0)
		abort();
	const struct catalog *c = catalog_of_const(&defaults, 64);
	cat64 = (struct netcfg_catalog){ .catalog = 64, .entries = c->v, .n_entries = c->n,
					 .ns = c->ns, .n_ns = c->n_ns };
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

/* "catalog: install: FILE:LINE: warning: ..." */
static bool is_warning(const char *line, const char *path)
{
	char prefix[96];
	int n = snprintf(prefix, sizeof(prefix), "catalog: install: %s:", path);
	if (strncmp(line, prefix, (size_t)n) != 0)
		return false;
	line += n;
	if (*line < '0' || *line > '9')
		return false;
	while (*line >= '0' && *line <= '9')
		line++;
	return strncmp(line, ": warning: ", 11) == 0;
}

/* The lines of the messages: warnings first, then at most one error. */
static void check_messages(const char *text, size_t len, bool refused, const char *path)
{
	size_t errors = 0;
	const char *p = text, *end = text + len;
	FUZZ_ASSERT(len == 0 || text[len - 1] == '\n');
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		FUZZ_ASSERT(nl);
		FUZZ_ASSERT(strncmp(p, "catalog: install: ", 18) == 0);
		bool warning = is_warning(p, path);
		FUZZ_ASSERT(!errors);   /* nothing after the error */
		errors += !warning;
		p = nl + 1;
	}
	if (refused != (errors == 1))
		fprintf(fuzz_stderr ? fuzz_stderr : stderr, "%s with these messages:\n%.*s", refused ? "refused" : "read",
			(int)len, text);
	FUZZ_ASSERT(refused == (errors == 1));
}

static void check_file(const struct desc_file *f)
{
	FUZZ_ASSERT(f->n_prov || f->n_ns);
	for (size_t k = 0; k < f->n_prov; k++) {
		const struct desc_provider *p = &f->prov[k];
		FUZZ_ASSERT(p->n > 0 && p->p.n == p->n && p->p.entries);
		FUZZ_ASSERT(p->p.path[0]);
		FUZZ_ASSERT(memchr(p->notes, '\0', sizeof(p->notes)));
		for (size_t i = 0; i < p->n; i++) {
			const struct netcfg_protocol_info *e = &p->e[i].info;
			FUZZ_ASSERT(e->description[0]);
			FUZZ_ASSERT(e->chain_len >= 0 && e->chain_len <= NETCFG_MAX_PROTOCOL_CHAIN);
		}
	}
	for (size_t k = 0; k < f->n_ns; k++)
		FUZZ_ASSERT(f->ns[k].description[0] && f->ns[k].path[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile("provider", data, size, path, sizeof(path));

	struct tool t = { .cmd = "install" };
	struct desc_file f;
	struct fuzz_capture cap;
	fuzz_capture_begin(&cap);
	int rc = desc_load(&t, path, &f);
	fflush(stderr);
	size_t load_len = cap.len;
	if (rc == 0) {
		check_file(&f);
		/* resolved against a catalog, and printed as --dry-run does */
		for (size_t k = 0; k < f.n_prov; k++) {
			struct desc_provider *p = &f.prov[k];
			if (desc_resolve(&t, &f, p, &cat64) < 0)
				continue;
			fputs(p->notes, devnull);
			for (size_t i = 0; i < p->n; i++) {
				struct netcfg_catalog_entry e = { .info = p->p.entries[i], .enabled = true };
				e.info.provider_id = p->p.provider_id;
				snprintf(e.path, sizeof(e.path), "%s", p->p.path);
				catalog_print_entry(devnull, &e, 64, true);
			}
		}
		desc_free(&f);
	}
	fuzz_capture_end(&cap);
	check_messages(cap.text, load_len, rc < 0, path);
	free(cap.text);
	close(fd);
	return 0;
}
