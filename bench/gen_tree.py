#!/usr/bin/env python3
"""Writes a synthetic minifilter driver tree of N source files for the benchmark.

The tree looks like a large real minifilter (or a family of them sharing a
source tree): every file includes <fltKernel.h> through a driver-wide header,
groups of files share a group header, and the files hold what minifilters
hold: FLT_REGISTRATION with context and operation tables whose callbacks live
in other files, DriverEntry/unload in INIT/PAGE, pre/post-operation callbacks,
context allocation and attachment, paged helpers placed with
#pragma alloc_text and asserting PAGED_CODE(), kernel handles opened with
OBJECT_ATTRIBUTES (OBJ_KERNEL_HANDLE), generic work items, pool allocations
under spin locks, ntstrsafe string building, an INF.  It is generated to parse
cleanly against fltlint's bundled WDK headers.

    gen_tree.py OUT_DIR N [--seed S]

Deterministic for a given N and seed.  Sizes of 10 to a few thousand files.
"""
import argparse
import os
import random

MAJORS = [
    "IRP_MJ_CREATE", "IRP_MJ_READ", "IRP_MJ_WRITE", "IRP_MJ_SET_INFORMATION",
    "IRP_MJ_QUERY_INFORMATION", "IRP_MJ_CLEANUP", "IRP_MJ_CLOSE", "IRP_MJ_FLUSH_BUFFERS",
    "IRP_MJ_DIRECTORY_CONTROL", "IRP_MJ_FILE_SYSTEM_CONTROL", "IRP_MJ_QUERY_EA",
    "IRP_MJ_SET_EA", "IRP_MJ_LOCK_CONTROL", "IRP_MJ_QUERY_SECURITY", "IRP_MJ_SET_SECURITY",
    "IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION",
]

DRIVER_HEADER = r'''/*++
Module Name:
    synth.h
Abstract:
    Shared declarations of the synthetic benchmark minifilter.
--*/
#ifndef SYNTH_H
#define SYNTH_H

#include <fltKernel.h>
#include <dontuse.h>
#include <suppress.h>
#include <ntstrsafe.h>

#define SYN_TAG_CONTEXT   'cnyS'
#define SYN_TAG_BUFFER    'bnyS'
#define SYN_TAG_NAME      'nnyS'
#define SYN_TAG_WORK      'wnyS'

#define SYN_MAX_PATH      512

#define SYN_TRACE(Level, Format, ...) \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, Level, "synth!" __FUNCTION__ ": " Format "\n", __VA_ARGS__)

typedef struct _SYN_GLOBALS {
    PFLT_FILTER Filter;
    PDRIVER_OBJECT DriverObject;
    KSPIN_LOCK StatisticsLock;
    LONGLONG Operations;
    LONGLONG BytesSeen;
    ULONG Flags;
} SYN_GLOBALS, *PSYN_GLOBALS;

extern SYN_GLOBALS SynGlobals;

typedef struct _SYN_STREAM_CONTEXT {
    LONGLONG BytesRead;
    LONGLONG BytesWritten;
    ULONG OpenCount;
    ULONG Flags;
    UNICODE_STRING FileName;
} SYN_STREAM_CONTEXT, *PSYN_STREAM_CONTEXT;

typedef struct _SYN_VOLUME_CONTEXT {
    UNICODE_STRING VolumeName;
    ULONG SectorSize;
    DEVICE_TYPE DeviceType;
} SYN_VOLUME_CONTEXT, *PSYN_VOLUME_CONTEXT;

typedef struct _SYN_WORK {
    PFLT_GENERIC_WORKITEM WorkItem;
    PFLT_INSTANCE Instance;
    UNICODE_STRING Path;
    ULONG Module;
} SYN_WORK, *PSYN_WORK;

DRIVER_INITIALIZE DriverEntry;

NTSTATUS
SynUnload (
    _In_ FLT_FILTER_UNLOAD_FLAGS Flags
    );

NTSTATUS
SynInstanceSetup (
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_ FLT_INSTANCE_SETUP_FLAGS Flags,
    _In_ DEVICE_TYPE VolumeDeviceType,
    _In_ FLT_FILESYSTEM_TYPE VolumeFilesystemType
    );

VOID
SynStreamContextCleanup (
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    );

VOID
SynVolumeContextCleanup (
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    );

_IRQL_requires_max_(APC_LEVEL)
NTSTATUS
SynGetStreamContext (
    _In_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_ PSYN_STREAM_CONTEXT *Context
    );

VOID
SynFreeString (
    _Inout_ PUNICODE_STRING String
    );

VOID
SynCountOperation (
    _In_ ULONG Bytes
    );

extern CONST FLT_REGISTRATION SynFilterRegistration;

'''

