using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The addresses of dnsmasq's host files: a strict dotted quad, or colon text as .NET's IPAddress
/// parser accepts it over hex digits, ':' and '.', read without IPAddress. At most 45 bytes.
/// <list type="bullet">
/// <item>IPv4: four decimal numbers 0-255 separated by '.', 1 to 3 digits, no leading zero ("10.1",
/// "0x0a.0.0.1", "01.2.3.4" are refused).</item>
/// <item>IPv6: up to eight groups of 1 to 4 hex digits separated by ':'; one "::" stands for one or
/// more zero groups; text may start with ':' only as "::"; the last two groups may be an embedded
/// dotted quad. The embedded quad follows .NET's canonical rule, which is looser than inet_pton's in
/// its last number: a single leading zero is allowed there ("::1.2.3.01", "::1.2.3.0255"), "00" is not.</item>
/// </list>
/// </summary>
public static class ReservedAddressText
{
    public const int MaxLength = 45;

    private const int Groups = 8;

    /// <summary>The family and address of <paramref name="text"/>.</summary>
    public static unsafe bool TryParse(ReadOnlySpan<byte> text, out IpAddress address)
    {
        address = default;
        // One buffer seen writable and read-only through the pointer constructors, without the
        // Span-to-ReadOnlySpan conversion (not in the subset's library).
        byte* raw = stackalloc byte[16];
        var bytes = new Span<byte>(raw, 16);
        bytes.Clear();
        if (!TryParse(text, out int family, bytes))
            return false;
        address = new IpAddress(family, new ReadOnlySpan<byte>(raw, 16));
        return true;
    }

    /// <summary>Writes the address (4 or 16 bytes) into <paramref name="address"/>, at least 16 bytes long.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out int family, Span<byte> address)
    {
        family = AddressFamilies.Unspecified;
        if (text.IsEmpty || text.Length > MaxLength)
            return false;
        if (text.IndexOf((byte)':') >= 0)
        {
            if (!TryParseColonText(text, address))
                return false;
            family = AddressFamilies.Inet6;
            return true;
        }
        if (!TryParseDottedQuad(text, address))
            return false;
        family = AddressFamilies.Inet;
        return true;
    }

    /// <summary>Four decimal numbers, 1 to 3 digits, no leading zero, each at most 255 (inet_pton's rule).</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, Span<byte> address)
    {
        int part = 0, value = 0, digits = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'.')
            {
                if (digits == 0 || part == 3)
                    return false;
                address[part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else if (b >= (byte)'0' && b <= (byte)'9')
            {
                if (digits > 0 && value == 0)
                    return false;
                value = value * 10 + (b - (byte)'0');
                digits++;
                if (digits > 3 || value > 255)
                    return false;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || part != 3)
            return false;
        address[3] = (byte)value;
        return true;
    }

    private static bool TryParseColonText(ReadOnlySpan<byte> text, Span<byte> address)
    {
        Span<int> groups = stackalloc int[Groups];
        int count = 0;
        int compressorAt = -1;      // groups before the "::", if there is one
        bool expectingNumber = true; // after a single ':', a group must follow
        int length = text.Length;

        // Starting with ':' is only valid as "::".
        if (text[0] == (byte)':' && (length < 2 || text[1] != (byte)':'))
            return false;

        int i = 0;
        while (i < length)
        {
            byte b = text[i];
            int digit = HexValue(b);
            if (digit >= 0)
            {
                int runStart = i;
                int value = 0;
                while (i < length && (digit = HexValue(text[i])) >= 0)
                {
                    if (i - runStart >= 4)
                        return false; // more than four hex digits
                    value = value * 16 + digit;
                    i++;
                }
                if (i < length && text[i] == (byte)'.')
                {
                    // The run starts an embedded dotted quad, which must end the text.
                    if (count > Groups - 2 || !TryParseEmbeddedQuad(text.Slice(runStart), out uint quad))
                        return false;
                    groups[count++] = (int)(quad >> 16);
                    groups[count++] = (int)(quad & 0xffff);
                    expectingNumber = false;
                    break;
                }
                if (count == Groups)
                    return false;
                groups[count++] = value;
                expectingNumber = false;
                continue;
            }
            if (b != (byte)':')
                return false; // '.' not right after a run of digits, or any other byte
            if (i > 0 && text[i - 1] == (byte)':')
            {
                if (compressorAt >= 0)
                    return false; // a second "::"
                compressorAt = count;
                expectingNumber = false;
            }
            else
            {
                expectingNumber = true;
            }
            i++;
        }

        if (expectingNumber || (compressorAt >= 0 ? count >= Groups : count != Groups))
            return false;

        int zeros = Groups - count;
        int at = 0;
        for (int g = 0; g < count; g++)
        {
            if (g == compressorAt)
                at += zeros;
            address[2 * (at + g)] = (byte)(groups[g] >> 8);
            address[2 * (at + g) + 1] = (byte)groups[g];
        }
        for (int z = 0; z < zeros; z++)
        {
            int g = (compressorAt < 0 ? count : compressorAt) + z;
            address[2 * g] = 0;
            address[2 * g + 1] = 0;
        }
        return true;
    }

    /// <summary>
    /// The dotted quad that ends IPv6 text, as .NET checks it: four decimal numbers at most 255;
    /// "00" never starts a number; a number other than the last may start with '0' only as "0".
    /// </summary>
    private static bool TryParseEmbeddedQuad(ReadOnlySpan<byte> text, out uint quad)
    {
        quad = 0;
        int dots = 0, number = 0;
        bool haveNumber = false, firstIsZero = false;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                if (!haveNumber && b == (byte)'0')
                {
                    if (i + 1 < text.Length && text[i + 1] == (byte)'0')
                        return false;
                    firstIsZero = true;
                }
                haveNumber = true;
                number = number * 10 + (b - (byte)'0');
                if (number > 255)
                    return false;
            }
            else if (b == (byte)'.')
            {
                if (!haveNumber || (number > 0 && firstIsZero) || dots == 3)
                    return false;
                quad = (quad << 8) | (uint)number;
                dots++;
                haveNumber = false;
                number = 0;
                firstIsZero = false;
            }
            else
            {
                return false;
            }
        }
        if (dots != 3 || !haveNumber)
            return false;
        quad = (quad << 8) | (uint)number;
        return true;
    }

    private static int HexValue(byte b)
    {
        if (b >= (byte)'0' && b <= (byte)'9')
            return b - (byte)'0';
        if (b >= (byte)'a' && b <= (byte)'f')
            return b - (byte)'a' + 10;
        if (b >= (byte)'A' && b <= (byte)'F')
            return b - (byte)'A' + 10;
        return -1;
    }
}
