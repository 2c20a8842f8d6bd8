using System.Runtime.InteropServices;

namespace LibvirtNss.Core.Os;

/// <summary>
/// One record of getdents64(2), the kernel's <c>struct linux_dirent64</c> (the layout of glibc's
/// <c>struct dirent64</c> too), the same on every architecture: <c>u64 d_ino; s64 d_off;
/// unsigned short d_reclen; unsigned char d_type; char d_name[];</c>, d_name NUL-terminated and
/// the record d_reclen bytes long (the next one follows it).
/// </summary>
[StructLayout(LayoutKind.Explicit)]
public unsafe struct Dirent64
{
    public const int NameOffset = 19;

    /// <summary>d_type: not known to the file system (DT_UNKNOWN), a directory (DT_DIR), a symbolic link (DT_LNK).</summary>
    public const byte DT_UNKNOWN = 0, DT_DIR = 4, DT_LNK = 10;

    [FieldOffset(0)] public ulong Inode;
    [FieldOffset(8)] public long Offset;
    [FieldOffset(16)] public ushort RecordLength;
    [FieldOffset(18)] public byte Type;
    [FieldOffset(NameOffset)] public fixed byte Name[256];
}
