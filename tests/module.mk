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
