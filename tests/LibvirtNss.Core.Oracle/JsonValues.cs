using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>Small helpers over <see cref="Utf8JsonReader"/> shared by the lease and MAC parsers.</summary>
internal static class JsonValues
{
    /// <summary>Reader options for files written by libvirt: strict JSON, shallow.</summary>
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    /// <summary>
    /// The bytes of the current string token as upstream's module sees them (see
    /// <see cref="JsonEscapes"/>): escapes decoded as yajl decodes them, cut at the first NUL.
    /// Never fails: the reader accepts a lone UTF-16 surrogate such as "\ud800", which yajl turns into '?'.
    /// </summary>
    public static ReadOnlySpan<byte> StringBytes(scoped ref Utf8JsonReader reader) =>
        JsonEscapes.Decode(reader.ValueSpan, reader.ValueIsEscaped);

    /// <summary>Nothing but JSON whitespace (an empty file is an empty list, as upstream reads it).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> json) => json.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>Advances past the value the reader is on (scalar, object or array).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
    }
}
