/*
 * dontuse.h - for fltlint.
 *
 * The WDK's dontuse.h marks unsafe string routines (strcpy, wcscat,
 * sprintf...) as deprecated so that the compiler warns when a driver calls
 * them.  fltlint reads no compiler warnings and has its own checks, so the
 * header only has to exist: a driver that includes it must parse the same.
 */
#ifndef FLTLINT_DONTUSE_H
#define FLTLINT_DONTUSE_H
#endif
