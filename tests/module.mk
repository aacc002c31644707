# tests/: C unit tests (one program per file) and test tools.
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_PROGRAMS += $(patsubst tests/unit/%.c,unit/%,$(UNIT_SRCS))
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TEST_PROGRAMS += $(patsubst tests/tools/%.c,tools/%,$(TOOL_SRCS))

$(BUILD)/tests/unit/%: $(OBJ)/tests/unit/%.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/tests/tools/%: $(OBJ)/tests/tools/%.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

# tests/providers/: a layered test provider (recorder.so) and socket
# programs to run under `catalog run` (sockprobe; sioprobe for the stack's
# ioctls).
TEST_PROGRAMS += providers/recorder.so providers/sockprobe providers/sioprobe

$(BUILD)/tests/providers/recorder.so: $(OBJ)/tests/providers/recorder.o $(LIB)/libcatalog.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,--version-script=catalog/provider.map $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/tests/providers/sockprobe: $(OBJ)/tests/providers/sockprobe.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/tests/providers/sioprobe: $(OBJ)/tests/providers/sioprobe.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

# nltool drives the linux dataplane layer (tests/bats/linux-netlink.bats).
$(OBJ)/tests/tools/nltool.o: CFLAGS_ALL += -Icmds/stackd/linux
$(BUILD)/tests/tools/nltool: $(OBJ)/tests/tools/nltool.o $(LINUX_DP_OBJS) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBNL_LIBS)

# tests/fuzz/: fuzz targets; their corpus replay runs with the unit tests.
-include tests/fuzz/module.mk

# the catalog model's unit test links the catalog library too
$(BUILD)/tests/unit/test_catalog: $(LIB)/libcatalog.a
