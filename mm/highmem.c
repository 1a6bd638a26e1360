/*
 * Temporary kernel mappings of highmem pages (PKMAP and FIXMAP, docs/memory-map.md).
 *
 * kmap(): pkmap_count[nr] is the number of kmap() users of slot nr (0: free); the page's
 * ->virtual is the slot address while mapped. The last kunmap() clears the PTE at once
 * (with its single-entry TLB invalidate), so a highmem page is either mapped and counted
 * or has no kernel address: page_address() is exact.
 *
 * kmap_atomic(): a per-CPU stack of KM_TYPE_NR FIXMAP windows. Pushing and popping mask
 * interrupts, so an interrupt handler can use the next windows and release them before
 * it returns; the interrupted code's windows are untouched.
 */
#include <asm/irqflags.h>
#include <asm/kmap.h>
#include <kernel/kernel.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <mm/highmem.h>
#include <string.h>

/* Interrupts waited for a free PKMAP slot before kmap() gives up and reports. */
#define KMAP_WAIT_LIMIT 1024

static DEFINE_SPINLOCK(kmap_lock);
static unsigned int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static unsigned int kmap_atomic_idx[NR_CPUS];

/**
 * kmap_init - forget every mapping (called by mem_init(); all slots are free at boot)
 */
void kmap_init(void)
{
	memset(pkmap_count, 0, sizeof(pkmap_count));
	memset(pkmap_page, 0, sizeof(pkmap_page));
	last_pkmap_nr = 0;
	memset(kmap_atomic_idx, 0, sizeof(kmap_atomic_idx));
}

/* Map @page in a free slot; kmap_lock held. Return: the address, or NULL when all used. */
static void *map_new_virtual(struct page *page)
{
	unsigned int i, nr = last_pkmap_nr;
	unsigned long vaddr;

	for (i = 0; i < LAST_PKMAP; i++) {
		nr = nr + 1 < LAST_PKMAP ? nr + 1 : 0;
		if (pkmap_count[nr] == 0)
			break;
	}
	if (i == LAST_PKMAP)
		return NULL;
	last_pkmap_nr = nr;
	vaddr = PKMAP_ADDR(nr);
	arch_kmap_set_pte(vaddr, page_to_phys(page));
	pkmap_count[nr] = 1;
	pkmap_page[nr] = page;
	page->virtual = (void *)vaddr;
	return (void *)vaddr;
}

/**
 * kmap - map a page into the kernel's address space until kunmap()
 * @page: any page; a low-memory page is returned at its direct-map address
 *
 * Each kmap() of a mapped highmem page reuses its slot and takes a reference. When all
 * LAST_PKMAP slots are taken the caller waits (cpu_wait_for_interrupt()) for a kunmap();
 * it may sleep, so it must not be called from atomic context.
 * Return: the virtual address, or NULL (reported) if no slot came free after a long wait
 * or the caller cannot sleep and no slot is free.
 */
void *kmap(struct page *page)
{
	void *caller = __builtin_return_address(0);
	bool can_sleep = __might_sleep(__FILE__, __LINE__, caller);
	unsigned int waits;
	unsigned long flags;
	void *vaddr;

	if (!PageHighMem(page))
		return page_address(page);
	for (waits = 0;; waits++) {
		spin_lock_irqsave(&kmap_lock, flags);
		vaddr = page->virtual;
		if (vaddr)
			pkmap_count[PKMAP_NR(vaddr)]++;
		else
			vaddr = map_new_virtual(page);
		spin_unlock_irqrestore(&kmap_lock, flags);
		if (vaddr)
			return vaddr;
		if (!can_sleep || waits == KMAP_WAIT_LIMIT)
			break;
		if (fatal_signal_pending())
			return NULL; /* the command was killed: it says so itself */
		/* Every slot is in use: sleep until an interrupt, then look again. */
		cpu_wait_for_interrupt();
	}
	pr_err("kmap: all %u PKMAP slots in use, pfn %#lx not mapped (caller %pS)\n", LAST_PKMAP,
	       page_to_pfn(page), caller);
	return NULL;
}

/**
 * kunmap - drop a kmap() reference; the last one unmaps the slot and flushes its TLB entry
 * @page: the page given to kmap(); unbalanced calls are reported and ignored
 */
