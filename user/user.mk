# User programs (user/): each user/<prog>.c is linked with crt0.S, the system-call layer,
# the shared argument helpers (args.c; --gc-sections drops what a program does not use)
# and newlib into an ELF at 0x10000 (user/user.ld); the firmware embeds every ELF and a
# table of them (user_programs, include/mm/mmap.h) through a generated assembly file.
USER_PROGS  := $(basename $(notdir $(filter-out user/syscalls.c user/args.c,$(wildcard user/*.c))))
USER_BUILD  := $(BUILD)/user
USER_ELFS   := $(addprefix $(USER_BUILD)/,$(addsuffix .elf,$(USER_PROGS)))
# include/uapi/: the system-call ABI the kernel is built with (numbers, flags, signals).
USER_CFLAGS := $(ARCHFLAGS) -O2 -g -Wall -Wextra -Wno-unused-parameter -fno-common -Iinclude/uapi
USER_LIB    := user/crt0.S user/syscalls.c user/syscall.h user/args.c user/args.h user/user.ld \
	       $(wildcard include/uapi/*/*.h)

# <prog>.debug keeps the symbols (gdb, addr2line); the image embeds the stripped <prog>.elf.
$(USER_BUILD)/%.debug: user/%.c $(USER_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -nostartfiles -specs=nano.specs -T user/user.ld \
		-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments -Wl,--gc-sections \
		user/crt0.S user/syscalls.c user/args.c $< -lc -lgcc -o $@
$(USER_BUILD)/%.elf: $(USER_BUILD)/%.debug
	$(CROSS)strip -o $@ $<

$(USER_BUILD)/programs.S: $(USER_ELFS) user/user.mk
	@mkdir -p $(dir $@)
	@{ printf '\t.section .rodata.user_programs, "a"\n\t.balign 4\n\t.globl user_programs\nuser_programs:\n'; \
	  for p in $(USER_PROGS); do printf '\t.word name_%s, elf_%s, elf_%s_end\n' $$p $$p $$p; done; \
	  printf '\t.word 0, 0, 0\n'; \
	  for p in $(USER_PROGS); do \
		printf 'name_%s:\t.asciz "%s"\n\t.balign 4\nelf_%s:\t.incbin "%s"\nelf_%s_end:\n\t.balign 4\n' \
			$$p $$p $$p $(USER_BUILD)/$$p.elf $$p; \
	  done; } >$@

$(USER_BUILD)/programs.o: $(USER_BUILD)/programs.S
	$(CC) $(ASFLAGS) -c $< -o $@

OBJS += $(USER_BUILD)/programs.o
