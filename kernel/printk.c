/*
 * printk and the kernel log (dmesg).
 *
 * Every message is formatted by vscnprintf() (newlib plus %pS), written to the console
 * and kept, line by line, as a record in log_buf: a ring of variable-size records, each
 * a struct printk_log header (timestamp, level, lengths) followed by its text. A record
 * never wraps: where the end of the buffer cannot hold it, a header of len 0 says "go on
 * at offset 0". When a new record needs room, the oldest ones are dropped and counted.
 * Sequence numbers name records for readers (dmesg, dmesg -c, the gdb helper lx-dmesg in
 * scripts/gdb/, which reads these same variables).
 *
 * A message that names no KERN_<LEVEL> continues the line in progress (the output of a
 * shell command is built that way, a word at a time) and is the shell's own output: it
 * always reaches the console. A message that names a level is kept from the console when
 * its level is not below console_loglevel (dmesg -n). IRQs are masked throughout, so
 * handlers may printk too.
 */
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <string.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

/* The record header; the text follows it, and the record is padded to 4 bytes. */
struct printk_log {
	u64 ts_nsec; /* local_clock() when the line began */
	u16 len;     /* the whole record, header included; 0: wrap to offset 0 */
	u16 text_len;
	u8 level;
	u8 pad[3];
};

#define LOG_BUF_LEN  (64 * 1024)
#define LOG_ALIGN    __alignof__(struct printk_log)
#define LOG_LINE_MAX (1024 - sizeof(struct printk_log))

static char log_buf[LOG_BUF_LEN] __aligned(8);
static u32 log_buf_len = LOG_BUF_LEN;
static u32 log_first_idx, log_next_idx; /* oldest record; where the next one goes */
static u64 log_first_seq, log_next_seq; /* their sequence numbers */
static u64 clear_seq;			/* dmesg -c: records before it are read */
static unsigned long log_dropped;	/* records overwritten before anyone cleared them */

/* The line being built from continuation fragments. */
static char cont_buf[LOG_LINE_MAX];
static u16 cont_len;
static u8 cont_level;
static bool cont_open; /* a line has begun, perhaps still empty */
static bool cont_console;
static u64 cont_ts;

static char printk_buf[512];

static struct printk_log *log_at(u32 idx)
{
	return (struct printk_log *)(log_buf + idx);
}

/* The record at @idx itself, past a wrap marker or the end; updates @idx. */
static struct printk_log *log_record(u32 *idx)
{
	if (*idx + sizeof(struct printk_log) > log_buf_len || !log_at(*idx)->len)
		*idx = 0;
	return log_at(*idx);
}

/* Offset of the record after the one at @idx. */
static u32 log_next(u32 idx)
{
	struct printk_log *msg = log_record(&idx);

	return idx + msg->len;
}

static bool log_has_room(u32 size)
{
	if (log_next_seq == log_first_seq)
		return true; /* empty: log_next_idx == log_first_idx */
	if (log_next_idx > log_first_idx)
		return log_next_idx + size <= log_buf_len || size <= log_first_idx;
	return log_next_idx + size <= log_first_idx;
}

static void log_store(u8 level, u64 ts, const char *text, u16 text_len)
{
	u32 size = ALIGN((u32)sizeof(struct printk_log) + text_len, LOG_ALIGN);
	struct printk_log *msg;

	while (!log_has_room(size)) {
		log_first_idx = log_next(log_first_idx);
		log_first_seq++;
		if (log_first_seq > clear_seq)
			log_dropped++;
	}
	if (log_next_seq == log_first_seq)
		log_first_idx = log_next_idx = 0;
	if (log_next_idx + size > log_buf_len) {
		/* A record never wraps: mark the rest unused and start at 0. */
		if (log_next_idx + sizeof(struct printk_log) <= log_buf_len)
			log_at(log_next_idx)->len = 0;
		log_next_idx = 0;
	}
	msg = log_at(log_next_idx);
	msg->ts_nsec = ts;
	msg->len = (u16)size;
	msg->text_len = text_len;
	msg->level = level;
	memcpy(msg + 1, text, text_len);
	log_next_idx += size;
	log_next_seq++;
}

static void cont_flush(void)
{
	if (!cont_open)
		return;
	log_store(cont_level, cont_ts, cont_buf, cont_len);
	cont_len = 0;
	cont_open = false;
}

