/*
 * fltlint_kernel.h - what fltlint's bundled WDK headers add on top of the
 * mingw-w64 DDK headers for every kernel-mode unit.
 *
 * Written for fltlint from Microsoft's documented driver API (the DDI
 * reference and the SAL / driver annotation pages); not derived from the WDK.
 * The wdm.h wrapper beside this file includes it right after mingw-w64's
 * wdm.h, so it applies whether a driver starts from <wdm.h>, <ntddk.h>,
 * <ntifs.h> or <fltKernel.h>.
 *
 * Three kinds of content:
 *  1. SAL IRQL annotations made readable: the analyzer finds them as clang
 *     `annotate` attributes (mingw-w64 defines them away).
 *  2. The WDK's C habits mingw-w64 spells differently (keyword aliases,
 *     UNREFERENCED_PARAMETER, PAGED_CODE, __FUNCTION__ concatenation).
 *  3. Names real drivers use that mingw-w64 lacks (types, constants,
 *     prototypes).  fltKernel.h holds the Filter Manager itself.
 */
#ifndef FLTLINT_KERNEL_H
#define FLTLINT_KERNEL_H

/* mingw-w64's own annotation headers first, so that the definitions below
 * are the last word even when they are included late. */
#include <sal.h>
#include <driverspecs.h>

/* C linkage, as the WDK declares the kernel's routines. */
#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * 1. IRQL annotations -> annotate attributes
 *
 * Every annotation carries its argument as written (stringified before
 * expansion): "fl_irql_requires_max(APC_LEVEL)", or a number when a driver
 * wrote one ("fl_irql_requires_max(1)").  GNU attribute syntax is accepted
 * where drivers put SAL: before a declaration or definition, in the
 * declaration specifiers of a callback typedef, and on parameters.
 * _IRQL_saves_/_IRQL_restores_ (and the _global_ forms) are annotated too,
 * so that a rule can tell a KIRQL out-parameter that saves the level.
 * ====================================================================== */
#define FL_ANNOTATE_(text) __attribute__((annotate(text)))

#undef _IRQL_requires_max_
#undef _IRQL_requires_min_
#undef _IRQL_requires_
#undef _IRQL_raises_
#undef _IRQL_requires_same_
#undef _IRQL_saves_
#undef _IRQL_restores_
#undef _IRQL_saves_global_
#undef _IRQL_restores_global_
#undef _IRQL_always_function_max_
#undef _IRQL_always_function_min_
#undef _IRQL_uses_cancel_
#undef _IRQL_is_cancel_
#undef __drv_maxIRQL
#undef __drv_minIRQL
#undef __drv_requiresIRQL
#undef __drv_raisesIRQL
#undef __drv_setsIRQL
#undef __drv_savesIRQL
#undef __drv_restoresIRQL
#undef __drv_savesIRQLGlobal
#undef __drv_restoresIRQLGlobal
#undef __drv_sameIRQL
#undef __drv_useCancelIRQL
#undef _Function_class_

#define _IRQL_requires_max_(irql)        FL_ANNOTATE_("fl_irql_requires_max(" #irql ")")
#define _IRQL_requires_min_(irql)        FL_ANNOTATE_("fl_irql_requires_min(" #irql ")")
#define _IRQL_requires_(irql)            FL_ANNOTATE_("fl_irql_requires(" #irql ")")
#define _IRQL_raises_(irql)              FL_ANNOTATE_("fl_irql_raises(" #irql ")")
#define _IRQL_requires_same_             FL_ANNOTATE_("fl_irql_requires_same")
#define _IRQL_saves_                     FL_ANNOTATE_("fl_irql_saves")
#define _IRQL_restores_                  FL_ANNOTATE_("fl_irql_restores")
#define _IRQL_saves_global_(kind, param) FL_ANNOTATE_("fl_irql_saves_global(" #kind ")")
#define _IRQL_restores_global_(kind, param) FL_ANNOTATE_("fl_irql_restores_global(" #kind ")")
#define _IRQL_always_function_max_(irql) FL_ANNOTATE_("fl_irql_always_function_max(" #irql ")")
#define _IRQL_always_function_min_(irql) FL_ANNOTATE_("fl_irql_always_function_min(" #irql ")")
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
/* The older __drv_ spellings say the same; written out here rather than
 * forwarded, so the argument is stringified as the driver wrote it. */
