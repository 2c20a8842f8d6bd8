using System;
using LibvirtNss.Core;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.TwoWorlds.Shared;

/// <summary>
/// Whole lookups over a lease directory, written as bytes: compiled into both worlds, so the
/// transcripts (and the debug lines, written to <c>fd</c>) of the same directory and question
/// must be equal byte for byte. Direct: the reading path once. Cached: a snapshot cache asked
/// three times (the reading path is not used: the first lookup builds the snapshot, the others
/// answer from it), then a reverse lookup of each address found, then the cache is freed.
/// Per answer: status, errno, count, then the addresses (family, 16 bytes) or names (length, bytes).
/// </summary>
internal unsafe ref struct LookupTranscript
{
    public const int Direct = 0, Cached = 1;

    private readonly Span<byte> _output;
    private int _used;
    private bool _overflow;

    private LookupTranscript(Span<byte> output)
    {
        _output = output;
        _used = 0;
        _overflow = false;
    }

    /// <param name="query">A name, or for <paramref name="reverse"/> the address bytes (4 or 16).</param>
    /// <returns>The bytes written, or -1 when <paramref name="output"/> is too small.</returns>
    public static int Run(byte* directory, int mode, LookupKind kind, ReadOnlySpan<byte> query, int family, bool reverse, long now,
        int fd, Span<byte> output)
    {
        var t = new LookupTranscript(output);
        var log = new DebugLog(fd >= 0, fd);
        SnapshotCache* cache = mode == Cached ? SnapshotCache.Create(fromSecondLookup: false) : null;
        int rounds = mode == Cached ? 3 : 1;
        for (int round = 0; round < rounds; round++)
        {
            var memory = new LookupMemory();
            if (reverse)
            {
                ReverseAnswer names = cache == null
                    ? AddressLookup.Run(directory, new AddressQuery(kind, new IpAddress(family, query), now, log), ref memory)
                    : SnapshotCache.Reverse(cache, directory, new AddressQuery(kind, new IpAddress(family, query), now, log), ref memory);
                t.Names(names);
            }
            else
            {
                ForwardAnswer addresses = cache == null
                    ? NameLookup.Run(directory, new NameQuery(kind, query, family, now, log), ref memory)
                    : SnapshotCache.Lookup(cache, directory, new NameQuery(kind, query, family, now, log), ref memory);
                t.Addresses(addresses);
                if (cache != null && round == rounds - 1)
                    t.ReverseOfEach(cache, directory, kind, addresses, now, log);
            }
            memory.Release();
        }
        if (cache != null)
        {
            t.Put(SnapshotCache.SnapshotsBuilt(cache));
            SnapshotCache.Destroy(cache);
        }
        return t._overflow ? -1 : t._used;
    }

    private void ReverseOfEach(SnapshotCache* cache, byte* directory, LookupKind kind, in ForwardAnswer found, long now, DebugLog log)
    {
        byte* bytes = stackalloc byte[16];
        for (int i = 0; i < found.Count; i++)
        {
            IpAddress address = found.Addresses[i];
            address.CopyTo(new Span<byte>(bytes, 16));
            var memory = new LookupMemory();
            ReverseAnswer names = SnapshotCache.Reverse(cache, directory, new AddressQuery(kind, new IpAddress(address.Family, new ReadOnlySpan<byte>(bytes, address.Length)), now, log), ref memory);
            Names(names);
            memory.Release();
        }
    }

    private void Addresses(in ForwardAnswer answer)
    {
        Put((int)answer.Status);
        Put(answer.Errno);
        Put(answer.Count);
        byte* bytes = stackalloc byte[16];
        for (int i = 0; i < answer.Count; i++)
        {
            new Span<byte>(bytes, 16).Clear();
            answer.Addresses[i].CopyTo(new Span<byte>(bytes, 16));
            Put(answer.Addresses[i].Family);
            Put(new ReadOnlySpan<byte>(bytes, 16));
        }
    }

    private void Names(in ReverseAnswer answer)
    {
        Put((int)answer.Status);
        Put(answer.Errno);
        Put(answer.Count);
        for (int i = 0; i < answer.Count; i++)
            Put(new ReadOnlySpan<byte>(answer.Text + answer.Names[i].Start, answer.Names[i].Length));
    }

    private void Put(byte b)
    {
        if (_used == _output.Length)
        {
            _overflow = true;
            return;
        }
        _output[_used++] = b;
    }

    private void Put(long value)
    {
        for (int i = 0; i < 8; i++)
            Put((byte)(value >> (8 * i)));
    }

    private void Put(int value)
    {
        for (int i = 0; i < 4; i++)
            Put((byte)(value >> (8 * i)));
    }

    private void Put(scoped ReadOnlySpan<byte> text)
    {
        Put(text.Length);
        for (int i = 0; i < text.Length; i++)
            Put(text[i]);
    }
}
