using System.Runtime.InteropServices;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.TwoWorlds.Shared;

/// <summary>
/// One thread's script over snapshot slots, compiled into both worlds: publish
/// <c>publications</c> blocks, reading the current one after each; the result mixes what was read
/// (block and slot) with how many blocks were freed (all of them, once withdrawn).
/// </summary>
internal static unsafe class SnapshotScript
{
    private static long s_freed;

    /// <summary>The snapshots freed by the last <see cref="Run"/>.</summary>
    public static long Freed => s_freed;

    private static void CountFree(void* snapshot)
    {
        s_freed++;
        NativeMemory.Free(snapshot);
    }

    public static long Run(int publications)
    {
        s_freed = 0;
        var slots = (SnapshotSlots*)NativeMemory.AllocZeroed((nuint)sizeof(SnapshotSlots));
        SnapshotSlots.Initialize(slots, &CountFree);
        long checksum = 0;
        for (int i = 0; i < publications; i++)
        {
            var block = (long*)NativeMemory.Alloc(8);
            *block = i;
            if (!SnapshotSlots.TryPublish(slots, block))
                CountFree(block);
            int slot = SnapshotSlots.Enter(slots, out void* seen);
            checksum = checksum * 31 + *(long*)seen + slot;
            SnapshotSlots.Leave(slots, slot);
        }
        SnapshotSlots.TryWithdraw(slots);
        NativeMemory.Free(slots);
        return checksum * 1000003 + s_freed;
    }
}
