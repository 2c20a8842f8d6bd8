using System;
using System.Runtime.InteropServices;
using System.Threading;
using LibvirtNss.Core.Snapshot;
using Xunit;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>
/// SnapshotSlots: publication without a lock, each snapshot freed exactly once, never while read.
/// Snapshots here are malloc'd blocks holding a live marker and their generation; "freeing" one
/// overwrites the marker and counts it, and the block is only really freed at the end of the
/// test, so a reader that ever reads a snapshot after it was freed sees the dead marker.
/// </summary>
[Collection(nameof(SnapshotSlotsTests))]   // the free counters below are shared statics
public sealed unsafe class SnapshotSlotsTests
{
    private const long Live = 0x4c49564553534e41, Dead = 0x44454144444541;

    private struct Fake
    {
        public long Marker;
        public long Generation;
        public long Freed;
    }

    private static long s_freed;

    private static void Quarantine(void* snapshot)
    {
        var fake = (Fake*)snapshot;
        Assert.Equal(Live, fake->Marker);
        fake->Marker = Dead;
        Interlocked.Increment(ref fake->Freed);
        Interlocked.Increment(ref s_freed);
    }

    private static Fake* NewFake(long generation)
    {
        var fake = (Fake*)NativeMemory.AllocZeroed((nuint)sizeof(Fake));
        fake->Marker = Live;
        fake->Generation = generation;
        return fake;
    }

    private static SnapshotSlots* NewSlots()
    {
        var slots = (SnapshotSlots*)NativeMemory.AllocZeroed((nuint)sizeof(SnapshotSlots));
        SnapshotSlots.Initialize(slots, &Quarantine);
        return slots;
    }

    [Fact]
    public void Nothing_published_enters_nothing()
    {
        SnapshotSlots* slots = NewSlots();
        Assert.Equal(-1, SnapshotSlots.Enter(slots, out void* snapshot));
        Assert.True(snapshot == null);
        NativeMemory.Free(slots);
    }

    [Fact]
    public void A_snapshot_is_freed_by_its_last_reader_after_it_was_replaced()
    {
        SnapshotSlots* slots = NewSlots();
        Fake* first = NewFake(1), second = NewFake(2);
        long freedBefore = Interlocked.Read(ref s_freed);
        Assert.True(SnapshotSlots.TryPublish(slots, first));

        int reading = SnapshotSlots.Enter(slots, out void* seen);
        Assert.True(seen == first);
        Assert.Equal(1, SnapshotSlots.ReadersOf(slots, reading));
        Assert.True(SnapshotSlots.TryPublish(slots, second));
        Assert.Equal(0, first->Freed);                 // still read
        SnapshotSlots.Leave(slots, reading);
        Assert.Equal(1, first->Freed);                 // its last reader left

        int current = SnapshotSlots.Enter(slots, out seen);
        Assert.Equal(current, SnapshotSlots.Enter(slots, out void* again));
        Assert.True(seen == second && again == second);
        Assert.True(SnapshotSlots.TryWithdraw(slots));
        Assert.Equal(-1, SnapshotSlots.Enter(slots, out _));
        SnapshotSlots.Leave(slots, current);
        Assert.Equal(0, second->Freed);                // one reader left
        SnapshotSlots.Leave(slots, current);
        Assert.Equal(1, second->Freed);
        Assert.Equal(2, Interlocked.Read(ref s_freed) - freedBefore);
        NativeMemory.Free(first);
        NativeMemory.Free(second);
        NativeMemory.Free(slots);
    }

    /// <summary>
    /// A reader that saw a slot current, then was preempted while the slot's snapshot was replaced,
    /// freed and the slot emptied, must not take the slot's (now null) pointer when it resumes.
    /// </summary>
    [Fact]
    public void A_reader_resuming_on_a_slot_emptied_meanwhile_gets_nothing()
    {
        SnapshotSlots* slots = NewSlots();
        Fake* first = NewFake(1), second = NewFake(2);
        Assert.True(SnapshotSlots.TryPublish(slots, first));
        int seenCurrent = SnapshotSlots.Enter(slots, out _);
        SnapshotSlots.Leave(slots, seenCurrent);
        Assert.True(SnapshotSlots.TryPublish(slots, second));   // first freed, its slot empty
        Assert.Equal(1, first->Freed);
        Assert.False(SnapshotSlots.TryEnter(slots, seenCurrent, out void* stale));
        Assert.True(stale == null);
        Assert.Equal(0, SnapshotSlots.ReadersOf(slots, seenCurrent));
        Assert.True(SnapshotSlots.TryEnter(slots, SnapshotSlots.Enter(slots, out _), out void* now) && now == second);
        NativeMemory.Free(first);
        NativeMemory.Free(second);
        NativeMemory.Free(slots);
    }

