using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>Small helpers over <see cref="Utf8JsonReader"/> shared by the lease and MAC parsers.</summary>
internal static class JsonValues
{
    /// <summary>Reader options for files written by libvirt: strict JSON, shallow.</summary>
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    /// <summary>
    /// The unescaped UTF-8 bytes of the current string token. False when an escape does not decode:
    /// the reader accepts a lone UTF-16 surrogate such as "\ud800" but throws when unescaping it.
    /// </summary>
    public static bool TryStringBytes(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        value = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
            return true;
        var copy = new byte[reader.ValueSpan.Length];
        try
        {
            value = copy.AsSpan(0, reader.CopyString(copy));
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>Whether the current property name is <paramref name="name"/>; a name whose escapes do not decode is none.</summary>
    public static bool NameIs(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueIsEscaped)
            return reader.ValueSpan.SequenceEqual(name);
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Advances past the value the reader is on (scalar, object or array).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
    }
}
