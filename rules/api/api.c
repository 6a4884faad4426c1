/* The API table.  Kept sorted by name (fl_api_find searches it; a test
 * checks the order).  Argument positions are 0-based. */
#include "api.h"

#include <stdlib.h>
#include <string.h>

#define NONE FL_NO_ARG
#define PASSIVE FL_IRQL_PASSIVE
#define APC FL_IRQL_APC
#define DISPATCH FL_IRQL_DISPATCH
#define UNKNOWN FL_IRQL_UNKNOWN

/* A function that creates a handle from object attributes at `attributes`. */
#define FL_OPENS(name_, irql, attributes, doc_)                                                       \
	{ .name = name_, .max_irql = irql, .attributes_arg = attributes, .handle_flags_arg = NONE,      \
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = doc_ }

static const struct fl_api fl_api_table[] = {
	{ .name = "FltAllocateContext", .max_irql = APC, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = 1, .pool_arg = 3, .doc = "fltkernel/nf-fltkernel-fltallocatecontext" },
	FL_OPENS("FltCreateCommunicationPort", PASSIVE, 2, "fltkernel/nf-fltkernel-fltcreatecommunicationport"),
	FL_OPENS("FltCreateFile", PASSIVE, 4, "fltkernel/nf-fltkernel-fltcreatefile"),
	FL_OPENS("FltCreateFileEx", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatefileex"),
	FL_OPENS("FltCreateFileEx2", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatefileex2"),
	FL_OPENS("FltCreateMailslotFile", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatemailslotfile"),
	FL_OPENS("FltCreateNamedPipeFile", PASSIVE, 5, "fltkernel/nf-fltkernel-fltcreatenamedpipefile"),
	{ .name = "FltCreateSectionForDataScan", .max_irql = PASSIVE, .attributes_arg = 4,
	  .handle_flags_arg = NONE, .user_handle_by_design = true, .context_type_arg = NONE,
	  .pool_arg = NONE, .doc = "fltkernel/nf-fltkernel-fltcreatesectionfordatascan" },
	{ .name = "FltDoCompletionProcessingWhenSafe", .max_irql = DISPATCH, .attributes_arg = NONE,
	  .handle_flags_arg = NONE, .context_type_arg = NONE, .pool_arg = NONE,
	  .callbacks = { { 4, FL_API_CALLBACK_SAFE_POST } },
	  .doc = "fltkernel/nf-fltkernel-fltdocompletionprocessingwhensafe" },
	{ .name = "FltPerformAsynchronousIo", .max_irql = APC, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_ASYNC_IO } },
	  .doc = "fltkernel/nf-fltkernel-fltperformasynchronousio" },
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
	{ .name = "IoQueueWorkItem", .max_irql = DISPATCH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "wdm/nf-wdm-ioqueueworkitem" },
	{ .name = "IoQueueWorkItemEx", .max_irql = DISPATCH, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_WORK_ITEM } },
	  .doc = "wdm/nf-wdm-ioqueueworkitemex" },
	{ .name = "KeInitializeDpc", .max_irql = UNKNOWN, .attributes_arg = NONE, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 1, FL_API_CALLBACK_DPC } },
	  .doc = "wdm/nf-wdm-keinitializedpc" },
	FL_OPENS("ObOpenObjectByName", PASSIVE, 0, "ntifs/nf-ntifs-obopenobjectbyname"),
	{ .name = "ObOpenObjectByPointer", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 1,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-obopenobjectbypointer" },
	{ .name = "PsCreateSystemThread", .max_irql = PASSIVE, .attributes_arg = 2, .handle_flags_arg = NONE,
	  .context_type_arg = NONE, .pool_arg = NONE, .callbacks = { { 5, FL_API_CALLBACK_SYSTEM_THREAD } },
	  .doc = "wdm/nf-wdm-pscreatesystemthread" },
	FL_OPENS("ZwCreateDirectoryObject", PASSIVE, 2, "wdm/nf-wdm-zwcreatedirectoryobject"),
	FL_OPENS("ZwCreateEvent", PASSIVE, 2, "ntifs/nf-ntifs-zwcreateevent"),
	FL_OPENS("ZwCreateFile", PASSIVE, 2, "wdm/nf-wdm-zwcreatefile"),
	FL_OPENS("ZwCreateKey", PASSIVE, 2, "wdm/nf-wdm-zwcreatekey"),
	FL_OPENS("ZwCreateKeyTransacted", PASSIVE, 2, "wdm/nf-wdm-zwcreatekeytransacted"),
	FL_OPENS("ZwCreateSection", PASSIVE, 2, "wdm/nf-wdm-zwcreatesection"),
	FL_OPENS("ZwCreateTransaction", PASSIVE, 2, "wdm/nf-wdm-zwcreatetransaction"),
	{ .name = "ZwDuplicateObject", .max_irql = PASSIVE, .attributes_arg = NONE, .handle_flags_arg = 5,
	  .context_type_arg = NONE, .pool_arg = NONE, .doc = "ntifs/nf-ntifs-zwduplicateobject" },
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