#define __drv_maxIRQL(irql)              FL_ANNOTATE_("fl_irql_requires_max(" #irql ")")
#define __drv_minIRQL(irql)              FL_ANNOTATE_("fl_irql_requires_min(" #irql ")")
#define __drv_requiresIRQL(irql)         FL_ANNOTATE_("fl_irql_requires(" #irql ")")
#define __drv_raisesIRQL(irql)           FL_ANNOTATE_("fl_irql_raises(" #irql ")")
#define __drv_setsIRQL(irql)             FL_ANNOTATE_("fl_irql_raises(" #irql ")")
#define __drv_savesIRQL                  FL_ANNOTATE_("fl_irql_saves")
#define __drv_restoresIRQL               FL_ANNOTATE_("fl_irql_restores")
#define __drv_savesIRQLGlobal(kind, param)    FL_ANNOTATE_("fl_irql_saves_global(" #kind ")")
#define __drv_restoresIRQLGlobal(kind, param) FL_ANNOTATE_("fl_irql_restores_global(" #kind ")")
#define __drv_sameIRQL                   FL_ANNOTATE_("fl_irql_requires_same")
#define __drv_useCancelIRQL
/* The role a function plays (`_Function_class_(FLT_PRE_OPERATION_CALLBACK)`):
 * kept as an annotation too, it names the callback type a driver declared. */
#define _Function_class_(name)           FL_ANNOTATE_("fl_function_class(" #name ")")

/* ======================================================================
 * SAL and driver annotations the WDK has and mingw-w64 lacks: all empty.
 * Each is guarded, so a newer mingw-w64 definition wins.
 * ====================================================================== */
