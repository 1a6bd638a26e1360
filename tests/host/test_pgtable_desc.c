/*
 * Host tests for arch/arm/mm/pgtable-v6.c: ARMv6 (SCTLR.XP=1) descriptor encode and decode.
 * Expected words are worked out by hand from the ARM ARM formats, not from the
 * header's macros, so a wrong bit position in pgtable-hwdef.h fails here:
 *   section:    type 0b10, B 2, C 3, XN 4, domain [8:5], AP[1:0] [11:10], TEX [14:12],
 *               APX 15, S 16, nG 17, supersection 18
 *   small page: XN 0, 1 at bit 1, B 2, C 3, AP[1:0] [5:4], TEX [8:6], APX 9, S 10, nG 11
 *   large page: type 0b01, B 2, C 3, AP[1:0] [5:4], APX 9, S 10, nG 11, TEX [14:12], XN 15
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <asm/pgtable.h>

static const struct pt_attrs normal_priv_rw_xn = { MT_NORMAL, false, true, false };
static const struct pt_attrs normal_priv_ro_x = { MT_NORMAL, true, false, false };

/* ---- encoding: exact bit patterns ---- */

static void test_section_normal_wbwa_priv_rw_xn_is_0x0010141e(void **state)
{
	/* TEX 001 (0x1000) | AP 01 (0x400) | XN (0x10) | C (0x8) | B (0x4) | 0b10 */
	assert_int_equal(mk_pmd_section(0x00100000, &normal_priv_rw_xn), 0x0010141e);
}

static void test_section_normal_wbwa_priv_ro_executable_sets_apx(void **state)
{
	/* APX (0x8000) | TEX 001 | AP 01 | C | B | 0b10; no XN */
	assert_int_equal(mk_pmd_section(0xc0000000, &normal_priv_ro_x), 0xc000940e);
}

static void test_section_device_priv_rw_xn_is_b_only(void **state)
{
	struct pt_attrs a = { MT_DEVICE, false, true, false };

	/* TEX 000 C0 B1: 0x400 | 0x10 | 0x4 | 0x2 */
	assert_int_equal(mk_pmd_section(0x10100000, &a), 0x10100416);
}

static void test_section_strongly_ordered_user_rw_is_ap_11(void **state)
{
	struct pt_attrs a = { MT_STRONGLY_ORDERED, false, false, true };

	assert_int_equal(mk_pmd_section(0xfff00000, &a), 0xfff00c02);
}

static void test_section_drops_offset_bits_of_phys(void **state)
{
	assert_int_equal(mk_pmd_section(0x123fffff, &normal_priv_rw_xn), 0x1230141e);
}

static void test_section_device_nonshared_puts_tex_010_at_bit_12(void **state)
{
	struct pt_attrs a = { MT_DEVICE_NONSHARED, false, true, false };

	assert_int_equal(mk_pmd_section(0, &a), 0x00002412);
}

static void test_kernel_text_small_page_ro_executable_is_0x0000825e(void **state)
{
	/* APX (0x200) | TEX 001 at [8:6] (0x40) | AP 01 (0x10) | C | B | bit1; XN clear */
	assert_int_equal(mk_pte_small(0x00008000, &normal_priv_ro_x), 0x0000825e);
}

static void test_small_page_data_priv_rw_xn_sets_bit_0(void **state)
{
	assert_int_equal(mk_pte_small(0x00013000, &normal_priv_rw_xn), 0x0001305f);
}

static void test_small_page_strongly_ordered_user_rw_xn(void **state)
{
	struct pt_attrs a = { MT_STRONGLY_ORDERED, false, true, true };

	assert_int_equal(mk_pte_small(0xfffff000, &a), 0xfffff033);
}

static void test_small_page_user_ro_write_through(void **state)
{
	struct pt_attrs a = { MT_NORMAL_WT, true, false, true };

	/* APX | AP 10 (0x20) | C | bit1 */
	assert_int_equal(mk_pte_small(0x00400abc, &a), 0x0040022a);
}

static void test_small_page_device_nonshared_puts_tex_010_at_bit_6(void **state)
{
	struct pt_attrs a = { MT_DEVICE_NONSHARED, false, true, false };

	assert_int_equal(mk_pte_small(0, &a), 0x00000093);
}

