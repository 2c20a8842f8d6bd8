using System.Collections.Generic;
using System.Text;

namespace LibvirtNss.Core.Tests;

/// <summary>A copy of one entry the lease parser handed out, for assertions.</summary>
internal sealed record RecordedLease(string Ip, string Mac, string? Hostname, long Expiry, string HostnameHex = "")
{
    public static RecordedLease From(in LeaseEntry entry) => new(
        Encoding.UTF8.GetString(entry.IpAddress), Encoding.UTF8.GetString(entry.MacAddress),
        entry.HasHostname ? Encoding.UTF8.GetString(entry.Hostname) : null, entry.ExpiryTime,
        System.Convert.ToHexString(entry.Hostname));

    /// <summary>Parses <paramref name="json"/> and returns every entry delivered, in file order.</summary>
    public static List<RecordedLease> Parse(byte[] json, DecisionLog log, out int delivered)
    {
        var entries = new List<RecordedLease>();
        delivered = LeaseFileParser.Parse(json, "test.status", (in LeaseEntry e) => entries.Add(From(e)), log);
        return entries;
    }
}
