using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LibvirtNss.Cli;

/// <summary>
/// One pass of the publisher: what libvirt, the guest agents, the host's netlink tables and
/// libvirt's lease directory say now, the plan made from them, and the three files written.
/// </summary>
internal sealed class PublishPass
{
    private readonly string _directory;
    private readonly string _leaseDirectory;
    private readonly int _interval;
    private readonly Action<string> _report;
    private readonly Action<string>? _verbose;
    private readonly Dictionary<(string Mac, string Address), long> _firstSeen;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public PublishPass(string directory, string leaseDirectory, int interval, Action<string> report, Action<string>? verbose)
    {
        _directory = directory;
        _leaseDirectory = leaseDirectory;
        _interval = interval;
        _report = report;
        _verbose = verbose;
        string sources = Path.Combine(directory, PublishedFiles.SourcesName);
        _firstSeen = File.Exists(sources) ? PublishedFiles.ReadFirstSeen(File.ReadAllBytes(sources)) : new();
    }

    /// <summary>Publishes what <paramref name="domains"/> and the host's tables say; throws IOException when a table or a file fails.</summary>
    public void Run(IReadOnlyList<RunningDomain> domains)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // By name, so that the files list the domains in the same order whatever order libvirt lists them in.
        domains = domains.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var nics = domains.SelectMany(d => DomainXml.Interfaces(d.Name, d.Xml)).ToList();
        foreach (RunningDomain d in domains.Where(d => d.AgentError is not null))
            _verbose?.Invoke($"domain {d.Name}: no agent addresses ({d.AgentError})");
        var inputs = new PublishInputs(
            nics,
            domains.SelectMany(d => d.Agent).ToList(),
            NetlinkRoute.Neighbours(),
            NetlinkRoute.Addresses(),
            NetlinkRoute.InterfaceIndexes(nics.Select(n => n.HostInterface).OfType<string>().Distinct()),
            Leased(now));
        var refused = new List<RefusedAddress>();
        List<PublishedAddress> published = PublishPlan.Compute(inputs, refused);
        foreach (RefusedAddress r in refused)
        {
            // Once per process for each refusal, every pass with --verbose.
            string line = $"domain {r.Nic.Domain}, MAC {r.Nic.Mac}: {r.Address} ({PublishedFiles.SourceText(r.Source)}) not published: {Reason(r.Reason)}";
            if (_reported.Add(line))
                _report(line);
            else
                _verbose?.Invoke(line);
        }

        var current = new HashSet<(string, string)>();
        foreach (PublishedAddress p in published)
        {
            var key = (p.Mac, p.Address.ToString());
            current.Add(key);
            _firstSeen.TryAdd(key, now);
        }
        foreach (var gone in _firstSeen.Keys.Where(k => !current.Contains(k)).ToList())
            _firstSeen.Remove(gone);

        if (PublishedFiles.EnsureDirectory(_directory) is string warning && _reported.Add(warning))
            _report(warning);
        PublishedFiles.WriteAtomically(_directory, PublishedFiles.StatusName, PublishedFiles.StatusJson(published, now, _interval));
        PublishedFiles.WriteAtomically(_directory, PublishedFiles.MacsName, PublishedFiles.MacsJson(published));
        PublishedFiles.WriteAtomically(_directory, PublishedFiles.SourcesName, PublishedFiles.SourcesJson(published, _firstSeen));
        _verbose?.Invoke($"{domains.Count} running domains, {nics.Count} NICs, {published.Count} addresses published in {_directory}");
    }

    /// <summary>libvirt dnsmasq's unexpired leases, and its reservations that name a MAC, read as the module reads them.</summary>
    private List<LeasedAddress> Leased(long now)
    {
        var leased = new List<LeasedAddress>();
        LeaseInventory? inventory = LeaseInventory.Read(_leaseDirectory, now, null, out _);
        foreach (LeaseRow row in inventory?.Rows ?? new List<LeaseRow>())
        {
            bool lease = row.State == LeaseState.Active;
            if ((lease || row.State == LeaseState.Reserved) && row.Mac != "-" && row.Mac.Length > 0
                && System.Net.IPAddress.TryParse(row.Address, out System.Net.IPAddress? address))
                leased.Add(new LeasedAddress(row.Mac.ToLowerInvariant(), address, lease));
        }
        return leased;
    }

    public static string Reason(AddressRefusal reason) => reason switch
    {
        AddressRefusal.Loopback => "a loopback address",
        AddressRefusal.LinkLocal => "a link-local address",
        AddressRefusal.Multicast => "a multicast address",
        AddressRefusal.Unspecified => "an unspecified address",
        AddressRefusal.Broadcast => "a broadcast or network address",
        AddressRefusal.Mapped => "an IPv4-mapped IPv6 address",
        AddressRefusal.HostAddress => "one of the host's own addresses",
        AddressRefusal.OffLink => "outside the subnets of the NIC's host interface, and no neighbour entry confirms it",
        AddressRefusal.LeasedToAnother => "libvirt's dnsmasq leases or reserves it for another MAC",
        AddressRefusal.ClaimedTwice => "another domain claims it too",
        _ => reason.ToString(),
    };
}
