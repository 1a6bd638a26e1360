"""The ARM1176 side of the board model: what Unicorn 2.0.1 leaves to its user.

Unicorn emulates the ARMv6 instruction set, CP15 and the MMU, but it has no interrupt
input and does not enter exceptions itself: SVC and aborts reach a UC_HOOK_INTR hook,
undefined instructions a UC_HOOK_INSN_INVALID hook, and in every case the CPU state is
still the interrupted one. This module enters the exception the way the ARM1176 does
(docs/s3c6410-model.md, "Exceptions"): banked mode, SPSR, return address, I/A bits,
vector base from SCTLR.V, and for aborts the fault status and address registers, which
it computes with its own table walk because Unicorn does not write DFSR/DFAR/IFSR/IFAR.
"""
import struct

from unicorn import UcError
from unicorn import arm_const as A

# Modes and CPSR bits.
MODE_USR, MODE_FIQ, MODE_IRQ, MODE_SVC = 0x10, 0x11, 0x12, 0x13
MODE_ABT, MODE_UND, MODE_SYS = 0x17, 0x1B, 0x1F
PSR_T, PSR_F, PSR_I, PSR_A = 1 << 5, 1 << 6, 1 << 7, 1 << 8

# SCTLR bits.
SCTLR_M, SCTLR_A, SCTLR_C, SCTLR_V, SCTLR_I = 1 << 0, 1 << 1, 1 << 2, 1 << 13, 1 << 12
SCTLR_XP, SCTLR_VE = 1 << 23, 1 << 24

# Vector offsets.
VEC_UND, VEC_SWI, VEC_PABT, VEC_DABT, VEC_IRQ = 0x04, 0x08, 0x0C, 0x10, 0x18

# QEMU exception numbers as Unicorn's interrupt hook reports them.
EXCP_UDEF, EXCP_SWI, EXCP_PREFETCH_ABORT, EXCP_DATA_ABORT = 1, 2, 3, 4

# Fault status codes (ARM1176 TRM, fault status register encodings).
FSR_ALIGN = 0x1
FSR_TRANS_SECT, FSR_TRANS_PAGE = 0x5, 0x7
FSR_DOMAIN_SECT, FSR_DOMAIN_PAGE = 0x9, 0xB
FSR_PERM_SECT, FSR_PERM_PAGE = 0xD, 0xF
FSR_WNR = 1 << 11


def cp15(crn, crm, opc1, opc2):
    return (15, 0, 0, crn, crm, opc1, opc2)


SCTLR = cp15(1, 0, 0, 0)
TTBR0, TTBR1, TTBCR = cp15(2, 0, 0, 0), cp15(2, 0, 0, 1), cp15(2, 0, 0, 2)
DACR = cp15(3, 0, 0, 0)
DFSR, IFSR = cp15(5, 0, 0, 0), cp15(5, 0, 0, 1)
DFAR, IFAR = cp15(6, 0, 0, 0), cp15(6, 0, 0, 2)

REGS = [A.UC_ARM_REG_R0 + i for i in range(13)] + [A.UC_ARM_REG_SP, A.UC_ARM_REG_LR,
                                                     A.UC_ARM_REG_PC]


class Fault(Exception):
    """A translation found no usable mapping: .fsr (status, domain, section/page)."""

    def __init__(self, fsr):
        super().__init__(f"fault status 0x{fsr:03x}")
        self.fsr = fsr


