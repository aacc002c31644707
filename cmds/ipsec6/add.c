/* SPDX-License-Identifier: MIT */
/*
 * add.c - ipsec6 a (and l), i and check: read both files, check them with
 * the key files against the active databases, then apply everything as
 * one transaction - or, for check, print what would be installed.
 *
 * The key files are opened here, with the user's own permissions, and
 * handed to the daemon as open descriptors; the daemon checks and reads
 * them, so no key passes through this process.
 */
#include "ipsec6.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Key files opened and passed per request (libnetcfg splits them into
 * messages the kernel accepts; stackd holds at most 1024 at a time). */
#define KEYS_PER_CALL 512

struct key_file {
	char path[4096];
	size_t first_sa;          /* the first SA entry that names it */
	uint32_t handle;
};

static void key_msg(struct ipsec_msgs *m, const struct ipsec_plan *p, size_t sa, const char *path,
		    const char *what)
{
	struct ipsec_diag d;
	const char *name = p->sad.v[sa].sa.key_file;
	if (strcmp(path, name) == 0)
		ipsec_diag_set(&d, SAF_KEYFILE, "%s", what);
	else
		ipsec_diag_set(&d, SAF_KEYFILE, "%s: %s", path, what);
	ipsec_file_sa_msg(m, false, p->sad.path, &p->sad.v[sa], &d);
}

/* Load one chunk of key files into the daemon. */
static int load_chunk(struct ipsec6_ctx *c, const struct ipsec_plan *p, struct key_file *kf,
		      size_t n, unsigned flags, struct ipsec_msgs *m)
{
	int fds[KEYS_PER_CALL];
	size_t opened = 0;
	struct key_file *open_kf[KEYS_PER_CALL];
	for (size_t i = 0; i < n; i++) {
		int fd = open(kf[i].path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0) {
			key_msg(m, p, kf[i].first_sa, kf[i].path, strerror(errno));
			continue;
		}
		open_kf[opened] = &kf[i];
		fds[opened++] = fd;
	}
	struct netcfg_key_handle res[KEYS_PER_CALL];
	int rc = opened ? netcfg_ipsec_key_load(ipsec6_handle(c), fds, opened, flags, res) : NETCFG_OK;
	for (size_t i = 0; i < opened; i++)
		close(fds[i]);
	if (rc != NETCFG_OK)
		return ipsec6_stack_error(c, NULL);
	for (size_t i = 0; i < opened; i++) {
		if (res[i].status == NETCFG_OK) {
			open_kf[i]->handle = res[i].handle;
			continue;
		}
		char what[400];
		snprintf(what, sizeof(what), "%s%s", res[i].error,
			 res[i].status == NETCFG_EPERM
			 ? "; make it private (chmod 600) or use --allow-readable-keys" : "");
		key_msg(m, p, open_kf[i]->first_sa, open_kf[i]->path, what);
	}
	return 0;
}

/* Resolve, open and load the key file of every selected SA; handles[i]
 * receives the handle of SA entry i. */
