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

static pte_t mk_user_pte(phys_addr_t phys, unsigned int vm_flags, bool writable)
{
	struct pt_attrs a = {
		.type = MT_NORMAL,
		.ro = !writable,
		.xn = !(vm_flags & VM_EXEC),
		.user = true,
	};

	/* W^X: a writable mapping never executes (VMAs with both are refused earlier). */
	if (writable)
		a.xn = true;
	return mk_pte_small(phys, &a) | PTE_nG;
}

static bool pte_writable(pte_t pte)
{
	return !(pte & PTE_APX);
}

static void set_user_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	bool was_present = *ptep != 0;

	set_pte(ptep, pte);
	if (was_present)
		flush_tlb_user_page(addr, mm->context.id & ASID_MASK);
}

static bool is_zero_pte(pte_t pte)
{
	return (pte & PTE_SMALL_BASE_MASK) == __pa(empty_zero_page);
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
		set_user_pte(mm, addr, ptep, mk_user_pte(page_to_phys(old), vma->vm_flags, true));
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
	set_user_pte(mm, addr, ptep, mk_user_pte(page_to_phys(new), vma->vm_flags, true));
	old->_mapcount--; /* still >= 1: another space maps it */
	__free_page(old);
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
	if (*ptep) {
		if (!write || pte_writable(*ptep))
			return 0; /* already resolved (a retried access) */
		if (!is_zero_pte(*ptep)) {
			int ret = do_wp_page(mm, vma, addr, ptep);

			return ret == VM_FAULT_OOM ? fault_oom(flags) : ret;
		}
		/* Write to the zero page: a page of its own from now on. */
	} else if (!write && !vma->vm_image) {
		set_user_pte(mm, addr, ptep,
			     mk_user_pte(__pa(empty_zero_page), vma->vm_flags, false));
		return 0;
	}
	page = new_user_page(vma, addr);
	if (!page)
		return fault_oom(flags);
	mm->rss_anon++;
	nr_anon_pages++;
	set_user_pte(mm, addr, ptep,
		     mk_user_pte(page_to_phys(page), vma->vm_flags, vma->vm_flags & VM_WRITE));
	return 0;
}

/**
 * zap_page_range - unmap and free the pages of [@start, @end) in @mm
 * @mm: the address space
 * @start: first byte, page aligned
 * @end: end, page aligned
 *
 * Each anonymous page loses a mapping and a reference: the last mapping takes it out of
 * AnonPages, the last reference frees it (the zero page is only unmapped). RSS drops and
 * each TLB entry is flushed under the space's ASID. The tables stay (free_pgtables()).
 */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct pte_walk w;
	pte_t *ptep;

	if (cpu_dcache_is_aliasing())
		flush_cache_all(); /* lines of the user aliases go before the pages do */
	for_each_pte_table(&w, mm, start, end) {
		for_each_present_pte(&w, ptep) {
			pte_t pte = *ptep;
			struct page *page;

			set_user_pte(mm, pte_walk_addr(&w, ptep), ptep, 0);
			if (is_zero_pte(pte))
				continue;
			page = pte_page(pte);
			if (--page->_mapcount == 0)
				nr_anon_pages--;
			__free_page(page);
			mm->rss_anon--;
		}
	}
}

/**
 * change_protection - rewrite the PTEs of [@start, @end) for new VMA flags (mprotect)
 * @mm: the address space
 * @start: first byte, page aligned
 * @end: end, page aligned
 * @vm_flags: the new VM_READ/VM_WRITE/VM_EXEC flags
 *
 * Present pages get the access bits of @vm_flags and their TLB entries are flushed one
 * by one under the space's ASID; pages not yet faulted in are left to the fault handler.
 * A private page another space still maps (after fork()) stays read-only: its first
 * write copies it.
 */
void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned int vm_flags)
{
	struct pte_walk w;
	pte_t *ptep;

	for_each_pte_table(&w, mm, start, end) {
		for_each_present_pte(&w, ptep) {
			unsigned long addr = pte_walk_addr(&w, ptep);
			pte_t pte = *ptep;

			if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
				/* PROT_NONE: keep the page, drop the access (the next touch
				 * faults). */
				set_user_pte(mm, addr, ptep,
					     (pte & PTE_SMALL_BASE_MASK) | PTE_TYPE_SMALL |
						     PTE_SMALL_XN | (1u << 4) | PTE_APX | PTE_nG);
				continue;
			}
			set_user_pte(mm, addr, ptep,
				     mk_user_pte(pte & PTE_SMALL_BASE_MASK, vm_flags,
						 (vm_flags & VM_WRITE) && !is_zero_pte(pte) &&
							 ((vm_flags & VM_SHARED) ||
							  pte_page(pte)->_mapcount == 1)));
		}
	}
}

/**
 * copy_page_range - share the pages of @vma in @src with @dst, as fork() does
 * @dst: the child's address space, with a copy of @vma at the same addresses
 * @src: the parent's address space
 * @vma: the parent's VMA
 *
 * Every present page gets one more reference and one more mapping. A private writable
 * page becomes read-only in both spaces (the parent's TLB entry is flushed), so the first
 * write of either copies it (do_wp_page()); a MAP_SHARED page stays writable in both. The
 * zero page is mapped as it is.
 * Return: 0, or -ENOMEM when a second-level table for @dst cannot be had.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	struct pte_walk w;
	pte_t *sptep;

	for_each_pte_table(&w, src, vma->vm_start, vma->vm_end) {
		for_each_present_pte(&w, sptep) {
			unsigned long addr = pte_walk_addr(&w, sptep);
			pte_t pte = *sptep, *dptep = pte_offset(dst, addr, true);
			struct page *page;

			if (!dptep)
				return -ENOMEM;
			if (!is_zero_pte(pte)) {
				page = pte_page(pte);
				if (pte_writable(pte) && !(vma->vm_flags & VM_SHARED)) {
					pte = mk_user_pte(page_to_phys(page), vma->vm_flags, false);
					set_user_pte(src, addr, sptep, pte);
				}
				get_page(page);
				page->_mapcount++;
				dst->rss_anon++;
				nr_fork_shared++;
			}
			set_pte(dptep, pte);
		}
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
