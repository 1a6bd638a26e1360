/*
 * vmalloc-area shell commands: vmalloc, vfree, vmallocinfo, ioremap, iounmap. The shell
 * remembers what it mapped, vmalloc areas and ioremap mappings in separate tables, so
 * each is released only through its own command: `vfree` of an ioremap address (or
 * `iounmap` of a vmalloc one) is refused before it reaches the allocator, and the area
 * stays freeable. An area the shell did not create is never released from here (it
 * belongs to a driver), while a bad address is handed to vfree() so its own check
 * answers.
 */
#include <asm/io.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <shell/ledger.h>
#include <lib/parse.h>
#include <mm/vmalloc.h>
#include <stdio.h>

#define SHELL_MAX_AREAS 32

static struct shell_table_entry vmalloc_entries[SHELL_MAX_AREAS]; /* start, bytes mapped */
static struct shell_table vmallocs = SHELL_TABLE_INIT(vmalloc_entries);
static struct shell_table_entry ioremap_entries[SHELL_MAX_AREAS]; /* page start, bytes */
static struct shell_table ioremaps = SHELL_TABLE_INIT(ioremap_entries);

static struct shell_table_entry *area_containing(struct shell_table *t, unsigned long addr)
{
	struct shell_table_entry *e;

	shell_table_for_each(e, t)
		if (addr >= e->key && addr - e->key < e->value)
			return e;
	return NULL;
}

static bool describe_vmalloc(const struct shell_ref *ref, char *buf, unsigned int len)
{
	struct shell_table_entry *e = area_containing(&vmallocs, ref->addr);

	if (!e)
		return false;
	snprintf(buf, len, "the vmalloc area at 0x%08lx (vfree frees it)", e->key);
	return true;
}
SHELL_KEEPER(describe_vmalloc);

static bool describe_ioremap(const struct shell_ref *ref, char *buf, unsigned int len)
{
	struct shell_table_entry *e = area_containing(&ioremaps, ref->addr);

	if (!e)
		return false;
	snprintf(buf, len, "the ioremap mapping at 0x%08lx (iounmap undoes it)", e->key);
	return true;
}
SHELL_KEEPER(describe_ioremap);

static int cmd_vmalloc(int argc, char **argv)
{
	u32 size;
	void *p;

	if (parse_size(argv[1], &size) || !size)
		return shell_error("bad size '%s'", argv[1]);
	if (shell_table_is_full(&vmallocs))
		return shell_error("the shell holds %d areas already: vfree some", SHELL_MAX_AREAS);
	p = vmalloc(size);
	if (!p)
		return shell_alloc_failed("vmalloc(%u) failed", size);
	shell_table_add(&vmallocs, (unsigned long)p, PAGE_ALIGN(size));
	printk("vmalloc: %u bytes at 0x%08lx-0x%08lx (%u pages)\n", size, (unsigned long)p,
	       (unsigned long)p + PAGE_ALIGN(size), (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT));
	return 0;
}
SHELL_CMD(vmalloc, "<size>", "allocate virtually contiguous memory (highmem first)", 1, 1,
	  cmd_vmalloc);

static int cmd_vfree(int argc, char **argv)
{
	struct shell_table_entry *e;
	struct shell_ref ref;
	struct vm_struct *vm;
	u32 addr;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	e = shell_table_find(&vmallocs, addr);
	if (e) {
		shell_table_remove(&vmallocs, e);
		vfree((void *)(unsigned long)addr);
		printk("vfree: 0x%08x released\n", addr);
		return 0;
	}
	ref = shell_ref_addr(addr);
	if (shell_refuse_foreign(&ref, describe_vmalloc, "vfree"))
		return -1;
	vm = find_vm_area((void *)(unsigned long)addr);
	if (vm && vm->addr == (void *)(unsigned long)addr)
		return shell_error("0x%08x is an area the shell did not allocate: not freed", addr);
	vfree((void *)(unsigned long)addr); /* vfree() reports what is wrong with it */
	return shell_error("0x%08x is not the start of a vmalloc area from the shell", addr);
}
SHELL_CMD(vfree, "<addr>", "free memory from the shell's vmalloc", 1, 1, cmd_vfree);

SHELL_SHOW_CMD(vmallocinfo, "areas of the vmalloc range (/proc/vmallocinfo format)",
	       show_vmallocinfo);

static int cmd_ioremap(int argc, char **argv)
{
	u32 phys, size;
	void __iomem *v;

	if (parse_addr(argv[1], &phys))
		return shell_error("bad physical address '%s'", argv[1]);
	if (parse_size(argv[2], &size) || !size)
		return shell_error("bad size '%s'", argv[2]);
	if (shell_table_is_full(&ioremaps))
		return shell_error("the shell holds %d mappings already: iounmap some",
				   SHELL_MAX_AREAS);
	v = ioremap(phys, size);
	if (!v)
		return shell_alloc_failed("ioremap(0x%08x, %u) failed (the reason is above)", phys,
					  size);
	shell_table_add(&ioremaps, (unsigned long)v & PAGE_MASK,
			PAGE_ALIGN(((unsigned long)v & ~PAGE_MASK) + size));
	printk("ioremap: phys 0x%08x+0x%x -> 0x%08lx (device, XN)\n", phys, size, (unsigned long)v);
	return 0;
}
SHELL_CMD(ioremap, "<phys> <size>", "map device registers into the vmalloc area", 2, 2,
	  cmd_ioremap);

static int cmd_iounmap(int argc, char **argv)
{
	struct shell_table_entry *e;
	struct shell_ref ref;
	u32 addr;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	e = shell_table_find(&ioremaps, addr & PAGE_MASK);
	if (!e) {
		ref = shell_ref_addr(addr);
		if (shell_refuse_foreign(&ref, describe_ioremap, "iounmap"))
			return -1;
		return shell_error("0x%08x was not mapped by the shell's ioremap", addr);
	}
	shell_table_remove(&ioremaps, e);
	iounmap((void __iomem *)(unsigned long)addr);
	printk("iounmap: 0x%08x\n", addr);
	return 0;
}
SHELL_CMD(iounmap, "<addr>", "undo the shell's ioremap", 1, 1, cmd_iounmap);
