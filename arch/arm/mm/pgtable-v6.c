/*
 * ARMv6 descriptor encode/decode (SCTLR.XP=1). Portable C: the host tests build this
 * file unchanged. Invariant: decode(encode(attrs)) == attrs for every encodable attrs.
 */
#include <asm/pgtable.h>

struct tex_cb {
	unsigned int tex, c, b;
};

static const struct tex_cb mem_type_bits[] = {
	[MT_STRONGLY_ORDERED] = { 0, 0, 0 }, [MT_DEVICE] = { 0, 0, 1 },
	[MT_NORMAL_WT] = { 0, 1, 0 },	     [MT_NORMAL_WB] = { 0, 1, 1 },
	[MT_NORMAL_NC] = { 1, 0, 0 },	     [MT_NORMAL] = { 1, 1, 1 },
	[MT_DEVICE_NONSHARED] = { 2, 0, 0 },
};

/*
 * The TEX/C/B bits for an encodable type. MT_NORMAL_POLICY and MT_RESERVED only come out
 * of decoding; asked to encode them, fall back to strongly-ordered, the type that can
 * never make stale data visible.
 */
static const struct tex_cb *type_bits(enum mem_type t)
{
	if ((unsigned int)t > MT_DEVICE_NONSHARED)
		t = MT_STRONGLY_ORDERED;
	return &mem_type_bits[t];
}

/* APX:AP[1:0] for (user, ro). Privileged access is always allowed. */
static unsigned int encode_ap(const struct pt_attrs *a)
{
	if (a->user)
		return a->ro ? 0x6 : 0x3; /* RO both : RW both */
	return a->ro ? 0x5 : 0x1;	  /* priv RO : priv RW */
}

static enum mem_type decode_type(unsigned int tex, unsigned int c, unsigned int b)
{
	unsigned int i;

	if (tex & 4)
		return MT_NORMAL_POLICY;
	for (i = 0; i <= MT_DEVICE_NONSHARED; i++)
		if (mem_type_bits[i].tex == tex && mem_type_bits[i].c == c &&
		    mem_type_bits[i].b == b)
			return (enum mem_type)i;
	return MT_RESERVED;
}

static void decode_ap(struct desc_info *o)
{
	switch (o->ap) {
	case 0x1:
		o->attrs.ro = false;
		o->attrs.user = false;
		break;
	case 0x2:
		o->attrs.ro = false;
		o->attrs.user = true;
		break; /* user RO, priv RW */
	case 0x3:
		o->attrs.ro = false;
		o->attrs.user = true;
		break;
	case 0x5:
		o->attrs.ro = true;
		o->attrs.user = false;
		break;
	case 0x6:
	case 0x7:
		o->attrs.ro = true;
		o->attrs.user = true;
		break;
	default:
		o->attrs.ro = true;
		o->attrs.user = false;
		break; /* no access */
	}
}

/**
 * mk_pmd_section - encode a 1 MB section descriptor
 * @phys: section-aligned physical address
 * @a: access permissions, memory type and execute-never
 *
 * Shared normal memory would need the S bit on SMP; with one core it stays clear.
 *
 * Return: the descriptor.
 */
pmd_t mk_pmd_section(phys_addr_t phys, const struct pt_attrs *a)
{
	const struct tex_cb *t = type_bits(a->type);
	unsigned int ap = encode_ap(a);
	pmd_t d = (phys & PMD_SECT_BASE_MASK) | PMD_TYPE_SECT;

	d |= t->b ? PMD_SECT_B : 0;
	d |= t->c ? PMD_SECT_C : 0;
	d |= a->xn ? PMD_SECT_XN : 0;
	d |= (ap & 3) << PMD_SECT_AP_SHIFT;
	d |= (ap & 4) ? PMD_SECT_APX : 0;
	d |= t->tex << PMD_SECT_TEX_SHIFT;
	return d;
}

/**
 * mk_pmd_table - encode a first-level descriptor pointing at an L2 table
 * @l2_phys: physical address of the table (1 KB aligned)
 *
 * Return: the descriptor.
 */
pmd_t mk_pmd_table(phys_addr_t l2_phys)
{
	return (l2_phys & PMD_TABLE_BASE_MASK) | PMD_TYPE_TABLE; /* domain 0 */
}

/**
 * mk_pte_small - encode a 4 KB small-page descriptor
 * @phys: page-aligned physical address
 * @a: access permissions, memory type and execute-never
 *
 * Return: the descriptor.
 */
pte_t mk_pte_small(phys_addr_t phys, const struct pt_attrs *a)
{
	const struct tex_cb *t = type_bits(a->type);
	unsigned int ap = encode_ap(a);
	pte_t d = (phys & PTE_SMALL_BASE_MASK) | PTE_TYPE_SMALL;

	d |= a->xn ? PTE_SMALL_XN : 0;
	d |= t->b ? PTE_B : 0;
	d |= t->c ? PTE_C : 0;
	d |= (ap & 3) << PTE_AP_SHIFT;
	d |= (ap & 4) ? PTE_APX : 0;
	d |= t->tex << PTE_SMALL_TEX_SHIFT;
	return d;
}

/**
 * mk_pte_large - encode a 64 KB large-page descriptor
 * @phys: 64 KB aligned physical address
 * @a: access permissions, memory type and execute-never
 *
 * Return: the descriptor, to be written to 16 consecutive entries.
 */
