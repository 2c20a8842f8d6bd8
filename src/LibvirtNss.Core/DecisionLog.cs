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

    public void Write(string line) => _sink?.Invoke(line);
}
