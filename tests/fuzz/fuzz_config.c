/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config.c - a fuzz target for the stackd.conf(5) reader
 * (cmds/stackd/config.c): the words of a line, quotes, comments and every
 * statement.
 *
 * A file that is refused gets exactly one line on stderr
 * ("stackd: FILE:LINE: message"); one that is read prints nothing, and
 * what it declares holds together (adapter names unique, not those of the
 * pseudo-interfaces, a namespace name ip netns could make).  A broken
 * property aborts.
 */
#include "fuzz.h"

#include "../../cmds/stackd/stackd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void check_config(const struct stackd_config *c)
{
	for (size_t i = 0; i < c->n_adapters; i++) {
		const struct adapter_cfg *a = &c->adapters[i];
		FUZZ_ASSERT(a->name[0] && strlen(a->name) < sizeof(a->name));
		FUZZ_ASSERT(strcmp(a->name, "Loopback Pseudo-Interface") != 0);
		FUZZ_ASSERT(a->kind == NETCFG_IF_ETHERNET || a->kind == NETCFG_IF_6OVER4);
		FUZZ_ASSERT(a->kind == NETCFG_IF_ETHERNET || a->v4.s_addr != 0);
		FUZZ_ASSERT(a->true_mtu == 0 || (a->true_mtu >= 1280 && a->true_mtu <= 65535));
		for (size_t k = 0; k < i; k++)
			FUZZ_ASSERT(strcmp(c->adapters[k].name, a->name) != 0);
	}
	FUZZ_ASSERT(c->adapters_declared == (c->n_adapters > 0));
	for (size_t i = 0; i < c->n_ipv4; i++)
		FUZZ_ASSERT(c->ipv4[i].s_addr != 0);
	FUZZ_ASSERT(c->max_frame >= 1024);
	FUZZ_ASSERT(!c->netns[0] || config_netns_name_ok(c->netns));
	FUZZ_ASSERT(!c->gai_conf[0] || c->gai_conf[0] == '/');
	FUZZ_ASSERT(memchr(c->log_path, '\0', sizeof(c->log_path)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_memfile("stackd.conf", data, size, path, sizeof(path));

	struct stackd_config c;
	struct fuzz_capture cap;
	config_defaults(&c);
	fuzz_capture_begin(&cap);
	int rc = config_load(&c, path);
	fuzz_capture_end(&cap);
	const char *msg = cap.text;
	size_t len = cap.len;

	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += msg[i] == '\n';
	if (rc < 0) {
		if (lines != 1)
			fprintf(stderr, "refused with %zu lines:\n%s", lines, msg);
		FUZZ_ASSERT(lines == 1 && msg[len - 1] == '\n');
		FUZZ_ASSERT(strncmp(msg, "stackd: ", 8) == 0 && strstr(msg, path));
	} else {
		if (len)
			fprintf(stderr, "read, saying:\n%s", msg);
		FUZZ_ASSERT(rc == 0 && len == 0);
		check_config(&c);
	}
	free(cap.text);
	config_free(&c);
	close(fd);
	return 0;
}