pte_t mk_pte_large(phys_addr_t phys, const struct pt_attrs *a)
{
	const struct tex_cb *t = type_bits(a->type);
	unsigned int ap = encode_ap(a);
	pte_t d = (phys & PTE_LARGE_BASE_MASK) | PTE_TYPE_LARGE;

	d |= a->xn ? PTE_LARGE_XN : 0;
	d |= t->b ? PTE_B : 0;
	d |= t->c ? PTE_C : 0;
	d |= (ap & 3) << PTE_AP_SHIFT;
	d |= (ap & 4) ? PTE_APX : 0;
	d |= t->tex << PTE_LARGE_TEX_SHIFT;
	return d;
}

/**
 * decode_pmd - decode a first-level descriptor
 * @d: the descriptor
 * @o: filled with its kind, address and attributes
 */
void decode_pmd(pmd_t d, struct desc_info *o)
{
	*o = (struct desc_info){ 0 };
	switch (d & PMD_TYPE_MASK) {
	case PMD_TYPE_FAULT:
		o->kind = DESC_FAULT;
		return;
	case PMD_TYPE_TABLE:
		o->kind = DESC_TABLE;
		o->base = d & PMD_TABLE_BASE_MASK;
		o->domain = (d >> PMD_DOMAIN_SHIFT) & 0xf;
		return;
	case PMD_TYPE_SECT:
		break;
	default:
		o->kind = DESC_RESERVED;
		return;
	}
	if (d & PMD_SECT_SUPER) {
		o->kind = DESC_SUPERSECTION;
		o->base = d & 0xff000000u;
	} else {
		o->kind = DESC_SECTION;
		o->base = d & PMD_SECT_BASE_MASK;
		o->domain = (d >> PMD_DOMAIN_SHIFT) & 0xf;
	}
	o->b = !!(d & PMD_SECT_B);
	o->c = !!(d & PMD_SECT_C);
	o->tex = (d >> PMD_SECT_TEX_SHIFT) & 7;
	o->ap = ((d >> PMD_SECT_AP_SHIFT) & 3) | ((d & PMD_SECT_APX) ? 4 : 0);
	o->shared = !!(d & PMD_SECT_S);
	o->ng = !!(d & PMD_SECT_nG);
	o->attrs.xn = !!(d & PMD_SECT_XN);
	o->attrs.type = decode_type(o->tex, o->c, o->b);
	decode_ap(o);
}

/**
 * decode_pte - decode a second-level descriptor
 * @d: the descriptor
 * @o: filled with its kind (small or large page, fault), address and attributes
 */
void decode_pte(pte_t d, struct desc_info *o)
{
	*o = (struct desc_info){ 0 };
	if ((d & PTE_TYPE_MASK) == PTE_TYPE_FAULT) {
		o->kind = DESC_FAULT;
		return;
	}
	o->b = !!(d & PTE_B);
	o->c = !!(d & PTE_C);
	o->ap = ((d >> PTE_AP_SHIFT) & 3) | ((d & PTE_APX) ? 4 : 0);
	o->shared = !!(d & PTE_S);
	o->ng = !!(d & PTE_nG);
	if (d & 2) {
		o->kind = DESC_SMALL;
		o->base = d & PTE_SMALL_BASE_MASK;
		o->tex = (d >> PTE_SMALL_TEX_SHIFT) & 7;
		o->attrs.xn = !!(d & PTE_SMALL_XN);
	} else {
		o->kind = DESC_LARGE;
		o->base = d & PTE_LARGE_BASE_MASK;
		o->tex = (d >> PTE_LARGE_TEX_SHIFT) & 7;
		o->attrs.xn = !!(d & PTE_LARGE_XN);
	}
	o->attrs.type = decode_type(o->tex, o->c, o->b);
	decode_ap(o);
}

/**
 * mem_type_name - name a memory type for pt's output
 * @t: the type
 *
 * Return: a constant string ("normal write-back write-allocate", "device"...).
 */
const char *mem_type_name(enum mem_type t)
{
	static const char *const names[] = {
		[MT_STRONGLY_ORDERED] = "strongly-ordered",
		[MT_DEVICE] = "device",
		[MT_NORMAL_WT] = "normal write-through",
		[MT_NORMAL_WB] = "normal write-back",
		[MT_NORMAL_NC] = "normal uncached",
		[MT_NORMAL] = "normal write-back write-allocate",
		[MT_DEVICE_NONSHARED] = "device non-shared",
		[MT_NORMAL_POLICY] = "normal inner/outer policy",
		[MT_RESERVED] = "reserved encoding",
	};
	return (unsigned int)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

/**
 * ap_name - describe an ARMv6 access-permission value
 * @ap: APX:AP[1:0] as a 3-bit number
 *
 * Return: a constant string such as "priv RW" for pt's output.
 */
const char *ap_name(unsigned int ap)
{
	static const char *const names[8] = {
		"no access", "priv RW", "priv RW, user RO", "RW", "reserved", "priv RO", "RO", "RO",
	};
	return names[ap & 7];
}

/**
 * desc_kind_name - name a descriptor kind for pt's output
 * @k: the kind
 *
 * Return: a constant string ("section", "coarse table", "small page"...).
 */
const char *desc_kind_name(enum desc_kind k)
{
	static const char *const names[] = {
		[DESC_FAULT] = "fault",
		[DESC_SECTION] = "section",
		[DESC_SUPERSECTION] = "supersection",
		[DESC_TABLE] = "coarse table",
		[DESC_SMALL] = "small page",
		[DESC_LARGE] = "large page",
		[DESC_RESERVED] = "reserved",
	};
	return (unsigned int)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
