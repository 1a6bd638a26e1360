# mm-arm11: Linux memory management on bare-metal ARM1176.
#   make [BOARD=qemu|s3c6410]   firmware in build/<board>/
#   make run / debug / image / test / bench / bench-host   (see README.md)

BOARD       ?= qemu
BOARDS      := qemu s3c6410
# One build directory per configuration: `make BUILD=build/qemu-ram128 RAM_MB=128` keeps
# build/qemu (the default configuration) intact.
BUILD       ?= build/$(BOARD)
HOSTBUILD   := build/host

ifeq ($(wildcard board/$(BOARD)/board.mk),)
$(error BOARD=$(BOARD): no such board (boards: $(BOARDS)))
endif
include board/$(BOARD)/board.mk

# The memory settings are checked before anything is built or written (README: Build
# settings); each refused setting is explained on its own line. Not for clean and deps.
ifneq ($(filter-out clean deps,$(or $(MAKECMDGOALS),all)),)
$(shell BOARD='$(BOARD)' RAM_MB='$(RAM_MB)' LOWMEM_MB='$(LOWMEM_MB)' \
	DMA_ZONE_MB='$(DMA_ZONE_MB)' PAGE_OWNER='$(PAGE_OWNER)' KMEMLEAK='$(KMEMLEAK)' INIT_ON_ALLOC='$(INIT_ON_ALLOC)' INIT_ON_FREE='$(INIT_ON_FREE)' SLUB_DEBUG='$(SLUB_DEBUG)' \
	KFENCE_NUM_OBJECTS='$(KFENCE_NUM_OBJECTS)' KFENCE_SAMPLE_INTERVAL='$(KFENCE_SAMPLE_INTERVAL)' RAM_MB_MIN='$(RAM_MB_MIN)' RAM_MB_MAX='$(RAM_MB_MAX)' \
	RAM_MB_CHOICES='$(RAM_MB_CHOICES)' bash scripts/check-config.sh >&2)
ifneq ($(.SHELLSTATUS),0)
$(error build settings refused for BOARD=$(BOARD) (accepted ranges: README.md, Build settings))
endif
endif

# PAGE_OWNER=1: record who allocated every page (mm/page_owner.c), as Linux's
# CONFIG_PAGE_OWNER with page_owner=on. Off by default: no hook on the allocation paths.
PAGE_OWNER  ?= 0
# INIT_ON_ALLOC=1 / INIT_ON_FREE=1: boot with init_on_alloc / init_on_free on (mm/init_on.c),
# as Linux's CONFIG_INIT_ON_ALLOC_DEFAULT_ON / CONFIG_INIT_ON_FREE_DEFAULT_ON.
INIT_ON_ALLOC ?= 0
INIT_ON_FREE  ?= 0
# KMEMLEAK=1: the leak detector (mm/kmemleak.c), as Linux's CONFIG_DEBUG_KMEMLEAK. Off by
# default: its hooks are empty inlines and the allocation paths are unchanged.
KMEMLEAK    ?= 0

CROSS       ?= arm-none-eabi-
CC          := $(CROSS)gcc
OBJCOPY     := $(CROSS)objcopy
QEMU        ?= qemu-system-arm
PYTHON      := /usr/bin/python3

ARCHFLAGS   := -mcpu=arm1176jzf-s -marm -mfloat-abi=soft
DEFS        := -DPHYS_OFFSET=$(PHYS_OFFSET) -DRAM_MB=$(RAM_MB) -DLOWMEM_MB=$(LOWMEM_MB) \
	       -DDMA_ZONE_MB=$(DMA_ZONE_MB) -DEARLY_UART_PHYS=$(EARLY_UART_PHYS) -DBOARD_NAME='"$(BOARD)"' \
	       $(BOARD_DEFS) $(if $(filter 1,$(PAGE_OWNER)),-DCONFIG_PAGE_OWNER) \
	       $(if $(filter 1,$(KMEMLEAK)),-DCONFIG_DEBUG_KMEMLEAK) \
	       $(if $(filter 1,$(INIT_ON_ALLOC)),-DCONFIG_INIT_ON_ALLOC_DEFAULT_ON) \
	       $(if $(filter 1,$(INIT_ON_FREE)),-DCONFIG_INIT_ON_FREE_DEFAULT_ON) \
	       $(if $(SLUB_DEBUG),-DSLUB_DEBUG='"$(SLUB_DEBUG)"') \
	       $(if $(KFENCE_NUM_OBJECTS),-DKFENCE_NUM_OBJECTS=$(KFENCE_NUM_OBJECTS)) \
	       $(if $(KFENCE_SAMPLE_INTERVAL),-DKFENCE_SAMPLE_INTERVAL=$(KFENCE_SAMPLE_INTERVAL))
