// System.Threading.Interlocked: atomic read-modify-write for int, long and pointer-sized
// integers. The int and long primitives are [Intrinsic] without a body: the JIT inside ILC
// expands them into `lock cmpxchg` / `xchg` / `lock xadd` on x64, an ldaxr/stlxr loop and
// `dmb ish` on arm64 (full barriers either way, docs/arm64.md). The rest is C# over those (nint
// and nuint are 64 bits on both targets). The same signatures as .NET (ExchangeAdd is
// internal there too; Add is the public face).
#pragma warning disable CS0626 // extern without DllImport: the JIT expands the intrinsics

using System.Runtime.CompilerServices;

namespace System.Threading
{
    public static unsafe class Interlocked
    {
        [Intrinsic] public static extern int CompareExchange(ref int location1, int value, int comparand);
        [Intrinsic] public static extern long CompareExchange(ref long location1, long value, long comparand);
        [Intrinsic] public static extern int Exchange(ref int location1, int value);
        [Intrinsic] public static extern long Exchange(ref long location1, long value);
        [Intrinsic] internal static extern int ExchangeAdd(ref int location1, int value);
        [Intrinsic] internal static extern long ExchangeAdd(ref long location1, long value);
        [Intrinsic] public static extern void MemoryBarrier();

        public static uint CompareExchange(ref uint location1, uint value, uint comparand) =>
            (uint)CompareExchange(ref Unsafe.As<uint, int>(ref location1), (int)value, (int)comparand);

        public static ulong CompareExchange(ref ulong location1, ulong value, ulong comparand) =>
            (ulong)CompareExchange(ref Unsafe.As<ulong, long>(ref location1), (long)value, (long)comparand);

        public static nint CompareExchange(ref nint location1, nint value, nint comparand) =>
            (nint)CompareExchange(ref Unsafe.As<nint, long>(ref location1), (long)value, (long)comparand);

        public static nuint CompareExchange(ref nuint location1, nuint value, nuint comparand) =>
            (nuint)CompareExchange(ref Unsafe.As<nuint, long>(ref location1), (long)value, (long)comparand);

        public static uint Exchange(ref uint location1, uint value) =>
            (uint)Exchange(ref Unsafe.As<uint, int>(ref location1), (int)value);

        public static ulong Exchange(ref ulong location1, ulong value) =>
            (ulong)Exchange(ref Unsafe.As<ulong, long>(ref location1), (long)value);

        public static nint Exchange(ref nint location1, nint value) =>
            (nint)Exchange(ref Unsafe.As<nint, long>(ref location1), (long)value);

        public static nuint Exchange(ref nuint location1, nuint value) =>
            (nuint)Exchange(ref Unsafe.As<nuint, long>(ref location1), (long)value);

        public static int Increment(ref int location) => ExchangeAdd(ref location, 1) + 1;
        public static long Increment(ref long location) => ExchangeAdd(ref location, 1) + 1;
        public static int Decrement(ref int location) => ExchangeAdd(ref location, -1) - 1;
        public static long Decrement(ref long location) => ExchangeAdd(ref location, -1) - 1;
        public static int Add(ref int location1, int value) => ExchangeAdd(ref location1, value) + value;
        public static long Add(ref long location1, long value) => ExchangeAdd(ref location1, value) + value;
    }
}
