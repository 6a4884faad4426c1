/*
 * wsk.h - for fltlint: Winsock Kernel (WSK), written from the documented
 * WSK DDI (wsk.h) and the socket address types it uses (ws2def.h).
 *
 * mingw-w64 has no wsk.h, and its socket address types live in the
 * user-mode winsock2.h; here they are declared for kernel mode, with IN_ADDR
 * and IN6_ADDR from mingw-w64's inaddr.h and in6addr.h and the IPv6 types
 * from its ws2ipdef.h.  What drivers use: registration and the provider
 * NPI, sockets and their dispatch tables, WSK_BUF, the flags.
 */
#ifndef FLTLINT_WSK_H
#define FLTLINT_WSK_H

#include <ntddk.h>
#include <inaddr.h>

/* ---- socket addresses (ws2def.h) ---- */
#ifndef FLTLINT_SOCKADDR_DEFINED_
#define FLTLINT_SOCKADDR_DEFINED_
typedef USHORT ADDRESS_FAMILY;
#define AF_UNSPEC 0
#define AF_INET   2
#define AF_INET6  23

typedef struct sockaddr {
	ADDRESS_FAMILY sa_family;
	CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

typedef struct sockaddr_in {
	ADDRESS_FAMILY sin_family;
	USHORT sin_port;
	IN_ADDR sin_addr;
	CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;

#define SS_MAXSIZE   128
#define SS_ALIGNSIZE (sizeof(__int64))
typedef struct sockaddr_storage {
	ADDRESS_FAMILY ss_family;
	CHAR __ss_pad1[SS_ALIGNSIZE - sizeof(USHORT)];
	__int64 __ss_align;
	CHAR __ss_pad2[SS_MAXSIZE - sizeof(USHORT) - (SS_ALIGNSIZE - sizeof(USHORT)) - SS_ALIGNSIZE];
} SOCKADDR_STORAGE, *PSOCKADDR_STORAGE;

typedef struct _SOCKET_ADDRESS {
	PSOCKADDR lpSockaddr;
	INT iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS;

typedef struct _WSACMSGHDR {
	SIZE_T cmsg_len;
	INT cmsg_level;
	INT cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, CMSGHDR, *PCMSGHDR;

#define SOCK_STREAM 1
#define SOCK_DGRAM  2
#define SOCK_RAW    3
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define SOL_SOCKET  0xffff
#define SO_REUSEADDR 0x0004
#define SO_KEEPALIVE 0x0008
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#endif
#include <ws2def.h>   /* SCOPE_ID */
#include <ws2ipdef.h> /* SOCKADDR_IN6 */
#include <mstcpip.h>  /* the RtlIpv4AddressToString family */

/* C linkage, as the WDK declares the kernel's routines. */
#ifdef __cplusplus
extern "C" {
#endif

/* ---- WSK ---- */
/* Network Programming Interface ids (netioddk.h). */
typedef GUID NPIID;
typedef NPIID *PNPIID;

#define WSKAPI NTAPI

#define MAKE_WSK_VERSION(Mj, Mn) ((USHORT)((Mj) << 8) | (USHORT)((Mn) & 0xff))
#define WSK_MAJOR_VERSION(V) ((UCHAR)((V) >> 8))
#define WSK_MINOR_VERSION(V) ((UCHAR)(V))
#define WSK_NO_WAIT       0
#define WSK_INFINITE_WAIT 0xffffffff

/* WskSocket's Flags: the kind of socket. */
#define WSK_FLAG_BASIC_SOCKET      0x00000000
#define WSK_FLAG_LISTEN_SOCKET     0x00000001
#define WSK_FLAG_CONNECTION_SOCKET 0x00000002
#define WSK_FLAG_DATAGRAM_SOCKET   0x00000004
#define WSK_FLAG_STREAM_SOCKET     0x00000008
/* Send, receive and disconnect flags. */
#define WSK_FLAG_NODELAY  0x00000002
#define WSK_FLAG_WAITALL  0x00000002
#define WSK_FLAG_DRAIN    0x00000004
#define WSK_FLAG_ABORTIVE 0x00000001
/* Event callback flags. */
#define WSK_FLAG_AT_DISPATCH_LEVEL 0x00000008
#define WSK_FLAG_RELEASE_ASAP      0x00000002
#define WSK_FLAG_ENTIRE_MESSAGE    0x00000004
#define WSK_EVENT_RECEIVE_FROM  0x00000100
#define WSK_EVENT_ACCEPT        0x00000200
#define WSK_EVENT_SEND_BACKLOG  0x00000010
#define WSK_EVENT_RECEIVE       0x00000040
#define WSK_EVENT_DISCONNECT    0x00000080
#define WSK_EVENT_DISABLE       0x80000000
#define SO_WSK_EVENT_CALLBACK   0x4002

typedef PVOID PWSK_CLIENT;

typedef struct _WSK_SOCKET {
	const VOID *Dispatch;
} WSK_SOCKET, *PWSK_SOCKET;

typedef struct _WSK_BUF {
	PMDL Mdl;
	ULONG Offset;
	SIZE_T Length;
} WSK_BUF, *PWSK_BUF;

typedef struct _WSK_DATA_INDICATION {
	struct _WSK_DATA_INDICATION *Next;
	WSK_BUF Buffer;
} WSK_DATA_INDICATION, *PWSK_DATA_INDICATION;

typedef struct _WSK_DATAGRAM_INDICATION {
	struct _WSK_DATAGRAM_INDICATION *Next;
	WSK_BUF Buffer;
	PCMSGHDR ControlInfo;
	ULONG ControlInfoLength;
	PSOCKADDR RemoteAddress;
} WSK_DATAGRAM_INDICATION, *PWSK_DATAGRAM_INDICATION;

typedef struct _WSK_EVENT_CALLBACK_CONTROL {
	PNPIID NpiId;
	ULONG EventMask;
} WSK_EVENT_CALLBACK_CONTROL, *PWSK_EVENT_CALLBACK_CONTROL;

typedef enum {
	WskSetOption,
	WskGetOption,
	WskIoctl,
	WskControlMax
} WSK_CONTROL_SOCKET_TYPE, *PWSK_CONTROL_SOCKET_TYPE;

typedef enum {
	WskInspectReject,
	WskInspectAccept,
	WskInspectPend,
	WskInspectMax
} WSK_INSPECT_ACTION, *PWSK_INSPECT_ACTION;

typedef struct _WSK_INSPECT_ID {
	ULONG_PTR Key;
	ULONG SerialNumber;
} WSK_INSPECT_ID, *PWSK_INSPECT_ID;

/* The client's event callbacks. */
typedef NTSTATUS (WSKAPI *PFN_WSK_CLIENT_EVENT)(PVOID ClientContext, ULONG EventType, PVOID Information,
	SIZE_T InformationLength);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_EVENT)(PVOID SocketContext, ULONG Flags,
	PWSK_DATA_INDICATION DataIndication, SIZE_T BytesIndicated, SIZE_T *BytesAccepted);
typedef NTSTATUS (WSKAPI *PFN_WSK_DISCONNECT_EVENT)(PVOID SocketContext, ULONG Flags);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_BACKLOG_EVENT)(PVOID SocketContext, SIZE_T IdealBacklogSize);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_FROM_EVENT)(PVOID SocketContext, ULONG Flags,
	PWSK_DATAGRAM_INDICATION DataIndication);
typedef struct _WSK_CLIENT_CONNECTION_DISPATCH {
	PFN_WSK_RECEIVE_EVENT WskReceiveEvent;
	PFN_WSK_DISCONNECT_EVENT WskDisconnectEvent;
	PFN_WSK_SEND_BACKLOG_EVENT WskSendBacklogEvent;
} WSK_CLIENT_CONNECTION_DISPATCH, *PWSK_CLIENT_CONNECTION_DISPATCH;
typedef NTSTATUS (WSKAPI *PFN_WSK_ACCEPT_EVENT)(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress,
	PSOCKADDR RemoteAddress, PWSK_SOCKET AcceptSocket, PVOID *AcceptSocketContext,
	const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch);
typedef WSK_INSPECT_ACTION (WSKAPI *PFN_WSK_INSPECT_EVENT)(PVOID SocketContext, PSOCKADDR LocalAddress,
	PSOCKADDR RemoteAddress, PWSK_INSPECT_ID InspectID);
typedef NTSTATUS (WSKAPI *PFN_WSK_ABORT_EVENT)(PVOID SocketContext, PWSK_INSPECT_ID InspectID);
typedef struct _WSK_CLIENT_LISTEN_DISPATCH {
	PFN_WSK_ACCEPT_EVENT WskAcceptEvent;
	PFN_WSK_INSPECT_EVENT WskInspectEvent;
	PFN_WSK_ABORT_EVENT WskAbortEvent;
} WSK_CLIENT_LISTEN_DISPATCH, *PWSK_CLIENT_LISTEN_DISPATCH;
typedef struct _WSK_CLIENT_DATAGRAM_DISPATCH {
	PFN_WSK_RECEIVE_FROM_EVENT WskReceiveFromEvent;
} WSK_CLIENT_DATAGRAM_DISPATCH, *PWSK_CLIENT_DATAGRAM_DISPATCH;

/* The provider's socket operations. */
typedef NTSTATUS (WSKAPI *PFN_WSK_CONTROL_SOCKET)(PWSK_SOCKET Socket, WSK_CONTROL_SOCKET_TYPE RequestType,
	ULONG ControlCode, ULONG Level, SIZE_T InputSize, PVOID InputBuffer, SIZE_T OutputSize,
	PVOID OutputBuffer, SIZE_T *OutputSizeReturned, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CLOSE_SOCKET)(PWSK_SOCKET Socket, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_BIND)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_ACCEPT)(PWSK_SOCKET ListenSocket, ULONG Flags, PVOID AcceptSocketContext,
	const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch, PSOCKADDR LocalAddress,
	PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_INSPECT_COMPLETE)(PWSK_SOCKET ListenSocket, PWSK_INSPECT_ID InspectID,
	WSK_INSPECT_ACTION Action, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_LOCAL_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_REMOTE_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CONNECT)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_DISCONNECT)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RELEASE_DATA_INDICATION_LIST)(PWSK_SOCKET Socket,
	PWSK_DATA_INDICATION DataIndication);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_TO)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
	PSOCKADDR RemoteAddress, ULONG ControlInfoLength, PCMSGHDR ControlInfo, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_FROM)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
	PSOCKADDR RemoteAddress, PULONG ControlLength, PCMSGHDR ControlInfo, PULONG ControlFlags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST)(PWSK_SOCKET Socket,
	PWSK_DATAGRAM_INDICATION DatagramIndication);

