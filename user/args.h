/*
 * What the user programs share beside the system calls (user/syscall.h): strict argument
 * parsing with one error line each, and the calls cow and hog both make.
 */
#ifndef USER_ARGS_H
#define USER_ARGS_H

/* argc (the program name counted) within [min, max], else prints "usage: <usage>" */
int arg_count(int argc, int min, int max, const char *usage);
/* A positive size: decimal or 0x hex, then K or M; else prints "<prog>: bad <what>: <s>" */
int arg_size(const char *prog, const char *what, const char *s, unsigned long *out);
/* A number of seconds, decimal, 0 or more; else prints "<prog>: bad seconds: <s>" */
int arg_seconds(const char *prog, const char *s, long *out);
/* Sleep @secs seconds (nanosleep); none for 0 */
void sleep_seconds(long secs);
/* @size bytes of read-write anonymous memory, MAP_PRIVATE or MAP_SHARED; NULL (reported) */
void *map_anon(const char *prog, unsigned long size, int flags);

#endif
