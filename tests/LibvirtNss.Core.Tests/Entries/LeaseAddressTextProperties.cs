using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Entries;
using Xunit;

namespace LibvirtNss.Core.Tests.Entries;

/// <summary>
/// The subset's lease address parser against the reference resolver's (IpAddressText, over .NET's IPAddress):
/// the same acceptance and the same bytes for generated address-like text.
/// </summary>
public class LeaseAddressTextProperties
{
    private static readonly Gen<string> Part4 = Gen.OneOf(
        Gen.Choose(0, 300).Select(n => n.ToString()),
        Gen.Choose(0, 255).Select(n => "0" + Convert.ToString(n, 8)),
        Gen.Choose(0, 70000).Select(n => "0x" + n.ToString("x")),
        Gen.Elements("", "0", "00", "0x", "08", "4294967295", "4294967296", "0xffffffff", "16777216", "65536", "a"));

    private static readonly Gen<string> Inet4 = Gen.Choose(1, 5).SelectMany(n => Part4.ArrayOf(n)).Select(p => string.Join(".", p));

    private static readonly Gen<string> Group = Gen.OneOf(
        Gen.Choose(0, 0xffff).Select(n => n.ToString("x")),
        Gen.Choose(0, 0xffff).Select(n => n.ToString("X4")),
        Gen.Elements("", "0", "00000", "12345", "g", "1.2.3.4", "255.255.255.255", "1.2.3", "256.1.1.1", "01.2.3.4"));

    private static readonly Gen<string> Inet6 = Gen.Choose(1, 10).SelectMany(n => Group.ArrayOf(n)).Select(g => string.Join(":", g))
        .SelectMany(s => Gen.Elements(s, "::" + s, s + "::", s.Replace("::", ":"), s + "%eth0", s + "%", s + "%1", s + "%a/64", s + "%]", s + "%\u00e9"));

    private static readonly Gen<string> Noise =
        Gen.Elements("0123456789abcdefABCDEFxX.:%[]g -".ToCharArray()).ArrayOf().Select(c => new string(c));

    private static readonly Arbitrary<string> Texts = Gen.Frequency((3, Inet4), (4, Inet6), (2, Noise),
        (1, Gen.Elements("::", "::1", "1::", ":::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4", "1::1.2.3.4", "fe80::1%lo", "[::1]", ":1", "1:",
            "1.2.3.4", "127.1", "10.0x1.1", "0", "0x", "1.2.3.4.", ".1.2.3"))).ToArbitrary();

    /// <summary>Every "ip-address" of the status files the other tests replay (fuzz corpus, upstream's nssdata).</summary>
    [Fact]
    public void Same_for_every_address_of_the_replayed_status_files()
    {
        int compared = 0;
        foreach (string folder in new[] { "fuzz-corpus", "nssdata" })
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(AppContext.BaseDirectory, folder),
                         "*.status", System.IO.SearchOption.AllDirectories))
            {
                LeaseFileParser.Parse(System.IO.File.ReadAllBytes(path), path, (in LeaseEntry entry) =>
                {
                    var referenceBytes = new byte[16];
                    bool reference = IpAddressText.TryParse(entry.IpAddress, out int family, referenceBytes);
                    Assert.Equal(reference, LeaseAddressText.TryParse(entry.IpAddress, out IpAddress address));
                    if (reference)
                    {
                        var bytes = new byte[16];
                        address.CopyTo(bytes);
                        Assert.Equal(family, address.Family);
                        Assert.Equal(referenceBytes.Take(address.Length), bytes.Take(address.Length));
                    }
                    compared++;
                }, DecisionLog.Silent);
            }
        }
        Assert.True(compared > 10, $"only {compared} addresses compared");
    }

    [Property(MaxTest = 20000)]
    public Property Same_acceptance_and_bytes_as_the_reference() => Prop.ForAll(Texts, text =>
    {
        byte[] utf8 = Encoding.ASCII.GetBytes(text);
        var referenceBytes = new byte[16];
        bool reference = IpAddressText.TryParse(utf8, out int family, referenceBytes);
        bool subset = LeaseAddressText.TryParse(utf8, out IpAddress address);
        Assert.True(reference == subset, $"{text}: reference {reference}, subset {subset}");
        if (!reference)
            return;
        Assert.Equal(family, address.Family);
        var bytes = new byte[16];
        address.CopyTo(bytes);
        Assert.Equal(referenceBytes.Take(address.Length), bytes.Take(address.Length));
    });
}
