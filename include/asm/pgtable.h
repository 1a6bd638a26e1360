/*
 * Encoding and decoding of ARMv6 descriptors. Pure functions of their arguments, so the
 * host tests check them bit for bit; the page-table code only builds descriptors here.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/pgtable-hwdef.h>
#include <kernel/types.h>

typedef u32 pmd_t; /* first-level descriptor */
typedef u32 pte_t; /* second-level descriptor */

/* Memory types: TEX[2:0], C, B as the ARMv6 ARM lists them. */
enum mem_type {
	MT_STRONGLY_ORDERED, /* TEX 000 C0 B0 */
	MT_DEVICE,	     /* TEX 000 C0 B1: shared device */
	MT_NORMAL_WT,	     /* TEX 000 C1 B0: write-through, no write-allocate */
	MT_NORMAL_WB,	     /* TEX 000 C1 B1: write-back, no write-allocate */
	MT_NORMAL_NC,	     /* TEX 001 C0 B0: normal, non-cacheable */
	MT_NORMAL,	     /* TEX 001 C1 B1: write-back, write-allocate */
	MT_DEVICE_NONSHARED, /* TEX 010 C0 B0 */
	MT_NORMAL_POLICY,    /* TEX 1xx: separate inner/outer policies */
	MT_RESERVED,	     /* an encoding the ARM ARM leaves reserved */
};

struct pt_attrs {
	enum mem_type type;
	bool ro;   /* privileged read-only */
	bool xn;   /* execute-never */
	bool user; /* user mode may access */
};

enum desc_kind {
	DESC_FAULT,
	DESC_SECTION,
	DESC_SUPERSECTION,
	DESC_TABLE,
	DESC_SMALL,
	DESC_LARGE,
	DESC_RESERVED,
};

/* What a descriptor says, decoded. */
struct desc_info {
	enum desc_kind kind;
	phys_addr_t base;    /* output base (or L2 table for DESC_TABLE) */
	unsigned int domain; /* first level only */
	unsigned int ap;     /* APX:AP[1:0] as a 3-bit number */
	unsigned int tex, c, b;
	bool shared, ng;
	struct pt_attrs attrs;
};

pmd_t mk_pmd_section(phys_addr_t phys, const struct pt_attrs *a);
pmd_t mk_pmd_table(phys_addr_t l2_phys);
pte_t mk_pte_small(phys_addr_t phys, const struct pt_attrs *a);
pte_t mk_pte_large(phys_addr_t phys, const struct pt_attrs *a);
void decode_pmd(pmd_t d, struct desc_info *out);
void decode_pte(pte_t d, struct desc_info *out);
const char *mem_type_name(enum mem_type t);
const char *ap_name(unsigned int ap);
const char *desc_kind_name(enum desc_kind k);

/* A small-page entry that allows writes (APX clear). */
static inline bool pte_write(pte_t pte)
{
	return !(pte & PTE_APX);
}

/*
 * A small-page entry made read-only: APX set. User read-write (AP 11) becomes read-only
 * for both privilege levels (APX 1, AP 11: ARMv6K's second encoding of it, the one
 * Linux's ARMv6 page tables use); entries already read-only or without user access
 * (AP 01) keep their meaning. One instruction, for fork()'s loop over every page.
 */
static inline pte_t pte_wrprotect(pte_t pte)
{
	return pte | PTE_APX;
}

static inline unsigned int pmd_index(unsigned long va)
{
	return va >> 20;
}

static inline unsigned int pte_index(unsigned long va)
{
	return (va >> 12) & 0xff;
}

#endif
