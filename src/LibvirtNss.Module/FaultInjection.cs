#if FAULT_INJECTION
using System;
using System.Threading;

namespace LibvirtNss.Module;

/// <summary>
/// Compiled only into the test build of the module (`make fault-module`, -p:FaultInjection=true),
/// never into the shipped one: two reserved names make the managed lookup fail the two ways
/// managed code can fail on its own, so the host-safety suite can prove that such a failure
/// answers UNAVAIL with a debug line and leaves the host running and resolving.
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
    }
}
#endif
