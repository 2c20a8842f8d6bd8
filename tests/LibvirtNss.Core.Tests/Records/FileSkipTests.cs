using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;
using LibvirtNss.Core.Tests.Lookups;
using Xunit;

namespace LibvirtNss.Core.Tests.Records;

/// <summary>
/// What the readers skip is a record (<see cref="FileSkip"/>): every reason of every reader kind
/// makes one debug line through the one formatter, and the log's sink gets the same record,
/// lines on or off.
/// </summary>
public sealed unsafe class FileSkipTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("libvirt-nss-skips-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A skip as the sink saw it, copied out while it lived.</summary>
    private sealed record Seen(LeaseFileKind Kind, string Path, FileSkipReason Reason, int Entry, int Errno, long Size,
        int Offset, int Kept, string Field);

    private static void Collect(in FileSkip skip, void* context)
    {
        var seen = (List<Seen>)GCHandle.FromIntPtr((nint)context).Target!;
        seen.Add(new Seen(skip.File.Kind, Encoding.UTF8.GetString(skip.File.Text), skip.Reason, skip.Entry, skip.Errno, skip.Size,
            skip.Offset, skip.Kept, Encoding.Latin1.GetString(skip.Field)));
    }

    /// <summary>Runs <paramref name="run"/> with a log whose sink collects: the lines it wrote (none when off), and the records.</summary>
    private static (string[] Lines, List<Seen> Skips) Watched(bool lines, Action<DebugLog> run)
    {
        var seen = new List<Seen>();
        GCHandle handle = GCHandle.Alloc(seen);
        try
        {
            byte[] written = FdCapture.Captured(fd =>
                run(new DebugLog(lines, fd).WithSkips(&Collect, (void*)GCHandle.ToIntPtr(handle))));
            string text = Encoding.ASCII.GetString(written);
            return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries), seen);
        }
        finally
        {
            handle.Free();
        }
    }

    // ---- the reasons --------------------------------------------------------------------------

    public static TheoryData<Type> ReaderEnums => new() { typeof(SkipReason), typeof(TextLineSkip), typeof(FileReadFailure) };

    [Theory]
    [MemberData(nameof(ReaderEnums))]
    public void Each_readers_reason_is_the_combined_reason_of_its_name(Type readerEnum)
    {
        foreach (Enum reason in Enum.GetValues(readerEnum))
        {
            FileSkipReason combined = reason switch
            {
                SkipReason r => FileSkips.Of(r),
                TextLineSkip r => FileSkips.Of(r),
                FileReadFailure r => FileSkips.Of(r),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(reason.ToString(), combined.ToString());
        }
    }

    [Fact]
    public void Every_combined_reason_comes_from_one_readers_reason()
    {
        var names = Enum.GetNames<SkipReason>().Concat(Enum.GetNames<TextLineSkip>()).Concat(Enum.GetNames<FileReadFailure>())
            .Where(n => n != "None").ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.Order(), Enum.GetNames<FileSkipReason>().Where(n => n != "None").Order());
    }

    [Fact]
    public void Whole_file_reasons_are_the_files_that_are_not_read_to_their_end()
    {
        var whole = Enum.GetValues<FileSkipReason>().Where(FileSkips.IsWholeFile).ToHashSet();
        Assert.Equal(new HashSet<FileSkipReason>
        {
            FileSkipReason.EmptyFile, FileSkipReason.NotAnArray, FileSkipReason.TooManyEntries, FileSkipReason.TooManyStrings,
            FileSkipReason.MalformedJson, FileSkipReason.FileTooLarge, FileSkipReason.CannotRead, FileSkipReason.NotRegular,
            FileSkipReason.TooLarge, FileSkipReason.OutOfMemory,
        }, whole);
    }

    // ---- one line each ------------------------------------------------------------------------

    private static readonly LeaseFileKind[] AllKinds = Enum.GetValues<LeaseFileKind>();
    private static readonly LeaseFileKind[] JsonKinds = { LeaseFileKind.Status, LeaseFileKind.Macs };

    /// <summary>Kind, reason, entry (-1: the file), field, and the line after "PATH: ".</summary>
    public static TheoryData<LeaseFileKind, FileSkipReason, int, string, string> Lines()
    {
        var rows = new TheoryData<LeaseFileKind, FileSkipReason, int, string, string>();
        foreach (LeaseFileKind kind in AllKinds)
        {
            rows.Add(kind, FileSkipReason.CannotRead, -1, "", "skipped: cannot read: No such file or directory");
            rows.Add(kind, FileSkipReason.NotRegular, -1, "", "skipped: not a regular file");
            rows.Add(kind, FileSkipReason.TooLarge, -1, "", "skipped: 4194305 bytes is more than 4194304");
            rows.Add(kind, FileSkipReason.OutOfMemory, -1, "", "skipped: more than the lookup's memory can hold");
        }
        foreach (LeaseFileKind kind in JsonKinds)
        {
            string noun = kind == LeaseFileKind.Status ? "leases" : "domains";
            rows.Add(kind, FileSkipReason.EmptyFile, -1, "", $"empty, no {noun}");
            rows.Add(kind, FileSkipReason.NotAnArray, -1, "", "skipped: not a JSON array");
            rows.Add(kind, FileSkipReason.TooManyEntries, -1, "", $"skipped: more than 65536 {noun}");
            rows.Add(kind, FileSkipReason.TooManyStrings, -1, "", "skipped: more than 65536 strings or 1048576 bytes of them");
            rows.Add(kind, FileSkipReason.MalformedJson, -1, "", "malformed JSON at byte 17; kept 2 entries read before it");
            rows.Add(kind, FileSkipReason.NotAnObject, 3, "", "entry 3: skipped: not an object");
            rows.Add(kind, FileSkipReason.ScratchTooSmall, 3, "", "entry 3: skipped: no room to unescape its strings");
        }
        rows.Add(LeaseFileKind.Status, FileSkipReason.IpAddressNotString, 0, "", "entry 0: skipped: \"ip-address\" is not a string");
        rows.Add(LeaseFileKind.Status, FileSkipReason.MacAddressNotString, 1, "", "entry 1: skipped: \"mac-address\" is not a string");
        rows.Add(LeaseFileKind.Status, FileSkipReason.HostnameNotString, 2, "", "entry 2: skipped: \"hostname\" is not a string");
        rows.Add(LeaseFileKind.Status, FileSkipReason.ExpiryTimeNotNonNegativeInteger, 3, "",
            "entry 3: skipped: \"expiry-time\" is not a non-negative integer");
        rows.Add(LeaseFileKind.Status, FileSkipReason.NoIpAddress, 4, "", "entry 4: skipped: no \"ip-address\"");
        rows.Add(LeaseFileKind.Status, FileSkipReason.NoExpiryTime, 6, "", "entry 6: skipped: no \"expiry-time\"");
        rows.Add(LeaseFileKind.Macs, FileSkipReason.DomainNotString, 0, "", "entry 0: skipped: \"domain\" is not a string");
        rows.Add(LeaseFileKind.Macs, FileSkipReason.MacsNotArray, 1, "", "entry 1: skipped: \"macs\" is not an array");
        rows.Add(LeaseFileKind.Macs, FileSkipReason.MacsValueNotString, 2, "", "entry 2: skipped: \"macs\" holds a value that is not a string");
        rows.Add(LeaseFileKind.Macs, FileSkipReason.NoDomain, 3, "", "entry 3: skipped: no \"domain\"");
        rows.Add(LeaseFileKind.Conf, FileSkipReason.NotAnInterfaceName, 2, "vir/br0", "interface vir/br0 skipped: not an interface name");
        rows.Add(LeaseFileKind.Conf, FileSkipReason.NotADomainName, 3, "-x\u0001", "domain -x? skipped: not a domain name");
        foreach (LeaseFileKind kind in new[] { LeaseFileKind.Hostsfile, LeaseFileKind.Addnhosts })
            rows.Add(kind, FileSkipReason.FileTooLarge, -1, "", "skipped: more than 16384 lines or 32768 fields");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.NoAddress, 2, "", "line 2 skipped: no address: reserves nothing");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.TwoMacAddresses, 2, "", "line 2 skipped: two MAC addresses");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.TwoAddresses, 2, "", "line 2 skipped: two addresses");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.TwoNames, 2, "", "line 2 skipped: two names");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.NotAnAddress, 2, "10.1", "line 2 skipped: address 10.1 is not an IP address");
        rows.Add(LeaseFileKind.Addnhosts, FileSkipReason.NotAnAddress, 2, "10.1", "line 2 skipped: 10.1 is not an IP address");
        rows.Add(LeaseFileKind.Hostsfile, FileSkipReason.NotAHostName, 2, "b\u0001d", "line 2 skipped: name b?d is not a host name");
        rows.Add(LeaseFileKind.Addnhosts, FileSkipReason.NotAHostName, 4, "b\u0001d", "line 4: name b?d skipped: not a host name");
        return rows;
    }

    [Fact]
    public void The_table_holds_every_reason()
    {
        var covered = Lines().Select(row => row.Data.Item2).ToHashSet();
        Assert.Equal(Enum.GetValues<FileSkipReason>().Where(r => r != FileSkipReason.None).ToHashSet(), covered);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Every_reason_makes_one_line_and_the_sink_gets_its_record(LeaseFileKind kind, FileSkipReason reason, int entry,
        string field, string expected)
    {
        string path = "/run/d/net." + kind.ToString().ToLowerInvariant();
        byte[] pathBytes = Encoding.ASCII.GetBytes(path + "\0");
        byte[] fieldBytes = Encoding.Latin1.GetBytes(field);
        foreach (bool linesOn in new[] { true, false })
        {
            (string[] lines, List<Seen> skips) = Watched(linesOn, log =>
            {
                fixed (byte* p = pathBytes)
                {
                    var skip = new FileSkip
                    {
                        File = new LeaseFilePath { Path = p, Length = path.Length, Kind = kind },
                        Reason = reason,
                        Entry = entry,
                        Errno = 2,
                        Size = LeaseFileContents.MaxFileBytes + 1L,
                        Offset = 17,
                        Kept = 2,
                        Field = fieldBytes,
                    };
                    FileSkips.Report(log, skip);
                }
            });
            Assert.Equal(linesOn ? new[] { $"libvirt-nss: {path}: {expected}" } : Array.Empty<string>(), lines);
            Assert.Equal(new Seen(kind, path, reason, entry, 2, LeaseFileContents.MaxFileBytes + 1L, 17, 2, field), Assert.Single(skips));
        }
    }

    [Fact]
    public void Nothing_is_built_for_a_silent_log_without_a_sink()
    {
        Assert.False(DebugLog.Silent.TakesSkips);
        Assert.True(new DebugLog(true, 2).TakesSkips);
        Assert.True(DebugLog.Silent.WithSkips(&Collect, null).TakesSkips);
    }

    // ---- through the readers' callers ---------------------------------------------------------

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, Encoding.Latin1);
        return path;
    }

    /// <summary>Every file of the directory read as a lookup reads it (every status and macs file parsed, the confs too).</summary>
    private (string[] Lines, List<Seen> Skips) ReadAll(bool lines) => Watched(lines, log =>
    {
        var memory = new LookupMemory();
        try
        {
            fixed (byte* dir = Encoding.UTF8.GetBytes(_dir + "\0"))
            {
                Assert.True(LeaseFiles.TryList(dir, ref memory.Kept, DebugLog.Silent, out LeaseFiles files, out _));
                var leases = new LeaseRecords();
                var domains = new DomainRecords();
                foreach (LeaseFilePath file in Sorted(files.Status))
                    Assert.True(leases.TryAddFile(file, 0, ReadFilter.Everything, ref memory, log));
                foreach (LeaseFilePath file in Sorted(files.Macs))
                    Assert.True(domains.TryAddFile(file, 0, ReadFilter.Everything, ref memory, log));
                Assert.True(Networks.TryRead(files, readConfs: true, ref memory, log, out _));
            }
        }
        finally
        {
            memory.Release();
        }
    });

    private static List<LeaseFilePath> Sorted(in ArenaList<LeaseFilePath> files)
    {
        var sorted = new List<LeaseFilePath>();
        for (int i = 0; i < files.Count; i++)
            sorted.Add(files[i]);
        return sorted.OrderBy(f => Encoding.UTF8.GetString(f.Text), StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Each_reader_kind_reports_its_skips_as_records_lines_on_or_off()
    {
        string noIp = Write("a.status", """[{"mac-address": "52:54:00:00:00:02", "hostname": "x", "expiry-time": 0}]""");
        string broken = Write("b.status", """[{"ip-address": "192.168.1.3", "mac-address": "52:54:00:00:00:03", "expiry-time": 0}, {"ip-addr""");
        string gone = Path.Combine(_dir, "c.status");
        File.CreateSymbolicLink(gone, Path.Combine(_dir, "nowhere"));
        string notArray = Write("d.macs", """{"domain": "x"}""");
        string noDomain = Write("e.macs", """[{"macs": []}]""");
        string conf = Write("default.conf", "interface=virbr0\ninterface=vir/br0\ndomain=lan\n");
        string hosts = Write("default.hostsfile", "52:54:00:00:00:01,192.168.1.5,vm1\nvm2,other,192.168.1.6\n");
        string addn = Write("default.addnhosts", "192.168.1.9 good b\u0001d\n");

        var expected = new[]
        {
            new Seen(LeaseFileKind.Status, noIp, FileSkipReason.NoIpAddress, 0, 0, 0, 0, 0, ""),
            new Seen(LeaseFileKind.Status, broken, FileSkipReason.MalformedJson, -1, 0, 0, 94, 1, ""),
            new Seen(LeaseFileKind.Status, gone, FileSkipReason.CannotRead, -1, 2, 0, 0, 0, ""),
            new Seen(LeaseFileKind.Macs, notArray, FileSkipReason.NotAnArray, -1, 0, 0, 0, 0, ""),
            new Seen(LeaseFileKind.Macs, noDomain, FileSkipReason.NoDomain, 0, 0, 0, 0, 0, ""),
            new Seen(LeaseFileKind.Conf, conf, FileSkipReason.NotAnInterfaceName, 2, 0, 0, 0, 0, "vir/br0"),
            new Seen(LeaseFileKind.Hostsfile, hosts, FileSkipReason.TwoNames, 2, 0, 0, 0, 0, "other"),
            new Seen(LeaseFileKind.Addnhosts, addn, FileSkipReason.NotAHostName, 1, 0, 0, 0, 0, "b\u0001d"),
        };
        (string[] lines, List<Seen> skips) = ReadAll(lines: true);
        Assert.Equal(expected, skips, new SeenButOffset());
        Assert.Equal(ReadAll(lines: false).Skips, skips);
        Assert.Empty(ReadAll(lines: false).Lines);

        string[] skipLines =
        {
            $"{noIp}: entry 0: skipped: no \"ip-address\"",
            $"{broken}: malformed JSON at byte {skips[1].Offset}; kept 1 entries read before it",
            $"{gone}: skipped: cannot read: No such file or directory",
            $"{notArray}: skipped: not a JSON array",
            $"{noDomain}: entry 0: skipped: no \"domain\"",
            $"{conf}: interface vir/br0 skipped: not an interface name",
            $"{hosts}: line 2 skipped: two names",
            $"{addn}: line 1: name b?d skipped: not a host name",
        };
        Assert.Equal(skipLines.Select(l => "libvirt-nss: " + l), lines.Where(l => skipLines.Any(s => l == "libvirt-nss: " + s)));
        Assert.Equal(skipLines.Length, lines.Count(l => l.Contains("skipped") || l.Contains("malformed")));
    }

    /// <summary>The offset of a malformed file is the JSON reader's business (its own tests pin it): here it is only more than 0.</summary>
    private sealed class SeenButOffset : IEqualityComparer<Seen>
    {
        public bool Equals(Seen? x, Seen? y) =>
            x is not null && y is not null && x with { Offset = 0 } == y with { Offset = 0 } && (x.Offset > 0) == (y.Offset > 0);

        public int GetHashCode(Seen seen) => 0;
    }
}
