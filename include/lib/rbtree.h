/*
 * Intrusive red-black trees with the Linux API (rb_node, rb_root, rb_link_node,
 * rb_insert_color, rb_erase, rb_first/rb_next...), plus augmented trees: each node may
 * carry a value computed from its subtree (a maximum, a sum), kept exact through every
 * insertion, erasure and rotation by three callbacks the user supplies.
 *
 * The tree does no key comparison: the user descends from the root to find the link
 * position, links the new node there with rb_link_node() and then calls rb_insert_color()
 * (or rb_insert_augmented()) to restore the red-black balance. Height stays below
 * 2 log2(n + 1), so every descent is O(log n).
 *
 * The colour lives in bit 0 of the parent pointer: nodes must be at least 2-byte aligned.
 */
#ifndef LIB_RBTREE_H
#define LIB_RBTREE_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct rb_node {
	unsigned long __rb_parent_color; /* parent pointer | colour (bit 0: 1 = black) */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT ((struct rb_root){ NULL })

#define RB_RED	 0UL
#define RB_BLACK 1UL

#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member)                  \
	({                                                \
		struct rb_node *__n = (ptr);              \
		__n ? rb_entry(__n, type, member) : NULL; \
	})

static inline struct rb_node *rb_parent(const struct rb_node *n)
{
	return (struct rb_node *)(n->__rb_parent_color & ~1UL);
}

static inline bool rb_is_black(const struct rb_node *n)
{
	return n->__rb_parent_color & RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *n)
{
	return !rb_is_black(n);
}

static inline bool RB_EMPTY_ROOT(const struct rb_root *root)
{
	return root->rb_node == NULL;
}

/**
 * rb_link_node - attach a new node at a leaf position found by a descent
 * @node: the new node
 * @parent: the node whose child link is @rb_link (NULL for an empty tree)
 * @rb_link: &parent->rb_left, &parent->rb_right or &root->rb_node
 *
 * The node starts red with no children; rb_insert_color() must follow.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/**
 * struct rb_augment_callbacks - how to keep a per-subtree value exact
 * @propagate: recompute the value of @node and its ancestors up to (not including) @stop;
 *	may end early once a recomputed value is unchanged
 * @copy: @new takes @old's place in the tree with the same subtree: copy the value
 * @rotate: @new was @old's child and is now its parent: @new gets @old's value (same
 *	subtree), @old's value is recomputed from its new children
 */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/* Rebalance after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Unlink @node and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/*
 * Augmented variants. Before rb_insert_augmented() the new node's value must already be
 * its own (a leaf's subtree is itself); the ancestors are updated here.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/* In-order traversal; NULL at either end. O(log n) worst case, O(1) amortized. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

#endif
