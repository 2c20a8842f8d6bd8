using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// Byte-level helpers shared by the file readers: string decoding as upstream's module sees it
/// (yajl's escapes, the string cut at its first NUL), without a
/// buffer of its own; integers as Utf8JsonReader.TryGetInt64 reads them; blanks; bad literals.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// Decodes <paramref name="raw"/> into <paramref name="into"/> (a decoded string never takes more
    /// bytes than its raw form, so <c>raw.Length</c> is always room enough).
    /// </summary>
    /// <returns>The decoded length, up to the first NUL; -1 when <paramref name="into"/> is too small.</returns>
    public static int Decode(ReadOnlySpan<byte> raw, bool isEscaped, Span<byte> into)
    {
        int length = 0;
        if (!isEscaped)
        {
            int nul = raw.IndexOf((byte)0);
            int take = nul < 0 ? raw.Length : nul;
            if (take > into.Length)
                return -1;
            raw.Slice(0, take).CopyTo(into);
            return take;
        }
        Span<byte> unit = stackalloc byte[4];
        int at = 0;
        while (at < raw.Length)
        {
            int n = NextUnit(raw, ref at, unit);
            if (n == 1 && unit[0] == 0)
                break;
            if (length + n > into.Length)
                return -1;
            for (int k = 0; k < n; k++)
                into[length + k] = unit[k];
            length += n;
        }
        return length;
    }

    /// <summary>
    /// Whether the decoded form of <paramref name="raw"/> is exactly <paramref name="expected"/>,
    /// which holds no NUL (a key the readers look for).
    /// </summary>
    public static bool DecodedEquals(ReadOnlySpan<byte> raw, bool isEscaped, ReadOnlySpan<byte> expected)
    {
        if (!isEscaped)
        {
            // Cut at its first NUL, raw equals expected only if it is expected, or expected and a NUL.
            return raw.Length == expected.Length ? raw.SequenceEqual(expected)
                : raw.Length > expected.Length && raw[expected.Length] == 0 && raw.StartsWith(expected);
        }
        Span<byte> unit = stackalloc byte[4];
        int at = 0;
        int matched = 0;
        while (at < raw.Length)
        {
            int n = NextUnit(raw, ref at, unit);
            if (n == 1 && unit[0] == 0)
                break;
            if (matched + n > expected.Length)
                return false;
            for (int k = 0; k < n; k++)
            {
                if (expected[matched + k] != unit[k])
                    return false;
            }
            matched += n;
        }
        return matched == expected.Length;
    }

    /// <summary>
    /// Decodes the next character (or escape) of <paramref name="raw"/> at <paramref name="at"/> into
    /// <paramref name="unit"/> (4 bytes), moving past it. A NUL decodes to the single byte 0.
    /// </summary>
    private static int NextUnit(ReadOnlySpan<byte> raw, ref int at, Span<byte> unit)
    {
        int i = at;
        byte b = raw[i];
        if (b != (byte)'\\' || i + 1 >= raw.Length)
        {
            unit[0] = b;
            at = i + 1;
            return 1;
        }
        byte kind = raw[i + 1];
        i += 2;
        int n = 1;
        switch (kind)
        {
            case (byte)'b': unit[0] = (byte)'\b'; break;
            case (byte)'f': unit[0] = (byte)'\f'; break;
            case (byte)'n': unit[0] = (byte)'\n'; break;
            case (byte)'r': unit[0] = (byte)'\r'; break;
            case (byte)'t': unit[0] = (byte)'\t'; break;
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
                        unit[0] = (byte)'?';
                        break;
                    }
                }
                n = Utf8(codepoint, unit);
                break;
            default:  // '"', '\\' and '/' stand for themselves
                unit[0] = kind;
                break;
        }
        at = i;
        return n;
    }

    private static uint Hex4(ReadOnlySpan<byte> raw, int at)
    {
        uint value = 0;
        for (int k = at; k < at + 4 && k < raw.Length; k++)
        {
            byte c = raw[k];
            uint digit = 0;
            if (c >= (byte)'0' && c <= (byte)'9') digit = (uint)(c - '0');
            else if (c >= (byte)'a' && c <= (byte)'f') digit = (uint)(c - 'a' + 10);
            else if (c >= (byte)'A' && c <= (byte)'F') digit = (uint)(c - 'A' + 10);
            value = (value << 4) | digit;
        }
        return value;
    }

    /// <summary>yajl's Utf32toUtf8: at most 4 bytes, '?' beyond 0x1FFFFF.</summary>
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

    /// <summary>
    /// Reads a JSON number token as Utf8JsonReader.TryGetInt64 does: an integer (no fraction, no
    /// exponent) within the range of a long.
    /// </summary>
    public static bool TryGetInt64(ReadOnlySpan<byte> number, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < number.Length && number[i] == (byte)'-')
        {
            negative = true;
            i++;
        }
        if (i >= number.Length)
            return false;
        ulong magnitude = 0;
        int digits = 0;
        for (; i < number.Length; i++)
        {
            byte c = number[i];
            if (c < (byte)'0' || c > (byte)'9')
                return false;
            if (magnitude == 0 && c == (byte)'0')
                continue;   // leading zeros add nothing
            if (++digits > 19)
                return false;
            magnitude = unchecked(magnitude * 10 + (ulong)(c - '0'));
        }
        if (negative)
        {
            if (magnitude > 9223372036854775808UL)
                return false;
            value = magnitude == 9223372036854775808UL ? long.MinValue : -(long)magnitude;
            return true;
        }
        if (magnitude > 9223372036854775807UL)
            return false;
        value = (long)magnitude;
        return true;
    }

    /// <summary>Nothing but JSON whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> json)
    {
        for (int i = 0; i < json.Length; i++)
        {
            if (!JsonSpanReader.IsWhitespace(json[i]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The length of <paramref name="json"/> before its first bad literal outside strings ("nul",
    /// "tru", "fals"). The readers read a file only that far: the entries before a bad literal are
    /// kept and the file ends there as incomplete JSON, and a file's budgets count only that part.
    /// </summary>
    public static int ReadableLength(ReadOnlySpan<byte> json)
    {
        int at = 0;
        while (at < json.Length)
        {
            byte b = json[at];
            if (b == (byte)'"')
            {
                at = AfterString(json, at + 1);
                continue;
            }
            if (b != (byte)'t' && b != (byte)'f' && b != (byte)'n')
            {
                at++;
                continue;
            }
            ReadOnlySpan<byte> literal = b == (byte)'t' ? "true"u8 : b == (byte)'f' ? "false"u8 : "null"u8;
            if (!json.Slice(at).StartsWith(literal))
                return at;
            at += literal.Length;
        }
        return json.Length;
    }

    /// <summary>The index after the closing quote of the string whose contents start at <paramref name="at"/>.</summary>
    private static int AfterString(ReadOnlySpan<byte> json, int at)
    {
        // Quote by quote (memchr): a quote after an odd run of backslashes is escaped, one after
        // an even run (none included) closes the string.
        while (true)
        {
            int quote = json.Slice(at).IndexOf((byte)'"');
            if (quote < 0)
                return json.Length;
            int end = at + quote;
            int backslashes = 0;
            while (end - backslashes > at && json[end - backslashes - 1] == (byte)'\\')
                backslashes++;
            if ((backslashes & 1) == 0)
                return end + 1;
            at = end + 1;
        }
    }
}
