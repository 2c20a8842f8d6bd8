using System;
using System.Runtime.InteropServices;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Snapshot;

/// <summary>One file of a snapshot, and the version it had when the snapshot read it.</summary>
public struct SnapshotFile
{
    public LeaseFilePath Path;
    public FileVersion Version;
}

/// <summary>
/// The lease directory as one lookup read it (docs/lease-cache.md): every file's version and the
/// records every lookup decides over (<see cref="RecordSet"/>: the networks, the leases and the
/// domains), read whole and indexed, all in one arena of malloc'd memory that the snapshot owns. Immutable once built; <see cref="SnapshotSlots"/> publishes it to the
/// lookups of every thread and frees it (<see cref="Free"/>) when its last reader leaves.
/// </summary>
public unsafe struct LeaseSnapshot
{
    /// <summary>What a snapshot may hold; past it only the versions are kept and lookups read the files.</summary>
    public const long BudgetBytes = 2 * 1024 * 1024;

    public Arena Memory;
    public FileVersion Directory;
    /// <summary>The publisher's directory as read (<see cref="FileVersion.Unavailable"/> when absent, or when the cache reads none).</summary>
    public FileVersion PublishedDirectory;
    /// <summary>The <c>*.status</c> files first (<see cref="StatusFiles"/> of them), then the <c>*.macs</c> files (<see cref="MacsFiles"/>), then the networks' own.</summary>
    public ArenaList<SnapshotFile> Files;
    public int StatusFiles, MacsFiles;
    /// <summary>Every version had settled when read (FileVersion.SettledBefore): until then the snapshot answers once, and is built again.</summary>
    public bool Settled;
    /// <summary>Over <see cref="BudgetBytes"/>: the versions alone are kept (what tells when to try again).</summary>
    public bool TooLarge;
    /// <summary>Complete and indexed (a lookup over them reads nothing).</summary>
    public RecordSet Records;

    /// <summary>
    /// While reading, lists and texts grow by doubling and the blocks they grew out of stay in
    /// the reading arena: what is read takes at most about four times what the snapshot keeps
    /// once compacted. Past this many budgets, the snapshot could not fit and reading stops.
    /// </summary>
    private const int ReadingBudgets = 4;

    /// <summary>
    /// Reads the directory into a new snapshot; null when it cannot be listed (the lookup then
    /// reads the files, which tells why). <paramref name="directoryVersion"/> was taken before,
    /// so any change from then on shows as a later change. What is read grows in a reading arena;
    /// the snapshot keeps a copy of it at its exact size, with the indexes, in an arena of its own
    /// (<see cref="Memory"/>), which is what the budget is judged on.
    /// </summary>
    /// <param name="published">The publisher's directory, or null; <paramref name="publishedVersion"/> its statx, taken with the lease directory's.</param>
    public static LeaseSnapshot* TryBuild(byte* directory, in FileVersion directoryVersion, long readStart, DebugLog log,
        long budget = BudgetBytes, byte* published = null, FileVersion publishedVersion = default)
    {
        var snapshot = (LeaseSnapshot*)NativeMemory.AllocZeroed((nuint)sizeof(LeaseSnapshot));
        if (snapshot == null)
            return null;
        var memory = new LookupMemory();
        bool built = snapshot->TryRead(directory, directoryVersion, published, published == null ? FileVersion.Unavailable : publishedVersion,
            readStart, ref memory, log, budget);
        memory.File.Release();
        if (built && !snapshot->TooLarge)
        {
            built = snapshot->TryCompact(ref memory.File);
            snapshot->TooLarge = snapshot->Memory.Allocated > budget;
        }
        if (built && snapshot->TooLarge)
            built = snapshot->TryKeepVersionsOnly();
        memory.Release();   // what was read: the snapshot holds its own copy, or nothing
        if (!built)
        {
            Free(snapshot);
            return null;
        }
        return snapshot;
    }

