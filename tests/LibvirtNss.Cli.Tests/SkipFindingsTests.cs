using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LibvirtNss.Cli;
using LibvirtNss.Core.Records;
using Xunit;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace LibvirtNss.Cli.Tests;

/// <summary>
/// doctor decides by the records Core's readers hand its sink (<see cref="FileSkip"/>), never by
/// the words of Core's debug lines: a file not read (to its end) is an error, an entry or line
/// left out a warning.
/// </summary>
public sealed class SkipFindingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("libvirt-nss-doctor-").FullName;

    public SkipFindingsTests() =>
        File.SetUnixFileMode(_dir, File.GetUnixFileMode(_dir) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<FileSkipReason, string> Table => new()
    {
        { FileSkipReason.None, "None" },
        { FileSkipReason.NotAnObject, "Warning" },
        { FileSkipReason.IpAddressNotString, "Warning" },
        { FileSkipReason.MacAddressNotString, "Warning" },
        { FileSkipReason.HostnameNotString, "Warning" },
        { FileSkipReason.ExpiryTimeNotNonNegativeInteger, "Warning" },
        { FileSkipReason.NoIpAddress, "Warning" },
        { FileSkipReason.NoExpiryTime, "Warning" },
        { FileSkipReason.DomainNotString, "Warning" },
        { FileSkipReason.MacsNotArray, "Warning" },
        { FileSkipReason.MacsValueNotString, "Warning" },
        { FileSkipReason.NoDomain, "Warning" },
        { FileSkipReason.ScratchTooSmall, "Warning" },
        { FileSkipReason.EmptyFile, "None" },
        { FileSkipReason.NotAnArray, "Error" },
        { FileSkipReason.TooManyEntries, "Error" },
        { FileSkipReason.TooManyStrings, "Error" },
        { FileSkipReason.MalformedJson, "Error" },
        { FileSkipReason.FileTooLarge, "Error" },
        { FileSkipReason.NotAnInterfaceName, "Warning" },
        { FileSkipReason.NotADomainName, "Warning" },
        { FileSkipReason.NoAddress, "None" },
        { FileSkipReason.TwoMacAddresses, "Warning" },
        { FileSkipReason.TwoAddresses, "Warning" },
        { FileSkipReason.NotAnAddress, "Warning" },
        { FileSkipReason.TwoNames, "Warning" },
        { FileSkipReason.NotAHostName, "Warning" },
        { FileSkipReason.CannotRead, "Error" },
        { FileSkipReason.NotRegular, "Error" },
        { FileSkipReason.TooLarge, "Error" },
        { FileSkipReason.OutOfMemory, "Error" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_reason_has_its_finding(FileSkipReason reason, string finding) =>
        Assert.Equal(finding, SkipFindings.Of(reason).ToString());

    [Fact]
    public void The_table_holds_every_reason() =>
        Assert.Equal(Enum.GetValues<FileSkipReason>(), Table.Select(row => row.Data.Item1).Order());

    [Fact]
    public void The_finding_comes_from_the_reason_whatever_the_line_says()
    {
        var skips = new List<CoreSkip>
        {
            new(LeaseFileKind.Status, "/d/a.status", FileSkipReason.NoIpAddress, 0, "words of no importance"),
            new(LeaseFileKind.Status, "/d/b.status", FileSkipReason.MalformedJson, -1, "entry 0: skipped: no \"ip-address\""),
            new(LeaseFileKind.Hostsfile, "/d/n.hostsfile", FileSkipReason.NoAddress, 3, "malformed JSON: skipped: cannot read"),
            new(LeaseFileKind.Macs, "/d/c.macs", FileSkipReason.TooManyEntries, -1, ""),
        };
        var output = new StringWriter();
        var report = new DoctorReport(output);
        SkipFindings.Report(skips, report);
        Assert.Equal((2, 1), (report.Errors, report.Warnings));
        Assert.Equal(new[]
        {
            "error:   entry 0: skipped: no \"ip-address\": the file's leases are not (all) read; libvirt rewrites it on the next DHCP event, or remove it",
            "error:   : the file's leases are not (all) read; libvirt rewrites it on the next DHCP event, or remove it",
            "warning: words of no importance: this entry never resolves",
        }, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    [Fact]
    public void Doctor_finds_a_malformed_file_and_a_bad_entry_by_their_records()
    {
        Write("default.status", """[{"ip-address": "192.168.122.10", "mac-address": "52:54:00:00:00:01", "hostname": "web", "expiry-time": 0}]""");
        Write("broken.status", """[{"ip-address": "192.168.1.1", "mac-addr""");
        Write("extra.status", """[{"mac-address": "52:54:00:00:09:09", "hostname": "noip", "expiry-time": 0}]""");
        Write("empty.status", "");

        var skips = new List<CoreSkip>();
        LeaseInventory? inventory = LeaseInventory.Read(_dir, 1_000_000, log: null, out int errno, skips.Add);
        Assert.NotNull(inventory);
        Assert.Equal(0, errno);
        Assert.Equal(new[]
        {
            (Path.Combine(_dir, "broken.status"), FileSkipReason.MalformedJson, -1),
            (Path.Combine(_dir, "empty.status"), FileSkipReason.EmptyFile, -1),
            (Path.Combine(_dir, "extra.status"), FileSkipReason.NoIpAddress, 0),
        }, skips.Select(s => (s.Path, s.Reason, s.Entry)).OrderBy(s => s.Path, StringComparer.Ordinal));  // in directory order
        Assert.Equal($"{_dir}/extra.status: entry 0: skipped: no \"ip-address\"", skips.Single(s => s.Reason == FileSkipReason.NoIpAddress).Line);

        var output = new StringWriter();
        var report = new DoctorReport(output);
        LeaseCheck.Run(_dir, 1_000_000, report);
        Assert.Equal((1, 1), (report.Errors, report.Warnings));
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"error:   {_dir}/broken.status: malformed JSON at byte ", Assert.Single(lines, l => l.StartsWith("error:")));
        Assert.Equal($"warning: {_dir}/extra.status: entry 0: skipped: no \"ip-address\": this entry never resolves",
            Assert.Single(lines, l => l.StartsWith("warning:")));
    }

    [Fact]
    public void Skips_come_with_the_debug_lines_off_and_the_same_with_them_on()
    {
        Write("a.macs", """{"domain": "x"}""");
        Write("default.hostsfile", "vm1,vm2,192.168.1.6\n52:54:00:00:00:02,vm3\n");
        var silent = new List<CoreSkip>();
        var watched = new List<CoreSkip>();
        var lines = new List<string>();
        LeaseInventory.Read(_dir, 0, log: null, out _, silent.Add);
        LeaseInventory.Read(_dir, 0, lines.Add, out _, watched.Add);
        Assert.Equal(new[] { FileSkipReason.NotAnArray, FileSkipReason.TwoNames, FileSkipReason.NoAddress }, silent.Select(s => s.Reason));
        Assert.Equal(silent, watched);
        Assert.Equal(silent.Select(s => s.Line), lines.Where(l => silent.Any(s => s.Line == l)));
    }
}
