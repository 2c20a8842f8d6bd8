using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Core;

/// <summary>
/// statx(2) (glibc 2.28 and later), one of Core's few libc calls (LeaseFileOpen has the others). .NET gives no device or inode
/// number and no ctime, and only 100 ns ticks of the mtime; the lease snapshot needs all of them
/// to tell file versions apart. On any failure (no statx in the kernel or a seccomp filter that
/// refuses it included) the caller falls back to reading the files, as without a snapshot.
/// The module binds "libc" at link time (DirectPInvoke); the CLI and the tests load libc.so.6.
/// </summary>
internal static class FileStatus
{
    private const int AT_FDCWD = -100;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_MTIME = 0x40, STATX_CTIME = 0x80, STATX_INO = 0x100, STATX_SIZE = 0x200;
    private const uint Wanted = STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE;

    private static readonly byte[] EmptyPath = { 0 };

    /// <summary>struct statx of linux/stat.h (256 bytes); only the fields used are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSeconds;
        [FieldOffset(104)] public uint CtimeNanoseconds;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, byte[] path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>stat() of a path (links followed, as open() does); <paramref name="path"/> ends with a NUL.</summary>
    public static bool TryGet(byte[] path, out FileIdentity identity) =>
        TryGet(AT_FDCWD, path, 0, out identity);

    /// <summary>fstat() of an open file: the identity of exactly what is read from it.</summary>
    public static bool TryGet(SafeFileHandle file, out FileIdentity identity) =>
        TryGet((int)file.DangerousGetHandle(), EmptyPath, AT_EMPTY_PATH, out identity);

    private static bool TryGet(int dirfd, byte[] path, int flags, out FileIdentity identity)
    {
        identity = FileIdentity.Unavailable;
        try
        {
            if (Statx(dirfd, path, flags, Wanted, out StatxBuffer b) != 0 || (b.Mask & Wanted) != Wanted)
                return false;
            identity = new FileIdentity(((ulong)b.DeviceMajor << 32) | b.DeviceMinor, b.Inode, (long)b.Size,
                b.MtimeSeconds, b.MtimeNanoseconds, b.CtimeSeconds, b.CtimeNanoseconds);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The NUL-terminated UTF-8 bytes of a path, as statx() takes them.</summary>
    public static byte[] NulTerminated(string path)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(path);
        var bytes = new byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
