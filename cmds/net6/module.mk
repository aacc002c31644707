# net6: start and stop the IPv6 stack (the seeds' net start|stop tcpip6).
NET6_SRCS := $(wildcard cmds/net6/*.c)
PROGRAMS += net6

$(BIN)/net6: $(patsubst %.c,$(OBJ)/%.o,$(NET6_SRCS)) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

MAN_PAGES += man/net6.8
