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
}
