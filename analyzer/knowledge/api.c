/* The API table.  Kept sorted by name (fl_api_find searches it; a test
 * checks the order).  Argument positions are 0-based. */
#include "knowledge/api.h"

#include <stdlib.h>
#include <string.h>

#define NONE FL_NO_ARG
#define PASSIVE FL_IRQL_PASSIVE
#define APC FL_IRQL_APC
#define DISPATCH FL_IRQL_DISPATCH
#define UNKNOWN FL_IRQL_UNKNOWN

#define HIGH FL_IRQL_HIGH

/* Context type bits (fltKernel.h), for the FltGet/Set<Type>Context entries. */
#define VOLUME_CTX 0x0001
#define INSTANCE_CTX 0x0002
#define FILE_CTX 0x0004
#define STREAM_CTX 0x0008
#define STREAMHANDLE_CTX 0x0010
#define TRANSACTION_CTX 0x0020
#define SECTION_CTX 0x0040

/* The columns every entry has; an entry adds what else it knows. */
#define FL_BASE(name_, irql, doc_)                                                                    \
	.name = name_, .max_irql = irql, .attributes_arg = NONE, .handle_flags_arg = NONE,            \
	.context_type_arg = NONE, .pool_arg = NONE, .doc = doc_
/* An API known for its IRQL and, optionally, its IRQL effect or context use. */
#define FL_CALL(name_, irql, doc_, ...) { FL_BASE(name_, irql, doc_), __VA_ARGS__ }
/* An allocator of pool memory of the type at `pool`: at most APC_LEVEL for paged pool. */
#define FL_ALLOCATES(name_, irql, pool, doc_, ...)                                                    \
	{ .name = name_, .max_irql = irql, .attributes_arg = NONE, .handle_flags_arg = NONE,            \
	  .context_type_arg = NONE, .pool_arg = pool, .apc_if_paged = true, .doc = doc_, __VA_ARGS__ }
#define RAISE(level) .irql_effect = FL_IRQL_EFFECT_RAISE, .raises_to = (level)
#define LOWER .irql_effect = FL_IRQL_EFFECT_LOWER
#define CONTEXT(op, arg, type) .context_op = FL_CONTEXT_OP_##op, .context_arg = (arg), .context_type = (type)

/* Registration columns: the routine that undoes the registration and the
 * cookie's argument (COOKIE_OUT: an out-pointer receives it). */
#define REGISTERS(undo, arg) .registration = FL_REGISTRATION_REGISTERS, .unregistered_by = (undo), .cookie_arg = (arg)
#define REGISTERS_OUT(undo, arg) REGISTERS(undo, arg), .cookie_out = true
#define UNREGISTERS(arg) .registration = FL_REGISTRATION_UNREGISTERS, .cookie_arg = (arg)
#define REMOVABLE(arg, remove) .registration = FL_REGISTRATION_REMOVE_ARG, .cookie_arg = (arg), .remove_arg = (remove)

/* A function that creates a handle from object attributes at `attributes`. */
#define FL_OPENS(name_, irql, attributes, doc_)                                                       \
	{ .name = name_, .max_irql = irql, .attributes_arg = attributes, .handle_flags_arg = NONE,      \
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = doc_ }

