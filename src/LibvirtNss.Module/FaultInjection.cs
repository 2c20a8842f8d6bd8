#if FAULT_INJECTION
using System;
using System.Collections.Generic;
using System.Threading;

namespace LibvirtNss.Module;

/// <summary>
/// Compiled only into the test build of the module (`make fault-module`, -p:FaultInjection=true),
/// never into the shipped one: reserved names make the managed lookup fail the ways managed code
/// can fail on its own, so the host-safety suite can prove that such a failure answers UNAVAIL
/// with a debug line and leaves the host running and resolving. Memory runs out two ways: one
/// allocation beyond the heap limit (refused at once), and the heap filled with many small live
/// objects until an allocation fails (the GC collects, compacts and runs out of regions first).
/// </summary>
internal static class FaultInjection
{
    private static string? s_nothing = null;

    public static void Trigger(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("fault-null-reference.invalid"u8))
            _ = Volatile.Read(ref s_nothing)!.Length; // a hardware fault (SIGSEGV) turned into NullReferenceException
        else if (name.SequenceEqual("fault-out-of-memory.invalid"u8))
            GC.KeepAlive(new byte[64 * 1024 * 1024]); // more than the module's fixed heap limit
        else if (name.SequenceEqual("fault-heap-exhausted.invalid"u8))
            FillHeap();
    }

    private static void FillHeap()
    {
        var kept = new List<byte[]>();
        while (true)
            kept.Add(new byte[1024]);
    }
}
#endif
