/*
 * Samsung S3C64xx UART registers: offsets from a channel's base and their bits (S3C6410
 * manual, UART chapter). Shared by drivers/uart/samsung_uart.c and its host test.
 */
#ifndef DRIVERS_SAMSUNG_UART_REGS_H
#define DRIVERS_SAMSUNG_UART_REGS_H

#define ULCON	 0x00
#define UCON	 0x04
#define UFCON	 0x08
#define UMCON	 0x0c
#define UTRSTAT	 0x10
#define UERSTAT	 0x14 /* error status, cleared by reading */
#define UFSTAT	 0x18
#define UTXH	 0x20
#define URXH	 0x24
#define UBRDIV	 0x28
#define UDIVSLOT 0x2c
#define UINTP	 0x30
#define UINTSP	 0x34
#define UINTM	 0x38

#define ULCON_8N1	 0x3
#define UCON_RX_IRQ_POLL (1 << 0) /* receive mode: interrupt request or polling */
#define UCON_TX_IRQ_POLL (1 << 2)
#define UCON_RX_TIMEOUT	 (1 << 7) /* interrupt on an idle line with bytes waiting */
#define UCON_RX_LEVEL	 (1 << 8)
#define UCON_TX_LEVEL	 (1 << 9)
#define UCON_CLK_PCLK	 (0 << 10)
#define UFCON_FIFO_EN	 (1 << 0)
#define UFCON_RX_RESET	 (1 << 1)
#define UFCON_TX_RESET	 (1 << 2)
#define UTRSTAT_RX_READY (1 << 0)
#define UTRSTAT_TX_EMPTY (1 << 1) /* holding register (non-FIFO mode) empty */
#define UTRSTAT_TX_DONE	 (1 << 2) /* shifter and buffer empty */
#define UERSTAT_OVERRUN	 (1 << 0)
#define UFSTAT_RX_COUNT	 0x3f
#define UFSTAT_RX_FULL	 (1 << 6)
#define UFSTAT_TX_FULL	 (1 << 14)
#define UINT_RXD	 (1 << 0)
#define UINT_ERR	 (1 << 1)
#define UINT_TXD	 (1 << 2)
#define UINT_MODEM	 (1 << 3)
#define UINT_ALL	 (UINT_RXD | UINT_ERR | UINT_TXD | UINT_MODEM)

#endif
