/*
 * KTAP runner: a top-level plan over the suites, each suite a nested KTAP document with
 * its own plan and one "ok N - case" line per case, as the kernel's KTAP spec describes.
 * Each case's deferred cleanup actions run when it ends; a Ctrl-C ends the run at the next
 * case boundary with every remaining result reported (see <kernel/ktap.h>).
 */
#include <asm/traps.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <kernel/ktap.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

extern const struct ktap_suite __ktap_suites_start[], __ktap_suites_end[];

/**
 * ktap_fail - mark the running test case failed and say why
 * @t: the test case
 * @file: source file of the failed check
 * @line: its line
 * @fmt: printf format of the reason, printed as a KTAP diagnostic
 */
void ktap_fail(struct ktap_test *t, const char *file, int line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("        # %s: EXPECTATION FAILED at %s:%d: %s\n", t->name, file, line, msg);
	t->failed = true;
}

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
int ktap_add_action(struct ktap_test *t, ktap_action_t fn, void *arg)
{
	if (t->nr_actions == KTAP_MAX_ACTIONS) {
		fn(arg);
		ktap_fail(t, __FILE__, __LINE__, "more than %d cleanup actions", KTAP_MAX_ACTIONS);
		return -1;
	}
	t->actions[t->nr_actions].fn = fn;
	t->actions[t->nr_actions].arg = arg;
	t->nr_actions++;
	return 0;
}

/* Take the latest registration of (@fn, @arg) out of the table. Return: whether there was one. */
static bool take_action(struct ktap_test *t, ktap_action_t fn, void *arg)
{
	unsigned int i = t->nr_actions;

	while (i-- > 0) {
		if (t->actions[i].fn == fn && t->actions[i].arg == arg) {
			t->nr_actions--;
			memmove(&t->actions[i], &t->actions[i + 1],
				(t->nr_actions - i) * sizeof(t->actions[0]));
			return true;
		}
	}
	return false;
}

/**
 * ktap_release_action - run a registered action now, and forget it
 * @t: the running case
 * @fn: @arg: the pair given to ktap_add_action(); nothing happens when it is not registered
 *
 * For a case that checks the state after its own cleanup (free counts, a destroyed cache).
 */
void ktap_release_action(struct ktap_test *t, ktap_action_t fn, void *arg)
{
	if (take_action(t, fn, arg))
		fn(arg);
}

/**
 * ktap_remove_action - forget a registered action without running it
 * @t: the running case
 * @fn: @arg: the pair given to ktap_add_action()
 *
 * For a case that undoes the thing itself, on purpose, in a way the action cannot
 * (a free that is part of what is tested).
 */
void ktap_remove_action(struct ktap_test *t, ktap_action_t fn, void *arg)
{
	take_action(t, fn, arg);
}

/**
 * ktap_expect_report - announce a report the case is about to provoke on purpose
 * @t: the running case
 * @fmt: what will be printed, and why (printf format)
 *
 * Prints "# expected: ..." inside the case's subtest, before the allocator's own report
 * (BUG:, slab error:, bad free...), so that a passing log does not look like a failing
 * one. tests/target/run_ktap.py fails a run that has such a report without this note.
 */
void ktap_expect_report(struct ktap_test *t, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # expected: %s\n", msg);
}

static int run_action(void *arg)
{
	const struct ktap_action *a = arg;

	a->fn(a->arg);
	return 0;
}

/* The case's cleanup, last registered first; each step under catch_faults() too. */
static void run_actions(struct ktap_test *t)
{
	struct fault_record rec;

	while (t->nr_actions > 0) {
		struct ktap_action a = t->actions[--t->nr_actions];

		if (catch_faults(run_action, &a, NULL, &rec)) {
			printk("        # %s: cleanup crashed: fault at 0x%08x (pc 0x%08x)\n",
			       t->name, rec.addr, rec.pc);
			t->failed = true;
		}
	}
}

