/*
 * A one-line interrupt controller for driver tests: the real interrupt core (kernel/irq.c)
 * masks and unmasks the line through it, and it reports the device's interrupt only
 * while the line is unmasked, as a VIC would.
 */
#ifndef TESTS_HOST_HOST_IRQ_LINE_H
#define TESTS_HOST_HOST_IRQ_LINE_H

#include <stdbool.h>

/*
 * Make the line the interrupt core's chip, masked. @device_pending is the fake device's
 * model: the irq number it raises now, or -1.
 */
void host_irq_line_install(int (*device_pending)(void));
/* Whether the driver has unmasked the line. */
bool host_irq_line_enabled(void);

#endif
