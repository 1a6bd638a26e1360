# Host unit tests (cmocka, ASan+UBSan). One line per test: the sources under test it links.
# A test tests/host/test_X.c is built from itself plus test_X_SRCS.
HOST_TESTS += test_parse
test_parse_SRCS := lib/parse.c mm/gfp.c

HOST_TESTS += test_pgtable_desc
test_pgtable_desc_SRCS := boot/pgtable-v6.c

HOST_TESTS += test_ringbuf
test_ringbuf_SRCS := lib/ringbuf.c

HOST_TESTS += test_line_editor
test_line_editor_SRCS := lib/line_editor.c
