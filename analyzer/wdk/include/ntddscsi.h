/*
 * ntddscsi.h - fltlint's wrapper of mingw-w64's ntddscsi.h.
 *
 * Adds the extended pass-through requests (Windows 8 on), which file
 * systems recognise in their device-control paths.
 */
#ifndef FLTLINT_NTDDSCSI_H
#define FLTLINT_NTDDSCSI_H

#include_next <ntddscsi.h>

#ifndef IOCTL_SCSI_PASS_THROUGH_EX
#define IOCTL_SCSI_PASS_THROUGH_EX \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0411, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_SCSI_PASS_THROUGH_DIRECT_EX \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0412, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#endif
#ifndef SCSI_IOCTL_DATA_BIDIRECTIONAL
#define SCSI_IOCTL_DATA_BIDIRECTIONAL 3
#endif

typedef struct _SCSI_PASS_THROUGH_EX {
	ULONG Version;
	ULONG Length;
	ULONG CdbLength;
	ULONG StorAddressLength;
	UCHAR ScsiStatus;
	UCHAR SenseInfoLength;
	UCHAR DataDirection;
	UCHAR Reserved;
	ULONG TimeOutValue;
	ULONG StorAddressOffset;
	ULONG SenseInfoOffset;
	ULONG DataOutTransferLength;
	ULONG DataInTransferLength;
	ULONG_PTR DataOutBufferOffset;
	ULONG_PTR DataInBufferOffset;
	UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH_EX, *PSCSI_PASS_THROUGH_EX;

typedef struct _SCSI_PASS_THROUGH_DIRECT_EX {
	ULONG Version;
	ULONG Length;
	ULONG CdbLength;
	ULONG StorAddressLength;
	UCHAR ScsiStatus;
	UCHAR SenseInfoLength;
	UCHAR DataDirection;
	UCHAR Reserved;
	ULONG TimeOutValue;
	ULONG StorAddressOffset;
	ULONG SenseInfoOffset;
	ULONG DataOutTransferLength;
	ULONG DataInTransferLength;
	VOID *DataOutBuffer;
	VOID *DataInBuffer;
	UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH_DIRECT_EX, *PSCSI_PASS_THROUGH_DIRECT_EX;

#endif /* FLTLINT_NTDDSCSI_H */
