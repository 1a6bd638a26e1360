/* Small arithmetic helpers every subsystem uses. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define ALIGN(x, a)	   (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a)   ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a)   (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define min(a, b)	   ((a) < (b) ? (a) : (b))
#define max(a, b)	   ((a) > (b) ? (a) : (b))
#define SZ_1K		   0x00000400u
#define SZ_4K		   0x00001000u
#define SZ_64K		   0x00010000u
#define SZ_1M		   0x00100000u

#endif
