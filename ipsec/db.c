/* SPDX-License-Identifier: MIT */
/*
 * db.c - the SPD and SAD with their cross-references, and the flow lookup.
 *
 * Both tables are arrays of records sorted by index.  The SPD is tried
 * from the highest index down, first match wins; to keep that cheap with
 * thousands of policies, those that name one remote address are also
 * hashed by it, and a lookup takes the best of the hashed candidates for
 * the flow's remote address, then walks the other ("wild") policies from
 * the top only while they could still win.  Each policy counts the SAs
 * and the policies that refer to it, which keeps deletion checks and the
 * missing-SA warning cheap, and lists its own SAs for the lookup.
 */
#include "ipsec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ipsec_db_init(struct ipsec_db *db)
{
	memset(db, 0, sizeof(*db));
	htab_init(&db->spis);
	htab_init(&db->remotes);
}

/* Insert x at position i of a sorted array with room at both ends,
 * moving the shorter side when both have room. */
static int array_insert(void ***arr, size_t *n, size_t room[2], size_t i, void *x)
{
	bool front = room[0] && (i < *n / 2 || !room[1]);
	if (!room[0] && !room[1]) {
		/* grow, leaving as much room before as after */
		size_t cap = (*n + 8) * 2, lead = (cap - *n) / 2;
		void **base = malloc(cap * sizeof(*base));
		if (!base)
			return -1;
		if (*n)
			memcpy(base + lead, *arr, *n * sizeof(*base));
		free(*arr ? *arr - room[0] : NULL);
		*arr = base + lead;
		room[0] = lead;
		room[1] = cap - lead - *n;
		front = i < *n / 2;
	}
	if (front) {
		memmove(*arr - 1, *arr, i * sizeof(**arr));
		(*arr)--;
		room[0]--;
	} else {
		memmove(*arr + i + 1, *arr + i, (*n - i) * sizeof(**arr));
		room[1]--;
	}
	(*arr)[i] = x;
	(*n)++;
	return 0;
}

/* Take out position i; the slot becomes room on the nearer side. */
static void array_remove(void ***arr, size_t *n, size_t room[2], size_t i)
{
	if (i < *n / 2) {
		memmove(*arr + 1, *arr, i * sizeof(**arr));
		(*arr)++;
		room[0]++;
	} else {
		memmove(*arr + i, *arr + i + 1, (*n - i - 1) * sizeof(**arr));
		room[1]++;
	}
	(*n)--;
}

static void array_free(void **arr, const size_t room[2])
{
	free(arr ? arr - room[0] : NULL);
}

void ipsec_sa_rec_free(struct ipsec_sa_rec *r)
{
	if (!r)
		return;
	ipsec_key_free(r->key);
	free(r);
}

void ipsec_db_free(struct ipsec_db *db)
{
	for (size_t i = 0; i < db->n_sa; i++)
		ipsec_sa_rec_free(db->sa[i]);
	for (size_t i = 0; i < db->n_sp; i++)
		free(db->sp[i]);
	array_free((void **)db->sa, db->sa_room);
	array_free((void **)db->sp, db->sp_room);
	array_free((void **)db->wild, db->wild_room);
	htab_free(&db->spis);
	htab_free(&db->remotes);
	ipsec_db_init(db);
}

/* Position of index in a sorted array of records whose first member is
 * the index (first one not below it). */
#define SEARCH(arr, n, field, key)                                   \
	({                                                           \
		size_t lo_ = 0, hi_ = (n);                           \
		while (lo_ < hi_) {                                  \
			size_t mid_ = (lo_ + hi_) / 2;               \
			if ((arr)[mid_]->field.index < (key))        \
				lo_ = mid_ + 1;                      \
			else                                         \
				hi_ = mid_;                          \
		}                                                    \
		lo_;                                                 \
	})

struct ipsec_sp_rec *ipsec_db_sp(const struct ipsec_db *db, uint32_t index)
{
	size_t i = SEARCH(db->sp, db->n_sp, sp, index);
	return i < db->n_sp && db->sp[i]->sp.index == index ? db->sp[i] : NULL;
}

struct ipsec_sa_rec *ipsec_db_sa(const struct ipsec_db *db, uint32_t index)
{
	size_t i = SEARCH(db->sa, db->n_sa, sa, index);
	return i < db->n_sa && db->sa[i]->sa.index == index ? db->sa[i] : NULL;
}

