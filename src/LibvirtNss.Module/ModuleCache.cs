using System.Threading;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Module;

/// <summary>
/// The process's one lease cache (docs/lease-cache.md), made by the first lookup: there is no
/// start-up code to make it earlier. Two threads racing each make one; the one whose
/// compare-and-swap loses frees its own. Never freed: glibc keeps NSS modules loaded.
/// </summary>
internal static unsafe class ModuleCache
{
    private static long s_cache;

    /// <summary>The cache (an allocation that fails is a fault, answered at the export: never null).</summary>
    public static SnapshotCache* Get()
    {
        long cache = Volatile.Read(ref s_cache);
        if (cache != 0)
            return (SnapshotCache*)cache;
        SnapshotCache* made = SnapshotCache.Create(fromSecondLookup: true);
        long won = Interlocked.CompareExchange(ref s_cache, (long)made, 0);
        if (won == 0)
            return made;
        SnapshotCache.Destroy(made);
        return (SnapshotCache*)won;
    }
}
