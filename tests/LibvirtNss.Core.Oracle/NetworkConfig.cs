using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// What the module reads from a network's dnsmasq configuration (<c>&lt;network&gt;.conf</c>):
/// the interfaces dnsmasq serves (libvirt writes <c>interface=&lt;bridge&gt;</c>, which names the
/// network's <c>&lt;bridge&gt;.status</c> and <c>&lt;bridge&gt;.macs</c>) and the DNS domains
/// (<c>domain=</c>, from the network's <c>&lt;domain name=.../&gt;</c>), without a trailing dot.
/// </summary>
public sealed class NetworkConfig
{
    public static readonly NetworkConfig Empty = new(new List<string>(), new List<byte[]>());

    public NetworkConfig(List<string> interfaces, List<byte[]> domains)
    {
        Interfaces = interfaces;
        Domains = domains;
    }

    public List<string> Interfaces { get; }

    public List<byte[]> Domains { get; }
}
