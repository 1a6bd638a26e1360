/*
 * The system-call layer under newlib: svc 0 with the number in r7 (Linux ARM EABI), and
 * the _write/_sbrk/_exit... stubs newlib's libc calls. A negative result -errno sets errno.
 */
#include "syscall.h"
#include <errno.h>
#include <sys/stat.h>

long syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = nr;

	__asm__ __volatile__("svc #0"
			     : "+r"(r0)
			     : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			     : "memory");
	return r0;
}

static int ret_errno(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return (int)r;
}

void _exit(int status)
{
	syscall1(__NR_exit_group, status);
	for (;;)
		;
}

int _write(int fd, const void *buf, int n)
{
	return ret_errno(syscall3(__NR_write, fd, buf, n));
}

int _read(int fd, void *buf, int n)
{
	return ret_errno(syscall3(__NR_read, fd, buf, n));
}

void *_sbrk(int incr)
{
	static unsigned long cur;
	unsigned long old, want;

	if (!cur)
		cur = (unsigned long)syscall1(__NR_brk, 0);
	old = cur;
	want = old + (long)incr;
	if ((unsigned long)syscall1(__NR_brk, want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	cur = want;
	return (void *)old;
}

int _getpid(void)
{
	return (int)syscall0(__NR_getpid);
}

int _kill(int pid, int sig)
{
	return ret_errno(syscall2(__NR_kill, pid, sig));
}

int _close(int fd)
{
	return 0;
}

int _fstat(int fd, struct stat *st)
{
	st->st_mode = S_IFCHR;
	return 0;
}

int _isatty(int fd)
{
	return 1;
}

int _lseek(int fd, int off, int whence)
{
	return 0;
}
