using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>An address a reverse lookup asks for: its family and bytes.</summary>
public sealed record QueryAddress(int Family, byte[] Bytes)
{
    public override string ToString() => new IPAddress(Bytes).ToString();
}

/// <summary>
/// What is asked of a generated directory: names that hit (the vocabulary's, in other cases,
/// with a network's domain, with a trailing dot), names that miss, and names no guest may answer
/// for; families AF_UNSPEC, AF_INET, AF_INET6 and unsupported ones; addresses of the vocabulary,
/// addresses the directory's files hold, and addresses none holds.
/// </summary>
internal static partial class LookupQueries
{
    public static readonly int[] ForwardFamilies = { AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6 };

    /// <summary>Neither forward nor reverse lookups answer these (0 only forward).</summary>
    public static readonly Gen<int> UnsupportedFamily = Gen.Elements(1, 17, 28, -1);

    private static readonly Gen<string> Host = Gen.Elements(Vocabulary.Hosts);

    private static string MixedCase(string text) =>
        string.Concat(text.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));

    private static readonly Gen<byte[]> Name = Gen.Frequency(
        (6, Host),
        (2, Host.SelectMany(h => Gen.Elements(h.ToUpperInvariant(), MixedCase(h)))),
        (4, from h in Host
            from d in Gen.Elements(Vocabulary.Domains).SelectMany(d => Gen.Elements(d, d.ToUpperInvariant()))
            from dot in Gen.Elements("", ".")
            select $"{h}.{d}{dot}"),
        (2, Host.SelectMany(h => Gen.Elements($"{h}.", $"{h}.other.lan", $"{h}.lan", $"{h}.example.lan..", $"x.{h}"))),
        (2, Gen.Elements("nohost", "example.lan", "d1.lan.", "", "my vm", "vm", "vm12", "caf\u00e9", new string('h', 300))),
        // Names no guest may answer for: the host's own (short, long, with a network's domain), one dnsmasq refuses.
        (1, Gen.Elements(Vocabulary.HostsOwnNames.Concat(new[] { Vocabulary.HostsOwnNames[^1] + ".example.lan", "wpad", "ip6-allnodes" }).ToArray())))
        .Select(Encoding.UTF8.GetBytes);

    private static readonly Gen<byte[]> OddName = Gen.Elements(new byte[] { (byte)'v', (byte)'m', (byte)'1', 0xff },
        new byte[] { (byte)'v', (byte)'m', 0, (byte)'1' });

    public static readonly Gen<byte[][]> Names =
        Gen.Choose(1, 6).SelectMany(n => Gen.Frequency((12, Name), (1, OddName)).ArrayOf(n));

    private static QueryAddress Of(IPAddress ip) =>
        new(ip.AddressFamily == AddressFamily.InterNetworkV6 ? AddressFamilies.Inet6 : AddressFamilies.Inet, ip.GetAddressBytes());

    private static readonly Gen<QueryAddress> PoolAddress = Gen.Frequency(
        (4, Gen.Elements(Vocabulary.V4)), (3, Gen.Elements(Vocabulary.V6)),
        (2, Gen.Elements("10.255.0.1", "fd99::1", "::ffff:192.168.122.7", "::", "0.0.0.0", "192.168.122.255")))
        .Select(text => Of(IPAddress.Parse(text)));

    public static readonly Gen<QueryAddress[]> Addresses = Gen.Choose(1, 4).SelectMany(n => PoolAddress.ArrayOf(n));

    [GeneratedRegex(@"[0-9A-Fa-f:.]{2,45}")]
    private static partial Regex AddressLike();

    [GeneratedRegex(@"""hostname""\s*:\s*""([^""\\\x00-\x1f]{1,255})""")]
    private static partial Regex HostnameMember();

    /// <summary>
    /// One of the host names the directory's <c>*.status</c> files spell (unescaped), or none: a
    /// name asked where some lease carries it, so that the lease is judged (it answers, or is
    /// refused as another's name, the host's, or one dnsmasq would not give), whatever else the
    /// directory holds.
    /// </summary>
    public static Gen<byte[]?> SpelledName(LeaseDirectorySpec directory)
    {
        var found = new List<byte[]>();
        foreach (DirectoryEntry entry in directory.Entries)
        {
            if (!entry.Name.EndsWith(".status", StringComparison.Ordinal))
                continue;
            string text = Encoding.Latin1.GetString(entry.Contents.AsSpan(0, Math.Min(entry.Contents.Length, 1 << 16)));
            foreach (Match m in HostnameMember().Matches(text))
            {
                byte[] name = Encoding.Latin1.GetBytes(m.Groups[1].Value);
                if (!found.Any(f => Core.Files.TextLineText.EqualsIgnoreCase(f, name)))
                    found.Add(name);
            }
        }
        return found.Count == 0 ? Gen.Constant((byte[]?)null) : Gen.Elements(found.ToArray()).Select(n => (byte[]?)n);
    }

    /// <summary>The first few distinct addresses the directory's files spell (the fuzzer's leases are anywhere in 192.168/16).</summary>
    public static QueryAddress[] Spelled(LeaseDirectorySpec directory, int max)
    {
        var found = new List<QueryAddress>();
        foreach (DirectoryEntry entry in directory.Entries)
        {
            string text = Encoding.Latin1.GetString(entry.Contents.AsSpan(0, Math.Min(entry.Contents.Length, 1 << 16)));
            foreach (Match m in AddressLike().Matches(text))
            {
                if (found.Count == max)
                    return found.ToArray();
                if ((m.Value.Contains('.') || m.Value.Contains("::", StringComparison.Ordinal)) && IPAddress.TryParse(m.Value, out IPAddress? ip)
                    && (ip.AddressFamily != AddressFamily.InterNetworkV6 || ip.ScopeId == 0) && !found.Any(a => a.Bytes.AsSpan().SequenceEqual(ip.GetAddressBytes())))
                    found.Add(Of(ip));
            }
        }
        return found.ToArray();
    }
}
