/* SPDX-License-Identifier: MIT */
/*
 * replay.c - the main() of the fuzz targets when they are built as plain
 * programs (make, gcc): run LLVMFuzzerTestOneInput once on each file given
 * (or on each file of the directories given, sorted) and report TAP, which
 * is how `make check` replays the seed corpora (tests/fuzz/corpus/NAME).
 * A target that needs setting up defines LLVMFuzzerInitialize, as it would
 * for libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* The whole file in a buffer of exactly its size, so that ASan sees a
 * parser that reads past the end of its input. */
static int run_file(const char *path, int n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	while (f) {
		if (len == cap) {
			char *nb = realloc(buf, cap = cap ? 2 * cap : 4096);
			if (!nb)
				break;
			buf = nb;
		}
		size_t r = fread(buf + len, 1, cap - len, f);
		len += r;
		if (r == 0)
			break;
	}
	if (!f || ferror(f)) {
		printf("not ok %d - %s: cannot read it\n", n, path);
		if (f)
			fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact) {
		printf("not ok %d - %s: out of memory\n", n, path);
		free(buf);
		return 1;
	}
	if (len)
		memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	printf("ok %d - %s\n", n, path);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files to run: the arguments, directories expanded. */
static size_t collect(int argc, char **argv, char ***out)
{
	size_t n = 0, cap = 16;
	char **v = malloc(cap * sizeof(*v));
	for (int i = 1; v && i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			v[n++] = strdup(argv[i]);
		} else {
			for (struct dirent *de; (de = readdir(d));) {
				if (de->d_name[0] == '.')
					continue;
				if (n + 1 >= cap)
					v = realloc(v, (cap *= 2) * sizeof(*v));
				if (asprintf(&v[n], "%s/%s", argv[i], de->d_name) >= 0)
					n++;
			}
			closedir(d);
		}
		if (n + 1 >= cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
	}
	if (v)
		qsort(v, n, sizeof(*v), by_name);
	*out = v;
	return v ? n : 0;
}

int main(int argc, char **argv)
{
	char **files;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	size_t n = collect(argc, argv, &files);
	int bad = 0;
	printf("1..%zu\n", n);
	fflush(stdout);
	for (size_t i = 0; i < n; i++) {
		bad += run_file(files[i], (int)i + 1);
		fflush(stdout);
		free(files[i]);
	}
	free(files);
	return bad ? 1 : 0;
}
