namespace LibvirtNss.Core;

/// <summary>
/// A kind of file of the lease directory that lease snapshots keep: the files whose name ends
/// with <see cref="Suffix"/>, and how their bytes become a <see cref="ParsedFile"/>. A kind is
/// added by a subclass and an entry in <see cref="SnapshotFileKinds.All"/>.
/// </summary>
internal abstract class SnapshotFileKind
{
    protected SnapshotFileKind(string suffix) => Suffix = suffix;

    public string Suffix { get; }

    /// <summary>What a file that could not be read holds (it answers nothing).</summary>
    public abstract ParsedFile Empty { get; }

    /// <summary>
    /// Parses one file, logging what it skips, as the lookup without a snapshot does. Charges
    /// what it keeps to <paramref name="budget"/>, which throws once the snapshot is too large.
    /// </summary>
    public abstract ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log);
}

/// <summary>The file kinds a snapshot keeps, matched against each name in this order.</summary>
internal static class SnapshotFileKinds
{
    public static readonly StatusFileKind Status = new();
    public static readonly MacsFileKind Macs = new();
    public static readonly ConfFileKind Conf = new();
    public static readonly ReservedHostsFileKind DhcpHosts = ReservedHostsFileKind.DhcpHosts();
    public static readonly ReservedHostsFileKind DnsHosts = ReservedHostsFileKind.DnsHosts();

    public static readonly SnapshotFileKind[] All = { Status, Macs, Conf, DhcpHosts, DnsHosts };

    public static SnapshotFileKind? Of(string path)
    {
        foreach (SnapshotFileKind kind in All)
        {
            if (path.EndsWith(kind.Suffix, System.StringComparison.Ordinal))
                return kind;
        }
        return null;
    }
}
