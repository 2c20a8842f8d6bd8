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

    /// <summary>
    /// <see cref="CollectMacs"/> collects at most this many MACs (a debug line tells what a full list
    /// ignores): a guest has one per interface; more is hostile data that every lease would be
    /// compared with.
    /// </summary>
    public const int MaxMacs = 256;

    /// <summary>Collects the MACs of one domain, compared case-insensitively, up to <see cref="MaxMacs"/> in all.</summary>
    /// <returns>The number of MACs added to <paramref name="macs"/>.</returns>
    public static int CollectMacs(ReadOnlySpan<byte> json, ReadOnlySpan<byte> domain, List<byte[]> macs,
        string source, DecisionLog log) =>
        CollectMacs(json, domain, macs, source, log, out _);

    /// <summary>
    /// <see cref="CollectMacs(ReadOnlySpan{byte}, ReadOnlySpan{byte}, List{byte[]}, string, DecisionLog)"/>,
    /// also telling how many entries of the file name the domain (one may list no MAC).
    /// </summary>
    public static int CollectMacs(ReadOnlySpan<byte> json, ReadOnlySpan<byte> domain, List<byte[]> macs,
        string source, DecisionLog log, out int domains)
    {
        domains = 0;
        if (OverBudget(ref json, source, log))
            return 0;
        byte[] wanted = domain.ToArray();
        int added = 0, named = 0;
        JsonObjectArray.ForEach(json, source, "domains", (ref Utf8JsonReader reader, out string? problem) =>
        {
            // Only the wanted domain's MACs are copied out of the file: other entries cost no allocation.
            if (!TryReadEntry(ref reader, wanted, out _, out List<byte[]> entryMacs, out bool matched, out problem))
                return false;
            if (!matched)
                return true;
            named++;
            int room = MaxMacs - macs.Count;
            if (entryMacs.Count > room && log.Enabled)
                log.Write($"{source}: domain matched, {entryMacs.Count - Math.Max(room, 0)} MACs ignored: more than {MaxMacs} in all");
            int take = Math.Clamp(room, 0, entryMacs.Count);
            macs.AddRange(entryMacs.GetRange(0, take));
            added += take;
            if (log.Enabled) log.Write($"{source}: domain matched, {entryMacs.Count} MACs");
            return true;
        }, log);
        domains = named;
        return added;
    }

    /// <summary>
    /// A file over <see cref="MacsFileBudget"/> is skipped whole, by both readers. Its budget's reader,
    /// like the parser's, sees only the input before a bad literal (see <see cref="JsonLiteralCut"/>).
    /// </summary>
    private static bool OverBudget(ref ReadOnlySpan<byte> json, string source, DecisionLog log)
    {
        json = json[..JsonLiteralCut.ReadableLength(json)];
        if (!MacsFileBudget.MayExceed(json) || !MacsFileBudget.Exceeded(json))
            return false;
        if (log.Enabled)
            log.Write($"{source}: skipped: more than {MacsFileBudget.MaxStrings} strings or {MacsFileBudget.MaxStringBytes} bytes of them");
        return true;
    }

    /// <returns>
    /// The number of well-formed entries handed to <paramref name="sink"/>; 0 for a file over
    /// <see cref="MacsFileBudget"/> (skipped whole, nothing handed on).
    /// </returns>
    public static int Parse(ReadOnlySpan<byte> json, string source, DomainSink sink, DecisionLog log)
    {
        if (OverBudget(ref json, source, log))
            return 0;
        return JsonObjectArray.ForEach(json, source, "domains", (ref Utf8JsonReader reader, out string? problem) =>
        {
            if (!TryReadEntry(ref reader, null, out byte[] domain, out List<byte[]> macs, out _, out problem))
                return false;
            sink(domain, macs);
            return true;
        }, log);
    }

    /// <summary>
    /// Reads one entry. With <paramref name="wanted"/> set, the domain is compared rather than
    /// copied, and the MACs are copied only when it matches (the last "domain" counts, as upstream
    /// reads it): the first "macs" array is checked in passing and read again, from a copy of the
    /// reader, once the entry is known to match.
    /// </summary>
    private static bool TryReadEntry(ref Utf8JsonReader reader, byte[]? wanted, out byte[] domain,
        out List<byte[]> macs, out bool matched, out string? problem)
    {
        domain = Array.Empty<byte>();
        macs = new List<byte[]>();
        matched = false;
        problem = null;
        bool hasDomain = false, deferred = false;
        Utf8JsonReader firstMacs = default;
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
                    if (wanted is null)
                        domain = JsonValues.StringBytes(ref reader).ToArray();
                    else
                        matched = AsciiText.EqualsIgnoreCase(JsonValues.StringBytes(ref reader), wanted);
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
                bool copy = wanted is null || deferred;
                if (!copy)
                {
                    firstMacs = reader;
                    deferred = true;
                }
                ReadMacs(ref reader, copy ? macs : null, ref problem);
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }
        if (problem is null && !hasDomain) problem = "no \"domain\"";
        if (problem is null && matched && deferred)
        {
            var first = new List<byte[]>();
            ReadMacs(ref firstMacs, first, ref problem);
            macs.InsertRange(0, first);
        }
        return problem is null;
    }

    /// <summary>
    /// Reads the array the reader is on to its end, adding its MACs to <paramref name="macs"/> (when
    /// given; MacsFileBudget bounds how many a file holds).
    /// </summary>
    private static void ReadMacs(ref Utf8JsonReader reader, List<byte[]>? macs, ref string? problem)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                if (macs is not null)
                    macs.Add(JsonValues.StringBytes(ref reader).ToArray());
            }
            else
            {
                problem ??= "\"macs\" holds a value that is not a string";
                JsonValues.SkipValue(ref reader);
            }
        }
    }
}
