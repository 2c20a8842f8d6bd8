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
    private const int NameOffset = 19, TypeOffset = 18;
    private const byte DT_UNKNOWN = 0, DT_DIR = 4, DT_LNK = 10;
    private const uint STATX_TYPE = 1;
    private const int StatxModeOffset = 28;
    private const ushort S_IFMT = 0xF000, S_IFDIR = 0x4000;

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
            byte* entry = Libc.ReadDir(_directory);
            if (entry == null)
            {
                name = default;
                isDirectory = false;
                errno = *errnoLocation;
                return false;
            }
            byte* text = entry + NameOffset;
            int length = 0;
            while (text[length] != 0)
                length++;
            if ((length == 1 && text[0] == '.') || (length == 2 && text[0] == '.' && text[1] == '.'))
                continue;
            byte type = entry[TypeOffset];
            isDirectory = type == DT_DIR || ((type == DT_LNK || type == DT_UNKNOWN) && IsDirectory(text));
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
        byte* buffer = stackalloc byte[256];
        if (Libc.Statx(Libc.DirFd(_directory), name, 0, STATX_TYPE, buffer) != 0)
            return false;
        ushort mode = *(ushort*)(buffer + StatxModeOffset);
        return (mode & S_IFMT) == S_IFDIR;
    }
}
