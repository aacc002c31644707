# netsh: the shell and its contexts; net6: start and stop the stack.
NETSH_SRCS := $(wildcard cmds/netsh/*.c)
PROGRAMS += netsh

READLINE_CFLAGS := $(shell $(PKG_CONFIG) --cflags readline 2>/dev/null)
READLINE_LIBS   := $(shell $(PKG_CONFIG) --libs readline 2>/dev/null || echo -lreadline)

$(OBJ)/cmds/netsh/interactive.o: CFLAGS_ALL += $(READLINE_CFLAGS)

# libcatalog: the winsock context prints the catalog with catalog(8)'s printer
$(BIN)/netsh: $(patsubst %.c,$(OBJ)/%.o,$(NETSH_SRCS)) $(LIB)/libcatalog.a $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(READLINE_LIBS)

MAN_PAGES += man/netsh.8

