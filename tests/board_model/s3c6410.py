"""The S3C6410 board model: an ARM1176 (Unicorn) with the SoC's memory map and devices.

Time: the CPU runs in slices of SLICE instructions, one instruction per ARMCLK cycle, so
the timers count in instructions while the firmware works; when it waits (WFI) virtual
time follows the wall clock to the next device event or host input, so an idle shell
ticks at the real rate. Interrupts are entered between slices. docs/s3c6410-model.md
describes what is modelled and what is not.
"""
import time

from unicorn import (UC_ARCH_ARM, UC_HOOK_CODE, UC_HOOK_INSN_INVALID, UC_HOOK_INTR,
                     UC_MODE_ARM, UC_PROT_ALL, Uc, UcError)
from unicorn import arm_const as A

from . import devices as D
from .cpu import (DFAR, DFSR, EXCP_DATA_ABORT, EXCP_PREFETCH_ABORT, EXCP_SWI, IFAR, IFSR,
                  MODE_ABT, MODE_IRQ, MODE_SVC, MODE_UND, PSR_A, PSR_I, SCTLR, SCTLR_VE,
                  VEC_DABT, VEC_IRQ, VEC_PABT, VEC_SWI, VEC_UND, Cpu)

RAM_BASE = 0x50000000
STEPPING_STONE = 0x0C000000
PERIPH_BASE, PERIPH_SIZE = 0x70000000, 0x10000000
SLICE = 20000
UNTIL = 0xFFFFFFFF  # never a PC: slices end on their count

PA = {"vic0": 0x71200000, "vic1": 0x71300000, "dmac0": 0x75000000, "watchdog": 0x7E004000,
      "syscon": 0x7E00F000, "uart0": 0x7F005000, "pwm": 0x7F006000, "gpio": 0x7F008000}

# What the loader leaves in the hardware (docs/s3c6410-model.md, "Presets").
PRESETS = {
    # Samsung's vendor U-Boot 1.1.6 (OK6410/Tiny6410 BSPs): 532/133/66.5 MHz in
    # synchronous mode, watchdog left running, UART0 FIFOs off, DMA clocks gated off;
    # `go` enters with the MMU and caches off.
    "vendor": dict(
        syscon={D.APLL_CON: 0x810A0301, D.MPLL_CON: 0x810A0302, D.CLK_SRC: 0x7,
                D.CLK_DIV0: 0x3300, D.OTHERS: 0x80DE, D.HCLK_GATE: 0xFFFFCFFF},
        watchdog=True,
        uart=dict(ULCON=0x3, UCON=0x805, UFCON=0x0, UBRDIV=0x23, UDIVSLOT=0x0080, UINTM=0xF),
        pwm=dict(tcfg0=0x0101, tcfg1=0, tcon=0, cstat=0),
        go_mmu=False),
    # Mainline U-Boot (smdk6400 family): 666/133/66.5 MHz asynchronous (HCLK from the
    # MPLL), watchdog stopped, FIFOs on, PWM prescaler 1 = 16 for its own timer 4 tick
    # with timer 2 driving a PWM output; `go` enters with MMU, D-cache and alignment
    # checks on over an identity map.
    "mainline": dict(
        syscon={D.APLL_CON: 0x814D0301, D.MPLL_CON: 0x810A0302, D.CLK_SRC: 0x7,
                D.CLK_DIV0: 0x3100, D.OTHERS: 0x801E},
        watchdog=False,
        uart=dict(ULCON=0x3, UCON=0x245, UFCON=0x1, UBRDIV=0x22, UDIVSLOT=0xDFDD, UINTM=0xF),
        pwm=dict(tcfg0=0x0F00, tcfg1=0, tcon=(1 << 12) | (1 << 15), cstat=0),
        go_mmu=True),
}


