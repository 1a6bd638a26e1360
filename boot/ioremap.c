/*
 * Boot-time ioremap: device registers are mapped page by page into the FIXMAP I/O
 * slots as shared Device memory (never cached, execute-never). Mappings live for the
 * life of the firmware; the general vmalloc-area ioremap replaces this backend later.
 */
#include <asm/fixmap.h>
#include <asm/io.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>

static unsigned int next_io_slot = FIX_IO_BEGIN;

/**
 * ioremap - map device registers
 * @phys: physical address of the registers (any alignment)
 * @size: bytes to map
 * Return: virtual address of @phys, or NULL when the I/O slots are exhausted.
 */
void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	static const struct pt_attrs dev = { .type = MT_DEVICE, .xn = true };
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	unsigned int pages = DIV_ROUND_UP(phys + size - base, PAGE_SIZE), i;
	unsigned int first = next_io_slot;

	if (size == 0 || first + pages - 1 > FIX_IO_END) {
		pr_err("ioremap: cannot map 0x%08x+0x%x: no free I/O slot\n", phys, (unsigned)size);
		return NULL;
	}
	for (i = 0; i < pages; i++)
		__set_fixmap(first + i, base + i * PAGE_SIZE, &dev);
	next_io_slot += pages;
	return (void __iomem *)(__fix_to_virt(first) + (phys - base));
}