class Cpu:
    def __init__(self, uc):
        self.uc = uc

    # ---- registers ----
    def cp(self, reg):
        return self.uc.reg_read(A.UC_ARM_REG_CP_REG, reg)

    def set_cp(self, reg, value):
        self.uc.reg_write(A.UC_ARM_REG_CP_REG, reg + (value & 0xFFFFFFFF,))

    def reg(self, n):
        return self.uc.reg_read(REGS[n])

    def pc(self):
        return self.uc.reg_read(A.UC_ARM_REG_PC)

    def cpsr(self):
        return self.uc.reg_read(A.UC_ARM_REG_CPSR)

    def thumb(self):
        return bool(self.cpsr() & PSR_T)

    def resume_address(self):
        """Where emu_start must continue: PC with bit 0 set in Thumb state."""
        return self.pc() | (1 if self.thumb() else 0)

    # ---- exception entry ----
    def enter_exception(self, mode, vector, lr, extra_mask=0):
        """Enter @mode at the vector, like the core does: SPSR_<mode> = CPSR, LR_<mode>
        = @lr, CPSR mode, I set (plus @extra_mask), T cleared (SCTLR.TE is 0)."""
        old = self.cpsr()
        new = (old & ~(0x1F | PSR_T | (1 << 24))) | mode | PSR_I | extra_mask
        self.uc.reg_write(A.UC_ARM_REG_CPSR, new)
        self.uc.reg_write(A.UC_ARM_REG_SPSR, old)
        self.uc.reg_write(A.UC_ARM_REG_LR, lr & 0xFFFFFFFF)
        self.uc.reg_write(A.UC_ARM_REG_PC, self.vector_base() + vector)

    def vector_base(self):
        return 0xFFFF0000 if self.cp(SCTLR) & SCTLR_V else 0

    # ---- memory through the MMU (reads only; the model's view, no side effects) ----
    def phys_read32(self, pa):
        return struct.unpack("<I", bytes(self.uc.mem_read(pa, 4)))[0]

    def translate(self, va, write=False, fetch=False, privileged=True):
        """Physical address of @va under the live tables, or raise Fault(fsr)."""
        sctlr = self.cp(SCTLR)
        if not sctlr & SCTLR_M:
            return va
        n = self.cp(TTBCR) & 7
        if n and va >> (32 - n):
            base = self.cp(TTBR1) & 0xFFFFC000
        else:
            base = self.cp(TTBR0) & (0xFFFFFFFF << (14 - n)) & 0xFFFFFFFF
        l1 = self.phys_read32(base | ((va >> 20) << 2))
        kind = l1 & 3
        wnr = FSR_WNR if write else 0
        if kind == 0 or kind == 3:
            raise Fault(FSR_TRANS_SECT | wnr)
        if kind == 2:  # section or supersection
            domain = 0 if l1 & (1 << 18) else (l1 >> 5) & 0xF
            if l1 & (1 << 18):
                pa = (l1 & 0xFF000000) | (va & 0x00FFFFFF)
            else:
                pa = (l1 & 0xFFF00000) | (va & 0x000FFFFF)
            apx, ap, xn = (l1 >> 15) & 1, (l1 >> 10) & 3, (l1 >> 4) & 1
            page = False
        else:  # coarse table
            domain = (l1 >> 5) & 0xF
            l2 = self.phys_read32((l1 & 0xFFFFFC00) | (((va >> 12) & 0xFF) << 2))
            if l2 & 3 == 0:
                raise Fault(FSR_TRANS_PAGE | (domain << 4) | wnr)
            if l2 & 3 == 1:  # large page
                pa = (l2 & 0xFFFF0000) | (va & 0xFFFF)
                xn = (l2 >> 15) & 1
            else:  # small page (XP format: bit 0 is XN)
                pa = (l2 & 0xFFFFF000) | (va & 0xFFF)
                xn = l2 & 1 if sctlr & SCTLR_XP else 0
            apx, ap = (l2 >> 9) & 1, (l2 >> 4) & 3
            page = True
        dacr = (self.cp(DACR) >> (2 * domain)) & 3
        if dacr in (0, 2):
            raise Fault((FSR_DOMAIN_PAGE if page else FSR_DOMAIN_SECT) | (domain << 4) | wnr)
        if dacr == 1:
            perm = FSR_PERM_PAGE if page else FSR_PERM_SECT
            denied = False
            if ap == 0:
                denied = True
            elif not privileged and ap == 1:
                denied = True
            elif write and (apx or (not privileged and ap == 2)):
                denied = True
            if fetch and xn and sctlr & SCTLR_XP:
                denied = True
            if denied:
                raise Fault(perm | (domain << 4) | wnr)
        return pa

    def read_virt(self, va, size):
        out = b""
        while size:
            chunk = min(size, 0x1000 - (va & 0xFFF))
            out += bytes(self.uc.mem_read(self.translate(va, fetch=True), chunk))
            va, size = va + chunk, size - chunk
        return out

    def fault_status(self, va, size, write, fetch=False):
        """FSR for an access the CPU refused, or None if the model finds it allowed."""
        if not fetch and self.cp(SCTLR) & SCTLR_A and va % min(size, 4):
            return FSR_ALIGN | (FSR_WNR if write else 0)
        priv = (self.cpsr() & 0x1F) != MODE_USR
        try:
            for a in sorted({va, (va + size - 1) & 0xFFFFFFFF}):
                self.translate(a, write=write, fetch=fetch, privileged=priv)
        except Fault as f:
            return f.fsr
        return None

    # ---- which address did a faulting load/store touch? ----
    def data_access(self):
        """[(address, size, is_write)] the instruction at PC accesses, in order."""
        pc = self.pc()
        if self.thumb():
            hw1 = struct.unpack("<H", self.read_virt(pc, 2))[0]
            hw2 = None
            if hw1 >> 11 in (0x1D, 0x1E, 0x1F):
                hw2 = struct.unpack("<H", self.read_virt(pc + 2, 2))[0]
            return decode_thumb(hw1, hw2, pc, self.reg)
        insn = struct.unpack("<I", self.read_virt(pc, 4))[0]
        return decode_arm(insn, pc, self.reg)

    def locate_data_fault(self):
        """(far, fsr) of the data abort the instruction at PC just took."""
        accesses = self.data_access()
        for addr, size, write in accesses:
            fsr = self.fault_status(addr & 0xFFFFFFFF, size, write)
            if fsr is not None:
                return addr & 0xFFFFFFFF, fsr
        return None, None


