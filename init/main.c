/*
 * start_kernel: the init order, bottom-up as the layers are. Each step may use only what
 * the steps before it set up.
 */
#include <asm/mmu.h>
#include <kernel/kernel.h>
#include <mm/init_on.h>
#include <mm/kmemleak.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <kernel/board.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <shell/shell.h>
#include <kernel/version.h>

extern char _end[];

void start_kernel(void)
{
	board_early_init(); /* polled console through the boot window */
	paging_init();	    /* exact permissions, vectors, fixmap; identity map gone */
	printk(KERN_INFO "%s\n", linux_banner);
	memblock_add(board_info.ram_base, board_info.ram_size);
	memblock_reserve(__pa(swapper_pg_dir), (phys_addr_t)(_end - (char *)swapper_pg_dir));
	mem_init(board_info.ram_base + DMA_ZONE_MB * SZ_1M, board_info.ram_base + LOWMEM_SIZE);
	kmem_cache_init(); /* kmem_cache, kmalloc caches, slab shrinker */
	init_on_setup();   /* INIT_ON_ALLOC / INIT_ON_FREE build settings */
	kmemleak_init();   /* make KMEMLEAK=1: track every block from here on */
	vmalloc_init();	   /* the vmalloc area: vmalloc, vmap, ioremap */
	board_init();	   /* devices via ioremap: VIC, tick timer, console (fixmap), DMA */
	time_init();	   /* local_clock(): printk timestamps from here on */
	paging_drop_early_io();
	printk(KERN_INFO "Board: %s, RAM %u MB at 0x%08x\n", board_info.machine,
	       board_info.ram_size >> 20, board_info.ram_base);
	sched_init(); /* the shell becomes task 0; TTBR0/TTBR1 split for processes */
	system_state = SYSTEM_RUNNING;
	local_irq_enable();
	shell_run();
}