static const struct fl_api fl_api_table[] = {
	/* Cm*: PASSIVE_LEVEL; the Cookie identifies the registration (wdm/nf-wdm-cmregistercallbackex). */
	FL_CALL("CmRegisterCallback", PASSIVE, "wdm/nf-wdm-cmregistercallback", REGISTERS_OUT("CmUnRegisterCallback", 2)),
	FL_CALL("CmRegisterCallbackEx", PASSIVE, "wdm/nf-wdm-cmregistercallbackex", REGISTERS_OUT("CmUnRegisterCallback", 4)),
	FL_CALL("CmUnRegisterCallback", PASSIVE, "wdm/nf-wdm-cmunregistercallback", UNREGISTERS(0)),
	FL_CALL("ExAcquireFastMutex", APC, "wdm/nf-wdm-exacquirefastmutex", RAISE(APC)),
	FL_CALL("ExAcquireResourceExclusiveLite", APC, "wdm/nf-wdm-exacquireresourceexclusivelite"),
	FL_CALL("ExAcquireResourceSharedLite", APC, "wdm/nf-wdm-exacquireresourcesharedlite"),
	FL_CALL("ExAcquireSpinLockExclusive", DISPATCH, "wdm/nf-wdm-exacquirespinlockexclusive", RAISE(DISPATCH)),
	FL_CALL("ExAcquireSpinLockShared", DISPATCH, "wdm/nf-wdm-exacquirespinlockshared", RAISE(DISPATCH)),
	/* The POOL_TYPE allocators: deprecated since Windows 10 2004 in favour of ExAllocatePool2/3
	 * (WDD kernel/updating-deprecated-exallocatepool-calls); the Zero/Uninitialized/Quota/Priority
	 * helpers are wdm.h's inline wrappers for drivers that also run on older Windows. */
	FL_ALLOCATES("ExAllocatePool", DISPATCH, 0, "wdm/nf-wdm-exallocatepool", .replaced_by = "ExAllocatePool2"),
	FL_ALLOCATES("ExAllocatePoolPriorityUninitialized", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolpriorityuninitialized"),
	FL_ALLOCATES("ExAllocatePoolPriorityZero", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolpriorityzero"),
	FL_ALLOCATES("ExAllocatePoolQuotaUninitialized", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolquotauninitialized"),
	FL_ALLOCATES("ExAllocatePoolQuotaZero", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolquotazero"),
	FL_ALLOCATES("ExAllocatePoolUninitialized", DISPATCH, 0, "wdm/nf-wdm-exallocatepooluninitialized"),
	FL_ALLOCATES("ExAllocatePoolWithQuota", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolwithquota",
		     .replaced_by = "ExAllocatePool2"),
	/* IRQL: "<= DISPATCH_LEVEL (see Remarks)"; PoolType may carry POOL_QUOTA_FAIL_INSTEAD_OF_RAISE. */
	FL_ALLOCATES("ExAllocatePoolWithQuotaTag", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolwithquotatag",
		     .replaced_by = "ExAllocatePool2"),
	FL_ALLOCATES("ExAllocatePoolWithTag", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolwithtag",
		     .replaced_by = "ExAllocatePool2"),
	FL_ALLOCATES("ExAllocatePoolWithTagPriority", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolwithtagpriority",
		     .replaced_by = "ExAllocatePool3"),
	FL_ALLOCATES("ExAllocatePoolZero", DISPATCH, 0, "wdm/nf-wdm-exallocatepoolzero"),
	FL_CALL("ExDeleteResourceLite", APC, "wdm/nf-wdm-exdeleteresourcelite"),
	/* Lookaside lists choose their entries' pool once: a POOL_TYPE (Ex), or Flags where
	 * POOL_NX_ALLOCATION (512) asks for NX entries (NPaged, Windows 8 and later). */
	{ .name = "ExInitializeLookasideListEx", .max_irql = DISPATCH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = 3, .doc = "wdm/nf-wdm-exinitializelookasidelistex" },
	FL_CALL("ExInitializeNPagedLookasideList", DISPATCH, "wdm/nf-wdm-exinitializenpagedlookasidelist",
		.nx_flag = FL_NX_FLAG_POOL_NX_ALLOCATION, .nx_flag_arg = 3),
	FL_CALL("ExInitializeResourceLite", DISPATCH, "wdm/nf-wdm-exinitializeresourcelite"),
	/* Returns the registration handle ExUnregisterCallback takes; the table records no IRQL. */
	FL_CALL("ExRegisterCallback", UNKNOWN, "wdm/nf-wdm-exregistercallback", REGISTERS("ExUnregisterCallback", NONE)),
	FL_CALL("ExReleaseFastMutex", APC, "wdm/nf-wdm-exreleasefastmutex", LOWER),
	FL_CALL("ExReleaseResourceLite", DISPATCH, "wdm/nf-wdm-exreleaseresourcelite"),
	FL_CALL("ExReleaseSpinLockExclusive", DISPATCH, "wdm/nf-wdm-exreleasespinlockexclusive", LOWER),
	FL_CALL("ExReleaseSpinLockShared", DISPATCH, "wdm/nf-wdm-exreleasespinlockshared", LOWER),
	FL_CALL("ExUnregisterCallback", UNKNOWN, "wdm/nf-wdm-exunregistercallback", UNREGISTERS(0)),
	FL_CALL("FltAcquirePushLockExclusive", APC, "fltkernel/nf-fltkernel-fltacquirepushlockexclusive"),
	FL_CALL("FltAcquirePushLockShared", APC, "fltkernel/nf-fltkernel-fltacquirepushlockshared"),
	FL_CALL("FltAcquireResourceExclusive", APC, "fltkernel/nf-fltkernel-fltacquireresourceexclusive"),
	FL_CALL("FltAcquireResourceShared", APC, "fltkernel/nf-fltkernel-fltacquireresourceshared"),
	FL_CALL("FltAllocateCallbackData", APC, "fltkernel/nf-fltkernel-fltallocatecallbackdata"),
	{ .name = "FltAllocateContext", .max_irql = APC, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = 1, .pool_arg = 3, CONTEXT(ALLOCATE, 4, 0), .doc = "fltkernel/nf-fltkernel-fltallocatecontext" },
	FL_CALL("FltAllocateExtraCreateParameter", APC, "fltkernel/nf-fltkernel-fltallocateextracreateparameter"),
	FL_CALL("FltAllocateExtraCreateParameterList", APC, "fltkernel/nf-fltkernel-fltallocateextracreateparameterlist"),
	FL_CALL("FltAllocateFileLock", APC, "fltkernel/nf-fltkernel-fltallocatefilelock"),
	FL_CALL("FltAllocateGenericWorkItem", DISPATCH, "fltkernel/nf-fltkernel-fltallocategenericworkitem"),
	FL_ALLOCATES("FltAllocatePoolAlignedWithTag", DISPATCH, 1, "fltkernel/nf-fltkernel-fltallocatepoolalignedwithtag"),
	FL_CALL("FltAttachVolume", PASSIVE, "fltkernel/nf-fltkernel-fltattachvolume"),
	FL_CALL("FltBuildDefaultSecurityDescriptor", PASSIVE, "fltkernel/nf-fltkernel-fltbuilddefaultsecuritydescriptor"),
	FL_CALL("FltCancelFileOpen", PASSIVE, "fltkernel/nf-fltkernel-fltcancelfileopen"),
	FL_CALL("FltCancelIo", DISPATCH, "fltkernel/nf-fltkernel-fltcancelio"),
	/* Remarks: PASSIVE_LEVEL when CallbackData is a Filter Manager IRP, else <= APC_LEVEL. */
	FL_CALL("FltCancellableWaitForSingleObject", APC, "fltkernel/nf-fltkernel-fltcancellablewaitforsingleobject"),
	/* The FltCbdqXxx calls (Remarks): <= DISPATCH_LEVEL when the queue's lock is a spin lock,
	 * <= APC_LEVEL for a mutex or resource; the table keeps the higher. */
	FL_CALL("FltCbdqDisable", DISPATCH, "fltkernel/nf-fltkernel-fltcbdqdisable"),
	/* Its six queue routines run inside the FltCbdqXxx calls; no callback kind models them. */
	FL_CALL("FltCbdqInitialize", HIGH, "fltkernel/nf-fltkernel-fltcbdqinitialize"),
	FL_CALL("FltCbdqInsertIo", DISPATCH, "fltkernel/nf-fltkernel-fltcbdqinsertio"),
	FL_CALL("FltCbdqRemoveNextIo", DISPATCH, "fltkernel/nf-fltkernel-fltcbdqremovenextio"),
	FL_CALL("FltCheckAndGrowNameControl", APC, "fltkernel/nf-fltkernel-fltcheckandgrownamecontrol"),
	FL_CALL("FltCheckLockForReadAccess", APC, "fltkernel/nf-fltkernel-fltchecklockforreadaccess"),
	FL_CALL("FltCheckOplock", APC, "fltkernel/nf-fltkernel-fltcheckoplock"),
	/* The page gives no IRQL. */
	FL_CALL("FltClearCallbackDataDirty", UNKNOWN, "fltkernel/nf-fltkernel-fltclearcallbackdatadirty"),
	FL_CALL("FltClearCancelCompletion", HIGH, "fltkernel/nf-fltkernel-fltclearcancelcompletion"),
	FL_CALL("FltClose", PASSIVE, "fltkernel/nf-fltkernel-fltclose"),
	FL_CALL("FltCloseClientPort", PASSIVE, "fltkernel/nf-fltkernel-fltcloseclientport"),
	FL_CALL("FltCloseCommunicationPort", PASSIVE, "fltkernel/nf-fltkernel-fltclosecommunicationport", UNREGISTERS(0)),
	FL_CALL("FltCloseSectionForDataScan", APC, "fltkernel/nf-fltkernel-fltclosesectionfordatascan"),
	FL_CALL("FltCompletePendedPostOperation", DISPATCH, "fltkernel/nf-fltkernel-fltcompletependedpostoperation"),
	FL_CALL("FltCompletePendedPreOperation", DISPATCH, "fltkernel/nf-fltkernel-fltcompletependedpreoperation"),
	{ .name = "FltCreateCommunicationPort", .max_irql = PASSIVE, .attributes_arg = 2, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE,
	  .callbacks = { { 4, FL_API_CALLBACK_PORT_CONNECT }, { 5, FL_API_CALLBACK_PORT_DISCONNECT },
			 { 6, FL_API_CALLBACK_PORT_MESSAGE } },
	  REGISTERS_OUT("FltCloseCommunicationPort", 1), .doc = "fltkernel/nf-fltkernel-fltcreatecommunicationport" },
	FL_OPENS("FltCreateFile", PASSIVE, 4, "fltkernel/nf-fltkernel-fltcreatefile"),
	FL_OPENS("FltCreateFileEx", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatefileex"),
	FL_OPENS("FltCreateFileEx2", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatefileex2"),
	FL_OPENS("FltCreateMailslotFile", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatemailslotfile"),
	FL_OPENS("FltCreateNamedPipeFile", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatenamedpipefile"),
	{ .name = "FltCreateSectionForDataScan", .max_irql = PASSIVE, .attributes_arg = 4,
	  .handle_flags_arg = NONE, .user_handle_by_design = true, .context_type_arg = NONE,
	  .pool_arg = NONE, .doc = "fltkernel/nf-fltkernel-fltcreatesectionfordatascan" },
	/* The page gives no IRQL. */
	FL_CALL("FltCreateSystemVolumeInformationFolder", UNKNOWN, "fltkernel/nf-fltkernel-fltcreatesystemvolumeinformationfolder"),
	FL_CALL("FltCurrentBatchOplock", APC, "fltkernel/nf-fltkernel-fltcurrentbatchoplock"),
	FL_CALL("FltDecodeParameters", HIGH, "fltkernel/nf-fltkernel-fltdecodeparameters"),
	FL_CALL("FltDeleteContext", APC, "fltkernel/nf-fltkernel-fltdeletecontext"),
	FL_CALL("FltDeleteFileContext", APC, "fltkernel/nf-fltkernel-fltdeletefilecontext"),
	FL_CALL("FltDeleteInstanceContext", APC, "fltkernel/nf-fltkernel-fltdeleteinstancecontext"),
	FL_CALL("FltDeleteStreamContext", APC, "fltkernel/nf-fltkernel-fltdeletestreamcontext"),
	FL_CALL("FltDeleteStreamHandleContext", APC, "fltkernel/nf-fltkernel-fltdeletestreamhandlecontext"),
	FL_CALL("FltDeleteTransactionContext", APC, "fltkernel/nf-fltkernel-fltdeletetransactioncontext"),
	FL_CALL("FltDeleteVolumeContext", APC, "fltkernel/nf-fltkernel-fltdeletevolumecontext"),
	FL_CALL("FltDetachVolume", APC, "fltkernel/nf-fltkernel-fltdetachvolume"),
	FL_CALL("FltDeviceIoControlFile", PASSIVE, "fltkernel/nf-fltkernel-fltdeviceiocontrolfile"),
	{ .name = "FltDoCompletionProcessingWhenSafe", .max_irql = DISPATCH, .attributes_arg = NONE,
	  .handle_flags_arg = NONE, .context_type_arg = NONE, .pool_arg = NONE,
	  .callbacks = { { 4, FL_API_CALLBACK_SAFE_POST } },
	  .doc = "fltkernel/nf-fltkernel-fltdocompletionprocessingwhensafe" },
	FL_CALL("FltEnlistInTransaction", APC, "fltkernel/nf-fltkernel-fltenlistintransaction"),
	FL_CALL("FltEnumerateInstances", APC, "fltkernel/nf-fltkernel-fltenumerateinstances"),
	FL_CALL("FltEnumerateVolumes", APC, "fltkernel/nf-fltkernel-fltenumeratevolumes"),
	FL_CALL("FltFindExtraCreateParameter", APC, "fltkernel/nf-fltkernel-fltfindextracreateparameter"),
	FL_CALL("FltFlushBuffers", PASSIVE, "fltkernel/nf-fltkernel-fltflushbuffers"),
	FL_CALL("FltFreeCallbackData", DISPATCH, "fltkernel/nf-fltkernel-fltfreecallbackdata"),
	FL_CALL("FltFreeExtraCreateParameter", APC, "fltkernel/nf-fltkernel-fltfreeextracreateparameter"),
	FL_CALL("FltFreeExtraCreateParameterList", APC, "fltkernel/nf-fltkernel-fltfreeextracreateparameterlist"),
	FL_CALL("FltFreeFileLock", APC, "fltkernel/nf-fltkernel-fltfreefilelock"),
	FL_CALL("FltFreeGenericWorkItem", DISPATCH, "fltkernel/nf-fltkernel-fltfreegenericworkitem"),
	/* Remarks: DISPATCH_LEVEL for memory from nonpaged pool, else <= APC_LEVEL (the pool
	 * type was the allocation's argument, not this call's). */
	FL_CALL("FltFreePoolAlignedWithTag", DISPATCH, "fltkernel/nf-fltkernel-fltfreepoolalignedwithtag"),
	FL_CALL("FltFreeSecurityDescriptor", APC, "fltkernel/nf-fltkernel-fltfreesecuritydescriptor"),
	FL_CALL("FltFsControlFile", PASSIVE, "fltkernel/nf-fltkernel-fltfscontrolfile"),
	FL_CALL("FltGetContexts", APC, "fltkernel/nf-fltkernel-fltgetcontexts"),
	FL_CALL("FltGetDestinationFileNameInformation", APC, "fltkernel/nf-fltkernel-fltgetdestinationfilenameinformation"),
	FL_CALL("FltGetDeviceObject", DISPATCH, "fltkernel/nf-fltkernel-fltgetdeviceobject"),
	FL_CALL("FltGetDiskDeviceObject", DISPATCH, "fltkernel/nf-fltkernel-fltgetdiskdeviceobject"),
	FL_CALL("FltGetEcpListFromCallbackData", APC, "fltkernel/nf-fltkernel-fltgetecplistfromcallbackdata"),
	FL_CALL("FltGetFileContext", APC, "fltkernel/nf-fltkernel-fltgetfilecontext", CONTEXT(GET, 2, FILE_CTX)),
	FL_CALL("FltGetFileNameInformation", APC, "fltkernel/nf-fltkernel-fltgetfilenameinformation"),
	FL_CALL("FltGetFileNameInformationUnsafe", APC, "fltkernel/nf-fltkernel-fltgetfilenameinformationunsafe"),
	FL_CALL("FltGetFileSystemType", APC, "fltkernel/nf-fltkernel-fltgetfilesystemtype"),
	FL_CALL("FltGetInstanceContext", APC, "fltkernel/nf-fltkernel-fltgetinstancecontext", CONTEXT(GET, 1, INSTANCE_CTX)),
	FL_CALL("FltGetIrpName", HIGH, "fltkernel/nf-fltkernel-fltgetirpname"),
	FL_CALL("FltGetNextExtraCreateParameter", APC, "fltkernel/nf-fltkernel-fltgetnextextracreateparameter"),
	FL_CALL("FltGetRequestorProcess", DISPATCH, "fltkernel/nf-fltkernel-fltgetrequestorprocess"),
	FL_CALL("FltGetRequestorProcessId", DISPATCH, "fltkernel/nf-fltkernel-fltgetrequestorprocessid"),
	FL_CALL("FltGetRoutineAddress", DISPATCH, "fltkernel/nf-fltkernel-fltgetroutineaddress"),
	FL_CALL("FltGetSectionContext", APC, "fltkernel/nf-fltkernel-fltgetsectioncontext", CONTEXT(GET, 2, SECTION_CTX)),
	FL_CALL("FltGetStreamContext", APC, "fltkernel/nf-fltkernel-fltgetstreamcontext", CONTEXT(GET, 2, STREAM_CTX)),
	FL_CALL("FltGetStreamHandleContext", APC, "fltkernel/nf-fltkernel-fltgetstreamhandlecontext", CONTEXT(GET, 2, STREAMHANDLE_CTX)),
	FL_CALL("FltGetTransactionContext", APC, "fltkernel/nf-fltkernel-fltgettransactioncontext", CONTEXT(GET, 2, TRANSACTION_CTX)),
	FL_CALL("FltGetVolumeContext", APC, "fltkernel/nf-fltkernel-fltgetvolumecontext", CONTEXT(GET, 2, VOLUME_CTX)),
	FL_CALL("FltGetVolumeFromFileObject", APC, "fltkernel/nf-fltkernel-fltgetvolumefromfileobject"),
	FL_CALL("FltGetVolumeFromInstance", APC, "fltkernel/nf-fltkernel-fltgetvolumefrominstance"),
	FL_CALL("FltGetVolumeFromName", PASSIVE, "fltkernel/nf-fltkernel-fltgetvolumefromname"),
	FL_CALL("FltGetVolumeGuidName", PASSIVE, "fltkernel/nf-fltkernel-fltgetvolumeguidname"),
	FL_CALL("FltGetVolumeInstanceFromName", APC, "fltkernel/nf-fltkernel-fltgetvolumeinstancefromname"),
	FL_CALL("FltGetVolumeName", APC, "fltkernel/nf-fltkernel-fltgetvolumename"),
	FL_CALL("FltGetVolumeProperties", APC, "fltkernel/nf-fltkernel-fltgetvolumeproperties"),
	FL_CALL("FltInitializeFileLock", APC, "fltkernel/nf-fltkernel-fltinitializefilelock"),
	FL_CALL("FltInitializeOplock", APC, "fltkernel/nf-fltkernel-fltinitializeoplock"),
	FL_CALL("FltInsertExtraCreateParameter", APC, "fltkernel/nf-fltkernel-fltinsertextracreateparameter"),
	FL_CALL("FltIsDirectory", APC, "fltkernel/nf-fltkernel-fltisdirectory"),
	FL_CALL("FltIsEcpAcknowledged", APC, "fltkernel/nf-fltkernel-fltisecpacknowledged"),
	FL_CALL("FltIsEcpFromUserMode", APC, "fltkernel/nf-fltkernel-fltisecpfromusermode"),
	FL_CALL("FltIsIoCanceled", HIGH, "fltkernel/nf-fltkernel-fltisiocanceled"),
	FL_CALL("FltIsOperationSynchronous", HIGH, "fltkernel/nf-fltkernel-fltisoperationsynchronous"),
	FL_CALL("FltIsVolumeWritable", PASSIVE, "fltkernel/nf-fltkernel-fltisvolumewritable"),
	FL_CALL("FltLockUserBuffer", APC, "fltkernel/nf-fltkernel-fltlockuserbuffer"),
	FL_CALL("FltObjectDereference", DISPATCH, "fltkernel/nf-fltkernel-fltobjectdereference"),
	FL_CALL("FltObjectReference", DISPATCH, "fltkernel/nf-fltkernel-fltobjectreference"),
	FL_CALL("FltOpenVolume", PASSIVE, "fltkernel/nf-fltkernel-fltopenvolume"),
	FL_CALL("FltOplockFsctrl", APC, "fltkernel/nf-fltkernel-fltoplockfsctrl"),
	FL_CALL("FltOplockIsFastIoPossible", APC, "fltkernel/nf-fltkernel-fltoplockisfastiopossible"),
	FL_CALL("FltParseFileNameInformation", APC, "fltkernel/nf-fltkernel-fltparsefilenameinformation"),
	{ .name = "FltPerformAsynchronousIo", .max_irql = APC, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltperformasynchronousio" },
	FL_CALL("FltPerformSynchronousIo", APC, "fltkernel/nf-fltkernel-fltperformsynchronousio"),
	FL_CALL("FltQueryDirectoryFile", PASSIVE, "fltkernel/nf-fltkernel-fltquerydirectoryfile"),
	FL_CALL("FltQueryInformationFile", PASSIVE, "fltkernel/nf-fltkernel-fltqueryinformationfile"),
	FL_CALL("FltQueryVolumeInformation", PASSIVE, "fltkernel/nf-fltkernel-fltqueryvolumeinformation"),
	{ .name = "FltQueueDeferredIoWorkItem", .max_irql = DISPATCH, .attributes_arg = NONE,
	  .handle_flags_arg = NONE, .context_type_arg = NONE, .pool_arg = NONE,
	  .callbacks = { { 2, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "fltkernel/nf-fltkernel-fltqueuedeferredioworkitem" },
	{ .name = "FltQueueGenericWorkItem", .max_irql = DISPATCH, .attributes_arg = NONE,
	  .handle_flags_arg = NONE, .context_type_arg = NONE, .pool_arg = NONE,
	  .callbacks = { { 2, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "fltkernel/nf-fltkernel-fltqueuegenericworkitem" },
	{ .name = "FltReadFile", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 7, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltreadfile" },
	{ .name = "FltReadFileEx", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 7, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltreadfileex" },
	FL_CALL("FltReferenceContext", DISPATCH, "fltkernel/nf-fltkernel-fltreferencecontext", CONTEXT(REFERENCE, 0, 0)),
	FL_CALL("FltRegisterFilter", APC, "fltkernel/nf-fltkernel-fltregisterfilter", REGISTERS_OUT("FltUnregisterFilter", 2)),
	FL_CALL("FltRegisterForDataScan", APC, "fltkernel/nf-fltkernel-fltregisterfordatascan"),
	FL_CALL("FltReleaseContext", DISPATCH, "fltkernel/nf-fltkernel-fltreleasecontext", .apc_if_paged = true, CONTEXT(RELEASE, 0, 0)),
	FL_CALL("FltReleaseContexts", DISPATCH, "fltkernel/nf-fltkernel-fltreleasecontexts", .apc_if_paged = true),
	FL_CALL("FltReleaseFileNameInformation", APC, "fltkernel/nf-fltkernel-fltreleasefilenameinformation"),
	FL_CALL("FltReleasePushLock", APC, "fltkernel/nf-fltkernel-fltreleasepushlock"),
	FL_CALL("FltReleaseResource", DISPATCH, "fltkernel/nf-fltkernel-fltreleaseresource"),
	/* Its CallbackRoutine (argument 1) runs in the originating thread at <= APC_LEVEL;
	 * no callback kind models it yet. */
	FL_CALL("FltRequestOperationStatusCallback", APC, "fltkernel/nf-fltkernel-fltrequestoperationstatuscallback"),
	FL_CALL("FltReuseCallbackData", APC, "fltkernel/nf-fltkernel-fltreusecallbackdata"),
	FL_CALL("FltRollbackEnlistment", APC, "fltkernel/nf-fltkernel-fltrollbackenlistment"),
	FL_CALL("FltSendMessage", APC, "fltkernel/nf-fltkernel-fltsendmessage"),
	FL_CALL("FltSetCallbackDataDirty", HIGH, "fltkernel/nf-fltkernel-fltsetcallbackdatadirty"),
	FL_CALL("FltSetCancelCompletion", DISPATCH, "fltkernel/nf-fltkernel-fltsetcancelcompletion"),
	FL_CALL("FltSetEcpListIntoCallbackData", APC, "fltkernel/nf-fltkernel-fltsetecplistintocallbackdata"),
	FL_CALL("FltSetFileContext", APC, "fltkernel/nf-fltkernel-fltsetfilecontext", CONTEXT(SET, 4, FILE_CTX)),
	FL_CALL("FltSetInformationFile", PASSIVE, "fltkernel/nf-fltkernel-fltsetinformationfile"),
	FL_CALL("FltSetInstanceContext", APC, "fltkernel/nf-fltkernel-fltsetinstancecontext", CONTEXT(SET, 3, INSTANCE_CTX)),
	FL_CALL("FltSetStreamContext", APC, "fltkernel/nf-fltkernel-fltsetstreamcontext", CONTEXT(SET, 4, STREAM_CTX)),
	FL_CALL("FltSetStreamHandleContext", APC, "fltkernel/nf-fltkernel-fltsetstreamhandlecontext", CONTEXT(SET, 4, STREAMHANDLE_CTX)),
	FL_CALL("FltSetTransactionContext", APC, "fltkernel/nf-fltkernel-fltsettransactioncontext", CONTEXT(SET, 4, TRANSACTION_CTX)),
	FL_CALL("FltSetVolumeContext", APC, "fltkernel/nf-fltkernel-fltsetvolumecontext", CONTEXT(SET, 3, VOLUME_CTX)),
	FL_CALL("FltStartFiltering", APC, "fltkernel/nf-fltkernel-fltstartfiltering"),
	FL_CALL("FltSupportsStreamHandleContexts", APC, "fltkernel/nf-fltkernel-fltsupportsstreamhandlecontexts"),
	FL_CALL("FltUninitializeFileLock", APC, "fltkernel/nf-fltkernel-fltuninitializefilelock"),
	FL_CALL("FltUninitializeOplock", APC, "fltkernel/nf-fltkernel-fltuninitializeoplock"),
	FL_CALL("FltUnregisterFilter", APC, "fltkernel/nf-fltkernel-fltunregisterfilter", UNREGISTERS(0)),
	{ .name = "FltWriteFile", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 7, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltwritefile" },
	{ .name = "FltWriteFileEx", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 7, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltwritefileex" },
	FL_OPENS("IoCreateFile", PASSIVE, 2, "wdm/nf-wdm-iocreatefile"),
	FL_OPENS("IoCreateFileEx", PASSIVE, 2, "ntddk/nf-ntddk-iocreatefileex"),
	FL_OPENS("IoCreateFileSpecifyDeviceObjectHint", PASSIVE, 2,
		 "ntddk/nf-ntddk-iocreatefilespecifydeviceobjecthint"),
	FL_CALL("IoQueryFileDosDeviceName", PASSIVE, "ntifs/nf-ntifs-ioqueryfiledosdevicename"),
	{ .name = "IoQueueWorkItem", .max_irql = DISPATCH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "wdm/nf-wdm-ioqueueworkitem" },
	{ .name = "IoQueueWorkItemEx", .max_irql = DISPATCH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "wdm/nf-wdm-ioqueueworkitemex" },
	FL_CALL("IoRegisterFsRegistrationChange", PASSIVE, "ntifs/nf-ntifs-ioregisterfsregistrationchange",
		REGISTERS("IoUnregisterFsRegistrationChange", 1)),
	FL_CALL("IoRegisterLastChanceShutdownNotification", PASSIVE, "wdm/nf-wdm-ioregisterlastchanceshutdownnotification",
		REGISTERS("IoUnregisterShutdownNotification", 0)),
	/* The NotificationEntry out-pointer names the registration; IoUnregisterPlugPlayNotificationEx
	 * undoes it (wdm/nf-wdm-iounregisterplugplaynotificationex). */
	FL_CALL("IoRegisterPlugPlayNotification", PASSIVE, "wdm/nf-wdm-ioregisterplugplaynotification",
		REGISTERS_OUT("IoUnregisterPlugPlayNotificationEx", 6)),
	FL_CALL("IoRegisterShutdownNotification", PASSIVE, "wdm/nf-wdm-ioregistershutdownnotification",
		REGISTERS("IoUnregisterShutdownNotification", 0)),
	FL_CALL("IoUnregisterFsRegistrationChange", PASSIVE, "ntifs/nf-ntifs-iounregisterfsregistrationchange", UNREGISTERS(1)),
	FL_CALL("IoUnregisterPlugPlayNotificationEx", PASSIVE, "wdm/nf-wdm-iounregisterplugplaynotificationex", UNREGISTERS(0)),
	FL_CALL("IoUnregisterShutdownNotification", PASSIVE, "wdm/nf-wdm-iounregistershutdownnotification", UNREGISTERS(0)),
	FL_CALL("IoVolumeDeviceToDosName", PASSIVE, "ntddk/nf-ntddk-iovolumedevicetodosname"),
	FL_CALL("KeAcquireInStackQueuedSpinLock", DISPATCH, "wdm/nf-wdm-keacquireinstackqueuedspinlock", RAISE(DISPATCH)),
	FL_CALL("KeAcquireInStackQueuedSpinLockAtDpcLevel", DISPATCH, "wdm/nf-wdm-keacquireinstackqueuedspinlockatdpclevel", RAISE(DISPATCH)),
	FL_CALL("KeAcquireInStackQueuedSpinLockForDpc", DISPATCH, "wdm/nf-wdm-keacquireinstackqueuedspinlockfordpc", RAISE(DISPATCH)),
	FL_CALL("KeAcquireSpinLockAtDpcLevel", DISPATCH, "wdm/nf-wdm-keacquirespinlockatdpclevel", RAISE(DISPATCH)),
	FL_CALL("KeAcquireSpinLockForDpc", DISPATCH, "wdm/nf-wdm-keacquirespinlockfordpc", RAISE(DISPATCH)),
	FL_CALL("KeAcquireSpinLockRaiseToDpc", DISPATCH, "wdm/nf-wdm-keacquirespinlockraisetodpc", RAISE(DISPATCH)),
	FL_CALL("KeDelayExecutionThread", APC, "wdm/nf-wdm-kedelayexecutionthread"),
	/* Bug-check callbacks: any IRQL; the caller's KBUGCHECK_*CALLBACK_RECORD names the registration. */
	FL_CALL("KeDeregisterBugCheckCallback", HIGH, "wdm/nf-wdm-kederegisterbugcheckcallback", UNREGISTERS(0)),
	FL_CALL("KeDeregisterBugCheckReasonCallback", HIGH, "wdm/nf-wdm-kederegisterbugcheckreasoncallback", UNREGISTERS(0)),
	/* NMI and processor-change callbacks: the handle is the value returned; no IRQL recorded. */
	FL_CALL("KeDeregisterNmiCallback", UNKNOWN, "wdm/nf-wdm-kederegisternmicallback", UNREGISTERS(0)),
	FL_CALL("KeDeregisterProcessorChangeCallback", UNKNOWN, "wdm/nf-wdm-kederegisterprocessorchangecallback",
		UNREGISTERS(0)),
	{ .name = "KeInitializeDpc", .max_irql = HIGH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_DPC } },
	  .doc = "wdm/nf-wdm-keinitializedpc" },
	FL_CALL("KeLowerIrql", HIGH, "wdm/nf-wdm-kelowerirql", LOWER),
	FL_CALL("KeRaiseIrql", HIGH, "wdm/nf-wdm-keraiseirql", .irql_effect = FL_IRQL_EFFECT_RAISE, .raises_to = FL_IRQL_FROM_ARG, .raise_level_arg = 0),
	FL_CALL("KeRaiseIrqlToDpcLevel", DISPATCH, "wdm/nf-wdm-keraiseirqltodpclevel", RAISE(DISPATCH)),
	FL_CALL("KeRegisterBugCheckCallback", HIGH, "wdm/nf-wdm-keregisterbugcheckcallback",
		REGISTERS("KeDeregisterBugCheckCallback", 0)),
	FL_CALL("KeRegisterBugCheckReasonCallback", HIGH, "wdm/nf-wdm-keregisterbugcheckreasoncallback",
		REGISTERS("KeDeregisterBugCheckReasonCallback", 0)),
	FL_CALL("KeRegisterNmiCallback", UNKNOWN, "wdm/nf-wdm-keregisternmicallback", REGISTERS("KeDeregisterNmiCallback", NONE)),
	FL_CALL("KeRegisterProcessorChangeCallback", UNKNOWN, "wdm/nf-wdm-keregisterprocessorchangecallback",
		REGISTERS("KeDeregisterProcessorChangeCallback", NONE)),
	FL_CALL("KeReleaseInStackQueuedSpinLock", DISPATCH, "wdm/nf-wdm-kereleaseinstackqueuedspinlock", LOWER),
	FL_CALL("KeReleaseInStackQueuedSpinLockForDpc", DISPATCH, "wdm/nf-wdm-kereleaseinstackqueuedspinlockfordpc", LOWER),
	FL_CALL("KeReleaseInStackQueuedSpinLockFromDpcLevel", DISPATCH, "wdm/nf-wdm-kereleaseinstackqueuedspinlockfromdpclevel", LOWER),
	FL_CALL("KeReleaseSpinLock", DISPATCH, "wdm/nf-wdm-kereleasespinlock", LOWER),
	FL_CALL("KeReleaseSpinLockForDpc", DISPATCH, "wdm/nf-wdm-kereleasespinlockfordpc", LOWER),
	FL_CALL("KeReleaseSpinLockFromDpcLevel", DISPATCH, "wdm/nf-wdm-kereleasespinlockfromdpclevel", LOWER),
	FL_CALL("KefAcquireSpinLockAtDpcLevel", DISPATCH, "wdm/nf-wdm-keacquirespinlockatdpclevel", RAISE(DISPATCH)),
	FL_CALL("KefReleaseSpinLockFromDpcLevel", DISPATCH, "wdm/nf-wdm-kereleasespinlockfromdpclevel", LOWER),
	FL_CALL("KfAcquireSpinLock", DISPATCH, "wdm/nf-wdm-keacquirespinlock", RAISE(DISPATCH)),
	FL_CALL("KfLowerIrql", HIGH, "wdm/nf-wdm-kelowerirql", LOWER),
	FL_CALL("KfRaiseIrql", HIGH, "wdm/nf-wdm-keraiseirql", .irql_effect = FL_IRQL_EFFECT_RAISE, .raises_to = FL_IRQL_FROM_ARG, .raise_level_arg = 0),
	FL_CALL("KfReleaseSpinLock", DISPATCH, "wdm/nf-wdm-kereleasespinlock", LOWER),
	/* Priority: an MM_PAGE_PRIORITY that MdlMappingNoExecute (Windows 8 and later) makes an NX
	 * mapping.  MmGetSystemAddressForMdlSafe is a macro over MmMapLockedPagesSpecifyCache in the
	 * WDK's headers; its entry serves headers that declare it as a function. */
	FL_CALL("MmGetSystemAddressForMdlSafe", DISPATCH, "wdm/nf-wdm-mmgetsystemaddressformdlsafe",
		.nx_flag = FL_NX_FLAG_MDL_NO_EXECUTE, .nx_flag_arg = 1),
	FL_CALL("MmGetSystemRoutineAddress", PASSIVE, "wdm/nf-wdm-mmgetsystemroutineaddress"),
	/* IRQL: <= DISPATCH_LEVEL for KernelMode, <= APC_LEVEL for UserMode; the table keeps the higher. */
	FL_CALL("MmMapLockedPagesSpecifyCache", DISPATCH, "wdm/nf-wdm-mmmaplockedpagesspecifycache",
		.nx_flag = FL_NX_FLAG_MDL_NO_EXECUTE, .nx_flag_arg = 5),
	FL_OPENS("ObOpenObjectByName", PASSIVE, 0, "ntifs/nf-ntifs-obopenobjectbyname"),
	{ .name = "ObOpenObjectByPointer", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 1,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-obopenobjectbypointer" },
	FL_CALL("ObReferenceObjectByHandle", PASSIVE, "wdm/nf-wdm-obreferenceobjectbyhandle"),
	/* ObRegisterCallbacks: PASSIVE_LEVEL; RegistrationHandle is what ObUnRegisterCallbacks takes. */
	FL_CALL("ObRegisterCallbacks", PASSIVE, "wdm/nf-wdm-obregistercallbacks", REGISTERS_OUT("ObUnRegisterCallbacks", 1)),
	FL_CALL("ObUnRegisterCallbacks", PASSIVE, "wdm/nf-wdm-obunregistercallbacks", UNREGISTERS(0)),
	/* The Handle out-pointer names the registration (wdm/nf-wdm-poregisterpowersettingcallback). */
	FL_CALL("PoRegisterPowerSettingCallback", PASSIVE, "wdm/nf-wdm-poregisterpowersettingcallback",
		REGISTERS_OUT("PoUnregisterPowerSettingCallback", 4)),
	FL_CALL("PoUnregisterPowerSettingCallback", PASSIVE, "wdm/nf-wdm-pounregisterpowersettingcallback", UNREGISTERS(0)),
	{ .name = "PsCreateSystemThread", .max_irql = PASSIVE, .attributes_arg = 2, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 5, FL_API_CALLBACK_SYSTEM_THREAD } },
	  .doc = "wdm/nf-wdm-pscreatesystemthread" },
	FL_CALL("PsLookupProcessByProcessId", APC, "ntifs/nf-ntifs-pslookupprocessbyprocessid"),
	FL_CALL("PsRemoveCreateThreadNotifyRoutine", PASSIVE, "ntddk/nf-ntddk-psremovecreatethreadnotifyroutine", UNREGISTERS(0)),
	FL_CALL("PsRemoveLoadImageNotifyRoutine", PASSIVE, "ntddk/nf-ntddk-psremoveloadimagenotifyroutine", UNREGISTERS(0)),
	/* The same call removes the routine when Remove is TRUE. */
	FL_CALL("PsSetCreateProcessNotifyRoutine", PASSIVE, "ntddk/nf-ntddk-pssetcreateprocessnotifyroutine", REMOVABLE(0, 1)),
	FL_CALL("PsSetCreateProcessNotifyRoutineEx", PASSIVE, "ntddk/nf-ntddk-pssetcreateprocessnotifyroutineex", REMOVABLE(0, 1)),
	FL_CALL("PsSetCreateProcessNotifyRoutineEx2", PASSIVE, "ntddk/nf-ntddk-pssetcreateprocessnotifyroutineex2", REMOVABLE(1, 2)),
	FL_CALL("PsSetCreateThreadNotifyRoutine", PASSIVE, "ntddk/nf-ntddk-pssetcreatethreadnotifyroutine",
		REGISTERS("PsRemoveCreateThreadNotifyRoutine", 0)),
	FL_CALL("PsSetCreateThreadNotifyRoutineEx", PASSIVE, "ntddk/nf-ntddk-pssetcreatethreadnotifyroutineex",
		REGISTERS("PsRemoveCreateThreadNotifyRoutine", 1)),
	FL_CALL("PsSetLoadImageNotifyRoutine", PASSIVE, "ntddk/nf-ntddk-pssetloadimagenotifyroutine",
		REGISTERS("PsRemoveLoadImageNotifyRoutine", 0)),
	FL_CALL("PsSetLoadImageNotifyRoutineEx", PASSIVE, "ntddk/nf-ntddk-pssetloadimagenotifyroutineex",
		REGISTERS("PsRemoveLoadImageNotifyRoutine", 0)),
	FL_CALL("PsTerminateSystemThread", PASSIVE, "wdm/nf-wdm-psterminatesystemthread"),
	FL_CALL("RtlCompareUnicodeString", PASSIVE, "wdm/nf-wdm-rtlcompareunicodestring"),
	FL_CALL("RtlEqualUnicodeString", PASSIVE, "wdm/nf-wdm-rtlequalunicodestring"),
	FL_CALL("RtlUpcaseUnicodeString", APC, "ntddk/nf-ntddk-rtlupcaseunicodestring"),
	FL_CALL("SeLocateProcessImageName", PASSIVE, "ntifs/nf-ntifs-selocateprocessimagename"),
	FL_CALL("ZwClose", PASSIVE, "wdm/nf-wdm-zwclose"),
	FL_OPENS("ZwCreateDirectoryObject", PASSIVE, 2, "wdm/nf-wdm-zwcreatedirectoryobject"),
	FL_OPENS("ZwCreateEvent", PASSIVE, 2, "ntifs/nf-ntifs-zwcreateevent"),
	FL_OPENS("ZwCreateFile", PASSIVE, 2, "wdm/nf-wdm-zwcreatefile"),
	FL_OPENS("ZwCreateKey", PASSIVE, 2, "wdm/nf-wdm-zwcreatekey"),
	FL_OPENS("ZwCreateKeyTransacted", PASSIVE, 2, "wdm/nf-wdm-zwcreatekeytransacted"),
	FL_OPENS("ZwCreateSection", PASSIVE, 2, "wdm/nf-wdm-zwcreatesection"),
	FL_OPENS("ZwCreateTransaction", PASSIVE, 2, "wdm/nf-wdm-zwcreatetransaction"),
	FL_CALL("ZwDeleteKey", PASSIVE, "wdm/nf-wdm-zwdeletekey"),
	FL_CALL("ZwDeleteValueKey", PASSIVE, "wdm/nf-wdm-zwdeletevaluekey"),
	{ .name = "ZwDuplicateObject", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 5,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-zwduplicateobject" },
	FL_CALL("ZwEnumerateKey", PASSIVE, "wdm/nf-wdm-zwenumeratekey"),
	FL_CALL("ZwEnumerateValueKey", PASSIVE, "wdm/nf-wdm-zwenumeratevaluekey"),
	FL_CALL("ZwFlushKey", PASSIVE, "wdm/nf-wdm-zwflushkey"),
	FL_CALL("ZwFsControlFile", PASSIVE, "ntifs/nf-ntifs-zwfscontrolfile"),
	FL_OPENS("ZwOpenDirectoryObject", PASSIVE, 2, "wdm/nf-wdm-zwopendirectoryobject"),
	FL_OPENS("ZwOpenEvent", PASSIVE, 2, "ntifs/nf-ntifs-zwopenevent"),
	FL_OPENS("ZwOpenFile", PASSIVE, 2, "wdm/nf-wdm-zwopenfile"),
	FL_OPENS("ZwOpenKey", PASSIVE, 2, "wdm/nf-wdm-zwopenkey"),
	FL_OPENS("ZwOpenKeyEx", PASSIVE, 2, "wdm/nf-wdm-zwopenkeyex"),
	FL_OPENS("ZwOpenKeyTransacted", PASSIVE, 2, "wdm/nf-wdm-zwopenkeytransacted"),
	FL_OPENS("ZwOpenProcess", PASSIVE, 2, "ntddk/nf-ntddk-zwopenprocess"),
	{ .name = "ZwOpenProcessTokenEx", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 2,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-zwopenprocesstokenex" },
	FL_OPENS("ZwOpenSection", PASSIVE, 2, "wdm/nf-wdm-zwopensection"),
	FL_OPENS("ZwOpenSymbolicLinkObject", PASSIVE, 2, "wdm/nf-wdm-zwopensymboliclinkobject"),
	FL_OPENS("ZwOpenThread", PASSIVE, 2, "ntddk/nf-ntddk-zwopenthread"),
	{ .name = "ZwOpenThreadTokenEx", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 3,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-zwopenthreadtokenex" },
	FL_CALL("ZwQueryDirectoryFile", PASSIVE, "ntifs/nf-ntifs-zwquerydirectoryfile"),
	FL_CALL("ZwQueryInformationFile", PASSIVE, "wdm/nf-wdm-zwqueryinformationfile"),
	FL_CALL("ZwQueryKey", PASSIVE, "wdm/nf-wdm-zwquerykey"),
	FL_CALL("ZwQueryValueKey", PASSIVE, "wdm/nf-wdm-zwqueryvaluekey"),
	FL_CALL("ZwQueryVolumeInformationFile", PASSIVE, "ntifs/nf-ntifs-zwqueryvolumeinformationfile"),
	FL_CALL("ZwReadFile", PASSIVE, "wdm/nf-wdm-zwreadfile"),
	FL_CALL("ZwSetInformationFile", PASSIVE, "wdm/nf-wdm-zwsetinformationfile"),
	FL_CALL("ZwSetValueKey", PASSIVE, "wdm/nf-wdm-zwsetvaluekey"),
	FL_CALL("ZwWaitForSingleObject", PASSIVE, "wdm/nf-wdm-zwwaitforsingleobject"),
	FL_CALL("ZwWriteFile", PASSIVE, "wdm/nf-wdm-zwwritefile"),
};

static const struct {
	long long value;
	const char *name;
} fl_pool_types[] = {
	{ 0, "NonPagedPool" }, { 1, "PagedPool" }, { 2, "NonPagedPoolMustSucceed" },
	{ 3, "DontUseThisType" }, { 4, "NonPagedPoolCacheAligned" }, { 5, "PagedPoolCacheAligned" },
	{ 6, "NonPagedPoolCacheAlignedMustS" }, { 7, "MaxPoolType" }, { 32, "NonPagedPoolSession" },
	{ 33, "PagedPoolSession" }, { 34, "NonPagedPoolMustSucceedSession" },
	{ 35, "DontUseThisTypeSession" }, { 36, "NonPagedPoolCacheAlignedSession" },
	{ 37, "PagedPoolCacheAlignedSession" }, { 38, "NonPagedPoolCacheAlignedMustSSession" },
	{ 512, "NonPagedPoolNx" }, { 516, "NonPagedPoolNxCacheAligned" }, { 544, "NonPagedPoolSessionNx" },
};

const char *fl_pool_type_name(long long value)
{
	for (size_t i = 0; i < sizeof(fl_pool_types) / sizeof(fl_pool_types[0]); i++)
		if (fl_pool_types[i].value == value)
			return fl_pool_types[i].name;
	return NULL;
}

bool fl_pool_type_is_paged(long long value)
{
	/* Pool types are a base type (even: nonpaged, odd: paged) plus the
	 * session (32), Nx (512) and cache-aligned (4) modifiers. */
	return value >= 0 && (value & 1) != 0;
}

bool fl_pool_type_is_executable(long long value)
{
	return value >= 0 && (value & 1) == 0 && (value & FL_POOL_NON_PAGED_NX) == 0;
}

static int fl_compare_api(const void *key, const void *entry)
{
	return strcmp(key, ((const struct fl_api *)entry)->name);
}

const struct fl_api *fl_api_find(const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, fl_api_table, sizeof(fl_api_table) / sizeof(fl_api_table[0]),
		       sizeof(fl_api_table[0]), fl_compare_api);
}

const struct fl_api *fl_api_all(unsigned *count)
{
	*count = sizeof(fl_api_table) / sizeof(fl_api_table[0]);
	return fl_api_table;
}
