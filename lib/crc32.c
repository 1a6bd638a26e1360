/*
 * CRC-32, bit at a time: no table, so nothing in .rodata and no cache footprint. Its users
 * (kmemleak's report, docs/design.md) checksum a few dozen bytes when they print, never
 * on an allocation path, where a table would pay off.
 */
#include <lib/crc32.h>

#define CRC32_POLY_LE 0xedb88320u

/**
 * crc32_le - continue a little-endian CRC-32 over a buffer
 * @crc: the CRC so far (the seed: ~0 for the IEEE convention, or 0)
 * @p: the bytes
 * @len: how many
 *
 * As Linux's crc32_le(): no inversion on entry or exit, so ~crc32_le(~0, p, len) is the
 * checksum zlib's crc32() gives.
 * Return: the new CRC.
 */
u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;
	unsigned int i;

	while (len--) {
		crc ^= *b++;
		for (i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (CRC32_POLY_LE & -(crc & 1));
	}
	return crc;
}
