"""S3C6410 peripherals as the firmware sees them, register by register.

Register offsets, bits and reset values: docs/s3c6410-model.md (which names the S3C6410
user manual and the PL192 / PL080 TRMs as their source). Every device raises ModelError
for a register it does not model, so that a new access by the firmware is noticed rather
than silently read as zero.
"""


class ModelError(Exception):
    """Something the real board would not survive, or the model cannot reproduce."""


class Device:
    name = "device"
    size = 0x1000

    def __init__(self, board, base):
        self.board = board
        self.base = base

    def unmodelled(self, off, what):
        raise ModelError(f"{self.name}: {what} of unmodelled register 0x{self.base + off:08x} "
                         f"({self.name} +0x{off:03x})")

    def read(self, off):
        self.unmodelled(off, "read")

    def write(self, off, value):
        self.unmodelled(off, "write")

    def irq_lines(self):
        """{(vic index, line): level} this device drives."""
        return {}

    def next_event_ns(self):
        """Virtual time of the next state change that needs no CPU action, or None."""
        return None

    def advance(self, now_ns):
        """Bring time-dependent state up to @now_ns."""


class Registers(Device):
    """Plain read/write storage for the registers in @regs {offset: reset value}."""
    regs = {}
    readonly = ()

    def __init__(self, board, base, values=None):
        super().__init__(board, base)
        self.r = dict(self.regs)
        if values:
            self.r.update(values)

    def read(self, off):
        if off not in self.r:
            self.unmodelled(off, "read")
        return self.r[off]

    def write(self, off, value):
        if off not in self.r or off in self.readonly:
            self.unmodelled(off, "write")
        self.r[off] = value


# ---------------------------------------------------------------- system controller
APLL_CON, MPLL_CON, EPLL_CON0, EPLL_CON1 = 0x0C, 0x10, 0x14, 0x18
CLK_SRC, CLK_DIV0, CLK_DIV1, CLK_DIV2 = 0x1C, 0x20, 0x24, 0x28
HCLK_GATE, PCLK_GATE, SCLK_GATE = 0x30, 0x34, 0x38
SDMA_SEL, OTHERS = 0x110, 0x900
XTAL_HZ = 12000000


def pll_hz(con, fin=XTAL_HZ):
    """Fout = M x Fin / (P x 2^S) when the PLL is enabled (bit 31), else 0."""
    m, p, s = (con >> 16) & 0x3FF, (con >> 8) & 0x3F, con & 7
    if not con & (1 << 31) or p == 0:
        return 0
    return m * fin // (p << s)


class Syscon(Registers):
    name = "SYSCON"
    regs = {0x00: 0xFFFF, 0x04: 0xFFFF, 0x08: 0xFFFF, APLL_CON: 0x01900302,
            MPLL_CON: 0x02140603, EPLL_CON0: 0x00200102, EPLL_CON1: 0x9111, CLK_SRC: 0,
            CLK_DIV0: 0x01051000, CLK_DIV1: 0, CLK_DIV2: 0, HCLK_GATE: 0xFFFFFFFF,
            PCLK_GATE: 0xFFFFFFFF, SCLK_GATE: 0xFFFFFFFF, SDMA_SEL: 0, OTHERS: 0x801E}

    def hclkx2_hz(self):
        r = self.r
        if r[OTHERS] & (1 << 6):  # SYNCMUXSEL: synchronous mode, from the APLL
            src = pll_hz(r[APLL_CON]) if r[CLK_SRC] & 1 else XTAL_HZ
        else:
            src = pll_hz(r[MPLL_CON]) if r[CLK_SRC] & 2 else XTAL_HZ
        return src // (((r[CLK_DIV0] >> 9) & 7) + 1)

    def pclk_hz(self):
        return self.hclkx2_hz() // (((self.r[CLK_DIV0] >> 12) & 0xF) + 1)

    def armclk_hz(self):
        src = pll_hz(self.r[APLL_CON]) if self.r[CLK_SRC] & 1 else XTAL_HZ
        return src // ((self.r[CLK_DIV0] & 0xF) + 1)

    def gate(self, reg, bit):
        return bool(self.r[reg] & (1 << bit))


