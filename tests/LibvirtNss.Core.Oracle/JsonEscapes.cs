using System;

namespace LibvirtNss.Core;

/// <summary>
/// Turns the raw bytes of a JSON string (between the quotes, already checked by
/// <see cref="System.Text.Json.Utf8JsonReader"/>) into the bytes upstream's module compares, which
/// are what yajl 2.1 (Debian's libyajl2) decodes and libvirt then copies as a C string:
/// <list type="bullet">
/// <item>a high surrogate escape followed by another <c>\u</c> escape is combined with it by yajl's
/// formula; a lone high surrogate becomes <c>?</c>; any other <c>\uXXXX</c> is UTF-8 encoded as is
/// (a lone low surrogate too), so decoding never fails;</item>
/// <item>the value ends at its first NUL byte (<c>"vm\u0000x"</c> is <c>vm</c>), as libvirt's strndup
/// of the value stops there.</item>
/// </list>
/// </summary>
public static class JsonEscapes
{
    public static ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> raw, bool isEscaped)
    {
        if (!isEscaped)
            return UpToNul(raw);

        var decoded = new byte[raw.Length];  // every escape decodes to no more bytes than it takes
        int length = 0;
        int i = 0;
        while (i < raw.Length)
        {
            byte b = raw[i];
            if (b != (byte)'\\' || i + 1 >= raw.Length)
            {
                decoded[length++] = b;
                i++;
                continue;
            }
            byte kind = raw[i + 1];
            i += 2;
            switch (kind)
            {
                case (byte)'b': decoded[length++] = (byte)'\b'; break;
                case (byte)'f': decoded[length++] = (byte)'\f'; break;
                case (byte)'n': decoded[length++] = (byte)'\n'; break;
                case (byte)'r': decoded[length++] = (byte)'\r'; break;
                case (byte)'t': decoded[length++] = (byte)'\t'; break;
                case (byte)'u':
                    uint codepoint = Hex4(raw, i);
                    i += 4;
                    if ((codepoint & 0xFC00) == 0xD800)
                    {
                        if (i + 1 < raw.Length && raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u')
                        {
                            uint surrogate = Hex4(raw, i + 2);
                            codepoint = ((codepoint & 0x3F) << 10) | ((((codepoint >> 6) & 0xF) + 1) << 16) | (surrogate & 0x3FF);
                            i += 6;
                        }
                        else
                        {
                            decoded[length++] = (byte)'?';
                            break;
                        }
                    }
                    length += Utf8(codepoint, decoded.AsSpan(length));
                    break;
                default:  // '"', '\\' and '/' stand for themselves
                    decoded[length++] = kind;
                    break;
            }
        }
        return UpToNul(decoded.AsSpan(0, length));
    }

    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return nul < 0 ? value : value[..nul];
    }

    private static uint Hex4(ReadOnlySpan<byte> raw, int at)
    {
        uint value = 0;
        for (int k = at; k < at + 4 && k < raw.Length; k++)
        {
            byte c = raw[k];
            uint digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => (uint)(c - '0'),
                >= (byte)'a' and <= (byte)'f' => (uint)(c - 'a' + 10),
                >= (byte)'A' and <= (byte)'F' => (uint)(c - 'A' + 10),
                _ => 0,
            };
            value = (value << 4) | digit;
        }
        return value;
    }

    /// <summary>yajl's Utf32toUtf8: at most 4 bytes, '?' beyond 0x1FFFFF (the formula stays below).</summary>
    private static int Utf8(uint codepoint, Span<byte> to)
    {
        if (codepoint < 0x80)
        {
            to[0] = (byte)codepoint;
            return 1;
        }
        if (codepoint < 0x800)
        {
            to[0] = (byte)((codepoint >> 6) | 0xC0);
            to[1] = (byte)((codepoint & 0x3F) | 0x80);
            return 2;
        }
        if (codepoint < 0x10000)
        {
            to[0] = (byte)((codepoint >> 12) | 0xE0);
            to[1] = (byte)(((codepoint >> 6) & 0x3F) | 0x80);
            to[2] = (byte)((codepoint & 0x3F) | 0x80);
            return 3;
        }
        if (codepoint < 0x200000)
        {
            to[0] = (byte)((codepoint >> 18) | 0xF0);
            to[1] = (byte)(((codepoint >> 12) & 0x3F) | 0x80);
            to[2] = (byte)(((codepoint >> 6) & 0x3F) | 0x80);
            to[3] = (byte)((codepoint & 0x3F) | 0x80);
            return 4;
        }
        to[0] = (byte)'?';
        return 1;
    }
}
