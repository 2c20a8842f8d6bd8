using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// The kernel's <c>struct statx</c> (include/uapi/linux/stat.h), 256 bytes, the same layout on
/// every architecture (unlike struct stat): only the fields the project reads are named.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct Statx
{
    public const int Size = 256;

    /// <summary>The <c>mask</c> argument's bits (STATX_*): what to fill, and in <see cref="Mask"/> what was.</summary>
    public const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_UID = 0x8, STATX_MTIME = 0x40, STATX_CTIME = 0x80, STATX_INO = 0x100, STATX_SIZE = 0x200;

    /// <summary>The file type bits of <see cref="Mode"/> (S_IFMT), a directory's (S_IFDIR) and a regular file's (S_IFREG).</summary>
    public const ushort S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000;

    /// <summary>The <c>flags</c> argument's bit that stats a symbolic link itself (AT_SYMLINK_NOFOLLOW).</summary>
    public const int AT_SYMLINK_NOFOLLOW = 0x100;

    /// <summary>dirfd meaning "relative to the working directory" (AT_FDCWD).</summary>
    public const int AT_FDCWD = -100;

    [FieldOffset(0)] public uint Mask;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong FileSize;
    [FieldOffset(96)] public StatxTimestamp Ctime;
    [FieldOffset(112)] public StatxTimestamp Mtime;
    [FieldOffset(136)] public uint DevMajor;
    [FieldOffset(140)] public uint DevMinor;
}

/// <summary><c>struct statx_timestamp { __s64 tv_sec; __u32 tv_nsec; __s32 __reserved; }</c> (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct StatxTimestamp
{
    public long Seconds;
    public uint Nanoseconds;
    private readonly int _reserved;
}
