using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>Small helpers over <see cref="Utf8JsonReader"/> shared by the lease and MAC parsers.</summary>
internal static class JsonValues
{
    /// <summary>Reader options for files written by libvirt: strict JSON, shallow.</summary>
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    /// <summary>The unescaped UTF-8 bytes of the current string token.</summary>
    public static ReadOnlySpan<byte> StringBytes(scoped ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
            return reader.ValueSpan;
        var copy = new byte[reader.ValueSpan.Length];
        int written = reader.CopyString(copy);
        return copy.AsSpan(0, written);
    }

    /// <summary>Advances past the value the reader is on (scalar, object or array).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
    }
}
