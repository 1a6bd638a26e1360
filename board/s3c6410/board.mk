# Board "s3c6410": OK6410 / Tiny6410 / SMDK6410-class boards, loaded by U-Boot at
# 0x50008000 (docs/boards.md, section 8). RAM_MB=128 for the 128 MB boards; low memory then
# defaults to three quarters of RAM, so that ZONE_HIGHMEM stays real.
PHYS_OFFSET := 0x50000000
RAM_MB      ?= 256
LOWMEM_MB   ?= $(if $(shell printf '%s' '$(RAM_MB)' | grep -xE '[0-9]{1,6}'),$(shell \
		echo $$(($(RAM_MB) * 3 / 4 / 4 * 4))))
DMA_ZONE_MB ?= 16
# RAM_MB accepted (scripts/check-config.sh): the boards are fitted with 128 or 256 MB.
RAM_MB_CHOICES := 128 256
BOARD_SRCS  := board/s3c6410/board.c board/s3c6410/clock.c drivers/uart/samsung_uart.c \
	       drivers/irq/vic.c drivers/timer/samsung_pwm.c drivers/dma/pl080.c
BOARD_DEFS  := -DBOARD_RESET_HOOK
EARLY_UART_PHYS := 0x7f005000