static uint64_t addr_hash(const struct in6_addr *a)
{
	return hash_bytes(a, sizeof(*a), 0);
}

static uint64_t spi_hash(const struct in6_addr *dest, uint32_t spi)
{
	return hash_bytes(dest, sizeof(*dest), spi);
}

static struct ipsec_sa_rec *spi_owner(const struct ipsec_db *db, const struct in6_addr *dest,
				      uint32_t spi)
{
	uint64_t h = spi_hash(dest, spi);
	for (struct hnode *n = htab_first(&db->spis, h); n; n = htab_next(n, h)) {
		struct ipsec_sa_rec *r = container_of(n, struct ipsec_sa_rec, spi_node);
		if (r->sa.spi == spi && IN6_ARE_ADDR_EQUAL(&r->sa.sa_dest, dest))
			return r;
	}
	return NULL;
}

/* ---- selectors --------------------------------------------------------- */

static bool addr_in(const struct netcfg_addr_sel *s, const struct in6_addr *a)
{
	switch (s->kind) {
	case NETCFG_SEL_ONE:
		return IN6_ARE_ADDR_EQUAL(&s->lo, a);
	case NETCFG_SEL_RANGE:
		return memcmp(&s->lo, a, sizeof(*a)) <= 0 && memcmp(a, &s->hi, sizeof(*a)) <= 0;
	default:
		return true;   /* ANY, and POLICY (the policy decides) */
	}
}

/* A number the flow may not know: -1 or 0 match wildcards only. */
static bool num_in(const struct netcfg_num_sel *s, long v)
{
	switch (s->kind) {
	case NETCFG_SEL_ONE:
	case NETCFG_SEL_RANGE:
		return v >= 0 && (uint32_t)v >= s->lo && (uint32_t)v <= s->hi;
	default:
		return true;
	}
}

static bool uses_ipsec(const struct netcfg_sp *sp)
{
	return (sp->action == NETCFG_SP_APPLY || sp->action == NETCFG_SP_APPCHOICE) &&
	       sp->ipsec_proto != NETCFG_IPSEC_NONE;
}

/* ---- checks ------------------------------------------------------------ */

int ipsec_db_check_sp_refs(const struct ipsec_db *db, const struct netcfg_sp *sp,
			   struct ipsec_diag *d)
{
	if (!sp->bundle)
		return 0;
	const struct ipsec_sp_rec *t = ipsec_db_sp(db, sp->bundle);
	if (!t)
		return ipsec_diag_set(d, SPF_BUNDLE, "there is no policy %u", sp->bundle);
	if (t->sp.action != NETCFG_SP_APPLY || t->sp.ipsec_proto == NETCFG_IPSEC_NONE)
		return ipsec_diag_set(d, SPF_BUNDLE, "policy %u does not apply IPsec (its Action is %s), "
				      "so it cannot be part of a bundle", sp->bundle,
				      netcfg_sp_action_name(t->sp.action));
	size_t depth = 2;
	for (; t && t->sp.bundle; t = ipsec_db_sp(db, t->sp.bundle)) {
		if (t->sp.bundle == sp->index)
			return ipsec_diag_set(d, SPF_BUNDLE, "the SA bundle loops back to policy %u",
					      sp->index);
		if (++depth > NETCFG_IPSEC_BUNDLE_MAX)
			return ipsec_diag_set(d, SPF_BUNDLE, "the SA bundle is longer than %d policies",
					      NETCFG_IPSEC_BUNDLE_MAX);
	}
	return 0;
}

int ipsec_db_check_sp(const struct ipsec_db *db, const struct netcfg_sp *sp, struct ipsec_diag *d)
{
	if (ipsec_db_sp(db, sp->index))
		return ipsec_diag_set(d, SPF_POLICY, "policy %u already exists", sp->index);
	return ipsec_db_check_sp_refs(db, sp, d);
}

