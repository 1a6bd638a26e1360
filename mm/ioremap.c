/*
 * ioremap: device registers mapped into the vmalloc area as Device (or, for
 * ioremap_wc, normal uncached) memory, execute-never, with 64 KB pages where the
 * alignment allows. RAM is refused: a second, uncached mapping of memory the kernel
 * maps cached would make its contents unpredictable.
 */
#include <asm/io.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmap_area.h>

static void __iomem *__ioremap_caller(phys_addr_t phys, size_t size, const struct pt_attrs *prot,
				      const void *caller)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned long len, off = phys - base;
	struct vm_struct *area;

	/* In phys_addr_t: where size_t is wider, phys + size does not wrap at 4 GB. */
	if (!size || size - 1 > (phys_addr_t) ~(phys_addr_t)0 - phys) {
		pr_err("ioremap: bad range 0x%08x+0x%x (caller %pS)\n", phys, (unsigned int)size,
		       caller);
		return NULL;
	}
	len = PAGE_ALIGN(off + size);
	if (pfn_valid(base >> PAGE_SHIFT) || pfn_valid((base + len - 1) >> PAGE_SHIFT)) {
		pr_err("ioremap: refusing to map RAM at 0x%08x (caller %pS)\n", phys, caller);
		return NULL;
	}
	area = get_vm_area_caller(len, len >= SZ_64K ? SZ_64K : PAGE_SIZE, VM_IOREMAP, caller);
	if (!area) {
		pr_err("ioremap: no room for 0x%lx bytes in the vmalloc area (caller %pS)\n", len,
		       caller);
		return NULL;
	}
	area->phys_addr = base;
	if (map_kernel_phys((unsigned long)area->addr, base, len, prot, GFP_KERNEL)) {
		pr_err("ioremap: no memory for the page tables of 0x%08x+0x%lx (caller %pS)\n",
		       base, len, caller);
		/* Nothing is mapped: release the range without unmapping it. */
		free_vmap_area(area->va);
		kfree(area);
		return NULL;
	}
	return (void __iomem *)((unsigned long)area->addr + off);
}

/**
 * ioremap - map device registers (Device memory: ordered, uncached, execute-never)
 * Return: the virtual address of @phys, or NULL (reported).
 */
void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return __ioremap_caller(phys, size, &PAGE_DEVICE, __builtin_return_address(0));
}

/**
 * ioremap_nocache - ioremap(): device memory is never cached
 * @phys: physical address of the registers
 * @size: bytes to map
 *
 * Return: the mapping, or NULL.
 */
void __iomem *ioremap_nocache(phys_addr_t phys, size_t size)
{
	return __ioremap_caller(phys, size, &PAGE_DEVICE, __builtin_return_address(0));
}

/**
 * ioremap_wc - map memory write-combining
 * @phys: physical address, not RAM
 * @size: bytes to map
 *
 * ARMv6 has no write-combining type: this is normal uncached memory, the closest it has
 * (frame buffers).
 *
 * Return: the mapping, or NULL.
 */
void __iomem *ioremap_wc(phys_addr_t phys, size_t size)
{
	return __ioremap_caller(phys, size, &PAGE_KERNEL_NC, __builtin_return_address(0));
}

/**
 * iounmap - remove a mapping made by ioremap()
 * @addr: the address ioremap() returned; anything else is reported and ignored
 */
void iounmap(volatile void __iomem *addr)
{
	void *start = (void *)((unsigned long)addr & PAGE_MASK);
	struct vm_struct *area = find_vm_area(start);

	if (!area || area->addr != start || !(area->flags & VM_IOREMAP)) {
		pr_err("iounmap: 0x%08lx is not an ioremap address (caller %pS)\n",
		       (unsigned long)addr, __builtin_return_address(0));
		return;
	}
	kfree(remove_vm_area(start));
}
