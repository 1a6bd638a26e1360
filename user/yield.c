/* yield <n>: call sched_yield() n times (the context-switch benchmark runs two). */
#include "syscall.h"
#include <stdlib.h>

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? strtol(argv[1], NULL, 0) : 1;

	for (i = 0; i < n; i++)
		syscall0(__NR_sched_yield);
	return 0;
}
