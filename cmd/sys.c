/*
 * System shell commands: version, uptime, md, mw. An access md or mw makes to a KFENCE
 * guard page or freed object is reported by KFENCE (mm/kfence.c) and completes; the
 * command then ends with error:.
 */
#include <asm/mmu.h>
#include <kernel/board.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <shell/shell.h>
#include <kernel/time.h>
#include <kernel/version.h>
#include <lib/parse.h>
#include <mm/kfence.h>

static const char *cpu_name(u32 midr)
{
	if ((midr >> 24) != 0x41)
		return "unknown (not ARM Ltd.)";
	switch ((midr >> 4) & 0xfff) {
	case 0xb76:
		return "ARM1176JZF-S";
	case 0xb36:
		return "ARM1136J(F)-S";
	case 0xc08:
		return "Cortex-A8";
	default:
		return "unknown ARM core";
	}
}

static int cmd_version(int argc, char **argv)
{
	u32 midr = read_cpuid_id();

	printk("%s\n", linux_banner);
	printk("Board: %s (%s)\n", board_info.name, board_info.machine);
	printk("CPU  : %s r%up%u (MIDR 0x%08x)\n", cpu_name(midr), (midr >> 20) & 0xf, midr & 0xf,
	       midr);
	printk("Build: %s\n", build_id);
	return 0;
}
SHELL_CMD(version, "", "firmware, board, CPU (from MIDR) and build id", 0, 0, cmd_version);

static int cmd_uptime(int argc, char **argv)
{
	unsigned long j = jiffies, s = j / HZ;

	printk("up %lu:%02lu:%02lu.%02lu, jiffies %lu (HZ=%d)\n", s / 3600, (s / 60) % 60, s % 60,
	       j % HZ, j, HZ);
	return 0;
}
SHELL_CMD(uptime, "", "time since boot, from the timer tick", 0, 0, cmd_uptime);

#define MD_MAX_LEN 4096

/* KFENCE reported an access of the command since @bugs: say so (0 when not). */
static int kfence_verdict(const char *cmd, unsigned long bugs)
{
	if (kfence_total_bugs() != bugs)
		return shell_error("'%s': KFENCE reported a memory bug (see above)", cmd);
	return 0;
}

static int cmd_md(int argc, char **argv)
{
	unsigned long bugs = kfence_total_bugs();
	u32 addr, len = 64, off, i;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	if (argc > 2 && parse_size(argv[2], &len))
		return shell_error("bad length '%s'", argv[2]);
	if (addr & 3)
		return shell_error("address 0x%08x is not 4-byte aligned", addr);
	if (len == 0 || len > MD_MAX_LEN)
		return shell_error("length must be 1..%u bytes", MD_MAX_LEN);
	if (addr + len - 1 < addr)
		return shell_error("range wraps past 0xffffffff");
	len = (len + 3) & ~3u;
	for (off = 0; off < len; off += 16) {
		u32 words[4], n = (len - off) < 16 ? (len - off) / 4 : 4;
		char ascii[17];

		/* Each word is read once, so a faulting address stops the dump right there. */
		for (i = 0; i < n; i++)
			words[i] = *(volatile u32 *)(unsigned long)(addr + off + i * 4);
		for (i = 0; i < n * 4; i++) {
			char ch = (char)(words[i / 4] >> ((i % 4) * 8));
			ascii[i] = (ch >= 0x20 && ch < 0x7f) ? ch : '.';
		}
		ascii[n * 4] = '\0';
		printk("%08x:", addr + off);
		for (i = 0; i < 4; i++) {
			if (i < n)
				printk(" %08x", words[i]);
			else
				printk("         ");
		}
		printk("    %s\n", ascii);
	}
	return kfence_verdict("md", bugs);
}
SHELL_CMD(md, "<addr> [len]", "display memory as 32-bit words (a fault is reported)", 1, 2, cmd_md);

static int cmd_mw(int argc, char **argv)
{
	unsigned long bugs = kfence_total_bugs();
	u32 addr, val;

	if (parse_addr(argv[1], &addr))
		return shell_error("bad address '%s'", argv[1]);
	if (parse_u32(argv[2], &val))
		return shell_error("bad value '%s'", argv[2]);
	if (addr & 3)
		return shell_error("address 0x%08x is not 4-byte aligned", addr);
	*(volatile u32 *)(unsigned long)addr = val;
	printk("0x%08x <- 0x%08x\n", addr, val);
	return kfence_verdict("mw", bugs);
}
SHELL_CMD(mw, "<addr> <value>", "write a 32-bit word (a fault is reported)", 2, 2, cmd_mw);

SHELL_SHOW_CMD(interrupts, "interrupt lines in use and their counts (/proc/interrupts)",
	       show_interrupts);