#ifndef _Global_critical_region_
#define _Global_critical_region_
#endif
#ifndef _Acquires_critical_region_
#define _Acquires_critical_region_
#endif
#ifndef _Releases_critical_region_
#define _Releases_critical_region_
#endif
#ifndef _Requires_no_critical_region_
#define _Requires_no_critical_region_
#endif
#ifndef _Acquires_cancel_spin_lock_
#define _Acquires_cancel_spin_lock_
#endif
#ifndef _Releases_cancel_spin_lock_
#define _Releases_cancel_spin_lock_
#endif
#ifndef _Requires_cancel_spin_lock_
#define _Requires_cancel_spin_lock_
#endif
#ifndef _Curr_
#define _Curr_
#endif
#ifndef _Old_
#define _Old_(expr) (expr)
#endif
#ifndef _Unreferenced_parameter_
#define _Unreferenced_parameter_
#endif
#ifndef _Dispatch_type_
#define _Dispatch_type_(type)
#endif
#ifndef _Kernel_float_saved_
#define _Kernel_float_saved_
#endif
#ifndef _Kernel_float_restored_
#define _Kernel_float_restored_
#endif
#ifndef _Kernel_float_used_
#define _Kernel_float_used_
#endif
#ifndef _Kernel_requires_resource_held_
#define _Kernel_requires_resource_held_(kind)
#endif
#ifndef _Kernel_requires_resource_not_held_
#define _Kernel_requires_resource_not_held_(kind)
#endif
#ifndef _Kernel_acquires_resource_
#define _Kernel_acquires_resource_(kind)
#endif
#ifndef _Kernel_releases_resource_
#define _Kernel_releases_resource_(kind)
#endif
#ifndef _Kernel_clear_do_init_
#define _Kernel_clear_do_init_(yesNo)
#endif
#ifndef _Kernel_IoGetDmaAdapter_
#define _Kernel_IoGetDmaAdapter_
#endif
#ifndef _Kernel_ptr_
#define _Kernel_ptr_
#endif
#ifndef _User_ptr_
#define _User_ptr_
#endif
#ifndef _Post_notnull_
#define _Post_notnull_
#endif
#ifndef _Post_null_
#define _Post_null_
#endif
#ifndef _Post_maybenull_
#define _Post_maybenull_
#endif
#ifndef _Pre_maybenull_
#define _Pre_maybenull_
#endif
#ifndef _Pre_notnull_
#define _Pre_notnull_
#endif
#ifndef _Pre_null_
#define _Pre_null_
#endif
#ifndef _Pre_valid_
#define _Pre_valid_
#endif
#ifndef _Post_valid_
#define _Post_valid_
#endif
#ifndef _Pre_invalid_
#define _Pre_invalid_
#endif
#ifndef _Post_invalid_
#define _Post_invalid_
#endif
#ifndef _Pre_readable_size_
#define _Pre_readable_size_(size)
#endif
#ifndef _Pre_writable_size_
#define _Pre_writable_size_(size)
#endif
#ifndef _Pre_readable_byte_size_
#define _Pre_readable_byte_size_(size)
#endif
#ifndef _Pre_writable_byte_size_
#define _Pre_writable_byte_size_(size)
#endif
#ifndef _Post_readable_byte_size_
#define _Post_readable_byte_size_(size)
#endif
#ifndef _Post_writable_byte_size_
#define _Post_writable_byte_size_(size)
#endif
#ifndef _Post_equal_to_
#define _Post_equal_to_(expr)
#endif
#ifndef _Post_z_
#define _Post_z_
#endif
#ifndef _Pre_z_
#define _Pre_z_
#endif
#ifndef _Notliteral_
#define _Notliteral_
#endif
#ifndef _Literal_
#define _Literal_
#endif
#ifndef _Points_to_data_
#define _Points_to_data_
#endif
#ifndef _Field_range_
#define _Field_range_(min, max)
#endif
#ifndef _Field_size_
#define _Field_size_(size)
#endif
#ifndef _Field_size_opt_
#define _Field_size_opt_(size)
#endif
#ifndef _Field_size_bytes_
#define _Field_size_bytes_(size)
#endif
#ifndef _Field_size_bytes_opt_
#define _Field_size_bytes_opt_(size)
#endif
#ifndef _Field_size_part_
#define _Field_size_part_(size, count)
#endif
#ifndef _Field_size_bytes_part_
#define _Field_size_bytes_part_(size, count)
#endif
#ifndef _Field_size_full_
#define _Field_size_full_(size)
#endif
#ifndef _Field_size_bytes_full_
#define _Field_size_bytes_full_(size)
#endif
#ifndef _Field_z_
#define _Field_z_
#endif
#ifndef _Struct_size_bytes_
#define _Struct_size_bytes_(size)
#endif
#ifndef _Enum_is_bitflag_
#define _Enum_is_bitflag_
#endif
#ifndef _Strict_type_match_
#define _Strict_type_match_
#endif
#ifndef _Interlocked_operand_
#define _Interlocked_operand_
#endif
#ifndef _Guarded_by_
#define _Guarded_by_(lock)
#endif
#ifndef _Write_guarded_by_
#define _Write_guarded_by_(lock)
#endif
#ifndef _Has_lock_kind_
#define _Has_lock_kind_(kind)
#endif
#ifndef _Has_lock_level_
#define _Has_lock_level_(level)
#endif
#ifndef _Lock_level_order_
#define _Lock_level_order_(a, b)
#endif
#ifndef _Create_lock_level_
#define _Create_lock_level_(level)
#endif
#ifndef _Requires_exclusive_lock_held_
#define _Requires_exclusive_lock_held_(lock)
#endif
#ifndef _Requires_shared_lock_held_
#define _Requires_shared_lock_held_(lock)
#endif
#ifndef _Requires_lock_held_
#define _Requires_lock_held_(lock)
#endif
#ifndef _Requires_lock_not_held_
#define _Requires_lock_not_held_(lock)
#endif
#ifndef _Requires_no_locks_held_
#define _Requires_no_locks_held_
#endif
#ifndef _Acquires_lock_
#define _Acquires_lock_(lock)
#endif
#ifndef _Releases_lock_
#define _Releases_lock_(lock)
#endif
#ifndef _Acquires_exclusive_lock_
#define _Acquires_exclusive_lock_(lock)
#endif
#ifndef _Acquires_shared_lock_
#define _Acquires_shared_lock_(lock)
#endif
#ifndef _Releases_exclusive_lock_
#define _Releases_exclusive_lock_(lock)
#endif
#ifndef _Releases_shared_lock_
#define _Releases_shared_lock_(lock)
#endif
#ifndef _Acquires_nonreentrant_lock_
#define _Acquires_nonreentrant_lock_(lock)
#endif
#ifndef _Releases_nonreentrant_lock_
#define _Releases_nonreentrant_lock_(lock)
#endif
#ifndef _No_competing_thread_
#define _No_competing_thread_
#endif
#ifndef _Benign_race_begin_
#define _Benign_race_begin_
#endif
#ifndef _Benign_race_end_
#define _Benign_race_end_
#endif
#ifndef _Analysis_assume_lock_held_
#define _Analysis_assume_lock_held_(lock)
#endif
#ifndef _Analysis_assume_lock_not_held_
#define _Analysis_assume_lock_not_held_(lock)
#endif
#ifndef _Analysis_assume_lock_acquired_
#define _Analysis_assume_lock_acquired_(lock)
#endif
#ifndef _Analysis_assume_lock_released_
#define _Analysis_assume_lock_released_(lock)
#endif
#ifndef _Analysis_suppress_lock_checking_
#define _Analysis_suppress_lock_checking_(lock)
#endif
#ifndef _Analysis_mode_
#define _Analysis_mode_(mode)
#endif
#ifndef _Analysis_noreturn_
#define _Analysis_noreturn_
#endif
#ifndef _Analysis_assume_
#define _Analysis_assume_(expr)
#endif
#ifndef _Inexpressible_
#define _Inexpressible_(expr)
#endif
#ifndef _Frees_ptr_
#define _Frees_ptr_
#endif
#ifndef _Frees_ptr_opt_
#define _Frees_ptr_opt_
#endif
#ifndef _Post_ptr_invalid_
#define _Post_ptr_invalid_
#endif
#ifndef _Ret_range_
#define _Ret_range_(min, max)
#endif
#ifndef _Flt_CompletionContext_Outptr_
#define _Flt_CompletionContext_Outptr_
#endif
#ifndef _Flt_ConnectionCookie_Outptr_
#define _Flt_ConnectionCookie_Outptr_
#endif
#ifndef __drv_dispatchType
#define __drv_dispatchType(type)
#endif
#ifndef __drv_completionType
#define __drv_completionType(type)
#endif
#ifndef __drv_functionClass
#define __drv_functionClass(name)
#endif
#ifndef __drv_clearDoInit
#define __drv_clearDoInit(yesNo)
#endif
#ifndef __drv_strictType
#define __drv_strictType(type, mode)
#endif
#ifndef __drv_strictTypeMatch
#define __drv_strictTypeMatch(mode)
#endif
#ifndef __drv_reportError
#define __drv_reportError(why)
#endif
#ifndef __drv_acquiresResource
#define __drv_acquiresResource(kind)
#endif
#ifndef __drv_releasesResource
#define __drv_releasesResource(kind)
#endif
#ifndef __drv_mustHold
#define __drv_mustHold(kind)
#endif
#ifndef __drv_neverHold
#define __drv_neverHold(kind)
#endif
#ifndef __drv_acquiresCriticalRegion
#define __drv_acquiresCriticalRegion
#endif
#ifndef __drv_releasesCriticalRegion
#define __drv_releasesCriticalRegion
#endif
#ifndef __drv_inTry
#define __drv_inTry
#endif
#ifndef __drv_notInTry
#define __drv_notInTry
#endif
#ifndef __drv_floatUsed
#define __drv_floatUsed
#endif
#ifndef __drv_isObjectPointer
#define __drv_isObjectPointer
#endif
#ifndef __drv_when
#define __drv_when(cond, annotes)
#endif
#ifndef __drv_preferredFunction
#define __drv_preferredFunction(func, why)
#endif
#ifndef __drv_allocatesMem
#define __drv_allocatesMem(kind)
#endif
#ifndef __drv_freesMem
#define __drv_freesMem(kind)
#endif
#ifndef __drv_aliasesMem
#define __drv_aliasesMem
#endif
/* The old (pre-2010) SAL spellings mingw-w64's specstrings.h misses. */
#ifndef __in_bcount_opt
#define __in_bcount_opt(size)
#endif
#ifndef __in_ecount_opt
#define __in_ecount_opt(size)
#endif
#ifndef __out_bcount_opt
#define __out_bcount_opt(size)
#endif
#ifndef __out_ecount_opt
#define __out_ecount_opt(size)
#endif
#ifndef __out_bcount_part_opt
#define __out_bcount_part_opt(size, length)
#endif
#ifndef __out_ecount_part_opt
#define __out_ecount_part_opt(size, length)
#endif
#ifndef __inout_bcount_opt
#define __inout_bcount_opt(size)
#endif
#ifndef __deref_out_bcount_opt
#define __deref_out_bcount_opt(size)
#endif
#ifndef __success
#define __success(expr)
#endif
#ifndef __checkReturn
#define __checkReturn
#endif
#ifndef __range
#define __range(min, max)
#endif
#ifndef __field_bcount
#define __field_bcount(size)
#endif
#ifndef __field_ecount
#define __field_ecount(size)
#endif
#ifndef __bcount
#define __bcount(size)
#endif
#ifndef __ecount
#define __ecount(size)
#endif