class Board:
    def __init__(self, preset="vendor", ram_mb=256, output=None, warn=None,
                 loader_vectored_irq=False):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}: {sorted(PRESETS)}")
        if ram_mb not in (128, 256):
            raise ValueError("S3C6410 boards have 128 or 256 MB")
        self.preset_name = preset
        self.preset = PRESETS[preset]
        self.ram_size = ram_mb << 20
        self.warn_cb = warn or (lambda msg: None)
        self.warnings = []
        self.now_ns = 0.0
        self.pending_ns = 0.0       # executed but not yet applied to the devices
        self.instructions = 0
        self.error = None
        self.undef_pc = None
        self.remap = None           # (base, size) once the peripheral port is set
        self.loader_vectored_irq = loader_vectored_irq

        uc = self.uc = Uc(UC_ARCH_ARM, UC_MODE_ARM)
        uc.ctl_set_cpu_model(A.UC_CPU_ARM_1176)
        self.cpu = Cpu(uc)
        uc.mem_map(RAM_BASE, self.ram_size)
        uc.mem_map(STEPPING_STONE, 0x2000)
        # Unicorn 2.0.1 looks a *virtual* address up in its own map before the MMU
        # translates it: every address must belong to some region, so what the SoC
        # leaves empty is covered by "hole" regions that report any physical access.
        uc.mmio_map(PERIPH_BASE, PERIPH_SIZE, self._periph_read, None, self._periph_write,
                    None)
        holes = [(0, STEPPING_STONE), (STEPPING_STONE + 0x2000, RAM_BASE),
                 (RAM_BASE + self.ram_size, PERIPH_BASE),
                 (PERIPH_BASE + PERIPH_SIZE, 0x100000000)]
        for start, end in holes:
            uc.mmio_map(start, end - start, self._hole_read, start, self._hole_write, start)
            # Executable, because the kernel's virtual addresses fall in these holes too.
            uc.mem_protect(start, end - start, UC_PROT_ALL)

        p = self.preset
        self.syscon = D.Syscon(self, PA["syscon"], p["syscon"])
        self.gpio = D.Gpio(self, PA["gpio"], {0x00: 0x2222})
        self.watchdog = D.Watchdog(self, PA["watchdog"], p["watchdog"])
        self.uart = D.Uart(self, PA["uart0"],
                           {getattr(D, k): v for k, v in p["uart"].items()})
        self.uart.output = output
        self.vic = [D.Vic(self, PA["vic0"], 0), D.Vic(self, PA["vic1"], 1)]
        self.pwm = D.Pwm(self, PA["pwm"], **p["pwm"])
        self.dmac = D.Dmac(self, PA["dmac0"])
        self.devices = [self.syscon, self.gpio, self.watchdog, self.uart, self.vic[0],
                        self.vic[1], self.pwm, self.dmac]
        self.by_page = {d.base >> 12: d for d in self.devices}
        self.timed = [self.watchdog, self.uart, self.pwm]
        self.line_sources = [self.watchdog, self.uart, self.pwm, self.dmac]
        self.pwm_loader_prescaler = (self.pwm.tcfg0 >> 8) & 0xFF

        uc.hook_add(UC_HOOK_INTR, self._on_exception)
        uc.hook_add(UC_HOOK_INSN_INVALID, self._on_undefined)
        self.remap_insns = {}
        self.remap_hook = uc.hook_add(UC_HOOK_CODE, self._watch_remap)

    # ------------------------------------------------------------------ reporting
    def warn(self, msg):
        if msg not in self.warnings:
            self.warnings.append(msg)
            self.warn_cb(msg)

    def fail(self, exc):
        if self.error is None:
            self.error = exc
        self.uc.emu_stop()

    def state(self):
        c = self.cpu
        return (f"pc 0x{c.pc():08x} lr 0x{c.reg(14):08x} cpsr 0x{c.cpsr():08x} "
                f"sctlr 0x{c.cp(SCTLR):08x}, {self.instructions} instructions, "
                f"{self.now_ns / 1e6:.1f} ms")

    # ------------------------------------------------------------------ memory map
    def is_ram(self, addr, size=1):
        return RAM_BASE <= addr and addr + size <= RAM_BASE + self.ram_size

    def _hole_read(self, uc, off, size, start):
        self.fail(D.ModelError(f"read of physical 0x{start + off:08x}: no memory or device "
                               f"there (DRAM is 0x{RAM_BASE:08x}-0x"
                               f"{RAM_BASE + self.ram_size - 1:08x})"))
        return 0

    def _hole_write(self, uc, off, size, value, start):
        self.fail(D.ModelError(f"write of physical 0x{start + off:08x}: no memory or device "
                               f"there (DRAM is 0x{RAM_BASE:08x}-0x"
                               f"{RAM_BASE + self.ram_size - 1:08x})"))

    def _device(self, addr):
        if self.remap is None:
            raise D.ModelError(
                f"device access at 0x{addr:08x} before the peripheral port remap "
                f"(mcr p15, 0, rX, c15, c2, 4): on the ARM1176 it goes to the wrong bus")
        base, size = self.remap
        if not base <= addr < base + size:
            raise D.ModelError(f"device access at 0x{addr:08x} outside the peripheral port "
                               f"window 0x{base:08x}+0x{size:x} set by the c15 remap")
        dev = self.by_page.get(addr >> 12)
        if dev is None:
            raise D.ModelError(f"access to unmodelled device page 0x{addr & ~0xFFF:08x}")
        off = addr - dev.base
        if dev is self.uart and off >= 0x400:
            raise D.ModelError(f"access to UART{off // 0x400} (0x{addr:08x}): not modelled")
        if dev in self.vic and not self.syscon.gate(D.HCLK_GATE, 1):
            raise D.ModelError(f"{dev.name}: accessed with its clock gated (HCLK_GATE bit 1)")
        return dev, off

    def _periph_read(self, uc, off, size, ud):
        addr = PERIPH_BASE + off
        try:
            dev, doff = self._device(addr)
            value = dev.read(doff & ~3)
            return (value >> (8 * (doff & 3))) & ((1 << (8 * size)) - 1)
        except Exception as e:  # noqa: BLE001 - reported as the run's result
            self.fail(e)
            return 0

    def _periph_write(self, uc, off, size, value, ud):
        addr = PERIPH_BASE + off
        try:
            dev, doff = self._device(addr)
            if doff & 3:
                raise D.ModelError(f"{dev.name}: unaligned {size}-byte write at 0x{addr:08x}")
            dev.write(doff, value & 0xFFFFFFFF)
            self.update_lines()
            if dev is self.pwm:
                self.check_prescaler()
        except Exception as e:  # noqa: BLE001
            self.fail(e)

    def check_prescaler(self):
        pre = (self.pwm.tcfg0 >> 8) & 0xFF
        if pre != self.pwm_loader_prescaler and self.pwm.tcon & 1 << 12:
            self.warn(f"PWM: prescaler 1 changed from {self.pwm_loader_prescaler} to {pre} "
                      f"while timer 2 runs: the loader's PWM output changes frequency")

    # ------------------------------------------------------------------ peripheral port
    def _watch_remap(self, uc, address, size, ud):
        """Until the c15 peripheral-port remap is written, look at each instruction for
        `mcr p15, 0, rX, c15, c2, 4` (ARM or Thumb-2) and take rX as the new window."""
        try:
            word = self.remap_insns.get(address)
            if word is None:
                raw = self.cpu.read_virt(address, 4)
                word = int.from_bytes(raw, "little")
                self.remap_insns[address] = word
            if size == 4 and word & 0x0FFF0FFF == 0x0E0F0F92:
                if not cond_passed(word >> 28, self.cpu.cpsr()):
                    return
                rt = (word >> 12) & 0xF
            elif size == 4 and word & 0x0FFFFFFF == 0x0F92EE0F:
                rt = (word >> 28) & 0xF
            else:
                return
            value = self.cpu.reg(rt) if rt != 15 else address + 8
            size_field = value & 0x1F
            self.remap = (value & 0xFFFFF000, 0 if size_field < 3 else 1 << (size_field + 9))
            uc.hook_del(self.remap_hook)
            self.remap_hook = None
        except Exception as e:  # noqa: BLE001
            self.fail(e)

    # ------------------------------------------------------------------ exceptions
    def _on_exception(self, uc, intno, ud):
        cpu = self.cpu
        try:
            pc = cpu.pc()
            if intno == EXCP_SWI:
                cpu.enter_exception(MODE_SVC, VEC_SWI, pc)
            elif intno == EXCP_DATA_ABORT:
                far, fsr = cpu.locate_data_fault()
                if far is None:
                    raise D.ModelError(f"data abort at pc 0x{pc:08x} that the model's table "
                                       f"walk cannot explain")
                cpu.set_cp(DFSR, fsr)
                cpu.set_cp(DFAR, far)
                cpu.enter_exception(MODE_ABT, VEC_DABT, pc + 8, PSR_A)
            elif intno == EXCP_PREFETCH_ABORT:
                fsr = cpu.fault_status(pc, 2 if cpu.thumb() else 4, False, fetch=True)
                cpu.set_cp(IFSR, fsr if fsr is not None else 0x5)
                cpu.set_cp(IFAR, pc)
                cpu.enter_exception(MODE_ABT, VEC_PABT, pc + 4, PSR_A)
            else:
                raise D.ModelError(f"CPU exception {intno} at pc 0x{pc:08x}: not modelled")
        except Exception as e:  # noqa: BLE001
            self.fail(e)

    def _on_undefined(self, uc, ud):
        self.undef_pc = self.cpu.pc()
        return True

    def irq_asserted(self):
        return self.vic[0].irq_asserted() or self.vic[1].irq_asserted()

    def take_irq(self):
        cpu = self.cpu
        pc = cpu.pc()
        if cpu.cp(SCTLR) & SCTLR_VE:
            vic = self.vic[0] if self.vic[0].irq_asserted() else self.vic[1]
            line = vic.best()[0]
            vector = vic.acknowledge()
            cpu.enter_exception(MODE_IRQ, VEC_IRQ, pc + 4, PSR_A)
            if vector == 0:
                raise D.ModelError(
                    f"IRQ (VIC{vic.index} line {line}) taken with SCTLR.VE set: the core "
                    f"jumps to VICVECTADDR{line} = 0x00000000, which nothing set up "
                    f"(clear SCTLR.VE at reset)")
            self.uc.reg_write(A.UC_ARM_REG_PC, vector)
        else:
            cpu.enter_exception(MODE_IRQ, VEC_IRQ, pc + 4, PSR_A)

    # ------------------------------------------------------------------ time and lines
    def update_lines(self):
        raw = [0, 0]
        for dev in self.line_sources:
            for (vic, line), level in dev.irq_lines().items():
                if level:
                    raw[vic] |= 1 << line
        self.vic[0].raw, self.vic[1].raw = raw

    def advance_to(self, now):
        self.now_ns = now
        self.pending_ns = 0.0
        for dev in self.timed:
            dev.advance(now)
        self.update_lines()

    def next_event(self):
        events = [t for t in (d.next_event_ns() for d in self.timed) if t is not None]
        return min(events) if events else None

    # ------------------------------------------------------------------ running
    def start(self, pc, regs=None, cpsr=0x1D3, sctlr_set=0, sctlr_clear=0, ttbr0=None,
              dacr=None):
        uc = self.uc
        uc.reg_write(A.UC_ARM_REG_CPSR, cpsr)
        for n, v in (regs or {}).items():
            uc.reg_write(A.UC_ARM_REG_R0 + n if n < 13 else
                         {13: A.UC_ARM_REG_SP, 14: A.UC_ARM_REG_LR}[n], v)
        if ttbr0 is not None:
            self.cpu.set_cp((15, 0, 0, 2, 0, 0, 0), ttbr0)
        if dacr is not None:
            self.cpu.set_cp((15, 0, 0, 3, 0, 0, 0), dacr)
        sctlr = self.cpu.cp(SCTLR)
        sctlr = ((sctlr | sctlr_set) & ~(sctlr_clear | SCTLR_VE))
        if self.loader_vectored_irq:  # a loader that used the VIC port and left it on
            sctlr |= SCTLR_VE
        self.cpu.set_cp(SCTLR, sctlr)
        uc.reg_write(A.UC_ARM_REG_PC, pc)
        self.ns_per_insn = 1e9 / self.syscon.armclk_hz()

    def run_slice(self, count=SLICE):
        """Run @count instructions (fewer if the CPU stops in WFI or takes an undefined
        instruction); return True when it stopped in WFI."""
        cpu = self.cpu
        start = cpu.resume_address()
        try:
            self.uc.emu_start(start, UNTIL, count=count)
        except UcError as e:
            if self.error is None:
                self.error = D.ModelError(f"CPU stopped: {e}")
        if self.error is not None:
            raise self.error
        if self.undef_pc is not None:
            pc, self.undef_pc = self.undef_pc, None
            cpu.enter_exception(MODE_UND, VEC_UND, pc + (2 if cpu.thumb() else 4))
            self.instructions += 1
            return False
        self.instructions += count
        self.pending_ns += count * self.ns_per_insn
        if self.pending_ns >= SLICE * self.ns_per_insn:
            self.advance_to(self.now_ns + self.pending_ns)
        return self.stopped_in_wfi()

    def stopped_in_wfi(self):
        cpu = self.cpu
        pc = cpu.pc()
        try:
            if cpu.thumb():
                return False
            word = int.from_bytes(cpu.read_virt(pc - 4, 4), "little")
        except Exception:  # noqa: BLE001 - no readable previous instruction
            return False
        return word & 0x0FFF0FFF == 0x0E070F90 or word & 0x0FFFFFFF == 0x0320F003

    def check(self):
        irqs_on = not self.cpu.cpsr() & PSR_I
        for v in self.vic:
            v.check_blocked(self.now_ns, irqs_on)

    def deliver_irq(self):
        if self.irq_asserted() and not self.cpu.cpsr() & PSR_I:
            self.take_irq()

    def run(self, host, until_ns=None):
        """Run until an error (raised) or @until_ns of virtual time. @host supplies input:
        host.poll() -> bytes, host.wait(seconds) -> bytes (may return early)."""
        while until_ns is None or self.now_ns < until_ns:
            data = host.poll()
            if data:
                self.uart.host_input(data)
            # An interrupt waiting for CPSR.I to clear is taken at the instruction that
            # clears it: single-step until then (masked windows are short).
            masked = self.irq_asserted() and self.cpu.cpsr() & PSR_I
            wfi = self.run_slice(1 if masked else SLICE)
            if wfi and not self.irq_asserted():
                self.advance_to(self.now_ns + self.pending_ns)
                self.idle(host)
            self.check()
            self.deliver_irq()

    def idle(self, host):
        """WFI: wait for an interrupt. Virtual time moves with the wall clock, but jumps
        straight to the next event if that is all there is to wait for."""
        while not self.irq_asserted():
            for v in self.vic:  # waiting for an interrupt the VIC holds back for ever?
                v.check_blocked(self.now_ns, True)
            nxt = self.next_event()
            wait_ns = (nxt - self.now_ns) if nxt is not None else 100e6
            wait_ns = max(0.0, min(wait_ns, 100e6))
            t0 = time.monotonic()
            data = host.wait(wait_ns / 1e9)
            waited = (time.monotonic() - t0) * 1e9
            if data:
                self.advance_to(self.now_ns + min(waited, wait_ns))
                self.uart.host_input(data)
            elif nxt is not None and nxt - self.now_ns <= 100e6:
                self.advance_to(max(nxt + 1.0, self.now_ns))  # +1 ns: past float rounding
            else:
                self.advance_to(self.now_ns + wait_ns)

    def write_phys(self, addr, data):
        if not self.is_ram(addr, len(data)):
            raise D.ModelError(f"0x{addr:08x}+{len(data)} is not in RAM")
        self.uc.mem_write(addr, bytes(data))

    def read_phys(self, addr, size):
        return bytes(self.uc.mem_read(addr, size))


def cond_passed(cond, cpsr):
    n, z, c, v = (cpsr >> 31) & 1, (cpsr >> 30) & 1, (cpsr >> 29) & 1, (cpsr >> 28) & 1
    table = [z, not z, c, not c, n, not n, v, not v, c and not z, not c or z, n == v, n != v,
             not z and n == v, z or n != v, True, True]
    return bool(table[cond])
