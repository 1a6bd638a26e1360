/*
 * In-target test framework printing KTAP version 1. Suites are declared next to what
 * they test with KTAP_SUITE() and collected by the linker; `selftest [suite]` runs them.
 * Every case runs under catch_faults(): a crashing case is "not ok", the run goes on.
 *
 * Cleanup: a case registers what it must undo with ktap_add_action() as soon as it holds
 * it; the runner calls the actions, last registered first, when the case ends on any path
 * (return, failed assertion, fault). A case never needs an error path of its own.
 *
 * Ctrl-C: the run stops at the next case boundary. The case that was running is "not ok"
 * with an ERROR directive, every case and suite not run is "not ok ... # SKIP", so the plan
 * is honoured and an interrupted run never reads as a success.
 */
#ifndef LIB_KTAP_H
#define LIB_KTAP_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* A deferred cleanup step: @fn(@arg), run when the case ends. */
typedef void (*ktap_action_t)(void *arg);

#define KTAP_MAX_ACTIONS 8

struct ktap_action {
	ktap_action_t fn;
	void *arg;
};

struct ktap_test {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
	unsigned int nr_actions;
	struct ktap_action actions[KTAP_MAX_ACTIONS];
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

#define KTAP_CASE(fn)   \
	{               \
#fn, fn \
	}

#define KTAP_SUITE(_name, _cases)                                             \
	static const struct ktap_suite __ktap_suite_##_name __used __section( \
		".ktap_suites." #_name) = {                                   \
		.name = #_name,                                               \
		.cases = _cases,                                              \
		.nr_cases = ARRAY_SIZE(_cases),                               \
	}

void ktap_fail(struct ktap_test *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);

/* run @fn(@arg) when the case ends, whatever the way it ends */
int ktap_add_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/* run a registered action now, and forget it */
void ktap_release_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/* forget a registered action without running it */
void ktap_remove_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/* announce a report the case is about to provoke on purpose */
void ktap_expect_report(struct ktap_test *t, const char *fmt, ...) __printf(2, 3);

/* Record a failure and go on. */
#define KTAP_EXPECT_TRUE(t, cond)                                               \
	do {                                                                    \
		if (!(cond))                                                    \
			ktap_fail(t, __FILE__, __LINE__, "expected %s", #cond); \
	} while (0)
#define KTAP_EXPECT_EQ(t, a, b)                                                                    \
	do {                                                                                       \
		unsigned long __a = (unsigned long)(a), __b = (unsigned long)(b);                  \
		if (__a != __b)                                                                    \
			ktap_fail(t, __FILE__, __LINE__, "expected %s == %s (0x%lx vs 0x%lx)", #a, \
				  #b, __a, __b);                                                   \
	} while (0)
/* Record a failure and leave the case. */
#define KTAP_ASSERT_TRUE(t, cond)                                                \
	do {                                                                     \
		if (!(cond)) {                                                   \
			ktap_fail(t, __FILE__, __LINE__, "assertion %s", #cond); \
			return;                                                  \
		}                                                                \
	} while (0)
#define KTAP_SKIP(t, why)                 \
	do {                              \
		(t)->skipped = true;      \
		(t)->skip_reason = (why); \
		return;                   \
	} while (0)

/* run every suite, or one */
int ktap_run(const char *only, bool *interrupted);
/* List the suites on the console. */
void ktap_list(void);

#endif
