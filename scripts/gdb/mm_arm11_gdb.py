"""gdb helpers for the mm-arm11 firmware, loaded by scripts/gdbinit (make gdb).

They read the firmware's own structures on a halted (or crashed) target and print the
same views as the shell, in the same format, Linux's scripts/gdb command names where the
concept is the same:

  lx-dmesg              the kernel log (shell: dmesg)
  lx-buddyinfo          free blocks per zone and order (shell: buddyinfo)
  lx-slabinfo           the slab caches (shell: slabinfo)
  lx-meminfo            memory totals (shell: meminfo)
  lx-pt <vaddr>         walk the kernel page tables for an address (shell: pt)
  lx-pfn_to_page <pfn>  the struct page of a page frame

Nothing here calls a function of the target: a crashed target can be read as well.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lx.dmesg  # noqa: E402,F401
import lx.mm  # noqa: E402,F401
import lx.pgtable  # noqa: E402,F401
