/*
 * /proc/slabinfo, version 2.1, in Linux's exact layout. One difference in meaning:
 * active_objs counts the objects handed out to callers; objects parked in the per-CPU
 * array caches count as free (Linux counts them as active), so that one kmalloc() moves
 * the count by exactly one. Counts are taken under each cache's list lock, printed
 * outside it.
 */
#include <kernel/printk.h>
#include <mm/slab.h>

#include "slab.h"

struct slab_stats {
	unsigned long active_objs, num_objs, active_slabs, num_slabs;
	unsigned int limit, batchcount;
};

static void get_slab_stats(struct kmem_cache *cachep, struct slab_stats *st)
{
	struct kmem_list3 *l3 = &cachep->lists;
	struct array_cache *ac;
	struct slab *slabp;
	unsigned long f, nfree = 0;

	st->active_objs = st->active_slabs = 0;
	spin_lock_irqsave(&l3->list_lock, f);
	ac = cpu_cache_get(cachep);
	list_for_each_entry(slabp, &l3->slabs_full, list) {
		st->active_objs += slabp->inuse;
		st->active_slabs++;
	}
	list_for_each_entry(slabp, &l3->slabs_partial, list) {
		st->active_objs += slabp->inuse;
		st->active_slabs++;
	}
	list_for_each_entry(slabp, &l3->slabs_free, list)
		nfree++;
	st->num_slabs = st->active_slabs + nfree;
	st->num_objs = st->num_slabs * cachep->num;
	st->active_objs -= ac->avail;
	st->limit = ac->limit;
	st->batchcount = ac->batchcount;
	spin_unlock_irqrestore(&l3->list_lock, f);
}

/**
 * show_slabinfo - print /proc/slabinfo (version 2.1) for every cache
 */
void show_slabinfo(void)
{
	struct kmem_cache *cachep;
	struct slab_stats st;

	printk("slabinfo - version: 2.1\n");
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(cachep, &slab_caches, next) {
		get_slab_stats(cachep, &st);
		printk("%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu "
		       "%6lu\n",
		       cachep->name, st.active_objs, st.num_objs, cachep->buffer_size, cachep->num,
		       1 << cachep->gfporder, st.limit, st.batchcount, 0u, st.active_slabs,
		       st.num_slabs, 0UL);
	}
}
