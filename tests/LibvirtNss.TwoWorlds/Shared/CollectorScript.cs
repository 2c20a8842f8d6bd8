using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.TwoWorlds.Shared;

/// <summary>
/// A forward lookup's collection, compiled into both worlds: the offers come as bytes (per offer:
/// 1 byte reserved, 8 bytes expiry, 4 bytes length, the address text), the answer goes out as
/// bytes (found, outcome, count, then family and 16 bytes per address), the debug lines to a file
/// descriptor.
/// </summary>
internal static unsafe class CollectorScript
{
    /// <returns>The bytes written, or -1 (output too small, arena exhausted, malformed script).</returns>
    public static int Run(ReadOnlySpan<byte> script, int family, long now, int debugFd, Span<byte> output)
    {
        var arena = new Arena();
        int written = RunIn(ref arena, script, family, now, debugFd, output);
        arena.Release();
        return written;
    }

    private static int RunIn(ref Arena arena, ReadOnlySpan<byte> script, int family, long now, int debugFd, Span<byte> output)
    {
        if (!AddressCollector.TryCreate(ref arena, family, now, new DebugLog(debugFd >= 0, debugFd), out AddressCollector collector))
            return -1;
        int at = 0;
        while (at < script.Length)
        {
            if (script.Length - at < 13)
                return -1;
            bool reserved = script[at] != 0;
            long expiry = (long)Read(script.Slice(at + 1), 8);
            int length = (int)Read(script.Slice(at + 9), 4);
            at += 13;
            if (length < 0 || length > script.Length - at)
                return -1;
            ReadOnlySpan<byte> text = script.Slice(at, length);
            at += length;
            if (!reserved)
                collector.OfferLease(text, expiry);
            else if (LeaseAddressText.TryParse(text, out IpAddress address))
                collector.OfferReserved(address);
        }
        int count = collector.Count;
        if (output.Length < 3 + 4 + 20 * count)
            return -1;
        var sorted = (IpAddress*)arena.Allocate((nuint)(sizeof(IpAddress) * (count + 1)));
        if (sorted == null)
            return -1;
        int n = collector.Sorted(new Span<IpAddress>(sorted, count));
        output[0] = (byte)(collector.Found ? 1 : 0);
        output[1] = (byte)collector.Outcome;
        output[2] = (byte)'|';
        Write(output.Slice(3), (ulong)n, 4);
        int used = 7;
        for (int i = 0; i < n; i++)
        {
            Write(output.Slice(used), (ulong)sorted[i].Family, 4);
            Span<byte> bytes = output.Slice(used + 4, 16);
            bytes.Clear();
            sorted[i].CopyTo(bytes);
            used += 20;
        }
        return used;
    }

    private static ulong Read(ReadOnlySpan<byte> from, int bytes)
    {
        ulong value = 0;
        for (int i = 0; i < bytes; i++)
            value |= (ulong)from[i] << (8 * i);
        return value;
    }

    private static void Write(Span<byte> to, ulong value, int bytes)
    {
        for (int i = 0; i < bytes; i++)
            to[i] = (byte)(value >> (8 * i));
    }
}
