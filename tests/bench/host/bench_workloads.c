/*
 * The host benchmark workloads (see bench_workloads.h), identical for every allocator:
 *
 *   hot-N    alloc+free of one N-byte object in a loop (N = 32, 256, 4096, 65536): the
 *            allocator's fast path, object never touched.
 *   mix      1e6 random operations over 8192 slots: an empty slot gets an object of a
 *            random size in 16..4096 (log-uniform: each power-of-two range as likely), a
 *            full one is freed, so about half the slots are live. Each object gets a tag
 *            written in every 64-byte line and in its last 8 bytes, checked before its
 *            free: overlapping or reused-while-live memory fails the run loudly.
 *   page     one 4 KB page-aligned block alloc+free in a loop: an order-0 page from
 *            the buddy allocator on the kernel side.
 *
 * The random sequence comes from a fixed seed (printed), so every allocator sees the same
 * sizes in the same order. Time is CLOCK_MONOTONIC around the whole loop, best of 3 runs,
 * the process pinned to the CPU it started on.
 * Where perf_event_open() allows it, user-space instructions are counted over the same
 * loop (lowest of the 3 runs); otherwise that column is "-".
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench_workloads.h"

#define RUNS	     3
#define HOT_ITERS    5000000UL
#define MIX_OPS	     1000000UL
#define MIX_SLOTS    8192
#define PAGE_ITERS   2000000UL
#define SEED	     0x6d6d2d61726d3131ULL /* "mm-arm11" */
#define STAMP_STRIDE 64

/* ---- fixed-seed PRNG (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- instruction counter: user space only, "-" when the kernel refuses ---- */

static int insn_fd = -1;

static void insn_open(void)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HARDWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_HW_INSTRUCTIONS;
	attr.disabled = 1;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	insn_fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

static void insn_start(void)
{
	if (insn_fd < 0)
		return;
	ioctl(insn_fd, PERF_EVENT_IOC_RESET, 0);
	ioctl(insn_fd, PERF_EVENT_IOC_ENABLE, 0);
}

/* Instructions since insn_start(), or -1 if unknown (no counter, or it was multiplexed). */
static double insn_stop(void)
{
	uint64_t v[3];

	if (insn_fd < 0)
		return -1;
	ioctl(insn_fd, PERF_EVENT_IOC_DISABLE, 0);
	if (read(insn_fd, v, sizeof(v)) != sizeof(v) || v[1] == 0 || v[1] != v[2])
		return -1;
	return (double)v[0];
}

/* Stay on one CPU: a migration mid-loop would add a cold cache to one run. */
static void pin_to_this_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- the workloads: each returns 0, or -1 after reporting a failure ---- */

static const struct bench_allocator *alloc_under_test;

static int fail_null(const char *workload, size_t size)
{
	fprintf(stderr, "%s: %s: allocation of %zu bytes failed\n", alloc_under_test->name,
		workload, size);
	return -1;
}

static __attribute__((noinline)) int hot_loop(size_t size, unsigned long iters)
{
	const struct bench_allocator *a = alloc_under_test;
	unsigned long i;

	for (i = 0; i < iters; i++) {
		void *p = a->alloc(size);

		if (!p)
			return fail_null("hot", size);
		a->free(p, size);
	}
	return 0;
}

static struct mix_slot {
	unsigned char *p;
	size_t size;
	uint64_t tag;
} mix_slots[MIX_SLOTS];

/* 16..4096 bytes, log-uniform: a range [2^e, 2^(e+1)] for e = 4..11, then uniform in it. */
static size_t mix_size(uint64_t r)
{
	size_t lo = (size_t)16 << (r & 7);

	return lo + (size_t)((r >> 3) % (lo + 1));
}

/* A tag in every 64-byte line and in the last 8 bytes (never overlapping: size >= 16). */
static void stamp(struct mix_slot *s)
{
	size_t off;

	for (off = 0; off + 16 <= s->size; off += STAMP_STRIDE) {
		uint64_t v = s->tag ^ off;

		memcpy(s->p + off, &v, 8);
	}
	memcpy(s->p + s->size - 8, &s->tag, 8);
}

static int check_stamp(const struct mix_slot *s)
{
	uint64_t v, want;
	size_t off;

	for (off = 0; off + 16 <= s->size; off += STAMP_STRIDE) {
		want = s->tag ^ off;
		memcpy(&v, s->p + off, 8);
		if (v != want)
			goto corrupted;
	}
	off = s->size - 8;
	want = s->tag;
	memcpy(&v, s->p + off, 8);
	if (v == want)
		return 0;
corrupted:
	fprintf(stderr,
		"%s: mix: object %p (%zu bytes) corrupted at offset %zu: %#llx, expected %#llx\n",
		alloc_under_test->name, (void *)s->p, s->size, off, (unsigned long long)v,
		(unsigned long long)want);
	return -1;
}

