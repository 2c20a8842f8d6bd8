using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// What the lease directory held at one moment: the directory's identity, each file's identity
/// and parsed content, and the tables lookups answer from. Immutable once built; a lookup takes
/// one snapshot and answers from it alone, so every answer comes from one consistent view.
/// A snapshot over the budget keeps the identities only (<see cref="TooLarge"/>): lookups then
/// read the files, and the snapshot only tells when building one is worth another try.
/// </summary>
internal sealed class LeaseSnapshot
{
    private LeaseSnapshot(FileIdentity directory, bool directorySettled, SnapshotFile[] files, bool tooLarge,
        LeaseTable? leases, DomainTable? domains, DnsmasqNetworks? networks, string[] statusPaths, long accountedBytes)
    {
        Networks = networks;
        StatusPaths = statusPaths;
        DirectoryIdentity = directory;
        DirectorySettled = directorySettled;
        Files = files;
        TooLarge = tooLarge;
        Leases = leases;
        Domains = domains;
        AccountedBytes = accountedBytes;
    }

    /// <summary>A snapshot of parsed files; builds its tables, charging them to <paramref name="budget"/>.</summary>
    public static LeaseSnapshot Complete(FileIdentity directory, bool directorySettled, SnapshotFile[] files,
        SnapshotBudget budget)
    {
        var leases = new LeaseTable(ContentsOf<StatusFileLeases>(files), budget);
        var domains = new DomainTable(ContentsOf<MacsFileDomains>(files), budget);
        // As LeaseDirectory reads them: every conf, then every hostsfile, then every addnhosts.
        var networks = new DnsmasqNetworks();
        var statusPaths = new List<string>();
        foreach (SnapshotFile file in files)
        {
            if (file.Content is NetworkConfigFile conf)
                networks.AddConfig(file.Path, conf.Config);
            else if (file.Content is StatusFileLeases)
                statusPaths.Add(file.Path);
        }
        foreach (SnapshotFileKind kind in new SnapshotFileKind[] { SnapshotFileKinds.DhcpHosts, SnapshotFileKinds.DnsHosts })
        {
            foreach (SnapshotFile file in files)
            {
                if (file.Kind == kind)
                    networks.AddReservations(file.Path, ((ReservedHostsFile)file.Content).Hosts);
            }
        }
        return new LeaseSnapshot(directory, directorySettled, files, false, leases, domains, networks.Complete(),
            statusPaths.ToArray(), budget.Used);
    }

    /// <summary>A snapshot of identities only, for a directory whose data exceed the budget.</summary>
    public static LeaseSnapshot OverBudget(FileIdentity directory, SnapshotFile[] files) =>
        new(directory, true, files, true, null, null, null, System.Array.Empty<string>(), 0);

    public FileIdentity DirectoryIdentity { get; }
    public bool DirectorySettled { get; }
    public SnapshotFile[] Files { get; }
    public bool TooLarge { get; }

    /// <summary>The leases of the <c>*.status</c> files; null when <see cref="TooLarge"/>.</summary>
    public LeaseTable? Leases { get; }

    /// <summary>The domains of the <c>*.macs</c> files; null when <see cref="TooLarge"/>.</summary>
    public DomainTable? Domains { get; }

    /// <summary>The networks' domains and reserved hosts (conf, hostsfile, addnhosts); null when <see cref="TooLarge"/>.</summary>
    public DnsmasqNetworks? Networks { get; }

    /// <summary>The path of each <c>*.status</c> file, in <see cref="Leases"/>' file order.</summary>
    public string[] StatusPaths { get; }

    /// <summary>The bytes charged for what this snapshot holds.</summary>
    public long AccountedBytes { get; }

    /// <summary>
    /// Whether the directory and every file still are what this snapshot read: one stat of the
    /// directory (given) and one of each file. A file added or removed changes the directory.
    /// </summary>
    public bool IsCurrent(FileIdentity directory)
    {
        if (directory != DirectoryIdentity || !(DirectorySettled || TooLarge))
            return false;
        foreach (SnapshotFile file in Files)
        {
            if (!file.IsCurrent(trustUnsettled: TooLarge))
                return false;
        }
        return true;
    }

    /// <summary>The parsed contents of one kind, in directory order.</summary>
    public static T[] ContentsOf<T>(SnapshotFile[] files) where T : ParsedFile
    {
        var contents = new List<T>();
        foreach (SnapshotFile file in files)
        {
            if (file.Content is T content)
                contents.Add(content);
        }
        return contents.ToArray();
    }
}
