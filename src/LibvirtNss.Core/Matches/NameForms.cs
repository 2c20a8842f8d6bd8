using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Matches;

/// <summary>
/// The names a looked-up name stands for in one network.
/// Always the name itself, compared as upstream does (no trailing dot removed). When the
/// network's dnsmasq configuration names a domain D, also the name without a ".D" or ".D." suffix
/// (ASCII case-insensitive): with <c>domain=example.lan</c>, "vm1.example.lan" and
/// "vm1.example.lan." stand for "vm1" too. Every form is a prefix of the name, so a form is its
/// length.
/// </summary>
public static class NameForms
{
    /// <summary>The name without the suffix ".<paramref name="domain"/>" or ".<paramref name="domain"/>.".</summary>
    public static bool TryStripDomain(ReadOnlySpan<byte> name, ReadOnlySpan<byte> domain, out int bareLength)
    {
        bareLength = 0;
        if (domain.IsEmpty)
            return false;
        int length = !name.IsEmpty && name[name.Length - 1] == (byte)'.' ? name.Length - 1 : name.Length;
        int cut = length - domain.Length - 1;
        if (cut < 1 || name[cut] != (byte)'.' || !TextLineText.EqualsIgnoreCase(name.Slice(cut + 1, domain.Length), domain))
            return false;
        bareLength = cut;
        return true;
    }

    /// <summary>
    /// The lengths of the name's forms into <paramref name="lengths"/>: the name itself, then its
    /// bare form for each domain (<paramref name="domains"/> in <paramref name="text"/>), no two
    /// the same (ASCII case). Returns how many (at most <paramref name="lengths"/>' length).
    /// </summary>
    public static int Of(ReadOnlySpan<byte> name, ReadOnlySpan<byte> text, ReadOnlySpan<TextRange> domains, Span<int> lengths)
    {
        if (lengths.IsEmpty)
            return 0;
        lengths[0] = name.Length;
        int count = 1;
        for (int d = 0; d < domains.Length && count < lengths.Length; d++)
        {
            if (!TryStripDomain(name, text.Slice(domains[d].Start, domains[d].Length), out int bare))
                continue;
            bool known = false;
            for (int f = 0; f < count; f++)
                known |= TextLineText.EqualsIgnoreCase(name.Slice(0, lengths[f]), name.Slice(0, bare));
            if (!known)
                lengths[count++] = bare;
        }
        return count;
    }

    /// <summary>Whether <paramref name="candidate"/> is one of the forms (any ASCII case).</summary>
    public static bool MatchesAny(ReadOnlySpan<byte> candidate, ReadOnlySpan<byte> name, ReadOnlySpan<int> lengths)
    {
        for (int f = 0; f < lengths.Length; f++)
        {
            if (TextLineText.EqualsIgnoreCase(candidate, name.Slice(0, lengths[f])))
                return true;
        }
        return false;
    }

    /// <summary>The shortest of the forms (each a prefix of the name): it is in every one of them.</summary>
    public static int Shortest(ReadOnlySpan<int> lengths)
    {
        int shortest = int.MaxValue;
        for (int f = 0; f < lengths.Length; f++)
            shortest = lengths[f] < shortest ? lengths[f] : shortest;
        return lengths.IsEmpty ? 0 : shortest;
    }
}
