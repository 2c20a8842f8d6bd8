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
    /// <summary>The name without the suffix ".<paramref name="domain"/>" or ".<paramref name="domain"/>.".</summary>
    public static bool TryStripDomain(ReadOnlySpan<byte> name, ReadOnlySpan<byte> domain, out ReadOnlySpan<byte> bare)
    {
        bare = default;
        if (domain.IsEmpty)
            return false;
        ReadOnlySpan<byte> withoutDot = !name.IsEmpty && name[^1] == (byte)'.' ? name[..^1] : name;
        int cut = withoutDot.Length - domain.Length - 1;
        if (cut < 1 || withoutDot[cut] != (byte)'.' || !AsciiText.EqualsIgnoreCase(withoutDot[(cut + 1)..], domain))
            return false;
        bare = withoutDot[..cut];
        return true;
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
