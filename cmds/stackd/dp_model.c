/* SPDX-License-Identifier: MIT */
/*
 * dp_model.c - the model dataplane: the stack is the embedded model and
 * nothing else, so there is nothing to realize (every realizer is absent)
 * and nothing to read back.  Its stack starts with the two
 * pseudo-interfaces and the adapters the configuration declares (or the
 * host's, mirrored read-only).
 */
#include "stackd.h"

static int model_build(struct dataplane *dp, struct stack *st)
{
	const struct stackd_config *c = &dp->d->cfg;
	return stack_init(st, &dp->d->clock, c->adapters, c->n_adapters, c->ipv4, c->n_ipv4);
}

static const struct dataplane_ops model_ops = {
	.name = "model",
	.model_links = true,
	.build = model_build,
};

int dp_model_open(struct dataplane *dp, struct daemon *d, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	dp->ops = &model_ops;
	dp->d = d;
	return NETCFG_OK;
}