int ipsec_db_check_sa(const struct ipsec_db *db, const struct netcfg_sa *sa, struct ipsec_diag *d)
{
	char buf[NETCFG_SEL_STRLEN];
	if (ipsec_db_sa(db, sa->index))
		return ipsec_diag_set(d, SAF_ENTRY, "SA %u already exists", sa->index);
	const struct ipsec_sp_rec *p = ipsec_db_sp(db, sa->policy);
	if (!p)
		return ipsec_diag_set(d, SAF_POLICY, "there is no policy %u", sa->policy);
	const struct netcfg_sp *sp = &p->sp;
	if (!uses_ipsec(sp))
		return ipsec_diag_set(d, SAF_POLICY, "policy %u does not apply IPsec (its Action is %s, "
				      "its IPSecProtocol %s)", sp->index, netcfg_sp_action_name(sp->action),
				      netcfg_ipsec_proto_name(sp->ipsec_proto));
	if (!(sp->direction & sa->direction))
		return ipsec_diag_set(d, SAF_DIRECTION, "policy %u covers %s traffic only", sp->index,
				      netcfg_ipsec_dir_name(sp->direction));
	if (sp->mode == NETCFG_IPSEC_TRANSPORT && sa->direction == NETCFG_IPSEC_OUTBOUND &&
	    !addr_in(&sp->remote, &sa->sa_dest))
		return ipsec_diag_set(d, SAF_SADEST, "an OUTBOUND SA of a TRANSPORT policy protects "
				      "traffic to the policy's RemoteIPAddr (%s of policy %u)",
				      netcfg_addr_sel_format(&sp->remote, buf), sp->index);
	if (sp->mode == NETCFG_IPSEC_TRANSPORT && sa->direction == NETCFG_IPSEC_INBOUND &&
	    !addr_in(&sp->local, &sa->sa_dest))
		return ipsec_diag_set(d, SAF_SADEST, "an INBOUND SA of a TRANSPORT policy protects "
				      "traffic to the policy's LocalIPAddr (%s of policy %u)",
				      netcfg_addr_sel_format(&sp->local, buf), sp->index);
	if (sp->mode == NETCFG_IPSEC_TUNNEL && sa->direction == NETCFG_IPSEC_OUTBOUND &&
	    !IN6_ARE_ADDR_EQUAL(&sp->gateway, &sa->sa_dest))
		return ipsec_diag_set(d, SAF_SADEST, "an OUTBOUND SA of a TUNNEL policy goes to the "
				      "policy's gateway (%s of policy %u)",
				      netcfg_format_addr(&sp->gateway, buf), sp->index);
	if (sa->protocol.kind == NETCFG_SEL_POLICY) {
		struct netcfg_sa probe = *sa;
		probe.protocol = sp->protocol;
		if (ipsec_sa_check(&probe, d) < 0)
			return ipsec_diag_set(d, d->field, "%s (Protocol POLICY is %s of policy %u)",
					      d->msg, netcfg_proto_sel_format(&sp->protocol, buf),
					      sp->index);
	}
	const struct ipsec_sa_rec *o = spi_owner(db, &sa->sa_dest, sa->spi);
	if (o)
		return ipsec_diag_set(d, SAF_SPI, "SA %u already uses SPI %u with SADestIPAddr %s",
				      o->sa.index, sa->spi, netcfg_format_addr(&sa->sa_dest, buf));
	return 0;
}

/* Append ", N" items to a message, at most a few. */
static void list_add(char *msg, size_t size, size_t *count, uint32_t v)
{
	size_t len = strlen(msg);
	if (*count < 8)
		snprintf(msg + len, size - len, "%s%u", *count ? ", " : "", v);
	else if (*count == 8)
		snprintf(msg + len, size - len, " and more");
	(*count)++;
}

int ipsec_db_check_sp_delete(const struct ipsec_db *db, uint32_t index, char *msg, size_t size)
{
	const struct ipsec_sp_rec *r = ipsec_db_sp(db, index);
	if (!r) {
		snprintf(msg, size, "there is no policy %u", index);
		return NETCFG_ENOENT;
	}
	if (!r->sa_in && !r->sa_out && !r->bundled_by)
		return NETCFG_OK;
	char sas[160] = "", pols[160] = "";
	size_t n_sas = 0, n_pols = 0;
	for (const struct ipsec_sa_rec *s = r->sas; s; s = s->next_of_policy)
		list_add(sas, sizeof(sas), &n_sas, s->sa.index);
	for (size_t i = db->n_sp; i-- > 0;)
		if (db->sp[i]->sp.bundle == index)
			list_add(pols, sizeof(pols), &n_pols, db->sp[i]->sp.index);
	char who_sas[192] = "", who_pols[192] = "";
	if (n_sas)
		snprintf(who_sas, sizeof(who_sas), "%s %s", n_sas > 1 ? "SA entries" : "SA", sas);
	if (n_pols)
		snprintf(who_pols, sizeof(who_pols), "%s %s", n_pols > 1 ? "policies" : "policy", pols);
	snprintf(msg, size, "%s%s%s still refer%s to policy %u", who_sas,
		 n_sas && n_pols ? " and " : "", who_pols, n_sas + n_pols > 1 ? "" : "s", index);
	return NETCFG_EBUSY;
}