typedef struct _WSK_PROVIDER_BASIC_DISPATCH {
	PFN_WSK_CONTROL_SOCKET WskControlSocket;
	PFN_WSK_CLOSE_SOCKET WskCloseSocket;
} WSK_PROVIDER_BASIC_DISPATCH, *PWSK_PROVIDER_BASIC_DISPATCH;
typedef struct _WSK_PROVIDER_LISTEN_DISPATCH {
	WSK_PROVIDER_BASIC_DISPATCH Basic;
	PFN_WSK_BIND WskBind;
	PFN_WSK_ACCEPT WskAccept;
	PFN_WSK_INSPECT_COMPLETE WskInspectComplete;
	PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
} WSK_PROVIDER_LISTEN_DISPATCH, *PWSK_PROVIDER_LISTEN_DISPATCH;
typedef struct _WSK_PROVIDER_CONNECTION_DISPATCH {
	WSK_PROVIDER_BASIC_DISPATCH Basic;
	PFN_WSK_BIND WskBind;
	PFN_WSK_CONNECT WskConnect;
	PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
	PFN_WSK_GET_REMOTE_ADDRESS WskGetRemoteAddress;
	PFN_WSK_SEND WskSend;
	PFN_WSK_RECEIVE WskReceive;
	PFN_WSK_DISCONNECT WskDisconnect;
	PFN_WSK_RELEASE_DATA_INDICATION_LIST WskRelease;
} WSK_PROVIDER_CONNECTION_DISPATCH, *PWSK_PROVIDER_CONNECTION_DISPATCH;
typedef struct _WSK_PROVIDER_DATAGRAM_DISPATCH {
	WSK_PROVIDER_BASIC_DISPATCH Basic;
	PFN_WSK_BIND WskBind;
	PFN_WSK_SEND_TO WskSendTo;
	PFN_WSK_RECEIVE_FROM WskReceiveFrom;
	PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST WskRelease;
	PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
} WSK_PROVIDER_DATAGRAM_DISPATCH, *PWSK_PROVIDER_DATAGRAM_DISPATCH;

