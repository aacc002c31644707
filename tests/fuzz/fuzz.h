/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry points, the
 * check that aborts on a broken property, and capturing what a parser
 * prints on stderr to check its messages.
 *
 * Each target is built with clang -fsanitize=fuzzer (make fuzz), and with
 * gcc as a plain program that replays its seed corpus (replay.c; make
 * check).
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The real stderr while messages are captured. */
static FILE *fuzz_stderr __attribute__((unused));

#define FUZZ_ASSERT(cond)                                                              \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(fuzz_stderr ? fuzz_stderr : stderr,                    \
				"%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                       \
		}                                                                      \
	} while (0)

/* What the code under test writes to stderr goes to text (sanitizer
 * reports still reach the terminal: they write to the descriptor). */
struct fuzz_capture {
	char *text;
	size_t len;
};

static inline void fuzz_capture_begin(struct fuzz_capture *c)
{
	c->text = NULL;
	c->len = 0;
	fflush(stderr);
	fuzz_stderr = stderr;
	stderr = open_memstream(&c->text, &c->len);
	if (!stderr)
		abort();
}

static inline void fuzz_capture_end(struct fuzz_capture *c)
{
	(void)c;
	fclose(stderr);
	stderr = fuzz_stderr;
	fuzz_stderr = NULL;
}

/* The input as a file the code under test opens by name: an anonymous
 * memory file, named /proc/self/fd/N in path.  Returns its descriptor. */
static inline int fuzz_memfile(const char *name, const uint8_t *data, size_t size, char *path,
			       size_t pathlen)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
