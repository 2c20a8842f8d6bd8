using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// Replays what the existing tests feed the reference resolver's conf, hostsfile and addnhosts parsers (fuzz-corpus/
/// and nssdata/ hold no file of these kinds, so: the contents written inline by
/// DnsmasqFileParserTests, ReservedAndFqdnLookupTests, SnapshotNetworkFilesTests, ReverseTests,
/// and every corpus and fixture file read as if it were one) through the subset readers: the same
/// entries and skips as reference.
/// </summary>
public class TextLineCorpusReplayTests
{
    public static readonly string[] InlineContents =
    {
        // DnsmasqFileParserTests
        "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n" +
        "##    virsh net-edit default\n## or other application using the libvirt API.\n##\n## dnsmasq conf file created by libvirt\nstrict-order\nlocal=/example.lan/\ndomain=example.lan\n" +
        "expand-hosts\npid-file=/run/libvirt/network/default.pid\nexcept-interface=lo\nbind-dynamic\ninterface=virbr0\ndhcp-range=192.168.122.2,192.168.122.254,255.255.255.0\ndhcp-no-override\n" +
        "dhcp-authoritative\ndhcp-lease-max=253\ndhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile\naddn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts\n",
        "strict-order\nbind-dynamic\ninterface=virbr1\n",
        "domain=example.lan.\n",
        "  domain = example.lan , 192.168.122.0/24, local\r\n",
        "domain=a.example\ndomain=A.EXAMPLE\ndomain=b.example\n",
        "#domain=commented.lan\n",
        "domain=\ndomain=.\ndomain=bad name\ndomain=.lead\ndomain=dou..ble\n",
        "interface=virbr0,virbr9\ninterface=../etc\ninterface=waytoolonginterface0\ninterface=virbr0\n",
        string.Concat(Enumerable.Range(0, 40).Select(i => $"domain=d{i}.lan\ninterface=br{i}\n")),
        "52:54:00:aa:bb:cc,192.168.122.10,vm1", "52:54:00:aa:bb:cc,192.168.122.10,vm1,infinite", "vm2,192.168.122.11",
        "vm2,192.168.122.11,30m", "52:54:00:AA:BB:CD,192.168.122.12", "52:54:00:aa:bb:cd,192.168.122.12,3600s",
        "id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc,vm6,[fd00:122::10]", "vm6,[fd00:122::11],2h",
        "id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc,[fd00:122::12]", "  set:red,52:54:00:aa:bb:cc , 192.168.122.13 , vm3  \r",
        "52:54:00:aa:bb:cc,vm1", "vm1,192.168.122.300", "vm1,10.1", "vm1,192.168.122.010", "vm1,[192.168.122.10]", "vm1,[fd00::1%eth0]",
        "vm1,other,192.168.122.10", "vm1,192.168.122.10,192.168.122.11", "52:54:00:aa:bb:cc,52:54:00:aa:bb:cd,192.168.122.10",
        "my vm,192.168.122.10", "# comment,192.168.122.10", "",
        "vm1,192.168.122.10\nvm1,other,192.168.122.11\n\u0000\u00ff,1.2.3.4\nvm3,192.168.122.13",
        "192.168.122.200\tgateway\trouter\t\nfd00:122::1\tgw6\t\n",
        "# all comment\n10.1 short\n192.168.122.5 ok # trailing\n192.168.122.6 b\u0001d fine\nnot-an-ip x\n",
        "192.168.122.7 " + string.Join(" ", Enumerable.Range(0, 100).Select(i => $"n{i}")),
        // ReservedAndFqdnLookupTests, SnapshotNetworkFilesTests, ReverseTests
        "strict-order\ndomain=example.lan\nexpand-hosts\nbind-dynamic\ninterface=virbr0\n",
        "bind-dynamic\ninterface=virbr1\ndomain=iso.test\n",
        "192.168.122.10\tvm1\t\n192.168.122.90\tvm1\tvm1-alias\t\n",
        "v6only,[fd00:122::5]\n",
        "\xff\xfe garbage\n192.168.122.91 dnsvm\n",
        "52:54:00:00:00:77,192.168.122.77,resvm\n52:54:00:00:00:10,192.168.122.88,vm1\nvm1,192.168.122.89\n",
        "192.168.122.10\tvm1\tdnsalias\t\n192.168.122.90\tvm1\t\n",
        "newres,192.168.122.55\n", "domain=new.lan\ninterface=virbr0\n",
        "52:54:00:00:00:99,192.168.122.10,reserved\n52:54:00:00:10,192.168.122.50,vm1\n", "192.168.122.10\tdnsname\tvm1\n",
    };

