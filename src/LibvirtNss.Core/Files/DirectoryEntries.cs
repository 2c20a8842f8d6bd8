using System;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The names in one directory, in directory order (getdents64), without "." and "..", each told
/// whether it is a directory (a link is followed, as the files' open() will). The entries are
/// read into the caller's buffer, a few at a time. The caller closes it; errno of a failed open
/// or read is kept.
/// </summary>
public unsafe ref struct DirectoryEntries
{
    /// <summary>A buffer this large holds a directory entry of any name (a name has at most 255 bytes).</summary>
    public const int MinBufferBytes = 512;

    private Span<byte> _buffer;
    private int _fd, _filled, _at;

    /// <param name="path">NUL-terminated.</param>
    /// <param name="buffer">At least <see cref="MinBufferBytes"/>; a larger one takes fewer reads.</param>
    public static bool TryOpen(byte* path, Span<byte> buffer, out DirectoryEntries entries, out int errno)
    {
        entries = default;
        // Without O_DIRECTORY (whose value differs by architecture): a path that is no directory
        // fails at the first read with ENOTDIR, as opendir(3) would; O_NONBLOCK keeps a FIFO from
        // waiting for a writer.
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            errno = *Libc.ErrnoLocation();
            return false;
        }
        entries._fd = fd;
        entries._buffer = buffer;
        errno = 0;
        return true;
    }

    /// <summary>The next name (valid until the next call), or false at the end (errno 0) or on an error.</summary>
    public bool Next(out ReadOnlySpan<byte> name, out bool isDirectory, out int errno)
    {
        while (true)
        {
            if (_at >= _filled)
            {
                nint n;
                fixed (byte* start = _buffer)
                    n = Libc.GetDents64(_fd, start, (nuint)_buffer.Length);
                if (n <= 0)
                {
                    name = default;
                    isDirectory = false;
                    errno = n < 0 ? *Libc.ErrnoLocation() : 0;
                    return false;
                }
                _filled = (int)n;
                _at = 0;
            }
            Dirent64* entry;
            fixed (byte* start = _buffer)
                entry = (Dirent64*)(start + _at);  // the caller's buffer: it does not move
            _at += entry->RecordLength;
            byte* text = entry->Name;
            int length = 0;
            while (text[length] != 0)
                length++;
            if ((length == 1 && text[0] == '.') || (length == 2 && text[0] == '.' && text[1] == '.'))
                continue;
            byte type = entry->Type;
            isDirectory = type == Dirent64.DT_DIR
                || ((type == Dirent64.DT_LNK || type == Dirent64.DT_UNKNOWN) && IsDirectory(text));
            name = new ReadOnlySpan<byte>(text, length);
            errno = 0;
            return true;
        }
    }

    public void Close()
    {
        if (!_buffer.IsEmpty)
            Libc.Close(_fd);
        _buffer = default;
    }

    /// <summary>
    /// statx(2) of the entry <paramref name="name"/> (as <see cref="Next"/> gave it: NUL-terminated
    /// in the buffer) relative to the directory itself, the entry itself when it is a symbolic link.
    /// </summary>
    public readonly bool TryStatusOf(ReadOnlySpan<byte> name, uint mask, out Statx status)
    {
        status = default;
        fixed (byte* text = name)
        fixed (Statx* into = &status)
            return Libc.Statx(_fd, text, Statx.AT_SYMLINK_NOFOLLOW, mask, into) == 0 && (into->Mask & mask) == mask;
    }

    // What the entry names, links followed: statx relative to the directory itself.
    private readonly bool IsDirectory(byte* name)
    {
        Statx status;
        if (Libc.Statx(_fd, name, 0, Statx.STATX_TYPE, &status) != 0)
            return false;
        return (status.Mode & Statx.S_IFMT) == Statx.S_IFDIR;
    }
}