void kunmap(struct page *page)
{
	unsigned long flags;
	unsigned int nr;
	void *vaddr;

	if (!PageHighMem(page))
		return;
	spin_lock_irqsave(&kmap_lock, flags);
	vaddr = page->virtual;
	if (!vaddr) {
		spin_unlock_irqrestore(&kmap_lock, flags);
		pr_err("kunmap: pfn %#lx is not kmap()ed (caller %pS)\n", page_to_pfn(page),
		       __builtin_return_address(0));
		return;
	}
	nr = PKMAP_NR(vaddr);
	if (--pkmap_count[nr] == 0) {
		arch_kmap_clear_pte((unsigned long)vaddr);
		pkmap_page[nr] = NULL;
		page->virtual = NULL;
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
}

/**
 * kmap_atomic - map a page in this CPU's next FIXMAP window
 * @page: any page
 *
 * Disables preemption until the matching kunmap_atomic(): the caller must not sleep.
 * Interrupt handlers may nest their own kmap_atomic() calls, up to KM_TYPE_NR deep.
 * Return: the virtual address, or NULL (reported) when the window stack is full.
 */
void *kmap_atomic(struct page *page)
{
	unsigned int cpu = smp_processor_id(), idx;
	unsigned long flags, vaddr;

	preempt_disable();
	if (!PageHighMem(page))
		return page_address(page);
	local_irq_save(flags);
	idx = kmap_atomic_idx[cpu];
	if (unlikely(idx >= KM_TYPE_NR)) {
		local_irq_restore(flags);
		preempt_enable();
		pr_err("kmap_atomic: all %d windows in use, pfn %#lx not mapped (caller %pS)\n",
		       KM_TYPE_NR, page_to_pfn(page), __builtin_return_address(0));
		return NULL;
	}
	kmap_atomic_idx[cpu] = idx + 1;
	vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx + KM_TYPE_NR * cpu);
	arch_kmap_set_pte(vaddr, page_to_phys(page));
	local_irq_restore(flags);
	return (void *)vaddr;
}

/**
 * kunmap_atomic - undo the innermost kmap_atomic()
 * @addr: the address kmap_atomic() returned (any address inside the page is accepted)
 *
 * Windows must be released in reverse order; anything else is reported.
 */
void kunmap_atomic(void *addr)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK, flags;
	unsigned int cpu = smp_processor_id(), idx;

	if (vaddr >= __fix_to_virt(FIX_KMAP_BEGIN) && vaddr <= __fix_to_virt(FIX_KMAP_END)) {
		local_irq_save(flags);
		idx = kmap_atomic_idx[cpu];
		if (unlikely(idx == 0 ||
			     vaddr != __fix_to_virt(FIX_KMAP_BEGIN + idx - 1 + KM_TYPE_NR * cpu))) {
			local_irq_restore(flags);
			pr_err("kunmap_atomic: %p is not the innermost kmap_atomic() window "
			       "(caller %pS)\n",
			       addr, __builtin_return_address(0));
			return;
		}
		arch_kmap_clear_pte(vaddr);
		kmap_atomic_idx[cpu] = idx - 1;
		local_irq_restore(flags);
	} else if (unlikely((preempt_count & PREEMPT_MASK) == 0)) {
		pr_err("kunmap_atomic: %p without kmap_atomic() (caller %pS)\n", addr,
		       __builtin_return_address(0));
		return;
	}
	preempt_enable();
}

/**
 * kmap_to_page - the page behind an address returned by kmap() or a direct-map address
 * @addr: the address
 * Return: the page, or NULL when @addr is neither.
 */
struct page *kmap_to_page(void *addr)
{
	unsigned long vaddr = (unsigned long)addr;

	if (vaddr >= PKMAP_BASE && vaddr < PKMAP_BASE + PKMAP_SIZE)
		return pkmap_page[PKMAP_NR(vaddr)];
	if (vaddr >= PAGE_OFFSET && vaddr < (unsigned long)high_memory)
		return virt_to_page(vaddr);
	return NULL;
}

/**
 * clear_highpage - zero a page, highmem or not
 * @page: the page
 */
void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	BUG_ON(!kaddr);
	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}
