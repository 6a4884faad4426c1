/*
 * ntifs.h - fltlint's wrapper of mingw-w64's ntifs.h.
 *
 * Two mingw-w64 declarations clash with real driver code and are hidden
 * (renamed out of the way while mingw-w64's header is read):
 *  - ZwQueryInformationProcess: drivers declare their own function pointer
 *    of that name (resolved with MmGetSystemRoutineAddress).  With it
 *    hidden, a driver that calls it without declaring it gets C's implicit
 *    declaration (a warning, not an error).
 *  - FILE_RENAME_INFORMATION / FILE_LINK_INFORMATION: mingw-w64 has the old
 *    layout; the documented one (Windows 10 RS1 on) puts ReplaceIfExists in
 *    a union with Flags, which drivers use.
 *  - FSRTL_ADVANCED_FCB_HEADER: mingw-w64 stops at version 1; file systems
 *    use the version 2 and 3 members (Oplock, ReservedContext).  The
 *    routines that take the header are hidden with it and declared again.
 *  - MM_PREFETCH_FLAGS: mingw-w64 lacks the PriorityProtection bit.
 * Then the ntifs.h-level names mingw-w64 lacks.
 */
#ifndef FLTLINT_NTIFS_H
#define FLTLINT_NTIFS_H
/* The WDK's include guard, which drivers test (`#ifdef _NTIFS_`); mingw-w64
 * defines only _NTIFS_INCLUDED_. */
#define _NTIFS_

#define ZwQueryInformationProcess  fltlint_hidden_ZwQueryInformationProcess
#define _FILE_RENAME_INFORMATION   fltlint_hidden_FILE_RENAME_INFORMATION_
#define FILE_RENAME_INFORMATION    fltlint_hidden_FILE_RENAME_INFORMATION
#define PFILE_RENAME_INFORMATION   fltlint_hidden_PFILE_RENAME_INFORMATION
#define _FILE_LINK_INFORMATION     fltlint_hidden_FILE_LINK_INFORMATION_
#define FILE_LINK_INFORMATION      fltlint_hidden_FILE_LINK_INFORMATION
#define PFILE_LINK_INFORMATION     fltlint_hidden_PFILE_LINK_INFORMATION

#define _FSRTL_ADVANCED_FCB_HEADER           fltlint_hidden_FSRTL_ADVANCED_FCB_HEADER_
#define FSRTL_ADVANCED_FCB_HEADER            fltlint_hidden_FSRTL_ADVANCED_FCB_HEADER
#define PFSRTL_ADVANCED_FCB_HEADER           fltlint_hidden_PFSRTL_ADVANCED_FCB_HEADER
#define PFN_FSRTLTEARDOWNPERSTREAMCONTEXTS   fltlint_hidden_PFN_FSRTLTEARDOWNPERSTREAMCONTEXTS
#define FsRtlTeardownPerStreamContexts       fltlint_hidden_FsRtlTeardownPerStreamContexts
#define FsRtlInsertPerStreamContext          fltlint_hidden_FsRtlInsertPerStreamContext
#define FsRtlLookupPerStreamContextInternal  fltlint_hidden_FsRtlLookupPerStreamContextInternal
#define FsRtlRemovePerStreamContext          fltlint_hidden_FsRtlRemovePerStreamContext
#define _MM_PREFETCH_FLAGS                   fltlint_hidden_MM_PREFETCH_FLAGS_
#define MM_PREFETCH_FLAGS                    fltlint_hidden_MM_PREFETCH_FLAGS
#define PMM_PREFETCH_FLAGS                   fltlint_hidden_PMM_PREFETCH_FLAGS

#include_next <ntifs.h>

#undef _FSRTL_ADVANCED_FCB_HEADER
#undef FSRTL_ADVANCED_FCB_HEADER
#undef PFSRTL_ADVANCED_FCB_HEADER
#undef PFN_FSRTLTEARDOWNPERSTREAMCONTEXTS
#undef FsRtlTeardownPerStreamContexts
#undef FsRtlInsertPerStreamContext
#undef FsRtlLookupPerStreamContextInternal
#undef FsRtlRemovePerStreamContext
#undef _MM_PREFETCH_FLAGS
#undef MM_PREFETCH_FLAGS
#undef PMM_PREFETCH_FLAGS

