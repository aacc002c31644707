/* SPDX-License-Identifier: MIT */
/* log.c - messages to stderr (foreground), a file, or syslog. */
#include "stackd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

static FILE *log_file;
static bool use_syslog;

void log_open(const struct stackd_config *c)
{
	if (c->log_path[0]) {
		log_file = fopen(c->log_path, "ae");
		if (log_file) {
			setvbuf(log_file, NULL, _IOLBF, 0);
			return;
		}
		fprintf(stderr, "stackd: cannot open log %s; logging to %s instead\n", c->log_path,
			c->foreground ? "stderr" : "syslog");
	}
	if (c->foreground) {
		log_file = stderr;
		return;
	}
	openlog("stackd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	use_syslog = true;
}

void log_msg(int prio, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
	} else if (log_file) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", localtime_r(&now, &tm));
		fprintf(log_file, "%s stackd: ", ts);
		vfprintf(log_file, fmt, ap);
		fputc('\n', log_file);
	}
	va_end(ap);
}
