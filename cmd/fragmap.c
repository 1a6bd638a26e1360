/*
 * `fragmap [-c] [zone]`: a picture of each zone, one character per group of pages, and
 * the unusable free space index per order in the format of Linux's
 * /sys/kernel/debug/extfrag/unusable_index. The groups come from mm/fragmap.c; this file
 * only draws them: a digit ('*' for order 10) for a group mostly free, giving the largest
 * free block its free pages belong to; a letter for the use that holds most of the group,
 * upper case when it holds all of it, lower case when some pages are free. -c colours by
 * use with ANSI escapes.
 */
#include <kernel/printk.h>
#include <mm/fragmap.h>
#include <mm/mm.h>
#include <shell/shell.h>
#include <string.h>

#define ROW_CHARS 64

static const struct {
	char letter;
	const char *colour; /* ANSI SGR parameters */
	const char *what;
} uses[NR_PAGE_USES] = {
	[PU_FREE] = { '0', "32", "free: the order of the largest free block (* = 10)" },
	[PU_PCP] = { 'P', "36", "per-CPU lists" },
	[PU_SLAB] = { 'S', "33", "slab" },
	[PU_VMALLOC] = { 'V', "35", "vmalloc/vmap" },
	[PU_KMAP] = { 'K', "34", "kmap" },
	[PU_ALLOC] = { 'A', "31", "allocated" },
	[PU_RESERVED] = { 'R', "37;1", "reserved" },
};

static struct page_group groups[FRAGMAP_MAX_GROUPS]; /* 8 KB: not on the command's stack */

/* The use holding most of the group (the first such, in enum order, on a tie). */
static enum page_use group_use(const struct page_group *g)
{
	unsigned int u, best = PU_FREE;

	for (u = 1; u < NR_PAGE_USES; u++)
		if (g->count[u] > g->count[best])
			best = u;
	return (enum page_use)best;
}

static char group_char(const struct page_group *g, unsigned int pages)
{
	enum page_use u = group_use(g);

	if (u == PU_FREE)
		return "0123456789*"[g->free_order < 0 ? 0 : g->free_order];
	if (g->count[u] == pages || !g->count[PU_FREE])
		return uses[u].letter;
	return (char)(uses[u].letter - 'A' + 'a');
}

static void draw_zone(struct zone *zone, bool colour)
{
	unsigned int order = fragmap_group_order(zone), pages = 1u << order, nr, i;
	const char *last = NULL;
	char line[ROW_CHARS * 12 + 1];
	size_t len = 0;

	nr = fragmap_zone(zone, order, groups);
	printk("Node 0, zone %8s: pfn 0x%05lx-0x%05lx, %u pages (%u KB) per character\n",
	       zone->name, zone->zone_start_pfn, zone_end_pfn(zone), pages,
	       pages << (PAGE_SHIFT - 10));
	for (i = 0; i < nr; i++) {
		const char *c = uses[group_use(&groups[i])].colour;

		if (i % ROW_CHARS == 0) {
			len = 0;
			last = NULL;
		}
		if (colour && c != last) {
			strcpy(line + len, "\033[");
			strcat(line + len, c);
			strcat(line + len, "m");
			len += strlen(line + len);
			last = c;
		}
		line[len++] = group_char(&groups[i], pages);
		line[len] = '\0';
		if (i % ROW_CHARS == ROW_CHARS - 1 || i == nr - 1)
			printk("  0x%05lx %s%s\n",
			       zone->zone_start_pfn +
				       ((unsigned long)i & ~(ROW_CHARS - 1ul)) * pages,
			       line, colour ? "\033[0m" : "");
	}
}

static void print_legend(bool colour)
{
	unsigned int u;

	printk("legend:");
	for (u = 0; u < NR_PAGE_USES; u++) {
		if (colour)
			printk(" \033[%sm%c\033[0m %s", uses[u].colour, uses[u].letter,
			       uses[u].what);
		else
			printk(" %c %s", uses[u].letter, uses[u].what);
		printk(u + 1 < NR_PAGE_USES ? "," : "\n");
	}
	printk("        a letter is the use of most of the group's pages: upper case all of "
	       "them, lower case with some free\n");
}

/* Linux's /sys/kernel/debug/extfrag/unusable_index. */
static void print_unusable_index(struct zone *only)
{
	struct zone *zone;
	unsigned int o;

	printk("extfrag/unusable_index:\n");
	for_each_populated_zone(zone) {
		if (only && zone != only)
			continue;
		printk("Node %d, zone %8s ", 0, zone->name);
		for (o = 0; o < MAX_ORDER; o++) {
			unsigned int idx = unusable_free_index(zone, o);

			printk("%u.%03u ", idx / 1000, idx % 1000);
		}
		printk("\n");
	}
}

static int cmd_fragmap(int argc, char **argv)
{
	struct zone *zone, *only = NULL;
	bool colour = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && !colour) {
			colour = true;
			continue;
		}
		if (argv[i][0] == '-')
			return shell_error("unknown option '%s' (fragmap [-c] [zone])", argv[i]);
		if (only)
			return shell_error("one zone at most, got '%s' after '%s'", argv[i],
					   only->name);
		for_each_populated_zone(zone)
			if (!strcasecmp(argv[i], zone->name))
				only = zone;
		if (!only)
			return shell_error("no populated zone '%s'", argv[i]);
	}
	for_each_populated_zone(zone)
		if (!only || zone == only)
			draw_zone(zone, colour);
	print_legend(colour);
	print_unusable_index(only);
	return 0;
}
SHELL_CMD(fragmap, "[-c] [zone]",
	  "picture of each zone's pages by use, and the unusable free space index", 0, 2,
	  cmd_fragmap);
