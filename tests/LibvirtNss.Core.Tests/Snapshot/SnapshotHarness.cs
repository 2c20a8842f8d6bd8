using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>
/// One <see cref="SnapshotCache"/> over one directory (the path NUL-terminated in malloc'd
/// memory), destroyed on Dispose. Answers come back as text that the reading paths (the reference resolver's and
/// the subset's) give in the same words, so that they compare as strings.
/// </summary>
internal sealed unsafe class NewCache : IDisposable
{
    private readonly byte* _directory;
    private SnapshotCache* _cache;

    public NewCache(string directory, bool fromSecondLookup = false)
    {
        Directory = directory;
        _directory = Answers.NulTerminated(directory);
        _cache = SnapshotCache.Create(fromSecondLookup);
        if (_cache == null)
            throw new InvalidOperationException("SnapshotCache.Create failed");
    }

    public string Directory { get; }

    public SnapshotCache* Cache => _cache;

    public byte* DirectoryPath => _directory;

    public long SnapshotsBuilt => SnapshotCache.SnapshotsBuilt(_cache);

    public string Lookup(LookupKind kind, string name, int family, long now = Fixtures.Now, DebugLog log = default) =>
        Lookup(kind, Encoding.UTF8.GetBytes(name), family, now, log);

    public string Lookup(LookupKind kind, byte[] name, int family, long now = Fixtures.Now, DebugLog log = default)
    {
        var memory = new LookupMemory();
        ForwardAnswer answer = SnapshotCache.Lookup(_cache, _directory, new NameQuery(kind, name, family, now, log), ref memory);
        string shown = Answers.Show(answer);
        memory.Release();
        return shown;
    }

    public string Reverse(LookupKind kind, int family, byte[] address, long now = Fixtures.Now, DebugLog log = default)
    {
        var memory = new LookupMemory();
        ReverseAnswer answer = SnapshotCache.Reverse(_cache, _directory, new AddressQuery(kind, new IpAddress(family, address), now, log), ref memory);
        string shown = Answers.Show(answer);
        memory.Release();
        return shown;
    }

    /// <summary>The host-name lookup's addresses alone (empty when it found none).</summary>
    public string[] Resolve(string name, LookupKind kind = LookupKind.Hostname, int family = AddressFamilies.Unspecified) =>
        Answers.AddressesOf(Lookup(kind, name, family));

    public void Dispose()
    {
        if (_cache != null)
            SnapshotCache.Destroy(_cache);
        _cache = null;
        NativeMemory.Free(_directory);
    }
}

/// <summary>The answers of every path as comparable text: "Outcome errno [addresses]" and "Outcome errno [names]".</summary>
internal static unsafe class Answers
{
    public static byte* NulTerminated(string path)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(path);
        var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(copy, bytes.Length));
        copy[bytes.Length] = 0;
        return copy;
    }

    /// <summary>The subset's outcome in the words of the reference resolver's <see cref="LookupOutcome"/> (OutOfMemory has none).</summary>
    public static string Outcome(LookupStatus status) => status switch
    {
        LookupStatus.Found => nameof(LookupOutcome.Addresses),
        LookupStatus.NoMatch => nameof(LookupOutcome.NoMatch),
        LookupStatus.NoAddressOfFamily => nameof(LookupOutcome.NoAddressOfFamily),
        LookupStatus.DomainWithoutMacs => nameof(LookupOutcome.DomainWithoutMacs),
        LookupStatus.FamilyNotSupported => nameof(LookupOutcome.FamilyNotSupported),
        LookupStatus.DirectoryUnreadable => nameof(LookupOutcome.DirectoryUnreadable),
        _ => status.ToString(),
    };

    public static string Text(in IpAddress address)
    {
        Span<byte> raw = stackalloc byte[16];
        address.CopyTo(raw);
        return new System.Net.IPAddress(raw[..address.Length]).ToString();
    }

    public static string Show(in ForwardAnswer answer)
    {
        var addresses = new List<string>();
        for (int i = 0; i < answer.Count; i++)
            addresses.Add(Text(answer.Addresses[i]));
        return $"{Outcome(answer.Status)} {answer.Errno} [{string.Join(" ", addresses)}]";
    }

    public static string Show(in ReverseAnswer answer)
    {
        var names = new List<string>();
        for (int i = 0; i < answer.Count; i++)
        {
            TextRange name = answer.Names[i];
            names.Add(Convert.ToHexString(new ReadOnlySpan<byte>(answer.Text + name.Start, name.Length)));
        }
        return $"{Outcome(answer.Status)} {answer.Errno} [{string.Join(" ", names)}]";
    }

    public static string Show(LookupResult result) =>
        $"{result.Outcome} {result.Errno} [{string.Join(" ", result.Addresses.Select(a => a.ToString()))}]";

    public static string Show(ReverseResult result) =>
        $"{result.Outcome} {result.Errno} [{string.Join(" ", result.Names.Select(n => Convert.ToHexString(n)))}]";

    public static string[] AddressesOf(string shown)
    {
        string inside = shown[(shown.IndexOf('[') + 1)..^1];
        return inside.Length == 0 ? Array.Empty<string>() : inside.Split(' ');
    }

    /// <summary>The subset's reading path (<see cref="NameLookup.Run"/>): what the cache must answer.</summary>
    public static string Read(string directory, LookupKind kind, byte[] name, int family, long now, DebugLog log = default)
    {
        byte* path = NulTerminated(directory);
        var memory = new LookupMemory();
        string shown = Show(NameLookup.Run(path, new NameQuery(kind, name, family, now, log), ref memory));
        memory.Release();
        NativeMemory.Free(path);
        return shown;
    }

    /// <summary>The subset's reverse reading path (<see cref="AddressLookup.Run"/>).</summary>
    public static string ReadReverse(string directory, LookupKind kind, int family, byte[] address, long now, DebugLog log = default)
    {
        byte* path = NulTerminated(directory);
        var memory = new LookupMemory();
        string shown = Show(AddressLookup.Run(path, new AddressQuery(kind, new IpAddress(family, address), now, log), ref memory));
        memory.Release();
        NativeMemory.Free(path);
        return shown;
    }

    /// <summary>Today's reading path (<see cref="LeaseDirectory.Lookup"/>).</summary>
    public static string Today(string directory, LookupKind kind, byte[] name, int family, long now) =>
        Show(LeaseDirectory.Lookup(directory, kind, name, family, now, DecisionLog.Silent));

    public static string TodayReverse(string directory, LookupKind kind, int family, byte[] address, long now) =>
        Show(ReverseLookup.Lookup(directory, kind, family, address, now, DecisionLog.Silent));
}

