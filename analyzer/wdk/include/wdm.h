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
/* With ntifs.h (every minifilter) the WDK makes PEPROCESS and PETHREAD
 * pointers to the kernel's own KPROCESS and KTHREAD, so C++ passes a
 * PETHREAD to KeSetPriorityThread or a PEPROCESS to KeStackAttachProcess;
 * mingw-w64 keeps them distinct types. */
#define _EPROCESS _KPROCESS
#define _ETHREAD  _KTHREAD
/* Documented with `ULONG Priority`: drivers pass a page priority or'ed
 * with MdlMappingNoExecute, which C++ does not convert to mingw-w64's
 * MM_PAGE_PRIORITY; redeclared below. */
#define MmMapLockedPagesSpecifyCache fltlint_hidden_MmMapLockedPagesSpecifyCache
#include_next <wdm.h>
#undef InterlockedBitTestAndSet
#undef InterlockedBitTestAndReset
#undef _EPROCESS
#undef _ETHREAD
#undef MmMapLockedPagesSpecifyCache
#include <fltlint_kernel.h>

#endif /* FLTLINT_WDM_H */
