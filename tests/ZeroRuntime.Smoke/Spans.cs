// Smoke exports: spans (bounds-checked indexer, Slice, CopyTo, Clear, Fill, fixed), u8 literals
// and the MemoryExtensions searches, stackalloc. Written in the zero-runtime subset
// (src/LibvirtNss.System/README.md); smoke-host.c checks each answer.

using System;
using System.Runtime.InteropServices;

namespace ZeroRuntime.Smoke;

internal static unsafe class Spans
{
    // The sum of bytes [start, start + count) of a caller's buffer, through Slice and the indexer.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_span_sum")]
    public static int SpanSum(byte* data, int length, int start, int count)
    {
        ReadOnlySpan<byte> all = new ReadOnlySpan<byte>(data, length);
        ReadOnlySpan<byte> part = all.Slice(start, count);
        int sum = 0;
        for (int i = 0; i < part.Length; i++)
            sum += part[i];
        return sum;
    }

    // Bit i set when check i holds: u8 literals with SequenceEqual, StartsWith, EndsWith, IndexOf,
    // LastIndexOf, IndexOfAny, subsequence IndexOf, and the Span<byte> receivers.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_match")]
    public static int Match(byte* name, int length)
    {
        ReadOnlySpan<byte> s = new ReadOnlySpan<byte>(name, length);
        int bits = 0;
        if (s.SequenceEqual("guest1.example.org"u8)) bits |= 1 << 0;
        if (s.StartsWith("guest"u8)) bits |= 1 << 1;
        if (s.EndsWith(".org"u8)) bits |= 1 << 2;
        if (s.IndexOf((byte)'.') == 6) bits |= 1 << 3;
        if (s.LastIndexOf((byte)'.') == 14) bits |= 1 << 4;
        if (s.IndexOfAny((byte)'x', (byte)'1') == 5) bits |= 1 << 5;
        if (s.IndexOf("example"u8) == 7) bits |= 1 << 6;
        if (s.IndexOf((byte)'#') == -1 && s.IndexOf("nothere"u8) == -1) bits |= 1 << 7;
        Span<byte> copy = stackalloc byte[64];
        if (s.TryCopyTo(copy) && copy.Slice(0, s.Length).SequenceEqual(s)) bits |= 1 << 8;
        if (""u8.IsEmpty && ReadOnlySpan<byte>.Empty.Length == 0 && default(Span<byte>).IsEmpty) bits |= 1 << 9;
        return bits;
    }

    // stackalloc, Fill, Clear, CopyTo, foreach and `fixed` over a span: returns a checksum.
    [UnmanagedCallersOnly(EntryPoint = "zr_smoke_stackalloc")]
    public static int StackAlloc(int fill)
    {
        Span<byte> a = stackalloc byte[32];
        a.Fill((byte)fill);
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        a.Slice(8, 8).CopyTo(b.Slice(16));
        int sum = 0;
        foreach (byte x in b)
            sum += x;
        fixed (byte* p = b)
            sum += p[16] == (byte)fill && p[15] == 0 ? 1000 : 0;
        fixed (byte* none = Span<byte>.Empty)
            sum += none == null ? 10000 : 0;
        return sum; // 8 * fill + 1000 + 10000
    }
}
