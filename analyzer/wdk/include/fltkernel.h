/* fltkernel.h - lower-case spelling of fltKernel.h, for plain clang runs on a
 * case-sensitive file system (drivers write both). */
#include "fltKernel.h"
