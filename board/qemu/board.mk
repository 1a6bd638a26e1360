# Board "qemu": QEMU versatilepb with -cpu arm1176 (DESIGN §1, BOARDS.md).
PHYS_OFFSET := 0x00000000
RAM_MB      ?= 256
LOWMEM_MB   ?= 192
DMA_ZONE_MB ?= 16
BOARD_SRCS  := board/qemu/board.c drivers/uart/pl011.c drivers/irq/vic.c drivers/timer/sp804.c \
              drivers/dma/pl080.c
EARLY_UART_PHYS := 0x101f1000
