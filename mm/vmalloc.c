/*
 * vmalloc, vmap and the vm_struct bookkeeping of the vmalloc area. The ranges come from
 * the vmap_area allocator (guard page included), the mappings from map_kernel_pages(),
 * the pages from the page allocator one at a time, highmem first. Invariant: an area's
 * pages are mapped exactly while its vm_struct is reachable through its vmap_area.
 */
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <mm/kmemleak.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>
#include <asm/mmu.h>
#include <stdio.h>
#include <string.h>

/**
 * vmalloc_init - set up the vmalloc area, VMALLOC_START .. VMALLOC_END
 */
void vmalloc_init(void)
{
	kernel_pgtable_init();
	vmap_area_init(VMALLOC_START, VMALLOC_END);
}

/* vmalloc sleeps: refuse atomic callers the way Linux reports them. */
static bool vmalloc_context_ok(void)
{
	if (in_atomic() || irqs_disabled()) {
		might_sleep();
		return false;
	}
	return true;
}

/*
 * A vmalloc of up to this many pages keeps its page array inside the vm_struct's own
 * allocation (one kmalloc and one kfree fewer): 32 bytes of struct and 8 pointers.
 */
#define VM_INLINE_PAGES 8

/* get_vm_area_caller() with @extra bytes after the vm_struct, for its page array. */
static struct vm_struct *__get_vm_area(unsigned long size, unsigned long align, unsigned long flags,
				       const void *caller, size_t extra)
{
	struct vm_struct *area;
	struct vmap_area *va;

	size = PAGE_ALIGN(size);
	if (!size || size > VMALLOC_TOTAL)
		return NULL;
	/* Every field is set below: no zeroing. */
	area = kmalloc(sizeof(*area) + extra, GFP_KERNEL);
	if (!area)
		return NULL;
	va = alloc_vmap_area(size, max(align, (unsigned long)PAGE_SIZE), GFP_KERNEL);
	if (!va) {
		kfree(area);
		return NULL;
	}
	/*
	 * Its only reference is va->vm, in the vmap_area node pool, which kmemleak does not
	 * scan: never a leak. Scanned, its addr counts for the vmalloc area (min_count 2).
	 */
	kmemleak_not_leak(area);
	va->vm = area;
	area->va = va;
	area->addr = (void *)va->va_start;
	area->size = size;
	area->flags = flags;
	area->pages = NULL;
	area->nr_pages = 0;
	area->phys_addr = 0;
	area->caller = caller;
	return area;
}

/**
 * get_vm_area_caller - reserve an area of the vmalloc range, with no pages mapped
 * @size: bytes, rounded up to pages; a guard page is added after
 * @align: alignment of the start (a power of two, at least PAGE_SIZE)
 * @flags: VM_* kind of the area (VM_IOREMAP, VM_ALLOC...)
 * @caller: shown in vmallocinfo
 *
 * Used by ioremap and the DMA remaps, which map their own pages.
 *
 * Return: the area, or NULL.
 */
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long align, unsigned long flags,
				     const void *caller)
{
	return __get_vm_area(size, align, flags, caller, 0);
}

/**
 * find_vm_area - the area of the vmalloc range that starts at @addr
 * @addr: the start address of an area
 *
 * Return: its vm_struct, or NULL.
 */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? va->vm : NULL;
}

/* Unmap and release @area's range; the vm_struct stays the caller's. */
static void __remove_vm_area(struct vm_struct *area)
{
	unmap_kernel_range((unsigned long)area->addr, area->size);
	free_vmap_area(area->va);
	area->va = NULL;
}

/**
 * remove_vm_area - unmap and release an area found by its start address
 * @addr: the start of the area
 *
 * Return: the area's vm_struct, for the caller to free, or NULL when no area starts there.
 */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vm_struct *area = find_vm_area(addr);

	if (!area || area->addr != addr)
		return NULL;
	__remove_vm_area(area);
	return area;
}

static void free_area_pages(struct page **pages, unsigned int nr)
{
	while (nr--)
		__free_pages(pages[nr], 0);
}

/* Free @area's page array unless it lives inside the vm_struct. */
static void free_page_array(struct vm_struct *area)
{
	if (area->pages != (struct page **)(area + 1))
		kfree(area->pages);
}