def _shift(value, kind, amount, carry=0):
    value &= 0xFFFFFFFF
    if kind == 0:
        return (value << amount) & 0xFFFFFFFF
    if kind == 1:
        return 0 if amount == 0 else value >> amount
    if kind == 2:
        signed = value - (1 << 32) if value & 0x80000000 else value
        return (signed >> (amount or 32)) & 0xFFFFFFFF
    if amount == 0:  # RRX
        return (value >> 1) | (carry << 31)
    return ((value >> amount) | (value << (32 - amount))) & 0xFFFFFFFF


def decode_arm(insn, pc, reg):
    """Accesses of one ARM-state load/store (the common forms; [] otherwise)."""
    def r(n):
        return (pc + 8) if n == 15 else reg(n)

    rn = (insn >> 16) & 0xF
    p, u, w, load = (insn >> 24) & 1, (insn >> 23) & 1, (insn >> 21) & 1, (insn >> 20) & 1
    op = (insn >> 25) & 7
    if op in (2, 3) and not (op == 3 and insn & 0x10):  # LDR/STR/LDRB/STRB
        if op == 2:
            off = insn & 0xFFF
        else:
            off = _shift(reg(insn & 0xF), (insn >> 5) & 3, (insn >> 7) & 0x1F)
        base = r(rn)
        addr = (base + off if u else base - off) if p else base
        return [(addr, 1 if insn & (1 << 22) else 4, not load)]
    if op == 4:  # LDM/STM
        count = bin(insn & 0xFFFF).count("1")
        base = r(rn)
        if u:
            start = base + 4 if p else base
        else:
            start = base - 4 * count if p else base - 4 * count + 4
        return [(start + 4 * i, 4, not load) for i in range(count)]
    if op == 0 and insn & 0x90 == 0x90:
        if (insn >> 23) & 0x1F == 0x02 and insn & 0xF0 == 0x90:  # SWP/SWPB
            return [(reg(rn), 1 if insn & (1 << 22) else 4, True)]
        if (insn >> 23) & 0x1F == 0x03 and insn & 0xF0 == 0x90:  # LDREX/STREX family
            size = {0: 4, 1: 8, 2: 1, 3: 2}[(insn >> 21) & 3]
            return [(reg(rn), size, not load)]
        sh = (insn >> 5) & 3
        if sh == 0:
            return []
        if insn & (1 << 22):
            off = ((insn >> 4) & 0xF0) | (insn & 0xF)
        else:
            off = reg(insn & 0xF)
        base = r(rn)
        addr = (base + off if u else base - off) if p else base
        if not load and sh in (2, 3):  # LDRD (sh 2) / STRD (sh 3)
            return [(addr, 8, sh == 3)]
        return [(addr, 1 if sh == 2 else 2, not load)]
    return []