/* ---- changes ----------------------------------------------------------- */

int ipsec_db_insert_sp(struct ipsec_db *db, struct ipsec_sp_rec *r)
{
	bool hashed = r->sp.remote.kind == NETCFG_SEL_ONE;
	size_t w = hashed ? 0 : SEARCH(db->wild, db->n_wild, sp, r->sp.index);
	if (!hashed && array_insert((void ***)&db->wild, &db->n_wild, db->wild_room, w, r) < 0)
		return -1;
	size_t i = SEARCH(db->sp, db->n_sp, sp, r->sp.index);
	if (array_insert((void ***)&db->sp, &db->n_sp, db->sp_room, i, r) < 0) {
		if (!hashed)
			array_remove((void ***)&db->wild, &db->n_wild, db->wild_room, w);
		return -1;
	}
	if (hashed)
		htab_insert(&db->remotes, &r->by_remote, addr_hash(&r->sp.remote.lo));
	struct ipsec_sp_rec *t = r->sp.bundle ? ipsec_db_sp(db, r->sp.bundle) : NULL;
	if (t)
		t->bundled_by++;
	return 0;
}

void ipsec_db_remove_sp(struct ipsec_db *db, struct ipsec_sp_rec *r)
{
	size_t i = SEARCH(db->sp, db->n_sp, sp, r->sp.index);
	if (i >= db->n_sp || db->sp[i] != r)
		return;
	array_remove((void ***)&db->sp, &db->n_sp, db->sp_room, i);
	if (r->sp.remote.kind == NETCFG_SEL_ONE) {
		htab_remove(&db->remotes, &r->by_remote);
	} else {
		size_t w = SEARCH(db->wild, db->n_wild, sp, r->sp.index);
		if (w < db->n_wild && db->wild[w] == r)
			array_remove((void ***)&db->wild, &db->n_wild, db->wild_room, w);
	}
	struct ipsec_sp_rec *t = r->sp.bundle ? ipsec_db_sp(db, r->sp.bundle) : NULL;
	if (t)
		t->bundled_by--;
}

int ipsec_db_insert_sa(struct ipsec_db *db, struct ipsec_sa_rec *r)
{
	size_t i = SEARCH(db->sa, db->n_sa, sa, r->sa.index);
	if (array_insert((void ***)&db->sa, &db->n_sa, db->sa_room, i, r) < 0)
		return -1;
	htab_insert(&db->spis, &r->spi_node, spi_hash(&r->sa.sa_dest, r->sa.spi));
	struct ipsec_sp_rec *p = ipsec_db_sp(db, r->sa.policy);
	if (p) {
		struct ipsec_sa_rec **pp = &p->sas;
		while (*pp && (*pp)->sa.index > r->sa.index)
			pp = &(*pp)->next_of_policy;
		r->next_of_policy = *pp;
		*pp = r;
		if (r->sa.direction == NETCFG_IPSEC_INBOUND)
			p->sa_in++;
		else
			p->sa_out++;
	}
	return 0;
}

void ipsec_db_remove_sa(struct ipsec_db *db, struct ipsec_sa_rec *r)
{
	size_t i = SEARCH(db->sa, db->n_sa, sa, r->sa.index);
	if (i >= db->n_sa || db->sa[i] != r)
		return;
	array_remove((void ***)&db->sa, &db->n_sa, db->sa_room, i);
	htab_remove(&db->spis, &r->spi_node);
	struct ipsec_sp_rec *p = ipsec_db_sp(db, r->sa.policy);
	if (p) {
		for (struct ipsec_sa_rec **pp = &p->sas; *pp; pp = &(*pp)->next_of_policy) {
			if (*pp == r) {
				*pp = r->next_of_policy;
				break;
			}
		}
		if (r->sa.direction == NETCFG_IPSEC_INBOUND)
			p->sa_in--;
		else
			p->sa_out--;
	}
	r->next_of_policy = NULL;
}