/* C linkage, as the WDK declares the kernel's routines. */
#ifdef __cplusplus
extern "C" {
#endif

#undef ZwQueryInformationProcess
#undef _FILE_RENAME_INFORMATION
#undef FILE_RENAME_INFORMATION
#undef PFILE_RENAME_INFORMATION
#undef _FILE_LINK_INFORMATION
#undef FILE_LINK_INFORMATION
#undef PFILE_LINK_INFORMATION

typedef struct _FILE_RENAME_INFORMATION {
	union {
		BOOLEAN ReplaceIfExists;
		ULONG Flags;
	};
	HANDLE RootDirectory;
	ULONG FileNameLength;
	WCHAR FileName[1];
} FILE_RENAME_INFORMATION, *PFILE_RENAME_INFORMATION;

typedef struct _FILE_LINK_INFORMATION {
	union {
		BOOLEAN ReplaceIfExists;
		ULONG Flags;
	};
	HANDLE RootDirectory;
	ULONG FileNameLength;
	WCHAR FileName[1];
} FILE_LINK_INFORMATION, *PFILE_LINK_INFORMATION;

/* The advanced FCB header, up to version 3. */
typedef struct _FSRTL_ADVANCED_FCB_HEADER
#ifdef __cplusplus
	: FSRTL_COMMON_FCB_HEADER {
#else
{
	FSRTL_COMMON_FCB_HEADER_LAYOUT
#endif
	PFAST_MUTEX FastMutex;
	LIST_ENTRY FilterContexts;
	EX_PUSH_LOCK PushLock;
	PVOID *FileContextSupportPointer;
	union {
		OPLOCK Oplock;
		PVOID ReservedForRemote;
	};
	PVOID ReservedContext;
} FSRTL_ADVANCED_FCB_HEADER, *PFSRTL_ADVANCED_FCB_HEADER;
#define FSRTL_FCB_HEADER_V2 (0x02)
#define FSRTL_FCB_HEADER_V3 (0x03)

typedef VOID (*PFN_FSRTLTEARDOWNPERSTREAMCONTEXTS)(PFSRTL_ADVANCED_FCB_HEADER AdvancedHeader);
_IRQL_requires_max_(APC_LEVEL)
VOID NTAPI FsRtlTeardownPerStreamContexts(PFSRTL_ADVANCED_FCB_HEADER AdvancedHeader);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI FsRtlInsertPerStreamContext(PFSRTL_ADVANCED_FCB_HEADER PerStreamContext,
	PFSRTL_PER_STREAM_CONTEXT Ptr);
_IRQL_requires_max_(APC_LEVEL)
PFSRTL_PER_STREAM_CONTEXT NTAPI FsRtlLookupPerStreamContextInternal(PFSRTL_ADVANCED_FCB_HEADER StreamContext,
	PVOID OwnerId, PVOID InstanceId);
_IRQL_requires_max_(APC_LEVEL)
PFSRTL_PER_STREAM_CONTEXT NTAPI FsRtlRemovePerStreamContext(PFSRTL_ADVANCED_FCB_HEADER StreamContext,
	PVOID OwnerId, PVOID InstanceId);

/* FsRtlSetupAdvancedHeaderEx2: the version 2 header, with its oplock. */
#ifndef FsRtlSetupAdvancedHeaderEx2
#define FsRtlSetupAdvancedHeaderEx2(AdvHdr, FMutex, FileContextSupportPointer) \
	FsRtlSetupAdvancedHeaderEx((AdvHdr), (FMutex), (FileContextSupportPointer))
#endif

typedef union _MM_PREFETCH_FLAGS {
	struct {
		ULONG Priority : SYSTEM_PAGE_PRIORITY_BITS;
		ULONG RepurposePriority : SYSTEM_PAGE_PRIORITY_BITS;
		ULONG PriorityProtection : 1;
	} Flags;
	ULONG AllFlags;
} MM_PREFETCH_FLAGS, *PMM_PREFETCH_FLAGS;

/* Oplock flags of FsRtlCheckOplockEx beyond mingw-w64's. */
#ifndef OPLOCK_FLAG_PARENT_OBJECT
#define OPLOCK_FLAG_PARENT_OBJECT           0x00000010
#endif
#ifndef OPLOCK_FLAG_CLOSING_DELETE_ON_CLOSE
#define OPLOCK_FLAG_CLOSING_DELETE_ON_CLOSE 0x00000020
#endif
#ifndef OPLOCK_FLAG_REMOVING_FILE_OR_LINK
#define OPLOCK_FLAG_REMOVING_FILE_OR_LINK   0x00000040
#endif

/* CcSetAdditionalCacheAttributesEx and its flags. */
#define CC_AGGRESSIVE_UNMAP_BEHIND     0x00000001
#define CC_DISABLE_READ_AHEAD          0x00000002
#define CC_DISABLE_WRITE_BEHIND        0x00000004
#define CC_DISABLE_DIRTY_PAGE_TRACKING 0x00000008
#define CC_ENABLE_DISK_IO_ACCOUNTING   0x00000010
#define CC_DISABLE_UNMAP_BEHIND        0x00000020
_IRQL_requires_max_(APC_LEVEL)
VOID NTAPI CcSetAdditionalCacheAttributesEx(PFILE_OBJECT FileObject, ULONG Flags);

/* Minor functions of IRP_MJ_FLUSH_BUFFERS beyond IRP_MN_FLUSH_AND_PURGE. */
#ifndef IRP_MN_FLUSH_DATA_ONLY
#define IRP_MN_FLUSH_DATA_ONLY      0x02
#define IRP_MN_FLUSH_NO_SYNC        0x03
#define IRP_MN_FLUSH_DATA_SYNC_ONLY 0x04
#endif

/* FSCTL_SET_PURGE_FAILURE_MODE. */
#ifndef FSCTL_SET_PURGE_FAILURE_MODE
#define FSCTL_SET_PURGE_FAILURE_MODE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 156, METHOD_BUFFERED, FILE_ANY_ACCESS)
#endif
typedef struct _SET_PURGE_FAILURE_MODE_INPUT {
	ULONG Flags;
} SET_PURGE_FAILURE_MODE_INPUT, *PSET_PURGE_FAILURE_MODE_INPUT;
#define SET_PURGE_FAILURE_MODE_ENABLED  0x00000001
#define SET_PURGE_FAILURE_MODE_DISABLED 0x00000002

/* FILE_RENAME_INFORMATION.Flags (FileRenameInformationEx). */
#define FILE_RENAME_REPLACE_IF_EXISTS                    0x00000001
#define FILE_RENAME_POSIX_SEMANTICS                      0x00000002
#define FILE_RENAME_SUPPRESS_PIN_STATE_INHERITANCE       0x00000004
#define FILE_RENAME_SUPPRESS_STORAGE_RESERVE_INHERITANCE 0x00000008
#define FILE_RENAME_NO_INCREASE_AVAILABLE_SPACE          0x00000010
#define FILE_RENAME_NO_DECREASE_AVAILABLE_SPACE          0x00000020
#define FILE_RENAME_IGNORE_READONLY_ATTRIBUTE            0x00000040
/* FILE_LINK_INFORMATION.Flags (FileLinkInformationEx). */
#define FILE_LINK_REPLACE_IF_EXISTS                      0x00000001
#define FILE_LINK_POSIX_SEMANTICS                        0x00000002
#define FILE_LINK_IGNORE_READONLY_ATTRIBUTE              0x00000040

/* FileDispositionInformationEx. */
typedef struct _FILE_DISPOSITION_INFORMATION_EX {
	ULONG Flags;
} FILE_DISPOSITION_INFORMATION_EX, *PFILE_DISPOSITION_INFORMATION_EX;
#define FILE_DISPOSITION_DO_NOT_DELETE             0x00000000
#define FILE_DISPOSITION_DELETE                    0x00000001
#define FILE_DISPOSITION_POSIX_SEMANTICS           0x00000002
#define FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK 0x00000004
#define FILE_DISPOSITION_ON_CLOSE                  0x00000008
#define FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE 0x00000010

/* 128-bit file ids (ReFS) and FileIdInformation. */
#ifndef FILE_ID_128_DEFINED_
#define FILE_ID_128_DEFINED_
typedef struct _FILE_ID_128 {
	UCHAR Identifier[16];
} FILE_ID_128, *PFILE_ID_128;
#endif
typedef struct _FILE_ID_INFORMATION {
	ULONGLONG VolumeSerialNumber;
	FILE_ID_128 FileId;
} FILE_ID_INFORMATION, *PFILE_ID_INFORMATION;
#define FILE_INVALID_FILE_ID ((LONGLONG)-1LL)

/* Directory entries with 128-bit file ids (FileIdExtdDirectoryInformation,
 * FileIdExtdBothDirectoryInformation). */
typedef struct _FILE_ID_EXTD_DIR_INFORMATION {
	ULONG NextEntryOffset;
	ULONG FileIndex;
	LARGE_INTEGER CreationTime;
	LARGE_INTEGER LastAccessTime;
	LARGE_INTEGER LastWriteTime;
	LARGE_INTEGER ChangeTime;
	LARGE_INTEGER EndOfFile;
	LARGE_INTEGER AllocationSize;
	ULONG FileAttributes;
	ULONG FileNameLength;
	ULONG EaSize;
	ULONG ReparsePointTag;
	FILE_ID_128 FileId;
	WCHAR FileName[1];
} FILE_ID_EXTD_DIR_INFORMATION, *PFILE_ID_EXTD_DIR_INFORMATION;
typedef struct _FILE_ID_EXTD_BOTH_DIR_INFORMATION {
	ULONG NextEntryOffset;
	ULONG FileIndex;
	LARGE_INTEGER CreationTime;
	LARGE_INTEGER LastAccessTime;
	LARGE_INTEGER LastWriteTime;
	LARGE_INTEGER ChangeTime;
	LARGE_INTEGER EndOfFile;
	LARGE_INTEGER AllocationSize;
	ULONG FileAttributes;
	ULONG FileNameLength;
	ULONG EaSize;
	ULONG ReparsePointTag;
	FILE_ID_128 FileId;
	CCHAR ShortNameLength;
	WCHAR ShortName[12];
	WCHAR FileName[1];
} FILE_ID_EXTD_BOTH_DIR_INFORMATION, *PFILE_ID_EXTD_BOTH_DIR_INFORMATION;

/* Where a directory-listing class keeps its next-entry offset and its
 * name, for code that walks any of them (FILE_INFORMATION_DEFINITION). */
typedef struct _FILE_INFORMATION_DEFINITION {
	FILE_INFORMATION_CLASS Class;
	ULONG NextEntryOffset;
	ULONG FileNameLengthOffset;
	ULONG FileNameOffset;
} FILE_INFORMATION_DEFINITION, *PFILE_INFORMATION_DEFINITION;
#define FLTLINT_FILE_INFORMATION_DEFINITION_(Class, Type) \
	{ (Class), FIELD_OFFSET(Type, NextEntryOffset), FIELD_OFFSET(Type, FileNameLength), FIELD_OFFSET(Type, FileName) }
#define FileDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileDirectoryInformation, FILE_DIRECTORY_INFORMATION)
#define FileFullDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileFullDirectoryInformation, FILE_FULL_DIR_INFORMATION)
#define FileBothDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileBothDirectoryInformation, FILE_BOTH_DIR_INFORMATION)
#define FileNamesInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileNamesInformation, FILE_NAMES_INFORMATION)
#define FileIdFullDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileIdFullDirectoryInformation, FILE_ID_FULL_DIR_INFORMATION)
#define FileIdBothDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileIdBothDirectoryInformation, FILE_ID_BOTH_DIR_INFORMATION)
#define FileIdGlobalTxDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileIdGlobalTxDirectoryInformation, FILE_ID_GLOBAL_TX_DIR_INFORMATION)
#define FileIdExtdDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileIdExtdDirectoryInformation, FILE_ID_EXTD_DIR_INFORMATION)
#define FileIdExtdBothDirectoryInformationDefinition \
	FLTLINT_FILE_INFORMATION_DEFINITION_(FileIdExtdBothDirectoryInformation, FILE_ID_EXTD_BOTH_DIR_INFORMATION)

/* Output of the section-synchronization callback (FLT_PARAMETERS). */
typedef struct _FS_FILTER_SECTION_SYNC_OUTPUT {
	ULONG StructureSize;
	ULONG SizeReturned;
	ULONG Flags;
	ULONG DesiredReadAlignment;
} FS_FILTER_SECTION_SYNC_OUTPUT, *PFS_FILTER_SECTION_SYNC_OUTPUT;

/* Offloaded data transfer and Cluster Shared Volume controls. */
#ifndef FSCTL_OFFLOAD_READ
#define FSCTL_OFFLOAD_READ  CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 153, METHOD_BUFFERED, FILE_READ_ACCESS)
#endif
#ifndef FSCTL_OFFLOAD_WRITE
#define FSCTL_OFFLOAD_WRITE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 154, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#endif
#ifndef FSCTL_CSV_CONTROL
#define FSCTL_CSV_CONTROL   CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 181, METHOD_BUFFERED, FILE_ANY_ACCESS)
#endif
typedef enum _CSV_CONTROL_OP {
	CsvControlStartRedirectFile = 0x02,
	CsvControlStopRedirectFile = 0x03,
	CsvControlQueryRedirectState = 0x04,
	CsvControlQueryFileRevision = 0x06,
	CsvControlQueryMdsPath = 0x08,
	CsvControlQueryFileRevisionFileId128 = 0x09,
	CsvControlQueryVolumeRedirectState = 0x0a,
	CsvControlEnableUSNRangeModificationTracking = 0x0d,
	CsvControlMarkHandleLocalVolumeMount = 0x0e,
	CsvControlUnmarkHandleLocalVolumeMount = 0x0f,
	CsvControlGetCsvFsMdsPathV2 = 0x12,
	CsvControlDisableCaching = 0x13,
	CsvControlEnableCaching = 0x14,
	CsvControlStartForceDFO = 0x15,
	CsvControlStopForceDFO = 0x16
} CSV_CONTROL_OP, *PCSV_CONTROL_OP;
typedef struct _CSV_CONTROL_PARAM {
	CSV_CONTROL_OP Operation;
	LONGLONG Unused;
} CSV_CONTROL_PARAM, *PCSV_CONTROL_PARAM;
typedef struct _CSV_QUERY_FILE_REVISION {
	LONGLONG FileId;
	LONGLONG FileRevision[3];
} CSV_QUERY_FILE_REVISION, *PCSV_QUERY_FILE_REVISION;
typedef struct _CSV_QUERY_FILE_REVISION_ECP_CONTEXT {
	LONGLONG FileId;
	LONGLONG FileRevision[3];
} CSV_QUERY_FILE_REVISION_ECP_CONTEXT, *PCSV_QUERY_FILE_REVISION_ECP_CONTEXT;
typedef struct _CSV_DOWN_LEVEL_OPEN_ECP_CONTEXT {
	ULONG Version;
	BOOLEAN IsResume;
	UCHAR FileType;
	LONGLONG SourceNodeId;
	LONGLONG DestinationNodeId;
} CSV_DOWN_LEVEL_OPEN_ECP_CONTEXT, *PCSV_DOWN_LEVEL_OPEN_ECP_CONTEXT;

/* Disk cluster state (IOCTL_DISK_GET_CLUSTER_INFO), used to recognise CSV
 * disks. */
#ifndef IOCTL_DISK_BASE
#define IOCTL_DISK_BASE FILE_DEVICE_DISK
#endif
#ifndef IOCTL_DISK_GET_CLUSTER_INFO
#define IOCTL_DISK_GET_CLUSTER_INFO CTL_CODE(IOCTL_DISK_BASE, 0x0085, METHOD_BUFFERED, FILE_ANY_ACCESS)
#endif
#ifndef IOCTL_DISK_SET_CLUSTER_INFO
#define IOCTL_DISK_SET_CLUSTER_INFO CTL_CODE(IOCTL_DISK_BASE, 0x0086, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#endif
typedef struct _DISK_CLUSTER_INFO {
	ULONG Version;
	ULONGLONG Flags;
	ULONGLONG FlagsMask;
	BOOLEAN Notify;
} DISK_CLUSTER_INFO, *PDISK_CLUSTER_INFO;
#define DISK_CLUSTER_FLAG_ENABLED              0x0000000000000001
#define DISK_CLUSTER_FLAG_CSV                  0x0000000000000002
#define DISK_CLUSTER_FLAG_IN_MAINTENANCE       0x0000000000000004
#define DISK_CLUSTER_FLAG_PNP_ARRIVAL_COMPLETE 0x0000000000000008

/* Extra-create-parameter GUIDs mingw-w64 lacks.  Declared, not defined:
 * their values play no part in analysis, and a declaration keeps them out
 * of the way of INITGUID. */
extern const GUID GUID_ECP_CSV_QUERY_FILE_REVISION;
extern const GUID GUID_ECP_CSV_DOWN_LEVEL_OPEN;
extern const GUID GUID_ECP_CSV_SET_HANDLE_PROPERTIES;
extern const GUID GUID_ECP_ATOMIC_CREATE;
extern const GUID GUID_ECP_IO_DEVICE_HINT;
extern const GUID GUID_ECP_CREATE_REDIRECTION;
extern const GUID GUID_ECP_DUAL_OPLOCK_KEY;
extern const GUID GUID_ECP_FLT_CREATEFILE_TARGET;
extern const GUID GUID_ECP_QUERY_ON_CREATE;

/* Push locks (ExAcquirePushLock*Ex; the Flt* forms are in fltKernel.h). */
_IRQL_requires_max_(APC_LEVEL)
VOID NTAPI ExAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
_IRQL_requires_max_(APC_LEVEL)
VOID NTAPI ExAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI ExReleasePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI ExReleasePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID NTAPI ExReleasePushLockEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
#ifndef ExAcquirePushLockExclusive
#define ExAcquirePushLockExclusive(Lock) ExAcquirePushLockExclusiveEx((Lock), 0)
#define ExAcquirePushLockShared(Lock)    ExAcquirePushLockSharedEx((Lock), 0)
#define ExReleasePushLockExclusive(Lock) ExReleasePushLockExclusiveEx((Lock), 0)
#define ExReleasePushLockShared(Lock)    ExReleasePushLockSharedEx((Lock), 0)
#define ExReleasePushLock(Lock)          ExReleasePushLockEx((Lock), 0)
#endif

/* FileFsSectorSizeInformation. */
typedef struct _FILE_FS_SECTOR_SIZE_INFORMATION {
	ULONG LogicalBytesPerSector;
	ULONG PhysicalBytesPerSectorForAtomicity;
	ULONG PhysicalBytesPerSectorForPerformance;
	ULONG FileSystemEffectivePhysicalBytesPerSectorForAtomicity;
	ULONG Flags;
	ULONG ByteOffsetForSectorAlignment;
	ULONG ByteOffsetForPartitionAlignment;
} FILE_FS_SECTOR_SIZE_INFORMATION, *PFILE_FS_SECTOR_SIZE_INFORMATION;

/* FsRtl routines documented for file systems and filters. */
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FsRtlQueryInformationFile(PFILE_OBJECT FileObject, PVOID FileInformation,
	ULONG Length, FILE_INFORMATION_CLASS FileInformationClass, PULONG RetLength);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FsRtlIssueDeviceIoControl(PDEVICE_OBJECT DeviceObject, ULONG IoCtl, UCHAR Flags,
	PVOID InputBuffer, ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength,
	PULONG_PTR IosbInformation);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI FsRtlKernelFsControlFile(PFILE_OBJECT FileObject, ULONG FsControlCode,
	PVOID InputBuffer, ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength,
	PULONG RetOutputBufferSize);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI FsRtlQueryKernelEaFile(PFILE_OBJECT FileObject, PVOID ReturnedEaData, ULONG Length,
	BOOLEAN ReturnSingleEntry, PVOID EaList, ULONG EaListLength, PULONG EaIndex,
	BOOLEAN RestartScan, PULONG LengthReturned);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI FsRtlSetKernelEaFile(PFILE_OBJECT FileObject, PVOID EaBuffer, ULONG Length);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI FsRtlGetSectorSizeInformation(PDEVICE_OBJECT DeviceObject,
	PFILE_FS_SECTOR_SIZE_INFORMATION SectorSizeInfo);
_IRQL_requires_max_(APC_LEVEL)
BOOLEAN NTAPI FsRtlIsNonEmptyDirectoryReparsePointAllowed(ULONG ReparseTag);

_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI PsGetProcessExitStatus(PEPROCESS Process);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI PsReferenceProcessFilePointer(PEPROCESS Process, PFILE_OBJECT *pFilePointer);

#ifdef __cplusplus
}
#endif

#endif /* FLTLINT_NTIFS_H */