static void test_large_page_normal_user_ro_xn_is_0x1234922d(void **state)
{
	struct pt_attrs a = { MT_NORMAL, true, true, true };

	/* XN (0x8000) | TEX 001 at [14:12] (0x1000) | APX | AP 10 | C | B | 0b01 */
	assert_int_equal(mk_pte_large(0x12340000, &a), 0x1234922d);
}

static void test_large_page_drops_offset_bits_of_phys(void **state)
{
	struct pt_attrs a = { MT_NORMAL_NC, false, false, false };

	/* TEX 001, C0 B0, AP 01 */
	assert_int_equal(mk_pte_large(0x1234ffff, &a), 0x12341011);
}

static void test_table_descriptor_is_l2_base_with_type_01(void **state)
{
	assert_int_equal(mk_pmd_table(0x0001e000), 0x0001e001);
	assert_int_equal(mk_pmd_table(0x0001e400), 0x0001e401);
	assert_int_equal(mk_pmd_table(0x123456ff), 0x12345401);
}

/* ---- decoding ---- */

static void test_zero_pmd_decodes_as_fault(void **state)
{
	struct desc_info d;

	decode_pmd(0, &d);
	assert_int_equal(d.kind, DESC_FAULT);
	decode_pmd(0xfffffffc, &d); /* type bits 00, whatever the rest says */
	assert_int_equal(d.kind, DESC_FAULT);
}

static void test_pmd_type_11_decodes_as_reserved(void **state)
{
	struct desc_info d;

	decode_pmd(0xc0000003, &d);
	assert_int_equal(d.kind, DESC_RESERVED);
}

static void test_zero_pte_decodes_as_fault(void **state)
{
	struct desc_info d;

	decode_pte(0, &d);
	assert_int_equal(d.kind, DESC_FAULT);
	decode_pte(0xfffffffc, &d);
	assert_int_equal(d.kind, DESC_FAULT);
}

static void test_table_descriptor_decodes_base_and_domain(void **state)
{
	struct desc_info d;

	decode_pmd(0x0001e001, &d);
	assert_int_equal(d.kind, DESC_TABLE);
	assert_int_equal(d.base, 0x0001e000);
	assert_int_equal(d.domain, 0);
	decode_pmd(0x0001e5e1, &d); /* domain 15 in [8:5] */
	assert_int_equal(d.kind, DESC_TABLE);
	assert_int_equal(d.base, 0x0001e400);
	assert_int_equal(d.domain, 15);
}

static void test_section_decodes_every_field(void **state)
{
	struct desc_info d;

	/* nG | S | APX | TEX 001 | AP 01 | domain 3 | XN | C | B | section */
	decode_pmd(0xc033947e, &d);
	assert_int_equal(d.kind, DESC_SECTION);
	assert_int_equal(d.base, 0xc0300000);
	assert_int_equal(d.domain, 3);
	assert_int_equal(d.ap, 5);
	assert_int_equal(d.tex, 1);
	assert_int_equal(d.c, 1);
	assert_int_equal(d.b, 1);
	assert_true(d.shared);
	assert_true(d.ng);
	assert_int_equal(d.attrs.type, MT_NORMAL);
	assert_true(d.attrs.ro);
	assert_true(d.attrs.xn);
	assert_false(d.attrs.user);
}

static void test_supersection_decodes_16mb_base(void **state)
{
	struct desc_info d;

	decode_pmd(0x12f4140e, &d); /* bit 18 set */
	assert_int_equal(d.kind, DESC_SUPERSECTION);
	assert_int_equal(d.base, 0x12000000);
	assert_int_equal(d.attrs.type, MT_NORMAL);
}

static void test_small_page_decodes_every_field(void **state)
{
	struct desc_info d;

	/* nG | S | APX | TEX 010 | AP 11 | C0 B0 | small | XN */
	decode_pte(0xabcdfeb3, &d);
	assert_int_equal(d.kind, DESC_SMALL);
	assert_int_equal(d.base, 0xabcdf000);
	assert_int_equal(d.ap, 7);
	assert_int_equal(d.tex, 2);
	assert_int_equal(d.c, 0);
	assert_int_equal(d.b, 0);
	assert_true(d.shared);
	assert_true(d.ng);
	assert_true(d.attrs.xn);
	assert_int_equal(d.attrs.type, MT_DEVICE_NONSHARED);
	assert_true(d.attrs.ro);
	assert_true(d.attrs.user);
}

