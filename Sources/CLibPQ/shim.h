#ifndef REPOGEN_CLIBPQ_SHIM_H
#define REPOGEN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
