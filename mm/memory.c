/*
 * User page tables and demand paging (include/mm/mmap.h). Tables: the 8 KB first-level
 * table of the mm (TTBR0), and second-level tables one page at a time, each page holding
 * the four 1 KB tables of four consecutive MB (as the kernel's, mm/pgtable_kernel.c).
 *
 * Faults (handle_user_fault(), called by arch/arm/mm/fault.c):
 * - first read of never-written anonymous memory maps the shared zero page read-only;
 * - first write allocates a GFP_HIGHUSER page (highmem first), zeroed through
 *   kmap_atomic(), and maps it writable; a write to the zero page replaces it likewise;
 * - a page of a program segment is filled from the image through kmap_atomic();
 * - a write to a page fork() shares read-only (copy_page_range()) copies it through two
 *   kmap_atomic() windows into a page of its own (do_wp_page()), or, when no other PTE
 *   maps it any more (page->_mapcount == 1), just makes it writable again;
 * - in a MAP_SHARED mapping the page is the shared object's at that offset
 *   (mm/shmem.c), allocated there on first touch and the same in every process that
 *   maps the object: never the zero page, never copied (do_shared_fault());
 * - a page that cannot be had calls the OOM killer (mm/oom_kill.c): when it chose
 *   another task, the faulting one waits a tick for the victim's memory and retries.
 * Every user PTE is non-global (nG: tagged with the ASID) and either writable or
 * executable, never both. Changing or removing a live PTE invalidates that one TLB entry
 * (by address and ASID).
 *
 * Operations on a range (zap_page_range(), change_protection(), copy_page_range()) go
 * through one walk, for_each_pte_table() / for_each_present_pte(): table by table, a
 * missing second-level table skips its whole MB, an empty PTE is passed over.
 */
#include <asm/cacheflush.h>
#include <asm/fault.h>
#include <asm/mmu.h>
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/oom.h>
#include <mm/shmem.h>
#include <mm/vmstat.h>
#include <string.h>

static u8 empty_zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);

unsigned long nr_cow_copies, nr_cow_reuses, nr_fork_shared;

#define L2_GROUP 4 /* first-level entries served by one table page */

static pte_t *pte_offset(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pmd_t *pmd = &mm->pgd[pmd_index(addr)];
	unsigned int first, i;
	struct page *page;
	u8 *tables;

	if (*pmd)
		return (pte_t *)__va(*pmd & PMD_TABLE_BASE_MASK) + pte_index(addr);
	if (!alloc)
		return NULL;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return NULL;
	tables = page_address(page);
	dmac_clean_range((unsigned long)tables, (unsigned long)tables + PAGE_SIZE);
	first = pmd_index(addr) & ~(L2_GROUP - 1);
	for (i = 0; i < L2_GROUP; i++)
		set_pmd(&mm->pgd[first + i], mk_pmd_table(__pa(tables + i * L2_TABLE_SIZE)));
	mm->nr_ptes++;
	return (pte_t *)__va(*pmd & PMD_TABLE_BASE_MASK) + pte_index(addr);
}

/*
 * The one walk over the present PTEs of [start, end) of an address space, Linux's
 * pmd/pte loop nest for two levels:
 *
 *	for_each_pte_table(&w, mm, start, end)
 *		for_each_present_pte(&w, ptep)
 *			... *ptep maps pte_walk_addr(&w, ptep) ...
 *
 * w.pte[0 .. w.nr) are the current table's entries inside the range, w.addr the address
 * w.pte[0] maps, so a caller that writes entries with __set_pte_nosync() makes them
 * visible with one sync_ptes(w.pte, w.nr) per table.
 */
struct pte_walk {
	const pmd_t *pgd;
	unsigned long next, end; /* the rest of the range: [next, end) */
	unsigned long addr;	 /* the address w.pte[0] maps */
	pte_t *pte;
	unsigned int nr;
};

/* Move @w to the next second-level table that exists. Return: false at the end. */
static bool pte_walk_next_table(struct pte_walk *w)
{
	while (w->next < w->end) {
		unsigned long addr = w->next;
		pmd_t pmd = w->pgd[pmd_index(addr)];

		/* User addresses end at TASK_SIZE: the MB boundary cannot wrap. */
		w->next = min((addr | (SECTION_SIZE - 1)) + 1, w->end);
		if (!pmd)
			continue;
		w->addr = addr;
		w->pte = (pte_t *)__va(pmd & PMD_TABLE_BASE_MASK) + pte_index(addr);
		w->nr = (w->next - addr) >> PAGE_SHIFT;
		return true;
	}
	return false;
}

#define for_each_pte_table(w, mm, first, last)                                             \
	for (*(w) = (struct pte_walk){ .pgd = (mm)->pgd, .next = (first), .end = (last) }; \
	     pte_walk_next_table(w);)

