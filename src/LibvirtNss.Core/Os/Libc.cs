using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// The libc calls of the subset Core and of the module, bound by plain DllImport with blittable
/// arguments only: the same declaration binds through .NET (the command, the tests) and directly
/// (the zero-runtime module, linked against libc.so.6). The structs they fill are this folder's
/// named layouts; errno values are <see cref="Errno"/>'s.
/// </summary>
internal static unsafe class Libc
{
    public const nuint AT_SECURE = 23;

    /// <summary>NULL in a setuid or setgid process (AT_SECURE), as glibc's secure_getenv does.</summary>
    [DllImport("libc", EntryPoint = "secure_getenv")]
    public static extern byte* SecureGetEnv(byte* name);

    [DllImport("libc", EntryPoint = "getauxval")]
    public static extern nuint GetAuxVal(nuint type);

    [DllImport("libc", EntryPoint = "write")]
    public static extern nint Write(int fd, byte* buffer, nuint count);

    /// <summary>The calling thread's errno.</summary>
    [DllImport("libc", EntryPoint = "__errno_location")]
    public static extern int* ErrnoLocation();

    /// <summary>The calling thread's h_errno (netdb.h).</summary>
    [DllImport("libc", EntryPoint = "__h_errno_location")]
    public static extern int* HErrnoLocation();

    public const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
    public const int SEEK_END = 2;
    // Names kept for the callers that have not moved to Errno's.
    public const int ENOENT = Errno.ENOENT, EINTR = Errno.EINTR, EIO = Errno.EIO, ENOMEM = Errno.ENOMEM,
        EACCES = Errno.EACCES, ENOTDIR = Errno.ENOTDIR, ESPIPE = Errno.ESPIPE;

    [DllImport("libc", EntryPoint = "open")]
    public static extern int Open(byte* path, int flags);

    [DllImport("libc", EntryPoint = "openat")]
    public static extern int OpenAt(int dirfd, byte* path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "lseek")]
    public static extern long Seek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "pread")]
    public static extern nint PRead(int fd, byte* buffer, nuint count, long offset);

    /// <summary>statx(2): the kernel's struct statx, the same layout on every architecture.</summary>
    [DllImport("libc", EntryPoint = "statx")]
    public static extern int Statx(int dirfd, byte* path, int flags, uint mask, Os.Statx* buffer);

    /// <summary>glibc's DIR stream (malloc'd, with its fd): closed by <see cref="CloseDir"/>.</summary>
    [DllImport("libc", EntryPoint = "opendir")]
    public static extern void* OpenDir(byte* path);

    /// <summary>The next entry, valid until the next call on the stream; NULL at the end or on an error (errno).</summary>
    [DllImport("libc", EntryPoint = "readdir64")]
    public static extern Dirent64* ReadDir(void* directory);

    [DllImport("libc", EntryPoint = "closedir")]
    public static extern int CloseDir(void* directory);

    [DllImport("libc", EntryPoint = "dirfd")]
    public static extern int DirFd(void* directory);

    /// <summary>The XSI strerror_r: the message of <paramref name="errnum"/> into the caller's buffer.</summary>
    [DllImport("libc", EntryPoint = "__xpg_strerror_r")]
    public static extern int StrError(int errnum, byte* buffer, nuint size);

    /// <summary>Seconds since the epoch (time(2)).</summary>
    [DllImport("libc", EntryPoint = "time")]
    public static extern long Time(long* seconds);

    public const int CLOCK_REALTIME = 0;

    /// <summary>struct timespec on LP64 (filled by clock_gettime).</summary>
    public struct TimeSpec
    {
#pragma warning disable CS0649 // written by libc
        public long Seconds;
        public long Nanoseconds;
#pragma warning restore CS0649
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    public static extern int ClockGetTime(int clock, TimeSpec* time);
}
