using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>What a name of a generated lease directory is on disk.</summary>
public enum EntryShape
{
    Regular,
    /// <summary>Mode 000: unreadable to a user (root reads it anyway, which is also a case).</summary>
    NoPermission,
    /// <summary>Sparse, one byte over the 4 MiB cap: skipped by its size, never read.</summary>
    Oversized,
    Fifo,
    Subdirectory,
    DanglingLink,
    /// <summary>A link to itself: ELOOP.</summary>
    LinkLoop,
    LinkToDirectory,
    /// <summary>A link to a regular file (of a name no lookup reads) holding the contents.</summary>
    LinkToFile,
}

public sealed record DirectoryEntry(string Name, EntryShape Shape, byte[] Contents)
{
    public override string ToString()
    {
        string shown = Contents.Length <= 600 ? Encoding.Latin1.GetString(Contents).Replace("\n", "\\n", StringComparison.Ordinal)
            : $"{Contents.Length} bytes";
        return Shape == EntryShape.Regular ? $"{Name}: {shown}" : $"{Name} ({Shape}): {shown}";
    }
}

/// <summary>A generated lease directory, made real in a temp directory by <see cref="Create"/>.</summary>
public sealed record LeaseDirectorySpec(DirectoryEntry[] Entries)
{
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    public override string ToString() => $"{Entries.Length} entries:\n  " + string.Join("\n  ", Entries.Select(e => e.ToString()));

    internal TempLeaseDirectory Create()
    {
        var dir = new TempLeaseDirectory();
        for (int i = 0; i < Entries.Length; i++)
            Create(dir.Path, i, Entries[i]);
        return dir;
    }

    private static void Create(string directory, int index, DirectoryEntry entry)
    {
        string path = Path.Combine(directory, entry.Name);
        switch (entry.Shape)
        {
            case EntryShape.Regular:
                File.WriteAllBytes(path, entry.Contents);
                break;
            case EntryShape.NoPermission:
                File.WriteAllBytes(path, entry.Contents);
                if (OperatingSystem.IsLinux())   // the tests run on Linux only; the guard is the analyzer's
                    File.SetUnixFileMode(path, UnixFileMode.None);
                break;
            case EntryShape.Oversized:
                using (FileStream stream = File.Create(path))
                {
                    stream.Write(entry.Contents);
                    stream.SetLength(LibvirtNss.Core.Files.LeaseFileContents.MaxFileBytes + 1);
                }
                break;
            case EntryShape.Fifo:
                if (MkFifo(path, Convert.ToUInt32("644", 8)) != 0)
                    throw new IOException($"mkfifo {path}: errno {Marshal.GetLastPInvokeError()}");
                break;
            case EntryShape.Subdirectory:
                Directory.CreateDirectory(path);
                File.WriteAllBytes(Path.Combine(path, "inner.status"), entry.Contents);
                break;
            case EntryShape.DanglingLink:
                File.CreateSymbolicLink(path, "no-such-target");
                break;
            case EntryShape.LinkLoop:
                File.CreateSymbolicLink(path, entry.Name);
                break;
            case EntryShape.LinkToDirectory:
                Directory.CreateDirectory(Path.Combine(directory, $"target-{index}.d"));
                File.CreateSymbolicLink(path, $"target-{index}.d");
                break;
            case EntryShape.LinkToFile:
                File.WriteAllBytes(Path.Combine(directory, $"target-{index}.data"), entry.Contents);
                File.CreateSymbolicLink(path, $"target-{index}.data");
                break;
        }
    }
}
