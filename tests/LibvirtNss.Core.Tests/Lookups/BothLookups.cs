using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// One lookup through the oracle (LeaseDirectory.Lookup, ReverseLookup.Lookup) and through Core
/// (NameLookup.Run, AddressLookup.Run), each put into one comparable form: the outcome by the
/// oracle's names, errno, the addresses (family and bytes) or names (bytes) in order. Answers are
/// compared, not the wording of debug lines, which say what each decided in its own words (they
/// are kept to be shown when answers differ). Core also runs with a silent log: a line composed or
/// not must never change an answer.
/// </summary>
internal static unsafe class BothLookups
{
    /// <summary>What one world answered; two answers are equal when outcome, errno and values are (in order), whatever their debug lines.</summary>
    public sealed record Answer(string Outcome, int Errno, string[] Values, string[] Lines)
    {
        public bool Equals(Answer? other) =>
            other is not null && Outcome == other.Outcome && Errno == other.Errno && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => HashCode.Combine(Outcome, Errno, Values.Length);

        public override string ToString() =>
            $"{Outcome} errno {Errno} [{string.Join(", ", Values)}]" + string.Concat(Lines.Select(l => "\n    " + l));
    }

    public static string Address(int family, ReadOnlySpan<byte> bytes) =>
        $"{family}:{Convert.ToHexString(bytes[..AddressFamilies.AddressLength(family)])}";

    private static string Name(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static string[] OldLines(List<string> lines) => lines.Select(l => "libvirt-nss: " + l).ToArray();

    private static string[] NewLines(byte[] written)
    {
        string text = Encoding.Latin1.GetString(written);
        if (text.Length > 0 && !text.EndsWith('\n'))
            throw new InvalidOperationException("the subset's debug output does not end a line");
        return text.Length == 0 ? Array.Empty<string>()
            : text[..^1].Split('\n');
    }

    private static string OutcomeOf(LookupStatus status) => status == LookupStatus.Found ? nameof(LookupOutcome.Addresses) : status.ToString();

    private static byte[] CPath(string directory) => Encoding.UTF8.GetBytes(directory + "\0");

    public static Answer OldForward(string directory, LookupKind kind, byte[] name, int family, long now)
    {
        var lines = new List<string>();
        LookupResult result = LeaseDirectory.Lookup(directory, kind, name, family, now, new DecisionLog(lines.Add));
        var bytes = new byte[16];
        string[] values = result.Addresses.Select(a => { a.CopyTo(bytes); return Address(a.Family, bytes); }).ToArray();
        return new Answer(result.Outcome.ToString(), result.Errno, values, OldLines(lines));
    }

    public static Answer NewForward(string directory, LookupKind kind, byte[] name, int family, long now, bool logged = true)
    {
        byte[] path = CPath(directory);
        Answer? answer = null;
        byte[] written = FdCapture.Captured(fd =>
        {
            var memory = new LookupMemory();
            fixed (byte* p = path)
            {
                ForwardAnswer found = NameLookup.Run(p, new NameQuery(kind, name, family, now, new DebugLog(logged, fd)), ref memory);
                var values = new string[found.Count];
                var bytes = new byte[16];
                for (int i = 0; i < found.Count; i++)
                {
                    found.Addresses[i].CopyTo(bytes);
                    values[i] = Address(found.Addresses[i].Family, bytes);
                }
                answer = new Answer(OutcomeOf(found.Status), found.Errno, values, Array.Empty<string>());
            }
            memory.Release();
        });
        return answer! with { Lines = NewLines(written) };
    }

    public static Answer OldReverse(string directory, LookupKind kind, int family, byte[] address, long now)
    {
        var lines = new List<string>();
        ReverseResult result = ReverseLookup.Lookup(directory, kind, family, address, now, new DecisionLog(lines.Add));
        return new Answer(result.Outcome.ToString(), result.Errno, result.Names.Select(n => Name(n)).ToArray(), OldLines(lines));
    }

    public static Answer NewReverse(string directory, LookupKind kind, int family, byte[] address, long now, bool logged = true)
    {
        byte[] path = CPath(directory);
        Answer? answer = null;
        byte[] written = FdCapture.Captured(fd =>
        {
            var memory = new LookupMemory();
            fixed (byte* p = path)
            {
                ReverseAnswer found = AddressLookup.Run(p, new AddressQuery(kind, new IpAddress(family, address), now, new DebugLog(logged, fd)), ref memory);
                var text = new ReadOnlySpan<byte>(found.Text, found.TextLength);
                var values = new string[found.Count];
                for (int i = 0; i < found.Count; i++)
                {
                    TextRange range = found.Names[i];
                    values[i] = Name(text.Slice(range.Start, range.Length));
                }
                answer = new Answer(OutcomeOf(found.Status), found.Errno, values, Array.Empty<string>());
            }
            memory.Release();
        });
        return answer! with { Lines = NewLines(written) };
    }
}
