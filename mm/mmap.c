/*
 * VMAs and the system calls that change them: brk, mmap2 (anonymous, private or shared),
 * munmap, mprotect (include/mm/mmap.h). VMAs of an mm sit in an rbtree ordered by
 * address and never overlap; find_vma() is Linux's: the first VMA that ends above addr.
 * Changing part of a VMA splits it first, so every VMA has one set of flags. fork()
 * copies the VMAs (dup_mm()); a MAP_SHARED mapping's pages belong to its shared object
 * (mm/shmem.c), the same in parent and child, those of a private one are copied on write
 * (mm/memory.c).
 */
#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/task.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <string.h>
#include <uapi/asm-generic/mman-common.h>
#include <uapi/asm/unistd.h>

/**
 * mm_alloc - a new, empty user address space
 *
 * Allocates the 8 KB first-level table for TTBR0 (user half only: TTBCR.N = 1).
 * Return: the mm_struct, or NULL when memory is short.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL | __GFP_ZERO);
	struct page *pgd;

	if (!mm)
		return NULL;
	pgd = alloc_pages(GFP_KERNEL | __GFP_ZERO, USER_PGD_ORDER);
	if (!pgd) {
		kfree(mm);
		return NULL;
	}
	mm->pgd = page_address(pgd);
	dmac_clean_range((unsigned long)mm->pgd, (unsigned long)mm->pgd + (PAGE_SIZE << 1));
	mm->mm_rb = RB_ROOT;
	return mm;
}

static void vma_unlink_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	mm->map_count--;
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (vma->vm_shmem)
		shmem_put(vma->vm_shmem);
	kfree(vma);
}

/**
 * mmput - tear an address space down
 * @mm: the space; must not be the active one
 *
 * Unmaps every VMA, frees the pages and tables and the mm_struct itself.
 */
void mmput(struct mm_struct *mm)
{
	struct rb_node *n;

	while ((n = rb_first(&mm->mm_rb))) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		zap_page_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
		vma_unlink_free(mm, vma);
	}
	free_pgtables(mm);
	free_pages((unsigned long)mm->pgd, USER_PGD_ORDER);
	kfree(mm);
}

/**
 * find_vma - the VMA of @mm that contains @addr
 * @mm: the address space
 * @addr: a user address
 *
 * Return: the VMA with vm_start <= @addr < vm_end, or NULL.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *best = NULL;

	while (n) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			best = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	mm->map_count++;
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/**
 * dup_mm - a copy of @oldmm for fork()
 * @oldmm: the parent's address space (the current one)
 *
 * Copies every VMA and shares its pages through copy_page_range(): private writable pages
 * become read-only in both spaces, copied by the first write. The copy has no ASID yet;
 * it gets one when it first runs.
 * Return: the new mm_struct, or NULL when memory is short (nothing is left allocated).
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct rb_node *n;

	if (!mm)
		return NULL;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->exe_name = oldmm->exe_name;
	for (n = rb_first(&oldmm->mm_rb); n; n = rb_next(n)) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);
		struct vm_area_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);

		if (!new)
			goto fail;
		*new = *vma;
		new->vm_mm = mm;
		if (new->vm_shmem)
			shmem_get(new->vm_shmem);
		vma_link(mm, new);
		if (copy_page_range(mm, oldmm, vma))
			goto fail;
	}
	/* The parent's writable entries became read-only: one flush for all of them. */
	flush_tlb_mm(oldmm);
	return mm;
fail:
	flush_tlb_mm(oldmm);
	mmput(mm);
	return NULL;
}

/**
 * vm_get_page_prot - the PTE bits of a page of a mapping with @vm_flags
 * @vm_flags: VM_READ/VM_WRITE/VM_EXEC; the other flags do not matter
 *
 * Normal memory, non-global (tagged with the ASID); user read-write (never executable)
 * with VM_WRITE, user read-only otherwise, executable with VM_EXEC. With none of the
 * three (PROT_NONE) the page stays mapped but no user access is allowed. A private
 * writable page fork() shares is mapped with pte_wrprotect() of these bits.
 * Return: the bits to OR with a page's physical address.
 */
pte_t vm_get_page_prot(unsigned int vm_flags)
{
	struct pt_attrs a = {
		.type = MT_NORMAL,
		.ro = !(vm_flags & VM_WRITE),
		.xn = !(vm_flags & VM_EXEC) || (vm_flags & VM_WRITE), /* W^X */
		.user = true,
	};

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		a.user = false; /* privileged read-only: every user access faults */
	return mk_pte_small(0, &a) | PTE_nG;
}

/**
 * vma_add - add the mapping [@start, @end) to @mm
 * @mm: the address space
 * @start: first byte, page aligned
 * @end: end, page aligned
 * @flags: VM_READ/VM_WRITE/VM_EXEC and the kind of mapping
 * @name: what maps shows in its last column ("[heap]", "[stack]", the program), or NULL
 *
 * Return: the VMA, or NULL (no memory, or an overlap with an existing VMA).
 */
struct vm_area_struct *vma_add(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned int flags, const char *name)
{
	struct vm_area_struct *vma, *next = find_vma(mm, start);

	if (start >= end || end > TASK_SIZE || (next && next->vm_start < end))
		return NULL;
	vma = kmalloc(sizeof(*vma), GFP_KERNEL | __GFP_ZERO);
	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_mm = mm;
	vma->vm_name = name;
	vma_link(mm, vma);
	return vma;
}

/* Split @vma at @addr (strictly inside it): @vma keeps the low part. Return: 0 or -ENOMEM. */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *high = kmalloc(sizeof(*high), GFP_KERNEL);

	if (!high)
		return -ENOMEM;
	*high = *vma;
	if (high->vm_shmem)
		shmem_get(high->vm_shmem); /* both pieces map the object */
	high->vm_start = addr;
	high->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	mm->total_vm -= (vma->vm_end - addr) >> PAGE_SHIFT;
	vma->vm_end = addr;
	vma_link(mm, high);
	return 0;
}

