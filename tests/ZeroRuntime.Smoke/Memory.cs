// Smoke exports: NativeMemory (malloc family) and its failure as a fault, Interlocked on static
// fields (also from several threads at once), Volatile, and Unsafe.

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using LibvirtNss.ZeroRuntime;

namespace ZeroRuntime.Smoke;

internal static unsafe class Memory
{
    // Alloc, fill, Realloc larger, AllocZeroed, sums, Free: returns sum of the first buffer
    // (count * 3) + 1 if the zeroed buffer is all zero.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_alloc")]
    public static int Alloc(int count)
    {
        byte* p = (byte*)NativeMemory.Alloc((nuint)count);
        new Span<byte>(p, count).Fill(3);
        p = (byte*)NativeMemory.Realloc(p, (nuint)count * 2);
        int sum = 0;
        foreach (byte b in new ReadOnlySpan<byte>(p, count))
            sum += b;
        byte* z = (byte*)NativeMemory.AllocZeroed((nuint)count, 4);
        int nonzero = new ReadOnlySpan<byte>(z, count * 4).IndexOfAny((byte)1, (byte)255);
        NativeMemory.Free(z);
        NativeMemory.Free(p);
        NativeMemory.Free(null);
        return sum + (nonzero == -1 ? 1 : 0);
    }

    private struct HugeCall { public nuint Size; }

    private static int Huge(HugeCall* call)
    {
        void* p = NativeMemory.Alloc(call->Size);
        NativeMemory.Free(p);
        return 1;
    }

    // An allocation libc cannot satisfy: -1 with *errnop = ENOMEM (.NET: OutOfMemoryException).
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_alloc_huge")]
    public static int AllocHuge(long size, int* errnop)
    {
        HugeCall call = new HugeCall { Size = (nuint)size };
        return Guarded.Run(&Huge, &call, Guarded.NssStatusUnavail, errnop, null);
    }

    private static int s_counter;
    private static long s_wide;
    private static nint s_pointer;

    // Interlocked.Increment of a static field, and a CompareExchange loop adding to another:
    // returns the counter after the increment.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_count")]
    public static int Count()
    {
        long seen;
        do
            seen = Volatile.Read(ref s_wide);
        while (Interlocked.CompareExchange(ref s_wide, seen + 2, seen) != seen);
        return Interlocked.Increment(ref s_counter);
    }

    // The totals Count reached: the counter, and the wide counter (2 per call).
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_counted")]
    public static long Counted(int wide) => wide != 0 ? Volatile.Read(ref s_wide) : Volatile.Read(ref s_counter);

    // CompareExchange on a pointer-sized static: swap in `value` if it holds `expected`;
    // returns the old value.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_cas")]
    public static nint Cas(nint expected, nint value) => Interlocked.CompareExchange(ref s_pointer, value, expected);

    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_exchange")]
    public static int ExchangeDecrement()
    {
        int old = Interlocked.Exchange(ref s_counter, 10);
        int down = Interlocked.Decrement(ref s_counter);
        Interlocked.Exchange(ref s_counter, old);
        return down; // 9
    }

