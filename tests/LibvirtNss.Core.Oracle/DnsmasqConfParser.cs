using System;
using System.Collections.Generic;
using System.Text;

namespace LibvirtNss.Core;

/// <summary>
/// Reads the two settings the module needs from a dnsmasq configuration file libvirt wrote
/// (bridge_driver.c, networkDnsmasqConfContents): <c>interface=virbr0</c> and
/// <c>domain=example.lan</c>. dnsmasq's own syntax is followed where libvirt's users may add
/// lines (<c>&lt;dnsmasq:options&gt;</c>): comments start with '#', blanks around the option and
/// the value are ignored, <c>interface=</c> may list several names separated by commas, and
/// <c>domain=NAME,RANGE[,local]</c> keeps only NAME. Anything else is ignored; a value that is
/// not a plausible name is skipped with a debug line. At most <see cref="MaxValues"/> of each.
/// </summary>
public static class DnsmasqConfParser
{
    public const int MaxValues = 16;

    /// <summary>Linux interface names are at most 15 bytes (IFNAMSIZ - 1).</summary>
    private const int MaxInterfaceLength = 15;

    public static NetworkConfig Parse(ReadOnlySpan<byte> contents, string source, DecisionLog log)
    {
        var interfaces = new List<string>();
        var domains = new List<byte[]>();
        foreach (ReadOnlySpan<byte> raw in new TextLines(contents))
        {
            ReadOnlySpan<byte> line = TextLines.Trim(raw);
            if (line.IsEmpty || line[0] == (byte)'#')
                continue;
            int equals = line.IndexOf((byte)'=');
            if (equals < 0)
                continue;
            ReadOnlySpan<byte> option = TextLines.Trim(line[..equals]);
            ReadOnlySpan<byte> value = TextLines.Trim(line[(equals + 1)..]);
            if (option.SequenceEqual("interface"u8))
                AddInterfaces(value, interfaces, source, log);
            else if (option.SequenceEqual("domain"u8))
                AddDomain(value, domains, source, log);
        }
        if (log.Enabled)
            log.Write($"{source}: interfaces [{string.Join(", ", interfaces)}], {domains.Count} domains");
        return new NetworkConfig(interfaces, domains);
    }

    private static void AddInterfaces(ReadOnlySpan<byte> value, List<string> interfaces, string source, DecisionLog log)
    {
        foreach (Range part in value.Split((byte)','))
        {
            ReadOnlySpan<byte> name = TextLines.Trim(value[part]);
            if (interfaces.Count >= MaxValues)
                return;
            if (!IsInterfaceName(name))
            {
                if (log.Enabled) log.Write($"{source}: interface {AsciiText.Printable(name)} skipped: not an interface name");
                continue;
            }
            string text = Encoding.ASCII.GetString(name);
            if (!interfaces.Contains(text))
                interfaces.Add(text);
        }
    }

    private static void AddDomain(ReadOnlySpan<byte> value, List<byte[]> domains, string source, DecisionLog log)
    {
        int comma = value.IndexOf((byte)',');
        ReadOnlySpan<byte> domain = TextLines.Trim(comma < 0 ? value : value[..comma]);
        if (!domain.IsEmpty && domain[^1] == (byte)'.')
            domain = domain[..^1];
        if (domains.Count >= MaxValues)
            return;
        if (!HostNameText.IsAnswerable(domain) || domain[0] == (byte)'.' || domain.IndexOf(".."u8) >= 0)
        {
            if (log.Enabled) log.Write($"{source}: domain {AsciiText.Printable(domain)} skipped: not a domain name");
            return;
        }
        foreach (byte[] known in domains)
        {
            if (AsciiText.EqualsIgnoreCase(known, domain))
                return;
        }
        domains.Add(domain.ToArray());
    }

    /// <summary>What the kernel accepts as an interface name, and no path separator.</summary>
    private static bool IsInterfaceName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxInterfaceLength || name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            return false;
        foreach (byte b in name)
        {
            if (b <= (byte)' ' || b >= 0x7f || b is (byte)'/' or (byte)':' or (byte)'*')
                return false;
        }
        return true;
    }
}
