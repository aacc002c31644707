# ipsec/: the SPD/SAD library (file formats, rules, lookup, export), an
# internal static library linked into stackd and ipsec6.  It uses only the
# public headers and text helpers of libnetcfg, so it links before it.
IPSEC_SRCS := $(sort $(wildcard ipsec/*.c))
IPSEC_LIB  := $(LIB)/libipsec.a

$(IPSEC_LIB): $(patsubst %.c,$(OBJ)/%.o,$(IPSEC_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@
	$(Q)ar rcs $@ $^

# The unit tests of this library link it too (an explicit rule wins over
# the pattern rule of tests/module.mk).
IPSEC_XFRM_UNIT := $(BUILD)/tests/unit/test_ipsec_xfrm
IPSEC_UNIT := $(filter-out $(IPSEC_XFRM_UNIT), \
		$(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_ipsec*.c)))
$(IPSEC_UNIT): $(BUILD)/tests/unit/%: $(OBJ)/tests/unit/%.o $(IPSEC_LIB) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

# test_ipsec_xfrm holds the export's algorithm names and ICV lengths against
# the ones the daemon gives the kernel (cmds/stackd/linux/xfrm.c), so it
# links that layer too.
$(OBJ)/tests/unit/test_ipsec_xfrm.o: CFLAGS_ALL += -Icmds/stackd/linux
$(IPSEC_XFRM_UNIT): $(OBJ)/tests/unit/test_ipsec_xfrm.o $(IPSEC_LIB) \
		    $(patsubst %.c,$(OBJ)/%.o,$(wildcard cmds/stackd/linux/*.c)) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBNL_LIBS)

MAN_PAGES += man/ipsec6-spd.5 man/ipsec6-sad.5
