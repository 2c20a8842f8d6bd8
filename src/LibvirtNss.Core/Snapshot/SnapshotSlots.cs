using System.Threading;

namespace LibvirtNss.Core.Snapshot;

/// <summary>
/// Publishes lease snapshots that live in malloc'd memory (no GC) to the lookups of every thread:
/// readers never take a lock and never wait; a snapshot is freed when its last reader leaves.
/// <para>
/// A few slots, each a pointer and a counter word: the readers in its low bits, and flags.
/// A reader counts itself into the current slot first and checks afterwards that the slot is
/// still current and not retired; if not, it counts itself out and tries again (it has touched
/// nothing). A writer fills a free slot (counter 0, claimed by compare-and-swap) with the new
/// snapshot, makes it current by one atomic write, and marks the old slot retired; whoever brings
/// a retired slot's count to zero (the last reader, or the writer when there was none) wins the
/// compare-and-swap to Freeing, frees the snapshot and empties the slot. All updates are
/// interlocked (full fences), so a reader that saw its slot current after counting itself in is
/// seen by the writer's retirement, and the snapshot outlives its read.
/// </para>
/// <para>
/// Writers exclude each other with a try-lock: a writer that finds another publishing, or no
/// free slot (long-running readers of older snapshots), answers from its snapshot alone and
/// frees it itself; nobody waits. After <c>fork()</c> the child keeps the counts of threads that
/// no longer exist: those slots are never reused (at most <see cref="Count"/> snapshots stay
/// allocated) and, if the publishing lock was held, the child answers without publishing. Both
/// are safe and bounded.
/// </para>
/// </summary>
public unsafe struct SnapshotSlots
{
    public const int Count = 4;

    private const long ReaderMask = (1L << 40) - 1;
    private const long Reserved = 1L << 40;  // being filled by a writer
    private const long Retired = 1L << 41;   // no longer current: freed when its readers are gone
    private const long Freeing = 1L << 42;   // being emptied by the one who freed it
    private const long Flags = Reserved | Retired | Freeing;

    private fixed long _words[Count];
    private fixed long _snapshots[Count];
    private int _current;      // index of the current slot, -1 when none
    private int _publishing;   // the writers' try-lock
    private delegate*<void*, void> _free;

    /// <summary>Slots with nothing published; <paramref name="free"/> frees a snapshot nobody reads any more.</summary>
    public static void Initialize(SnapshotSlots* slots, delegate*<void*, void> free)
    {
        *slots = default;
        slots->_current = -1;
        slots->_free = free;
    }

    /// <summary>
    /// Counts the caller in as a reader of the current snapshot. Returns the slot to hand to
    /// <see cref="Leave"/>, or -1 (and null) when nothing is published.
    /// </summary>
    public static int Enter(SnapshotSlots* slots, out void* snapshot)
    {
        while (true)
        {
            int slot = Volatile.Read(ref slots->_current);
            if (slot < 0)
            {
                snapshot = null;
                return -1;
            }
            if (TryEnter(slots, slot, out snapshot))
                return slot;
        }
    }

    /// <summary>
    /// Enter's one attempt on a slot the caller saw current, perhaps long ago (the thread may have
    /// been preempted since): false, and nothing held, when the slot is no longer current.
    /// </summary>
    internal static bool TryEnter(SnapshotSlots* slots, int slot, out void* snapshot)
    {
        long word = Interlocked.Increment(ref slots->_words[slot]);
        if ((word & Flags) == 0 && Volatile.Read(ref slots->_current) == slot)
        {
            snapshot = (void*)Volatile.Read(ref slots->_snapshots[slot]);
            return true;
        }
        // Retired or replaced while we counted ourselves in: out again (which may make us the
        // last reader of a retired slot, and free it); the caller tries the current slot.
        Leave(slots, slot);
        snapshot = null;
        return false;
    }

    /// <summary>Counts the caller out of <paramref name="slot"/>; the last reader of a retired snapshot frees it.</summary>
    public static void Leave(SnapshotSlots* slots, int slot)
    {
        if (Interlocked.Decrement(ref slots->_words[slot]) == Retired)
            TryFree(slots, slot);
    }

    /// <summary>
    /// Makes <paramref name="snapshot"/> current and retires the previous one (freed now if it has
    /// no reader, else by its last reader). false when it could not be (another writer is
    /// publishing, or every other slot still has readers): the caller keeps the snapshot, answers
    /// from it and frees it.
    /// </summary>
    public static bool TryPublish(SnapshotSlots* slots, void* snapshot)
    {
        if (Interlocked.CompareExchange(ref slots->_publishing, 1, 0) != 0)
            return false;
        int old = Volatile.Read(ref slots->_current);
        int free = -1;
        for (int i = 0; i < Count && free < 0; i++)
        {
            if (i != old && Interlocked.CompareExchange(ref slots->_words[i], Reserved, 0) == 0)
                free = i;
        }
        if (free < 0)
        {
            Volatile.Write(ref slots->_publishing, 0);
            return false;
        }
        Volatile.Write(ref slots->_snapshots[free], (long)snapshot);
        // Readers that counted themselves in while it was reserved see the flag and leave again.
        Interlocked.Add(ref slots->_words[free], -Reserved);
        Interlocked.Exchange(ref slots->_current, free);
        Retire(slots, old);
        Volatile.Write(ref slots->_publishing, 0);
        return true;
    }

    /// <summary>
    /// Unpublishes the current snapshot (the files can no longer be kept), freed as by
    /// <see cref="TryPublish"/>. false when another writer is publishing (its snapshot wins).
    /// </summary>
    public static bool TryWithdraw(SnapshotSlots* slots)
    {
        if (Interlocked.CompareExchange(ref slots->_publishing, 1, 0) != 0)
            return false;
        Retire(slots, Interlocked.Exchange(ref slots->_current, -1));
        Volatile.Write(ref slots->_publishing, 0);
        return true;
    }

    /// <summary>The readers counted in a slot now (tests and diagnostics).</summary>
    public static long ReadersOf(SnapshotSlots* slots, int slot) => Volatile.Read(ref slots->_words[slot]) & ReaderMask;

    private static void Retire(SnapshotSlots* slots, int slot)
    {
        if (slot >= 0 && Interlocked.Add(ref slots->_words[slot], Retired) == Retired)
            TryFree(slots, slot);
    }

    // A retired slot at count zero: the one who moves it to Freeing frees the snapshot and empties
    // the slot; latecomers counted in meanwhile see a flag, leave, and never touch the pointer.
    private static void TryFree(SnapshotSlots* slots, int slot)
    {
        if (Interlocked.CompareExchange(ref slots->_words[slot], Freeing, Retired) != Retired)
            return;
        void* snapshot = (void*)Interlocked.Exchange(ref slots->_snapshots[slot], 0);
        slots->_free(snapshot);
        Interlocked.Add(ref slots->_words[slot], -Freeing);
    }
}
