/*
 * Process commands: run, ps, kill, maps, status. `run` starts a program built into the
 * image (user/) as a child of the shell; in the foreground the shell waits for it and
 * Ctrl-C sends it SIGINT; with a last argument `&` it runs in the background and the
 * shell reports it when it is reaped (at the next process command). maps and status
 * print Linux's /proc/PID/maps and /proc/PID/status formats.
 */
#include <errno.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <kernel/task.h>
#include <lib/parse.h>
#include <mm/mmap.h>
#include <shell/shell.h>
#include <stdio.h>
#include <string.h>

static void report_exit(int pid, const char *comm, int status, bool always)
{
	if (status & 0x7f)
		printk("error: %s[%d] killed by signal %d (%s)\n", comm, pid, status & 0x7f,
		       signal_name(status & 0x7f));
	else if (status >> 8)
		printk("error: %s[%d] exited with status %d\n", comm, pid, (status >> 8) & 0xff);
	else if (always)
		printk("[%d] %s done\n", pid, comm);
}

/* Reap finished background jobs, one line each. */
static void reap_jobs(void)
{
	struct task_struct *t;
	int status, pid;

	for_each_task(t)
	{
		if (t->state != EXIT_ZOMBIE || t->parent != current)
			continue;
		pid = t->pid;
		{
			char comm[TASK_COMM_LEN];

			memcpy(comm, t->comm, sizeof(comm));
			if (kernel_wait(pid, &status, true) == pid)
				report_exit(pid, comm, status, true);
		}
	}
}

static void list_programs(void)
{
	const struct user_program *p;

	printk("programs:");
	for (p = user_programs; p->name; p++)
		printk(" %s", p->name);
	printk("\n");
}

static int cmd_run(int argc, char **argv)
{
	const struct user_program *prog;
	bool background = !strcmp(argv[argc - 1], "&");
	struct task_struct *t;
	int pid, status = 0;
	char comm[TASK_COMM_LEN];
	bool interrupted = false;

	reap_jobs();
	if (background)
		argc--;
	if (argc < 2)
		return shell_error("usage: run <prog> [args] [&]");
	prog = find_user_program(argv[1]);
	if (!prog) {
		shell_error("run: no program '%s'", argv[1]);
		list_programs();
		return -1;
	}
	pid = process_spawn(prog, argc - 1, argv + 1);
	if (pid == -EAGAIN)
		return shell_error("run: no free task slot (at most %d processes)", NR_TASKS - 1);
	if (pid < 0)
		return shell_error("run: cannot start %s: error %d", prog->name, pid);
	if (background) {
		printk("[%d] %s\n", pid, prog->name);
		return 0;
	}
	strncpy(comm, prog->name, sizeof(comm) - 1);
	comm[sizeof(comm) - 1] = 0;
	/* The shell discards input up to the Ctrl-C after the command (shell/shell.c). */
	for (;;) {
		if (kernel_wait(pid, &status, true) == pid)
			break;
		if (console_interrupted() && !interrupted) {
			interrupted = true;
			t = find_task_by_pid(pid);
			if (t)
				send_sig(t, SIGINT);
		}
		schedule_timeout(1);
	}
	report_exit(pid, comm, status, false);
	return status ? -1 : 0;
}
SHELL_CMD(run, "<prog> [args] [&]", "run a user program (foreground, or background with &)", 1,
	  SHELL_MAX_ARGS, cmd_run);

static char state_char(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case EXIT_ZOMBIE:
		return 'Z';
	default:
		return '?';
	}
}

static int cmd_ps(int argc, char **argv)
{
	struct task_struct *t;

	printk("  PID STAT      VSZ      RSS COMMAND\n");
	for_each_task(t)
	{
		unsigned long vsz = 0, rss = 0;

		if (t->state == TASK_UNUSED)
			continue;
		if (t->mm) {
			vsz = t->mm->total_vm << (PAGE_SHIFT - 10);
			rss = (t->mm->rss_anon + t->mm->rss_shmem) << (PAGE_SHIFT - 10);
		}
		printk("%5d %c    %8lu %8lu %s\n", t->pid, state_char(t), vsz, rss, t->comm);
	}
	reap_jobs();
	return 0;
}
SHELL_CMD(ps, "", "processes: pid, state, VSZ and RSS in kB, name", 0, 0, cmd_ps);

