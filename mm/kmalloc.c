/*
 * kmalloc and friends: general-purpose allocation on a ladder of slab caches, one per
 * power of two from 32 bytes to 128 KB ("kmalloc-32" .. "kmalloc-131072"), each with a
 * twin in ZONE_DMA ("dma-kmalloc-<n>") for __GFP_DMA. Larger requests are whole blocks
 * from the page allocator; kfree() tells the two apart by the struct page (PG_slab, or
 * the PG_head of an allocated block with its order in page->private).
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <stdio.h>
#include <string.h>

#include "slab.h"

/* kmalloc memory may be handed to DMA: no two allocations share a cache line. */
#define ARCH_KMALLOC_MINALIGN CACHE_LINE_SIZE

struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1];

/*
 * __kmalloc()'s size-class lookup in one load: the kmalloc cache for a size, indexed by
 * the leading zeros of size - 1 (32 for size 1). NULL where the size is 0 (size - 1 wraps
 * to ~0: no leading zero) or above KMALLOC_MAX_CACHE_SIZE: the slow path's cases.
 */
static struct kmem_cache *kmalloc_cache_by_clz[33];

static __always_inline unsigned int size_clz(size_t size)
{
	unsigned int x = (unsigned int)size - 1;

	return x ? (unsigned int)__builtin_clz(x) : 32; /* one CLZ: ARM's CLZ of 0 is 32 */
}

void kmalloc_init(void)
{
	unsigned int i;
	char name[KMEM_CACHE_NAME_LEN];

	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	memset(kmalloc_dma_caches, 0, sizeof(kmalloc_dma_caches));
	for (i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		snprintf(name, sizeof(name), "kmalloc-%u", 1u << i);
		kmalloc_caches[i] =
			kmem_cache_create(name, 1u << i, ARCH_KMALLOC_MINALIGN, SLAB_PANIC, NULL);
	}
	for (i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		snprintf(name, sizeof(name), "dma-kmalloc-%u", 1u << i);
		kmalloc_dma_caches[i] = kmem_cache_create(name, 1u << i, ARCH_KMALLOC_MINALIGN,
							  SLAB_CACHE_DMA | SLAB_PANIC, NULL);
	}
	for (i = 0; i <= 32; i++) {
		/* clz i: size - 1 in [2^(31 - i), 2^(32 - i)), the class 2^(32 - i). */
		unsigned int shift = 32 - i;

		if (shift < KMALLOC_SHIFT_LOW)
			shift = KMALLOC_SHIFT_LOW;
		kmalloc_cache_by_clz[i] =
			i && shift <= KMALLOC_SHIFT_HIGH ? kmalloc_caches[shift] : NULL;
	}
}

static __noinline void *kmalloc_large(size_t size, gfp_t flags, void *caller)
{
	struct page *page;

	if (size > KMALLOC_MAX_SIZE) {
		if (!(flags & __GFP_NOWARN))
			pr_err("kmalloc: %u bytes requested, the largest is %u (caller %pS)\n",
			       (unsigned int)size, KMALLOC_MAX_SIZE, caller);
		return NULL;
	}
	page = alloc_pages(flags & ~__GFP_HIGHMEM, get_order(size));
	if (!page)
		return NULL;
	kmemleak_alloc(page_address(page), size, 1, flags);
	return page_address(page);
}

/* __kmalloc() of size 0, of a large size or from ZONE_DMA. */
static __noinline void *__kmalloc_slow(size_t size, gfp_t flags, void *caller)
{
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, flags, caller);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return __cache_alloc(
		(flags & __GFP_DMA ? kmalloc_dma_caches : kmalloc_caches)[kmalloc_index(size)],
		flags, caller, (unsigned int)size);
}

/**
 * __kmalloc - allocate memory from the kmalloc caches or, when large, the page allocator
 * @size: bytes wanted, 1 .. KMALLOC_MAX_SIZE
 * @flags: GFP mask; __GFP_DMA picks the dma-kmalloc-* caches, __GFP_ZERO zeroes
 *
 * The out-of-line body of kmalloc(): sizes up to KMALLOC_MAX_CACHE_SIZE come from the
 * smallest kmalloc-<2^n> cache that fits, larger ones are whole pages.
 *
 * Return: the memory, or NULL (reported unless __GFP_NOWARN).
 */
__hookable void *__kmalloc(size_t size, gfp_t flags)
{
	void *caller = __builtin_return_address(0);
	struct kmem_cache *cachep = kmalloc_cache_by_clz[size_clz(size)];

	if (unlikely(!cachep || (flags & __GFP_DMA)))
		return __kmalloc_slow(size, flags, caller);
	return __cache_alloc(cachep, flags, caller, (unsigned int)size);
}

/**
 * kcalloc - a zeroed array of @n elements of @size bytes
 * Return: the memory, or NULL when @n * @size overflows or memory is short.
 */
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		if (!(flags & __GFP_NOWARN))
			pr_err("kcalloc: %u x %u bytes overflows (caller %pS)\n", (unsigned int)n,
			       (unsigned int)size, __builtin_return_address(0));
		return NULL;
	}
	return __kmalloc(bytes, flags | __GFP_ZERO);
}