GROUP_HEADER = r'''/*++
Module Name:
    group{g}.h
Abstract:
    Declarations shared by the modules of group {g}.
--*/
#ifndef SYN_GROUP{g}_H
#define SYN_GROUP{g}_H

#include "../synth.h"

#define GRP{g}_LIMIT      ({limit}u)
#define GRP{g}_FLAG_SEEN  0x{flag:08x}u

typedef struct _GRP{g}_RECORD {{
    LIST_ENTRY Links;
    LARGE_INTEGER Time;
    ULONG Module;
    ULONG Operation;
    ULONG Length;
    WCHAR Name[64];
}} GRP{g}_RECORD, *PGRP{g}_RECORD;

{prototypes}
#endif
'''

MODULE = r'''/*++
Module Name:
    mod{m}.c
Abstract:
    Module {m} of the synthetic benchmark minifilter (group {g}).
Environment:
    Kernel mode.
--*/

#include "group{g}.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, Mod{m}OpenLog, Mod{m}QueryPolicy, Mod{m}WorkRoutine)
#endif

static ULONG Mod{m}Counter;

FLT_PREOP_CALLBACK_STATUS
Mod{m}PreOperation (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Flt_CompletionContext_Outptr_ PVOID *CompletionContext
    )
/*++
Routine Description:
    Pre-operation callback of module {m}: counts the operation and asks for
    a post-operation callback when the stream has a context.
--*/
{{
    NTSTATUS status;
    PSYN_STREAM_CONTEXT streamContext = NULL;

    *CompletionContext = NULL;

    if (FLT_IS_FASTIO_OPERATION(Data)) {{

        return FLT_PREOP_DISALLOW_FASTIO;
    }}

    status = SynGetStreamContext(Data, FltObjects, &streamContext);

    if (!NT_SUCCESS(status)) {{

        return FLT_PREOP_SUCCESS_NO_CALLBACK;
    }}

    InterlockedIncrement((volatile LONG *)&streamContext->OpenCount);
    Mod{m}Counter += 1;
    *CompletionContext = streamContext;
    return FLT_PREOP_SUCCESS_WITH_CALLBACK;
}}


FLT_POSTOP_CALLBACK_STATUS
Mod{m}PostOperation (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_opt_ PVOID CompletionContext,
    _In_ FLT_POST_OPERATION_FLAGS Flags
    )
{{
    PSYN_STREAM_CONTEXT streamContext = CompletionContext;
    ULONG length = (ULONG)Data->IoStatus.Information;

    UNREFERENCED_PARAMETER(FltObjects);

    if (streamContext == NULL) {{

        return FLT_POSTOP_FINISHED_PROCESSING;
    }}

    if (!FlagOn(Flags, FLTFL_POST_OPERATION_DRAINING) && NT_SUCCESS(Data->IoStatus.Status)) {{

        if (length > GRP{g}_LIMIT) {{

            length = GRP{g}_LIMIT;
        }}
        SynCountOperation(length);
        streamContext->Flags |= GRP{g}_FLAG_SEEN;
    }}

    FltReleaseContext(streamContext);
    return FLT_POSTOP_FINISHED_PROCESSING;
}}


_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS
Mod{m}OpenLog (
    _In_ PFLT_INSTANCE Instance,
    _In_ PCUNICODE_STRING Path,
    _Out_ PHANDLE Handle
    )
/*++
Routine Description:
    Opens (or creates) module {m}'s log file as a kernel handle.
--*/
{{
    NTSTATUS status;
    OBJECT_ATTRIBUTES attributes;
    IO_STATUS_BLOCK ioStatus;

    PAGED_CODE();

    InitializeObjectAttributes(&attributes,
                               (PUNICODE_STRING)Path,
                               OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE,
                               NULL,
                               NULL);

    status = FltCreateFile(SynGlobals.Filter,
                           Instance,
                           Handle,
                           FILE_APPEND_DATA | SYNCHRONIZE,
                           &attributes,
                           &ioStatus,
                           NULL,
                           FILE_ATTRIBUTE_NORMAL,
                           FILE_SHARE_READ,
                           FILE_OPEN_IF,
                           FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE,
                           NULL,
                           0,
                           0);

    if (!NT_SUCCESS(status)) {{

        SYN_TRACE(DPFLTR_ERROR_LEVEL, "open failed 0x%08x", status);
    }}

    return status;
}}


_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS
Mod{m}QueryPolicy (
    _In_ PCUNICODE_STRING RegistryPath,
    _Out_ PULONG Value
    )
/*++
Routine Description:
    Reads module {m}'s policy value under the service key.
--*/
{{
    NTSTATUS status;
    OBJECT_ATTRIBUTES attributes;
    HANDLE key = NULL;
    UNICODE_STRING valueName;
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + sizeof(ULONG)];
    PKEY_VALUE_PARTIAL_INFORMATION information = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    ULONG resultLength = 0;

    PAGED_CODE();

    *Value = 0;
    InitializeObjectAttributes(&attributes,
                               (PUNICODE_STRING)RegistryPath,
                               OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE,
                               NULL,
                               NULL);

    status = ZwOpenKey(&key, KEY_READ, &attributes);

    if (!NT_SUCCESS(status)) {{

        return status;
    }}

    RtlInitUnicodeString(&valueName, L"Module{m}");
    status = ZwQueryValueKey(key,
                             &valueName,
                             KeyValuePartialInformation,
                             information,
                             sizeof(buffer),
                             &resultLength);

    if (NT_SUCCESS(status) && information->Type == REG_DWORD && information->DataLength == sizeof(ULONG)) {{

        *Value = *(PULONG)information->Data;
    }}

    ZwClose(key);
    return status;
}}


VOID
Mod{m}WorkRoutine (
    _In_ PFLT_GENERIC_WORKITEM FltWorkItem,
    _In_ PVOID FltObject,
    _In_opt_ PVOID Context
    )
{{
    PSYN_WORK work = Context;
    HANDLE handle = NULL;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(FltObject);

    PAGED_CODE();

    if (work != NULL) {{

        status = Mod{m}OpenLog(work->Instance, &work->Path, &handle);

        if (NT_SUCCESS(status)) {{

            FltClose(handle);
        }}

        SynFreeString(&work->Path);
        ExFreePoolWithTag(work, SYN_TAG_WORK);
    }}

    FltFreeGenericWorkItem(FltWorkItem);
}}


NTSTATUS
Mod{m}QueueLog (
    _In_ PFLT_INSTANCE Instance,
    _In_ PCUNICODE_STRING Name
    )
/*++
Routine Description:
    Queues the log write of module {m} to a system worker thread: callers
    may run at APC_LEVEL.
--*/
{{
    PSYN_WORK work;
    NTSTATUS status;
    USHORT length;

    work = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(SYN_WORK), SYN_TAG_WORK);

    if (work == NULL) {{

        return STATUS_INSUFFICIENT_RESOURCES;
    }}

    RtlZeroMemory(work, sizeof(SYN_WORK));
    work->Module = {m};
    work->Instance = Instance;
    length = (USHORT)(Name->Length + 64 * sizeof(WCHAR));
    work->Path.Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, length, SYN_TAG_NAME);

    if (work->Path.Buffer == NULL) {{

        ExFreePoolWithTag(work, SYN_TAG_WORK);
        return STATUS_INSUFFICIENT_RESOURCES;
    }}

    work->Path.MaximumLength = length;
    status = RtlUnicodeStringPrintf(&work->Path, L"%wZ.mod{m}.log", Name);

    if (!NT_SUCCESS(status)) {{

        SynFreeString(&work->Path);
        ExFreePoolWithTag(work, SYN_TAG_WORK);
        return status;
    }}

    work->WorkItem = FltAllocateGenericWorkItem();

    if (work->WorkItem == NULL) {{

        SynFreeString(&work->Path);
        ExFreePoolWithTag(work, SYN_TAG_WORK);
        return STATUS_INSUFFICIENT_RESOURCES;
    }}

    status = FltQueueGenericWorkItem(work->WorkItem,
                                     Instance,
                                     Mod{m}WorkRoutine,
                                     DelayedWorkQueue,
                                     work);

    if (!NT_SUCCESS(status)) {{

        FltFreeGenericWorkItem(work->WorkItem);
        SynFreeString(&work->Path);
        ExFreePoolWithTag(work, SYN_TAG_WORK);
    }}

    return status;
}}


ULONG
Mod{m}Checksum (
    _In_reads_bytes_(Length) const UCHAR *Buffer,
    _In_ ULONG Length
    )
{{
    ULONG sum = {seed}u;
    ULONG index;
    KIRQL oldIrql;

    for (index = 0; index < Length; index++) {{

        sum = (sum << 5) + sum + Buffer[index];
    }}

    KeAcquireSpinLock(&SynGlobals.StatisticsLock, &oldIrql);
    SynGlobals.BytesSeen += Length;
    KeReleaseSpinLock(&SynGlobals.StatisticsLock, oldIrql);
    return sum;
}}
{extra}
'''