unsigned ipsec_db_missing_sa(const struct ipsec_db *db, const struct ipsec_sp_rec *r)
{
	(void)db;
	if (r->sp.action != NETCFG_SP_APPLY || r->sp.ipsec_proto == NETCFG_IPSEC_NONE)
		return 0;
	unsigned missing = 0;
	if ((r->sp.direction & NETCFG_IPSEC_INBOUND) && !r->sa_in)
		missing |= NETCFG_IPSEC_INBOUND;
	if ((r->sp.direction & NETCFG_IPSEC_OUTBOUND) && !r->sa_out)
		missing |= NETCFG_IPSEC_OUTBOUND;
	return missing;
}

/* ---- lookup ------------------------------------------------------------ */

/* An unknown port (0) matches only a wildcard. */
static long port_of(uint32_t p)
{
	return p ? (long)p : -1;
}

static bool sp_matches(const struct netcfg_sp *sp, const struct netcfg_ipsec_flow *f)
{
	bool out = f->direction == NETCFG_IPSEC_OUTBOUND;
	if (!(sp->direction & f->direction))
		return false;
	if (sp->ifindex && sp->ifindex != f->ifindex)
		return false;
	return addr_in(&sp->remote, out ? &f->dst : &f->src) &&
	       addr_in(&sp->local, out ? &f->src : &f->dst) &&
	       num_in(&sp->protocol, f->protocol) &&
	       num_in(&sp->remote_port, port_of(out ? f->dport : f->sport)) &&
	       num_in(&sp->local_port, port_of(out ? f->sport : f->dport));
}

static bool sa_matches(const struct netcfg_sa *sa, const struct netcfg_sp *sp,
		       const struct netcfg_ipsec_flow *f)
{
	if (sa->direction != f->direction)
		return false;
	if (sp->mode == NETCFG_IPSEC_TRANSPORT && !IN6_ARE_ADDR_EQUAL(&sa->sa_dest, &f->dst))
		return false;
	return addr_in(&sa->dest, &f->dst) && addr_in(&sa->src, &f->src) &&
	       num_in(&sa->protocol, f->protocol) && num_in(&sa->dest_port, port_of(f->dport)) &&
	       num_in(&sa->src_port, port_of(f->sport));
}

void ipsec_db_lookup(const struct ipsec_db *db, const struct netcfg_ipsec_flow *f,
		     struct netcfg_ipsec_verdict *v)
{
	struct netcfg_ipsec_flow fl = *f;
	/* ports mean nothing without a protocol */
	if (fl.protocol < 0)
		fl.sport = fl.dport = 0;
	memset(v, 0, sizeof(*v));
	v->direction = f->direction;
	/* the best policy naming the flow's remote address, then any other
	 * policy above it */
	const struct in6_addr *remote = fl.direction == NETCFG_IPSEC_OUTBOUND ? &fl.dst : &fl.src;
	const struct ipsec_sp_rec *r = NULL;
	uint64_t h = addr_hash(remote);
	for (struct hnode *n = htab_first(&db->remotes, h); n; n = htab_next(n, h)) {
		const struct ipsec_sp_rec *c = container_of(n, struct ipsec_sp_rec, by_remote);
		if ((!r || c->sp.index > r->sp.index) && sp_matches(&c->sp, &fl))
			r = c;
	}
	for (size_t i = db->n_wild; i-- > 0 && (!r || db->wild[i]->sp.index > r->sp.index);) {
		if (sp_matches(&db->wild[i]->sp, &fl)) {
			r = db->wild[i];
			break;
		}
	}
	if (!r)
		return;
	v->policy = r->sp.index;
	v->action = r->sp.action;
	if (!uses_ipsec(&r->sp))
		return;
	for (; r && v->n_steps < NETCFG_IPSEC_BUNDLE_MAX;
	     r = r->sp.bundle ? ipsec_db_sp(db, r->sp.bundle) : NULL) {
		struct netcfg_ipsec_step *s = &v->steps[v->n_steps++];
		s->policy = r->sp.index;
		s->proto = r->sp.ipsec_proto;
		s->mode = r->sp.mode;
		for (const struct ipsec_sa_rec *sa = r->sas; sa; sa = sa->next_of_policy) {
			if (sa_matches(&sa->sa, &r->sp, &fl)) {
				s->sa = sa->sa.index;
				s->spi = sa->sa.spi;
				s->sa_dest = sa->sa.sa_dest;
				s->auth = sa->sa.auth;
				break;
			}
		}
	}
}
