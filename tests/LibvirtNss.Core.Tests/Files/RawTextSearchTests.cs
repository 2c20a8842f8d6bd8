using System;
using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>The lookups' pre-filter must never say "absent" of a value that is there.</summary>
public class RawTextSearchTests
{
    private static bool Naive(byte[] text, byte[] needle)
    {
        static byte Fold(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b + 32) : b;
        for (int at = 0; at + needle.Length <= text.Length; at++)
        {
            int i = 0;
            while (i < needle.Length && Fold(text[at + i]) == Fold(needle[i]))
                i++;
            if (i == needle.Length)
                return true;
        }
        return false;
    }

    [Fact]
    public void AgreesWithAPlainScanOverSmallAlphabets()
    {
        var random = new Random(7);
        byte[] alphabet = Encoding.ASCII.GetBytes("aAvVgG-.:\"\\0");
        for (int n = 0; n < 20_000; n++)
        {
            var text = new byte[random.Next(0, 40)];
            var needle = new byte[random.Next(0, 5)];
            for (int i = 0; i < text.Length; i++) text[i] = alphabet[random.Next(alphabet.Length)];
            for (int i = 0; i < needle.Length; i++) needle[i] = alphabet[random.Next(alphabet.Length)];
            Assert.Equal(Naive(text, needle), RawTextSearch.ContainsIgnoreCase(text, needle));
        }
    }

    [Fact]
    public void FindsANameInAnyCaseAtEitherEnd()
    {
        Assert.True(RawTextSearch.ContainsIgnoreCase("VM1\",\"x"u8, "vm1"u8));
        Assert.True(RawTextSearch.ContainsIgnoreCase("\"hostname\":\"Vm1\""u8, "vM1"u8));
        Assert.False(RawTextSearch.ContainsIgnoreCase("\"hostname\":\"vm\""u8, "vm1"u8));
        Assert.True(RawTextSearch.MayHoldEscapes("\"v\\u006d1\""u8));
        Assert.False(RawTextSearch.MayHoldEscapes("\"vm1\""u8));
    }

    [Fact]
    public void The_common_bytes_are_the_bytes_of_libvirts_keys_addresses_and_times()
    {
        const string common = "abcdefhilmnoprstxy0123456789.:-\",{}[] ";
        for (int b = 0; b < 256; b++)
            Assert.True(common.Contains((char)b) == RawTextSearch.IsCommon((byte)b), $"byte {b}");
    }
}
