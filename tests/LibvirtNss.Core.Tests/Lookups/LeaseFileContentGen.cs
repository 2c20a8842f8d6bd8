using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Records;
using LibvirtNss.Fuzz;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// The contents of each kind of file libvirt writes in its dnsmasq directory, libvirt-shaped and
/// drawn from one small vocabulary (<see cref="Vocabulary"/>), so that the leases, MACs, confs
/// and reserved hosts of one directory name each other and the lookups hit; and the same made
/// hostile: the fuzzer's generated files, its mutations of these, arbitrary bytes.
/// </summary>
internal static class LeaseFileContentGen
{
    private static Gen<string> Pick(params string[] choices) => Gen.Elements(choices);

    private static readonly Gen<string> Mac = Gen.Frequency(
        (8, Gen.Elements(Vocabulary.Macs)),
        (2, Gen.Elements(Vocabulary.Macs).Select(m => m.ToUpperInvariant())),
        (1, Pick("", "52:54:00:00:00", "not-a-mac", "52:54:00:0a:0b:0c")));

    private static readonly Gen<string> V4 = Gen.Elements(Vocabulary.V4);
    private static readonly Gen<string> V6 = Gen.Elements(Vocabulary.V6);

    /// <summary>A lease's "ip-address": mostly the vocabulary's, sometimes another spelling of one of them, or not an address.</summary>
    private static readonly Gen<string> LeaseIp = Gen.Frequency(
        (6, V4), (3, V6),
        (1, Pick("FD00:0:0::1", "fd00:0::2", "::ffff:192.168.122.7", "192.168.122.02", "999.1.1.1", "", "fe80::1%eth0", "10.1", "vm1")));

    private static readonly Gen<string> Host = Gen.Elements(Vocabulary.Hosts);

    /// <summary>A hostname value as JSON (null: no "hostname" member).</summary>
    private static readonly Gen<string?> HostnameJson = Gen.Frequency(
        (8, Host.Select(h => (string?)$"\"{h}\"")),
        (2, from h in Host from d in Gen.Elements(Vocabulary.Domains) from dot in Pick("", ".")
            select (string?)$"\"{h}.{d}{dot}\""),
        (1, Host.Select(h => (string?)$"\"{h.ToUpperInvariant()}\"")),
        (1, Gen.Constant((string?)null)),
        (1, Pick("\"\"", "null", "\"my vm\"", "\"vm\\u0031\"", "\"caf\\u00e9\"", "\"vm1\\u0000x\"", "\"" + new string('h', 300) + "\"", "42")
            .Select(s => (string?)s)),
        // Names no guest may answer for (the host's own, those dnsmasq refuses), and one only a
        // forward lookup may answer (ip6-*, never a reverse answer).
        (2, Gen.Elements(Vocabulary.HostsOwnNames.Concat(new[] { "wpad", "-vm1", "ip6-allnodes" }).ToArray())
            .Select(h => (string?)$"\"{h}\"")));

    private static readonly Gen<long> Expiry = Gen.Frequency(
        (4, Gen.Choose(1, 5000).Select(d => Vocabulary.Now + d)),
        (3, Gen.Constant(0L)),
        (1, Gen.Constant(Vocabulary.Now)),
        (1, Gen.Constant(Vocabulary.Now - 1)),
        (1, Gen.Constant(Vocabulary.Now + 1)),
        (1, Gen.Choose(2, 5000).Select(d => Vocabulary.Now - d)),
        (1, Gen.Elements(Vocabulary.Now + 100, Vocabulary.Now + 200)));   // ties

    private static string LeaseJson(string ip, string mac, string? hostJson, long expiry, bool clientId) =>
        "{" + $"\"ip-address\":\"{ip}\",\"mac-address\":\"{mac}\""
        + (hostJson is null ? "" : $",\"hostname\":{hostJson}")
        + (clientId ? $",\"client-id\":\"01:{mac}\"" : "")
        + $",\"expiry-time\":{expiry}" + "}";

    /// <summary>A lease whose parts are drawn apart: its name is often another guest's (a domain's, a reservation's).</summary>
    private static readonly Gen<string> DrawnLease =
        from ip in LeaseIp
        from mac in Mac
        from host in HostnameJson
        from expiry in Expiry
        from clientId in Gen.Elements(true, false)
        select LeaseJson(ip, mac, host, expiry, clientId);

    private static readonly Gen<int> Guest = Gen.Choose(0, Vocabulary.Hosts.Length - 1);

