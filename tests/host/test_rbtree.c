/*
 * Host tests for lib/rbtree.c: red-black rules, order and traversal after random
 * insertions and erasures (every erase case: leaf, one child, two children, root), and an
 * augmented tree keeping subtree node counts, checked by selecting the k-th key. The seed
 * is printed; RBTREE_SEED sets it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <lib/prandom.h>
#include <lib/rbtree.h>

#define NKEYS 3000

struct item {
	struct rb_node node;
	unsigned long key;
	unsigned long count; /* augmented: nodes in this subtree */
	bool in_tree;
};

static struct item items[NKEYS];
static struct rb_root root;
static unsigned long nr_in_tree;
static struct rnd_state rnd;

static struct item *item_of(const struct rb_node *n)
{
	return n ? rb_entry((struct rb_node *)n, struct item, node) : NULL;
}

static unsigned long count_of(const struct rb_node *n)
{
	return n ? item_of(n)->count : 0;
}

static unsigned long compute_count(const struct rb_node *n)
{
	return 1 + count_of(n->rb_left) + count_of(n->rb_right);
}

static void cb_propagate(struct rb_node *n, struct rb_node *stop)
{
	for (; n != stop; n = rb_parent(n)) {
		unsigned long c = compute_count(n);

		if (item_of(n)->count == c)
			break;
		item_of(n)->count = c;
	}
}

static void cb_copy(struct rb_node *old, struct rb_node *new)
{
	item_of(new)->count = item_of(old)->count;
}

static void cb_rotate(struct rb_node *old, struct rb_node *new)
{
	item_of(new)->count = item_of(old)->count;
	item_of(old)->count = compute_count(old);
}

static const struct rb_augment_callbacks count_cb = { cb_propagate, cb_copy, cb_rotate };

static void insert(struct item *it, bool augmented)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < item_of(parent)->key ? &parent->rb_left : &parent->rb_right;
	}
	it->count = 1;
	rb_link_node(&it->node, parent, link);
	if (augmented)
		rb_insert_augmented(&it->node, &root, &count_cb);
	else
		rb_insert_color(&it->node, &root);
	it->in_tree = true;
	nr_in_tree++;
}

static void erase(struct item *it, bool augmented)
{
	if (augmented)
		rb_erase_augmented(&it->node, &root, &count_cb);
	else
		rb_erase(&it->node, &root);
	it->in_tree = false;
	nr_in_tree--;
}

/* Returns the black height; counts nodes; checks parents, colours, order and counts. */
static int check(struct rb_node *n, struct rb_node *parent, unsigned long *nodes, bool augmented)
{
	int bl, br;

	if (!n)
		return 1;
	(*nodes)++;
	assert_ptr_equal(rb_parent(n), parent);
	if (rb_is_red(n)) {
		assert_true(!n->rb_left || rb_is_black(n->rb_left));
		assert_true(!n->rb_right || rb_is_black(n->rb_right));
	}
	if (n->rb_left)
		assert_true(item_of(n->rb_left)->key <= item_of(n)->key);
	if (n->rb_right)
		assert_true(item_of(n->rb_right)->key >= item_of(n)->key);
	bl = check(n->rb_left, n, nodes, augmented);
	br = check(n->rb_right, n, nodes, augmented);
	assert_int_equal(bl, br);
	if (augmented)
		assert_int_equal(item_of(n)->count, compute_count(n));
	return bl + rb_is_black(n);
}

static void check_all(bool augmented)
{
	unsigned long nodes = 0, walked = 0, prev_key = 0;
	struct rb_node *n;

	if (root.rb_node)
		assert_true(rb_is_black(root.rb_node));
	check(root.rb_node, NULL, &nodes, augmented);
	assert_int_equal(nodes, nr_in_tree);
	for (n = rb_first(&root); n; n = rb_next(n), walked++) {
		assert_true(walked == 0 || item_of(n)->key >= prev_key);
		prev_key = item_of(n)->key;
	}
	assert_int_equal(walked, nr_in_tree);
	for (n = rb_last(&root), walked = 0; n; n = rb_prev(n))
		walked++;
	assert_int_equal(walked, nr_in_tree);
}

/* The @k-th smallest key (0-based) through the counts. */
static struct item *select_kth(unsigned long k)
{
	struct rb_node *n = root.rb_node;

	while (n) {
		unsigned long left = count_of(n->rb_left);

		if (k < left) {
			n = n->rb_left;
		} else if (k == left) {
			return item_of(n);
		} else {
			k -= left + 1;
			n = n->rb_right;
		}
	}
	return NULL;
}

static void reset(unsigned long seed)
{
	unsigned long i;

	memset(items, 0, sizeof(items));
	root = RB_ROOT;
	nr_in_tree = 0;
	prandom_seed_state(&rnd, seed);
	for (i = 0; i < NKEYS; i++)
		items[i].key = prandom_u32_state(&rnd) % (NKEYS / 2); /* duplicates on purpose */
}

static unsigned long get_seed(void)
{
	const char *env = getenv("RBTREE_SEED");
	static unsigned long seed;

	if (!seed) {
		seed = env ? strtoul(env, NULL, 0) : (unsigned long)time(NULL);
		printf("test_rbtree: seed %lu (RBTREE_SEED=%lu reproduces)\n", seed, seed);
	}
	return seed;
}

static void run_random(bool augmented)
{
	unsigned long i;

	reset(get_seed() + augmented);
	for (i = 0; i < 200000; i++) {
		struct item *it = &items[prandom_u32_state(&rnd) % NKEYS];

		if (it->in_tree)
			erase(it, augmented);
		else
			insert(it, augmented);
		if (i % 2000 == 0)
			check_all(augmented);
	}
	check_all(augmented);
}

static void test_random_insert_erase_keeps_red_black_rules(void **state)
{
	run_random(false);
}

static void test_augmented_counts_stay_exact(void **state)
{
	unsigned long k, prev = 0;
	struct item *it;

	run_random(true);
	for (k = 0; k < nr_in_tree; k++) {
		it = select_kth(k);
		assert_non_null(it);
		assert_true(k == 0 || it->key >= prev);
		prev = it->key;
	}
	assert_null(select_kth(nr_in_tree));
}

static void test_sequential_keys_stay_balanced(void **state)
{
	unsigned long i, depth = 0;
	struct rb_node *n;

	reset(1);
	for (i = 0; i < NKEYS; i++) {
		items[i].key = i; /* the worst case for an unbalanced tree */
		insert(&items[i], true);
	}
	check_all(true);
	for (n = rb_first(&root); n; n = rb_parent(n))
		depth++;
	assert_true(depth <= 2 * 12); /* 2 log2(3001) */
	for (i = 0; i < NKEYS; i += 2)
		erase(&items[i], true);
	check_all(true);
	while (root.rb_node)
		erase(item_of(root.rb_node), true); /* always the root: the two-children case */
	assert_int_equal(nr_in_tree, 0);
	assert_null(rb_first(&root));
	assert_null(rb_last(&root));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_insert_erase_keeps_red_black_rules),
		cmocka_unit_test(test_augmented_counts_stay_exact),
		cmocka_unit_test(test_sequential_keys_stay_balanced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
