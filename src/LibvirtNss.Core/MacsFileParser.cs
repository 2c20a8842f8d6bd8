using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>
/// Reads a libvirt <c>*.macs</c> file (<c>[{"domain":"vm1","macs":["52:54:00:..."]}]</c>).
/// Malformed entries are skipped with a debug line; a file that stops being JSON keeps the
/// entries read before that point.
/// </summary>
public static class MacsFileParser
{
    /// <summary>Receives one well-formed entry: the domain name (unescaped UTF-8) and its MACs.</summary>
    public delegate void DomainSink(ReadOnlySpan<byte> domain, List<byte[]> macs);

    /// <summary>Collects the MACs of one domain, compared case-insensitively.</summary>
    /// <returns>The number of MACs added to <paramref name="macs"/>.</returns>
    public static int CollectMacs(ReadOnlySpan<byte> json, ReadOnlySpan<byte> domain, List<byte[]> macs,
        string source, DecisionLog log)
    {
        byte[] wanted = domain.ToArray();
        int added = 0;
        Parse(json, source, (entryDomain, entryMacs) =>
        {
            if (!AsciiText.EqualsIgnoreCase(entryDomain, wanted))
                return;
            macs.AddRange(entryMacs);
            added += entryMacs.Count;
            if (log.Enabled) log.Write($"{source}: domain matched, {entryMacs.Count} MACs");
        }, log);
        return added;
    }

    /// <returns>
    /// The number of well-formed entries handed to <paramref name="sink"/>; 0 for a file over
    /// <see cref="MacsFileBudget"/> (skipped whole, nothing handed on).
    /// </returns>
    public static int Parse(ReadOnlySpan<byte> json, string source, DomainSink sink, DecisionLog log)
    {
        if (MacsFileBudget.MayExceed(json) && MacsFileBudget.Exceeded(json))
        {
            if (log.Enabled)
                log.Write($"{source}: skipped: more than {MacsFileBudget.MaxStrings} strings or {MacsFileBudget.MaxStringBytes} bytes of them");
            return 0;
        }
        return JsonObjectArray.ForEach(json, source, "domains", (ref Utf8JsonReader reader, out string? problem) =>
        {
            if (!TryReadEntry(ref reader, out byte[] domain, out List<byte[]> macs, out problem))
                return false;
            sink(domain, macs);
            return true;
        }, log);
    }

    private static bool TryReadEntry(ref Utf8JsonReader reader, out byte[] domain, out List<byte[]> macs,
        out string? problem)
    {
        domain = Array.Empty<byte>();
        macs = new List<byte[]>();
        problem = null;
        bool hasDomain = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Property names are read as values are (JsonValues.StringBytes), once per property.
            ReadOnlySpan<byte> key = JsonValues.StringBytes(ref reader);
            bool isDomain = key.SequenceEqual("domain"u8);
            bool isMacs = key.SequenceEqual("macs"u8);
            reader.Read();
            if (isDomain)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    hasDomain = true;
                    domain = JsonValues.StringBytes(ref reader).ToArray();
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
                        macs.Add(JsonValues.StringBytes(ref reader).ToArray());
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
