using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LibvirtNss.Cli;
using LibvirtNss.Core.Records;
using Xunit;

namespace LibvirtNss.Cli.Tests;

/// <summary>
/// doctor's rules over the publisher: its directory as the module judges it, its records, and the
/// running guests whose NICs only the publisher makes resolve. Each row: the inputs, then the lines.
/// </summary>
public sealed class DoctorPublisherTests
{
    private const long Now = 1_000_000;
    private const string Dir = "/run/libvirt-nss";

    private static string[] Lines(Action<DoctorReport> check)
    {
        var output = new StringWriter();
        check(new DoctorReport(output));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static readonly List<(string Name, PublishedState State, string[] Lines)> DirectoryRows =
    [
        (
            "absent", new PublishedState(Dir, null, [], 0, 0, 0),
            ["ok:      /run/libvirt-nss is absent: no published records (the publisher, libvirt-nss-publisher, is off; guests on libvirt's NATed networks need none)"]
        ),
        (
            "writable by others", new PublishedState(Dir, PublishedVerdict.Writable, [], null, 0, 0),
            ["warning: /run/libvirt-nss is ignored by the module: writable by group or others: its records never resolve; chmod go-w /run/libvirt-nss"]
        ),
        (
            "another user's", new PublishedState(Dir, PublishedVerdict.NotRootOwned, [], null, 0, 0),
            ["warning: /run/libvirt-nss is ignored by the module: not owned by root: its records never resolve; chown root /run/libvirt-nss"]
        ),
        (
            "no directory", new PublishedState(Dir, PublishedVerdict.WrongType, [], null, 0, 0),
            ["warning: /run/libvirt-nss is ignored by the module: not a directory: its records never resolve; remove it; the publisher makes the directory"]
        ),
        (
            "trusted, fresh", new PublishedState(Dir, PublishedVerdict.Trusted, [], 3, 0, 0),
            ["ok:      /run/libvirt-nss: 3 published records, none expired"]
        ),
        (
            "trusted, empty", new PublishedState(Dir, PublishedVerdict.Trusted, [], 0, 0, 0),
            ["ok:      /run/libvirt-nss: 0 published records, none expired"]
        ),
        (
            "stale: the publisher stopped", new PublishedState(Dir, PublishedVerdict.Trusted, [], 2, 2, Now - 90),
            ["warning: /run/libvirt-nss: 2 of 2 published records expired (the last 1m30s ago): the publisher is not renewing them: is it stopped? (systemctl status libvirt-nss-publisher)"]
        ),
        (
            "files ignored, each named with why", new PublishedState(Dir, PublishedVerdict.Trusted,
                [(Dir + "/a.status", PublishedVerdict.Writable), (Dir + "/b.macs", PublishedVerdict.WrongType), (Dir + "/c.status", PublishedVerdict.NotRootOwned)], 1, 0, 0),
            [
                "warning: /run/libvirt-nss/a.status is ignored by the module: writable by group or others: its records never resolve; chmod go-w /run/libvirt-nss/a.status",
                "warning: /run/libvirt-nss/b.macs is ignored by the module: not a regular file: its records never resolve; remove it",
                "warning: /run/libvirt-nss/c.status is ignored by the module: not owned by root: its records never resolve; chown root /run/libvirt-nss/c.status",
                "ok:      /run/libvirt-nss: 1 published records, none expired",
            ]
        ),
        (
            "a file not read is an error, an entry left out a warning",
            new PublishedState(Dir, PublishedVerdict.Trusted, [], 1, 0, 0, Skips:
            [
                new CoreSkip(LeaseFileKind.Status, Dir + "/a.status", FileSkipReason.MalformedJson, -1, Dir + "/a.status: malformed JSON"),
                new CoreSkip(LeaseFileKind.Status, Dir + "/b.status", FileSkipReason.NoIpAddress, 0, Dir + "/b.status: entry 0: skipped: no \"ip-address\""),
            ]),
            [
                "error:   /run/libvirt-nss/a.status: malformed JSON: its records are not (all) read; the publisher rewrites it on its next pass, or remove it",
                "warning: /run/libvirt-nss/b.status: entry 0: skipped: no \"ip-address\": this record never resolves",
                "ok:      /run/libvirt-nss: 1 published records, none expired",
            ]
        ),
        (
            "records not read", new PublishedState(Dir, PublishedVerdict.Trusted, [], null, 0, 0),
            ["warning: /run/libvirt-nss: the published records were not read (the lease directory cannot be listed)"]
        ),
    ];

    public static TheoryData<string> Directories => new(DirectoryRows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Directories))]
    public void Published_directory(string name)
    {
        (_, PublishedState state, string[] expected) = DirectoryRows.Single(r => r.Name == name);
        Assert.Equal(expected, Lines(report => PublishedCheck.Report(state, Now, report)));
    }

    [Theory]
    [InlineData(null, 0, 0, false)]
    [InlineData(PublishedVerdict.Trusted, 0, 0, false)]
    [InlineData(PublishedVerdict.Trusted, 2, 2, false)]
    [InlineData(PublishedVerdict.Trusted, 2, 1, true)]
    [InlineData(PublishedVerdict.Writable, null, 0, false)]
    public void Fresh_means_trusted_with_an_unexpired_record(PublishedVerdict? verdict, int? records, int stale, bool fresh) =>
        Assert.Equal(fresh, new PublishedState(Dir, verdict, [], records, stale, 0).Fresh);

    private static GuestNic Nic(string domain, string type, string mac, string? host = null) => new(domain, mac, type, host);

    /// <summary>Guests: "domain type mac [host]" separated by '|'; leased MACs, served bridges and published domains by ' '.</summary>
    public static TheoryData<string, string, string, string, bool, string[]> Guests => new()
    {
        { "", "", "", "", false, ["ok:      libvirt (test:///default): 0 running domains with NICs, none outside libvirt's networks"] },
        {
            "nat network 52:54:00:00:00:01 virbr0|user user 52:54:00:00:00:02", "", "", "", false,
            ["ok:      libvirt (test:///default): 2 running domains with NICs, none outside libvirt's networks"]
        },
        {
            "br bridge 52:54:00:00:00:01 br0|mv direct 52:54:00:00:00:02 eth0|pci hostdev 52:54:00:00:00:03", "", "", "", false,
            [
                "warning: guest br has a bridged NIC (52:54:00:00:00:01): its addresses reach the module only through libvirt-nss-publisher (systemctl enable --now libvirt-nss-publisher)",
                "warning: guest mv has a macvtap NIC (52:54:00:00:00:02): its addresses reach the module only through libvirt-nss-publisher (systemctl enable --now libvirt-nss-publisher)",
                "warning: guest pci has an assigned (hostdev) NIC (52:54:00:00:00:03): its addresses reach the module only through libvirt-nss-publisher (systemctl enable --now libvirt-nss-publisher)",
            ]
        },
        {
            "two bridge 52:54:00:00:00:01 br0|two direct 52:54:00:00:00:02 eth0", "", "", "", false,
            ["warning: guest two has a bridged NIC (52:54:00:00:00:01), a macvtap NIC (52:54:00:00:00:02): its addresses reach the module only through libvirt-nss-publisher (systemctl enable --now libvirt-nss-publisher)"]
        },
        {
            // On libvirt's own bridge (its dnsmasq serves it), or already leased: the module answers it.
            "onvirbr bridge 52:54:00:00:00:01 virbr0|leased bridge 52:54:00:00:00:02 br0", "52:54:00:00:00:02", "virbr0", "", false,
            ["ok:      libvirt (test:///default): 2 running domains with NICs, none outside libvirt's networks"]
        },
        {
            "br bridge 52:54:00:00:00:01 br0|quiet bridge 52:54:00:00:00:02 br0", "", "", "br", true,
            [
                "ok:      guest br has a bridged NIC (52:54:00:00:00:01): the publisher publishes its addresses",
                "warning: guest quiet has a bridged NIC (52:54:00:00:00:02) but no published address: its agent reports none that passes and the host has no neighbour entry for it (docs/publisher.md, \"Failure modes\")",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Guests))]
    public void Guests_outside_libvirts_networks(string guests, string leased, string served, string published, bool fresh, string[] expected)
    {
        List<GuestNic> nics = guests.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => g.Split(' ')).Select(g => Nic(g[0], g[1], g[2], g.Length > 3 ? g[3] : null)).ToList();
        HashSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Equal(expected, Lines(report =>
            GuestNicCheck.Report("test:///default", nics, null, Set(leased), Set(served), Set(published), fresh, report)));
    }

    [Fact]
    public void Libvirt_not_asked_is_information_not_a_fault()
    {
        var output = new StringWriter();
        var report = new DoctorReport(output);
        GuestNicCheck.Report("qemu:///system", null, "libvirt's library, libvirt.so.0, is not installed",
            new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), false, report);
        Assert.Equal("info:    could not ask libvirt (qemu:///system): libvirt's library, libvirt.so.0, is not installed; guests with bridged or macvtap NICs not checked\n",
            output.ToString());
        Assert.Equal((0, 0), (report.Errors, report.Warnings));
    }
}
