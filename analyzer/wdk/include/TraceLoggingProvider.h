/*
 * TraceLoggingProvider.h - TraceLogging (ETW events described by macros),
 * for fltlint.
 *
 * Written for fltlint from the documented TraceLogging API
 * (learn.microsoft.com, "TraceLoggingProvider.h"); not copied from the WDK.
 * Only what parsing a driver needs: the provider handle, its definition and
 * declaration, the documented routines as declared functions, and
 * TraceLoggingWrite with its field macros.  A write evaluates each field's
 * value as a plain expression, so the calls and accesses written inside it
 * stay in the code the analyzer sees; the event layout is left out.
 */
#ifndef FLTLINT_TRACELOGGINGPROVIDER_H
#define FLTLINT_TRACELOGGINGPROVIDER_H

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef NTSTATUS TLG_STATUS;
typedef const struct fltlint_tlg_provider *TraceLoggingHProvider;
struct fltlint_tlg_provider {
	const char *Name;
};

/* TRACELOGGING_DEFINE_PROVIDER(handle, "name", (guid parts), [option]). */
#define TRACELOGGING_DECLARE_PROVIDER(hProvider) extern const TraceLoggingHProvider hProvider
#define TRACELOGGING_DEFINE_PROVIDER(hProvider, providerName, providerId, ...) \
	static const struct fltlint_tlg_provider fltlint_tlg_##hProvider = { providerName }; \
	extern const TraceLoggingHProvider hProvider; \
	const TraceLoggingHProvider hProvider = &fltlint_tlg_##hProvider
#define TRACELOGGING_DEFINE_PROVIDER_STORAGE(storageVariable, providerName, providerId, ...) \
	static const struct fltlint_tlg_provider storageVariable = { providerName }
#define TraceLoggingOptionGroup(g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11) 0

_IRQL_requires_max_(PASSIVE_LEVEL)
TLG_STATUS TraceLoggingRegister(TraceLoggingHProvider hProvider);
_IRQL_requires_max_(PASSIVE_LEVEL)
TLG_STATUS TraceLoggingRegisterEx(TraceLoggingHProvider hProvider, PETWENABLECALLBACK pEnableCallback,
	PVOID pCallbackContext);
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID TraceLoggingUnregister(TraceLoggingHProvider hProvider);
BOOLEAN TraceLoggingProviderEnabled(TraceLoggingHProvider hProvider, UCHAR eventLevel,
	ULONGLONG eventKeyword);
TLG_STATUS TraceLoggingSetInformation(TraceLoggingHProvider hProvider, ULONG informationClass,
	PVOID pInformation, ULONG cbInformation);
#define TraceLoggingProviderId(hProvider) ((LPCGUID)0)

/* TraceLoggingWrite(handle, "event", fields...): each field macro yields its
 * value as a `(void)` expression, the write a statement of them all. */
#define TraceLoggingWrite(hProvider, eventName, ...) \
	do { (void)(hProvider); (void)(eventName); __VA_ARGS__; } while (0)
#define TraceLoggingWriteActivity(hProvider, eventName, pActivityId, pRelatedActivityId, ...) \
	do { (void)(hProvider); (void)(eventName); (void)(pActivityId); (void)(pRelatedActivityId); \
	     __VA_ARGS__; } while (0)

#define FLTLINT_TLG_FIELD_(value) ((void)(value))
#define FLTLINT_TLG_COUNTED_(value, count) ((void)(value), (void)(count))

/* Event metadata. */
#define TraceLoggingLevel(level)            FLTLINT_TLG_FIELD_(level)
#define TraceLoggingKeyword(keyword)        FLTLINT_TLG_FIELD_(keyword)
#define TraceLoggingOpcode(opcode)          FLTLINT_TLG_FIELD_(opcode)
#define TraceLoggingChannel(channel)        FLTLINT_TLG_FIELD_(channel)
#define TraceLoggingEventTag(tag)           FLTLINT_TLG_FIELD_(tag)
#define TraceLoggingDescription(text)       FLTLINT_TLG_FIELD_(text)
#define TraceLoggingStruct(fieldCount, ...) FLTLINT_TLG_FIELD_(fieldCount)

/* Scalar and string fields: (value, "name", ["description"], [tags]). */
#define TraceLoggingValue(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingInt8(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUInt8(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingInt16(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUInt16(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingInt32(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUInt32(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingInt64(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUInt64(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingIntPtr(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUIntPtr(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingLong(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingULong(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexInt8(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexUInt8(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexInt16(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexUInt16(value, ...)          FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexInt32(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexUInt32(value, ...)          FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexInt64(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexUInt64(value, ...)          FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexIntPtr(value, ...)          FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexUIntPtr(value, ...)         FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexLong(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHexULong(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingFloat32(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingFloat64(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingBool(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingBoolean(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingChar(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingChar16(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingWChar(value, ...)              FLTLINT_TLG_FIELD_(value)
#define TraceLoggingPointer(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingCodePointer(value, ...)        FLTLINT_TLG_FIELD_(value)
#define TraceLoggingPid(value, ...)                FLTLINT_TLG_FIELD_(value)
#define TraceLoggingTid(value, ...)                FLTLINT_TLG_FIELD_(value)
#define TraceLoggingIPv4Address(value, ...)        FLTLINT_TLG_FIELD_(value)
#define TraceLoggingPort(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingWinError(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingNTStatus(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingHResult(value, ...)            FLTLINT_TLG_FIELD_(value)
#define TraceLoggingFileTime(value, ...)           FLTLINT_TLG_FIELD_(value)
#define TraceLoggingFileTimeUtc(value, ...)        FLTLINT_TLG_FIELD_(value)
#define TraceLoggingSystemTime(value, ...)         FLTLINT_TLG_FIELD_(value)
#define TraceLoggingSystemTimeUtc(value, ...)      FLTLINT_TLG_FIELD_(value)
#define TraceLoggingGuid(value, ...)               FLTLINT_TLG_FIELD_(value)
#define TraceLoggingString(value, ...)             FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUtf8String(value, ...)         FLTLINT_TLG_FIELD_(value)
#define TraceLoggingWideString(value, ...)         FLTLINT_TLG_FIELD_(value)
#define TraceLoggingAnsiString(value, ...)         FLTLINT_TLG_FIELD_(value)
#define TraceLoggingUnicodeString(value, ...)      FLTLINT_TLG_FIELD_(value)
#define TraceLoggingSid(value, ...)                FLTLINT_TLG_FIELD_(value)

/* Counted fields: (pointer, count, "name", ...). */
#define TraceLoggingCountedString(value, count, ...)     FLTLINT_TLG_COUNTED_(value, count)
#define TraceLoggingCountedUtf8String(value, count, ...) FLTLINT_TLG_COUNTED_(value, count)
#define TraceLoggingCountedWideString(value, count, ...) FLTLINT_TLG_COUNTED_(value, count)
#define TraceLoggingBinary(value, count, ...)            FLTLINT_TLG_COUNTED_(value, count)
#define TraceLoggingSocketAddress(value, count, ...)     FLTLINT_TLG_COUNTED_(value, count)

#ifdef __cplusplus
}
#endif

#endif /* FLTLINT_TRACELOGGINGPROVIDER_H */
