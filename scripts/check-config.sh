#!/usr/bin/env bash
# Validate the memory build settings of one board before anything is built (the Makefile
# runs this while it reads its settings). Input, from the environment:
#   BOARD, RAM_MB, LOWMEM_MB, DMA_ZONE_MB          the settings (all in MB)
#   RAM_MB_MIN, RAM_MB_MAX or RAM_MB_CHOICES       the board's RAM limits (board/*/board.mk)
# Prints one line per refused setting on stderr and exits 1; silent and 0 when the
# combination is accepted. The accepted ranges are in README.md ("Build settings").
set -u
cd "$(dirname "$0")/.."

board=${BOARD:-?}
bad=0

refuse() {
	echo "error: BOARD=$board: $*" >&2
	bad=1
}

# A decimal number of megabytes: digits only, no sign, no suffix, no leading zero
# (-DRAM_MB=016 would be octal to the compiler and 16 to QEMU).
is_mb() {
	[[ $1 =~ ^(0|[1-9][0-9]*)$ ]]
}

# A constant of include/asm/memory.h, so that this check follows the virtual map.
memory_h() {
	local v re_hex='^_UL\((0x[0-9a-fA-F]+)\)' re_mb='^\(_UL\(([0-9]+)\) << 20\)'

	v=$(sed -n "s/^#define[[:space:]]\+$1[[:space:]]\+\([^[:space:]].*\)$/\1/p" include/asm/memory.h)
	if [[ $v =~ $re_hex ]]; then
		echo $((BASH_REMATCH[1]))
	elif [[ $v =~ $re_mb ]]; then
		echo $((BASH_REMATCH[1] << 20))
	else
		echo "error: check-config.sh cannot read $1 from include/asm/memory.h" >&2
		exit 1
	fi
}

for v in RAM_MB LOWMEM_MB DMA_ZONE_MB; do
	if ! is_mb "${!v-}"; then
		refuse "$v='${!v-}' is not a whole number of megabytes (decimal, without unit)"
		break	# a LOWMEM_MB derived from a bad RAM_MB would only repeat the complaint
	elif val=${!v} && [ ${#val} -gt 6 ]; then
		refuse "$v=${!v}: far more megabytes than a 32-bit address space holds"
	fi
done
[ $bad -eq 0 ] || exit 1

# PAGE_OWNER: 0 (default) or 1 (mm/page_owner.c built in). INIT_ON_ALLOC, INIT_ON_FREE:
# the boot state of the switches (mm/init_on.c), 0 (default) or 1.
for v in PAGE_OWNER INIT_ON_ALLOC INIT_ON_FREE; do
	case "${!v-0}" in
	0 | 1 | '') ;;
	*) refuse "$v='${!v}' must be 0 or 1" ;;
	esac
done

# KMEMLEAK: 0 (default) or 1 (mm/kmemleak.c built in).
case "${KMEMLEAK-0}" in
0 | 1 | '') ;;
*) refuse "KMEMLEAK='$KMEMLEAK' must be 0 or 1" ;;
esac

# RAM: what the machine has. The firmware does not probe: a RAM_MB larger than the real
# memory puts mem_map in memory that is not there and the boot dies in list_del().
if [ -n "${RAM_MB_CHOICES-}" ]; then
	case " $RAM_MB_CHOICES " in
	*" $RAM_MB "*) ;;
	*) refuse "RAM_MB=$RAM_MB: this board has ${RAM_MB_CHOICES// / or } MB" ;;
	esac
else
	if [ "$RAM_MB" -lt "${RAM_MB_MIN:?board.mk sets RAM_MB_MIN}" ]; then
		refuse "RAM_MB=$RAM_MB: at least $RAM_MB_MIN MB (the KTAP suites' vmalloc cases need it)"
	fi
	if [ "$RAM_MB" -gt "${RAM_MB_MAX:?board.mk sets RAM_MB_MAX}" ]; then
		refuse "RAM_MB=$RAM_MB: this machine has at most $RAM_MB_MAX MB"
	fi
fi

# ZONE_DMA: the first DMA_ZONE_MB of RAM; GFP_DMA and the DMA engine's buffers live there.
if [ "$DMA_ZONE_MB" -lt 1 ]; then
	refuse "DMA_ZONE_MB=$DMA_ZONE_MB: ZONE_DMA needs at least 1 MB (GFP_DMA, DMA buffers)"
fi

# Low memory: inside RAM, and a multiple of 4 MB because the vmalloc area must start on
# the 4 MB boundary of a page of four L2 tables (BUILD_BUG_ON in mm/pgtable_kernel.c).
if [ "$LOWMEM_MB" -gt "$RAM_MB" ]; then
	refuse "LOWMEM_MB=$LOWMEM_MB is more than RAM_MB=$RAM_MB (LOWMEM_MB = RAM_MB: no HighMem)"
