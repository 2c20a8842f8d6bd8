using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LibvirtNss.Fuzz;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>
/// A lease directory written from a seed: <c>*.status</c> and <c>*.macs</c> files from the
/// fuzzer's generator (mutated half of the time), networks' <c>*.conf</c> files naming bridges
/// (<c>interface=</c>) and domains (<c>domain=</c>), <c>*.hostsfile</c> and <c>*.addnhosts</c>
/// files of reserved hosts (libvirt's lines and odd ones, mutated now and then), and sometimes a
/// dangling link, a subdirectory with a lease file's name, an empty file or one over the file cap.
/// The names and addresses worth asking are the ones the files hold.
/// </summary>
internal sealed partial class GeneratedDirectory : IDisposable
{
    private static readonly string[] Bridges = { "virbr0", "virbr1", "virbr2" };

    private static readonly string[] ConfLines =
    {
        "interface=virbr0", "interface=virbr1", "interface=virbr0,virbr2", "interface=virbr2", "interface=",
        "domain=example.lan", "domain=Example.LAN", "domain=iso.test", "domain=example.lan,192.168.122.0/24", "domain=lan",
        "domain=", "domain=bad..name", "except-interface=lo", "# interface=virbr1", "  interface = virbr1 ", "strict-order",
        "bind-dynamic", "dhcp-range=192.168.122.2,192.168.122.254", "interface=virbr1\r", "domain=example.lan.",
    };

    private static readonly string[] HostNames = { "vm1", "vm2", "VM1", "resvm", "dnsalias", "vm1.example.lan", "bad name", "" };

    private readonly TempLeaseDirectory _dir = new();

    public GeneratedDirectory(int seed)
    {
        Seed = seed;
        var random = new Random(seed);
        var generator = new InputGenerator(random);
        var mutator = new Mutator(random);
        var files = new List<string>();

        var statusFiles = new Dictionary<string, byte[]>();
        foreach (string bridge in Bridges.Where(_ => random.Next(3) != 0))
        {
            statusFiles[bridge] = random.Next(3) == 0 ? StatusFile(random, mutator) : LeaseFile(random, mutator, generator.StatusFile);
            Write(files, $"{bridge}.status", statusFiles[bridge]);
        }
        // A macs file as libvirt writes it (domains owning MACs of the leases), or the fuzzer's.
        foreach (string bridge in Bridges.Take(2).Where(_ => random.Next(3) != 0))
        {
            Write(files, $"{bridge}.macs", statusFiles.TryGetValue(bridge, out byte[]? leases) && random.Next(3) != 0
                ? MacsOf(random, mutator, leases)
                : LeaseFile(random, mutator, generator.MacsFile));
        }
        foreach (string network in new[] { "default", "isolated", "other" }.Where(_ => random.Next(3) != 0))
            Write(files, $"{network}.conf", ConfFile(random, mutator, network));
        foreach (string network in new[] { "default", "isolated" }.Where(_ => random.Next(2) == 0))
            Write(files, $"{network}.hostsfile", HostsFile(random, mutator, dhcp: true));
        foreach (string network in new[] { "default", "isolated" }.Where(_ => random.Next(2) == 0))
            Write(files, $"{network}.addnhosts", HostsFile(random, mutator, dhcp: false));
        switch (random.Next(12))
        {
            case 0:
                File.CreateSymbolicLink(System.IO.Path.Combine(_dir.Path, "dangling.status"), "/nonexistent/lease/file");
                break;
            case 1:
                Directory.CreateDirectory(System.IO.Path.Combine(_dir.Path, "sub.macs"));
                break;
            case 2:
                Write(files, "empty.status", Array.Empty<byte>());
                break;
            case 3:
                Write(files, "huge.status", new byte[LeaseDirectory.MaxFileBytes + 1]);
                break;
        }
        Files = files;
    }

    public int Seed { get; }

    public string Path => _dir.Path;

    /// <summary>The names of the files written (for a failure's message).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Names to ask: the fuzzer's, reserved ones, their network-domain forms, and some nobody has.</summary>
    public static readonly string[] Names =
    {
        "vm1", "VM2", "vm1.example.lan", "VM2.Example.Lan.", "vm1.iso.test", "vm2.lan", "vm1.", "vm1.other",
        "resvm", "resvm.example.lan", "dnsalias", "guest", "Guest.iso.test", "nosuch", "nosuch.example.lan", "",
    };

    /// <summary>Addresses to ask in reverse: those the files hold (as text), and some nobody has.</summary>
    public IEnumerable<IPAddress> Addresses()
    {
        var seen = new HashSet<IPAddress>();
        foreach (string file in Files)
        {
            string path = System.IO.Path.Combine(Path, file);
            if (new FileInfo(path).Length > 1 << 20)
                continue;
            string text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
            foreach (Match m in AddressText().Matches(text).Take(40))
            {
                if (IPAddress.TryParse(m.Value, out IPAddress? ip) && seen.Add(ip) && seen.Count <= 16)
                    yield return ip;
            }
        }
        foreach (string extra in new[] { "10.0.0.1", "::ffff:192.168.122.7", "fd00::1" })
        {
            if (seen.Add(IPAddress.Parse(extra)))
                yield return IPAddress.Parse(extra);
        }
    }

    [GeneratedRegex(@"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|fd00:[0-9a-f:]*[0-9a-f]|::ffff:[0-9.]+")]
    private static partial Regex AddressText();

    public override string ToString() => $"seed {Seed}: {string.Join(", ", Files)}";

