using System;

namespace LibvirtNss.Core;

/// <summary>
/// Splits the plain-text files libvirt writes for dnsmasq (<c>*.conf</c>, <c>*.hostsfile</c>,
/// <c>*.addnhosts</c>) into lines. The contents are not trusted: any byte may appear, lines may be
/// very long, the last line may lack its newline. A carriage return before the newline is dropped.
/// </summary>
public ref struct TextLines
{
    private ReadOnlySpan<byte> _rest;

    public TextLines(ReadOnlySpan<byte> contents)
    {
        _rest = contents;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public bool MoveNext()
    {
        if (_rest.IsEmpty)
            return false;
        int end = _rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? default : _rest[(end + 1)..];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
            line = line[..^1];
        Current = line;
        return true;
    }

    public TextLines GetEnumerator() => this;

    /// <summary>Space and tab only (what dnsmasq's hosts-file reader separates fields with).</summary>
    public static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsBlank(text[start])) start++;
        while (end > start && IsBlank(text[end - 1])) end--;
        return text[start..end];
    }
}
