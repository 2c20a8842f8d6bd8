using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// The names a looked-up name stands for in one network. Always the name itself, compared as
/// upstream does (no trailing dot removed). When the network's dnsmasq configuration names a
/// domain D, also the name without a ".D" or ".D." suffix (ASCII case-insensitive): in a network
/// with <c>domain=example.lan</c>, "vm1.example.lan" and "vm1.example.lan." stand for "vm1" too.
/// A name that is only the domain, or another suffix, stands for nothing more.
/// </summary>
public static class QueryName
{
    /// <summary>The name without the suffix ".<paramref name="domain"/>" or ".<paramref name="domain"/>." (the subset's rule, Matches/NameForms.cs).</summary>
    public static bool TryStripDomain(ReadOnlySpan<byte> name, ReadOnlySpan<byte> domain, out ReadOnlySpan<byte> bare)
    {
        bool stripped = Matches.NameForms.TryStripDomain(name, domain, out int length);
        bare = stripped ? name[..length] : default;
        return stripped;
    }

    /// <summary>The name itself, then its bare forms for each of <paramref name="domains"/> (no duplicates).</summary>
    public static List<byte[]> Forms(byte[] name, IReadOnlyList<byte[]> domains)
    {
        var forms = new List<byte[]> { name };
        foreach (byte[] domain in domains)
        {
            if (!TryStripDomain(name, domain, out ReadOnlySpan<byte> bare))
                continue;
            bool known = false;
            foreach (byte[] form in forms)
                known |= AsciiText.EqualsIgnoreCase(form, bare);
            if (!known)
                forms.Add(bare.ToArray());
        }
        return forms;
    }

    public static bool MatchesAny(ReadOnlySpan<byte> candidate, List<byte[]> forms)
    {
        foreach (byte[] form in forms)
        {
            if (AsciiText.EqualsIgnoreCase(candidate, form))
                return true;
        }
        return false;
    }
}
