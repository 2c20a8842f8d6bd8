using System;
using System.Linq;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Os;
using LibvirtNss.Core.Snapshot;
using Xunit;

namespace LibvirtNss.Core.Tests.Os;

/// <summary>
/// The named layouts of Core/Os against the compiler's layout of the same structs and the values
/// of the glibc and kernel headers, the errno values against the host's libc, and the packers'
/// and statx's results read back through the named structs.
/// </summary>
public sealed unsafe class OsBoundaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("libvirt-nss-os-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // struct, field, offset in the header (LP64; statx: every architecture).
    public static TheoryData<Type, string, int> Fields => new()
    {
        { typeof(Hostent), nameof(Hostent.Name), 0 },
        { typeof(Hostent), nameof(Hostent.Aliases), 8 },
        { typeof(Hostent), nameof(Hostent.AddrType), 16 },
        { typeof(Hostent), nameof(Hostent.Length), 20 },
        { typeof(Hostent), nameof(Hostent.AddrList), 24 },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Next), GaihAddrTuple.NextOffset },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Name), GaihAddrTuple.NameOffset },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Family), GaihAddrTuple.FamilyOffset },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Addr), GaihAddrTuple.AddrOffset },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.ScopeId), GaihAddrTuple.ScopeIdOffset },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Next), 0 },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Name), 8 },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Family), 16 },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.Addr), 20 },
        { typeof(GaihAddrTuple), nameof(GaihAddrTuple.ScopeId), 36 },
        { typeof(Statx), nameof(Statx.Mask), 0 },
        { typeof(Statx), nameof(Statx.Mode), 28 },
        { typeof(Statx), nameof(Statx.Inode), 32 },
        { typeof(Statx), nameof(Statx.FileSize), 40 },
        { typeof(Statx), nameof(Statx.Ctime), 96 },
        { typeof(Statx), nameof(Statx.Mtime), 112 },
        { typeof(Statx), nameof(Statx.DevMajor), 136 },
        { typeof(Statx), nameof(Statx.DevMinor), 140 },
        { typeof(StatxTimestamp), nameof(StatxTimestamp.Seconds), 0 },
        { typeof(StatxTimestamp), nameof(StatxTimestamp.Nanoseconds), 8 },
        { typeof(Dirent64), nameof(Dirent64.Inode), 0 },
        { typeof(Dirent64), nameof(Dirent64.Offset), 8 },
        { typeof(Dirent64), nameof(Dirent64.RecordLength), 16 },
        { typeof(Dirent64), nameof(Dirent64.Type), 18 },
        { typeof(Dirent64), nameof(Dirent64.Name), Dirent64.NameOffset },
        { typeof(Dirent64), nameof(Dirent64.Name), 19 },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_field_lies_where_the_header_puts_it(Type type, string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf(type, field));

    [Fact]
    public void The_structs_have_the_headers_sizes()
    {
        Assert.Equal((32, 32), (sizeof(Hostent), Hostent.Size));
        Assert.Equal((40, 40), (sizeof(GaihAddrTuple), GaihAddrTuple.Size));
        Assert.Equal((256, 256), (sizeof(Statx), Statx.Size));
        Assert.Equal(16, sizeof(StatxTimestamp));
        Assert.Equal(16, GaihAddrTuple.AddrLength);
    }

    /// <summary>The XSI strerror_r of the host libc (what the module's table stands in for).</summary>
    [DllImport("libc", EntryPoint = "__xpg_strerror_r")]
    private static extern int StrError(int errnum, byte* buffer, nuint size);

    public static TheoryData<string> ErrnoNames => new(typeof(Errno).GetFields().Where(f => f.IsLiteral).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(ErrnoNames))]
    public void Each_named_errno_has_the_host_libcs_message(string name)
    {
        int errno = (int)typeof(Errno).GetField(name)!.GetRawConstantValue()!;
        byte* text = stackalloc byte[128];
        Assert.Equal(0, StrError(errno, text, 128));
        Assert.Equal(Marshal.PtrToStringUTF8((nint)text), Encoding.ASCII.GetString(Errno.Message(errno)));
    }

    [Fact]
    public void An_errno_without_a_message_is_shown_by_its_number()
    {
        Assert.True(Errno.Message(0).IsEmpty);
        Assert.True(Errno.Message(133).IsEmpty);  // EHWPOISON: no lookup meets it
    }

    [Fact]
    public void The_packed_tuples_read_back_through_the_named_struct()
    {
        byte[][] bytes =
        {
            new byte[] { 192, 168, 122, 10 },
            new byte[] { 0xfd, 0, 0, 0x7a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 },
        };
        IpAddress[] addresses = { new(AddressFamilies.Inet, bytes[0]), new(AddressFamilies.Inet6, bytes[1]) };
        byte[] buffer = GC.AllocateArray<byte>(256, pinned: true);
        fixed (byte* at = buffer)
        {
            Assert.True(AddrTupleAnswer.TryPack(buffer, (ulong)at, "vm"u8, addresses, out ulong first, out _));
            var tuple = (GaihAddrTuple*)first;
            for (int i = 0; i < addresses.Length; i++, tuple = tuple->Next)
            {
                Assert.True(tuple != null);
                Assert.Equal("vm", Marshal.PtrToStringUTF8((nint)tuple->Name));
                Assert.Equal(addresses[i].Family, tuple->Family);
                Assert.Equal(bytes[i], new ReadOnlySpan<byte>(tuple->Addr, bytes[i].Length).ToArray());
                Assert.Equal(0u, tuple->ScopeId);
            }
            Assert.True(tuple == null);
        }
    }

    [Fact]
    public void A_placement_fills_the_callers_hostent()
    {
        var placement = new HostentPlacement
        {
            NameAddress = 0x1000, AliasesAddress = 0x1008, AddressListAddress = 0x1018, Family = AddressFamilies.Inet6,
            AddressLength = 16,
        };
        Hostent hostent;
        placement.WriteTo(&hostent);
        Assert.Equal((0x1000ul, 0x1008ul, 0x1018ul), ((ulong)hostent.Name, (ulong)hostent.Aliases, (ulong)hostent.AddrList));
        Assert.Equal((AddressFamilies.Inet6, 16), (hostent.AddrType, hostent.Length));
    }

    [Fact]
    public void Statx_read_through_the_named_struct_is_what_stat_prints()
    {
        string path = Path.Combine(_dir, "default.status");
        File.WriteAllText(path, "[{\"ip-address\": \"192.168.122.10\"}]");
        byte[] nul = Encoding.UTF8.GetBytes(path + "\0");
        FileVersion version;
        fixed (byte* p = nul)
            Assert.True(FileVersion.TryGet(p, out version));

        // GNU stat: inode, size, mtime and ctime with nanoseconds, st_dev (glibc's makedev encoding).
        string[] printed = Run("stat", "-L", "-c", "%i %s %.9Y %.9Z %d", path).Split(' ');
        ulong dev = ulong.Parse(printed[4]);
        ulong major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xffful), minor = (dev & 0xff) | ((dev >> 12) & ~0xfful);
        Assert.Equal(ulong.Parse(printed[0]), version.Inode);
        Assert.Equal(long.Parse(printed[1]), version.Size);
        Assert.Equal(printed[2], $"{version.MtimeSeconds}.{version.MtimeNanoseconds:D9}");
        Assert.Equal(printed[3], $"{version.CtimeSeconds}.{version.CtimeNanoseconds:D9}");
        Assert.Equal((major << 32) | minor, version.Device);
    }

    [Fact]
    public void Statx_of_a_dangling_link_fails_with_ENOENT()
    {
        string link = Path.Combine(_dir, "gone.status");
        File.CreateSymbolicLink(link, Path.Combine(_dir, "nowhere"));
        byte[] nul = Encoding.UTF8.GetBytes(link + "\0");
        fixed (byte* p = nul)
        {
            Assert.False(FileVersion.TryGet(p, out FileVersion version));
            Assert.Equal(Errno.ENOENT, Marshal.GetLastSystemError());
            Assert.True(version.SameAs(FileVersion.Unavailable));
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