# ---------------------------------------------------------------- GPIO (port A only)
class Gpio(Registers):
    name = "GPIO"
    regs = {0x00: 0, 0x04: 0, 0x08: 0x5555, 0x0C: 0, 0x10: 0}

    def uart0_pins(self):
        return self.r[0x00] & 0xFF == 0x22


# ---------------------------------------------------------------- watchdog
WTCON, WTDAT, WTCNT, WTCLRINT = 0x00, 0x04, 0x08, 0x0C


class Watchdog(Device):
    name = "watchdog"

    def __init__(self, board, base, running):
        super().__init__(board, base)
        self.wtcon = 0x8021 if running else 0
        self.wtdat = 0x8000
        self.count = 0x8000
        self.since = 0.0        # virtual ns at which self.count was valid
        self.pending = False

    def rate(self):
        div = (16, 32, 64, 128)[(self.wtcon >> 3) & 3]
        return self.board.syscon.pclk_hz() / (((self.wtcon >> 8) & 0xFF) + 1) / div

    def running(self):
        return bool(self.wtcon & (1 << 5))

    def advance(self, now):
        if not self.running():
            self.since = now
            return
        ticks = int((now - self.since) * self.rate() / 1e9)
        if ticks <= 0:
            return
        self.since += ticks * 1e9 / self.rate()
        while ticks:
            if ticks < self.count:
                self.count -= ticks
                return
            ticks -= self.count
            if self.wtcon & 1:
                raise WatchdogReset(
                    f"watchdog reset: WTCNT reached 0 at {now / 1e6:.1f} ms "
                    f"(WTCON 0x{self.wtcon:04x}: the firmware never stopped the watchdog "
                    f"the loader left running)")
            if self.wtcon & (1 << 2):
                self.pending = True
            self.count = self.wtdat or 0x10000

    def next_event_ns(self):
        if not self.running() or not self.wtcon & 5:
            return None
        return self.since + self.count * 1e9 / self.rate()

    def read(self, off):
        self.advance(self.board.now_ns)
        if off == WTCON:
            return self.wtcon
        if off == WTDAT:
            return self.wtdat
        if off == WTCNT:
            return self.count
        self.unmodelled(off, "read")

    def write(self, off, value):
        self.advance(self.board.now_ns)
        if off == WTCON:
            self.wtcon = value & 0xFF3D
        elif off == WTDAT:
            self.wtdat = value & 0xFFFF
        elif off == WTCNT:
            self.count = value & 0xFFFF
        elif off == WTCLRINT:
            self.pending = False
        else:
            self.unmodelled(off, "write")

    def irq_lines(self):
        return {(0, 26): self.pending}


class WatchdogReset(ModelError):
    pass


# ---------------------------------------------------------------- UART
ULCON, UCON, UFCON, UMCON, UTRSTAT, UERSTAT, UFSTAT, UMSTAT = range(0, 0x20, 4)
UTXH, URXH, UBRDIV, UDIVSLOT, UINTP, UINTSP, UINTM = 0x20, 0x24, 0x28, 0x2C, 0x30, 0x34, 0x38
UINT_RXD, UINT_ERR, UINT_TXD = 1, 2, 4
FIFO_SIZE = 64
WANT_BAUD = 115200


