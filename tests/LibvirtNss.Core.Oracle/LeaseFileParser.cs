using System;
using System.Text.Json;

namespace LibvirtNss.Core;

/// <summary>
/// Reads a dnsmasq <c>*.status</c> file written by libvirt_leaseshelper: a JSON array of objects
/// with "ip-address", "mac-address", "hostname", "client-id" and "expiry-time". Each well-formed
/// object goes to the sink; a malformed object is skipped with a debug line; a file that stops
/// being JSON keeps the objects read before that point.
/// </summary>
public static class LeaseFileParser
{
    public delegate void EntrySink(in LeaseEntry entry);

    /// <returns>The number of well-formed entries handed to <paramref name="sink"/>.</returns>
    public static int Parse(ReadOnlySpan<byte> json, string source, EntrySink sink, DecisionLog log) =>
        JsonObjectArray.ForEach(json, source, "leases",
            (ref Utf8JsonReader reader, out string? problem) => TryReadEntry(ref reader, sink, out problem), log);

    private static bool TryReadEntry(ref Utf8JsonReader reader, EntrySink sink, out string? problem)
    {
        ReadOnlySpan<byte> ip = default, mac = default, hostname = default;
        bool hasIp = false, hasHostname = false, hasExpiry = false;
        long expiry = 0;
        problem = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Property names are read as values are (JsonValues.StringBytes), once per property.
            ReadOnlySpan<byte> key = JsonValues.StringBytes(ref reader);
            bool isIp = key.SequenceEqual("ip-address"u8);
            bool isMac = key.SequenceEqual("mac-address"u8);
            bool isHostname = key.SequenceEqual("hostname"u8);
            bool isExpiry = key.SequenceEqual("expiry-time"u8);
            reader.Read();

            if (isIp || isMac || isHostname)
            {
                if (isHostname && reader.TokenType is JsonTokenType.Null or JsonTokenType.True or JsonTokenType.False)
                {
                    // Upstream ignores such a hostname: the lease has none, and its MAC still counts.
                    continue;
                }
                if (reader.TokenType != JsonTokenType.String)
                {
                    problem ??= isIp ? "\"ip-address\" is not a string"
                        : isMac ? "\"mac-address\" is not a string"
                        : "\"hostname\" is not a string";
                    JsonValues.SkipValue(ref reader);
                    continue;
                }
                ReadOnlySpan<byte> value = JsonValues.StringBytes(ref reader);
                if (isIp) { ip = value; hasIp = true; }
                else if (isMac) { mac = value; }
                else { hostname = value; hasHostname = true; }
            }
            else if (isExpiry)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out expiry) || expiry < 0)
                {
                    problem ??= "\"expiry-time\" is not a non-negative integer";
                    JsonValues.SkipValue(ref reader);
                }
                else
                {
                    hasExpiry = true;
                }
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        if (problem is null)
        {
            // A lease without "mac-address" answers its host name; its empty MAC is no domain's.
            if (!hasIp) problem = "no \"ip-address\"";
            else if (!hasExpiry) problem = "no \"expiry-time\"";
        }
        if (problem is not null)
            return false;

        sink(new LeaseEntry(ip, mac, hostname, hasHostname, expiry));
        return true;
    }
}
