/*
 * Host tests for kernel/vsprintf.c: every ordinary conversion prints exactly as the C
 * library's vsnprintf prints it (the walker only hands each one over with its own
 * argument), %pS / %ps go to the symbol formatter, and the buffer is never overrun.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kernel/kallsyms.h>
#include <kernel/printk.h>

/* The host has no kallsyms table: one fake function, so %pS has something to name. */
#define FAKE_START 0x1000ul
#define FAKE_SIZE  0x80ul

int sprint_symbol(char *buf, unsigned long addr)
{
	if (addr >= FAKE_START && addr < FAKE_START + FAKE_SIZE)
		return snprintf(buf, KSYM_SYMBOL_LEN, "fake_fn+0x%lx/0x%lx", addr - FAKE_START,
				FAKE_SIZE);
	return snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	if (addr >= FAKE_START && addr < FAKE_START + FAKE_SIZE)
		return snprintf(buf, KSYM_SYMBOL_LEN, "fake_fn");
	return snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
}

static int fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vscnprintf(buf, size, f, ap);
	va_end(ap);
	return n;
}

/* vscnprintf and the C library agree on @f with these arguments. */
#define SAME_AS_LIBC(f, ...)                               \
	do {                                               \
		char a[256], b[256];                       \
		int n = fmt(a, sizeof(a), f, __VA_ARGS__); \
		snprintf(b, sizeof(b), f, __VA_ARGS__);    \
		assert_string_equal(a, b);                 \
		assert_int_equal(n, (int)strlen(b));       \
	} while (0)

static void test_ordinary_conversions_print_as_libc_does(void **state)
{
	SAME_AS_LIBC("%d %i %u %x %X %o %c", -5, 7, 3000000000u, 0xbeef, 0xbeef, 8, 'q');
	SAME_AS_LIBC("%ld %lu %lx %08lx %-6ld|", -1L, 2UL, 0xabcUL, 0x12UL, 42L);
	SAME_AS_LIBC("%lld %llx %hhu %hd", -3LL, 0x123456789abcULL, 300, 70000);
	SAME_AS_LIBC("%zu %zx %td %jd", (size_t)9, (size_t)0xff, (ptrdiff_t)-4, (intmax_t)5);
	SAME_AS_LIBC("[%*d] [%-*s] [%.*s] [%*.*d]", 5, 3, 4, "ab", 2, "xyz", 6, 3, 7);
	SAME_AS_LIBC("%s %10s %-10s| %.2s", "one", "two", "three", "four");
	SAME_AS_LIBC("%p %#x %+d % d %%", (void *)0x1234, 0x10, 5, 6);
	SAME_AS_LIBC("%.3f %e %g", 1.5, 2.25, 0.125);
	SAME_AS_LIBC("%s", "no conversion after the last");
}

static void test_ps_and_pS_print_the_symbol(void **state)
{
	char buf[128];

	fmt(buf, sizeof(buf), "at %pS, in %ps, then %d", (void *)0x1010, (void *)0x1010, 9);
	assert_string_equal(buf, "at fake_fn+0x10/0x80, in fake_fn, then 9");
	fmt(buf, sizeof(buf), "%pS|%ps", (void *)0x20, (void *)0x30);
	assert_string_equal(buf, "0x00000020|0x00000030");
	/* %p followed by another letter is a plain %p and the letter. */
	fmt(buf, sizeof(buf), "%pX", (void *)0x1010);
	assert_non_null(strstr(buf, "1010"));
	assert_int_equal(buf[strlen(buf) - 1], 'X');
}

static void test_output_is_truncated_and_terminated(void **state)
{
	char buf[12];
	int n;

	memset(buf, '#', sizeof(buf));
	n = fmt(buf, 8, "%s and %pS", "abcdef", (void *)0x1000);
	assert_int_equal(n, 7);
	assert_string_equal(buf, "abcdef ");
	assert_int_equal(buf[8], '#');
	n = fmt(buf, 8, "%d%d%d", 1234, 5678, 9);
	assert_int_equal(n, 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(fmt(buf, 0, "%d", 1), 0);
}

static void test_a_trailing_percent_is_printed(void **state)
{
	char buf[16];

	assert_int_equal(fmt(buf, sizeof(buf), "50%"), 3);
	assert_string_equal(buf, "50%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinary_conversions_print_as_libc_does),
		cmocka_unit_test(test_ps_and_pS_print_the_symbol),
		cmocka_unit_test(test_output_is_truncated_and_terminated),
		cmocka_unit_test(test_a_trailing_percent_is_printed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
