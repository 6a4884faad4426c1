/*
 * wdm.h - fltlint's wrapper of mingw-w64's wdm.h.
 *
 * Every kernel header chain (ntifs.h -> ntddk.h -> wdm.h) passes here, so
 * this is where fltlint_kernel.h (the WDK habits and missing names that
 * every kernel-mode unit needs) is pulled in.
 */
#ifndef FLTLINT_WDM_H
#define FLTLINT_WDM_H

#include_next <wdm.h>
#include <fltlint_kernel.h>

#endif /* FLTLINT_WDM_H */