static int load_keys(struct ipsec6_ctx *c, const struct pair_paths *pp, const struct ipsec_plan *p,
		     bool allow_readable, uint32_t *handles, struct ipsec_msgs *m)
{
	struct key_file *kf = calloc(p->sad.n + 1, sizeof(*kf));
	size_t *slot = calloc(p->sad.n + 1, sizeof(*slot));
	size_t n = 0;
	int rc = 0;
	if (!kf || !slot) {
		free(kf);
		free(slot);
		return ipsec6_fail(c, "out of memory");
	}
	for (size_t i = 0; i < p->sad.n; i++) {
		const struct netcfg_sa *sa = &p->sad.v[i].sa;
		slot[i] = SIZE_MAX;
		if (!p->sa_selected[i] || !sa->key_file[0])
			continue;
		/* the same name means the same file: resolve it once */
		size_t k = 0;
		while (k < n && strcmp(p->sad.v[kf[k].first_sa].sa.key_file, sa->key_file) != 0)
			k++;
		if (k < n) {
			slot[i] = k;
			continue;
		}
		char path[4096];
		if (ipsec6_key_path(pp, sa->key_file, path, sizeof(path)) < 0) {
			char what[4400];
			snprintf(what, sizeof(what), "cannot open %.2048s%s%.255s: %.100s", pp->dir[0] ? pp->dir : "",
				 pp->dir[0] ? "/" : "", sa->key_file,
				 errno == EEXIST ? "several files have that name when case is ignored"
				 : strerror(errno));
			key_msg(m, p, i, sa->key_file, what);
			continue;
		}
		for (k = 0; k < n && strcmp(kf[k].path, path) != 0;)
			k++;
		if (k == n) {
			snprintf(kf[n].path, sizeof(kf[n].path), "%s", path);
			kf[n++].first_sa = i;
		}
		slot[i] = k;
	}
	unsigned flags = allow_readable ? NETCFG_KEY_ALLOW_READABLE : 0;
	for (size_t i = 0; i < n && !rc; i += KEYS_PER_CALL)
		rc = load_chunk(c, p, kf + i, n - i < KEYS_PER_CALL ? n - i : KEYS_PER_CALL, flags, m);
	for (size_t i = 0; i < p->sad.n; i++)
		handles[i] = slot[i] == SIZE_MAX ? 0 : kf[slot[i]].handle;
	free(kf);
	free(slot);
	return rc;
}

/* ipsec6 check: the entries as they would be installed, in file form. */
static int print_check(const struct ipsec_plan *p)
{
	struct netcfg_sp *sp = calloc(p->spd.n + 1, sizeof(*sp));
	struct netcfg_sa *sa = calloc(p->sad.n + 1, sizeof(*sa));
	size_t new_sp = 0, new_sa = 0;
	if (!sp || !sa) {
		free(sp);
		free(sa);
		fprintf(stderr, "ipsec6: check: out of memory\n");
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < p->spd.n; i++) {
		sp[i] = p->spd.v[i].sp;
		new_sp += !p->sp_active[i];
	}
	for (size_t i = 0; i < p->sad.n; i++) {
		sa[i] = p->sad.v[i].sa;
		new_sa += !p->sa_active[i];
	}
	printf("# %s: %zu policies, %zu of them new; %s: %zu SAs, %zu of them new\n",
	       p->spd.path, p->spd.n, new_sp, p->sad.path, p->sad.n, new_sa);
	ipsec_spd_write(stdout, sp, p->spd.n);
	ipsec_sad_write(stdout, sa, p->sad.n);
	free(sp);
	free(sa);
	return 0;
}

struct op_ref {
	bool is_sa;
	size_t entry;
};

/* One batch: the new policies (bundle targets first), then the SAs. */
static int commit(struct ipsec6_ctx *c, const struct ipsec_plan *p, const uint32_t *handles,
		  const char *verb)
{
	netcfg_t *h = ipsec6_handle(c);
	size_t *order = calloc(p->spd.n + 1, sizeof(*order));
	struct op_ref *refs = calloc(p->spd.n + p->sad.n + 1, sizeof(*refs));
	size_t n = 0, new_sa = 0;
	if (!order || !refs) {
		free(order);
		free(refs);
		return ipsec6_fail(c, "out of memory");
	}
	size_t new_sp = ipsec_plan_sp_order(p, order);
	netcfg_batch_begin(h);
	for (size_t k = 0; k < new_sp; k++) {
		netcfg_sp_add(h, &p->spd.v[order[k]].sp, NETCFG_F_ADD);
		refs[n++] = (struct op_ref){ false, order[k] };
	}
	for (size_t i = 0; i < p->sad.n; i++) {
		if (!p->sa_selected[i])
			continue;
		/* an identical active SA is checked for the same key */
		netcfg_sa_add(h, &p->sad.v[i].sa, handles[i],
			      p->sa_active[i] ? NETCFG_F_CREATE : NETCFG_F_ADD);
		refs[n++] = (struct op_ref){ true, i };
		new_sa += !p->sa_active[i];
	}
	size_t failed;
	int rc = 0;
	if (n && netcfg_batch_commit(h, &failed) != NETCFG_OK) {
		char where[4200] = "";
		if (failed < n && refs[failed].is_sa)
			snprintf(where, sizeof(where), "%s:%u: ", p->sad.path, p->sad.v[refs[failed].entry].line);
		else if (failed < n)
			snprintf(where, sizeof(where), "%s:%u: ", p->spd.path, p->spd.v[refs[failed].entry].line);
		rc = ipsec6_stack_error(c, where);
	} else {
		if (!n)
			netcfg_batch_abort(h);
		printf("%zu new SP entries %s.\n", new_sp, verb);
		printf("%zu new SA entries %s.\n", new_sa, verb);
	}
	free(order);
	free(refs);
	return rc;
}

