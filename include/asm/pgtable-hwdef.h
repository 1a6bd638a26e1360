/*
 * ARMv6 (VMSAv6, SCTLR.XP=1) translation table descriptor bits, from the ARM ARM and the
 * ARM1176JZF-S TRM. First level: 4096 entries covering 1 MB each; second level (coarse
 * tables): 256 entries covering 4 KB each, 1 KB per table.
 */
#ifndef ASM_PGTABLE_HWDEF_H
#define ASM_PGTABLE_HWDEF_H

#define PTRS_PER_PMD  4096
#define PTRS_PER_PTE  256
#define L2_TABLE_SIZE 1024

/* First level */
#define PMD_TYPE_MASK	    0x3
#define PMD_TYPE_FAULT	    0x0
#define PMD_TYPE_TABLE	    0x1
#define PMD_TYPE_SECT	    0x2
#define PMD_SECT_B	    (1 << 2)
#define PMD_SECT_C	    (1 << 3)
#define PMD_SECT_XN	    (1 << 4)
#define PMD_DOMAIN_SHIFT    5
#define PMD_SECT_AP_SHIFT   10
#define PMD_SECT_TEX_SHIFT  12
#define PMD_SECT_APX	    (1 << 15)
#define PMD_SECT_S	    (1 << 16)
#define PMD_SECT_nG	    (1 << 17)
#define PMD_SECT_SUPER	    (1 << 18)
#define PMD_SECT_BASE_MASK  0xfff00000
#define PMD_TABLE_BASE_MASK 0xfffffc00

/* Second level */
#define PTE_TYPE_MASK	    0x3
#define PTE_TYPE_FAULT	    0x0
#define PTE_TYPE_LARGE	    0x1
#define PTE_SMALL_XN	    (1 << 0)
#define PTE_TYPE_SMALL	    0x2 /* bit 1 set; bit 0 is XN */
#define PTE_B		    (1 << 2)
#define PTE_C		    (1 << 3)
#define PTE_AP_SHIFT	    4
#define PTE_SMALL_TEX_SHIFT 6
#define PTE_APX		    (1 << 9)
#define PTE_S		    (1 << 10)
#define PTE_nG		    (1 << 11)
#define PTE_LARGE_TEX_SHIFT 12
#define PTE_LARGE_XN	    (1 << 15)
#define PTE_SMALL_BASE_MASK 0xfffff000
#define PTE_LARGE_BASE_MASK 0xffff0000

/* SCTLR (CP15 c1) bits used at boot */
#define CR_M  (1 << 0)	/* MMU */
#define CR_A  (1 << 1)	/* alignment fault checking */
#define CR_C  (1 << 2)	/* data cache */
#define CR_Z  (1 << 11) /* branch prediction */
#define CR_I  (1 << 12) /* instruction cache */
#define CR_V  (1 << 13) /* high vectors at 0xffff0000 */
#define CR_U  (1 << 22) /* unaligned data access support */
#define CR_XP (1 << 23) /* ARMv6 descriptors: XN, APX; subpages off */
#define CR_VE (1 << 24) /* IRQ vector from the VIC port instead of +0x18 */

/* Domain 0 is the only one used, as a client (permissions checked). */
#define DOMAIN_CLIENT 0x1

#endif
