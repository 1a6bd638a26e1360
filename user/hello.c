/* hello [args]: prints its pid and arguments; exits with the number of arguments. */
#include "syscall.h"
#include <stdio.h>

int main(int argc, char **argv)
{
	int i;

	printf("hello from pid %ld:", sys_getpid());
	for (i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	return argc - 1;
}
