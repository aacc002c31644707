# ipsec6: the IPv6 security policy and association tool.
IPSEC6_SRCS := $(wildcard cmds/ipsec6/*.c)
PROGRAMS += ipsec6

$(BIN)/ipsec6: $(patsubst %.c,$(OBJ)/%.o,$(IPSEC6_SRCS)) $(IPSEC_LIB) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

MAN_PAGES += man/ipsec6.8