CFLAGS      := $(ARCHFLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	       -ffreestanding -fno-common -fno-builtin-malloc -fno-omit-frame-pointer \
	       -Iinclude $(DEFS)
# -Iboard/$(BOARD): head.S includes the board's reset hook when BOARD_DEFS asks for it.
ASFLAGS     := $(ARCHFLAGS) -g -Iinclude -Iboard/$(BOARD) -D__ASSEMBLER__ $(DEFS)
LDFLAGS     := $(ARCHFLAGS) -nostartfiles -specs=nano.specs -Wl,--gc-sections \
	       -Wl,-Map=$(BUILD)/firmware.map -Wl,--no-warn-rwx-segments

CORE_SRCS   := $(wildcard boot/*.S boot/*.c arch/arm/*/*.S arch/arm/*/*.c init/*.c kernel/*.c lib/*.c mm/*.c \
	       drivers/dma/dmaengine.c shell/*.c cmd/*.c tests/target/*.c tests/bench/*.c)
SRCS        := $(CORE_SRCS) $(BOARD_SRCS)
OBJS        := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))
BUILD_ID    := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)

# U-Boot loads and enters the image at the physical address of the kernel text.
LOAD_ADDR   := $(shell printf '0x%08x' $$(($(PHYS_OFFSET) + 0x8000)))
MKIMAGE     ?= mkimage

# Objects depend on the build settings: `make RAM_MB=128` after a 256 MB build rebuilds.
CONFIG_STAMP := $(BUILD)/config.defs
ifneq ($(file <$(CONFIG_STAMP)),$(DEFS))
$(shell mkdir -p $(BUILD))
$(file >$(CONFIG_STAMP),$(DEFS))
endif

QEMU_ARGS   := -M versatilepb -cpu arm1176 -m $(RAM_MB) -nographic \
	       -audiodev none,id=snd0 -global pl041.audiodev=snd0 \
	       -kernel $(BUILD)/firmware.elf

.PHONY: all firmware image run debug test host-tests bench bench-host deps clean boards format
all: firmware
firmware: $(BUILD)/firmware.elf $(BUILD)/firmware.bin
include user/user.mk

$(OBJS): $(CONFIG_STAMP)
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(ASFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/kernel/version.o: CFLAGS += -DBUILD_ID='"$(BUILD_ID)"'
$(BUILD)/kernel/version.o: .FORCE
.FORCE:

$(BUILD)/linker.lds: linker.ld board/$(BOARD)/board.mk $(CONFIG_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -E -P -x c -Iinclude $(DEFS) -D__ASSEMBLER__ $< -o $@

# Two-pass link with the symbol table built in (kallsyms, scripts/link-firmware.sh).
$(BUILD)/firmware.elf: $(OBJS) $(BUILD)/linker.lds scripts/link-firmware.sh scripts/kallsyms.py
	bash scripts/link-firmware.sh $@ $(CROSS)nm "$(CC) $(ASFLAGS)" \
		"$(CC) $(LDFLAGS) -T $(BUILD)/linker.lds" $(OBJS)

$(BUILD)/firmware.bin: $(BUILD)/firmware.elf
	$(OBJCOPY) -O binary $< $@

$(BUILD)/uImage: $(BUILD)/firmware.bin
	$(MKIMAGE) -A arm -O linux -T kernel -C none -a $(LOAD_ADDR) -e $(LOAD_ADDR) \
		-n "mm-arm11 $(BOARD)" -d $< $@ >/dev/null

image: $(BUILD)/firmware.bin $(BUILD)/uImage

deps:
	@bash scripts/deps.sh

# BOARD=s3c6410 has no QEMU machine: it runs on the board model (tests/board_model), loaded
# by its U-Boot `bootm`. MODEL_ARGS adds run.py options (e.g. --preset mainline).
ifeq ($(BOARD),s3c6410)
run: deps
	@$(MAKE) --no-print-directory image
	@echo "S3C6410 board model: quit with Ctrl-A then X"
	$(PYTHON) tests/board_model/run.py --bootm $(BUILD)/uImage --ram $(RAM_MB) $(MODEL_ARGS)
else
run: deps
	@$(MAKE) --no-print-directory firmware
	@echo "QEMU: quit with Ctrl-A then X"
	$(QEMU) $(QEMU_ARGS)
endif

debug: deps
	@$(MAKE) --no-print-directory firmware
	@echo "QEMU waits for gdb on :1234. In another terminal: make gdb"
	$(QEMU) $(QEMU_ARGS) -S -gdb tcp::1234

gdb:
	gdb-multiarch -q -x scripts/gdbinit $(BUILD)/firmware.elf

boards:
	@for b in $(BOARDS); do $(MAKE) --no-print-directory BOARD=$$b firmware image || exit 1; done

# ---- host unit tests (cmocka + ASan/UBSan) ----
include tests/host/tests.mk
include tests/fuzz/fuzz.mk
HOST_CC     := gcc
# What the mm core needs to build on the host (the arena's asm/ shadows, the layout).
HOST_MM_FLAGS := -Itests/host/harness/include -Iinclude -DHOST_BUILD -DPHYS_OFFSET=0x0 -DLOWMEM_MB=192 \
	       -DDMA_ZONE_MB=16
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter \
	       -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	       $(HOST_MM_FLAGS)
HOST_BINS   := $(addprefix $(HOSTBUILD)/,$(HOST_TESTS))

define host_test_rule
$(HOSTBUILD)/$(1): tests/host/$(1).c $$($(1)_SRCS) $$(wildcard include/*/*.h tests/host/harness/include/*/*.h tests/host/harness/*.h)
	@mkdir -p $(HOSTBUILD)
	$(HOST_CC) $(HOST_CFLAGS) $$($(1)_CFLAGS) $$(filter %.c,$$^) -lcmocka -o $$@
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))

host-tests: $(HOST_BINS)
	@bash scripts/run-host-tests.sh $(HOST_BINS)

# ---- line coverage of mm/ by the host tests (gcc --coverage; not part of make test) ----
# Each test is built in its own directory, so the gcov data of its objects stay apart;
# scripts/coverage.py merges them and prints per-file and total line coverage of mm/.
COVBUILD    := build/coverage
COV_BINS    := $(foreach t,$(HOST_TESTS),$(COVBUILD)/$(t)/$(t))

define cov_test_rule
$(COVBUILD)/$(1)/$(1): tests/host/$(1).c $$($(1)_SRCS) $$(wildcard include/*/*.h tests/host/harness/include/*/*.h tests/host/harness/*.h)
	@mkdir -p $(COVBUILD)/$(1)
	$(HOST_CC) $(HOST_CFLAGS) $$($(1)_CFLAGS) --coverage -dumpdir $(COVBUILD)/$(1)/ $$(filter %.c,$$^) -lcmocka -o $$@
endef
$(foreach t,$(HOST_TESTS),$(eval $(call cov_test_rule,$(t))))

.PHONY: coverage
coverage: deps
	@rm -rf $(COVBUILD)
	@$(MAKE) --no-print-directory $(COV_BINS)
	@bash scripts/run-host-tests.sh $(COV_BINS) >$(COVBUILD)/host-tests.log 2>&1; \
		tail -1 $(COVBUILD)/host-tests.log
	@$(PYTHON) scripts/coverage.py $(COVBUILD)

test: deps
	@bash scripts/run-tests.sh

bench: deps
	@$(MAKE) --no-print-directory firmware
	@$(PYTHON) tests/bench/run_bench.py $(BUILD)/firmware.elf
	@$(MAKE) --no-print-directory bench-host

# ---- host benchmarks: the mm core against glibc malloc, jemalloc, mimalloc ----
# Same workload driver for all; the mm core is built from the unit tests' sources but at
# -O2 and without sanitizers. Not part of `make test`.
BENCHBUILD        := build/host-bench
BENCH_HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter
BENCH_HOST_COMMON := tests/bench/host/bench_workloads.c tests/bench/host/bench_workloads.h
BENCH_HOST_BINS   := $(addprefix $(BENCHBUILD)/,bench_mm bench_glibc bench_jemalloc bench_mimalloc)

$(BENCHBUILD)/bench_mm: tests/bench/host/bench_mm.c $(BENCH_HOST_COMMON) $(MM_HOST_SRCS) \
		$(wildcard include/*/*.h tests/host/harness/include/*/*.h tests/host/harness/*.h mm/*.h)
	@mkdir -p $(BENCHBUILD)
	$(HOST_CC) $(BENCH_HOST_CFLAGS) $(HOST_MM_FLAGS) $(filter %.c,$^) -o $@
$(BENCHBUILD)/bench_glibc: tests/bench/host/bench_malloc.c $(BENCH_HOST_COMMON)
	@mkdir -p $(BENCHBUILD)
	$(HOST_CC) $(BENCH_HOST_CFLAGS) $(filter %.c,$^) -o $@
$(BENCHBUILD)/bench_jemalloc: tests/bench/host/bench_malloc.c $(BENCH_HOST_COMMON)
	@mkdir -p $(BENCHBUILD)
	$(HOST_CC) $(BENCH_HOST_CFLAGS) -DBENCH_JEMALLOC $(filter %.c,$^) -ljemalloc -o $@
$(BENCHBUILD)/bench_mimalloc: tests/bench/host/bench_mimalloc.c $(BENCH_HOST_COMMON)
	@mkdir -p $(BENCHBUILD)
	$(HOST_CC) $(BENCH_HOST_CFLAGS) $(filter %.c,$^) -lmimalloc -o $@

bench-host: deps
	@$(MAKE) --no-print-directory $(BENCH_HOST_BINS)
	@$(PYTHON) tests/bench/host/run_host_bench.py $(BENCH_HOST_BINS)

# Apply .clang-format to every C file git tracks (make test checks it: scripts/check-format.sh).
format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build

-include $(OBJS:.o=.d)