    private void Write(List<string> files, string name, byte[] contents)
    {
        _dir.Write(name, contents);
        files.Add(name);
    }

    private static byte[] LeaseFile(Random random, Mutator mutator, Func<byte[]> file)
    {
        byte[] input = file();
        return random.Next(2) == 0 ? input : mutator.Mutate(input, file());
    }

    /// <summary>Leases as libvirt_leaseshelper writes them: the names asked, MACs of a small pool, some expired.</summary>
    private static byte[] StatusFile(Random random, Mutator mutator)
    {
        var leases = new List<string>();
        for (int n = random.Next(1, 9); n > 0; n--)
        {
            string? name = random.Next(8) == 0 ? null : Domains[random.Next(Domains.Length)];
            long expiry = random.Next(3) == 0 ? 0 : InputGenerator.Now + random.Next(-2000, 90_000);
            leases.Add(Fixtures.Lease(Address(random), Mac(random), name, expiry));
        }
        byte[] bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", leases) + "]");
        return random.Next(6) == 0 ? mutator.Mutate(bytes, bytes) : bytes;
    }

    private static readonly string[] Domains = { "vm1", "vm2", "VM1", "resvm", "guest", "dnsalias" };

    /// <summary>Domains owning MACs of the leases in <paramref name="status"/> (and some of no lease), mutated now and then.</summary>
    private static byte[] MacsOf(Random random, Mutator mutator, byte[] status)
    {
        string[] leaseMacs = LeaseMac().Matches(Encoding.Latin1.GetString(status)).Select(m => m.Groups[1].Value).Distinct().Take(12).ToArray();
        var owners = new Dictionary<int, List<string>>();
        foreach (string mac in leaseMacs.Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => Mac(random))))
        {
            if (random.Next(4) == 0)
                continue;
            int entry = random.Next(Domains.Length + 2);   // the last two: a second entry of vm1 and of guest
            if (!owners.TryGetValue(entry, out List<string>? macs))
                owners[entry] = macs = new List<string>();
            macs.Add($"\"{(random.Next(6) == 0 ? mac.ToUpperInvariant() : mac)}\"");
        }
        var entries = owners.OrderBy(_ => random.Next()).Select(o =>
            $"{{\"domain\":\"{(o.Key < Domains.Length ? Domains[o.Key] : o.Key == Domains.Length ? "vm1" : "guest")}\",\"macs\":[{string.Join(",", o.Value)}]}}")
            .Append("{\"domain\":\"vm2\",\"macs\":[]}");
        byte[] bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", entries) + "]");
        return random.Next(5) == 0 ? mutator.Mutate(bytes, status) : bytes;
    }

    [GeneratedRegex("\"mac-address\":\"([^\"\\\\]{0,40})\"")]
    private static partial Regex LeaseMac();

    private static string Mac(Random random) => random.Next(10) switch
    {
        0 => $"52:54:00:{random.Next(4):X2}:{random.Next(4):X2}:{random.Next(4):X2}",
        1 => "52:54:00:zz:00:01",
        _ => $"52:54:00:{random.Next(4):x2}:{random.Next(4):x2}:{random.Next(4):x2}",
    };

    private static string Address(Random random) => random.Next(4) == 0
        ? $"fd00:{random.Next(4):x}::{random.Next(16):x}"
        : $"192.168.{random.Next(4)}.{random.Next(16)}";

    private static byte[] ConfFile(Random random, Mutator mutator, string network)
    {
        var text = new StringBuilder();
        // libvirt's shape most of the time: the network's bridge and one domain.
        if (random.Next(4) != 0)
        {
            text.Append(network switch { "default" => "interface=virbr0\n", "isolated" => "interface=virbr1\n", _ => "interface=virbr2\n" });
            text.Append(network switch { "default" => "domain=example.lan\n", "isolated" => "domain=iso.test\n", _ => "domain=lan\n" });
        }
        for (int n = random.Next(0, 8); n > 0; n--)
            text.Append(ConfLines[random.Next(ConfLines.Length)]).Append(random.Next(10) == 0 ? "\r\n" : "\n");
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        return random.Next(5) == 0 ? mutator.Mutate(bytes, Encoding.UTF8.GetBytes(ConfLines[random.Next(ConfLines.Length)])) : bytes;
    }

    private static byte[] HostsFile(Random random, Mutator mutator, bool dhcp)
    {
        var text = new StringBuilder();
        for (int n = random.Next(0, 10); n > 0; n--)
        {
            string name = HostNames[random.Next(HostNames.Length)];
            string line = dhcp
                ? random.Next(6) switch
                {
                    0 => $"{name},{Address(random)}",
                    1 => $"{Mac(random)},{Address(random)}",
                    2 => $"{Mac(random)},[{Address(random)}],{name}",
                    3 => "# a comment",
                    _ => $"{Mac(random)},{Address(random)},{name}",
                }
                : random.Next(6) switch
                {
                    0 => $"{Address(random)}\t{name}\t{HostNames[random.Next(HostNames.Length)]}",
                    1 => "# a comment",
                    2 => $"{Address(random)}",
                    _ => $"{Address(random)} {name}",
                };
            text.Append(line).Append('\n');
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        return random.Next(5) == 0 ? mutator.Mutate(bytes, Encoding.UTF8.GetBytes("52:54:00:00:00:01,192.168.0.1,vm1\n")) : bytes;
    }

    public void Dispose() => _dir.Dispose();
}
