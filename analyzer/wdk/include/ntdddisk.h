/*
 * ntdddisk.h - fltlint's wrapper of mingw-w64's ntdddisk.h.
 *
 * Adds the disk requests mingw-w64 lacks that file systems forward.
 */
#ifndef FLTLINT_NTDDDISK_H
#define FLTLINT_NTDDDISK_H

#include_next <ntdddisk.h>

#ifndef IOCTL_DISK_COPY_DATA
#define IOCTL_DISK_COPY_DATA CTL_CODE(IOCTL_DISK_BASE, 0x0019, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#endif

#endif /* FLTLINT_NTDDDISK_H */