    [Fact]
    public void Publishing_fails_without_a_free_slot_and_never_frees_a_read_snapshot()
    {
        SnapshotSlots* slots = NewSlots();
        var held = new Fake*[SnapshotSlots.Count];
        var heldSlots = new int[SnapshotSlots.Count];
        for (int i = 0; i < SnapshotSlots.Count; i++)
        {
            held[i] = NewFake(i);
            Assert.True(SnapshotSlots.TryPublish(slots, held[i]));
            heldSlots[i] = SnapshotSlots.Enter(slots, out _);   // a reader that never leaves (a thread lost in fork)
        }
        Fake* extra = NewFake(99);
        Assert.False(SnapshotSlots.TryPublish(slots, extra));    // every other slot is read: the caller keeps it
        for (int i = 0; i < SnapshotSlots.Count; i++)
            Assert.Equal(0, held[i]->Freed);
        for (int i = 0; i < SnapshotSlots.Count; i++)
            SnapshotSlots.Leave(slots, heldSlots[i]);
        Assert.True(SnapshotSlots.TryPublish(slots, extra));
        for (int i = 0; i < SnapshotSlots.Count; i++)
            Assert.Equal(1, held[i]->Freed);                     // the last one when extra replaced it
        for (int i = 0; i < SnapshotSlots.Count; i++)
            NativeMemory.Free(held[i]);
        NativeMemory.Free(extra);
        NativeMemory.Free(slots);
    }

    /// <summary>
    /// Eight readers and two writers for two seconds' worth of iterations: every read sees a live
    /// snapshot whose generation never goes back for that reader by more than the slots allow,
    /// every replaced snapshot is freed exactly once, and in the end only the current one is not.
    /// </summary>
    [Fact]
    public void Readers_and_writers_of_many_threads_never_see_a_freed_snapshot()
    {
        SnapshotSlots* slots = NewSlots();
        const int Readers = 8, Writers = 2, Publications = 20_000;
        var all = new nint[Writers * Publications];
        long published = 0, reads = 0, failures = 0, writersDone = 0;
        long freedBefore = Interlocked.Read(ref s_freed);
        var threads = new Thread[Readers + Writers];
        for (int r = 0; r < Readers; r++)
        {
            threads[r] = new Thread(() =>
            {
                while (Interlocked.Read(ref writersDone) < Writers)
                {
                    int slot = SnapshotSlots.Enter(slots, out void* seen);
                    if (slot < 0)
                        continue;
                    var fake = (Fake*)seen;
                    for (int spin = 0; spin < 20; spin++)
                    {
                        if (Volatile.Read(ref fake->Marker) != Live)
                            Interlocked.Increment(ref failures);
                    }
                    SnapshotSlots.Leave(slots, slot);
                    Interlocked.Increment(ref reads);
                }
            });
        }
        for (int w = 0; w < Writers; w++)
        {
            int writer = w;
            threads[Readers + w] = new Thread(() =>
            {
                for (int i = 0; i < Publications; i++)
                {
                    Fake* fake = NewFake(writer * Publications + i);
                    all[writer * Publications + i] = (nint)fake;
                    if (SnapshotSlots.TryPublish(slots, fake))
                        Interlocked.Increment(ref published);
                    else
                        Quarantine(fake);   // not published: its builder answers from it and frees it
                }
                Interlocked.Increment(ref writersDone);
            });
        }
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) thread.Join();

        Assert.Equal(0, Interlocked.Read(ref failures));
        Assert.True(published > 0 && Interlocked.Read(ref reads) > 0);
        // Every snapshot freed exactly once, except the one still current.
        int unfreed = 0;
        foreach (nint p in all)
        {
            var fake = (Fake*)p;
            Assert.InRange(fake->Freed, 0, 1);
            if (fake->Freed == 0) unfreed++;
        }
        Assert.Equal(1, unfreed);
        for (int i = 0; i < SnapshotSlots.Count; i++)
            Assert.Equal(0, SnapshotSlots.ReadersOf(slots, i));
        Assert.True(SnapshotSlots.TryWithdraw(slots));
        Assert.Equal(all.Length, Interlocked.Read(ref s_freed) - freedBefore);
        foreach (nint p in all) NativeMemory.Free((void*)p);
        NativeMemory.Free(slots);
    }
}
