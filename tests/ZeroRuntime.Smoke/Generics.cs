// Smoke exports: a generic struct over unmanaged T (a fixed-capacity ring in caller memory),
// instantiated for two element types, static readonly fields (pre-initialized by ILC), and an
// [InlineArray] struct.

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZeroRuntime.Smoke;

internal struct Pair<T> where T : unmanaged
{
    public T First;
    public T Second;
}

// A ring of T in a span the caller owns (stackalloc or NativeMemory).
internal ref struct Ring<T> where T : unmanaged
{
    private readonly Span<T> _items;
    private int _head;
    private int _count;

    public Ring(Span<T> items)
    {
        _items = items;
        _head = 0;
        _count = 0;
    }

    public int Count => _count;

    // Adds value, overwriting the oldest when full. (The subset's rule for `%` and `/`: the
    // divisor is checked first; a zero divisor is SIGFPE, README.md.)
    public void Push(T value)
    {
        if (_items.Length == 0)
            return;
        _items[(_head + _count) % _items.Length] = value;
        if (_count < _items.Length)
            _count++;
        else
            _head = (_head + 1) % _items.Length;
    }

    public T Oldest => _items[_head];

    public Pair<T> Ends => new Pair<T> { First = _items[_head], Second = _items[(_head + _count - 1) % _items.Length] };
}

internal static unsafe class Generics
{
    private static readonly int s_capacity = 4;
    private static readonly long s_bias = 1L << 40;
    private static int s_calls;

    // Pushes 1..n into a Ring<int> and (i + 2^40) into a Ring<long>, both of capacity 4: returns
    // oldest(int) * 1000 + newest(int) if the long ring agrees.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_generic")]
    public static int Generic(int n)
    {
        s_calls++;
        Ring<int> ints = new Ring<int>(stackalloc int[s_capacity]);
        long* storage = (long*)NativeMemory.Alloc((nuint)(s_capacity * sizeof(long)));
        Ring<long> longs = new Ring<long>(new Span<long>(storage, s_capacity));
        for (int i = 1; i <= n; i++)
        {
            ints.Push(i);
            longs.Push(i + s_bias);
        }
        Pair<int> ends = ints.Ends;
        Pair<long> wide = longs.Ends;
        bool agree = wide.First - s_bias == ends.First && wide.Second - s_bias == ends.Second && longs.Count == ints.Count;
        NativeMemory.Free(storage);
        return agree ? ends.First * 1000 + ends.Second : -1;
    }

    // How many times Generic ran (a static field that persists between calls).
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_generic_calls")]
    public static int GenericCalls() => s_calls;
}

// An [InlineArray] of four ints inside a struct: element access and its span (csc goes through
// MemoryMarshal.CreateSpan and Unsafe), MemoryMarshal.AsBytes and GetReference.
[System.Runtime.CompilerServices.InlineArray(4)]
internal struct Four
{
    private int _element;
}

internal static unsafe class InlineArrays
{
    // Returns the sum of 4 slots holding seed..seed+3, plus 1000 if the byte view agrees.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_inline_array")]
    public static int InlineArray(int seed)
    {
        Four four = default;
        for (int i = 0; i < 4; i++)
            four[i] = seed + i;
        Span<int> all = four;
        int sum = 0;
        foreach (int v in all)
            sum += v;
        Span<byte> bytes = MemoryMarshal.AsBytes(all);
        bool agree = bytes.Length == 16 && bytes[4] == (byte)(seed + 1) &&
                     Unsafe.AreSame(ref MemoryMarshal.GetReference(all), ref four[0]);
        return sum + (agree ? 1000 : 0);
    }
}
