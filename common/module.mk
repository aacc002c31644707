# common/: small pieces shared below libnetcfg (hash table).
COMMON_SRCS := $(sort $(wildcard common/*.c))