/* ======================================================================
 * 2. The WDK's C habits
 * ====================================================================== */

/* The WDK makes try/except/finally/leave C keywords (aliases of the SEH
 * keywords) for C code; drivers write `try { } finally { }`. */
#ifndef __cplusplus
#ifndef try
#define try __try
#endif
#ifndef except
#define except __except
#endif
#ifndef finally
#define finally __finally
#endif
#ifndef leave
#define leave __leave
#endif
#endif

/* The WDK's form is the bare expression; mingw-w64's `{(P) = (P);}` rejects
 * `UNREFERENCED_PARAMETER(x = NULL)` and use in an expression. */
#undef UNREFERENCED_PARAMETER
#undef DBG_UNREFERENCED_PARAMETER
#undef DBG_UNREFERENCED_LOCAL_VARIABLE
#undef UNREFERENCED_LOCAL_VARIABLE
#define UNREFERENCED_PARAMETER(P)          (P)
#define DBG_UNREFERENCED_PARAMETER(P)      (P)
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) (V)
#define UNREFERENCED_LOCAL_VARIABLE(V)     (V)

/* PAGED_CODE() and PAGED_CODE_LOCKED() stay plain macros (as in a free
 * build of the WDK): the analyzer finds them by macro expansion.  Each
 * expands to one expression, so `PAGED_CODE();` is one statement. */
