using System;
using System.Runtime.InteropServices;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>
/// A path's type, permission bits and owner, read with statx(2) as Core reads the publisher's
/// directory and files, so that the command judges them with <see cref="PublishedOwnership"/>
/// exactly as the module does.
/// </summary>
internal static partial class FileStatus
{
    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_UID = 0x8;

    // struct statx (linux/stat.h, the same on every architecture): stx_mask at 0, stx_uid at 20, stx_mode at 28.
    private const int StatxSize = 256, UidOffset = 20, ModeOffset = 28;

    /// <summary>
    /// The verdict on <paramref name="path"/>, or null when it cannot be read (absent). The
    /// directory is statted through links, as the module does; a file is not (a link is no
    /// regular file to the module).
    /// </summary>
    public static PublishedVerdict? Judge(string path, bool directory)
    {
        const uint wanted = STATX_TYPE | STATX_MODE | STATX_UID;
        var buffer = new byte[StatxSize];
        if (statx(AT_FDCWD, path, directory ? 0 : AT_SYMLINK_NOFOLLOW, wanted, buffer) != 0
            || (BitConverter.ToUInt32(buffer, 0) & wanted) != wanted)
            return null;
        return PublishedOwnership.Judge(BitConverter.ToUInt16(buffer, ModeOffset), BitConverter.ToUInt32(buffer, UidOffset), directory);
    }

    /// <summary>The reason the module ignores a path with this verdict, in its debug line's words.</summary>
    public static string Why(PublishedVerdict verdict, bool directory) =>
        System.Text.Encoding.UTF8.GetString(PublishedOwnership.Words(verdict, directory));

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