# Helpers that give files different sizes, as real ones have.
EXTRA = r'''

static
ULONG
Mod{m}Helper{k} (
    _In_ ULONG Value
    )
{{
    ULONG result = Value;

    switch (Value % 4) {{
    case 0:
        result ^= 0x{c0:08x}u;
        break;
    case 1:
        result += {k}u;
        break;
    case 2:
        result = Mod{m}Counter + result;
        break;
    default:
        result = (result >> 3) | (result << 29);
        break;
    }}

    return result;
}}
'''

DRIVER = r'''/*++
Module Name:
    driver.c
Abstract:
    DriverEntry, unload, instance setup and the shared helpers of the
    synthetic benchmark minifilter.
--*/

#include "synth.h"

SYN_GLOBALS SynGlobals;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, SynUnload, SynInstanceSetup)
#endif

NTSTATUS
DriverEntry (
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    RtlZeroMemory(&SynGlobals, sizeof(SynGlobals));
    SynGlobals.DriverObject = DriverObject;
    KeInitializeSpinLock(&SynGlobals.StatisticsLock);

    status = FltRegisterFilter(DriverObject, &SynFilterRegistration, &SynGlobals.Filter);

    if (!NT_SUCCESS(status)) {

        return status;
    }

    status = FltStartFiltering(SynGlobals.Filter);

    if (!NT_SUCCESS(status)) {

        FltUnregisterFilter(SynGlobals.Filter);
    }

    return status;
}


NTSTATUS
SynUnload (
    _In_ FLT_FILTER_UNLOAD_FLAGS Flags
    )
{
    UNREFERENCED_PARAMETER(Flags);

    PAGED_CODE();

    FltUnregisterFilter(SynGlobals.Filter);
    return STATUS_SUCCESS;
}


NTSTATUS
SynInstanceSetup (
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_ FLT_INSTANCE_SETUP_FLAGS Flags,
    _In_ DEVICE_TYPE VolumeDeviceType,
    _In_ FLT_FILESYSTEM_TYPE VolumeFilesystemType
    )
{
    NTSTATUS status;
    PSYN_VOLUME_CONTEXT context = NULL;

    UNREFERENCED_PARAMETER(Flags);
    UNREFERENCED_PARAMETER(VolumeFilesystemType);

    PAGED_CODE();

    if (VolumeDeviceType == FILE_DEVICE_NETWORK_FILE_SYSTEM) {

        return STATUS_FLT_DO_NOT_ATTACH;
    }

    status = FltAllocateContext(FltObjects->Filter,
                                FLT_VOLUME_CONTEXT,
                                sizeof(SYN_VOLUME_CONTEXT),
                                NonPagedPoolNx,
                                (PFLT_CONTEXT *)&context);

    if (!NT_SUCCESS(status)) {

        return status;
    }

    RtlZeroMemory(context, sizeof(SYN_VOLUME_CONTEXT));
    context->DeviceType = VolumeDeviceType;
    context->SectorSize = 512;

    status = FltSetVolumeContext(FltObjects->Volume,
                                 FLT_SET_CONTEXT_KEEP_IF_EXISTS,
                                 context,
                                 NULL);

    if (status == STATUS_FLT_CONTEXT_ALREADY_DEFINED) {

        status = STATUS_SUCCESS;
    }

    FltReleaseContext(context);
    return status;
}


VOID
SynStreamContextCleanup (
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    )
{
    PSYN_STREAM_CONTEXT streamContext = Context;

    UNREFERENCED_PARAMETER(ContextType);

    SynFreeString(&streamContext->FileName);
}


VOID
SynVolumeContextCleanup (
    _In_ PFLT_CONTEXT Context,
    _In_ FLT_CONTEXT_TYPE ContextType
    )
{
    PSYN_VOLUME_CONTEXT volumeContext = Context;

    UNREFERENCED_PARAMETER(ContextType);

    SynFreeString(&volumeContext->VolumeName);
}


NTSTATUS
SynGetStreamContext (
    _In_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Outptr_ PSYN_STREAM_CONTEXT *Context
    )
{
    NTSTATUS status;
    PSYN_STREAM_CONTEXT newContext = NULL;
    PSYN_STREAM_CONTEXT oldContext = NULL;

    UNREFERENCED_PARAMETER(Data);

    status = FltGetStreamContext(FltObjects->Instance, FltObjects->FileObject, (PFLT_CONTEXT *)Context);

    if (NT_SUCCESS(status)) {

        return status;
    }

    status = FltAllocateContext(FltObjects->Filter,
                                FLT_STREAM_CONTEXT,
                                sizeof(SYN_STREAM_CONTEXT),
                                NonPagedPoolNx,
                                (PFLT_CONTEXT *)&newContext);

    if (!NT_SUCCESS(status)) {

        return status;
    }

    RtlZeroMemory(newContext, sizeof(SYN_STREAM_CONTEXT));

    status = FltSetStreamContext(FltObjects->Instance,
                                 FltObjects->FileObject,
                                 FLT_SET_CONTEXT_KEEP_IF_EXISTS,
                                 newContext,
                                 (PFLT_CONTEXT *)&oldContext);

    if (status == STATUS_FLT_CONTEXT_ALREADY_DEFINED) {

        FltReleaseContext(newContext);
        *Context = oldContext;
        return STATUS_SUCCESS;
    }

    if (!NT_SUCCESS(status)) {

        FltReleaseContext(newContext);
        return status;
    }

    *Context = newContext;
    return STATUS_SUCCESS;
}


VOID
SynFreeString (
    _Inout_ PUNICODE_STRING String
    )
{
    if (String->Buffer != NULL) {

        ExFreePoolWithTag(String->Buffer, SYN_TAG_NAME);
        String->Buffer = NULL;
    }

    String->Length = 0;
    String->MaximumLength = 0;
}


VOID
SynCountOperation (
    _In_ ULONG Bytes
    )
{
    KIRQL oldIrql;

    KeAcquireSpinLock(&SynGlobals.StatisticsLock, &oldIrql);
    SynGlobals.Operations += 1;
    SynGlobals.BytesSeen += Bytes;
    KeReleaseSpinLock(&SynGlobals.StatisticsLock, oldIrql);
}
'''

