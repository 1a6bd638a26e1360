/*
 * System-call dispatch (Linux ARM EABI: number in r7, arguments in r0-r5, result in r0,
 * a negative errno on failure) and the calls about tasks: exit, exit_group, getpid,
 * write and read on the console, sched_yield, nanosleep, wait4, kill. The mm core adds
 * brk, mmap2, munmap, mprotect to the same table (mm/mmap.c).
 */
#include <asm/uaccess.h>
#include <errno.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <uapi/asm/unistd.h>
#include <uapi/linux/wait.h>

#define NR_SYSCALLS 400

/* EABI numbers (Linux arch/arm/tools/syscall.tbl). */

extern const struct syscall_entry table_start(syscalls)[], table_end(syscalls)[];
static const struct syscall_entry *sys_call_table[NR_SYSCALLS];
unsigned long nr_syscalls;

static void build_table(void)
{
	const struct syscall_entry *e;

	for (e = table_start(syscalls); e < table_end(syscalls); e++)
		if (e->nr < NR_SYSCALLS)
			sys_call_table[e->nr] = e;
}

/**
 * do_syscall - dispatch a system call from user mode
 * @regs: the caller's registers: r7 the EABI number, r0-r5 the arguments
 *
 * The result goes back in r0; an unknown number returns -ENOSYS.
 */
void do_syscall(struct pt_regs *regs)
{
	unsigned int nr = regs->uregs[7];
	const struct syscall_entry *e;

	if (!sys_call_table[__NR_exit])
		build_table();
	nr_syscalls++;
	e = nr < NR_SYSCALLS ? sys_call_table[nr] : NULL;
	regs->uregs[0] = e ? (u32)e->fn(regs) : (u32)-LINUX_ENOSYS;
}

static long sys_exit(struct pt_regs *regs)
{
	do_exit((int)(regs->uregs[0] & 0xff) << 8);
}
SYSCALL_DEFINE(__NR_exit, exit, sys_exit);
SYSCALL_DEFINE(__NR_exit_group, exit_group, sys_exit);

static long sys_getpid(struct pt_regs *regs)
{
	return current->pid;
}
SYSCALL_DEFINE(__NR_getpid, getpid, sys_getpid);

/* write(fd, buf, count): fds 1 and 2 are the console. */
static long sys_write(struct pt_regs *regs)
{
	const char *ubuf = (const char *)(unsigned long)regs->uregs[1];
	unsigned long count = regs->uregs[2], done = 0;
	char buf[128];

	if (regs->uregs[0] != 1 && regs->uregs[0] != 2)
		return -EBADF;
	while (done < count) {
		unsigned long n = min(count - done, sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(buf, n);
		done += n;
	}
	return (long)done;
}
SYSCALL_DEFINE(__NR_write, write, sys_write);

/* read(0, buf, count): the console; not while the shell reads it (background jobs). */
static long sys_read(struct pt_regs *regs)
{
	char *ubuf = (char *)(unsigned long)regs->uregs[1];
	unsigned long count = regs->uregs[2], done = 0;

	if (regs->uregs[0] != 0)
		return -EBADF;
	while (done < count) {
		int c = console_trygetc();
		char ch;

		if (c < 0) {
			if (done)
				break;
			schedule_timeout(1);
			if (signal_pending(current))
				return -EINTR;
			continue;
		}
		ch = (char)(c == '\r' ? '\n' : c);
		if (copy_to_user(ubuf + done, &ch, 1))
			return done ? (long)done : -EFAULT;
		done++;
		if (ch == '\n')
			break;
	}
	return (long)done;
}
SYSCALL_DEFINE(__NR_read, read, sys_read);

static long sys_sched_yield(struct pt_regs *regs)
{
	schedule();
	return 0;
}
SYSCALL_DEFINE(__NR_sched_yield, sched_yield, sys_sched_yield);

struct linux_timespec {
	s32 tv_sec;
	s32 tv_nsec;
};

/* nanosleep(req, rem): at tick granularity, rounded up; -EINTR with the rest in rem. */
static long sys_nanosleep(struct pt_regs *regs)
{
	struct linux_timespec ts;
	unsigned long ticks, left;
	void *urem = (void *)(unsigned long)regs->uregs[1];

	if (copy_from_user(&ts, (void *)(unsigned long)regs->uregs[0], sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	if ((u32)ts.tv_sec > 86400u * 365)
		ts.tv_sec = 86400 * 365;
	ticks = (unsigned long)ts.tv_sec * HZ + DIV_ROUND_UP((u32)ts.tv_nsec, 1000000000u / HZ);
	left = ticks ? schedule_timeout(ticks) : 0;
	if (!ticks)
		schedule();
	if (left && signal_pending(current)) {
		if (urem) {
			ts.tv_sec = (s32)(left / HZ);
			ts.tv_nsec = (s32)(left % HZ) * (1000000000 / HZ);
			if (copy_to_user(urem, &ts, sizeof(ts)))
				return -EFAULT;
		}
		return -EINTR;
	}
	return 0;
}
SYSCALL_DEFINE(__NR_nanosleep, nanosleep, sys_nanosleep);

/* wait4(pid, status, options, rusage): pid -1 or a child; WNOHANG; no rusage. */
static long sys_wait4(struct pt_regs *regs)
{
	int pid = (int)regs->uregs[0], status = 0, ret;
	void *ustatus = (void *)(unsigned long)regs->uregs[1];

	if (regs->uregs[2] & ~WNOHANG)
		return -EINVAL;
	if (pid < -1 || pid == 0)
		return -EINVAL;
	ret = kernel_wait(pid, &status, regs->uregs[2] & WNOHANG);
	if (ret > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	return ret;
}
SYSCALL_DEFINE(__NR_wait4, wait4, sys_wait4);

/* kill(pid, sig): SIGINT, SIGKILL, SIGSEGV... all fatal; 0 only checks. */
static long sys_kill(struct pt_regs *regs)
{
	struct task_struct *t = find_task_by_pid((int)regs->uregs[0]);
	u32 sig = regs->uregs[1];

	if (sig > 31)
		return -EINVAL;
	if (!t || t == &task_table[0] || t->state == EXIT_ZOMBIE)
		return -ESRCH;
	if (sig)
		send_sig(t, (int)sig);
	return 0;
}
SYSCALL_DEFINE(__NR_kill, kill, sys_kill);
