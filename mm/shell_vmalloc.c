/*
 * vmalloc-area shell commands: vmalloc, vfree, vmallocinfo, ioremap, iounmap. The shell
 * remembers what it mapped; an area it did not create is never released from here (it
 * belongs to a driver), while a bad address is handed to vfree() so its own check
 * answers.
 */
#include <asm/io.h>
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <kernel/shell_table.h>
#include <lib/parse.h>
#include <mm/vmalloc.h>

#define SHELL_MAX_AREAS 32

static struct shell_table_entry area_entries[SHELL_MAX_AREAS]; /* start address */
static struct shell_table areas = SHELL_TABLE_INIT(area_entries);

/* Drop @addr from the shell's areas. Return: 0, or -1 when the shell did not map it. */
static int forget(unsigned long addr)
{
	struct shell_table_entry *e = shell_table_find(&areas, addr);

	if (!e)
		return -1;
	shell_table_remove(&areas, e);
	return 0;
}

static int cmd_vmalloc(int argc, char **argv)
{
	u32 size;
	void *p;

	if (parse_size(argv[1], &size) || !size)
		return shell_error("bad size '%s'", argv[1]);
	if (shell_table_is_full(&areas))
		return shell_error("the shell holds %d areas already: vfree some", SHELL_MAX_AREAS);
	p = vmalloc(size);
	if (!p)
		return shell_error("vmalloc(%u) failed", size);
	shell_table_add(&areas, (unsigned long)p, 0);
	printk("vmalloc: %u bytes at 0x%08lx-0x%08lx (%u pages)\n", size, (unsigned long)p,
	       (unsigned long)p + PAGE_ALIGN(size), (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT));
	return 0;
}
SHELL_CMD(vmalloc, "<size>", "allocate virtually contiguous memory (highmem first)", 1, 1,
	  cmd_vmalloc);

static int cmd_vfree(int argc, char **argv)
{
	struct vm_struct *vm;
	u32 addr;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	if (!forget(addr)) {
		vfree((void *)(unsigned long)addr);
		printk("vfree: 0x%08x released\n", addr);
		return 0;
	}
	vm = find_vm_area((void *)(unsigned long)addr);
	if (vm && vm->addr == (void *)(unsigned long)addr)
		return shell_error("0x%08x is an area the shell did not allocate: not freed", addr);
	vfree((void *)(unsigned long)addr); /* vfree() reports what is wrong with it */
	return shell_error("0x%08x is not the start of a vmalloc area from the shell", addr);
}
SHELL_CMD(vfree, "<addr>", "free memory from the shell's vmalloc", 1, 1, cmd_vfree);

static int cmd_vmallocinfo(int argc, char **argv)
{
	show_vmallocinfo();
	return 0;
}
SHELL_CMD(vmallocinfo, "", "areas of the vmalloc range (/proc/vmallocinfo format)", 0, 0,
	  cmd_vmallocinfo);

static int cmd_ioremap(int argc, char **argv)
{
	u32 phys, size;
	void __iomem *v;

	if (parse_addr(argv[1], &phys))
		return shell_error("bad physical address '%s'", argv[1]);
	if (parse_size(argv[2], &size) || !size)
		return shell_error("bad size '%s'", argv[2]);
	if (shell_table_is_full(&areas))
		return shell_error("the shell holds %d areas already", SHELL_MAX_AREAS);
	v = ioremap(phys, size);
	if (!v)
		return shell_error("ioremap(0x%08x, %u) failed", phys, size);
	shell_table_add(&areas, (unsigned long)v & PAGE_MASK, 0);
	printk("ioremap: phys 0x%08x+0x%x -> 0x%08lx (device, XN)\n", phys, size, (unsigned long)v);
	return 0;
}
SHELL_CMD(ioremap, "<phys> <size>", "map device registers into the vmalloc area", 2, 2,
	  cmd_ioremap);

static int cmd_iounmap(int argc, char **argv)
{
	u32 addr;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	if (forget(addr & PAGE_MASK))
		return shell_error("0x%08x was not mapped by the shell's ioremap", addr);
	iounmap((void __iomem *)(unsigned long)addr);
	printk("iounmap: 0x%08x\n", addr);
	return 0;
}
SHELL_CMD(iounmap, "<addr>", "undo the shell's ioremap", 1, 1, cmd_iounmap);
