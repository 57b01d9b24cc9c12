#ifndef REPOGEN_CYAML_SHIM_H
#define REPOGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
