using System;
using System.Runtime.InteropServices;
using System.Threading;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Snapshot;

/// <summary>
/// Lookups over one lease directory answered from a snapshot that is checked against the disk
/// on every call (docs/lease-cache.md): one statx of the directory and
/// one of each file the answer depends on; anything changed is read again before answering, so
/// no answer is older than the disk. A lookup by host name checks no <c>*.macs</c> file (a
/// domain of the name takes it from other guests, but libvirt rewrites those files by rename,
/// which changes the directory), and one by domain name the <c>*.status</c> files only when the
/// domain has MACs: each statx is about as dear as the rest of a warm lookup, so the others are
/// not checked. Readers take no lock
/// (<see cref="SnapshotSlots"/>). When no snapshot can be kept (statx fails, the directory cannot
/// be listed, the leases are over the budget) a lookup reads the files (<see cref="NameLookup"/>,
/// <see cref="AddressLookup"/>), which is also what answers then.
/// <para>
/// From the second lookup of a module name on (the module: <c>fromSecondLookup</c>): most
/// processes (getent, ssh, sudo) resolve one name, one lookup per module name, and would pay for
/// a snapshot they never use. A lookup that builds a snapshot answers from it, unpublished, then
/// publishes it; one that finds the published snapshot current answers from it as a counted reader.
/// </para>
/// </summary>
public unsafe struct SnapshotCache
{
    private SnapshotSlots _slots;
    private bool _fromSecondLookup;
    private int _hostnameLookups, _domainLookups;
    private long _snapshotsBuilt;
    /// <summary>When a statx last found the publisher's directory absent (wall clock, ns); 0 when it was not.</summary>
    private long _publishedAbsentAt;

    /// <summary>
    /// How long the publisher's directory, once found absent, is taken to be absent without
    /// another statx: a statx costs about a quarter of a warm lookup, and a host without the
    /// publisher would pay it on every lookup. Records that appear are answered at most this late;
    /// a present directory is stat'ed on every lookup, so what is withdrawn or changed there is
    /// seen at once, as in the lease directory.
    /// </summary>
    public const long PublishedAbsentRecheckNanoseconds = 1_000_000_000;

    /// <summary>A cache in malloc'd memory (its slots must not move); never freed by the module (glibc keeps NSS modules loaded).</summary>
    public static SnapshotCache* Create(bool fromSecondLookup)
    {
        var cache = (SnapshotCache*)NativeMemory.AllocZeroed((nuint)sizeof(SnapshotCache));
        SnapshotSlots.Initialize(&cache->_slots, &LeaseSnapshot.Free);
        cache->_fromSecondLookup = fromSecondLookup;
        return cache;
    }

    /// <summary>Frees the cache and its published snapshot (tests; no reader may be inside).</summary>
    public static void Destroy(SnapshotCache* cache)
    {
        SnapshotSlots.TryWithdraw(&cache->_slots);
        NativeMemory.Free(cache);
    }

    public static long SnapshotsBuilt(SnapshotCache* cache) => Volatile.Read(ref cache->_snapshotsBuilt);

