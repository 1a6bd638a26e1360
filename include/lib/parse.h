/*
 * Strict argument parsing shared by every shell command. Each helper accepts the whole
 * string or nothing: trailing junk, signs, empty strings and overflow are errors.
 */
#ifndef LIB_PARSE_H
#define LIB_PARSE_H

#include <kernel/types.h>
#include <stddef.h>

/* Decimal or 0x-prefixed hex, fitting in 32 bits. Return: 0 or -1. */
int parse_u32(const char *s, u32 *out);
/* A number with an optional K or M suffix (case-insensitive), fitting in 32 bits. */
int parse_size(const char *s, u32 *out);
/* An address: same syntax as parse_u32. */
int parse_addr(const char *s, u32 *out);
/*
 * Split @line in place at spaces/tabs into at most @max words.
 * Return: the number of words, or -1 when there are more than @max.
 */
int split_args(char *line, char **argv, int max);

/* parse "NAME|NAME|..." and OR the values */
int parse_flag_list(const char *s, int (*lookup)(const char *tok, size_t len, u32 *flags),
		    u32 *out);

#endif
