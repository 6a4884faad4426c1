/*
 * wdm.h - fltlint's wrapper of mingw-w64's wdm.h.
 *
 * Every kernel header chain (ntifs.h -> ntddk.h -> wdm.h) passes here, so
 * this is where fltlint_kernel.h (the WDK habits and missing names that
 * every kernel-mode unit needs) is pulled in.
 */
#ifndef FLTLINT_WDM_H
#define FLTLINT_WDM_H

/* mingw-w64's wdm.h defines InterlockedBitTestAndSet/Reset a second time
 * after its intrin.h did: C lets the later static definition stand beside
 * the gnu_inline one, C++ calls it a redefinition.  So intrin.h is read
 * first and wdm.h's own definitions are renamed out of the way. */
#include <intrin.h>
#define InterlockedBitTestAndSet   fltlint_hidden_InterlockedBitTestAndSet
#define InterlockedBitTestAndReset fltlint_hidden_InterlockedBitTestAndReset
#include_next <wdm.h>
#undef InterlockedBitTestAndSet
#undef InterlockedBitTestAndReset
#include <fltlint_kernel.h>

#endif /* FLTLINT_WDM_H */
