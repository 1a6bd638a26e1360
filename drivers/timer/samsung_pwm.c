/*
 * Samsung S3C64xx PWM timer block: five 32-bit down-counters sharing two prescalers.
 * Prescaler 1 also clocks timer 2, which a loader may still be using (a backlight PWM):
 * it is left as found and our timers count at PCLK / (prescaler 1 + 1).
 * Timer 4 (no output pin) reloads from TCNTB4 every 1/HZ s and drives timer_tick();
 * timer 3 counts down from 0xffffffff for ever as a cycle counter. A count buffer only
 * reaches the counter on expiry, or through TCON's manual-update bit, which must be
 * cleared again in the write that starts the timer.
 */
#include <asm/io.h>
#include <drivers/samsung_pwm.h>
#include <drivers/samsung_pwm_regs.h>
#include <kernel/irq.h>
#include <kernel/time.h>

static void __iomem *pwm;
static u32 pwm_clk_hz;

/**
 * samsung_pwm_init - take the PWM timer block
 * @base: its mapped registers
 * @pclk_hz: its input clock
 *
 * Keeps prescaler 1 as the loader set it (it also clocks timer 2) and sets the dividers of
 * timers 3 and 4 to 1, so both count at @pclk_hz / (prescaler 1 + 1).
 */
void samsung_pwm_init(void __iomem *base, u32 pclk_hz)
{
	u32 prescaler1 = (readl(base + TCFG0) & TCFG0_PRESCALER1_MASK) >> 8;

	pwm = base;
	pwm_clk_hz = pclk_hz / (prescaler1 + 1);
	writel(readl(base + TCFG1) & ~(TCFG1_MUX_MASK(3) | TCFG1_MUX_MASK(4)), base + TCFG1);
}

/**
 * samsung_pwm_clock_hz - the rate timers 3 and 4 count at
 *
 * Return: PCLK / (prescaler 1 + 1), as samsung_pwm_init() found the prescaler.
 */
u32 samsung_pwm_clock_hz(void)
{
	return pwm_clk_hz;
}

/**
 * samsung_pwm_tick_count - the TCNTB4 value for HZ expiries a second
 * @clk_hz: timer 4's input clock
 *
 * Return: @clk_hz / HZ - 1.
 */
u32 samsung_pwm_tick_count(u32 clk_hz)
{
	return clk_hz / HZ - 1;
}

/* TCON also holds timers 0-2, which a loader may be using (a backlight, a beeper). */
static void tcon_update(u32 clear, u32 set)
{
	writel((readl(pwm + TCON) & ~clear) | set, pwm + TCON);
}

/* Write TINT_CSTAT without acknowledging other timers' pending bits by accident. */
static void cstat_write(u32 enables, u32 ack)
{
	writel(enables | ack, pwm + TINT_CSTAT);
}

static void samsung_pwm_tick_interrupt(unsigned int irq, void *dev)
{
	cstat_write(readl(pwm + TINT_CSTAT) & CSTAT_ENABLE_MASK, CSTAT_T4_STATUS);
	timer_tick();
}

/**
 * samsung_pwm_tick_init - start timer 4 as the tick (auto-reload)
 * @irq: timer 4's interrupt line
 *
 * Return: 0, or -1 when the line cannot be taken (timer 4 is stopped again).
 */
int samsung_pwm_tick_init(unsigned int irq)
{
	u32 enables;

	tcon_update(TCON_T4_MASK, 0);
	writel(samsung_pwm_tick_count(pwm_clk_hz), pwm + TCNTB4);
	tcon_update(0, TCON_T4_UPDATE);
	tcon_update(TCON_T4_UPDATE, TCON_T4_START | TCON_T4_RELOAD);
	enables = readl(pwm + TINT_CSTAT) & CSTAT_ENABLE_MASK;
	cstat_write(enables & ~CSTAT_T4_ENABLE, CSTAT_T4_STATUS);
	if (request_irq(irq, samsung_pwm_tick_interrupt, "samsung-pwm", NULL)) {
		tcon_update(TCON_T4_MASK, 0);
		return -1;
	}
	cstat_write(enables | CSTAT_T4_ENABLE, 0);
	return 0;
}

/**
 * samsung_pwm_clocksource_init - start timer 3 free-running (32 bits, no interrupt)
 */
void samsung_pwm_clocksource_init(void)
{
	tcon_update(TCON_T3_MASK, 0);
	writel(0xffffffff, pwm + TCNTB3);
	tcon_update(0, TCON_T3_UPDATE);
	tcon_update(TCON_T3_UPDATE, TCON_T3_START | TCON_T3_RELOAD);
}

/**
 * samsung_pwm_clocksource_read - read timer 3
 *
 * Return: its count, turned into one that goes up.
 */
u32 samsung_pwm_clocksource_read(void)
{
	return ~readl(pwm + TCNTO3);
}
