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
    /// <summary>
    /// A file listing more values than this is skipped whole. libvirt writes about 150 bytes a
    /// lease, so its files reach <see cref="LeaseDirectory.MaxFileBytes"/> at some 28,000 leases,
    /// well below; only a file of tiny values (up to two million in 4 MiB) gets here.
    /// </summary>
    public const int MaxEntries = 65536;

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
        json = json[..JsonLiteralCut.ReadableLength(json)];
        // Two bytes a value at least ("1,"): smaller files cannot hold too many, and are not counted.
        if (json.Length > 2 * MaxEntries && HasMoreValuesThan(json, MaxEntries))
        {
            if (log.Enabled) log.Write($"{source}: skipped: more than {MaxEntries} {noun}");
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

    /// <summary>
    /// Whether the top-level array holds more than <paramref name="limit"/> values. A file that
    /// stops being JSON is counted up to that point (the reading pass then keeps what precedes it).
    /// </summary>
    private static bool HasMoreValuesThan(ReadOnlySpan<byte> json, int limit)
    {
        var reader = new Utf8JsonReader(json, JsonValues.Options);
        int count = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (++count > limit)
                    return true;
                JsonValues.SkipValue(ref reader);
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