static void test_small_page_without_bit_0_is_executable(void **state)
{
	struct desc_info d;

	decode_pte(0x0000825e, &d);
	assert_int_equal(d.kind, DESC_SMALL);
	assert_int_equal(d.base, 0x00008000);
	assert_false(d.attrs.xn);
	assert_true(d.attrs.ro);
	assert_int_equal(d.attrs.type, MT_NORMAL);
}

static void test_large_page_decodes_tex_and_xn_from_high_bits(void **state)
{
	struct desc_info d;

	decode_pte(0x1234922d, &d);
	assert_int_equal(d.kind, DESC_LARGE);
	assert_int_equal(d.base, 0x12340000);
	assert_int_equal(d.tex, 1);
	assert_true(d.attrs.xn);
	assert_int_equal(d.attrs.type, MT_NORMAL);
	assert_int_equal(d.ap, 6);
	/* bits [8:6] are not TEX in a large page */
	decode_pte(0x000001c1, &d);
	assert_int_equal(d.kind, DESC_LARGE);
	assert_int_equal(d.tex, 0);
	assert_false(d.attrs.xn);
}

static void test_tex_1xx_decodes_as_inner_outer_policy(void **state)
{
	struct desc_info d;

	decode_pmd(0x00004002, &d); /* TEX 100 */
	assert_int_equal(d.attrs.type, MT_NORMAL_POLICY);
	decode_pte(0x000001c2, &d); /* TEX 111 */
	assert_int_equal(d.attrs.type, MT_NORMAL_POLICY);
}

static void test_reserved_tex_c_b_combinations_decode_as_reserved(void **state)
{
	static const unsigned int reserved[][3] = {
		{ 1, 0, 1 }, { 1, 1, 0 }, { 2, 0, 1 }, { 2, 1, 0 }, { 2, 1, 1 },
		{ 3, 0, 0 }, { 3, 0, 1 }, { 3, 1, 0 }, { 3, 1, 1 },
	};
	struct desc_info d;
	unsigned int i;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		u32 bits = (reserved[i][1] ? 8 : 0) | (reserved[i][2] ? 4 : 0);

		decode_pmd(0x2 | bits | (reserved[i][0] << 12), &d);
		assert_int_equal(d.attrs.type, MT_RESERVED);
		decode_pte(0x2 | bits | (reserved[i][0] << 6), &d);
		assert_int_equal(d.attrs.type, MT_RESERVED);
	}
}

static void test_every_ap_value_decodes_to_its_permissions(void **state)
{
	/* ap: ro, user. 0 (no access) and 4 (reserved) read as privileged read-only. */
	static const struct {
		bool ro, user;
	} want[8] = {
		{ true, false }, { false, false }, { false, true }, { false, true },
		{ true, false }, { true, false },  { true, true },  { true, true },
	};
	struct desc_info d;
	unsigned int ap;

	for (ap = 0; ap < 8; ap++) {
		u32 bits = (ap & 3) << 10 | ((ap & 4) ? 1u << 15 : 0);

		decode_pmd(0x2 | bits, &d);
		assert_int_equal(d.ap, ap);
		assert_int_equal(d.attrs.ro, want[ap].ro);
		assert_int_equal(d.attrs.user, want[ap].user);
		decode_pte(0x2 | (ap & 3) << 4 | ((ap & 4) ? 1u << 9 : 0), &d);
		assert_int_equal(d.ap, ap);
		assert_int_equal(d.attrs.ro, want[ap].ro);
		assert_int_equal(d.attrs.user, want[ap].user);
	}
}

/* ---- round trips ---- */

