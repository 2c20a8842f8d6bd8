// The runtime helpers ILC's generated code calls by symbol name, defined here in C#
// ([RuntimeExport]) instead of by a runtime. There is no GC and no thread registration, so the
// transitions around P/Invokes and exports and the GC poll are no-ops. A throw (none remains in
// the subset) leaves the guarded body through fault recovery (FaultRecovery.cs), or aborts.
// The data the generated code reads (__security_cookie, RhpTrapThreads) is defined by the link
// (zero-runtime.ld).

using System.Runtime;
using LibvirtNss.ZeroRuntime;

namespace Internal.Runtime
{
    internal static unsafe class RuntimeExports
    {
        // Around every [UnmanagedCallersOnly] export (the frame is the export's own).
        [RuntimeExport("RhpReversePInvoke")]
        private static void RhpReversePInvoke(void* frame) { }

        [RuntimeExport("RhpReversePInvokeReturn")]
        private static void RhpReversePInvokeReturn(void* frame) { }

        // Around a P/Invoke without [SuppressGCTransition] (the system library has none).
        [RuntimeExport("RhpPInvoke")]
        private static void RhpPInvoke(void* frame) { }

        [RuntimeExport("RhpPInvokeReturn")]
        private static void RhpPInvokeReturn(void* frame) { }

        // After a [SuppressGCTransition] call, when RhpTrapThreads is set: it never is.
        [RuntimeExport("RhpGcPoll")]
        private static void RhpGcPoll() { }

        // The JIT's fail-fast: a stack cookie that no longer matches (this thread's stack was
        // overwritten, possibly the recovery point's jmp_buf too). Jumping through it would
        // trust corrupted memory, so this aborts, as glibc's __stack_chk_fail does.
        [RuntimeExport("RhpFallbackFailFast")]
        private static void RhpFallbackFailFast() => Libc.abort();

        [RuntimeExport("RhpThrowEx")]
        private static void RhpThrowEx(void* exception) => Fault.Raise(Fault.Errno);
    }
}
