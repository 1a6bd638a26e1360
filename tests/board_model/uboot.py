"""What U-Boot does between "the image is in RAM" and "the CPU is at its first
instruction", for the two commands the README tells board owners to use (docs/
s3c6410-model.md, "Loaders"):

  go <addr>      enter the raw image where it was loaded, with U-Boot's CPU state as it
                 is (mainline U-Boot: MMU, D-cache and alignment checks on, identity map);
  bootm <addr>   check the legacy uImage header (magic, header CRC, data CRC, ARM Linux
                 kernel, uncompressed), copy the payload to its load address, turn MMU and
                 caches off and enter with r0 = 0, r1 = machine type, r2 = ATAG list.
"""
import struct
import zlib

from .cpu import SCTLR_A, SCTLR_C, SCTLR_I, SCTLR_M

IH_MAGIC = 0x27051956
IH_OS_LINUX, IH_ARCH_ARM, IH_TYPE_KERNEL, IH_COMP_NONE = 5, 2, 2, 0
MACH_TYPE_SMDK6410 = 1626
ATAG_CORE, ATAG_MEM, ATAG_NONE = 0x54410001, 0x54410002, 0
SCTLR_Z = 1 << 11
UBOOT_SP = 0x57E00000 - 0x1000  # below the vendor U-Boot's text, as its stack is


class LoaderError(Exception):
    """U-Boot refused the image (its own message is the text)."""


def go(board, image, addr, console):
    """`loadb`/`tftp` to @addr, then `go @addr`."""
    board.write_phys(addr, image)
    console(f"## Starting application at 0x{addr:08X} ...\r\n")
    if board.preset["go_mmu"]:
        table = identity_map(board)
        board.start(addr, regs={0: 0, 1: UBOOT_SP + 0x100, 13: UBOOT_SP, 14: 0x57E00100},
                    sctlr_set=SCTLR_M | SCTLR_C | SCTLR_A | SCTLR_I | SCTLR_Z,
                    ttbr0=table, dacr=0x55555555)
    else:
        board.start(addr, regs={0: 0, 1: UBOOT_SP + 0x100, 13: UBOOT_SP, 14: 0x57E00100},
                    sctlr_clear=SCTLR_M | SCTLR_C | SCTLR_I)


def identity_map(board):
    """A first-level table of 1 MB identity sections, as mainline U-Boot leaves: RAM
    normal write-back, the peripheral area device memory, everything else unmapped.
    Placed in the last 16 KB-aligned 16 KB of RAM below U-Boot's relocation area."""
    ram_end = 0x50000000 + board.ram_size
    table = ram_end - 0x10000
    desc = bytearray(0x4000)
    for mb in range(4096):
        pa = mb << 20
        if board.is_ram(pa, 1 << 20):
            d = pa | (3 << 10) | (1 << 3) | (1 << 2) | 2        # AP=3, C, B: write-back
        elif 0x70000000 <= pa < 0x80000000:
            d = pa | (3 << 10) | (1 << 2) | 2                   # AP=3, B: device
        else:
            continue
        struct.pack_into("<I", desc, mb * 4, d)
    board.write_phys(table, desc)
    return table


def parse_uimage(blob):
    """(header dict, payload) of a legacy uImage, or LoaderError with U-Boot's words."""
    if len(blob) < 64:
        raise LoaderError("Bad Magic Number")
    fields = struct.unpack(">7I4B32s", blob[:64])
    magic, hcrc, _time, size, load, ep, dcrc = fields[:7]
    os_, arch, typ, comp = fields[7:11]
    name = fields[11].split(b"\0")[0].decode("latin-1")
    if magic != IH_MAGIC:
        raise LoaderError("Bad Magic Number")
    if zlib.crc32(blob[:4] + b"\0\0\0\0" + blob[8:64]) != hcrc:
        raise LoaderError("Bad Header Checksum")
    payload = blob[64:64 + size]
    hdr = dict(name=name, size=size, load=load, ep=ep, dcrc=dcrc, os=os_, arch=arch,
               type=typ, comp=comp)
    return hdr, payload


def bootm(board, uimage, at, console):
    """`tftp @at uImage`, then `bootm @at`."""
    board.write_phys(at, uimage)
    blob = board.read_phys(at, len(uimage))
    console(f"## Booting kernel from Legacy Image at {at:08x} ...\r\n")
    try:
        hdr, payload = parse_uimage(blob)
    except LoaderError as e:
        console(f"   {e}\r\nERROR: can't get kernel image!\r\n")
        raise
    console(f"   Image Name:   {hdr['name']}\r\n")
    if (hdr["os"], hdr["arch"], hdr["type"], hdr["comp"]) != (IH_OS_LINUX, IH_ARCH_ARM,
                                                             IH_TYPE_KERNEL, IH_COMP_NONE):
        console("   Unsupported image type\r\n")
        raise LoaderError("Unsupported image type (want an uncompressed ARM Linux kernel)")
    console("   Image Type:   ARM Linux Kernel Image (uncompressed)\r\n")
    console(f"   Data Size:    {hdr['size']} Bytes\r\n")
    console(f"   Load Address: {hdr['load']:08x}\r\n   Entry Point:  {hdr['ep']:08x}\r\n")
    console("   Verifying Checksum ... ")
    if len(payload) != hdr["size"] or zlib.crc32(payload) != hdr["dcrc"]:
        console("Bad Data CRC\r\nERROR: can't get kernel image!\r\n")
        raise LoaderError("Bad Data CRC")
    console("OK\r\n")
    if not board.is_ram(hdr["load"], hdr["size"]):
        raise LoaderError(f"load address 0x{hdr['load']:08x} + {hdr['size']} is not in RAM")
    console("   Loading Kernel Image ... ")
    board.write_phys(hdr["load"], payload)
    console("OK\r\n")
    atags = 0x50000100
    tags = struct.pack("<5I", 5, ATAG_CORE, 0, 4096, 0)
    tags += struct.pack("<4I", 4, ATAG_MEM, board.ram_size, 0x50000000)
    tags += struct.pack("<2I", 0, ATAG_NONE)
    board.write_phys(atags, tags)
    console("\r\nStarting kernel ...\r\n\r\n")
    board.start(hdr["ep"], regs={0: 0, 1: MACH_TYPE_SMDK6410, 2: atags, 13: UBOOT_SP},
                sctlr_clear=SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_A)
