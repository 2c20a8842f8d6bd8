using System.Linq;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// The few names, MACs, addresses, bridges, networks and domains every generated file of a
/// directory draws from, so that its leases, MACs, confs and reserved hosts refer to each other
/// and the lookups' names and addresses hit (the fuzzer's files use vm1, vm2 and 52:54:00:0x:0x:0x too).
/// </summary>
internal static class Vocabulary
{
    /// <summary>The clock the files are written against and the lookups run at.</summary>
    public const long Now = Fixtures.Now;

    public static readonly string[] Hosts = { "vm1", "vm2", "web-01", "alpine", "db_2", "twin" };

    public static readonly string[] Domains = { "example.lan", "d1.lan" };

    public static readonly string[] Bridges = { "virbr0", "virbr1", "br2" };

    public static readonly string[] Networks = { "default", "net1", "isolated" };

    public static readonly string[] Macs = Enumerable.Range(1, 6).Select(i => $"52:54:00:00:00:0{i}").ToArray();

    public static readonly string[] V4 = Enumerable.Range(2, 8).Select(i => $"192.168.122.{i}").ToArray();

    public static readonly string[] V6 = Enumerable.Range(1, 5).Select(i => $"fd00::{i}").ToArray();

    /// <summary>
    /// Guest <paramref name="guest"/> as libvirt knows it: the domain <see cref="Hosts"/>[guest]
    /// with the MAC <see cref="Macs"/>[guest] and the addresses <see cref="V4"/>[guest] and
    /// <see cref="V6"/>[guest % 5], so that a directory's leases, domains and reservations agree
    /// now and then (a lease then answers its name) where drawing each apart makes them disagree
    /// (another guest claiming a domain's or a reservation's name is refused).
    /// </summary>
    public static (string Host, string Mac, string V4, string V6) Guest(int guest) =>
        (Hosts[guest], Macs[guest], V4[guest], V6[guest % V6.Length]);

    /// <summary>
    /// The host's own node name and its first label, which no guest may answer for: what the
    /// tests run under (scripts/in-test-uts.sh gives nss-test-host.example.test), read when they
    /// start, so that leases claiming it are generated whatever the machine's name.
    /// </summary>
    public static readonly string[] HostsOwnNames = OwnNames();

    private static string[] OwnNames()
    {
        string node = System.Net.Dns.GetHostName();
        string first = node.Split('.')[0];
        return first.Length == 0 || first == node ? new[] { node } : new[] { node, first };
    }
}
