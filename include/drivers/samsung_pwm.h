/*
 * Samsung S3C64xx PWM timers: timer 4 as the periodic HZ tick, timer 3 as a free-running
 * counter. Register layout in <drivers/samsung_pwm_regs.h>.
 */
#ifndef DRIVERS_SAMSUNG_PWM_H
#define DRIVERS_SAMSUNG_PWM_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/*
 * Take the timer block at @base (mapped) whose input clock is @pclk_hz: the dividers of
 * timers 3 and 4 are set to 1; prescaler 1, shared with timer 2, is kept as found, so
 * both count at samsung_pwm_clock_hz() = @pclk_hz / (prescaler 1 + 1).
 */
void samsung_pwm_init(void __iomem *base, u32 pclk_hz);
u32 samsung_pwm_clock_hz(void);
/* The TCNTB4 value that makes timer 4 expire HZ times a second from @clk_hz. */
u32 samsung_pwm_tick_count(u32 clk_hz);
/* Start timer 4 as the tick (auto-reload, interrupt on @irq). Return: 0 or -1. */
int samsung_pwm_tick_init(unsigned int irq);
/* Start timer 3 free-running (32 bits, no interrupt). */
void samsung_pwm_clocksource_init(void);
/* Timer 3's count, turned into one that goes up. */
u32 samsung_pwm_clocksource_read(void);

#endif
