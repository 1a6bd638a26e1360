/*
 * The descriptor of a SLAB cache (as Linux's <linux/slab_def.h>). Read by the slab
 * allocator, its reports and the tests; everyone else uses the API of <mm/slab.h>.
 *
 * Each object's "buffer" is buffer_size bytes; the object proper starts obj_offset bytes
 * into it. Without debug flags the two coincide and buffer_size is object_size rounded to
 * the alignment. With SLAB_RED_ZONE / SLAB_POISON / SLAB_STORE_USER a buffer is
 *
 *	[red zone 1: 2 state words][object][red zone 2: guard bytes][last caller]
 *
 * (red zones only with SLAB_RED_ZONE) and mm/slab_debug.c checks it.
 */
#ifndef MM_SLAB_DEF_H
#define MM_SLAB_DEF_H

#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <mm/mmzone.h>
#include <mm/slab.h>

/*
 * The per-CPU array cache: a LIFO stack of free objects, so the object freed last (still
 * hot in the data cache) is allocated first. Accessed with interrupts disabled only.
 */
struct array_cache {
	unsigned int avail;	 /* objects in entry[] */
	unsigned int limit;	 /* a free into a full array first flushes a batch */
	unsigned int batchcount; /* objects moved per refill or flush */
	unsigned int touched;	 /* allocated from since the cache was last shrunk */
	void *entry[];		 /* entry[avail - 1] is the hottest */
};

/* The slab lists of a cache (Linux's kmem_list3 / kmem_cache_node). */
struct kmem_list3 {
	struct list_head slabs_partial; /* some objects free: refill takes from here first */
	struct list_head slabs_full;	/* no object free */
	struct list_head slabs_free;	/* every object free */
	unsigned long free_objects;	/* free objects on the slabs (array cache excluded) */
	unsigned long num_slabs;	/* slabs on the three lists */
	unsigned int free_limit;	/* free_objects beyond this: empty slabs are freed */
	unsigned int colour_next;	/* colour of the next slab created */
	spinlock_t list_lock;
};

/* Divide by a constant without a division instruction (exact for every u32). */
struct reciprocal_value {
	u32 m;
	u8 sh1, sh2;
};

struct kmem_cache {
	/*
	 * The array cache the inline fast paths (mm/slab.h) use: array[cpu], or the empty
	 * slab_hooked_ac (avail 0, limit 0) while the cache has SLAB_HOOK_FLAGS, so that
	 * both fast paths fall into their out-of-line path without testing the flags. Set by
	 * cache_set_flags() and setup_cpu_cache() only.
	 */
	struct array_cache *fastpath_ac[NR_CPUS];
	struct array_cache *array[NR_CPUS];
	unsigned int flags;	  /* SLAB_* */
	unsigned int object_size; /* usable bytes of an object: what ksize() says */
	unsigned int buffer_size; /* stride between objects, debug words included */
	unsigned int obj_offset;  /* object start within its buffer */
	struct reciprocal_value reciprocal_buffer_size;
	unsigned int num;      /* objects per slab */
	unsigned int gfporder; /* a slab is 2^gfporder pages */

	gfp_t gfpflags;			/* added to every slab allocation: __GFP_DMA */
	unsigned int colour;		/* colours: distinct offsets of the first object */
	unsigned int colour_off;	/* colour step: the cache line size (or the alignment) */
	unsigned int align;		/* object alignment */
	unsigned int slab_size;		/* struct slab + bufctl array, aligned */
	struct kmem_cache *slabp_cache; /* off-slab management comes from here; else NULL */
	void (*ctor)(void *obj);
	struct kmem_list3 lists;
	struct list_head next; /* on the slab_caches list */
	char name[KMEM_CACHE_NAME_LEN];

	/* statistics */
	unsigned long grown;	  /* slabs created */
	unsigned long reaped;	  /* slabs given back */
	unsigned long errors;	  /* debug checks that failed */
	unsigned int kfence_live; /* objects in the KFENCE pool (mm/kfence.c) */
};

#endif
