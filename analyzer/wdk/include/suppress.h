/*
 * suppress.h - for fltlint.
 *
 * The WDK's suppress.h names Code Analysis warnings for
 * `#pragma prefast(suppress: __WARNING_X, "why")`.  clang does not expand
 * the arguments of a pragma it does not know (prefast), so the names need
 * no value to parse; the few below are given their documented warning
 * numbers for code that uses them outside a pragma.  The analyzer reads
 * suppressions from the token stream, not from these macros.
 */
#ifndef FLTLINT_SUPPRESS_H
#define FLTLINT_SUPPRESS_H

#define __WARNING_USING_UNINIT_VAR                  6001
#define __WARNING_DEREF_NULL_PTR                    6011
#define __WARNING_RETURN_UNINIT_VAR                 6101
#define __WARNING_READ_OVERRUN                      6385
#define __WARNING_BUFFER_OVERFLOW                   6386
#define __WARNING_INVALID_PARAM_VALUE_1             6387
#define __WARNING_PAGED_FUNCTION_WITHOUT_PAGED_CODE 28170
#define __WARNING_MORE_THAN_ONE_PAGED_CODE          28171
#define __WARNING_PAGED_CODE_NOT_IN_PAGED_SECTION   28172

#endif /* FLTLINT_SUPPRESS_H */
