# stackd: the daemon.
STACKD_SRCS := $(wildcard cmds/stackd/*.c)
SBIN_PROGRAMS += stackd

$(BIN)/stackd: $(patsubst %.c,$(OBJ)/%.o,$(STACKD_SRCS)) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

MAN_PAGES += man/stackd.8 man/stackd.conf.5
