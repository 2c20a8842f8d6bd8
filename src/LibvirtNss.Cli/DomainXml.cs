using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace LibvirtNss.Cli;

/// <summary>The NICs of a domain's live XML (virDomainGetXMLDesc), as the publisher needs them.</summary>
internal static class DomainXml
{
    /// <summary>
    /// Each <c>&lt;devices&gt;&lt;interface&gt;</c> with a MAC, in document order. The host interface
    /// is the source's <c>bridge</c> (type bridge, and type network, whose live XML names the
    /// network's bridge) or its <c>dev</c> (type direct: the macvtap's parent device); none for the
    /// other types. An XML that does not parse gives no NIC.
    /// </summary>
    public static List<GuestNic> Interfaces(string domain, string xml)
    {
        var nics = new List<GuestNic>();
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            return nics;
        }
        IEnumerable<XElement> interfaces = document.Root?.Element("devices")?.Elements("interface") ?? Enumerable.Empty<XElement>();
        foreach (XElement nic in interfaces)
        {
            string? mac = nic.Element("mac")?.Attribute("address")?.Value;
            if (string.IsNullOrEmpty(mac))
                continue;
            string type = nic.Attribute("type")?.Value ?? "";
            XElement? source = nic.Element("source");
            string? host = type switch
            {
                "bridge" => source?.Attribute("bridge")?.Value,
                // A network of macvtap devices names the parent device rather than a bridge.
                "network" => source?.Attribute("bridge")?.Value ?? source?.Attribute("dev")?.Value,
                "direct" => source?.Attribute("dev")?.Value,
                _ => null,
            };
            nics.Add(new GuestNic(domain, mac.ToLowerInvariant(), type, string.IsNullOrEmpty(host) ? null : host));
        }
        return nics;
    }
}
