// System.Threading.Volatile: loads and stores the compiler may not drop, merge or move across
// each other (acquire/release: plain moves on x64, ldar/stlr on arm64, docs/arm64.md). A `volatile` field is how C# says so to
// the JIT; a ref to the location is reinterpreted as a ref to such a field (64-bit values
// through a volatile nint, as C# allows no volatile long). The same signatures as .NET.

using System.Runtime.CompilerServices;

namespace System.Threading
{
    public static class Volatile
    {
        private struct VolatileInt32 { public volatile int Value; }
        private struct VolatileIntPtr { public volatile nint Value; }

        public static int Read(ref readonly int location) =>
            Unsafe.As<int, VolatileInt32>(ref Unsafe.AsRef(in location)).Value;

        public static uint Read(ref readonly uint location) =>
            (uint)Unsafe.As<uint, VolatileInt32>(ref Unsafe.AsRef(in location)).Value;

        public static long Read(ref readonly long location) =>
            Unsafe.As<long, VolatileIntPtr>(ref Unsafe.AsRef(in location)).Value;

        public static ulong Read(ref readonly ulong location) =>
            (ulong)Unsafe.As<ulong, VolatileIntPtr>(ref Unsafe.AsRef(in location)).Value;

        public static nint Read(ref readonly nint location) =>
            Unsafe.As<nint, VolatileIntPtr>(ref Unsafe.AsRef(in location)).Value;

        public static nuint Read(ref readonly nuint location) =>
            (nuint)Unsafe.As<nuint, VolatileIntPtr>(ref Unsafe.AsRef(in location)).Value;

        public static void Write(ref int location, int value) =>
            Unsafe.As<int, VolatileInt32>(ref location).Value = value;

        public static void Write(ref uint location, uint value) =>
            Unsafe.As<uint, VolatileInt32>(ref location).Value = (int)value;

        public static void Write(ref long location, long value) =>
            Unsafe.As<long, VolatileIntPtr>(ref location).Value = (nint)value;

        public static void Write(ref ulong location, ulong value) =>
            Unsafe.As<ulong, VolatileIntPtr>(ref location).Value = (nint)value;

        public static void Write(ref nint location, nint value) =>
            Unsafe.As<nint, VolatileIntPtr>(ref location).Value = value;

        public static void Write(ref nuint location, nuint value) =>
            Unsafe.As<nuint, VolatileIntPtr>(ref location).Value = (nint)value;
    }
}
