namespace LibvirtNss.Core.Matches;

/// <summary>
/// When a lease answers, and in which order: libvirt's leases helper writes the time a lease
/// expires in seconds since the epoch, and 0 for one that never expires (dnsmasq's infinite
/// lease). Every lookup and the command judge leases by these two rules alone.
/// </summary>
public static class LeaseExpiry
{
    /// <summary>Whether a lease expiring at <paramref name="expiry"/> no longer answers at <paramref name="now"/> (a lease expiring this second still does).</summary>
    public static bool IsExpired(long expiry, long now) => expiry != 0 && expiry < now;

    /// <summary>
    /// Whether a lease expiring at <paramref name="expiry"/> is answered before one expiring at
    /// <paramref name="other"/>: the latest expiry first (the guest renewed it last, so it is most
    /// likely where the guest is now), a never-expiring lease after every other, as upstream.
    /// Equal expiries keep their file order (the caller's sort is stable).
    /// </summary>
    public static bool AnswersBefore(long expiry, long other) => expiry > other;
}
