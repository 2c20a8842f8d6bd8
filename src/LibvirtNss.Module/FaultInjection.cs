#if FAULT_INJECTION
using System;

namespace LibvirtNss.Module;

/// <summary>
/// Compiled only into the test build of the module (`make fault-module`), never into the shipped
/// one: reserved names make the lookup fail each way code in the subset can fail on its own, so
/// that the host-safety suite proves each ends as UNAVAIL with a debug line, the host running
/// and resolving afterwards: an index out of range, a checked overflow, an allocation refused.
/// </summary>
internal static unsafe class FaultInjection
{
    public static void Trigger(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("fault-index-out-of-range.invalid"u8))
            _ = name[name.Length];
        else if (name.SequenceEqual("fault-overflow.invalid"u8))
            _ = checked(int.MaxValue - 1 + name.Length);
        else if (name.SequenceEqual("fault-out-of-memory.invalid"u8))
            System.Runtime.InteropServices.NativeMemory.Alloc((nuint)1 << 62); // more than any machine has: malloc refuses it
    }
}
#endif
