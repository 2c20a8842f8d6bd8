// The methods ILC's generated code calls where .NET would throw: a failed array/span bounds
// check, a checked-arithmetic overflow, an integer division by zero, and the rest of the JIT's
// throw helpers. ILC finds them by name in this class. Without a runtime nothing is thrown:
// each leaves the current guarded body through fault recovery (FaultRecovery.cs), or aborts the
// process if there is none. Span<T> and ReadOnlySpan<T> call them for their own checks.

using System.Diagnostics.CodeAnalysis;
using LibvirtNss.ZeroRuntime;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class ThrowHelpers
    {
        [DoesNotReturn] internal static void ThrowIndexOutOfRangeException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowOverflowException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowDivideByZeroException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowNullReferenceException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowArrayTypeMismatchException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowPlatformNotSupportedException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowNotImplementedException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowNotSupportedException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowInvalidProgramException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowArgumentException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowArgumentOutOfRangeException() => Fault.Raise(Fault.Errno);
        [DoesNotReturn] internal static void ThrowOutOfMemoryException() => Fault.Raise(Fault.ENOMEM);
    }
}
