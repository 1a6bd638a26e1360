/*
 * Red-black trees (Guibas and Sedgewick; the insertion and deletion fix-ups as in Cormen
 * et al., "Introduction to Algorithms", ch. 13), intrusive and comparison-free, with
 * optional augmentation.
 *
 * Invariants after every public call: the root is black; a red node has no red child;
 * every path from a node down to a NULL link crosses the same number of black nodes.
 * Together they bound the height by 2 log2(n + 1).
 *
 * Augmentation: a rotation moves whole subtrees, so the node that goes up inherits the
 * value of the node that went down, and only the latter is recomputed (the rotate
 * callback). Linking or unlinking a node changes the subtree of every ancestor, which is
 * what propagate walks.
 */
#include <lib/rbtree.h>

static inline void rb_set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = (unsigned long)p | (n->__rb_parent_color & 1UL);
}

static inline void rb_set_parent_color(struct rb_node *n, struct rb_node *p, unsigned long color)
{
	n->__rb_parent_color = (unsigned long)p | color;
}

static inline void rb_set_black(struct rb_node *n)
{
	n->__rb_parent_color |= RB_BLACK;
}

static inline void rb_set_red(struct rb_node *n)
{
	n->__rb_parent_color &= ~1UL;
}

static inline unsigned long rb_color(const struct rb_node *n)
{
	return n->__rb_parent_color & 1UL;
}

/* A NULL link counts as black. */
static inline bool is_black_or_null(const struct rb_node *n)
{
	return !n || rb_is_black(n);
}

/* Make @parent (or the root when @parent is NULL) point at @new where it pointed at @old. */
static inline void rb_change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
				   struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x              y
 *    / \            / \
 *   a   y    ->    x   c
 *      / \        / \
 *     b   c      a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root,
			   const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_right;

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_left = x;
	rb_set_parent(x, y);
	if (aug)
		aug->rotate(x, y);
}

/* The mirror image of rb_rotate_left(). */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root,
			    const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_left;

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_right = x;
	rb_set_parent(x, y);
	if (aug)
		aug->rotate(x, y);
}

/*
 * A red @node may have a red parent: push the violation up by recolouring while the uncle
 * is red, then end it with at most two rotations.
 */
static void rb_insert_fixup(struct rb_node *node, struct rb_root *root,
			    const struct rb_augment_callbacks *aug)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		/* A red parent is never the root, so the grandparent exists. */
		gparent = rb_parent(parent);
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (uncle && rb_is_red(uncle)) {
				rb_set_black(parent);
				rb_set_black(uncle);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				rb_rotate_left(parent, root, aug);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			rb_rotate_right(gparent, root, aug);
		} else {
			uncle = gparent->rb_left;
			if (uncle && rb_is_red(uncle)) {
				rb_set_black(parent);
				rb_set_black(uncle);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rb_rotate_right(parent, root, aug);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			rb_rotate_left(gparent, root, aug);
		}
		break;
	}
	rb_set_black(root->rb_node);
}

/**
 * rb_insert_color - rebalance after rb_link_node()
 * @node: the new node
 * @root: its tree
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_fixup(node, root, NULL);
}

/**
 * rb_insert_augmented - rebalance an augmented tree after rb_link_node()
 * @node: the new node; its value must already be its own (a leaf's subtree is itself)
 * @root: the tree
 * @augment: callbacks that update the ancestors' subtree values
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	if (rb_parent(node))
		augment->propagate(rb_parent(node), NULL);
	rb_insert_fixup(node, root, augment);
}

/*
 * A black node was removed from under @parent on the side of @node (possibly NULL): that
 * side is one black short. Move the deficit up, or end it by borrowing from the sibling
 * subtree, which holds at least one black node and so is never empty.
 */
