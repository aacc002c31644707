# catalog: the provider catalog tool.
CATALOG_TOOL_SRCS := $(wildcard cmds/catalog/*.c)
PROGRAMS += catalog

$(OBJ)/cmds/catalog/descfile.o: CFLAGS_ALL += $(CATALOG_JANSSON_CFLAGS)
$(OBJ)/cmds/catalog/run.o: CFLAGS_ALL += -DNETCFG_PRELOADDIR='"$(LIBDIR)/netcfg"'

$(BIN)/catalog: $(patsubst %.c,$(OBJ)/%.o,$(CATALOG_TOOL_SRCS)) $(LIB)/libcatalog.a $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CATALOG_JANSSON_LIBS)
