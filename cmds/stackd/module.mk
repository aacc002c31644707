# stackd: the daemon.
STACKD_SRCS := $(wildcard cmds/stackd/*.c)
SBIN_PROGRAMS += stackd

# The linux dataplane's kernel layer (cmds/stackd/linux/, libnl).  Only its
# objects get the libnl include path; tests/tools/nltool and
# bench/nlroute_bench link the same objects.
LIBNL_PKGS := libnl-3.0 libnl-route-3.0 libnl-xfrm-3.0
LIBNL_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LIBNL_PKGS) 2>/dev/null || echo -I/usr/include/libnl3)
LIBNL_LIBS := $(shell $(PKG_CONFIG) --libs $(LIBNL_PKGS) 2>/dev/null || echo -lnl-route-3 -lnl-xfrm-3 -lnl-3)
LINUX_DP_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(wildcard cmds/stackd/linux/*.c))
$(LINUX_DP_OBJS): CFLAGS_ALL += $(LIBNL_CFLAGS)
STACKD_SRCS += $(wildcard cmds/stackd/linux/*.c)

$(BIN)/stackd: $(patsubst %.c,$(OBJ)/%.o,$(STACKD_SRCS)) $(IPSEC_LIB) $(LIB)/libnetcfg.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBNL_LIBS)

MAN_PAGES += man/stackd.8 man/stackd.conf.5

# The name iproute2 shows for the route protocol of the daemon's objects
# (LNX_PROTO): `ip -6 route` says "proto netcfg".  iproute2 reads only
# /etc/iproute2, whatever the PREFIX.
IPROUTE2DIR ?= /etc/iproute2
install: install-stackd-rt-protos
.PHONY: install-stackd-rt-protos
install-stackd-rt-protos:
	install -d $(DESTDIR)$(IPROUTE2DIR)/rt_protos.d
	install -m 644 cmds/stackd/netcfg.rt_protos $(DESTDIR)$(IPROUTE2DIR)/rt_protos.d/netcfg.conf
