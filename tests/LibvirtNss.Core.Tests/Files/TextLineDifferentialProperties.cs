using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// The subset readers (Files/) against the reference resolver's parsers (the oracle): for generated files of
/// libvirt-like and odd lines, the same files with bytes replaced, inserted and deleted, and
/// arbitrary bytes, the same entries (names, MACs, families, addresses; conf interfaces and
/// domains) in the same order and the same number of skips.
/// </summary>
public class TextLineDifferentialProperties
{
    /// <summary>One edit: 0 replace, 1 insert, 2 delete, at a position taken modulo the length.</summary>
    public sealed record Mutation(int Kind, int Position, byte Value);

    public sealed record Case(byte[] Bytes, string Kind)
    {
        public override string ToString() => $"{Kind} of {Bytes.Length} bytes: {Encoding.Latin1.GetString(Bytes)}";
    }

    private static readonly Gen<byte> TextByte = Gen.OneOf(
        Gen.Choose(0, 255).Select(b => (byte)b),
        Gen.Elements(",:.[]=#\t \n\r0123456789abcdefAF*%".Select(c => (byte)c).ToArray()));

    private static readonly Gen<string> V4 = Gen.OneOf(
        from a in Gen.Choose(0, 255) from b in Gen.Choose(0, 255) select $"192.168.{a}.{b}",
        Gen.Elements("10.1", "0x0a.0.0.1", "01.2.3.4", "1.2.3.256", "1.2.3.4.5", "1..2.3", "255.255.255.255", "0.0.0.0", "1.2.3.", "1.2.3.04"));

    private static readonly Gen<string> V6 = Gen.OneOf(
        from a in Gen.Choose(0, 0xffff) from b in Gen.Choose(0, 0xffff) select $"fd00:{a:x}::{b:x}",
        from a in Gen.Choose(0, 255) select $"::ffff:10.0.0.{a}",
        Gen.Elements("::", "::1", "1::", "fe80::1%eth0", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "12345::",
            "::1.2.3.01", "::1.2.3.0255", "::01.2.3.4", "FD00:0122:0000::0010", "1:2:3:4:5:6:7::", "fd00::1/64"));

