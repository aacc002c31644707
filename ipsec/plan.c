/* SPDX-License-Identifier: MIT */
/*
 * plan.c - checking a pair of files against the active databases before
 * anything is sent: the whole set is validated as it would stand after
 * the apply, so a file with any error loads nothing.
 */
#include "ipsec.h"

#include <stdlib.h>
#include <string.h>

void ipsec_plan_free(struct ipsec_plan *p)
{
	ipsec_spd_file_free(&p->spd);
	ipsec_sad_file_free(&p->sad);
	free(p->sp_selected);
	free(p->sa_selected);
	free(p->sp_active);
	free(p->sa_active);
	ipsec_db_free(&p->db);
	p->sp_selected = p->sa_selected = p->sp_active = p->sa_active = NULL;
}

/* "Entries must be in decreasing numerical order", as the seeds say. */
static void check_order(struct ipsec_plan *p, struct ipsec_msgs *m)
{
	struct ipsec_diag d;
	for (size_t i = 1; i < p->spd.n; i++) {
		const struct ipsec_file_sp *a = &p->spd.v[i - 1], *b = &p->spd.v[i];
		if (b->sp.index < a->sp.index)
			continue;
		if (b->sp.index == a->sp.index)
			ipsec_diag_set(&d, SPF_POLICY, "policy %u appears twice (also on line %u)",
				       b->sp.index, a->line);
		else
			ipsec_diag_set(&d, SPF_POLICY, "policy entries must be in decreasing numerical "
				       "order (policy %u on line %u comes before it)", a->sp.index, a->line);
		ipsec_file_sp_msg(m, false, p->spd.path, b, &d);
	}
	for (size_t i = 1; i < p->sad.n; i++) {
		const struct ipsec_file_sa *a = &p->sad.v[i - 1], *b = &p->sad.v[i];
		if (b->sa.index < a->sa.index)
			continue;
		if (b->sa.index == a->sa.index)
			ipsec_diag_set(&d, SAF_ENTRY, "SA %u appears twice (also on line %u)",
				       b->sa.index, a->line);
		else
			ipsec_diag_set(&d, SAF_ENTRY, "SA entries must be in decreasing numerical order "
				       "(SA %u on line %u comes before it)", a->sa.index, a->line);
		ipsec_file_sa_msg(m, false, p->sad.path, b, &d);
	}
}

static bool add_sp(struct ipsec_db *db, const struct netcfg_sp *sp)
{
	struct ipsec_sp_rec *r = calloc(1, sizeof(*r));
	if (!r)
		return false;
	r->sp = *sp;
	if (ipsec_db_insert_sp(db, r) < 0) {
		free(r);
		return false;
	}
	return true;
}

static bool add_sa(struct ipsec_db *db, const struct netcfg_sa *sa)
{
	struct ipsec_sa_rec *r = calloc(1, sizeof(*r));
	if (!r)
		return false;
	r->sa = *sa;
	if (ipsec_db_insert_sa(db, r) < 0) {
		free(r);
		return false;
	}
	return true;
}

static void load_active(struct ipsec_plan *p, const struct netcfg_sp_list *asp,
			const struct netcfg_sa_list *asa, struct ipsec_msgs *m)
{
	bool ok = true;
	for (size_t i = 0; asp && i < asp->n; i++)
		ok = ok && add_sp(&p->db, &asp->v[i]);
	for (size_t i = 0; asa && i < asa->n; i++)
		ok = ok && add_sa(&p->db, &asa->v[i]);
	if (!ok)
		ipsec_msg_add(m, false, "out of memory");
}

static void select_entries(struct ipsec_plan *p, uint32_t only_policy, struct ipsec_msgs *m)
{
	bool found = !only_policy;
	for (size_t i = 0; i < p->spd.n; i++) {
		p->sp_selected[i] = !only_policy || p->spd.v[i].sp.index == only_policy;
		found = found || p->sp_selected[i];
	}
	for (size_t i = 0; i < p->sad.n; i++)
		p->sa_selected[i] = !only_policy || p->sad.v[i].sa.policy == only_policy;
	if (!found)
		ipsec_msg_add(m, false, "%s: Cannot find the SP specified: there is no policy %u in "
			      "the file", p->spd.path, only_policy);
}

static void check_policies(struct ipsec_plan *p, struct ipsec_msgs *m)
{
	struct ipsec_diag d;
	for (size_t i = 0; i < p->spd.n; i++) {
		const struct ipsec_file_sp *e = &p->spd.v[i];
		if (!p->sp_selected[i])
			continue;
		const struct ipsec_sp_rec *old = ipsec_db_sp(&p->db, e->sp.index);
		if (old && ipsec_sp_equal(&old->sp, &e->sp)) {
			p->sp_active[i] = true;
		} else if (old) {
			ipsec_diag_set(&d, SPF_POLICY, "policy %u is already active with other values; "
				       "delete it first (ipsec6 d sp %u)", e->sp.index, e->sp.index);
			ipsec_file_sp_msg(m, false, p->spd.path, e, &d);
		} else if (!add_sp(&p->db, &e->sp)) {
			ipsec_msg_add(m, false, "out of memory");
			return;
		}
	}
	/* references once every policy is in: a bundle may name a later line */
	for (size_t i = 0; i < p->spd.n; i++) {
		const struct ipsec_file_sp *e = &p->spd.v[i];
		if (p->sp_selected[i] && !p->sp_active[i] &&
		    ipsec_db_check_sp_refs(&p->db, &e->sp, &d) < 0)
			ipsec_file_sp_msg(m, false, p->spd.path, e, &d);
	}
}

