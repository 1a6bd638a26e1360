/* The one-line interrupt controller of the driver tests (see host_irq_line.h). */
#include <kernel/irq.h>

#include "host_irq_line.h"

static bool line_enabled;
static int (*line_device_pending)(void);

static int line_pending(void)
{
	return line_enabled ? line_device_pending() : -1;
}

static void line_mask(unsigned int irq)
{
	line_enabled = false;
}

static void line_unmask(unsigned int irq)
{
	line_enabled = true;
}

static const struct irq_chip line_chip = {
	.name = "fake",
	.mask = line_mask,
	.unmask = line_unmask,
	.pending = line_pending,
};

void host_irq_line_install(int (*device_pending)(void))
{
	line_device_pending = device_pending;
	line_enabled = false;
	irq_set_chip(&line_chip);
}

bool host_irq_line_enabled(void)
{
	return line_enabled;
}
