/*
 * libFuzzer target: bytes typed at the real shell. Every byte goes through the line
 * editor, Tab completion included (shell/complete.c); every completed line is run
 * by the real dispatcher, shell_exec() (shell/shell.c), against the real command
 * handlers of the page allocator, slab, kmalloc and mempool (cmd/page_alloc.c,
 * cmd/slab.c, cmd/mempool.c) and the shell's ledger (shell/ledger.c),
 * over the mm core on the host arena. After every line the allocator's invariants are
 * checked (mm_host_check): no sequence of commands, however malformed, may corrupt it.
 *
 * Not built on the host yet, so not driven here: the vmalloc/ioremap, dma, pt, md/mw,
 * stress, bench and selftest handlers (their mm code is not host-portable).
 */
#include <asm/traps.h>
#include <assert.h>
#include <kernel/bench.h>
#include <kernel/console.h>
#include <shell/shell.h>
#include <shell/complete.h>
#include <lib/line_editor.h>
#include <mm/slab.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../host/harness/mm_host.h"

u64 boot_to_prompt_ns;

u64 bench_ns(void)
{
	return 0;
}

/* No MMU on the host: a fault is a sanitizer report, so commands run directly. */
int catch_faults(int (*fn)(void *), void *arg, int *ret, struct fault_record *rec)
{
	*ret = fn(arg);
	return 0;
}

static void out(const char *s, unsigned int n, void *ctx)
{
}

/*
 * A command that sleeps in the allocator (__GFP_NOFAIL with memory gone, an empty
 * mempool) would wait forever for an interrupt that frees memory: after 64 simulated
 * interrupts the "user" presses Ctrl-C, as a person at the UART would.
 */
static unsigned int waits;

static void impatient_user(void *arg)
{
	if (++waits >= 64)
		host_fatal_signal = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct line_editor le;
	static bool booted;
	char line[LINE_MAX + 1];
	unsigned long errors;
	size_t i;

	if (!booted) {
		mm_host_boot(&mm_host_default_layout);
		kmem_cache_init();
		le_init(&le, out, NULL);
		le_set_completion(&le, shell_complete, NULL);
		booted = true;
	}
	le_reset(&le);
	for (i = 0; i < size; i++) {
		enum le_result r = le_feed(&le, (char)data[i]);

		assert(le.len <= LINE_MAX);
		if (r == LE_LINE) {
			memcpy(line, le.line, le.len + 1);
			waits = 0;
			host_fatal_signal = false;
			host_irq_hook = impatient_user;
			shell_exec(line);
			errors = mm_host_check(NULL);
			if (errors) {
				fprintf(stderr, "allocator invariants broken after '%s':\n%s\n",
					le.line, host_log());
				__builtin_trap();
			}
		}
		if (r != LE_CONTINUE)
			le_reset(&le);
		host_log_clear();
	}
	return 0;
}
