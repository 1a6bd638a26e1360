# Host unit tests (cmocka, ASan+UBSan). One line per test: the sources under test it links.
# A test tests/host/test_X.c is built from itself plus test_X_SRCS.
HOST_TESTS += test_parse
test_parse_SRCS := lib/parse.c mm/gfp.c

HOST_TESTS += test_pgtable_desc
test_pgtable_desc_SRCS := arch/arm/mm/pgtable-v6.c

HOST_TESTS += test_ringbuf
test_ringbuf_SRCS := lib/ringbuf.c lib/prandom.c

HOST_TESTS += test_crc32
test_crc32_SRCS := lib/crc32.c

HOST_TESTS += test_line_editor
test_line_editor_SRCS := lib/line_editor.c

HOST_TESTS += test_line_editor_complete
test_line_editor_complete_SRCS := lib/line_editor.c

# The whole mm core (memblock, zones, buddy, GFP, highmem, slab, vmalloc, ioremap, DMA
# mapping, page tables, reports) on the host arena and its fake MMU; the ARM descriptor
# encoder is the target's.
MM_HOST_SRCS := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/page_alloc_pcp.c mm/page_alloc_report.c mm/page_alloc_slowpath.c \
	mm/vmscan.c mm/highmem.c mm/slab.c mm/slab_common.c mm/slab_debug.c mm/kfence.c mm/kfence_report.c mm/init_on.c mm/slabinfo.c mm/kmalloc.c mm/mempool.c \
	mm/show_mem.c mm/vmstat.c mm/meminfo.c mm/shmem.c mm/gfp.c mm/vmap_area.c mm/vmap_area_kernel.c \
	mm/vmalloc.c mm/ioremap.c mm/dma-mapping.c mm/pgtable.c mm/pgtable_kernel.c \
	arch/arm/mm/pgtable-v6.c lib/parse.c lib/rbtree.c lib/prandom.c kernel/preempt.c \
	kernel/vsprintf.c tests/host/harness/host_mem.c tests/host/harness/host_mmu.c tests/host/harness/host_irq.c \
	tests/host/harness/host_signal.c tests/host/harness/host_printk.c tests/host/harness/host_kfence.c tests/host/harness/host_task.c tests/host/harness/mm_host.c

HOST_TESTS += test_page_alloc
test_page_alloc_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_page_alloc_errors
test_page_alloc_errors_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_page_alloc_gfp
test_page_alloc_gfp_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_highmem
test_highmem_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_memblock
test_memblock_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_page_alloc_random
test_page_alloc_random_SRCS := $(MM_HOST_SRCS)

# The slab allocator, kmalloc and mempool on the host arena.
HOST_TESTS += test_slab
test_slab_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_slab_debug
test_slab_debug_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_kmalloc
test_kmalloc_SRCS := $(MM_HOST_SRCS)

HOST_TESTS += test_mempool
test_mempool_SRCS := $(MM_HOST_SRCS)

# The object behind MAP_SHARED mappings (mm/shmem.c).
HOST_TESTS += test_shmem
test_shmem_SRCS := $(MM_HOST_SRCS)

# The vmap area allocator (mm/vmap_area.c) and the red-black tree under it (lib/rbtree.c).
HOST_TESTS += test_rbtree
test_rbtree_SRCS := lib/rbtree.c lib/prandom.c

HOST_TESTS += test_vmap_area
test_vmap_area_SRCS := $(MM_HOST_SRCS) tests/host/harness/vmap_area_check.c

HOST_TESTS += test_vmap_area_random
test_vmap_area_random_SRCS := $(MM_HOST_SRCS) tests/host/harness/vmap_area_check.c

HOST_TESTS += test_slab_random
test_slab_random_SRCS := $(MM_HOST_SRCS)

# kmemleak (make KMEMLEAK=1): the mm core built with its hooks, roots from the harness.
# A test may add its own compiler flags as test_X_CFLAGS.
HOST_TESTS += test_kmemleak
test_kmemleak_SRCS := $(MM_HOST_SRCS) mm/kmemleak.c mm/kmemleak_scan.c lib/crc32.c tests/host/harness/host_kmemleak.c
test_kmemleak_CFLAGS := -DCONFIG_DEBUG_KMEMLEAK

# Drivers against fake register blocks (host_regs.c), dispatched by the real irq core.
DRIVER_HOST_SRCS := kernel/irq.c kernel/preempt.c kernel/vsprintf.c tests/host/harness/host_regs.c \
	tests/host/harness/host_irq_line.c tests/host/harness/host_printk.c

HOST_TESTS += test_vic_pl192
test_vic_pl192_SRCS := drivers/irq/vic.c $(DRIVER_HOST_SRCS)

HOST_TESTS += test_samsung_uart
test_samsung_uart_SRCS := drivers/uart/samsung_uart.c kernel/console.c lib/ringbuf.c \
	tests/host/harness/host_irq.c $(DRIVER_HOST_SRCS)

HOST_TESTS += test_samsung_pwm
test_samsung_pwm_SRCS := drivers/timer/samsung_pwm.c kernel/time.c $(DRIVER_HOST_SRCS)

HOST_TESTS += test_s3c6410_clock
test_s3c6410_clock_SRCS := board/s3c6410/clock.c tests/host/harness/host_regs.c

# vmalloc, ioremap, DMA mapping and the kernel page tables on the fake MMU.
VMALLOC_HOST_SRCS := $(MM_HOST_SRCS) tests/host/harness/vmalloc_check.c

HOST_TESTS += test_vmalloc
test_vmalloc_SRCS := $(VMALLOC_HOST_SRCS)

HOST_TESTS += test_ioremap
test_ioremap_SRCS := $(VMALLOC_HOST_SRCS)

HOST_TESTS += test_dma_mapping
test_dma_mapping_SRCS := $(VMALLOC_HOST_SRCS)

HOST_TESTS += test_pgtable_kernel
test_pgtable_kernel_SRCS := $(VMALLOC_HOST_SRCS)

# printk's formatter: libc's conversions unchanged, plus %pS / %ps.
HOST_TESTS += test_vsprintf
test_vsprintf_SRCS := kernel/vsprintf.c