    private static readonly Gen<string> Mac = Gen.OneOf(
        Gen.Choose(0, 255).ArrayOf(3).Select(b => $"52:54:00:{b[0]:x2}:{b[1]:X2}:{b[2]:x2}"),
        Gen.Elements("52:54:00:*a:bb:cc", "52:54:00:aa:bb:c", "52-54-00-aa-bb-cc", "52:54:00:aa:bb:cc:dd", "52:54:00:aa:bb:cg"));

    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.Elements("vm", "web-01", "a", "db_2", "x9", "a.b.c").ListOf().Select(p => string.Concat(p.Take(3))).Where(s => s.Length > 0),
        Gen.Elements("my vm", "b\u0001d", "caf\u00e9", "x@y", "-", ".", "..", new string('n', 253), new string('n', 254), "UPPER.Lan"));

    private static readonly Gen<string> OtherField = Gen.Elements(
        "id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc", "set:red", "tag:!x", "ignore", "infinite", "30m", "3600", "5D", "12x",
        "", " ", "id:", "infinite2", "0", "[", "]", "[]", "#");

    private static Gen<string> Blank => Gen.Elements("", "", "", " ", "\t", "  ", " \t");

    private static Gen<string> Pad(Gen<string> field) =>
        from before in Blank from f in field from after in Blank select before + f + after;

    private static readonly Gen<string> HostsField = Gen.Frequency(
        (3, Mac), (3, V4), (2, V6.Select(v => $"[{v}]")), (1, V4.Select(v => $"[{v}]")), (1, V6), (3, Name), (2, OtherField));

    private static readonly Gen<string> HostsLine = Gen.Frequency(
        (8, HostsField.Select(f => Pad(Gen.Constant(f))).SelectMany(g => g).ListOf().Select(f => string.Join(",", f.Take(5)))),
        (2, from mac in Mac from ip in V4 from name in Name select $"{mac},{ip},{name}"),
        (2, from name in Name from ip in V6 from t in Gen.Elements("", ",infinite", ",2h") select $"{name},[{ip}]{t}"),
        (1, from a in Mac from b in Mac from ip in V4 from order in Gen.Choose(0, 2)
            select order == 0 ? $"{a},{b},{ip}" : order == 1 ? $"{a},{ip},{b}" : $"{ip},{a},vm,{b}"),
        (1, Gen.Elements("# a comment,1.2.3.4", "", "  ", "\t#x")));

    private static readonly Gen<string> AddnLine = Gen.Frequency(
        (8, from ip in Gen.Frequency((4, V4), (3, V6), (1, Name), (1, Gen.Constant("[::1]")))
            from names in Pad(Name).ListOf().Select(n => n.Take(6).ToArray())
            from sep in Gen.Elements(" ", "\t", " \t ")
            from comment in Gen.Elements("", "", " # c", "#x y", "\t#")
            from trailing in Blank
            select string.Concat(ip, names.Length == 0 ? "" : sep, string.Join(sep, names), trailing, comment)),
        (1, Gen.Elements("# all comment", "", "   ", "#1.2.3.4 a")));

    private static readonly Gen<string> InterfaceName = Gen.OneOf(
        Gen.Choose(0, 30).Select(n => $"br{n}"),
        Gen.Elements("virbr0", "virbr1", "br-x", "eth0.100", "", " ", "a/b", ".", "..", "...", "waytoolonginterface0", "abcdefghijklmno",
            "vir:br", "x*", "BR0", "br\u00e9", "a=b", "a\u0001"));

    private static readonly Gen<string> DomainName = Gen.OneOf(
        Name,
        Gen.Choose(0, 30).Select(n => $"d{n}.lan"),
        Gen.Elements("example.lan", "Example.LAN", "example.lan.", "", ".", ".lead", "dou..ble", "x..", "a.b.", "bad name"));

    private static readonly Gen<string> ConfLine = Gen.Frequency(
        (4, from option in Gen.Elements("interface", "interface", "interface", "interface", " interface ", "Interface", "except-interface")
            from eq in Gen.Elements("=", " = ", "=\t")
            from names in Pad(InterfaceName).ListOf().Select(n => n.Take(8).ToArray())
            from trailing in Gen.Elements("", ",")
            select option + eq + string.Join(",", names) + trailing),
        (4, from option in Gen.Elements("domain", "domain", "domain", " domain", "Domain", "local")
            from eq in Gen.Elements("=", " = ")
            from name in Pad(DomainName)
            from range in Gen.Elements("", ",192.168.122.0/24", ",192.168.122.0/24,local", ",")
            select option + eq + name + range),
        (1, Gen.Elements("strict-order", "#domain=commented.lan", "##interface=x", "interface", "domain", "=", "bind-dynamic",
            "dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0")));

    private static Gen<Case> File(Gen<string> line, string kind, int maxLines) =>
        from lines in line.ListOf().Select(l => l.Take(maxLines).ToArray())
        from ends in Gen.Elements("\n", "\n", "\r\n", "\r\r\n")
        from final in Gen.Elements("", "\n")
        select new Case(Encoding.UTF8.GetBytes(string.Join(ends, lines) + final), kind);

    private static readonly Gen<Case> HostsFile = File(HostsLine, "hostsfile", 12);
    private static readonly Gen<Case> AddnFile = File(AddnLine, "addnhosts", 12);
    private static readonly Gen<Case> ConfFile = Gen.Frequency(
        (3, File(ConfLine, "conf", 48)),
        (1, File(ConfLine, "conf", 48).ArrayOf(4).Select(parts => new Case(parts.SelectMany(p => p.Bytes.Append((byte)'\n')).ToArray(), "conf"))));

    private static readonly Gen<Mutation> Edit =
        from kind in Gen.Choose(0, 2)
        from position in Gen.Choose(0, int.MaxValue)
        from value in TextByte
        select new Mutation(kind, position, value);

    private static byte[] Apply(byte[] bytes, IEnumerable<Mutation> edits)
    {
        var list = bytes.ToList();
        foreach (Mutation m in edits)
        {
            int at = list.Count == 0 ? 0 : m.Position % (list.Count + (m.Kind == 1 ? 1 : 0));
            if (m.Kind == 1) list.Insert(at, m.Value);
            else if (list.Count == 0) continue;
            else if (m.Kind == 0) list[at] = m.Value;
            else list.RemoveAt(at);
        }
        return list.ToArray();
    }

    private static Gen<Case> Mutated(Gen<Case> file) =>
        from c in file
        from edits in Edit.ListOf().Select(e => e.Take(6).ToArray())
        select c with { Bytes = Apply(c.Bytes, edits) };

    private static readonly Gen<byte[]> Arbitrary = TextByte.ArrayOf();

    internal static void SameHosts(byte[] bytes) =>
        Assert.Equal(TextLineOracle.OldHosts(bytes), TextLineOracle.NewHosts(bytes), OutcomeComparer.Instance);

    internal static void SameAddnHosts(byte[] bytes) =>
        Assert.Equal(TextLineOracle.OldAddnHosts(bytes), TextLineOracle.NewAddnHosts(bytes), OutcomeComparer.Instance);

    internal static void SameConf(byte[] bytes) =>
        Assert.Equal(TextLineOracle.OldConf(bytes), TextLineOracle.NewConf(bytes), OutcomeComparer.Instance);

    internal static void SameAll(byte[] bytes)
    {
        SameHosts(bytes);
        SameAddnHosts(bytes);
        SameConf(bytes);
    }

    [Property(MaxTest = 1000)]
    public Property HostsFile_generated_same_as_DhcpHostsFileParser() => Prop.ForAll(HostsFile.ToArbitrary(), c => SameHosts(c.Bytes));

    [Property(MaxTest = 1000)]
    public Property HostsFile_mutated_same_as_DhcpHostsFileParser() => Prop.ForAll(Mutated(HostsFile).ToArbitrary(), c => SameHosts(c.Bytes));

    [Property(MaxTest = 1000)]
    public Property AddnHosts_generated_same_as_AddnHostsFileParser() => Prop.ForAll(AddnFile.ToArbitrary(), c => SameAddnHosts(c.Bytes));

    [Property(MaxTest = 1000)]
    public Property AddnHosts_mutated_same_as_AddnHostsFileParser() => Prop.ForAll(Mutated(AddnFile).ToArbitrary(), c => SameAddnHosts(c.Bytes));

    [Property(MaxTest = 1000)]
    public Property Conf_generated_same_as_DnsmasqConfParser() => Prop.ForAll(ConfFile.ToArbitrary(), c => SameConf(c.Bytes));

    [Property(MaxTest = 1000)]
    public Property Conf_mutated_same_as_DnsmasqConfParser() => Prop.ForAll(Mutated(ConfFile).ToArbitrary(), c => SameConf(c.Bytes));

    /// <summary>Every file kind through every reader: the readers never depend on the file being of their kind.</summary>
    [Property(MaxTest = 500)]
    public Property AnyFile_through_every_reader_same_as_the_reference() => Prop.ForAll(
        Gen.OneOf(HostsFile, AddnFile, ConfFile, Mutated(Gen.OneOf(HostsFile, AddnFile, ConfFile))).ToArbitrary(), c => SameAll(c.Bytes));

    [Property(MaxTest = 500)]
    public Property ArbitraryBytes_same_as_the_reference() => Prop.ForAll(Arbitrary.ToArbitrary(), SameAll);

    /// <summary>The generators reach every outcome, so the properties above are not vacuous.</summary>
    [Fact]
    public void TheGeneratorsReachEveryEntryKindAndSkipReason()
    {
        var reasons = new HashSet<string>();
        int hostEntries = 0, addnEntries = 0, confEntries = 0, cappedConf = 0, cappedDomains = 0, maxInterfaces = 0, maxLines = 0;
        foreach (Case c in HostsFile.Sample(1500))
        {
            hostEntries += TextLineOracle.NewHosts(c.Bytes, out List<LibvirtNss.Core.Files.TextLineSkipped> skips).Entries.Length;
            reasons.UnionWith(skips.Select(s => "hosts:" + s.Reason));
        }
        foreach (Case c in AddnFile.Sample(1500))
        {
            addnEntries += TextLineOracle.NewAddnHosts(c.Bytes, out List<LibvirtNss.Core.Files.TextLineSkipped> skips).Entries.Length;
            reasons.UnionWith(skips.Select(s => "addn:" + s.Reason));
        }
        foreach (Case c in ConfFile.Sample(1500))
        {
            TextLineOracle.Outcome outcome = TextLineOracle.NewConf(c.Bytes, out _, out List<LibvirtNss.Core.Files.TextLineSkipped> skips);
            confEntries += outcome.Entries.Length;
            maxInterfaces = Math.Max(maxInterfaces, outcome.Entries.Count(e => e.StartsWith("I:", StringComparison.Ordinal)));
            maxLines = Math.Max(maxLines, c.Bytes.Count(b => b == (byte)'\n'));
            if (outcome.Entries.Count(e => e.StartsWith("I:", StringComparison.Ordinal)) == LibvirtNss.Core.Files.ConfFileReader.MaxValues)
                cappedConf++;
            if (outcome.Entries.Count(e => e.StartsWith("D:", StringComparison.Ordinal)) == LibvirtNss.Core.Files.ConfFileReader.MaxValues)
                cappedDomains++;
            reasons.UnionWith(skips.Select(s => "conf:" + s.Reason));
        }
        string[] expected =
        {
            "hosts:NoAddress", "hosts:TwoMacAddresses", "hosts:TwoAddresses", "hosts:NotAnAddress", "hosts:TwoNames", "hosts:NotAHostName",
            "addn:NotAnAddress", "addn:NotAHostName", "conf:NotAnInterfaceName", "conf:NotADomainName",
        };
        Assert.Empty(expected.Except(reasons));
        Assert.True(hostEntries > 1000 && addnEntries > 1000 && confEntries > 1000, $"{hostEntries} {addnEntries} {confEntries}");
        Assert.True(cappedConf > 0, $"no generated conf reaches the 16-interface limit: {maxInterfaces} at most, {maxLines} lines");
        Assert.True(cappedDomains > 0, "no generated conf reaches the 16-domain limit");
    }
}