REGISTRATION = r'''/*++
Module Name:
    registration.c
Abstract:
    The filter's registration: contexts, operations (callbacks defined in
    the module files), and FLT_REGISTRATION.
--*/

#include "synth.h"
{includes}

CONST FLT_CONTEXT_REGISTRATION SynContextRegistration[] = {{

    {{ FLT_VOLUME_CONTEXT,
      0,
      SynVolumeContextCleanup,
      sizeof(SYN_VOLUME_CONTEXT),
      SYN_TAG_CONTEXT }},

    {{ FLT_STREAM_CONTEXT,
      0,
      SynStreamContextCleanup,
      sizeof(SYN_STREAM_CONTEXT),
      SYN_TAG_CONTEXT }},

    {{ FLT_CONTEXT_END }}
}};


CONST FLT_OPERATION_REGISTRATION SynOperationRegistration[] = {{
{operations}
    {{ IRP_MJ_OPERATION_END }}
}};


CONST FLT_REGISTRATION SynFilterRegistration = {{

    sizeof(FLT_REGISTRATION),
    FLT_REGISTRATION_VERSION,
    0,
    SynContextRegistration,
    SynOperationRegistration,
    SynUnload,
    SynInstanceSetup,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL
}};
'''

INF = r'''[Version]
Signature   = "$Windows NT$"
Class       = "ActivityMonitor"
ClassGuid   = {b86dff51-a31e-4bac-b3cf-e8cfe75c9fc2}
Provider    = %ProviderString%
DriverVer   = 01/01/2024,1.0.0.0
CatalogFile = synth.cat
PnpLockdown = 1

[DestinationDirs]
DefaultDestDir          = 12
MiniFilter.DriverFiles  = 12

[DefaultInstall.NTamd64]
OptionDesc  = %ServiceDescription%
CopyFiles   = MiniFilter.DriverFiles

[DefaultInstall.NTamd64.Services]
AddService  = %ServiceName%,,MiniFilter.Service

[MiniFilter.Service]
DisplayName      = %ServiceName%
Description      = %ServiceDescription%
ServiceBinary    = %12%\%DriverName%.sys
Dependencies     = "FltMgr"
ServiceType      = 2
StartType        = 3
ErrorControl     = 1
LoadOrderGroup   = "FSFilter Activity Monitor"
AddReg           = MiniFilter.AddRegistry

[MiniFilter.AddRegistry]
HKR,"Parameters","SupportedFeatures",0x00010001,0x3
HKR,"Parameters\Instances","DefaultInstance",0x00000000,%DefaultInstance%
HKR,"Parameters\Instances\"%Instance1.Name%,"Altitude",0x00000000,%Instance1.Altitude%
HKR,"Parameters\Instances\"%Instance1.Name%,"Flags",0x00010001,%Instance1.Flags%

[MiniFilter.DriverFiles]
%DriverName%.sys

[SourceDisksFiles]
synth.sys = 1,,

[SourceDisksNames]
1 = %DiskId1%,,,

[Strings]
ProviderString          = "fltlint benchmark"
ServiceDescription      = "Synthetic benchmark minifilter"
ServiceName             = "synth"
DriverName              = "synth"
DiskId1                 = "synth Device Installation Disk"
DefaultInstance         = "synth Instance"
Instance1.Name          = "synth Instance"
Instance1.Altitude      = "385201"
Instance1.Flags         = 0x0
'''

