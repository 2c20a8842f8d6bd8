using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>Which lease key a property name is, as upstream decodes it: escapes, a NUL cut, any other name.</summary>
public sealed class StatusFileKeyTests
{
    [Theory]
    [InlineData("ip-address", "IpAddress")]
    [InlineData("mac-address", "MacAddress")]
    [InlineData("hostname", "Hostname")]
    [InlineData("expiry-time", "ExpiryTime")]
    [InlineData("client-id", "Other")]
    [InlineData("Hostname", "Other")]
    [InlineData("hostnames", "Other")]
    [InlineData("host", "Other")]
    [InlineData("", "Other")]
    [InlineData("hostname\0tail", "Hostname")]
    [InlineData("\\u0068ostname", "Hostname")]
    [InlineData("\\u0069p-address", "IpAddress")]
    [InlineData("\\u006dac-address", "MacAddress")]
    [InlineData("\\u0065xpiry-time", "ExpiryTime")]
    [InlineData("host\\u006eame", "Hostname")]
    [InlineData("ip-address\\u0000x", "IpAddress")]
    [InlineData("\\u0000", "Other")]
    public void A_property_name_is_the_key_it_decodes_to(string raw, string key) =>
        Assert.Equal(key, StatusFileReader.KeyOf(Encoding.UTF8.GetBytes(raw), raw.Contains('\\')).ToString());
}