    /// <summary>A lease of one of the vocabulary's guests (<see cref="Vocabulary.Guest"/>): its own name, MAC and address.</summary>
    private static readonly Gen<string> GuestLease =
        from g in Guest
        from v6 in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from host in Gen.Frequency((6, Gen.Constant("")), (1, Gen.Elements(Vocabulary.Domains).Select(d => "." + d)))
        from expiry in Expiry
        from clientId in Gen.Elements(true, false)
        let guest = Vocabulary.Guest(g)
        select LeaseJson(v6 ? guest.V6 : guest.V4, guest.Mac, $"\"{guest.Host}{host}\"", expiry, clientId);

    /// <summary>One guest listed twice at one address (its lease renewed, the old entry still there): two matches, one address.</summary>
    private static readonly Gen<string> GuestListedTwice =
        from g in Guest
        from first in Expiry
        from second in Expiry
        let guest = Vocabulary.Guest(g)
        select LeaseJson(guest.V4, guest.Mac, $"\"{guest.Host}\"", first, false) + ","
               + LeaseJson(guest.V4, guest.Mac, $"\"{guest.Host}\"", second, true);

    private static readonly Gen<string> Lease = Gen.Frequency((6, DrawnLease), (3, GuestLease), (1, GuestListedTwice));

    private static Gen<byte[]> JsonArray(Gen<string> entry, int max) =>
        from count in Gen.Choose(0, max)
        from entries in entry.ArrayOf(count)
        from separator in Pick(",", ",\n  ")
        from empty in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select empty ? Array.Empty<byte>() : Encoding.UTF8.GetBytes("[" + string.Join(separator, entries) + "]\n");

    public static readonly Gen<byte[]> Status = JsonArray(Lease, 8);

    /// <summary>A domain's MACs: a few from the vocabulary, rarely more than the 256 a form may hold.</summary>
    private static readonly Gen<string[]> DomainMacList = Gen.Frequency(
        (12, Gen.Choose(0, 3).SelectMany(n => Mac.ArrayOf(n))),
        (1, Gen.Choose(250, 300).Select(n => Enumerable.Range(0, n).Select(i => $"52:54:00:ff:{i / 256:x2}:{i % 256:x2}")
            .Append(Vocabulary.Macs[0]).ToArray())));

    private static readonly Gen<string> Domain = Gen.Frequency(
        (8, Host), (1, Host.Select(h => h.ToUpperInvariant())),
        (1, from h in Host from d in Gen.Elements(Vocabulary.Domains) select $"{h}.{d}"),
        (1, Pick("nohost", "", "my vm", "vm\\u0031")));

