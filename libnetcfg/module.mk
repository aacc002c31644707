# libnetcfg: the client library every tool links (and stackd, for the codec).
LIBNETCFG_SRCS := $(sort $(wildcard libnetcfg/*.c))

LIBNETCFG_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(LIBNETCFG_SRCS) $(COMMON_SRCS))

$(LIB)/libnetcfg.a: $(LIBNETCFG_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(Q)ar rcs $@ $^

# The shared library exports only the public netcfg_* API.
$(LIB)/libnetcfg.so.$(SOVERSION): $(LIBNETCFG_OBJS) libnetcfg/libnetcfg.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,-soname,libnetcfg.so.$(SOVERSION) \
	    -Wl,--version-script=libnetcfg/libnetcfg.map $(LDFLAGS_ALL) -o $@ $(LIBNETCFG_OBJS)
	ln -sf libnetcfg.so.$(SOVERSION) $(LIB)/libnetcfg.so

$(LIB)/netcfg.pc: libnetcfg/netcfg.pc.in
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@

MAN_PAGES += man/libnetcfg.3
