"""mm-arm11 gdb helpers (see scripts/gdb/mm_arm11_gdb.py)."""
