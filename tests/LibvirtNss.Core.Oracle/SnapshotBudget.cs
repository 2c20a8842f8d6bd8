using System;

namespace LibvirtNss.Core;

/// <summary>
/// The bytes a lease snapshot may hold. Parsers and indexes charge what they keep as they keep
/// it; past the limit the build stops (<see cref="SnapshotTooLargeException"/>) and lookups read
/// the files as without a snapshot. The module's managed heap is 16 MiB: the previous snapshot,
/// the one being built and a file being read (up to 4 MiB) must fit in it together.
/// </summary>
internal sealed class SnapshotBudget
{
    /// <summary>About 18,000 leases (some 110 bytes each, kept and indexed).</summary>
    public const long DefaultLimit = 2 * 1024 * 1024;

    /// <summary>What an object header and an array length cost on a 64-bit runtime.</summary>
    public const int ObjectBytes = 24;

    private readonly long _limit;

    public SnapshotBudget(long limit) => _limit = limit;

    public long Used { get; private set; }

    public void Charge(long bytes)
    {
        Used += bytes;
        if (Used > _limit)
            throw new SnapshotTooLargeException();
    }
}

/// <summary>The snapshot would hold more than its budget; the lookup reads the files instead.</summary>
internal sealed class SnapshotTooLargeException : Exception
{
}
