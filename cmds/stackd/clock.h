/* SPDX-License-Identifier: MIT */
/*
 * clock.h - the one clock all lifetimes run on.  In test mode time stands
 * still until a client advances it, so tests never sleep.
 */
#ifndef STACKD_CLOCK_H
#define STACKD_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct clock {
	bool test;
	uint64_t test_now;        /* seconds, test mode */
	struct timespec start;    /* CLOCK_MONOTONIC at daemon start */
};

void clock_init(struct clock *c, bool test);
/* Whole seconds since the daemon started (or the test time). */
uint64_t clock_now(const struct clock *c);
/* Milliseconds until clock_now() reaches t (0 if past; -1 never, which is
 * also the answer in test mode). */
int clock_ms_until(const struct clock *c, uint64_t t);
void clock_advance(struct clock *c, uint64_t secs);

#endif
