using System;

namespace LibvirtNss.Core;

/// <summary>
/// One well-formed object of a <c>*.status</c> file, as spans over the file's bytes (unescaped).
/// Guest-controlled: nothing here has been validated beyond its JSON type.
/// </summary>
public readonly ref struct LeaseEntry
{
    public LeaseEntry(ReadOnlySpan<byte> ipAddress, ReadOnlySpan<byte> macAddress,
        ReadOnlySpan<byte> hostname, bool hasHostname, long expiryTime)
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
    public bool HasHostname { get; }

    /// <summary>Seconds since the epoch; 0 means never expires.</summary>
    public long ExpiryTime { get; }
}