#undef PAGED_CODE
#undef PAGED_CODE_LOCKED
#undef PAGED_ASSERT
#define PAGED_ASSERT(exp)   ((void)0)
#define PAGED_CODE()        ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)

/* Section placement by declspec, the form newer drivers use. */
#ifndef CODE_SEG
#define CODE_SEG(segment) __declspec(code_seg(segment))
#endif
#ifndef PAGED_CODE_SEG
#define PAGED_CODE_SEG __declspec(code_seg("PAGE"))
#endif
#ifndef INIT_CODE_SEG
#define INIT_CODE_SEG __declspec(code_seg("INIT"))
#endif
#ifndef PAGED_CODE_SEG_BEGIN
#define PAGED_CODE_SEG_BEGIN __pragma(code_seg(push)) __pragma(code_seg("PAGE"))
#define PAGED_CODE_SEG_END   __pragma(code_seg(pop))
#endif

/* MSVC drivers guard `#pragma alloc_text` with it; mingw-w64 sets it only
 * under _MSC_VER with _M_AMD64, which depends on the target. */
#ifndef ALLOC_PRAGMA
#define ALLOC_PRAGMA 1
#endif
#ifndef ALLOC_DATA_PRAGMA
#define ALLOC_DATA_PRAGMA 1
#endif

/* MSVC lets __FUNCTION__ concatenate with string literals ("x" __FUNCTION__);
 * clang 14 does not.  A literal stands in: the analyzer never needs the
 * text.  L__FUNCTION__ (clang knows it) and __FUNCTIONW__ are unaffected. */
#define __FUNCTION__ "__FUNCTION__"
#ifndef __FUNCTIONW__
#define __FUNCTIONW__ L"__FUNCTION__"
#endif

#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif
#endif
/* ntdef.h's cast of RTL_CONSTANT_OBJECT_ATTRIBUTES (mingw-w64 uses it
 * without defining it): the WDK's is a const_cast in C++, which MSVC lets
 * turn `nullptr` into the name's pointer (RTL_CONSTANT_OBJECT_ATTRIBUTES(
 * nullptr, OBJ_KERNEL_HANDLE)) and clang does not; a plain cast accepts
 * both, in C and C++. */
#ifndef RTL_CONST_CAST
#define RTL_CONST_CAST(type) (type)
#endif
#ifndef EXTERN_C_START
#ifdef __cplusplus
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END   }
#else
#define EXTERN_C_START
#define EXTERN_C_END
#endif
#endif

#ifndef FlagOn
#define FlagOn(_F, _SF) ((_F) & (_SF))
#endif
#ifndef BooleanFlagOn
#define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#endif
#ifndef SetFlag
#define SetFlag(_F, _SF) ((_F) |= (_SF))
#endif
#ifndef ClearFlag
#define ClearFlag(_F, _SF) ((_F) &= ~(_SF))
#endif
#ifndef Add2Ptr
#define Add2Ptr(P, I) ((PVOID)((PUCHAR)(P) + (I)))
#endif
#ifndef PtrOffset
#define PtrOffset(B, O) ((ULONG)((ULONG_PTR)(O) - (ULONG_PTR)(B)))
#endif
#ifndef ROUND_TO_SIZE
#define ROUND_TO_SIZE(_length, _alignment) \
	((((ULONG_PTR)(_length)) + ((_alignment) - 1)) & ~(ULONG_PTR)((_alignment) - 1))
#endif
#ifndef IsListEmpty
#define IsListEmpty(ListHead) ((ListHead)->Flink == (ListHead))
#endif
#ifndef ARGUMENT_PRESENT
#define ARGUMENT_PRESENT(ArgumentPointer) ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)(NULL))
#endif
#ifndef NT_ANALYSIS_ASSUME
#define NT_ANALYSIS_ASSUME(exp) ((void)0)
#endif
#ifndef NT_FRE_ASSERT
#define NT_FRE_ASSERT(exp) ((void)0)
#endif
#ifndef NT_VERIFY
#define NT_VERIFY(exp) ((exp) ? TRUE : FALSE)
#endif
#ifndef NT_VERIFYMSG
#define NT_VERIFYMSG(msg, exp) ((exp) ? TRUE : FALSE)
#endif
#ifndef KdPrintEx
#define KdPrintEx(_x_) DbgPrintEx _x_
#endif
#ifndef KdBreakPoint
#define KdBreakPoint() DbgBreakPoint()
#endif
#ifndef C_ASSERT
#define C_ASSERT(e) typedef char __C_ASSERT__[(e) ? 1 : -1]
#endif
#ifndef DECLSPEC_NOINLINE
#define DECLSPEC_NOINLINE __declspec(noinline)
#endif
#ifndef DECLSPEC_CACHEALIGN
#define DECLSPEC_CACHEALIGN __declspec(align(64))
#endif

