using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// The subset's directory listing and file reading against the reference resolver's (.NET's enumeration and
/// LeaseDirectory.TryRead) over real directories: the same names in the same order, the same
/// bytes, and the same refusals (FIFO without blocking, too large, missing).
/// </summary>
public sealed unsafe class DirectoryAndFileReadingTests : IDisposable
{
    [DllImport("libc", EntryPoint = "mkfifo")] private static extern int MkFifo(byte[] path, int mode);

    private readonly string _dir = Directory.CreateTempSubdirectory("libvirt-nss-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Nul(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private List<string> SubsetNonDirectories(string dir, out int errno)
    {
        var names = new List<string>();
        fixed (byte* path = Nul(dir))
        {
            if (!DirectoryEntries.TryOpen(path, stackalloc byte[DirectoryEntries.MinBufferBytes], out DirectoryEntries entries, out errno))
                return names;
            while (entries.Next(out ReadOnlySpan<byte> name, out bool isDirectory, out errno))
            {
                if (!isDirectory)
                    names.Add(Path.Combine(dir, Encoding.UTF8.GetString(name)));
            }
            entries.Close();
        }
        return names;
    }

    [Fact]
    public void Lists_what_the_reference_listing_lists_in_the_same_order()
    {
        foreach (string name in new[] { "virbr0.status", ".hidden.macs", "default.conf", "b.hostsfile", "z" })
            File.WriteAllText(Path.Combine(_dir, name), "[]");
        for (int i = 0; i < 40; i++)
            File.WriteAllText(Path.Combine(_dir, $"net{i}.status"), "[]");
        Directory.CreateDirectory(Path.Combine(_dir, "sub.status"));
        File.CreateSymbolicLink(Path.Combine(_dir, "link-to-dir.status"), Path.Combine(_dir, "sub.status"));
        File.CreateSymbolicLink(Path.Combine(_dir, "link-to-file.macs"), Path.Combine(_dir, "z"));
        File.CreateSymbolicLink(Path.Combine(_dir, "dangling.status"), Path.Combine(_dir, "nowhere"));
        Assert.Equal(0, MkFifo(Nul(Path.Combine(_dir, "fifo.status")), 0x180));

        var reference = new List<string>();
        using (var names = new DirectoryFileNames(_dir, LeaseDirectory.DirectoryOrder))
            while (names.MoveNext())
                reference.Add(names.Current);

        Assert.Equal(reference, SubsetNonDirectories(_dir, out int errno));
        Assert.Equal(0, errno);
        Assert.DoesNotContain(Path.Combine(_dir, "sub.status"), reference);
        Assert.Contains(Path.Combine(_dir, "dangling.status"), reference);
    }

    [Theory]
    [InlineData("missing", 2)]       // ENOENT
    [InlineData("a-file", 20)]       // ENOTDIR
    public void A_directory_that_cannot_be_listed_gives_opendirs_errno(string name, int expected)
    {
        File.WriteAllText(Path.Combine(_dir, "a-file"), "");
        SubsetNonDirectories(Path.Combine(_dir, name), out int errno);
        Assert.Equal(expected, errno);
    }

    private (bool Read, byte[] Bytes, FileReadFailure Failure, int Errno, long Size) Subset(string path)
    {
        var arena = new Arena();
        try
        {
            fixed (byte* p = Nul(path))
            {
                bool read = LeaseFileContents.TryRead(p, ref arena, out ReadOnlySpan<byte> contents,
                    out FileReadFailure failure, out int errno, out long size);
                return (read, contents.ToArray(), failure, errno, size);
            }
        }
        finally
        {
            arena.Release();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(100_000)]
    [InlineData(LeaseFileContents.MaxFileBytes)]
    public void Reads_the_bytes_the_reference_reads(int length)
    {
        string path = Path.Combine(_dir, "x.status");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.True(LeaseDirectory.TryRead(path, out byte[] reference, DecisionLog.Silent));
        var subset = Subset(path);
        Assert.True(subset.Read);
        Assert.Equal(reference, subset.Bytes);
        Assert.Equal(length, subset.Size);
    }

    [Fact]
    public void Refuses_what_the_reference_refuses()
    {
        string fifo = Path.Combine(_dir, "y.status"), big = Path.Combine(_dir, "big.status"), missing = Path.Combine(_dir, "no.status");
        Assert.Equal(0, MkFifo(Nul(fifo), 0x180));
        using (var stream = File.Create(big))
            stream.SetLength(LeaseFileContents.MaxFileBytes + 1L);   // sparse

        foreach (string path in new[] { fifo, big, missing })
            Assert.False(LeaseDirectory.TryRead(path, out _, DecisionLog.Silent));
        Assert.Equal((false, FileReadFailure.NotRegular, 29), (Subset(fifo).Read, Subset(fifo).Failure, Subset(fifo).Errno));
        Assert.Equal((false, FileReadFailure.TooLarge, LeaseFileContents.MaxFileBytes + 1L), (Subset(big).Read, Subset(big).Failure, Subset(big).Size));
        Assert.Equal((false, FileReadFailure.CannotRead, 2), (Subset(missing).Read, Subset(missing).Failure, Subset(missing).Errno));
    }
}
