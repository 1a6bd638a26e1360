/*
 * KTAP runner: a top-level plan over the suites, each suite a nested KTAP document with
 * its own plan and one "ok N - case" line per case, as the kernel's KTAP spec describes.
 */
#include <asm/traps.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <lib/ktap.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

extern const struct ktap_suite __ktap_suites_start[], __ktap_suites_end[];

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

/* Return: failed case count of the suite. */
static unsigned int run_suite(const struct ktap_suite *s, unsigned int index)
{
	unsigned int i, failed = 0, skipped = 0;

	printk("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, s->nr_cases);
	for (i = 0; i < s->nr_cases; i++) {
		struct ktap_test t = { .name = s->cases[i].name };
		struct case_call call = { &s->cases[i], &t };
		struct fault_record rec;

		if (catch_faults(run_case, &call, NULL, &rec)) {
			printk("        # %s: crashed: fault at 0x%08x (pc 0x%08x)\n", t.name, rec.addr,
			       rec.pc);
			t.failed = true;
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
	       s->nr_cases - failed - skipped, failed, skipped, s->nr_cases);
	printk("%s %u - %s\n", failed ? "not ok" : "ok", index, s->name);
	return failed;
}

int ktap_run(const char *only)
{
	const struct ktap_suite *s;
	unsigned int n = 0, idx = 0;
	int failed = 0;

	for (s = __ktap_suites_start; s < __ktap_suites_end; s++)
		if (!only || !strcmp(only, s->name))
			n++;
	if (n == 0)
		return -1;
	printk("KTAP version 1\n1..%u\n", n);
	for (s = __ktap_suites_start; s < __ktap_suites_end; s++) {
		if (only && strcmp(only, s->name))
			continue;
		if (console_interrupted()) {
			printk("# interrupted by Ctrl-C\n");
			break;
		}
		failed += (int)run_suite(s, ++idx);
	}
	return failed;
}

void ktap_list(void)
{
	const struct ktap_suite *s;

	for (s = __ktap_suites_start; s < __ktap_suites_end; s++)
		printk("  %-16s %u cases\n", s->name, s->nr_cases);
}