/* The provider NPI and the client's registration. */
typedef NTSTATUS (WSKAPI *PFN_WSK_SOCKET)(PWSK_CLIENT Client, ADDRESS_FAMILY AddressFamily, USHORT SocketType,
	ULONG Protocol, ULONG Flags, PVOID SocketContext, const VOID *Dispatch, PEPROCESS OwningProcess,
	PETHREAD OwningThread, PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_SOCKET_CONNECT)(PWSK_CLIENT Client, USHORT SocketType, ULONG Protocol,
	PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, ULONG Flags, PVOID SocketContext,
	const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch, PEPROCESS OwningProcess, PETHREAD OwningThread,
	PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CONTROL_CLIENT)(PWSK_CLIENT Client, ULONG ControlCode, SIZE_T InputSize,
	PVOID InputBuffer, SIZE_T OutputSize, PVOID OutputBuffer, SIZE_T *OutputSizeReturned, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_ADDRESS_INFO)(PWSK_CLIENT Client, PUNICODE_STRING NodeName,
	PUNICODE_STRING ServiceName, ULONG NameSpace, GUID *Provider, PVOID Hints, PVOID *Result,
	PEPROCESS OwningProcess, PETHREAD OwningThread, PIRP Irp);
typedef VOID (WSKAPI *PFN_WSK_FREE_ADDRESS_INFO)(PWSK_CLIENT Client, PVOID AddrInfo);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_NAME_INFO)(PWSK_CLIENT Client, PSOCKADDR SockAddr, ULONG SockAddrLength,
	PUNICODE_STRING NodeName, PUNICODE_STRING ServiceName, ULONG Flags, PEPROCESS OwningProcess,
	PETHREAD OwningThread, PIRP Irp);

