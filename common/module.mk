# common/: small pieces shared below libnetcfg (hash table).
COMMON_SRCS := common/htab.c
