# Board "qemu": QEMU versatilepb with -cpu arm1176 (docs/boards.md).
PHYS_OFFSET := 0x00000000
RAM_MB      ?= 256
# Low memory: three quarters of RAM by default, rounded down to 4 MB (192 of 256).
LOWMEM_MB   ?= $(if $(shell printf '%s' '$(RAM_MB)' | grep -xE '[0-9]{1,6}'),$(shell \
		echo $$(($(RAM_MB) * 3 / 4 / 4 * 4))))
DMA_ZONE_MB ?= 16
# RAM_MB accepted (scripts/check-config.sh): qemu-system-arm -M versatilepb refuses more
# than 256 MB; below 16 MB the KTAP suites' 8 MB vmalloc cases cannot be served.
RAM_MB_MIN  := 16
RAM_MB_MAX  := 256
BOARD_SRCS  := board/qemu/board.c drivers/uart/pl011.c drivers/irq/vic.c drivers/timer/sp804.c \
              drivers/dma/pl080.c
EARLY_UART_PHYS := 0x101f1000
