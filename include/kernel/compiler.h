/* Compiler helpers with Linux names. */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

#include <stddef.h>

#define likely(x)      __builtin_expect(!!(x), 1)
#define unlikely(x)    __builtin_expect(!!(x), 0)
#define __aligned(x)   __attribute__((aligned(x)))
#define __section(s)   __attribute__((section(s)))
#define __used	       __attribute__((used))
#define __noreturn     __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#undef __always_inline /* glibc defines it on the host */
#define __always_inline inline __attribute__((always_inline))
#define __noinline	__attribute__((noinline))
/*
 * A function whose entry may be hooked at run time (include/asm/patch.h): callers must not
 * assume anything about it beyond the calling convention (no interprocedural register
 * allocation, no propagation of its arguments or result).
 */
#define __hookable     __attribute__((noinline, noipa))
#define __maybe_unused __attribute__((unused))
#define __iomem

#define barrier()	 __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	 (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
/* Make gcc forget what it knows of @var: computed once, kept in a register. */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

/*
 * Linker-built tables (shell commands, completers, keepers, KTAP suites): each entry is
 * placed with __table_entry(table, key) and the table read between table_start(table)
 * and table_end(table). On the target linker.ld gathers ".table.key" sections sorted by
 * key; a host build (unit tests, fuzzing) uses one section named like the table, which
 * the host linker delimits with __start_<table> / __stop_<table> (unsorted; and a
 * section named like a C identifier is left alone by AddressSanitizer, so the entries
 * stay packed).
 */
#ifdef HOST_BUILD
#define __table_entry(table, key) __section(#table)
#define table_start(table)	  __start_##table
#define table_end(table)	  __stop_##table
#else
#define __table_entry(table, key) __section("." #table "." #key)
#define table_start(table)	  __##table##_start
#define table_end(table)	  __##table##_end
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#endif
