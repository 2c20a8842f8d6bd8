using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The lines of a plain-text file libvirt writes for dnsmasq (<c>*.conf</c>, <c>*.hostsfile</c>,
/// <c>*.addnhosts</c>), as offsets into the contents: split at '\n', a carriage return before the
/// newline dropped, no empty line after a final newline, the last line may lack its newline. A
/// cursor, not an enumerator: the subset has neither Range nor IEnumerable.
/// </summary>
public ref struct TextLineCursor
{
    private readonly ReadOnlySpan<byte> _contents;
    private int _next;
    private int _number;

    public TextLineCursor(ReadOnlySpan<byte> contents)
    {
        _contents = contents;
        _next = 0;
        _number = 0;
    }

    /// <summary>The 1-based number of the line <see cref="Next"/> last returned (0 before the first).</summary>
    public readonly int Number => _number;

    /// <summary>The next line as [<paramref name="start"/>, <paramref name="end"/>) of the contents.</summary>
    public bool Next(out int start, out int end)
    {
        if (_next >= _contents.Length)
        {
            start = _contents.Length;
            end = _contents.Length;
            return false;
        }
        start = _next;
        int newline = _contents.Slice(start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            end = _contents.Length;
            _next = _contents.Length;
        }
        else
        {
            end = start + newline;
            _next = end + 1;
        }
        if (end > start && _contents[end - 1] == (byte)'\r')
            end--;
        _number++;
        return true;
    }
}