static int run(struct ipsec6_ctx *c, const char *name, uint32_t only_policy, bool allow_readable,
	       bool check_only)
{
	struct pair_paths pp;
	struct ipsec_plan p;
	struct ipsec_msgs m = { 0 };
	uint32_t *handles = NULL;
	int rc = ipsec6_load_pair(c, name, &pp, &p, &m);
	if (!rc && !m.errors) {
		struct netcfg_sp_list asp = { 0 };
		struct netcfg_sa_list asa = { 0 };
		netcfg_t *h = ipsec6_handle(c);
		if (netcfg_sp_list(h, 0, &asp) != NETCFG_OK || netcfg_sa_list(h, &asa) != NETCFG_OK)
			rc = ipsec6_stack_error(c, NULL);
		else
			ipsec_plan_check(&p, &asp, &asa, only_policy, &m);
		netcfg_sp_list_free(&asp);
		netcfg_sa_list_free(&asa);
	}
	if (!rc && !m.errors) {
		handles = calloc(p.sad.n + 1, sizeof(*handles));
		rc = handles ? load_keys(c, &pp, &p, allow_readable, handles, &m)
			     : ipsec6_fail(c, "out of memory");
	}
	if (!rc)
		rc = ipsec6_print_msgs(c, &m);
	if (!rc)
		rc = check_only ? print_check(&p)
				: commit(c, &p, handles, only_policy ? "inserted" : "installed");
	free(handles);
	ipsec_msgs_free(&m);
	ipsec_plan_free(&p);
	return rc;
}

/* a and check take the same arguments. */
static int whole_files(struct ipsec6_ctx *c, int argc, char **argv, bool check_only)
{
	struct file_opts o;
	const char *pos[1];
	int n, rc = ipsec6_file_args(c, argc, argv, "k", &o, pos, 1, &n);
	if (rc)
		return rc;
	if (n < 1)
		return ipsec6_usage_error(c, "missing FileName (without extension)");
	return run(c, pos[0], 0, o.allow_readable, check_only);
}

int cmd_a(struct ipsec6_ctx *c, int argc, char **argv)
{
	return whole_files(c, argc, argv, false);
}

int cmd_check(struct ipsec6_ctx *c, int argc, char **argv)
{
	return whole_files(c, argc, argv, true);
}

int cmd_i(struct ipsec6_ctx *c, int argc, char **argv)
{
	struct file_opts o;
	const char *pos[2];
	uint32_t policy;
	int n, rc = ipsec6_file_args(c, argc, argv, "k", &o, pos, 2, &n);
	if (rc)
		return rc;
	if (n < 2)
		return ipsec6_usage_error(c, n ? "missing FileName (without extension)" : "missing Policy");
	if (netcfg_parse_uint(pos[0], NETCFG_IPSEC_INDEX_MAX, &policy) != NETCFG_OK || !policy)
		return ipsec6_usage_error(c, "\"%s\" is not a policy number", pos[0]);
	return run(c, pos[1], policy, o.allow_readable, false);
}
