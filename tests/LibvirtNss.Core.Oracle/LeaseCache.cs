using System.Collections.Generic;
using System.Threading;

namespace LibvirtNss.Core;

/// <summary>
/// Lookups over one lease directory, answered from a snapshot of its files that is checked
/// against the disk on every call: one stat of the directory (a file added, removed or renamed
/// over changes it) and one of each file (device, inode, size, mtime and ctime with nanoseconds).
/// Anything changed is read again before answering, so no answer is older than the disk.
/// <para>
/// Thread-safe without a lock: a snapshot is immutable and published by one reference write.
/// Lookups that find it stale at once each build a new one (the last written wins); each answer
/// comes from the one snapshot its lookup took. When no snapshot can be kept (no statx, the
/// directory cannot be listed, the leases exceed the budget) the lookup reads the files as
/// <see cref="LeaseDirectory.Lookup"/> does, which is also what answers then.
/// </para>
/// <para>
/// With <see cref="SnapshotFrom.SecondLookupOfAKind"/> (the module), the first lookup of each kind
/// reads the files as <see cref="LeaseDirectory.Lookup"/> does and builds nothing: most processes
/// (getent, ssh, sudo) resolve one name, one lookup per module name, and would pay for a snapshot
/// they never reuse. The snapshot is built by a kind's second lookup and answers from then on.
/// </para>
/// </summary>
public sealed class LeaseCache
{
    private readonly byte[] _nulTerminatedDirectory;
    private readonly long _budgetLimit;
    private LeaseSnapshot? _current;
    private readonly SnapshotFrom _snapshotFrom;
    private long _filesRead;
    private long _snapshotsBuilt;
    private int _hostnameLookups;
    private int _domainLookups;

    public LeaseCache(string directory, SnapshotFrom snapshotFrom = SnapshotFrom.FirstLookup)
        : this(directory, SnapshotBudget.DefaultLimit, snapshotFrom)
    {
    }

    internal LeaseCache(string directory, long budgetLimit, SnapshotFrom snapshotFrom = SnapshotFrom.FirstLookup)
    {
        Directory = directory;
        _nulTerminatedDirectory = FileStatus.NulTerminated(directory);
        _budgetLimit = budgetLimit;
        _snapshotFrom = snapshotFrom;
    }

    public string Directory { get; }

    /// <summary>Files read and parsed so far (a warm lookup reads none).</summary>
    public long FilesRead => Interlocked.Read(ref _filesRead);

    /// <summary>Snapshots built so far.</summary>
    public long SnapshotsBuilt => Interlocked.Read(ref _snapshotsBuilt);

    /// <summary>The bytes the current snapshot holds, as accounted against its budget (0 if none).</summary>
    public long SnapshotBytes => Volatile.Read(ref _current)?.AccountedBytes ?? 0;

    /// <summary>The same answer as <see cref="LeaseDirectory.Lookup"/> over the directory as it is now.</summary>
    public LookupResult Lookup(LookupKind kind, byte[] name, int family, long now, DecisionLog log)
    {
        if (!AddressFamilies.IsSupported(family))
            return new LookupResult(LookupOutcome.FamilyNotSupported, new List<LeaseAddress>(), errno: Os.Errno.EAFNOSUPPORT);
        LeaseSnapshot? snapshot = SnapshotToAnswerFrom(kind, log);
        return snapshot is null
            ? LeaseDirectory.Lookup(Directory, kind, name, family, now, log)
            : SnapshotLookup.Find(snapshot, kind, name, family, now, log);
    }

    /// <summary>
    /// The snapshot a lookup of this kind answers from, or null when it reads the files directly:
    /// the first lookup of its kind (module name), when the snapshot is built from the second, or
    /// no snapshot to be had (unreadable directory, statx failing, over the budget).
    /// </summary>
    private LeaseSnapshot? SnapshotToAnswerFrom(LookupKind kind, DecisionLog log)
    {
        if (_snapshotFrom == SnapshotFrom.SecondLookupOfAKind && IsFirstLookupOf(kind))
        {
            if (log.Enabled) log.Write($"{Directory}: first lookup of its kind: reading the files, no snapshot yet");
            return null;
        }
        LeaseSnapshot? snapshot = CurrentSnapshot(log);
        return snapshot is null || snapshot.TooLarge ? null : snapshot;
    }

    /// <summary>The same answer as <see cref="ReverseLookup.Lookup"/> over the directory as it is now.</summary>
    public ReverseResult Reverse(LookupKind kind, int family, System.ReadOnlySpan<byte> address, long now, DecisionLog log)
    {
        if (family != AddressFamilies.Inet && family != AddressFamilies.Inet6)
            return new ReverseResult(LookupOutcome.FamilyNotSupported, new List<byte[]>(), errno: Os.Errno.EAFNOSUPPORT);
        // A reverse lookup counts as a lookup of its kind (module name) for when the snapshot is built.
        LeaseSnapshot? snapshot = SnapshotToAnswerFrom(kind, log);
        if (snapshot is null)
            return ReverseLookup.Lookup(Directory, kind, family, address, now, log);
        LeaseTable leases = snapshot.Leases!;
        DomainTable domains = snapshot.Domains!;
        return ReverseLookup.Match(kind, new LeaseAddress(family, address, 0), snapshot.Networks!,
            sink =>
            {
                for (int item = 0; item < leases.Count; item++)
                    sink(leases.Entry(item));
            },
            sink =>
            {
                for (int item = 0; item < domains.Count; item++)
                    sink(domains.Name(item), new List<byte[]>(domains.Macs(item)));
            },
            name => SnapshotLookup.Find(snapshot, kind, name, family, now, DecisionLog.Silent),
            now, log);
    }

    private bool IsFirstLookupOf(LookupKind kind) =>
        (kind == LookupKind.DomainName
            ? Interlocked.Increment(ref _domainLookups)
            : Interlocked.Increment(ref _hostnameLookups)) == 1;

    /// <summary>The published snapshot if it still matches the disk, else a new one (published); null if none can be kept.</summary>
    internal LeaseSnapshot? CurrentSnapshot(DecisionLog log)
    {
        long readStart = FileIdentity.WallClockNanoseconds();
        if (!FileStatus.TryGet(_nulTerminatedDirectory, out FileIdentity directory))
        {
            if (log.Enabled) log.Write($"{Directory}: cannot stat the lease directory: reading it without a snapshot");
            Volatile.Write(ref _current, null);
            return null;
        }
        LeaseSnapshot? current = Volatile.Read(ref _current);
        if (current is not null && current.IsCurrent(directory))
        {
            if (log.Enabled) log.Write($"{Directory}: {current.Files.Length} files unchanged, answering from the snapshot");
            return current;
        }
        LeaseSnapshot? built = LeaseSnapshotBuilder.Build(Directory, directory, readStart, current, _budgetLimit, log,
            out int filesRead);
        Interlocked.Add(ref _filesRead, filesRead);
        if (built is not null)
        {
            Interlocked.Increment(ref _snapshotsBuilt);
            if (log.Enabled)
                log.Write($"{Directory}: snapshot of {built.Files.Length} files ({filesRead} read, the others unchanged), {built.AccountedBytes} bytes");
        }
        Volatile.Write(ref _current, built);
        return built;
    }
}
