# netcfg - Windows IPv6 administration tools for Linux.
#
#   make            build everything into $(BUILD)/ (default build/)
#   make check      every test suite, plain and under ASan+UBSan; ends with "N passed, N failed"
#   make demo       the main job: start an embedded stackd, apply examples/, show the result
#   make bench      the benchmark table (see bench/run)
#   make install    PREFIX=/usr/local DESTDIR= ; programs, libnetcfg, headers, netcfg.pc, man pages
#   make deps       install the Debian packages needed to build and test (idempotent)
#
# SAN=1 builds with -fsanitize=address,undefined into build-san/.

VERSION     := 0.1.0
SOVERSION   := 1

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
SBINDIR     ?= $(PREFIX)/sbin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
MANDIR      ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR     ?=

ifeq ($(SAN),1)
BUILD       ?= build-san
SANFLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
else
BUILD       ?= build
SANFLAGS    :=
endif

CC          ?= cc
PKG_CONFIG  ?= pkg-config
OPTFLAGS    ?= -O2 -g
CFLAGS_ALL  := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
               -Wmissing-prototypes -Wno-missing-field-initializers \
               -fPIC $(OPTFLAGS) $(SANFLAGS) -Ilibnetcfg/include \
               -DNETCFG_SBINDIR='"$(SBINDIR)"' $(CFLAGS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)

OBJ := $(BUILD)/obj
BIN := $(BUILD)/bin
LIB := $(BUILD)/lib

.DEFAULT_GOAL := all
# objects made through pattern chains (tests, bench) are kept, not deleted
.SECONDARY:

# Each module.mk appends to these.
PROGRAMS    :=
SBIN_PROGRAMS :=
TEST_PROGRAMS :=
BENCH_PROGRAMS :=
MAN_PAGES   :=

include common/module.mk
-include ipsec/module.mk
-include catalog/module.mk
include libnetcfg/module.mk
include $(sort $(wildcard cmds/*/module.mk))
include tests/module.mk
-include bench/module.mk

.PHONY: all check check-plain check-san install deps bench demo clean
all: $(LIB)/libnetcfg.a $(LIB)/libnetcfg.so.$(SOVERSION) $(LIB)/netcfg.pc \
     $(addprefix $(BIN)/,$(PROGRAMS) $(SBIN_PROGRAMS)) $(BIN)/ip6 \
     $(addprefix $(BUILD)/tests/,$(TEST_PROGRAMS))

# V=1 shows the commands
ifeq ($(V),1)
Q :=
else
Q := @
endif

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

# ip6 is another name for ipv6
$(BIN)/ip6: $(BIN)/ipv6
	ln -sf ipv6 $@

check: all
	@tests/run --build $(BUILD) --san-build build-san

check-plain: all
	@tests/run --build $(BUILD)

demo: all
	@examples/demo.sh $(BUILD)

bench: all $(addprefix $(BUILD)/bench/,$(BENCH_PROGRAMS))
	@bench/run $(BUILD)

deps:
	@tests/deps.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR)/netcfg $(DESTDIR)$(PKGCONFIGDIR) \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(addprefix $(BIN)/,$(PROGRAMS)) $(DESTDIR)$(BINDIR)/
	install -m 755 $(addprefix $(BIN)/,$(SBIN_PROGRAMS)) $(DESTDIR)$(SBINDIR)/
	ln -sf ipv6 $(DESTDIR)$(BINDIR)/ip6
	install -m 644 $(LIB)/libnetcfg.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIB)/libnetcfg.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libnetcfg.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnetcfg.so
	for so in $(CATALOG_SHARED_OBJECTS); do \
	    install -D -m 755 $(LIB)/$$so $(DESTDIR)$(LIBDIR)/$$so; done
	install -m 644 libnetcfg/include/netcfg/*.h $(DESTDIR)$(INCLUDEDIR)/netcfg/
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' libnetcfg/netcfg.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/netcfg.pc
	for m in $(MAN_PAGES); do \
	    sec=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$sec/; done

# Bash completion: cmds/PROG/PROG.bash-completion for each PROG (netsh's
# asks netsh itself; the others read their --help); ip6 shares ipv6's.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
COMPLETIONS := $(wildcard cmds/*/*.bash-completion)
install: install-completions
.PHONY: install-completions
install-completions:
	install -d $(DESTDIR)$(BASHCOMPDIR)
	for f in $(COMPLETIONS); do \
	    install -m 644 $$f $(DESTDIR)$(BASHCOMPDIR)/$$(basename $$f .bash-completion); done
	ln -sf ipv6 $(DESTDIR)$(BASHCOMPDIR)/ip6

clean:
	rm -rf build build-san