static void assert_attrs_equal(const struct pt_attrs *got, const struct pt_attrs *want,
			       const char *what, u32 desc)
{
	if (got->type != want->type || got->ro != want->ro || got->xn != want->xn ||
	    got->user != want->user)
		fail_msg("%s 0x%08x: type %d ro %d xn %d user %d, want %d %d %d %d", what, desc,
			 got->type, got->ro, got->xn, got->user, want->type, want->ro, want->xn,
			 want->user);
}

static void test_decode_of_encode_returns_attrs_for_every_combination(void **state)
{
	unsigned int t, bits, n = 0;
	struct desc_info d;

	for (t = MT_STRONGLY_ORDERED; t <= MT_DEVICE_NONSHARED; t++) {
		for (bits = 0; bits < 8; bits++) {
			struct pt_attrs a = { (enum mem_type)t, bits & 1, (bits >> 1) & 1,
					      (bits >> 2) & 1 };
			u32 desc;

			desc = mk_pmd_section(0x80100000, &a);
			decode_pmd(desc, &d);
			assert_int_equal(d.kind, DESC_SECTION);
			assert_int_equal(d.base, 0x80100000);
			assert_int_equal(d.domain, 0);
			assert_false(d.shared);
			assert_false(d.ng);
			assert_attrs_equal(&d.attrs, &a, "section", desc);

			desc = mk_pte_small(0x80101000, &a);
			decode_pte(desc, &d);
			assert_int_equal(d.kind, DESC_SMALL);
			assert_int_equal(d.base, 0x80101000);
			assert_attrs_equal(&d.attrs, &a, "small page", desc);

			desc = mk_pte_large(0x80110000, &a);
			decode_pte(desc, &d);
			assert_int_equal(d.kind, DESC_LARGE);
			assert_int_equal(d.base, 0x80110000);
			assert_attrs_equal(&d.attrs, &a, "large page", desc);
			n++;
		}
	}
	assert_int_equal(n, 7 * 8);
}

static void test_decoded_tex_c_b_match_the_memory_type_table(void **state)
{
	static const unsigned int want[][3] = {
		[MT_STRONGLY_ORDERED] = { 0, 0, 0 }, [MT_DEVICE] = { 0, 0, 1 },
		[MT_NORMAL_WT] = { 0, 1, 0 },	     [MT_NORMAL_WB] = { 0, 1, 1 },
		[MT_NORMAL_NC] = { 1, 0, 0 },	     [MT_NORMAL] = { 1, 1, 1 },
		[MT_DEVICE_NONSHARED] = { 2, 0, 0 },
	};
	struct desc_info d;
	unsigned int t;

	for (t = MT_STRONGLY_ORDERED; t <= MT_DEVICE_NONSHARED; t++) {
		struct pt_attrs a = { (enum mem_type)t, false, false, false };

		decode_pmd(mk_pmd_section(0, &a), &d);
		assert_int_equal(d.tex, want[t][0]);
		assert_int_equal(d.c, want[t][1]);
		assert_int_equal(d.b, want[t][2]);
		decode_pte(mk_pte_small(0, &a), &d);
		assert_int_equal(d.tex, want[t][0]);
		assert_int_equal(d.c, want[t][1]);
		assert_int_equal(d.b, want[t][2]);
		decode_pte(mk_pte_large(0, &a), &d);
		assert_int_equal(d.tex, want[t][0]);
		assert_int_equal(d.c, want[t][1]);
		assert_int_equal(d.b, want[t][2]);
	}
}

/* ---- names and indices ---- */

static void test_names_describe_types_kinds_and_permissions(void **state)
{
	assert_string_equal(mem_type_name(MT_NORMAL), "normal write-back write-allocate");
	assert_string_equal(mem_type_name(MT_DEVICE), "device");
	assert_string_equal(mem_type_name(MT_STRONGLY_ORDERED), "strongly-ordered");
	assert_string_equal(mem_type_name(MT_RESERVED), "reserved encoding");
	assert_string_equal(mem_type_name((enum mem_type)99), "?");

	assert_string_equal(desc_kind_name(DESC_FAULT), "fault");
	assert_string_equal(desc_kind_name(DESC_SECTION), "section");
	assert_string_equal(desc_kind_name(DESC_TABLE), "coarse table");
	assert_string_equal(desc_kind_name(DESC_SMALL), "small page");
	assert_string_equal(desc_kind_name(DESC_LARGE), "large page");
	assert_string_equal(desc_kind_name((enum desc_kind)99), "?");

	assert_string_equal(ap_name(0), "no access");
	assert_string_equal(ap_name(1), "priv RW");
	assert_string_equal(ap_name(3), "RW");
	assert_string_equal(ap_name(5), "priv RO");
	assert_string_equal(ap_name(6), "RO");
	assert_string_equal(ap_name(0xd), "priv RO"); /* only the low 3 bits count */
}

