namespace LibvirtNss.Core;

/// <summary>The two module names: one binary, two ways to match a name.</summary>
public enum LookupKind
{
    /// <summary><c>libvirt</c>: the hostname the guest sent with its DHCP request.</summary>
    Hostname,

    /// <summary><c>libvirt_guest</c>: the libvirt domain name, through its MACs in <c>*.macs</c>.</summary>
    DomainName,
}
