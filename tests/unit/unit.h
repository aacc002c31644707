/* SPDX-License-Identifier: MIT */
/*
 * unit.h - a tiny TAP producer for the C unit tests.
 *
 *	TEST(parse_prefix_rejects_host_bits) {
 *		CHECK(netcfg_parse_prefix("2001:db8::1/64", &p) == NETCFG_EINVAL);
 *	}
 *	int main(void) { return unit_run(); }
 *
 * Every TEST is one TAP line; a failed CHECK prints a diagnostic with the
 * file and line, and the test goes on to its next CHECK.
 */
#ifndef NETCFG_UNIT_H
#define NETCFG_UNIT_H

#include <stdio.h>
#include <string.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

static struct unit_test *unit_head, **unit_tail = &unit_head;
static int unit_failed_checks;

#define TEST(name)                                                         \
	static void test_##name(void);                                     \
	static struct unit_test unit_##name = { #name, test_##name, NULL }; \
	__attribute__((constructor)) static void reg_##name(void)          \
	{                                                                  \
		*unit_tail = &unit_##name;                                 \
		unit_tail = &unit_##name.next;                             \
	}                                                                  \
	static void test_##name(void)

#define CHECK(cond)                                                             \
	do {                                                                    \
		if (!(cond)) {                                                  \
			printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			unit_failed_checks++;                                   \
		}                                                               \
	} while (0)

#define CHECK_STREQ(a, b)                                                       \
	do {                                                                    \
		const char *ua_ = (a), *ub_ = (b);                              \
		if (!ua_ || !ub_ || strcmp(ua_, ub_) != 0) {                    \
			printf("#   %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
			       ua_ ? ua_ : "(null)", ub_ ? ub_ : "(null)");     \
			unit_failed_checks++;                                   \
		}                                                               \
	} while (0)

static inline int unit_run(void)
{
	int n = 0, bad = 0;
	for (struct unit_test *t = unit_head; t; t = t->next)
		n++;
	printf("1..%d\n", n);
	n = 0;
	for (struct unit_test *t = unit_head; t; t = t->next) {
		int before = unit_failed_checks;
		t->fn();
		int ok = unit_failed_checks == before;
		printf("%sok %d - %s\n", ok ? "" : "not ", ++n, t->name);
		bad += !ok;
	}
	return bad ? 1 : 0;
}

#endif
