// Fault recovery for the same sources compiled against real .NET (not part of the zero-runtime
// build, which takes src/LibvirtNss.System/*.cs only): the API of ../FaultRecovery.cs, with
// the exception handling .NET has. A guarded body's exception is its fault (errno EIO, ENOMEM
// for OutOfMemoryException); Raise throws. The zero-runtime smoke suite compiles
// tests/ZeroRuntime.Smoke/*.cs with this file against .NET's reference assemblies.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace LibvirtNss.ZeroRuntime
{
    public static unsafe class Fault
    {
        internal const int Errno = 5;
        internal const int ENOMEM = 12;

        [ThreadStatic] private static int t_depth;

        private sealed class FaultException : Exception
        {
            public FaultException(int errno) { Errno = errno; }
            public int Errno { get; }
        }

        public static bool TryRun(delegate*<void*, int> body, void* state, out int result)
        {
            t_depth++;
            try
            {
                result = body(state);
                return true;
            }
            catch (Exception e)
            {
                Marshal.SetLastSystemError(e is FaultException f ? f.Errno : e is OutOfMemoryException ? ENOMEM : Errno);
                result = 0;
                return false;
            }
            finally
            {
                t_depth--;
            }
        }

        public static bool TryRun<T>(delegate*<T*, int> body, T* state, out int result) where T : unmanaged =>
            TryRun((delegate*<void*, int>)body, state, out result);

        public static bool IsGuarded => t_depth > 0;

        [DoesNotReturn]
        public static void Raise(int errno) => throw new FaultException(errno);
    }
}
