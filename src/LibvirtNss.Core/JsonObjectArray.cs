using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>
/// The shape both libvirt files share: a JSON array of objects. Walks it, hands each object to a
/// reader, and logs what is skipped: a value that is not an object, an object the reader rejects,
/// the rest of a file that stops being JSON (the objects read before that point are kept).
/// </summary>
internal static class JsonObjectArray
{
    /// <summary>Reads the object the reader is on (at its StartObject) to its end.</summary>
    /// <returns>true when the object was well-formed and handed on; otherwise why not.</returns>
    public delegate bool ObjectReader(ref Utf8JsonReader reader, out string? problem);

    /// <param name="noun">What the file lists, for the debug lines ("leases", "domains").</param>
    /// <returns>The number of objects the reader accepted.</returns>
    public static int ForEach(ReadOnlySpan<byte> json, string source, string noun, ObjectReader readObject,
        DecisionLog log)
    {
        if (JsonValues.IsBlank(json))
        {
            if (log.Enabled) log.Write($"{source}: empty, no {noun}");
            return 0;
        }
        int accepted = 0;
        int index = 0;
        var reader = new Utf8JsonReader(json, JsonValues.Options);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                if (log.Enabled) log.Write($"{source}: skipped: not a JSON array");
                return 0;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    if (log.Enabled) log.Write($"{source}: entry {index}: skipped: not an object");
                    JsonValues.SkipValue(ref reader);
                }
                else if (readObject(ref reader, out string? problem))
                {
                    accepted++;
                }
                else if (log.Enabled)
                {
                    log.Write($"{source}: entry {index}: skipped: {problem}");
                }
                index++;
            }
        }
        catch (JsonException e)
        {
            if (log.Enabled)
                log.Write($"{source}: malformed JSON at byte {reader.BytesConsumed} ({e.Message}); kept {accepted} entries read before it");
        }
        return accepted;
    }
}