    // Unsafe: bit i set when check i holds.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_unsafe")]
    public static int UnsafeChecks()
    {
        int bits = 0;
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        Unsafe.WriteUnaligned(ref b[1], 0x11223344u);
        if (Unsafe.ReadUnaligned<uint>(ref b[1]) == 0x11223344u && b[1] == 0x44) bits |= 1 << 0;
        fixed (byte* p = b)
        {
            Unsafe.WriteUnaligned(p + 9, 0x0102030405060708ul);
            if (Unsafe.ReadUnaligned<ulong>(p + 9) == 0x0102030405060708ul && b[9] == 8) bits |= 1 << 1;
            if (Unsafe.AsPointer(ref b[3]) == p + 3) bits |= 1 << 2;
            if (Unsafe.AsRef<byte>(p + 9) == 8) bits |= 1 << 3;
        }
        if (Unsafe.SizeOf<long>() == 8 && Unsafe.SizeOf<Pair<short>>() == 4) bits |= 1 << 4;
        if (Unsafe.IsNullRef(ref Unsafe.NullRef<int>()) && !Unsafe.IsNullRef(ref b[0])) bits |= 1 << 5;
        if (Unsafe.AreSame(ref Unsafe.Add(ref b[0], 2), ref b[2]) && !Unsafe.AreSame(ref b[0], ref b[1])) bits |= 1 << 6;
        if (Unsafe.As<byte, uint>(ref b[1]) == 0x11223344u) bits |= 1 << 7;
        fixed (byte* p = b)
        {
            if (Unsafe.Add<int>(p, 2) == p + 8 && Unsafe.Read<uint>(p + 1) == 0x11223344u) bits |= 1 << 8;
            Unsafe.Write(p + 20, 0x55667788u);
            if (b[20] == 0x88) bits |= 1 << 9;
        }
        ref byte first = ref b[0];
        if (Unsafe.ByteOffset(ref first, ref b[5]) == 5 && Unsafe.AreSame(ref Unsafe.AddByteOffset(ref first, (nint)5), ref b[5]) &&
            Unsafe.AreSame(ref Unsafe.Subtract(ref b[5], 5), ref first) && Unsafe.AreSame(ref Unsafe.Add(ref first, (nuint)3), ref b[3]))
            bits |= 1 << 10;
        if (Unsafe.IsAddressLessThan(ref first, ref b[1]) && Unsafe.IsAddressGreaterThan(ref b[1], ref first)) bits |= 1 << 11;
        Unsafe.SkipInit(out long skipped);
        skipped = 3;
        if (skipped == 3) bits |= 1 << 12;
        return bits;
    }

    private static uint s_u32;
    private static ulong s_u64;
    private static nuint s_unative;

    // The other Interlocked and Volatile overloads: bit i set when check i holds.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_atomics")]
    public static int Atomics()
    {
        int bits = 0;
        long wide = 5;
        if (Interlocked.Exchange(ref wide, 7) == 5 && Interlocked.Add(ref wide, 3) == 10 && Interlocked.Increment(ref wide) == 11 &&
            Interlocked.Decrement(ref wide) == 10 && Interlocked.Add(ref wide, 5) == 15)
            bits |= 1 << 0;
        if (Interlocked.CompareExchange(ref s_u32, 0xFFFFFFF0u, 0) == 0 && s_u32 == 0xFFFFFFF0u && Interlocked.Exchange(ref s_u32, 1) == 0xFFFFFFF0u)
            bits |= 1 << 1;
        if (Interlocked.CompareExchange(ref s_u64, ulong.MaxValue, 0) == 0 && Interlocked.Exchange(ref s_u64, 2) == ulong.MaxValue)
            bits |= 1 << 2;
        if (Interlocked.CompareExchange(ref s_unative, (nuint)9, 0) == 0 && Interlocked.Exchange(ref s_unative, 0) == 9)
            bits |= 1 << 3;
        Interlocked.MemoryBarrier();
        int narrow = 1;
        Volatile.Write(ref narrow, 4);
        Volatile.Write(ref wide, 1L << 40);
        nint native = 0;
        Volatile.Write(ref native, (nint)(-3));
        if (Volatile.Read(ref narrow) == 4 && Volatile.Read(ref wide) == 1L << 40 && Volatile.Read(ref native) == -3) bits |= 1 << 4;
        int total = 0;
        Interlocked.Add(ref total, 6);
        if (total == 6 && Interlocked.CompareExchange(ref total, 8, 5) == 6 && total == 6) bits |= 1 << 5;
        return bits;
    }

    // Writes `count` bytes through a pointer into a 16-byte stackalloc buffer, unchecked (as C
    // would): past its end, the stack cookie no longer matches and the process aborts
    // (smoke-host.c runs it in a child and expects SIGABRT). Returns the buffer's sum otherwise.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_smash")]
    public static int Smash(int count)
    {
        byte* p = stackalloc byte[16];
        for (int i = 0; i < count; i++)
            p[i] = 0xAA;
        int sum = 0;
        for (int i = 0; i < 16; i++)
            sum += p[i];
        return sum;
    }
}