static void *__vmalloc_caller(unsigned long size, gfp_t gfp, const struct pt_attrs *prot,
			      unsigned long vm_flags, const void *caller)
{
	unsigned long asked = size;
	struct vm_struct *area;
	unsigned int nr, i;

	if (!vmalloc_context_ok())
		return NULL;
	size = PAGE_ALIGN(size); /* 0 when rounding up overflows */
	if (!size || size > VMALLOC_TOTAL) {
		pr_warn("vmalloc: size %lu is out of range (caller %pS)\n", asked, caller);
		return NULL;
	}
	nr = (unsigned int)(size >> PAGE_SHIFT);
	area = __get_vm_area(size, PAGE_SIZE, vm_flags, caller,
			     nr <= VM_INLINE_PAGES ? nr * sizeof(struct page *) : 0);
	if (!area)
		goto fail;
	if (nr <= VM_INLINE_PAGES) {
		area->pages = (struct page **)(area + 1);
	} else {
		area->pages =
			kmalloc(nr * sizeof(struct page *), (gfp & ~__GFP_HIGHMEM) | __GFP_NOWARN);
		if (!area->pages)
			goto fail_area;
		/* struct page pointers only, and stale words after them: nothing to scan. */
		kmemleak_no_scan(area->pages);
	}
	/*
	 * As Linux since 5.13: the preferred zone's per-CPU list in bulk, then one page at a
	 * time for what it could not give (another zone, reclaim). The bulk call fills the
	 * empty array from the start.
	 */
	i = 0;
	if (nr > 1) {
		memset(area->pages, 0, nr * sizeof(struct page *));
		i = (unsigned int)alloc_pages_bulk(gfp | __GFP_NOWARN, nr, area->pages);
	}
	for (; i < nr; i++) {
		area->pages[i] = alloc_page(gfp | __GFP_NOWARN);
		if (!area->pages[i])
			break;
	}
	area->nr_pages = i;
	if (i < nr)
		goto fail_pages;
	if (map_kernel_pages((unsigned long)area->addr, area->pages, nr, prot, gfp))
		goto fail_pages;
	kmemleak_vmalloc(area, size, gfp);
	return area->addr;

fail_pages:
	/* A failure half-way gives back everything taken so far. */
	free_area_pages(area->pages, area->nr_pages);
	free_page_array(area);
fail_area:
	free_vmap_area(area->va);
	kfree(area);
fail:
	if (!(gfp & __GFP_NOWARN))
		pr_warn("vmalloc: allocation failure: %lu bytes (caller %pS)\n", size, caller);
	return NULL;
}

/**
 * __vmalloc - allocate virtually contiguous memory with explicit attributes
 * @size: bytes wanted, rounded up to whole pages
 * @gfp: GFP mask for the backing pages (highmem allowed with __GFP_HIGHMEM)
 * @prot: attributes of the mapping (normal cached, uncached...)
 *
 * Must not be called from atomic context (reported, and NULL returned).
 *
 * Return: the start of the area, or NULL.
 */
void *__vmalloc(unsigned long size, gfp_t gfp, const struct pt_attrs *prot)
{
	return __vmalloc_caller(size, gfp, prot, VM_ALLOC, __builtin_return_address(0));
}

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: bytes, rounded up to whole pages
 * Return: the address, or NULL. Pages come from any zone, highmem first.
 */
__hookable void *vmalloc(unsigned long size)
{
	return __vmalloc_caller(size, GFP_KERNEL | __GFP_HIGHMEM, &PAGE_KERNEL, VM_ALLOC,
				__builtin_return_address(0));
}

/**
 * vzalloc - vmalloc() zeroed memory
 * @size: bytes wanted
 *
 * Return: the area, or NULL.
 */
void *vzalloc(unsigned long size)
{
	return __vmalloc_caller(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO, &PAGE_KERNEL,
				VM_ALLOC, __builtin_return_address(0));
}

/**
 * vmalloc_user - vmalloc() zeroed memory meant for user space
 * @size: bytes wanted
 *
 * Return: the area, or NULL.
 */
void *vmalloc_user(unsigned long size)
{
	return __vmalloc_caller(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO, &PAGE_KERNEL,
				VM_ALLOC | VM_USERMAP, __builtin_return_address(0));
}

