namespace LibvirtNss.Core;

/// <summary>
/// One file of a lease snapshot: its path, the identity it had when read (from the open file,
/// before reading), whether that identity can be trusted to tell a later change (see
/// <see cref="FileIdentity.SettledBefore"/>), and what was parsed from it.
/// </summary>
internal sealed class SnapshotFile
{
    public SnapshotFile(string path, byte[] nulTerminatedPath, SnapshotFileKind kind, FileIdentity identity,
        bool settled, ParsedFile content)
    {
        Path = path;
        NulTerminatedPath = nulTerminatedPath;
        Kind = kind;
        Identity = identity;
        Settled = settled;
        Content = content;
    }

    public string Path { get; }
    public byte[] NulTerminatedPath { get; }
    public SnapshotFileKind Kind { get; }
    public FileIdentity Identity { get; }
    public bool Settled { get; }
    public ParsedFile Content { get; }

    /// <summary>The file still is what was read: same identity now, and that identity was settled.</summary>
    public bool IsCurrent(bool trustUnsettled)
    {
        FileStatus.TryGet(NulTerminatedPath, out FileIdentity now);
        return now == Identity && (Settled || trustUnsettled);
    }
}
