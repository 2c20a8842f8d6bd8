using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>Which leases belong to the asked name.</summary>
public abstract class LeaseQuery
{
    public abstract bool Matches(in LeaseEntry entry);

    /// <summary>The <c>libvirt</c> module: the DHCP hostname the guest sent, any ASCII case.</summary>
    public static LeaseQuery ByHostname(byte[] name) => new HostnameQuery(name);

    /// <summary>The <c>libvirt</c> module with a name's forms in one network (<see cref="QueryName"/>).</summary>
    public static LeaseQuery ByHostnames(List<byte[]> forms) =>
        forms.Count == 1 ? new HostnameQuery(forms[0]) : new HostnameFormsQuery(forms);

    /// <summary>The <c>libvirt_guest</c> module: the MACs of a libvirt domain, any ASCII case.</summary>
    public static LeaseQuery ByMacs(IReadOnlyList<byte[]> macs) => new MacQuery(macs);

    private sealed class HostnameQuery(byte[] name) : LeaseQuery
    {
        public override bool Matches(in LeaseEntry entry) =>
            entry.HasHostname && AsciiText.EqualsIgnoreCase(entry.Hostname, name);
    }

    private sealed class HostnameFormsQuery(List<byte[]> forms) : LeaseQuery
    {
        public override bool Matches(in LeaseEntry entry) =>
            entry.HasHostname && QueryName.MatchesAny(entry.Hostname, forms);
    }

    private sealed class MacQuery(IReadOnlyList<byte[]> macs) : LeaseQuery
    {
        public override bool Matches(in LeaseEntry entry)
        {
            if (entry.MacAddress.IsEmpty)
                return false;   // a lease without a MAC is no domain's
            foreach (byte[] mac in macs)
            {
                if (AsciiText.EqualsIgnoreCase(entry.MacAddress, mac))
                    return true;
            }
            return false;
        }
    }
}