#define for_each_present_pte(w, ptep)                                  \
	for ((ptep) = (w)->pte; (ptep) < (w)->pte + (w)->nr; (ptep)++) \
		if (!*(ptep)) {                                        \
		} else

#define pte_walk_addr(w, ptep) ((w)->addr + ((unsigned long)((ptep) - (w)->pte) << PAGE_SHIFT))

/* The PTE of @phys in @vma: writable only when asked and the VMA allows it. */
static pte_t mk_user_pte(const struct vm_area_struct *vma, phys_addr_t phys, bool writable)
{
	pte_t pte = phys | vma->vm_page_prot;

	return writable ? pte : pte_wrprotect(pte);
}

/*
 * The zero page is the one user page mapped write-back without write-allocate (TEX 000,
 * MT_NORMAL_WB) where every other is MT_NORMAL (TEX 001): nothing ever writes to it, so
 * the allocation policy changes nothing, and one bit then tells an entry that maps a
 * counted page (a reference and a mapping per entry) from an empty one and from one of
 * the zero page - Linux's pte_special() - in one test, in fork()'s loop over every page.
 */
#define PTE_COUNTED (1u << PTE_SMALL_TEX_SHIFT)

static pte_t mk_zero_pte(const struct vm_area_struct *vma)
{
	return mk_user_pte(vma, __pa(empty_zero_page), false) & ~PTE_COUNTED;
}

static bool pte_counted(pte_t pte)
{
	return pte & PTE_COUNTED;
}

static void set_user_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	bool was_present = *ptep != 0;

	set_pte(ptep, pte);
	if (was_present)
		flush_tlb_user_page(addr, mm->context.id & ASID_MASK);
}

/* A zeroed (anonymous) or image-filled page for @addr of @vma. */
static struct page *new_user_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	u8 *kaddr;

	if (!page)
		return NULL;
	page->_mapcount = 1;
	kaddr = kmap_atomic(page);
	memset(kaddr, 0, PAGE_SIZE);
	if (vma->vm_image) {
		unsigned long lo = max(addr, vma->vm_image_start);
		unsigned long hi = min(addr + PAGE_SIZE, vma->vm_image_end);

		if (lo < hi)
			memcpy(kaddr + (lo - addr), vma->vm_image + (lo - vma->vm_image_start),
			       hi - lo);
	}
	if (vma->vm_flags & VM_EXEC)
		flush_icache_user_page(kaddr);
	kunmap_atomic(kaddr);
	return page;
}

static struct page *pte_page(pte_t pte)
{
	return pfn_to_page((pte & PTE_SMALL_BASE_MASK) >> PAGE_SHIFT);
}

/*
 * A write to a present read-only page of a writable private mapping: fork() shares it.
 * The last mapper takes it over; any other gets a copy made through kmap_atomic().
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep)
{
	struct page *old = pte_page(*ptep), *new;
	u8 *src, *dst;

	if (old->_mapcount == 1) {
		nr_cow_reuses++;
		set_user_pte(mm, addr, ptep, mk_user_pte(vma, page_to_phys(old), true));
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	if (!new)
		return VM_FAULT_OOM;
	if (cpu_dcache_is_aliasing())
		flush_cache_all(); /* the user alias's dirty lines reach the page first */
	src = kmap_atomic(old);
	dst = kmap_atomic(new);
	copy_page(dst, src);
	kunmap_atomic(dst);
	kunmap_atomic(src);
	new->_mapcount = 1;
	nr_anon_pages++;
	nr_cow_copies++;
	set_user_pte(mm, addr, ptep, mk_user_pte(vma, page_to_phys(new), true));
	/* Still mapped (and so referenced) by another space: never the last reference. */
	old->_mapcount--;
	page_ref_dec(old);
	return 0;
}

/*
 * A fault in a MAP_SHARED mapping: map the shared object's page for @addr (allocated
 * there on first touch), writable when the VMA is. Its PTE holds a reference and a
 * mapping like any other; the object keeps its own reference.
 */
static int do_shared_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
			   pte_t *ptep)
{
	unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	bool writable = vma->vm_flags & VM_WRITE;
	struct page *page;
	int err;

	if (*ptep) {
		/* A retried access, or a write where the entry lags behind mprotect(). */
		if (writable && !pte_write(*ptep))
			set_user_pte(mm, addr, ptep,
				     mk_user_pte(vma, *ptep & PTE_SMALL_BASE_MASK, true));
		return 0;
	}
	err = shmem_getpage(vma->vm_shmem, index, &page);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGSEGV_MAPERR;
	get_page(page);
	page->_mapcount++;
	mm->rss_shmem++;
	set_user_pte(mm, addr, ptep, mk_user_pte(vma, page_to_phys(page), writable));
	return 0;
}

