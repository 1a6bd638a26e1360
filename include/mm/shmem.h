/*
 * Shared anonymous memory (mm/shmem.c): the object behind a MAP_SHARED | MAP_ANONYMOUS
 * mapping, Linux's shmem_zero_setup() file in miniature. It holds its pages by offset
 * and one reference on each; every VMA that maps it (the first, the pieces a split
 * leaves, a fork's copies) holds one reference on it; the last VMA to go frees it.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <kernel/types.h>

struct page;
struct shmem_object;

/* Pages held by every shared object (meminfo's Shmem) */
extern unsigned long nr_shmem_pages;

/* An object of @nr_pages pages, none allocated yet, one reference. NULL: no memory. */
struct shmem_object *shmem_create(unsigned long nr_pages);
/* One more VMA maps @obj */
void shmem_get(struct shmem_object *obj);
/* A VMA mapping @obj is gone; the last one frees its pages and the object */
void shmem_put(struct shmem_object *obj);
/* The page at @index, allocated zeroed on first use. Return: 0, -EINVAL, -ENOMEM. */
int shmem_getpage(struct shmem_object *obj, unsigned long index, struct page **pagep);

#endif
