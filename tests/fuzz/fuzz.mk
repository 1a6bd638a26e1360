# libFuzzer targets (clang -fsanitize=fuzzer,address,undefined). `make fuzz` runs each for
# FUZZ_SECONDS; `make fuzz-smoke` (part of make test) replays a fixed number of inputs
# from a fixed seed, so it is repeatable.
FUZZ_TARGETS  := fuzz_shell_input fuzz_page_alloc fuzz_shell_exec fuzz_vmalloc
FUZZ_SECONDS  ?= 60
FUZZ_BUILD    := build/fuzz
FUZZ_CC       := clang
FUZZ_CFLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		 -Itests/host/harness/include -Iinclude -DHOST_BUILD -DPHYS_OFFSET=0x0 -DLOWMEM_MB=192 \
		 -DDMA_ZONE_MB=16
fuzz_shell_input_SRCS := lib/line_editor.c lib/parse.c mm/gfp.c
fuzz_page_alloc_SRCS  := $(MM_HOST_SRCS)
# vmalloc, vmap, ioremap and coherent DMA on the fake MMU, the vmalloc area checked each step.
fuzz_vmalloc_SRCS     := $(MM_HOST_SRCS) tests/host/harness/vmalloc_check.c
# The real dispatcher and the command handlers that build on the host (see the target).
fuzz_shell_exec_SRCS  := $(MM_HOST_SRCS) shell/shell.c shell/ledger.c \
	shell/complete.c kernel/console.c lib/line_editor.c lib/ringbuf.c \
	cmd/page_alloc.c cmd/slab.c cmd/mempool.c

define fuzz_rule
$(FUZZ_BUILD)/$(1): tests/fuzz/$(1).c $$($(1)_SRCS) $$(wildcard include/*/*.h tests/host/harness/include/*/*.h tests/host/harness/*.h mm/*.h)
	@mkdir -p $(FUZZ_BUILD)/corpus-$(1)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $$(filter %.c,$$^) -o $$@
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

FUZZ_BINS := $(addprefix $(FUZZ_BUILD)/,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-smoke
fuzz: deps $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		echo "== $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
			-artifact_prefix=$(FUZZ_BUILD)/ \
			$(FUZZ_BUILD)/corpus-$$t || exit 1; \
	done

fuzz-smoke: $(FUZZ_BINS)
	@bash scripts/run-fuzz-smoke.sh $(FUZZ_BINS)
