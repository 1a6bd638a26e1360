/* KTAP suite "exceptions": every exception kind is reported and recovered from. */
#include <asm/irqflags.h>
#include <asm/traps.h>
#include <kernel/preempt.h>
#include <kernel/ktap.h>

static int read_null(void *arg)
{
	return *(volatile int *)0;
}

static void data_abort_is_recovered_with_fault_status(struct ktap_test *t)
{
	struct fault_record rec;
	int ret = 42;

	KTAP_ASSERT_TRUE(t, catch_faults_quiet(read_null, NULL, &ret, &rec) == 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_DATA_ABORT);
	KTAP_EXPECT_EQ(t, rec.addr, 0);
	KTAP_EXPECT_EQ(t, rec.fsr & 0x40f, 0x005); /* translation fault, section */
	KTAP_EXPECT_TRUE(t, !(rec.fsr & (1 << 11)));
	KTAP_EXPECT_EQ(t, ret, 42); /* the function never returned */
}

static int undefined(void *arg)
{
	__asm__ __volatile__(".globl ktap_udf_insn\nktap_udf_insn: .word 0xe7f000f0");
	return 0;
}

static void undefined_instruction_is_recovered(struct ktap_test *t)
{
	extern char ktap_udf_insn[];
	struct fault_record rec;

	KTAP_ASSERT_TRUE(t, catch_faults_quiet(undefined, NULL, NULL, &rec) == 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_UNDEFINED);
	KTAP_EXPECT_EQ(t, rec.pc, (unsigned long)ktap_udf_insn);
}

static int jump_to_null(void *arg)
{
	((void (*)(void))0)();
	return 0;
}

static void prefetch_abort_on_unmapped_is_recovered(struct ktap_test *t)
{
	struct fault_record rec;

	KTAP_ASSERT_TRUE(t, catch_faults_quiet(jump_to_null, NULL, NULL, &rec) == 1);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_PREFETCH_ABORT);
	KTAP_EXPECT_EQ(t, rec.addr, 0);
	KTAP_EXPECT_EQ(t, rec.fsr & 0x40f, 0x005);
}

static void swi_is_counted_and_returns(struct ktap_test *t)
{
	unsigned int before = swi_count;

	/* SWI from SVC mode overwrites lr_svc: tell the compiler. */
	__asm__ __volatile__("svc #0x42" ::: "lr", "memory");
	__asm__ __volatile__("svc #0" ::: "lr", "memory");
	KTAP_EXPECT_EQ(t, swi_count, before + 2);
}

static int return_seven(void *arg)
{
	return 7;
}

static void no_fault_returns_the_value(struct ktap_test *t)
{
	struct fault_record rec;
	int ret = 0;

	KTAP_EXPECT_EQ(t, catch_faults_quiet(return_seven, NULL, &ret, &rec), 0);
	KTAP_EXPECT_EQ(t, ret, 7);
	KTAP_EXPECT_EQ(t, rec.kind, FAULT_NONE);
}

static int nested_inner(void *arg)
{
	struct fault_record *inner = arg;

	/* The inner fault unwinds to the inner catcher; we carry on. */
	catch_faults_quiet(read_null, NULL, NULL, inner);
	return read_null(NULL); /* this one reaches the outer catcher */
}

static void nested_catchers_unwind_to_the_innermost(struct ktap_test *t)
{
	struct fault_record inner = { 0 }, outer = { 0 };

	KTAP_EXPECT_EQ(t, catch_faults_quiet(nested_inner, &inner, NULL, &outer), 1);
	KTAP_EXPECT_EQ(t, inner.kind, FAULT_DATA_ABORT);
	KTAP_EXPECT_EQ(t, outer.kind, FAULT_DATA_ABORT);
}

static int fault_in_atomic(void *arg)
{
	preempt_disable();
	preempt_disable();
	local_irq_disable();
	return read_null(NULL);
}

static void atomic_state_is_restored_after_a_fault(struct ktap_test *t)
{
	unsigned int pc = preempt_count;
	int was_disabled = irqs_disabled();

	KTAP_EXPECT_EQ(t, catch_faults_quiet(fault_in_atomic, NULL, NULL, NULL), 1);
	KTAP_EXPECT_EQ(t, preempt_count, pc);
	KTAP_EXPECT_EQ(t, irqs_disabled(), was_disabled);
	KTAP_EXPECT_TRUE(t, !in_interrupt());
}

static void unaligned_word_access_works(struct ktap_test *t)
{
	static u8 buf[8] __aligned(4) = { 1, 2, 3, 4, 5, 6, 7, 8 };
	volatile u32 *p = (volatile u32 *)(buf + 1);

	/* SCTLR.U=1, A=0: ARMv6 handles unaligned LDR/STR in hardware. */
	KTAP_EXPECT_EQ(t, *p, 0x05040302);
}

static const struct ktap_case exception_cases[] = {
	KTAP_CASE(data_abort_is_recovered_with_fault_status),
	KTAP_CASE(undefined_instruction_is_recovered),
	KTAP_CASE(prefetch_abort_on_unmapped_is_recovered),
	KTAP_CASE(swi_is_counted_and_returns),
	KTAP_CASE(no_fault_returns_the_value),
	KTAP_CASE(nested_catchers_unwind_to_the_innermost),
	KTAP_CASE(atomic_state_is_restored_after_a_fault),
	KTAP_CASE(unaligned_word_access_works),
};
KTAP_SUITE(exceptions, exception_cases);
