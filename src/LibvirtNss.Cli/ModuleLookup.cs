using System;
using System.Collections.Generic;
using System.Text;
using LibvirtNss.Core;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Cli;

/// <summary>
/// A lookup through the code the module runs (Core's subset folders, built into the module too):
/// a snapshot cache that, as in the module, reads the files on a name's first lookup. The answer
/// is copied out of the lookup's memory; the debug lines go to the command's log
/// (<see cref="CoreCall"/>).
/// </summary>
internal static unsafe class ModuleLookup
{
    public sealed record Forward(LookupStatus Status, int Errno, List<string> Addresses);

    public sealed record Reverse(LookupStatus Status, int Errno, List<string> Names);

    public static Forward Lookup(string directory, string? published, LookupKind kind, byte[] name, int family, long now, Action<string>? log)
    {
        var addresses = new List<string>();
        ForwardAnswer answer = default;
        WithCache(directory, published, log, (SnapshotCache* cache, byte* path, byte* publishedPath, ref LookupMemory memory, DebugLog debug) =>
        {
            answer = SnapshotCache.Lookup(cache, path, new NameQuery(kind, name, family, now, debug), ref memory, publishedPath);
            for (int i = 0; i < answer.Count; i++)
                addresses.Add(AddressText(answer.Addresses[i]));
        });
        return new Forward(answer.Status, answer.Errno, addresses);
    }

    public static Reverse Lookup(string directory, string? published, LookupKind kind, int family, byte[] address, long now, Action<string>? log)
    {
        var names = new List<string>();
        ReverseAnswer answer = default;
        WithCache(directory, published, log, (SnapshotCache* cache, byte* path, byte* publishedPath, ref LookupMemory memory, DebugLog debug) =>
        {
            answer = SnapshotCache.Reverse(cache, path, new AddressQuery(kind, new IpAddress(family, address), now, debug), ref memory, publishedPath);
            for (int i = 0; i < answer.Count; i++)
                names.Add(Encoding.UTF8.GetString(answer.Text + answer.Names[i].Start, answer.Names[i].Length));
        });
        return new Reverse(answer.Status, answer.Errno, names);
    }

    /// <summary>An address as the module's debug lines and .NET write it.</summary>
    public static string AddressText(in IpAddress address)
    {
        Span<byte> text = stackalloc byte[IpAddressFormat.MaxLength];
        return Encoding.ASCII.GetString(text[..IpAddressFormat.Format(address, text)]);
    }

    private delegate void CachedBody(SnapshotCache* cache, byte* directory, byte* published, ref LookupMemory memory, DebugLog log);

    private static void WithCache(string directory, string? published, Action<string>? log, CachedBody body)
    {
        SnapshotCache* cache = SnapshotCache.Create(fromSecondLookup: true);
        try
        {
            CoreCall.Run(directory, published, log,
                (byte* path, byte* publishedPath, ref LookupMemory memory, DebugLog debug) => body(cache, path, publishedPath, ref memory, debug));
        }
        finally
        {
            SnapshotCache.Destroy(cache);
        }
    }
}