/* Split the VMAs that straddle @start or @end. */
static int split_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start < start && split_vma(mm, vma, start))
		return -ENOMEM;
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end && split_vma(mm, vma, end))
		return -ENOMEM;
	return 0;
}

/**
 * do_munmap - unmap [@start, @end) of @mm, splitting VMAs at the edges
 * @mm: the address space
 * @start: first byte, page aligned
 * @end: end, page aligned
 *
 * The caller checks the range (alignment, user half). Return: 0, or -ENOMEM when a split
 * at an edge needs a VMA and none can be allocated.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	if (split_range(mm, start, end))
		return -ENOMEM;
	while ((vma = find_vma(mm, start)) && vma->vm_start < end) {
		zap_page_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
		vma_unlink_free(mm, vma);
	}
	return 0;
}

static unsigned int prot_to_vm_flags(u32 prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* brk(addr): move the end of the heap; returns the break in effect (Linux's ABI). */
static long sys_brk(struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned long brk = regs->uregs[0], newend, oldend;
	struct vm_area_struct *heap;

	if (brk < mm->start_brk || brk > TASK_UNMAPPED_BASE)
		return (long)mm->brk;
	newend = PAGE_ALIGN(brk);
	oldend = PAGE_ALIGN(mm->brk);
	if (newend < oldend) {
		if (do_munmap(mm, newend, oldend))
			return (long)mm->brk;
	} else if (newend > oldend) {
		heap = oldend > mm->start_brk ? find_vma(mm, oldend - 1) : NULL;
		if (find_vma(mm, oldend) && find_vma(mm, oldend)->vm_start < newend)
			return (long)mm->brk; /* would run into another mapping */
		if (heap && heap->vm_end == oldend) {
			heap->vm_end = newend;
			mm->total_vm += (newend - oldend) >> PAGE_SHIFT;
		} else if (!vma_add(mm, oldend, newend, VM_READ | VM_WRITE, "[heap]")) {
			return (long)mm->brk;
		}
	}
	mm->brk = brk;
	return (long)brk;
}
SYSCALL_DEFINE(__NR_brk, brk, sys_brk);

static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = TASK_UNMAPPED_BASE;
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, addr); addr + len <= STACK_TOP - STACK_SIZE;) {
		if (!vma || addr + len <= vma->vm_start)
			return addr;
		addr = vma->vm_end;
		vma = find_vma(mm, addr);
	}
	return 0;
}

/*
 * MAP_SHARED | MAP_ANONYMOUS: a VMA over a new shared object (mm/shmem.c), named as
 * Linux's maps names it. Its pages are the object's, so they stay shared with every
 * child fork() makes, however late they are first touched.
 */
static long mmap_shared(struct mm_struct *mm, unsigned long addr, unsigned long len,
			unsigned int vm_flags)
{
	struct shmem_object *obj = shmem_create(len >> PAGE_SHIFT);
	struct vm_area_struct *vma;

	if (!obj)
		return -ENOMEM;
	vma = vma_add(mm, addr, addr + len, vm_flags | VM_SHARED, "/dev/zero (deleted)");
	if (!vma) {
		shmem_put(obj);
		return -ENOMEM;
	}
	vma->vm_shmem = obj;
	return (long)addr;
}

/* mmap2(addr, len, prot, flags, fd, pgoff): anonymous memory only. */
static long sys_mmap2(struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = regs->uregs[0], len = regs->uregs[1];
	u32 prot = regs->uregs[2], flags = regs->uregs[3];
	unsigned int vm_flags = prot_to_vm_flags(prot);

	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV; /* no files */
	if (!(flags & (MAP_SHARED | MAP_PRIVATE)) ||
	    (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) || !len)
		return -EINVAL;
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_EXEC))
		return -EACCES; /* W^X */
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || !access_ok(addr, len))
			return -EINVAL;
		if (do_munmap(mm, addr, addr + len))
			return -ENOMEM;
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	if (flags & MAP_SHARED)
		return mmap_shared(mm, addr, len, vm_flags);
	if (!vma_add(mm, addr, addr + len, vm_flags, NULL))
		return -ENOMEM;
	return (long)addr;
}
SYSCALL_DEFINE(__NR_mmap2, mmap2, sys_mmap2);

static int check_range(unsigned long start, unsigned long len, unsigned long *end)
{
	if ((start & ~PAGE_MASK) || !len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!access_ok(start, len))
		return -EINVAL;
	*end = start + len;
	return 0;
}

static long sys_munmap(struct pt_regs *regs)
{
	unsigned long start = regs->uregs[0], end;
	int err = check_range(start, regs->uregs[1], &end);

	return err ? err : do_munmap(current->mm, start, end);
}
SYSCALL_DEFINE(__NR_munmap, munmap, sys_munmap);

/* mprotect(start, len, prot): every page of the range must be mapped (else -ENOMEM). */
static long sys_mprotect(struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned long start = regs->uregs[0], end, addr;
	unsigned int vm_flags = prot_to_vm_flags(regs->uregs[2]);
	struct vm_area_struct *vma;
	int err = check_range(start, regs->uregs[1], &end);

	if (err)
		return err;
	if (regs->uregs[2] & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_EXEC))
		return -EACCES; /* W^X */
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
	}
	if (split_range(mm, start, end))
		return -ENOMEM;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, vma->vm_end)) {
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | vm_flags;
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		change_protection(vma, vma->vm_start, vma->vm_end);
	}
	return 0;
}
SYSCALL_DEFINE(__NR_mprotect, mprotect, sys_mprotect);
