/* SPDX-License-Identifier: MIT */
/*
 * elf.c - is a provider file a shared object that exports the provider
 * entry point?  Only the ELF header, the section headers and the dynamic
 * symbol table are read (with pread, every offset checked against the
 * file size); nothing in the file is mapped or run.  stackd does this for
 * `catalog verify`, so a hostile file can cost it a read but never code.
 */
#include "catalog.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TABLE_MAX (64u << 20)   /* symbol and string tables we are willing to read */

static int why_fail(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int why_fail(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

static bool read_at(int fd, void *buf, size_t n, uint64_t off, uint64_t file_size)
{
	if (off > file_size || n > file_size - off)
		return false;
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* The ELF machine of this process, and of its 32-bit companions. */
static unsigned host_machine(unsigned which)
{
	static unsigned m64;
	if (!m64) {
		Elf64_Ehdr eh;
		int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && read(fd, &eh, sizeof(eh)) == (ssize_t)sizeof(eh))
			m64 = eh.e_machine;
		if (fd >= 0)
			close(fd);
	}
	if (which == 64)
		return m64;
	switch (m64) {
	case EM_X86_64: return EM_386;
	case EM_AARCH64: return EM_ARM;
	default: return 0;     /* unknown pairing: do not judge */
	}
}

/* A section header or symbol of either class, widened. */
struct shdr {
	uint32_t type, link;
	uint64_t offset, size, entsize;
};
struct sym {
	uint32_t name;
	unsigned char info, other;
	uint16_t shndx;
};

static bool get_shdr(int fd, bool is64, uint64_t shoff, unsigned i, unsigned shentsize,
		     uint64_t fsize, struct shdr *s)
{
	uint64_t off = shoff + (uint64_t)i * shentsize;
	if (is64) {
		Elf64_Shdr h;
		if (shentsize < sizeof(h) || !read_at(fd, &h, sizeof(h), off, fsize))
			return false;
		*s = (struct shdr){ h.sh_type, h.sh_link, h.sh_offset, h.sh_size, h.sh_entsize };
	} else {
		Elf32_Shdr h;
		if (shentsize < sizeof(h) || !read_at(fd, &h, sizeof(h), off, fsize))
			return false;
		*s = (struct shdr){ h.sh_type, h.sh_link, h.sh_offset, h.sh_size, h.sh_entsize };
	}
	return true;
}

static void get_sym(const char *tab, bool is64, size_t i, struct sym *s)
{
	if (is64) {
		Elf64_Sym y;
		memcpy(&y, tab + i * sizeof(y), sizeof(y));
		*s = (struct sym){ y.st_name, y.st_info, y.st_other, y.st_shndx };
	} else {
		Elf32_Sym y;
		memcpy(&y, tab + i * sizeof(y), sizeof(y));
		*s = (struct sym){ y.st_name, y.st_info, y.st_other, y.st_shndx };
	}
}

unsigned catalog_elf_class(const char *path)
{
	unsigned char id[EI_NIDENT];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t r = read(fd, id, sizeof(id));
	close(fd);
	if (r != (ssize_t)sizeof(id) || memcmp(id, ELFMAG, SELFMAG) != 0)
		return 0;
	return id[EI_CLASS] == ELFCLASS64 ? 64 : id[EI_CLASS] == ELFCLASS32 ? 32 : 0;
}

static int check_fd(int fd, uint64_t fsize, unsigned which, const char *symbol, char *why, size_t size)
{
	unsigned char id[EI_NIDENT];
	if (!read_at(fd, id, sizeof(id), 0, fsize) || memcmp(id, ELFMAG, SELFMAG) != 0)
		return why_fail(why, size, "is not an ELF file");
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
		return why_fail(why, size, "has an unknown ELF class %u", id[EI_CLASS]);
	bool is64 = id[EI_CLASS] == ELFCLASS64;
	if ((is64 ? 64u : 32u) != which)
		return why_fail(why, size, "is a %d-bit object; the %u-bit catalog needs %u-bit providers",
				is64 ? 64 : 32, which, which);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const unsigned host_data = ELFDATA2LSB;
#else
	const unsigned host_data = ELFDATA2MSB;
#endif
	if (id[EI_DATA] != host_data)
		return why_fail(why, size, "has the byte order of another machine");
	uint16_t type, machine, shentsize, shnum;
	uint64_t shoff;
	if (is64) {
		Elf64_Ehdr eh;
		if (!read_at(fd, &eh, sizeof(eh), 0, fsize))
			return why_fail(why, size, "has a truncated ELF header");
		type = eh.e_type, machine = eh.e_machine, shoff = eh.e_shoff;
		shentsize = eh.e_shentsize, shnum = eh.e_shnum;
	} else {
		Elf32_Ehdr eh;
		if (!read_at(fd, &eh, sizeof(eh), 0, fsize))
			return why_fail(why, size, "has a truncated ELF header");
		type = eh.e_type, machine = eh.e_machine, shoff = eh.e_shoff;
		shentsize = eh.e_shentsize, shnum = eh.e_shnum;
	}
	if (type != ET_DYN)
		return why_fail(why, size, "is not a shared object (ELF type %u)", type);
	unsigned want = host_machine(which);
	if (want && machine != want)
		return why_fail(why, size, "is built for ELF machine %u, not this host's %u", machine, want);
	if (shoff == 0 || shnum == 0)
		return why_fail(why, size, "has no section headers, so its dynamic symbols cannot be read");
	struct shdr dynsym = { 0 }, strtab;
	bool found = false;
	for (unsigned i = 0; i < shnum && !found; i++) {
		struct shdr s;
		if (!get_shdr(fd, is64, shoff, i, shentsize, fsize, &s))
			return why_fail(why, size, "has a section header table beyond its end");
		if (s.type == SHT_DYNSYM) {
			dynsym = s;
			found = true;
		}
	}
	if (!found)
		return why_fail(why, size, "has no dynamic symbol table");
	size_t symsize = is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	if (dynsym.link >= shnum || !get_shdr(fd, is64, shoff, dynsym.link, shentsize, fsize, &strtab) ||
	    strtab.type != SHT_STRTAB)
		return why_fail(why, size, "has a dynamic symbol table without its string table");
	if (dynsym.size > TABLE_MAX || strtab.size > TABLE_MAX || strtab.size == 0)
		return why_fail(why, size, "has a dynamic symbol table of an implausible size");
	char *syms = malloc(dynsym.size ? dynsym.size : 1), *strs = malloc(strtab.size + 1);
	int rc = -1;
	if (!syms || !strs) {
		why_fail(why, size, "could not be read: out of memory");
		goto out;
	}
	if (!read_at(fd, syms, dynsym.size, dynsym.offset, fsize) ||
	    !read_at(fd, strs, strtab.size, strtab.offset, fsize)) {
		why_fail(why, size, "has symbol tables beyond its end");
		goto out;
	}
	strs[strtab.size] = '\0';
	bool imported = false;
	for (size_t i = 0; i < dynsym.size / symsize; i++) {
		struct sym y;
		get_sym(syms, is64, i, &y);
		if (y.name >= strtab.size || strcmp(strs + y.name, symbol) != 0)
			continue;
		unsigned t = ELF64_ST_TYPE(y.info), bind = ELF64_ST_BIND(y.info);
		if (y.shndx == SHN_UNDEF) {
			imported = true;
			continue;
		}
		if ((t == STT_FUNC || t == STT_GNU_IFUNC) && (bind == STB_GLOBAL || bind == STB_WEAK) &&
		    ELF64_ST_VISIBILITY(y.other) == STV_DEFAULT) {
			rc = 0;
			goto out;
		}
	}
	why_fail(why, size, imported ? "uses %s but does not define it" : "does not export %s", symbol);
out:
	free(syms);
	free(strs);
	return rc;
}

int catalog_elf_check(const char *path, unsigned which, const char *symbol, char *why, size_t size)
{
	struct stat sb;
	if (!path[0])
		return why_fail(why, size, "has no path");
	if (path[0] != '/')
		return why_fail(why, size, "is not an absolute path");
	if (stat(path, &sb) < 0)
		return why_fail(why, size, "%s", errno == ENOENT ? "does not exist" : strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return why_fail(why, size, "is not a regular file");
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 && errno == ELOOP)
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return why_fail(why, size, "cannot be opened: %s", strerror(errno));
	int rc = check_fd(fd, (uint64_t)sb.st_size, which, symbol, why, size);
	close(fd);
	return rc;
}
