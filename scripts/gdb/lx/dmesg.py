"""lx-dmesg: the kernel log of kernel/printk.c, printed as the shell's dmesg prints it."""
import gdb

from lx import utils


def log_records():
    """(seq, ts_nsec, level, text) of the records a reader sees (dmesg -c respected), and
    the number of records dropped unread."""
    buf = utils.sym("log_buf")
    buf_len = buf.type.sizeof
    data = utils.read_bytes(int(buf.address), buf_len)
    hdr = gdb.lookup_type("struct printk_log")
    off = {f.name: f.bitpos // 8 for f in hdr.fields()}
    hsize = hdr.sizeof

    def field(idx, name, size):
        return int.from_bytes(data[idx + off[name]:idx + off[name] + size], "little")

    first_seq = int(utils.sym("log_first_seq"))
    next_seq = int(utils.sym("log_next_seq"))
    clear_seq = int(utils.sym("clear_seq"))
    idx = int(utils.sym("log_first_idx"))
    records = []
    for seq in range(first_seq, next_seq):
        if idx + hsize > buf_len or field(idx, "len", 2) == 0:
            idx = 0  # a wrap marker, or the end: the record is at offset 0
        length = field(idx, "len", 2)
        text_len = field(idx, "text_len", 2)
        if seq >= clear_seq:
            text = data[idx + hsize:idx + hsize + text_len].decode("latin-1")
            records.append((seq, field(idx, "ts_nsec", 8), field(idx, "level", 1), text))
        idx += length
    return records, int(utils.sym("log_dropped")), buf_len


class LxDmesg(gdb.Command):
    """Print the kernel log: "[    1.234567] text" per record, as the shell's dmesg."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("lx-dmesg takes no argument")
        records, dropped, buf_len = log_records()
        out = []
        if dropped:
            out.append(f"dmesg: {dropped} older records lost (the {buf_len >> 10} KB log "
                       "was full)")
        for _, ts, _, text in records:
            out.append("[%5d.%06d] %s" % (ts // 10**9, ts % 10**9 // 1000, text))
        gdb.write("".join(line + "\n" for line in out))


LxDmesg()
