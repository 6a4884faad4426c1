/*
 * evntrace.h - fltlint's wrapper of mingw-w64's evntrace.h.
 *
 * mingw-w64 keeps the whole header for code that has winnt.h (_WINNT_), so
 * a kernel unit gets nothing from it; drivers take the documented ETW trace
 * levels from it (TraceLoggingLevel(TRACE_LEVEL_INFORMATION), WPP's
 * levels).  Those are given here when mingw-w64 leaves them out.
 */
#ifndef FLTLINT_EVNTRACE_H
#define FLTLINT_EVNTRACE_H

#include_next <evntrace.h>

#ifndef TRACE_LEVEL_NONE
#define TRACE_LEVEL_NONE        0
#define TRACE_LEVEL_CRITICAL    1
#define TRACE_LEVEL_FATAL       1
#define TRACE_LEVEL_ERROR       2
#define TRACE_LEVEL_WARNING     3
#define TRACE_LEVEL_INFORMATION 4
#define TRACE_LEVEL_VERBOSE     5
#define TRACE_LEVEL_RESERVED6   6
#define TRACE_LEVEL_RESERVED7   7
#define TRACE_LEVEL_RESERVED8   8
#define TRACE_LEVEL_RESERVED9   9
#endif

#endif /* FLTLINT_EVNTRACE_H */
