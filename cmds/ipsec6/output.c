/* SPDX-License-Identifier: MIT */
/*
 * output.c - the two output tables of ipsec6: the Windows screens and
 * JSON.  The JSON printers are the shared codec, so `ipsec6 -j` prints
 * exactly what the daemon sends; neither ever has a key to print.
 */
#include "ipsec6.h"

#include "../../libnetcfg/codec_ipsec.h"

#include <stdio.h>
#include <unistd.h>

/* ---- text ---------------------------------------------------------- */

static int text_policies(const struct netcfg_sp_list *l, uint32_t ifindex)
{
	if (!l->n) {
		printf("No Policies exist.\n");
		return EXIT_FAIL;
	}
	ipsec_sp_screen(stdout, l->v, l->n, ifindex);
	return 0;
}

static int text_sas(const struct netcfg_sa_list *l)
{
	if (!l->n) {
		printf("***No SAs exist***\n");
		return EXIT_FAIL;
	}
	ipsec_sa_screen(stdout, l->v, l->n);
	return 0;
}

static void text_flow(const struct netcfg_ipsec_flow *f)
{
	char s[NETCFG_ADDRSTRLEN], d[NETCFG_ADDRSTRLEN];
	printf("flow src %s dst %s", netcfg_format_addr(&f->src, s), netcfg_format_addr(&f->dst, d));
	if (f->protocol >= 0)
		printf(" proto %d", f->protocol);
	if (f->sport)
		printf(" sport %u", f->sport);
	if (f->dport)
		printf(" dport %u", f->dport);
	if (f->ifindex)
		printf(" if %u", f->ifindex);
	printf(" dir %s:\n", f->direction == NETCFG_IPSEC_INBOUND ? "in" : "out");
}

static void text_verdict(const struct netcfg_ipsec_verdict *v)
{
	char a[NETCFG_ADDRSTRLEN];
	if (!v->policy) {
		printf("no policy matches\n");
		return;
	}
	printf("policy %u: %s%s\n", v->policy, netcfg_sp_action_name(v->action),
	       v->action == NETCFG_SP_APPCHOICE ? " (the application chooses)" : "");
	for (size_t i = 0; i < v->n_steps; i++) {
		const struct netcfg_ipsec_step *s = &v->steps[i];
		printf("  %s %s (policy %u): ", netcfg_ipsec_proto_name(s->proto),
		       netcfg_ipsec_mode_name(s->mode), s->policy);
		if (s->sa)
			printf("SA %u, SPI %u to %s, %s\n", s->sa, s->spi,
			       netcfg_format_addr(&s->sa_dest, a), netcfg_auth_alg_name(s->auth));
		else
			printf("no %s SA; the packet would be dropped\n",
			       netcfg_ipsec_dir_name(v->direction));
	}
}

static void text_verdicts(const struct netcfg_ipsec_flow *f, const struct netcfg_ipsec_verdict *v,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (n > 1)
			text_flow(&f[i]);
		text_verdict(&v[i]);
	}
}

const struct ipsec6_output ipsec6_text_output = {
	.policies = text_policies,
	.sas = text_sas,
	.verdicts = text_verdicts,
};

/* ---- JSON ---------------------------------------------------------- */

static void json_emit(struct jw *w)
{
	if (json_print(w) < 0)
		fprintf(stderr, "ipsec6: out of memory\n");
	jw_free(w);
}

static int json_policies(const struct netcfg_sp_list *l, uint32_t ifindex)
{
	(void)ifindex;
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_sp_write(&w, &l->v[i]);
	jw_arr_end(&w);
	json_emit(&w);
	return 0;
}

static int json_sas(const struct netcfg_sa_list *l)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < l->n; i++)
		codec_sa_write(&w, &l->v[i]);
	jw_arr_end(&w);
	json_emit(&w);
	return 0;
}

static void json_verdicts(const struct netcfg_ipsec_flow *f, const struct netcfg_ipsec_verdict *v,
			  size_t n)
{
	struct jw w;
	jw_init(&w);
	jw_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		codec_ipsec_verdict_write(&w, &f[i], &v[i]);
	jw_arr_end(&w);
	json_emit(&w);
}

const struct ipsec6_output ipsec6_json_output = {
	.policies = json_policies,
	.sas = json_sas,
	.verdicts = json_verdicts,
};
