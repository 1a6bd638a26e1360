/* Fixed-width kernel types with Linux names; portable (firmware and host). */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef unsigned int u32; /* not uint32_t: newlib makes that long */
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int s32;
typedef int64_t s64;

/* Physical addresses are 32-bit on ARMv6 (no LPAE). */
typedef u32 phys_addr_t;

#endif
