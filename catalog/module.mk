# catalog/: the provider catalog.
#   libcatalog.a            the model (stackd, the catalog tool, netsh's winsock context)
#   netcfg/preload.so       the provider loader `catalog run` preloads into programs
#   netcfg/providers/kernel.so   the base provider of the kernel's sockets (it asks
#                                stackd through its own copy of libnetcfg)
CATALOG_LIB_SRCS := $(addprefix catalog/,model.c select.c resolve.c defaults.c show.c state.c \
		      plan.c elf.c verify.c)
# The codec and the wire JSON ride along, so the archive links on its own
# whatever order it is given in.
CATALOG_LIB_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(CATALOG_LIB_SRCS)) \
		    $(OBJ)/libnetcfg/codec_catalog.o $(OBJ)/libnetcfg/json.o
CATALOG_SO_OBJS := $(OBJ)/libnetcfg/codec_catalog.o $(OBJ)/libnetcfg/json.o
PROVIDER_DIR := $(LIBDIR)/netcfg/providers

$(LIB)/libcatalog.a: $(CATALOG_LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(Q)ar rcs $@ $^

# Shared objects export only what their version scripts name.
$(LIB)/netcfg/preload.so: $(OBJ)/catalog/preload.o $(OBJ)/catalog/select.o $(CATALOG_SO_OBJS) \
			  catalog/preload.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,--version-script=catalog/preload.map $(LDFLAGS_ALL) -o $@ \
	    $(filter %.o,$^) -ldl -lpthread

$(LIB)/netcfg/providers/kernel.so: $(OBJ)/catalog/kernel_provider.o $(OBJ)/catalog/kernel_sio.o \
				   $(CATALOG_SO_OBJS) $(LIB)/libnetcfg.a catalog/provider.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,--version-script=catalog/provider.map $(LDFLAGS_ALL) -o $@ \
	    $(filter %.o %.a,$^) -ldl

$(BIN)/stackd: $(LIB)/libcatalog.a
# the unit test of the show blocks and the entry codec
$(BUILD)/tests/unit/test_catalog_show: $(LIB)/libcatalog.a
$(OBJ)/cmds/stackd/catalog_host.o: CFLAGS_ALL += -DNETCFG_PROVIDERDIR='"$(PROVIDER_DIR)"'

all: $(LIB)/libcatalog.a $(LIB)/netcfg/preload.so $(LIB)/netcfg/providers/kernel.so

CATALOG_SHARED_OBJECTS := netcfg/preload.so netcfg/providers/kernel.so
MAN_PAGES += man/catalog.8 man/catalog-provider.5 man/netcfg-provider.7

# jansson reads the description files people write (cmds/catalog/descfile.c).
CATALOG_JANSSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
CATALOG_JANSSON_LIBS := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