def decode_thumb(hw1, hw2, pc, reg):
    """Accesses of one Thumb or Thumb-2 load/store (the common forms; [] otherwise)."""
    if hw2 is None:
        if hw1 >> 11 == 0x09:  # LDR literal
            return [(((pc + 4) & ~3) + (hw1 & 0xFF) * 4, 4, False)]
        if hw1 >> 12 == 0x5:  # register offset
            opb = (hw1 >> 9) & 7
            size = (4, 2, 1, 1, 4, 2, 1, 2)[opb]
            return [(reg((hw1 >> 3) & 7) + reg((hw1 >> 6) & 7), size, opb < 3)]
        if hw1 >> 13 == 0x3:  # LDR/STR(B) immediate
            byte = (hw1 >> 12) & 1
            imm = (hw1 >> 6) & 0x1F
            return [(reg((hw1 >> 3) & 7) + (imm if byte else imm * 4), 1 if byte else 4,
                     not (hw1 >> 11) & 1)]
        if hw1 >> 12 == 0x8:  # LDRH/STRH immediate
            return [(reg((hw1 >> 3) & 7) + ((hw1 >> 6) & 0x1F) * 2, 2, not (hw1 >> 11) & 1)]
        if hw1 >> 12 == 0x9:  # SP-relative
            return [(reg(13) + (hw1 & 0xFF) * 4, 4, not (hw1 >> 11) & 1)]
        if hw1 >> 12 == 0xC:  # LDMIA/STMIA
            count = bin(hw1 & 0xFF).count("1")
            base = reg((hw1 >> 8) & 7)
            return [(base + 4 * i, 4, not (hw1 >> 11) & 1) for i in range(count)]
        if hw1 & 0xF600 == 0xB400:  # PUSH/POP
            count = bin(hw1 & 0x1FF).count("1")
            if hw1 & 0x0800:
                return [(reg(13) + 4 * i, 4, False) for i in range(count)]
            return [(reg(13) - 4 * count + 4 * i, 4, True) for i in range(count)]
        return []
    rn = hw1 & 0xF
    load = (hw1 >> 4) & 1
    if hw1 & 0xFE00 == 0xF800:  # load/store single
        size = (1, 2, 4, 4)[(hw1 >> 5) & 3]
        if rn == 15:
            base = (pc + 4) & ~3
            return [(base + (hw2 & 0xFFF) if hw1 & 0x80 else base - (hw2 & 0xFFF), size, False)]
        base = reg(rn)
        if hw1 & 0x80:
            return [(base + (hw2 & 0xFFF), size, not load)]
        if hw2 & 0x800:
            imm = hw2 & 0xFF
            p, u = (hw2 >> 10) & 1, (hw2 >> 9) & 1
            return [((base + imm if u else base - imm) if p else base, size, not load)]
        return [(base + (reg(hw2 & 0xF) << ((hw2 >> 4) & 3)), size, not load)]
    if hw1 & 0xFE40 == 0xE840:  # LDRD/STRD, LDREX/STREX
        if hw1 & 0xFFE0 == 0xE840:
            return [(reg(rn) + (hw2 & 0xFF) * 4, 4, not load)]
        p, u = (hw1 >> 8) & 1, (hw1 >> 7) & 1
        off = (hw2 & 0xFF) * 4
        base = ((pc + 4) & ~3) if rn == 15 else reg(rn)
        return [((base + off if u else base - off) if p else base, 8, not load)]
    if hw1 & 0xFE40 == 0xE800:  # LDM/STM
        count = bin(hw2 & 0xFFFF).count("1")
        base = reg(rn)
        if (hw1 >> 7) & 3 == 1:
            return [(base + 4 * i, 4, not load) for i in range(count)]
        return [(base - 4 * count + 4 * i, 4, not load) for i in range(count)]
    return []


def unicorn_error_text(e):
    return str(e) if isinstance(e, UcError) else repr(e)
