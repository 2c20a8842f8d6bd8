using System;

namespace LibvirtNss.Core.Os;

/// <summary>
/// Every errno value the project names, in Linux's numbering (include/uapi/asm-generic/errno-base.h
/// and errno.h: the same on x86_64 and aarch64). Core reports them, the module hands them to glibc
/// in *errnop, the command describes them.
/// </summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int ESPIPE = 29;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ELOOP = 40;
    public const int EOVERFLOW = 75;
    public const int EAFNOSUPPORT = 97;
    public const int ESTALE = 116;

    /// <summary>
    /// glibc's message for <paramref name="errno"/> in the C locale (what strerror(3) gives), for the
    /// values a lookup's reads can meet; empty for any other. The module's own table rather than
    /// strerror_r: one libc function fewer to bind at load (<see cref="Libc"/>).
    /// </summary>
    public static ReadOnlySpan<byte> Message(int errno) => errno switch
    {
        EPERM => "Operation not permitted"u8,
        ENOENT => "No such file or directory"u8,
        ESRCH => "No such process"u8,
        EINTR => "Interrupted system call"u8,
        EIO => "Input/output error"u8,
        ENXIO => "No such device or address"u8,
        EBADF => "Bad file descriptor"u8,
        EAGAIN => "Resource temporarily unavailable"u8,
        ENOMEM => "Cannot allocate memory"u8,
        EACCES => "Permission denied"u8,
        EFAULT => "Bad address"u8,
        ENODEV => "No such device"u8,
        ENOTDIR => "Not a directory"u8,
        EISDIR => "Is a directory"u8,
        EINVAL => "Invalid argument"u8,
        ENFILE => "Too many open files in system"u8,
        EMFILE => "Too many open files"u8,
        ESPIPE => "Illegal seek"u8,
        ERANGE => "Numerical result out of range"u8,
        ENAMETOOLONG => "File name too long"u8,
        ELOOP => "Too many levels of symbolic links"u8,
        EOVERFLOW => "Value too large for defined data type"u8,
        EAFNOSUPPORT => "Address family not supported by protocol"u8,
        ESTALE => "Stale file handle"u8,
        _ => default,
    };
}
