using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// One well-formed lease of a <c>*.status</c> file: spans over the file's bytes, or over the
/// reader's scratch buffer for a string that held escapes (unescaped as upstream reads them, cut at
/// the first NUL). Valid until the reader's next <c>Next</c>. Guest-controlled: nothing here has
/// been validated beyond its JSON type.
/// </summary>
public readonly ref struct LeaseFields
{
    public LeaseFields(ReadOnlySpan<byte> ipAddress, ReadOnlySpan<byte> macAddress, ReadOnlySpan<byte> hostname,
        bool hasHostname, long expiryTime)
    {
        IpAddress = ipAddress;
        MacAddress = macAddress;
        Hostname = hostname;
        HasHostname = hasHostname;
        ExpiryTime = expiryTime;
    }

    public ReadOnlySpan<byte> IpAddress { get; }
    public ReadOnlySpan<byte> MacAddress { get; }
    public ReadOnlySpan<byte> Hostname { get; }

    /// <summary>Whether the lease has a string "hostname" (null, true and false mean none).</summary>
    public bool HasHostname { get; }

    /// <summary>Seconds since the epoch; 0 means never expires.</summary>
    public long ExpiryTime { get; }
}

/// <summary>
/// Reads the leases of a dnsmasq <c>*.status</c> file written by libvirt_leaseshelper (a JSON
/// array of objects with "ip-address", "mac-address", "hostname", "client-id", "expiry-time"),
/// one <see cref="Next"/> at a time, without allocating: each lease kept and each value or file
/// skipped with its reason.
/// <list type="bullet">
/// <item>A blank file is <see cref="SkipReason.EmptyFile"/>; the file is read up to its first bad
/// literal ("nul", "tru"...); one listing more than 65,536 values is
/// <see cref="SkipReason.TooManyEntries"/>; one whose first value is not an array is
/// <see cref="SkipReason.NotAnArray"/>.</item>
/// <item>Each value of the array is an entry or skipped with its reason: a later duplicate key
/// wins; a null, true or false "hostname" means none; the first wrong-typed field is the reason;
/// then a missing "ip-address" or "expiry-time". A lease without "mac-address" (libvirt_leaseshelper
/// writes none when dnsmasq gives none, as for some DHCPv6 clients) has an empty MAC: it answers its
/// host name, and no domain's MAC is empty.</item>
/// <item>Where the file stops being JSON (or nests deeper than 8), the reader ends with
/// <see cref="SkipReason.MalformedJson"/>: the entries handed out before stay good.</item>
/// </list>
/// </summary>
public ref struct StatusFileReader
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly Span<byte> _scratch;
    private EntryArray _array;
    private int _accepted;

    /// <param name="json">The file's bytes.</param>
    /// <param name="scratch">
    /// Where strings with escapes are unescaped; as long as <paramref name="json"/> is always enough
    /// (a shorter one may end an entry with <see cref="SkipReason.ScratchTooSmall"/>).
    /// </param>
    public StatusFileReader(ReadOnlySpan<byte> json, Span<byte> scratch)
    {
        _json = json;
        _scratch = scratch;
        _array = default;
        _accepted = 0;
    }

    /// <summary>The index in the array of the value handed out or skipped last (for the debug line).</summary>
    public readonly int EntryIndex => _array.Index;

    /// <summary>How many entries were handed out so far.</summary>
    public readonly int Accepted => _accepted;

    /// <summary>Why the JSON stopped being readable, after an end with <see cref="SkipReason.MalformedJson"/>.</summary>
    public readonly JsonError Error => _array.Reader.Error;

    /// <summary>Where the JSON stopped being readable (the start of the token that could not be read).</summary>
    public readonly int ErrorOffset => _array.Reader.ErrorOffset;

    /// <summary>The next lease, or a skipped value, or the end (with the file-level reason, None when the array closed).</summary>
    public ReadResult Next(out LeaseFields lease, out SkipReason skip)
    {
        ReadResult result = NextOfWalk(out lease, out skip);
        _array.EndReadable(result, ref skip, _json, blankIsEmpty: false);
        return result;
    }

    private ReadResult NextOfWalk(out LeaseFields lease, out SkipReason skip)
    {
        lease = default;
        if (!_array.Started)
        {
            if (JsonText.IsBlank(_json))
            {
                _array.End(SkipReason.EmptyFile);
                skip = SkipReason.EmptyFile;
                return ReadResult.End;
            }
            if (!_array.Begin(EntryArray.WalkedPart(_json)))
            {
                skip = _array.EndReason;
                return ReadResult.End;
            }
        }
        if (!_array.NextObject(out ReadResult result, out skip))
            return result;
        return ReadLease(ref _array.Reader, out lease, out skip);
    }

    private ReadResult ReadLease(scoped ref JsonSpanReader reader, out LeaseFields lease, out SkipReason skip)
    {
        lease = default;
        skip = SkipReason.None;
        int ipStart = 0, ipLength = 0, macStart = 0, macLength = 0, hostStart = 0, hostLength = 0;
        bool ipEscaped = false, macEscaped = false, hostEscaped = false;
        bool hasIp = false, hasHostname = false, hasExpiry = false;
        long expiry = 0;
        SkipReason problem = SkipReason.None;

        while (true)
        {
            if (!reader.Read())
                return Malformed(out skip);
            if (reader.TokenType != JsonToken.PropertyName)
                break;  // the object's end
            ReadOnlySpan<byte> key = reader.ValueSpan;
            bool keyEscaped = reader.ValueIsEscaped;
            LeaseKey which = KeyOf(key, keyEscaped);
            bool isIp = which == LeaseKey.IpAddress;
            bool isMac = which == LeaseKey.MacAddress;
            bool isHostname = which == LeaseKey.Hostname;
            bool isExpiry = which == LeaseKey.ExpiryTime;
            if (!reader.Read())
                return Malformed(out skip);
            JsonToken token = reader.TokenType;

            if (isIp || isMac || isHostname)
            {
                if (isHostname && (token == JsonToken.Null || token == JsonToken.True || token == JsonToken.False))
                    continue;   // upstream ignores such a hostname: the lease has none
                if (token != JsonToken.String)
                {
                    if (problem == SkipReason.None)
                        problem = isIp ? SkipReason.IpAddressNotString
                            : isMac ? SkipReason.MacAddressNotString
                            : SkipReason.HostnameNotString;
                    if (!EntryArray.SkipValue(ref reader))
                        return Malformed(out skip);
                    continue;
                }
                // The value's place in the file: the last one of each key is unescaped at the end.
                int start = reader.TokenStart + 1;
                int length = reader.ValueSpan.Length;
                bool escaped = reader.ValueIsEscaped;
                if (isIp) { ipStart = start; ipLength = length; ipEscaped = escaped; hasIp = true; }
                else if (isMac) { macStart = start; macLength = length; macEscaped = escaped; }
                else { hostStart = start; hostLength = length; hostEscaped = escaped; hasHostname = true; }
            }
            else if (isExpiry)
            {
                if (token != JsonToken.Number || !JsonText.TryGetInt64(reader.ValueSpan, out long value) || value < 0)
                {
                    if (problem == SkipReason.None)
                        problem = SkipReason.ExpiryTimeNotNonNegativeInteger;
                    if (!EntryArray.SkipValue(ref reader))
                        return Malformed(out skip);
                }
                else
                {
                    expiry = value;
                    hasExpiry = true;
                }
            }
            else if (!EntryArray.SkipValue(ref reader))
            {
                return Malformed(out skip);
            }
        }

        if (problem == SkipReason.None)
        {
            if (!hasIp) problem = SkipReason.NoIpAddress;
            else if (!hasExpiry) problem = SkipReason.NoExpiryTime;
        }
        if (problem != SkipReason.None)
        {
            skip = problem;
            return ReadResult.Skipped;
        }

        int used = 0;
        if (!Unescape(ipStart, ipLength, ipEscaped, ref used, out ReadOnlySpan<byte> ip)
            || !Unescape(macStart, macLength, macEscaped, ref used, out ReadOnlySpan<byte> mac)
            || !Unescape(hostStart, hasHostname ? hostLength : 0, hostEscaped, ref used, out ReadOnlySpan<byte> hostname))
        {
            skip = SkipReason.ScratchTooSmall;
            return ReadResult.Skipped;
        }
        _accepted++;
        lease = new LeaseFields(ip, mac, hostname, hasHostname, expiry);
        return ReadResult.Entry;
    }

    internal enum LeaseKey : byte
    {
        Other,
        IpAddress,
        MacAddress,
        Hostname,
        ExpiryTime,
    }

    /// <summary>
    /// Which of a lease's keys a property name is, decoded as upstream reads it. Its first byte
    /// chooses the one key it can be, unless that byte starts an escape (then any of them).
    /// </summary>
    internal static LeaseKey KeyOf(ReadOnlySpan<byte> key, bool escaped)
    {
        byte first = key.IsEmpty ? (byte)0 : key[0];
        if (first != (byte)'\\')
        {
            return first switch
            {
                (byte)'i' when JsonText.DecodedEquals(key, escaped, "ip-address"u8) => LeaseKey.IpAddress,
                (byte)'m' when JsonText.DecodedEquals(key, escaped, "mac-address"u8) => LeaseKey.MacAddress,
                (byte)'h' when JsonText.DecodedEquals(key, escaped, "hostname"u8) => LeaseKey.Hostname,
                (byte)'e' when JsonText.DecodedEquals(key, escaped, "expiry-time"u8) => LeaseKey.ExpiryTime,
                _ => LeaseKey.Other,
            };
        }
        return JsonText.DecodedEquals(key, escaped, "ip-address"u8) ? LeaseKey.IpAddress
            : JsonText.DecodedEquals(key, escaped, "mac-address"u8) ? LeaseKey.MacAddress
            : JsonText.DecodedEquals(key, escaped, "hostname"u8) ? LeaseKey.Hostname
            : JsonText.DecodedEquals(key, escaped, "expiry-time"u8) ? LeaseKey.ExpiryTime
            : LeaseKey.Other;
    }

    /// <summary>The string at <paramref name="start"/> as upstream reads it: a span of the file, or unescaped into the scratch.</summary>
    private readonly bool Unescape(int start, int length, bool escaped, scoped ref int used, out ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> raw = _json.Slice(start, length);
        if (!escaped)
        {
            int nul = raw.IndexOf((byte)0);
            value = nul < 0 ? raw : raw.Slice(0, nul);
            return true;
        }
        Span<byte> room = _scratch.Slice(used);
        int decoded = JsonText.Decode(raw, true, room);
        if (decoded < 0)
        {
            value = default;
            return false;
        }
        value = room.Slice(0, decoded);
        used += decoded;
        return true;
    }

    private ReadResult Malformed(out SkipReason skip)
    {
        skip = SkipReason.MalformedJson;
        _array.End(skip);
        return ReadResult.End;
    }
}
