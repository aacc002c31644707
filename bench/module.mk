# bench/: the programs behind `make bench` (bench/run prints the table).
#   route_batch  the libnetcfg client of row 1 (one batch of route adds)
#   timeit       process start-to-exit timing, CPU time and peak RSS
#   codec_bench  the wire codec against jansson (row 4); the only one that
#                links jansson
BENCH_PROGRAMS += route_batch timeit codec_bench

JANSSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS   := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)

$(OBJ)/bench/codec_bench.o: CFLAGS_ALL += $(JANSSON_CFLAGS)

$(BUILD)/bench/route_batch: $(OBJ)/bench/route_batch.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/bench/timeit: $(OBJ)/bench/timeit.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^

$(BUILD)/bench/codec_bench: $(OBJ)/bench/codec_bench.o $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(JANSSON_LIBS)

# nlroute_bench: the linux dataplane's batch route path (row 70,
# bench/rows.d/70-linux.sh); links the layer's objects and libnl.
BENCH_PROGRAMS += nlroute_bench

$(OBJ)/bench/nlroute_bench.o: CFLAGS_ALL += -Icmds/stackd/linux
$(BUILD)/bench/nlroute_bench: $(OBJ)/bench/nlroute_bench.o $(LINUX_DP_OBJS) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBNL_LIBS)
