using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>
/// Reads a libvirt <c>*.macs</c> file (<c>[{"domain":"vm1","macs":["52:54:00:..."]}]</c>) and
/// collects the MACs of one domain, compared case-insensitively. Malformed entries are skipped.
/// </summary>
public static class MacsFileParser
{
    /// <returns>The number of MACs added to <paramref name="macs"/>.</returns>
    public static int CollectMacs(ReadOnlySpan<byte> json, ReadOnlySpan<byte> domain, List<byte[]> macs,
        string source, DecisionLog log)
    {
        int added = 0;
        int index = 0;
        var reader = new Utf8JsonReader(json, JsonValues.Options);
        try
        {
            if (!reader.Read())
            {
                if (log.Enabled) log.Write($"{source}: empty, no domains");
                return 0;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                if (log.Enabled) log.Write($"{source}: skipped: not a JSON array");
                return 0;
            }
            var entryMacs = new List<byte[]>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    if (log.Enabled) log.Write($"{source}: entry {index}: skipped: not an object");
                    JsonValues.SkipValue(ref reader);
                }
                else
                {
                    entryMacs.Clear();
                    if (TryReadEntry(ref reader, domain, entryMacs, out bool matches, out string? problem))
                    {
                        if (matches)
                        {
                            macs.AddRange(entryMacs);
                            added += entryMacs.Count;
                            if (log.Enabled) log.Write($"{source}: domain matched, {entryMacs.Count} MACs");
                        }
                    }
                    else if (log.Enabled)
                    {
                        log.Write($"{source}: entry {index}: skipped: {problem}");
                    }
                }
                index++;
            }
        }
        catch (JsonException e)
        {
            if (log.Enabled)
                log.Write($"{source}: malformed JSON at byte {reader.BytesConsumed} ({e.Message}); kept {added} MACs read before it");
        }
        return added;
    }

    private static bool TryReadEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> domain, List<byte[]> entryMacs,
        out bool matches, out string? problem)
    {
        matches = false;
        problem = null;
        bool hasDomain = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isDomain = reader.ValueTextEquals("domain"u8);
            bool isMacs = !isDomain && reader.ValueTextEquals("macs"u8);
            reader.Read();
            if (isDomain)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    hasDomain = true;
                    matches = AsciiText.EqualsIgnoreCase(JsonValues.StringBytes(ref reader), domain);
                }
                else
                {
                    problem ??= "\"domain\" is not a string";
                    JsonValues.SkipValue(ref reader);
                }
            }
            else if (isMacs)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    problem ??= "\"macs\" is not an array";
                    JsonValues.SkipValue(ref reader);
                    continue;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        entryMacs.Add(JsonValues.StringBytes(ref reader).ToArray());
                    }
                    else
                    {
                        problem ??= "\"macs\" holds a value that is not a string";
                        JsonValues.SkipValue(ref reader);
                    }
                }
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }
        if (problem is null && !hasDomain) problem = "no \"domain\"";
        return problem is null;
    }
}
