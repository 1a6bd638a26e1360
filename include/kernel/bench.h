/*
 * In-target benchmarks. Time comes from the board's free-running counter; under
 * `qemu-system-arm -icount shift=0` one guest instruction is one nanosecond of virtual
 * time, so bench_ns() deltas are instruction counts, repeatable run after run.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct bench {
	const char *name;
	const char *desc;
	void (*run)(void); /* prints "name: value unit" lines; polls console_interrupted() */
};

#define BENCH(_name, _desc, _fn)                                                           \
	static const struct bench __bench_##_name __used __section(".benches." #_name) = { \
		.name = #_name,                                                            \
		.desc = _desc,                                                             \
		.run = _fn,                                                                \
	}

/* newlib-nano printf has no %llu: print deltas as unsigned long. */
/* Nanoseconds of (virtual) time from an arbitrary origin; wraps after minutes. */
u64 bench_ns(void);
/* Counter value when the first prompt was printed, in ns since reset. */
extern u64 boot_to_prompt_ns;

#endif