/* ======================================================================
 * 3. Names mingw-w64 lacks
 * ====================================================================== */

/* Kernel transaction objects (KTM), opaque to drivers. */
typedef struct _KTRANSACTION KTRANSACTION, *PKTRANSACTION, *PRKTRANSACTION;
typedef struct _KENLISTMENT KENLISTMENT, *PKENLISTMENT, *PRKENLISTMENT;
typedef struct _KRESOURCEMANAGER KRESOURCEMANAGER, *PKRESOURCEMANAGER;
typedef struct _KTM KTM, *PKTM;

/* ExAllocatePool2/3 (Windows 10 2004) and their POOL_FLAGS. */
typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START          0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA               0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED           0x0000000000000002ULL
#define POOL_FLAG_SESSION                 0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED           0x0000000000000008ULL
#define POOL_FLAG_RESERVED1               0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE        0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED               0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE       0x0000000000000080ULL
#define POOL_FLAG_PAGED                   0x0000000000000100ULL
#define POOL_FLAG_RESERVED2               0x0000000000000200ULL
#define POOL_FLAG_RESERVED3               0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END            0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START          0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL            0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END            0x8000000000000000ULL

typedef enum _POOL_EXTENDED_PARAMETER_TYPE {
	PoolExtendedParameterInvalidType = 0,
	PoolExtendedParameterPriority,
	PoolExtendedParameterSecurePool,
	PoolExtendedParameterNumaNode,
	PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

typedef struct _POOL_EXTENDED_PARAMETER {
	struct {
		ULONG64 Type : 8;
		ULONG64 Optional : 1;
		ULONG64 Reserved : 55;
	};
	union {
		ULONG64 Reserved2;
		PVOID Reserved3;
		EX_POOL_PRIORITY Priority;
		PVOID SecurePoolParams;
		ULONG PreferredNode;
	};
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);

_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
	PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);

/* Inline helpers in the WDK; declared as functions here (no bodies needed
 * for analysis). */
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolQuotaUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolPriorityZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
	EX_POOL_PRIORITY Priority);
_IRQL_requires_max_(DISPATCH_LEVEL)
PVOID NTAPI ExAllocatePoolPriorityUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
	EX_POOL_PRIORITY Priority);

/* ExInitializeDriverRuntime(DrvRtPoolNxOptIn): the POOL_NX_OPTIN switch. */
typedef enum _DRIVER_RUNTIME_INIT_FLAGS {
	DrvRtPoolNxOptIn = 0x00000001
} DRIVER_RUNTIME_INIT_FLAGS;
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID NTAPI ExInitializeDriverRuntime(ULONG RuntimeFlags);
#ifndef POOL_NX_OPTIN
#define POOL_NX_OPTIN 0
#endif
#ifndef POOL_NX_OPTIN_AUTO
#define POOL_NX_OPTIN_AUTO 0
#endif
/* The POOL_TYPE bit that makes NonPagedPoolNx of NonPagedPool. */
#ifndef POOL_NX_ALLOCATION
#define POOL_NX_ALLOCATION 512
#endif
#ifndef NonPagedPoolNxCacheAligned
#define NonPagedPoolNxCacheAligned ((POOL_TYPE)(NonPagedPoolNx + 4))
#endif

/* ExInitializeNPagedLookasideList Flags: NX entries (Windows 8 and later). */
#ifndef POOL_NX_ALLOCATION
#define POOL_NX_ALLOCATION 512
#endif

/* MmGetSystemAddressForMdlSafe priority flags (MM_PAGE_PRIORITY modifiers). */
#ifndef MdlMappingNoWrite
#define MdlMappingNoWrite   0x80000000
#endif
#ifndef MdlMappingNoExecute
#define MdlMappingNoExecute 0x40000000
#endif

_IRQL_requires_max_(HIGH_LEVEL)
VOID NTAPI KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI ObCloseHandle(HANDLE Handle, KPROCESSOR_MODE PreviousMode);

