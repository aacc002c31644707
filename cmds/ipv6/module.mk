# ipv6 (and its other name ip6): the legacy tool.
IPV6_SRCS := $(wildcard cmds/ipv6/*.c)
PROGRAMS += ipv6

$(BIN)/ipv6: $(patsubst %.c,$(OBJ)/%.o,$(IPV6_SRCS)) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

MAN_PAGES += man/ipv6.8