typedef struct _WSK_PROVIDER_DISPATCH {
	USHORT Version;
	USHORT Reserved;
	PFN_WSK_SOCKET WskSocket;
	PFN_WSK_SOCKET_CONNECT WskSocketConnect;
	PFN_WSK_CONTROL_CLIENT WskControlClient;
	PFN_WSK_GET_ADDRESS_INFO WskGetAddressInfo;
	PFN_WSK_FREE_ADDRESS_INFO WskFreeAddressInfo;
	PFN_WSK_GET_NAME_INFO WskGetNameInfo;
} WSK_PROVIDER_DISPATCH, *PWSK_PROVIDER_DISPATCH;

typedef struct _WSK_PROVIDER_NPI {
	PWSK_CLIENT Client;
	const WSK_PROVIDER_DISPATCH *Dispatch;
} WSK_PROVIDER_NPI, *PWSK_PROVIDER_NPI;

typedef struct _WSK_CLIENT_DISPATCH {
	USHORT Version;
	USHORT Reserved;
	PFN_WSK_CLIENT_EVENT WskClientEvent;
} WSK_CLIENT_DISPATCH, *PWSK_CLIENT_DISPATCH;

typedef struct _WSK_CLIENT_NPI {
	PVOID ClientContext;
	const WSK_CLIENT_DISPATCH *Dispatch;
} WSK_CLIENT_NPI, *PWSK_CLIENT_NPI;

typedef struct _WSK_REGISTRATION {
	ULONGLONG ReservedRegistrationState;
	PVOID ReservedRegistrationContext;
	KSPIN_LOCK ReservedRegistrationLock;
} WSK_REGISTRATION, *PWSK_REGISTRATION;

_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI WskClientNpi, PWSK_REGISTRATION WskRegistration);
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID WSKAPI WskDeregister(PWSK_REGISTRATION WskRegistration);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION WskRegistration, ULONG WaitTimeout,
	PWSK_PROVIDER_NPI WskProviderNpi);
_IRQL_requires_max_(PASSIVE_LEVEL)
VOID WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION WskRegistration);

#ifdef __cplusplus
}
#endif

#endif /* FLTLINT_WSK_H */