/// <summary>
/// The debug lines a lookup writes with write(2) to its DebugLog's fd: here a temporary file, so
/// that a lookup writing more than a pipe holds cannot block (PipeCapture reads after the writer).
/// </summary>
internal static class DebugLines
{
    public static string[] Of(Action<DebugLog> run)
    {
        string path = Path.Combine(Path.GetTempPath(), $"libvirt-nss-debug-{Guid.NewGuid():N}");
        try
        {
            using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write))
                run(new DebugLog(true, (int)handle.DangerousGetHandle()));
            return File.ReadAllLines(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static bool Any(string[] lines, string fragment) => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal));

    public static string Join(string[] lines) => string.Join("\n", lines);
}

/// <summary>glibc's count of the bytes malloc has handed out and not had back (every arena: mallinfo2).</summary>
internal static class MallocInUse
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 Info();

    /// <summary>Bytes in use: small chunks (uordblks) and mmap'd ones (hblkhd).</summary>
    public static long Bytes()
    {
        MallInfo2 info = Info();
        return (long)info.Uordblks + (long)info.Hblkhd;
    }
}

/// <summary>
/// Waits until the directory and everything in it are settled for the new snapshot
/// (<see cref="FileVersion.SettledBefore"/>; a path that cannot be stat()ed, such as a dangling
/// link, counts as settled, as the snapshot counts it), so that a later lookup answers from a
/// snapshot rather than reading a freshly written file again.
/// </summary>
internal static unsafe class Settle
{
    public static void Wait(string directory)
    {
        while (true)
        {
            long now = FileVersion.WallClockNanoseconds();
            bool settled = IsSettled(directory, now);
            foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(directory))
                settled &= IsSettled(entry, now);
            if (settled)
                return;
            System.Threading.Thread.Sleep(10);
        }
    }

    private static bool IsSettled(string path, long now) => Version(path).SettledBefore(now);

    public static FileVersion Version(string path)
    {
        byte* nul = Answers.NulTerminated(path);
        FileVersion.TryGet(nul, out FileVersion version);
        NativeMemory.Free(nul);
        return version;
    }
}

/// <summary>Asserts that the new cache answers what both reading paths (and the reference resolver's cache, when given) answer.</summary>
internal static class SameAnswers
{
    public static void Forward(string context, string directory, LookupKind kind, byte[] name, int family, long now,
        params object[] caches) =>
        AllSame($"{context}: {kind} \"{Encoding.Latin1.GetString(name)}\" family {family} at {now}",
            "NameLookup.Run", Answers.Read(directory, kind, name, family, now),
            "LeaseDirectory.Lookup", Answers.Today(directory, kind, name, family, now),
            caches, cache => cache switch
            {
                NewCache snapshot => snapshot.Lookup(kind, name, family, now),
                LeaseCache old => Answers.Show(old.Lookup(kind, name, family, now, DecisionLog.Silent)),
                _ => throw new ArgumentException(cache.GetType().Name),
            });

    public static void Reverse(string context, string directory, LookupKind kind, int family, byte[] address, long now,
        params object[] caches) =>
        AllSame($"{context}: reverse {kind} {Convert.ToHexString(address)} family {family} at {now}",
            "AddressLookup.Run", Answers.ReadReverse(directory, kind, family, address, now),
            "ReverseLookup.Lookup", Answers.TodayReverse(directory, kind, family, address, now),
            caches, cache => cache switch
            {
                NewCache snapshot => snapshot.Reverse(kind, family, address, now),
                LeaseCache old => Answers.Show(old.Reverse(kind, family, address, now, DecisionLog.Silent)),
                _ => throw new ArgumentException(cache.GetType().Name),
            });

    /// <summary>Fails, listing every answer, unless the reading path's, the oracle's and each cache's are one.</summary>
    private static void AllSame(string lookup, string readName, string read, string referenceName, string reference, object[] caches,
        Func<object, string> answerOf)
    {
        var seen = new List<string> { $"{readName}: {read}", $"{referenceName}: {reference}" };
        bool same = read == reference;
        for (int i = 0; i < caches.Length; i++)
        {
            string answer = answerOf(caches[i]);
            seen.Add($"cache {i} ({caches[i].GetType().Name}): {answer}");
            same &= answer == read;
        }
        if (!same)
            Xunit.Assert.Fail($"{lookup}:\n  " + string.Join("\n  ", seen));
    }
}