MODULE_PROTOTYPES = r'''FLT_PREOP_CALLBACK_STATUS
Mod{m}PreOperation (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _Flt_CompletionContext_Outptr_ PVOID *CompletionContext
    );

FLT_POSTOP_CALLBACK_STATUS
Mod{m}PostOperation (
    _Inout_ PFLT_CALLBACK_DATA Data,
    _In_ PCFLT_RELATED_OBJECTS FltObjects,
    _In_opt_ PVOID CompletionContext,
    _In_ FLT_POST_OPERATION_FLAGS Flags
    );

_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS
Mod{m}OpenLog (
    _In_ PFLT_INSTANCE Instance,
    _In_ PCUNICODE_STRING Path,
    _Out_ PHANDLE Handle
    );

_IRQL_requires_(PASSIVE_LEVEL)
NTSTATUS
Mod{m}QueryPolicy (
    _In_ PCUNICODE_STRING RegistryPath,
    _Out_ PULONG Value
    );

VOID
Mod{m}WorkRoutine (
    _In_ PFLT_GENERIC_WORKITEM FltWorkItem,
    _In_ PVOID FltObject,
    _In_opt_ PVOID Context
    );

NTSTATUS
Mod{m}QueueLog (
    _In_ PFLT_INSTANCE Instance,
    _In_ PCUNICODE_STRING Name
    );

ULONG
Mod{m}Checksum (
    _In_reads_bytes_(Length) const UCHAR *Buffer,
    _In_ ULONG Length
    );

'''

