using System;
using System.Runtime.InteropServices;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Snapshot;

/// <summary>One file of a snapshot, and the version it had when the snapshot read it.</summary>
public struct SnapshotFile
{
    public LeaseFilePath Path;
    public FileVersion Version;
}

/// <summary>
/// The lease directory as one lookup read it (docs/lease-cache.md): every file's version, the
/// networks, the leases and the domains with their indexes, all in one arena of malloc'd memory
/// that the snapshot owns. Immutable once built; <see cref="SnapshotSlots"/> publishes it to the
/// lookups of every thread and frees it (<see cref="Free"/>) when its last reader leaves.
/// </summary>
public unsafe struct LeaseSnapshot
{
    /// <summary>What a snapshot may hold; past it only the versions are kept and lookups read the files.</summary>
    public const long BudgetBytes = 2 * 1024 * 1024;

    public Arena Memory;
    public FileVersion Directory;
    public ArenaList<SnapshotFile> Files;
    /// <summary>Every version had settled when read (FileVersion.SettledBefore): until then the snapshot answers once, and is built again.</summary>
    public bool Settled;
    /// <summary>Over <see cref="BudgetBytes"/>: the versions alone are kept (what tells when to try again).</summary>
    public bool TooLarge;
    public LeaseFiles Listing;
    public Networks Networks;
    public LeaseRecords Leases;
    public DomainRecords Domains;

    /// <summary>
    /// Reads the directory into a new snapshot; null when it cannot be listed (the lookup then
    /// reads the files, which tells why). <paramref name="directoryVersion"/> was taken before,
    /// so any change from then on shows as a later change.
    /// </summary>
    public static LeaseSnapshot* TryBuild(byte* directory, in FileVersion directoryVersion, long readStart, DebugLog log,
        long budget = BudgetBytes)
    {
        var snapshot = (LeaseSnapshot*)NativeMemory.AllocZeroed((nuint)sizeof(LeaseSnapshot));
        if (snapshot == null)
            return null;
        var memory = new LookupMemory();
        bool built = snapshot->TryRead(directory, directoryVersion, readStart, ref memory, log, budget);
        memory.File.Release();
        snapshot->Memory = memory.Kept;
        if (!built)
        {
            Free(snapshot);
            return null;
        }
        if (snapshot->TooLarge)
            snapshot = KeepVersionsOnly(snapshot);
        return snapshot;
    }

    private bool TryRead(byte* directory, in FileVersion directoryVersion, long readStart, ref LookupMemory memory, DebugLog log,
        long budget)
    {
        Directory = directoryVersion;
        Settled = directoryVersion.SettledBefore(readStart);
        if (!LeaseFiles.TryList(directory, ref memory.Kept, log, out Listing, out _))
            return false;
        if (!TryAddVersions(ref memory.Kept, Listing.Status, readStart) || !TryAddVersions(ref memory.Kept, Listing.Macs, readStart)
            || !TryAddVersions(ref memory.Kept, Listing.Conf, readStart) || !TryAddVersions(ref memory.Kept, Listing.Hostsfile, readStart)
            || !TryAddVersions(ref memory.Kept, Listing.Addnhosts, readStart))
            return false;
        if (!Networks.TryRead(Listing, readConfs: true, ref memory, log, out Networks))
            return false;
        for (int i = 0; i < Listing.Status.Count && !TooLarge; i++)
        {
            if (!Leases.TryAddFile(Listing.Status[i], i, ref memory, log))
                return false;
            TooLarge = memory.Kept.Allocated > budget;
        }
        for (int i = 0; i < Listing.Macs.Count && !TooLarge; i++)
        {
            if (!Domains.TryAddFile(Listing.Macs[i], i, ref memory, log))
                return false;
            TooLarge = memory.Kept.Allocated > budget;
        }
        return TooLarge || (Leases.TryIndex(ref memory.Kept) && Domains.TryIndex(ref memory.Kept));
    }

    // The version of each file, taken before it is read: a change while reading shows as a later change.
    private bool TryAddVersions(ref Arena arena, in ArenaList<LeaseFilePath> paths, long readStart)
    {
        for (int i = 0; i < paths.Count; i++)
        {
            var file = new SnapshotFile { Path = paths[i] };
            FileVersion.TryGet(file.Path.Path, out file.Version);
            Settled &= file.Version.SettledBefore(readStart);
            if (!Files.Add(ref arena, file))
                return false;
        }
        return true;
    }

    /// <summary>A snapshot over its budget becomes one of the versions alone (copied into a small arena of their own).</summary>
    private static LeaseSnapshot* KeepVersionsOnly(LeaseSnapshot* full)
    {
        var small = (LeaseSnapshot*)NativeMemory.AllocZeroed((nuint)sizeof(LeaseSnapshot));
        if (small == null)
            return full;
        small->Directory = full->Directory;
        small->Settled = full->Settled;
        small->TooLarge = true;
        for (int i = 0; i < full->Files.Count; i++)
        {
            SnapshotFile file = full->Files[i];
            byte* path = (byte*)small->Memory.Allocate((nuint)(file.Path.Length + 1));
            if (path == null)
            {
                Free(small);
                return full;
            }
            new ReadOnlySpan<byte>(file.Path.Path, file.Path.Length + 1).CopyTo(new Span<byte>(path, file.Path.Length + 1));
            file.Path.Path = path;
            if (!small->Files.Add(ref small->Memory, file))
            {
                Free(small);
                return full;
            }
        }
        Free(full);
        return small;
    }

    /// <summary>Whether the directory and every file still have the versions read (one statx each).</summary>
    public readonly bool IsCurrent(in FileVersion directory)
    {
        if (!Settled || !Directory.SameAs(directory))
            return false;
        for (int i = 0; i < Files.Count; i++)
        {
            SnapshotFile file = Files[i];
            FileVersion.TryGet(file.Path.Path, out FileVersion now);
            if (!now.SameAs(file.Version))
                return false;
        }
        return true;
    }

    /// <summary>Frees a snapshot nobody reads any more (the <see cref="SnapshotSlots"/> callback).</summary>
    public static void Free(void* snapshot)
    {
        if (snapshot == null)
            return;
        ((LeaseSnapshot*)snapshot)->Memory.Release();
        NativeMemory.Free(snapshot);
    }
}
