using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The plain-text parsers never throw whatever the bytes, and the lines libvirt writes always
/// reserve what they say; a name with the network domain appended always stands for the name.
/// </summary>
public class DnsmasqFileProperties
{
    private static readonly Gen<byte> TextByte = Gen.OneOf(
        Gen.Choose(0, 255).Select(b => (byte)b),
        Gen.Elements(",:.[]=#\t \n\r0123456789abcdefinterfacedomainid".Select(c => (byte)c).ToArray()));

    private static readonly Gen<string> Label =
        Gen.Elements("vm", "web-01", "a", "db_2", "x9").ListOf().Select(parts => string.Join("", parts.Take(3)))
            .Where(s => s.Length > 0);

    [Property(MaxTest = 500)]
    public Property ArbitraryBytesNeverThrow() => Prop.ForAll(TextByte.ArrayOf().ToArbitrary(), bytes =>
    {
        var into = new List<Reservation>();
        DnsmasqConfParser.Parse(bytes, "x.conf", DecisionLog.Silent);
        DhcpHostsFileParser.Parse(bytes, "x.hostsfile", into, DecisionLog.Silent);
        AddnHostsFileParser.Parse(bytes, "x.addnhosts", into, DecisionLog.Silent);
        return into.All(r => HostNameText.IsAnswerable(r.Name) || r.Name.Length == 0);
    });

    [Property(MaxTest = 300)]
    public Property LibvirtDhcpHostLinesReserveTheirAddress() => Prop.ForAll(
        (from name in Label
         from a in Gen.Choose(0, 255)
         from b in Gen.Choose(1, 254)
         from shape in Gen.Choose(0, 4)
         select (name, ip: $"192.168.{a}.{b}", shape)).ToArbitrary(),
        t =>
        {
            string mac = "52:54:00:12:34:56";
            string line = t.shape switch
            {
                0 => $"{mac},{t.ip},{t.name}",
                1 => $"{t.name},{t.ip}",
                2 => $"{mac},{t.ip},{t.name},infinite",
                3 => $"{t.name},{t.ip},90m",
                _ => $"{t.name},[fd00::{t.ip.GetHashCode() & 0xffff:x}]",
            };
            var into = new List<Reservation>();
            DhcpHostsFileParser.Parse(Encoding.ASCII.GetBytes(line), "x", into, DecisionLog.Silent);
            return into.Count == 1 && Encoding.ASCII.GetString(into[0].Name) == t.name
                   && (t.shape == 4 || into[0].Address.ToString() == t.ip);
        });

    [Property(MaxTest = 300)]
    public Property ANameInTheNetworkDomainStandsForTheBareName() => Prop.ForAll(
        (from bare in Label from domain in Label from dot in Gen.Elements("", ".") select (bare, domain: domain + ".lan", dot)).ToArbitrary(),
        t =>
        {
            List<byte[]> forms = QueryName.Forms(Encoding.ASCII.GetBytes($"{t.bare}.{t.domain.ToUpperInvariant()}{t.dot}"),
                new[] { Encoding.ASCII.GetBytes(t.domain) });
            return QueryName.MatchesAny(Encoding.ASCII.GetBytes(t.bare), forms)
                   && !QueryName.MatchesAny(Encoding.ASCII.GetBytes(t.bare + "x"), forms);
        });
}