static void rb_erase_fixup(struct rb_node *node, struct rb_node *parent, struct rb_root *root,
			   const struct rb_augment_callbacks *aug)
{
	struct rb_node *sibling;

	while (node != root->rb_node && is_black_or_null(node)) {
		if (node == parent->rb_left) {
			sibling = parent->rb_right;
			if (rb_is_red(sibling)) {
				rb_set_black(sibling);
				rb_set_red(parent);
				rb_rotate_left(parent, root, aug);
				sibling = parent->rb_right;
			}
			if (is_black_or_null(sibling->rb_left) &&
			    is_black_or_null(sibling->rb_right)) {
				rb_set_red(sibling);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (is_black_or_null(sibling->rb_right)) {
				rb_set_black(sibling->rb_left);
				rb_set_red(sibling);
				rb_rotate_right(sibling, root, aug);
				sibling = parent->rb_right;
			}
			rb_set_parent_color(sibling, rb_parent(sibling), rb_color(parent));
			rb_set_black(parent);
			rb_set_black(sibling->rb_right);
			rb_rotate_left(parent, root, aug);
		} else {
			sibling = parent->rb_left;
			if (rb_is_red(sibling)) {
				rb_set_black(sibling);
				rb_set_red(parent);
				rb_rotate_right(parent, root, aug);
				sibling = parent->rb_left;
			}
			if (is_black_or_null(sibling->rb_left) &&
			    is_black_or_null(sibling->rb_right)) {
				rb_set_red(sibling);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (is_black_or_null(sibling->rb_left)) {
				rb_set_black(sibling->rb_right);
				rb_set_red(sibling);
				rb_rotate_left(sibling, root, aug);
				sibling = parent->rb_left;
			}
			rb_set_parent_color(sibling, rb_parent(sibling), rb_color(parent));
			rb_set_black(parent);
			rb_set_black(sibling->rb_left);
			rb_rotate_right(parent, root, aug);
		}
		node = root->rb_node;
		break;
	}
	if (node)
		rb_set_black(node);
}

static void rb_erase_common(struct rb_node *node, struct rb_root *root,
			    const struct rb_augment_callbacks *aug)
{
	struct rb_node *spliced, *child, *parent;
	unsigned long spliced_color;

	/* @spliced leaves its position: @node itself, or its successor if it has two children. */
	if (!node->rb_left || !node->rb_right) {
		spliced = node;
	} else {
		spliced = node->rb_right;
		while (spliced->rb_left)
			spliced = spliced->rb_left;
	}
	child = spliced->rb_left ? spliced->rb_left : spliced->rb_right;
	parent = rb_parent(spliced);
	spliced_color = rb_color(spliced);
	if (child)
		rb_set_parent(child, parent);
	rb_change_child(spliced, child, parent, root);

	if (spliced != node) {
		/* The successor takes @node's place, colour and children. */
		if (parent == node)
			parent = spliced;
		spliced->rb_left = node->rb_left;
		spliced->rb_right = node->rb_right;
		rb_set_parent(spliced->rb_left, spliced);
		if (spliced->rb_right)
			rb_set_parent(spliced->rb_right, spliced);
		rb_set_parent_color(spliced, rb_parent(node), rb_color(node));
		rb_change_child(node, spliced, rb_parent(node), root);
		if (aug) {
			/*
			 * Below the successor's new place only its departure changed the
			 * subtrees; at that place and above, @node's departure did.
			 */
			aug->copy(node, spliced);
			if (parent != spliced)
				aug->propagate(parent, spliced);
			aug->propagate(spliced, NULL);
		}
	} else if (aug && parent) {
		aug->propagate(parent, NULL);
	}

	if (spliced_color == RB_BLACK)
		rb_erase_fixup(child, parent, root, aug);
}

/**
 * rb_erase - unlink a node and rebalance
 * @node: the node
 * @root: its tree
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_common(node, root, NULL);
}

/**
 * rb_erase_augmented - unlink a node from an augmented tree and rebalance
 * @node: the node
 * @root: its tree
 * @augment: callbacks that keep each node's subtree value current
 */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	rb_erase_common(node, root, augment);
}

/**
 * rb_first - the leftmost (smallest) node
 * @root: the tree
 *
 * Return: the node, or NULL when the tree is empty.
 */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

/**
 * rb_last - the rightmost (largest) node
 * @root: the tree
 *
 * Return: the node, or NULL when the tree is empty.
 */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/**
 * rb_next - the in-order successor
 * @node: a node in a tree
 *
 * O(log n) worst case, O(1) amortized over a traversal.
 *
 * Return: the next node, or NULL at the end.
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Climb while we are a right child: the first ancestor reached from the left is next. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/**
 * rb_prev - the in-order predecessor
 * @node: a node in a tree
 *
 * Return: the previous node, or NULL at the start.
 */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