/* Add @n bytes (no newline among them) to the line in progress. */
static void cont_add(const char *s, unsigned int n)
{
	if (!cont_open) {
		cont_open = true;
		cont_ts = local_clock();
	}
	while (n) {
		unsigned int k = min(n, (unsigned int)(sizeof(cont_buf) - cont_len));

		memcpy(cont_buf + cont_len, s, k);
		cont_len += k;
		s += k;
		n -= k;
		if (n) { /* longer than a record: goes on in the next one */
			u8 level = cont_level;

			cont_flush();
			cont_level = level;
			cont_open = true;
			cont_ts = local_clock();
		}
	}
}

/**
 * vprintk - printk() with a va_list
 * @fmt: printf format, optionally starting with a KERN_<level> prefix
 * @args: its arguments
 *
 * Return: the number of characters printed.
 */
int vprintk(const char *fmt, va_list args)
{
	unsigned long flags = arch_local_irq_save();
	int level_char, n;
	const char *text, *p, *nl;

	n = vscnprintf(printk_buf, sizeof(printk_buf), fmt, args);
	level_char = printk_get_level(printk_buf);
	text = printk_skip_level(printk_buf);
	n -= text - printk_buf;
	if (level_char) {
		/* A message that names a level begins a line of its own. */
		cont_flush();
		cont_level = (u8)(level_char - '0');
		cont_console = cont_level < console_loglevel;
	} else if (!cont_open) {
		cont_level = LOGLEVEL_DEFAULT;
		cont_console = true;
	}
	if (cont_console && n > 0)
		console_write(text, (unsigned int)n);
	for (p = text; p < text + n; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(text + n - p));
		if (!nl) {
			cont_add(p, (unsigned int)(text + n - p));
			break;
		}
		cont_add(p, (unsigned int)(nl - p));
		cont_flush();
	}
	arch_local_irq_restore(flags);
	return n;
}

/**
 * printk - format and print a kernel message
 * @fmt: printf format, optionally starting with a KERN_<level> prefix
 *
 * Return: the number of characters printed.
 */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/**
 * kmsg_iter_init - start reading the log at a record
 * @it: the reader
 * @seq: the first record wanted (kmsg_state's first_seq for everything kept)
 */
void kmsg_iter_init(struct kmsg_iter *it, u64 seq)
{
	it->seq = seq;
	it->idx = LOG_BUF_LEN; /* not known yet: found by kmsg_read() */
}

/**
 * kmsg_read - copy out the next record of the log
 * @it: the reader; records dropped since it last read are skipped
 * @rec: the copy
 *
 * Return: 1 with @rec filled, or 0 when @it has read every record.
 */
int kmsg_read(struct kmsg_iter *it, struct kmsg_record *rec)
{
	unsigned long flags = arch_local_irq_save();
	struct printk_log *msg;
	int ret = 0;

	if (it->seq < log_first_seq || it->idx == LOG_BUF_LEN) {
		u64 s = log_first_seq;

		/* Records have no index: walk from the oldest (once per reader, or on a drop). */
		if (it->seq < log_first_seq)
			it->seq = log_first_seq;
		it->idx = log_first_idx;
		for (; s < it->seq && s < log_next_seq; s++)
			it->idx = log_next(it->idx);
	}
	if (it->seq < log_next_seq) {
		msg = log_record(&it->idx);
		rec->seq = it->seq;
		rec->ts_nsec = msg->ts_nsec;
		rec->level = msg->level;
		rec->text_len =
			min((unsigned int)msg->text_len, (unsigned int)sizeof(rec->text) - 1);
		memcpy(rec->text, msg + 1, rec->text_len);
		rec->text[rec->text_len] = '\0';
		it->idx += msg->len;
		it->seq++;
		ret = 1;
	}
	arch_local_irq_restore(flags);
	return ret;
}

/**
 * kmsg_state - the log's extent now
 * @st: filled with the first record kept (after any dmesg -c), the next sequence number,
 *	the records dropped because the log was full, and the log's size
 */
void kmsg_state(struct kmsg_state *st)
{
	unsigned long flags = arch_local_irq_save();

	st->first_seq = log_first_seq > clear_seq ? log_first_seq : clear_seq;
	st->next_seq = log_next_seq;
	st->dropped = log_dropped;
	st->buf_len = log_buf_len;
	arch_local_irq_restore(flags);
}

/**
 * kmsg_clear - forget, for readers, every record before @seq (dmesg -c / -C)
 * @seq: the first record still to be shown; records stay in the buffer
 */
void kmsg_clear(u64 seq)
{
	unsigned long flags = arch_local_irq_save();

	if (seq > clear_seq)
		clear_seq = seq;
	log_dropped = 0;
	arch_local_irq_restore(flags);
}
