using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Matches;

/// <summary>
/// When a network's reserved host (a <c>&lt;dhcp&gt;&lt;host&gt;</c> line of its hostsfile, or a
/// <c>&lt;dns&gt;&lt;host&gt;</c> line of its addnhosts file) answers. It answers before the
/// guest's first lease and after any lease of the name: a reservation says where a guest is meant
/// to be, a lease where it is.
/// </summary>
public static class ReservedHostRule
{
    /// <summary><c>libvirt</c>: a host whose name is one of the asked name's forms in its network (<see cref="NameForms"/>).</summary>
    public static bool AnswersName(ReadOnlySpan<byte> hostName, ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths) =>
        !hostName.IsEmpty && NameForms.MatchesAny(hostName, name, formLengths);

    /// <summary><c>libvirt_guest</c>: a DHCP host whose MAC is one of the domain's MACs (in <paramref name="macText"/>).</summary>
    public static bool AnswersDomain(ReadOnlySpan<byte> hostMac, ReadOnlySpan<byte> macText, ReadOnlySpan<TextRange> domainMacs) =>
        !hostMac.IsEmpty && LeaseMatch.IndexOfMac(macText, domainMacs, hostMac) >= 0;

    /// <summary>A DHCP host whose MAC holds an unexpired lease is left out: that lease answers, where the guest is now.</summary>
    public static bool YieldsToLease(bool hasMac, bool macHoldsLiveLease) => hasMac && macHoldsLiveLease;
}
