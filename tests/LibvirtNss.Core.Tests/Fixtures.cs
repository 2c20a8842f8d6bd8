using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace LibvirtNss.Core.Tests;

/// <summary>Where the fixture files lie, the fixed clock they are written against, and small helpers.</summary>
internal static class Fixtures
{
    /// <summary>The "now" every time-dependent fixture is written against (2027-01-15).</summary>
    public const long Now = 1_800_000_000;

    public static string NssData => Path.Combine(AppContext.BaseDirectory, "nssdata");

    /// <summary>Two networks in the shape of upstream's tests/nssdata (virbr0, virbr1).</summary>
    public static string Networks => Path.Combine(NssData, "networks");

    public static string FixtureFile(string name) => Path.Combine(NssData, "files", name);

    /// <summary>The bytes of nssdata/files/<paramref name="name"/>.</summary>
    public static byte[] Bytes(string name) => System.IO.File.ReadAllBytes(FixtureFile(name));

    /// <summary>The bytes of nssdata/networks/<paramref name="name"/>.</summary>
    public static byte[] NetworkBytes(string name) => System.IO.File.ReadAllBytes(Path.Combine(Networks, name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string[] Texts(IEnumerable<LeaseAddress> addresses) => addresses.Select(a => a.ToString()).ToArray();

    public static LeaseAddress Address(string text, long expiry)
    {
        var ip = System.Net.IPAddress.Parse(text);
        int family = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? AddressFamilies.Inet6 : AddressFamilies.Inet;
        return new LeaseAddress(family, ip.GetAddressBytes(), expiry);
    }

    /// <summary>A lease object as libvirt_leaseshelper writes it.</summary>
    public static string Lease(string ip, string mac, string? hostname, long expiry) =>
        hostname is null
            ? $"{{\"ip-address\":\"{ip}\",\"mac-address\":\"{mac}\",\"expiry-time\":{expiry}}}"
            : $"{{\"ip-address\":\"{ip}\",\"mac-address\":\"{mac}\",\"hostname\":\"{hostname}\",\"expiry-time\":{expiry}}}";
}

/// <summary>Collects the lines a lookup writes to its decision log.</summary>
internal sealed class LogLines
{
    public List<string> Lines { get; } = new();

    public DecisionLog Log { get; }

    public LogLines() => Log = new DecisionLog(Lines.Add);

    public bool Any(string fragment) => Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal));

    public int Count(string fragment) => Lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    public override string ToString() => string.Join("\n", Lines);
}

/// <summary>A lease directory of the test's own, removed afterwards.</summary>
internal sealed class TempLeaseDirectory : IDisposable
{
    public TempLeaseDirectory() => Path = Directory.CreateTempSubdirectory("libvirt-nss-test-").FullName;

    public string Path { get; }

    public string Write(string name, string contents) => Write(name, Encoding.UTF8.GetBytes(contents));

    public string Write(string name, byte[] contents)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