/* A whole-page allocation: free its block, which the page allocator checks. */
static __noinline void kfree_large(struct page *page, const void *objp, void *caller)
{
	if ((unsigned long)objp & ~PAGE_MASK) {
		pr_err("kfree: invalid free of 0x%08lx: not a slab object nor the start of a "
		       "kmalloc()ed block (caller %pS)\n",
		       (unsigned long)objp, caller);
		return;
	}
	kmemleak_free(objp);
	__free_pages(page, PageHead(page) ? (unsigned int)page->private : 0);
}

/* kfree() of NULL or ZERO_SIZE_PTR (ignored) or of an address outside the direct map. */
static __noinline void kfree_invalid(const void *objp, void *caller)
{
	if (ZERO_OR_NULL_PTR(objp))
		return;
	pr_err("kfree: invalid free of 0x%08lx: not a direct-mapped address (caller %pS)\n",
	       (unsigned long)objp, caller);
}

static __always_inline void __kfree(const void *objp, void *caller)
{
	struct page *page;

	/* NULL and ZERO_SIZE_PTR lie below the direct map: one test for all three. */
	if (unlikely(!virt_addr_valid(objp))) {
		kfree_invalid(objp, caller);
		return;
	}
	page = virt_to_page(objp);
	if (likely(PageSlab(page)))
		__cache_free(page->slab_cache, (void *)objp, caller);
	else
		kfree_large(page, objp, caller);
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the allocation; NULL and ZERO_SIZE_PTR are ignored
 *
 * Tells slab objects (PG_slab pages) from whole-page allocations by the struct page. An
 * address outside the direct map, or a page neither slab nor allocated, is reported and
 * ignored. Debug caches check the object as kmem_cache_free() does.
 */
__hookable void kfree(const void *objp)
{
	__kfree(objp, __builtin_return_address(0));
}

/**
 * ksize - the usable size of a kmalloc() allocation
 * Return: the size of its class (or its pages), 0 for NULL and ZERO_SIZE_PTR.
 */
size_t ksize(const void *objp)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(objp) || !virt_addr_valid(objp))
		return 0;
	if (unlikely(is_kfence_address(objp)))
		return kfence_ksize(objp); /* the size asked for, as Linux's kfence_ksize() */
	page = virt_to_page(objp);
	if (PageSlab(page))
		return page->slab_cache->object_size;
	if (PageHead(page))
		return PAGE_SIZE << page->private;
	return 0;
}

/**
 * krealloc - resize a kmalloc() allocation, keeping its contents
 * @p: the allocation (NULL or ZERO_SIZE_PTR: a plain kmalloc)
 * @new_size: the size wanted; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP mask for a new allocation
 * Return: @p itself when it is already big enough, else a new allocation holding the old
 * contents (@p freed); NULL on failure, @p untouched.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks;
	void *ret;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = ksize(p);
	if (ks >= new_size) {
		if (PageSlab(virt_to_page(p)) && !is_kfence_address(p) &&
		    unlikely(virt_to_page(p)->slab_cache->flags & SLAB_RED_ZONE))
			slab_debug_resize(virt_to_page(p)->slab_cache, (void *)p,
					  (unsigned int)new_size);
		return (void *)p;
	}
	ret = __kmalloc(new_size, flags);
	if (ret && !ZERO_OR_NULL_PTR(p)) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
}

/**
 * kfree_checked - kfree() with every check a debug cache does, whatever the cache's flags
 * @objp: a pointer that may not be a live kmalloc() object
 *
 * For callers that cannot trust the pointer (the shell): a double free, a pointer into the
 * middle of an object, an address that is not a slab object or kmalloc()ed block is
 * reported with cache, object and caller, and nothing changes. Slower than kfree(): it
 * walks the slab's free list and the array cache.
 * Return: 0 when freed, -1 when refused.
 */
int kfree_checked(const void *objp)
{
	void *caller = __builtin_return_address(0);
	struct kmem_cache *cachep;
	struct slab *slabp;
	unsigned long flags;
	unsigned int idx;
	bool ok;

	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	if (!virt_addr_valid(objp) || !PageSlab(virt_to_page(objp))) {
		/* Not a slab object: the page allocator's own checks decide. */
		__kfree(objp, caller);
		return virt_addr_valid(objp) && PageHead(virt_to_page(objp)) ? 0 : -1;
	}
	local_irq_save(flags);
	ok = slab_locate_object(NULL, objp, &cachep, &slabp, &idx, caller);
	if (ok && slab_obj_is_free(cachep, slabp, idx)) {
		slab_error(cachep, objp, caller, "double free");
		ok = false;
	}
	local_irq_restore(flags);
	if (ok)
		__kmem_cache_free_caller(cachep, (void *)objp, caller);
	return ok ? 0 : -1;
}

/**
 * kmem_ptr_is_free - whether @objp is the start of an object (or block) that is free now
 * Return: true for a free slab object or a free page; false for a live one or an address
 * the allocator does not own.
 */
bool kmem_ptr_is_free(const void *objp)
{
	struct kmem_cache *cachep;
	struct slab *slabp;
	unsigned long flags;
	unsigned int idx;
	struct page *page;
	bool free;

	if (ZERO_OR_NULL_PTR(objp) || !virt_addr_valid(objp))
		return false;
	page = virt_to_page(objp);
	if (!PageSlab(page))
		return !((unsigned long)objp & ~PAGE_MASK) && !PageHead(page) &&
		       !PageReserved(page);
	local_irq_save(flags);
	free = slab_locate_object(NULL, objp, &cachep, &slabp, &idx, NULL) &&
	       slab_obj_is_free(cachep, slabp, idx);
	local_irq_restore(flags);
	return free;
}
