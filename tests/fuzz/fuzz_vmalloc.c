/*
 * libFuzzer target: the input is a program of vmalloc, vzalloc, vfree, vmap, vunmap,
 * ioremap, iounmap, dma_alloc_coherent and dma_free_coherent calls (wrong-kind and
 * repeated frees included) on the host arena and its fake MMU. After every step
 * vmalloc_check() walks the page tables of the whole vmalloc area: every mapped entry
 * belongs to exactly one live area, every guard page is unmapped, a freed area is fully
 * unmapped, no TLB entry is left stale; and every live area still holds the bytes this
 * program stamped into it through its vmalloc address. After the input everything is
 * freed and the free pages must be back where they started.
 */
#include "../host/harness/mm_host.h"
#include "../host/harness/vmalloc_check.h"
#include <asm/io.h>
#include <kernel/kernel.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS	  16
#define MAX_STEPS 64
#define DEV_PHYS  0x10000000u /* above the 32 MB arena: "device registers" */

enum kind {
	NONE,
	VMALLOC,
	VMAP,
	IOREMAP,
	DMA
};

struct slot {
	enum kind kind;
	unsigned char *addr;
	unsigned long size;
	unsigned char stamp;
	struct page *pages[8]; /* VMAP: the caller's pages */
	unsigned int nr;
	dma_addr_t handle;
};

static struct device dev = {
	.name = "fuzz",
	.dma_mask = 0xffffffff,
	.coherent_dma_mask = 0xffffffff,
};

static void check(const char *after)
{
	if (vmalloc_check()) {
		fprintf(stderr, "fuzz_vmalloc: vmalloc area invariants broken after %s\n", after);
		abort();
	}
}

/* The stamp is written at the first and last byte of every page the CPU can reach. */
static void stamp(struct slot *s, bool verify)
{
	unsigned long off;

	if (s->kind == IOREMAP)
		return; /* device registers: nothing behind them on the host */
	for (off = 0; off < s->size; off += PAGE_SIZE) {
		unsigned char *p = s->addr + off, *q = p + PAGE_SIZE - 1;

		if (verify && (*p != s->stamp || *q != s->stamp)) {
			fprintf(stderr, "fuzz_vmalloc: area %p lost its stamp at +%#lx\n", s->addr,
				off);
			abort();
		}
		*p = *q = s->stamp;
	}
}

static void release(struct slot *s)
{
	unsigned int i;

	if (s->kind == NONE)
		return;
	stamp(s, true);
	switch (s->kind) {
	case VMALLOC:
		vfree(s->addr);
		break;
	case VMAP:
		vunmap(s->addr);
		for (i = 0; i < s->nr; i++)
			__free_pages(s->pages[i], 0);
		break;
	case IOREMAP:
		iounmap(s->addr + (s->handle & ~PAGE_MASK));
		break;
	case DMA:
		dma_free_coherent(&dev, s->size, s->addr, s->handle);
		break;
	case NONE:
		break;
	}
	s->kind = NONE;
}

