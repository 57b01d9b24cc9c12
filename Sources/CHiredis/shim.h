#ifndef REPOGEN_CHIREDIS_SHIM_H
#define REPOGEN_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