static void test_every_enum_value_has_a_name(void **state)
{
	unsigned int i;

	for (i = MT_STRONGLY_ORDERED; i <= MT_RESERVED; i++)
		assert_string_not_equal(mem_type_name((enum mem_type)i), "?");
	for (i = DESC_FAULT; i <= DESC_RESERVED; i++)
		assert_string_not_equal(desc_kind_name((enum desc_kind)i), "?");
	for (i = 0; i < 8; i++)
		assert_non_null(ap_name(i));
}

static void test_indices_split_va_into_1mb_and_4kb_slots(void **state)
{
	assert_int_equal(pmd_index(0xc0008000), 3072);
	assert_int_equal(pte_index(0xc0008000), 8);
	assert_int_equal(pmd_index(0xffff0000), 4095);
	assert_int_equal(pte_index(0xffff0000), 0xf0);
	assert_int_equal(pmd_index(0), 0);
	assert_int_equal(pte_index(0x000fffff), 255);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_section_normal_wbwa_priv_rw_xn_is_0x0010141e),
		cmocka_unit_test(test_section_normal_wbwa_priv_ro_executable_sets_apx),
		cmocka_unit_test(test_section_device_priv_rw_xn_is_b_only),
		cmocka_unit_test(test_section_strongly_ordered_user_rw_is_ap_11),
		cmocka_unit_test(test_section_drops_offset_bits_of_phys),
		cmocka_unit_test(test_section_device_nonshared_puts_tex_010_at_bit_12),
		cmocka_unit_test(test_kernel_text_small_page_ro_executable_is_0x0000825e),
		cmocka_unit_test(test_small_page_data_priv_rw_xn_sets_bit_0),
		cmocka_unit_test(test_small_page_strongly_ordered_user_rw_xn),
		cmocka_unit_test(test_small_page_user_ro_write_through),
		cmocka_unit_test(test_small_page_device_nonshared_puts_tex_010_at_bit_6),
		cmocka_unit_test(test_large_page_normal_user_ro_xn_is_0x1234922d),
		cmocka_unit_test(test_large_page_drops_offset_bits_of_phys),
		cmocka_unit_test(test_table_descriptor_is_l2_base_with_type_01),
		cmocka_unit_test(test_zero_pmd_decodes_as_fault),
		cmocka_unit_test(test_pmd_type_11_decodes_as_reserved),
		cmocka_unit_test(test_zero_pte_decodes_as_fault),
		cmocka_unit_test(test_table_descriptor_decodes_base_and_domain),
		cmocka_unit_test(test_section_decodes_every_field),
		cmocka_unit_test(test_supersection_decodes_16mb_base),
		cmocka_unit_test(test_small_page_decodes_every_field),
		cmocka_unit_test(test_small_page_without_bit_0_is_executable),
		cmocka_unit_test(test_large_page_decodes_tex_and_xn_from_high_bits),
		cmocka_unit_test(test_tex_1xx_decodes_as_inner_outer_policy),
		cmocka_unit_test(test_reserved_tex_c_b_combinations_decode_as_reserved),
		cmocka_unit_test(test_every_ap_value_decodes_to_its_permissions),
		cmocka_unit_test(test_decode_of_encode_returns_attrs_for_every_combination),
		cmocka_unit_test(test_decoded_tex_c_b_match_the_memory_type_table),
		cmocka_unit_test(test_names_describe_types_kinds_and_permissions),
		cmocka_unit_test(test_every_enum_value_has_a_name),
		cmocka_unit_test(test_indices_split_va_into_1mb_and_4kb_slots),
	};

	return cmocka_run_group_tests_name("pgtable_desc", tests, NULL, NULL);
}
