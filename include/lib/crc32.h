/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xedb88320), Linux's crc32_le(): the checksum
 * zlib, Ethernet and `crc32` compute when the seed is ~0 and the result inverted.
 */
#ifndef LIB_CRC32_H
#define LIB_CRC32_H

#include <kernel/types.h>

/* Continue a little-endian CRC-32 from @crc over @len bytes at @p (no pre/post inversion) */
u32 crc32_le(u32 crc, const void *p, size_t len);

#endif
