using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LibvirtNss.Cli;

/// <summary>
/// The files the publisher writes, in libvirt's own formats so that the module reads them with
/// the readers it has: <c>publisher.status</c> (libvirt_leaseshelper's leases: "ip-address",
/// "mac-address", "expiry-time"; no "hostname", since guests name nothing here) and
/// <c>publisher.macs</c> (libvirt's domain list: "domain", "macs"). <c>publisher.sources</c>,
/// which the module does not read (it reads <c>*.status</c> and <c>*.macs</c>), says where each
/// address came from and since when, for people and tools.
/// </summary>
internal static class PublishedFiles
{
    public const string StatusName = "publisher.status", MacsName = "publisher.macs", SourcesName = "publisher.sources";

    /// <summary>
    /// A record's expiry time: three intervals ahead, so that a pass or two may be late, and the
    /// records of a stopped publisher expire on their own. The module answers the record that
    /// expires last first, so each rank adds a second: a confirmed agent address comes before an
    /// agent address, which comes before a neighbour entry's.
    /// </summary>
    public static long Expiry(long now, int intervalSeconds, AddressSource source) =>
        now + 3L * intervalSeconds + (int)source;

    public static byte[] StatusJson(IReadOnlyList<PublishedAddress> published, long now, int intervalSeconds) =>
        Json(writer =>
        {
            foreach (PublishedAddress p in published)
            {
                writer.WriteStartObject();
                writer.WriteString("ip-address", p.Address.ToString());
                writer.WriteString("mac-address", p.Mac);
                writer.WriteNumber("expiry-time", Expiry(now, intervalSeconds, p.Source));
                writer.WriteEndObject();
            }
        });

    /// <summary>Each domain with a published address, in the order of its first, with its NICs that have one.</summary>
    public static byte[] MacsJson(IReadOnlyList<PublishedAddress> published) =>
        Json(writer =>
        {
            foreach (IGrouping<string, PublishedAddress> domain in published.GroupBy(p => p.Domain, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("domain", domain.Key);
                writer.WriteStartArray("macs");
                foreach (string mac in domain.Select(p => p.Mac).Distinct(StringComparer.Ordinal))
                    writer.WriteStringValue(mac);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        });

    public static string SourceText(AddressSource source) => source switch
    {
        AddressSource.AgentAndNeighbour => "agent+neighbour",
        AddressSource.Agent => "agent",
        _ => "neighbour",
    };

    /// <summary>Each published address with its domain, source and the time the publisher first published it.</summary>
    public static byte[] SourcesJson(IReadOnlyList<PublishedAddress> published, IReadOnlyDictionary<(string Mac, string Address), long> firstSeen) =>
        Json(writer =>
        {
            foreach (PublishedAddress p in published)
            {
                string address = p.Address.ToString();
                writer.WriteStartObject();
                writer.WriteString("domain", p.Domain);
                writer.WriteString("ip-address", address);
                writer.WriteString("mac-address", p.Mac);
                writer.WriteString("source", SourceText(p.Source));
                if (firstSeen.TryGetValue((p.Mac, address), out long since))
                    writer.WriteNumber("first-seen", since);
                writer.WriteEndObject();
            }
        });

    /// <summary>The first-seen times of a previous <c>publisher.sources</c>, so that a restart keeps them; empty when it cannot be read.</summary>
    public static Dictionary<(string Mac, string Address), long> ReadFirstSeen(byte[] json)
    {
        var times = new Dictionary<(string, string), long>();
        foreach (PublishedSource entry in PublishedSources.Parse(json).Values)
        {
            if (entry.FirstSeen is long since)
                times[(entry.Mac, entry.Address)] = since;
        }
        return times;
    }

    /// <summary>
    /// The directory, created 0755 when missing. The module reads it only when root owns it and
    /// neither group nor others may write it: a directory already there that others may write is
    /// reported rather than changed.
    /// </summary>
    public static string? EnsureDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return null;
        }
        UnixFileMode mode = File.GetUnixFileMode(directory);
        return (mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0
            ? $"{directory} may be written by group or others: the module does not read it" : null;
    }

    /// <summary>
    /// Replaces <paramref name="name"/> in <paramref name="directory"/> in one step: the bytes go to
    /// <c>name.tmp</c> (mode 0644, the running user's), reach the disk, and the rename puts them in
    /// place, so that a reader sees the old file or the new one, never a part.
    /// </summary>
    public static void WriteAtomically(string directory, string name, byte[] bytes)
    {
        string path = Path.Combine(directory, name);
        string temporary = path + ".tmp";
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode,
               }))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        // The umask may have taken bits away.
        File.SetUnixFileMode(temporary, mode);
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] Json(Action<Utf8JsonWriter> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Indented = true,
                   // Escapes what JSON needs escaped only (quotes, backslashes, controls), as libvirt's writer does.
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            writer.WriteStartArray();
            entries(writer);
            writer.WriteEndArray();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