/* Transaction manager calls a transaction-aware minifilter makes. */
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmCommitComplete(PKENLISTMENT Enlistment, PLARGE_INTEGER TmVirtualClock);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmRollbackComplete(PKENLISTMENT Enlistment, PLARGE_INTEGER TmVirtualClock);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmPrepareComplete(PKENLISTMENT Enlistment, PLARGE_INTEGER TmVirtualClock);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmPrePrepareComplete(PKENLISTMENT Enlistment, PLARGE_INTEGER TmVirtualClock);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmCommitTransaction(PKTRANSACTION Transaction, BOOLEAN Wait);
_IRQL_requires_max_(APC_LEVEL)
NTSTATUS NTAPI TmRollbackTransaction(PKTRANSACTION Transaction, BOOLEAN Wait);
_IRQL_requires_max_(APC_LEVEL)
VOID NTAPI TmGetTransactionId(PKTRANSACTION Transaction, LPGUID TransactionId);
_IRQL_requires_max_(APC_LEVEL)
BOOLEAN NTAPI TmIsTransactionActive(PKTRANSACTION Transaction);

/* Process and thread notification extensions. */
typedef enum _PSCREATEPROCESSNOTIFYTYPE {
	PsCreateProcessNotifySubsystems = 0
} PSCREATEPROCESSNOTIFYTYPE;
typedef enum _PSCREATETHREADNOTIFYTYPE {
	PsCreateThreadNotifyNonSystem = 0,
	PsCreateThreadNotifySubsystems = 1
} PSCREATETHREADNOTIFYTYPE;
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI PsSetCreateProcessNotifyRoutineEx2(PSCREATEPROCESSNOTIFYTYPE NotifyType,
	PVOID NotifyInformation, BOOLEAN Remove);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI PsSetCreateThreadNotifyRoutineEx(PSCREATETHREADNOTIFYTYPE NotifyType,
	PVOID NotifyInformation);

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI CmCallbackGetKeyObjectIDEx(PLARGE_INTEGER Cookie, PVOID Object, PULONG_PTR ObjectID,
	PCUNICODE_STRING *ObjectName, ULONG Flags);
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID NTAPI CmCallbackReleaseKeyObjectIDEx(PCUNICODE_STRING ObjectName);

_IRQL_requires_max_(APC_LEVEL)
BOOLEAN NTAPI RtlSuffixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
	BOOLEAN CaseInSensitive);

/* Registry key of the driver's own service (IoOpenDriverRegistryKey). */
typedef enum _DRIVER_REGKEY_TYPE {
	DriverRegKeyParameters,
	DriverRegKeyPersistentState,
	DriverRegKeySharedPersistentState
} DRIVER_REGKEY_TYPE, *PDRIVER_REGKEY_TYPE;
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS NTAPI IoOpenDriverRegistryKey(PDRIVER_OBJECT DriverObject, DRIVER_REGKEY_TYPE RegKeyType,
	ACCESS_MASK DesiredAccess, ULONG Flags, PHANDLE DriverRegKey);

/* Object types the WDK exports as data (ObReferenceObjectByHandle). */
extern POBJECT_TYPE *IoDriverObjectType;
extern POBJECT_TYPE *IoDeviceObjectType;


/* Neutral character types (ntdef.h): char unless UNICODE, as the WDK's
 * kernel build leaves it; the RtlIpv4AddressToString family (mstcpip.h)
 * takes these. */
#ifndef _TCHAR_DEFINED
#define _TCHAR_DEFINED
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
typedef WCHAR TUCHAR, *PTUCHAR;
#else
typedef char TCHAR, *PTCHAR;
typedef unsigned char TUCHAR, *PTUCHAR;
#endif
#endif

/* Maps an MDL's pages (mingw-w64's declaration is renamed by wdm.h). */
_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
	MEMORY_CACHING_TYPE CacheType, PVOID RequestedAddress, ULONG BugCheckOnFailure, ULONG Priority);

/* Thread and process queries (ntifs.h, wdm.h). */
_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI PEPROCESS NTAPI PsGetThreadProcess(PETHREAD Thread);
_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI NTSTATUS NTAPI PsGetThreadExitStatus(PETHREAD Thread);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTKERNELAPI NTSTATUS NTAPI IoCreateSystemThread(PVOID IoObject, PHANDLE ThreadHandle, ULONG DesiredAccess,
	POBJECT_ATTRIBUTES ObjectAttributes, HANDLE ProcessHandle, PCLIENT_ID ClientId,
	PKSTART_ROUTINE StartRoutine, PVOID StartContext);

