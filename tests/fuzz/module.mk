# tests/fuzz/: fuzz targets, one per parser of outside input.
#
#   $(BUILD)/tests/fuzz/fuzz_NAME   a plain program (gcc, replay.c) that runs
#                                   each file of tests/fuzz/corpus/NAME once
#                                   (tests/run and make check do)
#   make fuzz                       every libFuzzer target (clang, ASan and
#                                   UBSan), built into $(BUILD)/fuzz/ and run
#                                   one after the other for FUZZ_SECONDS (60)
#                                   each; new inputs go to
#                                   $(BUILD)/fuzz/corpus-NAME, crashes to
#                                   $(BUILD)/fuzz/crash-*
#   make fuzz-NAME                  one of them (fuzz-json, fuzz-stackd, ...)
#
#   ipsec     .spd, .sad and key files (ipsec/)
#   json      the wire JSON tokenizer (libnetcfg/json.c)
#   codec     every codec reader, and write/read round trips (libnetcfg/codec*.c)
#   stackd    request frames dispatched on an in-memory daemon (cmds/stackd/)
#   netsh     netsh scripts and command lines, without a daemon (cmds/netsh/)
#   config    stackd.conf (cmds/stackd/config.c)
#   descfile  provider description files, WINSOCK2.INI and registry imports
#             (cmds/catalog/descfile.c)
FUZZ_TARGETS := ipsec json codec stackd netsh config descfile
FUZZ_NAMES := $(addprefix fuzz_,$(FUZZ_TARGETS))
TEST_PROGRAMS += $(addprefix fuzz/,$(FUZZ_NAMES))
FUZZ_SECONDS ?= 60

# What each target links besides itself and libnetcfg (objects of the
# program whose parser it drives, without its main()).
FUZZ_STACKD_SRCS := $(filter-out cmds/stackd/main.c,$(STACKD_SRCS))
FUZZ_NETSH_SRCS := $(filter-out cmds/netsh/main.c,$(NETSH_SRCS))
FUZZ_SRCS_ipsec := $(IPSEC_SRCS)
FUZZ_SRCS_json :=
FUZZ_SRCS_codec :=
FUZZ_SRCS_stackd := $(FUZZ_STACKD_SRCS) $(CATALOG_LIB_SRCS) $(IPSEC_SRCS)
FUZZ_SRCS_netsh := $(FUZZ_NETSH_SRCS) $(CATALOG_LIB_SRCS)
FUZZ_SRCS_config := cmds/stackd/config.c
FUZZ_SRCS_descfile := cmds/catalog/descfile.c $(CATALOG_LIB_SRCS)
FUZZ_LIBS_stackd := $(LIBNL_LIBS)
FUZZ_LIBS_netsh := $(READLINE_LIBS)
FUZZ_LIBS_descfile := $(CATALOG_JANSSON_LIBS)
# a request sequence runs on a fresh daemon: keep them short
FUZZ_OPTS_stackd := -max_len=4096 -dict=tests/fuzz/stackd.dict

$(OBJ)/tests/fuzz/fuzz_%.o: CFLAGS_ALL += -DFUZZ_STANDALONE

# $(1): the target's name (json)
define fuzz_standalone
$(BUILD)/tests/fuzz/fuzz_$(1): $(OBJ)/tests/fuzz/fuzz_$(1).o $(OBJ)/tests/fuzz/replay.o \
		$(patsubst %.c,$(OBJ)/%.o,$(FUZZ_SRCS_$(1))) $(LIB)/libnetcfg.a
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $(FUZZ_LIBS_$(1))
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_standalone,$(t))))

# ---- libFuzzer ---------------------------------------------------------------

FUZZ_CC ?= clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS := -std=gnu11 -D_GNU_SOURCE -g -O1 -Ilibnetcfg/include \
              $(LIBNL_CFLAGS) $(READLINE_CFLAGS) $(CATALOG_JANSSON_CFLAGS) \
              -fsanitize=fuzzer-no-link $(FUZZ_SAN)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@

-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)

# $(1): the target's name (json)
define fuzz_libfuzzer
$(FUZZ_DIR)/fuzz_$(1): $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,tests/fuzz/fuzz_$(1).c $(FUZZ_SRCS_$(1)) \
		$(LIBNETCFG_SRCS) $(COMMON_SRCS))
	$$(Q)$$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $$@ $$^ $(FUZZ_LIBS_$(1))

.PHONY: fuzz-$(1)
fuzz-$(1): $(FUZZ_DIR)/fuzz_$(1)
	@mkdir -p $(FUZZ_DIR)/corpus-$(1)
	@echo "== fuzz_$(1): $(FUZZ_SECONDS)s"
	$(FUZZ_DIR)/fuzz_$(1) -max_total_time=$(FUZZ_SECONDS) -timeout=10 -close_fd_mask=3 \
	    $(FUZZ_OPTS_$(1)) -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-$(1) tests/fuzz/corpus/$(1)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_libfuzzer,$(t))))

.PHONY: fuzz
fuzz:
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-$$t || exit 1; done