/*
 * No page for a fault: let the OOM killer choose. When it killed another task, a fault
 * from user mode waits one tick for the victim to exit and is retried.
 */
static int fault_oom(unsigned int flags)
{
	if (!out_of_memory(current) || signal_pending(current) || !(flags & FAULT_FLAG_USER))
		return VM_FAULT_OOM;
	schedule_timeout(1);
	return 0;
}

/**
 * handle_user_fault - resolve a fault at user address @addr in the current address space
 * @addr: the faulting address, below TASK_SIZE
 * @flags: FAULT_FLAG_*
 * Return: 0 when the access can be retried, else a VM_FAULT_* reason.
 */
int handle_user_fault(unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool write = flags & FAULT_FLAG_WRITE;
	struct page *page;
	pte_t *ptep;

	count_vm_event(PGFAULT);
	if (!mm)
		return VM_FAULT_SIGSEGV_MAPERR;
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start)
		return VM_FAULT_SIGSEGV_MAPERR;
	if ((write && !(vma->vm_flags & VM_WRITE)) ||
	    ((flags & FAULT_FLAG_INSTRUCTION) && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return VM_FAULT_SIGSEGV_ACCERR;
	addr &= PAGE_MASK;
	ptep = pte_offset(mm, addr, true);
	if (!ptep)
		return fault_oom(flags);
	if (vma->vm_shmem) {
		int ret = do_shared_fault(mm, vma, addr, ptep);

		return ret == VM_FAULT_OOM ? fault_oom(flags) : ret;
	}
	if (*ptep) {
		if (!write || pte_write(*ptep))
			return 0; /* already resolved (a retried access) */
		if (pte_counted(*ptep)) {
			int ret = do_wp_page(mm, vma, addr, ptep);

			return ret == VM_FAULT_OOM ? fault_oom(flags) : ret;
		}
		/* Write to the zero page: a page of its own from now on. */
	} else if (!write && !vma->vm_image) {
		set_user_pte(mm, addr, ptep, mk_zero_pte(vma));
		return 0;
	}
	page = new_user_page(vma, addr);
	if (!page)
		return fault_oom(flags);
	mm->rss_anon++;
	nr_anon_pages++;
	set_user_pte(mm, addr, ptep,
		     mk_user_pte(vma, page_to_phys(page), vma->vm_flags & VM_WRITE));
	return 0;
}

/*
 * The TLB entries a range operation must drop: entries are rewritten without a flush each,
 * and [start, end) of the ones that were live is flushed once at the end.
 */
struct tlb_range {
	unsigned long start, end;
};

static inline void tlb_range_add(struct tlb_range *r, unsigned long addr)
{
	if (r->end == 0)
		r->start = addr;
	r->end = addr + PAGE_SIZE;
}

static void tlb_range_flush(struct mm_struct *mm, const struct tlb_range *r)
{
	if (r->end)
		flush_tlb_user_range(r->start, r->end, mm->context.id & ASID_MASK);
}

/**
 * zap_page_range - unmap and free the pages of [@start, @start + @size) of @vma
 * @vma: the VMA; its address space need not be the active one
 * @start: first byte, page aligned
 * @size: bytes, page aligned
 *
 * Each counted page loses a mapping and a reference. A private (anonymous) page leaves
 * AnonPages with its last mapping and is freed with its last reference; a shared one
 * stays in its object (mm/shmem.c), which holds its own reference. The zero page is only
 * unmapped. RSS drops. The entries are cleared table by table with one cache clean per
 * table, and the TLB entries of the range are dropped once at the end: a page freed
 * before that flush cannot be reached meanwhile, since nothing runs in this address
 * space until the caller returns. The tables stay (free_pgtables()).
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	struct mm_struct *mm = vma->vm_mm;
	struct tlb_range tlb = { 0 };
	struct pte_walk w;
	pte_t *ptep;

	if (cpu_dcache_is_aliasing())
		flush_cache_all(); /* lines of the user aliases go before the pages do */
	for_each_pte_table(&w, mm, start, start + size) {
		for_each_present_pte(&w, ptep) {
			pte_t pte = *ptep;
			struct page *page;

			__set_pte_nosync(ptep, 0);
			tlb_range_add(&tlb, pte_walk_addr(&w, ptep));
			if (!pte_counted(pte))
				continue;
			page = pte_page(pte);
			page->_mapcount--;
			if (vma->vm_shmem) {
				page_ref_dec(page); /* the object holds another */
				mm->rss_shmem--;
				continue;
			}
			if (page->_mapcount == 0)
				nr_anon_pages--;
			__free_page(page);
			mm->rss_anon--;
		}
		sync_ptes(w.pte, w.nr);
	}
	tlb_range_flush(mm, &tlb);
}