/* The system clock's timer resolution range, in 100 ns units. */
NTKERNELAPI VOID NTAPI ExQueryTimerResolution(PULONG MaximumTime, PULONG MinimumTime, PULONG CurrentTime);

/* Floating-point state around kernel FP use: mingw-w64 declares these for
 * x86 only; the WDK declares them on x64 too. */
#if defined(_AMD64_) || defined(_ARM64_)
_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI NTSTATUS NTAPI KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave);
_IRQL_requires_max_(DISPATCH_LEVEL)
NTKERNELAPI NTSTATUS NTAPI KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave);
#endif

/* Reader/writer spin locks (wdm.h). */
typedef volatile LONG EX_SPIN_LOCK, *PEX_SPIN_LOCK;
_IRQL_requires_max_(DISPATCH_LEVEL) _IRQL_raises_(DISPATCH_LEVEL)
NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockShared(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExReleaseSpinLockShared(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql);
_IRQL_requires_max_(DISPATCH_LEVEL) _IRQL_raises_(DISPATCH_LEVEL)
NTKERNELAPI KIRQL NTAPI ExAcquireSpinLockExclusive(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExReleaseSpinLockExclusive(PEX_SPIN_LOCK SpinLock, KIRQL OldIrql);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExAcquireSpinLockSharedAtDpcLevel(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExReleaseSpinLockSharedFromDpcLevel(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExAcquireSpinLockExclusiveAtDpcLevel(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI VOID NTAPI ExReleaseSpinLockExclusiveFromDpcLevel(PEX_SPIN_LOCK SpinLock);
_IRQL_requires_(DISPATCH_LEVEL)
NTKERNELAPI LOGICAL NTAPI ExTryConvertSharedSpinLockExclusive(PEX_SPIN_LOCK SpinLock);

/* Irp->Flags: a user-mode driver (UMDF) started this I/O. */
#ifndef IRP_UM_DRIVER_INITIATED_IO
#define IRP_UM_DRIVER_INITIATED_IO 0x00400000
#endif

#ifdef __cplusplus
}
#endif

/* std::align_val_t, the alignment argument of C++17's aligned operator
 * new and delete: MSVC knows it without any include (drivers declare
 * `operator delete(void *, size_t, std::align_val_t)` with no standard
 * header); clang only after <new>.  An opaque declaration, so that a later
 * full definition from a standard library still agrees. */
#if defined(__cplusplus) && __cplusplus >= 201703L
namespace std { enum class align_val_t : size_t; }
#endif

/* C++ operators for an enum used as a set of flags (ntdef.h, winnt.h):
 * `DEFINE_ENUM_FLAG_OPERATORS(Options)` after the enum lets `a | b`, `a &
 * b`, `~a`, `a ^ b` and their assignments keep the enum's type.  C needs
 * nothing: there an enum is an integer. */
#ifndef DEFINE_ENUM_FLAG_OPERATORS
#ifdef __cplusplus
#define FLTLINT_ENUM_INT_(ENUMTYPE) __underlying_type(ENUMTYPE)
#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE) \
	extern "C++" { \
	inline constexpr ENUMTYPE operator|(ENUMTYPE a, ENUMTYPE b) noexcept \
	{ return ENUMTYPE(((FLTLINT_ENUM_INT_(ENUMTYPE))a) | ((FLTLINT_ENUM_INT_(ENUMTYPE))b)); } \
	inline ENUMTYPE &operator|=(ENUMTYPE &a, ENUMTYPE b) noexcept \
	{ return a = a | b; } \
	inline constexpr ENUMTYPE operator&(ENUMTYPE a, ENUMTYPE b) noexcept \
	{ return ENUMTYPE(((FLTLINT_ENUM_INT_(ENUMTYPE))a) & ((FLTLINT_ENUM_INT_(ENUMTYPE))b)); } \
	inline ENUMTYPE &operator&=(ENUMTYPE &a, ENUMTYPE b) noexcept \
	{ return a = a & b; } \
	inline constexpr ENUMTYPE operator~(ENUMTYPE a) noexcept \
	{ return ENUMTYPE(~((FLTLINT_ENUM_INT_(ENUMTYPE))a)); } \
	inline constexpr ENUMTYPE operator^(ENUMTYPE a, ENUMTYPE b) noexcept \
	{ return ENUMTYPE(((FLTLINT_ENUM_INT_(ENUMTYPE))a) ^ ((FLTLINT_ENUM_INT_(ENUMTYPE))b)); } \
	inline ENUMTYPE &operator^=(ENUMTYPE &a, ENUMTYPE b) noexcept \
	{ return a = a ^ b; } \
	}
#else
#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE)
#endif
#endif

#endif /* FLTLINT_KERNEL_H */
