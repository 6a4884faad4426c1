/*
 * ntstrsafe.h - fltlint's wrapper of mingw-w64's ntstrsafe.h.
 *
 * mingw-w64 has the character-buffer functions (RtlStringCb*, RtlStringCch*)
 * but none of the UNICODE_STRING ones the documented ntstrsafe.h offers
 * (RtlUnicodeString*, RtlStringC*UnicodeString); they are declared here.
 * The WDK gates them behind NTSTRSAFE_UNICODE_STRING_FUNCTIONS only in user
 * mode; in kernel mode they are always there.
 */
#ifndef FLTLINT_NTSTRSAFE_H
#define FLTLINT_NTSTRSAFE_H

#include <wdm.h>
#include_next <ntstrsafe.h>

/* The documented ntstrsafe.h functions take `DWORD dwFlags`: a kernel unit
 * that includes it has DWORD, and drivers use it (beside <strsafe.h> too). */
typedef unsigned long DWORD;

/* C linkage, as the WDK declares the kernel's routines. */
#ifdef __cplusplus
extern "C" {
#endif

#ifndef NTSTRSAFE_UNICODE_STRING_MAX_CCH
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH 0x7fff
#endif
#ifndef STRSAFE_IGNORE_NULLS
#define STRSAFE_IGNORE_NULLS         0x00000100
#define STRSAFE_FILL_BEHIND_NULL     0x00000200
#define STRSAFE_FILL_ON_FAILURE      0x00000400
#define STRSAFE_NULL_ON_FAILURE      0x00000800
#define STRSAFE_NO_TRUNCATION        0x00001000
#endif
#ifndef STRSAFE_ZERO_LENGTH_ON_FAILURE
#define STRSAFE_ZERO_LENGTH_ON_FAILURE 0x00002000
#endif
#ifndef STRSAFE_FILL_BYTE
#define STRSAFE_FILL_BYTE(x) ((unsigned long)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((unsigned long)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#endif

#define FLTLINT_NTSTRSAFE_API_ _IRQL_requires_max_(PASSIVE_LEVEL) NTSTATUS NTAPI

FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringInit(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringInitEx(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	ULONG dwFlags);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringValidate(PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringValidateEx(PCUNICODE_STRING SourceString, ULONG dwFlags);

FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopy(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopyEx(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	PUNICODE_STRING RemainingString, ULONG dwFlags);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopyString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopyStringEx(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	PUNICODE_STRING RemainingString, ULONG dwFlags);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopyN(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	size_t cchToCopy);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCbCopyN(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	size_t cbToCopy);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCopyStringN(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	size_t cchToCopy);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCbCopyStringN(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	size_t cbToCopy);

FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCat(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCatEx(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	PUNICODE_STRING RemainingString, ULONG dwFlags);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCatString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCatStringEx(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	PUNICODE_STRING RemainingString, ULONG dwFlags);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCatN(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	size_t cchToAppend);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCbCatN(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
	size_t cbToAppend);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCatStringN(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	size_t cchToAppend);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringCbCatStringN(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc,
	size_t cbToAppend);

FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat, ...);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringPrintfEx(PUNICODE_STRING DestinationString, PUNICODE_STRING RemainingString,
	ULONG dwFlags, NTSTRSAFE_PCWSTR pszFormat, ...);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringVPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat,
	va_list argList);
FLTLINT_NTSTRSAFE_API_ RtlUnicodeStringVPrintfEx(PUNICODE_STRING DestinationString, PUNICODE_STRING RemainingString,
	ULONG dwFlags, NTSTRSAFE_PCWSTR pszFormat, va_list argList);

FLTLINT_NTSTRSAFE_API_ RtlStringCchCopyUnicodeString(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
	PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlStringCbCopyUnicodeString(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
	PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlStringCchCatUnicodeString(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
	PCUNICODE_STRING SourceString);
FLTLINT_NTSTRSAFE_API_ RtlStringCbCatUnicodeString(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
	PCUNICODE_STRING SourceString);

#undef FLTLINT_NTSTRSAFE_API_

#ifdef __cplusplus
}
#endif

#endif /* FLTLINT_NTSTRSAFE_H */