/**
 * change_protection - rewrite the PTEs of [@start, @end) of @vma for its new protection
 * @vma: the VMA, whose vm_flags and vm_page_prot mprotect() has just changed
 * @start: first byte, page aligned
 * @end: end, page aligned
 *
 * Present pages get vm_page_prot; pages not yet faulted in are left to the fault
 * handler. A private page another space still maps (after fork()) stays read-only: its
 * first write copies it; so does the zero page. One cache clean per table, one TLB
 * flush for the range.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	bool write = vma->vm_flags & VM_WRITE, shared = vma->vm_flags & VM_SHARED;
	struct tlb_range tlb = { 0 };
	struct pte_walk w;
	pte_t *ptep;

	for_each_pte_table(&w, mm, start, end) {
		for_each_present_pte(&w, ptep) {
			pte_t pte = *ptep;

			if (!pte_counted(pte))
				pte = mk_zero_pte(vma);
			else
				pte = mk_user_pte(
					vma, pte & PTE_SMALL_BASE_MASK,
					write && (shared || pte_page(pte)->_mapcount == 1));
			__set_pte_nosync(ptep, pte);
			tlb_range_add(&tlb, pte_walk_addr(&w, ptep));
		}
		sync_ptes(w.pte, w.nr);
	}
	tlb_range_flush(mm, &tlb);
}

/*
 * fork()'s copy of one table run, @nr entries of the parent from @ptep to the child's
 * @dst: each counted page gets a reference and a mapping more and, with @cow (a private
 * writable mapping), a read-only entry in both; empty and zero-page entries are copied as
 * they are. Entries are written without a clean each. Inlined once per value of @cow:
 * the loop over every page of a fork tests nothing it does not need.
 * Return: the entries that map no counted page.
 */
static __always_inline unsigned int copy_pte_run(pte_t *dst, pte_t *ptep, unsigned int nr, bool cow)
{
	pte_t *end = ptep + nr;
	unsigned int skipped = 0;

	for (; ptep < end; ptep++, dst++) {
		pte_t pte = *ptep;
		struct page *page;

		if (pte_counted(pte)) {
			page = pte_page(pte);
			get_page(page);
			page->_mapcount++;
			if (cow) {
				pte = pte_wrprotect(pte);
				__set_pte_nosync(ptep, pte);
			}
		} else {
			skipped++;
		}
		__set_pte_nosync(dst, pte);
	}
	return skipped;
}

/**
 * copy_page_range - share the pages of @vma in @src with @dst, as fork() does
 * @dst: the child's address space, with a copy of @vma at the same addresses
 * @src: the parent's address space
 * @vma: the parent's VMA
 *
 * Table by table: every present page gets one more reference and one more mapping, and
 * the child's entry is the parent's. In a private writable mapping the parent's entries
 * become read-only too, so the first write of either copies the page (do_wp_page()). The
 * zero page is mapped as it is. A MAP_SHARED mapping is not copied at all, as in Linux:
 * the child maps its shared object's pages when it touches them. Entries are
 * written without a clean each, one clean per table run; the parent's stale writable
 * TLB entries are the caller's to drop, once for the whole fork (dup_mm()).
 * Return: 0, or -ENOMEM when a second-level table for @dst cannot be had.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_WRITE)) == VM_WRITE;
	unsigned int skipped;
	struct pte_walk w;

	if (vma->vm_shmem)
		return 0;
	for_each_pte_table(&w, src, vma->vm_start, vma->vm_end) {
		pte_t *dpte = pte_offset(dst, w.addr, true);

		if (!dpte)
			return -ENOMEM;
		if (cow)
			skipped = copy_pte_run(dpte, w.pte, w.nr, true);
		else
			skipped = copy_pte_run(dpte, w.pte, w.nr, false);
		if (cow)
			sync_ptes(w.pte, w.nr);
		sync_ptes(dpte, w.nr);
		dst->rss_anon += w.nr - skipped;
		nr_fork_shared += w.nr - skipped;
	}
	return 0;
}

/**
 * free_pgtables - free the second-level tables and the first-level table of @mm
 * @mm: an address space whose pages were all zapped
 */
void free_pgtables(struct mm_struct *mm)
{
	unsigned int i;

	for (i = 0; i < USER_PTRS_PER_PGD; i += L2_GROUP) {
		if (!mm->pgd[i] && !mm->pgd[i + 1] && !mm->pgd[i + 2] && !mm->pgd[i + 3])
			continue;
		free_page((unsigned long)__va(mm->pgd[i] & PAGE_MASK));
		mm->nr_ptes--;
		mm->pgd[i] = mm->pgd[i + 1] = mm->pgd[i + 2] = mm->pgd[i + 3] = 0;
	}
}
