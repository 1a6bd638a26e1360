/*
 * The host's fake physical memory and the page mappings of its "MMU". The arena is a
 * memfd: physical page p is at file offset p - PHYS_OFFSET. One PROT_NONE reservation,
 * 16 MB aligned, holds in order: the direct map (low memory mapped shared from the memfd,
 * the highmem part left inaccessible as on the target), a guard, the vmalloc area (4 MB
 * aligned), a guard, the PKMAP area, a guard and the FIXMAP area.
 * arch_kmap_set_pte() maps a window onto the page's file offset, so writes through a
 * window land in the page; arch_kmap_clear_pte() puts the PROT_NONE hole back. The fake
 * MMU (host_mmu.c) does the same for vmalloc-area entries through host_mem_map_page().
 */
#define _GNU_SOURCE
#include <asm/memory.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mm_host.h"

/* host_page_offset and the other layout variables are defined in asm/memory.h. */
unsigned long host_kmap_set_count, host_kmap_clear_count, host_kmap_errors;

#define GUARD_SIZE   (1UL << 20)
#define PKMAP_PAGES  (PKMAP_SIZE >> PAGE_SHIFT)
#define FIXMAP_PAGES (FIXADDR_SIZE >> PAGE_SHIFT)

#define ARENA_ALIGN   (16UL << 20)
#define VMALLOC_ALIGN (4UL << 20)

static int arena_fd = -1;
static void *arena_base, *reserve_base;
static unsigned long arena_span, arena_ram, reserve_span;
static unsigned char window_live[PKMAP_PAGES + FIXMAP_PAGES];

static void die(const char *what)
{
	perror(what);
	abort();
}

void host_mem_init(unsigned long ram_bytes, unsigned long lowmem_bytes)
{
	unsigned long vmalloc_size = VMALLOC_MAX_SIZE, vmalloc_off;

	if (arena_fd >= 0)
		host_mem_exit();
	if (lowmem_bytes > ram_bytes)
		lowmem_bytes = ram_bytes;
	arena_fd = memfd_create("mm-arena", 0);
	if (arena_fd < 0)
		die("memfd_create");
	if (ftruncate(arena_fd, (off_t)ram_bytes))
		die("ftruncate");
	arena_ram = ram_bytes;
	vmalloc_off = (ram_bytes + GUARD_SIZE + VMALLOC_ALIGN - 1) & ~(VMALLOC_ALIGN - 1);
	arena_span =
		vmalloc_off + vmalloc_size + GUARD_SIZE + PKMAP_SIZE + GUARD_SIZE + FIXADDR_SIZE;
	/* The fake MMU gives the arena ARM addresses from 0xc0000000: it must fit in 1 GB. */
	if (arena_span > (1UL << 30)) {
		fprintf(stderr, "host_mem_init: %lu MB of RAM do not fit the kernel half\n",
			ram_bytes >> 20);
		abort();
	}
	reserve_span = arena_span + ARENA_ALIGN;
	reserve_base = mmap(NULL, reserve_span, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (reserve_base == MAP_FAILED)
		die("mmap reserve");
	arena_base = (void *)(((unsigned long)reserve_base + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1));
	if (lowmem_bytes && mmap(arena_base, lowmem_bytes, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_FIXED, arena_fd, 0) == MAP_FAILED)
		die("mmap lowmem");

	host_page_offset = (unsigned long)arena_base;
	host_lowmem_size = lowmem_bytes;
	host_vmalloc_start = host_page_offset + vmalloc_off;
	host_vmalloc_end = host_vmalloc_start + vmalloc_size;
	host_pkmap_base = host_vmalloc_end + GUARD_SIZE;
	host_fixaddr_start = host_pkmap_base + PKMAP_SIZE + GUARD_SIZE;
	host_kmap_set_count = host_kmap_clear_count = host_kmap_errors = 0;
	for (unsigned long i = 0; i < sizeof(window_live); i++)
		window_live[i] = 0;
}

void host_mem_exit(void)
{
	if (arena_fd < 0)
		return;
	munmap(reserve_base, reserve_span);
	close(arena_fd);
	arena_fd = -1;
	arena_base = NULL;
}

bool host_mem_map_page(unsigned long vaddr, phys_addr_t phys, bool writable)
{
	void *va = (void *)vaddr;

	if ((vaddr & ~PAGE_MASK) || vaddr < host_vmalloc_start ||
	    vaddr >= host_vmalloc_start + VMALLOC_MAX_SIZE)
		return false;
	if ((phys & ~PAGE_MASK) == 0 && phys - PHYS_OFFSET < arena_ram) { /* unsigned: below too */
		if (mmap(va, PAGE_SIZE, writable ? PROT_READ | PROT_WRITE : PROT_READ,
			 MAP_SHARED | MAP_FIXED, arena_fd,
			 (off_t)(phys - PHYS_OFFSET)) == MAP_FAILED)
			die("mmap vmalloc page");
		return true;
	}
	/* Not RAM (device registers): nothing behind it on the host, so it faults. */
	host_mem_unmap_page(vaddr);
	return true;
}

void host_mem_unmap_page(unsigned long vaddr)
{
	if (mmap((void *)vaddr, PAGE_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
		die("mmap unmap page");
}

/* Index of the window at @vaddr, or -1 if @vaddr is not a PKMAP/FIXMAP page. */
static long window_index(unsigned long vaddr)
{
	if (vaddr & ~PAGE_MASK)
		return -1;
	if (vaddr >= host_pkmap_base && vaddr < host_pkmap_base + PKMAP_SIZE)
		return (long)((vaddr - host_pkmap_base) >> PAGE_SHIFT);
	if (vaddr >= host_fixaddr_start && vaddr < host_fixaddr_start + FIXADDR_SIZE)
		return (long)(PKMAP_PAGES + ((vaddr - host_fixaddr_start) >> PAGE_SHIFT));
	return -1;
}

void arch_kmap_set_pte(unsigned long vaddr, phys_addr_t phys)
{
	long w = window_index(vaddr);

	host_kmap_set_count++;
	if (w < 0 || (phys & ~PAGE_MASK) || (unsigned long)phys + 1 < PHYS_OFFSET + 1UL ||
	    phys - PHYS_OFFSET >= arena_ram || window_live[w]) {
		fprintf(stderr, "host arch_kmap_set_pte(%#lx, %#lx): bad window, page or remap\n",
			vaddr, (unsigned long)phys);
		host_kmap_errors++;
		return;
	}
	if (mmap((void *)vaddr, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, arena_fd,
		 (off_t)(phys - PHYS_OFFSET)) == MAP_FAILED)
		die("mmap kmap window");
	window_live[w] = 1;
}

void arch_kmap_clear_pte(unsigned long vaddr)
{
	long w = window_index(vaddr);

	host_kmap_clear_count++;
	if (w < 0 || !window_live[w]) {
		fprintf(stderr, "host arch_kmap_clear_pte(%#lx): not a live window\n", vaddr);
		host_kmap_errors++;
		return;
	}
	if (mmap((void *)vaddr, PAGE_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
		die("mmap unmap window");
	window_live[w] = 0;
}

unsigned long host_kmap_live(void)
{
	unsigned long i, n = 0;

	for (i = 0; i < sizeof(window_live); i++)
		n += window_live[i];
	return n;
}