    private bool TryRead(byte* directory, in FileVersion directoryVersion, byte* published, in FileVersion publishedVersion, long readStart,
        ref LookupMemory memory, DebugLog log, long budget)
    {
        Directory = directoryVersion;
        PublishedDirectory = publishedVersion;
        Settled = directoryVersion.SettledBefore(readStart) && publishedVersion.SettledBefore(readStart);
        var publishedStatus = new PublishedDirectoryStatus
        {
            Present = !publishedVersion.SameAs(FileVersion.Unavailable), Mode = publishedVersion.Mode, Uid = publishedVersion.Uid,
        };
        if (!RecordSet.TryList(directory, published, publishedStatus, ref memory, log, out Records, out _))
            return false;
        ref LeaseFiles listing = ref Records.Listing;
        if (!TryAddVersions(ref memory.Kept, listing.Status, readStart) || !TryAddVersions(ref memory.Kept, listing.Macs, readStart)
            || !TryAddVersions(ref memory.Kept, listing.Conf, readStart) || !TryAddVersions(ref memory.Kept, listing.Hostsfile, readStart)
            || !TryAddVersions(ref memory.Kept, listing.Addnhosts, readStart))
            return false;
        StatusFiles = listing.Status.Count;
        MacsFiles = listing.Macs.Count;
        long reading = budget > long.MaxValue / ReadingBudgets ? long.MaxValue : ReadingBudgets * budget;
        if (!Records.TryReadNetworks(readConfs: true, ref memory, log)
            || !Records.TryReadLeases(ReadFilter.Everything, ref memory, log, stopPast: reading)
            || !Records.TryReadDomains(ReadFilter.Everything, ref memory, log, stopPast: reading))
            return false;
        TooLarge = memory.Kept.Allocated > reading;
        Records.ReadNodeName();
        return true;
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

    /// <summary>
    /// Moves everything read into <see cref="Memory"/>, each list and text at its exact size, and
    /// indexes the leases and domains there (their keys listed in <paramref name="scratch"/>).
    /// </summary>
    private bool TryCompact(ref Arena scratch)
    {
        ref LeaseFiles listing = ref Records.Listing;
        if (!TryCopyFiles(ref Memory, ref Files)
            || !TryCopyPaths(ref Memory, ref listing.Status) || !TryCopyPaths(ref Memory, ref listing.Macs)
            || !TryCopyPaths(ref Memory, ref listing.Conf) || !TryCopyPaths(ref Memory, ref listing.Hostsfile)
            || !TryCopyPaths(ref Memory, ref listing.Addnhosts)
            || !Records.Networks.TryCopyTo(ref Memory, out Networks networks))
            return false;
        Records.Networks = networks;
        Records.Complete = true;
        Records.Indexed = true;
        return Records.Leases.TryCompact(ref Memory) && Records.Domains.TryCompact(ref Memory)
            && Records.Leases.TryIndex(ref Memory, ref scratch) && Records.Domains.TryIndex(ref Memory, ref scratch);
    }

    /// <summary>Over the budget: the snapshot becomes the versions alone, copied into a small arena of their own.</summary>
    private bool TryKeepVersionsOnly()
    {
        var kept = new Arena();
        ArenaList<SnapshotFile> files = Files;
        if (!TryCopyFiles(ref kept, ref files))
        {
            kept.Release();
            return false;
        }
        Memory.Release();
        Memory = kept;
        Files = files;
        Records = default;
        return true;
    }

    private static bool TryCopyFiles(ref Arena arena, ref ArenaList<SnapshotFile> files)
    {
        if (!files.TryCopyTo(ref arena, out ArenaList<SnapshotFile> copy))
            return false;
        for (int i = 0; i < copy.Count; i++)
        {
            if (!TryCopyPath(ref arena, ref copy[i].Path))
                return false;
        }
        files = copy;
        return true;
    }

    private static bool TryCopyPaths(ref Arena arena, ref ArenaList<LeaseFilePath> paths)
    {
        if (!paths.TryCopyTo(ref arena, out ArenaList<LeaseFilePath> copy))
            return false;
        for (int i = 0; i < copy.Count; i++)
        {
            if (!TryCopyPath(ref arena, ref copy[i]))
                return false;
        }
        paths = copy;
        return true;
    }

    /// <summary>The path's NUL-terminated bytes copied into the arena (its base name stays where it was within them).</summary>
    private static bool TryCopyPath(ref Arena arena, ref LeaseFilePath path)
    {
        var bytes = (byte*)arena.Allocate((nuint)(path.Length + 1));
        if (bytes == null)
            return false;
        new ReadOnlySpan<byte>(path.Path, path.Length + 1).CopyTo(new Span<byte>(bytes, path.Length + 1));
        path.Path = bytes;
        return true;
    }

    /// <summary>
    /// Whether the directory, the publisher's directory and the files an answer depends on still
    /// have the versions read (one statx each, <paramref name="checkedFiles"/> of them): the networks' own files always, the
    /// status and the macs files when asked for. A lookup by host name never reads a <c>*.macs</c>
    /// file, so it need not check one; a snapshot over the budget answers by reading every file
    /// and is checked whole, so that any change gives it another try.
    /// </summary>
    public readonly bool IsCurrent(in FileVersion directory, in FileVersion published, bool statusFiles, bool macsFiles, out int checkedFiles)
    {
        checkedFiles = 0;
        if (!Settled || !Directory.SameAs(directory) || !PublishedDirectory.SameAs(published))
            return false;
        int macsEnd = StatusFiles + MacsFiles;
        return (!(statusFiles || TooLarge) || AreCurrent(0, StatusFiles, ref checkedFiles))
            && (!(macsFiles || TooLarge) || AreCurrent(StatusFiles, macsEnd, ref checkedFiles))
            && AreCurrent(macsEnd, Files.Count, ref checkedFiles);
    }

    /// <summary>Whether the status files still have the versions read (a libvirt_guest lookup of a domain with MACs: their leases answer).</summary>
    public readonly bool StatusFilesCurrent(ref int checkedFiles) => AreCurrent(0, StatusFiles, ref checkedFiles);

    private readonly bool AreCurrent(int start, int end, ref int checkedFiles)
    {
        for (int i = start; i < end; i++)
        {
            SnapshotFile file = Files[i];
            FileVersion.TryGet(file.Path.Path, out FileVersion now);
            checkedFiles++;
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
