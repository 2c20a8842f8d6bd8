using System;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The names in one directory, in directory order (readdir), without "." and "..", each told
/// whether it is a directory (a link is followed, as the files' open() will). The caller closes
/// it; errno of a failed open or read is kept.
/// </summary>
public unsafe struct DirectoryEntries
{
    private void* _directory;

    /// <param name="path">NUL-terminated.</param>
    public static bool TryOpen(byte* path, out DirectoryEntries entries, out int errno)
    {
        entries = default;
        int* errnoLocation = Libc.ErrnoLocation();
        *errnoLocation = 0;
        entries._directory = Libc.OpenDir(path);
        errno = entries._directory == null ? *errnoLocation : 0;
        return entries._directory != null;
    }

    /// <summary>The next name (valid until the next call), or false at the end (errno 0) or on an error.</summary>
    public bool Next(out ReadOnlySpan<byte> name, out bool isDirectory, out int errno)
    {
        int* errnoLocation = Libc.ErrnoLocation();
        while (true)
        {
            *errnoLocation = 0;
            Dirent64* entry = Libc.ReadDir(_directory);
            if (entry == null)
            {
                name = default;
                isDirectory = false;
                errno = *errnoLocation;
                return false;
            }
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
        if (_directory != null)
            Libc.CloseDir(_directory);
        _directory = null;
    }

    // What the entry names, links followed: statx relative to the directory itself.
    private readonly bool IsDirectory(byte* name)
    {
        Statx status;
        if (Libc.Statx(Libc.DirFd(_directory), name, 0, Statx.STATX_TYPE, &status) != 0)
            return false;
        return (status.Mode & Statx.S_IFMT) == Statx.S_IFDIR;
    }
}
