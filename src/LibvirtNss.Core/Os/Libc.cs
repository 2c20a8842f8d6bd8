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
    /// <summary>NULL in a setuid or setgid process (AT_SECURE), as glibc's secure_getenv does.</summary>
    [DllImport("libc", EntryPoint = "secure_getenv")]
    public static extern byte* SecureGetEnv(byte* name);

    /// <summary>The calling thread's errno.</summary>
    [DllImport("libc", EntryPoint = "__errno_location")]
    public static extern int* ErrnoLocation();

    /// <summary>The calling thread's h_errno (netdb.h).</summary>
    [DllImport("libc", EntryPoint = "__h_errno_location")]
    public static extern int* HErrnoLocation();

    /// <summary>open(2)'s flags, the same on x86_64 and aarch64 (unlike O_DIRECTORY, which the project does not use).</summary>
    public const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int SEEK_END = 2;

    // The file, directory and output calls. The module makes them as system calls through libc's
    // one syscall(3) function: glibc's NSS opens a module with RTLD_NOW, which binds every libc
    // function the module imports by a symbol lookup at load, called or not, and one import
    // costs a cold lookup about as much as reading a small lease file (docs/performance.md, the
    // cold own cost). For these calls glibc's functions are thin wrappers of the system call on
    // 64-bit Linux. The .NET world (the command, the tests) binds those wrappers, which need no
    // system call numbers, so the same C# runs on any architecture there. Each returns -1 with
    // errno set on a failure, either way.
#if ZERO_RUNTIME
    public static int Open(byte* path, int flags) => (int)Syscall(SyscallNumber.OpenAt, Os.Statx.AT_FDCWD, (nint)path, flags, 0, 0);

    public static int Close(int fd) => (int)Syscall(SyscallNumber.Close, fd, 0, 0, 0, 0);

    public static long Seek(int fd, long offset, int whence) => Syscall(SyscallNumber.LSeek, fd, (nint)offset, whence, 0, 0);

    public static nint PRead(int fd, byte* buffer, nuint count, long offset) =>
        Syscall(SyscallNumber.PRead64, fd, (nint)buffer, (nint)count, (nint)offset, 0);

    public static nint Write(int fd, byte* buffer, nuint count) => Syscall(SyscallNumber.Write, fd, (nint)buffer, (nint)count, 0, 0);

    /// <summary>statx(2): the kernel's struct statx, the same layout on every architecture.</summary>
    public static int Statx(int dirfd, byte* path, int flags, uint mask, Os.Statx* buffer) =>
        (int)Syscall(SyscallNumber.Statx, dirfd, (nint)path, flags, (nint)mask, (nint)buffer);

    /// <summary>getdents64(2): the directory's next entries (<see cref="Dirent64"/> records) into the buffer; 0 at the end.</summary>
    public static nint GetDents64(int fd, byte* buffer, nuint count) => Syscall(SyscallNumber.GetDents64, fd, (nint)buffer, (nint)count, 0, 0);

    /// <summary>uname(2): the kernel's struct new_utsname (<see cref="Os.Utsname"/>).</summary>
    public static int Uname(Os.Utsname* buffer) => (int)Syscall(SyscallNumber.Uname, (nint)buffer, 0, 0, 0, 0);

    /// <summary>syscall(3): its arguments past the number are read as the call needs them, the others ignored.</summary>
    [DllImport("libc", EntryPoint = "syscall")]
    private static extern nint Syscall(nint number, nint a, nint b, nint c, nint d, nint e);
#else
    [DllImport("libc", EntryPoint = "open")]
    public static extern int Open(byte* path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "lseek")]
    public static extern long Seek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "pread")]
    public static extern nint PRead(int fd, byte* buffer, nuint count, long offset);

    [DllImport("libc", EntryPoint = "write")]
    public static extern nint Write(int fd, byte* buffer, nuint count);

    /// <summary>statx(2): the kernel's struct statx, the same layout on every architecture.</summary>
    [DllImport("libc", EntryPoint = "statx")]
    public static extern int Statx(int dirfd, byte* path, int flags, uint mask, Os.Statx* buffer);

    /// <summary>getdents64(2): the directory's next entries (<see cref="Dirent64"/> records) into the buffer; 0 at the end.</summary>
    [DllImport("libc", EntryPoint = "getdents64")]
    public static extern nint GetDents64(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "uname")]
    public static extern int Uname(Os.Utsname* buffer);
#endif

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

    /// <summary>The wall clock (CLOCK_REALTIME).</summary>
    public static TimeSpec WallClock()
    {
        TimeSpec now;
        ClockGetTime(CLOCK_REALTIME, &now);
        return now;
    }

    /// <summary>Seconds since the epoch, the scale of lease expiry times.</summary>
    public static long WallClockSeconds() => WallClock().Seconds;
}
