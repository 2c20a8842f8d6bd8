using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.Json;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>One entry of <c>publisher.sources</c>: where a published address came from, and since when.</summary>
/// <param name="Source">"agent", "agent+neighbour" or "neighbour", as the publisher wrote it (printable).</param>
/// <param name="FirstSeen">Unix seconds, or null when the entry has none.</param>
internal sealed record PublishedSource(string Domain, string Mac, string Address, string Source, long? FirstSeen);

/// <summary>
/// <c>publisher.sources</c> read back for <c>list</c> and <c>doctor</c>, and for the publisher's
/// own restart (its first-seen times). The module never reads this file; the command believes it
/// on the terms the module believes the records it describes: a regular file only root can change.
/// </summary>
internal static class PublishedSources
{
    /// <summary>
    /// The entries by (MAC, address), both in canonical form (lower-case MAC; the address as
    /// <see cref="IPAddress"/> prints it), so that a record matches however its text was written.
    /// An entry without a MAC, an address or a source is left out; a file that does not parse gives none.
    /// </summary>
    public static Dictionary<(string Mac, string Address), PublishedSource> Parse(byte[] json)
    {
        var entries = new Dictionary<(string, string), PublishedSource>();
        try
        {
            // JsonDocument reads with Utf8JsonReader: no reflection, as NativeAOT needs.
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return entries;
            foreach (JsonElement e in document.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object
                    || StringOf(e, "mac-address") is not string mac || StringOf(e, "ip-address") is not string ip)
                    continue;
                long? since = e.TryGetProperty("first-seen", out JsonElement time) && time.ValueKind == JsonValueKind.Number
                              && time.TryGetInt64(out long value) ? value : null;
                (string, string) key = Key(mac, ip);
                entries[key] = new PublishedSource(Printable(StringOf(e, "domain") ?? ""), key.Item1, key.Item2,
                    Printable(StringOf(e, "source") ?? "-"), since);
            }
        }
        catch (JsonException)
        {
        }
        return entries;
    }

    /// <summary>
    /// <c>publisher.sources</c> of <paramref name="directory"/> when the module would trust the
    /// directory and the file (root's, writable by root alone); none otherwise or when unreadable.
    /// </summary>
    public static Dictionary<(string Mac, string Address), PublishedSource> Read(string directory)
    {
        string path = Path.Combine(directory, PublishedFiles.SourcesName);
        if (FileStatus.Judge(directory, directory: true) != PublishedVerdict.Trusted
            || FileStatus.Judge(path, directory: false) != PublishedVerdict.Trusted)
            return new();
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new();
        }
    }

    /// <summary>The key a record is found under: its MAC in lower case, its address in canonical form.</summary>
    public static (string Mac, string Address) Key(string mac, string address) =>
        (mac.ToLowerInvariant(), IPAddress.TryParse(address, out IPAddress? ip) ? ip.ToString() : address);

    /// <summary>The SOURCE column: the source, or "-" for a record the file does not describe.</summary>
    public static string SourceText(PublishedSource? source) => source?.Source ?? "-";

    /// <summary>The AGE column: how long the address has been published (now − first-seen), or "-".</summary>
    public static string AgeText(PublishedSource? source, long now) =>
        source?.FirstSeen is long since ? TimeText.Age(since, now) : "-";

    /// <summary>Written by root, but printed as guest-controlled text is: it names guests.</summary>
    private static string Printable(string text) => GuestText.Printable(System.Text.Encoding.UTF8.GetBytes(text));

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
