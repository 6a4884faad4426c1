/*
 * ndis.h - fltlint's wrapper of mingw-w64's ndis.h.
 *
 * Drivers that are not network drivers include it for NDIS_HANDLE and
 * friends; mingw-w64's copy does not compile as it stands:
 *  - NDIS_REQUEST_TYPE is defined twice, in ntddndis.h (which ndis.h
 *    includes) and in ndis.h itself.  ntddndis.h is read first here with
 *    its copy renamed out of the way, so ndis.h's is the one drivers see.
 *  - NdisMWanIndicateReceiveComplete's prototype lacks the comma between
 *    its two parameters; a function-like macro of that name replaces the
 *    parameter list with the documented one while ndis.h is read.
 */
#ifndef FLTLINT_NDIS_H
#define FLTLINT_NDIS_H

/* What mingw-w64's ndis.h reads before ntddndis.h. */
#include <ntddk.h>

#define _NDIS_REQUEST_TYPE          fltlint_hidden_NDIS_REQUEST_TYPE_
#define NDIS_REQUEST_TYPE           fltlint_hidden_NDIS_REQUEST_TYPE
#define PNDIS_REQUEST_TYPE          fltlint_hidden_PNDIS_REQUEST_TYPE
#define NdisRequestQueryInformation fltlint_hidden_NdisRequestQueryInformation
#define NdisRequestSetInformation   fltlint_hidden_NdisRequestSetInformation
#define NdisRequestQueryStatistics  fltlint_hidden_NdisRequestQueryStatistics
#define NdisRequestOpen             fltlint_hidden_NdisRequestOpen
#define NdisRequestClose            fltlint_hidden_NdisRequestClose
#define NdisRequestSend             fltlint_hidden_NdisRequestSend
#define NdisRequestTransferData     fltlint_hidden_NdisRequestTransferData
#define NdisRequestReset            fltlint_hidden_NdisRequestReset
#define NdisRequestGeneric1         fltlint_hidden_NdisRequestGeneric1
#define NdisRequestGeneric2         fltlint_hidden_NdisRequestGeneric2
#define NdisRequestGeneric3         fltlint_hidden_NdisRequestGeneric3
#define NdisRequestGeneric4         fltlint_hidden_NdisRequestGeneric4
#define NdisRequestMethod           fltlint_hidden_NdisRequestMethod
#include <ntddndis.h>
#undef _NDIS_REQUEST_TYPE
#undef NDIS_REQUEST_TYPE
#undef PNDIS_REQUEST_TYPE
#undef NdisRequestQueryInformation
#undef NdisRequestSetInformation
#undef NdisRequestQueryStatistics
#undef NdisRequestOpen
#undef NdisRequestClose
#undef NdisRequestSend
#undef NdisRequestTransferData
#undef NdisRequestReset
#undef NdisRequestGeneric1
#undef NdisRequestGeneric2
#undef NdisRequestGeneric3
#undef NdisRequestGeneric4
#undef NdisRequestMethod

#define NdisMWanIndicateReceiveComplete(parameters) \
	NdisMWanIndicateReceiveComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE NdisLinkContext)
#include_next <ndis.h>
#undef NdisMWanIndicateReceiveComplete

#endif /* FLTLINT_NDIS_H */
