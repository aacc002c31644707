# tests/fuzz/: fuzz targets beside the parsers they exercise.
#
#   $(BUILD)/tests/fuzz/fuzz_ipsec   a plain program that runs each file of
#                                    the seed corpus once (make check runs it)
#   make fuzz-ipsec                  the libFuzzer target (clang), built into
#                                    $(BUILD)/fuzz/ and run on a copy of the
#                                    corpus for FUZZ_SECONDS (60)
FUZZ_NAMES := fuzz_ipsec
TEST_PROGRAMS += $(addprefix fuzz/,$(FUZZ_NAMES))
FUZZ_SECONDS ?= 60

$(OBJ)/tests/fuzz/%.o: CFLAGS_ALL += -DFUZZ_STANDALONE

$(BUILD)/tests/fuzz/fuzz_ipsec: $(OBJ)/tests/fuzz/fuzz_ipsec.o $(IPSEC_LIB) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

FUZZ_CC ?= clang
FUZZ_FLAGS := -std=gnu11 -D_GNU_SOURCE -g -O1 -Ilibnetcfg/include \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

.PHONY: fuzz-ipsec
fuzz-ipsec:
	@mkdir -p $(BUILD)/fuzz/corpus-ipsec
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $(BUILD)/fuzz/fuzz_ipsec tests/fuzz/fuzz_ipsec.c \
	    $(IPSEC_SRCS) $(LIBNETCFG_SRCS) $(COMMON_SRCS)
	cp -n tests/fuzz/corpus/ipsec/* $(BUILD)/fuzz/corpus-ipsec/
	$(BUILD)/fuzz/fuzz_ipsec -max_total_time=$(FUZZ_SECONDS) $(BUILD)/fuzz/corpus-ipsec