class Uart(Device):
    """UART0. Transmit is instantaneous (the wire is the host's stdout); receive takes
    bytes from the host one frame time apart, into a 64-byte FIFO that overruns."""
    name = "UART0"

    def __init__(self, board, base, uboot_state):
        super().__init__(board, base)
        self.r = {ULCON: 0, UCON: 0, UFCON: 0, UMCON: 0, UBRDIV: 0, UDIVSLOT: 0, UINTM: 0}
        self.r.update(uboot_state)
        self.rx = []            # the RX FIFO (or holding register when FIFOs are off)
        self.uerstat = 0
        self.uintsp = 0
        self.wire = bytearray()  # bytes sent by the host, not yet arrived
        self.next_rx_ns = 0.0
        self.output = None       # callable(bytes)
        self.checked = None      # line settings already found good

    # -- the line: what the host terminal (115200 8N1) sees
    def baud(self):
        clk_sel = (self.r[UCON] >> 10) & 3
        if clk_sel in (1, 3):
            raise ModelError(f"UART0: UCON 0x{self.r[UCON]:x} selects clock source "
                             f"{clk_sel} (external/EPLL), which the model does not run")
        pclk = self.board.syscon.pclk_hz()
        div = 16 * (self.r[UBRDIV] + 1) + bin(self.r[UDIVSLOT] & 0xFFFF).count("1")
        return pclk / div, pclk

    def frame_ns(self):
        try:
            baud = self.baud()[0]
        except ModelError:
            baud = WANT_BAUD
        return 10 * 1e9 / baud

    def check_line(self):
        key = (self.r[ULCON], self.r[UCON], self.r[UBRDIV], self.r[UDIVSLOT],
               self.board.syscon.pclk_hz(), self.board.gpio.r[0], self.board.syscon.r[PCLK_GATE])
        if key == self.checked:
            return
        if not self.board.syscon.gate(PCLK_GATE, 1):
            raise ModelError("UART0: transmit with its clock gated (PCLK_GATE bit 1 clear)")
        if not self.board.gpio.uart0_pins():
            raise ModelError(f"UART0: transmit while GPA0/GPA1 are not UART0 pins "
                             f"(GPACON 0x{self.board.gpio.r[0]:08x}, want function 2)")
        if self.r[ULCON] & 0x7F != 0x03:
            raise ModelError(f"UART0: ULCON 0x{self.r[ULCON]:02x} is not 8N1 (0x03): a "
                             f"115200 8N1 terminal would see garbage")
        baud, pclk = self.baud()
        if abs(baud - WANT_BAUD) > 0.02 * WANT_BAUD:
            raise ModelError(
                f"UART0: baud rate {baud:.0f} (PCLK {pclk} Hz, UBRDIV {self.r[UBRDIV]}, "
                f"UDIVSLOT 0x{self.r[UDIVSLOT]:04x}) is not {WANT_BAUD} +-2%: a 115200 8N1 "
                f"terminal would see garbage")
        self.checked = key

    def fifo_mode(self):
        return bool(self.r[UFCON] & 1)

    def rx_trigger(self):
        return (1, 8, 16, 32)[(self.r[UFCON] >> 4) & 3] if self.fifo_mode() else 1

    # -- host side
    def host_input(self, data):
        if not self.wire:
            self.next_rx_ns = max(self.next_rx_ns, self.board.now_ns + self.frame_ns())
        self.wire += data

    def advance(self, now):
        while self.wire and self.next_rx_ns <= now:
            byte = self.wire.pop(0)
            if len(self.rx) >= (FIFO_SIZE if self.fifo_mode() else 1):
                self.uerstat |= 1  # overrun: the byte is lost
                self.uintsp |= UINT_ERR
            else:
                self.rx.append(byte)
            self.last_rx_ns = self.next_rx_ns
            self.next_rx_ns += self.frame_ns()
        self.update_rx_irq()

    def update_rx_irq(self):
        if self.rx and (self.r[UCON] & 3) == 1:
            if len(self.rx) >= self.rx_trigger() or self.r[UCON] & (1 << 7):
                self.uintsp |= UINT_RXD

    def next_event_ns(self):
        return self.next_rx_ns if self.wire else None

    def irq_lines(self):
        return {(1, 5): bool(self.uintsp & ~self.r[UINTM] & 0xF)}

    # -- registers
    def read(self, off):
        if off in (ULCON, UCON, UFCON, UMCON, UBRDIV, UDIVSLOT, UINTM):
            return self.r[off]
        if off == UTRSTAT:
            return (1 if self.rx else 0) | 0x6  # transmitter always empty
        if off == UERSTAT:
            v, self.uerstat = self.uerstat, 0
            return v
        if off == UFSTAT:
            n = len(self.rx)
            return (min(n, 63)) | (0x40 if n >= FIFO_SIZE else 0)
        if off == URXH:
            v = self.rx.pop(0) if self.rx else 0
            self.update_rx_irq()
            return v
        if off == UMSTAT:
            return 0
        if off == UINTP:
            return self.uintsp & ~self.r[UINTM] & 0xF
        if off == UINTSP:
            return self.uintsp
        self.unmodelled(off, "read")

    def write(self, off, value):
        if off in (ULCON, UCON, UMCON, UBRDIV, UDIVSLOT, UINTM):
            self.r[off] = value
        elif off == UFCON:
            if value & 2:
                self.rx.clear()
            self.r[off] = value & ~6
        elif off == UTXH:
            self.check_line()
            if self.output:
                self.output(bytes([value & 0xFF]))
        elif off in (UINTP, UINTSP):
            self.uintsp &= ~value
            self.update_rx_irq()
        else:
            self.unmodelled(off, "write")


