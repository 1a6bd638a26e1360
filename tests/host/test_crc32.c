/*
 * Host tests for lib/crc32.c: the IEEE check value, the empty buffer, and that a CRC can
 * be continued over a buffer split anywhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lib/crc32.h>

static void test_check_value_of_123456789(void **state)
{
	/* The CRC-32 catalogue's check value for the nine ASCII digits. */
	assert_int_equal(~crc32_le(~0u, "123456789", 9), 0xcbf43926u);
}

static void test_empty_buffer_leaves_the_crc_alone(void **state)
{
	assert_int_equal(crc32_le(0x12345678u, "", 0), 0x12345678u);
	assert_int_equal(crc32_le(0, NULL, 0), 0);
}

static void test_split_buffer_gives_the_same_crc(void **state)
{
	static const char text[] = "unreferenced object 0xc3a1b2c0 (size 32)";
	u32 whole = crc32_le(~0u, text, sizeof(text) - 1);
	size_t cut;

	for (cut = 0; cut < sizeof(text); cut++)
		assert_int_equal(
			crc32_le(crc32_le(~0u, text, cut), text + cut, sizeof(text) - 1 - cut),
			whole);
	assert_int_not_equal(whole, crc32_le(~0u, text, sizeof(text) - 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value_of_123456789),
		cmocka_unit_test(test_empty_buffer_leaves_the_crc_alone),
		cmocka_unit_test(test_split_buffer_gives_the_same_crc),
	};

	return cmocka_run_group_tests_name("crc32", tests, NULL, NULL);
}