    public static TheoryData<int> InlineIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < InlineContents.Length; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(InlineIndexes))]
    public void InlineContentsOfTheExistingTests(int index) =>
        TextLineDifferentialProperties.SameAll(Encoding.UTF8.GetBytes(InlineContents[index]));

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (string dir in new[] { "fuzz-corpus", Path.Combine("nssdata", "files"), Path.Combine("nssdata", "networks") })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, dir)).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void CorpusAndFixtureFiles(string file) =>
        TextLineDifferentialProperties.SameAll(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)));

    /// <summary>The huge hostsfile of ReservedAndFqdnLookupTests and the budget tests' files, and each side of the limits.</summary>
    public static TheoryData<string, int, string> BudgetFiles() => new()
    {
        { "a,1.2.3.4\n", HostsFileBudget.MaxLines - 1, "" },
        { "a,1.2.3.4\n", HostsFileBudget.MaxLines, "" },          // MaxLines + 1 lines counting the empty last one
        { "a,1.2.3.4\n", HostsFileBudget.MaxLines + 1, "" },
        { "a,1.2.3.4", HostsFileBudget.MaxLines, "" },            // no final newline: MaxLines lines
        { "1.2.3.4 " + string.Join(" ", Enumerable.Repeat("n", 60)) + "\n", HostsFileBudget.MaxFields / 60 + 1, "" },
        { "1.2.3.4 n\n", HostsFileBudget.MaxFields / 2 - 1, "" },
        { "1.2.3.4 n n n\n", HostsFileBudget.MaxFields / 4, "x" }, // MaxFields fields and one more
        { "1.2.3.4 n n n\n", HostsFileBudget.MaxFields / 4, "" },
        { "\n", HostsFileBudget.MaxLines + 5, "" },
        { "x", HostsFileBudget.MaxLines + 1, "" },                 // one line, one field, over MaxLines bytes
    };

    [Theory]
    [MemberData(nameof(BudgetFiles))]
    public void FilesAtTheBudgetLimits(string line, int repeat, string tail)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, repeat)) + tail);
        TextLineDifferentialProperties.SameHosts(bytes);
        TextLineDifferentialProperties.SameAddnHosts(bytes);
        bool exceeded = HostsFileBudget.Exceeded(bytes);
        TextLineOracle.NewHosts(bytes, out List<TextLineSkipped> skips);
        Assert.Equal(exceeded, skips.Count == 1 && skips[0].Reason == TextLineSkip.FileTooLarge);
    }

    [Fact]
    public void TheHugeHostsFileIsSkippedWhole()
    {
        byte[] huge = new byte[LeaseDirectory.MaxFileBytes]; // the most LeaseDirectory reads; one line each byte
        Array.Fill(huge, (byte)'\n');
        TextLineDifferentialProperties.SameHosts(huge);
        TextLineOracle.NewHosts(huge, out List<TextLineSkipped> skips);
        Assert.Equal(new[] { TextLineSkip.FileTooLarge }, skips.Select(s => s.Reason));
        Assert.True(TextLineSkips.Text(TextLineSkip.FileTooLarge).SequenceEqual("skipped: more than 16384 lines or 32768 fields"u8));
    }
}