static void create(struct slot *s, unsigned int op, unsigned int a, unsigned int b)
{
	unsigned long size = ((unsigned long)(a % 40) << PAGE_SHIFT) + b * 16;
	unsigned int i;

	switch (op) {
	case 0:
		s->addr = vmalloc(size);
		break;
	case 1:
		s->addr = vzalloc(size);
		if (s->addr && (s->addr[0] || s->addr[PAGE_ALIGN(size) - 1])) {
			fprintf(stderr, "fuzz_vmalloc: vzalloc memory is not zero\n");
			abort();
		}
		break;
	case 2:
		s->nr = 1 + a % 8;
		for (i = 0; i < s->nr; i++)
			s->pages[i] =
				alloc_page((b & 1 ? GFP_HIGHUSER : GFP_KERNEL) | __GFP_NOWARN);
		for (i = 0; i < s->nr && s->pages[i]; i++)
			;
		s->addr = i == s->nr ? vmap(s->pages, s->nr, 0, &PAGE_KERNEL) : NULL;
		if (!s->addr)
			while (s->nr--)
				if (s->pages[s->nr])
					__free_pages(s->pages[s->nr], 0);
		size = (unsigned long)s->nr << PAGE_SHIFT;
		break;
	case 3: /* 64 KB aligned or not, offset into the page or not */
		s->handle = DEV_PHYS + (a % 4) * 0x3000 + (b & 0x1f) * 4;
		size = 1 + ((unsigned long)(a % 24) << PAGE_SHIFT) + b;
		s->addr = (unsigned char *)ioremap(s->handle, size);
		if (s->addr) {
			s->addr = (unsigned char *)((unsigned long)s->addr & PAGE_MASK);
			size = find_vm_area(s->addr)->size;
		}
		break;
	case 4:
		size = 1 + ((unsigned long)(a % 20) << PAGE_SHIFT) + b;
		s->addr = dma_alloc_coherent(&dev, size, &s->handle,
					     (b & 1 ? GFP_DMA : GFP_KERNEL) | __GFP_NOWARN);
		break;
	}
	if (!s->addr)
		return;
	s->kind = op < 2 ? VMALLOC : op == 2 ? VMAP : op == 3 ? IOREMAP : DMA;
	s->size = s->kind == DMA ? size : PAGE_ALIGN(size);
	s->stamp = (unsigned char)(a * 31 + b + 1);
	if (s->kind == DMA) /* freed with the size asked; stamped over the pages it got */
		s->size = find_vm_area(s->addr)->size;
	stamp(s, false);
}

/* Frees that must be refused and change nothing: the wrong kind, or not the start. */
static void bad_free(struct slot *s, unsigned int how)
{
	void *inner = s->addr + PAGE_SIZE / 2;

	switch (how % 5) {
	case 0:
		vfree(s->kind == VMALLOC ? inner : s->addr);
		break;
	case 1:
		vunmap(s->kind == VMAP ? inner : s->addr);
		break;
	case 2:
		if (s->kind != IOREMAP)
			iounmap(s->addr);
		break;
	case 3:
		dma_free_coherent(&dev, PAGE_SIZE, s->addr, s->kind == DMA ? s->handle + 1 : 0);
		break;
	case 4:
		vfree(s->addr + s->size); /* the guard page */
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long baseline;
	static bool booted;
	struct slot slot[SLOTS] = { 0 };
	size_t i, steps = 0;

	if (!booted) {
		mm_host_boot(&mm_host_default_layout);
		kmem_cache_init();
		/* Prime the vmap_area node pool, which keeps its pages (mm/vmap_area.c). */
		vfree(vmalloc(PAGE_SIZE));
		baseline = vmalloc_settled_free();
		booted = true;
	}
	for (i = 0; i + 3 < size && steps < MAX_STEPS; i += 4, steps++) {
		struct slot *s = &slot[data[i + 1] % SLOTS];
		unsigned int op = data[i] % 8;

		if (op < 5 && s->kind == NONE)
			create(s, op, data[i + 2], data[i + 3]);
		else if (op == 5 || (op < 5 && s->kind != NONE))
			release(s);
		else if (s->kind != NONE)
			bad_free(s, data[i + 2]);
		check("a step");
	}
	host_log_clear(); /* refused frees and failed allocations report; keep the log bounded */
	for (i = 0; i < SLOTS; i++)
		release(&slot[i]);
	check("freeing everything");
	if (vmalloc_nr_areas() || kernel_l2_pages() || vmalloc_settled_free() != baseline) {
		fprintf(stderr,
			"fuzz_vmalloc: %lu areas, %lu L2 pages, %lu free pages (%lu at start)\n",
			vmalloc_nr_areas(), kernel_l2_pages(), vmalloc_settled_free(), baseline);
		abort();
	}
	return 0;
}
