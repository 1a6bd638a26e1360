/*
 * check_space(): every structural invariant of a vmap_space, for the host tests. Both
 * trees red-black (root black, no red child of a red node, equal black heights, parent
 * links right, height within 2 log2(n + 1)) and ordered; subtree_max_size exact; the range
 * list holding every free and busy node in address order, busy ones tagged; free ranges and busy
 * areas with their guard pages tiling the instance, no two free ranges touching; the counters.
 */
#include <stdio.h>

#include <asm/memory.h>
#include <mm/vmap_area.h>

#include "vmap_area_check.h"

static unsigned long violations;

#define FAIL(...)                                             \
	do {                                                  \
		fprintf(stderr, "check_space: " __VA_ARGS__); \
		violations++;                                 \
	} while (0)

struct vmap_area *entry(struct rb_node *n)
{
	return rb_entry(n, struct vmap_area, rb_node);
}

/* Red-black rules and parent links below @n; returns the black height, sets *@count. */
static int check_rb(struct rb_node *n, struct rb_node *parent, unsigned long *count,
		    unsigned long *height)
{
	unsigned long hl = 0, hr = 0;
	int bl, br;

	if (!n) {
		*height = 0;
		return 1;
	}
	(*count)++;
	if (rb_parent(n) != parent)
		FAIL("node %#lx: wrong parent link\n", entry(n)->va_start);
	if (rb_is_red(n) &&
	    ((n->rb_left && rb_is_red(n->rb_left)) || (n->rb_right && rb_is_red(n->rb_right))))
		FAIL("node %#lx: red node with a red child\n", entry(n)->va_start);
	bl = check_rb(n->rb_left, n, count, &hl);
	br = check_rb(n->rb_right, n, count, &hr);
	if (bl != br)
		FAIL("node %#lx: black heights %d and %d\n", entry(n)->va_start, bl, br);
	*height = 1 + (hl > hr ? hl : hr);
	return bl + rb_is_black(n);
}

static unsigned long check_max(struct rb_node *n)
{
	unsigned long m, l, r;

	if (!n)
		return 0;
	l = check_max(n->rb_left);
	r = check_max(n->rb_right);
	m = entry(n)->va_end - entry(n)->va_start;
	m = m > l ? m : l;
	m = m > r ? m : r;
	if (entry(n)->subtree_max_size != m)
		FAIL("free %#lx: subtree_max_size %#lx, subtree holds %#lx\n", entry(n)->va_start,
		     entry(n)->subtree_max_size, m);
	return m;
}

static void check_tree(struct rb_root *root, const char *name, unsigned long expect)
{
	unsigned long count = 0, height = 0, bound = 0;

	if (root->rb_node && rb_is_red(root->rb_node))
		FAIL("%s: red root\n", name);
	check_rb(root->rb_node, NULL, &count, &height);
	if (count != expect)
		FAIL("%s: %lu nodes, counter %lu\n", name, count, expect);
	while ((1UL << bound) <= count)
		bound++; /* bound = floor(log2(count)) + 1 = ceil(log2(count + 1)) */
	if (height > 2 * bound)
		FAIL("%s: height %lu for %lu nodes\n", name, height, count);
}

/* Every invariant of @s; returns the number of violations (also printed). */
unsigned long check_space(struct vmap_space *s)
{
	struct rb_node *f = rb_first(&s->free_root), *b = rb_first(&s->busy_root);
	unsigned long pos = s->vstart, used = 0, nbusy = 0;
	struct list_head *l = s->ranges.next;
	bool last_free = false;

	violations = 0;
	check_tree(&s->free_root, "free tree", s->nr_free);
	check_tree(&s->busy_root, "busy tree", s->nr_busy);
	check_max(s->free_root.rb_node);

	/* Walk both trees in address order: they must tile [vstart, vend). */
	while (f || b) {
		struct vmap_area *fa = f ? entry(f) : NULL, *ba = b ? entry(b) : NULL;

		if (fa && (!ba || fa->va_start < ba->va_start)) {
			if (fa->va_start != pos || fa->va_end <= fa->va_start)
				FAIL("free [%#lx-%#lx) at %#lx\n", fa->va_start, fa->va_end, pos);
			if (last_free)
				FAIL("free [%#lx-%#lx) touches the previous one\n", fa->va_start,
				     fa->va_end);
			if (l != &fa->list)
				FAIL("free [%#lx-%#lx) out of list order\n", fa->va_start,
				     fa->va_end);
			l = fa->list.next;
			pos = fa->va_end;
			last_free = true;
			f = rb_next(f);
		} else {
			if (ba->va_start != pos || ba->va_end <= ba->va_start)
				FAIL("busy [%#lx-%#lx) at %#lx\n", ba->va_start, ba->va_end, pos);
			if (l != &ba->list)
				FAIL("busy [%#lx-%#lx) out of list order\n", ba->va_start,
				     ba->va_end);
			if (ba->busy_tag != ((unsigned long)s | 1))
				FAIL("busy [%#lx-%#lx) tagged %#lx\n", ba->va_start, ba->va_end,
				     ba->busy_tag);
			l = ba->list.next;
			used += ba->va_end - ba->va_start;
			nbusy++;
			pos = ba->va_end + PAGE_SIZE;
			last_free = false;
			b = rb_next(b);
		}
	}
	if (pos != s->vend)
		FAIL("ranges end at %#lx, instance at %#lx\n", pos, s->vend);
	if (l != &s->ranges)
		FAIL("range list longer than the trees\n");
	if (used != s->used || nbusy != s->nr_busy)
		FAIL("used %#lx / %lu areas, counters %#lx / %lu\n", used, nbusy, s->used,
		     s->nr_busy);
	return violations;
}
#undef FAIL