static const char interrupted_reason[] = "interrupted by Ctrl-C";

struct case_call {
	const struct ktap_case *c;
	struct ktap_test *t;
};

static int run_case(void *arg)
{
	struct case_call *call = arg;

	call->c->run(call->t);
	return 0;
}

/*
 * Run one suite as a nested KTAP document. *@stop is set when a Ctrl-C arrives; the
 * cases after that point are reported "not ok ... # SKIP".
 * Return: failed case count of the suite, the ones not run included.
 */
static unsigned int run_suite(const struct ktap_suite *s, unsigned int index, bool *stop)
{
	unsigned int i, failed = 0, skipped = 0, not_run = 0;

	printk("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->nr_cases);
	for (i = 0; i < s->nr_cases; i++) {
		struct ktap_test t = { .name = s->cases[i].name };
		struct case_call call = { &s->cases[i], &t };
		struct fault_record rec;

		if (*stop) {
			printk("    not ok %u - %s # SKIP %s\n", i + 1, t.name, interrupted_reason);
			not_run++;
			continue;
		}
		if (catch_faults(run_case, &call, NULL, &rec)) {
			printk("        # %s: crashed: fault at 0x%08x (pc 0x%08x)\n", t.name,
			       rec.addr, rec.pc);
			t.failed = true;
		}
		run_actions(&t);
		if (console_interrupted()) {
			/* Whatever the case did, it did not run to its end undisturbed. */
			*stop = true;
			failed++;
			printk("    not ok %u - %s # ERROR %s\n", i + 1, t.name,
			       interrupted_reason);
			continue;
		}
		if (t.skipped && !t.failed) {
			printk("    ok %u - %s # SKIP %s\n", i + 1, t.name, t.skip_reason);
			skipped++;
		} else {
			printk("    %s %u - %s\n", t.failed ? "not ok" : "ok", i + 1, t.name);
		}
		failed += t.failed;
	}
	printk("    # %s: pass:%u fail:%u skip:%u total:%u\n", s->name,
	       s->nr_cases - failed - skipped - not_run, failed, skipped + not_run, s->nr_cases);
	printk("%s %u - %s\n", failed || not_run ? "not ok" : "ok", index, s->name);
	return failed + not_run;
}

/**
 * ktap_run - run every suite, or one
 * @only: the suite's name, or NULL for all of them
 * @interrupted: set to whether a Ctrl-C (console_interrupted()) stopped the run early
 * Return: number of failed cases (interrupted and skipped ones included), or -1 when
 * @only names no suite.
 */
int ktap_run(const char *only, bool *interrupted)
{
	const struct ktap_suite *s;
	unsigned int n = 0, idx = 0, not_run = 0;
	bool stop = false;
	int failed = 0;

	*interrupted = false;
	for (s = __ktap_suites_start; s < __ktap_suites_end; s++)
		if (!only || !strcmp(only, s->name))
			n++;
	if (n == 0)
		return -1;
	printk("KTAP version 1\n1..%u\n", n);
	for (s = __ktap_suites_start; s < __ktap_suites_end; s++) {
		if (only && strcmp(only, s->name))
			continue;
		if (!stop && console_interrupted())
			stop = true;
		if (stop) {
			if (!not_run++)
				printk("# %s: the remaining suites are not run\n",
				       interrupted_reason);
			printk("not ok %u - %s # SKIP %s\n", ++idx, s->name, interrupted_reason);
			failed += (int)s->nr_cases;
			continue;
		}
		failed += (int)run_suite(s, ++idx, &stop);
	}
	*interrupted = stop;
	return failed;
}

/**
 * ktap_list - list the KTAP suites on the console
 */
void ktap_list(void)
{
	const struct ktap_suite *s;

	for (s = __ktap_suites_start; s < __ktap_suites_end; s++)
		printk("  %-16s %u cases\n", s->name, s->nr_cases);
}
