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

/**
 * ktap_add_action - run @fn(@arg) when the case ends, whatever the way it ends
 * @t: the running case
 * @fn: the cleanup step; it must cope with a half-done case (NULL pointers, hooks
 *	not registered) because a failed assertion may end the case at any point
 * @arg: its argument. It must outlive the case's stack frame: a case that faulted has
 *	no frame left when the actions run, so point it at static or allocated storage.
 *
 * Actions run last registered first, after the case's own code and before its result
 * line. The table has KTAP_MAX_ACTIONS entries: when it is full, @fn(@arg) runs at once
 * and the case fails (KUnit's kunit_add_action_or_reset()).
 * Return: 0 when registered, -1 when the table was full.
 */
int ktap_add_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/**
 * ktap_release_action - run a registered action now, and forget it
 * @t: the running case
 * @fn: @arg: the pair given to ktap_add_action(); nothing happens when it is not registered
 *
 * For a case that checks the state after its own cleanup (free counts, a destroyed cache).
 */
void ktap_release_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/**
 * ktap_remove_action - forget a registered action without running it
 * @t: the running case
 * @fn: @arg: the pair given to ktap_add_action()
 *
 * For a case that undoes the thing itself, on purpose, in a way the action cannot
 * (a free that is part of what is tested).
 */
void ktap_remove_action(struct ktap_test *t, ktap_action_t fn, void *arg);
/**
 * ktap_expect_report - announce a report the case is about to provoke on purpose
 * @t: the running case
 * @fmt: what will be printed, and why (printf format)
 *
 * Prints "# expected: ..." inside the case's subtest, before the allocator's own report
 * (BUG:, slab error:, bad free...), so that a passing log does not look like a failing
 * one. tests/target/run_ktap.py fails a run that has such a report without this note.
 */
void ktap_expect_report(struct ktap_test *t, const char *fmt, ...) __printf(2, 3);

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

/**
 * ktap_run - run every suite, or one
 * @only: the suite's name, or NULL for all of them
 * @interrupted: set to whether a Ctrl-C (console_interrupted()) stopped the run early
 * Return: number of failed cases (interrupted and skipped ones included), or -1 when
 * @only names no suite.
 */
int ktap_run(const char *only, bool *interrupted);
/* List the suites on the console. */
void ktap_list(void);

#endif
