/* Invariant checker for struct vmap_space (tests/host/harness/vmap_area_check.c). */
#ifndef TESTS_HOST_VMAP_AREA_CHECK_H
#define TESTS_HOST_VMAP_AREA_CHECK_H

#include <mm/vmap_area.h>

/* The vmap_area of a free- or busy-tree node. */
struct vmap_area *entry(struct rb_node *n);

/* Every invariant of @s; returns the number of violations, each printed to stderr. */
unsigned long check_space(struct vmap_space *s);

#endif