/* Remove an area of the given kind; report anything that is not the start of one. */
static struct vm_struct *take_area(const void *addr, unsigned long kinds, const char *who,
				   void *caller)
{
	struct vm_struct *area = find_vm_area(addr);

	if (!area || area->addr != addr || !(area->flags & kinds)) {
		pr_err("%s: bad address 0x%08lx: not the start of a %s area (caller %pS)\n", who,
		       (unsigned long)addr, kinds == VM_MAP ? "vmap" : "vmalloc", caller);
		return NULL;
	}
	__remove_vm_area(area); /* found once: no second lookup */
	return area;
}

/**
 * vfree - release memory from vmalloc()
 * @addr: the address vmalloc() returned; NULL is ignored
 *
 * Anything else (an address inside an area, a vmap or ioremap area, a second vfree) is
 * reported and ignored.
 */
__hookable void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	if (in_interrupt()) {
		pr_err("vfree: called from interrupt context (caller %pS)\n",
		       __builtin_return_address(0));
		return;
	}
	area = take_area(addr, VM_ALLOC, "vfree", __builtin_return_address(0));
	if (!area)
		return;
	kmemleak_free(addr);
	free_area_pages(area->pages, area->nr_pages);
	free_page_array(area);
	kfree(area);
}

/**
 * vmap - map pages the caller owns into one virtually contiguous range
 * Return: the address, or NULL. vunmap() removes the mapping; the pages stay the caller's.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   const struct pt_attrs *prot)
{
	struct vm_struct *area;

	if (!vmalloc_context_ok() || !count)
		return NULL;
	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, PAGE_SIZE, flags | VM_MAP,
				  __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_kernel_pages((unsigned long)area->addr, pages, count, prot, GFP_KERNEL)) {
		free_vmap_area(area->va);
		kfree(area);
		return NULL;
	}
	area->nr_pages = count;
	return area->addr;
}

/**
 * vunmap - remove a mapping made by vmap()
 * @addr: the address vmap() returned; the pages are not freed
 */
void vunmap(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = take_area(addr, VM_MAP, "vunmap", __builtin_return_address(0));
	kfree(area);
}

/**
 * vmalloc_to_page - the page behind a vmalloc-area address
 * Return: the struct page, or NULL when @addr is not mapped or not in the area.
 */
struct page *vmalloc_to_page(const void *addr)
{
	struct pt_walk w;

	if (!is_vmalloc_addr(addr) || !pt_walk(swapper_pg_dir, (unsigned long)addr, &w))
		return NULL;
	return pfn_valid(w.phys >> PAGE_SHIFT) ? pfn_to_page(w.phys >> PAGE_SHIFT) : NULL;
}

/* /proc/vmallocinfo: range (guard page included, as Linux), size, caller, pages, kind. */
static int vmallocinfo_one(struct vmap_area *va, void *arg)
{
	struct vm_struct *vm = va->vm;
	char extra[48] = "";

	if (!vm)
		return 0;
	if (vm->nr_pages)
		snprintf(extra, sizeof(extra), " pages=%u", vm->nr_pages);
	if (vm->flags & (VM_IOREMAP | VM_DMA_COHERENT))
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), " phys=0x%08x",
			 vm->phys_addr);
	printk("0x%08lx-0x%08lx %8lu %pS%s%s%s%s%s%s\n", va->va_start, va->va_end + PAGE_SIZE,
	       vm->size + PAGE_SIZE, vm->caller, extra, (vm->flags & VM_IOREMAP) ? " ioremap" : "",
	       (vm->flags & VM_ALLOC) ? " vmalloc" : "", (vm->flags & VM_MAP) ? " vmap" : "",
	       (vm->flags & VM_USERMAP) ? " user" : "",
	       (vm->flags & VM_DMA_COHERENT) ? " dma-coherent" : "");
	return 0;
}

/**
 * show_vmallocinfo - print /proc/vmallocinfo
 */
void show_vmallocinfo(void)
{
	vmap_area_for_each(vmallocinfo_one, NULL);
}

/**
 * vmalloc_usage - meminfo's vmalloc figures
 * @used_bytes: set to the bytes in busy areas
 * @largest_free_bytes: set to the largest free range
 */
void vmalloc_usage(unsigned long *used_bytes, unsigned long *largest_free_bytes)
{
	*used_bytes = vmap_area_used();
	*largest_free_bytes = vmap_area_largest_free();
}
