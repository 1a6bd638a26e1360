/*
 * Host tests for the shell's strict parsers: lib/parse.c (numbers, sizes, addresses,
 * word splitting) and mm/gfp.c (GFP names). Every helper must take the whole string or
 * nothing; these tests pin each way a string can be almost right.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <lib/parse.h>
#include <mm/gfp.h>

#define SENTINEL 0xdeadbeefu

/* Parse @s with @fn; on failure check that *out was left alone. */
static int parse_with(int (*fn)(const char *, u32 *), const char *s, u32 *out)
{
	int ret;

	*out = SENTINEL;
	ret = fn(s, out);
	if (ret)
		assert_int_equal(*out, SENTINEL);
	return ret;
}

static void assert_u32_ok(const char *s, u32 want)
{
	u32 v;

	if (parse_with(parse_u32, s, &v))
		fail_msg("parse_u32(\"%s\") was refused", s);
	assert_int_equal(v, want);
}

static void assert_u32_refused(const char *s)
{
	u32 v;

	if (!parse_with(parse_u32, s, &v))
		fail_msg("parse_u32(\"%s\") accepted as 0x%x", s, v);
}

static void assert_size_ok(const char *s, u32 want)
{
	u32 v;

	if (parse_with(parse_size, s, &v))
		fail_msg("parse_size(\"%s\") was refused", s);
	assert_int_equal(v, want);
}

static void assert_size_refused(const char *s)
{
	u32 v;

	if (!parse_with(parse_size, s, &v))
		fail_msg("parse_size(\"%s\") accepted as 0x%x", s, v);
}

/* ---- parse_u32 ---- */

static void test_decimal_is_parsed(void **state)
{
	assert_u32_ok("0", 0);
	assert_u32_ok("7", 7);
	assert_u32_ok("1234567890", 1234567890u);
	assert_u32_ok("4294967295", 0xffffffffu);
}

static void test_leading_zeros_stay_decimal(void **state)
{
	assert_u32_ok("010", 10);
	assert_u32_ok("0009", 9);
}

static void test_hex_with_0x_prefix_is_parsed(void **state)
{
	assert_u32_ok("0x0", 0);
	assert_u32_ok("0x1f", 0x1f);
	assert_u32_ok("0XaBcD", 0xabcd);
	assert_u32_ok("0xc0008000", 0xc0008000u);
	assert_u32_ok("0xffffffff", 0xffffffffu);
	assert_u32_ok("0x00000000000000000001", 1);
}

static void test_value_past_32_bits_is_refused(void **state)
{
	assert_u32_refused("4294967296");
	assert_u32_refused("99999999999999999999999999");
	assert_u32_refused("0x100000000");
	assert_u32_refused("0xfffffffff");
	assert_u32_refused("0xffffffffffffffffffffffff");
}

static void test_empty_string_is_refused(void **state)
{
	u32 v = SENTINEL;

	assert_u32_refused("");
	assert_int_equal(parse_u32(NULL, &v), -1);
	assert_int_equal(v, SENTINEL);
}

static void test_0x_alone_is_refused(void **state)
{
	assert_u32_refused("0x");
	assert_u32_refused("0X");
	assert_u32_refused("x10");
	assert_u32_refused("0xx1");
}

static void test_signs_are_refused(void **state)
{
	assert_u32_refused("-1");
	assert_u32_refused("+1");
	assert_u32_refused("-0x1");
	assert_u32_refused("0x-1");
}

static void test_trailing_or_leading_junk_is_refused(void **state)
{
	assert_u32_refused("12abc");
	assert_u32_refused("0xzz");
	assert_u32_refused("0x1g");
	assert_u32_refused("12 ");
	assert_u32_refused(" 12");
	assert_u32_refused("1\t");
	assert_u32_refused("1.5");
	assert_u32_refused("1e3");
	assert_u32_refused("abc");
	assert_u32_refused("ff");
}

