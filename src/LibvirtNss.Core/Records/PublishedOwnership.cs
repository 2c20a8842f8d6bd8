using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Records;

/// <summary>Whether the published directory or one of its files is read, and if not, why.</summary>
public enum PublishedVerdict : byte
{
    Trusted,
    /// <summary>The directory is no directory, or a file no regular file (a symbolic link, a FIFO, a socket, a device, a directory).</summary>
    WrongType,
    /// <summary>Not owned by root.</summary>
    NotRootOwned,
    /// <summary>Writable by its group or by others.</summary>
    Writable,
}

/// <summary>What the publisher's directory's statx said: whether it is there, its mode and owner.</summary>
public unsafe struct PublishedDirectoryStatus
{
    public bool Present;
    public ushort Mode;
    public uint Uid;

    /// <summary>One statx of the NUL-terminated path, links followed (absent when it fails).</summary>
    public static PublishedDirectoryStatus Of(byte* path)
    {
        const uint wanted = Statx.STATX_TYPE | Statx.STATX_MODE | Statx.STATX_UID;
        Statx status;
        if (Libc.Statx(Statx.AT_FDCWD, path, 0, wanted, &status) != 0 || (status.Mask & wanted) != wanted)
            return default;
        return new PublishedDirectoryStatus { Present = true, Mode = status.Mode, Uid = status.Uid };
    }
}

/// <summary>
/// What the publisher's directory (<c>/run/libvirt-nss</c>) and its files must be for a lookup
/// to believe them (docs/security.md): every process on the host resolves through the module,
/// so a record only root could have written may answer; one anybody else could have placed or
/// changed may not. Judged on the mode and owner of the statx the reading path already takes.
/// </summary>
public static class PublishedOwnership
{
    /// <summary>The group- and other-write bits (S_IWGRP | S_IWOTH).</summary>
    public const ushort GroupOrOtherWritable = 0x12;

    /// <param name="mode">st_mode: type and permission bits.</param>
    /// <param name="uid">The owner.</param>
    /// <param name="directory">The directory itself (it must be a directory), or a file in it (it must be a regular file).</param>
    public static PublishedVerdict Judge(ushort mode, uint uid, bool directory)
    {
        ushort type = (ushort)(mode & Statx.S_IFMT);
        if (type != (directory ? Statx.S_IFDIR : Statx.S_IFREG))
            return PublishedVerdict.WrongType;
        if (uid != 0)
            return PublishedVerdict.NotRootOwned;
        if ((mode & GroupOrOtherWritable) != 0)
            return PublishedVerdict.Writable;
        return PublishedVerdict.Trusted;
    }

    /// <summary>The verdict as the words of a debug line ("PATH: ignored: WORDS").</summary>
    public static System.ReadOnlySpan<byte> Words(PublishedVerdict verdict, bool directory) => verdict switch
    {
        PublishedVerdict.WrongType => directory ? "not a directory"u8 : "not a regular file"u8,
        PublishedVerdict.NotRootOwned => "not owned by root"u8,
        PublishedVerdict.Writable => "writable by group or others"u8,
        _ => "trusted"u8,
    };
}