# ---------------------------------------------------------------- PL192 VIC
VIC_IRQSTATUS, VIC_FIQSTATUS, VIC_RAWINTR, VIC_INTSELECT = 0x00, 0x04, 0x08, 0x0C
VIC_INTENABLE, VIC_INTENCLEAR, VIC_SOFTINT, VIC_SOFTINTCLEAR = 0x10, 0x14, 0x18, 0x1C
VIC_PROTECTION, VIC_SWPRIORITYMASK, VIC_PRIORITYDAISY = 0x20, 0x24, 0x28
VIC_VECTADDR, VIC_VECTPRIORITY, VIC_ADDRESS = 0x100, 0x200, 0xF00
PL192_ID = {0xFE0: 0x92, 0xFE4: 0x11, 0xFE8: 0x04, 0xFEC: 0x00,
            0xFF0: 0x0D, 0xFF4: 0xF0, 0xFF8: 0x05, 0xFFC: 0xB1}


class Vic(Device):
    """PL192: the priority logic of its TRM. Reading VICADDRESS returns the vector of the
    highest-priority pending interrupt and masks that priority and every lower one until
    VICADDRESS is written; only interrupts of strictly higher priority assert nIRQ
    meanwhile."""

    def __init__(self, board, base, index):
        super().__init__(board, base)
        self.index = index
        self.name = f"VIC{index}"
        self.raw = 0
        self.select = self.enable = self.soft = self.protection = 0
        self.swmask = 0xFFFF
        self.daisy = 0xF
        self.vectaddr = [0] * 32
        self.vectprio = [0xF] * 32
        self.active = []        # stack of (line, priority, virtual ns) being serviced
        self.blocked_since = None
        self.unmatched_writes = 0

    def status(self):
        return (self.raw | self.soft) & self.enable & ~self.select

    def best(self):
        """(line, priority) of the highest-priority pending IRQ that may be signalled."""
        limit = self.active[-1][1] if self.active else 16
        best = None
        st = self.status()
        for line in range(32):
            if st >> line & 1:
                pr = self.vectprio[line]
                if pr < limit and self.swmask >> pr & 1 and (best is None or pr < best[1]):
                    best = (line, pr)
        return best

    def irq_asserted(self):
        return self.best() is not None

    def acknowledge(self):
        """A VICADDRESS read (or the CPU's vectored-interrupt port): returns the vector."""
        b = self.best()
        if b is None:
            return 0
        self.active.append((b[0], b[1], self.board.now_ns))
        return self.vectaddr[b[0]]

    def read(self, off):
        if off == VIC_IRQSTATUS:
            return self.status()
        if off == VIC_FIQSTATUS:
            return (self.raw | self.soft) & self.enable & self.select
        if off == VIC_RAWINTR:
            return self.raw | self.soft
        if off == VIC_INTSELECT:
            return self.select
        if off == VIC_INTENABLE:
            return self.enable
        if off == VIC_SOFTINT:
            return self.soft
        if off == VIC_PROTECTION:
            return self.protection
        if off == VIC_SWPRIORITYMASK:
            return self.swmask
        if off == VIC_PRIORITYDAISY:
            return self.daisy
        if VIC_VECTADDR <= off < VIC_VECTADDR + 0x80:
            return self.vectaddr[(off - VIC_VECTADDR) // 4]
        if VIC_VECTPRIORITY <= off < VIC_VECTPRIORITY + 0x80:
            return self.vectprio[(off - VIC_VECTPRIORITY) // 4]
        if off == VIC_ADDRESS:
            return self.acknowledge()
        if off in PL192_ID:
            return PL192_ID[off]
        self.unmodelled(off, "read")

    def write(self, off, value):
        if off == VIC_INTSELECT:
            self.select = value
        elif off == VIC_INTENABLE:
            self.enable |= value
        elif off == VIC_INTENCLEAR:
            self.enable &= ~value
        elif off == VIC_SOFTINT:
            self.soft |= value
        elif off == VIC_SOFTINTCLEAR:
            self.soft &= ~value
        elif off == VIC_PROTECTION:
            self.protection = value & 1
        elif off == VIC_SWPRIORITYMASK:
            self.swmask = value & 0xFFFF
        elif off == VIC_PRIORITYDAISY:
            self.daisy = value & 0xF
        elif VIC_VECTADDR <= off < VIC_VECTADDR + 0x80:
            self.vectaddr[(off - VIC_VECTADDR) // 4] = value
        elif VIC_VECTPRIORITY <= off < VIC_VECTPRIORITY + 0x80:
            self.vectprio[(off - VIC_VECTPRIORITY) // 4] = value & 0xF
        elif off == VIC_ADDRESS:
            if self.active:
                self.active.pop()
            elif self.board.cpu.cpsr() & 0x1F == 0x12:  # ending an IRQ never acknowledged
                self.unmatched_writes += 1
                if self.unmatched_writes == 1:
                    self.board.warn(f"{self.name}: VICADDRESS written with no interrupt active "
                                    f"(the PL192 pairs each write with a read at IRQ entry)")
        else:
            self.unmodelled(off, "write")

    def check_blocked(self, now, cpu_irqs_enabled):
        """A pending interrupt held back only by an interrupt that was never ended."""
        st = self.status()
        if not (self.active and st and self.best() is None and cpu_irqs_enabled):
            self.blocked_since = None
            return
        if self.blocked_since is None:
            self.blocked_since = now
        elif now - self.blocked_since > 50e6:
            line, pr, since = self.active[-1]
            waiting = [l for l in range(32) if st >> l & 1]
            raise ModelError(
                f"{self.name}: interrupt line {line} (priority {pr}) was acknowledged by a "
                f"VICADDRESS read {(now - since) / 1e6:.0f} ms ago and never ended by a write "
                f"to VICADDRESS (0x{self.base + VIC_ADDRESS:08x}): lines {waiting} of equal or "
                f"lower priority are blocked")


# ---------------------------------------------------------------- PWM timers
TCFG0, TCFG1, TCON, TINT_CSTAT = 0x00, 0x04, 0x08, 0x44
TCON_BITS = {0: 0, 1: 8, 2: 12, 3: 16, 4: 20}   # start bit of each timer in TCON
TIMER_LINE = {0: 23, 1: 24, 2: 25, 3: 27, 4: 28}


class PwmTimer:
    def __init__(self):
        self.tcntb = 0
        self.tcmpb = 0
        self.count = 0          # count at self.since
        self.since = 0.0
        self.running = False


class Pwm(Device):
    name = "PWM"

    def __init__(self, board, base, tcfg0=0x0101, tcfg1=0, tcon=0, cstat=0):
        super().__init__(board, base)
        self.tcfg0, self.tcfg1, self.tcon, self.cstat = tcfg0, tcfg1, tcon, cstat
        self.t = [PwmTimer() for _ in range(5)]

    def rate(self, n):
        pre = (self.tcfg0 >> (0 if n < 2 else 8)) & 0xFF
        mux = (self.tcfg1 >> (4 * n)) & 0xF
        if mux > 4:
            raise ModelError(f"PWM: timer {n} clocked from TCLK (TCFG1 0x{self.tcfg1:05x}), "
                             f"which the model does not run")
        if not self.board.syscon.gate(PCLK_GATE, 7):
            return 0.0
        return self.board.syscon.pclk_hz() / (pre + 1) / (1 << mux)

    def reload(self, n):
        return bool(self.tcon >> (TCON_BITS[n] + (2 if n == 4 else 3)) & 1)

    def advance(self, now):
        for n, t in enumerate(self.t):
            if not t.running:
                t.since = now
                continue
            rate = self.rate(n)
            ticks = int((now - t.since) * rate / 1e9) if rate else 0
            if ticks <= 0:
                continue
            t.since += ticks * 1e9 / rate
            if ticks <= t.count:
                t.count -= ticks
                continue
            ticks -= t.count + 1
            if self.cstat >> n & 1:
                self.cstat |= 1 << (5 + n)
            if not self.reload(n):
                t.count, t.running = 0, False
                continue
            period = t.tcntb + 1
            if ticks >= period and self.cstat >> n & 1:
                self.cstat |= 1 << (5 + n)
            t.count = t.tcntb - ticks % period

    def next_event_ns(self):
        best = None
        for n, t in enumerate(self.t):
            if t.running and self.cstat >> n & 1:
                rate = self.rate(n)
                if rate:
                    when = t.since + (t.count + 1) * 1e9 / rate
                    best = when if best is None else min(best, when)
        return best

    def irq_lines(self):
        return {(0, TIMER_LINE[n]): bool(self.cstat >> (5 + n) & 1 and self.cstat >> n & 1)
                for n in range(5)}

    def read(self, off):
        self.advance(self.board.now_ns)
        if off == TCFG0:
            return self.tcfg0
        if off == TCFG1:
            return self.tcfg1
        if off == TCON:
            return self.tcon
        if off == TINT_CSTAT:
            return self.cstat
        if 0x0C <= off < 0x3C:
            n, reg = divmod(off - 0x0C, 12)
            return (self.t[n].tcntb, self.t[n].tcmpb, self.t[n].count)[reg // 4]
        if off == 0x3C:
            return self.t[4].tcntb
        if off == 0x40:
            return self.t[4].count
        self.unmodelled(off, "read")

    def write(self, off, value):
        self.advance(self.board.now_ns)
        now = self.board.now_ns
        if off == TCFG0:
            self.tcfg0 = value & 0xFFFFFF
        elif off == TCFG1:
            self.tcfg1 = value & 0xFFFFFF
        elif off == TCON:
            self.tcon = value & 0x7FFF1F
            for n, bit in TCON_BITS.items():
                t = self.t[n]
                start, update = value >> bit & 1, value >> (bit + 1) & 1
                if update:
                    t.count = t.tcntb
                t.running = bool(start and not update)
                t.since = now
        elif off == TINT_CSTAT:
            self.cstat = (value & 0x1F) | (self.cstat & 0x3E0 & ~(value & 0x3E0))
        elif 0x0C <= off < 0x3C and (off - 0x0C) % 12 in (0, 4):
            n, reg = divmod(off - 0x0C, 12)
            if reg == 0:
                self.t[n].tcntb = value
            else:
                self.t[n].tcmpb = value
        elif off == 0x3C:
            self.t[4].tcntb = value
        else:
            self.unmodelled(off, "write")


# ---------------------------------------------------------------- DMAC0 (PL080S)
DMAC_INTSTATUS, DMAC_INTTCSTATUS, DMAC_INTTCCLEAR = 0x000, 0x004, 0x008
DMAC_INTERRSTATUS, DMAC_INTERRCLR, DMAC_RAWINTTC, DMAC_RAWINTERR = 0x00C, 0x010, 0x014, 0x018
DMAC_ENBLDCHNS, DMAC_CONFIG, DMAC_SYNC = 0x01C, 0x030, 0x034
CH_BASE, CH_STRIDE = 0x100, 0x20
CH_SRC, CH_DST, CH_LLI, CH_CONTROL0, CH_CONTROL1, CH_CONFIG = 0x0, 0x4, 0x8, 0xC, 0x10, 0x14


class Dmac(Device):
    """PL080S: memory-to-memory transfers complete inside the enabling write."""
    name = "DMAC0"

    def __init__(self, board, base):
        super().__init__(board, base)
        self.config = 0
        self.sync = 0
        self.raw_tc = 0
        self.raw_err = 0
        self.ch = [{CH_SRC: 0, CH_DST: 0, CH_LLI: 0, CH_CONTROL0: 0, CH_CONTROL1: 0,
                    CH_CONFIG: 0} for _ in range(8)]
        self.copies = 0

    def clocked(self):
        if not self.board.syscon.gate(HCLK_GATE, 12):
            raise ModelError("DMAC0: accessed with its clock gated (HCLK_GATE bit 12 clear)")

    def tc_status(self):
        mask = sum(1 << n for n in range(8) if self.ch[n][CH_CONFIG] & (1 << 15))
        return self.raw_tc & mask

    def err_status(self):
        mask = sum(1 << n for n in range(8) if self.ch[n][CH_CONFIG] & (1 << 14))
        return self.raw_err & mask

    def irq_lines(self):
        return {(1, 9): bool(self.tc_status() | self.err_status())}

    def read(self, off):
        self.clocked()
        if off == DMAC_INTSTATUS:
            return self.tc_status() | self.err_status()
        if off == DMAC_INTTCSTATUS:
            return self.tc_status()
        if off == DMAC_INTERRSTATUS:
            return self.err_status()
        if off == DMAC_RAWINTTC:
            return self.raw_tc
        if off == DMAC_RAWINTERR:
            return self.raw_err
        if off == DMAC_ENBLDCHNS:
            return sum(1 << n for n in range(8) if self.ch[n][CH_CONFIG] & 1)
        if off == DMAC_CONFIG:
            return self.config
        if off == DMAC_SYNC:
            return self.sync
        if CH_BASE <= off < CH_BASE + 8 * CH_STRIDE and (off - CH_BASE) % CH_STRIDE in self.ch[0]:
            return self.ch[(off - CH_BASE) // CH_STRIDE][(off - CH_BASE) % CH_STRIDE]
        self.unmodelled(off, "read")

    def write(self, off, value):
        self.clocked()
        if off == DMAC_INTTCCLEAR:
            self.raw_tc &= ~value
        elif off == DMAC_INTERRCLR:
            self.raw_err &= ~value
        elif off == DMAC_CONFIG:
            self.config = value & 7
        elif off == DMAC_SYNC:
            self.sync = value & 0xFFFF
        elif CH_BASE <= off < CH_BASE + 8 * CH_STRIDE and (off - CH_BASE) % CH_STRIDE in self.ch[0]:
            n, reg = (off - CH_BASE) // CH_STRIDE, (off - CH_BASE) % CH_STRIDE
            self.ch[n][reg] = value
            if reg == CH_CONFIG and value & 1:
                self.run(n)
        else:
            self.unmodelled(off, "write")

    def run(self, n):
        c = self.ch[n]
        if not self.config & 1:
            raise ModelError(f"DMAC0: channel {n} enabled while the controller is disabled "
                             f"(DMACConfiguration bit 0)")
        flow = (c[CH_CONFIG] >> 11) & 7
        if flow != 0:
            raise ModelError(f"DMAC0: channel {n} flow control {flow}: only memory-to-memory "
                             f"(0) is modelled")
        if c[CH_LLI]:
            raise ModelError(f"DMAC0: channel {n} linked list 0x{c[CH_LLI]:08x}: not modelled")
        ctrl = c[CH_CONTROL0]
        swidth, dwidth = 1 << ((ctrl >> 18) & 7), 1 << ((ctrl >> 21) & 7)
        count = c[CH_CONTROL1] & 0x1FFFFFF
        nbytes = count * swidth
        src, dst = c[CH_SRC], c[CH_DST]
        if not (ctrl >> 26 & 1 and ctrl >> 27 & 1) or swidth != dwidth:
            raise ModelError(f"DMAC0: channel {n} CONTROL0 0x{ctrl:08x}: only incrementing "
                             f"copies of equal widths are modelled")
        for addr in (src, dst):
            if not self.board.is_ram(addr, nbytes):
                self.raw_err |= 1 << n
                c[CH_CONFIG] &= ~1
                self.board.warn(f"DMAC0: channel {n} transfer of {nbytes} bytes at "
                                f"0x{addr:08x} leaves RAM: error interrupt")
                return
        self.board.uc.mem_write(dst, bytes(self.board.uc.mem_read(src, nbytes)))
        self.copies += 1
        if ctrl >> 31 & 1:
            self.raw_tc |= 1 << n
        c[CH_CONFIG] &= ~1
        c[CH_CONTROL1] &= ~0x1FFFFFF