static void check_sas(struct ipsec_plan *p, struct ipsec_msgs *m)
{
	struct ipsec_diag d;
	for (size_t i = 0; i < p->sad.n; i++) {
		const struct ipsec_file_sa *e = &p->sad.v[i];
		if (!p->sa_selected[i])
			continue;
		const struct ipsec_sa_rec *old = ipsec_db_sa(&p->db, e->sa.index);
		if (old && ipsec_sa_equal(&old->sa, &e->sa)) {
			p->sa_active[i] = true;
			continue;
		}
		if (old) {
			ipsec_diag_set(&d, SAF_ENTRY, "SA %u is already active with other values; "
				       "delete it first (ipsec6 d sa %u)", e->sa.index, e->sa.index);
			ipsec_file_sa_msg(m, false, p->sad.path, e, &d);
		} else if (ipsec_db_check_sa(&p->db, &e->sa, &d) < 0) {
			ipsec_file_sa_msg(m, false, p->sad.path, e, &d);
		} else if (!add_sa(&p->db, &e->sa)) {
			ipsec_msg_add(m, false, "out of memory");
			return;
		}
	}
}

/* An APPLY policy without an SA for a direction it covers drops that
 * traffic: worth a warning, not a refusal (the SAs may come later). */
static void warn_missing_sas(struct ipsec_plan *p, struct ipsec_msgs *m)
{
	static const enum netcfg_ipsec_dir dirs[] = { NETCFG_IPSEC_OUTBOUND, NETCFG_IPSEC_INBOUND };
	struct ipsec_diag d;
	for (size_t i = 0; i < p->spd.n; i++) {
		const struct ipsec_file_sp *e = &p->spd.v[i];
		if (!p->sp_selected[i])
			continue;
		const struct ipsec_sp_rec *r = ipsec_db_sp(&p->db, e->sp.index);
		unsigned missing = r ? ipsec_db_missing_sa(&p->db, r) : 0;
		for (size_t k = 0; k < 2; k++) {
			if (!(missing & dirs[k]))
				continue;
			ipsec_diag_set(&d, SPF_DIRECTION, "no %s SA refers to this APPLY policy, so the "
				       "%s traffic it matches is dropped until one does",
				       netcfg_ipsec_dir_name(dirs[k]),
				       dirs[k] == NETCFG_IPSEC_OUTBOUND ? "outbound" : "inbound");
			ipsec_file_sp_msg(m, true, p->spd.path, e, &d);
		}
	}
}

void ipsec_plan_check(struct ipsec_plan *p, const struct netcfg_sp_list *active_sp,
		      const struct netcfg_sa_list *active_sa, uint32_t only_policy,
		      struct ipsec_msgs *m)
{
	ipsec_db_init(&p->db);
	p->sp_selected = calloc(p->spd.n + 1, sizeof(bool));
	p->sp_active = calloc(p->spd.n + 1, sizeof(bool));
	p->sa_selected = calloc(p->sad.n + 1, sizeof(bool));
	p->sa_active = calloc(p->sad.n + 1, sizeof(bool));
	if (!p->sp_selected || !p->sp_active || !p->sa_selected || !p->sa_active) {
		ipsec_msg_add(m, false, "out of memory");
		return;
	}
	check_order(p, m);
	if (m->errors)
		return;
	select_entries(p, only_policy, m);
	load_active(p, active_sp, active_sa, m);
	if (m->errors)
		return;
	check_policies(p, m);
	check_sas(p, m);
	if (!m->errors)
		warn_missing_sas(p, m);
}

/* Depth-first: a policy's bundle target goes before it. */
static void order_visit(const struct ipsec_plan *p, size_t i, bool *done, size_t *order,
			size_t *n, int depth)
{
	if (done[i] || depth > NETCFG_IPSEC_BUNDLE_MAX)
		return;
	done[i] = true;
	uint32_t target = p->spd.v[i].sp.bundle;
	for (size_t k = 0; target && k < p->spd.n; k++)
		if (p->spd.v[k].sp.index == target && p->sp_selected[k] && !p->sp_active[k])
			order_visit(p, k, done, order, n, depth + 1);
	order[(*n)++] = i;
}

size_t ipsec_plan_sp_order(const struct ipsec_plan *p, size_t *order)
{
	bool *done = calloc(p->spd.n + 1, sizeof(bool));
	size_t n = 0;
	if (!done)
		return 0;
	/* the file is highest first; add from the lowest up */
	for (size_t i = p->spd.n; i-- > 0;)
		if (p->sp_selected[i] && !p->sp_active[i])
			order_visit(p, i, done, order, &n, 0);
	free(done);
	return n;
}
