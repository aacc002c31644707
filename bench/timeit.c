/* SPDX-License-Identifier: MIT */
/*
 * timeit - run a command and report its wall time, CPU time and peak RSS.
 *
 *	timeit [-n RUNS] [-w WARMUP] [-o FILE] -- COMMAND [ARG]...
 *
 * Wall time is process start to exit: CLOCK_MONOTONIC just before fork(),
 * again when wait4() returns.  Timing from the shell with `date +%s.%N`
 * would add the start-up of two date processes to every sample, which is
 * as long as the one-shot commands being compared.  CPU time and peak RSS
 * come from the rusage of the child (children it reaped included).
 *
 * The command inherits stdin, stdout and stderr.  The result is written as
 * key=value lines to FILE (default stderr):
 *
 *	runs=30
 *	wall_median=0.001234   wall_min=...   wall_max=...   (seconds)
 *	cpu_median=0.001000    user+system seconds, median over the runs
 *	maxrss_kb=3456         the largest peak RSS of any run
 *	exit=0
 *
 * Exit status: that of the first failing run, else 0; 125 on usage or
 * system errors, 127 when the command cannot be run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall;
	double cpu;
	long maxrss_kb;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv_secs(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts v; the mean of the two middle values when n is even. */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One run; returns the child's exit status (128+signal when killed). */
static int run_once(char **argv, struct sample *s)
{
	struct rusage ru;
	int status;
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: fork: %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "timeit: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "timeit: wait4: %s\n", strerror(errno));
			return 125;
		}
	}
	s->wall = now() - t0;
	s->cpu = tv_secs(ru.ru_utime) + tv_secs(ru.ru_stime);
	s->maxrss_kb = ru.ru_maxrss;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: timeit [-n RUNS] [-w WARMUP] [-o FILE] -- COMMAND [ARG]...\n");
}

int main(int argc, char **argv)
{
	int runs = 1, warmup = 0, opt;
	const char *out_path = NULL;

	while ((opt = getopt(argc, argv, "+n:w:o:h")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 'o': out_path = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 125;
		}
	}
	if (optind >= argc || runs < 1 || runs > 100000 || warmup < 0) {
		usage(stderr);
		return 125;
	}
	char **cmd = argv + optind;

	struct sample *s = calloc((size_t)runs, sizeof(*s));
	if (!s) {
		fprintf(stderr, "timeit: out of memory\n");
		return 125;
	}
	int rc = 0;
	struct sample scratch;
	for (int i = 0; i < warmup && rc == 0; i++)
		rc = run_once(cmd, &scratch);
	int done = 0;
	long maxrss = 0;
	while (rc == 0 && done < runs) {
		rc = run_once(cmd, &s[done]);
		if (s[done].maxrss_kb > maxrss)
			maxrss = s[done].maxrss_kb;
		done++;
	}

	FILE *out = stderr;
	if (out_path && !(out = fopen(out_path, "w"))) {
		fprintf(stderr, "timeit: %s: %s\n", out_path, strerror(errno));
		free(s);
		return 125;
	}
	if (done > 0) {
		double *wall = malloc((size_t)done * sizeof(*wall));
		double *cpu = malloc((size_t)done * sizeof(*cpu));
		if (!wall || !cpu) {
			fprintf(stderr, "timeit: out of memory\n");
			return 125;
		}
		for (int i = 0; i < done; i++) {
			wall[i] = s[i].wall;
			cpu[i] = s[i].cpu;
		}
		double wall_med = median(wall, done), cpu_med = median(cpu, done);
		fprintf(out, "runs=%d\nwall_median=%.6f\nwall_min=%.6f\nwall_max=%.6f\n"
			"cpu_median=%.6f\nmaxrss_kb=%ld\n",
			done, wall_med, wall[0], wall[done - 1], cpu_med, maxrss);
		free(wall);
		free(cpu);
	}
	fprintf(out, "exit=%d\n", rc);
	if (out != stderr)
		fclose(out);
	free(s);
	return rc;
}
