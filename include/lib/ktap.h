/*
 * In-target test framework printing KTAP version 1. Suites are declared next to what
 * they test with KTAP_SUITE() and collected by the linker; `selftest [suite]` runs them.
 * Every case runs under catch_faults(): a crashing case is "not ok", the run goes on.
 */
#ifndef LIB_KTAP_H
#define LIB_KTAP_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct ktap_test {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
};

struct ktap_case {
	const char *name;
	void (*run)(struct ktap_test *t);
};

struct ktap_suite {
	const char *name;
	const struct ktap_case *cases;
	unsigned int nr_cases;
};

#define KTAP_CASE(fn) { #fn, fn }

#define KTAP_SUITE(_name, _cases)                                                                  \
	static const struct ktap_suite __ktap_suite_##_name __used                                 \
		__section(".ktap_suites." #_name) = {                                              \
			.name = #_name,                                                            \
			.cases = _cases,                                                           \
			.nr_cases = ARRAY_SIZE(_cases),                                            \
	}

void ktap_fail(struct ktap_test *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);

/* Record a failure and go on. */
#define KTAP_EXPECT_TRUE(t, cond)                                                                  \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ktap_fail(t, __FILE__, __LINE__, "expected %s", #cond);                    \
	} while (0)
#define KTAP_EXPECT_EQ(t, a, b)                                                                    \
	do {                                                                                       \
		unsigned long __a = (unsigned long)(a), __b = (unsigned long)(b);                  \
		if (__a != __b)                                                                    \
			ktap_fail(t, __FILE__, __LINE__, "expected %s == %s (0x%lx vs 0x%lx)", #a, \
				  #b, __a, __b);                                                   \
	} while (0)
/* Record a failure and leave the case. */
#define KTAP_ASSERT_TRUE(t, cond)                                                                  \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			ktap_fail(t, __FILE__, __LINE__, "assertion %s", #cond);                   \
			return;                                                                    \
		}                                                                                  \
	} while (0)
#define KTAP_SKIP(t, why)                                                                          \
	do {                                                                                       \
		(t)->skipped = true;                                                               \
		(t)->skip_reason = (why);                                                          \
		return;                                                                            \
	} while (0)

/*
 * Run every suite, or the one named @only (NULL: all).
 * Return: number of failed cases, or -1 when @only names no suite.
 */
int ktap_run(const char *only);
/* List the suites on the console. */
void ktap_list(void);

#endif
