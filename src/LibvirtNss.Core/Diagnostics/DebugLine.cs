using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// One debug line, "libvirt-nss: ...\n", composed in a caller's (stack) buffer and written with
/// write(2) on stderr: no allocation, no stdio buffering, errno as the host left it. Text is
/// shown as printable ASCII: every other character (a UTF-8 sequence, or a maximal invalid
/// part of one, as .NET's decoder replaces it) becomes '?', a character outside the BMP "??",
/// exactly as the lines of the .NET world read. A line longer than the buffer is written in
/// pieces; a pipe keeps each piece (under PIPE_BUF) whole.
/// </summary>
public unsafe ref struct DebugLine
{
    private readonly Span<byte> _buffer;
    private readonly int _fd;
    private int _used;

    /// <param name="buffer">At least 32 bytes, e.g. <c>stackalloc byte[256]</c>.</param>
    /// <param name="fd">2 (stderr) but in tests.</param>
    public DebugLine(Span<byte> buffer, int fd = 2)
    {
        _buffer = buffer;
        _fd = fd;
        _used = 0;
        AppendAscii("libvirt-nss: "u8);
    }

    /// <summary>Text from a file or a guest: shown as printable ASCII (see the type's summary).</summary>
    public void Append(scoped ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (b >= 0x20 && b <= 0x7e)
            {
                Put(b);
                i++;
                continue;
            }
            int length = Utf8Sequence(text.Slice(i));
            Put((byte)'?');
            if (length == 4)
                Put((byte)'?');   // a surrogate pair: two characters
            i += length == 0 ? Utf8InvalidPart(text.Slice(i)) : length;
        }
    }

    /// <summary>Guest-controlled text, quoted as <see cref="QuotedText"/> says.</summary>
    public void AppendQuoted(scoped ReadOnlySpan<byte> text)
    {
        Span<byte> quoted = stackalloc byte[QuotedText.MaxLength];
        AppendAscii(quoted.Slice(0, QuotedText.Write(text, quoted)));
    }

    /// <summary>An address as .NET writes it (<see cref="IpAddressFormat"/>).</summary>
    public void Append(in IpAddress address)
    {
        Span<byte> text = stackalloc byte[IpAddressFormat.MaxLength];
        int length = IpAddressFormat.Format(address, text);
        AppendAscii(text.Slice(0, length));
    }

    /// <summary>A decimal number.</summary>
    public void Append(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        int at = digits.Length;
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        do
        {
            digits[--at] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0);
        if (value < 0)
            Put((byte)'-');
        AppendAscii(digits.Slice(at));
    }

    /// <summary>Ends the line and writes what is left of it.</summary>
    public void End()
    {
        Put((byte)'\n');
        Flush();
    }

    /// <summary>The module's own text (a u8 literal), as it is.</summary>
    public void AppendLiteral(scoped ReadOnlySpan<byte> text) => AppendAscii(text);

    private void AppendAscii(scoped ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
            Put(text[i]);
    }

    private void Put(byte b)
    {
        if (_used == _buffer.Length)
            Flush();
        _buffer[_used++] = b;
    }

    private void Flush()
    {
        int* errno = Libc.ErrnoLocation();
        int saved = *errno;
        fixed (byte* start = _buffer)
        {
            int done = 0;
            while (done < _used)
            {
                nint n = Libc.Write(_fd, start + done, (nuint)(_used - done));
                if (n <= 0)
                    break;
                done += (int)n;
            }
        }
        _used = 0;
        *errno = saved;
    }

    /// <summary>The length of the well-formed UTF-8 sequence that <paramref name="text"/> starts with, or 0.</summary>
    internal static int Utf8Sequence(ReadOnlySpan<byte> text)
    {
        int need = Utf8Expected(text[0]);
        if (need == 0 || text.Length < need)
            return 0;
        for (int k = 1; k < need; k++)
        {
            if (!Utf8ContinuationFits(text[0], k, text[k]))
                return 0;
        }
        return need;
    }

    /// <summary>
    /// How many bytes of an ill-formed sequence make one replacement character: the lead byte
    /// and the continuation bytes that were still possible after it (Unicode's "maximal subpart").
    /// </summary>
    internal static int Utf8InvalidPart(ReadOnlySpan<byte> text)
    {
        int need = Utf8Expected(text[0]);
        int k = 1;
        while (k < need && k < text.Length && Utf8ContinuationFits(text[0], k, text[k]))
            k++;
        return k;
    }

    // Bytes in the sequence a lead byte begins (0: not a lead byte, or never valid: C0, C1, F5..FF).
    private static int Utf8Expected(byte lead) =>
        lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;

    // Whether byte k (1-based after the lead) may follow: the second byte's range depends on the
    // lead (no overlongs, no surrogates, nothing above U+10FFFF), the others are 80..BF.
    private static bool Utf8ContinuationFits(byte lead, int k, byte b)
    {
        if (k > 1)
            return b >= 0x80 && b <= 0xbf;
        return lead switch
        {
            0xe0 => b >= 0xa0 && b <= 0xbf,
            0xed => b >= 0x80 && b <= 0x9f,
            0xf0 => b >= 0x90 && b <= 0xbf,
            0xf4 => b >= 0x80 && b <= 0x8f,
            _ => b >= 0x80 && b <= 0xbf,
        };
    }
}
