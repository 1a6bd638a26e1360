/*
 * Samsung S3C64xx PWM timer registers: offsets from the block's base and their bits
 * (S3C6410 manual, PWM timer chapter). Shared by drivers/timer/samsung_pwm.c and its
 * host test.
 */
#ifndef DRIVERS_SAMSUNG_PWM_REGS_H
#define DRIVERS_SAMSUNG_PWM_REGS_H

#define TCFG0	   0x00
#define TCFG1	   0x04
#define TCON	   0x08
#define TCNTB3	   0x30
#define TCNTO3	   0x38
#define TCNTB4	   0x3c
#define TCNTO4	   0x40
#define TINT_CSTAT 0x44

#define TCFG0_PRESCALER1_MASK (0xff << 8)      /* timers 2-4 */
#define TCFG1_MUX_MASK(n)     (0xf << ((n)*4)) /* 0 = divide by 1 */

#define TCON_T3_START  (1 << 16)
#define TCON_T3_UPDATE (1 << 17)
#define TCON_T3_INVERT (1 << 18)
#define TCON_T3_RELOAD (1 << 19)
#define TCON_T3_MASK   (0xf << 16)
#define TCON_T4_START  (1 << 20)
#define TCON_T4_UPDATE (1 << 21)
#define TCON_T4_RELOAD (1 << 22)
#define TCON_T4_MASK   (0x7 << 20)

#define CSTAT_ENABLE_MASK 0x1f /* bits 0-4: interrupt enable, timers 0-4 */
#define CSTAT_T0_ENABLE	  (1 << 0)
#define CSTAT_T4_ENABLE	  (1 << 4)
#define CSTAT_T0_STATUS	  (1 << 5) /* bits 5-9: pending, write 1 to clear */
#define CSTAT_T4_STATUS	  (1 << 9)

#endif
