using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.TwoWorlds;

/// <summary>
/// Drives the same generated inputs through Core in .NET and through the zero-runtime test
/// library, and compares the answers byte for byte: one "ok"/"not ok" line per entry point
/// (with the first differing input), then "N passed, M failed".
///   LibvirtNss.TwoWorlds --native libzrt.so [--cases N] [--seed S]
/// </summary>
internal static unsafe class Program
{
    private static int s_passed, s_failed;
    private static readonly Queue<(string, byte[], int, bool, bool)> s_prepared = new();

    private static int Main(string[] args)
    {
        string? native = null;
        int cases = 2000, seed = 1;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--native": native = args[i + 1]; break;
                case "--cases": cases = int.Parse(args[i + 1]); break;
                case "--seed": seed = int.Parse(args[i + 1]); break;
            }
        }
        if (native is null)
        {
            Console.Error.WriteLine("usage: LibvirtNss.TwoWorlds --native LIB [--cases N] [--seed S]");
            return 2;
        }
        var world = new NativeWorld(native);
        var random = new Random(seed);
        Compare("lease address text (LeaseAddressText)", cases, () => AddressText(world, Inputs.AddressText(random)));
        Compare("address text of debug lines (IpAddressFormat)", cases, () => AddressFormat(world, random));
        Compare("hostent answers (HostentAnswer)", cases, () => Hostent(world, random));
        Compare("gaih_addrtuple answers (AddrTupleAnswer)", cases, () => Tuples(world, random));
        Compare("debug lines written to a pipe (DebugLine)", Math.Min(cases, 5000), () => DebugLines(world, random));
        Compare("directory listings (DirectoryEntries)", Math.Min(cases / 20 + 5, 500), () => Listing(world, random));
        Compare("whole-file reads into an arena (LeaseFileContents)", Math.Min(cases / 20 + 5, 500), () => FileReads(world, random));
        var generator = new LibvirtNss.Fuzz.InputGenerator(random);
        var mutator = new LibvirtNss.Fuzz.Mutator(random);
        Compare("status files, generated and mutated (StatusFileReader)", cases,
            () => Transcripts(world, Inputs.LeaseFile(random, generator, mutator, generator.StatusFile), status: true));
        Compare("macs files, generated and mutated (MacsFileReader)", cases,
            () => Transcripts(world, Inputs.LeaseFile(random, generator, mutator, generator.MacsFile), status: false));
        foreach ((int kind, string name) in new[] { (Shared.ReaderTranscript.Conf, "conf files (ConfFileReader)"),
                     (Shared.ReaderTranscript.Hostsfile, "hostsfile files (HostsFileReader)"),
                     (Shared.ReaderTranscript.Addnhosts, "addnhosts files (AddnHostsFileReader)") })
            Compare(name + ", generated and mutated", cases, () => TextTranscripts(world, kind, Inputs.TextFile(random, kind, mutator)));
        Compare("forward lookups' collection, with debug lines (AddressCollector)", cases, () => Collections(world, random));
        Compare("snapshot slot scripts (SnapshotSlots)", Math.Min(cases / 20 + 5, 500), () => Snapshots(world, random));
        Compare("whole lookups over generated lease directories, read directly, with debug lines (NameLookup, AddressLookup)",
            Math.Min(cases / 2 + 5, 20_000), () => Lookups(world, random, generator, mutator, Shared.LookupTranscript.Direct));
        Compare("whole lookups from a snapshot cache, three rounds and the reverse of each answer, with debug lines (SnapshotCache)",
            Math.Min(cases / 2 + 5, 20_000), () => Lookups(world, random, generator, mutator, Shared.LookupTranscript.Cached));
        while (s_prepared.Count > 0)
            System.IO.Directory.Delete(s_prepared.Dequeue().Item1, recursive: true);
        Console.WriteLine($"two-worlds: {s_passed} passed, {s_failed} failed");
        return s_failed == 0 ? 0 : 1;
    }

    /// <summary>Runs <paramref name="count"/> cases; a case returns null when both worlds agree, else what differed.</summary>
    private static void Compare(string what, int count, Func<string?> oneCase)
    {
        for (int i = 0; i < count; i++)
        {
            string? difference = oneCase();
            if (difference is not null)
            {
                s_failed++;
                Console.WriteLine($"not ok - {what}: case {i + 1} differs: {difference}");
                return;
            }
        }
        s_passed++;
        Console.WriteLine($"ok - {what}: {count} inputs, the same answers in both worlds");
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static string? AddressText(NativeWorld world, byte[] text)
    {
        bool dotnet = LeaseAddressText.TryParse(text, out IpAddress address);
        var dotnetBytes = new byte[16];
        if (dotnet) address.CopyTo(dotnetBytes);
        int family = 0;
        var bytes = new byte[16];
        int native;
        fixed (byte* t = text, b = bytes)
            native = world.AddressText(t, text.Length, &family, b);
        if ((native == 1) != dotnet || (dotnet && (family != address.Family || Hex(bytes) != Hex(dotnetBytes))))
            return $"\"{Encoding.Latin1.GetString(text)}\": .NET {dotnet} {Hex(dotnetBytes)}, native {native} {family} {Hex(bytes)}";
        return null;
    }

    private static string? AddressFormat(NativeWorld world, Random random)
    {
        byte[] bytes = Inputs.AddressBytes(random);
        int family = random.Next(2) == 0 ? 2 : 10;
        Span<byte> dotnet = stackalloc byte[IpAddressFormat.MaxLength];
        int dotnetLength = IpAddressFormat.Format(new IpAddress(family, bytes), dotnet);
        var native = new byte[IpAddressFormat.MaxLength];
        int nativeLength;
        fixed (byte* b = bytes, n = native)
            nativeLength = world.AddressFormat(family, b, n);
        string a = Encoding.ASCII.GetString(dotnet.Slice(0, dotnetLength)), c = Encoding.ASCII.GetString(native, 0, nativeLength);
        return a == c ? null : $"{Hex(bytes)}: .NET {a}, native {c}";
    }

    private static string? Hostent(NativeWorld world, Random random)
    {
        Inputs.Answer(random, out byte[] name, out int[] families, out byte[] bytes, out int size, out ulong at);
        int family = random.Next(2) == 0 ? 2 : 10;
        Array.Fill(families, family);
        var addresses = Inputs.Addresses(families, bytes);
        byte[] dotnetBuffer = Inputs.Filled(size), nativeBuffer = Inputs.Filled(size);
        bool dotnet = HostentAnswer.TryPack(dotnetBuffer, at, name, family, addresses, out HostentPlacement a);
        HostentPlacement b;
        int native;
        fixed (byte* buffer = nativeBuffer, n = name, bs = bytes)
        fixed (int* fs = families)
            native = world.PackHostent(buffer, size, at, n, name.Length, family, fs, bs, families.Length, &b);
        if ((native == 1) != dotnet || Hex(dotnetBuffer) != Hex(nativeBuffer) || !a.Equals(b))
            return $"{families.Length} addresses, name of {name.Length}, {size} bytes at 0x{at:x}: .NET {dotnet}, native {native}";
        return null;
    }

    private static string? Tuples(NativeWorld world, Random random)
    {
        Inputs.Answer(random, out byte[] name, out int[] families, out byte[] bytes, out int size, out ulong at);
        var addresses = Inputs.Addresses(families, bytes);
        byte[] dotnetBuffer = Inputs.Filled(size), nativeBuffer = Inputs.Filled(size);
        bool dotnet = AddrTupleAnswer.TryPack(dotnetBuffer, at, name, addresses, out ulong first, out int used);
        ulong nativeFirst;
        int nativeUsed, native;
        fixed (byte* buffer = nativeBuffer, n = name, bs = bytes)
        fixed (int* fs = families)
            native = world.PackTuples(buffer, size, at, n, name.Length, fs, bs, families.Length, &nativeFirst, &nativeUsed);
        if ((native == 1) != dotnet || Hex(dotnetBuffer) != Hex(nativeBuffer) || first != nativeFirst || used != nativeUsed)
            return $"{families.Length} addresses, name of {name.Length}, {size} bytes at 0x{at:x}: .NET {dotnet}, native {native}";
        return null;
    }

    private static string? DebugLines(NativeWorld world, Random random)
    {
        byte[] text = Inputs.AnyBytes(random, 600);
        long number = random.NextInt64(long.MinValue, long.MaxValue);
        int bufferSize = random.Next(32, 700);
        byte[] dotnet = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.Captured(fd =>
        {
            var line = new DebugLine(stackalloc byte[bufferSize], fd);
            line.Append(text);
            line.Append(number);
            line.End();
        });
        byte[] native = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.Captured(fd =>
        {
            fixed (byte* t = text)
                world.DebugLine(fd, t, text.Length, number, bufferSize);
        });
        return Hex(dotnet) == Hex(native) ? null : $"{text.Length} bytes, buffer {bufferSize}: .NET {Hex(dotnet)}, native {Hex(native)}";
    }

    private static string? Listing(NativeWorld world, Random random)
    {
        string dir = Inputs.Directory(random);
        try
        {
            byte[] path = Encoding.UTF8.GetBytes(dir + "\0");
            var native = new byte[64 * 1024];
            int nativeUsed;
            fixed (byte* p = path, n = native)
                nativeUsed = world.ListDirectory(p, n, native.Length);
            string dotnet = DotnetListing(path);
            string nativeText = nativeUsed < 0 ? $"error {-nativeUsed}" : Encoding.Latin1.GetString(native, 0, nativeUsed);
            return dotnet == nativeText ? null : $"{dir}: .NET [{dotnet}], native [{nativeText}]";
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static string DotnetListing(byte[] path)
    {
        fixed (byte* p = path)
        {
            if (!DirectoryEntries.TryOpen(p, stackalloc byte[DirectoryEntries.MinBufferBytes], out DirectoryEntries entries, out int errno))
                return $"error {errno}";
            var text = new StringBuilder();
            while (entries.Next(out ReadOnlySpan<byte> name, out bool isDirectory, out errno))
                text.Append(Encoding.Latin1.GetString(name)).Append(isDirectory ? 'd' : 'f').Append('\0');
            entries.Close();
            return errno != 0 ? $"error {errno}" : text.ToString();
        }
    }

    private static string? FileReads(NativeWorld world, Random random)
    {
        string dir = Inputs.Directory(random);
        try
        {
            foreach (string file in System.IO.Directory.EnumerateFileSystemEntries(dir))
            {
                byte[] path = Encoding.UTF8.GetBytes(file + "\0");
                var arena = new Arena();
                string dotnet;
                fixed (byte* p = path)
                {
                    bool read = LeaseFileContents.TryRead(p, ref arena, out ReadOnlySpan<byte> contents, out FileReadFailure why,
                        out int errno, out long size);
                    dotnet = read ? $"read {Hex(contents)}" : $"{why} {errno} {size}";
                }
                arena.Release();
                var into = new byte[LeaseFileContents.MaxFileBytes];
                int failure, nativeErrno;
                long result, nativeSize;
                fixed (byte* p = path, n = into)
                    result = world.ReadFile(p, n, into.Length, &failure, &nativeErrno, &nativeSize);
                string native = result >= 0 ? $"read {Hex(into.AsSpan(0, (int)result))}"
                    : $"{(FileReadFailure)failure} {nativeErrno} {nativeSize}";
                if (dotnet != native)
                    return $"{file}: .NET {dotnet[..Math.Min(80, dotnet.Length)]}, native {native[..Math.Min(80, native.Length)]}";
            }
            return null;
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static string? Transcripts(NativeWorld world, byte[] json, bool status)
    {
        // A scratch buffer as long as the file: the module's reading never runs short of it.
        var scratch = new byte[json.Length + 1];
        var dotnet = new byte[4 * json.Length + 1024];
        var native = new byte[dotnet.Length];
        int dotnetLength = status ? Shared.ReaderTranscript.OfStatusFile(json, scratch, dotnet)
            : Shared.ReaderTranscript.OfMacsFile(json, scratch, dotnet);
        int nativeLength;
        fixed (byte* j = json, s = scratch, n = native)
            nativeLength = status ? world.StatusTranscript(j, json.Length, s, scratch.Length, n, native.Length)
                : world.MacsTranscript(j, json.Length, s, scratch.Length, n, native.Length);
        if (dotnetLength < 0)
            return $"the transcript of a {json.Length}-byte file does not fit its buffer";
        return dotnetLength == nativeLength && dotnet.AsSpan(0, dotnetLength).SequenceEqual(native.AsSpan(0, nativeLength)) ? null
            : $"{json.Length}-byte file {Hex(json.AsSpan(0, Math.Min(json.Length, 60)))}...: transcripts of {dotnetLength} and {nativeLength} bytes differ";
    }

    private static string? TextTranscripts(NativeWorld world, int kind, byte[] text)
    {
        var dotnet = new byte[64 * text.Length + 1024];
        var native = new byte[dotnet.Length];
        int dotnetLength = Shared.ReaderTranscript.OfTextFile(kind, text, dotnet), nativeLength;
        fixed (byte* t = text, n = native)
            nativeLength = world.TextTranscript(kind, t, text.Length, n, native.Length);
        if (dotnetLength < 0)
            return $"the transcript of a {text.Length}-byte file does not fit its buffer";
        return dotnetLength == nativeLength && dotnet.AsSpan(0, dotnetLength).SequenceEqual(native.AsSpan(0, nativeLength)) ? null
            : $"\"{Encoding.Latin1.GetString(text.AsSpan(0, Math.Min(text.Length, 80)))}\": transcripts of {dotnetLength} and {nativeLength} bytes differ";
    }

    private static string? Collections(NativeWorld world, Random random)
    {
        byte[] script = Inputs.CollectorScript(random, out int family, out long now);
        var dotnet = new byte[64 * 1024];
        var native = new byte[dotnet.Length];
        int dotnetLength = 0, nativeLength = 0;
        byte[] dotnetLines = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.Captured(fd => dotnetLength = Shared.CollectorScript.Run(script, family, now, fd, dotnet));
        byte[] nativeLines = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.Captured(fd =>
        {
            fixed (byte* s = script, n = native)
                nativeLength = world.Collect(s, script.Length, family, now, fd, n, native.Length);
        });
        if (dotnetLength < 0)
            return "the script did not run in .NET";
        bool same = dotnetLength == nativeLength && dotnet.AsSpan(0, dotnetLength).SequenceEqual(native.AsSpan(0, nativeLength))
            && dotnetLines.AsSpan().SequenceEqual(nativeLines);
        return same ? null : $"{script.Length}-byte script, family {family}: answers of {dotnetLength} and {nativeLength} bytes, " +
            $"debug lines of {dotnetLines.Length} and {nativeLines.Length} bytes";
    }

    private static string? Lookups(NativeWorld world, Random random, LibvirtNss.Fuzz.InputGenerator generator,
        LibvirtNss.Fuzz.Mutator mutator, int mode)
    {
        // Directories are made in batches and used once their files are older than the snapshot's
        // settle margin (FileVersion.TickMarginNanoseconds): a file written just now is read again
        // by every lookup, and whether it still was would depend on how long the first world took.
        if (s_prepared.Count == 0)
        {
            for (int i = 0; i < 50; i++)
            {
                string made = Inputs.LeaseDirectory(random, generator, mutator, out byte[] q, out int f, out bool r);
                s_prepared.Enqueue((made, q, f, r, random.Next(2) == 0));
            }
            System.Threading.Thread.Sleep(100);
        }
        (string dir, byte[] query, int family, bool reverse, bool byHostname) = s_prepared.Dequeue();
        try
        {
            var kind = byHostname ? LibvirtNss.Core.LookupKind.Hostname : LibvirtNss.Core.LookupKind.DomainName;
            byte[] path = Encoding.UTF8.GetBytes(dir + "\0");
            long now = LibvirtNss.Fuzz.InputGenerator.Now;
            var dotnetAnswer = new byte[1 << 20];
            var nativeAnswer = new byte[1 << 20];
            int dotnetUsed = 0, nativeUsed = 0;
            byte[] dotnetLines = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.CapturedInFile(fd =>
            {
                fixed (byte* p = path)
                    dotnetUsed = Shared.LookupTranscript.Run(p, mode, kind, query, family, reverse, now, fd, dotnetAnswer);
            });
            byte[] nativeLines = LibvirtNss.Core.Tests.Diagnostics.PipeCapture.CapturedInFile(fd =>
            {
                fixed (byte* p = path, q = query, o = nativeAnswer)
                    nativeUsed = world.Lookup(p, mode, (int)kind, q, query.Length, family, reverse ? 1 : 0, now, fd, o, nativeAnswer.Length);
            });
            // The directory's name differs from run to run, not from world to world: it stays in the lines.
            if (dotnetUsed != nativeUsed || Hex(dotnetAnswer.AsSpan(0, Math.Max(0, dotnetUsed))) != Hex(nativeAnswer.AsSpan(0, Math.Max(0, nativeUsed))))
                return $"{kind} {(reverse ? Hex(query) : Encoding.Latin1.GetString(query))} family {family}: answers differ " +
                       $"(.NET {dotnetUsed} bytes, native {nativeUsed}): .NET {Hex(dotnetAnswer.AsSpan(0, Math.Max(0, dotnetUsed)))}, " +
                       $"native {Hex(nativeAnswer.AsSpan(0, Math.Max(0, nativeUsed)))}";
            if (Hex(dotnetLines) != Hex(nativeLines))
                return $"{kind} {(reverse ? Hex(query) : Encoding.Latin1.GetString(query))} family {family}: debug lines differ:\n" +
                       $".NET:\n{Encoding.UTF8.GetString(dotnetLines)}native:\n{Encoding.UTF8.GetString(nativeLines)}";
            return null;
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static string? Snapshots(NativeWorld world, Random random)
    {
        int publications = random.Next(0, 200);
        long dotnet = Shared.SnapshotScript.Run(publications);
        long freed = Shared.SnapshotScript.Freed;
        long native = world.SnapshotScript(publications);
        return dotnet == native && freed == publications ? null
            : $"{publications} publications: .NET {dotnet} ({freed} freed), native {native}";
    }
}