    /// <summary>The same answer as <see cref="NameLookup.Run"/> over the directory as it is now.</summary>
    /// <param name="published">The publisher's directory, read after the lease directory (null: none).</param>
    public static ForwardAnswer Lookup(SnapshotCache* cache, byte* directory, scoped in NameQuery query, ref LookupMemory memory,
        byte* published = null)
    {
        LookupKind kind = query.Kind;
        DebugLog log = query.Log;
        if (!AddressFamilies.IsSupported(query.Family))
            return ForwardAnswer.Failed(LookupStatus.FamilyNotSupported, Os.Errno.EAFNOSUPPORT);
        LeaseSnapshot* snapshot = Acquire(cache, directory, published, kind, statusFiles: kind == LookupKind.Hostname, macsFiles: kind == LookupKind.DomainName,
            log, out int slot, out int checkedFiles);
        if (slot >= 0 && kind == LookupKind.DomainName && !snapshot->TooLarge && NameLookup.DomainHasMacs(snapshot->Records, query.Name, ref memory)
            && !snapshot->StatusFilesCurrent(ref checkedFiles))
        {
            SnapshotSlots.Leave(&cache->_slots, slot);
            snapshot = AcquireCurrent(cache, directory, published, statusFiles: true, macsFiles: true, log, out slot, out checkedFiles);
        }
        if (slot >= 0 && log.Enabled)
            AnsweringLine(log, directory, snapshot, checkedFiles);
        ForwardAnswer answer;
        if (snapshot == null || snapshot->TooLarge)
        {
            answer = NameLookup.Run(directory, query, ref memory, published);
        }
        else
        {
            RecordSet records = snapshot->Records;
            answer = NameLookup.Answer(ref records, query, ref memory);
        }
        Release(cache, snapshot, slot);
        return answer;
    }

    /// <summary>The same answer as <see cref="AddressLookup.Run"/> over the directory as it is now.</summary>
    /// <param name="published">The publisher's directory, read after the lease directory (null: none).</param>
    public static ReverseAnswer Reverse(SnapshotCache* cache, byte* directory, in AddressQuery query, ref LookupMemory memory,
        byte* published = null)
    {
        LookupKind kind = query.Kind;
        DebugLog log = query.Log;
        if (query.Address.Family != AddressFamilies.Inet && query.Address.Family != AddressFamilies.Inet6)
            return ReverseAnswer.Failed(LookupStatus.FamilyNotSupported, Os.Errno.EAFNOSUPPORT);
        // A reverse lookup counts as a lookup of its module name for when the snapshot is built;
        // it checks the files a forward lookup of its module name checks, and the status files.
        LeaseSnapshot* snapshot = Acquire(cache, directory, published, kind, statusFiles: true, macsFiles: kind == LookupKind.DomainName,
            log, out int slot, out int checkedFiles);
        if (slot >= 0 && log.Enabled)
            AnsweringLine(log, directory, snapshot, checkedFiles);
        ReverseAnswer answer;
        if (snapshot == null || snapshot->TooLarge)
        {
            answer = AddressLookup.Run(directory, query, ref memory, published);
        }
        else
        {
            RecordSet records = snapshot->Records;
            answer = AddressLookup.Answer(ref records, query, ref memory);
        }
        Release(cache, snapshot, slot);
        return answer;
    }

    /// <summary>
    /// The snapshot to answer from: the published one, counted in (<paramref name="slot"/> ≥ 0),
    /// when it is current (the directory, the networks' files and the status and macs files asked
    /// for; <paramref name="checkedFiles"/> stat'ed); else a new one the caller owns (slot -1);
    /// null to read the files.
    /// </summary>
    private static LeaseSnapshot* Acquire(SnapshotCache* cache, byte* directory, byte* published, LookupKind kind, bool statusFiles, bool macsFiles,
        DebugLog log, out int slot, out int checkedFiles)
    {
        if (cache->_fromSecondLookup && IsFirstLookupOf(cache, kind))
        {
            slot = -1;
            checkedFiles = 0;
            if (log.Enabled) DirectoryLine(log, directory, ": first lookup of its kind: reading the files, no snapshot yet"u8);
            return null;
        }
        return AcquireCurrent(cache, directory, published, statusFiles, macsFiles, log, out slot, out checkedFiles);
    }

