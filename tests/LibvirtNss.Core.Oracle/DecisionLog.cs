using System;

namespace LibvirtNss.Core;

/// <summary>
/// Where the lookup tells why it did what it did (one line per decision). Disabled by default;
/// callers test <see cref="Enabled"/> before building a message so a quiet lookup allocates nothing.
/// </summary>
public sealed class DecisionLog
{
    public static readonly DecisionLog Silent = new(null);

    private readonly Action<string>? _sink;

    public DecisionLog(Action<string>? sink) => _sink = sink;

    public bool Enabled => _sink is not null;

    /// <summary>
    /// Hands <paramref name="line"/> to the sink as one line of printable ASCII: any other character
    /// becomes '?'. JSON error messages quote the malformed text, newlines and escape sequences included.
    /// </summary>
    public void Write(string line)
    {
        if (_sink is null)
            return;
        _sink(line.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0
            ? line
            : string.Create(line.Length, line, static (chars, text) =>
            {
                for (int i = 0; i < chars.Length; i++)
                    chars[i] = text[i] is >= ' ' and <= '~' ? text[i] : '?';
            }));
    }
}