static int parse_pid(const char *s, struct task_struct **out)
{
	u32 pid;
	struct task_struct *t;

	if (parse_u32(s, &pid) || pid > 32767)
		return shell_error("bad pid '%s'", s);
	t = find_task_by_pid((int)pid);
	if (!t || t->state == EXIT_ZOMBIE)
		return shell_error("no process %u", pid);
	*out = t;
	return 0;
}

static int cmd_kill(int argc, char **argv)
{
	struct task_struct *t;
	u32 sig = SIGTERM;

	if (parse_pid(argv[1], &t))
		return -1;
	if (argc > 2 && (parse_u32(argv[2], &sig) || sig == 0 || sig > 31))
		return shell_error("bad signal '%s' (1..31)", argv[2]);
	if (t == &task_table[0])
		return shell_error("kill: pid 0 is the shell");
	send_sig(t, (int)sig);
	while (t->state != EXIT_ZOMBIE && t->state != TASK_UNUSED)
		schedule_timeout(1);
	reap_jobs();
	return 0;
}
SHELL_CMD(kill, "<pid> [signal]", "send a signal (default SIGTERM; every signal is fatal)", 1, 2,
	  cmd_kill);

static int user_task(const char *s, struct task_struct **t)
{
	if (parse_pid(s, t))
		return -1;
	if (!(*t)->mm)
		return shell_error("process %d has no address space", (*t)->pid);
	return 0;
}

static int cmd_maps(int argc, char **argv)
{
	struct task_struct *t;
	struct rb_node *n;

	if (user_task(argv[1], &t))
		return -1;
	for (n = rb_first(&t->mm->mm_rb); n; n = rb_next(n)) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);
		char line[96];
		int len;

		len = snprintf(line, sizeof(line), "%08lx-%08lx %c%c%c%c %08lx 00:00 0",
			       v->vm_start, v->vm_end, (v->vm_flags & VM_READ) ? 'r' : '-',
			       (v->vm_flags & VM_WRITE) ? 'w' : '-',
			       (v->vm_flags & VM_EXEC) ? 'x' : '-',
			       (v->vm_flags & VM_SHARED) ? 's' : 'p', v->vm_pgoff << PAGE_SHIFT);
		if (v->vm_name)
			printk("%-*s%s\n", 73, line, v->vm_name);
		else
			printk("%s\n", line);
		(void)len;
	}
	return 0;
}
SHELL_CMD(maps, "<pid>", "the process's mappings (/proc/PID/maps)", 1, 1, cmd_maps);

static void status_kb(const char *name, unsigned long pages)
{
	printk("%-12s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

static int cmd_status(int argc, char **argv)
{
	struct task_struct *t;
	struct mm_struct *mm;
	unsigned long stack = 0;
	struct rb_node *n;

	if (parse_pid(argv[1], &t))
		return -1;
	mm = t->mm;
	printk("Name:\t%s\nState:\t%c\nPid:\t%d\nPPid:\t%d\n", t->comm, state_char(t), t->pid,
	       t->parent ? t->parent->pid : 0);
	if (mm) {
		for (n = rb_first(&mm->mm_rb); n; n = rb_next(n)) {
			struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);

			if (v->vm_flags & VM_GROWSDOWN)
				stack += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
		}
		status_kb("VmSize:", mm->total_vm);
		status_kb("VmRSS:", mm->rss_anon + mm->rss_shmem);
		status_kb("RssAnon:", mm->rss_anon);
		status_kb("RssFile:", 0);
		status_kb("RssShmem:", mm->rss_shmem);
		status_kb("VmData:",
			  mm->total_vm - stack -
				  (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) /
					  PAGE_SIZE);
		status_kb("VmStk:", stack);
		status_kb("VmExe:",
			  (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) / PAGE_SIZE);
		status_kb("VmPTE:", mm->nr_ptes + (1 << USER_PGD_ORDER));
	}
	printk("voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", t->nvcsw,
	       t->nivcsw);
	return 0;
}
SHELL_CMD(status, "<pid>", "the process's /proc/PID/status: VmSize, VmRSS, RssAnon...", 1, 1,
	  cmd_status);
