using System;
using System.Collections.Generic;
using System.IO;

namespace LibvirtNss.Core;

/// <summary>
/// The files of libvirt's dnsmasq directory the module reads, by kind, in directory order.
/// libvirt names them (bridge_driver.c, virdnsmasq.c, virmacmap.c, leaseshelper.c):
/// <c>&lt;bridge&gt;.status</c> (leases), <c>&lt;bridge&gt;.macs</c> (domain MACs),
/// <c>&lt;network&gt;.conf</c> (dnsmasq configuration), <c>&lt;network&gt;.hostsfile</c> and
/// <c>&lt;network&gt;.addnhosts</c> (reserved hosts).
/// </summary>
public sealed class DirectoryListing
{
    public List<string> Status { get; } = new();
    public List<string> Macs { get; } = new();
    public List<string> Conf { get; } = new();
    public List<string> Hostsfile { get; } = new();
    public List<string> Addnhosts { get; } = new();

    /// <summary>Files the module does not read are left out.</summary>
    public void Add(string path)
    {
        if (path.EndsWith(".status", StringComparison.Ordinal)) Status.Add(path);
        else if (path.EndsWith(".macs", StringComparison.Ordinal)) Macs.Add(path);
        else if (path.EndsWith(".conf", StringComparison.Ordinal)) Conf.Add(path);
        else if (path.EndsWith(".hostsfile", StringComparison.Ordinal)) Hostsfile.Add(path);
        else if (path.EndsWith(".addnhosts", StringComparison.Ordinal)) Addnhosts.Add(path);
    }

    /// <summary>"virbr0" for ".../virbr0.status", "default" for ".../default.conf".</summary>
    public static string BaseName(string path) => Path.GetFileNameWithoutExtension(path);
}
