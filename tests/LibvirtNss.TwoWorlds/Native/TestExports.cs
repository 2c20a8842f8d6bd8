using System;
using System.Runtime.InteropServices;
using LibvirtNss.Core;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;
using LibvirtNss.TwoWorlds.Shared;

namespace LibvirtNss.TwoWorlds.Native;

/// <summary>
/// The test-only library of the zero-runtime world: Core's subset code compiled against
/// LibvirtNss.System, reached through these C entry points. The driver (../Program.cs) calls the
/// same code compiled by .NET and compares the two answers byte for byte. Each entry point is a
/// thin adapter: plain pointers in, Core's call, plain values out.
/// </summary>
internal static unsafe class TestExports
{
    [UnmanagedCallersOnly(EntryPoint = "zrt_address_text")]
    private static int AddressText(byte* text, int length, int* family, byte* bytes)
    {
#if TWO_WORLDS_PERTURB
        // The harness's own check (run-two-worlds.sh): a library that answers differently for
        // one input length must be caught.
        if (length == 7)
            return 0;
#endif
        if (!LeaseAddressText.TryParse(new ReadOnlySpan<byte>(text, length), out IpAddress address))
            return 0;
        *family = address.Family;
        address.CopyTo(new Span<byte>(bytes, 16));
        return 1;
    }

    [UnmanagedCallersOnly(EntryPoint = "zrt_address_format")]
    private static int AddressFormat(int family, byte* bytes, byte* into)
    {
        var address = new IpAddress(family, new ReadOnlySpan<byte>(bytes, 16));
        return IpAddressFormat.Format(address, new Span<byte>(into, IpAddressFormat.MaxLength));
    }

    /// <summary>Families and 16 bytes per address, as the driver lays them out.</summary>
    private static void Addresses(int* families, byte* bytes, int count, Span<IpAddress> into)
    {
        for (int i = 0; i < count; i++)
            into[i] = new IpAddress(families[i], new ReadOnlySpan<byte>(bytes + 16 * i, 16));
    }

    [UnmanagedCallersOnly(EntryPoint = "zrt_pack_hostent")]
    private static int PackHostent(byte* buffer, int size, ulong address, byte* name, int nameLength, int family,
        int* families, byte* bytes, int count, HostentPlacement* placement)
    {
        Span<IpAddress> addresses = stackalloc IpAddress[count];
        Addresses(families, bytes, count, addresses);
        return HostentAnswer.TryPack(new Span<byte>(buffer, size), address, new ReadOnlySpan<byte>(name, nameLength), family,
            addresses, out *placement) ? 1 : 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zrt_pack_tuples")]
    private static int PackTuples(byte* buffer, int size, ulong address, byte* name, int nameLength,
        int* families, byte* bytes, int count, ulong* first, int* used)
    {
        Span<IpAddress> addresses = stackalloc IpAddress[count];
        Addresses(families, bytes, count, addresses);
        return AddrTupleAnswer.TryPack(new Span<byte>(buffer, size), address, new ReadOnlySpan<byte>(name, nameLength),
            addresses, out *first, out *used) ? 1 : 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zrt_debug_line")]
    private static void DebugLineOf(int fd, byte* text, int length, long number, int bufferSize)
    {
        byte* buffer = stackalloc byte[bufferSize];
        var line = new DebugLine(new Span<byte>(buffer, bufferSize), fd);
        line.Append(new ReadOnlySpan<byte>(text, length));
        line.Append(number);
        line.End();
    }

    /// <summary>
    /// The directory's names as the driver compares them: each name, then 'd' or 'f', then a
    /// NUL; returns the bytes written, or -errno when it cannot be listed, or -1000 when
    /// <paramref name="capacity"/> is too small.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_list_directory")]
    private static int ListDirectory(byte* path, byte* into, int capacity)
    {
        if (!DirectoryEntries.TryOpen(path, stackalloc byte[DirectoryEntries.MinBufferBytes], out DirectoryEntries entries, out int errno))
            return -errno;
        int used = 0;
        while (entries.Next(out ReadOnlySpan<byte> name, out bool isDirectory, out errno))
        {
            if (used + name.Length + 2 > capacity)
            {
                entries.Close();
                return -1000;
            }
            name.CopyTo(new Span<byte>(into + used, name.Length));
            used += name.Length;
            into[used++] = isDirectory ? (byte)'d' : (byte)'f';
            into[used++] = 0;
        }
        entries.Close();
        return errno != 0 ? -errno : used;
    }

    /// <summary>A whole file through an arena: its length (bytes copied out) or -1, the failure, errno and size.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_read_file")]
    private static long ReadFile(byte* path, byte* into, int capacity, int* failure, int* errno, long* size)
    {
        var arena = new Arena();
        long result = -1;
        if (LeaseFileContents.TryRead(path, ref arena, out ReadOnlySpan<byte> contents, out FileReadFailure why, out *errno, out *size)
            && contents.Length <= capacity)
        {
            contents.CopyTo(new Span<byte>(into, capacity));
            result = contents.Length;
        }
        *failure = (int)why;
        arena.Release();
        return result;
    }

    /// <summary>The snapshot slots' script (Shared/SnapshotScript.cs).</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_snapshot_script")]
    private static long Snapshots(int publications) => SnapshotScript.Run(publications);

    /// <summary>The status reader's transcript of a file (Shared/ReaderTranscript.cs).</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_status_transcript")]
    private static int StatusTranscript(byte* json, int length, byte* scratch, int scratchLength, byte* output, int capacity) =>
        ReaderTranscript.OfStatusFile(new ReadOnlySpan<byte>(json, length), new Span<byte>(scratch, scratchLength),
            new Span<byte>(output, capacity));

    /// <summary>The macs reader's transcript of a file.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_macs_transcript")]
    private static int MacsTranscript(byte* json, int length, byte* scratch, int scratchLength, byte* output, int capacity) =>
        ReaderTranscript.OfMacsFile(new ReadOnlySpan<byte>(json, length), new Span<byte>(scratch, scratchLength),
            new Span<byte>(output, capacity));

    /// <summary>A conf, hostsfile or addnhosts reader's transcript (kind: ReaderTranscript.Conf, ...).</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_text_transcript")]
    private static int TextTranscript(int kind, byte* text, int length, byte* output, int capacity) =>
        ReaderTranscript.OfTextFile(kind, new ReadOnlySpan<byte>(text, length), new Span<byte>(output, capacity));

    /// <summary>A forward lookup's collection (Shared/CollectorScript.cs); debug lines to <paramref name="fd"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_collect")]
    private static int Collect(byte* script, int length, int family, long now, int fd, byte* output, int capacity) =>
        CollectorScript.Run(new ReadOnlySpan<byte>(script, length), family, now, fd, new Span<byte>(output, capacity));

    /// <summary>A whole lookup (Shared/LookupTranscript.cs); debug lines to <paramref name="fd"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zrt_lookup")]
    private static int Lookup(byte* directory, int mode, int kind, byte* query, int length, int family, int reverse, long now, int fd,
        byte* output, int capacity) =>
        LookupTranscript.Run(directory, mode, (LookupKind)kind, new ReadOnlySpan<byte>(query, length), family, reverse != 0, now, fd,
            new Span<byte>(output, capacity));
}