static __attribute__((noinline)) int mix(size_t unused, unsigned long ops)
{
	const struct bench_allocator *a = alloc_under_test;
	unsigned long i;

	rng_state = SEED;
	for (i = 0; i < ops; i++) {
		uint64_t r = rng_next();
		struct mix_slot *s = &mix_slots[r % MIX_SLOTS];

		if (!s->p) {
			s->size = mix_size(r >> 16);
			s->p = a->alloc(s->size);
			if (!s->p)
				return fail_null("mix", s->size);
			if ((uintptr_t)s->p & 7) {
				fprintf(stderr, "%s: mix: %zu-byte object %p not 8-byte aligned\n",
					a->name, s->size, (void *)s->p);
				return -1;
			}
			s->tag = r | 1;
			stamp(s);
		} else {
			if (check_stamp(s))
				return -1;
			a->free(s->p, s->size);
			s->p = NULL;
		}
	}
	return 0;
}

/* After a mix run, untimed: check and free what is still live. */
static int mix_drain(void)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < MIX_SLOTS; i++) {
		struct mix_slot *s = &mix_slots[i];

		if (!s->p)
			continue;
		if (check_stamp(s))
			ret = -1;
		alloc_under_test->free(s->p, s->size);
		s->p = NULL;
	}
	return ret;
}

static __attribute__((noinline)) int page(size_t size, unsigned long iters)
{
	const struct bench_allocator *a = alloc_under_test;
	unsigned long i;

	for (i = 0; i < iters; i++) {
		void *p = a->page_alloc();

		if (!p)
			return fail_null("page", size);
		if ((uintptr_t)p & 4095) {
			fprintf(stderr, "%s: page: %p is not page-aligned\n", a->name, p);
			return -1;
		}
		a->page_free(p);
	}
	return 0;
}

static const struct workload {
	const char *name;
	int (*run)(size_t size, unsigned long iters);
	int (*drain)(void);
	size_t size;
	unsigned long iters;
} workloads[] = {
	{ "hot-32", hot_loop, NULL, 32, HOT_ITERS },
	{ "hot-256", hot_loop, NULL, 256, HOT_ITERS },
	{ "hot-4096", hot_loop, NULL, 4096, HOT_ITERS },
	{ "hot-65536", hot_loop, NULL, 65536, HOT_ITERS },
	{ "mix", mix, mix_drain, 0, MIX_OPS },
	{ "page", page, NULL, 4096, PAGE_ITERS },
};

int bench_main(const struct bench_allocator *a)
{
	/* One workload, once, with its own count: for the instruction counts under valgrind. */
	const char *only = getenv("BENCH_WORKLOAD"), *iters_env = getenv("BENCH_ITERS");
	unsigned int w, run, runs = only ? 1 : RUNS;

	alloc_under_test = a;
	pin_to_this_cpu();
	insn_open();
	printf("allocator\t%s\n", a->name);
	printf("seed\t%#llx\n", (unsigned long long)SEED);
	for (w = 0; w < sizeof(workloads) / sizeof(workloads[0]); w++) {
		const struct workload *wl = &workloads[w];
		unsigned long iters = iters_env ? strtoul(iters_env, NULL, 0) : wl->iters;
		double best_ns = 0, best_insn = -1;

		if (only && strcmp(only, wl->name))
			continue;
		for (run = 0; run < runs; run++) {
			double t0, t1, insn;
			int ret;

			insn_start();
			t0 = now_ns();
			ret = wl->run(wl->size, iters);
			t1 = now_ns();
			insn = insn_stop();
			if (!ret && wl->drain)
				ret = wl->drain();
			if (ret) {
				fprintf(stderr, "%s: workload %s failed\n", a->name, wl->name);
				return 1;
			}
			if (run == 0 || t1 - t0 < best_ns)
				best_ns = t1 - t0;
			if (insn >= 0 && (best_insn < 0 || insn < best_insn))
				best_insn = insn;
		}
		printf("result\t%s\t%.1f\t", wl->name, best_ns / (double)iters);
		if (best_insn >= 0)
			printf("%.0f\n", best_insn / (double)iters);
		else
			printf("-\n");
		fflush(stdout);
	}
	return 0;
}