    private static readonly Gen<string> DrawnMacsEntry =
        from domain in Domain
        from macs in DomainMacList
        select $"{{\"domain\":\"{domain}\",\"macs\":[{string.Join(",", macs.Select(m => $"\"{m}\""))}]}}";

    /// <summary>A guest of the vocabulary with its own MAC (and now and then another interface's).</summary>
    private static readonly Gen<string> GuestMacsEntry =
        from g in Guest
        from more in Gen.Frequency((4, Gen.Constant("")), (1, Mac.Select(m => $",\"{m}\"")))
        let guest = Vocabulary.Guest(g)
        select $"{{\"domain\":\"{guest.Host}\",\"macs\":[\"{guest.Mac}\"{more}]}}";

    private static readonly Gen<string> MacsEntry = Gen.Frequency((5, DrawnMacsEntry), (3, GuestMacsEntry));

    public static readonly Gen<byte[]> Macs = JsonArray(MacsEntry, 5);

    private static readonly Gen<string> Bridge = Gen.Frequency((8, Gen.Elements(Vocabulary.Bridges)), (1, Pick("eth0", "v\u00edrbr9", "a/b", "")));

    private static readonly Gen<string> ConfLine = Gen.Frequency(
        (4, Gen.Choose(1, 3).SelectMany(n => Bridge.ArrayOf(n)).Select(b => "interface=" + string.Join(",", b))),
        (4, from d in Gen.Frequency((6, Gen.Elements(Vocabulary.Domains)), (1, Pick("EXAMPLE.lan", "example.lan.", "lan", "bad name", "")))
            from range in Pick("", ",192.168.122.0/24", ",192.168.122.0/24,local")
            select "domain=" + d + range),
        (1, Gen.Constant("interface=" + string.Join(",", Enumerable.Range(0, 18).Select(i => $"br{i}")) + ",virbr0")),
        (2, Pick("strict-order", "except-interface=lo", "bind-dynamic", "dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0",
            "dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile", "addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts",
            "#domain=commented.lan", "local=/example.lan/", "Interface=virbr1", " domain = d1.lan")));

    private static readonly Gen<string> HostsfileLine = Gen.Frequency(
        (4, from m in Mac from ip in V4 from h in Host select $"{m},{ip},{h}"),
        (2, from m in Mac from ip in V4 select $"{m},{ip}"),
        (2, from h in Host from ip in V4 select $"{h},{ip}"),
        (2, from m in Mac from ip in V6 from h in Host select $"{m},[{ip}],{h}"),
        (1, from m in Mac from ip in V4 from h in Host from lease in Pick("infinite", "30m", "3600") select $"{m},{ip},{h},{lease}"),
        (1, from m in Mac from h in Host select $"{m},{h}"),
        (1, Pick("", "# a comment", "garbage,1.2.3", "52:54:00:00:00:01,52:54:00:00:00:02,192.168.122.5", "vm1,192.168.122.5,vm2", "my vm,192.168.122.6")),
        (3, Guest.Select(g => Vocabulary.Guest(g)).Select(guest => $"{guest.Mac},{guest.V4},{guest.Host}")));

    private static readonly Gen<string> AddnhostsLine = Gen.Frequency(
        (4, from ip in V4 from h in Host select $"{ip} {h}"),
        (2, from ip in V6 from h in Host from alias in Host select $"{ip}\t{h} {alias}"),
        (2, from ip in V4 from h in Host from d in Gen.Elements(Vocabulary.Domains) select $"{ip} {h}.{d} {h}"),
        (1, Pick("", "# comment", "not-an-address vm1", "192.168.122.7", "192.168.122.8 my\u00e9vm vm2", "[::1] vm1",
            "192.168.122.9 localhost ip6-localhost", $"192.168.122.8 {Vocabulary.HostsOwnNames[^1]}")),
        (2, Guest.Select(g => Vocabulary.Guest(g)).Select(guest => $"{guest.V4} {guest.Host}")));

    private static Gen<byte[]> Lines(Gen<string> line, int max) =>
        from count in Gen.Choose(0, max)
        from lines in line.ArrayOf(count)
        from end in Pick("\n", "\r\n")
        select Encoding.UTF8.GetBytes(string.Join(end, lines) + (count > 0 ? end : ""));

    public static readonly Gen<byte[]> Conf = Lines(ConfLine, 6);
    public static readonly Gen<byte[]> Hostsfile = Lines(HostsfileLine, 6);
    public static readonly Gen<byte[]> Addnhosts = Lines(AddnhostsLine, 6);

    /// <summary>The fuzzer's generated lease or MAC file (sometimes tens of thousands of entries, 64 KiB hostnames).</summary>
    public static Gen<byte[]> Fuzzed(bool macs) =>
        Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var generator = new InputGenerator(new Random(seed));
            return macs ? generator.MacsFile() : generator.StatusFile();
        });

    /// <summary>One of <paramref name="file"/>'s contents, as the fuzzer mutates an input (with another for splices).</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> file) =>
        from input in file
        from other in file
        from seed in Gen.Choose(0, int.MaxValue)
        select new Mutator(new Random(seed)).Mutate(input, other);

    /// <summary>JSON, but not the array of objects libvirt writes.</summary>
    private static readonly Gen<byte[]> NotAnArray =
        Pick("{}", "{\"ip-address\":\"192.168.122.2\",\"hostname\":\"vm1\"}", "\"vm1\"", "42", "null\n").Select(Encoding.UTF8.GetBytes);

    private static readonly Gen<byte[]> ArbitraryBytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

    /// <summary>The contents of a file of <paramref name="kind"/>: libvirt-shaped, or (hostile) often not.</summary>
    public static Gen<byte[]> Of(LeaseFileKind kind, bool hostile)
    {
        Gen<byte[]> shaped = kind switch
        {
            LeaseFileKind.Status => Status,
            LeaseFileKind.Macs => Macs,
            LeaseFileKind.Conf => Conf,
            LeaseFileKind.Hostsfile => Hostsfile,
            _ => Addnhosts,
        };
        if (!hostile)
            return shaped;
        bool json = kind is LeaseFileKind.Status or LeaseFileKind.Macs;
        return json
            ? Gen.Frequency((3, shaped), (3, Mutated(shaped)), (3, Fuzzed(kind == LeaseFileKind.Macs)), (1, ArbitraryBytes), (1, NotAnArray))
            : Gen.Frequency((3, shaped), (3, Mutated(shaped)), (1, ArbitraryBytes));
    }
}
