namespace LibvirtNss.Cli;

/// <summary>What <c>list</c> shows of one lease.</summary>
internal enum LeaseState
{
    /// <summary>Unexpired (or never expiring): the modules answer with it.</summary>
    Active,

    /// <summary>Past its expiry time: the modules skip it.</summary>
    Expired,

    /// <summary>An address the network reserves for the host (dhcp-hostsfile, addnhosts).</summary>
    Reserved,

    /// <summary>The address is not an IPv4 or IPv6 address: the modules skip it.</summary>
    Invalid,
}

/// <param name="Hostname">The DHCP host name, or null when the guest sent none.</param>
/// <param name="Domain">The libvirt domain the MAC belongs to (from *.macs), or null.</param>
/// <param name="Expiry">Seconds since the epoch; 0 for never.</param>
/// <param name="Refused">Why a lookup of its host name does not answer this lease (docs/security.md), or null when it does.</param>
/// <param name="Published">A record of the publisher's directory (its network is "published:" and the file's name).</param>
/// <param name="Source">Where the publisher learnt a published record, from <c>publisher.sources</c>; null when it does not say.</param>
internal sealed record LeaseRow(string Network, string? Hostname, string? Domain, string Address, string Mac,
    long Expiry, LeaseState State, string? Refused = null, bool Published = false, PublishedSource? Source = null)
{
    public string StateText => State.ToString().ToLowerInvariant();
}
