/*
 * mmap2() and mprotect() arguments, Linux's values: protections and mapping flags.
 * Shared by the kernel (mm/mmap.c) and the user programs (user/).
 */
#ifndef UAPI_ASM_GENERIC_MMAN_COMMON_H
#define UAPI_ASM_GENERIC_MMAN_COMMON_H

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_SHARED    0x01 /* writes reach every process that maps it */
#define MAP_PRIVATE   0x02 /* writes stay in this process (copy-on-write after fork) */
#define MAP_FIXED     0x10 /* exactly at addr, replacing what was there */
#define MAP_ANONYMOUS 0x20 /* no file: zero-filled memory */

#endif
