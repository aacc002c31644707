/* SPDX-License-Identifier: MIT */
/* clock.c - real or test clock (see clock.h). */
#include "clock.h"

#include <limits.h>

void clock_init(struct clock *c, bool test)
{
	c->test = test;
	c->test_now = 0;
	clock_gettime(CLOCK_MONOTONIC, &c->start);
}

static int64_t elapsed_ms(const struct clock *c)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - c->start.tv_sec) * 1000 +
	       (now.tv_nsec - c->start.tv_nsec) / 1000000;
}

uint64_t clock_now(const struct clock *c)
{
	if (c->test)
		return c->test_now;
	return (uint64_t)(elapsed_ms(c) / 1000);
}

int clock_ms_until(const struct clock *c, uint64_t t)
{
	if (c->test || t == UINT64_MAX)
		return -1;
	int64_t due = (int64_t)t * 1000 - elapsed_ms(c);
	if (due <= 0)
		return 0;
	return due > INT_MAX ? INT_MAX : (int)due;
}

void clock_advance(struct clock *c, uint64_t secs)
{
	if (c->test)
		c->test_now += secs;
}
