using System;

namespace LibvirtNss.Cli;

/// <summary>Times for people: expiry absolute (UTC) and relative to now, ages.</summary>
internal static class TimeText
{
    public static string Absolute(long expiry) =>
        expiry == 0 ? "never" : DateTimeOffset.FromUnixTimeSeconds(expiry).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'");

    public static string Relative(long expiry, long now)
    {
        if (expiry == 0)
            return "-";
        long delta = expiry - now;
        string span = Span(Math.Abs(delta));
        return delta >= 0 ? "in " + span : span + " ago";
    }

    /// <summary>How long since <paramref name="since"/>: "45s", "3h05m"; "0s" for a time ahead of now (a clock set back).</summary>
    public static string Age(long since, long now) => Span(Math.Max(0, now - since));

    /// <summary>The two largest units: 45s, 12m30s, 3h05m, 2d04h.</summary>
    private static string Span(long seconds)
    {
        if (seconds < 60) return $"{seconds}s";
        if (seconds < 3600) return $"{seconds / 60}m{seconds % 60:00}s";
        if (seconds < 86400) return $"{seconds / 3600}h{seconds % 3600 / 60:00}m";
        return $"{seconds / 86400}d{seconds % 86400 / 3600:00}h";
    }
}
