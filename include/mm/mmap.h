/*
 * User address spaces: struct mm_struct, its VMAs (struct vm_area_struct, in an rbtree
 * keyed by address) and its first- and second-level tables, and the programs built into
 * the image. Layout of a process (include/asm/processor.h: TASK_SIZE = 2 GB):
 *
 *   0x00010000          the program's ELF segments: text r-x, then data+bss rw-
 *   end of bss          [heap]: brk(), grows up
 *   0x40000000          mmap2() area (TASK_UNMAPPED_BASE), first fit upwards
 *   0x7ff00000          [stack], 1 MB, up to STACK_TOP = 0x80000000
 *
 * Every page is allocated on first touch. No mapping is ever writable and executable.
 */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kernel/types.h>
#include <lib/rbtree.h>

#define STACK_TOP	   TASK_SIZE
#define STACK_SIZE	   (1UL << 20)
#define TASK_UNMAPPED_BASE 0x40000000UL

#define VM_READ	     0x1u
#define VM_WRITE     0x2u
#define VM_EXEC	     0x4u
#define VM_SHARED    0x8u
#define VM_GROWSDOWN 0x100u

struct mm_struct;
struct shmem_object;

struct vm_area_struct {
	unsigned long vm_start, vm_end; /* [start, end), page aligned */
	unsigned int vm_flags;
	pte_t vm_page_prot; /* vm_get_page_prot(vm_flags): what its PTEs add to the address */
	struct rb_node vm_rb;
	struct mm_struct *vm_mm;
	/*
	 * A segment of the program image: bytes of [vm_image_start, vm_image_end) come from
	 * vm_image (the byte for vm_image_start), the rest of the mapping reads as zero.
	 * vm_image == NULL: anonymous memory.
	 */
	const u8 *vm_image;
	unsigned long vm_image_start, vm_image_end;
	unsigned long vm_pgoff;	       /* offset in pages: in the ELF file, or in vm_shmem */
	struct shmem_object *vm_shmem; /* MAP_SHARED: the pages, by offset (mm/shmem.c) */
	const char *vm_name;	       /* "[heap]", "[stack]", the program, or NULL */
};

struct mm_struct {
	struct rb_root mm_rb;
	unsigned int map_count;
	pmd_t *pgd; /* USER_PTRS_PER_PGD entries, 8 KB aligned */
	mm_context_t context;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long total_vm;	 /* pages mapped by VMAs */
	unsigned long rss_anon;	 /* private pages it maps (RssAnon) */
	unsigned long rss_shmem; /* pages of shared objects it maps (RssShmem) */
	unsigned long nr_ptes;	 /* second-level table pages */
	const char *exe_name;
};

/* A program built into the image (user/, generated table). */
struct user_program {
	const char *name;
	const u8 *start, *end; /* its ELF file */
};

extern const struct user_program user_programs[]; /* ends with a NULL name */
const struct user_program *find_user_program(const char *name);

/*
 * Private pages mapped in all processes (meminfo's AnonPages): a page fork() shares
 * counts once. Pages of MAP_SHARED mappings are Shmem (mm/shmem.c).
 */
extern unsigned long nr_anon_pages;
/*
 * Copy-on-write since boot (mm/memory.c): pages fork() shared, write faults that copied a
 * shared page, and write faults that found the page no longer shared and took it over.
 */
extern unsigned long nr_fork_shared, nr_cow_copies, nr_cow_reuses;

struct mm_struct *mm_alloc(void);
/* Unmap everything, free the tables and the mm. Not the active address space. */
void mmput(struct mm_struct *mm);
/* A copy of @oldmm for fork(): its VMAs, and its pages shared copy-on-write */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* The PTE bits of a page mapped with @vm_flags (ORed with its physical address) */
pte_t vm_get_page_prot(unsigned int vm_flags);

/* Drop every TLB entry of @mm's address space (its ASID) */
static inline void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_user_asid(mm->context.id & ASID_MASK);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* Add [start, end) with @flags; Return: the VMA, or NULL (-ENOMEM, or an overlap). */
struct vm_area_struct *vma_add(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned int flags, const char *name);
/* Unmap [start, end) (page aligned), splitting VMAs at the edges. Return: 0 or -errno. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end);

/* mm/memory.c */
/* Unmap and free the pages of [start, start + size) of @vma */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size);
/* Rewrite the present PTEs of [start, end) of @vma for its (new) vm_page_prot */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm);
/* fork(): share @vma's pages of @src with @dst, private ones read-only (copy-on-write) */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);

/* fork() (mm/fork.c): a child sharing the current process's memory copy-on-write */
long do_fork(struct pt_regs *regs);

/* Start a built-in program as a new process, child of the caller */
int process_spawn(const struct user_program *prog, int argc, char **argv);

#endif
