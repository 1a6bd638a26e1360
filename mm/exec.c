/*
 * Starting a program built into the image (Linux's fs/exec.c and binfmt_elf.c in
 * miniature). The new task runs exec_entry() in its own context: it builds an address
 * space from the ELF program headers - one VMA per PT_LOAD segment, filled on demand from
 * the image, plus a 1 MB [stack] - switches to it, writes argc/argv/envp/auxv to the top
 * of the stack with copy_to_user() (the stack pages fault in like any other), and returns
 * to user mode at e_entry. A segment that asks to be writable and executable is refused.
 */
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <elf.h>
#include <errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <string.h>

#define MAX_ARG_BYTES 512

struct exec_args {
	const struct user_program *prog;
	int argc;
	unsigned int len; /* bytes of strings, NUL included */
	char strings[MAX_ARG_BYTES];
};

/**
 * find_user_program - a program built into the image, by name
 * @name: as typed after `run`
 *
 * Return: the program, or NULL when none has that name.
 */
const struct user_program *find_user_program(const char *name)
{
	const struct user_program *p;

	for (p = user_programs; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static int load_elf(struct mm_struct *mm, const struct user_program *prog, unsigned long *entry)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)prog->start;
	unsigned long size = prog->end - prog->start, end = 0;
	unsigned int i;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_machine != EM_ARM ||
	    eh->e_type != ET_EXEC ||
	    eh->e_phoff + (unsigned long)eh->e_phnum * sizeof(Elf32_Phdr) > size)
		return -ENOEXEC;
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = (const Elf32_Phdr *)(prog->start + eh->e_phoff) + i;
		unsigned int flags = 0;
		struct vm_area_struct *vma;
		unsigned long start, stop;

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		flags |= (ph->p_flags & PF_R) ? VM_READ : 0;
		flags |= (ph->p_flags & PF_W) ? VM_WRITE : 0;
		flags |= (ph->p_flags & PF_X) ? VM_EXEC : 0;
		if ((flags & VM_WRITE) && (flags & VM_EXEC))
			return -EACCES;
		if (ph->p_offset + ph->p_filesz > size || ph->p_filesz > ph->p_memsz)
			return -ENOEXEC;
		start = ph->p_vaddr & PAGE_MASK;
		stop = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
		vma = vma_add(mm, start, stop, flags, prog->name);
		if (!vma)
			return -ENOMEM;
		vma->vm_image = prog->start + ph->p_offset;
		vma->vm_image_start = ph->p_vaddr;
		vma->vm_image_end = ph->p_vaddr + ph->p_filesz;
		vma->vm_pgoff = ph->p_offset >> PAGE_SHIFT;
		if (flags & VM_EXEC) {
			mm->start_code = ph->p_vaddr;
			mm->end_code = ph->p_vaddr + ph->p_filesz;
		} else {
			mm->start_data = ph->p_vaddr;
			mm->end_data = ph->p_vaddr + ph->p_filesz;
		}
		end = max(end, stop);
	}
	if (!end)
		return -ENOEXEC;
	mm->start_brk = mm->brk = end;
	*entry = eh->e_entry;
	return 0;
}

static void exec_release_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	unsigned long flags;

	local_irq_save(flags);
	t->mm_context = NULL;
	t->mm = NULL;
	cpu_switch_to_kernel_mm();
	local_irq_restore(flags);
	mmput(mm);
}

/* argc, argv[], NULL, envp NULL, auxv AT_NULL, then the strings: Linux's initial stack. */
static int setup_arg_pages(struct exec_args *a, unsigned long *sp)
{
	unsigned long strings = (STACK_TOP - a->len) & ~7UL, p = strings;
	u32 vec[2 + 32 + 3];
	unsigned int n = 0, i, off = 0;

	vec[n++] = (u32)a->argc;
	for (i = 0; i < (unsigned int)a->argc; i++) {
		vec[n++] = (u32)(p + off);
		off += strlen(a->strings + off) + 1;
	}
	vec[n++] = 0; /* argv end */
	vec[n++] = 0; /* envp end */
	vec[n++] = 0; /* AT_NULL */
	*sp = (strings - n * 4) & ~7UL;
	if (copy_to_user((void *)strings, a->strings, a->len) ||
	    copy_to_user((void *)*sp, vec, n * 4))
		return -EFAULT;
	return 0;
}

static void exec_entry(void *arg)
{
	struct exec_args *a = arg;
	struct pt_regs *regs = task_pt_regs(current);
	struct mm_struct *mm = mm_alloc();
	unsigned long entry, sp, flags;
	int err = -ENOMEM;

	if (!mm)
		goto fail;
	mm->exe_name = a->prog->name;
	err = load_elf(mm, a->prog, &entry);
	if (!err && !vma_add(mm, STACK_TOP - STACK_SIZE, STACK_TOP,
			     VM_READ | VM_WRITE | VM_GROWSDOWN, "[stack]"))
		err = -ENOMEM;
	if (err) {
		mmput(mm);
		goto fail;
	}
	local_irq_save(flags);
	current->mm = mm;
	current->mm_context = &mm->context;
	current->pgd_phys = __pa(mm->pgd);
	current->release_mm = exec_release_mm;
	check_and_switch_context(&mm->context, current->pgd_phys);
	local_irq_restore(flags);
	err = setup_arg_pages(a, &sp);
	if (err)
		goto fail;
	mm->start_stack = sp;
	kfree(a);
	memset(regs, 0, sizeof(*regs));
	regs->sp = (u32)sp;
	regs->pc = (u32)entry;
	regs->cpsr = PSR_USR_MODE;
	return;
fail:
	printk(KERN_ERR "%s: exec failed: %d\n", a->prog->name, err);
	kfree(a);
	do_exit(127 << 8);
}

/**
 * process_spawn - start a built-in program as a new process, child of the caller
 * @prog: the program
 * @argc: @argv: its arguments, argv[0] the program name
 * Return: the pid, or -ENOMEM / -EAGAIN (no task slot).
 */
int process_spawn(const struct user_program *prog, int argc, char **argv)
{
	struct exec_args *a = kmalloc(sizeof(*a), GFP_KERNEL);
	struct task_struct *t;
	int i;

	if (!a)
		return -ENOMEM;
	a->prog = prog;
	a->argc = 0;
	a->len = 0;
	for (i = 0; i < argc && i < 32; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (a->len + n > MAX_ARG_BYTES) {
			kfree(a);
			return -E2BIG;
		}
		memcpy(a->strings + a->len, argv[i], n);
		a->len += n;
		a->argc++;
	}
	t = task_create(prog->name, exec_entry, a);
	if (!t) {
		kfree(a);
		return -EAGAIN;
	}
	return t->pid;
}