GROUP_SIZE = 10


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\r\n" if path.endswith(".inf") else "\n") as f:
        f.write(text)


def generate(out, files, seed=1):
    """Writes a tree of `files` .c files (2 of them driver.c and registration.c)."""
    rng = random.Random(seed * 7919 + files)
    modules = max(files - 2, 0)
    groups = (modules + GROUP_SIZE - 1) // GROUP_SIZE
    write(os.path.join(out, "synth.h"), DRIVER_HEADER + "#endif\n")
    write(os.path.join(out, "synth.inf"), INF)
    write(os.path.join(out, "driver.c"), DRIVER)
    for g in range(groups):
        members = range(g * GROUP_SIZE, min((g + 1) * GROUP_SIZE, modules))
        prototypes = "".join(MODULE_PROTOTYPES.format(m=m) for m in members)
        write(os.path.join(out, "group%d" % g, "group%d.h" % g),
              GROUP_HEADER.format(g=g, limit=rng.randint(4096, 1 << 20), flag=1 << (g % 31),
                                  prototypes=prototypes))
        for m in members:
            extra = "".join(EXTRA.format(m=m, k=k, c0=rng.getrandbits(32))
                            for k in range(rng.randint(0, 8)))
            write(os.path.join(out, "group%d" % g, "mod%d.c" % m),
                  MODULE.format(m=m, g=g, seed=rng.getrandbits(16), extra=extra))
    # The operation table names the first module's callbacks for each major
    # function (a real filter registers each major function once).
    operations = []
    for index, major in enumerate(MAJORS[:min(len(MAJORS), modules)]):
        operations.append("    { %s,\n      0,\n      Mod%dPreOperation,\n      Mod%dPostOperation },\n"
                          % (major, index, index))
    includes = "".join('#include "group%d/group%d.h"\n' % (g, g)
                       for g in range((min(len(MAJORS), modules) + GROUP_SIZE - 1) // GROUP_SIZE))
    write(os.path.join(out, "registration.c"),
          REGISTRATION.format(includes=includes, operations="\n".join(operations)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("files", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.files < 2:
        parser.error("at least 2 files (driver.c and registration.c)")
    generate(args.out, args.files, args.seed)


if __name__ == "__main__":
    main()
