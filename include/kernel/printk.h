/*
 * printk with Linux log levels. A message may start with KERN_<LEVEL> ("\001" + digit);
 * messages above console_loglevel are kept out of the console.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdarg.h>
#include <kernel/compiler.h>

#define KERN_SOH       "\001"
#define KERN_SOH_ASCII '\001'
#define KERN_EMERG     KERN_SOH "0"
#define KERN_ALERT     KERN_SOH "1"
#define KERN_CRIT      KERN_SOH "2"
#define KERN_ERR       KERN_SOH "3"
#define KERN_WARNING   KERN_SOH "4"
#define KERN_NOTICE    KERN_SOH "5"
#define KERN_INFO      KERN_SOH "6"
#define KERN_DEBUG     KERN_SOH "7"
#define KERN_DEFAULT   "" /* no level: the default one */

#define LOGLEVEL_DEFAULT	 4 /* level of a message that names none (KERN_WARNING) */
#define CONSOLE_LOGLEVEL_DEFAULT 7 /* up to KERN_INFO reaches the console; not KERN_DEBUG */

#include <kernel/types.h>

/*
 * Messages that name a level below it reach the console (dmesg -n sets it); those that
 * name none are the shell's output and always do. All are kept in the log.
 */
extern int console_loglevel;

/**
 * printk_get_level - the log level a message names
 * @buffer: a formatted message
 *
 * Return: the level's digit ('0' to '7') when @buffer starts with KERN_<LEVEL>, else 0.
 */
static inline int printk_get_level(const char *buffer)
{
	if (buffer[0] == KERN_SOH_ASCII && buffer[1] >= '0' && buffer[1] <= '7')
		return buffer[1];
	return 0;
}

/**
 * printk_skip_level - a message without its KERN_<LEVEL> prefix
 * @buffer: a formatted message
 *
 * Return: @buffer past the prefix, or @buffer itself when it names no level.
 */
static inline const char *printk_skip_level(const char *buffer)
{
	return printk_get_level(buffer) ? buffer + 2 : buffer;
}

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);

/* Vsnprintf with the kernel's symbol pointers */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);

/* One record of the kernel log, copied out by kmsg_read(). */
struct kmsg_record {
	u64 seq;
	u64 ts_nsec;	    /* local_clock() when the line began */
	unsigned int level; /* 0 (KERN_EMERG) to 7 (KERN_DEBUG) */
	unsigned int text_len;
	char text[1024]; /* without the newline, NUL-terminated */
};

/* A reader's position in the log. */
struct kmsg_iter {
	u64 seq;
	u32 idx;
};

/* The log's extent, for a reader. */
struct kmsg_state {
	u64 first_seq;	       /* the oldest record not cleared (dmesg -c) */
	u64 next_seq;	       /* the record the next line will be */
	unsigned long dropped; /* records dropped, unread, because the log was full */
	u32 buf_len;	       /* the log's size in bytes */
};

/* Start reading the log at a record */
void kmsg_iter_init(struct kmsg_iter *it, u64 seq);

/* Copy out the next record of the log */
int kmsg_read(struct kmsg_iter *it, struct kmsg_record *rec);

/* The log's extent now. */
void kmsg_state(struct kmsg_state *st);

/* Mark every record before @seq as read (dmesg -c): later readers start at @seq. */
void kmsg_clear(u64 seq);

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)   printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)  printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)  printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Print the backtrace of the caller ("Backtrace:", one line per frame) */
void dump_stack(void);

#define BUG_ON(cond)                                                             \
	do {                                                                     \
		if (unlikely(cond))                                              \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#define WARN_ON(cond)                                                                             \
	({                                                                                        \
		int __c = !!(cond);                                                               \
		if (unlikely(__c))                                                                \
			printk(KERN_WARNING "WARNING: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
		__c;                                                                              \
	})

#endif
