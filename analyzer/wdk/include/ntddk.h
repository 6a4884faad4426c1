/*
 * ntddk.h - fltlint's wrapper of mingw-w64's ntddk.h.
 *
 * RTL_USE_AVL_TABLES: with it defined, mingw-w64 drops RTL_SPLAY_LINKS but
 * still declares the splay routines that use it, and never maps the generic
 * table routines to their Avl forms.  The WDK keeps the splay links and
 * maps the routines; so the wrapper hides the switch from mingw-w64 and does
 * the mapping itself afterwards.
 */
#ifndef FLTLINT_NTDDK_H
#define FLTLINT_NTDDK_H

#ifdef RTL_USE_AVL_TABLES
#define FLTLINT_RTL_USE_AVL_TABLES_
#undef RTL_USE_AVL_TABLES
#endif

#include_next <ntddk.h>

/* C linkage, as the WDK declares the kernel's routines. */
#ifdef __cplusplus
extern "C" {
#endif

/* ZwQueryInformationThread is left undeclared, like ZwQueryInformationProcess
 * (ntifs.h): drivers declare it themselves, as a function or as a pointer
 * resolved with MmGetSystemRoutineAddress, and their declaration must win. */

/* Function types (not only pointer types) of the AVL table callbacks:
 * drivers declare their callbacks with them. */
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_AVL_COMPARE_ROUTINE(struct _RTL_AVL_TABLE *Table,
	PVOID FirstStruct, PVOID SecondStruct);
typedef PVOID NTAPI RTL_AVL_ALLOCATE_ROUTINE(struct _RTL_AVL_TABLE *Table, CLONG ByteSize);
typedef VOID NTAPI RTL_AVL_FREE_ROUTINE(struct _RTL_AVL_TABLE *Table, PVOID Buffer);
typedef NTSTATUS NTAPI RTL_AVL_MATCH_FUNCTION(struct _RTL_AVL_TABLE *Table, PVOID UserData,
	PVOID MatchData);
/* The same for the splay-tree generic table (declared before the
 * RTL_USE_AVL_TABLES mapping below renames these names). */
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_GENERIC_COMPARE_ROUTINE(struct _RTL_GENERIC_TABLE *Table,
	PVOID FirstStruct, PVOID SecondStruct);
typedef PVOID NTAPI RTL_GENERIC_ALLOCATE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, CLONG ByteSize);
typedef VOID NTAPI RTL_GENERIC_FREE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, PVOID Buffer);

#ifdef __cplusplus
}
#endif


#ifdef FLTLINT_RTL_USE_AVL_TABLES_
#undef FLTLINT_RTL_USE_AVL_TABLES_
#define RTL_USE_AVL_TABLES
#define RTL_GENERIC_COMPARE_ROUTINE     RTL_AVL_COMPARE_ROUTINE
#define PRTL_GENERIC_COMPARE_ROUTINE    PRTL_AVL_COMPARE_ROUTINE
#define RTL_GENERIC_ALLOCATE_ROUTINE    RTL_AVL_ALLOCATE_ROUTINE
#define PRTL_GENERIC_ALLOCATE_ROUTINE   PRTL_AVL_ALLOCATE_ROUTINE
#define RTL_GENERIC_FREE_ROUTINE        RTL_AVL_FREE_ROUTINE
#define PRTL_GENERIC_FREE_ROUTINE       PRTL_AVL_FREE_ROUTINE
#define RTL_GENERIC_TABLE               RTL_AVL_TABLE
#define PRTL_GENERIC_TABLE              PRTL_AVL_TABLE
#define RtlInitializeGenericTable           RtlInitializeGenericTableAvl
#define RtlInsertElementGenericTable        RtlInsertElementGenericTableAvl
#define RtlInsertElementGenericTableFull    RtlInsertElementGenericTableFullAvl
#define RtlDeleteElementGenericTable        RtlDeleteElementGenericTableAvl
#define RtlLookupElementGenericTable        RtlLookupElementGenericTableAvl
#define RtlLookupElementGenericTableFull    RtlLookupElementGenericTableFullAvl
#define RtlEnumerateGenericTable            RtlEnumerateGenericTableAvl
#define RtlEnumerateGenericTableWithoutSplaying RtlEnumerateGenericTableWithoutSplayingAvl
#define RtlGetElementGenericTable           RtlGetElementGenericTableAvl
#define RtlNumberGenericTableElements       RtlNumberGenericTableElementsAvl
#define RtlIsGenericTableEmpty              RtlIsGenericTableEmptyAvl
#endif

#endif /* FLTLINT_NTDDK_H */