    private static LeaseSnapshot* AcquireCurrent(SnapshotCache* cache, byte* directory, byte* published, bool statusFiles, bool macsFiles, DebugLog log,
        out int slot, out int checkedFiles)
    {
        slot = -1;
        checkedFiles = 0;
        long readStart = FileVersion.WallClockNanoseconds();
        if (!FileVersion.TryGet(directory, out FileVersion version))
        {
            if (log.Enabled) DirectoryLine(log, directory, ": cannot stat the lease directory: reading it without a snapshot"u8);
            SnapshotSlots.TryWithdraw(&cache->_slots);
            return null;
        }
        FileVersion publishedVersion = PublishedVersion(cache, published, readStart);
        slot = SnapshotSlots.Enter(&cache->_slots, out void* publishedSnapshot);
        if (slot >= 0)
        {
            var current = (LeaseSnapshot*)publishedSnapshot;
            if (current->IsCurrent(version, publishedVersion, statusFiles, macsFiles, out checkedFiles))
                return current;
            SnapshotSlots.Leave(&cache->_slots, slot);
            slot = -1;
        }
        LeaseSnapshot* built = LeaseSnapshot.TryBuild(directory, version, readStart, log, published: published, publishedVersion: publishedVersion);
        if (built == null)
        {
            SnapshotSlots.TryWithdraw(&cache->_slots);
            return null;
        }
        Interlocked.Increment(ref cache->_snapshotsBuilt);
        if (log.Enabled) BuiltLine(log, directory, built);
        return built;
    }

    /// <summary>
    /// The publisher's directory's version: one statx more (its appearing, changing or going
    /// shows as another version), skipped while it was found absent less than
    /// <see cref="PublishedAbsentRecheckNanoseconds"/> ago (a clock that went back checks again).
    /// </summary>
    private static FileVersion PublishedVersion(SnapshotCache* cache, byte* published, long now)
    {
        if (published == null)
            return FileVersion.Unavailable;
        long absentAt = Volatile.Read(ref cache->_publishedAbsentAt);
        if (absentAt != 0 && now - absentAt >= 0 && now - absentAt < PublishedAbsentRecheckNanoseconds)
            return FileVersion.Unavailable;
        bool present = FileVersion.TryGet(published, out FileVersion version);
        Volatile.Write(ref cache->_publishedAbsentAt, present ? 0 : now);
        return version;
    }

    /// <summary>Counts the reader out, or publishes the snapshot it built (freeing it if another writer is publishing).</summary>
    private static void Release(SnapshotCache* cache, LeaseSnapshot* snapshot, int slot)
    {
        if (slot >= 0)
            SnapshotSlots.Leave(&cache->_slots, slot);
        else if (snapshot != null && !SnapshotSlots.TryPublish(&cache->_slots, snapshot))
            LeaseSnapshot.Free(snapshot);
    }

    private static bool IsFirstLookupOf(SnapshotCache* cache, LookupKind kind) =>
        (kind == LookupKind.DomainName
            ? Interlocked.Increment(ref cache->_domainLookups)
            : Interlocked.Increment(ref cache->_hostnameLookups)) == 1;

    private static ReadOnlySpan<byte> PathOf(byte* directory) => new(directory, LeaseFiles.CStringLength(directory));

    private static void DirectoryLine(DebugLog log, byte* directory, ReadOnlySpan<byte> text) =>
        log.Write("{}{}"u8, DebugArg.Text(PathOf(directory)), DebugArg.Words(text));

    private static void AnsweringLine(DebugLog log, byte* directory, LeaseSnapshot* snapshot, int checkedFiles) =>
        log.Write(checkedFiles < snapshot->Files.Count
                ? "{}: {} files unchanged, answering from the snapshot ({} unchecked: they cannot change this answer)"u8
                : "{}: {} files unchanged, answering from the snapshot"u8,
            DebugArg.Text(PathOf(directory)), checkedFiles, snapshot->Files.Count - checkedFiles);

    private static void BuiltLine(DebugLog log, byte* directory, LeaseSnapshot* built) =>
        log.Write(built->TooLarge ? "{}: snapshot of {} files, {} bytes, over the budget: reading the files until they change"u8
                : "{}: snapshot of {} files, {} bytes"u8,
            DebugArg.Text(PathOf(directory)), built->Files.Count, built->Memory.Allocated);
}
