using System;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Files;

/// <summary>Why a lease file was not read (each is a debug line and a skipped file, never a failed lookup).</summary>
public enum FileReadFailure
{
    None,
    /// <summary>open(2) or a read failed: errno tells.</summary>
    CannotRead,
    /// <summary>A FIFO, socket or terminal (lseek: ESPIPE): never waited on.</summary>
    NotRegular,
    /// <summary>More than <see cref="LeaseFileContents.MaxFileBytes"/>.</summary>
    TooLarge,
    /// <summary>The lookup's memory could not hold it.</summary>
    OutOfMemory,
}

/// <summary>
/// Reads one file of the lease directory whole into the lookup's arena, without ever blocking:
/// open with O_NONBLOCK (open(2) of a FIFO for reading would wait for a writer: a FIFO named
/// y.status would hang every lookup of every process), then lseek to the end, which gives the
/// size and refuses what has none (ESPIPE), then pread from offset 0. A file that shrinks while
/// read gives what was there; one that grows gives its size at the lseek.
/// </summary>
public static unsafe class LeaseFileContents
{
    /// <summary>
    /// Files larger than this are not lease files libvirt wrote (about 150 bytes a lease: some
    /// 28,000 leases); they are skipped.
    /// </summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <param name="path">NUL-terminated.</param>
    /// <param name="size">The size found (also when it was too large).</param>
    public static bool TryRead(byte* path, ref Arena arena, out ReadOnlySpan<byte> contents,
        out FileReadFailure failure, out int errno, out long size)
    {
        contents = default;
        size = 0;
        int* errnoLocation = Libc.ErrnoLocation();
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            errno = *errnoLocation;
            failure = FileReadFailure.CannotRead;
            return false;
        }
        bool read = TryReadOpen(fd, ref arena, out contents, out failure, out errno, out size);
        Libc.Close(fd);
        return read;
    }

    private static bool TryReadOpen(int fd, ref Arena arena, out ReadOnlySpan<byte> contents,
        out FileReadFailure failure, out int errno, out long size)
    {
        contents = default;
        errno = 0;
        size = Libc.Seek(fd, 0, Libc.SEEK_END);
        if (size < 0)
        {
            errno = *Libc.ErrnoLocation();
            failure = errno == Errno.ESPIPE ? FileReadFailure.NotRegular : FileReadFailure.CannotRead;
            return false;
        }
        if (size > MaxFileBytes)
        {
            failure = FileReadFailure.TooLarge;
            return false;
        }
        byte* buffer = (byte*)arena.Allocate((nuint)(size == 0 ? 1 : size));
        if (buffer == null)
        {
            errno = Errno.ENOMEM;
            failure = FileReadFailure.OutOfMemory;
            return false;
        }
        long total = 0;
        while (total < size)
        {
            nint n = Libc.PRead(fd, buffer + total, (nuint)(size - total), total);
            if (n < 0 && *Libc.ErrnoLocation() == Errno.EINTR)
                continue;
            if (n < 0)
            {
                errno = *Libc.ErrnoLocation();
                failure = FileReadFailure.CannotRead;
                return false;
            }
            if (n == 0)
                break;
            total += n;
        }
        contents = new ReadOnlySpan<byte>(buffer, (int)total);
        failure = FileReadFailure.None;
        return true;
    }
}
