using System;
using System.IO;
using System.Runtime.InteropServices;

namespace LibvirtNss.Cli;

/// <summary>A file's owner and group, read with statx(2) and set with chown(2): .NET has no API for either.</summary>
internal readonly partial struct FileOwner
{
    private const int AT_FDCWD = -100;
    private const uint STATX_UID = 0x8, STATX_GID = 0x10;

    // struct statx (linux/stat.h, the same on every architecture): stx_uid at 20, stx_gid at 24.
    private const int StatxSize = 256, UidOffset = 20, GidOffset = 24;

    private FileOwner(uint uid, uint gid)
    {
        Uid = uid;
        Gid = gid;
    }

    public uint Uid { get; }
    public uint Gid { get; }

    public static FileOwner Of(string path)
    {
        var buffer = new byte[StatxSize];
        if (statx(AT_FDCWD, path, 0, STATX_UID | STATX_GID, buffer) != 0)
            throw new IOException($"{path}: statx: {Marshal.GetLastPInvokeErrorMessage()}");
        return new FileOwner(BitConverter.ToUInt32(buffer, UidOffset), BitConverter.ToUInt32(buffer, GidOffset));
    }

    public void ApplyTo(string path)
    {
        if (chown(path, Uid, Gid) != 0)
            throw new IOException($"{path}: chown {Uid}:{Gid}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, uint owner, uint group);
}