fi
if [ $((LOWMEM_MB % 4)) -ne 0 ] || [ "$LOWMEM_MB" -eq 0 ]; then
	refuse "LOWMEM_MB=$LOWMEM_MB: must be a non-zero multiple of 4 (the vmalloc area starts" \
	       "on a 4 MB boundary, mm/pgtable_kernel.c)"
fi

# ZONE_NORMAL: low memory above ZONE_DMA. mem_map (32 bytes per 4 KB page of RAM) is
# allocated at its top; the boot's other allocations and the watermarks need the rest.
# With 1 MB left beside mem_map every suite still passes, with none the page_alloc suite
# fails: 2 MB are required.
memmap_mb=$(( (RAM_MB * 32 + 4095) / 4096 ))
normal_min=$((memmap_mb + 2))
if [ "$DMA_ZONE_MB" -ge "$LOWMEM_MB" ]; then
	refuse "DMA_ZONE_MB=$DMA_ZONE_MB leaves no Normal zone in LOWMEM_MB=$LOWMEM_MB; it needs" \
	       "$normal_min MB (mem_map $memmap_mb MB + 2 MB): LOWMEM_MB - DMA_ZONE_MB >= $normal_min"
elif [ $((LOWMEM_MB - DMA_ZONE_MB)) -lt "$normal_min" ]; then
	refuse "LOWMEM_MB=$LOWMEM_MB DMA_ZONE_MB=$DMA_ZONE_MB leave a Normal zone of" \
	       "$((LOWMEM_MB - DMA_ZONE_MB)) MB; it needs $normal_min (mem_map $memmap_mb MB + 2 MB):" \
	       "LOWMEM_MB - DMA_ZONE_MB >= $normal_min"
fi

# The virtual map (include/asm/memory.h): the direct map of low memory, the 8 MB hole,
# then the vmalloc area, which must hold the boot's ioremaps below the boot console's
# window (mapped by boot/head.S until board_init() is done): at least 16 MB.
page_offset=$(memory_h PAGE_OFFSET)
hole=$(memory_h VMALLOC_OFFSET)
early_io=$(memory_h EARLY_IO_VIRT)
lowmem_max=$(( (early_io - page_offset - hole - (16 << 20)) >> 20 ))
if [ "$LOWMEM_MB" -gt "$lowmem_max" ]; then
	refuse "LOWMEM_MB=$LOWMEM_MB: the direct map, the 8 MB hole and a 16 MB vmalloc area" \
	       "must fit below $(printf '0x%08x' "$early_io"): LOWMEM_MB at most $lowmem_max"
fi

# slub_debug (mm/slab_common.c): Linux's syntax, "<letters>[,<cache>...][;...]", the
# letters F (sanity checks), Z (red zones), P (poison), U (user tracking) or - (none).
if [ -n "${SLUB_DEBUG-}" ]; then
	re_slub='^[FZPUfzpu-]*(,[A-Za-z0-9_.-]+\*?)*(;[FZPUfzpu-]*(,[A-Za-z0-9_.-]+\*?)*)*$'
	if ! [[ $SLUB_DEBUG =~ $re_slub ]]; then
		refuse "SLUB_DEBUG='$SLUB_DEBUG': not <flags>[,<cache>...][;...] with flags of" \
		       "F Z P U or - (e.g. SLUB_DEBUG=FZ,kmalloc-64)"
	fi
fi

# KFENCE (mm/kfence.c): the pool's object count (its megabytes of the direct map get page
# tables, arch/arm/mm/kfence.c: at most 255 objects, 2 MB) and the boot's sampling
# interval in ms (0: off, the default).
if [ -n "${KFENCE_NUM_OBJECTS-}" ] &&
	! { [[ $KFENCE_NUM_OBJECTS =~ ^[1-9][0-9]{0,2}$ ]] && [ "$KFENCE_NUM_OBJECTS" -le 255 ]; }; then
	refuse "KFENCE_NUM_OBJECTS='$KFENCE_NUM_OBJECTS' must be 1..255 (the pool is 2 pages per object)"
fi
if [ -n "${KFENCE_SAMPLE_INTERVAL-}" ] && ! [[ $KFENCE_SAMPLE_INTERVAL =~ ^(0|[1-9][0-9]{0,5})$ ]]; then
	refuse "KFENCE_SAMPLE_INTERVAL='$KFENCE_SAMPLE_INTERVAL' must be 0 (off) or 1..999999 ms"
fi

exit $bad