static void test_decimal_rejects_hex_digits(void **state)
{
	assert_u32_refused("1a");
	assert_u32_refused("0a");
}

static void test_size_suffix_is_not_a_number(void **state)
{
	/* parse_u32 takes plain numbers only */
	assert_u32_refused("4K");
	assert_u32_refused("1M");
}

static void test_addr_uses_number_syntax(void **state)
{
	u32 v;

	assert_int_equal(parse_with(parse_addr, "0xc0008000", &v), 0);
	assert_int_equal(v, 0xc0008000u);
	assert_int_equal(parse_with(parse_addr, "4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(parse_with(parse_addr, "0x", &v), -1);
	assert_int_equal(parse_with(parse_addr, "0x1_000", &v), -1);
	assert_int_equal(parse_with(parse_addr, "0x100000000", &v), -1);
	assert_int_equal(parse_with(parse_addr, "", &v), -1);
}

/* ---- parse_size ---- */

static void test_size_without_suffix_is_bytes(void **state)
{
	assert_size_ok("0", 0);
	assert_size_ok("100", 100);
	assert_size_ok("0x100", 0x100);
	assert_size_ok("4294967295", 0xffffffffu);
}

static void test_size_with_k_suffix_is_multiplied(void **state)
{
	assert_size_ok("4K", 4096);
	assert_size_ok("4k", 4096);
	assert_size_ok("0K", 0);
	assert_size_ok("0x10k", 16 * 1024);
}

static void test_size_with_m_suffix_is_multiplied(void **state)
{
	assert_size_ok("1M", 1u << 20);
	assert_size_ok("16m", 16u << 20);
	assert_size_ok("0x10M", 16u << 20);
}

static void test_size_hex_digit_b_is_not_a_suffix(void **state)
{
	assert_size_ok("0x1b", 0x1b);
}

static void test_size_largest_k_and_m_are_accepted(void **state)
{
	assert_size_ok("4194303K", 0xfffffc00u);
	assert_size_ok("4095M", 0xfff00000u);
	assert_size_ok("0x3fffffk", 0xfffffc00u);
}

static void test_size_suffix_overflow_is_refused(void **state)
{
	assert_size_refused("4194304K");
	assert_size_refused("4096M");
	assert_size_refused("0x400000K");
	assert_size_refused("0x1000M");
	assert_size_refused("4294967296");
	assert_size_refused("99999999999M");
}

static void test_size_malformed_is_refused(void **state)
{
	u32 v = SENTINEL;

	assert_size_refused("");
	assert_int_equal(parse_size(NULL, &v), -1);
	assert_size_refused("K");
	assert_size_refused("M");
	assert_size_refused("0xK");
	assert_size_refused("0x");
	assert_size_refused("1KB");
	assert_size_refused("1kk");
	assert_size_refused("1G");
	assert_size_refused("5Q");
	assert_size_refused("-4K");
	assert_size_refused("+4K");
	assert_size_refused(" 4K");
	assert_size_refused("4 K");
	assert_size_refused("4K ");
	assert_size_refused("K4");
	assert_size_refused("1.5M");
}

/* ---- split_args ---- */

static void test_split_args_splits_at_spaces_and_tabs(void **state)
{
	char line[] = "  md\t0xc0000000   64 \t";
	char *argv[4];

	assert_int_equal(split_args(line, argv, 4), 3);
	assert_string_equal(argv[0], "md");
	assert_string_equal(argv[1], "0xc0000000");
	assert_string_equal(argv[2], "64");
}

static void test_split_args_empty_or_blank_line_has_no_words(void **state)
{
	char empty[] = "";
	char blank[] = " \t  \t";
	char *argv[2];

	assert_int_equal(split_args(empty, argv, 2), 0);
	assert_int_equal(split_args(blank, argv, 2), 0);
	assert_int_equal(split_args(blank, argv, 0), 0);
}

static void test_split_args_exactly_max_words_is_accepted(void **state)
{
	char line[] = "a b c d";
	/* exact-size heap array: ASan catches a write past the limit */
	char **argv = malloc(4 * sizeof(*argv));

	assert_int_equal(split_args(line, argv, 4), 4);
	assert_string_equal(argv[3], "d");
	free(argv);
}

static void test_split_args_more_than_max_words_is_refused(void **state)
{
	char line[] = "a b c d e";
	char **argv = malloc(4 * sizeof(*argv));

	assert_int_equal(split_args(line, argv, 4), -1);
	free(argv);
}

static void test_split_args_zero_max_refuses_any_word(void **state)
{
	char line[] = "x";
	char *argv[1];

	assert_int_equal(split_args(line, argv, 0), -1);
}

static void test_split_args_keeps_other_characters_in_words(void **state)
{
	char line[] = "GFP_KERNEL|__GFP_ZERO x=1,2";
	char *argv[3];

	assert_int_equal(split_args(line, argv, 3), 2);
	assert_string_equal(argv[0], "GFP_KERNEL|__GFP_ZERO");
	assert_string_equal(argv[1], "x=1,2");
}

/* ---- gfp_parse / gfp_format ---- */

static void assert_gfp_ok(const char *s, gfp_t want)
{
	gfp_t g = SENTINEL;

	if (gfp_parse(s, &g))
		fail_msg("gfp_parse(\"%s\") was refused", s);
	assert_int_equal(g, want);
}

static void assert_gfp_refused(const char *s)
{
	gfp_t g = SENTINEL;

	if (!gfp_parse(s, &g))
		fail_msg("gfp_parse(\"%s\") accepted as 0x%x", s, g);
	assert_int_equal(g, SENTINEL);
}

static void test_gfp_single_names_are_parsed(void **state)
{
	assert_gfp_ok("GFP_KERNEL", GFP_KERNEL);
	assert_gfp_ok("GFP_ATOMIC", GFP_ATOMIC);
	assert_gfp_ok("GFP_NOWAIT", 0);
	assert_gfp_ok("GFP_HIGHUSER", GFP_HIGHUSER);
	assert_gfp_ok("GFP_DMA", __GFP_DMA);
	assert_gfp_ok("__GFP_ZERO", __GFP_ZERO);
	assert_gfp_ok("__GFP_HIGHMEM", __GFP_HIGHMEM);
	assert_gfp_ok("__GFP_DIRECT_RECLAIM", __GFP_WAIT);
}

static void test_gfp_names_are_case_insensitive(void **state)
{
	assert_gfp_ok("gfp_kernel", GFP_KERNEL);
	assert_gfp_ok("Gfp_Atomic", GFP_ATOMIC);
	assert_gfp_ok("__gfp_zero", __GFP_ZERO);
}

static void test_gfp_names_joined_by_bar_are_or_ed(void **state)
{
	assert_gfp_ok("gfp_kernel|__gfp_zero", GFP_KERNEL | __GFP_ZERO);
	assert_gfp_ok("GFP_KERNEL|__GFP_ZERO", GFP_KERNEL | __GFP_ZERO);
	assert_gfp_ok("__GFP_DMA|__GFP_HIGH|__GFP_NOWARN", __GFP_DMA | __GFP_HIGH | __GFP_NOWARN);
	assert_gfp_ok("GFP_KERNEL|GFP_KERNEL", GFP_KERNEL);
	assert_gfp_ok("GFP_NOWAIT|__GFP_ZERO", __GFP_ZERO);
}

static void test_gfp_number_is_accepted(void **state)
{
	assert_gfp_ok("0", 0);
	assert_gfp_ok("0x80d0", GFP_KERNEL | __GFP_ZERO);
	assert_gfp_ok("208", GFP_KERNEL);
	assert_gfp_ok("0x10|__GFP_ZERO", __GFP_WAIT | __GFP_ZERO);
}

static void test_gfp_number_with_leading_zero_is_decimal(void **state)
{
	/* gfp.h promises "decimal or 0x hex", like parse_u32(): never octal. */
	assert_gfp_ok("016", 16);
	assert_gfp_ok("0208", GFP_KERNEL);
}

static void test_gfp_number_outside_known_bits_is_refused(void **state)
{
	assert_gfp_refused("0x4");
	assert_gfp_refused("0x40000");
	assert_gfp_refused("0xffffffff");
	assert_gfp_refused("0x1000000000000");
	assert_gfp_refused("99999999999999999999");
}

static void test_gfp_unknown_name_is_refused(void **state)
{
	assert_gfp_refused("GFP_FOO");
	assert_gfp_refused("GFP_KERNELX");
	assert_gfp_refused("GFP_KERNE");
	assert_gfp_refused("KERNEL");
	assert_gfp_refused("GFP_KERNEL|GFP_BOGUS");
	assert_gfp_refused("GFP_BOGUS|GFP_KERNEL");
}

static void test_gfp_empty_parts_are_refused(void **state)
{
	gfp_t g = SENTINEL;

	assert_gfp_refused("");
	assert_int_equal(gfp_parse(NULL, &g), -1);
	assert_gfp_refused("|");
	assert_gfp_refused("GFP_KERNEL|");
	assert_gfp_refused("|GFP_KERNEL");
	assert_gfp_refused("GFP_KERNEL||__GFP_ZERO");
}

static void test_gfp_junk_is_refused(void **state)
{
	assert_gfp_refused(" GFP_KERNEL");
	assert_gfp_refused("GFP_KERNEL ");
	assert_gfp_refused("GFP_KERNEL,__GFP_ZERO");
	assert_gfp_refused("GFP_KERNEL+__GFP_ZERO");
	assert_gfp_refused("-1");
	assert_gfp_refused("0x");
	assert_gfp_refused("0x10z");
	assert_gfp_refused("12abc");
}

static void test_gfp_format_names_composites_first(void **state)
{
	char buf[128];

	assert_string_equal(gfp_format(GFP_KERNEL | __GFP_ZERO, buf, sizeof(buf)),
			    "GFP_KERNEL|__GFP_ZERO");
	assert_string_equal(gfp_format(GFP_KERNEL, buf, sizeof(buf)), "GFP_KERNEL");
	assert_string_equal(gfp_format(GFP_HIGHUSER, buf, sizeof(buf)), "GFP_HIGHUSER");
	assert_string_equal(gfp_format(GFP_USER | __GFP_ZERO, buf, sizeof(buf)),
			    "GFP_USER|__GFP_ZERO");
	assert_string_equal(gfp_format(GFP_ATOMIC | __GFP_NOWARN, buf, sizeof(buf)),
			    "GFP_ATOMIC|__GFP_NOWARN");
	assert_string_equal(gfp_format(__GFP_DMA, buf, sizeof(buf)), "GFP_DMA");
}

static void test_gfp_format_of_zero_is_gfp_nowait(void **state)
{
	char buf[32];

	assert_string_equal(gfp_format(0, buf, sizeof(buf)), "GFP_NOWAIT");
}

static void test_gfp_format_shows_unknown_bits_as_hex(void **state)
{
	char buf[64];

	assert_string_equal(gfp_format(0x4, buf, sizeof(buf)), "0x4");
	assert_string_equal(gfp_format(GFP_KERNEL | 0x40000u, buf, sizeof(buf)),
			    "GFP_KERNEL|0x40000");
}

static void test_gfp_format_truncates_to_buffer(void **state)
{
	/* exact-size heap buffers: ASan catches any write past them */
	size_t len;

	static const char full[] = "GFP_HIGHUSER|__GFP_NOWARN|__GFP_ZERO|0x40000";
	char got[sizeof(full) + 8];

	for (len = 1; len <= sizeof(full) + 8; len++) {
		char *buf = malloc(len);

		gfp_format(GFP_HIGHUSER | __GFP_ZERO | __GFP_NOWARN | 0x40000u, buf, len);
		snprintf(got, sizeof(got), "%s", buf);
		free(buf);
		assert_true(strlen(got) < len);
		assert_memory_equal(got, full, strlen(got));
		if (len > sizeof(full) - 1)
			assert_string_equal(got, full);
	}
	gfp_format(GFP_KERNEL, NULL, 0); /* len 0: nothing written */
}

static void test_gfp_format_then_parse_round_trips_every_known_mask(void **state)
{
	unsigned int bits[32], nbits = 0, i, subset;
	char buf[256];
	gfp_t g, back;

	for (i = 0; i < 32; i++)
		if (__GFP_BITS_MASK & (1u << i))
			bits[nbits++] = i;
	for (subset = 0; subset < (1u << nbits); subset++) {
		g = 0;
		for (i = 0; i < nbits; i++)
			if (subset & (1u << i))
				g |= 1u << bits[i];
		gfp_format(g, buf, sizeof(buf));
		back = SENTINEL;
		if (gfp_parse(buf, &back))
			fail_msg("gfp_format(0x%x) = \"%s\" does not parse", g, buf);
		if (back != g)
			fail_msg("0x%x -> \"%s\" -> 0x%x", g, buf, back);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_is_parsed),
		cmocka_unit_test(test_leading_zeros_stay_decimal),
		cmocka_unit_test(test_hex_with_0x_prefix_is_parsed),
		cmocka_unit_test(test_value_past_32_bits_is_refused),
		cmocka_unit_test(test_empty_string_is_refused),
		cmocka_unit_test(test_0x_alone_is_refused),
		cmocka_unit_test(test_signs_are_refused),
		cmocka_unit_test(test_trailing_or_leading_junk_is_refused),
		cmocka_unit_test(test_decimal_rejects_hex_digits),
		cmocka_unit_test(test_size_suffix_is_not_a_number),
		cmocka_unit_test(test_addr_uses_number_syntax),
		cmocka_unit_test(test_size_without_suffix_is_bytes),
		cmocka_unit_test(test_size_with_k_suffix_is_multiplied),
		cmocka_unit_test(test_size_with_m_suffix_is_multiplied),
		cmocka_unit_test(test_size_hex_digit_b_is_not_a_suffix),
		cmocka_unit_test(test_size_largest_k_and_m_are_accepted),
		cmocka_unit_test(test_size_suffix_overflow_is_refused),
		cmocka_unit_test(test_size_malformed_is_refused),
		cmocka_unit_test(test_split_args_splits_at_spaces_and_tabs),
		cmocka_unit_test(test_split_args_empty_or_blank_line_has_no_words),
		cmocka_unit_test(test_split_args_exactly_max_words_is_accepted),
		cmocka_unit_test(test_split_args_more_than_max_words_is_refused),
		cmocka_unit_test(test_split_args_zero_max_refuses_any_word),
		cmocka_unit_test(test_split_args_keeps_other_characters_in_words),
		cmocka_unit_test(test_gfp_single_names_are_parsed),
		cmocka_unit_test(test_gfp_names_are_case_insensitive),
		cmocka_unit_test(test_gfp_names_joined_by_bar_are_or_ed),
		cmocka_unit_test(test_gfp_number_is_accepted),
		cmocka_unit_test(test_gfp_number_with_leading_zero_is_decimal),
		cmocka_unit_test(test_gfp_number_outside_known_bits_is_refused),
		cmocka_unit_test(test_gfp_unknown_name_is_refused),
		cmocka_unit_test(test_gfp_empty_parts_are_refused),
		cmocka_unit_test(test_gfp_junk_is_refused),
		cmocka_unit_test(test_gfp_format_names_composites_first),
		cmocka_unit_test(test_gfp_format_of_zero_is_gfp_nowait),
		cmocka_unit_test(test_gfp_format_shows_unknown_bits_as_hex),
		cmocka_unit_test(test_gfp_format_truncates_to_buffer),
		cmocka_unit_test(test_gfp_format_then_parse_round_trips_every_known_mask),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
